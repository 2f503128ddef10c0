// Typed, strict parsers for LINK Mobility KYC callbacks (seed 000: "Callback Response" onwards).
//
// These are for the INTEGRATOR'S SERVER: LINK Mobility POSTs the result of a Certification or a
// Manual ID Verification to the callback URL given with the request. The browser never sees these
// bodies; when a manual verification was REJECTED for image quality, hand `linkKycRetakeReasons`'
// `{document, face}` to the page, whose `linkKycRejectionGuidance` turns them into retake steps.
// The seed lists the addresses callbacks come from (217.75.233.139, 213.134.38.77, 88.26.209.16)
// and documents no signature: link-kyc-callback-handler.ts checks the source address before it
// reads a body.
//
// Node-only, no dependencies, no I/O. Same rules as results.ts: the parser checks field by field and
// either returns a fully checked, typed copy (unknown extra fields dropped) or throws a
// LinkKycCallbackFormatError naming the JSON path of the first bad field.
//
// Vocabulary values (`service`, `status`, every `result`, approval and reason) are trimmed first
// (the seed's own examples send " ACCEPTED" and " REJECTED" with a leading space) and then compared
// case-sensitively. Unknown values are kept the way results.ts keeps them: a single field becomes
// `{ unknown: 'THE_VALUE' }`, a reason list becomes `{ known: [...], unknown: [...] }`. A value of
// the wrong JSON type (a number where a string belongs) is always an error.
//
// What may be missing:
// - `acceptance.reasons` (absent when ACCEPTED): read as an empty list;
// - `documentInfo.findings`, `documentInfo.extractedData`, `faceComparisonInfo.findings` (absent in
//   the seed's REJECTED example): read as null;
// - everything inside `extractedData`, at any depth ("not all documents supported contain all
//   possible fields"): read as null; an empty string there (the seed sends `"issuingAuthority": ""`)
//   also reads as null;
// - the operation data itself (`data.urlCertificateFile`, `data.documentInfo`,
//   `data.faceComparisonInfo`, even `data`) when `status` is not `Completed`: the callback also
//   fires "when there was an error", and the seed shows no error body. With `Completed` they are
//   required.
// Everything else the seed's examples always carry is required.
//
// Dates in `extractedData` must be `YYYY-MM-DD` (the seed says they are normalised to it); country
// codes are kept as sent (the seed's examples are alpha-3, `ESP`, and MRZ codes vary).

import { fieldReaders, type JsonObject, type Reader } from './json-fields.ts';
import type { TagList, UnknownValue, Vocab } from './results.ts';

