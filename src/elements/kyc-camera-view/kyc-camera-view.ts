import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { CameraController } from '../../controllers/camera-controller.js';
import type { CameraError } from '../../controllers/camera-error.js';
import { en, type Messages } from '../../i18n/en.js';
import { styles } from './kyc-camera-view.styles.js';

/** The guide drawn over the preview: an ID-1 card, a passport page or a face oval. */
export type GuideShape = 'id-card' | 'passport' | 'face';

/** The `detail` of {@link KycFrameEvent}. */
export interface KycFrameDetail {
  /** The full-resolution frame; the listener owns it and must `close()` it. */
  readonly frame: ImageBitmap;
  /** Label of the camera that took it. */
  readonly cameraLabel?: string;
  /** Facing mode the camera reported. */
  readonly facingMode?: 'user' | 'environment';
}

/** Internal request from the camera view to its owner: the person took a photo. */
export class KycFrameEvent extends Event {
  /** The event's name. */
  static readonly eventName = 'kyc-frame' as const;
  /** The captured frame and where it came from. */
  readonly detail: KycFrameDetail;

  constructor(detail: KycFrameDetail) {
    // Not composed: it is for the owning <kyc-capture>, not the host page.
    super(KycFrameEvent.eventName, { bubbles: true });
    this.detail = detail;
  }
}

/** Internal notice from the camera view to its owner: the camera failed. */
export class KycCameraErrorEvent extends Event {
  /** The event's name. */
  static readonly eventName = 'kyc-camera-error' as const;
  /** The typed camera error. */
  readonly detail: { readonly error: CameraError };

  constructor(error: CameraError) {
    super(KycCameraErrorEvent.eventName, { bubbles: true });
    this.detail = { error };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kyc-frame': KycFrameEvent;
    'kyc-camera-error': KycCameraErrorEvent;
  }
}

/**
 * Live camera preview with a capture guide, guidance text and the shutter. Owns the camera through
 * a `CameraController`; reports photos and failures up as events.
 *
 * @csspart video - the live preview
 * @csspart guide - the frame the document or face should fill
 * @csspart guidance - the live instruction (an aria-live region)
 * @csspart shutter - the take-photo button
 */
export class KycCameraViewElement extends LitElement {
  static override styles = styles;

  static override properties = {
    active: { type: Boolean },
    facingMode: { attribute: 'facing-mode' },
    guide: {},
    heading: {},
    guidance: {},
    progress: {},
    messages: { attribute: false },
    hidden: { type: Boolean, reflect: true },
    busy: { state: true },
  };

  /** Whether the camera should run. */
  declare active: boolean;
  /** Which camera to prefer: `environment` (documents) or `user` (selfies). */
  declare facingMode: 'user' | 'environment';
  /** The guide shape over the preview. */
  declare guide: GuideShape;
  /** Title of the current step. */
  declare heading: string;
  /** The one instruction to show now. */
  declare guidance: string;
  /** Progress text such as "Step 1 of 3". */
  declare progress: string;
  /** Text catalog. */
  declare messages: Messages;
  declare busy: boolean;

  /** The camera; exposed for hosts that need its state (devices, resolution, torch). */
  readonly camera = new CameraController(this);

  constructor() {
    super();
    this.active = false;
    this.facingMode = 'environment';
    this.guide = 'id-card';
    this.heading = '';
    this.guidance = '';
    this.progress = '';
    this.messages = en;
    this.busy = false;
    this.addEventListener('keydown', this.#onKeydown);
  }

  // Starting here rather than in updated() lets the "starting" state render in this same update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('active') && !changed.has('facingMode')) return;
    const facingChanged = changed.has('facingMode') && changed.get('facingMode') !== undefined;
    if (this.active && (this.camera.status === 'idle' || facingChanged)) {
      void this.camera.start({ facingMode: this.facingMode });
    } else if (!this.active) {
      this.camera.stop();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.camera.attach(this.renderRoot.querySelector('video'));
    const wantLive = this.active && !this.hidden;
    // Report a failure when the view is (or becomes) visible; a hidden view's failure waits.
    if (
      wantLive &&
      this.camera.status === 'error' &&
      this.camera.error &&
      this.#reported !== this.camera.error
    ) {
      this.#reported = this.camera.error;
      this.dispatchEvent(new KycCameraErrorEvent(this.camera.error));
    }
    if (changed.has('hidden') && !this.hidden) {
      this.renderRoot.querySelector<HTMLButtonElement>('[part~="shutter"]')?.focus();
    }
  }

  #reported: CameraError | undefined;

  /** Space or Enter anywhere in the view takes the photo (buttons keep their own meaning). */
  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== ' ' && event.key !== 'Enter') return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLButtonElement || target instanceof HTMLInputElement) return;
    event.preventDefault();
    void this.shoot();
  };

  /** Takes a full-resolution photo and hands it up as a `kyc-frame` event. */
  async shoot(): Promise<void> {
    if (this.busy || this.camera.status !== 'live') return;
    this.busy = true;
    try {
      const frame = await this.camera.captureFrame();
      this.dispatchEvent(
        new KycFrameEvent({
          frame,
          cameraLabel: this.camera.label,
          facingMode: this.camera.facingMode,
        }),
      );
    } catch (error) {
      this.dispatchEvent(new KycCameraErrorEvent(error as CameraError));
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult {
    const t = this.messages;
    const camera = this.camera;
    const live = camera.status === 'live';
    const mirrored =
      camera.facingMode === 'user' || (this.facingMode === 'user' && !camera.facingMode);
    return html`
      <header>
        <div class="progress">${this.progress}</div>
        <h2>${this.heading}</h2>
        <p part="guidance" aria-live="polite">${this.guidance}</p>
      </header>
      <div class="stage">
        <video
          part="video"
          class=${mirrored ? 'mirrored' : ''}
          muted
          playsinline
          autoplay
          aria-hidden="true"
        ></video>
        <div part="guide" class=${this.guide}></div>
        ${
          camera.status === 'starting' || camera.status === 'idle'
            ? html`<div class="status" role="status">${t.startingCamera}</div>`
            : camera.status === 'paused'
              ? html`<div class="status" role="status">${t.cameraPaused}</div>`
              : nothing
        }
      </div>
      <div class="bar">
        <span></span>
        <button
          part="shutter"
          aria-label=${t.takePhoto}
          ?disabled=${!live || this.busy}
          @click=${this.shoot}
        ></button>
        <span class="end">
          ${
            camera.devices.length > 1
              ? html`<button @click=${() => camera.switchDevice()}>${t.switchCamera}</button>`
              : nothing
          }
          ${
            camera.torchSupported
              ? html`<button
                  aria-pressed=${camera.torchOn ? 'true' : 'false'}
                  @click=${() => camera.setTorch(!camera.torchOn)}
                >
                  ${camera.torchOn ? t.torchOff : t.torchOn}
                </button>`
              : nothing
          }
        </span>
      </div>
    `;
  }
}
