// Typed parsers for verification results (seed 003: iDenfy verification data retrieval).
//
// These are for the INTEGRATOR'S SERVER, typically its webhook handler. The browser never sees
// results: the capture SDK uploads images and stops there, and results travel backend to backend
// under an API key pair that must never reach a page. The seed forbids polling `/api/v2/status`
// ("Regularly polling /api/v2/status is not supported ... your account access may be restricted";
// the status/data/files endpoints are only a fallback for a missed webhook), so this module has no
// polling helper on purpose: parse the webhook body when it arrives, and call the status, data or
// files endpoint by hand only for an isolated missed webhook.
//
// Node-only, no dependencies, no I/O. One unexpected value never costs the whole payload:
// - a field whose value is not what the seed documents (a status or tag the seed does not list, a
//   date that is not a calendar `YYYY-MM-DD`, a country that is not alpha-2, a number where a
//   string belongs) becomes `{ kind: 'unrecognised', raw }` with the value verbatim
//   (`Unrecognised`). Its type is in every field's union, so TypeScript makes the integrator handle
//   it before using the value as a string, and `status === 'APPROVED'` is never true for it;
// - a list keeps its order, each item documented or unrecognised; a list that is not an array is a
//   list of one unrecognised item, so `fraudTags.length > 0` stays a cautious test;
// - a field that is absent or null reads as null (the seed: data fields "can be null").
// Only a payload that cannot be about one verification throws ResultFormatError (naming the JSON
// path): not a JSON object, no usable `scanRef`/`clientId` (the identifiers the integrator keys the
// result on), no overall status in a status reply or webhook, or a webhook whose `data` names
// another verification than its top level. Extra fields the seed does not name are dropped.
//
// Documented maximum lengths are NOT checked: they describe iDenfy's storage, and marking a long
// OCR'd name would help nobody.
import {
  fieldReaders,
  lenient,
  orNull as optional,
  unrecognised,
  type JsonObject,
  type OrUnrecognised,
  type ResultField,
  type ResultList,
  type Unrecognised,
} from './json-fields.ts';

// The marker and field types are the whole server helper's (link-kyc-callback.ts uses them too);
// they are exported from here, once, for kyc-capture/server.
export {
  isUnrecognised,
  type OrUnrecognised,
  type ResultField,
  type ResultList,
  type Unrecognised,
} from './json-fields.ts';