/** Thrown when a LINK Mobility KYC callback body is not what seed 000 documents. */
export class LinkKycCallbackFormatError extends Error {
  /** Stable machine-readable code. */
  readonly code = 'bad-callback' as const;
  /** JSON path of the offending field (`$.data.documentInfo.acceptance.reasons[2]`); `$` is the body. */
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
 * `N/B`, should the vendor send one, is kept as an unknown value, not dropped.
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
// Payload types.

/** Whether a part's images could be processed (`acceptance`). */
export interface LinkKycAcceptance<Reason extends string> {
  /** ACCEPTED or REJECTED (trimmed). */
  readonly result: Vocab<LinkKycAcceptanceResult>;
  /** Why it was REJECTED; empty when the body has none (ACCEPTED). */
  readonly reasons: TagList<Reason>;
}

/** One authenticity, originality or validity check (`findings.details.*`). */
export interface LinkKycDocumentCheck<Result extends string, Reason extends string> {
  /** The check's verdict. */
  readonly result: Vocab<Result>;
  /** Why the check failed; empty when the body has none. */
  readonly reasons: TagList<Reason>;
}

/** The checks behind the document verdict (`documentInfo.findings.details`). */
export interface LinkKycDocumentDetails {
  /** Authenticity check. */
  readonly authenticity: LinkKycDocumentCheck<LinkKycAuthenticityResult, LinkKycAuthenticityReason>;
  /** Originality check. */
  readonly originality: LinkKycDocumentCheck<LinkKycOriginalityResult, LinkKycOriginalityReason>;
  /** Validity check. */
  readonly validity: LinkKycDocumentCheck<LinkKycValidityResult, LinkKycValidityReason>;
}

/** The document verdict (`documentInfo.findings`). */
export interface LinkKycDocumentFindings {
  /** APPROVED or NOT_APPROVED. */
  readonly documentApproval: Vocab<LinkKycDocumentApproval>;
  /** The checks that led to it. */
  readonly details: LinkKycDocumentDetails;
}

/** Document fields read from the document (`extractedData.documentAttributes`). */
export interface LinkKycDocumentAttributes {
  /** ISO country code of the issuing country, as sent (the seed's example: `ESP`). */
  readonly countryCodeOfIssuance: string | null;
  /** `YYYY-MM-DD`. */
  readonly dateOfExpiry: string | null;
  /** `YYYY-MM-DD`. */
  readonly dateOfIssuance: string | null;
  /** Number or identifier of the document. */
  readonly documentNumber: string | null;
  /** Type of the submitted document. */
  readonly documentType: Vocab<LinkKycDocumentType> | null;
  /** Authority or organisation that issued the document. */
  readonly issuingAuthority: string | null;
  /** State, province or region that issued the document. */
  readonly stateOrProvinceOfIssuance: string | null;
}

/** Fields about the holder read from the document (`extractedData.personAttributes`). */
export interface LinkKycPersonAttributes {
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: string | null;
  /** M, F, or a non-binary code. */
  readonly gender: Vocab<LinkKycGender> | null;
  /** ISO country code of the nationality, as sent (the seed's example: `ARG`). */
  readonly nationalityCode: string | null;
  /** Any government identification number of the holder. */
  readonly personalGovernmentId: string | null;
  /** Place of birth. */
  readonly placeOfBirth: string | null;
}

/** The holder's name read from the document (`extractedData.name`). */
export interface LinkKycName {
  /** First surname. */
  readonly firstSurname: string | null;
  /** Full name. */
  readonly fullName: string | null;
  /** Given names. */
  readonly givenNames: string | null;
  /** Second surname. */
  readonly secondSurname: string | null;
  /** Surname. */
  readonly surname: string | null;
}

/** The address as printed on the document (`address.unparsedAddress`). */
export interface LinkKycUnparsedAddress {
  /** First printed line. */
  readonly addressLine1: string | null;
  /** Second printed line. */
  readonly addressLine2: string | null;
  /** Third printed line. */
  readonly addressLine3: string | null;
  /** Fourth printed line. */
  readonly addressLine4: string | null;
}

/** The address split into parts (`address.parsedAddress`). */
export interface LinkKycParsedAddress extends LinkKycUnparsedAddress {
  /** City. */
  readonly city: string | null;
  /** Postal code. */
  readonly postalCode: string | null;
  /** State or province. */
  readonly stateOrProvince: string | null;
}

/** The holder's address read from the document (`extractedData.address`). */
export interface LinkKycAddress {
  /** Parsed version. */
  readonly parsedAddress: LinkKycParsedAddress | null;
  /** As printed. */
  readonly unparsedAddress: LinkKycUnparsedAddress | null;
}

/** Data read from the document (`documentInfo.extractedData`); any part may be null. */
export interface LinkKycExtractedData {
  /** Document fields. */
  readonly documentAttributes: LinkKycDocumentAttributes | null;
  /** Holder fields. */
  readonly personAttributes: LinkKycPersonAttributes | null;
  /** Holder's name. */
  readonly name: LinkKycName | null;
  /** Holder's address. */
  readonly address: LinkKycAddress | null;
}

/** The document part of a manual verification (`data.documentInfo`). */
export interface LinkKycDocumentInfo {
  /** Whether the document images could be processed. */
  readonly acceptance: LinkKycAcceptance<LinkKycDocumentRejectionReason>;
  /** The document verdict; null when the body has none (REJECTED). */
  readonly findings: LinkKycDocumentFindings | null;
  /** Data read from the document; null when the body has none (REJECTED). */
  readonly extractedData: LinkKycExtractedData | null;
}

/** The face verdicts (`faceComparisonInfo.findings`). */
export interface LinkKycFaceFindings {
  /** Manual comparison of the selfie with the document portrait. */
  readonly faceComparisonApproval: Vocab<LinkKycFaceComparisonApproval>;
  /** Automatic liveness of the selfie. */
  readonly faceLivenessApproval: Vocab<LinkKycFaceLivenessApproval>;
}

/** The face part of a manual verification (`data.faceComparisonInfo`). */
export interface LinkKycFaceComparisonInfo {
  /** Whether the selfie and portrait could be processed. */
  readonly acceptance: LinkKycAcceptance<LinkKycFaceRejectionReason>;
  /** The face verdicts; null when the body has none (REJECTED). */
  readonly findings: LinkKycFaceFindings | null;
}

/** What every callback carries. */
export interface LinkKycCallbackCommon {
  /** Request identifier (the id of the verify request); use it as the idempotency key. */
  readonly id: string;
  /** Completed, Processing or Error. */
  readonly status: Vocab<LinkKycOperationStatus>;
}

/** Data of a Certification callback. */
export interface LinkKycCertificationData {
  /** Where to download the certificate (with the Authorization header); null unless Completed. */
  readonly urlCertificateFile: string | null;
}

/** A Certification callback. */
export interface LinkKycCertificationCallback extends LinkKycCallbackCommon {
  /** The discriminant. */
  readonly service: 'Certification';
  /** The certification result. */
  readonly data: LinkKycCertificationData;
}

/** Data of a Manual ID Verification callback. */
export interface LinkKycManualIdVerificationData {
  /** The document result; null only when the status is not Completed and the body has none. */
  readonly documentInfo: LinkKycDocumentInfo | null;
  /** The face result; null only when the status is not Completed and the body has none. */
  readonly faceComparisonInfo: LinkKycFaceComparisonInfo | null;
}

/** A Manual ID Verification callback. */
export interface LinkKycManualIdVerificationCallback extends LinkKycCallbackCommon {
  /** The discriminant. */
  readonly service: 'ManualIDVerification';
  /** The verification result. */
  readonly data: LinkKycManualIdVerificationData;
}

/** A callback for a service this module does not know: the id and status are checked, not `data`. */
export interface LinkKycUnknownServiceCallback extends LinkKycCallbackCommon {
  /** The service name, kept verbatim (trimmed). */
  readonly service: UnknownValue;
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
  /** `documentInfo.acceptance.reasons` when that part was REJECTED; otherwise empty. */
  readonly document: string[];
  /** `faceComparisonInfo.acceptance.reasons` when that part was REJECTED; otherwise empty. */
  readonly face: string[];
}

// ---------------------------------------------------------------------------------------------
// Field helpers.

function fail(path: string, message: string): never {
  throw new LinkKycCallbackFormatError(path, message);
}

const readers = fieldReaders(fail);
const { object, text, nonEmpty, pattern } = readers;
/** Vocabulary strings are trimmed: the seed's own examples carry " ACCEPTED" / " REJECTED". */
const vocab = <T extends string>(allowed: Readonly<Record<string, T>>) =>
  readers.vocab(allowed, { trim: true });
const tags = <T extends string>(allowed: Readonly<Record<string, T>>) =>
  readers.tags(allowed, { trim: true });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function required(obj: JsonObject, key: string, path: string): unknown {
  const value = obj[key];
  if (value === undefined || value === null) fail(`${path}.${key}`, 'is required.');
  return value;
}

/** Absent and null read as null; anything else must satisfy `read`. */
function optional<T>(obj: JsonObject, key: string, path: string, read: Reader<T>): T | null {
  const value = obj[key];
  return value === undefined || value === null ? null : read(value, `${path}.${key}`);
}

const NO_TAGS: TagList<never> = Object.freeze({
  known: Object.freeze([]),
  unknown: Object.freeze([]),
});

/** A reason list: absent or null reads as empty. */
function reasons<T extends string>(allowed: Readonly<Record<string, T>>) {
  const read = tags(allowed);
  return (obj: JsonObject, path: string): TagList<T> =>
    optional(obj, 'reasons', path, read) ?? NO_TAGS;
}

/** An `extractedData` leaf: absent, null and `""` read as null; otherwise `read`. */
function extracted<T>(read: Reader<T>): Reader<T | null> {
  return (value, path) => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' && value.trim().length === 0) return null;
    return read(value, path);
  };
}

