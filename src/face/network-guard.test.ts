// The face worker's network guard, in a real worker: only the configured origins are reachable,
// by any API a worker has, and a redirect does not carry a request anywhere else.
import { expect } from '@open-wc/testing';
import type { NetworkLog } from './network-guard.js';
import type { GuardOutcome, GuardProbe } from '../../test/workers/network-guard-worker.js';

/** This page's server under its other name: another origin, same server. */
const OTHER = location.origin.includes('localhost')
  ? location.origin.replace('localhost', '127.0.0.1')
  : location.origin.replace('127.0.0.1', 'localhost');

let worker: Worker;

function ask<T = GuardOutcome>(message: GuardProbe): Promise<T> {
  return new Promise((resolve) => {
    worker.addEventListener('message', (event: MessageEvent<T>) => resolve(event.data), {
      once: true,
    });
    worker.postMessage(message);
  });
}

async function hits(id: string): Promise<number> {
  const response = await fetch(`/__redirect-hits?id=${id}`);
  return ((await response.json()) as { hits: number }).hits;
}

/** A URL on this origin that redirects to `target`'s hit counter for `id`. */
const redirectTo = (origin: string, id: string) =>
  `/__redirect?to=${encodeURIComponent(`${origin}/__redirect-target?id=${id}`)}`;

describe('the face worker’s network guard', () => {
  beforeEach(async () => {
    worker = new Worker(new URL('../../test/workers/network-guard-worker.ts', import.meta.url), {
      type: 'module',
    });
    await ask({ type: 'restrict', origins: [] });
  });

  afterEach(() => worker.terminate());

  it('lets the worker fetch from its own origin and refuses any other before it leaves', async () => {
    const own = await ask({ type: 'fetch', url: '/__redirect-hits?id=own' });
    expect(own).to.deep.equal({ status: 200 });
    const id = crypto.randomUUID();
    const other = await ask({ type: 'fetch', url: `${OTHER}/__redirect-target?id=${id}` });
    expect(other.error).to.contain('refused');
    expect(await hits(id)).to.equal(0);
  });

  it('does not follow a redirect from an allowed origin to another one (the target never hears of it)', async () => {
    const id = crypto.randomUUID();
    const outcome = await ask({ type: 'fetch', url: redirectTo(OTHER, id) });
    expect(outcome.error, 'fails like a network error').to.match(/TypeError/);
    expect(await hits(id), 'requests that reached the other origin').to.equal(0);
    const log = await ask<NetworkLog>({ type: 'log' });
    expect(log.failed.map((f) => f.status)).to.deep.equal([0]);
  });

  it('does not follow a redirect even within its own origin: the files must be served directly', async () => {
    const id = crypto.randomUUID();
    const outcome = await ask({ type: 'fetch', url: redirectTo(location.origin, id) });
    expect(outcome.error).to.match(/TypeError/);
    expect(await hits(id)).to.equal(0);
  });

  it('aborts an XMLHttpRequest that a redirect took to another origin', async () => {
    const id = crypto.randomUUID();
    const outcome = await ask({ type: 'xhr', url: redirectTo(OTHER, id) });
    expect(outcome.status, 'no response reaches the worker').to.equal(0);
    const log = await ask<NetworkLog>({ type: 'log' });
    expect(log.blocked).to.include(`${OTHER}/__redirect-target`);
    const direct = await ask({ type: 'xhr', url: `${OTHER}/__redirect-target?id=${id}` });
    expect(direct.error).to.contain('refused');
  });

  it('refuses WebSocket and EventSource connections to other origins, and lets its own through', async () => {
    const ws = OTHER.replace(/^http/, 'ws');
    expect((await ask({ type: 'websocket', url: `${ws}/socket` })).error).to.contain('refused');
    expect((await ask({ type: 'websocket', url: 'wss://example.com/socket' })).error).to.contain(
      'refused',
    );
    const own = location.origin.replace(/^http/, 'ws');
    expect(await ask({ type: 'websocket', url: `${own}/socket` })).to.deep.equal({});
    expect((await ask({ type: 'eventsource', url: `${OTHER}/events` })).error).to.contain(
      'refused',
    );
    expect(await ask({ type: 'eventsource', url: '/__redirect-hits?id=events' })).to.deep.equal({});
    const log = await ask<NetworkLog>({ type: 'log' });
    expect(log.blocked).to.deep.equal([
      `${ws}/socket`,
      'wss://example.com/socket',
      `${OTHER}/events`,
    ]);
  });

  it('refuses importScripts from other origins', async () => {
    const outcome = await ask({ type: 'importScripts', url: `${OTHER}/evil.js` });
    expect(outcome.error).to.contain('refused');
  });
});

describe('import() of a remote module in a worker', () => {
  // No patch can intercept `import()`: the worker's CSP does. A blob: worker inherits the CSP of
  // the document that made it (a worker loaded from a file gets its own response's), so a page
  // with `script-src 'self'` keeps other origins' code out of its workers too.
  it('is refused by the CSP the worker inherits from its page', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="script-src 'self' blob:; worker-src blob:">`;
    const loaded = new Promise((resolve) =>
      frame.addEventListener('load', resolve, { once: true }),
    );
    document.body.append(frame);
    await loaded;
    try {
      const view = frame.contentWindow as Window & typeof globalThis;
      const code = `
        self.addEventListener('securitypolicyviolation', (e) => postMessage('violation ' + e.violatedDirective));
        import(${JSON.stringify(`${OTHER}/src/face/types.js`)}).then(
          () => postMessage('loaded'),
          (error) => setTimeout(() => postMessage('failed ' + error.name), 50),
        );`;
      const url = view.URL.createObjectURL(new view.Blob([code], { type: 'text/javascript' }));
      const inner = new view.Worker(url, { type: 'module' });
      const messages: string[] = [];
      await new Promise<void>((resolve) => {
        inner.onmessage = (event: MessageEvent<string>) => {
          messages.push(event.data);
          if (event.data.startsWith('failed') || event.data === 'loaded') resolve();
        };
      });
      inner.terminate();
      expect(messages[0]).to.match(/^violation script-src/);
      expect(messages.at(-1)).to.equal('failed TypeError');
    } finally {
      frame.remove();
    }
  });
});
