// The link-kyc protocol (LINK Mobility KYC API, seed 000): every image goes in one
// `POST /identity/verify` — the document's one or two sides as base64 `images[].content`, the
// selfie as `faceImage` on the first — answered with the verification itself. The API's
// `/auth/token` needs a username and password, so the browser never calls it: it talks to the
// integrator's proxy (kyc-capture/server's `createLinkKycProxy`), which holds the credentials,
// accepts a short-lived token it minted, and forwards this same body to the vendor.
import type { KycClient } from '../api/client.js';
import type { Capture } from '../capture/types.js';
import { KycError, type Reason } from '../errors.js';
import { en } from '../i18n/en.js';
import { IMAGE_STEPS, type ImageStep } from '../steps.js';
import { BATCH_COMPLETE, HELD, HeldCaptures, isLastImage } from './batch.js';
import { isRecord } from '../internal/guards.js';
import type { FinishResult, ProtocolAdapter, SendOptions, ServerFeedback } from './types.js';
import { LINK_KYC } from './names.js';

export { LINK_KYC } from './names.js';

/** The endpoints the browser calls, relative to the proxy's (or vendor's) base URL. */
export const LinkKycPaths = {
  /** POST: verify an identity document (and compare the face). */
  verify: '/identity/verify',
  /** POST: availability probe. */
  ping: '/ping',
} as const;

/** `idVerification.result` values (seed 000, "ID Verification Result codes"). */
export const LinkKycResult = {
  /** TEST_GLOBAL_AUTHENTICITY_VALUE is OK; a warning may still be present. */
  Ok: 'Ok',
  /** TEST_GLOBAL_AUTHENTICITY_VALUE is FAIL. */
  NotCorrect: 'NotCorrect',
  /** The document could not be processed (e.g. not recognised). */
  NotProcessed: 'NotProcessed',
  /** A warning: the fields say which test (e.g. sides that do not belong together). */
  Warning: 'Warning',
} as const;
/** One documented verification result. */
export type LinkKycResult = (typeof LinkKycResult)[keyof typeof LinkKycResult];

/** One entry of `idVerification.fields`. */
export interface LinkKycField {
  readonly type: string;
  readonly code: string;
  readonly value: string;
  readonly description: string;
}

/** The body of a successful `/identity/verify` reply, as seed 000 documents it. */
export interface LinkKycVerifyResponse {
  /** The request identifier. */
  readonly id: string;
  readonly idVerification: {
    /**
     * `Completed`, `Processing` (manual verification) or `Error` (seed 000's "Service Operation
     * Status", kyc-capture/server's `LinkKycOperationStatus`); unknown values kept as sent.
     */
    readonly status: string;
    /** `Automatic` or `Manual`, when sent. */
    readonly process?: string;
    /** `Ok`, `NotCorrect`, `NotProcessed`, `Warning` for automatic verifications. */
    readonly result?: string;
    /** A warning message, with NotCorrect / NotProcessed results mostly. */
    readonly warning?: string;
    /** Every field and test of the document. */
    readonly fields?: readonly LinkKycField[];
  };
  /** Present when certification was asked for; its result comes by callback. */
  readonly certification?: { readonly status: string };
}

