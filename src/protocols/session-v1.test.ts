// The session-v1 adapter end to end against the mock backend on the test server's origin, with real
// JPEGs drawn on a canvas. Only the strict-parsing cases use a fake fetch (the mock never answers
// malformed replies).
import { expect } from '@open-wc/testing';
import { KycClient, type FetchFunction } from '../api/client.js';
import { AbortedError, ResponseFormatError } from '../api/errors.js';
import type { Capture } from '../capture/types.js';
import type { CaptureStep, DocumentType } from '../steps.js';
import { en } from '../i18n/en.js';
import { feedbackText } from '../i18n/text.js';
import {
  buildAddImageRequest,
  buildDeviceInfo,
  bytesToBase64,
  CaptureInputError,
  createSessionV1Adapter,
  ImageFeedback,
  readImageHeader,
  SDK_VERSION,
  SessionV1ReplyError,
} from './session-v1.js';
import type { SendOptions } from './types.js';
import {
  createDemoSession,
  receivedImages,
  renewToken,
  type SessionCredentials,
} from '../../test/helpers/backend.js';
import { bytesOf, canvas2d, canvasToBlob, rejection } from '../../test/helpers/async.js';

/** Draws something document- or face-like, so the JPEG has real content and a realistic size. */
function drawScene(step: CaptureStep, width: number, height: number): HTMLCanvasElement {
  const { canvas, ctx } = canvas2d(width, height);
  ctx.fillStyle = '#5b6470';
  ctx.fillRect(0, 0, width, height);
  if (step === 'selfie') {
    ctx.fillStyle = '#e0b899';
    ctx.beginPath();
    ctx.ellipse(width / 2, height / 2, width / 5, height / 4, 0, 0, Math.PI * 2);
    ctx.fill();
  } else {
    const w = width * 0.7;
    const h = w / 1.586; // ID-1 card proportions
    const x = (width - w) / 2;
    const y = (height - h) / 2;
    ctx.fillStyle = '#f4f1e8';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#22313f';
    ctx.font = `${Math.round(h / 12)}px sans-serif`;
    for (let line = 0; line < 5; line++) {
      ctx.fillText(
        `${step.toUpperCase()} LINE ${line} <<<<<<<<<<`,
        x + w * 0.35,
        y + h * (0.25 + line * 0.13),
      );
    }
    ctx.fillStyle = '#9aa5b1';
    ctx.fillRect(x + w * 0.05, y + h * 0.2, w * 0.25, h * 0.6);
  }
  return canvas;
}

/** A capture as the element would hand it over: a canvas JPEG (or PNG) with its real size. */
async function capture(
  step: CaptureStep,
  options: { documentType?: DocumentType; width?: number; height?: number; type?: string } = {},
): Promise<Capture> {
  const width = options.width ?? (step === 'selfie' ? 720 : 1280);
  const height = options.height ?? (step === 'selfie' ? 1280 : 720);
  const canvas = drawScene(step, width, height);
  const blob = await canvasToBlob(canvas, options.type ?? 'image/jpeg', 0.9);
  return {
    step,
    blob,
    width,
    height,
    source: 'camera',
    documentType: step === 'selfie' ? undefined : options.documentType,
    cameraLabel: step === 'selfie' ? 'Front camera' : 'Back camera',
    facingMode: step === 'selfie' ? 'user' : 'environment',
    takenAt: Date.now(),
  };
}

function adapterFor(session: SessionCredentials, fetchImpl?: FetchFunction) {
  const client = new KycClient({ token: session.start_token, fetch: fetchImpl, backoffMs: 10 });
  return createSessionV1Adapter({ client, sessionId: session.session_id });
}

