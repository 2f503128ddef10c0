// idv-sdk as `<kyc-capture>` knows it: it needs the integrator's client id, sent as `X-Client-Id`
// on every call, and a source of the person's position (seed 001 requires latitude and longitude
// on every image and liveness call, and none is made up); its paths and document types may be set.
import { ConfigurationError } from '../errors.js';
import { en } from '../i18n/en.js';
import { stepsForDocument } from '../steps.js';
import type { ProtocolDefinition } from './definition.js';
import { resolveIdvDocumentTypes, resolveIdvSdkPaths } from './idv-sdk-options.js';
import { IDV_SDK, idvSdkHeaders } from './names.js';

/** idv-sdk (KYC API "IDV SDK" endpoints); its adapter is a chunk of its own. */
export const idvSdkProtocol = {
  name: IDV_SDK,
  validate: ({ clientId, options, position }) => {
    if (!clientId) {
      throw new ConfigurationError(en.errors['configuration.client-id'], {
        reason: { code: 'configuration.client-id' },
      });
    }
    if (!position) {
      throw new ConfigurationError(en.errors['configuration.idv-sdk-position'], {
        reason: { code: 'configuration.idv-sdk-position' },
      });
    }
    resolveIdvSdkPaths(options.paths);
    resolveIdvDocumentTypes(options.idvDocumentTypes);
  },
  planSteps: stepsForDocument,
  headers: ({ clientId }) => idvSdkHeaders(clientId!),
  load: async (client, { session, clientId, position, options }) => {
    const { createIdvSdkAdapter } = await import('./idv-sdk.js');
    return createIdvSdkAdapter({
      client,
      sessionId: session,
      clientId: clientId!,
      location: position!,
      ...(options.paths ? { paths: options.paths } : {}),
      ...(options.idvDocumentTypes ? { documentTypes: options.idvDocumentTypes } : {}),
    });
  },
} as const satisfies ProtocolDefinition;
