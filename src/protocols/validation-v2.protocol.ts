// validation-v2 as `<kyc-capture>` knows it: documents go by the integrator's numeric code, so a
// document flow needs that code before any photo; and the API takes the front only, no back.
import { ConfigurationError } from '../errors.js';
import { en } from '../i18n/en.js';
import { stepsForDocument } from '../steps.js';
import type { ProtocolDefinition } from './definition.js';
import { VALIDATION_V2 } from './names.js';

/** validation-v2 (Validation API v2, through the integrator's proxy); its adapter is a chunk of its own. */
export const validationV2Protocol = {
  name: VALIDATION_V2,
  validateDocument: (type, { documentTypeCodes }) => {
    if (documentTypeCodes?.[type] === undefined) {
      throw new ConfigurationError(
        en.errors['configuration.document-type-code']({ documentType: type }),
        { reason: { code: 'configuration.document-type-code', params: { documentType: type } } },
      );
    }
  },
  planSteps: (type) => stepsForDocument(type).filter((step) => step !== 'document_back'),
  load: async (client, { session, options }) => {
    const { createValidationV2Adapter } = await import('./validation-v2.js');
    return createValidationV2Adapter({
      client,
      applicantId: session,
      endeavorId: options.endeavorId,
      documentTypeCodes: options.documentTypeCodes,
    });
  },
} as const satisfies ProtocolDefinition;
