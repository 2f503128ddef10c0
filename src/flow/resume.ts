// Resume after a reload, opt-in (`<kyc-capture resume>`): iOS Safari may reload the page when it
// shows the camera prompt, and a reload loses everything held in memory. With the setting on, this
// controller keeps the flow's position and the images not yet on the backend (the photo under
// review or whose upload failed, and the captures a batch protocol holds until its last image) in
// the encrypted store (resume-store.ts), and on the next load with the same session continues from
// there. It keeps nothing without the setting, never the token, and wipes what it kept when the
// flow completes, is cancelled, ends on an error nothing can fix, runs past the token's expiry or
// its maximum age, starts over, or when another session loads.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { expiryMs, type TokenExpiry } from '../api/client.js';
import type { Capture } from '../capture/types.js';
import { KycUploadResultEvent } from '../events/upload-result.js';
import { isRecord } from '../internal/guards.js';
import {
  DocumentType,
  isCaptureStep,
  isImageStep,
  type CaptureStep,
  type FlowStatus,
} from '../steps.js';
import type { FlowController } from './flow-controller.js';
import type { FlowState, ResumableState } from './machine.js';
import { canKeepFlows, ResumeStore } from './resume-store.js';

/** The longest a kept flow is usable, whatever the token says: 30 minutes from its first save. */
export const RESUME_MAX_AGE_MS = 30 * 60_000;

/** What the resume controller reads of its element. */
export interface ResumeHost extends ReactiveControllerHost, EventTarget {
  /** The opt-in: off unless the host turns it on. */
  readonly resume: boolean;
  readonly session: string | undefined;
  readonly tokenExpiresAt: TokenExpiry | undefined;
}

/** What the element gives its resume controller besides itself. */
export interface ResumeControllerConfig {
  /** The flow whose state is kept and continued. */
  readonly flow: Pick<FlowController, 'state' | 'resume' | 'restart'>;
  /** How long a kept flow stays usable at most (default {@link RESUME_MAX_AGE_MS}). */
  readonly maxAgeMs?: number;
}

/** What is kept: the flow's position and the images not yet on the backend. Never the token. */
interface Kept {
  readonly format: 1;
  readonly flow: ResumableState;
  /** The captures a batch adapter holds (steps it answered `held` for), in the flow's order. */
  readonly held: readonly Capture[];
  /** Whether the adapter holds images until a batch is judged (it answered `held` once). */
  readonly batch: boolean;
  /** When this flow was first kept (ms since epoch): the maximum age counts from here. */
  readonly createdAt: number;
}

/** The statuses a flow is over in: nothing of it is kept. */
const OVER: readonly FlowStatus[] = ['done', 'cancelled'];

/** What of `state` a reload should bring back; undefined when nothing (intro, over, no step). */
export function resumableState(state: FlowState): ResumableState | undefined {
  if (state.steps.length === 0 || state.error?.final) return undefined;
  const { documentType, steps, accepted, attempts, attemptsLeft, capture } = state;
  const base = { documentType, steps, accepted, attempts, attemptsLeft };
  // A photo being sent, or whose upload failed, comes back under review: the person sends it
  // again knowingly (the reload may have cut the upload at any point).
  const pending =
    state.status === 'review' ||
    state.status === 'uploading' ||
    (state.status === 'error' && state.error?.phase === 'upload');
  if (pending && capture && capture.step === steps[0]) {
    return { ...base, status: 'review', capture };
  }
  switch (state.status) {
    case 'feedback':
      return {
        ...base,
        status: 'feedback',
        feedback: state.feedback,
        feedbackReason: state.feedbackReason,
      };
    case 'camera':
    case 'review':
    case 'uploading':
    case 'error':
      return { ...base, status: 'camera' };
    default:
      return undefined;
  }
}

