// Browser-side helpers for tests that talk to the mock backend mounted on the test server's origin
// (web-test-runner.config.mjs). They use its demo-only endpoints, which stand in for the
// integrator's own backend: create a session, renew its start token, list what it received.
import type {
  CreateSessionResponse,
  SessionImageMetadata,
  SessionImagesResponse,
} from '../../src/protocols/session-v1.js';

/** The body of `POST /demo/sessions` (see mock/session-v1.ts for what `mock_behavior` holds). */
export interface DemoSessionRequest {
  /** Test-only behaviour of the mock for this session. */
  readonly mock_behavior?: Readonly<Record<string, unknown>>;
  /** Lifetime of the first start token; 0 gives an already expired token. */
  readonly start_token_ttl_seconds?: number;
}

/** What a test needs of a session to talk to it from the browser. */
export type SessionCredentials = Pick<CreateSessionResponse, 'session_id' | 'start_token'>;

/** Creates a session the way the integrator's backend would (the mock's /demo endpoint). */
export async function createDemoSession(
  body: DemoSessionRequest = {},
): Promise<CreateSessionResponse> {
  const response = await fetch('/demo/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) {
    throw new Error(`creating a demo session failed: ${response.status}`);
  }
  return (await response.json()) as CreateSessionResponse;
}

/** A new start token for a session, as a host's getToken() would fetch it from its backend. */
export async function renewToken(sessionId: string, ttlSeconds?: number): Promise<string> {
  const response = await fetch(`/demo/sessions/${sessionId}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ start_token_ttl_seconds: ttlSeconds }),
  });
  if (response.status !== 200) throw new Error(`renewing a start token failed: ${response.status}`);
  return ((await response.json()) as { start_token: string }).start_token;
}

/** Every image the backend received for a session (rejected ones included), oldest first. */
export async function receivedImages(sessionId: string): Promise<readonly SessionImageMetadata[]> {
  const response = await fetch(`/demo/sessions/${sessionId}/images`);
  if (response.status !== 200)
    throw new Error(`listing received images failed: ${response.status}`);
  return ((await response.json()) as SessionImagesResponse).session_images;
}
