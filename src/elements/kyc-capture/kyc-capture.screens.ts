// The screens of `<kyc-capture>` other than the camera: plain functions of what they show and what
// their controls do. The element passes its flow state, text and the person's actions in.
import { html, nothing, type TemplateResult } from 'lit';
import type { Capture } from '../../capture/types.js';
import { currentStep, type FlowState } from '../../flow/machine.js';
import { DocumentType } from '../../steps.js';
import type { Messages } from '../../i18n/en.js';
import { errorStep, errorText, feedbackText } from '../../i18n/text.js';
import { inAppBrowser } from '../../in-app-browser.js';

/** The named slots a host may fill to replace a screen's own text. */
export type ScreenSlot = 'intro' | 'done';

/** What a screen with a host-replaceable text needs to know about its slot. */
interface SlotView {
  /** Whether the host gave content for the slot (then it shows instead of the default text). */
  readonly slotted: (name: ScreenSlot) => boolean;
  /** Called when a slot's content changes, so that the screen renders again. */
  readonly slotChanged: () => void;
}

/**
 * The host's content for `name`, or `fallback` when it gave none. The host's content is wrapped
 * in the focus target the default heading otherwise is, so focus still moves to the new screen.
 */
function slotted(view: SlotView, name: ScreenSlot, fallback: TemplateResult): TemplateResult {
  return view.slotted(name)
    ? html`<div class="slotted" tabindex="-1" data-autofocus>
        <slot name=${name} @slotchange=${view.slotChanged}></slot>
      </div>`
    : html`<slot name=${name} @slotchange=${view.slotChanged}>${fallback}</slot>`;
}

/** What the screens after the camera render from, and what their controls do. */
export interface ScreenView extends SlotView {
  readonly flow: FlowState;
  readonly text: Messages;
  /** The object URL of the capture under review. */
  readonly reviewSrc: (capture: Capture) => string;
  /** The "upload a photo instead" control, where a photo may stand in for the camera. */
  readonly fileInput: () => TemplateResult | typeof nothing;
  readonly confirm: () => void;
  readonly retake: () => void;
  readonly retry: () => void;
}

/** What the intro screen renders from, and what its controls do. */
export interface IntroView extends SlotView {
  readonly text: Messages;
  /** Whether the person must choose the document type. */
  readonly askType: boolean;
  readonly chosenType: DocumentType | undefined;
  readonly consent: boolean;
  readonly chooseType: (type: DocumentType) => void;
  readonly setConsent: (consent: boolean) => void;
  readonly start: (event: SubmitEvent) => void;
}

/** Consent and, unless preset, the document choice. */
export function renderIntro(view: IntroView): TemplateResult {
  const { text: t, askType, chosenType, consent } = view;
  // The host's intro names the form with its own heading, which an id here cannot reach.
  return html`<form
    part="screen intro"
    @submit=${view.start}
    aria-labelledby=${view.slotted('intro') ? nothing : 'intro-title'}
  >
    ${slotted(
      view,
      'intro',
      html`<h2 id="intro-title" tabindex="-1" data-autofocus>${t.introTitle}</h2>
        <p>${t.introBody}</p>`,
    )}
    ${
      askType
        ? html`<fieldset>
            <legend>${t.documentTypeLegend}</legend>
            ${Object.values(DocumentType).map(
              (type) =>
                html`<label>
                  <input
                    type="radio"
                    name="document-type"
                    .value=${type}
                    ?checked=${chosenType === type}
                    @change=${() => view.chooseType(type)}
                  />
                  ${t.documentTypes[type]}
                </label>`,
            )}
          </fieldset>`
        : nothing
    }
    <label>
      <input
        type="checkbox"
        name="consent"
        .checked=${consent}
        @change=${(e: Event) => view.setConsent((e.target as HTMLInputElement).checked)}
      />
      <span><slot name="consent">${t.consentLabel}</slot></span>
    </label>
    <div class="actions">
      <button class="primary" type="submit" ?disabled=${!consent || (askType && !chosenType)}>
        ${t.start}
      </button>
    </div>
  </form>`;
}

/** The screen of the flow's status after the camera (none on the camera and intro screens). */
export function renderScreen(view: ScreenView): TemplateResult | typeof nothing {
  const { text: t, flow } = view;
  const step = currentStep(flow);
  switch (flow.status) {
    case 'intro':
    case 'camera':
      return nothing;
    case 'review':
      return html`<section part="screen review" aria-labelledby="review-title">
        <h2 id="review-title" tabindex="-1" data-autofocus>${t.reviewTitle}</h2>
        ${
          flow.capture
            ? html`<img
                part="review-image"
                decoding="async"
                src=${view.reviewSrc(flow.capture)}
                alt=${t.reviewImageAlt}
              />`
            : nothing
        }
        ${
          flow.capture?.portrait && !flow.capture.portrait.found
            ? html`<p part="review-warning" role="alert">${t.portraitMissing}</p>`
            : nothing
        }
        <p>${t.reviewBody}</p>
        <div class="actions">
          <button class="primary" @click=${view.confirm}>${t.usePhoto}</button>
          <button @click=${view.retake}>${t.retake}</button>
        </div>
      </section>`;
    case 'uploading':
      return html`<section part="screen uploading" aria-busy="true">
        <p role="status" tabindex="-1" data-autofocus>${t.uploading}</p>
      </section>`;
    case 'feedback':
      return html`<section part="screen feedback" aria-labelledby="feedback-title">
        <h2 id="feedback-title" tabindex="-1" data-autofocus>${t.feedbackTitle}</h2>
        <p class="feedback" role="alert">
          ${feedbackText(t, { feedback: flow.feedback, reason: flow.feedbackReason })}
        </p>
        ${
          flow.attemptsLeft !== undefined
            ? html`<p part="attempts-left">${t.attemptsLeft(flow.attemptsLeft)}</p>`
            : nothing
        }
        <div class="actions">
          <button class="primary" @click=${view.retake}>${t.retake}</button>
        </div>
      </section>`;
    case 'done':
      return html`<section part="screen done">
        ${slotted(
          view,
          'done',
          html`<h2 tabindex="-1" data-autofocus>${t.done}</h2>
            <p>${t.doneBody}</p>`,
        )}
      </section>`;
    case 'cancelled':
      return html`<section part="screen cancelled">
        <p tabindex="-1" data-autofocus>${t.cancelled}</p>
      </section>`;
    case 'error': {
      const inApp = inAppBrowser(globalThis.navigator?.userAgent) !== undefined;
      const problem = flow.error && errorText(t, flow.error, { inApp });
      const next = flow.error && errorStep(t, flow.error, { inApp });
      return html`<section part="screen error" aria-labelledby="error-title">
        <h2 id="error-title" tabindex="-1" data-autofocus>${t.errorTitle}</h2>
        <p role="alert" data-code=${flow.error?.code ?? 'unknown'}>${problem}</p>
        ${next ? html`<p part="error-next-step">${next}</p>` : nothing}
        <div class="actions">
          ${
            flow.error?.retryable
              ? html`<button class="primary" @click=${view.retry}>${t.tryAgain}</button>`
              : nothing
          }
          ${
            flow.error?.phase === 'upload' && !flow.error.final
              ? html`<button @click=${view.retake}>${t.retake}</button>`
              : nothing
          }
          ${flow.error?.phase === 'camera' && step ? view.fileInput() : nothing}
        </div>
      </section>`;
    }
  }
}
