import { expect } from '@open-wc/testing';
import { rejection } from '../test/helpers/async.js';
import { WORKER_LOAD_FAILED, WorkerClient, type WorkerFailure } from './worker-client.js';

/** A real worker from inline source, speaking the protocol by hand. */
function workerOf(source: string): Worker {
  return new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
}

class TestError extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.message);
  }
}

// Says it started (as serveRequests does); doubles numbers, answering later requests first; fails
// on negative ones with a coded error.
const DOUBLER = `
  postMessage({ started: true });
  onmessage = ({ data: { id, request } }) => {
    if (request < 0) postMessage({ id, error: { message: 'negative', code: 'bad-input' } });
    else setTimeout(() => postMessage({ id, result: request * 2 }), request === 1 ? 50 : 0);
  };
`;

describe('WorkerClient', () => {
  it('settles each request with the reply of its own id, and failures as typed errors', async () => {
    const client = new WorkerClient<number, number>(
      workerOf(DOUBLER),
      (failure) => new TestError(failure),
    );
    try {
      expect(await Promise.all([client.request(1), client.request(2)])).to.deep.equal([2, 4]);
      const error = await rejection(client.request(-1));
      expect(error).to.be.instanceOf(TestError);
      expect((error as TestError).failure).to.deep.equal({
        message: 'negative',
        code: 'bad-input',
      });
      expect(client.failed).to.equal(false);
    } finally {
      client.dispose();
    }
  });

  it('reports a worker that fails to start, so the caller can work on the main thread', async () => {
    const client = new WorkerClient<number, number>(
      workerOf('throw new Error("no such module")'),
      (failure) => new TestError(failure),
    );
    const error = await rejection(client.request(1));
    expect(error).to.be.instanceOf(TestError);
    expect((error as TestError).failure.code).to.equal(WORKER_LOAD_FAILED);
    expect(await client.started).to.equal(false);
    expect(client.failed).to.equal(true);
    client.dispose();
  });

  it('moves nothing into a worker whose script is missing: the caller keeps its image', async () => {
    const client = new WorkerClient<ImageBitmap, number>(
      new Worker('/no-such-worker.js', { type: 'module' }),
      (failure) => new TestError(failure),
    );
    const bitmap = await createImageBitmap(new ImageData(4, 4));
    const error = await rejection(client.request(bitmap, [bitmap]));
    expect((error as TestError).failure.code).to.equal(WORKER_LOAD_FAILED);
    expect(bitmap.width, 'still the caller’s').to.equal(4);
    bitmap.close();
    client.dispose();
  });

  it('counts a Worker constructor that throws (a CSP refusal) as a worker that never started', async () => {
    const client = new WorkerClient<number, number>(
      () => {
        throw new DOMException('refused', 'SecurityError');
      },
      (failure) => new TestError(failure),
    );
    expect(await client.started).to.equal(false);
    expect(((await rejection(client.request(1))) as TestError).failure.code).to.equal(
      WORKER_LOAD_FAILED,
    );
  });

  it('rejects after dispose and closes what it was handed to move', async () => {
    const client = new WorkerClient<ImageBitmap, number>(
      workerOf(DOUBLER),
      (failure) => new TestError(failure),
    );
    client.dispose();
    const bitmap = await createImageBitmap(new ImageData(4, 4));
    expect(await rejection(client.request(bitmap, [bitmap]))).to.be.instanceOf(TestError);
    expect(bitmap.width, 'closed').to.equal(0);
  });
});
