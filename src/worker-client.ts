// The one request/reply protocol of the SDK's module workers (frame analysis, JPEG encoding, face
// detection): the worker says it has started, the main thread sends a request with an id and
// transfers the images it holds, and the worker answers that id exactly once, with a result or an
// error. Both sides live here so they cannot drift apart.
import { KycError } from './errors.js';
import { startWorker } from './internal/trusted-worker.js';

/** Where work runs: in a Worker (normal) or on the main thread (no Worker/OffscreenCanvas). */
export type WorkMode = 'worker' | 'main-thread';

/** Whether this browser can draw off the main thread: it has both Worker and OffscreenCanvas. */
export function workersAvailable(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined';
}

/** An error as it crosses from a worker: its message, and its `code` when it was a `KycError`. */
export interface WorkerFailure {
  /** The error's message. */
  readonly message: string;
  /** The stable code of a `KycError`. */
  readonly code?: string;
}

/** What a worker posts back: that it started (once, first), then one reply per request. */
export type WorkerReply<Result> =
  | { readonly started: true }
  | { readonly id: number; readonly result: Result }
  | { readonly id: number; readonly error: WorkerFailure };

/** Stable code of a worker whose script could not be loaded or run (see {@link WorkerLoadError}). */
export const WORKER_LOAD_FAILED = 'worker-load-failed';

/**
 * One of the SDK's workers could not start: its script was not found (a build that did not emit
 * it, a missing copy step), was refused (a Content-Security-Policy without `worker-src` for it) or
 * failed to evaluate. The work then runs on the main thread, slower but complete. The browser does
 * not tell a page which URL failed: `worker` names the worker, whose file is next to the package's
 * code (or wherever the app's bundler emitted it).
 */
export class WorkerLoadError extends KycError {
  /** Which worker: `quality` (document checks) or `encode` (JPEG encoding). */
  readonly worker: string;

  constructor(worker: string, options: { cause?: unknown } = {}) {
    super(
      WORKER_LOAD_FAILED,
      `The ${worker} worker could not be started; its work runs on the main thread instead.`,
      options,
    );
    this.worker = worker;
  }
}

/** What the main thread posts to a worker: the request and the id its reply will carry. */
export interface WorkerMessage<Request> {
  /** Correlates the reply. */
  readonly id: number;
  /** The request. */
  readonly request: Request;
}

/**
 * The main-thread side of one worker. The caller creates the Worker (bundlers only find a worker
 * written literally as `new Worker(new URL('./x.ts', import.meta.url), …)`, so it cannot be created
 * here) and says how a failure becomes its own typed error.
 */
export class WorkerClient<Request, Result> {
  #worker: Worker | undefined;
  #failed = false;
  #nextId = 1;
  #pending = new Map<number, { resolve: (r: Result) => void; reject: (e: unknown) => void }>();
  readonly #toError: (failure: WorkerFailure) => Error;
  #markStarted: (started: boolean) => void = () => {};
  /**
   * Resolves true once the worker runs, false when its script could not be loaded (a 404, a CSP
   * refusal, an error while evaluating it). Requests wait for it, so nothing is moved into a
   * worker that never started: the caller still holds its images and can do the work itself.
   */
  readonly started: Promise<boolean>;

