// Worker side of generateDocumentSet (generate-documents.ts): renders and writes the photos it is
// sent, one at a time, and replies with each label. Started by renderInWorkers through tsx's API.
import { parentPort } from 'node:worker_threads';
import { renderToFile, type ItemSpec, type WorkerReply } from './generate-documents.ts';

const port = parentPort;
if (!port) throw new Error('generate-documents.worker.ts must run in a worker thread');

port.on('message', (job: { spec: ItemSpec; path: string }) => {
  renderToFile(job.spec, job.path).then(
    (label) => port.postMessage({ index: job.spec.index, label } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({
        index: job.spec.index,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerReply),
  );
});
