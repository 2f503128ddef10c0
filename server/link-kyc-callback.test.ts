// Seed 000 callback vocabulary: every documented example parses, every malformed field is named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LinkKycCallbackFormatError,
  LinkKycDocumentRejectionReason,
  LinkKycFaceRejectionReason,
  linkKycRetakeReasons,
  parseLinkKycCallback,
  type LinkKycCallback,
  type LinkKycCertificationCallback,
  type LinkKycExtractedData,
  type LinkKycManualIdVerificationCallback,
} from './link-kyc-callback.ts';

// The seed's examples, transcribed. Its JSON is not valid as printed: both face `findings` objects
// lack the comma after `"faceComparisonApproval": "MATCH"` / `"NOT_MATCH"`. The objects below have
// it; every value, including the leading spaces of " ACCEPTED" / " REJECTED", is as printed.

const ID = 'b2820098-04a9-47ef-9d5f-c668e016a596';

/** The seed's Certification callback example. */
const CERTIFICATION_EXAMPLE = {
  id: ID,
  service: 'Certification',
  status: 'Completed',
  data: {
    urlCertificateFile: `{{environment_host}}/certificate/${ID}`,
  },
};

/** `extractedData`, identical in the seed's APPROVED and NOT_APPROVED examples. */
const EXTRACTED_DATA = {
  documentAttributes: {
    countryCodeOfIssuance: 'ESP',
    dateOfExpiry: '1963-10-31',
    dateOfIssuance: '1963-10-31',
    documentNumber: '12345678Z',
    documentType: 'IDENTITY_CARD',
    issuingAuthority: '',
    stateOrProvinceOfIssuance: 'MAD',
  },
  personAttributes: {
    dateOfBirth: '1963-10-31',
    gender: 'M',
    nationalityCode: 'ARG',
    personalGovernmentId: '123435534',
    placeOfBirth: 'BUENOS AIRES',
  },
  name: {
    firstSurname: 'LUIS ALBERTO',
    fullName: 'LUIS ALBERTO GARCIA DE TODOS LOS SANTOS',
    givenNames: 'LUIS',
    secondSurname: 'DE TODOS LOS SANTOS',
    surname: 'GARCIA DE TODOS LOS SANTOS',
  },
  address: {
    parsedAddress: {
      addressLine1: 'CALLE SIN NOMBRE, 34 23º 17',
      addressLine2: '28001 MADRID',
      addressLine3: '',
      addressLine4: '',
      city: 'MADRID',
      postalCode: '28001',
      stateOrProvince: 'MAD',
    },
    unparsedAddress: {
      addressLine1: 'CALLE SIN NOMBRE, 34 23º 17',
      addressLine2: '28001 MADRID',
      addressLine3: '',
      addressLine4: '',
    },
  },
};

/** What EXTRACTED_DATA parses to: empty strings read as null. */
const EXPECTED_EXTRACTED: LinkKycExtractedData = {
  documentAttributes: {
    countryCodeOfIssuance: 'ESP',
    dateOfExpiry: '1963-10-31',
    dateOfIssuance: '1963-10-31',
    documentNumber: '12345678Z',
    documentType: 'IDENTITY_CARD',
    issuingAuthority: null,
    stateOrProvinceOfIssuance: 'MAD',
  },
  personAttributes: {
    dateOfBirth: '1963-10-31',
    gender: 'M',
    nationalityCode: 'ARG',
    personalGovernmentId: '123435534',
    placeOfBirth: 'BUENOS AIRES',
  },
  name: {
    firstSurname: 'LUIS ALBERTO',
    fullName: 'LUIS ALBERTO GARCIA DE TODOS LOS SANTOS',
    givenNames: 'LUIS',
    secondSurname: 'DE TODOS LOS SANTOS',
    surname: 'GARCIA DE TODOS LOS SANTOS',
  },
  address: {
    parsedAddress: {
      addressLine1: 'CALLE SIN NOMBRE, 34 23º 17',
      addressLine2: '28001 MADRID',
      addressLine3: null,
      addressLine4: null,
      city: 'MADRID',
      postalCode: '28001',
      stateOrProvince: 'MAD',
    },
    unparsedAddress: {
      addressLine1: 'CALLE SIN NOMBRE, 34 23º 17',
      addressLine2: '28001 MADRID',
      addressLine3: null,
      addressLine4: null,
    },
  },
};

