import { expect } from '@open-wc/testing';
import { startWorker, TRUSTED_TYPES_POLICY } from './trusted-worker.js';

/** What a frame's script offers the test: start a blob worker, plainly or through startWorker. */
interface FrameApi {
  start(through: boolean): Promise<string>;
}

/**
 * A same-origin frame whose document has `policy` (a <meta> Content-Security-Policy) and its own
 * copy of this module (a frame is its own realm: its own `Worker`, its own Trusted Types).
 */
async function frameWithPolicy(policy: string): Promise<FrameApi> {
  const module = new URL('./trusted-worker.ts', import.meta.url).pathname;
  const frame = document.createElement('iframe');
  frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="${policy}">
<script type="module">
  import { startWorker } from '${module}';
  window.api = {
    start(through) {
      const source = new Blob(["postMessage('up')"], { type: 'text/javascript' });
      const create = () => new Worker(URL.createObjectURL(source));
      return new Promise((resolve, reject) => {
        try {
          const worker = through ? startWorker(create) : create();
          worker.onmessage = (event) => resolve(event.data);
        } catch (error) {
          reject(error);
        }
      });
    },
  };
  window.dispatchEvent(new Event('api'));
</script>`;
  const ready = new Promise<void>((resolve) =>
    frame.addEventListener('load', () => {
      const win = frame.contentWindow as Window & { api?: FrameApi };
      if (win.api) resolve();
      else win.addEventListener('api', () => resolve(), { once: true });
    }),
  );
  document.body.append(frame);
  await ready;
  return (frame.contentWindow as Window & { api: FrameApi }).api;
}

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

describe('startWorker', () => {
  it("under require-trusted-types-for 'script' a plain new Worker(url) is refused, through startWorker it starts", async () => {
    const api = await frameWithPolicy("require-trusted-types-for 'script'");
    let refused: unknown;
    await api.start(false).catch((error: unknown) => (refused = error));
    // The frame's own TypeError (another realm: instanceof would not match).
    expect((refused as Error | undefined)?.name).to.equal('TypeError');
    expect(await api.start(true)).to.equal('up');
  });

  it(`a trusted-types directive must name "${TRUSTED_TYPES_POLICY}": without it the Worker constructor throws (the caller falls back)`, async () => {
    const without = await frameWithPolicy(
      "require-trusted-types-for 'script'; trusted-types lit-html",
    );
    let refused: unknown;
    await without.start(true).catch((error: unknown) => (refused = error));
    expect((refused as Error | undefined)?.name).to.equal('TypeError');
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());

    const named = await frameWithPolicy(
      `require-trusted-types-for 'script'; trusted-types lit-html ${TRUSTED_TYPES_POLICY}`,
    );
    expect(await named.start(true)).to.equal('up');
  });

  it('a trusted-types directive without "lit-html": Lit, and so the element, does not load', async () => {
    const loadLit = async (names: string): Promise<string | undefined> => {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'; trusted-types ${names}">
<script type="module">
  import('/node_modules/lit-html/lit-html.js').then(
    () => (window.loaded = 'loaded'),
    (error) => (window.loaded = error.message),
  );
</script>`;
      document.body.append(frame);
      const win = () => frame.contentWindow as (Window & { loaded?: string }) | null;
      for (let waited = 0; !win()?.loaded && waited < 5000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      return win()?.loaded;
    };
    expect(await loadLit(TRUSTED_TYPES_POLICY)).to.match(/lit-html/);
    expect(await loadLit(`lit-html ${TRUSTED_TYPES_POLICY}`)).to.equal('loaded');
  });

  it('puts the global Worker back, after a worker and after a throw', () => {
    const native = globalThis.Worker;
    const url = URL.createObjectURL(new Blob([''], { type: 'text/javascript' }));
    const worker = startWorker(() => new Worker(url));
    expect(worker).to.be.instanceOf(native);
    worker.terminate();
    expect(globalThis.Worker).to.equal(native);
    expect(() =>
      startWorker(() => {
        throw new RangeError('create failed');
      }),
    ).to.throw(RangeError);
    expect(globalThis.Worker).to.equal(native);
  });

  it('its policy passes same-origin URLs only', () => {
    expect(() => startWorker(() => new Worker('https://example.com/worker.js'))).to.throw(
      TypeError,
      /same-origin workers only/,
    );
  });
});
