// The second set of paths the mock backend serves the idv-sdk mock under (mock/index.ts): seed 001
// names operations, not paths, so a real deployment's paths are its own; tests point the SDK's
// `protocolOptions.paths` here to show that reaching such a service needs no custom adapter.
// A leaf module (no imports), so that browser tests can read it too.

/** The idv-sdk mock's second set of paths (`protocolOptions.paths` in the tests that use it). */
export const IDV_SDK_OTHER_PATHS = {
  ping: '/kyc-api/utility/ping',
  health: '/kyc-api/utility/health',
  sessionRead: '/kyc-api/idv/sdk/session-read',
  consent: '/kyc-api/idv/sdk/identity-consent',
  documentType: '/kyc-api/idv/sdk/document-type-update',
  documentFront: '/kyc-api/idv/sdk/document-front-image',
  documentBack: '/kyc-api/idv/sdk/document-back-image',
  livenessGenerate: '/kyc-api/idv/sdk/liveness-session-generate',
  livenessProcess: '/kyc-api/idv/sdk/liveness-session-process',
  metadata: '/kyc-api/idv/sdk/metadata-update',
  finalize: '/kyc-api/idv/sdk/finalization',
} as const;
/** The demo endpoint of the idv-sdk mock under {@link IDV_SDK_OTHER_PATHS}. */
export const IDV_SDK_OTHER_DEMO_PATH = '/demo/idv-other/sessions';
