// idv-sdk as `<kyc-capture>` knows it: it needs the integrator's client id, sent as `X-Client-Id`
// on every call, and sends the person's position with the images.
import { ConfigurationError } from '../errors.js';
import { en } from '../i18n/en.js';
import { stepsForDocument } from '../steps.js';
import type { ProtocolDefinition } from './definition.js';
import { IDV_SDK, idvSdkHeaders } from './names.js';

/** idv-sdk (KYC API "IDV SDK" endpoints); its adapter is a chunk of its own. */
export const idvSdkProtocol = {
  name: IDV_SDK,
  validate: ({ clientId }) => {
    if (!clientId) {
      throw new ConfigurationError(en.errors['configuration.client-id'], {
        reason: { code: 'configuration.client-id' },
      });
    }
  },
  planSteps: stepsForDocument,
  headers: ({ clientId }) => idvSdkHeaders(clientId!),
  load: async (client, { session, clientId, position }) => {
    const { createIdvSdkAdapter } = await import('./idv-sdk.js');
    return createIdvSdkAdapter({
      client,
      sessionId: session,
      clientId: clientId!,
      location: position,
    });
  },
} as const satisfies ProtocolDefinition;
