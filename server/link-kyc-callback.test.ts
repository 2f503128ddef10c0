// Seed 000 callbacks: the seed's examples (test/fixtures/seeds/link-kyc/callback-*.json, transcribed
// from the seed) parse to the values the seed gives them; one unexpected value in any field is kept,
// marked unrecognised, and the rest of the callback still reads; only a body that cannot be one
// callback (not an object, no id, no service) throws. linkKycRetakeReasons hands the page the
// documented REJECTED reasons only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isUnrecognised,
  LinkKycCallbackFormatError,
  LinkKycDocumentRejectionReason,
  LinkKycFaceRejectionReason,
  linkKycRetakeReasons,
  parseLinkKycCallback,
  type LinkKycAcceptanceResult,
  type LinkKycCallback,
  type LinkKycManualIdVerificationCallback,
} from './index.ts';
import {
  changed,
  mutationTests,
  readGolden,
  valueAt,
  type Mutation,
} from '../test/helpers/golden-json.ts';

/** A callback golden file: a seed example, its typed reading, and its variants. */
interface Golden {
  readonly section: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly expected: unknown;
  readonly mutations: readonly Mutation[];
  readonly errors: readonly Mutation[];
  /** A changed `service` (which decides the shape): the whole parsed callback. */
  readonly reshaped?: readonly (Mutation & { readonly expectedCallback: unknown })[];
  /** What linkKycRetakeReasons gives for the example. */
  readonly retake?: { readonly document: readonly string[]; readonly face: readonly string[] };
}

const golden = (name: string) => readGolden<Golden>(`link-kyc/callback-${name}.json`);
const EXAMPLES = ['certification', 'approved', 'not-approved', 'rejected'] as const;
const approved = golden('approved');
const rejected = golden('rejected');

/** Asserts that parsing throws a LinkKycCallbackFormatError at exactly `path`. */
function throwsAt(body: unknown, path: string): void {
  assert.throws(
    () => parseLinkKycCallback(body),
    (error: unknown) => {
      assert.ok(
        error instanceof LinkKycCallbackFormatError,
        `not a format error: ${String(error)}`,
      );
      assert.equal(error.path, path);
      assert.equal(error.code, 'bad-callback');
      assert.ok(error.message.startsWith(`${path}: `), error.message);
      return true;
    },
  );
}

/** Parses a body that must be a manual verification with data. */
function manual(body: unknown) {
  const parsed = parseLinkKycCallback(body);
  assert.equal(parsed.service, 'ManualIDVerification');
  const { data } = parsed as LinkKycManualIdVerificationCallback;
  assert.ok(data !== null && !isUnrecognised(data));
  return data;
}

for (const name of EXAMPLES) {
  describe(`parseLinkKycCallback: the seed's ${name} example (callback-${name}.json)`, () => {
    const { body, expected, mutations, errors, reshaped = [] } = golden(name);

    it('parses to the value the seed gives it', () => {
      assert.deepEqual(parseLinkKycCallback(body), expected);
    });

    mutationTests(parseLinkKycCallback, body, expected, mutations);

    for (const mutation of reshaped) {
      it(`${mutation.why}: a callback of an unknown service`, () => {
        const parsed = parseLinkKycCallback(changed(body, mutation.path, mutation));
        assert.deepEqual(parsed, mutation.expectedCallback);
        assert.deepEqual(linkKycRetakeReasons(parsed), { document: [], face: [] });
      });
    }

    for (const mutation of errors) {
      it(`${mutation.why}: LinkKycCallbackFormatError at ${mutation.error}`, () => {
        throwsAt(changed(body, mutation.path, mutation), mutation.error!);
      });
    }

    it('rejects a body that is not a JSON object', () => {
      for (const notObject of [null, [], 'Completed', 3, JSON.stringify(body)]) {
        throwsAt(notObject, '$');
      }
    });

    it('drops fields the seed does not name, at every depth', () => {
      const extra = structuredClone(body) as Record<string, Record<string, unknown>>;
      extra['extra'] = { a: 1 };
      const data = extra['data']!;
      data['extra'] = 2;
      for (const part of Object.values(data)) {
        if (typeof part === 'object' && part !== null) Object.assign(part, { score: 0.9 });
      }
      assert.deepEqual(parseLinkKycCallback(extra), expected);
    });
  });
}

describe('parseLinkKycCallback: the vocabularies against the seed', () => {
  const reasons =
    readGolden<Record<'document' | 'face', { reason: string }[]>>('link-kyc/reasons.json');

  it("the reason tables list the seed's reasons, word for word", () => {
    assert.deepEqual(
      Object.values(LinkKycDocumentRejectionReason),
      reasons.document.map((entry) => entry.reason),
    );
    assert.deepEqual(
      [...Object.values(LinkKycFaceRejectionReason)].sort(),
      reasons.face.map((entry) => entry.reason).sort(),
    );
  });

  it('every documented reason parses as itself, in its own list', () => {
    const data = manual(
      changed(
        changed(rejected.body, ['data', 'documentInfo', 'acceptance', 'reasons'], {
          value: reasons.document.map((entry) => entry.reason),
        }),
        ['data', 'faceComparisonInfo', 'acceptance', 'reasons'],
        { value: reasons.face.map((entry) => entry.reason) },
      ),
    );
    const list = (part: unknown) => valueAt(part, ['acceptance', 'reasons']) as unknown[];
    assert.equal(list(data.documentInfo).filter(isUnrecognised).length, 0);
    assert.equal(list(data.faceComparisonInfo).filter(isUnrecognised).length, 0);
  });
});

