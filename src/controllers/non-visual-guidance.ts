// Non-visual guidance (opt-in): what the camera view shows, said aloud, sounded as a tone and felt
// as a vibration, so that a person who cannot see the preview can still place a document and know
// the photo was taken. Speech speaks the one live instruction when it changes, no more often than
// every few seconds; the tone's pitch rises as the document (or face) fills more of the frame and
// holds one higher note while the frame is good; a short vibration marks a capture, a double one a
// failure. Each part checks its API first and does nothing where the browser lacks it, and nothing
// of it touches the browser unless the host asked for it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The cues a host can turn on (`guidance="speech tone vibration"`, any subset). */
export const NonVisualCue = {
  /** Speak the live instruction, and "Photo taken" on a capture (speech synthesis). */
  Speech: 'speech',
  /** A quiet tone whose pitch rises as the document fills the frame (Web Audio). */
  Tone: 'tone',
  /** A short vibration on a capture, a double one on a failure (`navigator.vibrate`). */
  Vibration: 'vibration',
} as const;
/** One non-visual cue. */
export type NonVisualCue = (typeof NonVisualCue)[keyof typeof NonVisualCue];

const CUES: readonly string[] = Object.values(NonVisualCue);
/** Whether a word names a cue (the attribute's converter drops the others). */
export const isNonVisualCue = (value: string): value is NonVisualCue => CUES.includes(value);

/** What the camera view reports after each update while its preview runs live. */
export interface LiveCue {
  /** The one instruction shown now, in the flow's language. */
  readonly text: string;
  /** How much of the frame the document (or the face) fills, 0-1; null when none is found. */
  readonly fill: number | null;
  /** Every check passes: the frame could be captured. */
  readonly good: boolean;
}

/** The part of `speechSynthesis` the guidance uses. */
export interface SpeechLike {
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
}

/** The part of an `AudioContext` the tone uses (what a test's fake must provide). */
export type AudioContextLike = Pick<
  AudioContext,
  | 'currentTime'
  | 'destination'
  | 'state'
  | 'createOscillator'
  | 'createGain'
  | 'resume'
  | 'suspend'
  | 'close'
>;

/** The browser APIs the guidance uses; each defaults to the page's own, null where missing. */
export interface NonVisualGuidanceConfig {
  /** Speech synthesis and how to make an utterance. */
  readonly speech?: {
    readonly synth: SpeechLike;
    readonly utterance: (text: string) => SpeechSynthesisUtterance;
  } | null;
  /** Makes the audio context of the tone (called once, in the Start button's press). */
  readonly audio?: (() => AudioContextLike) | null;
  /** `navigator.vibrate`. */
  readonly vibrate?: ((pattern: number[]) => boolean) | null;
  /** The least time between two spoken instructions (ms, default 2500). */
  readonly speechGapMs?: number;
  /** The tone's loudness, 0-1 (default 0.05: quiet, under any speech). */
  readonly volume?: number;
  /** The clock of the speech gap (default `performance.now`). */
  readonly now?: () => number;
  /** The document whose visibility stops the cues (default the page's). */
  readonly document?: Document;
}

/** The tone's pitch with no document in view, and with one filling `FULL_FILL` of the frame. */
export const TONE_MIN_HZ = 220;
/** The highest pitch of the fill scale (an octave and a half above the lowest). */
export const TONE_MAX_HZ = 660;
/** The note held while the frame is good: above the whole fill scale, so "higher" stays "better". */
export const TONE_GOOD_HZ = 880;
/** A document filling this share of the frame is at the top of the scale (cards fill 0.1-0.6). */
const FULL_FILL = 0.6;
/** How fast the tone glides to a new pitch or loudness (s): no clicks, still prompt. */
const GLIDE = 0.05;
/**
 * After a capture the preview still runs while the photo is processed: its guidance is held back
 * this long (ms), or until the view stops or the step changes, so "Photo taken" is not followed by
 * an instruction for a photo already taken.
 */
const CAPTURE_HOLD_MS = 5000;
/** One short buzz for a capture; two for a failure (ms on, off, on). */
export const VIBRATE_CAPTURE = [80];
/** Two buzzes for a failure or a retake request. */
export const VIBRATE_FAILURE = [60, 80, 60];

