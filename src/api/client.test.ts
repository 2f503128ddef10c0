// KycClient against the real mock backend mounted on the test server's origin. Only the timeout and
// network-drop cases use a fake fetch (they cannot be produced over a healthy local connection),
// and the malformed-reply cases use one that answers like a broken proxy would.
import { expect } from '@open-wc/testing';
import {
  checkApiBase,
  KycClient,
  type FetchFunction,
  type RequestOptions,
  type TokenGrant,
} from './client.js';
import { ConfigurationError } from '../errors.js';
import {
  AbortedError,
  HttpError,
  NetworkError,
  ResponseFormatError,
  TimeoutError,
  TokenExpiredError,
} from './errors.js';
import { buildAddImageRequest, buildDeviceInfo } from '../protocols/session-v1-wire.js';
import { createDemoSession, renewToken } from '../../test/helpers/backend.js';
import { bytesOf, canvas2d, canvasToBlob, rejection } from '../../test/helpers/async.js';

/** A fetch that records every call and passes it on (to the real fetch unless told otherwise). */
function spyFetch(inner: FetchFunction = (input, init) => fetch(input, init)) {
  const calls: { url: string; init: RequestInit }[] = [];
  const spy: FetchFunction = (url, init) => {
    calls.push({ url, init });
    return inner(url, init);
  };
  return { fetch: spy, calls };
}

/** What a dead network does to fetch. */
const dropped: FetchFunction = () => Promise.reject(new TypeError('Failed to fetch'));

/** A real add-image body: a 640x480 JPEG drawn on a canvas. */
async function selfieBody(): Promise<unknown> {
  const { canvas, ctx } = canvas2d(640, 480);
  ctx.fillStyle = '#d9c3a5';
  ctx.fillRect(0, 0, 640, 480);
  const blob = await canvasToBlob(canvas, 'image/jpeg');
  const bytes = await bytesOf(blob);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return buildAddImageRequest({
    capture: {
      step: 'selfie',
      blob,
      width: 640,
      height: 480,
      source: 'camera',
      takenAt: Date.now(),
    },
    data: btoa(binary),
    mimeType: 'image/jpeg',
    deviceInfo: buildDeviceInfo(),
  });
}

const imagesPath = (sessionId: string) => `/api/v1/verification/${sessionId}/images`;

/**
 * A call the start token may make: adding a selfie (seed 004 gives listing a session's images to
 * the backend's access token only). The mock answers it as {@link SELFIE_ACCEPTED}.
 */
async function addSelfie(
  client: KycClient,
  sessionId: string,
  options: Omit<RequestOptions, 'json'> & { parse?: (body: unknown) => unknown } = {},
): Promise<unknown> {
  const json = await selfieBody();
  return options.parse
    ? client.request('POST', imagesPath(sessionId), { ...options, parse: options.parse, json })
    : client.request('POST', imagesPath(sessionId), { ...options, json });
}

/** The mock's reply to a selfie added to a new session. */
const SELFIE_ACCEPTED = {
  feedback: 'ok',
  complete: 'false',
  missing_images: ['document_front', 'document_back'],
};

/** A fetch that answers every call with `reply` and records the bearer token each one carried. */
function tokenFetch(reply: () => Response = () => new Response('{}', { status: 200 })) {
  const tokens: string[] = [];
  const spy: FetchFunction = (_url, init) => {
    const auth = (init.headers as Record<string, string>)['Authorization'] ?? '';
    tokens.push(auth.replace(/^Bearer /, ''));
    return Promise.resolve(reply());
  };
  return { fetch: spy, tokens };
}

/** A clock the tests move by hand. */
function manualClock(start = Date.parse('2030-01-01T00:00:00Z')) {
  const clock = { ms: start, now: () => clock.ms };
  return clock;
}