/** Reads an object whose every field is an `extractedData` leaf; the object may be absent. */
function leaves<S extends Record<string, Reader<unknown>>>(shape: S) {
  return (value: unknown, path: string): { -readonly [K in keyof S]: ReturnType<S[K]> } => {
    const obj = object(value, path);
    const out: Record<string, unknown> = {};
    for (const [key, read] of Object.entries(shape)) out[key] = read(obj[key], `${path}.${key}`);
    return out as { -readonly [K in keyof S]: ReturnType<S[K]> };
  };
}

const service = vocab(LinkKycCallbackService);
const operationStatus = vocab(LinkKycOperationStatus);
const documentApproval = vocab(LinkKycDocumentApproval);
const faceComparisonApproval = vocab(LinkKycFaceComparisonApproval);
const faceLivenessApproval = vocab(LinkKycFaceLivenessApproval);

const date = pattern(DATE, 'a YYYY-MM-DD date');
const extractedText = extracted(text);
const extractedDate = extracted(date);

const UNPARSED_ADDRESS = {
  addressLine1: extractedText,
  addressLine2: extractedText,
  addressLine3: extractedText,
  addressLine4: extractedText,
};

const documentAttributes: Reader<LinkKycDocumentAttributes> = leaves({
  countryCodeOfIssuance: extractedText,
  dateOfExpiry: extractedDate,
  dateOfIssuance: extractedDate,
  documentNumber: extractedText,
  documentType: extracted(vocab(LinkKycDocumentType)),
  issuingAuthority: extractedText,
  stateOrProvinceOfIssuance: extractedText,
});

