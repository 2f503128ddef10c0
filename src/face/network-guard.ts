// Runs in the face worker. tasks-vision 1.1.0 contains a usage logger that POSTs to a Google host
// (odml.pa.googleapis.com) every minute and when a task closes. A verification SDK must not send
// anything to a third party, so the worker only lets requests through to the origins the integrator
// configured for the MediaPipe files (and its own); anything else fails like a network error,
// which the logger takes as "logging failed" and stops.

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

/** Whether the worker may request `input`; records the decision. */
function permit(input: string | URL): { url: URL; ok: boolean } {
  const url = new URL(String(input), self.location.href);
  const ok = url.protocol === 'blob:' || url.protocol === 'data:' || allowedOrigins.has(url.origin);
  (ok ? allowed : blocked).push(strip(url));
  return { url, ok };
}

function refused(url: URL): TypeError {
  return new TypeError(`kyc-capture: request to ${url.origin} refused (not a configured origin)`);
}

/**
 * Restricts `fetch` and `XMLHttpRequest` in this worker to its own origin plus `origins`. Call it
 * before MediaPipe is loaded; calling again adds origins.
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
      const response = await originalFetch(input, init);
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
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      const { url, ok } = permit(args[1] as string | URL);
      if (!ok) throw refused(url);
      open.apply(this, args);
    } as typeof XMLHttpRequest.prototype.open;
  }
}

/** A copy of what was allowed, refused and failed so far. */
export function networkLog(): NetworkLog {
  return { allowed: [...allowed], blocked: [...blocked], failed: [...failed] };
}