/** The body the browser sends, field for field as seed 000's verify request. */
export interface LinkKycVerifyRequest {
  readonly id: string;
  readonly images: readonly { readonly content: string; readonly faceImage?: string }[];
  readonly expeditorCountry: string;
  readonly certify?: boolean;
  readonly manualVerification?: boolean;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${name} is not a string.`);
  return value;
}

/** The `Validation` test that fails when the two images are not sides of one document. */
export const LINK_KYC_SIDE_CORRESPONDENCE_TEST = 'TEST_SIDE_CORRESPONDENCE';

/**
 * Whether a reply's fields say the front and back are of different documents: seed 000's
 * `Warning` result, "in the case of sending two not corresponding images the
 * TEST_SIDE_CORRESPONDENCE would indicate FAIL".
 */
function sidesDoNotCorrespond(reply: LinkKycVerifyResponse): boolean {
  return (reply.idVerification.fields ?? []).some(
    (field) =>
      field.code === LINK_KYC_SIDE_CORRESPONDENCE_TEST &&
      field.value.trim().toUpperCase() === 'FAIL',
  );
}

/** Validates a verify reply; throws (the client turns it into a `ResponseFormatError`). */
export function parseLinkKycVerifyResponse(body: unknown): LinkKycVerifyResponse {
  if (!isRecord(body)) throw new Error('The verify reply is not a JSON object.');
  const { id, idVerification, certification } = body;
  if (typeof id !== 'string') throw new Error('The verify reply has no id.');
  if (!isRecord(idVerification)) throw new Error('The verify reply has no idVerification.');
  const status = idVerification['status'];
  if (typeof status !== 'string') throw new Error('idVerification.status is not a string.');
  const rawFields = idVerification['fields'];
  let fields: LinkKycField[] | undefined;
  if (rawFields !== undefined && rawFields !== null) {
    if (!Array.isArray(rawFields)) throw new Error('idVerification.fields is not an array.');
    fields = rawFields.map((field: unknown, i) => {
      if (!isRecord(field)) throw new Error(`idVerification.fields[${i}] is not an object.`);
      const pick = (key: string) => optionalString(field[key], `fields[${i}].${key}`) ?? '';
      return {
        type: pick('type'),
        code: pick('code'),
        value: pick('value'),
        description: pick('description'),
      };
    });
  }
  let certificationStatus: string | undefined;
  if (certification !== undefined && certification !== null) {
    if (!isRecord(certification)) throw new Error('certification is not an object.');
    certificationStatus = optionalString(certification['status'], 'certification.status');
  }
  const process = optionalString(idVerification['process'], 'idVerification.process');
  const result = optionalString(idVerification['result'], 'idVerification.result');
  const warning = optionalString(idVerification['warning'], 'idVerification.warning');
  return {
    id,
    idVerification: {
      status,
      ...(process !== undefined ? { process } : {}),
      ...(result !== undefined ? { result } : {}),
      ...(warning !== undefined ? { warning } : {}),
      ...(fields ? { fields } : {}),
    },
    ...(certificationStatus !== undefined
      ? { certification: { status: certificationStatus } }
      : {}),
  };
}

/** Which list of a manual verification's callback a REJECTED reason came in. */
export type LinkKycReasonPart = 'document' | 'face';

/** What a rejection reason asks of the person: which images to take again, and why. */
export interface RetakeGuidance {
  /** The images to capture again; empty when a new photo cannot help. */
  readonly retake: readonly ImageStep[];
  /** The first known reason, which the message catalog words (`messages.feedback[code]`). */
  readonly reason: {
    readonly code:
      | `link-kyc.document.${LinkKycDocumentRejectionReason}`
      | `link-kyc.face.${LinkKycFaceRejectionReason}`;
  };
}

const DOCUMENT: readonly ImageStep[] = ['document_front', 'document_back'];
const PORTRAIT: readonly ImageStep[] = ['document_front'];
const SELFIE: readonly ImageStep[] = ['selfie'];

/**
 * Seed 000's REJECTED reasons by the list they come in (`documentInfo.acceptance.reasons` and
 * `faceComparisonInfo.acceptance.reasons` of a manual verification's callback), with the images a
 * retake concerns. GLARE, OUT_OF_FOCUS, POOR_CONTRAST and POOR_EXPOSURE are in both lists: in the
 * document list they are about the document photos, in the face list about the face comparison,
 * where the person can retake the selfie. The face reasons that name the document's portrait
 * (MISSING_PORTRAIT, NOT_HUMAN_FACE, PORTRAIT_IS_FAKE: "retake document image containing
 * portrait") ask for the front. Reasons the seed answers with "submit only supported documents"
 * have no images. What the person is told is the catalog's `link-kyc.<part>.<REASON>` line.
 */
export const LINK_KYC_REJECTION_GUIDANCE = {
  document: {
    GLARE: DOCUMENT,
    INCOMPLETE_DOCUMENT: DOCUMENT,
    NOT_VISIBLE_FOUR_CORNERS: DOCUMENT,
    NOT_VISIBLE_SECURITY_FEATURES: DOCUMENT,
    OUT_OF_FOCUS: DOCUMENT,
    POOR_CONTRAST: DOCUMENT,
    POOR_EXPOSURE: DOCUMENT,
    UNCLASSIFIED_DOCUMENT: [],
    UNREADABLE_FIELD: DOCUMENT,
    UNSUPPORTED_LANGUAGE: [],
  },
  face: {
    MISSING_SELFIE: SELFIE,
    MISSING_PORTRAIT: PORTRAIT,
    NOT_HUMAN_FACE: PORTRAIT,
    PARTIALLY_VISIBLE_HUMAN_FACE: SELFIE,
    PORTRAIT_IS_FAKE: PORTRAIT,
    SELFIE_NOT_LIVE: SELFIE,
    OUT_OF_FOCUS: SELFIE,
    POOR_CONTRAST: SELFIE,
    POOR_EXPOSURE: SELFIE,
    GLARE: SELFIE,
    FACE_TOO_CLOSE_SELFIE_IMAGE: SELFIE,
    FACE_TOO_FAR_SELFIE_IMAGE: SELFIE,
    FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE: SELFIE,
    QUALITY_TOO_LOW_SELFIE_IMAGE: SELFIE,
    TOO_MANY_FACES_SELFIE_IMAGE: SELFIE,
  },
} as const satisfies Record<LinkKycReasonPart, Record<string, readonly ImageStep[]>>;
/** One documented document rejection reason (`documentInfo.acceptance.reasons`). */
export type LinkKycDocumentRejectionReason = keyof typeof LINK_KYC_REJECTION_GUIDANCE.document;
/** One documented face-comparison rejection reason (`faceComparisonInfo.acceptance.reasons`). */
export type LinkKycFaceRejectionReason = keyof typeof LINK_KYC_REJECTION_GUIDANCE.face;
/** Any documented rejection reason, of either list. */
export type LinkKycRejectionReason = LinkKycDocumentRejectionReason | LinkKycFaceRejectionReason;

/**
 * The REJECTED reasons of a manual verification, list by list, as kyc-capture/server's
 * `linkKycRetakeReasons` returns them from the callback.
 */
export interface LinkKycRejectedReasons {
  /** `documentInfo.acceptance.reasons`. */
  readonly document?: readonly string[];
  /** `faceComparisonInfo.acceptance.reasons`. */
  readonly face?: readonly string[];
}

/**
 * The retake guidance for a manual verification's REJECTED reasons, merged: every image any reason
 * names (each reason read in the list it came in), and the first known reason (document list
 * first) as the one to word. Reasons are trimmed (the seed's own examples carry a leading space);
 * reasons this SDK does not know are skipped; undefined when none is known.
 */
export function linkKycRejectionGuidance(
  reasons: LinkKycRejectedReasons,
): RetakeGuidance | undefined {
  const known: { code: RetakeGuidance['reason']['code']; retake: readonly ImageStep[] }[] = [];
  for (const part of ['document', 'face'] as const) {
    const table: Readonly<Record<string, readonly ImageStep[]>> = LINK_KYC_REJECTION_GUIDANCE[part];
    for (const raw of reasons[part] ?? []) {
      const reason = raw.trim();
      const retake = Object.hasOwn(table, reason) ? table[reason] : undefined;
      if (retake) {
        known.push({
          code: `${LINK_KYC}.${part}.${reason}` as RetakeGuidance['reason']['code'],
          retake,
        });
      }
    }
  }
  const first = known[0];
  if (!first) return undefined;
  const steps = new Set(known.flatMap((entry) => entry.retake));
  return { retake: IMAGE_STEPS.filter((step) => steps.has(step)), reason: { code: first.code } };
}

/** Stable codes of {@link LinkKycError}. */
export const LinkKycErrorCode = {
  /** The vendor reported the verification as `Error`: sending again may work. */
  VerificationError: 'verification-error',
  /** The flow reached the end without a document front to send. */
  NothingToSend: 'nothing-to-send',
} as const;
/** One link-kyc error code. */
export type LinkKycErrorCode = (typeof LinkKycErrorCode)[keyof typeof LinkKycErrorCode];

/** A link-kyc verification that did not produce a result. */
export class LinkKycError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: LinkKycErrorCode;
  /** Whether sending the same images again can help. */
  readonly retryable: boolean;

  constructor(code: LinkKycErrorCode, message: string, retryable: boolean) {
    super(code, message);
    this.retryable = retryable;
  }

  /** `link-kyc.<code>`: validation-v2 has a `verification-error` of its own. */
  protected override defaultReason(): Reason {
    return { code: `${LINK_KYC}.${this.code}` };
  }
}

/** What {@link createLinkKycAdapter} needs. */
export interface LinkKycAdapterOptions {
  /** The client: base URL of the integrator's proxy and the short-lived token it minted. */
  readonly client: KycClient;
  /**
   * The request identifier (`id`). The proxy replaces it with the one bound to its token; the
   * value matters only when talking to the API directly.
   */
  readonly requestId: string;
  /** The issuing country of the document, ISO 3166-1 alpha-2 (e.g. `ES`). */
  readonly expeditorCountry: string;
  /** Ask for a certified verification (the certificate goes to the integrator by callback). */
  readonly certify?: boolean;
  /** Force manual verification (the result goes to the integrator by callback). */
  readonly manualVerification?: boolean;
}

/** The link-kyc adapter: a {@link ProtocolAdapter} that also keeps the verification reply. */
export interface LinkKycAdapter extends ProtocolAdapter {
  /** The last verification reply, once one arrived. */
  readonly lastResponse: LinkKycVerifyResponse | undefined;
  /** The steps whose captures are held for the batch (none once it is judged or released). */
  readonly held: readonly ImageStep[];
}

/**
 * The link-kyc adapter. Captures are held until the flow has no image step left, then sent in one
 * verify request: the front (with the selfie as its `faceImage` when there is one), then the back.
 *
 * - `Ok`, `NotCorrect`, `Warning` (but the one below), and a manual verification still
 *   `Processing`: the flow is done; `finish()` hands the reply's summary to the host
 *   (`kyc-complete` → `detail.result`). A photo cannot change an authenticity verdict, so
 *   NotCorrect asks for no retake.
 * - `Warning` with `TEST_SIDE_CORRESPONDENCE` FAIL (front and back of different documents): the
 *   back is taken again and the batch resent, the front and selfie kept; a second mismatch in a
 *   row asks for both sides.
 * - `NotProcessed` (the document could not be read): the document images are taken again and
 *   the batch is sent again; the held selfie is kept.
 * - status `Error`: a retryable {@link LinkKycError}; "Try again" resends the same images.
 */
export function createLinkKycAdapter(options: LinkKycAdapterOptions): LinkKycAdapter {
  const { client } = options;
  const held = new HeldCaptures();
  let lastResponse: LinkKycVerifyResponse | undefined;
  /** Side-correspondence failures in a row. */
  let mismatches = 0;

  async function buildRequest(signal?: AbortSignal): Promise<LinkKycVerifyRequest> {
    const front = await held.base64('document_front', signal);
    if (!front) {
      throw new LinkKycError('nothing-to-send', en.errors['link-kyc.nothing-to-send'], false);
    }
    const face = await held.base64('selfie', signal);
    const back = await held.base64('document_back', signal);
    return {
      id: options.requestId,
      images: [
        face ? { content: front, faceImage: face } : { content: front },
        ...(back ? [{ content: back }] : []),
      ],
      expeditorCountry: options.expeditorCountry,
      ...(options.certify !== undefined ? { certify: options.certify } : {}),
      ...(options.manualVerification !== undefined
        ? { manualVerification: options.manualVerification }
        : {}),
    };
  }

  function judge(reply: LinkKycVerifyResponse): ServerFeedback {
    const { status, result } = reply.idVerification;
    if (status === 'Error') {
      throw new LinkKycError('verification-error', en.errors['link-kyc.verification-error'], true);
    }
    if (
      result === LinkKycResult.Warning &&
      sidesDoNotCorrespond(reply) &&
      held.get('document_back')
    ) {
      // The front is the document: the vendor classifies it and compares its portrait with the
      // selfie (faceImage rides on images[0]), so the back is the side taken again. If the new
      // back still does not match, the front may be the wrong one: both sides are asked for.
      mismatches += 1;
      const retake: ImageStep[] =
        mismatches > 1 ? ['document_front', 'document_back'] : ['document_back'];
      held.drop(retake);
      const code = mismatches > 1 ? 'sides_mismatch_both' : 'sides_mismatch';
      return {
        accepted: false,
        feedback: 'sides_mismatch',
        complete: false,
        retake,
        reason: { code: `${LINK_KYC}.${code}` },
      };
    }
    mismatches = 0;
    if (result === LinkKycResult.NotProcessed) {
      const retake = held.steps.filter((step) => step !== 'selfie');
      held.drop(retake);
      return {
        accepted: false,
        feedback: 'not_processed',
        complete: false,
        retake,
        reason: { code: `${LINK_KYC}.not_processed` },
      };
    }
    return BATCH_COMPLETE;
  }

  async function send(capture: Capture, sendOptions: SendOptions = {}): Promise<ServerFeedback> {
    if (capture.step === 'liveness') return HELD; // no liveness call: the host has the frames
    held.hold(capture);
    if (!isLastImage(sendOptions.remaining)) return HELD;
    const { signal, onProgress } = sendOptions;
    const body = await buildRequest(signal);
    const reply = await client.request('POST', LinkKycPaths.verify, {
      json: body,
      signal,
      onProgress,
      parse: parseLinkKycVerifyResponse,
    });
    lastResponse = reply;
    return judge(reply);
  }

  return {
    name: LINK_KYC,
    get lastResponse() {
      return lastResponse;
    },
    get held() {
      return held.steps;
    },
    start: () => Promise.resolve({}),
    send,
    release: () => held.clear(),
    finish: (): Promise<FinishResult | void> => {
      if (!lastResponse) return Promise.resolve();
      const { id, idVerification, certification } = lastResponse;
      return Promise.resolve({
        id,
        status: idVerification.status,
        process: idVerification.process ?? null,
        result: idVerification.result ?? null,
        warning: idVerification.warning ?? null,
        certification: certification?.status ?? null,
      });
    },
  };
}
