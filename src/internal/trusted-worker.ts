// Starting the SDK's workers on a page that enforces Trusted Types (`require-trusted-types-for
// 'script'`). There the Worker constructor takes a TrustedScriptURL only: a URL (or string) is
// refused with a TypeError, and every worker would fall back to the main thread. Bundlers, though,
// find a worker only when it is written literally as `new Worker(new URL('./x.ts',
// import.meta.url), …)` with the global `Worker`, so the URL cannot be wrapped where it is written.
// Instead, for the one synchronous call that creates the worker, the global `Worker` is a function
// that passes the URL through the SDK's own policy, `kyc-capture`, and is put back right after.
// Nothing else runs meanwhile (it is synchronous), and the policy is private to this module.

/** The parts of the Trusted Types API used here (not in TypeScript's DOM library). */
interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
interface PolicyFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

/** The policy's name: a page with a `trusted-types` directive lists it (with Lit's `lit-html`). */
export const TRUSTED_TYPES_POLICY = 'kyc-capture';

/** The policy once created; null when the browser has no Trusted Types or the page refuses the name. */
let policy: ScriptUrlPolicy | null | undefined;

function workerUrlPolicy(): ScriptUrlPolicy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
  try {
    policy =
      factory?.createPolicy(TRUSTED_TYPES_POLICY, {
        // Only this module calls it, with the URL a bundler wrote for one of the SDK's workers:
        // a worker must be same-origin anyway; anything else is refused, not passed on.
        createScriptURL(url) {
          // `self.origin` and the base URL: a srcdoc frame's location is about:srcdoc.
          const base = globalThis.document?.baseURI ?? globalThis.location.href;
          if (new URL(url, base).origin !== globalThis.origin)
            throw new TypeError(`kyc-capture starts same-origin workers only, not ${url}`);
          return url;
        },
      }) ?? null;
  } catch {
    // A `trusted-types` directive without this name: the Worker constructor then refuses the
    // URL and the caller's fallback (main thread, a typed kyc-error) takes over.
    policy = null;
  }
  return policy;
}

/**
 * Runs `create`, a function that calls `new Worker(new URL(…, import.meta.url), …)` as bundlers
 * need it written, so that the URL reaches the Worker constructor as a TrustedScriptURL when the
 * browser has Trusted Types. Without them it simply calls `create`. What `create` throws is thrown.
 */
export function startWorker(create: () => Worker): Worker {
  const trusted = workerUrlPolicy();
  if (!trusted) return create();
  const scope = globalThis as { Worker: typeof Worker };
  const Native = scope.Worker;
  // A plain function: `new` on it returns the native Worker it builds.
  function TrustedWorker(url: string | URL, options?: WorkerOptions): Worker {
    return new Native(trusted!.createScriptURL(String(url)) as string, options);
  }
  scope.Worker = TrustedWorker as unknown as typeof Worker;
  try {
    return create();
  } finally {
    scope.Worker = Native;
  }
}
