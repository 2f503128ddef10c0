// The integrator's endpoint for LINK Mobility KYC callbacks (seed 000, "Callback Response").
//
// LINK POSTs a Certification or Manual ID Verification result to the callback URL given with the
// request. The body carries no signature, so anyone who learns the URL could post a forged
// verdict; the seed's one safeguard is where callbacks come from: "Requests may be generated from
// following IP addresses: 217.75.233.139, 213.134.38.77, 88.26.209.16". The handler therefore
// refuses (403) any other source before it reads the body, then parses the body
// (link-kyc-callback.ts: a value the seed does not document is marked, not refused) and hands the
// typed callback to the integrator.
//
// Behind a load balancer or reverse proxy the socket's peer is the proxy, so the source is read
// from X-Forwarded-For, but only when the peer is one of the configured `trustedProxies`, and then
// as the right-most hop that is not itself a trusted proxy (http.ts#requestSource): a client can
// put any address it likes at the left of that header.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AddressList,
  ProxyHttpError,
  readJsonBody,
  requestSource,
  type Middleware,
} from './http.ts';
import {
  LinkKycCallbackFormatError,
  parseLinkKycCallback,
  type LinkKycCallback,
} from './link-kyc-callback.ts';
import { positiveOption, sendError, sendJsonText } from './proxy.ts';

/** The addresses seed 000 says LINK's callbacks come from. */
export const LINK_KYC_CALLBACK_SOURCES: readonly string[] = Object.freeze([
  '217.75.233.139',
  '213.134.38.77',
  '88.26.209.16',
]);

/** Where LINK callbacks may come from, and which proxies in front of this server to believe. */
export interface LinkKycCallbackSourceOptions {
  /**
   * Addresses or CIDR ranges callbacks may come from. Default {@link LINK_KYC_CALLBACK_SOURCES};
   * replace it if LINK announces new ones, or for a test or staging sender.
   */
  readonly allowedSources?: readonly string[];
  /**
   * Addresses or CIDR ranges of your own reverse proxies / load balancers. Only a request whose
   * socket peer is one of them has its X-Forwarded-For read. Default none: the peer is the source.
   */
  readonly trustedProxies?: readonly string[];
}

/** The source lists, checked once. */
interface SourceCheck {
  readonly allowed: AddressList;
  readonly trusted: AddressList | undefined;
}

function sourceCheck(options: LinkKycCallbackSourceOptions): SourceCheck {
  const trusted = options.trustedProxies ?? [];
  return {
    allowed: new AddressList(options.allowedSources ?? LINK_KYC_CALLBACK_SOURCES, 'allowedSources'),
    trusted: trusted.length > 0 ? new AddressList(trusted, 'trustedProxies') : undefined,
  };
}

function allows(check: SourceCheck, req: IncomingMessage): boolean {
  const source = requestSource(req, check.trusted);
  return source !== undefined && check.allowed.has(source);
}

/**
 * Whether a request comes from one of LINK's documented callback addresses (or `allowedSources`),
 * reading X-Forwarded-For only when the peer is one of `trustedProxies`.
 * @throws TypeError for an entry that is not an IP address or CIDR range.
 */
export function isLinkKycCallbackSource(
  req: IncomingMessage,
  options: LinkKycCallbackSourceOptions = {},
): boolean {
  return allows(sourceCheck(options), req);
}

/** What {@link createLinkKycCallbackHandler} takes. */
export interface LinkKycCallbackHandlerOptions extends LinkKycCallbackSourceOptions {
  /**
   * Called with each checked callback; answer LINK only after it settles. A rejection answers 500
   * (LINK may send it again: use `callback.id` as the idempotency key).
   */
  readonly onCallback: (callback: LinkKycCallback, req: IncomingMessage) => void | Promise<void>;
  /** Largest body accepted, in bytes; bigger ones get 413. Default 1 MB. */
  readonly maxBodyBytes?: number;
  /** Called with every 5xx the handler answered (its `cause` holds what onCallback threw). */
  readonly onError?: (error: ProxyHttpError) => void;
}

/** The LINK callback endpoint. */
export interface LinkKycCallbackHandler {
  /**
   * Answers one request, whatever its path: 403 `forbidden_source` from any other address, 405
   * for a method other than POST, 400 `malformed_body` for bytes that are not JSON and
   * `bad-callback` for JSON that cannot be one callback (not an object, no `id` or `service`), else
   * 200 once `onCallback` has settled. Never rejects.
   */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Connect-style: answers every request it is mounted for (mount it at the callback path). */
  readonly middleware: Middleware;
}

/**
 * Creates the LINK callback endpoint; the source check is on by default (seed 000's three
 * addresses) and cannot be turned off, only given other addresses.
 * @throws TypeError/RangeError for bad options.
 */
export function createLinkKycCallbackHandler(
  options: LinkKycCallbackHandlerOptions,
): LinkKycCallbackHandler {
  if (typeof options.onCallback !== 'function') {
    throw new TypeError('onCallback must be a function.');
  }
  const check = sourceCheck(options);
  const maxBodyBytes = positiveOption(options.maxBodyBytes, 1024 * 1024, 'maxBodyBytes');

  async function run(req: IncomingMessage): Promise<void> {
    // Before anything else, the body included: an unknown sender learns nothing else.
    if (!allows(check, req)) {
      throw new ProxyHttpError(403, 'forbidden_source', 'Callbacks are not accepted from here.');
    }
    if (req.method !== 'POST') {
      throw new ProxyHttpError(405, 'method_not_allowed', 'Use POST.', { Allow: 'POST' });
    }
    let callback: LinkKycCallback;
    try {
      callback = parseLinkKycCallback(await readJsonBody(req, maxBodyBytes));
    } catch (error) {
      if (error instanceof LinkKycCallbackFormatError) {
        throw new ProxyHttpError(400, error.code, error.message);
      }
      throw error;
    }
    try {
      await options.onCallback(callback, req);
    } catch (error) {
      throw new ProxyHttpError(
        500,
        'callback_failed',
        'The callback could not be handled.',
        {},
        {
          cause: error,
        },
      );
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await run(req);
      sendJsonText(res, 200, '{}', null);
    } catch (error) {
      if (!req.complete) req.resume();
      const failure =
        error instanceof ProxyHttpError
          ? error
          : new ProxyHttpError(
              500,
              'internal',
              'The callback could not be handled.',
              {},
              {
                cause: error,
              },
            );
      if (failure.status >= 500) options.onError?.(failure);
      sendError(res, failure, null);
    }
  }

  return {
    handle,
    middleware: (req, res) => {
      void handle(req, res);
    },
  };
}
