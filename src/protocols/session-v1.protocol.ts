// session-v1 as `<kyc-capture>` knows it: one optional setting (the backend's own image names,
// which seed 004 leaves open), the document's images as they are, and an adapter small enough to
// ship with the element.
import { ConfigurationError } from '../errors.js';
import { en } from '../i18n/en.js';
import { isRecord } from '../internal/guards.js';
import { IMAGE_STEPS, isImageStep, stepsForDocument } from '../steps.js';
import type { ProtocolDefinition } from './definition.js';
import { SESSION_V1 } from './names.js';
import { createSessionV1Adapter, imageName } from './session-v1.js';

const IMAGE_NAME = /^[^\s]{1,100}$/;

/** `protocolOptions.imageNames`: a name per image step, no spaces, no two images alike. */
function validateImageNames(names: unknown): void {
  if (names === undefined) return;
  const refuse = (detail: string) => {
    const message = en.errors['configuration.image-names']({ detail });
    throw new ConfigurationError(message, {
      reason: { code: 'configuration.image-names', params: { detail } },
    });
  };
  if (!isRecord(names)) refuse('it must be an object of step → name.');
  for (const [step, name] of Object.entries(names as object)) {
    if (!isImageStep(step)) refuse(`"${step}" is not one of ${IMAGE_STEPS.join(', ')}.`);
    if (typeof name !== 'string' || !IMAGE_NAME.test(name)) {
      refuse(`the name of ${step} must be 1 to 100 characters without spaces.`);
    }
  }
  const spoken = IMAGE_STEPS.map((step) => imageName(step, names as Record<string, string>));
  if (new Set(spoken).size !== spoken.length) refuse('two images have the same name.');
}

/** session-v1 (the Document Verification sessions API), the element's default protocol. */
export const sessionV1Protocol = {
  name: SESSION_V1,
  planSteps: stepsForDocument,
  // Loaded with the element (not a chunk of its own): it is the default.
  validate: ({ options }) => validateImageNames(options.imageNames),
  load: async (client, { session, options }) =>
    createSessionV1Adapter({ client, sessionId: session, imageNames: options.imageNames }),
} as const satisfies ProtocolDefinition;
