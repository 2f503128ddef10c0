// Short-lived browser tokens for the vendor proxies.
//
// The integrator's backend mints one per capture session (`startSession` of a proxy) and hands
// it to the page; the page sends it as `Authorization: Bearer <token>` to the proxy, which checks
// it here. A token binds a scope (which proxy), a subject (the vendor request or applicant id the
// browser may act for) and optional string data, for a few minutes.
//
// Format: `kc1.<base64url JSON payload>.<base64url HMAC-SHA256>`, the MAC taken over
// `kc1.<payload>`. The payload is `{"scope","sub","data","iat","exp"}` with `iat`/`exp` in ms since
// the epoch. Tokens are not encrypted (the browser may read its own claims) and not single-use:
// a capture session may retry within the TTL, and the vendors count attempts themselves.
//
// The secret is required (≥ 32 bytes, the same on every instance behind a balancer): a random one
// per process would make every token fail on another instance or after a restart, so it is only
// there when asked for by name (`devRandomSecret: true`, for a single dev process). A token is
// accepted only within its issuer's lifetime: `iat` not in the future (beyond `clockSkewSeconds`)
// and `exp - iat` not over `ttlSeconds`, so a fast clock on one instance cannot lengthen tokens.
// The MAC is compared in constant time, and only its one canonical base64url spelling is read.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Stable codes of {@link BrowserTokenError}. */
export type BrowserTokenErrorCode =
  | 'token_missing'
  | 'token_malformed'
  | 'token_invalid'
  | 'token_expired'
  /** Issued later than now (beyond the allowed clock skew): another instance's clock is ahead. */
  | 'token_not_yet_valid'
  | 'scope_mismatch';

/** A browser token that cannot be accepted. Messages never contain the token. */
export class BrowserTokenError extends Error {
  /** Stable machine-readable code, also the proxies' 401 `error.code`. */
  readonly code: BrowserTokenErrorCode;

  constructor(code: BrowserTokenErrorCode, message: string) {
    super(message);
    this.name = 'BrowserTokenError';
    this.code = code;
  }
}

/** Stable codes of {@link TokenIssuerConfigError}. */
export type TokenIssuerConfigErrorCode = 'secret_required' | 'secret_too_short' | 'secret_conflict';

/**
 * A token issuer that cannot be created as configured. A RangeError for a short secret, as before,
 * and a TypeError for the rest, so `instanceof` checks of either kind keep working.
 */
export class TokenIssuerConfigError extends TypeError {
  /** Stable machine-readable code. */
  readonly code: TokenIssuerConfigErrorCode;

  constructor(code: TokenIssuerConfigErrorCode, message: string) {
    super(message);
    this.name = 'TokenIssuerConfigError';
    this.code = code;
  }
}

/** What a token grants. */
export interface TokenClaims {
  /** Which proxy accepts it (`link-kyc`, `validation-v2`). */
  readonly scope: string;
  /** Whom it acts for: the vendor request id or applicant id. */
  readonly subject: string;
  /** Extra string claims (e.g. `endeavorId`). */
  readonly data?: Readonly<Record<string, string>>;
}

/** A freshly minted token. */
export interface IssuedToken {
  /** The token, for `Authorization: Bearer`. */
  readonly token: string;
  /** When it expires, ms since the epoch. */
  readonly expiresAt: number;
  /** Its lifetime in seconds. */
  readonly expiresIn: number;
}

/** The claims of a token that passed {@link TokenIssuer.verify}. */
export interface VerifiedClaims {
  readonly scope: string;
  readonly subject: string;
  /** Extra string claims; empty when there were none. */
  readonly data: Readonly<Record<string, string>>;
  /** When it was issued, ms since the epoch. */
  readonly issuedAt: number;
  /** When it expires, ms since the epoch. */
  readonly expiresAt: number;
}

/** What {@link createTokenIssuer} takes. */
export interface TokenIssuerOptions {
  /**
   * HMAC key, at least 32 bytes (a string counts its UTF-8 bytes), the same on every instance.
   * Required unless `devRandomSecret` is true.
   */
  readonly secret?: string | Uint8Array;
  /**
   * Development only: a random secret for this process. Tokens then fail after a restart and on
   * any other instance, so never set it where more than one process serves the proxies.
   */
  readonly devRandomSecret?: boolean;
  /** Token lifetime in seconds. Default 600. */
  readonly ttlSeconds?: number;
  /** How far another instance's clock may be ahead of this one's, in seconds. Default 30. */
  readonly clockSkewSeconds?: number;
  /** Clock, ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/** Mints and checks browser tokens. */
export interface TokenIssuer {
  /** Mints a token for these claims. */
  issue(claims: TokenClaims): IssuedToken;
  /**
   * Checks a token's format, signature, expiry and scope, in that order.
   * @throws BrowserTokenError with the code of the first check that failed.
   */
  verify(token: string, scope: string): VerifiedClaims;
}

const PREFIX = 'kc1';
const MIN_SECRET_BYTES = 32;
/** A SHA-256 MAC in unpadded base64url: 43 characters. */
const MAC_LENGTH = 43;
/** Longer tokens are rejected before any decoding. */
const MAX_TOKEN_LENGTH = 8192;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function stringRecord(value: unknown): Readonly<Record<string, string>> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (!entries.every(([, v]) => typeof v === 'string')) return undefined;
  return Object.freeze(Object.fromEntries(entries) as Record<string, string>);
}