/** The tone's pitch for a fill (0-1): rising on a log scale, as pitch is heard. */
export function toneFrequency(fill: number, good: boolean): number {
  if (good) return TONE_GOOD_HZ;
  const share = Math.min(Math.max(fill / FULL_FILL, 0), 1);
  return TONE_MIN_HZ * (TONE_MAX_HZ / TONE_MIN_HZ) ** share;
}

function defaultConfig(): Required<Omit<NonVisualGuidanceConfig, 'document'>> {
  const g = globalThis as typeof globalThis & { webkitAudioContext?: typeof AudioContext };
  const Audio = g.AudioContext ?? g.webkitAudioContext;
  const nav = g.navigator as Navigator | undefined;
  return {
    speech:
      g.speechSynthesis && typeof g.SpeechSynthesisUtterance === 'function'
        ? { synth: g.speechSynthesis, utterance: (text) => new SpeechSynthesisUtterance(text) }
        : null,
    audio: Audio ? () => new Audio() : null,
    vibrate: typeof nav?.vibrate === 'function' ? (pattern) => nav.vibrate(pattern) : null,
    speechGapMs: 2500,
    volume: 0.05,
    now: () => performance.now(),
  };
}

/** The sounding tone: its oscillator and gain (one-shot: a stopped oscillator is not restarted). */
interface Tone {
  readonly oscillator: OscillatorNode;
  readonly gain: GainNode;
}

/**
 * Speaks, sounds and vibrates the camera view's guidance for the cues the host turned on. Fed by
 * the view (`live`), told of captures and failures by the element; the tone waits for `unlock`
 * (a press of the Start button: browsers start audio only from a person's gesture), stops on a
 * step change, a pause, a hidden page, and everything is released on disconnect.
 */
export class NonVisualGuidanceController implements ReactiveController {
  readonly #config: Required<Omit<NonVisualGuidanceConfig, 'document'>>;
  readonly #document: Document | undefined;
  #cues: ReadonlySet<NonVisualCue> = new Set();
  #lang = '';
  #listening: AbortController | undefined;
  /** The latest instruction asked for, spoken now or after the gap. */
  #wanted: string | undefined;
  /** The instruction last spoken. */
  #spoken: string | undefined;
  #spokenAt = -Infinity;
  #pending: ReturnType<typeof setTimeout> | undefined;
  #audio: AudioContextLike | undefined;
  #tone: Tone | undefined;
  /** Live guidance is held back until then (the clock of `now`), after a capture. */
  #heldUntil = -Infinity;

  constructor(host: ReactiveControllerHost, config: NonVisualGuidanceConfig = {}) {
    this.#config = { ...defaultConfig(), ...config };
    this.#document = config.document ?? globalThis.document;
    host.addController(this);
  }

  /** The cues on, and the language to speak (call on every update; an empty list turns all off). */
  configure(cues: Iterable<NonVisualCue>, lang: string): void {
    const next = new Set(cues);
    this.#lang = lang;
    if (!next.has(NonVisualCue.Speech)) this.#hush();
    if (!next.has(NonVisualCue.Tone)) this.#closeAudio();
    this.#cues = next;
  }

