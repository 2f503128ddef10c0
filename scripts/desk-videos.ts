// Live e2e videos made from the held-out "desk" family (scripts/families/desk.ts): the family's
// ray-cast renderer draws each still scene once, then every frame is that still moved by up to
// ±0.5 px of hand tremor with fresh sensor noise, exactly as the document videos do
// (`videoFrames` / `videoTremor` of scripts/documents/videos.ts).
//
//   node --import tsx scripts/desk-videos.ts [--force]
//
// Writes into test/fixtures/generated/desk-videos (git-ignored), 1280x720, 30 frames at 30 fps,
// one header and size for all, so a SwitchableCamera can switch between them:
// - light-card.y4m: a pastel ID-1 card lying on a light wood desk, acceptable by the family's rules;
// - passport.y4m: a passport data page on its open booklet, lying on granite, acceptable;
// - empty.y4m: the light card's desk and light without the card.
// desk-videos.json beside them gives each video's true corners in its first frame and its scene.
// A video is regenerated only when its header (which carries a generator tag) or size differs.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { firstFrameCorners, videoFrames, videoTremor } from './documents/videos.ts';
import { DESK_VERSION, drawScene, renderScene, type DeskScene } from './families/desk.ts';
import { round, runIfMain } from './labelled-set.ts';
import { GENERATED_DIR, writeIfChanged } from './scene/files.ts';
import { writeStaleVideos, y4mHeader } from './scene/y4m.ts';

/** Default folder of the desk videos (git-ignored). */
export const DEFAULT_DESK_VIDEOS_DIR = join(GENERATED_DIR, 'desk-videos');

/** Bump when the videos change for a reason the header does not already carry. */
export const DESK_VIDEOS_VERSION = 1;

/** Frame size of the desk videos (the seeds below were chosen at this size). */
export const DESK_VIDEO_WIDTH = 1280;
export const DESK_VIDEO_HEIGHT = 720;

/** The desk videos. */
export const DESK_VIDEO_NAMES = ['empty', 'light-card', 'passport'] as const;
/** One desk video. */
export type DeskVideoName = (typeof DESK_VIDEO_NAMES)[number];

/**
 * The family's seeds of the two document scenes. `drawScene` takes only a variant and a seed, so
 * these were found by a deterministic scan of seeds 1-3000 of the 'acceptable' variant at 1280x720
 * for the constraints in {@link SCENE_RULES} (plus: no distractors, not hand-held, no shadow edge,
 * a gentle light gradient), and fixed here. Among the matches: 461 is a pastel card on light wood
 * (tilt 2.5°, roll -7.8°, fill 0.36), 2491 a passport on dark granite (tilt 10.1°, fill 0.32).
 * `deskVideoScenes` checks the rules again, so a change of the family's drawing fails loudly.
 */
export const DESK_VIDEO_SEEDS = { 'light-card': 461, passport: 2491 } as const;

/** What each document scene must satisfy (the brief of issue 12, item 5). */
const SCENE_RULES = {
  'light-card': { document: 'id1', tones: ['white', 'pastel'], desks: ['wood', 'fabric'] },
  passport: { document: 'passport', tones: null, desks: ['wood', 'granite'] },
} as const;
const MAX_TILT = 20;
const FILL: readonly [number, number] = [0.25, 0.5];
/** An ordinary light: no hard shadow edge across the frame, at most this gradient. */
const MAX_GRADIENT = 0.2;

/**
 * The still scenes of the three videos: the two seeded document scenes (their sensor noise off:
 * the frames add theirs), and the light card's scene with the card taken away.
 * @throws when a seeded scene no longer meets its rules
 */
export function deskVideoScenes(): Record<DeskVideoName, DeskScene> {
  const scene = (name: keyof typeof DESK_VIDEO_SEEDS): DeskScene => {
    const drawn = drawScene(
      'acceptable',
      DESK_VIDEO_SEEDS[name],
      DESK_VIDEO_WIDTH,
      DESK_VIDEO_HEIGHT,
    );
    const rules = SCENE_RULES[name];
    const problems = [
      drawn.document !== rules.document && `a ${drawn.document}`,
      rules.tones &&
        !(rules.tones as readonly string[]).includes(drawn.design.tone) &&
        `a ${drawn.design.tone} card`,
      !(rules.desks as readonly string[]).includes(drawn.desk) && `a ${drawn.desk} desk`,
      drawn.tiltDeg > MAX_TILT && `tilt ${drawn.tiltDeg.toFixed(1)}°`,
      (drawn.fill < FILL[0] || drawn.fill > FILL[1]) && `fill ${drawn.fill.toFixed(3)}`,
      drawn.held && 'held',
      drawn.distractors.length > 0 && 'distractors',
      (drawn.light.shadowEdge !== null || drawn.light.gradient > MAX_GRADIENT) && 'uneven light',
    ].filter(Boolean);
    if (problems.length > 0)
      throw new Error(
        `desk-videos: seed ${DESK_VIDEO_SEEDS[name]} (${name}) now draws ${problems.join(', ')}`,
      );
    return { ...drawn, noise: 0 };
  };
  const card = scene('light-card');
  return {
    // Same desk, light and camera; the renderer draws no document, hand or shadow without a pose.
    empty: {
      ...card,
      variant: 'no_document',
      pose: null,
      corners: null,
      hand: null,
      fill: 0,
      tiltDeg: 0,
      rollDeg: 0,
    },
    'light-card': card,
    passport: scene('passport'),
  };
}

