// The one request/reply protocol of the SDK's module workers (frame analysis, JPEG encoding): the
// main thread sends a request with an id and transfers the images it holds; the worker answers that
// id exactly once, with a result or an error. Both sides live here so they cannot drift apart.

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

/** What a worker posts back for one request. */
export type WorkerReply<Result> =
  | { readonly id: number; readonly result: Result }
  | { readonly id: number; readonly error: WorkerFailure };

/** What the main thread posts to a worker: the request and the id its reply will carry. */
export interface WorkerMessage<Request> {
  /** Correlates the reply. */
  readonly id: number;
  /** The request. */
  readonly request: Request;
}

/**
 * The main-thread side of one worker. The caller creates the Worker (bundlers only find a worker
 * written literally as `new Worker(new URL('./x.ts', import.meta.url), …)`) and says how a failure
 * becomes its own typed error.
 */
export class WorkerClient<Request, Result> {
  #worker: Worker | undefined;
  #failed = false;
  #nextId = 1;
  #pending = new Map<number, { resolve: (r: Result) => void; reject: (e: unknown) => void }>();
  readonly #toError: (failure: WorkerFailure) => Error;

  constructor(worker: Worker, toError: (failure: WorkerFailure) => Error) {
    this.#worker = worker;
    this.#toError = toError;
    worker.addEventListener('message', (event: MessageEvent<WorkerReply<Result>>) =>
      this.#settle(event.data),
    );
    worker.addEventListener('error', (event) => {
      // Handled here: it is not an uncaught error of the page.
      event.preventDefault();
      this.#failed = true;
      this.#failAll(toError({ message: `The worker failed: ${event.message}` }));
    });
  }

  /**
   * True once the worker has failed (e.g. its script could not load, as under a CSP without
   * `worker-src`); the caller then does the work on the main thread instead.
   */
  get failed(): boolean {
    return this.#failed;
  }

  /** Sends `request`, moving (not copying) what `transfer` lists, and resolves with the result. */
  request(request: Request, transfer: Transferable[] = []): Promise<Result> {
    const worker = this.#worker;
    if (!worker) {
      // What was handed over to be moved is closed, as the worker would have done.
      for (const item of transfer) if ('close' in item) item.close();
      return Promise.reject(this.#toError({ message: 'The worker was stopped.' }));
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
    this.#failAll(this.#toError({ message: 'The worker was stopped.' }));
  }

  #settle(reply: WorkerReply<Result>): void {
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
