// Seed 003 results vocabulary: every documented example parses, every malformed field is named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FraudTag,
  MismatchTag,
  ResultFormatError,
  isUnknownValue,
  parseVerificationData,
  parseVerificationStatus,
  parseWebhook,
  type VerificationData,
} from './results.ts';

/** The seed's `/api/v2/status` response example, verbatim. */
const STATUS_EXAMPLE = {
  fraudTags: [],
  mismatchTags: [],
  autoDocument: 'DOC_VALIDATED',
  autoFace: 'FACE_MATCH',
  manualDocument: 'DOC_VALIDATED',
  manualFace: 'FACE_MATCH',
  scanRef: '328c6766-934e-11ed-bb9b-025ad99a18e7',
  clientId: 'W2GL2K333Y',
  status: 'APPROVED',
};

/** The seed's `/api/v2/data` response example, verbatim. */
const DATA_EXAMPLE = {
  docFirstName: 'JOHN',
  docLastName: 'SAMPLE PETER',
  docNumber: 'DE4878783',
  docPersonalCode: null,
  docExpiry: '2024-03-09',
  docDob: '1965-03-10',
  docDateOfIssue: '2014-03-09',
  docType: 'PASSPORT',
  docSex: 'MALE',
  docNationality: 'NL',
  docIssuingCountry: 'NL',
  docTemporaryAddress: null,
  docBirthName: null,
  birthPlace: 'LONDON',
  authority: 'BURG',
  address: null,
  mothersMaidenName: null,
  driverLicenseCategory: null,
  manuallyDataChanged: false,
  fullName: 'JOHN SAMPLE PETER',
  orgFirstName: 'JOHN',
  orgLastName: 'SAMPLE PETER',
  orgNationality: 'NEDERLANDSE',
  orgBirthPlace: 'LONDON',
  orgAuthority: 'BURG',
  orgAddress: null,
  orgTemporaryAddress: null,
  orgMothersMaidenName: null,
  orgBirthName: null,
  selectedCountry: 'NL',
  ageEstimate: null,
  clientIpProxyRiskLevel: null,
  duplicateFaces: null,
  duplicateDocFaces: null,
  addressVerification: null,
  additionalData: {},
  scanRef: '328c6766-934e-11ed-bb9b-025ad99a18e7',
  clientId: 'W2GL2K333Y',
};

const EXPECTED_DATA: VerificationData = {
  docFirstName: 'JOHN',
  docLastName: 'SAMPLE PETER',
  docNumber: 'DE4878783',
  docPersonalCode: null,
  docExpiry: '2024-03-09',
  docDob: '1965-03-10',
  docDateOfIssue: '2014-03-09',
  docType: 'PASSPORT',
  docSex: 'MALE',
  docNationality: 'NL',
  docIssuingCountry: 'NL',
  docTemporaryAddress: null,
  docBirthName: null,
  birthPlace: 'LONDON',
  authority: 'BURG',
  address: null,
  driverLicenseCategory: null,
  mothersMaidenName: null,
  manuallyDataChanged: false,
  fullName: 'JOHN SAMPLE PETER',
  selectedCountry: 'NL',
  orgFirstName: 'JOHN',
  orgLastName: 'SAMPLE PETER',
  orgNationality: 'NEDERLANDSE',
  orgBirthPlace: 'LONDON',
  orgBirthName: null,
  orgAuthority: 'BURG',
  orgAddress: null,
  orgTemporaryAddress: null,
  orgMothersMaidenName: null,
  clientIpProxyRiskLevel: null,
  ageEstimate: null,
  duplicateFaces: null,
  duplicateDocFaces: null,
  addressVerification: null,
  additionalData: {},
  scanRef: '328c6766-934e-11ed-bb9b-025ad99a18e7',
  clientId: 'W2GL2K333Y',
};

/** A webhook with every field this module reads, built from the seed's examples. */
function fullWebhook(): Record<string, unknown> {
  const { status, ...statusFields } = STATUS_EXAMPLE;
  return {
    final: true,
    status: {
      overall: 'SUSPECTED',
      ...statusFields,
      fraudTags: ['VIRTUAL_CAMERA', 'DEV_TOOLS_OPENED', 'SOME_FUTURE_TAG'],
      mismatchTags: ['NAME', 'DATE_OF_BIRTH'],
      manualFace: null,
      manualDocument: null,
      ignoredExtra: status,
    },
    data: {
      ...DATA_EXAMPLE,
      docType: 'ID_CARD',
      docSex: 'FEMALE',
      clientIpProxyRiskLevel: 'VERY_HIGH',
      ageEstimate: 'OVER_18',
      duplicateFaces: ['aaa', 'bbb'],
      duplicateDocFaces: ['ccc'],
      additionalData: { UTILITY_BILL: { ssn: '123' } },
      addressVerification: { any: ['shape'] },
    },
    scanRef: STATUS_EXAMPLE.scanRef,
    clientId: STATUS_EXAMPLE.clientId,
    fileUrls: { FACE: 'https://example.com/f', FRONT: 'https://example.com/d' },
  };
}

