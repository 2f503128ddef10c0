// What the Validation API v2 mock answers (seed 002): the seed's error table, outcomes and
// verification statuses, its sample document, and the 200 body of a processed request. Plain data
// and pure functions; validation-v2.ts holds the applicants and the routes.

/** documentType of face registration/authorization (no document). */
export const FACE_ONLY_DOCUMENT_TYPE = 10;
/** The detail the mock puts in `Graphql error: "..."`. */
export const VALIDATION_V2_GRAPHQL_MOCK_ERROR = 'Mock platform error';
/** The one `invalidDataErrors` item of an invalid_data outcome (the seed gives no item shape). */
export const VALIDATION_V2_INVALID_DATA_MOCK_ERROR =
  'Mock: the request data is incorrect or missing.';

/** Every error code of the seed's table. */
export const ValidationV2ErrorCode = {
  GraphqlError: 120029,
  RequestAlreadyCompleted: 120036,
  AttemptsExhausted: 120037,
  FaceImage: 120038,
  PlatformCalculationFailed: 120039,
  RequestClosed: 120040,
  DocumentTypeNotSupported: 120041,
  FaceImageRequired: 120042,
  ApplicantProfile: 120043,
  InvalidEndeavor: 120044,
} as const;
/** One documented error code. */
export type ValidationV2ErrorCode =
  (typeof ValidationV2ErrorCode)[keyof typeof ValidationV2ErrorCode];

/** One row of the seed's error table. */
export interface ValidationV2ErrorInfo {
  readonly httpStatus: number;
  readonly code: ValidationV2ErrorCode;
  /** The message verbatim, placeholders (`"validationRequest.Id"`, `"error message"`) included. */
  readonly message: string;
  readonly description: string;
}

/** The seed's error table, in its order. */
export const VALIDATION_V2_ERRORS = {
  requestAlreadyCompleted: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.RequestAlreadyCompleted,
    message: 'Request "validationRequest.Id" was already completed',
    description: 'Attempted registration on completed request',
  },
  attemptsExhausted: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.AttemptsExhausted,
    message: 'All available attempts were used for requestId "validationRequest.Id"',
    description: 'All attempts to register have been expended',
  },
  faceImageEmpty: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.FaceImage,
    message: 'Face image is empty',
    description: 'Passed image is empty',
  },
  graphqlError: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.GraphqlError,
    message: 'Graphql error: "error message"',
    description: 'Platform returned errors in response to a graphql query',
  },
  profileSearchMissing: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.PlatformCalculationFailed,
    message: 'Profile search is missing',
    description: 'An attempt to search profiles in the platform failed',
  },
  noFacesFound: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.FaceImage,
    message: 'No faces found',
    description: 'There are no faces in the image',
  },
  multipleFacesFound: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.FaceImage,
    message: 'Multiple faces found',
    description: 'There are several faces in the image',
  },
  qualityCalculationFailed: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.PlatformCalculationFailed,
    message: 'Quality calculation failed',
    description: 'An attempt to calculate quality in platform failed',
  },
  livenessCalculationFailed: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.PlatformCalculationFailed,
    message: 'Liveness calculation failed',
    description: 'An attempt to calculate liveness in platform failed',
  },
  requestClosed: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.RequestClosed,
    message: 'Request is closed',
    description: 'Attempted registration by closed applicant',
  },
  documentTypeNotSupported: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.DocumentTypeNotSupported,
    message: 'This document type is not supported',
    description: 'BAF has the "Save Face Profile" feature turned off',
  },
  faceImageRequired: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.FaceImageRequired,
    message: 'Face image is required',
    description: 'The image was not transmitted',
  },
  noVerifiedFace: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.ApplicantProfile,
    message: "Applicant doesn't have verified face",
    // The seed spells "applicant" with a Cyrillic "с"; normalised to Latin here.
    description: 'Attempt to authorize by applicant without a linked profile',
  },
  invalidEndeavor: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.InvalidEndeavor,
    message: 'Invalid endeavor info',
    description: 'Endeavor from LRS contains invalid data',
  },
  applicantProfileNotFound: {
    httpStatus: 400,
    code: ValidationV2ErrorCode.ApplicantProfile,
    message: 'Applicant profile not found',
    description: 'Profile from the applicant was not found in the platform',
  },
} as const satisfies Record<string, ValidationV2ErrorInfo>;
/** The name of one row of {@link VALIDATION_V2_ERRORS}. */
export type ValidationV2ErrorName = keyof typeof VALIDATION_V2_ERRORS;

/** The error body for one row, the quoted placeholder (if any) replaced by `detail`. */
export function validationV2Error(
  name: ValidationV2ErrorName,
  detail?: string,
): { code: ValidationV2ErrorCode; message: string } {
  const row: ValidationV2ErrorInfo = VALIDATION_V2_ERRORS[name];
  const message =
    detail === undefined ? row.message : row.message.replace(/"[^"]*"/, `"${detail}"`);
  return { code: row.code, message };
}

