// The soak run: many captures and uploads in one page of the built demo, counting the live objects
// that outlast a capture when something forgets to release them (camera tracks, ImageBitmaps,
// VideoFrames, object URLs, workers) and the JS heap, before and after. One script for the e2e test
// (a short run, asserting no growth) and `npm run soak` (200 captures, printing the table).
//
// Each session is what a person does on the demo: "Create session" mounts a new <kyc-capture> (the
// previous one is removed, so its camera, workers and URLs must go with it), then an identity card
// front, back and a selfie (a passport front and a selfie for a remainder of two), each taken with
// the shutter, reviewed and uploaded to the mock over HTTP. That runs every stage per capture:
// getUserMedia and its stop, the frame sampler (VideoFrames), the quality worker on the document
// steps and the face worker (MediaPipe) on the selfie and on the card front's portrait check, the
// encode worker, the review's object URL and the upload. The shutter, not auto-capture, takes the
// photos so that each step ends when the script says (auto-capture's timing depends on the machine).
//
// Counting: an init script wraps, before the SDK loads, every main-thread constructor of those
// objects and keeps a weak reference to each. After a forced garbage collection an object counts
// as live when it is still reachable and not released: a track whose readyState is "live", an
// ImageBitmap with a width (close() and transfer to a worker both zero it), a VideoFrame with a
// format (likewise), an object URL not revoked, a Worker not terminated. Playwright's own list of the
// page's workers, and the Blobs DevTools finds reachable (each capture's JPEG is one), are counted
// too. Objects created inside workers are not seen: a worker that ends takes its objects with it,
// and every worker of the SDK ends with its step's camera view or its flow.
//
// "Before" is taken after one warm-up session, on its "All done" screen, so that what loads once
// (the adapter, MediaPipe, Lit's template caches, the JIT's code) is in both figures; "after" is the
// same screen after the last session.
import { readFile } from 'node:fs/promises';
import type { CDPSession, Page } from 'playwright';
import { en } from '../../src/i18n/en.ts';
import { makeY4mFixtures } from '../../scripts/make-y4m.ts';
import { launchBrowser, newPage, startDemoServer, waitForShutter } from './harness.ts';

/** The kinds of objects counted in the page. */
export const LIVE_KINDS = [
  'tracks',
  'imageBitmaps',
  'videoFrames',
  'objectUrls',
  'workers',
] as const;

/** One kind of counted object. */
export type LiveKind = (typeof LIVE_KINDS)[number];

/** What is measured at one point of the run. */
export interface SoakSnapshot {
  /** Live objects per kind (see the file comment for what "live" means). */
  readonly live: Record<LiveKind, number>;
  /**
   * Blobs (and Files) reachable in the page, from DevTools' `queryObjects`: every capture's JPEG is
   * one, so a capture kept anywhere shows here whatever its share of the heap.
   */
  readonly blobs: number;
  /** The page's workers as Playwright sees them (started and not ended). */
  readonly pageWorkers: number;
  /** Used JS heap of the page after a forced garbage collection (bytes). */
  readonly heapBytes: number;
  /** DOM nodes and JS event listeners of the page (Chromium's performance metrics). */
  readonly nodes: number;
  readonly listeners: number;
  /**
   * Resident memory of Chromium's renderer processes (bytes; Linux only, else NaN): what the JS heap
   * does not show (Blob bytes, decoders, workers' wasm heaps). Printed, not judged: the allocator
   * keeps freed pages, so it moves by tens of MB without a leak.
   */
  readonly rendererRssBytes: number;
  /** ImageBitmaps and VideoFrames garbage collected without close() or transfer, so far. */
  readonly droppedUnclosed: { readonly imageBitmaps: number; readonly videoFrames: number };
  /** Objects created so far, per kind (how much the run exercised). */
  readonly created: Record<LiveKind, number>;
}

/** What a soak run measured. */
export interface SoakResult {
  /** Captures taken and uploaded after the warm-up (the warm-up's are not counted). */
  readonly captures: number;
  readonly sessions: number;
  /** Wall time of the measured captures (ms). */
  readonly ms: number;
  readonly before: SoakSnapshot;
  readonly after: SoakSnapshot;
}

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** Captures to take after the warm-up session (three per session, two for a remainder of 2). */
  readonly captures: number;
  /** Called after each session with the captures done so far. */
  readonly progress?: (captures: number, elapsedMs: number) => void;
}

interface Registry {
  refs: Record<LiveKind, Set<WeakRef<object>>>;
  created: Record<LiveKind, number>;
  urls: Set<string>;
  terminated: WeakSet<Worker>;
  dropped: { imageBitmaps: number; videoFrames: number };
}

/**
 * Installs the counters in every document `page` loads from now on (see the file comment). Runs
 * in the page, before its scripts.
 */
