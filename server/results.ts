// Typed, strict parsers for verification results (seed 003: iDenfy verification data retrieval).
//
// These are for the INTEGRATOR'S SERVER, typically its webhook handler. The browser never sees
// results: the capture SDK uploads images and stops there, and results travel backend to backend
// under an API key pair that must never reach a page. The seed forbids polling `/api/v2/status`
// ("Regularly polling /api/v2/status is not supported ... your account access may be restricted";
// the status/data endpoints are only a fallback for a missed webhook), so this module has no
// polling helper on purpose: parse the webhook body when it arrives, and call the status/data
// endpoints by hand only for an isolated missed webhook.
//
// Node-only, no dependencies, no I/O. Every parser checks field by field and either returns a
// fully checked, typed copy (unknown extra fields dropped) or throws a ResultFormatError naming the
// JSON path of the first bad field. It never returns half-checked data.
//
// Unknown vocabulary values (a newer server may add statuses, tags or document types):
// - tag lists (`fraudTags`, `mismatchTags`) become `{ known: [...], unknown: [...] }`; order kept
//   within each list, nothing dropped;
// - single vocabulary fields (`status`, `autoFace`, `docType`, ...) become either the known string
//   literal or `{ unknown: 'THE_RAW_VALUE' }`. A comparison like `status === 'APPROVED'` is therefore
//   never true for an unrecognised value, and an exhaustive `switch` must handle the object case.
// A value of the wrong JSON type (a number where a string belongs) is always an error.
//
// Documented maximum lengths are NOT enforced: they describe iDenfy's storage, and rejecting a whole
// webhook for a long OCR'd name would lose the result. Formats that typed code relies on ARE
// enforced: `YYYY-MM-DD` dates and alpha-2 country codes.
import { fieldReaders, type JsonObject } from './json-fields.ts';

