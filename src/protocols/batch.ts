// What the protocols that judge every image in one request (link-kyc, validation-v2) share: the
// captures are held in memory until the flow has no image step left, then sent together; a
// rejection names the images to capture again, and only those are dropped.
import { AbortedError } from '../api/errors.js';
import type { Capture } from '../capture/types.js';
import { IMAGE_STEPS, isImageStep, type CaptureStep, type ImageStep } from '../steps.js';
import { bytesToBase64 } from './session-v1.js';
import type { ServerFeedback } from './types.js';

/** What a held capture is answered with: taken, more to come. */
export const HELD: ServerFeedback = {
  accepted: true,
  feedback: 'ok',
  complete: false,
  held: true,
};

/** The accepted answer of a batch the backend has judged. */
export const BATCH_COMPLETE: ServerFeedback = { accepted: true, feedback: 'ok', complete: true };

/** The captures of one batch, by step, until they are sent. */
export class HeldCaptures {
  readonly #held = new Map<ImageStep, Capture>();

  /** Keeps a capture, replacing an earlier one of the same step. */
  hold(capture: Capture): void {
    if (isImageStep(capture.step)) this.#held.set(capture.step, capture);
  }

  /** The capture held for `step`, if any. */
  get(step: ImageStep): Capture | undefined {
    return this.#held.get(step);
  }

  /** The steps held, in the flow's order. */
  get steps(): ImageStep[] {
    return IMAGE_STEPS.filter((step) => this.#held.has(step));
  }

  /** How many captures are held: none once the batch is judged, cancelled or the element removed. */
  get size(): number {
    return this.#held.size;
  }

  /** Forgets every capture: the batch is over (judged, cancelled, the element removed). */
  clear(): void {
    this.#held.clear();
  }

  /** Forgets the given steps (they are to be captured again). */
  drop(steps: readonly ImageStep[]): void {
    for (const step of steps) this.#held.delete(step);
  }

  /** A held capture's bytes as plain base64 (no `data:` prefix), or undefined when not held. */
  async base64(step: ImageStep, signal?: AbortSignal): Promise<string | undefined> {
    const capture = this.#held.get(step);
    if (!capture) return undefined;
    const bytes = new Uint8Array(await capture.blob.arrayBuffer());
    if (signal?.aborted) throw new AbortedError({ cause: signal.reason });
    return bytesToBase64(bytes);
  }
}

/** Whether the flow plans no more image steps after this one: time to send the batch. */
export function isLastImage(remaining: readonly CaptureStep[] | undefined): boolean {
  return !(remaining ?? []).some(isImageStep);
}
