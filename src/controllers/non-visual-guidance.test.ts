import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ReactiveControllerHost } from 'lit';
import '../define/kyc-camera-view.js';
import '../define/kyc-capture.js';
import type { KycCameraViewElement } from '../elements/kyc-camera-view/kyc-camera-view.js';
import type { KycCaptureElement } from '../elements/kyc-capture/kyc-capture.js';
import { createDemoSession } from '../../test/helpers/backend.js';
import { begin, mount, shoot } from '../../test/helpers/kyc-element.js';
import {
  NonVisualGuidanceController,
  TONE_GOOD_HZ,
  VIBRATE_CAPTURE,
  VIBRATE_FAILURE,
  type AudioContextLike,
  type LiveCue,
  type NonVisualCue,
  type NonVisualGuidanceConfig,
} from './non-visual-guidance.js';

// Non-visual guidance against recording fakes of speechSynthesis, AudioContext and
// navigator.vibrate, handed in through the controller's config: what a person would hear and feel.

const host: ReactiveControllerHost = {
  addController: () => undefined,
  removeController: () => undefined,
  requestUpdate: () => undefined,
  updateComplete: Promise.resolve(true),
};

/** A recording AudioParam: every target the tone glides to. */
function param(initial: number) {
  const targets: number[] = [];
  return {
    targets,
    value: initial,
    setTargetAtTime(target: number) {
      targets.push(target);
    },
  };
}

/** Recording fakes of the three APIs, and what each was asked to do. */
function fakes() {
  const said: { text: string; lang: string }[] = [];
  let cancels = 0;
  const vibrations: number[][] = [];
  const oscillators: { frequency: ReturnType<typeof param>; started: boolean; stopped: boolean }[] =
    [];
  const gains: ReturnType<typeof param>[] = [];
  const contexts: { state: AudioContextState; resumes: number }[] = [];
  let audioCalls = 0;
  const node = () => ({ connect: () => undefined, disconnect: () => undefined });
  const config: NonVisualGuidanceConfig = {
    speech: {
      synth: {
        speak: (u: SpeechSynthesisUtterance) => void said.push({ text: u.text, lang: u.lang }),
        cancel: () => void cancels++,
      },
      utterance: (text) => new SpeechSynthesisUtterance(text),
    },
    audio: () => {
      audioCalls++;
      const context = {
        state: 'suspended' as AudioContextState,
        resumes: 0,
        currentTime: 0,
        destination: {},
        createOscillator() {
          const oscillator = {
            ...node(),
            type: 'sine',
            frequency: param(0),
            started: false,
            stopped: false,
            start: () => void (oscillator.started = true),
            stop: () => void (oscillator.stopped = true),
          };
          oscillators.push(oscillator);
          return oscillator;
        },
        createGain() {
          const gain = { ...node(), gain: param(0) };
          gains.push(gain.gain);
          return gain;
        },
        resume: async () => {
          context.resumes++;
          context.state = 'running';
        },
        suspend: async () => void (context.state = 'suspended'),
        close: async () => void (context.state = 'closed'),
      };
      contexts.push(context);
      return context as unknown as AudioContextLike;
    },
    vibrate: (pattern) => vibrations.push(pattern) > 0,
  };
  return {
    config,
    said,
    vibrations,
    oscillators,
    gains,
    contexts,
    get cancels() {
      return cancels;
    },
    get audioCalls() {
      return audioCalls;
    },
  };
}

const ALL: NonVisualCue[] = ['speech', 'tone', 'vibration'];
const cue = (text: string, fill: number | null = null, good = false): LiveCue => ({
  text,
  fill,
  good,
});

function guidance(
  f: ReturnType<typeof fakes>,
  cues: NonVisualCue[] = ALL,
  extra: NonVisualGuidanceConfig = {},
) {
  const controller = new NonVisualGuidanceController(host, { ...f.config, ...extra });
  controller.hostConnected();
  controller.configure(cues, 'fr-FR');
  return controller;
}

