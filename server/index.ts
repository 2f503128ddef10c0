// kyc-capture/server: helpers for the integrator's own backend (Node ≥ 20, no dependencies).
//
// - results.ts: parsers for verification results (webhooks, status/data/files replies) that keep an
//   undocumented value, marked unrecognised, instead of rejecting the payload;
// - tokens.ts: short-lived browser tokens the proxies accept;
// - link-kyc.ts / validation-v2.ts / idv-sdk.ts / session-v1.ts: narrow proxies that keep vendor
//   credentials off the page;
// - link-kyc-callback.ts / link-kyc-callback-handler.ts: LINK callbacks, parsed, from its addresses;
// - proxy.ts: what the proxies share (only its public types and error class are exported here);
// - limits.ts: the caps on bodies in flight (per browser session and per process);
// - relay.ts: what of a vendor reply reaches the browser (internal);
// - http.ts: request reading, shared with the mock backends (mock/http.ts).
export * from './results.ts';
export * from './tokens.ts';
export * from './link-kyc.ts';
export * from './link-kyc-callback.ts';
export * from './link-kyc-callback-handler.ts';
export * from './validation-v2.ts';
export * from './idv-sdk.ts';
export * from './session-v1.ts';
export {
  createBodyLimits,
  DEFAULT_MAX_BODIES,
  DEFAULT_MAX_BODIES_PER_TOKEN,
  type BodyLimits,
  type BodyLimitsOptions,
} from './limits.ts';
export {
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PROXY_TIMEOUT_MS,
  ProxyHttpError,
  type Middleware,
  type ProxyCommonOptions,
  type ProxyEndpoint,
} from './proxy.ts';
