// The opt-in redirect after `kyc-complete`: which URLs the element follows, that the host hears of
// completion first and can stay, and that the element itself does it through its `navigate` seam
// (stubbed here: no test navigates the real page).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/index.js';
import type { KycCaptureElement } from '../elements/kyc-capture/kyc-capture.js';
import type { KycCompleteEvent } from '../events/complete.js';
import type { KycErrorEvent } from '../events/error.js';
import type { ProtocolAdapter } from '../protocols/types.js';
import { RedirectError, resolveRedirect } from './redirect.js';
import { testCapture } from '../../test/helpers/captures.js';
import { settled, testFlow, type FlowHostSettings } from '../../test/helpers/flow-host.js';
import { canvas2d, canvasToBlob, thrown } from '../../test/helpers/async.js';

const rules = { base: 'https://shop.example/kyc/start', origin: 'https://shop.example' };

/** An adapter whose every upload completes the session. */
const completing: ProtocolAdapter = {
  name: 'completing',
  start: () => Promise.resolve({}),
  send: () => Promise.resolve({ accepted: true, feedback: 'ok', complete: true }),
};

/** A selfie-only flow through a completing adapter; `log` gets events and navigations in order. */
async function completeFlow(settings: FlowHostSettings, onComplete?: (e: Event) => void) {
  const log: string[] = [];
  const run = testFlow({
    adapter: completing,
    steps: ['selfie'],
    navigate: (url) => log.push(`navigate ${url.href}`),
    ...settings,
  });
  run.host.addEventListener('kyc-complete', (event) => {
    log.push(`kyc-complete ${(event as KycCompleteEvent).detail.redirect ?? '-'}`);
    onComplete?.(event);
  });
  run.flow.start(undefined);
  run.flow.captured(await testCapture('selfie'));
  run.flow.confirm();
  await settled(run.flow, 'done');
  return { ...run, log };
}

describe('redirect after completion', () => {
  it('follows only http(s) URLs on the page’s origin or an allow-listed one', () => {
    expect(resolveRedirect('/kyc/done?state=s1', rules).href).to.equal(
      'https://shop.example/kyc/done?state=s1',
    );
    expect(resolveRedirect('done', rules).href).to.equal('https://shop.example/kyc/done');
    const allowed = { ...rules, allowedOrigins: ['https://app.example/anything'] };
    expect(resolveRedirect('https://app.example/back', allowed).href).to.equal(
      'https://app.example/back',
    );
    for (const [target, code] of [
      ['javascript:alert(1)', 'redirect-unsafe-scheme'],
      ['JavaScript:alert(1)', 'redirect-unsafe-scheme'],
      ['data:text/html,<script>alert(1)</script>', 'redirect-unsafe-scheme'],
      ['https://evil.example/phish', 'redirect-origin-not-allowed'],
      ['//evil.example/phish', 'redirect-origin-not-allowed'],
      ['http://shop.example/kyc/done', 'redirect-origin-not-allowed'],
      ['https://app.example/back', 'redirect-origin-not-allowed'],
      ['http://[::1', 'redirect-invalid-url'],
    ] as const) {
      const error = thrown(() => resolveRedirect(target, rules));
      expect(error, target).to.be.instanceOf(RedirectError);
      expect(error, target).to.include({ code, retryable: false, final: true });
    }
  });

  it('navigates after kyc-complete, which names the target, when the host opted in', async () => {
    const { log, host } = await completeFlow({ redirectUrl: '/kyc/done?state=s1' });
    const href = new URL('/kyc/done?state=s1', location.origin).href;
    expect(log).to.deep.equal([`kyc-complete ${href}`, `navigate ${href}`]);
    const complete = host.events.find((e) => e.type === 'kyc-complete')!;
    expect(complete.cancelable).to.equal(true);
  });

  it('stays when the host cancels kyc-complete', async () => {
    const { log } = await completeFlow({ redirectUrl: '/kyc/done' }, (e) => e.preventDefault());
    expect(log).to.deep.equal([`kyc-complete ${new URL('/kyc/done', location.origin).href}`]);
  });

  it('never navigates without redirectUrl', async () => {
    const { log } = await completeFlow({});
    expect(log).to.deep.equal(['kyc-complete -']);
  });

  it('refuses a javascript: or foreign URL before the first photo, with a typed error', async () => {
    for (const redirectUrl of ['javascript:alert(document.domain)', 'https://evil.example/']) {
      const navigations: URL[] = [];
      const run = testFlow({
        adapter: completing,
        steps: ['selfie'],
        redirectUrl,
        navigate: (url) => navigations.push(url),
      });
      run.flow.start(undefined);
      expect(run.flow.state.status, redirectUrl).to.equal('error');
      expect(run.flow.state.error).to.include({ phase: 'session', final: true, retryable: false });
      const error = run.host.events.find((e) => e.type === 'kyc-error') as KycErrorEvent;
      expect(error.detail.error).to.be.instanceOf(RedirectError);
      expect(navigations).to.deep.equal([]);
    }
  });

  it('is the element’s own: attributes, and navigation through its `navigate` property', async () => {
    const el = document.createElement('kyc-capture') as KycCaptureElement;
    el.setAttribute('redirect-url', '/kyc/done?state=s2');
    el.setAttribute('redirect-origins', ' https://a.example  https://b.example ');
    el.adapter = completing;
    el.steps = ['selfie'];
    const navigations: string[] = [];
    el.navigate = (url) => navigations.push(url.href);
    const order: string[] = [];
    el.addEventListener('kyc-complete', () => order.push(`complete ${navigations.length}`));
    await fixture(html`<div>${el}</div>`);
    expect(el.redirectUrl).to.equal('/kyc/done?state=s2');
    expect(el.redirectOrigins).to.deep.equal(['https://a.example', 'https://b.example']);
    const shadow = el.shadowRoot!;
    shadow.querySelector<HTMLInputElement>('input[name=consent]')!.click();
    await el.updateComplete;
    shadow.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => el.flow.status === 'camera', 'camera screen');
    await el.updateComplete;
    // A picked photo: no camera needed.
    const { canvas, ctx } = canvas2d(800, 1000);
    ctx.fillStyle = '#d9c3a5';
    ctx.fillRect(0, 0, 800, 1000);
    const transfer = new DataTransfer();
    const blob = await canvasToBlob(canvas, 'image/jpeg', 0.9);
    transfer.items.add(new File([blob], 'selfie.jpg', { type: 'image/jpeg' }));
    const input = shadow.querySelector<HTMLInputElement>('input[type=file]')!;
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => el.flow.status === 'review', 'review screen', { timeout: 10000 });
    await el.updateComplete;
    const use = [...shadow.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Use this photo',
    )!;
    use.click();
    await waitUntil(() => navigations.length > 0, 'navigated', { timeout: 10000 });
    expect(order).to.deep.equal(['complete 0']);
    expect(navigations).to.deep.equal([new URL('/kyc/done?state=s2', location.origin).href]);
    expect(typeof document.createElement('kyc-capture').navigate).to.equal('function');
  });
});