describe('non-visual guidance', () => {
  it('speaks the instruction only when it changes, in the flow language', () => {
    const f = fakes();
    const g = guidance(f);
    for (let i = 0; i < 5; i++) g.live(cue('Placez votre document dans le cadre', 0.1));
    expect(f.said).to.deep.equal([{ text: 'Placez votre document dans le cadre', lang: 'fr-FR' }]);
    g.hostDisconnected();
  });

  it('says no more than one instruction per gap: the latest, the stale one cancelled', async () => {
    const f = fakes();
    const g = guidance(f, ALL, { speechGapMs: 150 });
    g.live(cue('A'));
    g.live(cue('B'));
    g.live(cue('C'));
    expect(f.said.map((s) => s.text)).to.deep.equal(['A']);
    await aTimeout(220);
    // B was stale before its turn came: only C is said, after cancelling what was still speaking.
    expect(f.said.map((s) => s.text)).to.deep.equal(['A', 'C']);
    expect(f.cancels).to.equal(2);
    // A flicker back to what was said says nothing new.
    g.live(cue('D'));
    g.live(cue('C'));
    await aTimeout(220);
    expect(f.said.map((s) => s.text)).to.deep.equal(['A', 'C']);
    g.hostDisconnected();
  });

  it('says "captured" at once and buzzes once per capture; two buzzes on a failure', async () => {
    const f = fakes();
    const g = guidance(f, ALL, { speechGapMs: 150 });
    g.live(cue('A'));
    g.live(cue('B'));
    g.captured('Photo prise');
    // The preview runs on while the photo is processed: its instructions are held back.
    g.live(cue('C', 0.3));
    await aTimeout(220);
    // The pending instruction is dropped: the capture is what the person hears.
    expect(f.said.map((s) => s.text)).to.deep.equal(['A', 'Photo prise']);
    expect(f.said[1]!.lang).to.equal('fr-FR');
    expect(f.vibrations).to.deep.equal([VIBRATE_CAPTURE]);
    g.captured('Photo prise');
    expect(f.vibrations).to.deep.equal([VIBRATE_CAPTURE, VIBRATE_CAPTURE]);
    g.failed('La photo est floue');
    expect(f.vibrations.at(-1)).to.deep.equal(VIBRATE_FAILURE);
    expect(f.said.at(-1)!.text).to.equal('La photo est floue');
    g.hostDisconnected();
  });

  it('sounds no tone before the Start press', () => {
    const f = fakes();
    const g = guidance(f);
    g.live(cue('A', 0.3));
    expect(f.audioCalls).to.equal(0);
    g.unlock();
    expect(f.audioCalls).to.equal(1);
    expect(f.contexts[0]!.resumes).to.equal(1);
    g.live(cue('A', 0.3));
    expect(f.oscillators).to.have.length(1);
    expect(f.oscillators[0]!.started).to.equal(true);
    g.hostDisconnected();
  });

  it('raises the pitch as the document fills more of the frame, and holds one note when good', () => {
    const f = fakes();
    const g = guidance(f);
    g.unlock();
    const fills = [0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    for (const fill of fills) g.live(cue('Rapprochez-vous', fill));
    const pitches = f.oscillators[0]!.frequency.targets;
    expect(pitches).to.have.length(fills.length);
    for (let i = 1; i < pitches.length; i++) expect(pitches[i]).to.be.greaterThan(pitches[i - 1]!);
    g.live(cue('Ne bougez plus', 0.4, true));
    expect(pitches.at(-1)).to.equal(TONE_GOOD_HZ);
    expect(TONE_GOOD_HZ).to.be.greaterThan(Math.max(...pitches.slice(0, -1)));
    // Quiet while sounding, silent without a document.
    const loudness = f.gains[0]!.targets;
    expect(Math.max(...loudness)).to.be.within(0.01, 0.1);
    g.live(cue('Placez votre document', null));
    expect(loudness.at(-1)).to.equal(0);
    g.hostDisconnected();
  });

  it('stops the tone on a step change, a pause and a hidden page; closes it on disconnect', async () => {
    const f = fakes();
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const g = guidance(f, ALL, { document: page as unknown as Document, speechGapMs: 150 });
    g.unlock();
    g.live(cue('A', 0.2));
    g.stepChanged();
    expect(f.oscillators[0]!.stopped).to.equal(true);
    g.live(cue('B', 0.2));
    g.live(null); // the camera paused or the view hid
    expect(f.oscillators[1]!.stopped).to.equal(true);
    g.live(cue('C', 0.2));
    g.live(cue('D', 0.2)); // pending behind the gap
    page.visibilityState = 'hidden';
    page.dispatchEvent(new Event('visibilitychange'));
    expect(f.oscillators[2]!.stopped).to.equal(true);
    expect(f.contexts[0]!.state).to.equal('suspended');
    const cancels = f.cancels;
    expect(cancels).to.be.greaterThan(0);
    // Hidden: nothing sounds or speaks, and the pending instruction never comes.
    g.live(cue('E', 0.2));
    await aTimeout(220);
    expect(f.oscillators).to.have.length(3);
    expect(f.said.map((s) => s.text)).to.not.include.members(['D', 'E']);
    page.visibilityState = 'visible';
    g.live(cue('F', 0.2));
    expect(f.oscillators).to.have.length(4);
    g.live(cue('G', 0.2)); // pending again
    g.hostDisconnected();
    expect(f.oscillators[3]!.stopped).to.equal(true);
    expect(f.contexts[0]!.state).to.equal('closed');
    expect(f.cancels).to.be.greaterThan(cancels);
    await aTimeout(220);
    expect(f.said.map((s) => s.text)).to.not.include('G');
    // After a disconnect the page's visibility no longer reaches it.
    page.dispatchEvent(new Event('visibilitychange'));
  });

  it('does nothing at all when the setting is off', async () => {
    const f = fakes();
    const g = guidance(f, []);
    g.unlock();
    g.live(cue('A', 0.3));
    g.live(cue('B', 0.5, true));
    g.captured('Photo taken');
    g.failed('Blurry');
    g.stepChanged();
    await aTimeout(50);
    g.hostDisconnected();
    expect(f.said).to.deep.equal([]);
    expect(f.cancels).to.equal(0);
    expect(f.audioCalls).to.equal(0);
    expect(f.vibrations).to.deep.equal([]);
  });

  it('uses only the cues asked for', () => {
    const f = fakes();
    const g = guidance(f, ['vibration']);
    g.unlock();
    g.live(cue('A', 0.3));
    g.captured('Photo taken');
    expect([f.said.length, f.audioCalls, f.vibrations.length]).to.deep.equal([0, 0, 1]);
    // Turning the tone off later closes its audio.
    g.stepChanged();
    g.configure(['tone'], 'en');
    g.unlock();
    g.live(cue('A', 0.3));
    g.configure([], 'en');
    expect(f.oscillators[0]!.stopped).to.equal(true);
    expect(f.contexts[0]!.state).to.equal('closed');
  });
});

describe('non-visual guidance in the elements', () => {
  it('reads the cues from the guidance attribute, off by default', async () => {
    const el = await fixture<KycCaptureElement>(
      html`<kyc-capture guidance="speech tone, vibration hum"></kyc-capture>`,
    );
    expect(el.nonVisualGuidance).to.deep.equal(['speech', 'tone', 'vibration']);
    const plain = await fixture<KycCaptureElement>(html`<kyc-capture></kyc-capture>`);
    expect(plain.nonVisualGuidance).to.deep.equal([]);
  });

  it('has the camera view report what it shows while live, and null once hidden', async () => {
    const cues: (LiveCue | null)[] = [];
    const el = await fixture<KycCameraViewElement>(
      html`<kyc-camera-view
        .active=${true}
        heading="Front of your document"
        guidance="Place the front of your document inside the frame."
        .onLiveCue=${(c: LiveCue | null) => cues.push(c)}
      ></kyc-camera-view>`,
    );
    await waitUntil(() => cues.at(-1), 'a live cue', { timeout: 10000 });
    expect(cues.at(-1)).to.deep.equal({
      text: 'Place the front of your document inside the frame.',
      fill: null,
      good: false,
    });
    el.hidden = true;
    await el.updateComplete;
    expect(cues.at(-1)).to.equal(null);
  });

  it('speaks the step in the element language and "Photo taken" on the shutter, buzzing once', async () => {
    // The element uses the page's own APIs: recorded here for this test only, then put back.
    const said: { text: string; lang: string }[] = [];
    const buzzes: unknown[] = [];
    const synth = globalThis.speechSynthesis;
    const nav = navigator as Navigator & { vibrate?: unknown };
    const hadVibrate = Object.prototype.hasOwnProperty.call(nav, 'vibrate');
    const ownVibrate = nav.vibrate;
    Object.assign(synth, {
      speak: (u: SpeechSynthesisUtterance) => void said.push({ text: u.text, lang: u.lang }),
      cancel: () => undefined,
    });
    Object.defineProperty(nav, 'vibrate', {
      configurable: true,
      value: (pattern: unknown) => buzzes.push(pattern) > 0,
    });
    try {
      const off = (await mount(await createDemoSession())).el;
      await begin(off, 'passport');
      await shoot(off);
      expect([said, buzzes], 'off by default').to.deep.equal([[], []]);
      off.remove();

      const { el } = await mount(await createDemoSession(), (e) => {
        e.lang = 'en-GB';
        e.nonVisualGuidance = ['speech', 'vibration'];
      });
      await begin(el, 'passport');
      await shoot(el);
      expect(said[0]).to.deep.equal({
        text: 'Place the front of your document inside the frame, then take the photo.',
        lang: 'en-GB',
      });
      expect(said.at(-1)).to.deep.equal({ text: 'Photo taken', lang: 'en-GB' });
      expect(buzzes).to.deep.equal([VIBRATE_CAPTURE]);
      el.remove();
    } finally {
      delete (synth as unknown as Record<string, unknown>).speak;
      delete (synth as unknown as Record<string, unknown>).cancel;
      if (hadVibrate)
        Object.defineProperty(nav, 'vibrate', { configurable: true, value: ownVibrate });
      else delete (nav as unknown as Record<string, unknown>).vibrate;
    }
  });
});
