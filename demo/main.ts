// The demo page: plays the integrator's backend (through the mock's /demo endpoints, which keep the
// access token on the server), mounts <kyc-capture> with the start token, logs every kyc-* event and
// lists what the backend received.
import '../src/define/index.js';
import { KYC_EVENT_NAMES } from '../src/index.js';
import { applyLook, bindLookSwitchers } from './look.js';
import { attachQa, setUpQa } from './qa.js';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

/** The theme and language the switchers chose (kept in the URL query), for each mounted element. */
const currentLook = bindLookSwitchers({
  theme: $<HTMLSelectElement>('#theme'),
  lang: $<HTMLSelectElement>('#lang'),
  target: () => document.querySelector('#mount kyc-capture'),
});

interface DemoSession {
  session_id: string;
  start_token: string;
  expiration: string;
  missing_images: string[];
}

interface ReceivedImage {
  id: string;
  type: string;
  mime_type: string;
  width: number;
  height: number;
  size_bytes: number;
  feedback: string;
  source?: string;
}

/** A log line that never includes a token or image bytes. */
function summarize(event: Event): string {
  const detail = (event as Event & { detail?: Record<string, unknown> }).detail ?? {};
  return JSON.stringify(detail, (key, value: unknown) => {
    if (value instanceof Blob) return `Blob(${value.type}, ${value.size} bytes)`;
    if (value instanceof Error)
      return { code: (value as Error & { code?: string }).code, message: value.message };
    return key === 'token' ? undefined : value;
  });
}

function log(event: Event): void {
  const item = document.createElement('li');
  item.dataset.event = event.type;
  item.textContent = `${event.type} ${summarize(event)}`;
  $('#event-log').append(item);
  item.scrollIntoView({ block: 'nearest' });
}

async function refreshReceived(sessionId: string): Promise<void> {
  const response = await fetch(`/demo/sessions/${encodeURIComponent(sessionId)}/images`);
  if (!response.ok) return;
  const { session_images: images } = (await response.json()) as { session_images: ReceivedImage[] };
  $('#received').replaceChildren(
    ...images.map((image) => {
      const item = document.createElement('li');
      item.dataset.type = image.type;
      item.dataset.feedback = image.feedback;
      const thumb = document.createElement('img');
      thumb.src = `/demo/sessions/${encodeURIComponent(sessionId)}/images/${encodeURIComponent(image.id)}`;
      thumb.alt = `${image.type} as received`;
      const text = document.createElement('span');
      text.textContent = `${image.type}: ${image.width}×${image.height}, ${(image.size_bytes / 1024).toFixed(0)} KiB, ${image.mime_type}, feedback “${image.feedback}”${image.source ? `, from ${image.source}` : ''}`;
      item.append(thumb, text);
      return item;
    }),
  );
}

/** Shows the liveness step's frames (session-v1 cannot take them; the page gets them). */
function showLivenessFrames(event: Event): void {
  const { capture } = (event as HTMLElementEventMap['kyc-capture']).detail;
  if (!capture.frames) return;
  $('#liveness-frames').replaceChildren(
    ...capture.frames.map((frame) => {
      const item = document.createElement('li');
      item.dataset.label = frame.label;
      const thumb = document.createElement('img');
      thumb.src = URL.createObjectURL(frame.blob);
      thumb.alt = frame.label;
      thumb.addEventListener('load', () => URL.revokeObjectURL(thumb.src), { once: true });
      const text = document.createElement('span');
      text.textContent = `${frame.label}${frame.challenge ? ` (${frame.challenge})` : ''}: ${frame.width}×${frame.height}`;
      item.append(thumb, text);
      return item;
    }),
  );
}

/** Creates <kyc-capture> with the page's capture settings and logs its events. */
function mountElement(configure: (element: HTMLElementTagNameMap['kyc-capture']) => void): void {
  $('#received').replaceChildren();
  $('#liveness-frames').replaceChildren();
  $('#event-log').replaceChildren();
  const element = document.createElement('kyc-capture');
  const liveness = $<HTMLSelectElement>('#liveness').value;
  if (liveness === 'passive' || liveness === 'passive_active') element.liveness = liveness;
  element.options = {
    autoCapture: $<HTMLInputElement>('#auto-capture').checked,
    straighten: $<HTMLInputElement>('#straighten').checked,
  };
  applyLook(element, currentLook());
  configure(element);
  // Per-frame metrics (with the debug overlay on) go to the QA panel, not the log.
  for (const name of KYC_EVENT_NAMES) {
    if (name !== 'kyc-frame-metrics') element.addEventListener(name, log);
  }
  element.addEventListener('kyc-capture', showLivenessFrames);
  attachQa(element);
  // The debug overlay's layer stays in the mount, over the element's preview.
  $('#mount').replaceChildren(element, $('#debug-layer'));
}

/** POSTs JSON to one of the demo's "integrator backend" endpoints. */
async function integrator<T>(
  path: string,
  body: unknown,
  info: HTMLElement,
): Promise<T | undefined> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    info.textContent = `Could not create a session at ${path} (HTTP ${response.status}).`;
    return undefined;
  }
  return (await response.json()) as T;
}

/**
 * The idv-sdk mock (seed 001): the integrator's backend creates the session and hands the page its
 * id, the client id and a bearer token; the element does the rest (consent, document type, images,
 * liveness, metadata, finalization) and reports `verified` in kyc-complete.
 */
