// Typed parsers for LINK Mobility KYC callbacks (seed 000: "Callback Response" onwards).
//
// These are for the INTEGRATOR'S SERVER: LINK Mobility POSTs the result of a Certification or a
// Manual ID Verification to the callback URL given with the request. The browser never sees these
// bodies; when a manual verification was REJECTED for image quality, hand `linkKycRetakeReasons`'
// `{document, face}` to the page, whose `linkKycRejectionGuidance` turns them into retake steps.
// The seed lists the addresses callbacks come from (217.75.233.139, 213.134.38.77, 88.26.209.16)
// and documents no signature: link-kyc-callback-handler.ts checks the source address before it
// reads a body.
//
// Node-only, no dependencies, no I/O. Same rules as results.ts: one unexpected value never costs
// the integrator the whole callback (a manual review's verdict cannot simply be asked for again).
// - A value the seed does not document (a status, result, approval, reason, document type or
//   gender it does not list, a date that is not a calendar `YYYY-MM-DD`, a number where a string
//   belongs, a part that is not a JSON object) becomes `{ kind: 'unrecognised', raw }` with the
//   value verbatim (`Unrecognised`, the marker of the whole server helper).
// - A reason list keeps its order, each item documented or marked; a value that is not an array is
//   a list of one marked item.
// - A field or part that is absent or null reads as null.
// Vocabulary strings are trimmed before they are compared (case-sensitively): the seed's own
// examples send " ACCEPTED" and " REJECTED". A marked value keeps its spaces in `raw`.
//
// Nothing is required but what says which callback this is. The seed's format names `id`,
// `service`, `status` and `data` for every callback, and yet:
// - the callback also fires "when there was an error", and the seed prints no error body, so
//   `data` and the operation result in it may be absent, whatever the `status`;
// - a verification is sent with or without a `faceImage` (and a flow without liveness has no
//   liveness verdict), so `faceComparisonInfo` or any part of it may be absent; the seed's REJECTED
//   example has neither `findings` nor `extractedData`;
// - `acceptance.reasons` is sent only with REJECTED ("The reasons that a result of REJECTED was
//   returned"), and `extractedData` is "dependent on the type of document submitted; not all
//   documents supported contain all possible fields": there an empty string (the seed sends
//   `"issuingAuthority": ""`) also reads as null.
// Only a body that cannot be one callback throws LinkKycCallbackFormatError, naming the JSON path:
// not a JSON object, no non-empty string `id` (the request identifier, the integrator's
// idempotency key), or no `service` (it decides what `data` holds). A `service` this module does
// not know, or one that is not a string, is kept marked, with `data` raw. Fields the seed does not
// name are dropped. Country codes are kept as sent (the seed's examples are alpha-3, `ESP`, and MRZ
// codes vary).

import {
  fieldReaders,
  isUnrecognised,
  lenient,
  orNull,
  type JsonObject,
  unrecognised,
  type LenientReader,
  type ResultField,
  type ResultList,
  type Unrecognised,
} from './json-fields.ts';