/** The HMAC key the options give. @throws TokenIssuerConfigError / RangeError. */
function secretOf(options: TokenIssuerOptions): Buffer {
  const given = options.secret;
  if (options.devRandomSecret === true) {
    if (given !== undefined) {
      throw new TokenIssuerConfigError(
        'secret_conflict',
        'Pass either a token secret or devRandomSecret: true, not both.',
      );
    }
    return randomBytes(MIN_SECRET_BYTES);
  }
  if (given === undefined || given === null || (given as unknown) === '') {
    throw new TokenIssuerConfigError(
      'secret_required',
      'createTokenIssuer needs a secret (at least 32 bytes, the same on every instance); ' +
        'for a single development process only, pass devRandomSecret: true.',
    );
  }
  if (typeof given !== 'string' && !(given instanceof Uint8Array)) {
    throw new TokenIssuerConfigError(
      'secret_required',
      'The token secret must be a string or bytes.',
    );
  }
  const secret = typeof given === 'string' ? Buffer.from(given, 'utf8') : Buffer.from(given);
  if (secret.length < MIN_SECRET_BYTES) {
    throw new RangeError(`The token secret must be at least ${MIN_SECRET_BYTES} bytes.`);
  }
  return secret;
}

/**
 * Creates a token issuer.
 * @throws TokenIssuerConfigError without a secret (and without `devRandomSecret: true`);
 * RangeError for a secret under 32 bytes, a non-positive TTL or a negative clock skew.
 */
export function createTokenIssuer(options: TokenIssuerOptions): TokenIssuer {
  const secret = secretOf(options ?? {});
  const ttlSeconds = options.ttlSeconds ?? 600;
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError('ttlSeconds must be a positive number.');
  }
  const skewSeconds = options.clockSkewSeconds ?? 30;
  if (typeof skewSeconds !== 'number' || !Number.isFinite(skewSeconds) || skewSeconds < 0) {
    throw new RangeError('clockSkewSeconds must be a number ≥ 0.');
  }
  const ttlMs = Math.round(ttlSeconds * 1000);
  const skewMs = Math.round(skewSeconds * 1000);
  const now = options.now ?? Date.now;

  const sign = (signed: string) => createHmac('sha256', secret).update(signed).digest();

  function issue(claims: TokenClaims): IssuedToken {
    if (typeof claims.scope !== 'string' || claims.scope === '') {
      throw new TypeError('The token scope must be a non-empty string.');
    }
    if (typeof claims.subject !== 'string' || claims.subject === '') {
      throw new TypeError('The token subject must be a non-empty string.');
    }
    const data = stringRecord(claims.data ?? {});
    if (!data) throw new TypeError('The token data must map strings to strings.');
    const iat = Math.floor(now());
    const exp = iat + ttlMs;
    const payload = Buffer.from(
      JSON.stringify({ scope: claims.scope, sub: claims.subject, data, iat, exp }),
    ).toString('base64url');
    const signed = `${PREFIX}.${payload}`;
    return {
      token: `${signed}.${sign(signed).toString('base64url')}`,
      expiresAt: exp,
      expiresIn: ttlSeconds,
    };
  }

  function verify(token: string, scope: string): VerifiedClaims {
    if (typeof token !== 'string' || token === '') {
      throw new BrowserTokenError('token_missing', 'No token was given.');
    }
    const parts = token.split('.');
    const [prefix, payload, mac] = parts;
    if (
      token.length > MAX_TOKEN_LENGTH ||
      parts.length !== 3 ||
      prefix !== PREFIX ||
      !payload ||
      !mac ||
      !BASE64URL.test(payload) ||
      !BASE64URL.test(mac) ||
      mac.length !== MAC_LENGTH
    ) {
      throw new BrowserTokenError('token_malformed', 'The token is not a kyc-capture token.');
    }
    const given = Buffer.from(mac, 'base64url');
    const expected = sign(`${PREFIX}.${payload}`);
    // Base64url's last character carries spare bits that decoding ignores, so several spellings
    // decode to one MAC: only the canonical one (what encoding gives back) is the token.
    const canonical = given.toString('base64url') === mac;
    if (given.length !== expected.length || !timingSafeEqual(given, expected) || !canonical) {
      throw new BrowserTokenError('token_invalid', 'The token signature does not match.');
    }
    let claims: Record<string, unknown>;
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
      claims = parsed as Record<string, unknown>;
    } catch {
      throw new BrowserTokenError('token_invalid', 'The token payload is unreadable.');
    }
    const { scope: tokenScope, sub, iat, exp } = claims;
    const data = stringRecord(claims['data']);
    if (
      typeof tokenScope !== 'string' ||
      typeof sub !== 'string' ||
      sub === '' ||
      typeof iat !== 'number' ||
      typeof exp !== 'number' ||
      !Number.isFinite(iat) ||
      !Number.isFinite(exp) ||
      !data
    ) {
      throw new BrowserTokenError('token_invalid', 'The token payload is incomplete.');
    }
    if (exp - iat > ttlMs || exp <= iat) {
      // Only an issuer with a longer TTL (another configuration) signs such a token.
      throw new BrowserTokenError('token_invalid', 'The token lives longer than allowed here.');
    }
    const time = now();
    if (iat > time + skewMs) {
      throw new BrowserTokenError('token_not_yet_valid', 'The token was issued in the future.');
    }
    if (time >= exp || time - iat >= ttlMs) {
      throw new BrowserTokenError('token_expired', 'The token has expired.');
    }
    if (tokenScope !== scope) {
      throw new BrowserTokenError('scope_mismatch', 'The token is not valid for this endpoint.');
    }
    return { scope: tokenScope, subject: sub, data, issuedAt: iat, expiresAt: exp };
  }

  return { issue, verify };
}