function isCapture(value: unknown): value is Capture {
  return (
    isRecord(value) &&
    isCaptureStep(value['step']) &&
    value['blob'] instanceof Blob &&
    typeof value['width'] === 'number' &&
    typeof value['height'] === 'number' &&
    (value['source'] === 'camera' || value['source'] === 'file') &&
    typeof value['takenAt'] === 'number'
  );
}

function isStepList(value: unknown): value is CaptureStep[] {
  return Array.isArray(value) && value.every(isCaptureStep);
}

/** The kept flow out of what the store opened; undefined when it is not one (then it is wiped). */
export function readKept(value: unknown): Kept | undefined {
  if (!isRecord(value) || value['format'] !== 1 || !isRecord(value['flow'])) return undefined;
  const flow = value['flow'];
  const held = value['held'];
  const documentType = flow['documentType'];
  if (
    !['camera', 'review', 'feedback'].includes(flow['status'] as string) ||
    !isStepList(flow['steps']) ||
    !isStepList(flow['accepted']) ||
    !isRecord(flow['attempts']) ||
    (documentType !== undefined &&
      !(Object.values(DocumentType) as unknown[]).includes(documentType)) ||
    (flow['capture'] !== undefined && !isCapture(flow['capture'])) ||
    (flow['status'] === 'review') !== (flow['capture'] !== undefined) ||
    !Array.isArray(held) ||
    !held.every(isCapture) ||
    typeof value['batch'] !== 'boolean' ||
    typeof value['createdAt'] !== 'number'
  ) {
    return undefined;
  }
  return value as unknown as Kept;
}

/**
 * Keeps `<kyc-capture>`'s flow across a reload when the host opted in (`resume`), continues it on
 * the next load of the same session, and wipes it when it must not outlive the flow.
 */
export class ResumeController implements ReactiveController {
  readonly #host: ResumeHost;
  readonly #flow: ResumeControllerConfig['flow'];
  readonly #maxAgeMs: number;
  readonly #store = new ResumeStore();
  /** The session kept for; undefined while the setting is off (or there is no session). */
  #session: string | undefined;
  /** Whether the session's kept flow was looked for: nothing is saved before (it would replace it). */
  #loaded = false;
  /** The flow state last looked at. */
  #seen: FlowState | undefined;
  /** The state a resume produced: the notice shows while it is the flow's state. */
  #resumed: FlowState | undefined;
  /** The capture sent for each step (the ones a batch adapter holds are kept). */
  readonly #sent = new Map<CaptureStep, Capture>();
  #batch = false;
  #createdAt: number | undefined;
  #expiresAt: number | undefined;
  /** Set once this flow may no longer be kept (expired): nothing more is written. */
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The newest contents not yet written, and the write in progress. */
  #pending: { contents: Kept; expiresAt: number } | undefined;
  #writing: Promise<void> | undefined;
  #listening: AbortController | undefined;

  constructor(host: ResumeHost, config: ResumeControllerConfig) {
    this.#host = host;
    this.#flow = config.flow;
    this.#maxAgeMs = config.maxAgeMs ?? RESUME_MAX_AGE_MS;
    host.addController(this);
  }

  /** True while the flow shows the screen it resumed on (the person is told, and may start over). */
  get resumed(): boolean {
    return this.#resumed !== undefined && this.#resumed === this.#flow.state;
  }

