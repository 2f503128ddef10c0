// A worker for src/face/network-guard.test.ts: installs the face worker's network guard, then
// tries what the test asks (fetch, XHR, WebSocket, EventSource, importScripts) and reports back.
import { networkLog, restrictNetwork } from '../../src/face/network-guard.js';

/** What the test asks the worker to try. */
export type GuardProbe =
  | { readonly type: 'restrict'; readonly origins: readonly string[] }
  | {
      readonly type: 'fetch' | 'xhr' | 'websocket' | 'eventsource' | 'importScripts';
      readonly url: string;
    }
  | { readonly type: 'log' };

/** What happened: a status when a response came, else the error's message. */
export interface GuardOutcome {
  readonly status?: number;
  readonly error?: string;
}

function xhr(url: string): Promise<GuardOutcome> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    try {
      request.open('GET', url);
    } catch (error) {
      resolve({ error: String(error) });
      return;
    }
    request.onloadend = () => resolve({ status: request.status });
    request.send();
  });
}

function connect(make: () => { close(): void }): GuardOutcome {
  try {
    make().close();
    return {};
  } catch (error) {
    return { error: String(error) };
  }
}

async function probe(message: GuardProbe): Promise<unknown> {
  switch (message.type) {
    case 'restrict':
      restrictNetwork(message.origins);
      return {};
    case 'log':
      return networkLog();
    case 'fetch':
      try {
        return { status: (await fetch(message.url)).status };
      } catch (error) {
        return { error: String(error) };
      }
    case 'xhr':
      return xhr(message.url);
    case 'websocket':
      return connect(() => new WebSocket(message.url));
    case 'eventsource':
      return connect(() => new EventSource(message.url));
    case 'importScripts':
      try {
        (self as unknown as { importScripts(url: string): void }).importScripts(message.url);
        return {};
      } catch (error) {
        return { error: String(error) };
      }
  }
}

self.onmessage = async (event: MessageEvent<GuardProbe>) => {
  self.postMessage(await probe(event.data));
};