/** Thrown when a results payload is not what seed 003 documents. */
export class ResultFormatError extends Error {
  /** Stable machine-readable code. */
  readonly code = 'bad-result' as const;
  /** JSON path of the offending field (`$.status.fraudTags[2]`); `$` is the whole body. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ResultFormatError';
    this.path = path;
  }
}

/** A vocabulary value this module does not know yet, kept verbatim. */
export interface UnknownValue {
  /** The raw string the server sent. */
  readonly unknown: string;
}

/** A single vocabulary field: a known literal, or an unrecognised value kept verbatim. */
export type Vocab<T extends string> = T | UnknownValue;

/** A tag list split into the documented tags and the ones this module does not know. */
export interface TagList<T extends string> {
  /** Documented tags, in the order received. */
  readonly known: readonly T[];
  /** Undocumented (newer) tags, verbatim, in the order received. */
  readonly unknown: readonly string[];
}

/** Whether a vocabulary field holds an unrecognised value. */
export function isUnknownValue(value: Vocab<string> | null): value is UnknownValue {
  return typeof value === 'object' && value !== null;
}

// ---------------------------------------------------------------------------------------------
// Vocabularies, exactly as seed 003 lists them.

/** Overall status of a verification (`status`). */
export const VerificationStatus = {
  Approved: 'APPROVED',
  Denied: 'DENIED',
  Suspected: 'SUSPECTED',
  Reviewing: 'REVIEWING',
  Active: 'ACTIVE',
  Expired: 'EXPIRED',
  ExpiredDeleted: 'EXPIRED-DELETED',
  Deleted: 'DELETED',
  Archived: 'ARCHIVED',
} as const;
/** One documented overall status. */
export type VerificationStatus = (typeof VerificationStatus)[keyof typeof VerificationStatus];

/** Why a verification was SUSPECTED (`fraudTags`). */
export const FraudTag = {
  FaceSuspected: 'FACE_SUSPECTED',
  FaceBlacklisted: 'FACE_BLACKLISTED',
  DocFaceBlacklisted: 'DOC_FACE_BLACKLISTED',
  DocMobilePhoto: 'DOC_MOBILE_PHOTO',
  DevToolsOpened: 'DEV_TOOLS_OPENED',
  DocPrintSpoofed: 'DOC_PRINT_SPOOFED',
  FakePhoto: 'FAKE_PHOTO',
  AmlSuspection: 'AML_SUSPECTION',
  AmlFailed: 'AML_FAILED',
  LidSuspection: 'LID_SUSPECTION',
  LidFailed: 'LID_FAILED',
  UtilityAddressCheckFailure: 'UTILITY_ADDRESS_CHECK_FAILURE',
  VirtualCamera: 'VIRTUAL_CAMERA',
  FaceInBlacklist: 'FACE_IN_BLACKLIST',
  DocFaceInBlacklist: 'DOC_FACE_IN_BLACKLIST',
  DuplicateFace: 'DUPLICATE_FACE',
  DuplicateDocFace: 'DUPLICATE_DOC_FACE',
} as const;
/** One documented fraud tag. */
export type FraudTag = (typeof FraudTag)[keyof typeof FraudTag];

/** Where document data differs from the provided information (`mismatchTags`). */
export const MismatchTag = {
  Name: 'NAME',
  Surname: 'SURNAME',
  DocumentNumber: 'DOCUMENT_NUMBER',
  PersonalCode: 'PERSONAL_CODE',
  ExpiryDate: 'EXPIRY_DATE',
  DateOfBirth: 'DATE_OF_BIRTH',
  DateOfIssue: 'DATE_OF_ISSUE',
  FullName: 'FULL_NAME',
  UnderAge: 'UNDER_AGE',
  UnknownAge: 'UNKNOWN_AGE',
  Sex: 'SEX',
  Nationality: 'NATIONALITY',
  InvalidAdditionalStep: 'INVALID_ADDITIONAL_STEP',
  AdditionalStepNotFound: 'ADDITIONAL_STEP_NOT_FOUND',
  DocInfoMismatch: 'DOC_INFO_MISMATCH',
  AdditionalStepInformationMismatch: 'ADDITIONAL_STEP_INFORMATION_MISMATCH',
  ExpiredAdditionalStepInformation: 'EXPIRED_ADDITIONAL_STEP_INFORMATION',
} as const;
/** One documented mismatch tag. */
export type MismatchTag = (typeof MismatchTag)[keyof typeof MismatchTag];

/**
 * Face analysis result (`manualFace`, and `autoFace`). The seed lists values for `manualFace` only;
 * `autoFace` appears in its example (`FACE_MATCH`) and prose, so the same vocabulary is used.
 */
export const FaceStatus = {
  FaceMatch: 'FACE_MATCH',
  FaceMismatch: 'FACE_MISMATCH',
  NoFaceFound: 'NO_FACE_FOUND',
  TooManyFaces: 'TOO_MANY_FACES',
  FaceUncertain: 'FACE_UNCERTAIN',
  FakeFace: 'FAKE_FACE',
} as const;
/** One documented face status. */
export type FaceStatus = (typeof FaceStatus)[keyof typeof FaceStatus];

/** Automatic document analysis result (`autoDocument`). */
export const AutoDocumentStatus = {
  DocValidated: 'DOC_VALIDATED',
  DocInfoMismatch: 'DOC_INFO_MISMATCH',
  DocNotFound: 'DOC_NOT_FOUND',
  DocNotFullyVisible: 'DOC_NOT_FULLY_VISIBLE',
  DocNotSupported: 'DOC_NOT_SUPPORTED',
  DocFaceNotFound: 'DOC_FACE_NOT_FOUND',
  DocTooBlurry: 'DOC_TOO_BLURRY',
  DocGlared: 'DOC_GLARED',
  DocFaceGlared: 'DOC_FACE_GLARED',
  MrzNotFound: 'MRZ_NOT_FOUND',
  MrzOcrReadingError: 'MRZ_OCR_READING_ERROR',
  BarcodeNotFound: 'BARCODE_NOT_FOUND',
  DocExpired: 'DOC_EXPIRED',
  CountryMismatch: 'COUNTRY_MISMATCH',
  DocTypeMismatch: 'DOC_TYPE_MISMATCH',
  DocSideMismatch: 'DOC_SIDE_MISMATCH',
  DocDamaged: 'DOC_DAMAGED',
  DocFake: 'DOC_FAKE',
  DocError: 'DOC_ERROR',
  AutoUnverifiable: 'AUTO_UNVERIFIABLE',
  DocNotAnalysed: 'DOC_NOT_ANALYSED',
  DocNameError: 'DOC_NAME_ERROR',
  DocSurnameError: 'DOC_SURNAME_ERROR',
  DocExpiryError: 'DOC_EXPIRY_ERROR',
  DocDobError: 'DOC_DOB_ERROR',
  DocPersonalNumberError: 'DOC_PERSONAL_NUMBER_ERROR',
  DocNumberError: 'DOC_NUMBER_ERROR',
  DocDateOfIssueError: 'DOC_DATE_OF_ISSUE_ERROR',
  DocSexError: 'DOC_SEX_ERROR',
  DocNationalityError: 'DOC_NATIONALITY_ERROR',
  CountryNotSupported: 'COUNTRY_NOT_SUPPORTED',
  DocPersonalCodeInvalid: 'DOC_PERSONAL_CODE_INVALID',
  DocSpoofDetected: 'DOC_SPOOF_DETECTED',
  MrzInvalid: 'MRZ_INVALID',
  DocNotAllowed: 'DOC_NOT_ALLOWED',
} as const;
/** One documented automatic document status. */
export type AutoDocumentStatus = (typeof AutoDocumentStatus)[keyof typeof AutoDocumentStatus];

/** Final document analysis result by system and human (`manualDocument`). */
export const ManualDocumentStatus = {
  DocValidated: 'DOC_VALIDATED',
  DocNotFullyVisible: 'DOC_NOT_FULLY_VISIBLE',
  DocNotSupported: 'DOC_NOT_SUPPORTED',
  DocExpired: 'DOC_EXPIRED',
  DocDamaged: 'DOC_DAMAGED',
  DocFake: 'DOC_FAKE',
  DocPersonalCodeInvalid: 'DOC_PERSONAL_CODE_INVALID',
  MrzInvalid: 'MRZ_INVALID',
} as const;
/** One documented manual document status. */
export type ManualDocumentStatus = (typeof ManualDocumentStatus)[keyof typeof ManualDocumentStatus];

/** Document type of the completed verification (`docType`). */
export const ResultDocumentType = {
  IdCard: 'ID_CARD',
  Passport: 'PASSPORT',
  ResidencePermit: 'RESIDENCE_PERMIT',
  DriverLicense: 'DRIVER_LICENSE',
  PanCard: 'PAN_CARD',
  Aadhaar: 'AADHAAR',
  Visa: 'VISA',
  NationalPassport: 'NATIONAL_PASSPORT',
  ProvisionalDriverLicense: 'PROVISIONAL_DRIVER_LICENSE',
  OldIdCard: 'OLD_ID_CARD',
  MilitaryCard: 'MILITARY_CARD',
  BankIdSe: 'BANK_ID_SE',
  AddressCard: 'ADDRESS_CARD',
} as const;
/** One documented result document type. */
export type ResultDocumentType = (typeof ResultDocumentType)[keyof typeof ResultDocumentType];

/** Sex parsed from the document (`docSex`). */
export const DocSex = { Male: 'MALE', Female: 'FEMALE', Undefined: 'UNDEFINED' } as const;
/** One documented sex value. */
export type DocSex = (typeof DocSex)[keyof typeof DocSex];

/** IP proxy risk level (`clientIpProxyRiskLevel`). */
export const ProxyRiskLevel = {
  VeryLow: 'VERY_LOW',
  Low: 'LOW',
  Medium: 'MEDIUM',
  High: 'HIGH',
  VeryHigh: 'VERY_HIGH',
  NotChecked: 'NOT_CHECKED',
} as const;
/** One documented proxy risk level. */
export type ProxyRiskLevel = (typeof ProxyRiskLevel)[keyof typeof ProxyRiskLevel];

/** Age band estimated from the selfie (`ageEstimate`). */
export const AgeEstimate = {
  Under13: 'UNDER_13',
  Over13: 'OVER_13',
  Over18: 'OVER_18',
  Over22: 'OVER_22',
  Over25: 'OVER_25',
  Over30: 'OVER_30',
} as const;
/** One documented age band. */
export type AgeEstimate = (typeof AgeEstimate)[keyof typeof AgeEstimate];

// ---------------------------------------------------------------------------------------------
// Payload types.

/** The status fields shared by the status endpoint and the webhook's `status` object. */
export interface VerificationStatusFields {
  /** Documented fraud tags and any newer ones. */
  readonly fraudTags: TagList<FraudTag>;
  /** Documented mismatch tags and any newer ones. */
  readonly mismatchTags: TagList<MismatchTag>;
  /** Automatic face result; null when not (yet) analysed. */
  readonly autoFace: Vocab<FaceStatus> | null;
  /** Final face result by system and human; null until a manual review happened. */
  readonly manualFace: Vocab<FaceStatus> | null;
  /** Automatic document result; null when not (yet) analysed. */
  readonly autoDocument: Vocab<AutoDocumentStatus> | null;
  /** Final document result by system and human; null until a manual review happened. */
  readonly manualDocument: Vocab<ManualDocumentStatus> | null;
}

/** The reply of `POST /api/v2/status` (a fallback only, never polled). */
export interface VerificationStatusResponse extends VerificationStatusFields {
  /** Overall status. */
  readonly status: Vocab<VerificationStatus>;
  /** iDenfy's id of the verification. */
  readonly scanRef: string;
  /** The integrator's id of the client. */
  readonly clientId: string;
}

/** The reply of `POST /api/v2/data`. Every documented field but the ids may be null. */
export interface VerificationData {
  readonly docFirstName: string | null;
  readonly docLastName: string | null;
  readonly docNumber: string | null;
  readonly docPersonalCode: string | null;
  /** `YYYY-MM-DD`. */
  readonly docExpiry: string | null;
  /** `YYYY-MM-DD`. */
  readonly docDob: string | null;
  /** `YYYY-MM-DD`. */
  readonly docDateOfIssue: string | null;
  readonly docType: Vocab<ResultDocumentType> | null;
  readonly docSex: Vocab<DocSex> | null;
  /** Alpha-2 country code. */
  readonly docNationality: string | null;
  /** Alpha-2 country code. */
  readonly docIssuingCountry: string | null;
  readonly docTemporaryAddress: string | null;
  readonly docBirthName: string | null;
  readonly birthPlace: string | null;
  readonly authority: string | null;
  readonly address: string | null;
  readonly driverLicenseCategory: string | null;
  readonly mothersMaidenName: string | null;
  readonly manuallyDataChanged: boolean | null;
  readonly fullName: string | null;
  /** Alpha-2 country code chosen during verification. */
  readonly selectedCountry: string | null;
  readonly orgFirstName: string | null;
  readonly orgLastName: string | null;
  readonly orgNationality: string | null;
  readonly orgBirthPlace: string | null;
  readonly orgBirthName: string | null;
  readonly orgAuthority: string | null;
  readonly orgAddress: string | null;
  readonly orgTemporaryAddress: string | null;
  readonly orgMothersMaidenName: string | null;
  /** Null unless the feature is on and this is the final APPROVED callback. */
  readonly clientIpProxyRiskLevel: Vocab<ProxyRiskLevel> | null;
  readonly ageEstimate: Vocab<AgeEstimate> | null;
  /** scanRefs of other verifications whose selfie matched; null when none. */
  readonly duplicateFaces: readonly string[] | null;
  /** scanRefs of other verifications whose document face matched; null when none. */
  readonly duplicateDocFaces: readonly string[] | null;
  /** In the seed's example but not its field list: kept as raw JSON, unchecked. */
  readonly addressVerification: unknown;
  /** Data given with additional steps; inner shape undocumented, kept as a raw JSON object. */
  readonly additionalData: Readonly<Record<string, unknown>> | null;
  /** iDenfy's id of the verification. */
  readonly scanRef: string;
  /** The integrator's id of the client. */
  readonly clientId: string;
}

/** The webhook's `status` object: the status fields with the overall status named `overall`. */
export interface WebhookStatus extends VerificationStatusFields {
  /** Overall status. */
  readonly overall: Vocab<VerificationStatus>;
}

/**
 * The verification-result webhook body. Seed 003 recommends webhooks but does not spell out their
 * body; this follows iDenfy's public webhook page ("an HTTP POST request containing the status and
 * data", a top-level `final` flag) and reuses the seed's status and data vocabularies. Confirm
 * against the live API before relying on fields beyond these.
 */
export interface VerificationWebhook {
  /** True when no further webhook will follow for this verification; act only on final results. */
  readonly final: boolean;
  /** The verification status. */
  readonly status: WebhookStatus;
  /** The extracted data (same fields as the data endpoint; the ids are the top-level ones). */
  readonly data: VerificationData;
  /** iDenfy's id of the verification; use it as the idempotency key. */
  readonly scanRef: string;
  /** The integrator's id of the client. */
  readonly clientId: string;
  /** Photo URLs by kind (`FACE`, `FRONT`, ...); empty when the body has none. */
  readonly fileUrls: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------
// Field helpers.

function fail(path: string, message: string): never {
  throw new ResultFormatError(path, message);
}

const { object, text, nonEmpty, pattern, vocab, tags } = fieldReaders(fail);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ALPHA2 = /^[A-Z]{2}$/;

function required(obj: JsonObject, key: string, path: string): unknown {
  const value = obj[key];
  if (value === undefined) fail(`${path}.${key}`, 'is required.');
  return value;
}

function nullable<T>(value: unknown, path: string, read: (v: unknown, p: string) => T): T | null {
  return value === null ? null : read(value, path);
}

function strings(value: unknown, path: string): readonly string[] {
  if (!Array.isArray(value)) fail(path, 'must be an array of strings.');
  return value.map((item, i) => text(item, `${path}[${i}]`));
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'must be a boolean.');
  return value;
}

const faceStatus = vocab(FaceStatus);
const autoDocumentStatus = vocab(AutoDocumentStatus);
const manualDocumentStatus = vocab(ManualDocumentStatus);
const overallStatus = vocab(VerificationStatus);
const fraudTags = tags(FraudTag);
const mismatchTags = tags(MismatchTag);
const date = pattern(DATE, 'a YYYY-MM-DD date');
const alpha2 = pattern(ALPHA2, 'an alpha-2 country code');

function readStatusFields(obj: JsonObject, path: string): VerificationStatusFields {
  const field = (key: string) => required(obj, key, path);
  const at = (key: string) => `${path}.${key}`;
  return {
    fraudTags: fraudTags(field('fraudTags'), at('fraudTags')),
    mismatchTags: mismatchTags(field('mismatchTags'), at('mismatchTags')),
    autoFace: nullable(field('autoFace'), at('autoFace'), faceStatus),
    manualFace: nullable(field('manualFace'), at('manualFace'), faceStatus),
    autoDocument: nullable(field('autoDocument'), at('autoDocument'), autoDocumentStatus),
    manualDocument: nullable(field('manualDocument'), at('manualDocument'), manualDocumentStatus),
  };
}

/** The data fields other than the ids: absent means null (the seed: "any ... can be null"). */
const DATA_FIELDS = {
  docFirstName: text,
  docLastName: text,
  docNumber: text,
  docPersonalCode: text,
  docExpiry: date,
  docDob: date,
  docDateOfIssue: date,
  docType: vocab(ResultDocumentType),
  docSex: vocab(DocSex),
  docNationality: alpha2,
  docIssuingCountry: alpha2,
  docTemporaryAddress: text,
  docBirthName: text,
  birthPlace: text,
  authority: text,
  address: text,
  driverLicenseCategory: text,
  mothersMaidenName: text,
  manuallyDataChanged: bool,
  fullName: text,
  selectedCountry: alpha2,
  orgFirstName: text,
  orgLastName: text,
  orgNationality: text,
  orgBirthPlace: text,
  orgBirthName: text,
  orgAuthority: text,
  orgAddress: text,
  orgTemporaryAddress: text,
  orgMothersMaidenName: text,
  clientIpProxyRiskLevel: vocab(ProxyRiskLevel),
  ageEstimate: vocab(AgeEstimate),
  duplicateFaces: strings,
  duplicateDocFaces: strings,
  additionalData: object,
} as const satisfies Record<string, (value: unknown, path: string) => unknown>;

type DataFieldValues = {
  -readonly [K in keyof typeof DATA_FIELDS]: ReturnType<(typeof DATA_FIELDS)[K]> | null;
};

function readData(obj: JsonObject, path: string, ids: { scanRef: string; clientId: string }) {
  const values = {} as DataFieldValues;
  for (const key of Object.keys(DATA_FIELDS) as (keyof typeof DATA_FIELDS)[]) {
    const raw = obj[key];
    const read = DATA_FIELDS[key] as (value: unknown, path: string) => unknown;
    (values as Record<string, unknown>)[key] =
      raw === undefined || raw === null ? null : read(raw, `${path}.${key}`);
  }
  const address = obj['addressVerification'];
  const result: VerificationData = {
    ...values,
    addressVerification: address === undefined ? null : address,
    ...ids,
  };
  return result;
}

function readIds(obj: JsonObject, path: string): { scanRef: string; clientId: string } {
  return {
    scanRef: nonEmpty(required(obj, 'scanRef', path), `${path}.scanRef`),
    clientId: text(required(obj, 'clientId', path), `${path}.clientId`),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsers.

/**
 * Parses the reply of `POST /api/v2/status`. Every field of the seed's example is required;
 * `autoFace`/`manualFace`/`autoDocument`/`manualDocument` may be null (no manual review yet).
 * @throws ResultFormatError on the first field that does not match.
 */
export function parseVerificationStatus(json: unknown): VerificationStatusResponse {
  const body = object(json, '$');
  return {
    status: overallStatus(required(body, 'status', '$'), '$.status'),
    ...readIds(body, '$'),
    ...readStatusFields(body, '$'),
  };
}

/**
 * Parses the reply of `POST /api/v2/data`. `scanRef` and `clientId` are required strings; every
 * other documented field may be null or absent (read as null), but when present has its type.
 * @throws ResultFormatError on the first field that does not match.
 */
export function parseVerificationData(json: unknown): VerificationData {
  const body = object(json, '$');
  return readData(body, '$', readIds(body, '$'));
}

/**
 * Parses a verification-result webhook body (see {@link VerificationWebhook}). `final`, `status`
 * (with every status field), `data`, `scanRef` and `clientId` are required; `fileUrls` is optional.
 * The data object's own ids, when it repeats them, must equal the top-level ones.
 * @throws ResultFormatError on the first field that does not match.
 */
export function parseWebhook(json: unknown): VerificationWebhook {
  const body = object(json, '$');
  const final = bool(required(body, 'final', '$'), '$.final');
  const ids = readIds(body, '$');
  const statusObj = object(required(body, 'status', '$'), '$.status');
  const status: WebhookStatus = {
    overall: overallStatus(required(statusObj, 'overall', '$.status'), '$.status.overall'),
    ...readStatusFields(statusObj, '$.status'),
  };
  const dataObj = object(required(body, 'data', '$'), '$.data');
  for (const key of ['scanRef', 'clientId'] as const) {
    const repeated = dataObj[key];
    if (repeated !== undefined && repeated !== null && repeated !== ids[key]) {
      fail(`$.data.${key}`, `must equal the top-level ${key}.`);
    }
  }
  const data = readData(dataObj, '$.data', ids);
  const fileUrls: Record<string, string> = {};
  const rawUrls = body['fileUrls'];
  if (rawUrls !== undefined && rawUrls !== null) {
    for (const [kind, url] of Object.entries(object(rawUrls, '$.fileUrls'))) {
      fileUrls[kind] = text(url, `$.fileUrls.${kind}`);
    }
  }
  return { final, status, data, scanRef: ids.scanRef, clientId: ids.clientId, fileUrls };
}