/** Thrown when a results payload cannot be about one verification (see the module comment). */
export class ResultFormatError extends Error {
  /** Stable machine-readable code. */
  readonly code = 'bad-result' as const;
  /** JSON path of the offending field (`$.status.overall`); `$` is the whole body. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ResultFormatError';
    this.path = path;
  }
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

/** URLs by kind (`FACE`, `FRONT`, ...); a value that is not an absolute `https:` URL is marked. */
export type UrlMap = Readonly<Record<string, OrUnrecognised<string>>>;

/** The status fields shared by the status endpoint and the webhook's `status` object. */
export interface VerificationStatusFields {
  /** Why the verification was SUSPECTED; null when the payload carries no list (not "no tags"). */
  readonly fraudTags: ResultList<FraudTag>;
  /** Where document data differs from the given data; null when the payload carries no list. */
  readonly mismatchTags: ResultList<MismatchTag>;
  /** Automatic face result; null when not (yet) analysed. */
  readonly autoFace: ResultField<FaceStatus>;
  /** Final face result by system and human; null until a manual review happened. */
  readonly manualFace: ResultField<FaceStatus>;
  /** Automatic document result; null when not (yet) analysed. */
  readonly autoDocument: ResultField<AutoDocumentStatus>;
  /** Final document result by system and human; null until a manual review happened. */
  readonly manualDocument: ResultField<ManualDocumentStatus>;
}

/** The reply of `POST /api/v2/status` (a fallback only, never polled). */
export interface VerificationStatusResponse extends VerificationStatusFields {
  /** Overall status. */
  readonly status: OrUnrecognised<VerificationStatus>;
  /** iDenfy's id of the verification. */
  readonly scanRef: string;
  /** The integrator's id of the client. */
  readonly clientId: string;
}

/** The reply of `POST /api/v2/data`. Every documented field but the ids may be null. */
export interface VerificationData {
  /** Name from the document. */
  readonly docFirstName: ResultField<string>;
  /** Surname from the document. */
  readonly docLastName: ResultField<string>;
  /** Document number. */
  readonly docNumber: ResultField<string>;
  /** Personal code from the document. */
  readonly docPersonalCode: ResultField<string>;
  /** Expiry date, `YYYY-MM-DD`. */
  readonly docExpiry: ResultField<string>;
  /** Date of birth, `YYYY-MM-DD`. */
  readonly docDob: ResultField<string>;
  /** Date of issue, `YYYY-MM-DD`. */
  readonly docDateOfIssue: ResultField<string>;
  /** Document type of the completed verification. */
  readonly docType: ResultField<ResultDocumentType>;
  /** Sex from the document. */
  readonly docSex: ResultField<DocSex>;
  /** Nationality, an alpha-2 country code (`[A-Z]{2}`). */
  readonly docNationality: ResultField<string>;
  /** Issuing country, an alpha-2 country code (`[A-Z]{2}`). */
  readonly docIssuingCountry: ResultField<string>;
  /** Temporary address from the document. */
  readonly docTemporaryAddress: ResultField<string>;
  /** Birth name from the document. */
  readonly docBirthName: ResultField<string>;
  /** Birth place from the document. */
  readonly birthPlace: ResultField<string>;
  /** Issuing authority from the document. */
  readonly authority: ResultField<string>;
  /** Address from the document. */
  readonly address: ResultField<string>;
  /** Driving licence categories. */
  readonly driverLicenseCategory: ResultField<string>;
  /** Mother's maiden name from the document. */
  readonly mothersMaidenName: ResultField<string>;
  /** Whether the data was changed by hand after the automatic process. */
  readonly manuallyDataChanged: ResultField<boolean>;
  /** Full name from the document. */
  readonly fullName: ResultField<string>;
  /** Country chosen during verification, an alpha-2 country code (`[A-Z]{2}`). */
  readonly selectedCountry: ResultField<string>;
  /** Name in the document's original language. */
  readonly orgFirstName: ResultField<string>;
  /** Surname in the document's original language. */
  readonly orgLastName: ResultField<string>;
  /** Nationality in the document's original language (free text, not a code). */
  readonly orgNationality: ResultField<string>;
  /** Birth place in the document's original language. */
  readonly orgBirthPlace: ResultField<string>;
  /** Birth name in the document's original language. */
  readonly orgBirthName: ResultField<string>;
  /** Authority in the document's original language. */
  readonly orgAuthority: ResultField<string>;
  /** Address in the document's original language. */
  readonly orgAddress: ResultField<string>;
  /** Temporary address in the document's original language. */
  readonly orgTemporaryAddress: ResultField<string>;
  /** Mother's maiden name in the document's original language. */
  readonly orgMothersMaidenName: ResultField<string>;
  /** Null unless the feature is on and this is the final APPROVED callback. */
  readonly clientIpProxyRiskLevel: ResultField<ProxyRiskLevel>;
  /** Age band estimated from the selfie (liveness on). */
  readonly ageEstimate: ResultField<AgeEstimate>;
  /** scanRefs of other verifications whose selfie matched; null when none. */
  readonly duplicateFaces: ResultList<string>;
  /** scanRefs of other verifications whose document face matched; null when none. */
  readonly duplicateDocFaces: ResultList<string>;
  /** In the seed's example but not its field list: raw JSON, unchecked (null when absent). */
  readonly addressVerification: unknown;
  /** Data given with additional steps; inner shape undocumented, kept as a raw JSON object. */
  readonly additionalData: ResultField<Readonly<Record<string, unknown>>>;
  /** iDenfy's id of the verification. */
  readonly scanRef: string;
  /** The integrator's id of the client. */
  readonly clientId: string;
}

/** The webhook's `status` object: the status fields with the overall status named `overall`. */
export interface WebhookStatus extends VerificationStatusFields {
  /** Overall status. */
  readonly overall: OrUnrecognised<VerificationStatus>;
}

/**
 * The verification-result webhook body. Seed 003 recommends webhooks but does not print their
 * body; this follows iDenfy's public webhook page ("an HTTP POST request containing the status and
 * data", a top-level `final` flag) and reuses the seed's status, data and file vocabularies.
 * Confirm against the live API before relying on fields beyond these.
 */
export interface VerificationWebhook {
  /** True when no further webhook follows for this verification; act only on `final === true`. */
  readonly final: ResultField<boolean>;
  /** The verification status. */
  readonly status: WebhookStatus;
  /** The extracted data (the data endpoint's fields; the ids are the top-level ones). */
  readonly data: VerificationData | Unrecognised | null;
  /** iDenfy's id of the verification; use it as the idempotency key. */
  readonly scanRef: string;
  /** The integrator's id of the client. */
  readonly clientId: string;
  /** Photo URLs by kind (`FACE`, `FRONT`, ...); empty when the body has none. */
  readonly fileUrls: UrlMap | Unrecognised;
}

/**
 * The reply of `POST /api/v2/files`. The seed: "Please use photo URLs in fileUrls. File URLs not in
 * fileUrls or videoUrls could be removed in future", so the top-level copies (`FACE`, `FRONT`, ...)
 * are dropped. Each map is empty when absent or null.
 */
export interface VerificationFiles {
  /** Photo URLs by kind (`FACE`, `FRONT`, ...). */
  readonly fileUrls: UrlMap | Unrecognised;
  /** Video URLs by kind. */
  readonly videoUrls: UrlMap | Unrecognised;
  /** PDF URLs of additional steps, by step. */
  readonly additionalStepPdfUrls: UrlMap | Unrecognised;
}

// ---------------------------------------------------------------------------------------------
// Field readers.

function fail(path: string, message: string): never {
  throw new ResultFormatError(path, message);
}

const { object, text, nonEmpty } = fieldReaders(fail);

/** A value that must be there and not null; its own reader decides the rest. */
function required(obj: JsonObject, key: string, path: string): unknown {
  const value = obj[key];
  if (value === undefined || value === null) fail(`${path}.${key}`, 'is required.');
  return value;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

const date = lenient.date;
const alpha2 = lenient.pattern(/^[A-Z]{2}$/);
const overallStatus = lenient.oneOf(VerificationStatus);
const faceStatus = lenient.oneOf(FaceStatus);
const autoDocumentStatus = lenient.oneOf(AutoDocumentStatus);
const manualDocumentStatus = lenient.oneOf(ManualDocumentStatus);
const fraudTags = lenient.list(lenient.oneOf(FraudTag));
const mismatchTags = lenient.list(lenient.oneOf(MismatchTag));
const strings = lenient.list(lenient.text);
// Files are fetched by the integrator's server: only an https URL is handed over as one.
const httpsUrl = (value: unknown): OrUnrecognised<string> =>
  typeof value === 'string' && isHttpsUrl(value) ? value : unrecognised(value);
const urlMap = lenient.record(httpsUrl);

function readUrlMap(obj: JsonObject, key: string): UrlMap | Unrecognised {
  return optional(obj[key], urlMap) ?? {};
}

function readStatusFields(obj: JsonObject): VerificationStatusFields {
  return {
    fraudTags: optional(obj['fraudTags'], fraudTags),
    mismatchTags: optional(obj['mismatchTags'], mismatchTags),
    autoFace: optional(obj['autoFace'], faceStatus),
    manualFace: optional(obj['manualFace'], faceStatus),
    autoDocument: optional(obj['autoDocument'], autoDocumentStatus),
    manualDocument: optional(obj['manualDocument'], manualDocumentStatus),
  };
}

/** The data fields other than the ids, each read leniently. */
const DATA_FIELDS = {
  docFirstName: lenient.text,
  docLastName: lenient.text,
  docNumber: lenient.text,
  docPersonalCode: lenient.text,
  docExpiry: date,
  docDob: date,
  docDateOfIssue: date,
  docType: lenient.oneOf(ResultDocumentType),
  docSex: lenient.oneOf(DocSex),
  docNationality: alpha2,
  docIssuingCountry: alpha2,
  docTemporaryAddress: lenient.text,
  docBirthName: lenient.text,
  birthPlace: lenient.text,
  authority: lenient.text,
  address: lenient.text,
  driverLicenseCategory: lenient.text,
  mothersMaidenName: lenient.text,
  manuallyDataChanged: lenient.boolean,
  fullName: lenient.text,
  selectedCountry: alpha2,
  orgFirstName: lenient.text,
  orgLastName: lenient.text,
  orgNationality: lenient.text,
  orgBirthPlace: lenient.text,
  orgBirthName: lenient.text,
  orgAuthority: lenient.text,
  orgAddress: lenient.text,
  orgTemporaryAddress: lenient.text,
  orgMothersMaidenName: lenient.text,
  clientIpProxyRiskLevel: lenient.oneOf(ProxyRiskLevel),
  ageEstimate: lenient.oneOf(AgeEstimate),
  duplicateFaces: strings,
  duplicateDocFaces: strings,
  additionalData: lenient.object,
} as const satisfies Record<string, (value: unknown) => unknown>;

type DataFieldValues = {
  -readonly [K in keyof typeof DATA_FIELDS]: ReturnType<(typeof DATA_FIELDS)[K]> | null;
};

type Ids = { readonly scanRef: string; readonly clientId: string };

function readData(obj: JsonObject, ids: Ids): VerificationData {
  const values = {} as DataFieldValues;
  for (const key of Object.keys(DATA_FIELDS) as (keyof typeof DATA_FIELDS)[]) {
    const read = DATA_FIELDS[key] as (value: unknown) => unknown;
    (values as Record<string, unknown>)[key] = optional(obj[key], read);
  }
  return { ...values, addressVerification: obj['addressVerification'] ?? null, ...ids };
}

function readIds(obj: JsonObject, path: string): Ids {
  return {
    scanRef: nonEmpty(required(obj, 'scanRef', path), `${path}.scanRef`),
    clientId: text(required(obj, 'clientId', path), `${path}.clientId`),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsers.

/**
 * Parses the reply of `POST /api/v2/status`. Requires `scanRef`, `clientId` and `status`; every
 * other field may be absent or null (read as null), and any value may be unrecognised.
 * @throws ResultFormatError when the body is not an object or lacks one of the required fields.
 */
export function parseVerificationStatus(json: unknown): VerificationStatusResponse {
  const body = object(json, '$');
  const ids = readIds(body, '$');
  return {
    status: overallStatus(required(body, 'status', '$')),
    ...ids,
    ...readStatusFields(body),
  };
}

/**
 * Parses the reply of `POST /api/v2/data`. Requires `scanRef` and `clientId`; every other field may
 * be absent or null (read as null), and any value may be unrecognised.
 * @throws ResultFormatError when the body is not an object or lacks an identifier.
 */
export function parseVerificationData(json: unknown): VerificationData {
  const body = object(json, '$');
  return readData(body, readIds(body, '$'));
}

/**
 * Parses the reply of `POST /api/v2/files` (the seed prints no request; send the `scanRef` as for
 * `/api/v2/status`). Nothing in it is required: each URL map is empty when absent.
 * @throws ResultFormatError when the body is not a JSON object.
 */
export function parseVerificationFiles(json: unknown): VerificationFiles {
  const body = object(json, '$');
  return {
    fileUrls: readUrlMap(body, 'fileUrls'),
    videoUrls: readUrlMap(body, 'videoUrls'),
    additionalStepPdfUrls: readUrlMap(body, 'additionalStepPdfUrls'),
  };
}

/**
 * Parses a verification-result webhook body (see {@link VerificationWebhook}). Requires `scanRef`,
 * `clientId` and a `status` object with `overall`; `final`, `data` and `fileUrls` may be absent.
 * @throws ResultFormatError when one of those is missing, or `data` repeats other ids.
 */
export function parseWebhook(json: unknown): VerificationWebhook {
  const body = object(json, '$');
  const ids = readIds(body, '$');
  const statusObj = object(required(body, 'status', '$'), '$.status');
  const status: WebhookStatus = {
    overall: overallStatus(required(statusObj, 'overall', '$.status')),
    ...readStatusFields(statusObj),
  };
  const data = optional(
    body['data'],
    lenient.objectOf((dataObj) => {
      for (const key of ['scanRef', 'clientId'] as const) {
        const repeated = dataObj[key];
        // Two ids in one body that disagree: no way to tell which verification this is.
        if (repeated !== undefined && repeated !== null && repeated !== ids[key]) {
          fail(`$.data.${key}`, `must equal the top-level ${key}.`);
        }
      }
      return readData(dataObj, ids);
    }),
  );
  return {
    final: optional(body['final'], lenient.boolean),
    status,
    data,
    ...ids,
    fileUrls: readUrlMap(body, 'fileUrls'),
  };
}
