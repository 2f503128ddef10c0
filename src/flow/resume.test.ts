// Resume after a reload (`<kyc-capture resume>`), as a person and an attacker with the device's
// IndexedDB would see it: the real element against the mock backends on the test server's origin,
// a "reload" being the element removed and a new one created for the same session (and once a
// real `location.reload()` of a page in an iframe). What is stored is read raw from IndexedDB.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/index.js';
import { KYC_EVENT_NAMES } from '../events/index.js';
import type { KycCaptureElement } from '../elements/kyc-capture/kyc-capture.js';
import { en } from '../i18n/en.js';
import { createDemoSession, receivedImages, renewToken } from '../../test/helpers/backend.js';
import { bytesOf, canvas2d, canvasToBlob, rejection } from '../../test/helpers/async.js';
import { RESUME_DATABASE, ResumeStore } from './resume-store.js';
import { initialFlowState, transition, type FlowState } from './machine.js';
import { resumableState } from './resume.js';
import type { Capture } from '../capture/types.js';

interface Setup {
  readonly session: string;
  readonly token: string;
  readonly resume?: boolean;
  readonly more?: (el: KycCaptureElement) => void;
}

async function mount(setup: Setup): Promise<{ el: KycCaptureElement; events: Event[] }> {
  const el = document.createElement('kyc-capture');
  const events: Event[] = [];
  for (const name of KYC_EVENT_NAMES) el.addEventListener(name, (e) => events.push(e));
  el.session = setup.session;
  el.token = setup.token;
  el.resume = setup.resume ?? true;
  setup.more?.(el);
  await fixture(html`<div>${el}</div>`);
  await el.updateComplete;
  return { el, events };
}

async function until(check: () => unknown, message: string, timeout = 10000): Promise<void> {
  await waitUntil(check, message, { timeout, interval: 20 });
}

const root = (el: Element) => el.shadowRoot!;