/** The seed's Manual ID Verification "APPROVED" example. */
const APPROVED_EXAMPLE = {
  id: ID,
  service: 'ManualIDVerification',
  status: 'Completed',
  data: {
    documentInfo: {
      acceptance: { result: 'ACCEPTED' },
      findings: {
        documentApproval: 'APPROVED',
        details: {
          authenticity: { result: 'AUTHENTIC' },
          originality: { result: 'ORIGINAL' },
          validity: { result: 'VALID' },
        },
      },
      extractedData: EXTRACTED_DATA,
    },
    faceComparisonInfo: {
      acceptance: { result: 'ACCEPTED' },
      findings: { faceComparisonApproval: 'MATCH', faceLivenessApproval: 'LIVE' },
    },
  },
};

/** The seed's Manual ID Verification "NOT_APPROVED" example. */
const NOT_APPROVED_EXAMPLE = {
  id: ID,
  service: 'ManualIDVerification',
  status: 'Completed',
  data: {
    documentInfo: {
      acceptance: { result: ' ACCEPTED' },
      findings: {
        documentApproval: 'NOT_APPROVED',
        details: {
          authenticity: {
            result: 'NOT_AUTHENTIC',
            reasons: [
              'EVIDENCE_OF_FORGERY_BIODATA_FONTS',
              'EVIDENCE_OF_FORGERY_MRZ_FONTS',
              'EVIDENCE_OF_FORGERY_PHOTO_ZONE',
              'EVIDENCE_OF_FORGERY_SIGNATURE',
            ],
          },
          originality: {
            result: 'NOT_ORIGINAL',
            reasons: [
              'EVIDENCE_OF_FORGERY_BLACK_AND_WHITE_COPY',
              'EVIDENCE_OF_FORGERY_DOCUMENT_STRUCTURE',
            ],
          },
          validity: {
            result: 'NOT_VALID',
            reasons: ['EVIDENCE_OF_FORGERY_MRZ_CHECKSUMS', 'EXPIRED_OR_INVALIDATED'],
          },
        },
      },
      extractedData: EXTRACTED_DATA,
    },
    faceComparisonInfo: {
      acceptance: { result: 'ACCEPTED' },
      findings: { faceComparisonApproval: 'NOT_MATCH', faceLivenessApproval: 'NOT_LIVE' },
    },
  },
};

/** The seed's Manual ID Verification "REJECTED" example. */
const REJECTED_EXAMPLE = {
  id: ID,
  service: 'ManualIDVerification',
  status: 'Completed',
  data: {
    documentInfo: {
      acceptance: {
        result: ' REJECTED',
        reasons: [
          'GLARE',
          'INCOMPLETE_DOCUMENT',
          'NOT_VISIBLE_FOUR_CORNERS',
          'NOT_VISIBLE_SECURITY_FEATURES',
          'OUT_OF_FOCUS',
          'POOR_CONTRAST',
          'POOR_EXPOSURE',
          'UNCLASSIFIED_DOCUMENT',
          'UNREADABLE_FIELD',
          'UNSUPPORTED_LANGUAGE',
        ],
      },
    },
    faceComparisonInfo: {
      acceptance: {
        result: ' REJECTED',
        reasons: [
          'POOR_CONTRAST',
          'POOR_EXPOSURE',
          'OUT_OF_FOCUS',
          'GLARE',
          'MISSING_SELFIE',
          'MISSING_PORTRAIT',
          'NOT_HUMAN_FACE',
          'PARTIALLY_VISIBLE_HUMAN_FACE',
          'SELFIE_NOT_LIVE',
          'PORTRAIT_IS_FAKE',
        ],
      },
    },
  },
};

const NO_TAGS = { known: [], unknown: [] };

/** A deep copy of `example` with `edit` applied to it. */
function edited<T>(example: T, edit: (copy: T) => void): unknown {
  const copy = structuredClone(example);
  edit(copy);
  return copy;
}