/** A new start token with its expiry, as the mock's demo endpoint (the host's backend) grants it. */
async function renewGrant(sessionId: string, ttlSeconds?: number): Promise<TokenGrant> {
  const response = await fetch(`/demo/sessions/${sessionId}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ start_token_ttl_seconds: ttlSeconds }),
  });
  if (response.status !== 200) throw new Error(`renewing a start token failed: ${response.status}`);
  const body = (await response.json()) as { start_token: string; expiration: string };
  return { token: body.start_token, expiresAt: body.expiration };
}

describe('KycClient', () => {
  it('sends the token as a bearer header, never in the URL, and returns the JSON', async () => {
    const session = await createDemoSession();
    const spy = spyFetch();
    const client = new KycClient({ token: session.start_token, fetch: spy.fetch });
    const body = await addSelfie(client, session.session_id);
    expect(body).to.deep.equal(SELFIE_ACCEPTED);
    expect(spy.calls).to.have.length(1);
    const [call] = spy.calls;
    expect(call?.url).to.equal(imagesPath(session.session_id));
    // Compared as booleans so a failure message never prints a token.
    expect(call?.url.includes(session.start_token)).to.equal(false);
    const headers = call?.init.headers as Record<string, string>;
    expect(headers['Authorization'] === `Bearer ${session.start_token}`).to.equal(true);
  });

  it('sends the client-wide headers with every request, and FormData as multipart', async () => {
    const spy = spyFetch(() => Promise.resolve(new Response('{}', { status: 200 })));
    const client = new KycClient({
      token: 't',
      fetch: spy.fetch,
      headers: { 'X-Client-Id': 'client-1' },
    });
    const form = new FormData();
    form.set('image', new Blob(['x'], { type: 'image/jpeg' }), 'front.jpg');
    await client.request('POST', '/upload', { form });
    await client.request('POST', '/json', { json: { a: 1 } });
    const [upload, json] = spy.calls.map((c) => c.init);
    const uploadHeaders = upload!.headers as Record<string, string>;
    expect(uploadHeaders['X-Client-Id']).to.equal('client-1');
    // No JSON content type on a form: the browser sets multipart with its boundary.
    expect(uploadHeaders['Content-Type']).to.equal(undefined);
    expect(upload!.body).to.equal(form);
    const jsonHeaders = json!.headers as Record<string, string>;
    expect(jsonHeaders['X-Client-Id']).to.equal('client-1');
    expect(jsonHeaders['Content-Type']).to.equal('application/json');
    // Auth stays the client's own: a header of the same name cannot replace it.
    expect(uploadHeaders['Authorization'] === 'Bearer t').to.equal(true);
  });

  it('joins a base URL with or without a trailing slash', async () => {
    const session = await createDemoSession();
    for (const baseUrl of [location.origin, `${location.origin}/`]) {
      const client = new KycClient({ baseUrl, token: session.start_token });
      expect(await addSelfie(client, session.session_id)).to.deep.equal(SELFIE_ACCEPTED);
    }
  });

  it('reports progress 0 at the start and 1 when the answer arrives', async () => {
    const session = await createDemoSession();
    const client = new KycClient({ token: session.start_token });
    const progress: number[] = [];
    await addSelfie(client, session.session_id, {
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(progress).to.deep.equal([0, 1]);
  });

  it('validates the reply with `parse`; a throwing parser becomes a ResponseFormatError', async () => {
    const session = await createDemoSession();
    const client = new KycClient({ token: session.start_token });
    const count = await addSelfie(client, session.session_id, {
      parse: (body) => (body as { feedback: string }).feedback,
    });
    expect(count).to.equal('ok');
    const error = await rejection(
      addSelfie(client, session.session_id, {
        parse: () => {
          throw new Error('not what I wanted');
        },
      }),
    );
    expect(error).to.be.instanceOf(ResponseFormatError);
    expect((error as ResponseFormatError).code).to.equal('bad-response');
  });

  describe('an expired start token', () => {
    it('calls getToken once and retries with the new token', async () => {
      const session = await createDemoSession({ start_token_ttl_seconds: 0 });
      let asked = 0;
      let fresh = '';
      const spy = spyFetch();
      const client = new KycClient({
        token: session.start_token,
        fetch: spy.fetch,
        getToken: async () => {
          asked++;
          fresh = await renewToken(session.session_id);
          return fresh;
        },
      });
      const body = await addSelfie(client, session.session_id);
      expect(body).to.deep.equal(SELFIE_ACCEPTED);
      expect(asked).to.equal(1);
      expect(spy.calls).to.have.length(2);
      expect(client.token === fresh).to.equal(true);
      // Later requests go straight through with the renewed token.
      await addSelfie(client, session.session_id);
      expect(asked).to.equal(1);
      expect(spy.calls).to.have.length(3);
    });

    it('throws TokenExpiredError without getToken', async () => {
      const session = await createDemoSession({ start_token_ttl_seconds: 0 });
      const spy = spyFetch();
      const client = new KycClient({ token: session.start_token, fetch: spy.fetch });
      const error = await rejection(addSelfie(client, session.session_id));
      expect(error).to.be.instanceOf(TokenExpiredError);
      expect((error as TokenExpiredError).code).to.equal('token-expired');
      expect((error as TokenExpiredError).serverCode).to.equal('token_expired');
      expect((error as TokenExpiredError).retryable).to.equal(false);
      expect(spy.calls).to.have.length(1);
    });

    it('throws TokenExpiredError when the renewed token is refused too (asks only once)', async () => {
      const session = await createDemoSession({ start_token_ttl_seconds: 0 });
      let asked = 0;
      const client = new KycClient({
        token: session.start_token,
        getToken: () => {
          asked++;
          return renewToken(session.session_id, 0);
        },
      });
      const error = await rejection(addSelfie(client, session.session_id));
      expect(error).to.be.instanceOf(TokenExpiredError);
      expect(asked).to.equal(1);
    });

    it('throws TokenExpiredError, with the cause, when getToken fails', async () => {
      const session = await createDemoSession({ start_token_ttl_seconds: 0 });
      const failure = new Error('host backend down');
      const client = new KycClient({
        token: session.start_token,
        getToken: () => Promise.reject(failure),
      });
      const error = await rejection(addSelfie(client, session.session_id));
      expect(error).to.be.instanceOf(TokenExpiredError);
      expect((error as TokenExpiredError).cause).to.equal(failure);
    });

    it('uses a token set through the setter', async () => {
      const session = await createDemoSession({ start_token_ttl_seconds: 0 });
      const client = new KycClient({ token: session.start_token });
      client.token = await renewToken(session.session_id);
      expect(await addSelfie(client, session.session_id)).to.deep.equal(SELFIE_ACCEPTED);
    });
  });

  describe('renewal before a known expiry', () => {
    it('renews a token that runs out soon before sending, against the real backend', async () => {
      const session = await createDemoSession({ start_token_ttl_seconds: 10 });
      let asked = 0;
      const spy = spyFetch();
      const client = new KycClient({
        token: session.start_token,
        tokenExpiresAt: session.expiration,
        fetch: spy.fetch,
        getToken: () => {
          asked++;
          return renewGrant(session.session_id, 900);
        },
      });
      expect(client.tokenExpiresAt).to.equal(Date.parse(session.expiration));
      expect(await addSelfie(client, session.session_id)).to.deep.equal(SELFIE_ACCEPTED);
      expect(asked).to.equal(1);
      // Renewed before the first attempt: no 401 round trip.
      expect(spy.calls).to.have.length(1);
      const headers = spy.calls[0]?.init.headers as Record<string, string>;
      expect(headers['Authorization'] === `Bearer ${session.start_token}`).to.equal(false);
      expect(client.tokenExpiresAt! - Date.now()).to.be.within(800_000, 901_000);
    });

    it('asks the host once for concurrent requests, and not again with a fresh expiry', async () => {
      const clock = manualClock();
      const spy = tokenFetch();
      let asked = 0;
      let grant!: (value: TokenGrant) => void;
      const client = new KycClient({
        token: 'old',
        tokenExpiresAt: clock.ms + 10_000,
        now: clock.now,
        fetch: spy.fetch,
        getToken: () => {
          asked++;
          return new Promise<TokenGrant>((resolve) => (grant = resolve));
        },
      });
      const pending = [1, 2, 3].map(() => client.request('GET', '/x'));
      await new Promise((resolve) => setTimeout(resolve, 10));
      grant({ token: 'new', expiresAt: new Date(clock.ms + 600_000) });
      await Promise.all(pending);
      expect(asked).to.equal(1);
      expect(spy.tokens).to.deep.equal(['new', 'new', 'new']);
      expect(client.token).to.equal('new');
      expect(client.tokenExpiresAt).to.equal(clock.ms + 600_000);
      await client.request('GET', '/x');
      expect(asked).to.equal(1);
    });

    it('reads a grant with expiresIn (seconds); a plain string makes the expiry unknown', async () => {
      const clock = manualClock();
      const spy = tokenFetch();
      const grants: (string | TokenGrant)[] = [{ token: 'second', expiresIn: 300 }, 'third'];
      const client = new KycClient({
        token: 'first',
        tokenExpiresAt: clock.ms,
        now: clock.now,
        fetch: spy.fetch,
        getToken: () => Promise.resolve(grants.shift()!),
      });
      await client.request('GET', '/x');
      expect(client.tokenExpiresAt).to.equal(clock.ms + 300_000);
      clock.ms += 280_000;
      await client.request('GET', '/x');
      expect(client.tokenExpiresAt).to.equal(undefined);
      // Unknown expiry: no more early renewals, however much time passes.
      clock.ms += 3_600_000;
      await client.request('GET', '/x');
      expect(spy.tokens).to.deep.equal(['second', 'third', 'third']);
      expect(grants).to.have.length(0);
    });

    it('does not renew while the expiry is far off, then does within renewBeforeMs', async () => {
      const clock = manualClock();
      const spy = tokenFetch();
      let asked = 0;
      const client = new KycClient({
        token: 'old',
        tokenExpiresAt: new Date(clock.ms + 120_000).toISOString(),
        renewBeforeMs: 60_000,
        now: clock.now,
        fetch: spy.fetch,
        getToken: () => Promise.resolve(`new-${++asked}`),
      });
      await client.request('GET', '/x');
      clock.ms += 59_999;
      await client.request('GET', '/x');
      expect(asked).to.equal(0);
      clock.ms += 1;
      await client.request('GET', '/x');
      expect(asked).to.equal(1);
      expect(spy.tokens).to.deep.equal(['old', 'old', 'new-1']);
    });

    it('ignores invalid expiries instead of failing; the token setter forgets the expiry', async () => {
      const clock = manualClock();
      let asked = 0;
      const getToken = () => Promise.resolve(`new-${++asked}`);
      const invalid: unknown[] = ['soon', '', Number.NaN, Infinity, new Date('nope'), {}, null];
      for (const tokenExpiresAt of invalid) {
        const client = new KycClient({
          token: 'old',
          tokenExpiresAt: tokenExpiresAt as number,
          now: clock.now,
          fetch: tokenFetch().fetch,
          getToken,
        });
        expect(client.tokenExpiresAt).to.equal(undefined);
        await client.request('GET', '/x');
      }
      expect(asked).to.equal(0);
      const client = new KycClient({
        token: 'old',
        now: clock.now,
        fetch: tokenFetch().fetch,
        getToken: () => Promise.resolve({ token: 'new', expiresAt: 'garbage', expiresIn: -5 }),
      });
      client.setToken('set', clock.ms + 1000);
      expect(client.tokenExpiresAt).to.equal(clock.ms + 1000);
      await client.request('GET', '/x');
      expect(client.token).to.equal('new');
      expect(client.tokenExpiresAt).to.equal(undefined);
      client.setToken('set', '2030-01-01T00:00:05Z');
      expect(client.tokenExpiresAt).to.equal(clock.ms + 5000);
      client.token = 'plain';
      expect(client.tokenExpiresAt).to.equal(undefined);
    });

    it('carries on with a still-valid token when the early renewal fails', async () => {
      const clock = manualClock();
      const spy = tokenFetch();
      let asked = 0;
      const client = new KycClient({
        token: 'old',
        tokenExpiresAt: clock.ms + 5_000,
        now: clock.now,
        fetch: spy.fetch,
        getToken: () => {
          asked++;
          return Promise.reject(new Error('host backend down'));
        },
      });
      expect(await client.request('GET', '/x')).to.deep.equal({});
      expect(asked).to.equal(1);
      // The next request tries again, once.
      await client.request('GET', '/x');
      expect(asked).to.equal(2);
      expect(spy.tokens).to.deep.equal(['old', 'old']);
      expect(client.tokenExpiresAt).to.equal(clock.ms + 5_000);
    });

    it('throws TokenExpiredError, with the cause, when an expired token cannot be renewed', async () => {
      const clock = manualClock();
      const spy = tokenFetch();
      const failure = new Error('host backend down');
      const client = new KycClient({
        token: 'old',
        tokenExpiresAt: clock.ms,
        now: clock.now,
        fetch: spy.fetch,
        getToken: () => Promise.reject(failure),
      });
      const error = await rejection(client.request('GET', '/x'));
      expect(error).to.be.instanceOf(TokenExpiredError);
      expect((error as TokenExpiredError).cause).to.equal(failure);
      expect(spy.tokens).to.have.length(0);
      // A getToken that throws synchronously, or resolves to no token, fails the same way.
      for (const getToken of [
        (): Promise<string> => {
          throw failure;
        },
        () => Promise.resolve(''),
        () => Promise.resolve({ expiresIn: 60 } as unknown as TokenGrant),
      ]) {
        const other = new KycClient({
          token: 'old',
          tokenExpiresAt: clock.ms,
          now: clock.now,
          fetch: spy.fetch,
          getToken,
        });
        expect(await rejection(other.request('GET', '/x'))).to.be.instanceOf(TokenExpiredError);
      }
      expect(spy.tokens).to.have.length(0);
    });

    it('renews at most once more after a 401 that follows an early renewal', async () => {
      const clock = manualClock();
      const spy = tokenFetch(
        () =>
          new Response('{"error":{"code":"token_invalid","message":"No."}}', {
            status: 401,
            headers: { 'Content-Type': 'application/json' },
          }),
      );
      let asked = 0;
      const client = new KycClient({
        token: 'old',
        tokenExpiresAt: clock.ms + 1_000,
        now: clock.now,
        fetch: spy.fetch,
        // Each grant is already within renewBeforeMs: it must not make every attempt ask again.
        getToken: () => Promise.resolve({ token: `new-${++asked}`, expiresIn: 1 }),
      });
      const error = await rejection(client.request('GET', '/x'));
      expect(error).to.be.instanceOf(TokenExpiredError);
      expect((error as TokenExpiredError).serverCode).to.equal('token_invalid');
      expect(asked).to.equal(2);
      expect(spy.tokens).to.deep.equal(['new-1', 'new-2']);
    });

    it('stops waiting for a renewal as soon as the caller aborts', async () => {
      const clock = manualClock();
      const spy = tokenFetch();
      const client = new KycClient({
        token: 'old',
        tokenExpiresAt: clock.ms,
        now: clock.now,
        fetch: spy.fetch,
        getToken: () => new Promise<string>(() => {}),
      });
      const controller = new AbortController();
      const pending = client.request('GET', '/x', { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      expect(await rejection(pending)).to.be.instanceOf(AbortedError);
      expect(spy.tokens).to.have.length(0);
    });
  });

  describe('a host getToken that never settles', () => {
    /** A getToken that hangs on its first `hangs` calls, then renews for real; counts calls. */
    function stuckHost(sessionId: string, hangs: number) {
      const host = { calls: 0 };
      const getToken = (): Promise<string> =>
        ++host.calls <= hangs ? new Promise<string>(() => {}) : renewToken(sessionId);
      return { host, getToken };
    }

    it('ends a 401 renewal in a retryable TimeoutError; the same call goes through on retry', async () => {
      const session = await createDemoSession({ start_token_ttl_seconds: 0 });
      const { host, getToken } = stuckHost(session.session_id, 1);
      const spy = spyFetch();
      const client = new KycClient({
        token: session.start_token,
        fetch: spy.fetch,
        getToken,
        tokenTimeoutMs: 30,
      });
      const error = await rejection(addSelfie(client, session.session_id));
      expect(error).to.be.instanceOf(TimeoutError);
      expect((error as TimeoutError).retryable).to.equal(true);
      expect((error as TimeoutError).timeoutMs).to.equal(30);
      expect((error as TimeoutError).reason).to.deep.equal({ code: 'timeout.token-renewal' });
      expect(host.calls).to.equal(1);
      expect(spy.calls).to.have.length(1);
      // "Try again": the host is asked again (not the stuck call), and the request goes through.
      expect(await addSelfie(client, session.session_id)).to.deep.equal(SELFIE_ACCEPTED);
      expect(host.calls).to.equal(2);
      expect(spy.calls).to.have.length(3);
    });

    it('ends an early renewal of an expired token in TimeoutError, sending nothing', async () => {
      const session = await createDemoSession();
      const clock = manualClock();
      const { host, getToken } = stuckHost(session.session_id, 1);
      const spy = spyFetch();
      const client = new KycClient({
        token: session.start_token,
        tokenExpiresAt: clock.ms - 1,
        now: clock.now,
        fetch: spy.fetch,
        getToken,
        tokenTimeoutMs: 30,
      });
      const error = await rejection(addSelfie(client, session.session_id));
      expect(error).to.be.instanceOf(TimeoutError);
      expect((error as TimeoutError).reason.code).to.equal('timeout.token-renewal');
      expect(spy.calls).to.have.length(0);
      expect(host.calls).to.equal(1);
    });

    it('carries on with a token that is still valid when the early renewal hangs', async () => {
      const session = await createDemoSession();
      const clock = manualClock();
      const { host, getToken } = stuckHost(session.session_id, 1);
      const client = new KycClient({
        token: session.start_token,
        tokenExpiresAt: clock.ms + 5_000,
        now: clock.now,
        getToken,
        tokenTimeoutMs: 30,
      });
      expect(await addSelfie(client, session.session_id)).to.deep.equal(SELFIE_ACCEPTED);
      expect(host.calls).to.equal(1);
    });

    it('waits 15 s for the host by default', async () => {
      const session = await createDemoSession({ start_token_ttl_seconds: 0 });
      const timers: number[] = [];
      const realSetTimeout = window.setTimeout;
      // A fake clock for this one call: a 15 s wait fires at once; every delay is recorded.
      window.setTimeout = ((handler: () => void, ms?: number) => {
        timers.push(ms ?? 0);
        return realSetTimeout(handler, ms === 15_000 ? 0 : ms);
      }) as typeof window.setTimeout;
      try {
        const client = new KycClient({
          token: session.start_token,
          getToken: () => new Promise<string>(() => {}),
          retries: 0,
        });
        const error = await rejection(addSelfie(client, session.session_id));
        expect(error).to.be.instanceOf(TimeoutError);
        expect((error as TimeoutError).timeoutMs).to.equal(15_000);
        expect(timers).to.include(15_000);
      } finally {
        window.setTimeout = realSetTimeout;
      }
    });
  });

  describe('api-base', () => {
    /** Whether building a client for `baseUrl` is refused, and how. */
    function refusal(baseUrl: string): unknown {
      try {
        new KycClient({ baseUrl, token: 't' });
      } catch (error) {
        return error;
      }
      return undefined;
    }

    it('refuses plain http: to another host, and other schemes, before sending anything', async () => {
      const spy = spyFetch();
      for (const base of [
        'http://example.com',
        'http://example.com:80/api',
        'http://10.0.0.7:8080',
        'http://127.0.0.1.example.com',
        'http://[::2]',
        'ftp://example.com',
        'javascript:alert(1)',
        'data:text/plain,x',
        'ws://example.com',
      ]) {
        const error = refusal(base);
        expect(error, base).to.be.instanceOf(ConfigurationError);
        expect((error as ConfigurationError).reason).to.deep.equal({
          code: 'configuration.api-base',
          params: { apiBase: base },
        });
      }
      expect(spy.calls).to.have.length(0);
    });

    it('accepts https:, loopback http: (127.0.0.0/8, [::1], localhost) and the page’s origin', async () => {
      for (const base of [
        'https://verify.example.com',
        'https://example.com:8443/kyc/',
        'http://127.0.0.1:8787',
        'http://127.8.9.10',
        'http://[::1]:3000',
        'http://localhost:5173/api',
        '',
        '/link-kyc',
        'link-kyc',
      ]) {
        expect(refusal(base), base).to.equal(undefined);
      }
      // The page of these tests is loopback http:, so its own origin passes and answers.
      const session = await createDemoSession();
      const client = new KycClient({ baseUrl: location.origin, token: session.start_token });
      expect(await addSelfie(client, session.session_id)).to.deep.equal(SELFIE_ACCEPTED);
    });

    it('resolves a relative api-base against the page: fine on https:, refused on remote http:', () => {
      expect(() => checkApiBase('/api', 'https://shop.example.com/verify')).not.to.throw();
      expect(() => checkApiBase('', 'https://shop.example.com/verify')).not.to.throw();
      expect(() => checkApiBase('api', 'http://localhost:8000/x/')).not.to.throw();
      for (const base of ['/api', '', 'api']) {
        expect(() => checkApiBase(base, 'http://shop.example.com/verify'), base).to.throw(
          ConfigurationError,
        );
      }
    });
  });

  describe('retries', () => {
    it('retries 503s (honouring Retry-After: 0 over a long backoff) until it succeeds', async () => {
      const session = await createDemoSession({ mock_behavior: { server_errors: 2 } });
      const spy = spyFetch();
      const client = new KycClient({
        token: session.start_token,
        fetch: spy.fetch,
        backoffMs: 10_000,
      });
      const started = performance.now();
      const reply = await client.request('POST', imagesPath(session.session_id), {
        json: await selfieBody(),
      });
      expect(performance.now() - started).to.be.below(3000);
      expect(reply).to.deep.equal({
        feedback: 'ok',
        complete: 'false',
        missing_images: ['document_front', 'document_back'],
      });
      expect(spy.calls).to.have.length(3);
      // Every attempt sends the same body.
      expect(new Set(spy.calls.map((c) => c.init.body)).size).to.equal(1);
    });

    it('gives up after `retries` extra attempts with the last HttpError', async () => {
      const session = await createDemoSession({ mock_behavior: { server_errors: 5 } });
      const spy = spyFetch();
      const client = new KycClient({ token: session.start_token, fetch: spy.fetch, retries: 2 });
      const error = await rejection(
        client.request('POST', imagesPath(session.session_id), { json: await selfieBody() }),
      );
      expect(error).to.be.instanceOf(HttpError);
      expect((error as HttpError).status).to.equal(503);
      expect((error as HttpError).serverCode).to.equal('service_unavailable');
      expect((error as HttpError).retryable).to.equal(true);
      expect(spy.calls).to.have.length(3);
    });

    it('does not retry other 4xx: a body without its image is a 400', async () => {
      const session = await createDemoSession();
      const spy = spyFetch();
      const client = new KycClient({ token: session.start_token, fetch: spy.fetch });
      const error = await rejection(
        client.request('POST', imagesPath(session.session_id), { json: {} }),
      );
      expect(error).to.be.instanceOf(HttpError);
      expect((error as HttpError).status).to.equal(400);
      expect((error as HttpError).serverCode).to.equal('missing_field');
      expect((error as HttpError).retryable).to.equal(false);
      expect(spy.calls).to.have.length(1);
    });

    it('retries a dropped connection, then goes through', async () => {
      const session = await createDemoSession();
      let calls = 0;
      const client = new KycClient({
        token: session.start_token,
        backoffMs: 10,
        fetch: (url, init) => (++calls === 1 ? dropped(url, init) : fetch(url, init)),
      });
      expect(await addSelfie(client, session.session_id)).to.deep.equal(SELFIE_ACCEPTED);
      expect(calls).to.equal(2);
    });

    it('throws NetworkError when the network stays down', async () => {
      const spy = spyFetch(dropped);
      const client = new KycClient({ token: 't', fetch: spy.fetch, retries: 2, backoffMs: 5 });
      const error = await rejection(client.request('GET', '/api/v1/verification/x/images'));
      expect(error).to.be.instanceOf(NetworkError);
      expect((error as NetworkError).code).to.equal('network-error');
      expect((error as NetworkError).cause).to.be.instanceOf(TypeError);
      expect(spy.calls).to.have.length(3);
    });

    it('does not spend its retries while the browser is offline, and says it is offline', async () => {
      const spy = spyFetch(dropped);
      const client = new KycClient({ token: 't', fetch: spy.fetch, retries: 3, backoffMs: 5 });
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      try {
        const error = await rejection(client.request('GET', '/api/v1/verification/x/images'));
        expect(error).to.be.instanceOf(NetworkError);
        expect((error as NetworkError).retryable).to.equal(true);
        expect((error as NetworkError).reason).to.deep.equal({ code: 'network-error.offline' });
        expect(spy.calls).to.have.length(1);
      } finally {
        delete (navigator as { onLine?: boolean }).onLine;
      }
      expect(navigator.onLine).to.equal(true);
    });

    it('times out each attempt, retries, then throws TimeoutError', async () => {
      const spy = spyFetch(() => new Promise<Response>(() => {}));
      const client = new KycClient({
        token: 't',
        fetch: spy.fetch,
        timeoutMs: 50,
        retries: 1,
        backoffMs: 5,
      });
      const started = performance.now();
      const error = await rejection(client.request('GET', '/api/v1/verification/x/images'));
      expect(error).to.be.instanceOf(TimeoutError);
      expect((error as TimeoutError).code).to.equal('timeout');
      expect(spy.calls).to.have.length(2);
      expect(spy.calls.every((c) => c.init.signal?.aborted)).to.equal(true);
      expect(performance.now() - started).to.be.below(2000);
    });
  });

  describe('malformed replies', () => {
    const answering = (body: string, status = 200, type = 'text/html'): FetchFunction => {
      return () =>
        Promise.resolve(new Response(body, { status, headers: { 'Content-Type': type } }));
    };
    const html = `<!doctype html><html><body><h1>Welcome to the hotel Wi-Fi</h1>${'<p>…</p>'.repeat(200)}</body></html>`;

    it('turns an HTML page answered with 200 into ResponseFormatError', async () => {
      const client = new KycClient({ token: 't', fetch: answering(html) });
      const error = await rejection(client.request('GET', '/anything'));
      expect(error).to.be.instanceOf(ResponseFormatError);
      expect((error as ResponseFormatError).code).to.equal('bad-response');
      expect((error as ResponseFormatError).bodyText.length).to.be.at.most(501);
    });

    it('turns truncated JSON into ResponseFormatError', async () => {
      const client = new KycClient({
        token: 't',
        fetch: answering('{"feedback":"ok","compl', 200, 'application/json'),
      });
      expect(await rejection(client.request('GET', '/anything'))).to.be.instanceOf(
        ResponseFormatError,
      );
    });

    it('reads a numeric server code as a string', async () => {
      const client = new KycClient({
        token: 't',
        fetch: answering('{"code":120038,"message":"No faces found"}', 400, 'application/json'),
      });
      const error = await rejection(client.request('POST', '/anything'));
      expect(error).to.be.instanceOf(HttpError);
      expect((error as HttpError).serverCode).to.equal('120038');
      expect((error as HttpError).serverMessage).to.equal('No faces found');
    });

    it('keeps an HTML error page short on the HttpError', async () => {
      const client = new KycClient({ token: 't', fetch: answering(html, 502), retries: 0 });
      const error = await rejection(client.request('GET', '/anything'));
      expect(error).to.be.instanceOf(HttpError);
      expect((error as HttpError).status).to.equal(502);
      expect((error as HttpError).serverCode).to.equal(undefined);
      expect((error as HttpError).bodyText.length).to.be.at.most(501);
    });
  });

  describe('cancellation', () => {
    it('throws AbortedError without sending when the signal is already aborted', async () => {
      const spy = spyFetch();
      const client = new KycClient({ token: 't', fetch: spy.fetch });
      const error = await rejection(
        client.request('GET', '/api/v1/verification/x/images', { signal: AbortSignal.abort() }),
      );
      expect(error).to.be.instanceOf(AbortedError);
      expect((error as AbortedError).code).to.equal('aborted');
      expect(spy.calls).to.have.length(0);
    });

    it('stops waiting between retries as soon as the caller aborts', async () => {
      const spy = spyFetch(dropped);
      const client = new KycClient({ token: 't', fetch: spy.fetch, backoffMs: 60_000 });
      const controller = new AbortController();
      const started = performance.now();
      const pending = client.request('GET', '/api/v1/verification/x/images', {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 50);
      const error = await rejection(pending);
      expect(error).to.be.instanceOf(AbortedError);
      expect(performance.now() - started).to.be.below(1000);
      expect(spy.calls).to.have.length(1);
    });

    it('aborts a request in flight', async () => {
      const session = await createDemoSession();
      const controller = new AbortController();
      const client = new KycClient({
        token: session.start_token,
        fetch: (url, init) => {
          const response = fetch(url, init);
          controller.abort();
          return response;
        },
      });
      const error = await rejection(
        addSelfie(client, session.session_id, { signal: controller.signal }),
      );
      expect(error).to.be.instanceOf(AbortedError);
    });
  });
});
