// The LINK callback endpoint over real HTTP: only seed 000's callback addresses (or the configured
// ones) get through, X-Forwarded-For is believed only from a trusted proxy, and the body is the
// callback parser's, which marks odd values instead of refusing the callback.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import {
  createLinkKycCallbackHandler,
  isLinkKycCallbackSource,
  LINK_KYC_CALLBACK_SOURCES,
  linkKycRetakeReasons,
  ProxyHttpError,
  type LinkKycCallback,
  type LinkKycCallbackHandlerOptions,
} from './index.ts';

// Seed 000, "Callback Response": "Requests may be generated from following IP addresses:
// 217.75.233.139 , 213.134.38.77 , 88.26.209.16".
const SEED_SOURCES = ['217.75.233.139', '213.134.38.77', '88.26.209.16'];
const LINK = '217.75.233.139';

/** The seed's "Callback Example REJECTED", abridged to one reason per list (spaces as printed). */
const REJECTED = {
  id: 'b2820098-04a9-47ef-9d5f-c668e016a596',
  service: 'ManualIDVerification',
  status: 'Completed',
  data: {
    documentInfo: { acceptance: { result: ' REJECTED', reasons: ['GLARE'] } },
    faceComparisonInfo: { acceptance: { result: ' REJECTED', reasons: ['GLARE'] } },
  },
};

const servers: Server[] = [];
after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A running handler and what it received. */
async function endpoint(options: Partial<LinkKycCallbackHandlerOptions> = {}) {
  const received: LinkKycCallback[] = [];
  const errors: ProxyHttpError[] = [];
  const handler = createLinkKycCallbackHandler({
    onCallback: (callback) => {
      received.push(callback);
    },
    onError: (error) => errors.push(error),
    ...options,
  });
  const url = await listen(
    handler.middleware as (req: IncomingMessage, res: ServerResponse) => void,
  );
  return { url, received, errors };
}

async function post(url: string, body: unknown = REJECTED, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/link-kyc/callback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

describe('LINK callback source check', () => {
  it('defaults to the three addresses the seed documents', () => {
    assert.deepEqual([...LINK_KYC_CALLBACK_SOURCES], SEED_SOURCES);
  });

  it('lets an allowed address through and hands over the parsed callback', async () => {
    const { url, received } = await endpoint({ allowedSources: ['127.0.0.1'] });
    const reply = await post(url);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, {});
    assert.equal(received.length, 1);
    assert.deepEqual(linkKycRetakeReasons(received[0]!), { document: ['GLARE'], face: ['GLARE'] });
  });

  it('answers 403 to any other address, before reading the body', async () => {
    // This test talks from 127.0.0.1, which is not one of LINK's addresses.
    const { url, received } = await endpoint();
    const reply = await post(url);
    assert.equal(reply.status, 403);
    assert.equal(errorCode(reply.body), 'forbidden_source');
    const garbage = await post(url, 'not json');
    assert.equal(garbage.status, 403, 'the body is never looked at');
    assert.equal(received.length, 0);
  });

  it('ignores a spoofed X-Forwarded-For when no proxy is trusted', async () => {
    const { url, received } = await endpoint();
    for (const forwarded of [LINK, `${LINK}, ${LINK}`]) {
      const reply = await post(url, REJECTED, { 'X-Forwarded-For': forwarded });
      assert.equal(reply.status, 403, forwarded);
    }
    // Nor from a peer that is not the trusted proxy.
    const other = await endpoint({ trustedProxies: ['10.0.0.1'] });
    assert.equal((await post(other.url, REJECTED, { 'X-Forwarded-For': LINK })).status, 403);
    assert.equal(received.length + other.received.length, 0);
  });

  it('honours X-Forwarded-For through a trusted proxy: the right-most untrusted hop', async () => {
    const { url, received } = await endpoint({ trustedProxies: ['127.0.0.1', '10.0.0.0/8'] });
    const cases: [string | undefined, number][] = [
      [LINK, 200],
      // A client wrote the left-most hop; the trusted proxy appended LINK's real address.
      [`6.6.6.6, ${LINK}`, 200],
      // The hop the trusted proxy saw is 6.6.6.6: LINK's address left of it is the client's word.
      [`${LINK}, 6.6.6.6`, 403],
      // Through two of our own proxies (10.x trusted too).
      [`${LINK}, 10.1.2.3`, 200],
      [`::ffff:${LINK}`, 200],
      // The trusted proxy forwarded nothing: the source is the proxy itself.
      [undefined, 403],
      ['not-an-address', 403],
    ];
    for (const [forwarded, status] of cases) {
      const headers: Record<string, string> = forwarded ? { 'X-Forwarded-For': forwarded } : {};
      assert.equal((await post(url, REJECTED, headers)).status, status, String(forwarded));
    }
    assert.equal(received.length, 4);
  });

  it('is the exported isLinkKycCallbackSource a plain server can call', async () => {
    const url = await listen((req, res) => {
      const ok = isLinkKycCallbackSource(req, { trustedProxies: ['127.0.0.1'] });
      res.writeHead(ok ? 204 : 403).end();
      req.resume();
    });
    const status = async (forwarded: string) =>
      (await fetch(url, { headers: { 'X-Forwarded-For': forwarded } })).status;
    assert.equal(await status('88.26.209.16'), 204);
    assert.equal(await status('213.134.38.77'), 204);
    assert.equal(await status('213.134.38.78'), 403);
  });

  it('refuses entries that are not addresses or ranges', () => {
    const onCallback = () => undefined;
    for (const bad of [['217.75.233'], ['10.0.0.0/33'], ['example.com'], ['1.2.3.4/8/1']]) {
      assert.throws(
        () => createLinkKycCallbackHandler({ onCallback, allowedSources: bad }),
        TypeError,
      );
      assert.throws(
        () => createLinkKycCallbackHandler({ onCallback, trustedProxies: bad }),
        TypeError,
      );
    }
  });
});

