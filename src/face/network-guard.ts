// Runs in the face worker. tasks-vision 1.1.0 contains a usage logger that POSTs to a Google host
// (odml.pa.googleapis.com) every minute and when a task closes. A verification SDK must not send
// anything to a third party, so the worker only lets requests through to the origins the integrator
// configured for the MediaPipe files (and its own); anything else fails like a network error,
// which the logger takes as "logging failed" and stops.
//
// What it covers, and what it cannot:
// - `fetch`: checked before it leaves, and sent with `redirect: 'error'`, so a configured origin
//   that answers with a redirect (to anywhere) fails the request instead of handing it on: the
//   face detector's files must be served directly.
// - `XMLHttpRequest`: checked at `open()`; XHR always follows redirects, so one whose response
//   comes from another origin is aborted as soon as its headers arrive (the other origin has seen
//   the request by then, never anything it sends back reaches the worker).
// - `WebSocket`, `EventSource`, `importScripts`: checked before they connect or load.
// - `import(url)` of a remote module cannot be intercepted by patching anything: the worker's
//   Content-Security-Policy covers it. A worker loaded from a file gets the CSP of that file's
//   response (serve it with `script-src 'self' 'wasm-unsafe-eval'`, as the page's); a blob: or
//   data: worker inherits the page's. MediaPipe's own loader is bundled into the worker (no
//   `import()` of a URL happens in it, see face-detector.ts).

/** What the worker fetched and what it refused. */
export interface NetworkLog {
  /** Requests let through (absolute URLs, without query strings). */
  readonly allowed: readonly string[];
  /** Requests refused (absolute URLs, without query strings). */
  readonly blocked: readonly string[];
  /** Requests let through that failed: network error or HTTP error status. */
  readonly failed: readonly { readonly url: string; readonly status: number }[];
}

const allowedOrigins = new Set<string>();
const allowed: string[] = [];
const blocked: string[] = [];
const failed: { url: string; status: number }[] = [];
let installed = false;

function strip(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Whether `url` is one the worker may reach (WebSocket schemes count as their HTTP origin). */
function isAllowed(url: URL): boolean {
  if (url.protocol === 'blob:' || url.protocol === 'data:') return true;
  const scheme = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : undefined;
  const origin = scheme ? `${scheme}//${url.host}` : url.origin;
  return allowedOrigins.has(origin);
}

/** Whether the worker may request `input`; records the decision. */
function permit(input: string | URL): { url: URL; ok: boolean } {
  const url = new URL(String(input), self.location.href);
  const ok = isAllowed(url);
  (ok ? allowed : blocked).push(strip(url));
  return { url, ok };
}

function refused(url: URL): TypeError {
  return new TypeError(`kyc-capture: request to ${url.origin} refused (not a configured origin)`);
}

/** A constructor of a connection to `url` (WebSocket, EventSource), checked before it connects. */
function guarded<T extends new (url: string | URL, ...rest: never[]) => object>(original: T): T {
  const Base = original as unknown as new (url: string | URL, ...rest: unknown[]) => object;
  return class extends Base {
    constructor(url: string | URL, ...rest: unknown[]) {
      const { url: target, ok } = permit(url);
      if (!ok) throw refused(target);
      super(url, ...rest);
    }
  } as unknown as T;
}

/**
 * Restricts `fetch`, `XMLHttpRequest`, `WebSocket`, `EventSource` and `importScripts` in this
 * worker to its own origin plus `origins`, and refuses redirects. Call it before MediaPipe is
 * loaded; calling again adds origins.
 */
export function restrictNetwork(origins: Iterable<string>): void {
  allowedOrigins.add(self.location.origin);
  for (const origin of origins) allowedOrigins.add(new URL(origin).origin);
  if (installed) return;
  installed = true;

  const originalFetch = self.fetch.bind(self);
  self.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const target = input instanceof Request ? input.url : input;
    const { url, ok } = permit(target);
    if (!ok) throw refused(url);
    try {
      // A redirect is not followed (to anywhere): the request fails here like a network error.
      const response = await originalFetch(input, { ...init, redirect: 'error' });
      if (!response.ok) failed.push({ url: strip(url), status: response.status });
      return response;
    } catch (error) {
      failed.push({ url: strip(url), status: 0 });
      throw error;
    }
  };

  if (typeof XMLHttpRequest !== 'undefined') {
    const open = XMLHttpRequest.prototype.open as (
      this: XMLHttpRequest,
      ...args: unknown[]
    ) => void;
    const watched = new WeakSet<XMLHttpRequest>();
    /** Aborts a request that a redirect took to another origin, before its body is read. */
    const checkRedirect = function (this: XMLHttpRequest): void {
      if (this.readyState < XMLHttpRequest.HEADERS_RECEIVED || !this.responseURL) return;
      const url = new URL(this.responseURL);
      if (isAllowed(url)) return;
      blocked.push(strip(url));
      this.abort();
    };
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      const { url, ok } = permit(args[1] as string | URL);
      if (!ok) throw refused(url);
      if (!watched.has(this)) {
        watched.add(this);
        this.addEventListener('readystatechange', checkRedirect);
      }
      open.apply(this, args);
    } as typeof XMLHttpRequest.prototype.open;
  }

  if (typeof WebSocket !== 'undefined') self.WebSocket = guarded(WebSocket);
  if (typeof EventSource !== 'undefined') self.EventSource = guarded(EventSource);

  const scope = self as unknown as { importScripts?: (...urls: (string | URL)[]) => void };
  const originalImport = scope.importScripts;
  if (typeof originalImport === 'function') {
    scope.importScripts = (...urls: (string | URL)[]) => {
      for (const input of urls) {
        const { url, ok } = permit(input);
        if (!ok) throw refused(url);
      }
      originalImport.apply(self, urls);
    };
  }
}

/** A copy of what was allowed, refused and failed so far. */
export function networkLog(): NetworkLog {
  return { allowed: [...allowed], blocked: [...blocked], failed: [...failed] };
}
