// The flow controller: `<kyc-capture>`'s flow state, the protocol adapter it talks through, the
// upload in flight, and every `kyc-*` event the host page hears. Person actions come in as
// methods; each goes through the pure `transition`, and the effects it returns run here, one
// keyed handler per effect (the element renders the state and decides nothing).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TokenExpiry, TokenGrant } from '../api/client.js';
import { HttpError, TokenExpiredError, UploadTooLargeError } from '../api/errors.js';
import { currentPosition, isGeoPosition, type GeoPosition } from '../api/geolocation.js';
import { deviceSignals } from '../capture/device-signals.js';
import type { Capture, LivenessMode } from '../capture/types.js';
import type { CameraError } from '../controllers/camera-error.js';
import { ConfigurationError, KycError } from '../errors.js';
import { KycCancelEvent } from '../events/cancel.js';
import { KycCaptureEvent } from '../events/capture.js';
import { KycCompleteEvent } from '../events/complete.js';
import { KycErrorEvent } from '../events/error.js';
import { KycFeedbackEvent } from '../events/feedback.js';
import { KycReadyEvent } from '../events/ready.js';
import { KycStepChangeEvent } from '../events/step-change.js';
import { KycUploadProgressEvent } from '../events/upload-progress.js';
import { KycUploadResultEvent } from '../events/upload-result.js';
import { en, type Messages } from '../i18n/en.js';
import { feedbackText } from '../i18n/text.js';
import type { ProtocolDefinition, ProtocolOptions } from '../protocols/definition.js';
import { findProtocol, openProtocol, type ProtocolName } from '../protocols/registry.js';
import type { PreflightResult, ProtocolAdapter, ServerFeedback } from '../protocols/types.js';
import {
  currentStep,
  initialFlowState,
  transition,
  type FlowAction,
  type FlowEffect,
  type FlowErrorPhase,
  type FlowState,
  type ResumableState,
} from './machine.js';
import { planFlowSteps } from './plan.js';
import { resolveRedirect } from './redirect.js';
import { shrinkCapture } from './shrink.js';
import { isFaceStep, isImageStep, type CaptureStep, type DocumentType } from '../steps.js';

/** What the flow controller reads of its element: the host's settings, as it set them. */
export interface FlowHost extends ReactiveControllerHost, EventTarget {
  readonly token: string | undefined;
  readonly session: string | undefined;
  readonly protocol: ProtocolName;
  readonly apiBase: string;
  readonly clientId: string | undefined;
  readonly protocolOptions: ProtocolOptions;
  readonly geolocation: boolean;
  readonly location: GeoPosition | undefined;
  readonly documentType: DocumentType | undefined;
  readonly steps: readonly CaptureStep[] | undefined;
  readonly getToken: (() => Promise<string | TokenGrant>) | undefined;
  readonly tokenExpiresAt: TokenExpiry | undefined;
  readonly liveness: LivenessMode | undefined;
  readonly adapter: ProtocolAdapter | undefined;
  /** Where to send the person after `kyc-complete`, when the host opted in. */
  readonly redirectUrl: string | undefined;
  /** Origins besides the page's that `redirectUrl` may point to. */
  readonly redirectOrigins: readonly string[] | undefined;
  /** Performs the redirect (the page's `location.assign` unless replaced). */
  readonly navigate: (url: URL) => void;
  /** The text catalog in use. */
  readonly text: Messages;
  /** Where the screens render (focus follows the screen). */
  readonly renderRoot: ParentNode;
  /** Whether the element is in a document (a removal, unlike a move, leaves it false). */
  readonly isConnected: boolean;
}

/** What the element gives its flow controller besides itself. */
export interface FlowControllerConfig {
  /** The element's custom states: the current screen, for the host's CSS (`:state(done)`). */
  readonly states: CustomStateSet;
  /** Runs when the screen or the step changes, before the host hears of it (capture warm-up). */
  readonly onStepChange?: () => void;
}

/** The upload an answer came from: its adapter (a completed flow closes through it) and abort. */
interface Sent {
  readonly adapter: ProtocolAdapter;
  readonly signal: AbortSignal;
}