const personAttributes: Reader<LinkKycPersonAttributes> = leaves({
  dateOfBirth: extractedDate,
  gender: extracted(vocab(LinkKycGender)),
  nationalityCode: extractedText,
  personalGovernmentId: extractedText,
  placeOfBirth: extractedText,
});

const name: Reader<LinkKycName> = leaves({
  firstSurname: extractedText,
  fullName: extractedText,
  givenNames: extractedText,
  secondSurname: extractedText,
  surname: extractedText,
});

const parsedAddress: Reader<LinkKycParsedAddress> = leaves({
  ...UNPARSED_ADDRESS,
  city: extractedText,
  postalCode: extractedText,
  stateOrProvince: extractedText,
});

const unparsedAddress: Reader<LinkKycUnparsedAddress> = leaves(UNPARSED_ADDRESS);

function address(value: unknown, path: string): LinkKycAddress {
  const obj = object(value, path);
  return {
    parsedAddress: optional(obj, 'parsedAddress', path, parsedAddress),
    unparsedAddress: optional(obj, 'unparsedAddress', path, unparsedAddress),
  };
}

function extractedData(value: unknown, path: string): LinkKycExtractedData {
  const obj = object(value, path);
  return {
    documentAttributes: optional(obj, 'documentAttributes', path, documentAttributes),
    personAttributes: optional(obj, 'personAttributes', path, personAttributes),
    name: optional(obj, 'name', path, name),
    address: optional(obj, 'address', path, address),
  };
}

/**
 * A `{result, reasons}` object (an `acceptance` or a document check): `result` required, one of
 * `results`; `reasons` from `allowed`, empty when absent.
 */
function verdict<R extends string, T extends string>(
  results: Readonly<Record<string, R>>,
  allowed: Readonly<Record<string, T>>,
): Reader<LinkKycDocumentCheck<R, T>> {
  const result = vocab(results);
  const readReasons = reasons(allowed);
  return (value, path) => {
    const obj = object(value, path);
    return {
      result: result(required(obj, 'result', path), `${path}.result`),
      reasons: readReasons(obj, path),
    };
  };
}

const authenticity = verdict(LinkKycAuthenticityResult, LinkKycAuthenticityReason);
const originality = verdict(LinkKycOriginalityResult, LinkKycOriginalityReason);
const validity = verdict(LinkKycValidityResult, LinkKycValidityReason);

function details(value: unknown, path: string): LinkKycDocumentDetails {
  const obj = object(value, path);
  const field = <T>(key: string, read: Reader<T>): T =>
    read(required(obj, key, path), `${path}.${key}`);
  return {
    authenticity: field('authenticity', authenticity),
    originality: field('originality', originality),
    validity: field('validity', validity),
  };
}

function documentFindings(value: unknown, path: string): LinkKycDocumentFindings {
  const obj = object(value, path);
  return {
    documentApproval: documentApproval(
      required(obj, 'documentApproval', path),
      `${path}.documentApproval`,
    ),
    details: details(required(obj, 'details', path), `${path}.details`),
  };
}

const documentAcceptance: Reader<LinkKycAcceptance<LinkKycDocumentRejectionReason>> = verdict(
  LinkKycAcceptanceResult,
  LinkKycDocumentRejectionReason,
);
const faceAcceptance: Reader<LinkKycAcceptance<LinkKycFaceRejectionReason>> = verdict(
  LinkKycAcceptanceResult,
  LinkKycFaceRejectionReason,
);

