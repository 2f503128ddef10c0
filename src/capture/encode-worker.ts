// The encode worker: crops, scales and encodes captured stills as JPEG off the main thread, with
// the same encodeJpeg the main thread uses where there is no worker.
import { serveRequests } from '../worker-client.js';
import { encodeJpeg, type EncodedImage } from './encode.js';
import type { EncodeRequest } from './jpeg-encoder.js';

serveRequests<EncodeRequest, EncodedImage>(async ({ bitmap, options }) => {
  try {
    return await encodeJpeg(bitmap, options);
  } finally {
    bitmap.close();
  }
});