export async function installLiveCounters(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const registry: Registry = {
      refs: {
        tracks: new Set(),
        imageBitmaps: new Set(),
        videoFrames: new Set(),
        objectUrls: new Set(),
        workers: new Set(),
      },
      created: { tracks: 0, imageBitmaps: 0, videoFrames: 0, objectUrls: 0, workers: 0 },
      urls: new Set(),
      terminated: new WeakSet(),
      dropped: { imageBitmaps: 0, videoFrames: 0 },
    };
    (globalThis as unknown as { kycLive: Registry }).kycLive = registry;

    // Closed or moved objects are not "dropped" when collected: their state says so.
    const released = new WeakMap<object, { released: boolean }>();
    const finalizer = new FinalizationRegistry<{
      kind: 'imageBitmaps' | 'videoFrames';
      state: { released: boolean };
    }>(({ kind, state }) => {
      if (!state.released) registry.dropped[kind] += 1;
    });
    const track = <T extends object>(kind: LiveKind, value: T): T => {
      registry.created[kind] += 1;
      registry.refs[kind].add(new WeakRef(value));
      if (kind === 'imageBitmaps' || kind === 'videoFrames') {
        const state = { released: false };
        released.set(value, state);
        finalizer.register(value, { kind, state });
      }
      return value;
    };
    const markReleased = (value: unknown): void => {
      if (typeof value === 'object' && value !== null) {
        const state = released.get(value);
        if (state) state.released = true;
      }
    };

    const bitmapOf = globalThis.createImageBitmap;
    globalThis.createImageBitmap = async function (...args: unknown[]) {
      return track(
        'imageBitmaps',
        await (bitmapOf as (...a: unknown[]) => Promise<ImageBitmap>).apply(globalThis, args),
      );
    } as typeof createImageBitmap;
    const closeBitmap = ImageBitmap.prototype.close;
    ImageBitmap.prototype.close = function () {
      markReleased(this);
      closeBitmap.call(this);
    };

    if (typeof VideoFrame === 'function') {
      globalThis.VideoFrame = new Proxy(VideoFrame, {
        construct(target, args: ConstructorParameters<typeof VideoFrame>) {
          return track('videoFrames', new target(...args));
        },
      });
      const cloneFrame = VideoFrame.prototype.clone;
      VideoFrame.prototype.clone = function () {
        return track('videoFrames', cloneFrame.call(this));
      };
      const closeFrame = VideoFrame.prototype.close;
      VideoFrame.prototype.close = function () {
        markReleased(this);
        closeFrame.call(this);
      };
    }

    // Only in secure contexts (the demo's 127.0.0.1 is one).
    if (typeof MediaDevices === 'function') {
      const getUserMedia = MediaDevices.prototype.getUserMedia;
      MediaDevices.prototype.getUserMedia = async function (constraints) {
        const stream = await getUserMedia.call(this, constraints);
        for (const item of stream.getTracks()) track('tracks', item);
        return stream;
      };
    }
    const cloneTrack = MediaStreamTrack.prototype.clone;
    MediaStreamTrack.prototype.clone = function () {
      return track('tracks', cloneTrack.call(this));
    };

    const createUrl = URL.createObjectURL;
    URL.createObjectURL = (object) => {
      const url = createUrl(object);
      registry.created.objectUrls += 1;
      registry.urls.add(url);
      return url;
    };
    const revokeUrl = URL.revokeObjectURL;
    URL.revokeObjectURL = (url) => {
      registry.urls.delete(url);
      revokeUrl(url);
    };

    globalThis.Worker = new Proxy(Worker, {
      construct(target, args: ConstructorParameters<typeof Worker>) {
        return track('workers', new target(...args));
      },
    });
    const terminate = Worker.prototype.terminate;
    Worker.prototype.terminate = function () {
      registry.terminated.add(this);
      terminate.call(this);
    };
    // What is moved to a worker is released by this page (the worker closes it).
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (
      message: unknown,
      options?: Transferable[] | StructuredSerializeOptions,
    ) {
      const moved = Array.isArray(options) ? options : (options?.transfer ?? []);
      for (const item of moved) markReleased(item);
      post.call(this, message, options as StructuredSerializeOptions);
    };
  });
}

/** Counts the page's live objects now (call after a garbage collection). Runs in the page. */
function countInPage(): Pick<SoakSnapshot, 'live' | 'created' | 'droppedUnclosed'> {
  const registry = (globalThis as unknown as { kycLive: Registry }).kycLive;
  const isLive: Record<LiveKind, (value: never) => boolean> = {
    tracks: (value: MediaStreamTrack) => value.readyState === 'live',
    imageBitmaps: (value: ImageBitmap) => value.width > 0,
    videoFrames: (value: VideoFrame) => value.format !== null,
    objectUrls: () => false,
    workers: (value: Worker) => !registry.terminated.has(value),
  };
  const live = { tracks: 0, imageBitmaps: 0, videoFrames: 0, objectUrls: 0, workers: 0 };
  for (const kind of Object.keys(live) as LiveKind[]) {
    for (const ref of registry.refs[kind]) {
      const value = ref.deref();
      // Released or collected: forget it, so that the sets stay small over a long run.
      if (value === undefined || !isLive[kind](value as never)) registry.refs[kind].delete(ref);
      else live[kind] += 1;
    }
  }
  live.objectUrls = registry.urls.size;
  return { live, created: { ...registry.created }, droppedUnclosed: { ...registry.dropped } };
}

