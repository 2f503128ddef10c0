import type { ProgressCallback } from '../api/client.js';
import type { Capture } from '../capture/types.js';
import type { Reason } from '../errors.js';
import type { CaptureStep, DocumentType, ImageStep } from '../steps.js';

/** What the backend said about one uploaded image. */
export interface ServerFeedback {
  /** True when the backend accepted the image. */
  readonly accepted: boolean;
  /** The backend's own feedback value (e.g. `ok`, `glare`), kept verbatim. */
  readonly feedback: string;
  /** True when the backend has every image it needs. */
  readonly complete: boolean;
  /** The images the backend still needs, when it says so; undefined when it does not. */
  readonly missing?: readonly CaptureStep[];
  /** True when the backend answered that it already had all images (session-v1: 409). */
  readonly alreadyComplete?: boolean;
  /**
   * With `accepted: false`: the steps to capture again. Protocols that judge every image in one
   * request (link-kyc, validation-v2) name the images a rejection is about, which need not be the
   * step just sent; without it the current step is retaken.
   */
  readonly retake?: readonly ImageStep[];
  /**
   * Why the retake is asked for, when the adapter knows better than the `feedback` value: a code
   * the message catalog words (`messages.feedback[code]`, e.g. `link-kyc.not_processed`), with
   * the values the words take. Without it, or without words for it, `feedback` is worded.
   */
  readonly reason?: Reason;
  /** How many more attempts the backend allows, when it says so (validation-v2). */
  readonly attemptsLeft?: number;
  /**
   * True when nothing was sent: the adapter keeps the image in memory to send with later ones
   * (link-kyc, validation-v2), and keeps every image of the batch until the batch is judged.
   */
  readonly held?: boolean;
}

// The client reports upload progress; adapters pass the callback through.
export type { ProgressCallback } from '../api/client.js';

/** The backend's answer to `finish()`: plain data, passed to the host as is. */
export type FinishResult = Readonly<Record<string, unknown>>;

/** What a pre-flight check found: the backend answered its probe, with the status it reported. */
export interface PreflightResult {
  /** True when the backend answered its connectivity probe as documented. */
  readonly reachable: boolean;
  /** The health status the backend reported (verbatim), when it has a health probe. */
  readonly status?: string;
}

/** What an adapter is given for each call. */
export interface SendOptions {
  /** The document type chosen by the person, when the flow has one. */
  readonly documentType?: DocumentType;
  /** Aborts the upload (element removed, person cancelled). */
  readonly signal?: AbortSignal;
  /** Reports upload progress. */
  readonly onProgress?: ProgressCallback;
  /**
   * The steps the flow still plans after this one. Protocols that send every image in one request
   * hold captures until none of these is an image step, then submit.
   */
  readonly remaining?: readonly CaptureStep[];
}

/**
 * One backend protocol behind one interface: start → which images are needed → send one capture →
 * feedback → finish. Adapters throw `KycError` subclasses only.
 */
export interface ProtocolAdapter {
  /** Protocol name, e.g. `session-v1`. */
  readonly name: string;
  /** Prepares the session; resolves to the images still needed when the backend says so. */
  start(options?: { signal?: AbortSignal }): Promise<{ missing?: readonly CaptureStep[] }>;
  /** Uploads one capture and returns the backend's feedback. */
  send(capture: Capture, options?: SendOptions): Promise<ServerFeedback>;
  /**
   * Sends a liveness step's frames (`capture.frames`) for the backend's liveness decision, where
   * the protocol has such a call. Without it the frames reach the host page only, in the
   * `kyc-capture` event, and the step completes without an upload.
   */
  sendLiveness?(capture: Capture, options?: SendOptions): Promise<ServerFeedback>;
  /**
   * Tells the backend the person is done, where the protocol has such a call; resolves with what
   * the backend answered, if anything (e.g. idv-sdk's `verified` / `on_sanction_list`), which the
   * host gets in `kyc-complete`.
   */
  finish?(options?: { signal?: AbortSignal }): Promise<FinishResult | void>;
  /**
   * Drops every capture the adapter still holds (the batch protocols hold them until the last
   * image). The flow calls it once it is over: done, cancelled, a final error, or the element
   * taken out of the page; after it, nothing of the person's images is left in the adapter.
   */
  release?(): void;
  /**
   * Probes the backend before the person starts, where the protocol has probes (idv-sdk's ping and
   * health); throws the client's typed errors when it cannot be reached.
   */
  preflight?(options?: { signal?: AbortSignal }): Promise<PreflightResult>;
}
