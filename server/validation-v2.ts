// The Validation v2 proxy (seed 002: `POST /api/v2/public/Validation`), for the integrator's
// backend.
//
// The seed does not say how the API authenticates, so the integrator supplies the vendor headers
// (static, or a function called per request, e.g. to fetch an OAuth token). The browser SDK posts
// its Validation body to this proxy with a browser token from `startSession`, which binds the
// applicant (and LRS endeavor): `applicantId`/`endeavorId` always come from the token, never from
// the browser. The verification the integrator pays for is the server's choice too: the allowed
// `documentType`s (by default any but 10, face only, which skips the document) and a front image
// with every document type. Vendor replies are relayed as relay.ts says: a 400 as its documented
// fields only (`{"code":120038,"message":"No faces found"}`).
import { isRecord, nonEmptyString } from './json-fields.ts';
import {
  ProxyHttpError,
  checkVendorHeaders,
  createEndpoint,
  forwardJson,
  invalidBody,
  proxySettings,
  resolveVendorHeaders,
  type ProxyCommonOptions,
  type ProxyEndpoint,
  type VendorHeaders,
} from './proxy.ts';
import type { IssuedToken, TokenIssuer } from './tokens.ts';

/** The browser-token scope the Validation v2 proxy accepts. */
export const VALIDATION_V2_SCOPE = 'validation-v2';

/** The vendor path the Validation v2 proxy answers and forwards to. */
export const VALIDATION_V2_PATH = '/api/v2/public/Validation';

export type { VendorHeaders } from './proxy.ts';

/** Seed 002's `documentType` for registration or authorization by face alone (no document). */
export const VALIDATION_V2_FACE_ONLY = 10;

/** What {@link createValidationV2Proxy} takes. */
export interface ValidationV2ProxyOptions extends ProxyCommonOptions {
  /** The vendor's base URL (the part before `/api/v2/public/Validation`). */
  readonly vendorBaseUrl: string;
  /**
   * Headers that authenticate the proxy to the vendor (API key, bearer token, ...). A function is
   * called for every request; if it throws, the browser gets 502 `upstream_auth_failed`.
   * `Content-Type`, `Accept` and hop-by-hop headers are set by the proxy and cannot be overridden.
   */
  readonly vendorHeaders: VendorHeaders;
  /** Mints and checks the browser tokens (scope `validation-v2`). */
  readonly tokens: TokenIssuer;
  /**
   * The `documentType` codes the browser may send; any other is 400 `document_type_not_allowed`.
   * Default: any but 10 (face only, which skips the document check); list 10 to allow it. Every
   * code but 10 needs `frontImageBase64`; 10 takes none.
   */
  readonly documentTypes?: readonly number[];
}

/** Whom a Validation v2 session acts for. */
export interface ValidationV2Subject {
  /** The vendor's applicant id. */
  readonly applicantId: string;
  /** The LRS endeavor id (only when LRS is enabled). */
  readonly endeavorId?: string;
}

/**
 * The Validation v2 proxy: `handle` and `middleware` answer `POST`/`OPTIONS
 * …/api/v2/public/Validation` (see ProxyEndpoint).
 */
export interface ValidationV2Proxy extends ProxyEndpoint {
  /** Mints a browser token bound to this applicant (and endeavor); hand `token` to the page. */
  startSession(subject: ValidationV2Subject): IssuedToken;
}

/** The vendor's Validation body, as this proxy builds it. */
export interface ValidationV2VendorBody {
  model: { faceImageBase64: string; frontImageBase64?: string; documentType: number };
  applicantId: string;
  endeavorId?: string;
}

