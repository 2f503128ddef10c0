// The fake-camera videos of the selfie e2e tests (generate-selfies.ts writes them with the set, or
// alone through generateSelfieVideos), drawn from the same person as the studio set.
//
// Videos (640x480, 10 fps, 4:2:0, written by make-y4m.ts's writeY4m; videos.json beside them):
// selfie-good (one face, size 0.45, swaying by a few pixels and degrees), selfie-empty (the same
// wall), selfie-far (size 0.15): 30 frames each with identical headers and sizes, so an e2e test
// can switch between them by overwriting one file; selfie-moves: neutral, then tilt
// left (roll -25°), tilt right (+25°), turn left, turn right (yaw ratio ∓0.3), closer (size x1.5)
// and back (x0.65), each held 1 s with 0.5 s of neutral and 0.2 s of transition between them
// (119 frames, 55 MB). videos.json gives each video's segments (pose and issues per frame range)
// and the face's true size, centre, roll and yaw ratio in every frame.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Point } from '../src/quality/types.ts';
import {
  addNoise,
  applyGain,
  applyLighting,
  drawBackground,
  hashSeed,
  lumaPlane,
  quantise,
  toFloat,
  type FloatImage,
  type Lighting,
} from './document-scenes.ts';
import { loadPortrait } from './faces/fixtures.ts';
import { geometryIssues, round, type FaceTruth, type SelfieIssue } from './faces/truth.ts';
import { prng, upToDate, writeFileAtomic, writeY4m, y4mFileSize, y4mHeader } from './make-y4m.ts';
import type { Y4mOptions } from './make-y4m.ts';
import { GENERATOR_VERSION, stats } from './selfie-render.ts';
import {
  drawLayer,
  faceTransform,
  yawStrengthFor,
  type FacePlacement,
  type Portrait,
} from './selfie-scenes.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Default folder of the selfie videos (git-ignored). */
export const DEFAULT_SELFIE_VIDEOS_DIR = resolve(
  REPO_ROOT,
  'test/fixtures/generated/selfie-videos',
);

/** The selfie videos. */
export const SELFIE_VIDEO_NAMES = [
  'selfie-good',
  'selfie-empty',
  'selfie-far',
  'selfie-moves',
] as const;
/** One selfie video. */
export type SelfieVideoName = (typeof SELFIE_VIDEO_NAMES)[number];

/** The poses of selfie-moves, in order, after `neutral`. */
export const MOVES = [
  'tilt_left',
  'tilt_right',
  'turn_left',
  'turn_right',
  'closer',
  'back',
] as const;
/** A pose of the videos. */
export type VideoPose = 'neutral' | (typeof MOVES)[number];

/** Options of {@link generateSelfieVideos} (the defaults are what the e2e tests use). */
export interface SelfieVideoOptions {
  /** Frame width (default 640). */
  readonly width?: number;
  /** Frame height (default 480). */
  readonly height?: number;
  /** Frame rate (default 10). */
  readonly fps?: number;
  /** Frames of selfie-good/empty/far (default 30; Chromium loops the file). */
  readonly frames?: number;
  /** Frames each pose of selfie-moves is held (default: one second). */
  readonly hold?: number;
  /** Regenerate even when the files are current. */
  readonly force?: boolean;
  /** Folders to look for the face fixture in (default {@link fixtureDirs}; tests of its absence). */
  readonly fixtureDirs?: readonly string[];
}

/** A range of frames of one video showing one pose. */
export interface VideoSegment {
  /** First frame (0-based). */
  readonly from: number;
  /** Last frame (inclusive). */
  readonly to: number;
  /** The pose held, or `transition` (frames on the way between two poses: no expectation). */
  readonly pose: VideoPose | 'transition';
  /** Issues of the held pose (null for transitions and frames without a face). */
  readonly issues: SelfieIssue[] | null;
}

/** videos.json, written beside the videos. */
export interface SelfieVideoIndex {
  readonly header: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** Order of the numbers in `truth`. */
  readonly truthFields: readonly ['size', 'centreX', 'centreY', 'roll', 'yawRatio'];
  readonly videos: Record<
    SelfieVideoName,
    {
      readonly file: string;
      readonly frames: number;
      readonly segments: VideoSegment[];
      /** Per frame: the face's true size, centre, roll and yaw ratio (null: no face). */
      readonly truth: (number[] | null)[];
    }
  >;
}

const VIDEO_SEED = 11;
/** The neutral pose: a face of half the frame height, centred (x1.5 is too large, x0.65 fine). */
const NEUTRAL = { size: 0.5, roll: 0, yawRatio: 0 } as const;

/** Where the face is in one frame. */
interface FramePose {
  readonly size: number;
  readonly centre: Point;
  readonly roll: number;
  readonly yawRatio: number;
}