/**
 * Collects the page's garbage (twice, a task apart, so that weak references are cleared and
 * finalizers have run), then measures.
 */
export async function snapshot(
  page: Page,
  cdp: CDPSession,
  browserCdp: CDPSession,
): Promise<SoakSnapshot> {
  for (let round = 0; round < 2; round++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await page.evaluate(() => new Promise((done) => setTimeout(done, 100)));
  }
  const counted = await page.evaluate(countInPage);
  const blobs = await reachableBlobs(cdp);
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return {
    ...counted,
    blobs,
    pageWorkers: page.workers().length,
    heapBytes: usedSize,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    rendererRssBytes: await rendererRss(browserCdp),
  };
}

/** How many objects of the page (not prototypes) have Blob.prototype in their prototype chain. */
async function reachableBlobs(cdp: CDPSession): Promise<number> {
  const { result: prototype } = await cdp.send('Runtime.evaluate', {
    expression: 'Blob.prototype',
  });
  const { objects } = await cdp.send('Runtime.queryObjects', {
    prototypeObjectId: prototype.objectId!,
  });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId!,
    // Not the prototypes themselves (File.prototype is one once File is first used).
    functionDeclaration:
      "function () { return this.filter((o) => !Object.hasOwn(o, 'constructor')).length; }",
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObject', { objectId: objects.objectId! });
  await cdp.send('Runtime.releaseObject', { objectId: prototype.objectId! });
  return result.value as number;
}

/** The summed VmRSS of the browser's renderer processes, from /proc (NaN where there is none). */
async function rendererRss(browserCdp: CDPSession): Promise<number> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  let total = 0;
  for (const { type, id } of processInfo) {
    if (type !== 'renderer') continue;
    try {
      const status = await readFile(`/proc/${id}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
    } catch {
      return NaN;
    }
  }
  return total;
}

/** Takes the current step's photo with the shutter and uses it (the upload starts). */
async function takeAndUse(page: Page): Promise<void> {
  await waitForShutter(page);
  await page.getByRole('button', { name: en.takePhoto }).click();
  await page.getByRole('button', { name: en.usePhoto }).click();
}

/**
 * One session on the demo page: a new element, `captures` (3: identity card front, back, selfie;
 * 2: passport front, selfie) taken and uploaded, ending on the "All done" screen once the last
 * upload is answered.
 */
async function session(page: Page, captures: 2 | 3): Promise<void> {
  const previous = await page.locator('#session-info').getAttribute('data-session-id');
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.waitForFunction((id) => {
    const current = document.querySelector<HTMLElement>('#session-info')?.dataset.sessionId;
    return current !== undefined && current !== id;
  }, previous);
  await page.getByRole('radio', { name: captures === 3 ? 'Identity card' : 'Passport' }).check();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('button', { name: 'Start' }).click();
  await takeAndUse(page);
  if (captures === 3) {
    await page.getByRole('heading', { name: en.stepTitles.document_back }).waitFor();
    await takeAndUse(page);
  }
  await page.getByRole('heading', { name: en.stepTitles.selfie }).waitFor();
  await takeAndUse(page);
  await page.getByRole('heading', { name: en.done }).waitFor();
  await page.locator('#event-log [data-event="kyc-complete"]').waitFor();
  const errors = await page.locator('#event-log [data-event="kyc-error"]').allTextContents();
  if (errors.length > 0) throw new Error(`the element reported errors: ${errors.join('; ')}`);
}

/** Session sizes that add up to `captures` (rounded up to a whole session). */
export function sessionPlan(captures: number): (2 | 3)[] {
  const plan: (2 | 3)[] = [];
  for (let left = captures; left > 0; left -= plan.at(-1)!)
    plan.push(left === 2 || left === 1 ? 2 : 3);
  return plan;
}

/**
 * Builds and serves the demo, opens it in Chromium with the fake camera showing the studio document
 * video, runs one warm-up session and then `options.captures` captures, and measures before and
 * after. Console errors and uncaught exceptions of the page fail the run.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const videos = await makeY4mFixtures();
  const server = await startDemoServer();
  try {
    const browser = await launchBrowser({ y4m: videos.document });
    try {
      const page = await newPage(browser);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
      page.on('console', (message) => {
        // MediaPipe's wasm writes its informational lines ("INFO: Created TensorFlow Lite XNNPACK
        // delegate for CPU.") to stderr, which the face worker's console reports as errors.
        if (message.type() === 'error' && !message.text().startsWith('INFO: ')) {
          errors.push(message.text());
        }
      });
      await installLiveCounters(page);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const browserCdp = await browser.newBrowserCDPSession();
      await page.goto(server.url);
      await page.locator('#auto-capture').setChecked(false);
      await session(page, 3);
      const before = await snapshot(page, cdp, browserCdp);
      const plan = sessionPlan(options.captures);
      const started = performance.now();
      let captures = 0;
      for (const size of plan) {
        await session(page, size);
        captures += size;
        options.progress?.(captures, performance.now() - started);
      }
      const ms = performance.now() - started;
      const after = await snapshot(page, cdp, browserCdp);
      if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
      return { captures, sessions: plan.length, ms, before, after };
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}
