// Plays the integrator's backend for the protocols whose vendor API needs secrets (link-kyc,
// validation-v2), built on kyc-capture/server exactly as an integrator would use it: the vendor
// credentials stay here, the page gets a short-lived token minted by the helper, and the helper's
// narrow proxies forward the one browser call to the vendor (our mocks, over real HTTP).
//
//   POST /demo/link-kyc/sessions                 {}                    -> MintedSession
//   POST /demo/link-kyc/sessions/{id}/token      {}                    -> MintedSession (renewal)
//   POST /demo/validation/sessions               {applicant settings}  -> MintedSession
//   POST /demo/validation/sessions/{id}/token    {}                    -> MintedSession (renewal)
//   POST /integrator/link-kyc/identity/verify            (the link-kyc proxy)
//   POST /integrator/validation-v2/api/v2/public/Validation (the validation-v2 proxy)
//
// MintedSession = {id, token, expires_at (ISO 8601), api_base}. The applicant settings are those of
// the validation mock's POST /demo/validation/applicants (attempts, outcomes, lrs, ...).
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createLinkKycProxy,
  createTokenIssuer,
  createValidationV2Proxy,
  type IssuedToken,
  type LinkKycProxy,
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

/** The vendor credentials this integrator holds (the mocks' own, by default). */
export interface IntegratorOptions {
  readonly linkKycUser: string;
  readonly linkKycPassword: string;
  readonly validationApiKey: string;
  /** Lifetime of a minted browser token, in seconds. */
  readonly tokenTtlSeconds: number;
}

interface Proxies {
  readonly linkKyc: LinkKycProxy;
  readonly validation: ValidationV2Proxy;
}

function sendMinted(res: ServerResponse, id: string, minted: IssuedToken, apiBase: string): void {
  sendJson(res, 200, {
    id,
    token: minted.token,
    expires_at: new Date(minted.expiresAt).toISOString(),
    api_base: apiBase,
  });
}

const SESSION_PATH = /^\/demo\/(link-kyc|validation)\/sessions(?:\/([^/]+)\/token)?$/;

/** The integrator backend as one middleware: its demo endpoints and the two proxies. */
export function createIntegrator(options: IntegratorOptions): Middleware {
  const tokens = createTokenIssuer({ ttlSeconds: options.tokenTtlSeconds });
  // The vendors are our own mocks on this same server; their address is known at the first call.
  const byOrigin = new Map<string, Proxies>();
  function proxies(req: IncomingMessage): Proxies {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    let found = byOrigin.get(origin);
    if (!found) {
      found = {
        linkKyc: createLinkKycProxy({
          vendorBaseUrl: `${origin}${LINK_KYC_MOCK_BASE}`,
          auth: { user: options.linkKycUser, password: options.linkKycPassword },
          tokens,
        }),
        validation: createValidationV2Proxy({
          vendorBaseUrl: `${origin}${VALIDATION_V2_MOCK_BASE}`,
          vendorHeaders: { Authorization: `Bearer ${options.validationApiKey}` },
          tokens,
        }),
      };
      byOrigin.set(origin, found);
    }
    return found;
  }

  async function mint(req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) {
    const body = await readJsonBody(req, 64 * 1024, { allowEmpty: true });
    if (!isRecord(body)) throw new HttpFailure(400, 'invalid_field', 'The body must be an object.');
    const { linkKyc, validation } = proxies(req);
    const [, protocol, renewFor] = match;
    if (protocol === 'link-kyc') {
      const session = linkKyc.startSession(renewFor ? decodeURIComponent(renewFor) : undefined);
      sendMinted(res, session.requestId, session, LINK_KYC_API_BASE);
      return;
    }
    let id: string;
    if (renewFor) {
      id = decodeURIComponent(renewFor);
    } else {
      // The applicant is created on the vendor, as the integrator's backend would do it.
      const created = await fetch(`http://${req.headers.host}/demo/validation/applicants`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const reply = (await created.json()) as { applicantId?: string; error?: unknown };
      if (!created.ok || !reply.applicantId) {
        throw new HttpFailure(
          created.status,
          'invalid_field',
          JSON.stringify(reply.error ?? reply),
        );
      }
      id = reply.applicantId;
    }
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
    if (path.startsWith(`${LINK_KYC_API_BASE}/`)) {
      proxies(req).linkKyc.middleware(req, res, next);
      return;
    }
    if (path.startsWith(`${VALIDATION_API_BASE}/`)) {
      proxies(req).validation.middleware(req, res, next);
      return;
    }
    next();
  };
}