describe('LINK callback endpoint', () => {
  it('answers 400 with the JSON path for a body that cannot be one callback', async () => {
    const { url, received } = await endpoint({ allowedSources: ['127.0.0.1'] });
    const reply = await post(url, { ...REJECTED, id: '' });
    assert.equal(reply.status, 400);
    assert.equal(errorCode(reply.body), 'bad-callback');
    assert.match((reply.body as { error: { message: string } }).error.message, /^\$\.id/);
    assert.equal((await post(url, { ...REJECTED, service: undefined })).status, 400);
    assert.equal((await post(url, 'not json')).status, 400);
    const get = await fetch(`${url}/link-kyc/callback`);
    assert.equal(get.status, 405);
    await get.text();
    assert.equal(received.length, 0);
  });

  it('hands over a callback with values the seed does not document, marked', async () => {
    const { url, received } = await endpoint({ allowedSources: ['127.0.0.1'] });
    const odd = {
      ...REJECTED,
      status: 7,
      data: {
        documentInfo: { acceptance: { result: ' REJECTED', reasons: ['GLARE', null, 'NEW'] } },
      },
    };
    const reply = await post(url, odd);
    assert.equal(reply.status, 200);
    assert.equal(received.length, 1);
    const callback = received[0]!;
    assert.deepEqual(callback.status, { kind: 'unrecognised', raw: 7 });
    assert.deepEqual(linkKycRetakeReasons(callback), { document: ['GLARE'], face: [] });
  });

  it('answers 500 when onCallback fails, so LINK may send it again', async () => {
    const { url, errors } = await endpoint({
      allowedSources: ['127.0.0.0/8'],
      onCallback: () => Promise.reject(new Error('database down')),
    });
    const reply = await post(url);
    assert.equal(reply.status, 500);
    assert.equal(errorCode(reply.body), 'callback_failed');
    assert.equal(errors.length, 1);
    assert.equal((errors[0]?.cause as Error).message, 'database down');
  });
});