/** What the platform answers to one processed request, scripted through the demo endpoints. */
export const VALIDATION_V2_OUTCOMES = [
  'success',
  'face_fail',
  'document_fail',
  'document_expired',
  'invalid_data',
  'error',
  'no_face',
  'multiple_faces',
  'quality_failed',
  'liveness_failed',
  'profile_search_missing',
  'graphql_error',
  'unavailable',
] as const;
/** One scripted outcome. */
export type ValidationV2Outcome = (typeof VALIDATION_V2_OUTCOMES)[number];

/** The seed's verification statuses. */
export const ValidationV2Status = { Success: 0, Fail: 1, InvalidData: 2, Error: 3 } as const;
/** One verification status. */
export type ValidationV2Status = (typeof ValidationV2Status)[keyof typeof ValidationV2Status];

/** The seed's sample document, verbatim. */
const SAMPLE_DOCUMENT = Object.freeze({
  privateName: 'JOHN SAMPLE',
  abbr3Country: 'USA',
  abbrCountry: null,
  address: '111 N 5TH ST',
  city: 'COLUMBUS',
  class: 'D',
  country: 'United States of America',
  dob: '1999-01-12',
  expires: '2024-01-12',
  eyes: 'BLUE',
  familyName: null,
  firstName: 'JOHN',
  fullName: 'JOHN SAMPLE',
  gender: 'MALE',
  hair: 'BLONDE',
  height: '70',
  id: '12345678',
  idType: 'DL',
  issued: '2020-12-30',
  middleName: 'SAMPLE',
  postalBox: null,
  state: 'OH',
  issuedBy: 'OH',
  template: '09',
  weight: '159',
  zip: '12345-6789',
});

/** The seed's sample documentValidationTests, verbatim. */
const SAMPLE_DOCUMENT_TESTS = Object.freeze([
  {
    displayName: 'AddressValidation',
    name: 'AddressValidation',
    status: 2,
    statusString: 'Skipped',
    reason: 'Integration was skipped by flow',
  },
  {
    displayName: 'DMV',
    name: 'DMVValidation',
    status: -1,
    statusString: 'Disabled',
    reason: 'Integration was turned off',
  },
  {
    displayName: 'IdentiFraud',
    name: 'IdentiFraudValidation',
    status: -1,
    statusString: 'Disabled',
    reason: 'Integration was turned off',
  },
]);

/** What a 200 body says about the applicant's attempts. */
export interface AttemptCounts {
  readonly applicantId: string;
  /** Configured attempts. */
  readonly attemptsCount: number;
  /** Attempts used, this one included. */
  readonly attemptsUsed: number;
}

/** The 200 body of a processed request (statuses 0..3). */
export function verificationBody(
  applicant: AttemptCounts,
  documentType: number,
  outcome:
    'success' | 'face_fail' | 'document_fail' | 'document_expired' | 'invalid_data' | 'error',
  attemptId: number,
) {
  const withDocument = documentType !== FACE_ONLY_DOCUMENT_TYPE;
  const head = { applicantId: applicant.applicantId, attemptId, documentType };
  const counts = {
    attemptsCount: applicant.attemptsCount,
    attemptsLeft: applicant.attemptsCount - applicant.attemptsUsed,
  };
  if (outcome === 'invalid_data' || outcome === 'error') {
    return {
      ...head,
      document: null,
      ...counts,
      status: outcome === 'error' ? ValidationV2Status.Error : ValidationV2Status.InvalidData,
      validationStatus: {
        expired: null,
        documentIsValid: null,
        faceIsValid: null,
        antiSpoofingIsValid: null,
        qualityIsValid: null,
      },
      // The seed shows the array only empty: no item shape. One opaque string, about the
      // request's data as status 2's description says ("incorrect or missing data").
      invalidDataErrors: outcome === 'error' ? [] : [VALIDATION_V2_INVALID_DATA_MOCK_ERROR],
      faceSuccess: null,
      documentSuccess: null,
      documentHasNotExpired: null,
      documentValidationTests: [],
      callBackUrl: null,
    };
  }
  const faceOk = outcome !== 'face_fail';
  // An expired document is authentic (documentIsValid) but fails the expiry check, one of the
  // document's checks: documentSuccess false, expired true, documentHasNotExpired false.
  const expired = outcome === 'document_expired';
  const documentOk = outcome !== 'document_fail';
  return {
    ...head,
    document: withDocument ? { ...SAMPLE_DOCUMENT } : null,
    ...counts,
    status: outcome === 'success' ? ValidationV2Status.Success : ValidationV2Status.Fail,
    validationStatus: {
      expired: withDocument ? expired : null,
      documentIsValid: withDocument ? documentOk : null,
      faceIsValid: faceOk,
      antiSpoofingIsValid: null,
      qualityIsValid: true,
    },
    invalidDataErrors: [],
    faceSuccess: faceOk,
    documentSuccess: withDocument ? documentOk && !expired : null,
    documentHasNotExpired: withDocument ? !expired : null,
    documentValidationTests: withDocument ? SAMPLE_DOCUMENT_TESTS.map((test) => ({ ...test })) : [],
    callBackUrl: null,
  };
}
