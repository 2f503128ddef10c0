// The element's fault matrix: each camera failure, a camera that stops mid-step, each bad file
// the fallback may be given, and hostile markup in what a server says. Every one ends on a screen
// that says what happened and what to do next, with the buttons that do it.
import { expect } from '@open-wc/testing';
import { CameraError } from '../../controllers/camera-error.js';
import { ImageFileError } from '../../capture/encode.js';
import { KycError } from '../../errors.js';
import type { KycErrorEvent } from '../../events/error.js';
import { en } from '../../i18n/en.js';
import type { ProtocolAdapter } from '../../protocols/types.js';
import { createDemoSession } from '../../../test/helpers/backend.js';
import { canvas2d, canvasToBlob } from '../../../test/helpers/async.js';
import {
  begin,
  buttonNamed,
  cameraView,
  mount,
  photoFile,
  pickFile,
  q,
  root,
  until,
  usePhoto,
} from '../../../test/helpers/kyc-element.js';
import type { KycCaptureElement } from './kyc-capture.js';

/** The error screen's parts, once it shows. */
async function errorScreen(el: KycCaptureElement) {
  await until(() => el.flow.status === 'error', 'error screen');
  await el.updateComplete;
  const alert = q(el, '[part~="error"] [role=alert]')!;
  return {
    code: alert.dataset.code,
    line: alert.textContent?.trim(),
    next: q(el, '[part~="error-next-step"]')?.textContent?.trim(),
    tryAgain: buttonNamed(root(el), 'Try again') !== undefined,
    upload: q(el, '[part~="error"] input[type=file]') !== null,
    camera: cameraView(el) !== null,
  };
}

function lastError(events: Event[]): KycErrorEvent {
  return events.filter((e) => e.type === 'kyc-error').at(-1) as KycErrorEvent;
}

