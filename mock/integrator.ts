// Plays the integrator's backend for the protocols whose vendor API needs secrets (link-kyc,
// validation-v2, and session-v1 for a backend that wants add-image "sent from the backend"), built
// on kyc-capture/server exactly as an integrator would use it: the vendor credentials stay here, the
// page gets a short-lived token minted by the helper, and the helper's narrow proxies forward the one browser call to the vendor (our mocks, over real HTTP).
//
//   POST /demo/link-kyc/sessions                 {}                    -> MintedSession
//   POST /demo/link-kyc/sessions/{id}/token      {}                    -> MintedSession (renewal)
//   POST /demo/validation/sessions               {applicant settings}  -> MintedSession
//   POST /demo/validation/sessions/{id}/token    {}                    -> MintedSession (renewal)
//   POST /demo/session-v1/sessions               {mock_behavior?}      -> MintedSession
//   POST /demo/session-v1/sessions/{id}/token    {}                    -> MintedSession (renewal)
//   POST /integrator/link-kyc/identity/verify            (the link-kyc proxy)
//   POST /integrator/validation-v2/api/v2/public/Validation (the validation-v2 proxy)
//   POST /integrator/session-v1/api/v1/verification/{sid}/images (the session-v1 proxy)
//
// MintedSession = {id, token, expires_at (ISO 8601), api_base}. The applicant settings are those of
// the validation mock's POST /demo/validation/applicants (attempts, outcomes, lrs, ...); a session-v1
// session is created on the session-v1 mock with its access token, `mock_behavior` passed on.
//
// Where the vendors are is configuration (`vendorOrigin`), never the request: a request's Host
// header is the browser's to write, and the credentials go wherever the vendor URL points. So one
// set of proxies serves the process, made once from that configured origin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createLinkKycProxy,
  createTokenIssuer,
  createSessionV1Proxy,
  createValidationV2Proxy,
  type IssuedToken,
  type LinkKycProxy,
  type SessionV1Proxy,
  type ValidationV2Proxy,
} from '../server/index.ts';
import { HttpFailure, readJsonBody, sendFailure, sendJson, type Middleware } from './http.ts';
import { isRecord } from '../src/internal/guards.ts';
import { LINK_KYC_MOCK_BASE } from './link-kyc.ts';
import { VALIDATION_V2_MOCK_BASE } from './validation-v2.ts';

/** Where the page finds the proxies. */
export const INTEGRATOR_BASE = '/integrator';
const LINK_KYC_API_BASE = `${INTEGRATOR_BASE}/link-kyc`;
const VALIDATION_API_BASE = `${INTEGRATOR_BASE}/validation-v2`;
const SESSION_V1_API_BASE = `${INTEGRATOR_BASE}/session-v1`;

/** The vendor credentials this integrator holds (the mocks' own, by default). */
export interface IntegratorOptions {
  /**
   * The vendors' origin (`http://127.0.0.1:8787`; the mocks are mounted under it), or a function
   * giving it once, e.g. when it is known only after a server starts listening. Never taken from
   * a request.
   */
  readonly vendorOrigin: string | (() => Promise<string>);
  /**
   * The browser tokens' HMAC secret (≥ 32 bytes, the same on every instance); undefined uses a
   * random one for this process (`devRandomSecret`), which is what a single dev server needs.
   */
  readonly tokenSecret: string | undefined;
  readonly linkKycUser: string;
  readonly linkKycPassword: string;
  readonly validationApiKey: string;
  /** The session-v1 backend's access token. */
  readonly sessionV1AccessToken: string;
  /** Lifetime of a minted browser token, in seconds. */
  readonly tokenTtlSeconds: number;
}

interface Proxies {
  readonly linkKyc: LinkKycProxy;
  readonly validation: ValidationV2Proxy;
  readonly sessionV1: SessionV1Proxy;
}

/** The mock's codes for the three documents the demo offers (seed 002 names only 10). */
const VALIDATION_DOCUMENT_TYPES = [1, 2, 3];

function sendMinted(res: ServerResponse, id: string, minted: IssuedToken, apiBase: string): void {
  sendJson(res, 200, {
    id,
    token: minted.token,
    expires_at: new Date(minted.expiresAt).toISOString(),
    api_base: apiBase,
  });
}

/**
 * Creates what the page acts on (an applicant, a session) on a vendor mock of this same server, as
 * the integrator's backend would, and returns the id the reply names in `idField`; the rest of the
 * reply (e.g. session-v1's start token) stays here.
 */