function documentInfo(value: unknown, path: string): LinkKycDocumentInfo {
  const obj = object(value, path);
  return {
    acceptance: documentAcceptance(required(obj, 'acceptance', path), `${path}.acceptance`),
    findings: optional(obj, 'findings', path, documentFindings),
    extractedData: optional(obj, 'extractedData', path, extractedData),
  };
}

function faceFindings(value: unknown, path: string): LinkKycFaceFindings {
  const obj = object(value, path);
  return {
    faceComparisonApproval: faceComparisonApproval(
      required(obj, 'faceComparisonApproval', path),
      `${path}.faceComparisonApproval`,
    ),
    faceLivenessApproval: faceLivenessApproval(
      required(obj, 'faceLivenessApproval', path),
      `${path}.faceLivenessApproval`,
    ),
  };
}

function faceComparisonInfo(value: unknown, path: string): LinkKycFaceComparisonInfo {
  const obj = object(value, path);
  return {
    acceptance: faceAcceptance(required(obj, 'acceptance', path), `${path}.acceptance`),
    findings: optional(obj, 'findings', path, faceFindings),
  };
}

/** A field of the operation data: required when Completed, otherwise null when absent. */
function operationField<T>(
  obj: JsonObject,
  key: string,
  completed: boolean,
  read: Reader<T>,
): T | null {
  const path = '$.data';
  return completed
    ? read(required(obj, key, path), `${path}.${key}`)
    : optional(obj, key, path, read);
}

// ---------------------------------------------------------------------------------------------
// Parsers.

/**
 * Parses a LINK Mobility KYC callback body (seed 000). `id`, `service` and `status` are required;
 * `data` and the operation's result (`urlCertificateFile`, or `documentInfo` and
 * `faceComparisonInfo`) are required when `status` is `Completed` and may be absent otherwise.
 * Inside a manual verification, `acceptance.reasons`, `findings` and `extractedData` (and anything
 * within it) may be absent. Vocabulary strings are trimmed; unknown ones are kept (see
 * {@link Vocab}); a callback for an unknown service keeps its `data` raw.
 * @throws LinkKycCallbackFormatError on the first field that does not match.
 */
export function parseLinkKycCallback(body: unknown): LinkKycCallback {
  const obj = object(body, '$');
  const id = nonEmpty(required(obj, 'id', '$'), '$.id');
  const kind = service(required(obj, 'service', '$'), '$.service');
  const status = operationStatus(required(obj, 'status', '$'), '$.status');
  const completed = status === LinkKycOperationStatus.Completed;

  if (typeof kind === 'object') {
    const raw = obj['data'];
    return { id, service: kind, status, data: raw === undefined ? null : raw };
  }
  const data: JsonObject = completed
    ? object(required(obj, 'data', '$'), '$.data')
    : (optional(obj, 'data', '$', object) ?? {});

  if (kind === LinkKycCallbackService.Certification) {
    return {
      id,
      service: kind,
      status,
      data: { urlCertificateFile: operationField(data, 'urlCertificateFile', completed, nonEmpty) },
    };
  }
  return {
    id,
    service: kind,
    status,
    data: {
      documentInfo: operationField(data, 'documentInfo', completed, documentInfo),
      faceComparisonInfo: operationField(data, 'faceComparisonInfo', completed, faceComparisonInfo),
    },
  };
}

/**
 * The REJECTED reasons of each part of a manual verification, trimmed, documented ones first then
 * unknown ones (each in the order received). A part whose acceptance is not REJECTED (or that is
 * missing), and any callback that is not a manual verification, gives an empty list. Pass the
 * result as is to the page's `linkKycRejectionGuidance`: which list a reason is in decides the
 * images (a face-list GLARE is the selfie's), and reasons it does not know are skipped.
 */
export function linkKycRetakeReasons(callback: LinkKycCallback): LinkKycRetakeReasons {
  if (callback.service !== LinkKycCallbackService.ManualIdVerification) {
    return { document: [], face: [] };
  }
  const rejected = (part: { acceptance: LinkKycAcceptance<string> } | null): string[] =>
    part !== null && part.acceptance.result === LinkKycAcceptanceResult.Rejected
      ? [...part.acceptance.reasons.known, ...part.acceptance.reasons.unknown]
      : [];
  return {
    document: rejected(callback.data.documentInfo),
    face: rejected(callback.data.faceComparisonInfo),
  };
}
