// The validation-v2 protocol (Validation API v2, seed 002): one JSON request,
// `POST /api/v2/public/Validation`, with the selfie as `faceImageBase64`, the document front as
// `frontImageBase64` and a numeric `documentType` (10: face only, for registration or
// authorization by face), for one `applicantId`. The seed does not say how the API authenticates,
// so the browser talks to the integrator's proxy (kyc-capture/server's `createValidationV2Proxy`),
// which binds the applicant to the short-lived token it minted and adds the real credentials.
import type { KycClient } from '../api/client.js';
import { HttpError } from '../api/errors.js';
import type { Capture } from '../capture/types.js';
import { KycError, type Reason } from '../errors.js';
import { en } from '../i18n/en.js';
import type { DocumentType, ImageStep } from '../steps.js';
import { BATCH_COMPLETE, HELD, HeldCaptures, isLastImage } from './batch.js';
import { isRecord } from '../internal/guards.js';
import type { FinishResult, ProtocolAdapter, SendOptions, ServerFeedback } from './types.js';
import { VALIDATION_V2 } from './names.js';

export { VALIDATION_V2 } from './names.js';

/** The one endpoint, relative to the proxy's (or API's) base URL. */
export const VALIDATION_V2_PATH = '/api/v2/public/Validation';

/** `documentType` for registration or authorization by face alone (seed 002). */
export const FACE_ONLY_DOCUMENT_TYPE = 10;

/** The verification `status` values (seed 002, "Verification results"). */
export const ValidationStatus = {
  /** All checks passed. */
  Success: 0,
  /** One or more checks failed. */
  Fail: 1,
  /** The request had incorrect or missing data. */
  InvalidData: 2,
  /** An internal error while verifying. */
  Error: 3,
} as const;
/** One documented status. */
export type ValidationStatus = (typeof ValidationStatus)[keyof typeof ValidationStatus];

/**
 * A reply's `validationStatus` (seed 002): one flag per check, null when the check did not run
 * (face only: every document flag is null).
 */
export interface ValidationV2Checks {
  /** The document's expiry date has passed. */
  readonly expired: boolean | null;
  /** The document passed authentication. */
  readonly documentIsValid: boolean | null;
  /** The face passed (matching, search). */
  readonly faceIsValid: boolean | null;
  /** The face passed the anti-spoofing check. */
  readonly antiSpoofingIsValid: boolean | null;
  /** The face image's quality passed (reported on face-only replies too: it is the selfie's). */
  readonly qualityIsValid: boolean | null;
}

/** The fields of a Validation reply the SDK reads; the whole body is kept for the host. */
export interface ValidationV2Response {
  readonly applicantId: string | null;
  readonly attemptId: number | null;
  readonly attemptsCount: number | null;
  /** Attempts still allowed after this one. */
  readonly attemptsLeft: number;
  /** 0 Success, 1 Fail, 2 InvalidData, 3 Error; other numbers kept as sent. */
  readonly status: number;
  /** Whether the face passed; null when not checked. */
  readonly faceSuccess: boolean | null;
  /** Whether the document passed; null when not checked (face only). */
  readonly documentSuccess: boolean | null;
  /** What was wrong with the data, for status 2 (the seed gives no item shape: kept as text). */
  readonly invalidDataErrors: readonly string[];
  /** The checks one by one; null when the reply has none. */
  readonly validationStatus: ValidationV2Checks | null;
  /** False when the document has expired; null when not checked (face only). */
  readonly documentHasNotExpired: boolean | null;
  /** The reply as sent (it holds the document's data for the host). */
  readonly body: Readonly<Record<string, unknown>>;
}

function nullableNumber(body: Record<string, unknown>, key: string): number | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new Error(`${key} is not an integer.`);
  return value;
}

function nullableBoolean(body: Record<string, unknown>, key: string): boolean | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw new Error(`${key} is not a boolean.`);
  return value;
}

