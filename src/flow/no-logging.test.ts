// "Nothing is logged": a whole flow with uploads (the real flow controller, the session-v1
// protocol as the element opens it, the mock backend over real HTTP) through a token renewal, a
// retried 503, a reset connection, a 413 re-encode and a refused upload, with every console method
// trapped. No call may carry a token or image data; in fact the SDK makes no console call at all.
import { expect } from '@open-wc/testing';
import { createDemoSession, receivedImages, renewToken } from '../../test/helpers/backend.js';
import { testCapture } from '../../test/helpers/captures.js';
import { armFault, clearFaults } from '../../test/helpers/faults.js';
import { settled, testFlow } from '../../test/helpers/flow-host.js';

/** The bytes of a Blob as base64, read by the browser (not by the code under test). */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** Everything a console call was given, as text (errors with their cause, objects as JSON). */
function textOf(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) {
    const cause = depth < 3 ? textOf((value as { cause?: unknown }).cause, depth + 1) : '';
    return `${value.name} ${value.message} ${value.stack ?? ''} ${JSON.stringify(value)} ${cause}`;
  }
  try {
    return `${JSON.stringify(value)} ${String(value)}`;
  } catch {
    return String(value);
  }
}

/** Replaces every console method with a recorder until `restore()`. */
function trapConsole() {
  const calls: { method: string; text: string }[] = [];
  const target = console as unknown as Record<string, unknown>;
  const originals = new Map<string, unknown>();
  for (const method of Object.keys(target)) {
    if (typeof target[method] !== 'function') continue;
    originals.set(method, target[method]);
    target[method] = (...args: unknown[]) =>
      calls.push({ method, text: args.map((arg) => textOf(arg)).join(' ') });
  }
  return {
    calls,
    restore: () => originals.forEach((original, method) => (target[method] = original)),
  };
}

describe('nothing is logged', () => {
  afterEach(clearFaults);

  it('a full flow with uploads, renewals and faults makes no console call, and none carries a token or an image', async () => {
    const session = await createDemoSession({ start_token_ttl_seconds: 0 });
    const tokens = [session.start_token];
    const path = `/api/v1/verification/${session.session_id}/images`;
    const trap = trapConsole();
    const images: string[] = [];
    try {
      const { flow, host } = testFlow({
        session: session.session_id,
        token: session.start_token,
        getToken: async () => {
          const token = await renewToken(session.session_id);
          tokens.push(token);
          return token;
        },
      });
      flow.start('identity_card');
      // Front: 401 (expired token) → renewal → a 503 retried → accepted.
      await armFault(path, { kind: 'unavailable' });
      const front = await testCapture('document_front', 'identity_card');
      flow.captured(front);
      flow.confirm();
      await settled(flow, 'camera');
      // Back: refused with a 400 (an error the person sees), then retaken and sent through a reset.
      await armFault(path, {
        status: 400,
        body: '{"error":{"code":"invalid_field","message":"no"}}',
      });
      const back = await testCapture('document_back', 'identity_card', '#6b5b70');
      flow.captured(back);
      flow.confirm();
      await settled(flow, 'error');
      flow.retake();
      await armFault(path, { kind: 'reset' });
      const back2 = await testCapture('document_back', 'identity_card', '#706b5b');
      flow.captured(back2);
      flow.confirm();
      await settled(flow, 'camera');
      // Selfie: a 413, re-encoded smaller and sent again.
      await armFault(path, { status: 413, body: '{"error":{"code":"image_too_large"}}' });
      const selfie = await testCapture('selfie');
      flow.captured(selfie);
      flow.confirm();
      await settled(flow, 'done');
      expect(host.eventTypes).to.include('kyc-complete');
      for (const capture of [front, back, back2, selfie]) images.push(await base64Of(capture.blob));
      // What the backend stored, as it would be sent again.
      expect(await receivedImages(session.session_id)).to.have.length(3);
    } finally {
      trap.restore();
    }
    expect(tokens.length).to.be.at.least(2);
    // Compared as booleans, so that a failure never prints a token or an image.
    for (const call of trap.calls) {
      expect(
        tokens.some((token) => call.text.includes(token)),
        `console.${call.method} carried a token`,
      ).to.equal(false);
      expect(
        images.some((data) => call.text.includes(data.slice(0, 64))) ||
          /data:image\//.test(call.text),
        `console.${call.method} carried image data`,
      ).to.equal(false);
    }
    expect(trap.calls.map((call) => call.method)).to.deep.equal([]);
  });
});