/** Options of {@link generateDeskVideos}. */
export interface DeskVideoOptions {
  /** Frames per video (default 30; Chromium loops the file). */
  readonly frames?: number;
  /** Regenerate even when the files are current. */
  readonly force?: boolean;
}

/** desk-videos.json, written beside the videos. */
export interface DeskVideoIndex {
  readonly header: string;
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly videos: Record<
    DeskVideoName,
    {
      readonly file: string;
      readonly document: 'id1' | 'passport' | null;
      /** True corners in the first frame (tremor included), clockwise from the top-left one. */
      readonly corners: [number, number][] | null;
      readonly seed: number | null;
      readonly scene: Record<string, unknown>;
    }
  >;
}

/**
 * Writes empty/light-card/passport.y4m (1280x720, identical headers and sizes) and desk-videos.json
 * into `outDir`, unless they are current. Deterministic: the same bytes on every run.
 * @returns absolute paths of the videos, and the index
 */
export async function generateDeskVideos(
  outDir: string = DEFAULT_DESK_VIDEOS_DIR,
  options: DeskVideoOptions = {},
): Promise<{ paths: Record<DeskVideoName, string>; index: DeskVideoIndex }> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const width = DESK_VIDEO_WIDTH;
  const height = DESK_VIDEO_HEIGHT;
  const frames = options.frames ?? 30;
  const tag = `XKYC_DESKVID=${DESK_VIDEOS_VERSION}.${DESK_VERSION}.${DESK_VIDEO_SEEDS['light-card']}.${DESK_VIDEO_SEEDS.passport}`;
  const y4m = { frameCount: frames, fps: 30, extraTags: [tag] };
  const header = y4mHeader(width, height, y4m);
  const paths = Object.fromEntries(
    DESK_VIDEO_NAMES.map((name) => [name, join(dir, `${name}.y4m`)]),
  ) as Record<DeskVideoName, string>;

  const scenes = deskVideoScenes();
  const tremor = videoTremor(frames);
  const entry = (name: DeskVideoName) => {
    const s = scenes[name];
    return {
      file: `${name}.y4m`,
      document: s.pose ? s.document : null,
      corners: firstFrameCorners(s.corners, tremor),
      seed: name === 'empty' ? null : DESK_VIDEO_SEEDS[name],
      scene: {
        ...(s.pose
          ? {
              tone: s.design.tone,
              tiltDeg: round(s.tiltDeg, 1),
              rollDeg: round(s.rollDeg, 1),
              fill: round(s.fill, 3),
            }
          : {}),
        desk: s.desk,
        fovDeg: round(s.camera.fovDeg, 1),
        light: s.light.kind,
      },
    };
  };
  const index: DeskVideoIndex = {
    header: header.trimEnd(),
    width,
    height,
    frames,
    videos: {
      empty: entry('empty'),
      'light-card': entry('light-card'),
      passport: entry('passport'),
    },
  };

  await writeStaleVideos(
    paths,
    width,
    height,
    y4m,
    (name) => {
      const { rgb } = renderScene(scenes[name], 0);
      return videoFrames({ width, height, rgb: Float32Array.from(rgb) }, tremor);
    },
    options.force,
  );
  const indexPath = join(dir, 'desk-videos.json');
  const indexText = `${JSON.stringify(index, null, 2)}\n`;
  await writeIfChanged(indexPath, indexText);
  return { paths, index };
}

runIfMain(import.meta.url, async () => {
  const started = performance.now();
  const { paths } = await generateDeskVideos(DEFAULT_DESK_VIDEOS_DIR, {
    force: process.argv.includes('--force'),
  });
  console.log(
    `${Object.values(paths).join('\n')}\nin ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
});
