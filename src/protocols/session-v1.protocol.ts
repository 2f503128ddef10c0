// session-v1 as `<kyc-capture>` knows it: no settings beyond the token and session, the
// document's images as they are, and an adapter small enough to ship with the element.
import { stepsForDocument } from '../steps.js';
import type { ProtocolDefinition } from './definition.js';
import { SESSION_V1 } from './names.js';
import { createSessionV1Adapter } from './session-v1.js';

/** session-v1 (the Document Verification sessions API), the element's default protocol. */
export const sessionV1Protocol = {
  name: SESSION_V1,
  planSteps: stepsForDocument,
  // Loaded with the element (not a chunk of its own): it is the default.
  load: async (client, { session }) => createSessionV1Adapter({ client, sessionId: session }),
} as const satisfies ProtocolDefinition;