/** Thrown when a LINK Mobility KYC body cannot be one callback (see the module comment). */
export class LinkKycCallbackFormatError extends Error {
  /** Stable machine-readable code. */
  readonly code = 'bad-callback' as const;
  /** JSON path of the offending field (`$.id`); `$` is the body. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'LinkKycCallbackFormatError';
    this.path = path;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabularies, exactly as seed 000 lists them.

/** Which operation a callback reports (`service`). */
export const LinkKycCallbackService = {
  Certification: 'Certification',
  ManualIdVerification: 'ManualIDVerification',
} as const;
/** One documented callback service. */
export type LinkKycCallbackService =
  (typeof LinkKycCallbackService)[keyof typeof LinkKycCallbackService];

/** Operation status ("Service Operation Status", `status`). */
export const LinkKycOperationStatus = {
  Completed: 'Completed',
  Processing: 'Processing',
  Error: 'Error',
} as const;
/** One documented operation status. */
export type LinkKycOperationStatus =
  (typeof LinkKycOperationStatus)[keyof typeof LinkKycOperationStatus];

/** Whether the submitted images could be processed at all (`acceptance.result`). */
export const LinkKycAcceptanceResult = { Accepted: 'ACCEPTED', Rejected: 'REJECTED' } as const;
/** One documented acceptance result. */
export type LinkKycAcceptanceResult =
  (typeof LinkKycAcceptanceResult)[keyof typeof LinkKycAcceptanceResult];

/** Why the document images were REJECTED (`documentInfo.acceptance.reasons`). */
export const LinkKycDocumentRejectionReason = {
  Glare: 'GLARE',
  IncompleteDocument: 'INCOMPLETE_DOCUMENT',
  NotVisibleFourCorners: 'NOT_VISIBLE_FOUR_CORNERS',
  NotVisibleSecurityFeatures: 'NOT_VISIBLE_SECURITY_FEATURES',
  OutOfFocus: 'OUT_OF_FOCUS',
  PoorContrast: 'POOR_CONTRAST',
  PoorExposure: 'POOR_EXPOSURE',
  UnclassifiedDocument: 'UNCLASSIFIED_DOCUMENT',
  UnreadableField: 'UNREADABLE_FIELD',
  UnsupportedLanguage: 'UNSUPPORTED_LANGUAGE',
} as const;
/** One documented document rejection reason. */
export type LinkKycDocumentRejectionReason =
  (typeof LinkKycDocumentRejectionReason)[keyof typeof LinkKycDocumentRejectionReason];

/** Why face comparison could not be done (`faceComparisonInfo.acceptance.reasons`). */
export const LinkKycFaceRejectionReason = {
  MissingSelfie: 'MISSING_SELFIE',
  MissingPortrait: 'MISSING_PORTRAIT',
  NotHumanFace: 'NOT_HUMAN_FACE',
  PartiallyVisibleHumanFace: 'PARTIALLY_VISIBLE_HUMAN_FACE',
  PortraitIsFake: 'PORTRAIT_IS_FAKE',
  SelfieNotLive: 'SELFIE_NOT_LIVE',
  OutOfFocus: 'OUT_OF_FOCUS',
  PoorContrast: 'POOR_CONTRAST',
  PoorExposure: 'POOR_EXPOSURE',
  Glare: 'GLARE',
  FaceTooCloseSelfieImage: 'FACE_TOO_CLOSE_SELFIE_IMAGE',
  FaceTooFarSelfieImage: 'FACE_TOO_FAR_SELFIE_IMAGE',
  FaceAngleTooLargeSelfieImage: 'FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE',
  QualityTooLowSelfieImage: 'QUALITY_TOO_LOW_SELFIE_IMAGE',
  TooManyFacesSelfieImage: 'TOO_MANY_FACES_SELFIE_IMAGE',
} as const;
/** One documented face rejection reason. */
export type LinkKycFaceRejectionReason =
  (typeof LinkKycFaceRejectionReason)[keyof typeof LinkKycFaceRejectionReason];

/** Overall document verdict (`documentInfo.findings.documentApproval`). */
export const LinkKycDocumentApproval = {
  Approved: 'APPROVED',
  NotApproved: 'NOT_APPROVED',
} as const;
/** One documented document approval. */
export type LinkKycDocumentApproval =
  (typeof LinkKycDocumentApproval)[keyof typeof LinkKycDocumentApproval];

/** Authenticity check result (`findings.details.authenticity.result`). */
export const LinkKycAuthenticityResult = {
  Authentic: 'AUTHENTIC',
  NotAuthentic: 'NOT_AUTHENTIC',
} as const;
/** One documented authenticity result. */
export type LinkKycAuthenticityResult =
  (typeof LinkKycAuthenticityResult)[keyof typeof LinkKycAuthenticityResult];

/**
 * Why a document is NOT_AUTHENTIC (`findings.details.authenticity.reasons`). The seed's field list
 * names four; `EVIDENCE_OF_FORGERY_SIGNATURE` appears only in its NOT_APPROVED example and is kept
 * as known too.
 */
export const LinkKycAuthenticityReason = {
  EvidenceOfForgeryBiodataFonts: 'EVIDENCE_OF_FORGERY_BIODATA_FONTS',
  EvidenceOfForgeryMrzFonts: 'EVIDENCE_OF_FORGERY_MRZ_FONTS',
  EvidenceOfForgeryNotHumanFace: 'EVIDENCE_OF_FORGERY_NOT_HUMAN_FACE',
  EvidenceOfForgeryPhotoZone: 'EVIDENCE_OF_FORGERY_PHOTO_ZONE',
  EvidenceOfForgerySignature: 'EVIDENCE_OF_FORGERY_SIGNATURE',
} as const;
/** One documented authenticity reason. */
export type LinkKycAuthenticityReason =
  (typeof LinkKycAuthenticityReason)[keyof typeof LinkKycAuthenticityReason];

/** Originality check result (`findings.details.originality.result`). */
export const LinkKycOriginalityResult = {
  Original: 'ORIGINAL',
  NotOriginal: 'NOT_ORIGINAL',
} as const;
/** One documented originality result. */
export type LinkKycOriginalityResult =
  (typeof LinkKycOriginalityResult)[keyof typeof LinkKycOriginalityResult];

/** Why a document is NOT_ORIGINAL (`findings.details.originality.reasons`). */
export const LinkKycOriginalityReason = {
  EvidenceOfForgeryBlackAndWhiteCopy: 'EVIDENCE_OF_FORGERY_BLACK_AND_WHITE_COPY',
  EvidenceOfForgeryDocumentStructure: 'EVIDENCE_OF_FORGERY_DOCUMENT_STRUCTURE',
} as const;
/** One documented originality reason. */
export type LinkKycOriginalityReason =
  (typeof LinkKycOriginalityReason)[keyof typeof LinkKycOriginalityReason];

/** Validity check result (`findings.details.validity.result`). */
export const LinkKycValidityResult = { Valid: 'VALID', NotValid: 'NOT_VALID' } as const;
/** One documented validity result. */
export type LinkKycValidityResult =
  (typeof LinkKycValidityResult)[keyof typeof LinkKycValidityResult];

/** Why a document is NOT_VALID (`findings.details.validity.reasons`). */
export const LinkKycValidityReason = {
  EvidenceOfForgeryMrzChecksums: 'EVIDENCE_OF_FORGERY_MRZ_CHECKSUMS',
  ExpiredOrInvalidated: 'EXPIRED_OR_INVALIDATED',
} as const;
/** One documented validity reason. */
export type LinkKycValidityReason =
  (typeof LinkKycValidityReason)[keyof typeof LinkKycValidityReason];

/** Document type read from the document (`extractedData.documentAttributes.documentType`). */
export const LinkKycDocumentType = {
  Passport: 'PASSPORT',
  DriversLicense: 'DRIVERS_LICENSE',
  IdentityCard: 'IDENTITY_CARD',
  ResidencePermit: 'RESIDENCE_PERMIT',
  HealthServicesCard: 'HEALTH_SERVICES_CARD',
} as const;
/** One documented document type. */
export type LinkKycDocumentType = (typeof LinkKycDocumentType)[keyof typeof LinkKycDocumentType];

/**
 * Gender read from the document (`extractedData.personAttributes.gender`). The seed writes
 * "M (male) F (female) N/B (non binary)"; N and B are taken as two codes for non-binary. A literal
 * `N/B`, should the vendor send one, is marked unrecognised, not dropped.
 */
export const LinkKycGender = {
  Male: 'M',
  Female: 'F',
  NonBinaryN: 'N',
  NonBinaryB: 'B',
} as const;
/** One documented gender code. */
export type LinkKycGender = (typeof LinkKycGender)[keyof typeof LinkKycGender];

/** Manual face comparison verdict (`faceComparisonInfo.findings.faceComparisonApproval`). */
export const LinkKycFaceComparisonApproval = { Match: 'MATCH', NotMatch: 'NOT_MATCH' } as const;
/** One documented face comparison verdict. */
export type LinkKycFaceComparisonApproval =
  (typeof LinkKycFaceComparisonApproval)[keyof typeof LinkKycFaceComparisonApproval];

/** Automatic liveness verdict (`faceComparisonInfo.findings.faceLivenessApproval`). */
export const LinkKycFaceLivenessApproval = { Live: 'LIVE', NotLive: 'NOT_LIVE' } as const;
/** One documented liveness verdict. */
export type LinkKycFaceLivenessApproval =
  (typeof LinkKycFaceLivenessApproval)[keyof typeof LinkKycFaceLivenessApproval];

// ---------------------------------------------------------------------------------------------
// Payload types. Every field is documented, marked unrecognised, or null (see the module comment).

/** Whether a part's images could be processed (`acceptance`). */
export interface LinkKycAcceptance<Reason extends string> {
  /** ACCEPTED or REJECTED (trimmed). */
  readonly result: ResultField<LinkKycAcceptanceResult>;
  /** Why it was REJECTED; null when the body has no list (it has none with ACCEPTED). */
  readonly reasons: ResultList<Reason>;
}

/** One authenticity, originality or validity check (`findings.details.*`). */
export interface LinkKycDocumentCheck<Result extends string, Reason extends string> {
  /** The check's verdict. */
  readonly result: ResultField<Result>;
  /** Why the check failed; null when the body has no list. */
  readonly reasons: ResultList<Reason>;
}

/** The checks behind the document verdict (`documentInfo.findings.details`). */
export interface LinkKycDocumentDetails {
  /** Authenticity check. */
  readonly authenticity: ResultField<
    LinkKycDocumentCheck<LinkKycAuthenticityResult, LinkKycAuthenticityReason>
  >;
  /** Originality check. */
  readonly originality: ResultField<
    LinkKycDocumentCheck<LinkKycOriginalityResult, LinkKycOriginalityReason>
  >;
  /** Validity check. */
  readonly validity: ResultField<
    LinkKycDocumentCheck<LinkKycValidityResult, LinkKycValidityReason>
  >;
}

/** The document verdict (`documentInfo.findings`). */
export interface LinkKycDocumentFindings {
  /** APPROVED or NOT_APPROVED. */
  readonly documentApproval: ResultField<LinkKycDocumentApproval>;
  /** The checks that led to it. */
  readonly details: ResultField<LinkKycDocumentDetails>;
}

/** Document fields read from the document (`extractedData.documentAttributes`). */
export interface LinkKycDocumentAttributes {
  /** ISO country code of the issuing country, as sent (the seed's example: `ESP`). */
  readonly countryCodeOfIssuance: ResultField<string>;
  /** `YYYY-MM-DD`. */
  readonly dateOfExpiry: ResultField<string>;
  /** `YYYY-MM-DD`. */
  readonly dateOfIssuance: ResultField<string>;
  /** Number or identifier of the document. */
  readonly documentNumber: ResultField<string>;
  /** Type of the submitted document. */
  readonly documentType: ResultField<LinkKycDocumentType>;
  /** Authority or organisation that issued the document. */
  readonly issuingAuthority: ResultField<string>;
  /** State, province or region that issued the document. */
  readonly stateOrProvinceOfIssuance: ResultField<string>;
}

/** Fields about the holder read from the document (`extractedData.personAttributes`). */
export interface LinkKycPersonAttributes {
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: ResultField<string>;
  /** M, F, or a non-binary code. */
  readonly gender: ResultField<LinkKycGender>;
  /** ISO country code of the nationality, as sent (the seed's example: `ARG`). */
  readonly nationalityCode: ResultField<string>;
  /** Any government identification number of the holder. */
  readonly personalGovernmentId: ResultField<string>;
  /** Place of birth. */
  readonly placeOfBirth: ResultField<string>;
}

/** The holder's name read from the document (`extractedData.name`). */
export interface LinkKycName {
  /** First surname. */
  readonly firstSurname: ResultField<string>;
  /** Full name. */
  readonly fullName: ResultField<string>;
  /** Given names. */
  readonly givenNames: ResultField<string>;
  /** Second surname. */
  readonly secondSurname: ResultField<string>;
  /** Surname. */
  readonly surname: ResultField<string>;
}

/** The address as printed on the document (`address.unparsedAddress`). */
export interface LinkKycUnparsedAddress {
  /** First printed line. */
  readonly addressLine1: ResultField<string>;
  /** Second printed line. */
  readonly addressLine2: ResultField<string>;
  /** Third printed line. */
  readonly addressLine3: ResultField<string>;
  /** Fourth printed line. */
  readonly addressLine4: ResultField<string>;
}

/** The address, parsed (`address.parsedAddress`). */
export interface LinkKycParsedAddress extends LinkKycUnparsedAddress {
  /** City. */
  readonly city: ResultField<string>;
  /** Postal code. */
  readonly postalCode: ResultField<string>;
  /** State or province. */
  readonly stateOrProvince: ResultField<string>;
}

/** The holder's address read from the document (`extractedData.address`). */
export interface LinkKycAddress {
  /** Parsed version. */
  readonly parsedAddress: ResultField<LinkKycParsedAddress>;
  /** As printed. */
  readonly unparsedAddress: ResultField<LinkKycUnparsedAddress>;
}

/** Data read from the document (`documentInfo.extractedData`); any part may be null. */
export interface LinkKycExtractedData {
  /** Document fields. */
  readonly documentAttributes: ResultField<LinkKycDocumentAttributes>;
  /** Holder fields. */
  readonly personAttributes: ResultField<LinkKycPersonAttributes>;
  /** Holder's name. */
  readonly name: ResultField<LinkKycName>;
  /** Holder's address. */
  readonly address: ResultField<LinkKycAddress>;
}

/** The document part of a manual verification (`data.documentInfo`). */
export interface LinkKycDocumentInfo {
  /** Whether the document images could be processed. */
  readonly acceptance: ResultField<LinkKycAcceptance<LinkKycDocumentRejectionReason>>;
  /** The document verdict; null when the body has none (REJECTED). */
  readonly findings: ResultField<LinkKycDocumentFindings>;
  /** Data read from the document; null when the body has none (REJECTED). */
  readonly extractedData: ResultField<LinkKycExtractedData>;
}

/** The face verdicts (`faceComparisonInfo.findings`). */
export interface LinkKycFaceFindings {
  /** Manual comparison of the selfie with the document portrait. */
  readonly faceComparisonApproval: ResultField<LinkKycFaceComparisonApproval>;
  /** Automatic liveness of the selfie; null when the flow had no liveness check. */
  readonly faceLivenessApproval: ResultField<LinkKycFaceLivenessApproval>;
}

/** The face part of a manual verification (`data.faceComparisonInfo`). */
export interface LinkKycFaceComparisonInfo {
  /** Whether the selfie and portrait could be processed. */
  readonly acceptance: ResultField<LinkKycAcceptance<LinkKycFaceRejectionReason>>;
  /** The face verdicts; null when the body has none (REJECTED). */
  readonly findings: ResultField<LinkKycFaceFindings>;
}

/** What every callback carries. */
export interface LinkKycCallbackCommon {
  /** Request identifier (the id of the verify request); use it as the idempotency key. */
  readonly id: string;
  /** Completed, Processing or Error; null when the body has none. */
  readonly status: ResultField<LinkKycOperationStatus>;
}

/** Data of a Certification callback. */
export interface LinkKycCertificationData {
  /** Where to download the certificate (with the Authorization header); any non-empty string. */
  readonly urlCertificateFile: ResultField<string>;
}

/** A Certification callback. */
export interface LinkKycCertificationCallback extends LinkKycCallbackCommon {
  /** The discriminant. */
  readonly service: 'Certification';
  /** The certification result; null when the body has none (an `Error` callback may not). */
  readonly data: ResultField<LinkKycCertificationData>;
}

/** Data of a Manual ID Verification callback. */
export interface LinkKycManualIdVerificationData {
  /** The document result; null when the body has none. */
  readonly documentInfo: ResultField<LinkKycDocumentInfo>;
  /** The face result; null when the body has none (a verification without a selfie). */
  readonly faceComparisonInfo: ResultField<LinkKycFaceComparisonInfo>;
}

/** A Manual ID Verification callback. */
export interface LinkKycManualIdVerificationCallback extends LinkKycCallbackCommon {
  /** The discriminant. */
  readonly service: 'ManualIDVerification';
  /** The verification result; null when the body has none (an `Error` callback may not). */
  readonly data: ResultField<LinkKycManualIdVerificationData>;
}

/** A callback for a service this module does not know: `data` is kept raw, unchecked. */
export interface LinkKycUnknownServiceCallback extends LinkKycCallbackCommon {
  /** The service value as received (any JSON value but null). */
  readonly service: Unrecognised;
  /** The raw `data` JSON, unchecked; null when the body has none. */
  readonly data: unknown;
}

/** Any LINK Mobility KYC callback; switch on `service`. */
export type LinkKycCallback =
  | LinkKycCertificationCallback
  | LinkKycManualIdVerificationCallback
  | LinkKycUnknownServiceCallback;

/** The REJECTED reasons of each part of a manual verification, for the page's retake guidance. */
export interface LinkKycRetakeReasons {
  /** Documented `documentInfo.acceptance.reasons` when that part was REJECTED; otherwise empty. */
  readonly document: string[];
  /** Documented `faceComparisonInfo.acceptance.reasons` when REJECTED; otherwise empty. */
  readonly face: string[];
}

// ---------------------------------------------------------------------------------------------
// Field readers.

function fail(path: string, message: string): never {
  throw new LinkKycCallbackFormatError(path, message);
}

const { object, nonEmpty } = fieldReaders(fail);

/** A vocabulary word, trimmed first: the seed's own examples carry " ACCEPTED" / " REJECTED". */
const word = <T extends string>(allowed: Readonly<Record<string, T>>): LenientReader<T> =>
  lenient.oneOf(allowed, { trim: true });

/** A reason list of `allowed` words. */
const reasons = <T extends string>(allowed: Readonly<Record<string, T>>) =>
  lenient.list(word(allowed));

/** Shapes of `{ key: reader }`, each key read leniently (absent and null read as null). */
type Shape = Readonly<Record<string, LenientReader<unknown>>>;
type Read<S extends Shape> = { -readonly [K in keyof S]: ReturnType<S[K]> | null };

/**
 * A JSON object with exactly the keys of `shape`, each absent or null key read as null; a value
 * that is not an object is unrecognised as a whole.
 */
function part<S extends Shape>(shape: S): LenientReader<Read<S>> {
  return lenient.objectOf((obj: JsonObject) => {
    const out: Record<string, unknown> = {};
    for (const [key, read] of Object.entries(shape)) out[key] = orNull(obj[key], read);
    return out as Read<S>;
  });
}

/** An `extractedData` leaf: like `read`, but a blank string reads as null (the seed sends `""`). */
function extracted<T>(read: LenientReader<T>): LenientReader<T | null> {
  return (value) => (typeof value === 'string' && value.trim() === '' ? null : read(value));
}

const text = extracted(lenient.text);
const date = extracted(lenient.date);

const UNPARSED_ADDRESS = {
  addressLine1: text,
  addressLine2: text,
  addressLine3: text,
  addressLine4: text,
};

const extractedData: LenientReader<LinkKycExtractedData> = part({
  documentAttributes: part({
    countryCodeOfIssuance: text,
    dateOfExpiry: date,
    dateOfIssuance: date,
    documentNumber: text,
    documentType: extracted(word(LinkKycDocumentType)),
    issuingAuthority: text,
    stateOrProvinceOfIssuance: text,
  }),
  personAttributes: part({
    dateOfBirth: date,
    gender: extracted(word(LinkKycGender)),
    nationalityCode: text,
    personalGovernmentId: text,
    placeOfBirth: text,
  }),
  name: part({
    firstSurname: text,
    fullName: text,
    givenNames: text,
    secondSurname: text,
    surname: text,
  }),
  address: part({
    parsedAddress: part({
      ...UNPARSED_ADDRESS,
      city: text,
      postalCode: text,
      stateOrProvince: text,
    }),
    unparsedAddress: part(UNPARSED_ADDRESS),
  }),
});

/** A `{result, reasons}` object: an `acceptance` or one of the document checks. */
const verdict = <R extends string, T extends string>(
  results: Readonly<Record<string, R>>,
  allowed: Readonly<Record<string, T>>,
): LenientReader<LinkKycDocumentCheck<R, T>> =>
  part({ result: word(results), reasons: reasons(allowed) });

const documentInfo: LenientReader<LinkKycDocumentInfo> = part({
  acceptance: verdict(LinkKycAcceptanceResult, LinkKycDocumentRejectionReason),
  findings: part({
    documentApproval: word(LinkKycDocumentApproval),
    details: part({
      authenticity: verdict(LinkKycAuthenticityResult, LinkKycAuthenticityReason),
      originality: verdict(LinkKycOriginalityResult, LinkKycOriginalityReason),
      validity: verdict(LinkKycValidityResult, LinkKycValidityReason),
    }),
  }),
  extractedData,
});

const faceComparisonInfo: LenientReader<LinkKycFaceComparisonInfo> = part({
  acceptance: verdict(LinkKycAcceptanceResult, LinkKycFaceRejectionReason),
  findings: part({
    faceComparisonApproval: word(LinkKycFaceComparisonApproval),
    faceLivenessApproval: word(LinkKycFaceLivenessApproval),
  }),
});

const certificationData: LenientReader<LinkKycCertificationData> = part({
  // A URL to fetch: an empty string is no URL. The seed's example is a template
  // (`{{environment_host}}/certificate/...`), so no URL form is required beyond that.
  urlCertificateFile: (value) =>
    typeof value === 'string' && value !== '' ? value : unrecognised(value),
});

const manualIdVerificationData: LenientReader<LinkKycManualIdVerificationData> = part({
  documentInfo,
  faceComparisonInfo,
});

const service = word(LinkKycCallbackService);
const operationStatus = word(LinkKycOperationStatus);

// ---------------------------------------------------------------------------------------------
// Parsers.

/**
 * Parses a LINK Mobility KYC callback body (seed 000). Requires a JSON object with a non-empty
 * string `id` and a `service`; every other field may be absent or null (read as null), and any
 * value may be unrecognised (see {@link Unrecognised}). A callback for an unknown service keeps
 * its `data` raw.
 * @throws LinkKycCallbackFormatError when the body is not an object, or `id` or `service` is missing.
 */
export function parseLinkKycCallback(body: unknown): LinkKycCallback {
  const obj = object(body, '$');
  const id = nonEmpty(obj['id'] ?? fail('$.id', 'is required.'), '$.id');
  const kind = service(obj['service'] ?? fail('$.service', 'is required.'));
  const status = orNull(obj['status'], operationStatus);
  if (isUnrecognised(kind)) return { id, service: kind, status, data: obj['data'] ?? null };
  if (kind === LinkKycCallbackService.Certification) {
    return { id, service: kind, status, data: orNull(obj['data'], certificationData) };
  }
  return { id, service: kind, status, data: orNull(obj['data'], manualIdVerificationData) };
}

/**
 * The documented REJECTED reasons of each part of a manual verification, trimmed, in the order
 * received. A part whose acceptance is not REJECTED (or that is missing or marked), and any
 * callback that is not a manual verification, gives an empty list; a reason marked unrecognised
 * maps to no retake and is left out (it stays in the callback for the integrator to see). Pass
 * the result as is to the page's `linkKycRejectionGuidance`: which list a reason is in decides the
 * images (a face-list GLARE is the selfie's).
 */
export function linkKycRetakeReasons(callback: LinkKycCallback): LinkKycRetakeReasons {
  const none = { document: [], face: [] };
  if (callback.service !== LinkKycCallbackService.ManualIdVerification) return none;
  const data = callback.data;
  if (data === null || isUnrecognised(data)) return none;
  const rejected = <T extends string>(
    info: ResultField<{ readonly acceptance: ResultField<LinkKycAcceptance<T>> }>,
  ): string[] => {
    if (info === null || isUnrecognised(info)) return [];
    const acceptance = info.acceptance;
    if (acceptance === null || isUnrecognised(acceptance)) return [];
    if (acceptance.result !== LinkKycAcceptanceResult.Rejected) return [];
    return (acceptance.reasons ?? []).filter((reason): reason is T => !isUnrecognised(reason));
  };
  return { document: rejected(data.documentInfo), face: rejected(data.faceComparisonInfo) };
}
