// The session-v1 proxy (seed 004, "Document Verification": `POST /api/v1/verification/{sid}/images`),
// for the integrator's backend.
//
// Seed 004 gives "Add image to session" the `verify_access_token` scheme and says it "Must be sent
// from the backend", while "Create verification session" says its start token "will be used when
// initiating the verification process from the client side". A backend that accepts the start
// token on add-image needs no proxy (the page sends it directly). One that follows "Must be sent
// from the backend" literally needs this proxy: the page holds only a short-lived kyc-capture token
// from `startSession` (tokens.ts), bound to one session id; the proxy answers add-image for that
// session and nothing else (no create, list, image download, result or delete: those are the
// backend's own calls with its access token), checks that the path's session id is the token's,
// rebuilds the body from the seed's two fields (`image`, `device_info`), adds the access token
// server-side and relays the vendor's reply (proxy.ts): 200 feedback, 400, 404, 409.
//
// The browser side is `<kyc-capture protocol="session-v1" api-base="<mount>">` unchanged: its path
// `/api/v1/verification/{sid}/images` is relative to api-base, which this proxy answers under its
// `mountPath` only. Nothing in add-image chooses what is billed: the session (and its behaviour)
// is made by the backend's own "Create verification session", never through this proxy.
import { isRecord, nonEmptyString } from './json-fields.ts';
import {
  createEndpoint,
  forwardJson,
  invalidBody,
  proxySettings,
  ProxyHttpError,
  resolveVendorHeaders,
  type ProxyCommonOptions,
  type ProxyEndpoint,
} from './proxy.ts';
import { nestedErrorFields } from './relay.ts';
import type { IssuedToken, TokenIssuer } from './tokens.ts';

/** The browser-token scope the session-v1 proxy accepts. */
export const SESSION_V1_SCOPE = 'session-v1';

/** The seed's add-image path for a session id (the id URL-encoded, as the browser SDK sends it). */
export function sessionV1ImagesPath(sessionId: string): string {
  return `/api/v1/verification/${encodeURIComponent(sessionId)}/images`;
}

/** Any session's add-image path under `mountPath`; group 1 is the encoded session id. */
function imagesPath(mountPath: string): RegExp {
  const mount = mountPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${mount}/api/v1/verification/([^/]+)/images$`);
}

/** Your backend's access token, or a function giving it per request (called with the session id). */
export type SessionV1AccessToken = string | ((sessionId: string) => Promise<string>);

/** What {@link createSessionV1Proxy} takes. */
export interface SessionV1ProxyOptions extends ProxyCommonOptions {
  /** The Document Verification API's base URL (the part before `/api/v1/verification`). */
  readonly vendorBaseUrl: string;
  /**
   * The seed's `verify_access_token`, sent as `Authorization: Bearer` on every add-image; a
   * function is called per request (e.g. to fetch or renew it). If it throws or gives no token,
   * the browser gets 502 `upstream_auth_failed`. Never sent to the browser.
   */
  readonly accessToken: SessionV1AccessToken;
  /** Mints and checks the browser tokens (scope `session-v1`). */
  readonly tokens: TokenIssuer;
}

/**
 * The session-v1 proxy: `handle` and `middleware` answer `POST`/`OPTIONS
 * …/api/v1/verification/{sid}/images` for the token's session only (see ProxyEndpoint).
 */
export interface SessionV1Proxy extends ProxyEndpoint {
  /**
   * Mints a browser token bound to this session (the `session_id` of your "Create verification
   * session"); hand `token` to the page instead of the start token.
   */
  startSession(sessionId: string): IssuedToken;
}

/** The vendor's add-image body, as this proxy builds it. */
export interface SessionV1VendorBody {
  /** The seed's required "image to add"; its fields are the SDK's (the seed leaves them open). */
  image: Record<string, unknown>;
  /** The seed's optional "device information". */
  device_info?: Record<string, unknown>;
}

/** Visible ASCII only: anything else cannot go in an Authorization header. */
const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

/**
 * The seed's two fields of the browser's body; every other field is dropped. The seed names no
 * field inside `image` or `device_info`, so their contents go as they are (the vendor reads them).
 */
function readAddImage(input: unknown): SessionV1VendorBody {
  if (!isRecord(input)) throw invalidBody('The body must be a JSON object.');
  const { image, device_info: deviceInfo } = input;
  if (!isRecord(image)) throw invalidBody('image must be a JSON object.');
  if (deviceInfo !== undefined && !isRecord(deviceInfo)) {
    throw invalidBody('device_info must be a JSON object when present.');
  }
  return { image, ...(deviceInfo !== undefined ? { device_info: deviceInfo } : {}) };
}

/** The session id in an add-image path, decoded; undefined when the path has none or a bad escape. */
function pathSessionId(pattern: RegExp, pathname: string): string | undefined {
  const encoded = pattern.exec(pathname)?.[1];
  if (encoded === undefined) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/**
 * Creates the session-v1 proxy. Per request: match `…/api/v1/verification/{sid}/images` (404
 * otherwise; 405 for a method other than POST), check the browser token (401 with its code) and
 * that `{sid}` is the token's session (403 `session_mismatch`), read the body (413 over
 * `maxBodyBytes`), keep `image` and `device_info` (400 `invalid_body`), forward to the token's
 * session with the access token, and relay the reply as proxy.ts describes (a vendor 401/403
 * becomes 502 `upstream_auth_failed`).
 * @throws TypeError/RangeError for bad options.
 */
export function createSessionV1Proxy(options: SessionV1ProxyOptions): SessionV1Proxy {
  const settings = proxySettings(options);
  const { tokens, accessToken } = options;
  if (typeof accessToken === 'string') {
    if (!TOKEN_CHARACTERS.test(accessToken)) {
      throw new TypeError('accessToken must be a non-empty string of visible ASCII characters.');
    }
  } else if (typeof accessToken !== 'function') {
    throw new TypeError('accessToken must be a string or a function returning one.');
  }

  /** The Authorization header for one call; resolveVendorHeaders turns any failure into a 502. */
  const authorization = (sessionId: string) =>
    resolveVendorHeaders(async () => {
      const token = typeof accessToken === 'string' ? accessToken : await accessToken(sessionId);
      if (!nonEmptyString(token) || !TOKEN_CHARACTERS.test(token)) {
        throw new TypeError('accessToken did not give a token.');
      }
      return { Authorization: `Bearer ${token}` };
    });

  const path = imagesPath(settings.mountPath);
  const endpoint = createEndpoint({
    path,
    scope: SESSION_V1_SCOPE,
    tokens,
    settings,
    errorFields: nestedErrorFields,
    checkPath(claims, pathname) {
      if (pathSessionId(path, pathname) !== claims.subject) {
        throw new ProxyHttpError(
          403,
          'session_mismatch',
          'The token is not valid for this session.',
        );
      }
    },
    async forward(claims, input, signal) {
      const sessionId = claims.subject;
      const body = JSON.stringify(readAddImage(input));
      return forwardJson({
        ...settings,
        url: `${settings.vendorBaseUrl}${sessionV1ImagesPath(sessionId)}`,
        headers: await authorization(sessionId),
        body,
        signal,
      });
    },
  });

  function startSession(sessionId: string): IssuedToken {
    if (!nonEmptyString(sessionId)) throw new TypeError('sessionId must be a non-empty string.');
    return tokens.issue({ scope: SESSION_V1_SCOPE, subject: sessionId });
  }

  return { startSession, ...endpoint };
}