/** Validates a Validation reply; throws (the client turns it into a `ResponseFormatError`). */
export function parseValidationV2Response(body: unknown): ValidationV2Response {
  if (!isRecord(body)) throw new Error('The Validation reply is not a JSON object.');
  const status = nullableNumber(body, 'status');
  if (status === null) throw new Error('The Validation reply has no status.');
  const attemptsLeft = nullableNumber(body, 'attemptsLeft');
  if (attemptsLeft === null || attemptsLeft < 0) {
    throw new Error('The Validation reply has no attemptsLeft.');
  }
  const applicantId = body['applicantId'];
  if (applicantId !== undefined && applicantId !== null && typeof applicantId !== 'string') {
    throw new Error('applicantId is not a string.');
  }
  const errors = body['invalidDataErrors'] ?? [];
  if (!Array.isArray(errors)) throw new Error('invalidDataErrors is not an array.');
  const checks = body['validationStatus'] ?? null;
  if (checks !== null && !isRecord(checks)) throw new Error('validationStatus is not an object.');
  return {
    applicantId: applicantId ?? null,
    attemptId: nullableNumber(body, 'attemptId'),
    attemptsCount: nullableNumber(body, 'attemptsCount'),
    attemptsLeft,
    status,
    faceSuccess: nullableBoolean(body, 'faceSuccess'),
    documentSuccess: nullableBoolean(body, 'documentSuccess'),
    invalidDataErrors: errors.map((error: unknown) =>
      typeof error === 'string' ? error : JSON.stringify(error),
    ),
    validationStatus: checks && {
      expired: nullableBoolean(checks, 'expired'),
      documentIsValid: nullableBoolean(checks, 'documentIsValid'),
      faceIsValid: nullableBoolean(checks, 'faceIsValid'),
      antiSpoofingIsValid: nullableBoolean(checks, 'antiSpoofingIsValid'),
      qualityIsValid: nullableBoolean(checks, 'qualityIsValid'),
    },
    documentHasNotExpired: nullableBoolean(body, 'documentHasNotExpired'),
    body,
  };
}

/** Stable codes of {@link ValidationV2Error}: one per documented error, by what it means. */
export const ValidationV2ErrorCode = {
  /** 120036: this request was already completed. */
  AlreadyCompleted: 'already-completed',
  /** 120037 (or a failed reply with no attempts left): every attempt is used. */
  AttemptsExhausted: 'attempts-exhausted',
  /** 120038 "Face image is empty". */
  FaceImageEmpty: 'face-image-empty',
  /** 120038 "No faces found". */
  NoFace: 'no-face',
  /** 120038 "Multiple faces found". */
  MultipleFaces: 'multiple-faces',
  /** 120038 whose message is none of the seed's three: the selfie is still taken again. */
  FaceNotUsable: 'face-not-usable',
  /** 120029 (GraphQL) and 120039 (profile search, quality or liveness calculation failed). */
  PlatformError: 'platform-error',
  /** 120040: the applicant's request is closed. */
  RequestClosed: 'request-closed',
  /** 120041: the document type is not supported (face profiles off). */
  DocumentTypeNotSupported: 'document-type-not-supported',
  /** 120042: no face image was sent. */
  FaceImageRequired: 'face-image-required',
  /** 120043: no verified face or no profile for this applicant. */
  ProfileNotFound: 'profile-not-found',
  /** 120044: the endeavor info (LRS) is invalid. */
  InvalidEndeavor: 'invalid-endeavor',
  /** Status 3: the service failed while verifying. */
  VerificationError: 'verification-error',
  /** `validationStatus.expired` / `documentHasNotExpired: false`: no photo of it can pass. */
  DocumentExpired: 'document-expired',
  /** Status 2 or `invalidDataErrors`: the request's data, not a photo, is what is wrong. */
  InvalidData: 'invalid-data',
  /** The flow has no selfie, or a document without its numeric type. */
  IncompleteRequest: 'incomplete-request',
} as const;
/** One validation-v2 error code. */
export type ValidationV2ErrorCode =
  (typeof ValidationV2ErrorCode)[keyof typeof ValidationV2ErrorCode];

