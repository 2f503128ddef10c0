// What each built-in protocol's definition (`*.protocol.ts`, loaded with the element) and its
// adapter (a chunk of its own, but session-v1's) both need: the name `<kyc-capture protocol>`
// spells, and idv-sdk's client header. They sit here, in a module without a dynamic import, because
// an adapter chunk that imports its definition module makes the bundler split the element's chunk
// in two (measured: +0.7 kB gzip, over the size budget).

/** session-v1's name, as `<kyc-capture protocol>` spells it. */
export const SESSION_V1 = 'session-v1';
/** idv-sdk's name, as `<kyc-capture protocol>` spells it. */
export const IDV_SDK = 'idv-sdk';
/** link-kyc's name, as `<kyc-capture protocol>` spells it. */
export const LINK_KYC = 'link-kyc';
/** validation-v2's name, as `<kyc-capture protocol>` spells it. */
export const VALIDATION_V2 = 'validation-v2';

/** The client-wide headers a KycClient for idv-sdk needs: `X-Client-Id` on every call. */
export function idvSdkHeaders(clientId: string): Record<string, string> {
  return { 'X-Client-Id': clientId };
}
