// link-kyc as `<kyc-capture>` knows it: every verification names the document's issuing country,
// so the element refuses to start without it.
import { ConfigurationError } from '../errors.js';
import { en } from '../i18n/en.js';
import { stepsForDocument } from '../steps.js';
import type { ProtocolDefinition } from './definition.js';
import { LINK_KYC } from './names.js';

/** link-kyc (LINK Mobility KYC, through the integrator's proxy); its adapter is a chunk of its own. */
export const linkKycProtocol = {
  name: LINK_KYC,
  validate: ({ options }) => {
    if (!options.expeditorCountry) {
      throw new ConfigurationError(en.errors['configuration.expeditor-country'], {
        reason: { code: 'configuration.expeditor-country' },
      });
    }
  },
  planSteps: stepsForDocument,
  load: async (client, { session, options }) => {
    const { createLinkKycAdapter } = await import('./link-kyc.js');
    return createLinkKycAdapter({
      client,
      requestId: session,
      expeditorCountry: options.expeditorCountry!,
      certify: options.certify,
      manualVerification: options.manualVerification,
    });
  },
} as const satisfies ProtocolDefinition;