/** Parses a body that must be a manual verification. */
function manual(body: unknown): LinkKycManualIdVerificationCallback {
  const parsed = parseLinkKycCallback(body);
  assert.equal(parsed.service, 'ManualIDVerification');
  return parsed as LinkKycManualIdVerificationCallback;
}

/** Asserts that parsing throws a LinkKycCallbackFormatError at exactly `path`. */
function throwsAt(body: unknown, path: string, message?: RegExp): void {
  assert.throws(
    () => parseLinkKycCallback(body),
    (error: unknown) => {
      assert.ok(error instanceof LinkKycCallbackFormatError, 'a LinkKycCallbackFormatError');
      assert.equal(error.path, path);
      assert.equal(error.code, 'bad-callback');
      assert.ok(error.message.startsWith(`${path}: `), error.message);
      if (message) assert.match(error.message, message);
      return true;
    },
  );
}

describe('parseLinkKycCallback: the seed examples', () => {
  it('parses the Certification example', () => {
    const expected: LinkKycCertificationCallback = {
      id: ID,
      service: 'Certification',
      status: 'Completed',
      data: { urlCertificateFile: `{{environment_host}}/certificate/${ID}` },
    };
    assert.deepEqual(parseLinkKycCallback(CERTIFICATION_EXAMPLE), expected);
  });

  it('parses the APPROVED example field by field', () => {
    const expected: LinkKycManualIdVerificationCallback = {
      id: ID,
      service: 'ManualIDVerification',
      status: 'Completed',
      data: {
        documentInfo: {
          acceptance: { result: 'ACCEPTED', reasons: NO_TAGS },
          findings: {
            documentApproval: 'APPROVED',
            details: {
              authenticity: { result: 'AUTHENTIC', reasons: NO_TAGS },
              originality: { result: 'ORIGINAL', reasons: NO_TAGS },
              validity: { result: 'VALID', reasons: NO_TAGS },
            },
          },
          extractedData: EXPECTED_EXTRACTED,
        },
        faceComparisonInfo: {
          acceptance: { result: 'ACCEPTED', reasons: NO_TAGS },
          findings: { faceComparisonApproval: 'MATCH', faceLivenessApproval: 'LIVE' },
        },
      },
    };
    assert.deepEqual(parseLinkKycCallback(APPROVED_EXAMPLE), expected);
  });

  it('parses the NOT_APPROVED example field by field', () => {
    const expected: LinkKycManualIdVerificationCallback = {
      id: ID,
      service: 'ManualIDVerification',
      status: 'Completed',
      data: {
        documentInfo: {
          // " ACCEPTED" in the seed: trimmed.
          acceptance: { result: 'ACCEPTED', reasons: NO_TAGS },
          findings: {
            documentApproval: 'NOT_APPROVED',
            details: {
              authenticity: {
                result: 'NOT_AUTHENTIC',
                reasons: {
                  known: [
                    'EVIDENCE_OF_FORGERY_BIODATA_FONTS',
                    'EVIDENCE_OF_FORGERY_MRZ_FONTS',
                    'EVIDENCE_OF_FORGERY_PHOTO_ZONE',
                    // Only in the example, not in the field list: still known.
                    'EVIDENCE_OF_FORGERY_SIGNATURE',
                  ],
                  unknown: [],
                },
              },
              originality: {
                result: 'NOT_ORIGINAL',
                reasons: {
                  known: [
                    'EVIDENCE_OF_FORGERY_BLACK_AND_WHITE_COPY',
                    'EVIDENCE_OF_FORGERY_DOCUMENT_STRUCTURE',
                  ],
                  unknown: [],
                },
              },
              validity: {
                result: 'NOT_VALID',
                reasons: {
                  known: ['EVIDENCE_OF_FORGERY_MRZ_CHECKSUMS', 'EXPIRED_OR_INVALIDATED'],
                  unknown: [],
                },
              },
            },
          },
          extractedData: EXPECTED_EXTRACTED,
        },
        faceComparisonInfo: {
          acceptance: { result: 'ACCEPTED', reasons: NO_TAGS },
          findings: { faceComparisonApproval: 'NOT_MATCH', faceLivenessApproval: 'NOT_LIVE' },
        },
      },
    };
    assert.deepEqual(parseLinkKycCallback(NOT_APPROVED_EXAMPLE), expected);
  });

  it('parses the REJECTED example: no findings, no extracted data', () => {
    const expected: LinkKycManualIdVerificationCallback = {
      id: ID,
      service: 'ManualIDVerification',
      status: 'Completed',
      data: {
        documentInfo: {
          acceptance: {
            result: 'REJECTED',
            reasons: {
              known: [
                'GLARE',
                'INCOMPLETE_DOCUMENT',
                'NOT_VISIBLE_FOUR_CORNERS',
                'NOT_VISIBLE_SECURITY_FEATURES',
                'OUT_OF_FOCUS',
                'POOR_CONTRAST',
                'POOR_EXPOSURE',
                'UNCLASSIFIED_DOCUMENT',
                'UNREADABLE_FIELD',
                'UNSUPPORTED_LANGUAGE',
              ],
              unknown: [],
            },
          },
          findings: null,
          extractedData: null,
        },
        faceComparisonInfo: {
          acceptance: {
            result: 'REJECTED',
            reasons: {
              known: [
                'POOR_CONTRAST',
                'POOR_EXPOSURE',
                'OUT_OF_FOCUS',
                'GLARE',
                'MISSING_SELFIE',
                'MISSING_PORTRAIT',
                'NOT_HUMAN_FACE',
                'PARTIALLY_VISIBLE_HUMAN_FACE',
                'SELFIE_NOT_LIVE',
                'PORTRAIT_IS_FAKE',
              ],
              unknown: [],
            },
          },
          findings: null,
        },
      },
    };
    assert.deepEqual(parseLinkKycCallback(REJECTED_EXAMPLE), expected);
  });

  it('knows every documented rejection reason of the REJECTED example', () => {
    const documentReasons: readonly string[] = Object.values(LinkKycDocumentRejectionReason);
    const faceReasons: readonly string[] = Object.values(LinkKycFaceRejectionReason);
    assert.deepEqual(
      [...documentReasons].sort(),
      [...REJECTED_EXAMPLE.data.documentInfo.acceptance.reasons].sort(),
    );
    for (const reason of REJECTED_EXAMPLE.data.faceComparisonInfo.acceptance.reasons) {
      assert.ok(faceReasons.includes(reason), reason);
    }
    assert.equal(faceReasons.length, 15);
  });

  it('drops unknown extra fields everywhere', () => {
    const body = edited(APPROVED_EXAMPLE, (copy) => {
      Object.assign(copy, { extra: 1 });
      Object.assign(copy.data, { extra: 2 });
      Object.assign(copy.data.documentInfo.findings.details.validity, { score: 0.9 });
      Object.assign(copy.data.documentInfo.extractedData.name, { middleName: 'X' });
    });
    assert.deepEqual(parseLinkKycCallback(body), parseLinkKycCallback(APPROVED_EXAMPLE));
  });
});

