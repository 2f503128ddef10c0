// The person's images do not outlive the flow: what the batch protocols (link-kyc, validation-v2)
// hold until the last image is let go once the batch is judged, on cancel and when the element is
// taken out of the page; every object URL made for a capture is revoked. Checked by looking at what
// the element and its adapter still hold.
import { expect } from '@open-wc/testing';
import { KycClient } from '../../api/client.js';
import { createLinkKycAdapter, type LinkKycAdapter } from '../../protocols/link-kyc.js';
import { createValidationV2Adapter } from '../../protocols/validation-v2.js';
import { testCapture } from '../../../test/helpers/captures.js';
import {
  begin,
  mount,
  photoFile,
  pickFile,
  until,
  usePhoto,
} from '../../../test/helpers/kyc-element.js';
import type { KycCaptureElement } from './kyc-capture.js';

async function linkKycAdapter(): Promise<LinkKycAdapter> {
  await fetch('/demo/link-kyc/outcomes', { method: 'DELETE' });
  const response = await fetch('/link-kyc/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: 'mock-user', password: 'mock-password' }),
  });
  const { token } = (await response.json()) as { token: string };
  const client = new KycClient({ baseUrl: '/link-kyc', token, retries: 0 });
  return createLinkKycAdapter({
    client,
    requestId: `req-${crypto.randomUUID()}`,
    expeditorCountry: 'ES',
  });
}

/** An element running the real link-kyc adapter (front, back, selfie), its checks off for speed. */
async function linkKycElement(): Promise<{ el: KycCaptureElement; adapter: LinkKycAdapter }> {
  const adapter = await linkKycAdapter();
  const { el } = await mount(undefined, (host) => {
    host.adapter = adapter;
    host.options = { portrait: false, selfie: false, quality: false };
  });
  await begin(el, 'identity_card');
  return { el, adapter };
}

/** Picks a photo for the current step and confirms it. */
async function takeByFile(el: KycCaptureElement): Promise<void> {
  await until(() => el.flow.status === 'camera', 'camera screen');
  await pickFile(el, await photoFile());
  await until(() => el.flow.status === 'review', 'review of the picked photo');
  await usePhoto(el);
}

/** Records the object URLs made for images, and which of them were revoked. */
function watchObjectUrls() {
  const made: string[] = [];
  const revoked = new Set<string>();
  const { createObjectURL, revokeObjectURL } = URL;
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = createObjectURL(object);
    if (object instanceof Blob && object.type.startsWith('image/')) made.push(url);
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    revoked.add(url);
    revokeObjectURL(url);
  };
  return {
    made,
    unrevoked: () => made.filter((url) => !revoked.has(url)),
    restore: () => Object.assign(URL, { createObjectURL, revokeObjectURL }),
  };
}

describe('<kyc-capture> lets go of the person’s images', () => {
  it('releases the held batch once the backend has judged it, and revokes every review URL', async () => {
    const urls = watchObjectUrls();
    try {
      const { el, adapter } = await linkKycElement();
      await takeByFile(el);
      await takeByFile(el);
      expect(adapter.held, 'front and back wait for the selfie').to.deep.equal([
        'document_front',
        'document_back',
      ]);
      await takeByFile(el);
      await until(() => el.flow.status === 'done', 'done');
      await until(() => adapter.held.length === 0, 'held images released');
      expect(el.flow.capture).to.equal(undefined);
      expect(urls.made.length, 'one review URL per photo').to.equal(3);
      expect(urls.unrevoked()).to.deep.equal([]);
    } finally {
      urls.restore();
    }
  });

  it('releases the held batch when the flow is cancelled', async () => {
    const { el, adapter } = await linkKycElement();
    await takeByFile(el);
    await takeByFile(el);
    expect(adapter.held).to.have.length(2);
    el.cancel();
    await until(() => adapter.held.length === 0, 'held images released on cancel');
    expect([el.flow.status, el.flow.capture]).to.deep.equal(['cancelled', undefined]);
  });

  it('releases everything when the element is removed, but not when it is only moved', async () => {
    const { el, adapter } = await linkKycElement();
    await takeByFile(el);
    await until(() => el.flow.status === 'camera', 'back step');
    await pickFile(el, await photoFile());
    await until(() => el.flow.status === 'review', 'back under review');

    // Moved within the page (as a framework may do): the flow and its images stay.
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(adapter.held).to.deep.equal(['document_front']);
    expect(el.flow.capture?.step).to.equal('document_back');

    el.remove();
    await until(() => adapter.held.length === 0, 'held images released on removal');
    expect([el.flow.status, el.flow.capture]).to.deep.equal(['intro', undefined]);
  });

  it('validation-v2 lets go of its held images on release', async () => {
    const client = new KycClient({ baseUrl: '/validation-v2', token: 'unused', retries: 0 });
    const adapter = createValidationV2Adapter({
      client,
      applicantId: 'a-1',
      documentTypeCodes: { identity_card: 1 },
    });
    await adapter.send(await testCapture('document_front', 'identity_card'), {
      remaining: ['document_back', 'selfie'],
    });
    expect(adapter.held).to.deep.equal(['document_front']);
    adapter.release?.();
    expect(adapter.held).to.deep.equal([]);
  });
});
