// Browser tokens: round trip, expiry, tampering, scope, malformed input, options.
import assert from 'node:assert/strict';
import crypto, { createHmac } from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { describe, it, mock } from 'node:test';
import {
  BrowserTokenError,
  createTokenIssuer,
  TokenIssuerConfigError,
  type BrowserTokenErrorCode,
} from './tokens.ts';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const T0 = Date.parse('2030-01-01T00:00:00Z');

function clock(start = T0) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

function assertTokenError(fn: () => unknown, code: BrowserTokenErrorCode): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof BrowserTokenError, `expected BrowserTokenError, got ${error}`);
    assert.equal(error.code, code);
    return true;
  });
}

function payloadOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('createTokenIssuer', () => {
  it('issues a kc1 token that verifies with its claims', () => {
    const time = clock();
    const issuer = createTokenIssuer({ secret: SECRET, now: time.now });
    const issued = issuer.issue({ scope: 'link-kyc', subject: 'req-1', data: { a: 'b' } });
    assert.match(issued.token, /^kc1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    assert.equal(issued.expiresIn, 600);
    assert.equal(issued.expiresAt, T0 + 600_000);
    assert.deepEqual(payloadOf(issued.token), {
      scope: 'link-kyc',
      sub: 'req-1',
      data: { a: 'b' },
      iat: T0,
      exp: T0 + 600_000,
    });
    const claims = issuer.verify(issued.token, 'link-kyc');
    assert.deepEqual(claims, {
      scope: 'link-kyc',
      subject: 'req-1',
      data: { a: 'b' },
      issuedAt: T0,
      expiresAt: T0 + 600_000,
    });
  });

  it('defaults data to an empty record', () => {
    const issuer = createTokenIssuer({ secret: SECRET });
    const { token } = issuer.issue({ scope: 's', subject: 'x' });
    assert.deepEqual(issuer.verify(token, 's').data, {});
  });

  it('accepts a token until its TTL ends, then reports token_expired', () => {
    const time = clock();
    const issuer = createTokenIssuer({ secret: SECRET, ttlSeconds: 60, now: time.now });
    const { token, expiresIn } = issuer.issue({ scope: 's', subject: 'x' });
    assert.equal(expiresIn, 60);
    time.advance(59_999);
    assert.equal(issuer.verify(token, 's').subject, 'x');
    time.advance(1);
    assertTokenError(() => issuer.verify(token, 's'), 'token_expired');
  });

  it('rejects a token for another scope with scope_mismatch', () => {
    const issuer = createTokenIssuer({ secret: SECRET });
    const { token } = issuer.issue({ scope: 'validation-v2', subject: 'x' });
    assertTokenError(() => issuer.verify(token, 'link-kyc'), 'scope_mismatch');
  });

  it('rejects a token whose payload was changed (same signature) with token_invalid', () => {
    const issuer = createTokenIssuer({ secret: SECRET });
    const { token } = issuer.issue({ scope: 's', subject: 'alice' });
    const [prefix, , mac] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...payloadOf(token), sub: 'mallory' }),
      'utf8',
    ).toString('base64url');
    assertTokenError(() => issuer.verify(`${prefix}.${forged}.${mac}`, 's'), 'token_invalid');
  });

  it('rejects a changed signature and a token from another secret with token_invalid', () => {
    const issuer = createTokenIssuer({ secret: SECRET });
    const { token } = issuer.issue({ scope: 's', subject: 'x' });
    const at = token.lastIndexOf('.') + 1; // first character of the MAC: all 6 bits count
    const flipped = token[at] === 'A' ? 'B' : 'A';
    const changed = token.slice(0, at) + flipped + token.slice(at + 1);
    assertTokenError(() => issuer.verify(changed, 's'), 'token_invalid');
    const other = createTokenIssuer({ secret: `${SECRET}-other` });
    assertTokenError(
      () => issuer.verify(other.issue({ scope: 's', subject: 'x' }).token, 's'),
      'token_invalid',
    );
    // A development secret is random: two such issuers do not accept each other's tokens.
    const a = createTokenIssuer({ devRandomSecret: true });
    const b = createTokenIssuer({ devRandomSecret: true });
    assertTokenError(
      () => b.verify(a.issue({ scope: 's', subject: 'x' }).token, 's'),
      'token_invalid',
    );
  });

  it('reports token_missing and token_malformed without echoing the input', () => {
    const issuer = createTokenIssuer({ secret: SECRET });
    assertTokenError(() => issuer.verify('', 's'), 'token_missing');
    for (const bad of ['abc', 'kc2.abc.def', 'kc1.abc', 'kc1..def', 'kc1.a+b.def', 'kc1.a.b.c']) {
      assertTokenError(() => issuer.verify(bad, 's'), 'token_malformed');
    }
    try {
      issuer.verify('kc1.SECRETLOOKING.xyz', 's');
      assert.fail('expected a throw');
    } catch (error) {
      assert.ok(error instanceof BrowserTokenError);
      assert.doesNotMatch(error.message, /SECRETLOOKING/);
    }
  });

  it('accepts a Uint8Array secret and refuses short secrets and bad TTLs', () => {
    const bytes = new Uint8Array(32).fill(7);
    const issuer = createTokenIssuer({ secret: bytes });
    const { token } = issuer.issue({ scope: 's', subject: 'x' });
    bytes.fill(8); // the issuer kept its own copy
    assert.equal(issuer.verify(token, 's').subject, 'x');
    assert.throws(() => createTokenIssuer({ secret: 'too short' }), RangeError);
    assert.throws(() => createTokenIssuer({ secret: new Uint8Array(31) }), RangeError);
    assert.throws(() => createTokenIssuer({ secret: SECRET, ttlSeconds: 0 }), RangeError);
    assert.throws(() => createTokenIssuer({ secret: SECRET, ttlSeconds: Number.NaN }), RangeError);
  });

  it('refuses empty scope or subject and non-string data at issue time', () => {
    const issuer = createTokenIssuer({ secret: SECRET });
    assert.throws(() => issuer.issue({ scope: '', subject: 'x' }), TypeError);
    assert.throws(() => issuer.issue({ scope: 's', subject: '' }), TypeError);
    const data = { n: 1 } as unknown as Record<string, string>;
    assert.throws(() => issuer.issue({ scope: 's', subject: 'x', data }), TypeError);
  });
});