const SELFIE_FIXABLE_CODES = [
  'face-image-empty',
  'no-face',
  'multiple-faces',
  'face-not-usable',
  'face-image-required',
] as const satisfies readonly ValidationV2ErrorCode[];
/** The errors a person can fix with a new selfie: answered as retake feedback, not an error. */
export type ValidationV2SelfieFixable = (typeof SELFIE_FIXABLE_CODES)[number];
const SELFIE_FIXABLE: ReadonlySet<ValidationV2ErrorCode> = new Set(SELFIE_FIXABLE_CODES);

/** Whether a new selfie fixes the error: it reaches the person as retake feedback. */
function isSelfieFixable(code: ValidationV2ErrorCode): code is ValidationV2SelfieFixable {
  return SELFIE_FIXABLE.has(code);
}

/**
 * The English message of each error, for developers: the catalog's `validation-v2.<code>` line,
 * which the person reads (a feedback line for the errors a new selfie fixes, an error line else).
 */
function errorMessage(code: ValidationV2ErrorCode): string {
  return isSelfieFixable(code)
    ? en.feedback[`${VALIDATION_V2}.${code}`]
    : en.errors[`${VALIDATION_V2}.${code}`];
}

/** A Validation request that ended in one of the documented errors. */
export class ValidationV2Error extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: ValidationV2ErrorCode;
  /** The API's numeric code (e.g. 120037), when it sent one. */
  readonly serverCode: number | undefined;
  /** Whether sending the same images again can help. */
  readonly retryable: boolean;
  /** True when nothing the person does can continue this verification: no retake either. */
  readonly final: boolean;
  /** The last reply, when the error came from one (e.g. a failure with no attempts left). */
  readonly response: ValidationV2Response | undefined;

  constructor(
    code: ValidationV2ErrorCode,
    details: { serverCode?: number; response?: ValidationV2Response; cause?: unknown } = {},
  ) {
    super(code, errorMessage(code), { cause: details.cause });
    this.serverCode = details.serverCode;
    this.response = details.response;
    this.retryable = code === 'platform-error' || code === 'verification-error';
    this.final = !this.retryable && !isSelfieFixable(code);
  }

  /** `validation-v2.<code>`: link-kyc has a `verification-error` of its own. */
  protected override defaultReason(): Reason {
    return { code: `${VALIDATION_V2}.${this.code}` };
  }
}

/**
 * Which of 120038's three rows a message is. Seed 002 gives the three the same HTTP status (400)
 * and the same code, and no other field: the message is all that tells them apart, so it only
 * picks the words; what the SDK does (take the selfie again) follows from the code alone.
 */
function faceImageKind(message: string): ValidationV2SelfieFixable | undefined {
  if (/multiple faces/i.test(message)) return 'multiple-faces';
  if (/no faces? (were |was )?found/i.test(message)) return 'no-face';
  if (/image is empty/i.test(message)) return 'face-image-empty';
  return undefined;
}

/**
 * Maps one of seed 002's error replies to its error code: by the numeric code, and for 120038 by
 * its message where it is one of the seed's (else `face-not-usable`, handled the same way).
 */
export function validationV2ErrorCode(
  serverCode: number,
  message = '',
): ValidationV2ErrorCode | undefined {
  switch (serverCode) {
    case 120029:
    case 120039:
      return 'platform-error';
    case 120036:
      return 'already-completed';
    case 120037:
      return 'attempts-exhausted';
    case 120038:
      return faceImageKind(message) ?? 'face-not-usable';
    case 120040:
      return 'request-closed';
    case 120041:
      return 'document-type-not-supported';
    case 120042:
      return 'face-image-required';
    case 120043:
      return 'profile-not-found';
    case 120044:
      return 'invalid-endeavor';
    default:
      return undefined;
  }
}