/** The pose a move reaches. */
function moveTarget(move: VideoPose, centre: Point): FramePose {
  const base: FramePose = { ...NEUTRAL, centre };
  switch (move) {
    case 'neutral':
      return base;
    case 'tilt_left':
      return { ...base, roll: -25 };
    case 'tilt_right':
      return { ...base, roll: 25 };
    case 'turn_left':
      return { ...base, yawRatio: -0.3 };
    case 'turn_right':
      return { ...base, yawRatio: 0.3 };
    case 'closer':
      return { ...base, size: NEUTRAL.size * 1.5 };
    case 'back':
      return { ...base, size: NEUTRAL.size * 0.65 };
  }
}

/**
 * The frames of selfie-moves: half a second of neutral, then each move (ramp in over 2 frames, held
 * for `hold` frames, ramp out over 2, half a second of neutral).
 */
function movesTimeline(
  fps: number,
  hold: number,
  centre: Point,
): { poses: FramePose[]; segments: VideoSegment[] } {
  const poses: FramePose[] = [];
  const segments: VideoSegment[] = [];
  const neutral = moveTarget('neutral', centre);
  const rest = Math.max(1, Math.round(fps / 2));
  const ramp = 2;
  const push = (pose: VideoPose | 'transition', frames: FramePose[]) => {
    const issues = pose === 'transition' ? null : geometryIssues([truthOf(frames[0]!)]).issues;
    segments.push({ from: poses.length, to: poses.length + frames.length - 1, pose, issues });
    poses.push(...frames);
  };
  const between = (a: FramePose, b: FramePose, t: number): FramePose => ({
    size: a.size + (b.size - a.size) * t,
    centre: a.centre,
    roll: a.roll + (b.roll - a.roll) * t,
    yawRatio: a.yawRatio + (b.yawRatio - a.yawRatio) * t,
  });
  const ramping = (a: FramePose, b: FramePose) =>
    Array.from({ length: ramp }, (_, k) => between(a, b, (k + 1) / (ramp + 1)));
  push('neutral', Array<FramePose>(rest).fill(neutral));
  for (const move of MOVES) {
    const target = moveTarget(move, centre);
    push('transition', ramping(neutral, target));
    push(move, Array<FramePose>(hold).fill(target));
    push('transition', ramping(target, neutral));
    push('neutral', Array<FramePose>(rest).fill(neutral));
  }
  return { poses, segments };
}

/** Label-relevant truth of a frame pose (the placement is exact, so this is the request). */
function truthOf(pose: FramePose): Pick<FaceTruth, 'size' | 'offset' | 'roll' | 'yawRatio'> {
  return { size: pose.size, offset: [0, 0], roll: pose.roll, yawRatio: pose.yawRatio };
}

/** Which frames the videos have and what they show (videos.json), without rendering anything. */
export function planSelfieVideos(options: SelfieVideoOptions = {}): SelfieVideoIndex {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const fps = options.fps ?? 10;
  const frames = options.frames ?? 30;
  const hold = options.hold ?? fps;
  const header = y4mHeader(width, height, { frameCount: 0, fps, extraTags: VIDEO_TAGS });
  const centre: Point = [width / 2, height / 2];
  // Small natural motion, periodic over the clip so that the loop has no jump.
  const sway = (i: number, size: number): FramePose => {
    const a = (2 * Math.PI * i) / frames;
    const short = Math.min(width, height);
    return {
      size: size * (1 + 0.015 * Math.sin(a)),
      centre: [
        centre[0] + 0.012 * short * Math.sin(a),
        centre[1] + 0.008 * short * Math.sin(2 * a + 1),
      ],
      roll: 2 * Math.sin(a + 0.5),
      yawRatio: 0.03 * Math.sin(a + 2),
    };
  };
  const all = (issues: SelfieIssue[]): VideoSegment[] => [
    { from: 0, to: frames - 1, pose: 'neutral', issues },
  ];
  const plans: Record<SelfieVideoName, { poses: (FramePose | null)[]; segments: VideoSegment[] }> =
    {
      'selfie-good': {
        poses: Array.from({ length: frames }, (_, i) => sway(i, 0.45)),
        segments: all([]),
      },
      'selfie-empty': { poses: Array<null>(frames).fill(null), segments: all(['no_face']) },
      'selfie-far': {
        poses: Array.from({ length: frames }, (_, i) => sway(i, 0.15)),
        segments: all(['face_too_small']),
      },
      'selfie-moves': movesTimeline(fps, hold, centre),
    };
  const truth = (p: FramePose | null) =>
    p
      ? [
          round(p.size, 4),
          round(p.centre[0]),
          round(p.centre[1]),
          round(p.roll),
          round(p.yawRatio, 3),
        ]
      : null;
  return {
    header: header.trimEnd(),
    width,
    height,
    fps,
    truthFields: ['size', 'centreX', 'centreY', 'roll', 'yawRatio'],
    videos: Object.fromEntries(
      SELFIE_VIDEO_NAMES.map((name) => [
        name,
        {
          file: `${name}.y4m`,
          frames: plans[name].poses.length,
          segments: plans[name].segments,
          truth: plans[name].poses.map(truth),
        },
      ]),
    ) as SelfieVideoIndex['videos'],
  };
}

