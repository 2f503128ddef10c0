// Worker side of generateSelfies (generate-selfies.ts): renders and writes the photos it is sent,
// one at a time, and replies with each label. Started by runJobs (labelled-set.ts).
import { renderToFile } from './generate-selfies.ts';
import type { ItemSpec } from './selfie-render.ts';
import { serveJobs } from './labelled-set.ts';

serveJobs((job: { spec: ItemSpec; path: string }) => renderToFile(job.spec, job.path));