/** What {@link createValidationV2Adapter} needs. */
export interface ValidationV2AdapterOptions {
  /** The client: base URL of the integrator's proxy and the short-lived token it minted. */
  readonly client: KycClient;
  /** The applicant; the proxy replaces it with the one bound to its token. */
  readonly applicantId: string;
  /** The LRS endeavor id, where the integrator's platform uses LRS. */
  readonly endeavorId?: string;
  /**
   * The API's numeric `documentType` for each document the person may choose. Seed 002 names
   * only 10 (face only); the codes of documents depend on the integrator's configuration, so a
   * flow with a document needs its code here.
   */
  readonly documentTypeCodes?: Readonly<Partial<Record<DocumentType, number>>>;
}

/** The validation-v2 adapter: a {@link ProtocolAdapter} that also keeps the last reply. */
export interface ValidationV2Adapter extends ProtocolAdapter {
  /** The last Validation reply, once one arrived. */
  readonly lastResponse: ValidationV2Response | undefined;
  /** The steps whose captures are held for the batch (none once it is judged or released). */
  readonly held: readonly ImageStep[];
}

/**
 * What in a reply that did not succeed no new photo can change (seed 002), if anything: an expired
 * document stays expired however it is photographed, and status 2 / `invalidDataErrors` is about
 * the request's data ("incorrect or missing data"), not about how a photo came out. Asking for
 * another photo would only spend one of the applicant's 1-5 attempts.
 */
function unfixableByPhoto(
  reply: ValidationV2Response,
): Extract<ValidationV2ErrorCode, 'document-expired' | 'invalid-data'> | undefined {
  if (reply.validationStatus?.expired === true || reply.documentHasNotExpired === false) {
    return 'document-expired';
  }
  if (reply.status === ValidationStatus.InvalidData || reply.invalidDataErrors.length > 0) {
    return 'invalid-data';
  }
  return undefined;
}

/**
 * The held steps a failed reply points at: the ones it says failed, else every one sent. The
 * face's checks (match, anti-spoofing, quality: the face-only replies report quality too) point
 * at the selfie, document authentication at the front.
 */
function failedSteps(reply: ValidationV2Response, sent: readonly ImageStep[]): ImageStep[] {
  const checks = reply.validationStatus;
  const named: ImageStep[] = [];
  const documentFailed = reply.documentSuccess === false || checks?.documentIsValid === false;
  if (documentFailed && sent.includes('document_front')) named.push('document_front');
  const faceFailed =
    reply.faceSuccess === false ||
    checks?.faceIsValid === false ||
    checks?.antiSpoofingIsValid === false ||
    checks?.qualityIsValid === false;
  if (faceFailed) named.push('selfie');
  return named.length ? named : [...sent];
}

/**
 * The validation-v2 adapter. Captures are held until the flow has no image step left, then sent in
 * one request (a back image, which the API has no field for, is not sent).
 *
 * - status 0: done; `finish()` hands the whole reply to the host (`kyc-complete` → `detail.result`).
 * - an expired document (`validationStatus.expired`, `documentHasNotExpired: false`), status 2 or
 *   `invalidDataErrors`: final `document-expired` / `invalid-data` errors that keep the reply; no
 *   photo can fix them, so none is asked for and no attempt is spent on one.
 * - status 1 with attempts left: the images the reply says failed are taken again, and the
 *   feedback carries `attemptsLeft`; with none left, a final `attempts-exhausted` error that keeps
 *   the reply.
 * - status 3 and errors 120029/120039: retryable errors ("Try again" resends the same images).
 * - 120038 / 120042 (no face, several faces, empty or missing image): the selfie is taken again
 *   (decided by the code; 120038's message only picks the words).
 * - 120036, 120037, 120040, 120041, 120043, 120044: final errors; nothing more is sent.
 */