async function createOnVendor(
  origin: string,
  path: string,
  body: unknown,
  idField: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<string> {
  const created = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    redirect: 'error',
  });
  const reply = (await created.json()) as Record<string, unknown>;
  const id = reply[idField];
  if (!created.ok || typeof id !== 'string') {
    throw new HttpFailure(created.status, 'invalid_field', JSON.stringify(reply['error'] ?? reply));
  }
  return id;
}

const SESSION_PATH = /^\/demo\/(link-kyc|validation|session-v1)\/sessions(?:\/([^/]+)\/token)?$/;

/** The integrator backend as one middleware: its demo endpoints and the three proxies. */
export function createIntegrator(options: IntegratorOptions): Middleware {
  const tokens = createTokenIssuer(
    options.tokenSecret === undefined
      ? { devRandomSecret: true, ttlSeconds: options.tokenTtlSeconds }
      : { secret: options.tokenSecret, ttlSeconds: options.tokenTtlSeconds },
  );
  const { vendorOrigin } = options;

  /** The one set of proxies, made the first time the vendors' configured origin is known. */
  let ready: Promise<Proxies & { readonly origin: string }> | undefined;
  function proxies(): Promise<Proxies & { readonly origin: string }> {
    ready ??= (async () => {
      const origin = typeof vendorOrigin === 'string' ? vendorOrigin : await vendorOrigin();
      return {
        origin,
        linkKyc: createLinkKycProxy({
          vendorBaseUrl: `${origin}${LINK_KYC_MOCK_BASE}`,
          mountPath: LINK_KYC_API_BASE,
          auth: { user: options.linkKycUser, password: options.linkKycPassword },
          tokens,
          // What this demo pays for: a selfie with every document, no paid extras.
          requireFaceImage: true,
        }),
        validation: createValidationV2Proxy({
          vendorBaseUrl: `${origin}${VALIDATION_V2_MOCK_BASE}`,
          mountPath: VALIDATION_API_BASE,
          vendorHeaders: { Authorization: `Bearer ${options.validationApiKey}` },
          tokens,
          documentTypes: VALIDATION_DOCUMENT_TYPES,
        }),
        sessionV1: createSessionV1Proxy({
          vendorBaseUrl: origin,
          mountPath: SESSION_V1_API_BASE,
          accessToken: options.sessionV1AccessToken,
          tokens,
        }),
      };
    })();
    // A failed start (the origin could not be had) is tried again on the next request.
    ready.catch(() => (ready = undefined));
    return ready;
  }

  async function mint(req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) {
    const body = await readJsonBody(req, 64 * 1024, { allowEmpty: true });
    if (!isRecord(body)) throw new HttpFailure(400, 'invalid_field', 'The body must be an object.');
    const { linkKyc, validation, sessionV1, origin } = await proxies();
    const [, protocol, renewFor] = match;
    if (protocol === 'link-kyc') {
      const session = linkKyc.startSession(renewFor ? decodeURIComponent(renewFor) : undefined);
      sendMinted(res, session.requestId, session, LINK_KYC_API_BASE);
      return;
    }
    if (protocol === 'session-v1') {
      // "Create verification session" with the backend's access token.
      const id = renewFor
        ? decodeURIComponent(renewFor)
        : await createOnVendor(
            origin,
            '/api/v1/verification',
            { mock_behavior: body['mock_behavior'] },
            'session_id',
            { Authorization: `Bearer ${options.sessionV1AccessToken}` },
          );
      sendMinted(res, id, sessionV1.startSession(id), SESSION_V1_API_BASE);
      return;
    }
    // The applicant is created on the vendor, as the integrator's backend would do it.
    const id = renewFor
      ? decodeURIComponent(renewFor)
      : await createOnVendor(origin, '/demo/validation/applicants', body, 'applicantId');
    sendMinted(res, id, validation.startSession({ applicantId: id }), VALIDATION_API_BASE);
  }

  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const match = SESSION_PATH.exec(path);
    if (match && req.method === 'POST') {
      mint(req, res, match).catch((error: unknown) =>
        sendFailure(
          res,
          error instanceof HttpFailure ? error : new HttpFailure(500, 'internal', String(error)),
        ),
      );
      return;
    }
    const proxy = path.startsWith(`${LINK_KYC_API_BASE}/`)
      ? 'linkKyc'
      : path.startsWith(`${VALIDATION_API_BASE}/`)
        ? 'validation'
        : path.startsWith(`${SESSION_V1_API_BASE}/`)
          ? 'sessionV1'
          : undefined;
    if (!proxy) {
      next();
      return;
    }
    proxies().then(
      (set) => set[proxy].middleware(req, res, next),
      (error: unknown) => next(error),
    );
  };
}