describe('parseLinkKycCallback: trimming and unknown values', () => {
  it('trims every vocabulary string, reasons included', () => {
    const parsed = manual(
      edited(REJECTED_EXAMPLE, (copy) => {
        copy.status = ' Completed ';
        copy.service = 'ManualIDVerification\n';
        copy.data.documentInfo.acceptance.reasons = [' GLARE', 'OUT_OF_FOCUS '];
      }),
    );
    assert.equal(parsed.status, 'Completed');
    assert.deepEqual(parsed.data.documentInfo?.acceptance, {
      result: 'REJECTED',
      reasons: { known: ['GLARE', 'OUT_OF_FOCUS'], unknown: [] },
    });
  });

  it('does not trim free text', () => {
    const parsed = manual(
      edited(APPROVED_EXAMPLE, (copy) => {
        copy.data.documentInfo.extractedData.name.givenNames = ' LUIS ';
      }),
    );
    assert.equal(parsed.data.documentInfo?.extractedData?.name?.givenNames, ' LUIS ');
  });

  it('keeps unknown single values as { unknown } after trimming, case-sensitively', () => {
    const parsed = manual(
      edited(APPROVED_EXAMPLE, (copy) => {
        copy.status = 'Queued';
        copy.data.documentInfo.acceptance.result = ' accepted';
        copy.data.documentInfo.findings.documentApproval = 'PARTIALLY_APPROVED';
        copy.data.documentInfo.findings.details.validity.result = 'VALID_UNTIL_SOON';
        copy.data.documentInfo.extractedData.documentAttributes.documentType = 'VISA';
        copy.data.documentInfo.extractedData.personAttributes.gender = 'N/B';
        copy.data.faceComparisonInfo.findings.faceComparisonApproval = 'UNCERTAIN';
        copy.data.faceComparisonInfo.findings.faceLivenessApproval = 'Live';
      }),
    );
    assert.deepEqual(parsed.status, { unknown: 'Queued' });
    const doc = parsed.data.documentInfo;
    assert.deepEqual(doc?.acceptance.result, { unknown: 'accepted' });
    assert.deepEqual(doc?.findings?.documentApproval, { unknown: 'PARTIALLY_APPROVED' });
    assert.deepEqual(doc?.findings?.details.validity.result, { unknown: 'VALID_UNTIL_SOON' });
    assert.deepEqual(doc?.extractedData?.documentAttributes?.documentType, { unknown: 'VISA' });
    assert.deepEqual(doc?.extractedData?.personAttributes?.gender, { unknown: 'N/B' });
    assert.deepEqual(parsed.data.faceComparisonInfo?.findings, {
      faceComparisonApproval: { unknown: 'UNCERTAIN' },
      faceLivenessApproval: { unknown: 'Live' },
    });
  });

  it('splits reason lists into known and unknown, order kept within each', () => {
    const parsed = manual(
      edited(REJECTED_EXAMPLE, (copy) => {
        copy.data.documentInfo.acceptance.reasons = [
          'NEW_REASON',
          'GLARE',
          'glare',
          'OUT_OF_FOCUS',
        ];
        copy.data.faceComparisonInfo.acceptance.reasons = ['MISSING_SELFIE', ' FACE_MASKED '];
      }),
    );
    assert.deepEqual(parsed.data.documentInfo?.acceptance.reasons, {
      known: ['GLARE', 'OUT_OF_FOCUS'],
      unknown: ['NEW_REASON', 'glare'],
    });
    assert.deepEqual(parsed.data.faceComparisonInfo?.acceptance.reasons, {
      known: ['MISSING_SELFIE'],
      unknown: ['FACE_MASKED'],
    });
  });

  it('does not take a document-only reason as a face reason', () => {
    const parsed = manual(
      edited(REJECTED_EXAMPLE, (copy) => {
        copy.data.faceComparisonInfo.acceptance.reasons = ['UNREADABLE_FIELD'];
      }),
    );
    assert.deepEqual(parsed.data.faceComparisonInfo?.acceptance.reasons, {
      known: [],
      unknown: ['UNREADABLE_FIELD'],
    });
  });

  it('keeps a callback of an unknown service with its raw data', () => {
    const parsed = parseLinkKycCallback({
      id: 'x-1',
      service: ' AutomaticIDVerification',
      status: 'Completed',
      data: { anything: [1, 2] },
    });
    assert.deepEqual(parsed, {
      id: 'x-1',
      service: { unknown: 'AutomaticIDVerification' },
      status: 'Completed',
      data: { anything: [1, 2] },
    });
    assert.notEqual(parsed.service, 'Certification');
    assert.deepEqual(linkKycRetakeReasons(parsed), { document: [], face: [] });
  });
});