describe('session-v1 adapter', () => {
  it('starts without a request: the first upload tells what is missing', async () => {
    let calls = 0;
    const adapter = adapterFor({ session_id: 's', start_token: 't' }, () => {
      calls++;
      return Promise.reject(new Error('no request expected'));
    });
    expect(adapter.name).to.equal('session-v1');
    expect(await adapter.start()).to.deep.equal({});
    expect(calls).to.equal(0);
  });

  it('completes a passport flow (front + selfie), then answers 409 as already complete', async () => {
    const session = await createDemoSession();
    const adapter = adapterFor(session);
    const front = await adapter.send(await capture('document_front', { documentType: 'passport' }));
    expect(front).to.deep.equal({
      accepted: true,
      feedback: 'ok',
      complete: false,
      missing: ['selfie'],
    });
    const selfie = await adapter.send(await capture('selfie'));
    expect(selfie).to.deep.equal({ accepted: true, feedback: 'ok', complete: true, missing: [] });
    const again = await adapter.send(await capture('selfie'));
    expect(again).to.deep.equal({
      accepted: true,
      feedback: 'ok',
      complete: true,
      alreadyComplete: true,
      missing: [],
    });
  });

  it('completes an identity-card flow (front, back, selfie); the backend holds what was sent', async () => {
    const session = await createDemoSession();
    const adapter = adapterFor(session);
    const captures = [
      await capture('document_front', { documentType: 'identity_card' }),
      await capture('document_back', { documentType: 'identity_card' }),
      await capture('selfie'),
    ];
    const results = [];
    for (const item of captures) results.push(await adapter.send(item));
    expect(results.map((r) => [r.accepted, r.complete, r.missing])).to.deep.equal([
      [true, false, ['document_back', 'selfie']],
      [true, false, ['selfie']],
      [true, true, []],
    ]);

    const images = await receivedImages(session.session_id);
    expect(
      images.map((i) => [i.type, i.document_type, i.width, i.height, i.mime_type, i.source]),
    ).to.deep.equal([
      ['document_front', 'identity_card', 1280, 720, 'image/jpeg', 'camera'],
      ['document_back', 'identity_card', 1280, 720, 'image/jpeg', 'camera'],
      ['selfie', undefined, 720, 1280, 'image/jpeg', 'camera'],
    ]);
    expect(images.map((i) => i.size_bytes)).to.deep.equal(captures.map((c) => c.blob.size));
    const stored = await fetch(`/demo/sessions/${session.session_id}/images/${images[0]?.id}`);
    const sent = await bytesOf(captures[0]!.blob);
    const back = new Uint8Array(await stored.arrayBuffer());
    expect(stored.headers.get('content-type')).to.equal('image/jpeg');
    expect(back.length === sent.length && back.every((b, i) => b === sent[i])).to.equal(true);
  });

  it('takes the document type from SendOptions when the capture has none', async () => {
    const session = await createDemoSession();
    const adapter = adapterFor(session);
    const front = await capture('document_front');
    const result = await adapter.send(front, { documentType: 'drivers_license' });
    expect(result.missing).to.deep.equal(['document_back', 'selfie']);
    const images = await receivedImages(session.session_id);
    expect(images[0]?.document_type).to.equal('drivers_license');
  });

  it('passes the backend feedback through, with guidance, until the image is accepted', async () => {
    const session = await createDemoSession({
      mock_behavior: { feedback: { document_front: ['glare', 'hologram_hidden'] } },
    });
    const adapter = adapterFor(session);
    const front = await capture('document_front', { documentType: 'identity_card' });
    const first = await adapter.send(front);
    expect(first).to.include({ accepted: false, feedback: 'glare', complete: false });
    expect(first.missing).to.deep.equal(['document_front', 'document_back', 'selfie']);
    expect(feedbackText(en, first)).to.equal(en.feedback.glare);
    expect(feedbackText(en, first)).to.contain('tilt');
    const second = await adapter.send(front);
    expect(second).to.include({ accepted: false, feedback: 'hologram_hidden' });
    expect(feedbackText(en, second)).to.equal(en.feedbackUnknown);
    const third = await adapter.send(front);
    expect(third).to.include({ accepted: true, feedback: 'ok' });
    expect(third.missing).to.deep.equal(['document_back', 'selfie']);
  });

  it('has one guidance line for every known feedback value', () => {
    for (const value of Object.values(ImageFeedback)) {
      expect(en.feedback[value], value).to.be.a('string').and.not.equal('');
    }
  });

  it('renews an expired start token through getToken and the upload goes through', async () => {
    const session = await createDemoSession({ start_token_ttl_seconds: 0 });
    let asked = 0;
    const client = new KycClient({
      token: session.start_token,
      getToken: async () => {
        asked++;
        return renewToken(session.session_id);
      },
    });
    const adapter = createSessionV1Adapter({ client, sessionId: session.session_id });
    const result = await adapter.send(
      await capture('document_front', { documentType: 'passport' }),
    );
    expect(result).to.include({ accepted: true, complete: false });
    expect(asked).to.equal(1);
  });

  it('rides out the backend’s temporary 503s', async () => {
    const session = await createDemoSession({ mock_behavior: { server_errors: 2 } });
    const adapter = adapterFor(session);
    const result = await adapter.send(await capture('selfie'));
    expect(result.accepted).to.equal(true);
  });

  it('sends PNGs and Blobs without a type: the format comes from the bytes', async () => {
    const session = await createDemoSession();
    const adapter = adapterFor(session);
    const png = await capture('document_front', { documentType: 'passport', type: 'image/png' });
    expect((await adapter.send(png)).accepted).to.equal(true);
    const jpeg = await capture('selfie');
    const untyped = { ...jpeg, blob: new Blob([await jpeg.blob.arrayBuffer()]) };
    expect((await adapter.send(untyped)).complete).to.equal(true);
    const images = await receivedImages(session.session_id);
    expect(images.map((i) => i.mime_type)).to.deep.equal(['image/png', 'image/jpeg']);
  });

  it('refuses, before any request, captures it cannot describe to the backend', async () => {
    let calls = 0;
    const adapter = adapterFor({ session_id: 's', start_token: 't' }, () => {
      calls++;
      return Promise.reject(new Error('no request expected'));
    });
    const noType = await rejection(adapter.send(await capture('document_back')));
    expect(noType).to.be.instanceOf(CaptureInputError);
    expect((noType as CaptureInputError).code).to.equal('missing-document-type');
    const text = {
      ...(await capture('selfie')),
      blob: new Blob(['not an image'], { type: 'image/jpeg' }),
    };
    const notImage = await rejection(adapter.send(text));
    expect((notImage as CaptureInputError).code).to.equal('unsupported-image');
    expect((notImage as CaptureInputError).retryable).to.equal(false);
    expect(calls).to.equal(0);
  });

  it('reports progress and honours an aborted signal', async () => {
    const session = await createDemoSession();
    const adapter = adapterFor(session);
    const progress: number[] = [];
    await adapter.send(await capture('selfie'), { onProgress: (f) => progress.push(f) });
    expect(progress).to.deep.equal([0, 1]);
    const error = await rejection(
      adapter.send(await capture('selfie'), { signal: AbortSignal.abort() }),
    );
    expect(error).to.be.instanceOf(AbortedError);
  });

  describe('reads replies strictly', () => {
    const replying =
      (body: unknown): FetchFunction =>
      () =>
        Promise.resolve(
          new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }),
        );
    const send = async (body: unknown, options?: SendOptions) =>
      adapterFor({ session_id: 's', start_token: 't' }, replying(body)).send(
        await capture('selfie', { width: 320, height: 240 }),
        options,
      );

    it('accepts `complete` as a string or a boolean and never reads unknown names as "nothing missing"', async () => {
      expect(await send({ feedback: 'ok', complete: true, missing_images: [] })).to.deep.equal({
        accepted: true,
        feedback: 'ok',
        complete: true,
        missing: [],
      });
      // A list with a name the SDK cannot read is no list: leaving it out lets the flow keep its plan.
      expect(
        await send({
          feedback: 'blurry',
          complete: 'false',
          missing_images: ['selfie', 'liveness'],
        }),
      ).to.deep.equal({ accepted: false, feedback: 'blurry', complete: false });
      expect(await send({ feedback: 'ok', complete: 'false' })).to.deep.equal({
        accepted: true,
        feedback: 'ok',
        complete: false,
      });
    });

    it('falls back to the planned steps when an incomplete reply names nothing it knows', async () => {
      const reply = {
        feedback: 'ok',
        complete: 'false',
        missing_images: ['DOCUMENT_BACK', 'SELFIE'],
      };
      expect(
        await send(reply, { remaining: ['document_back', 'selfie', 'liveness'] }),
      ).to.deep.equal({
        accepted: true,
        feedback: 'ok',
        complete: false,
        missing: ['document_back', 'selfie'],
      });
      const empty = { feedback: 'ok', complete: false, missing_images: [] };
      expect((await send(empty, { remaining: ['selfie'] })).missing).to.deep.equal(['selfie']);
      const error = await rejection(send(reply, { remaining: ['liveness'] }));
      expect(error).to.be.instanceOf(SessionV1ReplyError);
      expect(error).to.include({ code: 'unknown-missing-images', retryable: false, final: true });
      expect((error as SessionV1ReplyError).reason).to.deep.equal({
        code: 'session-v1.unknown-missing-images',
        params: { names: ['DOCUMENT_BACK', 'SELFIE'] },
      });
      expect(en.errors['session-v1.unknown-missing-images']({ names: ['SELFIE'] })).to.contain(
        'SELFIE',
      );
      // complete "true" ends the flow whatever the list says.
      const done = { feedback: 'ok', complete: 'true', missing_images: ['SELFIE'] };
      expect(await send(done, { remaining: [] })).to.deep.equal({
        accepted: true,
        feedback: 'ok',
        complete: true,
      });
    });

    it('reads missing_images through imageNames and sends image.type by them', async () => {
      const bodies: unknown[] = [];
      const fetchImpl: FetchFunction = (_url, init) => {
        bodies.push(JSON.parse(init.body as string));
        return replying({ feedback: 'ok', complete: 'false', missing_images: ['SELFIE'] })(
          _url,
          init,
        );
      };
      const adapter = createSessionV1Adapter({
        client: new KycClient({ token: 't', fetch: fetchImpl }),
        sessionId: 's',
        imageNames: { document_back: 'DOCUMENT_BACK', selfie: 'SELFIE' },
      });
      const back = await capture('document_back', { documentType: 'identity_card' });
      expect(await adapter.send(back, { remaining: [] })).to.deep.equal({
        accepted: true,
        feedback: 'ok',
        complete: false,
        missing: ['selfie'],
      });
      expect((bodies[0] as { image: { type: string } }).image.type).to.equal('DOCUMENT_BACK');
    });

    it('rejects wrong types with ResponseFormatError', async () => {
      for (const body of [
        { feedback: 1, complete: 'false' },
        { feedback: 'ok', complete: 'yes' },
        { feedback: 'ok' },
        { feedback: 'ok', complete: false, missing_images: 'selfie' },
        { feedback: 'ok', complete: false, missing_images: [1] },
        ['ok'],
        null,
      ]) {
        const error = await rejection(send(body));
        expect(error, JSON.stringify(body)).to.be.instanceOf(ResponseFormatError);
      }
    });
  });
});