/** Asserts that `parse(json)` throws a ResultFormatError at `path`. */
function rejects(parse: (json: unknown) => unknown, json: unknown, path: string): void {
  assert.throws(
    () => parse(json),
    (error: unknown) => {
      assert.ok(error instanceof ResultFormatError, `not a ResultFormatError: ${String(error)}`);
      assert.equal(error.path, path);
      assert.equal(error.code, 'bad-result');
      assert.ok(error.message.startsWith(`${path}: `));
      return true;
    },
  );
}

function without(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

describe('parseVerificationStatus', () => {
  it('parses the seed example', () => {
    assert.deepEqual(parseVerificationStatus(STATUS_EXAMPLE), {
      status: 'APPROVED',
      scanRef: '328c6766-934e-11ed-bb9b-025ad99a18e7',
      clientId: 'W2GL2K333Y',
      fraudTags: { known: [], unknown: [] },
      mismatchTags: { known: [], unknown: [] },
      autoFace: 'FACE_MATCH',
      manualFace: 'FACE_MATCH',
      autoDocument: 'DOC_VALIDATED',
      manualDocument: 'DOC_VALIDATED',
    });
  });

  it('accepts every documented overall status', () => {
    for (const status of [
      'APPROVED',
      'DENIED',
      'SUSPECTED',
      'REVIEWING',
      'ACTIVE',
      'EXPIRED',
      'EXPIRED-DELETED',
      'DELETED',
      'ARCHIVED',
    ]) {
      assert.equal(parseVerificationStatus({ ...STATUS_EXAMPLE, status }).status, status);
    }
  });

  it('keeps an unknown status, face or document value as {unknown}', () => {
    const parsed = parseVerificationStatus({
      ...STATUS_EXAMPLE,
      status: 'ON_HOLD',
      autoFace: 'FACE_TWIN',
      autoDocument: 'DOC_HOLOGRAM_MISSING',
      manualDocument: 'DOC_TOO_BLURRY', // documented for autoDocument only
    });
    assert.deepEqual(parsed.status, { unknown: 'ON_HOLD' });
    assert.ok(isUnknownValue(parsed.status));
    assert.notEqual(parsed.status, 'APPROVED');
    assert.deepEqual(parsed.autoFace, { unknown: 'FACE_TWIN' });
    assert.deepEqual(parsed.autoDocument, { unknown: 'DOC_HOLOGRAM_MISSING' });
    assert.deepEqual(parsed.manualDocument, { unknown: 'DOC_TOO_BLURRY' });
    assert.equal(isUnknownValue(parsed.manualFace), false);
  });

  it('accepts null face and document results (no review yet)', () => {
    const parsed = parseVerificationStatus({
      ...STATUS_EXAMPLE,
      status: 'ACTIVE',
      autoFace: null,
      manualFace: null,
      autoDocument: null,
      manualDocument: null,
    });
    assert.equal(parsed.autoFace, null);
    assert.equal(parsed.manualDocument, null);
  });

  it('splits every documented fraud and mismatch tag from unknown ones', () => {
    const allFraud = Object.values(FraudTag);
    const allMismatch = Object.values(MismatchTag);
    assert.equal(allFraud.length, 17);
    assert.equal(allMismatch.length, 17);
    const parsed = parseVerificationStatus({
      ...STATUS_EXAMPLE,
      status: 'SUSPECTED',
      fraudTags: ['NEW_FRAUD', ...allFraud, 'DOC_GLARED'],
      mismatchTags: [...allMismatch, 'MIDDLE_NAME'],
    });
    assert.deepEqual(parsed.fraudTags, { known: allFraud, unknown: ['NEW_FRAUD', 'DOC_GLARED'] });
    assert.deepEqual(parsed.mismatchTags, { known: allMismatch, unknown: ['MIDDLE_NAME'] });
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, [], 'APPROVED', 3]) rejects(parseVerificationStatus, body, '$');
  });

  for (const key of Object.keys(STATUS_EXAMPLE)) {
    it(`rejects a missing ${key}`, () => {
      rejects(parseVerificationStatus, without(STATUS_EXAMPLE, key), `$.${key}`);
    });
    it(`rejects ${key} of the wrong type`, () => {
      rejects(parseVerificationStatus, { ...STATUS_EXAMPLE, [key]: 42 }, `$.${key}`);
    });
  }

  it('rejects null where null is not allowed', () => {
    for (const key of ['status', 'scanRef', 'clientId', 'fraudTags', 'mismatchTags']) {
      rejects(parseVerificationStatus, { ...STATUS_EXAMPLE, [key]: null }, `$.${key}`);
    }
  });

  it('names the bad tag by index', () => {
    rejects(
      parseVerificationStatus,
      { ...STATUS_EXAMPLE, fraudTags: ['VIRTUAL_CAMERA', 7] },
      '$.fraudTags[1]',
    );
    rejects(
      parseVerificationStatus,
      { ...STATUS_EXAMPLE, mismatchTags: [''] },
      '$.mismatchTags[0]',
    );
    rejects(parseVerificationStatus, { ...STATUS_EXAMPLE, fraudTags: 'NAME' }, '$.fraudTags');
  });

  it('rejects an empty status string and an empty scanRef', () => {
    rejects(parseVerificationStatus, { ...STATUS_EXAMPLE, status: '' }, '$.status');
    rejects(parseVerificationStatus, { ...STATUS_EXAMPLE, scanRef: '' }, '$.scanRef');
  });
});