/** A token with any payload, signed with SECRET as the documented format says. */
function signed(payload: Record<string, unknown>, secret = SECRET): string {
  const body = `kc1.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('createTokenIssuer hardening (issue 15)', () => {
  it('requires a secret: a typed error without one, a random one only when asked for by name', () => {
    for (const options of [{}, { ttlSeconds: 60 }, { secret: '' }, { devRandomSecret: false }]) {
      assert.throws(
        () => createTokenIssuer(options),
        (error: unknown) =>
          error instanceof TokenIssuerConfigError &&
          error instanceof TypeError &&
          error.code === 'secret_required',
      );
    }
    assert.throws(
      () => createTokenIssuer({ secret: SECRET, devRandomSecret: true }),
      (error: unknown) =>
        error instanceof TokenIssuerConfigError && error.code === 'secret_conflict',
    );
    const dev = createTokenIssuer({ devRandomSecret: true });
    assert.equal(dev.verify(dev.issue({ scope: 's', subject: 'x' }).token, 's').subject, 'x');
  });

  it('refuses a token issued in the future beyond the clock skew (a fast issuer clock)', () => {
    const time = clock();
    const verifier = createTokenIssuer({ secret: SECRET, now: time.now, clockSkewSeconds: 30 });
    const ahead = (ms: number) =>
      createTokenIssuer({ secret: SECRET, now: () => T0 + ms }).issue({ scope: 's', subject: 'x' });
    // Within the skew: accepted. Beyond: not yet valid, though the signature and exp are fine.
    assert.equal(verifier.verify(ahead(29_000).token, 's').subject, 'x');
    assertTokenError(() => verifier.verify(ahead(31_000).token, 's'), 'token_not_yet_valid');
    assertTokenError(() => verifier.verify(ahead(5 * 60_000).token, 's'), 'token_not_yet_valid');
    assert.throws(() => createTokenIssuer({ secret: SECRET, clockSkewSeconds: -1 }), RangeError);
  });

  it('refuses a token that lives longer than the TTL or is older than it', () => {
    const time = clock();
    const issuer = createTokenIssuer({ secret: SECRET, ttlSeconds: 60, now: time.now });
    // Signed with the right secret, but exp - iat is an hour: only another configuration makes it.
    const long = signed({ scope: 's', sub: 'x', data: {}, iat: T0, exp: T0 + 3_600_000 });
    assertTokenError(() => issuer.verify(long, 's'), 'token_invalid');
    const inverted = signed({ scope: 's', sub: 'x', data: {}, iat: T0, exp: T0 - 1 });
    assertTokenError(() => issuer.verify(inverted, 's'), 'token_invalid');
    const { token } = issuer.issue({ scope: 's', subject: 'x' });
    time.advance(59_999);
    assert.equal(issuer.verify(token, 's').subject, 'x');
    time.advance(1);
    assertTokenError(() => issuer.verify(token, 's'), 'token_expired');
  });

  it('accepts exactly one spelling of the MAC', () => {
    const issuer = createTokenIssuer({ secret: SECRET });
    const { token } = issuer.issue({ scope: 's', subject: 'x' });
    const [prefix, payload, mac = ''] = token.split('.');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const head = mac.slice(0, -1);
    const spellings = [...alphabet].map((last) => `${prefix}.${payload}.${head}${last}`);
    // Four last characters decode to the same 32 bytes (the spare bits are ignored by decoding).
    const sameBytes = spellings.filter((t) =>
      Buffer.from(t.split('.')[2] ?? '', 'base64url').equals(Buffer.from(mac, 'base64url')),
    );
    assert.equal(sameBytes.length, 4);
    const accepted = spellings.filter((t) => {
      try {
        issuer.verify(t, 's');
        return true;
      } catch {
        return false;
      }
    });
    assert.deepEqual(accepted, [token]);
    // Padding or a MAC of another length is not a spelling either.
    assertTokenError(() => issuer.verify(`${token}=`, 's'), 'token_malformed');
    assertTokenError(() => issuer.verify(`${token}A`, 's'), 'token_malformed');
  });

  it('compares the MAC with crypto.timingSafeEqual, over the whole MAC, wherever it differs', () => {
    const issuer = createTokenIssuer({ secret: SECRET });
    const { token } = issuer.issue({ scope: 's', subject: 'x' });
    const [prefix, payload, mac = ''] = token.split('.');
    const bytes = Buffer.from(mac, 'base64url');
    const flip = (index: number) => {
      const copy = Buffer.from(bytes);
      copy[index] = (copy[index] ?? 0) ^ 1;
      return `${prefix}.${payload}.${copy.toString('base64url')}`;
    };
    const spy = mock.method(crypto, 'timingSafeEqual');
    syncBuiltinESMExports();
    try {
      assertTokenError(() => issuer.verify(flip(0), 's'), 'token_invalid');
      assertTokenError(() => issuer.verify(flip(31), 's'), 'token_invalid');
      assert.equal(issuer.verify(token, 's').subject, 'x');
      // One constant-time comparison per verify, of the full 32 bytes each time: a wrong first
      // byte costs what a wrong last byte costs.
      assert.equal(spy.mock.callCount(), 3);
      for (const call of spy.mock.calls) {
        const [a, b] = call.arguments as [Buffer, Buffer];
        assert.deepEqual([a.length, b.length], [32, 32]);
      }
    } finally {
      spy.mock.restore();
      syncBuiltinESMExports();
    }
  });
});
