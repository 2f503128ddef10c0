// Main-thread long tasks (> 50 ms) of a page, and which of our stages ran in each: the e2e tests
// print them so that a regression names its cause. The page's own code is not instrumented; the
// recorder wraps, before any page script runs, the entry points the SDK's main-thread work starts
// from (one task each), and reads the Long Tasks and Long Animation Frames APIs:
// - `frame grab`: a requestVideoFrameCallback callback (FrameSampler takes a frame);
// - `message from <file>`: a Worker's message listener (a verdict from the quality worker, a JPEG
//   from the encode worker) with what it resolves (policy, kyc-frame, the next request);
// - `<kyc-…> update`: a Lit update of one of our elements (render + DOM commit), in a microtask;
// - `style, layout, paint`: of the frame the task rendered (from its long animation frame);
// - other scripts of that frame by their invoker (e.g. `BUTTON.onclick`), when none of ours ran.
// Long tasks are wall-clock: on a busy machine a task that needs 5 ms of CPU can take 60 ms.
import type { Page } from 'playwright';

/** One long task and what ran in it. */
export interface LongTask {
  /** Start, in the page's performance.now() clock (ms). */
  readonly start: number;
  /** Wall-clock duration (ms). */
  readonly duration: number;
  /** What ran in it, e.g. `frame grab ×1 (4 ms)`, `style, layout, paint 31 ms`. */
  readonly stages: readonly string[];
}

/** How often one stage ran in a time window, and its longest synchronous run. */
export interface StageCost {
  readonly stage: string;
  readonly count: number;
  /** Longest single run (ms); Lit updates and listeners are measured without their microtasks. */
  readonly longest: number;
}

interface Span {
  stage: string;
  start: number;
  end: number;
}

interface Recorded {
  spans: Span[];
  tasks: { start: number; duration: number }[];
  frames: {
    start: number;
    end: number;
    styleStart: number;
    scripts: { invoker: string; start: number; duration: number }[];
  }[];
}

/** Installs the recorder in every document `page` loads from now on. */
export async function recordMainThread(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const recorded: Recorded = { spans: [], tasks: [], frames: [] };
    (globalThis as unknown as { kycMainThread: Recorded }).kycMainThread = recorded;
    const timed = <A extends unknown[], R>(stage: string, run: (...args: A) => R) =>
      function (this: unknown, ...args: A): R {
        const start = performance.now();
        try {
          return run.apply(this, args);
        } finally {
          recorded.spans.push({ stage, start, end: performance.now() });
        }
      };

    const grab = HTMLVideoElement.prototype.requestVideoFrameCallback;
    HTMLVideoElement.prototype.requestVideoFrameCallback = function (callback) {
      return grab.call(this, timed('frame grab', callback));
    };

    const workerNames = new WeakMap<Worker, string>();
    globalThis.Worker = new Proxy(Worker, {
      construct(target, args: ConstructorParameters<typeof Worker>) {
        const worker = new target(...args);
        // Built file names carry a hash: assets/encode-worker-AbC123.js -> encode-worker.js.
        const file = String(args[0]).split('/').pop() ?? 'worker';
        workerNames.set(worker, file.replace(/-[\w-]{8}\.js$/, '.js'));
        return worker;
      },
    });
    const listen = Worker.prototype.addEventListener;
    Worker.prototype.addEventListener = function (
      this: Worker,
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ) {
      const wrapped =
        type === 'message' && typeof listener === 'function'
          ? timed(`message from ${workerNames.get(this) ?? 'a worker'}`, listener)
          : listener;
      return listen.call(this, type, wrapped, options);
    };

    const define = customElements.define.bind(customElements);
    customElements.define = (name, constructor, options) => {
      const prototype = constructor.prototype as { update?: (...args: unknown[]) => unknown };
      if (name.startsWith('kyc-') && prototype.update) {
        prototype.update = timed(`<${name}> update`, prototype.update);
      }
      define(name, constructor, options);
    };

    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        recorded.tasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const frame = entry as PerformanceEntry & {
          styleAndLayoutStart: number;
          scripts: { invoker: string; startTime: number; duration: number }[];
        };
        recorded.frames.push({
          start: frame.startTime,
          end: frame.startTime + frame.duration,
          styleStart: frame.styleAndLayoutStart,
          scripts: frame.scripts.map((s) => ({
            invoker: s.invoker,
            start: s.startTime,
            duration: s.duration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
}

/** The page's performance.now(), to mark the start and end of a phase. */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Long tasks that started in [from, to], each with what ran in it. */
export async function longTasks(page: Page, from: number, to: number): Promise<LongTask[]> {
  const recorded = await read(page);
  return recorded.tasks
    .filter((task) => task.start >= from && task.start <= to)
    .map((task) => {
      const end = task.start + task.duration;
      const within = (t: number) => t >= task.start && t <= end;
      const byStage = new Map<string, Span[]>();
      for (const span of recorded.spans.filter((s) => within(s.start))) {
        byStage.set(span.stage, [...(byStage.get(span.stage) ?? []), span]);
      }
      const stages = [...byStage].map(
        ([stage, spans]) =>
          `${stage} ×${spans.length} (${spans.reduce((ms, s) => ms + s.end - s.start, 0).toFixed(0)} ms)`,
      );
      const frame = recorded.frames.find((f) => f.start < end && f.end > task.start);
      if (frame && frame.styleStart > 0 && within(frame.styleStart)) {
        const ms = Math.min(end, frame.end) - frame.styleStart;
        stages.push(`style, layout, paint ${ms.toFixed(0)} ms`);
      }
      if (!byStage.size) {
        for (const script of frame?.scripts.filter((s) => within(s.start)) ?? []) {
          stages.push(`script ${script.invoker} (${script.duration.toFixed(0)} ms)`);
        }
      }
      return { start: task.start, duration: task.duration, stages };
    });
}

/** How often each recorded stage ran in [from, to] and its longest run, most frequent first. */
export async function stageCosts(page: Page, from: number, to: number): Promise<StageCost[]> {
  const costs = new Map<string, { count: number; longest: number }>();
  for (const span of (await read(page)).spans) {
    if (span.start < from || span.start > to) continue;
    const cost = costs.get(span.stage) ?? { count: 0, longest: 0 };
    costs.set(span.stage, {
      count: cost.count + 1,
      longest: Math.max(cost.longest, span.end - span.start),
    });
  }
  return [...costs].map(([stage, cost]) => ({ stage, ...cost })).sort((a, b) => b.count - a.count);
}

/** One line per long task, for the test's output. */
export function describeLongTasks(tasks: readonly LongTask[], origin: number): string {
  return tasks
    .map(
      (task) =>
        `  at +${(task.start - origin).toFixed(0)} ms, ${task.duration.toFixed(0)} ms: ` +
        (task.stages.length ? task.stages.join(', ') : 'nothing of ours, no script (idle work)'),
    )
    .join('\n');
}

function read(page: Page): Promise<Recorded> {
  return page.evaluate(() => (globalThis as unknown as { kycMainThread: Recorded }).kycMainThread);
}
