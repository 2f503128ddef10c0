// Worker side of generateTabletopSet (tabletop.ts): renders and writes the photos it is sent, one
// at a time, and replies with each manifest item. Started by runJobs (labelled-set.ts).
import { serveJobs } from '../labelled-set.ts';
import { renderToFile } from './tabletop.ts';

serveJobs(renderToFile);