/** The error fields seed 002 documents: a numeric `code` and a `message`. */
function validationErrorFields(body: unknown): Record<string, unknown> | undefined {
  if (!isRecord(body)) return undefined;
  const { code, message } = body;
  const out: Record<string, unknown> = {};
  if (typeof code === 'number' && Number.isSafeInteger(code)) out['code'] = code;
  if (typeof message === 'string') out['message'] = message;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The browser's `model`, checked; every other field of its body is dropped. */
function readModel(input: unknown): ValidationV2VendorBody['model'] {
  if (!isRecord(input)) throw invalidBody('The body must be a JSON object.');
  const model = input['model'];
  if (!isRecord(model)) throw invalidBody('model must be a JSON object.');
  const { faceImageBase64: face, frontImageBase64: front, documentType } = model;
  if (!nonEmptyString(face)) throw invalidBody('model.faceImageBase64 must be a base64 string.');
  if (front !== undefined && front !== null && !nonEmptyString(front)) {
    throw invalidBody('model.frontImageBase64 must be a base64 string when present.');
  }
  if (typeof documentType !== 'number' || !Number.isSafeInteger(documentType)) {
    throw invalidBody('model.documentType must be an integer.');
  }
  return {
    faceImageBase64: face,
    ...(nonEmptyString(front) ? { frontImageBase64: front } : {}),
    documentType,
  };
}

/**
 * Creates the Validation v2 proxy. Per request: check the browser token (401 with its code), read
 * the body (413 over `maxBodyBytes`), check `model` (400 `invalid_body`, or
 * `document_type_not_allowed`), build the vendor body with the token's applicantId/endeavorId,
 * forward with the vendor headers, and relay the reply as relay.ts describes.
 * @throws TypeError/RangeError for bad options.
 */
export function createValidationV2Proxy(options: ValidationV2ProxyOptions): ValidationV2Proxy {
  const settings = proxySettings(options);
  const { tokens, vendorHeaders } = options;
  checkVendorHeaders(vendorHeaders);
  const allowed = options.documentTypes;
  if (
    allowed !== undefined &&
    (!Array.isArray(allowed) ||
      allowed.length === 0 ||
      !allowed.every((code) => Number.isSafeInteger(code)))
  ) {
    throw new TypeError('documentTypes must be a non-empty array of integers.');
  }
  const documentTypeAllowed = (code: number) =>
    allowed ? allowed.includes(code) : code !== VALIDATION_V2_FACE_ONLY;

  /** The browser's model, held to the server's choice of verification. */
  function checkedModel(input: unknown): ValidationV2VendorBody['model'] {
    const model = readModel(input);
    if (!documentTypeAllowed(model.documentType)) {
      throw new ProxyHttpError(
        400,
        'document_type_not_allowed',
        `model.documentType ${model.documentType} is not allowed here.`,
      );
    }
    const faceOnly = model.documentType === VALIDATION_V2_FACE_ONLY;
    if (!faceOnly && model.frontImageBase64 === undefined) {
      throw invalidBody('model.frontImageBase64 is required with a document type.');
    }
    if (faceOnly && model.frontImageBase64 !== undefined) {
      throw invalidBody('model.frontImageBase64 must not be sent with documentType 10.');
    }
    return model;
  }
  const url = `${settings.vendorBaseUrl}${VALIDATION_V2_PATH}`;

  const endpoint = createEndpoint({
    path: VALIDATION_V2_PATH,
    scope: VALIDATION_V2_SCOPE,
    tokens,
    settings,
    errorFields: validationErrorFields,
    async forward(claims, input, signal) {
      const endeavorId = claims.data['endeavorId'];
      const body: ValidationV2VendorBody = {
        model: checkedModel(input),
        applicantId: claims.subject,
        ...(endeavorId !== undefined ? { endeavorId } : {}),
      };
      return forwardJson({
        ...settings,
        url,
        headers: await resolveVendorHeaders(vendorHeaders),
        body: JSON.stringify(body),
        signal,
      });
    },
  });

  function startSession(subject: ValidationV2Subject): IssuedToken {
    if (!isRecord(subject) || !nonEmptyString(subject.applicantId)) {
      throw new TypeError('applicantId must be a non-empty string.');
    }
    const { applicantId, endeavorId } = subject;
    if (endeavorId !== undefined && !nonEmptyString(endeavorId)) {
      throw new TypeError('endeavorId must be a non-empty string when given.');
    }
    return tokens.issue({
      scope: VALIDATION_V2_SCOPE,
      subject: applicantId,
      data: endeavorId !== undefined ? { endeavorId } : {},
    });
  }

  return { startSession, ...endpoint };
}