/** One handler per effect type. */
type EffectHandlers = {
  readonly [T in FlowEffect['type']]: (
    effect: Extract<FlowEffect, { type: T }>,
    sent: Sent | undefined,
  ) => unknown;
};

/** The host settings that build the adapter: a change means a new client on the next call. */
const ADAPTER_SETTINGS = [
  'token',
  'tokenExpiresAt',
  'session',
  'apiBase',
  'clientId',
  'protocol',
  'protocolOptions',
  // Whether there is a position at all is part of the protocol's configuration (validate).
  'geolocation',
  'location',
] as const satisfies readonly (keyof FlowHost)[];

/** What a liveness step "upload" returns when the protocol has no liveness call. */
const LIVENESS_HANDED_TO_HOST: ServerFeedback = {
  accepted: true,
  feedback: 'handed-to-host',
  complete: false,
};

/** Turns anything thrown into a `KycError` so hosts always get a stable `code`. */
function asKycError(error: unknown): KycError {
  if (error instanceof KycError) return error;
  return new KycError('unknown', en.errors.unknown, { cause: error });
}

/** Whether "try again" can help with this error. */
function isRetryable(error: KycError): boolean {
  if (error instanceof TokenExpiredError || error instanceof ConfigurationError) return false;
  const flag = (error as { retryable?: unknown }).retryable;
  return typeof flag === 'boolean' ? flag : true;
}

/** Runs `<kyc-capture>`'s flow: state, adapter, uploads, and the events the host page hears. */
export class FlowController implements ReactiveController {
  readonly #host: FlowHost;
  readonly #config: FlowControllerConfig;
  #state: FlowState = initialFlowState();
  /** The state the host last rendered: what the next render changed is told to the host. */
  #shown: FlowState | undefined;
  #adapter: Promise<ProtocolAdapter> | undefined;
  /** The adapter's `start()`, begun when the person starts; uploads wait for it. */
  #started: Promise<void> | undefined;
  #upload: AbortController | undefined;
  #positionLookup: Promise<GeoPosition | undefined> | undefined;
  /** How each step's image was taken (no pixels), for the device signals of `kyc-complete`. */
  readonly #sources = new Map<CaptureStep, Pick<Capture, 'step' | 'source' | 'cameraLabel'>>();
  /** Captures already re-encoded smaller after a 413: a second 413 is final for them. */
  readonly #shrunk = new WeakSet<Capture>();
  /** The `online` listener that resends a kept capture, while one waits for the network. */
  #onlineListener: (() => void) | undefined;
  /** What {@link reportAnalysisError} told the host already (code and URL), so it says it once. */
  readonly #reportedAnalysisErrors = new Set<string>();
  /** Captures a batch adapter held before a reload, handed back to the new adapter once started. */
  #handBack: readonly Capture[] = [];

  readonly #effects: EffectHandlers = {
    'emit-capture': ({ capture }) => this.#host.dispatchEvent(new KycCaptureEvent({ capture })),
    upload: () => void this.#send(),
    feedback: ({ step, result }) =>
      this.#host.dispatchEvent(
        new KycFeedbackEvent({
          step,
          feedback: result.feedback,
          message: feedbackText(this.#host.text, result),
          retake: result.retake ?? [step],
          ...(result.attemptsLeft !== undefined ? { attemptsLeft: result.attemptsLeft } : {}),
        }),
      ),
    complete: async ({ accepted }, sent) => {
      // Where the protocol has a closing call (idv-sdk's finalization), its answer goes with it.
      const adapter = sent?.adapter;
      const final = adapter?.finish ? await adapter.finish({ signal: sent?.signal }) : undefined;
      if (sent?.signal.aborted) return;
      // Checked again here: the host may have changed the setting since the flow started.
      let redirect: URL | undefined;
      try {
        redirect = this.#redirect();
      } catch (error) {
        this.#host.dispatchEvent(
          new KycErrorEvent({ error: asKycError(error), phase: 'session', retryable: false }),
        );
      }
      const event = new KycCompleteEvent({
        accepted,
        ...(final ? { result: final } : {}),
        signals: deviceSignals(this.#sources.values()),
        ...(redirect ? { redirect: redirect.href } : {}),
      });
      // Nothing of the person's images outlives the flow: the batch protocols held them until now.
      this.#release();
      // The host hears of completion first and may keep the person here (preventDefault).
      if (this.#host.dispatchEvent(event) && redirect) this.#host.navigate(redirect);
    },
  };