describe('parseLinkKycCallback: what may be missing', () => {
  it('reads absent or empty extracted fields as null, at any depth', () => {
    const parsed = manual(
      edited(APPROVED_EXAMPLE, (copy) => {
        const data = copy.data.documentInfo.extractedData as Partial<typeof EXTRACTED_DATA>;
        delete data.address;
        data.name = { fullName: 'LUIS' } as typeof EXTRACTED_DATA.name;
        (data.personAttributes as Record<string, unknown>).dateOfBirth = null;
        (data.personAttributes as Record<string, unknown>).gender = ' ';
      }),
    );
    const extracted = parsed.data.documentInfo?.extractedData;
    assert.equal(extracted?.address, null);
    assert.deepEqual(extracted?.name, {
      firstSurname: null,
      fullName: 'LUIS',
      givenNames: null,
      secondSurname: null,
      surname: null,
    });
    assert.equal(extracted?.personAttributes?.dateOfBirth, null);
    assert.equal(extracted?.personAttributes?.gender, null);
    assert.equal(extracted?.personAttributes?.placeOfBirth, 'BUENOS AIRES');
  });

  it('accepts an Error callback without data', () => {
    const certification = parseLinkKycCallback({
      id: ID,
      service: 'Certification',
      status: 'Error',
    });
    assert.deepEqual(certification, {
      id: ID,
      service: 'Certification',
      status: 'Error',
      data: { urlCertificateFile: null },
    });
    const verification = parseLinkKycCallback({
      id: ID,
      service: 'ManualIDVerification',
      status: 'Error',
      data: {},
    });
    assert.deepEqual(verification.data, { documentInfo: null, faceComparisonInfo: null });
  });

  it('still checks the data of a non-Completed callback when present', () => {
    throwsAt(
      { id: ID, service: 'Certification', status: 'Processing', data: { urlCertificateFile: 7 } },
      '$.data.urlCertificateFile',
      /must be a string/,
    );
  });

  it('requires the operation result when Completed', () => {
    throwsAt({ ...CERTIFICATION_EXAMPLE, data: {} }, '$.data.urlCertificateFile', /is required/);
    throwsAt({ ...CERTIFICATION_EXAMPLE, data: undefined }, '$.data', /is required/);
    throwsAt(
      edited(REJECTED_EXAMPLE, (copy) => {
        delete (copy.data as Partial<typeof copy.data>).faceComparisonInfo;
      }),
      '$.data.faceComparisonInfo',
      /is required/,
    );
    throwsAt(
      edited(APPROVED_EXAMPLE, (copy) => {
        delete (copy.data.documentInfo.findings.details as Record<string, unknown>).originality;
      }),
      '$.data.documentInfo.findings.details.originality',
      /is required/,
    );
  });
});

