// Browser tokens: round trip, expiry, tampering, scope, malformed input, options.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrowserTokenError, createTokenIssuer, type BrowserTokenErrorCode } from './tokens.ts';

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