async function startIdvSdk(info: HTMLElement): Promise<void> {
  const session = await integrator<{ session_id: string; client_id: string; access_token: string }>(
    '/demo/idv/sessions',
    {},
    info,
  );
  if (!session) return;
  info.textContent = `idv-sdk session ${session.session_id} (client ${session.client_id}).`;
  info.dataset.sessionId = session.session_id;
  mountElement((element) => {
    element.protocol = 'idv-sdk';
    element.session = session.session_id;
    element.clientId = session.client_id;
    element.token = session.access_token;
    element.geolocation = $<HTMLInputElement>('#geolocation').checked;
    // Seed 001 requires a position with every image: without the browser's, this demo chooses a
    // fixed one explicitly (an integrator might use its own IP lookup); the SDK never makes one up.
    if (!element.geolocation) element.location = { latitude: 40.4168, longitude: -3.7038 };
  });
}

/** What the demo's integrator endpoints answer: a token minted by kyc-capture/server. */
interface MintedSession {
  readonly id: string;
  readonly token: string;
  readonly expires_at: string;
  readonly api_base: string;
}

/**
 * The protocols whose vendor needs secrets, run through the demo's integrator backend (the demo
 * server with kyc-capture/server): it holds the vendor credentials, mints a short-lived token for
 * this page and proxies the one browser call. link-kyc (seed 000) sends front, back and selfie in
 * one verify request; validation-v2 (seed 002) sends front and selfie for a fresh applicant;
 * session-v1 (seed 004) adds each image through the proxy, which adds the access token ("Must be
 * sent from the backend"), instead of with the start token.
 */
const PROXIED = {
  'link-kyc': {
    protocol: 'link-kyc',
    sessions: '/demo/link-kyc/sessions',
    body: {},
    options: { expeditorCountry: 'ES' },
  },
  'validation-v2': {
    protocol: 'validation-v2',
    sessions: '/demo/validation/sessions',
    body: { attempts: 3 },
    // Seed 002 names only 10 (face only); these are the mock's codes for the three documents.
    options: { documentTypeCodes: { drivers_license: 1, identity_card: 2, passport: 3 } },
  },
  'session-v1-proxy': {
    protocol: 'session-v1',
    sessions: '/demo/session-v1/sessions',
    body: {},
    options: {},
  },
} as const;

async function startProxied(
  choice: keyof typeof PROXIED,
  info: HTMLElement,
  mockBehavior: unknown,
): Promise<void> {
  const { protocol, sessions, body, options } = PROXIED[choice];
  const session = await integrator<MintedSession>(
    sessions,
    protocol === 'session-v1' ? { mock_behavior: mockBehavior } : body,
    info,
  );
  if (!session) return;
  info.textContent = `${protocol} ${session.id}; token expires ${session.expires_at}.`;
  info.dataset.sessionId = session.id;
  mountElement((element) => {
    if (protocol === 'session-v1') {
      element.addEventListener('kyc-upload-result', () => void refreshReceived(session.id));
    }
    element.protocol = protocol;
    element.apiBase = session.api_base;
    element.session = session.id;
    element.token = session.token;
    element.tokenExpiresAt = session.expires_at;
    element.protocolOptions = options;
    // Renewal before expiry: the integrator mints a new token for the same request.
    element.getToken = async () => {
      const renewed = await integrator<MintedSession>(
        `${sessions}/${encodeURIComponent(session.id)}/token`,
        {},
        info,
      );
      if (!renewed) throw new Error('token renewal failed');
      return { token: renewed.token, expiresAt: renewed.expires_at };
    };
  });
}

$('#session-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const info = $('#session-info');
  let mockBehavior: unknown;
  const raw = $<HTMLTextAreaElement>('#mock-behavior').value.trim();
  try {
    mockBehavior = raw ? JSON.parse(raw) : undefined;
  } catch {
    info.textContent = 'mock_behavior is not valid JSON.';
    return;
  }
  const protocol = $<HTMLSelectElement>('#protocol').value;
  if (protocol === 'idv-sdk') {
    await startIdvSdk(info);
    return;
  }
  if (protocol === 'link-kyc' || protocol === 'validation-v2' || protocol === 'session-v1-proxy') {
    await startProxied(protocol, info, mockBehavior);
    return;
  }
  const response = await fetch('/demo/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      mock_behavior: mockBehavior,
      start_token_ttl_seconds: Number($<HTMLInputElement>('#token-ttl').value) || undefined,
    }),
  });
  if (!response.ok) {
    info.textContent = `Could not create a session (HTTP ${response.status}).`;
    return;
  }
  const session = (await response.json()) as DemoSession;
  info.textContent = `Session ${session.session_id}; start token expires ${session.expiration}.`;
  info.dataset.sessionId = session.session_id;
  mountElement((element) => {
    configureSessionV1(element, session);
    element.addEventListener('kyc-upload-result', () => void refreshReceived(session.session_id));
  });
});

/** session-v1: the start token, and its renewal through the demo's token endpoint. */
function configureSessionV1(
  element: HTMLElementTagNameMap['kyc-capture'],
  session: DemoSession,
): void {
  element.session = session.session_id;
  element.token = session.start_token;
  if ($<HTMLInputElement>('#refresh-token').checked) {
    // What an integrator's page does: ask its own backend for a fresh start token.
    element.getToken = async () => {
      const renewed = await fetch(
        `/demo/sessions/${encodeURIComponent(session.session_id)}/token`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        },
      );
      if (!renewed.ok) throw new Error(`token renewal failed (HTTP ${renewed.status})`);
      return ((await renewed.json()) as { start_token: string }).start_token;
    };
  }
}

setUpQa();