export function createValidationV2Adapter(
  options: ValidationV2AdapterOptions,
): ValidationV2Adapter {
  const { client } = options;
  const held = new HeldCaptures();
  let lastResponse: ValidationV2Response | undefined;

  function documentTypeCode(documentType: DocumentType | undefined): number {
    const code = documentType ? options.documentTypeCodes?.[documentType] : undefined;
    if (code === undefined || !Number.isInteger(code)) {
      throw new ValidationV2Error('incomplete-request', {
        cause: new Error(`No validation-v2 documentType code for "${documentType ?? 'none'}".`),
      });
    }
    return code;
  }

  async function submit(sendOptions: SendOptions): Promise<ServerFeedback> {
    const { signal, onProgress } = sendOptions;
    const face = await held.base64('selfie', signal);
    if (face === undefined) {
      throw new ValidationV2Error('incomplete-request', {
        cause: new Error('validation-v2 needs a selfie step.'),
      });
    }
    const front = await held.base64('document_front', signal);
    const documentType = front
      ? documentTypeCode(held.get('document_front')?.documentType ?? sendOptions.documentType)
      : FACE_ONLY_DOCUMENT_TYPE;
    const sent = held.steps.filter((step) => step !== 'document_back');
    let reply: ValidationV2Response;
    try {
      reply = await client.request('POST', VALIDATION_V2_PATH, {
        json: {
          model: {
            faceImageBase64: face,
            ...(front !== undefined ? { frontImageBase64: front } : {}),
            documentType,
          },
          applicantId: options.applicantId,
          ...(options.endeavorId !== undefined ? { endeavorId: options.endeavorId } : {}),
        },
        signal,
        onProgress,
        parse: parseValidationV2Response,
      });
    } catch (error) {
      const code =
        error instanceof HttpError && error.serverCode && /^\d+$/.test(error.serverCode)
          ? validationV2ErrorCode(Number(error.serverCode), error.serverMessage)
          : undefined;
      if (!code) throw error;
      const typed = new ValidationV2Error(code, {
        serverCode: Number((error as HttpError).serverCode),
        cause: error,
      });
      if (!SELFIE_FIXABLE.has(code)) throw typed;
      held.drop(['selfie']);
      return {
        accepted: false,
        feedback: code,
        complete: false,
        retake: ['selfie'],
        reason: typed.reason,
      };
    }
    lastResponse = reply;
    if (reply.status === ValidationStatus.Success) return BATCH_COMPLETE;
    // Before the attempts: the person is told what is wrong, not only that attempts ran out.
    const unfixable = unfixableByPhoto(reply);
    if (unfixable) throw new ValidationV2Error(unfixable, { response: reply });
    if (reply.status === ValidationStatus.Fail) {
      if (reply.attemptsLeft <= 0) {
        throw new ValidationV2Error('attempts-exhausted', { response: reply });
      }
      const retake = failedSteps(reply, sent);
      held.drop(retake);
      return {
        accepted: false,
        feedback: 'verification_failed',
        complete: false,
        retake,
        attemptsLeft: reply.attemptsLeft,
        // Worded per photo ("Your selfie could not be verified…", "These photos…").
        reason: { code: `${VALIDATION_V2}.verification_failed`, params: { steps: retake } },
      };
    }
    throw new ValidationV2Error('verification-error', { response: reply });
  }

  return {
    name: VALIDATION_V2,
    get lastResponse() {
      return lastResponse;
    },
    get held() {
      return held.steps;
    },
    start: () => Promise.resolve({}),
    release: () => held.clear(),
    send: (capture: Capture, sendOptions: SendOptions = {}) => {
      if (capture.step === 'liveness') return Promise.resolve(HELD);
      held.hold(capture);
      return isLastImage(sendOptions.remaining) ? submit(sendOptions) : Promise.resolve(HELD);
    },
    finish: (): Promise<FinishResult | void> =>
      Promise.resolve(lastResponse ? { ...lastResponse.body } : undefined),
  };
}