  hostConnected(): void {
    this.#listening = new AbortController();
    this.#host.addEventListener(
      KycUploadResultEvent.eventName,
      (event) => {
        if ((event as KycUploadResultEvent).detail.result.held) this.#batch = true;
      },
      { signal: this.#listening.signal },
    );
    if (this.#expiresAt !== undefined && !this.#stopped) this.#arm(this.#expiresAt);
  }

  hostDisconnected(): void {
    // Not a wipe: removing the element is what a reload looks like from here.
    this.#listening?.abort();
    clearTimeout(this.#timer);
  }

  hostUpdated(): void {
    const { resume, session } = this.#host;
    if (!resume || !session || !canKeepFlows()) {
      if (this.#session !== undefined) this.#forget(); // turned off: nothing stays behind
      this.#session = undefined;
      return;
    }
    if (session !== this.#session) {
      // The first look, or another session: a record of another session is wiped by `load`, and
      // this one's flow (kept under the old session) with it.
      if (this.#session !== undefined) this.#forget();
      this.#session = session;
      this.#loaded = false;
      this.#seen = undefined;
      void this.#load(session);
      return;
    }
    this.#observe();
  }

  /** The person refuses the resumed flow: back to the intro, everything kept wiped. */
  startOver(): void {
    this.#forget();
    this.#flow.restart();
  }

  async #load(session: string): Promise<void> {
    const kept = await this.#store.load(session, Date.now()).catch(() => undefined);
    if (this.#session !== session) return;
    this.#loaded = true;
    const contents = kept && readKept(kept.contents);
    if (kept && !contents) void this.#store.wipe().catch(() => {});
    if (kept && contents && this.#flow.resume(contents.flow, contents.held)) {
      this.#batch = contents.batch;
      this.#createdAt = contents.createdAt;
      for (const capture of contents.held) this.#sent.set(capture.step, capture);
      this.#resumed = this.#flow.state;
      this.#seen = this.#resumed; // as it was kept: nothing to write
      this.#arm(kept.expiresAt);
    }
    this.#host.requestUpdate();
  }

  /** Keeps the flow's new state, or wipes it when the flow is over. */
  #observe(): void {
    const state = this.#flow.state;
    if (!this.#loaded || state === this.#seen) return;
    this.#seen = state;
    if (state.status === 'uploading' && state.capture) {
      this.#sent.set(state.capture.step, state.capture);
    }
    if (OVER.includes(state.status) || state.error?.final) {
      this.#forget();
      this.#stopped = true;
      return;
    }
    const flow = resumableState(state);
    if (!flow || this.#stopped) return;
    // Once the batch is judged nothing is held; until then every accepted image is.
    const held =
      this.#batch && flow.steps.some(isImageStep)
        ? flow.accepted.flatMap((step) => this.#sent.get(step) ?? [])
        : [];
    const now = Date.now();
    this.#createdAt ??= now;
    const tokenExpiry = expiryMs(this.#host.tokenExpiresAt) ?? Infinity;
    const expiresAt = Math.min(this.#createdAt + this.#maxAgeMs, tokenExpiry);
    if (now >= expiresAt) {
      this.#expire();
      return;
    }
    this.#arm(expiresAt);
    const contents: Kept = {
      format: 1,
      flow,
      held,
      batch: this.#batch,
      createdAt: this.#createdAt,
    };
    this.#pending = { contents, expiresAt };
    if (!this.#writing) this.#writing = this.#write(this.#session!);
  }

  /** Writes the newest contents until none is pending (a burst of changes is one or two writes). */
  async #write(session: string): Promise<void> {
    while (this.#pending) {
      const { contents, expiresAt } = this.#pending;
      this.#pending = undefined;
      await this.#store.save(session, { contents, expiresAt }).catch(() => {});
    }
    this.#writing = undefined;
  }

  #arm(expiresAt: number): void {
    clearTimeout(this.#timer);
    this.#expiresAt = expiresAt;
    this.#timer = setTimeout(() => this.#expire(), Math.max(0, expiresAt - Date.now()));
  }

  /** The token or the maximum age ran out: wiped, and this flow is no longer kept. */
  #expire(): void {
    this.#forget();
    this.#stopped = true;
  }

  /** Wipes what was kept and what this controller knows of the flow. */
  #forget(): void {
    clearTimeout(this.#timer);
    this.#pending = undefined;
    this.#resumed = undefined;
    this.#sent.clear();
    this.#batch = false;
    this.#createdAt = undefined;
    this.#expiresAt = undefined;
    this.#stopped = false;
    // Queued after any write in progress, so nothing is written after it.
    void this.#store.wipe().catch(() => {});
  }
}
