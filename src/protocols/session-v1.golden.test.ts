// The session-v1 adapter against seed 004's own samples (test/fixtures/seeds/session-v1/,
// transcribed from the seed, fetched from the test server): the request it builds has the sample
// request's fields, and every add-image reply the seed shows is read as expected. The create and
// result samples are the backend's (access token) and never reach the browser.
import { expect } from '@open-wc/testing';
import { KycClient, type FetchFunction } from '../api/client.js';
import { testCapture } from '../../test/helpers/captures.js';
import { createSessionV1Adapter } from './session-v1.js';
import type { SendOptions } from './types.js';

interface AddImageSample {
  readonly request: Record<string, unknown>;
  readonly requestFields: Record<string, { type: string; required: boolean }>;
  readonly response: Record<string, unknown>;
}

async function sample(): Promise<AddImageSample> {
  const response = await fetch('/test/fixtures/seeds/session-v1/add-image.json');
  return (await response.json()) as AddImageSample;
}

const kind = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** An adapter over a fetch that records each request and answers `reply` (status 200 unless given). */
function recording(reply: unknown, status = 200) {
  const requests: { url: string; method: string; body: unknown }[] = [];
  const fetchImpl: FetchFunction = (url, init) => {
    requests.push({ url, method: init.method ?? 'GET', body: JSON.parse(init.body as string) });
    return Promise.resolve(
      new Response(JSON.stringify(reply), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  };
  const client = new KycClient({ token: 't', fetch: fetchImpl, retries: 0 });
  return { requests, adapter: createSessionV1Adapter({ client, sessionId: 'sid 1' }) };
}

describe('session-v1 adapter: the seed’s samples', () => {
  it('sends the add-image request sample’s fields, field by field', async () => {
    const { request, requestFields, response } = await sample();
    for (const [step, type] of [
      ['document_front', 'identity_card'],
      ['selfie', undefined],
    ] as const) {
      const { requests, adapter } = recording(response);
      await adapter.send(await testCapture(step, type));
      const [sent] = requests;
      expect(sent?.method).to.equal('POST');
      expect(sent?.url).to.equal('/api/v1/verification/sid%201/images');
      const body = sent?.body as Record<string, unknown>;
      expect(Object.keys(body).sort()).to.deep.equal(Object.keys(request).sort());
      for (const [field, rule] of Object.entries(requestFields)) {
        if (rule.required) expect(body, field).to.have.property(field);
        if (field in body) expect(kind(body[field]), field).to.equal(rule.type);
        expect(kind(body[field]), field).to.equal(kind(request[field]));
      }
    }
  });

  it('reads the add-image response sample: complete "false" keeps the flow on its plan', async () => {
    const { response } = await sample();
    const plan: SendOptions = { remaining: ['document_back', 'selfie'] };
    const capture = await testCapture('document_front', 'identity_card');
    expect(await recording(response).adapter.send(capture, plan)).to.deep.equal({
      accepted: true,
      feedback: 'ok',
      complete: false,
      missing: ['document_back', 'selfie'],
    });
    // Outside a flow: no plan to fall back on, and the empty list is not passed on as "nothing left".
    expect(await recording(response).adapter.send(capture)).to.deep.equal({
      accepted: true,
      feedback: 'ok',
      complete: false,
    });
  });

  it('reads the reply of issue 14 (names the seed does not fix) without ending the flow', async () => {
    const reply = {
      feedback: 'ok',
      complete: 'false',
      missing_images: ['DOCUMENT_BACK', 'SELFIE'],
    };
    const capture = await testCapture('document_front', 'identity_card');
    const result = await recording(reply).adapter.send(capture, {
      remaining: ['document_back', 'selfie'],
    });
    expect(result).to.deep.equal({
      accepted: true,
      feedback: 'ok',
      complete: false,
      missing: ['document_back', 'selfie'],
    });
  });

  it('reads 409 ("All required images were successfully submitted") as already complete', async () => {
    const conflict = { error: { code: 'session_complete', message: 'complete' } };
    const result = await recording(conflict, 409).adapter.send(await testCapture('selfie'));
    expect(result).to.include({ accepted: true, complete: true, alreadyComplete: true });
  });
});