describe('session-v1 wire format', () => {
  it('describes this browser in device_info', () => {
    const info = buildDeviceInfo({ cameraLabel: 'Back camera', facingMode: 'environment' });
    expect(info.sdk_name).to.equal('kyc-capture');
    expect(info.sdk_version).to.equal(SDK_VERSION);
    expect(info.user_agent).to.equal(navigator.userAgent);
    expect(info.language).to.equal(navigator.language);
    expect(info.screen_width).to.equal(screen.width);
    expect(info.screen_height).to.be.above(0);
    expect(info.camera_label).to.equal('Back camera');
    expect(info.camera_facing).to.equal('environment');
    expect(buildDeviceInfo().camera_label).to.equal(null);
  });

  it('builds JPEG bodies with document_type only on documents', async () => {
    for (const [step, documentType] of [
      ['document_front', 'passport'],
      ['selfie', 'passport'],
    ] as const) {
      const item = await capture(step, { documentType });
      const bytes = await bytesOf(item.blob);
      const header = readImageHeader(bytes);
      expect(header).to.deep.equal({
        ok: true,
        mimeType: 'image/jpeg',
        width: item.width,
        height: item.height,
      });
      const body = buildAddImageRequest({
        capture: item,
        data: bytesToBase64(bytes),
        mimeType: 'image/jpeg',
        documentType,
        deviceInfo: buildDeviceInfo(),
      });
      expect('document_type' in body.image).to.equal(step !== 'selfie');
      expect(body.image.data.startsWith('/9j/')).to.equal(true); // base64 of FF D8 FF
    }
  });

  it('encodes base64 exactly like the browser does', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    expect(bytesToBase64(bytes) === btoa(binary)).to.equal(true);
  });
});
