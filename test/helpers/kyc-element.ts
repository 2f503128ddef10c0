// Browser-side helpers for tests that drive the real `<kyc-capture>` element as a person would:
// mount it with listeners on, start a flow, press the shutter, confirm, pick a file.
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/index.js';
import { KYC_EVENT_NAMES } from '../../src/events/index.js';
import type { KycCaptureElement } from '../../src/elements/kyc-capture/kyc-capture.js';
import type { SessionCredentials } from './backend.js';
import { canvas2d, canvasToBlob } from './async.js';

/** Mounts an element (listeners first, as a host adds them), with a session's token if given. */
export async function mount(
  session?: SessionCredentials,
  setup?: (el: KycCaptureElement) => void,
): Promise<{ el: KycCaptureElement; events: Event[] }> {
  const el = document.createElement('kyc-capture');
  const events: Event[] = [];
  for (const name of KYC_EVENT_NAMES) el.addEventListener(name, (e) => events.push(e));
  if (session) {
    el.session = session.session_id;
    el.token = session.start_token;
  }
  setup?.(el);
  await fixture(html`<div>${el}</div>`);
  await el.updateComplete;
  return { el, events };
}

/** The element's shadow root. */
export const root = (el: KycCaptureElement): ShadowRoot => el.shadowRoot!;

/** The first match of `selector` in the element's shadow root. */
export const q = <T extends Element = HTMLElement>(el: KycCaptureElement, selector: string) =>
  root(el).querySelector<T & Element>(selector);

/** The button whose accessible name is `name`, if any. */
export function buttonNamed(scope: ParentNode, name: string): HTMLButtonElement | undefined {
  return [...scope.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name,
  );
}

/** Waits until `check` holds, polling every 20 ms. */
export async function until(check: () => unknown, message: string, timeout = 10000): Promise<void> {
  await waitUntil(check, message, { timeout, interval: 20 });
}

/** Chooses the document type, consents and starts. */
export async function begin(
  el: KycCaptureElement,
  type: 'passport' | 'identity_card' | 'drivers_license',
): Promise<void> {
  q<HTMLInputElement>(el, `input[type=radio][value="${type}"]`)!.click();
  q<HTMLInputElement>(el, 'input[name=consent]')!.click();
  await el.updateComplete;
  q<HTMLButtonElement>(el, 'button[type=submit]')!.click();
  await el.updateComplete;
}

/** The element's camera view, while one is mounted. */
export function cameraView(el: KycCaptureElement) {
  return q<HTMLElementTagNameMap['kyc-camera-view']>(el, 'kyc-camera-view');
}

/** Presses the shutter once the camera is live, and waits for the review screen. */
export async function shoot(el: KycCaptureElement): Promise<void> {
  await until(() => el.flow.status === 'camera', 'camera screen');
  const view = cameraView(el)!;
  await until(() => view.camera.status === 'live', 'camera live');
  await view.updateComplete;
  const shutter = view.shadowRoot!.querySelector<HTMLButtonElement>('[part~="shutter"]')!;
  await until(() => !shutter.disabled, 'shutter enabled');
  shutter.click();
  await until(() => el.flow.status === 'review', 'review screen');
}

/** "Use this photo", then waits until the upload is answered. */
export async function usePhoto(el: KycCaptureElement): Promise<void> {
  await el.updateComplete;
  buttonNamed(root(el), 'Use this photo')!.click();
  await until(
    () => el.flow.status !== 'uploading' && el.flow.status !== 'review',
    'upload finished',
  );
}

/** A plain 1600x1000 JPEG photo, as a picked file. */
export async function photoFile(name = 'photo.jpg'): Promise<File> {
  const { canvas, ctx } = canvas2d(1600, 1000);
  ctx.fillStyle = '#8aa';
  ctx.fillRect(0, 0, 1600, 1000);
  ctx.fillStyle = '#fff';
  ctx.fillRect(200, 150, 1200, 700);
  return new File([await canvasToBlob(canvas, 'image/jpeg', 0.9)], name, { type: 'image/jpeg' });
}

/** Hands `file` to the "upload a photo instead" input, as the picker would. */
export async function pickFile(el: KycCaptureElement, file: File): Promise<void> {
  await el.updateComplete;
  const input = q<HTMLInputElement>(el, 'input[type=file]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
