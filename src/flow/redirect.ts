// Where `<kyc-capture>` sends the person once the backend has every image, when the host asked for
// it (`redirectUrl`). The URL is the integrator's, never the server's: it must resolve to http(s)
// on the page's own origin or one the host allow-listed (`redirectOrigins`), so a script URL or an
// open redirect cannot ride on it.
import { KycError, type Reason } from '../errors.js';

/** Stable codes of {@link RedirectError}. */
export const RedirectErrorCode = {
  /** Not a URL, even relative to the page. */
  InvalidUrl: 'redirect-invalid-url',
  /** A scheme other than http(s): `javascript:`, `data:`, `blob:`, … */
  UnsafeScheme: 'redirect-unsafe-scheme',
  /** Another origin than the page's, and not in `redirectOrigins`. */
  OriginNotAllowed: 'redirect-origin-not-allowed',
} as const;
/** One redirect error code. */
export type RedirectErrorCode = (typeof RedirectErrorCode)[keyof typeof RedirectErrorCode];

/** `redirectUrl` cannot be used: a setting of the host, so final and never retried. */
export class RedirectError extends KycError {
  /** Stable machine-readable code. */
  declare readonly code: RedirectErrorCode;
  /** Always false: the same setting fails the same way. */
  readonly retryable = false;
  /** Always true: only the host can change the setting. */
  readonly final = true;

  constructor(code: RedirectErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }

  /** Words as a configuration problem: the host's setting, told in its own (English) terms. */
  protected override defaultReason(): Reason {
    return { code: 'configuration', params: { detail: this.message } };
  }
}

/** What a redirect target is checked against. */
export interface RedirectRules {
  /** What a relative URL resolves against (the page's base URL). */
  readonly base: string;
  /** The page's origin, always allowed. */
  readonly origin: string;
  /** Other origins the host allows (`https://app.example.com`). */
  readonly allowedOrigins?: readonly string[];
}

function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/** The absolute URL to send the person to, or a {@link RedirectError} saying why not. */
export function resolveRedirect(target: string, rules: RedirectRules): URL {
  let url: URL;
  try {
    url = new URL(target, rules.base);
  } catch (error) {
    throw new RedirectError('redirect-invalid-url', `redirectUrl "${target}" is not a URL.`, {
      cause: error,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RedirectError(
      'redirect-unsafe-scheme',
      `redirectUrl must be an http(s) URL, not ${url.protocol}.`,
    );
  }
  const allowed = new Set([rules.origin, ...(rules.allowedOrigins ?? []).map(originOf)]);
  if (!allowed.has(url.origin)) {
    throw new RedirectError(
      'redirect-origin-not-allowed',
      `redirectUrl's origin ${url.origin} is neither the page's nor in redirectOrigins.`,
    );
  }
  return url;
}