  /** The person pressed Start: the tone may sound from now on (call in that press's handler). */
  unlock(): void {
    const make = this.#config.audio;
    if (!this.#cues.has(NonVisualCue.Tone) || !make) return;
    if (!this.#audio) {
      try {
        this.#audio = make();
      } catch {
        // Too many contexts, or audio blocked: the tone is left out, the rest goes on.
        return;
      }
    }
    // Inside the gesture, so that Safari lets it sound.
    this.#audio.resume().catch(() => undefined);
  }

  /** What the live camera view shows now; null while it is not live (hidden, paused, starting). */
  live(cue: LiveCue | null): void {
    if (!cue || this.#hidden()) {
      this.#stopTone();
      this.#dropPending();
      this.#heldUntil = -Infinity;
      return;
    }
    if (this.#config.now() < this.#heldUntil) return;
    if (this.#cues.has(NonVisualCue.Speech)) this.#say(cue.text);
    if (this.#cues.has(NonVisualCue.Tone)) this.#sound(cue);
  }

  /** A photo (or a liveness sequence) was taken: say so at once, and buzz once. */
  captured(text: string): void {
    this.#stopTone();
    this.#vibrate(VIBRATE_CAPTURE);
    if (this.#cues.has(NonVisualCue.Speech)) this.#speakNow(text);
    this.#heldUntil = this.#config.now() + CAPTURE_HOLD_MS;
  }

  /** Something failed, or the backend asked for a retake: buzz twice and say why. */
  failed(text: string): void {
    this.#stopTone();
    this.#vibrate(VIBRATE_FAILURE);
    if (this.#cues.has(NonVisualCue.Speech)) this.#speakNow(text);
  }

  /** A new step: the tone stops, and its first instruction will be spoken whatever came before. */
  stepChanged(): void {
    this.#stopTone();
    this.#dropPending();
    this.#heldUntil = -Infinity;
    this.#wanted = undefined;
    this.#spoken = undefined;
  }

  hostConnected(): void {
    this.#listening?.abort();
    this.#listening = new AbortController();
    this.#document?.addEventListener(
      'visibilitychange',
      () => {
        if (!this.#hidden()) return;
        // A hidden page says nothing and sounds nothing; the next live frame starts it again.
        this.#stopTone();
        this.#hush();
        void this.#audio?.suspend().catch(() => undefined);
      },
      { signal: this.#listening.signal },
    );
  }

  hostDisconnected(): void {
    this.#listening?.abort();
    this.#listening = undefined;
    this.#hush();
    this.#closeAudio();
  }

  #hidden(): boolean {
    return this.#document?.visibilityState === 'hidden';
  }

  #say(text: string): void {
    if (text === this.#wanted) return;
    this.#wanted = text;
    this.#dropPending();
    // The instruction went back to what is being said: nothing new to say.
    if (text === this.#spoken) return;
    const wait = this.#spokenAt + this.#config.speechGapMs - this.#config.now();
    if (wait <= 0) this.#speakNow(text);
    else this.#pending = setTimeout(() => this.#speakNow(text), wait);
  }

  #speakNow(text: string): void {
    const speech = this.#config.speech;
    this.#dropPending();
    this.#wanted = text;
    if (!speech || !text) return;
    // What was being said is stale by now: the latest instruction replaces it.
    speech.synth.cancel();
    const utterance = speech.utterance(text);
    if (this.#lang) utterance.lang = this.#lang;
    speech.synth.speak(utterance);
    this.#spoken = text;
    this.#spokenAt = this.#config.now();
  }

  #dropPending(): void {
    clearTimeout(this.#pending);
    this.#pending = undefined;
  }

  /** Stops speaking and forgets what was said. */
  #hush(): void {
    this.#dropPending();
    if (this.#spoken !== undefined) this.#config.speech?.synth.cancel();
    this.#wanted = undefined;
    this.#spoken = undefined;
    this.#spokenAt = -Infinity;
  }

  #sound({ fill, good }: LiveCue): void {
    const audio = this.#audio;
    // Not unlocked by the Start press (or closed): no tone, rather than a blocked one.
    if (!audio || audio.state === 'closed') return;
    if (audio.state === 'suspended') audio.resume().catch(() => undefined);
    const tone = (this.#tone ??= this.#startTone(audio));
    const now = audio.currentTime;
    // No document in view: silence (speech says what to do); the pitch holds for when it returns.
    tone.gain.gain.setTargetAtTime(fill === null ? 0 : this.#config.volume, now, GLIDE);
    if (fill !== null)
      tone.oscillator.frequency.setTargetAtTime(toneFrequency(fill, good), now, GLIDE);
  }

  #startTone(audio: AudioContextLike): Tone {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = TONE_MIN_HZ;
    gain.gain.value = 0;
    oscillator.connect(gain);
    gain.connect(audio.destination);
    oscillator.start();
    return { oscillator, gain };
  }

  #stopTone(): void {
    const tone = this.#tone;
    if (!tone) return;
    this.#tone = undefined;
    tone.oscillator.stop();
    tone.oscillator.disconnect();
    tone.gain.disconnect();
  }

  #closeAudio(): void {
    this.#stopTone();
    const audio = this.#audio;
    this.#audio = undefined;
    if (audio && audio.state !== 'closed') audio.close().catch(() => undefined);
  }

  #vibrate(pattern: number[]): void {
    if (!this.#cues.has(NonVisualCue.Vibration) || !this.#config.vibrate) return;
    try {
      this.#config.vibrate(pattern);
    } catch {
      // A browser that throws instead of returning false (a frame without permission): no buzz.
    }
  }
}