describe('<kyc-capture> faults', () => {
  describe('camera errors', () => {
    const original = navigator.mediaDevices.getUserMedia;
    afterEach(() => {
      navigator.mediaDevices.getUserMedia = original;
    });

    // [DOMException name, CameraError code, whether "Try again" can help]
    const cases: [string, string, boolean][] = [
      ['NotAllowedError', 'permission-denied', true],
      ['NotFoundError', 'not-found', true],
      ['NotReadableError', 'in-use', true],
      ['OverconstrainedError', 'overconstrained', false],
      ['SecurityError', 'insecure-context', false],
      ['AbortError', 'aborted', true],
    ];
    for (const [name, code, retry] of cases) {
      it(`${name}: a typed CameraError (${code}), its line, the next step and the right buttons`, async () => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('x', name));
        const { el, events } = await mount(await createDemoSession());
        await begin(el, 'passport');
        const screen = await errorScreen(el);
        expect(screen).to.deep.equal({
          code,
          line: en.errors[`camera.${code}` as keyof typeof en.errors],
          next: en.errorSteps[`camera.${code}` as keyof typeof en.errorSteps],
          tryAgain: retry,
          upload: true,
          camera: false,
        });
        const error = lastError(events);
        expect(error.detail.error).to.be.instanceOf(CameraError);
        expect([error.detail.error.code, error.detail.phase]).to.deep.equal([code, 'camera']);
        expect((error.detail.error.cause as DOMException).name).to.equal(name);
      });
    }
  });

  describe('a camera that stops mid-step', () => {
    for (const [how, end] of [
      [
        'unplugged (the track ends)',
        (track: MediaStreamTrack) => {
          track.stop();
          track.dispatchEvent(new Event('ended'));
        },
      ],
      [
        'stopped by another script (track.stop(), no event)',
        (track: MediaStreamTrack) => {
          track.stop();
        },
      ],
    ] as const) {
      it(`${how}: says the camera stopped, and "Try again" brings it back`, async () => {
        const { el, events } = await mount(await createDemoSession());
        await begin(el, 'passport');
        const view = cameraView(el)!;
        await until(() => view.camera.status === 'live', 'camera live');
        end(view.camera.stream!.getVideoTracks()[0]!);
        const screen = await errorScreen(el);
        expect(screen).to.deep.equal({
          code: 'track-ended',
          line: en.errors['camera.track-ended'],
          next: en.errorSteps['camera.track-ended'],
          tryAgain: true,
          upload: true,
          camera: false,
        });
        expect(lastError(events).detail.error.code).to.equal('track-ended');
        buttonNamed(root(el), 'Try again')!.click();
        await until(() => cameraView(el)?.camera.status === 'live', 'camera live again');
        expect(el.flow.status).to.equal('camera');
      });
    }
  });

  describe('the file fallback', () => {
    async function pickOnCamera(file: File) {
      const { el, events } = await mount(await createDemoSession(), (host) => {
        host.options = { portrait: false, quality: false };
      });
      await begin(el, 'passport');
      await until(() => el.flow.status === 'camera', 'camera screen');
      await pickFile(el, file);
      return { el, events, screen: await errorScreen(el) };
    }

    function expectFileError(events: Event[], code: string) {
      const error = lastError(events).detail.error;
      expect(error).to.be.instanceOf(ImageFileError);
      expect(error.code).to.equal(code);
    }

    it('a file that is not an image: not-an-image, and another file can be picked', async () => {
      const pdf = new File(['%PDF-1.4\n%âãÏÓ\n1 0 obj\n'], 'id.pdf', { type: 'application/pdf' });
      const { el, events, screen } = await pickOnCamera(pdf);
      expect(screen).to.include({
        code: 'not-an-image',
        line: en.errors['not-an-image'],
        next: en.errorSteps['not-an-image'],
        upload: true,
      });
      expectFileError(events, 'not-an-image');
      await pickFile(el, await photoFile());
      await until(() => el.flow.status === 'review', 'review of the good photo');
      await usePhoto(el);
      expect(el.flow.accepted).to.deep.equal(['document_front']);
    });

    it('a corrupt JPEG: damaged, said plainly', async () => {
      const garbage = crypto.getRandomValues(new Uint8Array(4000));
      const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...garbage]);
      const { events, screen } = await pickOnCamera(new File([bytes], 'photo.jpg'));
      expect(screen).to.include({
        code: 'damaged',
        line: en.errors.damaged,
        next: en.errorSteps.damaged,
        upload: true,
      });
      expectFileError(events, 'damaged');
    });

    it('a HEIC photo this browser cannot open: says HEIC is not supported here', async () => {
      // An iPhone photo's first bytes: the ISO-BMFF `ftyp` box with the `heic` brand.
      const header = new TextEncoder().encode('\0\0\0\x18ftypheic\0\0\0\0mif1heic');
      const body = crypto.getRandomValues(new Uint8Array(4000));
      const { events, screen } = await pickOnCamera(new File([header, body], 'IMG_0001.HEIC'));
      expect(screen).to.include({
        code: 'unsupported-format',
        line: 'This browser cannot open HEIC photos.',
        next: en.errorSteps['unsupported-format'],
        upload: true,
      });
      expectFileError(events, 'unsupported-format');
    });

    it('a 50 MB photo: refused before decoding, with the limit to stay under', async () => {
      const big = new File([new Uint8Array(50 * 1024 * 1024)], 'huge.jpg', { type: 'image/jpeg' });
      const { events, screen } = await pickOnCamera(big);
      expect(screen).to.include({
        code: 'too-large',
        line: en.errors['too-large'],
        next: 'Choose a photo smaller than 40 MB, or take the photo with the camera.',
        upload: true,
      });
      expectFileError(events, 'too-large');
    });

    it('a large photo under the limit is scaled down, not refused', async () => {
      const { canvas, ctx } = canvas2d(6000, 4000);
      ctx.fillStyle = '#8aa';
      ctx.fillRect(0, 0, 6000, 4000);
      const photo = new File([await canvasToBlob(canvas, 'image/jpeg', 0.9)], 'big.jpg');
      const { el } = await mount(await createDemoSession(), (host) => {
        host.options = { portrait: false, quality: false };
      });
      await begin(el, 'passport');
      await until(() => el.flow.status === 'camera', 'camera screen');
      await pickFile(el, photo);
      await until(() => el.flow.status === 'review', 'review');
      expect(Math.max(el.flow.capture!.width, el.flow.capture!.height)).to.be.at.most(2560);
    });
  });

  describe('hostile markup in what a server says', () => {
    const HOSTILE = '<img src=x onerror="window.__kycPwned=1"><script>window.__kycPwned=2</script>';

    function hostileAdapter(): ProtocolAdapter {
      let calls = 0;
      return {
        name: 'hostile',
        start: () => Promise.resolve({}),
        send: () => {
          calls += 1;
          if (calls === 1) {
            return Promise.resolve({
              accepted: false,
              feedback: HOSTILE,
              complete: false,
              reason: { code: HOSTILE, params: { detail: HOSTILE } },
            });
          }
          throw new KycError('bad-response', HOSTILE, {
            reason: { code: 'bad-response', params: { detail: HOSTILE } },
          });
        },
      };
    }

    it('renders feedback and error text as text: no element is created, no handler runs', async () => {
      const { el, events } = await mount(undefined, (host) => {
        host.adapter = hostileAdapter();
        host.options = { portrait: false, quality: false };
      });
      await begin(el, 'passport');
      await until(() => el.flow.status === 'camera', 'camera screen');
      await pickFile(el, await photoFile());
      await until(() => el.flow.status === 'review', 'review');
      await usePhoto(el);
      expect(el.flow.status).to.equal('feedback');
      await el.updateComplete;
      // The server's own words are not shown at all: the catalog words what it can, else a generic line.
      expect(q(el, '[part~="feedback"] [role=alert]')!.textContent!.trim()).to.equal(
        en.feedbackUnknown,
      );
      const feedback = events.find(
        (e) => e.type === 'kyc-feedback',
      ) as HTMLElementEventMap['kyc-feedback'];
      expect(feedback.detail.feedback, 'the host gets the value as data').to.equal(HOSTILE);

      buttonNamed(root(el), 'Retake')!.click();
      await until(() => el.flow.status === 'camera', 'camera again');
      await pickFile(el, await photoFile());
      await until(() => el.flow.status === 'review', 'review again');
      await usePhoto(el);
      const screen = await errorScreen(el);
      expect(screen.line, 'shown as the characters it is').to.equal(HOSTILE);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(root(el).querySelectorAll('img, script').length).to.equal(0);
      expect((window as { __kycPwned?: number }).__kycPwned).to.equal(undefined);
    });
  });
});