describe('parseLinkKycCallback: one payload with every odd value of issue 14', () => {
  // Each of these used to cost the integrator the whole callback (a 400 to LINK).
  const body = structuredClone(approved.body) as never as {
    status: unknown;
    data: Record<string, Record<string, Record<string, unknown>>>;
  };
  body.status = 7;
  const doc = body.data['documentInfo']!;
  doc['acceptance'] = { result: '', reasons: 'GLARE' };
  doc['findings'] = { details: { authenticity: { result: 'AUTHENTIC', reasons: [null, 3] } } };
  const extractedData = doc['extractedData'] as Record<string, Record<string, unknown>>;
  extractedData['documentAttributes']!['dateOfExpiry'] = '31/10/1963';
  extractedData['documentAttributes']!['documentNumber'] = 12345678;
  extractedData['name'] = 'LUIS' as never;
  delete body.data['faceComparisonInfo'];

  it('still parses, each odd value marked or null where it was', () => {
    const parsed = parseLinkKycCallback(body);
    assert.deepEqual(parsed.status, { kind: 'unrecognised', raw: 7 });
    const data = manual(body);
    assert.equal(data.faceComparisonInfo, null);
    const info = data.documentInfo;
    assert.ok(info !== null && !isUnrecognised(info));
    assert.deepEqual(info.acceptance, {
      result: { kind: 'unrecognised', raw: '' },
      reasons: [{ kind: 'unrecognised', raw: 'GLARE' }],
    });
    assert.deepEqual(info.findings, {
      documentApproval: null,
      details: {
        authenticity: {
          result: 'AUTHENTIC',
          reasons: [
            { kind: 'unrecognised', raw: null },
            { kind: 'unrecognised', raw: 3 },
          ],
        },
        originality: null,
        validity: null,
      },
    });
    const extracted = info.extractedData;
    assert.ok(extracted !== null && !isUnrecognised(extracted));
    assert.deepEqual(extracted.name, { kind: 'unrecognised', raw: 'LUIS' });
    const attributes = extracted.documentAttributes;
    assert.ok(attributes !== null && !isUnrecognised(attributes));
    assert.deepEqual(attributes.dateOfExpiry, { kind: 'unrecognised', raw: '31/10/1963' });
    assert.deepEqual(attributes.documentNumber, { kind: 'unrecognised', raw: 12345678 });
    assert.equal(attributes.countryCodeOfIssuance, 'ESP');
  });

  it('makes TypeScript narrow a field before using it as its documented type', () => {
    const info = manual(body).documentInfo;
    assert.ok(info !== null && !isUnrecognised(info) && info.acceptance !== null);
    const acceptance = info.acceptance;
    // @ts-expect-error -- ruling out null is not enough: the part may be unrecognised.
    assert.ok(acceptance.result !== undefined);
    assert.ok(!isUnrecognised(acceptance));
    // @ts-expect-error -- a result is a documented one, the marker, or null.
    const result: LinkKycAcceptanceResult = acceptance.result;
    assert.notEqual(result, 'REJECTED');
    assert.ok(isUnrecognised(acceptance.result));
  });
});

describe('linkKycRetakeReasons', () => {
  const empty = { document: [], face: [] };
  const parse = (body: unknown): LinkKycCallback => parseLinkKycCallback(body);
  const DOC = ['data', 'documentInfo'];
  const FACE = ['data', 'faceComparisonInfo'];

  it('gives both parts of the REJECTED example, in order', () => {
    assert.deepEqual(linkKycRetakeReasons(parse(rejected.body)), rejected.retake);
  });

  it('is empty for the APPROVED, NOT_APPROVED and Certification examples', () => {
    for (const name of ['approved', 'not-approved', 'certification'] as const) {
      assert.deepEqual(linkKycRetakeReasons(parse(golden(name).body)), empty, name);
    }
  });

  it('leaves out marked reasons: they map to no retake', () => {
    const body = changed(rejected.body, [...FACE, 'acceptance', 'reasons'], {
      value: ['FACE_MASKED', ' SELFIE_NOT_LIVE', null, 'UNREADABLE_FIELD', 'GLARE'],
    });
    assert.deepEqual(linkKycRetakeReasons(parse(body)).face, ['SELFIE_NOT_LIVE', 'GLARE']);
    const oneString = changed(rejected.body, [...DOC, 'acceptance', 'reasons'], { value: 'GLARE' });
    assert.deepEqual(linkKycRetakeReasons(parse(oneString)).document, []);
  });

  it('gives only a part whose result is REJECTED', () => {
    const accepted = changed(rejected.body, [...DOC, 'acceptance', 'result'], {
      value: 'ACCEPTED',
    });
    assert.deepEqual(linkKycRetakeReasons(parse(accepted)), { ...rejected.retake, document: [] });
    for (const result of ['', 'rejected', 7]) {
      const odd = changed(rejected.body, [...FACE, 'acceptance', 'result'], { value: result });
      assert.deepEqual(linkKycRetakeReasons(parse(odd)).face, [], String(result));
    }
  });

  it('is empty for a part or data that is absent or not an object', () => {
    const cases: [readonly string[], unknown][] = [
      [FACE, 'REJECTED'],
      [[...FACE, 'acceptance'], ['GLARE']],
      [['data'], 'REJECTED'],
    ];
    for (const [path, value] of cases) {
      const retake = linkKycRetakeReasons(parse(changed(rejected.body, path, { value })));
      assert.deepEqual(retake.face, [], path.join('.'));
    }
    const noData = changed(rejected.body, ['data'], {
      why: 'no data',
      path: ['data'],
      remove: true,
    });
    assert.deepEqual(linkKycRetakeReasons(parse(noData)), empty);
  });

  it('returns fresh arrays', () => {
    const callback = parse(rejected.body);
    linkKycRetakeReasons(callback).document.push('MUTATED');
    assert.equal(linkKycRetakeReasons(callback).document.includes('MUTATED'), false);
  });
});