  constructor(host: FlowHost, config: FlowControllerConfig) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
  }

  /** The flow's state: plain data, replaced (never changed) on every transition. */
  get state(): FlowState {
    return this.#state;
  }

  /** The liveness step the host asked for (`liveness`), when it names a known mode. */
  get livenessMode(): LivenessMode | undefined {
    const { liveness } = this.#host;
    return liveness === 'passive' || liveness === 'passive_active' ? liveness : undefined;
  }

  /** Whether the flow has a document step, so the person must choose a document type. */
  get needsDocument(): boolean {
    const { steps } = this.#host;
    return !steps?.length || steps.some((step) => !isFaceStep(step));
  }

  /** The steps planned so far, before the backend says otherwise (`kyc-ready`'s plan). */
  plannedSteps(): CaptureStep[] {
    return this.#plan(this.#host.documentType ?? this.#state.documentType);
  }

  /**
   * Takes the host's changed settings (call from `willUpdate`): a preset document type, and a new
   * adapter for a new token, session, protocol or setting.
   */
  settingsChanged(changed: { has(name: keyof FlowHost): boolean }): void {
    const { documentType } = this.#host;
    if (changed.has('documentType') && documentType && this.#state.status === 'intro') {
      this.#set({ ...this.#state, documentType });
    }
    if (ADAPTER_SETTINGS.some((name) => changed.has(name))) {
      this.#adapter = undefined;
      this.#started = undefined;
      this.#positionLookup = undefined;
    }
  }

  hostUpdated(): void {
    const before = this.#shown;
    const now = this.#state;
    if (before === now) return;
    this.#shown = now;
    const host = this.#host;
    if (!before) host.dispatchEvent(new KycReadyEvent({ steps: this.plannedSteps() }));
    if (before) this.#config.states.delete(before.status);
    this.#config.states.add(now.status);
    if (!before || before.status !== now.status || currentStep(before) !== currentStep(now)) {
      this.#config.onStepChange?.();
      host.dispatchEvent(new KycStepChangeEvent({ status: now.status, step: currentStep(now) }));
      // Move focus to the new screen's heading so screen-reader and keyboard users follow along.
      host.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
  }

  hostDisconnected(): void {
    this.#upload?.abort();
    this.#stopWaitingForNetwork();
    // A move (disconnected, then connected again in the same task) keeps the flow; a removal ends
    // it: the captures go, and an element put back later starts again from the first screen.
    setTimeout(() => {
      if (this.#host.isConnected) return;
      this.#release();
      const { status } = this.#state;
      if (status !== 'intro' && status !== 'done' && status !== 'cancelled') {
        this.#adapter = undefined;
        this.#started = undefined;
        this.#sources.clear();
        this.#set(initialFlowState({ documentType: this.#host.documentType }));
      }
    });
  }

  /**
   * The person starts, with the document type chosen or preset. A configuration problem (a
   * setting the protocol needs) ends on the error screen before any photo.
   */
  start(documentType: DocumentType | undefined): void {
    const needsDocument = this.needsDocument;
    if (needsDocument && !documentType) return;
    let adapter: Promise<ProtocolAdapter>;
    try {
      // A redirect that can never be followed is a setting to fix before any photo is taken.
      this.#redirect();
      if (needsDocument && documentType) {
        this.#protocol()?.validateDocument?.(documentType, this.#host.protocolOptions);
      }
      adapter = this.#adapterFor();
    } catch (error) {
      this.fail(error, 'session');
      return;
    }
    // The protocol's module and opening calls (idv-sdk: consent, session read) load and run while
    // the person frames the first photo; the first upload waits for them.
    adapter.then((ready) => this.#ensureStarted(ready)).catch(() => {}); // reported by the upload that waits for it
    this.#dispatch({ type: 'start', documentType, steps: this.#plan(documentType) });
  }

  /** A photo was taken or a file picked for the current step: on to the review. */
  captured(capture: Capture): void {
    this.#dispatch({ type: 'captured', capture });
  }

  /** The person accepts the photo under review: it uploads. */
  confirm(): void {
    this.#dispatch({ type: 'confirm' });
  }

  /** The person wants another photo (after review, feedback or a failed upload). */
  retake(): void {
    this.#dispatch({ type: 'retake' });
  }

  /** "Try again" on the error screen: resends the kept capture, or reopens the camera. */
  retry(): void {
    this.#dispatch({ type: 'retry' });
  }

  /** Cancels the flow and any upload; the host gets `kyc-cancel`. */
  cancel(): void {
    const step = currentStep(this.#state);
    this.#upload?.abort();
    this.#dispatch({ type: 'cancel' });
    this.#release();
    this.#host.dispatchEvent(new KycCancelEvent({ step }));
  }

  /**
   * Continues a flow kept from before a reload (the opt-in `resume`), only while on the intro:
   * `held` are the captures a batch adapter had kept, given back to the new one before any upload.
   * Returns whether the flow resumed.
   */
  resume(state: ResumableState, held: readonly Capture[]): boolean {
    if (this.#state.status !== 'intro') return false;
    let adapter: Promise<ProtocolAdapter>;
    try {
      this.#redirect();
      adapter = this.#adapterFor();
    } catch {
      return false; // the intro's start reports the setting to fix, as without a resume
    }
    const before = this.#state;
    this.#handBack = held;
    void this.#dispatch({ type: 'resume', state });
    if (this.#state === before) {
      this.#handBack = [];
      return false;
    }
    adapter.then((ready) => this.#ensureStarted(ready)).catch(() => {}); // reported by the upload that waits for it
    return true;
  }

  /** Starts over (the person refused a resumed flow): the intro, a new adapter, nothing kept. */
  restart(): void {
    this.#upload?.abort();
    this.#handBack = [];
    this.#adapter = undefined;
    this.#started = undefined;
    this.#sources.clear();
    void this.#dispatch({ type: 'restart', documentType: this.#host.documentType });
  }

  /** Something failed: the error screen, and `kyc-error` for the host. */
  fail(error: unknown, phase: FlowErrorPhase): void {
    const kycError = asKycError(error);
    const retryable = isRetryable(kycError);
    const final =
      kycError instanceof TokenExpiredError || (kycError as { final?: unknown }).final === true;
    const { code, message, reason } = kycError;
    this.#dispatch({ type: 'failed', error: { code, message, reason, retryable, phase, final } });
    // Nothing can continue after a final error: the held images have no use left.
    if (final) this.#release();
    this.#host.dispatchEvent(new KycErrorEvent({ error: kycError, phase, retryable }));
  }

  /** The camera failed: an error on the camera screen only. */
  cameraFailed(error: CameraError): void {
    // A camera failing behind the review or upload screen matters only once it is needed again.
    if (this.#state.status === 'camera') this.fail(error, 'camera');
  }

  /**
   * Tells the host that an on-device check cannot run as built (a worker, the face detector's wasm
   * or model), once per failure: `kyc-error` with phase `analysis`. The flow goes on without it.
   */
  reportAnalysisError(error: unknown): void {
    const kycError = asKycError(error);
    const key = `${kycError.code} ${(kycError as { url?: unknown }).url ?? ''}`;
    if (this.#reportedAnalysisErrors.has(key)) return;
    this.#reportedAnalysisErrors.add(key);
    this.#host.dispatchEvent(
      new KycErrorEvent({ error: kycError, phase: 'analysis', retryable: false }),
    );
  }

  /** Probes the backend where the protocol has probes; the flow is not touched either way. */
  async preflight(options: { signal?: AbortSignal }): Promise<PreflightResult | undefined> {
    const adapter = await this.#adapterFor();
    return adapter.preflight?.(options);
  }

  /** The host's `redirectUrl` checked (see `resolveRedirect`), or undefined when not set. */
  #redirect(): URL | undefined {
    const { redirectUrl, redirectOrigins } = this.#host;
    if (!redirectUrl) return undefined;
    return resolveRedirect(redirectUrl, {
      base: document.baseURI,
      origin: location.origin,
      allowedOrigins: redirectOrigins,
    });
  }

  /**
   * Lets go of the person's images: the adapter's held batch (`release`), and the kept capture's
   * place in the state is dropped by the transitions themselves (done, cancel).
   */
  #release(): void {
    const adapter = this.#host.adapter ? Promise.resolve(this.#host.adapter) : this.#adapter;
    void adapter?.then(
      (ready) => ready.release?.(),
      () => {}, // never loaded: nothing held
    );
  }

  #set(state: FlowState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#host.requestUpdate();
  }

  /** Applies an action, then runs its effects; settles when they have (the upload's `complete`). */
  #dispatch(action: FlowAction, sent?: Sent): Promise<unknown> {
    const { state, effects } = transition(this.#state, action);
    this.#set(state);
    return Promise.all(effects.map((effect) => this.#run(effect, sent)));
  }

  #run(effect: FlowEffect, sent: Sent | undefined): unknown {
    const handler = this.#effects[effect.type] as (effect: FlowEffect, sent?: Sent) => unknown;
    return handler(effect, sent);
  }

  #plan(documentType: DocumentType | undefined): CaptureStep[] {
    return planFlowSteps({
      steps: this.#host.steps,
      documentType,
      planSteps: this.#protocol()?.planSteps,
      liveness: this.livenessMode !== undefined,
    });
  }

  /** The protocol whose rules apply: none when the host brought its own adapter (it wins). */
  #protocol(): ProtocolDefinition | undefined {
    return this.#host.adapter ? undefined : findProtocol(this.#host.protocol);
  }

  /**
   * The protocol adapter: the host's own, else built once per token/session/protocol/…
   * Configuration problems throw at once; a module that failed to load is loaded again next time.
   */
  #adapterFor(): Promise<ProtocolAdapter> {
    const host = this.#host;
    if (host.adapter) return Promise.resolve(host.adapter);
    if (this.#adapter) return this.#adapter;
    const loading = openProtocol(host.protocol, {
      token: host.token,
      session: host.session,
      apiBase: host.apiBase,
      clientId: host.clientId,
      getToken: host.getToken,
      tokenExpiresAt: host.tokenExpiresAt,
      options: host.protocolOptions,
      position: this.#position(),
    }).catch((error: unknown) => {
      // A chunk that failed to load (offline) is fetched again on "Try again".
      if (this.#adapter === loading) this.#adapter = undefined;
      throw error;
    });
    this.#adapter = loading;
    return loading;
  }

  /** Runs the adapter's `start()` once; after a failure the next call (a retry) runs it again. */
  #ensureStarted(adapter: ProtocolAdapter): Promise<void> {
    this.#started ??= adapter.start().then(
      () => this.#giveBack(adapter),
      (error: unknown) => {
        this.#started = undefined;
        throw error;
      },
    );
    return this.#started;
  }

  /**
   * Hands a batch adapter the captures it held before a reload (see {@link resume}): each is
   * "sent" with image steps still to come, which such an adapter answers by holding it.
   */
  async #giveBack(adapter: ProtocolAdapter): Promise<void> {
    const captures = this.#handBack;
    const { documentType, steps } = this.#state;
    if (captures.length === 0 || !steps.some(isImageStep)) return;
    for (const capture of captures) await adapter.send(capture, { documentType, remaining: steps });
    if (this.#handBack === captures) this.#handBack = [];
  }

  /**
   * The position sent with the images: looked up once per flow when allowed, else `location`;
   * undefined when the host allowed neither. A lookup that found nothing is not kept, so "Try
   * again" asks the browser again (the person may have allowed it meanwhile).
   */
  #position(): (() => Promise<GeoPosition | undefined>) | undefined {
    const { geolocation, location } = this.#host;
    const fallback = isGeoPosition(location) ? location : undefined;
    if (!geolocation) return fallback && (() => Promise.resolve(fallback));
    return () => {
      const lookup = (this.#positionLookup ??= currentPosition({ fallback }));
      void lookup.then((found) => {
        if (!found && this.#positionLookup === lookup) this.#positionLookup = undefined;
      });
      return lookup;
    };
  }

  /**
   * After a retryable upload failure: resends the kept capture when the browser is back online
   * (the `online` event), if the person is still on that error by then.
   */
  #resendWhenOnline(): void {
    if (this.#onlineListener || typeof window === 'undefined') return;
    const listener = () => {
      this.#stopWaitingForNetwork();
      const { status, error, capture } = this.#state;
      if (status === 'error' && error?.phase === 'upload' && error.retryable && capture) {
        this.retry();
      }
    };
    this.#onlineListener = listener;
    window.addEventListener('online', listener);
  }

  #stopWaitingForNetwork(): void {
    if (this.#onlineListener) window.removeEventListener('online', this.#onlineListener);
    this.#onlineListener = undefined;
  }

  /**
   * The `upload` effect: sends the capture under upload and dispatches the backend's answer. A
   * 413 re-encodes the capture smaller and sends it once more; a second 413 is final for it.
   */
  async #send(): Promise<void> {
    if (this.#state.status !== 'uploading' || !this.#state.capture) return;
    this.#upload?.abort();
    const upload = new AbortController();
    this.#upload = upload;
    try {
      let capture: Capture;
      let sent: { adapter: ProtocolAdapter; result: ServerFeedback };
      for (;;) {
        const kept = this.#state.capture;
        if (!kept) return;
        capture = kept;
        try {
          sent = await this.#sendOnce(capture, upload);
          break;
        } catch (error) {
          if (upload.signal.aborted) return;
          if (!(error instanceof HttpError && error.status === 413)) throw error;
          if (this.#shrunk.has(capture)) throw new UploadTooLargeError({ cause: error });
          const smaller = await shrinkCapture(capture).catch((cause: unknown) => {
            throw new UploadTooLargeError({ cause });
          });
          if (upload.signal.aborted) return;
          if (!smaller) throw new UploadTooLargeError({ cause: error });
          this.#shrunk.add(smaller);
          // The smaller one is what is kept from now on (a "try again" resends it, not the other).
          this.#set({ ...this.#state, capture: smaller });
        }
      }
      if (upload.signal.aborted) return;
      const { step } = capture;
      const { adapter, result } = sent;
      this.#sources.set(step, { step, source: capture.source, cameraLabel: capture.cameraLabel });
      this.#host.dispatchEvent(new KycUploadResultEvent({ step, result }));
      // Its effects (feedback, or the closing call and `kyc-complete`) are part of this upload.
      await this.#dispatch({ type: 'uploaded', result }, { adapter, signal: upload.signal });
    } catch (error) {
      if (upload.signal.aborted) return;
      this.fail(error, 'upload');
      if (this.#state.error?.retryable) this.#resendWhenOnline();
    } finally {
      if (this.#upload === upload) this.#upload = undefined;
    }
  }

  /** Sends `capture` once through the adapter (started first); resolves to the backend's answer. */
  async #sendOnce(
    capture: Capture,
    upload: AbortController,
  ): Promise<{ adapter: ProtocolAdapter; result: ServerFeedback }> {
    const step = capture.step;
    const adapter = await this.#adapterFor();
    await this.#ensureStarted(adapter);
    const options = {
      documentType: this.#state.documentType,
      remaining: this.#state.steps.slice(1),
      signal: upload.signal,
      onProgress: (fraction: number) =>
        this.#host.dispatchEvent(new KycUploadProgressEvent({ step, fraction })),
    };
    const result =
      step !== 'liveness'
        ? await adapter.send(capture, options)
        : adapter.sendLiveness
          ? await adapter.sendLiveness(capture, options)
          : // No liveness call in this protocol: the host has the frames (kyc-capture event).
            LIVENESS_HANDED_TO_HOST;
    return { adapter, result };
  }
}