describe('parseVerificationData', () => {
  it('parses the seed example', () => {
    assert.deepEqual(parseVerificationData(DATA_EXAMPLE), EXPECTED_DATA);
  });

  it('reads absent optional fields as null and drops undocumented extras', () => {
    const parsed = parseVerificationData({ scanRef: 'x', clientId: 'y', somethingNew: 1 });
    assert.equal(parsed.docFirstName, null);
    assert.equal(parsed.manuallyDataChanged, null);
    assert.equal(parsed.addressVerification, null);
    assert.equal(Object.hasOwn(parsed, 'somethingNew'), false);
    assert.equal(parsed.scanRef, 'x');
  });

  it('keeps unknown docType, docSex, risk level and age band', () => {
    const parsed = parseVerificationData({
      ...DATA_EXAMPLE,
      docType: 'STUDENT_CARD',
      docSex: 'X',
      clientIpProxyRiskLevel: 'EXTREME',
      ageEstimate: 'OVER_65',
    });
    assert.deepEqual(parsed.docType, { unknown: 'STUDENT_CARD' });
    assert.deepEqual(parsed.docSex, { unknown: 'X' });
    assert.deepEqual(parsed.clientIpProxyRiskLevel, { unknown: 'EXTREME' });
    assert.deepEqual(parsed.ageEstimate, { unknown: 'OVER_65' });
  });

  it('accepts every documented docType, docSex, risk level and age band', () => {
    const docTypes = [
      'ID_CARD',
      'PASSPORT',
      'RESIDENCE_PERMIT',
      'DRIVER_LICENSE',
      'PAN_CARD',
      'AADHAAR',
      'VISA',
      'NATIONAL_PASSPORT',
      'PROVISIONAL_DRIVER_LICENSE',
      'OLD_ID_CARD',
      'MILITARY_CARD',
      'BANK_ID_SE',
      'ADDRESS_CARD',
    ];
    for (const docType of docTypes) {
      assert.equal(parseVerificationData({ ...DATA_EXAMPLE, docType }).docType, docType);
    }
    for (const docSex of ['MALE', 'FEMALE', 'UNDEFINED']) {
      assert.equal(parseVerificationData({ ...DATA_EXAMPLE, docSex }).docSex, docSex);
    }
    for (const level of ['VERY_LOW', 'LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH', 'NOT_CHECKED']) {
      const parsed = parseVerificationData({ ...DATA_EXAMPLE, clientIpProxyRiskLevel: level });
      assert.equal(parsed.clientIpProxyRiskLevel, level);
    }
    for (const age of ['UNDER_13', 'OVER_13', 'OVER_18', 'OVER_22', 'OVER_25', 'OVER_30']) {
      assert.equal(parseVerificationData({ ...DATA_EXAMPLE, ageEstimate: age }).ageEstimate, age);
    }
  });

  it('requires scanRef and clientId', () => {
    for (const key of ['scanRef', 'clientId']) {
      rejects(parseVerificationData, without(DATA_EXAMPLE, key), `$.${key}`);
      rejects(parseVerificationData, { ...DATA_EXAMPLE, [key]: null }, `$.${key}`);
    }
  });

  for (const key of Object.keys(DATA_EXAMPLE).filter((k) => k !== 'addressVerification')) {
    it(`rejects ${key} of the wrong type`, () => {
      const wrong = key === 'manuallyDataChanged' ? 'false' : 42;
      rejects(parseVerificationData, { ...DATA_EXAMPLE, [key]: wrong }, `$.${key}`);
    });
  }

  it('rejects badly formatted dates and country codes', () => {
    rejects(parseVerificationData, { ...DATA_EXAMPLE, docExpiry: '09.03.2024' }, '$.docExpiry');
    rejects(parseVerificationData, { ...DATA_EXAMPLE, docDob: '1965-3-10' }, '$.docDob');
    rejects(parseVerificationData, { ...DATA_EXAMPLE, docNationality: 'NLD' }, '$.docNationality');
    rejects(parseVerificationData, { ...DATA_EXAMPLE, selectedCountry: 'nl' }, '$.selectedCountry');
  });

  it('names the bad duplicate scanRef by index, and rejects a non-object additionalData', () => {
    rejects(
      parseVerificationData,
      { ...DATA_EXAMPLE, duplicateFaces: ['a', null] },
      '$.duplicateFaces[1]',
    );
    rejects(
      parseVerificationData,
      { ...DATA_EXAMPLE, additionalData: ['ssn'] },
      '$.additionalData',
    );
  });
});

