// Seed 003 results: the seed's samples (test/fixtures/seeds/results/*.json, transcribed from the
// seed) parse to the values the seed gives them; one new value in any field is kept, marked
// unrecognised, and the rest of the payload still reads; only a payload that cannot be about one
// verification throws. The vocabulary tables are compared with the seed's lists word for word.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AgeEstimate,
  AutoDocumentStatus,
  DocSex,
  FaceStatus,
  FraudTag,
  ManualDocumentStatus,
  MismatchTag,
  ProxyRiskLevel,
  ResultDocumentType,
  ResultFormatError,
  VerificationStatus,
  isUnrecognised,
  parseVerificationData,
  parseVerificationFiles,
  parseVerificationStatus,
  parseWebhook,
} from './index.ts';
import { changed, mutationTests, readGolden, type Mutation } from '../test/helpers/golden-json.ts';

/** A golden file: a seed sample, its typed reading, one-field variants and impossible variants. */
interface Golden {
  readonly source: string;
  readonly response?: unknown;
  readonly body?: unknown;
  readonly expected: unknown;
  readonly mutations: readonly Mutation[];
  readonly errors: readonly Mutation[];
}

function golden(name: string): Golden {
  return readGolden<Golden>(`results/${name}.json`);
}

const VOCABULARY = readGolden<Record<string, readonly string[]>>('results/vocabulary.json');

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

const PARSERS = {
  status: parseVerificationStatus,
  data: parseVerificationData,
  files: parseVerificationFiles,
  webhook: parseWebhook,
} as const;

for (const [name, parse] of Object.entries(PARSERS)) {
  describe(`${name}: the seed's sample (test/fixtures/seeds/results/${name}.json)`, () => {
    const { response, body, expected, mutations, errors } = golden(name);
    const sample = response ?? body;

    it('parses to the value the seed gives it', () => {
      assert.deepEqual(parse(sample), expected);
    });

    mutationTests(parse, sample, expected, mutations);

    for (const mutation of errors) {
      it(`${mutation.why}: ResultFormatError at ${mutation.error}`, () => {
        rejects(parse, changed(sample, mutation.path, mutation), mutation.error!);
      });
    }

    it('rejects a body that is not a JSON object', () => {
      for (const notObject of [null, [], 'APPROVED', 3, JSON.stringify(sample)]) {
        rejects(parse, notObject, '$');
      }
    });

    it('drops fields the seed does not name', () => {
      const parsed = parse({ ...(sample as object), somethingNew: 1 });
      assert.deepEqual(parsed, expected);
    });
  });
}

describe('vocabularies against the seed (vocabulary.json)', () => {
  const tables = {
    status: VerificationStatus,
    fraudTags: FraudTag,
    mismatchTags: MismatchTag,
    manualFace: FaceStatus,
    autoDocument: AutoDocumentStatus,
    manualDocument: ManualDocumentStatus,
    docType: ResultDocumentType,
    docSex: DocSex,
    clientIpProxyRiskLevel: ProxyRiskLevel,
    ageEstimate: AgeEstimate,
  };

  for (const [field, table] of Object.entries(tables)) {
    it(`${field}: the table lists the seed's values, word for word, in its order`, () => {
      assert.deepEqual(Object.values(table), VOCABULARY[field]);
    });
  }

  const status = golden('status').response as Record<string, unknown>;
  const data = golden('data').response as Record<string, unknown>;

  it('every documented status value parses as itself, in every status field it belongs to', () => {
    const parse = (change: Record<string, unknown>) =>
      parseVerificationStatus({ ...status, ...change });
    for (const value of VOCABULARY['status']!) assert.equal(parse({ status: value }).status, value);
    assert.deepEqual(
      parse({ fraudTags: VOCABULARY['fraudTags'] }).fraudTags,
      VOCABULARY['fraudTags'],
    );
    assert.deepEqual(
      parse({ mismatchTags: VOCABULARY['mismatchTags'] }).mismatchTags,
      VOCABULARY['mismatchTags'],
    );
    // The seed lists face values under manualFace and names autoFace beside it.
    for (const value of VOCABULARY['manualFace']!) {
      const parsed = parse({ manualFace: value, autoFace: value });
      assert.deepEqual([parsed.manualFace, parsed.autoFace], [value, value]);
    }
    for (const field of ['autoDocument', 'manualDocument'] as const) {
      for (const value of VOCABULARY[field]!) assert.equal(parse({ [field]: value })[field], value);
    }
  });

  it('every documented data value parses as itself', () => {
    for (const field of ['docType', 'docSex', 'clientIpProxyRiskLevel', 'ageEstimate'] as const) {
      for (const value of VOCABULARY[field]!) {
        assert.equal(parseVerificationData({ ...data, [field]: value })[field], value);
      }
    }
  });
});

describe('the unrecognised marker', () => {
  const data = golden('data').response as Record<string, unknown>;

  it('isUnrecognised tells the marker from every documented value, null included', () => {
    const parsed = parseVerificationData({ ...data, docDob: '10/03/1965' });
    assert.equal(isUnrecognised(parsed.docDob), true);
    for (const value of [parsed.docExpiry, parsed.docType, parsed.additionalData, null, 'x']) {
      assert.equal(isUnrecognised(value), false);
    }
  });

  it('makes TypeScript narrow a field before using it as its documented type', () => {
    const parsed = parseVerificationData({ ...data, docDob: '10/03/1965' });
    const dob = parsed.docDob;
    if (dob !== null) {
      // @ts-expect-error -- ruling out null is not enough: the value may be unrecognised.
      assert.throws(() => dob.slice(0, 4));
    }
    const status = parseVerificationStatus({
      ...(golden('status').response as object),
      status: 'X',
    });
    // @ts-expect-error -- an overall status is a documented one or the marker.
    const overall: VerificationStatus = status.status;
    assert.notEqual(overall, VerificationStatus.Approved);
    if (!isUnrecognised(status.status)) {
      const documented: VerificationStatus = status.status;
      assert.fail(`not marked: ${documented}`);
    }
  });

  it("a webhook's data without ids takes the top-level ones", () => {
    const { body } = golden('webhook');
    const hook = body as Record<string, unknown>;
    const parsed = parseWebhook({ ...hook, data: { docFirstName: 'JANE' } });
    assert.ok(parsed.data !== null && !isUnrecognised(parsed.data));
    assert.equal(parsed.data.docFirstName, 'JANE');
    assert.equal(parsed.data.docLastName, null);
    assert.equal(parsed.data.scanRef, hook['scanRef']);
    assert.equal(parsed.data.clientId, hook['clientId']);
  });
});