function buttonNamed(el: Element, name: string): HTMLButtonElement | undefined {
  return [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
}

/** Consent and a document type, then Start (the element's own intro). */
async function begin(el: KycCaptureElement, type = 'identity_card'): Promise<void> {
  root(el).querySelector<HTMLInputElement>(`input[type=radio][value="${type}"]`)?.click();
  root(el).querySelector<HTMLInputElement>('input[name=consent]')!.click();
  await el.updateComplete;
  root(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await until(() => el.flow.status === 'camera', 'camera screen');
}

/** A photo picked through "upload a photo instead", in the element's own window (an iframe's too). */
async function pickPhoto(el: KycCaptureElement, shade = '#8aa'): Promise<void> {
  await el.updateComplete;
  const win = (el.ownerDocument.defaultView ?? window) as typeof window;
  const { canvas, ctx } = canvas2d(1600, 1000);
  ctx.fillStyle = shade;
  ctx.fillRect(0, 0, 1600, 1000);
  const blob = await canvasToBlob(canvas, 'image/jpeg', 0.9);
  const transfer = new win.DataTransfer();
  transfer.items.add(new win.File([await blob.arrayBuffer()], 'photo.jpg', { type: 'image/jpeg' }));
  const input = root(el).querySelector<HTMLInputElement>('input[type=file]')!;
  input.files = transfer.files;
  input.dispatchEvent(new win.Event('change', { bubbles: true }));
  await until(() => el.flow.status === 'review', 'review of the picked photo');
  await el.updateComplete;
}

async function usePhoto(el: KycCaptureElement): Promise<void> {
  await el.updateComplete;
  buttonNamed(el, en.usePhoto)!.click();
  await until(() => !['review', 'uploading'].includes(el.flow.status), 'upload finished');
}

async function databaseExists(): Promise<boolean> {
  return (await indexedDB.databases()).some((db) => db.name === RESUME_DATABASE);
}

function idb<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Every record of the database as IndexedDB holds it (opened without creating it). */
async function rawRecords(): Promise<Record<string, unknown>[]> {
  if (!(await databaseExists())) return [];
  const db = await idb(indexedDB.open(RESUME_DATABASE));
  try {
    if (db.objectStoreNames.length === 0) return [];
    const tx = db.transaction([...db.objectStoreNames], 'readonly');
    const all = await Promise.all(
      [...db.objectStoreNames].map((name) => idb(tx.objectStore(name).getAll())),
    );
    return all.flat() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

interface Opened {
  readonly record: Record<string, unknown>;
  /** The decrypted bytes. */
  readonly plain: Uint8Array;
  /** The decrypted contents' JSON part (images as markers). */
  readonly kept: {
    flow: { status: string; steps: string[]; accepted: string[] };
    held: { step: string }[];
    batch: boolean;
  };
}

/**
 * The kept record decrypted as any script of the origin can: with the stored key, which the
 * browser will use but not export. The session id is the additional data it is bound to.
 */
async function opened(session: string): Promise<Opened | undefined> {
  const [record] = await rawRecords();
  if (!record) return undefined;
  const plain = new Uint8Array(
    await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: record['iv'] as Uint8Array<ArrayBuffer>,
        additionalData: new TextEncoder().encode(`kyc-capture-resume/1 ${session}`),
      },
      record['key'] as CryptoKey,
      record['data'] as ArrayBuffer,
    ),
  );
  const length = new DataView(plain.buffer).getUint32(0);
  const kept = JSON.parse(
    new TextDecoder().decode(plain.subarray(4, 4 + length)),
  ) as Opened['kept'];
  return { record, plain, kept };
}

/** Waits until what is kept for `session` satisfies `check`. */
async function keptUntil(
  session: string,
  check: (kept: Opened['kept']) => boolean,
  message: string,
): Promise<Opened> {
  let found: Opened | undefined;
  await until(async () => {
    found = await opened(session).catch(() => undefined);
    return found !== undefined && check(found.kept);
  }, message);
  return found!;
}

/** A new session's flow with the front under review, kept (what most wipes start from). */
async function reviewKept(
  more?: (el: KycCaptureElement) => void,
  request: Parameters<typeof createDemoSession>[0] = {},
): Promise<{ el: KycCaptureElement; session: string; token: string }> {
  const created = await createDemoSession(request);
  const session = created.session_id;
  const token = created.start_token;
  const { el } = await mount({ session, token, more });
  await begin(el);
  await pickPhoto(el);
  await keptUntil(session, (k) => k.flow.status === 'review', `review kept (${el.flow.status})`);
  return { el, session, token };
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const ascii = (text: string) => new TextEncoder().encode(text);

function wipeDatabase(): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(RESUME_DATABASE);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

const camera = (el: KycCaptureElement, step: string) =>
  el.flow.status === 'camera' && el.flow.steps[0] === step;

const notice = (el: KycCaptureElement) =>
  root(el).querySelector<HTMLElement>('[part~="resumed"]')?.textContent?.replace(/\s+/g, ' ');

describe('resume after a reload (opt-in `resume`)', () => {
  beforeEach(wipeDatabase);
  afterEach(wipeDatabase);

  it('keeps nothing without the setting: no database after a capture and an upload', async () => {
    const created = await createDemoSession();
    const { el } = await mount({
      session: created.session_id,
      token: created.start_token,
      resume: false,
    });
    expect(el.resume).to.equal(false);
    await begin(el);
    await pickPhoto(el);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await usePhoto(el);
    expect(camera(el, 'document_back')).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await databaseExists()).to.equal(false);
  });

  it('continues at the back after a reload, the front already sent, tells the person, and wipes on completion', async () => {
    const created = await createDemoSession();
    const session = created.session_id;
    const { el } = await mount({ session, token: created.start_token });
    expect(notice(el)).to.equal(undefined);
    await begin(el);
    await pickPhoto(el);
    await usePhoto(el);
    await keptUntil(session, (k) => k.flow.steps[0] === 'document_back', 'back kept');
    el.remove();

    // The reloaded page's host asks its backend for a new start token, as on any load.
    const { el: again, events } = await mount({ session, token: await renewToken(session) });
    await until(() => camera(again, 'document_back'), 'resumed at the back');
    expect(again.flow.accepted).to.deep.equal(['document_front']);
    await again.updateComplete;
    expect(notice(again)).to.contain(en.resume.notice);
    expect(buttonNamed(again, en.resume.startOver)).to.not.equal(undefined);
    const step = events.find(
      (e) => e.type === 'kyc-step-change',
    ) as HTMLElementEventMap['kyc-step-change'];
    expect(step.detail).to.deep.include({ status: 'intro' });
    expect((await receivedImages(session)).map((i) => i.type)).to.deep.equal(['document_front']);

    await pickPhoto(again, '#a88');
    await usePhoto(again);
    expect(notice(again), 'told once, on the screen it resumed on').to.equal(undefined);
    await pickPhoto(again, '#88a');
    await usePhoto(again);
    expect(again.flow.status).to.equal('done');
    expect((await receivedImages(session)).map((i) => i.type)).to.deep.equal([
      'document_front',
      'document_back',
      'selfie',
    ]);
    await until(async () => !(await databaseExists()), 'wiped on completion');
  });

  it('brings the photo under review back byte for byte, tells the host, and sends it once confirmed', async () => {
    const created = await createDemoSession();
    const session = created.session_id;
    const { el } = await mount({ session, token: created.start_token });
    await begin(el);
    await pickPhoto(el);
    const original = await bytesOf(el.flow.capture!.blob);
    await keptUntil(session, (k) => k.flow.status === 'review', 'review kept');
    el.remove();

    const { el: again, events } = await mount({ session, token: created.start_token });
    await until(() => again.flow.status === 'review', 'resumed on the review');
    expect(await bytesOf(again.flow.capture!.blob)).to.deep.equal(original);
    const told = events.find((e) => e.type === 'kyc-capture') as HTMLElementEventMap['kyc-capture'];
    expect(told.detail.capture).to.equal(again.flow.capture);
    expect(await receivedImages(session)).to.deep.equal([]);
    await usePhoto(again);
    expect(camera(again, 'document_back')).to.equal(true);
    expect((await receivedImages(session)).map((i) => i.type)).to.deep.equal(['document_front']);
  });

  it('hands a batch protocol’s held front to the new adapter (link-kyc): one request with both sides', async () => {
    const auth = await fetch('/link-kyc/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'mock-user', password: 'mock-password' }),
    });
    const { token } = (await auth.json()) as { token: string };
    await fetch('/demo/link-kyc/outcomes', { method: 'DELETE' });
    const session = `req-${crypto.randomUUID()}`;
    const linkKyc = (el: KycCaptureElement) => {
      el.protocol = 'link-kyc';
      el.apiBase = '/link-kyc';
      el.protocolOptions = { expeditorCountry: 'ES' };
    };
    const { el } = await mount({ session, token, more: linkKyc });
    await begin(el);
    await pickPhoto(el);
    await usePhoto(el);
    const kept = await keptUntil(session, (k) => k.flow.steps[0] === 'document_back', 'held');
    expect([kept.kept.batch, kept.kept.held.map((c) => c.step)]).to.deep.equal([
      true,
      ['document_front'],
    ]);
    el.remove();

    const { el: again } = await mount({ session, token, more: linkKyc });
    await until(() => camera(again, 'document_back'), 'resumed at the back');
    await pickPhoto(again, '#a88');
    await usePhoto(again);
    await pickPhoto(again, '#88a');
    await usePhoto(again);
    expect(again.flow.status, JSON.stringify(again.flow.error)).to.equal('done');
    const stored = await fetch(`/demo/link-kyc/verifications/${session}`);
    const attempts = ((await stored.json()) as { attempts: { images: unknown[] }[] }).attempts;
    expect(attempts).to.have.length(1);
    const images = attempts[0]!.images as { faceImage: unknown }[];
    expect(images.map((i) => i.faceImage !== null)).to.deep.equal([true, false]);
    await until(async () => !(await databaseExists()), 'wiped on completion');
  });

  it('stores nothing readable without the key: no JPEG, no base64 of it, no token, no session id', async () => {
    const created = await createDemoSession();
    const session = created.session_id;
    const token = created.start_token;
    const { el } = await mount({ session, token });
    await begin(el);
    await pickPhoto(el);
    const jpeg = await bytesOf(el.flow.capture!.blob);
    const atReview = await keptUntil(session, (k) => k.flow.status === 'review', 'review kept');
    const records = await rawRecords();
    expect(records).to.have.length(1);
    const record = records[0]!;
    expect(Object.keys(record).sort()).to.deep.equal(['data', 'expiresAt', 'format', 'iv', 'key']);
    const key = record['key'] as CryptoKey;
    expect([key instanceof CryptoKey, key.extractable, key.algorithm.name]).to.deep.equal([
      true,
      false,
      'AES-GCM',
    ]);
    expect(await rejection(crypto.subtle.exportKey('raw', key))).to.be.instanceOf(DOMException);
    const stored = new Uint8Array(record['data'] as ArrayBuffer);
    expect(stored.length, 'the image is in there').to.be.greaterThan(jpeg.length);
    const base64 = btoa(String.fromCharCode(...jpeg.subarray(0, 300)));
    for (const [what, needle] of [
      ['JPEG start of image', new Uint8Array([0xff, 0xd8, 0xff])],
      ['base64 of a JPEG', ascii('/9j/')],
      ['base64 of this image', ascii(base64.slice(0, 40))],
      ['bytes from inside the image', jpeg.subarray(1000, 1016)],
      ['the token', ascii(token)],
      ['the session id', ascii(session)],
    ] as const) {
      expect(contains(stored, needle), what).to.equal(false);
    }
    expect(JSON.stringify(record['expiresAt'])).to.match(/^\d+$/);
    // The risk, stated by a test: a script of the origin can use the key without ever reading it.
    expect(contains(atReview.plain, jpeg), 'decrypted by script on the origin').to.equal(true);
    expect(contains(atReview.plain, ascii(token)), 'the token is never kept').to.equal(false);

    await usePhoto(el);
    const atBack = await keptUntil(session, (k) => k.flow.steps[0] === 'document_back', 'back');
    expect(atBack.record['iv']).to.not.deep.equal(atReview.record['iv']);
    expect(contains(atBack.plain, new Uint8Array([0xff, 0xd8, 0xff])), 'sent: not kept').to.equal(
      false,
    );
  });

  it('wipes what it kept when the person cancels', async () => {
    const { el, session, token } = await reviewKept();
    el.cancel();
    await until(async () => !(await databaseExists()), 'wiped on cancel');
    el.remove();
    const { el: again } = await mount({ session, token });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(again.flow.status).to.equal('intro');
  });

  it('wipes it when the flow ends on an error nothing can fix (the backend says the token expired)', async () => {
    const { el } = await reviewKept(undefined, { start_token_ttl_seconds: 0 });
    await usePhoto(el);
    expect([el.flow.status, el.flow.error?.code, el.flow.error?.final]).to.deep.equal([
      'error',
      'token-expired',
      true,
    ]);
    await until(async () => !(await databaseExists()), 'wiped on the final error');
  });

  it('wipes it when the token expires, while the page is open, and a later load starts over', async () => {
    const { el, session } = await reviewKept((host) => (host.tokenExpiresAt = Date.now() + 8000));
    await until(async () => !(await databaseExists()), 'wiped at the token’s expiry', 12000);
    expect(el.flow.status, 'the flow itself goes on').to.equal('review');
    el.remove();
    const { el: again } = await mount({ session, token: await renewToken(session) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(again.flow.status).to.equal('intro');
    expect(notice(again)).to.equal(undefined);
  });

  it('wipes it after its maximum age, 30 minutes, however long the token lives', async () => {
    const { el, session, token } = await reviewKept(
      (host) => (host.tokenExpiresAt = Date.now() + 24 * 3600_000),
    );
    el.remove();
    const realNow = Date.now;
    const start = realNow();
    Date.now = () => start + 30 * 60_000 + 1000;
    try {
      const { el: again } = await mount({ session, token });
      await until(async () => !(await databaseExists()), 'wiped on load');
      expect(again.flow.status).to.equal('intro');
    } finally {
      Date.now = realNow;
    }
  });

  it('wipes it when another session loads, and never opens it there', async () => {
    const { el } = await reviewKept();
    el.remove();
    const second = await createDemoSession();
    const { el: other, events } = await mount({
      session: second.session_id,
      token: second.start_token,
    });
    await until(async () => !(await databaseExists()), 'wiped by the other session');
    expect(other.flow.status).to.equal('intro');
    expect(events.some((e) => e.type === 'kyc-capture')).to.equal(false);
  });

  it('lets the person start over instead: the intro, nothing kept, a new flow kept anew', async () => {
    const { el, session, token } = await reviewKept();
    el.remove();
    const { el: again } = await mount({ session, token });
    await until(() => again.flow.status === 'review', 'resumed');
    await again.updateComplete;
    buttonNamed(again, en.resume.startOver)!.click();
    await again.updateComplete;
    expect(again.flow.status).to.equal('intro');
    expect(notice(again)).to.equal(undefined);
    await until(async () => !(await databaseExists()), 'wiped on start over');
    await begin(again, 'passport');
    await keptUntil(session, (k) => k.flow.steps.join() === 'document_front,selfie', 'new flow');
  });

  it('continues after a real location.reload() of the page', async () => {
    const created = await createDemoSession();
    const session = created.session_id;
    // The page in the frame asks its "backend" (this test) for the session and a token on every load.
    const host = window as unknown as { resumeTestHost?: () => Promise<Record<string, string>> };
    host.resumeTestHost = async () => ({ session, token: await renewToken(session) });
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><body><script type="module">
      import '/src/define/kyc-capture.ts';
      const { session, token } = await parent.resumeTestHost();
      const el = document.createElement('kyc-capture');
      Object.assign(el, { session, token, resume: true, documentType: 'identity_card' });
      document.body.append(el);
    </script></body>`;
    const loaded = () =>
      new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const first = loaded();
    await fixture(html`<div>${frame}</div>`);
    await first;
    const element = () =>
      frame.contentDocument?.querySelector('kyc-capture') as KycCaptureElement | null;
    await until(() => element()?.flow.status === 'intro', 'the page’s element');
    await begin(element()!);
    await pickPhoto(element()!);
    await usePhoto(element()!);
    await keptUntil(session, (k) => k.flow.steps[0] === 'document_back', 'back kept');

    const second = loaded();
    frame.contentWindow!.location.reload();
    await second;
    await until(() => element() && camera(element()!, 'document_back'), 'resumed after reload');
    await element()!.updateComplete;
    expect(notice(element()!)).to.contain(en.resume.notice);
    expect((await receivedImages(session)).map((i) => i.type)).to.deep.equal(['document_front']);
    delete host.resumeTestHost;
  });

  it('opens nothing it cannot read as a kept flow: the flow starts fresh and the record is wiped', async () => {
    const created = await createDemoSession();
    const session = created.session_id;
    // Sealed with a valid key for this session, but not a flow (a damaged or older format).
    const expiresAt = Date.now() + 60_000;
    await new ResumeStore().save(session, { contents: { format: 1, flow: 'x' }, expiresAt });
    expect(await databaseExists()).to.equal(true);
    const { el } = await mount({ session, token: created.start_token });
    await until(async () => !(await databaseExists()), 'wiped');
    expect(el.flow.status).to.equal('intro');
  });

  describe('what a reload brings back (pure)', () => {
    const capture = {
      step: 'document_front',
      blob: new Blob([]),
      width: 1,
      height: 1,
      source: 'file',
      takenAt: 0,
    } satisfies Capture;
    const under = (patch: Partial<FlowState>): FlowState => ({
      ...initialFlowState(),
      status: 'camera',
      documentType: 'identity_card',
      steps: ['document_front', 'document_back', 'selfie'],
      ...patch,
    });

    it('brings an upload cut by the reload, or one that failed, back under review', () => {
      for (const state of [
        under({ status: 'uploading', capture }),
        under({
          status: 'error',
          capture,
          error: { code: 'network-error', message: '', retryable: true, phase: 'upload' },
        }),
      ]) {
        expect(resumableState(state)).to.deep.include({ status: 'review', capture });
      }
    });

    it('keeps nothing of a flow that has not started, is over, or ended on a final error', () => {
      const final = {
        code: 'token-expired',
        message: '',
        retryable: false,
        phase: 'upload' as const,
      };
      for (const state of [
        initialFlowState(),
        under({ status: 'done', steps: [] }),
        under({ status: 'cancelled' }),
        under({ status: 'error', error: { ...final, final: true } }),
      ]) {
        expect(resumableState(state), state.status).to.equal(undefined);
      }
    });

    it('resumes only a flow still on its intro, and tells the host of the photo under review', () => {
      const kept = resumableState(under({ status: 'review', capture }))!;
      const { state, effects } = transition(initialFlowState(), { type: 'resume', state: kept });
      expect([state.status, state.capture, effects]).to.deep.equal([
        'review',
        capture,
        [{ type: 'emit-capture', capture }],
      ]);
      const started = under({});
      expect(transition(started, { type: 'resume', state: kept }).state).to.equal(started);
      const restarted = transition(state, { type: 'restart' }).state;
      expect(restarted).to.deep.equal(initialFlowState());
    });
  });
});