describe('parseWebhook', () => {
  it('parses a body with every documented field', () => {
    const parsed = parseWebhook(fullWebhook());
    assert.deepEqual(parsed, {
      final: true,
      status: {
        overall: 'SUSPECTED',
        fraudTags: { known: ['VIRTUAL_CAMERA', 'DEV_TOOLS_OPENED'], unknown: ['SOME_FUTURE_TAG'] },
        mismatchTags: { known: ['NAME', 'DATE_OF_BIRTH'], unknown: [] },
        autoFace: 'FACE_MATCH',
        manualFace: null,
        autoDocument: 'DOC_VALIDATED',
        manualDocument: null,
      },
      data: {
        ...EXPECTED_DATA,
        docType: 'ID_CARD',
        docSex: 'FEMALE',
        clientIpProxyRiskLevel: 'VERY_HIGH',
        ageEstimate: 'OVER_18',
        duplicateFaces: ['aaa', 'bbb'],
        duplicateDocFaces: ['ccc'],
        additionalData: { UTILITY_BILL: { ssn: '123' } },
        addressVerification: { any: ['shape'] },
      },
      scanRef: STATUS_EXAMPLE.scanRef,
      clientId: STATUS_EXAMPLE.clientId,
      fileUrls: { FACE: 'https://example.com/f', FRONT: 'https://example.com/d' },
    });
  });

  it('takes the data ids from the top level when data omits them; fileUrls is optional', () => {
    const body = fullWebhook();
    body['data'] = { docFirstName: 'JANE' };
    delete body['fileUrls'];
    const parsed = parseWebhook(body);
    assert.equal(parsed.data.scanRef, STATUS_EXAMPLE.scanRef);
    assert.equal(parsed.data.clientId, STATUS_EXAMPLE.clientId);
    assert.equal(parsed.data.docFirstName, 'JANE');
    assert.deepEqual(parsed.fileUrls, {});
  });

  for (const key of ['final', 'status', 'data', 'scanRef', 'clientId']) {
    it(`rejects a missing or mistyped top-level ${key}`, () => {
      rejects(parseWebhook, without(fullWebhook(), key), `$.${key}`);
      rejects(parseWebhook, { ...fullWebhook(), [key]: 42 }, `$.${key}`);
    });
  }

  for (const key of [
    'overall',
    'fraudTags',
    'mismatchTags',
    'autoFace',
    'manualFace',
    'autoDocument',
    'manualDocument',
  ]) {
    it(`rejects a missing or mistyped status.${key}`, () => {
      const body = fullWebhook();
      const status = body['status'] as Record<string, unknown>;
      rejects(parseWebhook, { ...body, status: without(status, key) }, `$.status.${key}`);
      rejects(parseWebhook, { ...body, status: { ...status, [key]: 42 } }, `$.status.${key}`);
    });
  }

  it('names nested data and fileUrls paths', () => {
    const body = fullWebhook();
    const data = body['data'] as Record<string, unknown>;
    rejects(parseWebhook, { ...body, data: { ...data, docDob: 19650310 } }, '$.data.docDob');
    rejects(parseWebhook, { ...body, data: { ...data, scanRef: 'other' } }, '$.data.scanRef');
    rejects(parseWebhook, { ...body, fileUrls: { FACE: 1 } }, '$.fileUrls.FACE');
    rejects(parseWebhook, { ...body, fileUrls: 'https://x' }, '$.fileUrls');
    const status = body['status'] as Record<string, unknown>;
    rejects(
      parseWebhook,
      { ...body, status: { ...status, fraudTags: ['A', false] } },
      '$.status.fraudTags[1]',
    );
  });

  it('rejects a body that is not an object', () => {
    rejects(parseWebhook, null, '$');
    rejects(parseWebhook, '{"final":true}', '$');
  });
});