const VIDEO_TAGS = [`XKYC_SELFIEVID=${GENERATOR_VERSION}`];

/**
 * Writes selfie-good/empty/far.y4m (identical headers and sizes), selfie-moves.y4m and
 * videos.json ({@link planSelfieVideos}) into `outDir`, unless they are current. Every frame is
 * drawn from its `truth` entry, so videos.json is exact. Without the face fixture it writes nothing.
 * @returns absolute paths of the four videos, or why they were skipped
 */
export async function generateSelfieVideos(
  outDir: string = DEFAULT_SELFIE_VIDEOS_DIR,
  options: SelfieVideoOptions = {},
): Promise<Record<SelfieVideoName, string> | { readonly skipped: string }> {
  const portrait = await loadPortrait(options.fixtureDirs);
  if ('missing' in portrait) return { skipped: portrait.missing };
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const index = planSelfieVideos(options);
  const { width, height, fps } = index;
  const header = `${index.header}\n`;
  const paths = Object.fromEntries(
    SELFIE_VIDEO_NAMES.map((name) => [name, join(dir, index.videos[name].file)]),
  ) as Record<SelfieVideoName, string>;
  let scene: ReturnType<typeof videoScene> | undefined;
  for (const name of SELFIE_VIDEO_NAMES) {
    const truth = index.videos[name].truth;
    const y4m: Y4mOptions = { frameCount: truth.length, fps, extraTags: VIDEO_TAGS };
    if (!options.force && (await upToDate(paths[name], header, y4mFileSize(width, height, y4m))))
      continue;
    const draw = (scene ??= videoScene(portrait, width, height));
    await writeY4m(paths[name], width, height, (i) => draw(truth[i]!, i), y4m);
  }
  // One video per line: readable at a glance, and small.
  const { videos, ...meta } = index;
  const indexText = `${JSON.stringify(meta).slice(0, -1)},"videos":{\n${SELFIE_VIDEO_NAMES.map(
    (name) => `${JSON.stringify(name)}:${JSON.stringify(videos[name])}`,
  ).join(',\n')}\n}}\n`;
  const indexPath = join(dir, 'videos.json');
  if ((await readFile(indexPath, 'utf8').catch(() => '')) !== indexText)
    await writeFileAtomic(indexPath, indexText);
  return paths;
}

/**
 * The frames of the videos: the fixture person in front of a light wall, lit and exposed the same
 * in every video (switching files does not change the wall), fresh sensor noise in every frame.
 * Frames of the same pose are rendered once.
 */
export function videoScene(
  portrait: Portrait,
  width: number,
  height: number,
): (truth: readonly number[] | null, frame: number) => Uint8ClampedArray {
  const wall = drawBackground('light', width, height, prng(hashSeed(VIDEO_SEED, 1)));
  const lighting: Lighting = { slope: 0.05, angle: 0.8, balance: [1.02, 1, 0.98] };
  const cache = new Map<string, FloatImage>();
  let gain = 0;
  // `truth` as videos.json has it: size, centre x, centre y, roll, yaw ratio.
  const render = (truth: readonly number[] | null): FloatImage => {
    const key = JSON.stringify(truth);
    let image = cache.get(key);
    if (image) return image;
    image = toFloat(wall);
    let face: number[] = [];
    if (truth) {
      const [size, x, y, roll, yawRatio] = truth as [number, number, number, number, number];
      const placement: FacePlacement = {
        size,
        centre: [x, y],
        roll,
        yaw: yawStrengthFor(yawRatio, false),
        mirror: false,
      };
      const transform = faceTransform(placement, width, height);
      face = drawLayer(image, portrait, { cutout: 'person', transform });
    }
    applyLighting(image, lighting);
    if (gain === 0) {
      // Metered once, on the neutral face: the same exposure for every frame of every video.
      gain = face.length > 0 ? 150 / stats(lumaPlane(image), face).mean : 1;
    }
    applyGain(image, gain);
    if (cache.size > 64) cache.clear();
    cache.set(key, image);
    return image;
  };
  render([NEUTRAL.size, width / 2, height / 2, 0, 0]);
  const rgba = new Uint8ClampedArray(width * height * 4);
  return (truth, frame) => {
    const image: FloatImage = { width, height, rgb: render(truth).rgb.slice() };
    addNoise(image, prng(hashSeed(VIDEO_SEED, 200, frame)), 1.5);
    rgba.set(quantise(image, 4));
    return rgba;
  };
}
