// How many browser bodies the proxies hold at once. A body is read whole into memory (up to
// `maxBodyBytes`, 25 MB by default) and then rebuilt for the vendor, so each one in flight costs
// a few times its size: without a cap, a handful of tokens (or one token in many tabs) could take
// the process's memory. The cap counts requests from the moment their token is checked until their
// reply is sent, per browser session (the token's scope and subject) and for the whole process.
import { ProxyHttpError } from './http.ts';

/** What {@link createBodyLimits} takes. */
export interface BodyLimitsOptions {
  /** Bodies in flight for the whole process (all proxies sharing this object). Default 16. */
  readonly maxBodies?: number;
  /** Bodies in flight for one browser session (one token's scope and subject). Default 2. */
  readonly maxBodiesPerToken?: number;
  /** Seconds a refused browser is told to wait (`Retry-After`). Default 1. */
  readonly retryAfterSeconds?: number;
}

/** Counts bodies in flight; share one between proxies so the process-wide cap covers them all. */
export interface BodyLimits {
  /**
   * Takes a slot for the session `key`; call the returned function once the reply is sent.
   * @throws ProxyHttpError 429 `too_many_requests` when the session is over its cap, 503
   * `server_busy` when the process is, both with `Retry-After`.
   */
  acquire(key: string): () => void;
  /** Bodies in flight now (for monitoring and tests). */
  readonly inFlight: number;
}

/** Default bodies in flight per process: 16 (16 × 25 MB bodies is already 400 MB of input). */
export const DEFAULT_MAX_BODIES = 16;
/** Default bodies in flight per browser session: 2 (the SDK sends one at a time; one retry). */
export const DEFAULT_MAX_BODIES_PER_TOKEN = 2;

function count(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number ≥ 1.`);
  }
  return value;
}

/**
 * Creates a body counter.
 * @throws RangeError for a cap that is not a whole number ≥ 1.
 */
export function createBodyLimits(options: BodyLimitsOptions = {}): BodyLimits {
  const maxBodies = count(options.maxBodies, DEFAULT_MAX_BODIES, 'maxBodies');
  const perToken = count(
    options.maxBodiesPerToken,
    DEFAULT_MAX_BODIES_PER_TOKEN,
    'maxBodiesPerToken',
  );
  const retryAfter = String(count(options.retryAfterSeconds, 1, 'retryAfterSeconds'));
  const bySession = new Map<string, number>();
  let total = 0;

  function acquire(key: string): () => void {
    const mine = bySession.get(key) ?? 0;
    if (mine >= perToken) {
      throw new ProxyHttpError(
        429,
        'too_many_requests',
        'Too many uploads at once for this session.',
        { 'Retry-After': retryAfter },
      );
    }
    if (total >= maxBodies) {
      throw new ProxyHttpError(503, 'server_busy', 'The server is busy; try again shortly.', {
        'Retry-After': retryAfter,
      });
    }
    bySession.set(key, mine + 1);
    total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      total--;
      const left = (bySession.get(key) ?? 1) - 1;
      if (left > 0) bySession.set(key, left);
      else bySession.delete(key);
    };
  }

  return {
    acquire,
    get inFlight() {
      return total;
    },
  };
}

/** The process-wide counter every proxy uses unless given its own `bodyLimits`. */
export const processBodyLimits: BodyLimits = createBodyLimits();