  /** `worker` is a new Worker, or a function creating one (what it throws counts as a failed start). */
  constructor(worker: Worker | (() => Worker), toError: (failure: WorkerFailure) => Error) {
    this.#toError = toError;
    this.started = new Promise((resolve) => (this.#markStarted = resolve));
    try {
      this.#worker = typeof worker === 'function' ? startWorker(worker) : worker;
    } catch {
      this.#failed = true;
      this.#markStarted(false);
      return;
    }
    this.#worker.addEventListener('message', (event: MessageEvent<WorkerReply<Result>>) =>
      this.#settle(event.data),
    );
    this.#worker.addEventListener('error', (event) => {
      // Handled here: it is not an uncaught error of the page.
      event.preventDefault();
      this.#failed = true;
      // Before the worker said it started, this is its script failing to load (a plain Event,
      // without a message) or to evaluate.
      this.#markStarted(false);
      this.#failAll(toError({ message: `The worker failed: ${(event as ErrorEvent).message}` }));
    });
  }

  /**
   * True once the worker has failed (its script could not load, as under a CSP without
   * `worker-src`, or it crashed); the caller then does the work on the main thread instead.
   */
  get failed(): boolean {
    return this.#failed;
  }

  /**
   * Sends `request` once the worker has started, moving (not copying) what `transfer` lists, and
   * resolves with the result. When the worker never started, rejects with a `worker-load-failed`
   * failure and leaves `transfer` untouched.
   */
  async request(request: Request, transfer: Transferable[] = []): Promise<Result> {
    if (!(await this.started)) {
      throw this.#toError({
        message: 'The worker could not be started.',
        code: WORKER_LOAD_FAILED,
      });
    }
    const worker = this.#worker;
    if (!worker) {
      // What was handed over to be moved is closed, as the worker would have done.
      for (const item of transfer) if ('close' in item) item.close();
      throw this.#toError({ message: 'The worker was stopped.' });
    }
    const id = this.#nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const message: WorkerMessage<Request> = { id, request };
      worker.postMessage(message, transfer);
    });
  }

  /** Stops the worker; pending and later requests reject. */
  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#markStarted(true); // requests from now on find it stopped
    this.#failAll(this.#toError({ message: 'The worker was stopped.' }));
  }

  #settle(reply: WorkerReply<Result>): void {
    if ('started' in reply) {
      this.#markStarted(true);
      return;
    }
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if ('result' in reply) pending.resolve(reply.result);
    else pending.reject(this.#toError(reply.error));
  }

  #failAll(error: Error): void {
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}

/** Options of a {@link WorkerOrMainThread}. */
export interface WorkerOrMainThreadOptions {
  /** Do the work on the main thread even where a worker could (tests, comparisons). */
  readonly forceMainThread?: boolean;
  /** Told, once, when the worker could not start (the work then runs on the main thread). */
  readonly onWorkerLoadError?: (error: WorkerLoadError) => void;
}

/**
 * Work done in one of the SDK's module workers where the browser has Worker and OffscreenCanvas,
 * else (and once that worker has failed) on the main thread: the one way the quality and encode
 * workers start, report a failed start and fall back.
 */
export class WorkerOrMainThread<Request, Result> {
  readonly #worker: WorkerClient<Request, Result> | undefined;

  /**
   * `name` names the worker in its {@link WorkerLoadError}; `create` and `toError` are what
   * {@link WorkerClient} takes (the caller writes `new Worker(new URL(…))` for its bundler).
   */
  constructor(
    name: string,
    create: () => Worker,
    toError: (failure: WorkerFailure) => Error,
    options: WorkerOrMainThreadOptions = {},
  ) {
    if (options.forceMainThread || !workersAvailable()) return;
    this.#worker = new WorkerClient(create, toError);
    void this.#worker.started.then((started) => {
      if (!started) options.onWorkerLoadError?.(new WorkerLoadError(name));
    });
  }

  /** Where the work runs: the main thread also once the worker has failed. */
  get mode(): WorkMode {
    return this.#worker && !this.#worker.failed ? 'worker' : 'main-thread';
  }

  /**
   * Sends `request` to the worker, moving what `transfer` lists; without a running worker, `here`
   * does the same work on the main thread (the caller then still holds everything).
   */
  async run(
    request: Request,
    transfer: Transferable[],
    here: () => Promise<Result>,
  ): Promise<Result> {
    const worker = this.#worker;
    if (!worker || !(await worker.started) || worker.failed) return here();
    return worker.request(request, transfer);
  }

  /** Stops the worker; pending and later requests reject. */
  dispose(): void {
    this.#worker?.dispose();
  }
}

/**
 * The worker side: answers every request with `handle`'s result, transferring what `transfer`
 * lists, or with the error it threw. Call once, at the top of a worker module.
 */
export function serveRequests<Request, Result>(
  handle: (request: Request) => Result | Promise<Result>,
  transfer: (result: Result) => Transferable[] = () => [],
): void {
  // The DOM lib has no worker-scope types; this is all of the scope a worker uses.
  const scope = self as unknown as {
    addEventListener(
      type: 'message',
      listener: (event: MessageEvent<WorkerMessage<Request>>) => void,
    ): void;
    postMessage(message: WorkerReply<Result>, transfer: Transferable[]): void;
  };
  scope.postMessage({ started: true }, []);
  scope.addEventListener('message', async ({ data: { id, request } }) => {
    try {
      const result = await handle(request);
      scope.postMessage({ id, result }, transfer(result));
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      scope.postMessage(
        {
          id,
          error: {
            message: error instanceof Error ? error.message : String(error),
            ...(typeof code === 'string' ? { code } : {}),
          },
        },
        [],
      );
    }
  });
}