describe('parseLinkKycCallback: wrong types name the exact path', () => {
  const cases: [string, unknown, string][] = [
    ['body not an object', [], '$'],
    ['id missing', { ...CERTIFICATION_EXAMPLE, id: undefined }, '$.id'],
    ['id empty', { ...CERTIFICATION_EXAMPLE, id: '' }, '$.id'],
    ['service a number', { ...CERTIFICATION_EXAMPLE, service: 1 }, '$.service'],
    ['status whitespace only', { ...CERTIFICATION_EXAMPLE, status: '  ' }, '$.status'],
    ['data an array', { ...CERTIFICATION_EXAMPLE, data: [] }, '$.data'],
    [
      'a document reason a number',
      edited(REJECTED_EXAMPLE, (copy) => {
        (copy.data.documentInfo.acceptance.reasons as unknown[])[2] = 3;
      }),
      '$.data.documentInfo.acceptance.reasons[2]',
    ],
    [
      'document reasons a string',
      edited(REJECTED_EXAMPLE, (copy) => {
        (copy.data.documentInfo.acceptance as Record<string, unknown>).reasons = 'GLARE';
      }),
      '$.data.documentInfo.acceptance.reasons',
    ],
    [
      'a face reason empty',
      edited(REJECTED_EXAMPLE, (copy) => {
        copy.data.faceComparisonInfo.acceptance.reasons[9] = ' ';
      }),
      '$.data.faceComparisonInfo.acceptance.reasons[9]',
    ],
    [
      'acceptance result a boolean',
      edited(APPROVED_EXAMPLE, (copy) => {
        (copy.data.faceComparisonInfo.acceptance as Record<string, unknown>).result = true;
      }),
      '$.data.faceComparisonInfo.acceptance.result',
    ],
    [
      'an authenticity reason an object',
      edited(NOT_APPROVED_EXAMPLE, (copy) => {
        (copy.data.documentInfo.findings.details.authenticity.reasons as unknown[])[1] = {};
      }),
      '$.data.documentInfo.findings.details.authenticity.reasons[1]',
    ],
    [
      'findings a string',
      edited(APPROVED_EXAMPLE, (copy) => {
        (copy.data.faceComparisonInfo as Record<string, unknown>).findings = 'MATCH';
      }),
      '$.data.faceComparisonInfo.findings',
    ],
    [
      'liveness a number',
      edited(APPROVED_EXAMPLE, (copy) => {
        (copy.data.faceComparisonInfo.findings as Record<string, unknown>).faceLivenessApproval = 1;
      }),
      '$.data.faceComparisonInfo.findings.faceLivenessApproval',
    ],
    [
      'a date not YYYY-MM-DD',
      edited(APPROVED_EXAMPLE, (copy) => {
        copy.data.documentInfo.extractedData.documentAttributes.dateOfExpiry = '31/10/1963';
      }),
      '$.data.documentInfo.extractedData.documentAttributes.dateOfExpiry',
    ],
    [
      'an address line a number',
      edited(APPROVED_EXAMPLE, (copy) => {
        (copy.data.documentInfo.extractedData.address.unparsedAddress as Record<string, unknown>)[
          'addressLine4'
        ] = 4;
      }),
      '$.data.documentInfo.extractedData.address.unparsedAddress.addressLine4',
    ],
    [
      'personAttributes an array',
      edited(APPROVED_EXAMPLE, (copy) => {
        (copy.data.documentInfo.extractedData as Record<string, unknown>).personAttributes = [];
      }),
      '$.data.documentInfo.extractedData.personAttributes',
    ],
  ];
  for (const [what, body, path] of cases) {
    it(`${what}: ${path}`, () => throwsAt(body, path));
  }
});

describe('linkKycRetakeReasons', () => {
  it('is empty for the APPROVED example', () => {
    assert.deepEqual(linkKycRetakeReasons(parseLinkKycCallback(APPROVED_EXAMPLE)), {
      document: [],
      face: [],
    });
  });

  it('is empty for the NOT_APPROVED example (accepted images, failed checks)', () => {
    assert.deepEqual(linkKycRetakeReasons(parseLinkKycCallback(NOT_APPROVED_EXAMPLE)), {
      document: [],
      face: [],
    });
  });

  it('is empty for the Certification example', () => {
    assert.deepEqual(linkKycRetakeReasons(parseLinkKycCallback(CERTIFICATION_EXAMPLE)), {
      document: [],
      face: [],
    });
  });

  it('gives both parts of the REJECTED example, in order', () => {
    assert.deepEqual(linkKycRetakeReasons(parseLinkKycCallback(REJECTED_EXAMPLE)), {
      document: REJECTED_EXAMPLE.data.documentInfo.acceptance.reasons,
      face: REJECTED_EXAMPLE.data.faceComparisonInfo.acceptance.reasons,
    });
  });

  it('gives only the rejected part, known reasons first, unknown ones kept', () => {
    const callback: LinkKycCallback = parseLinkKycCallback(
      edited(APPROVED_EXAMPLE, (copy) => {
        Object.assign(copy.data.faceComparisonInfo.acceptance, {
          result: ' REJECTED',
          reasons: ['FACE_MASKED', ' SELFIE_NOT_LIVE'],
        });
      }),
    );
    assert.deepEqual(linkKycRetakeReasons(callback), {
      document: [],
      face: ['SELFIE_NOT_LIVE', 'FACE_MASKED'],
    });
  });

  it('ignores reasons of a part that is not REJECTED', () => {
    const callback = parseLinkKycCallback(
      edited(APPROVED_EXAMPLE, (copy) => {
        Object.assign(copy.data.documentInfo.acceptance, { reasons: ['GLARE'] });
      }),
    );
    assert.deepEqual(linkKycRetakeReasons(callback).document, []);
  });

  it('returns fresh arrays', () => {
    const callback = parseLinkKycCallback(REJECTED_EXAMPLE);
    linkKycRetakeReasons(callback).document.push('MUTATED');
    assert.equal(linkKycRetakeReasons(callback).document.includes('MUTATED'), false);
  });
});
