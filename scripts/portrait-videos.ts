// Fake-camera videos of the held-out person (test/fixtures/faces/hopper.png), for the e2e test
// that a selfie of someone other than the tuning face auto-captures (test/e2e/portrait-live.test.ts).
// Drawn with the held-out portraits family's own scene code (faces/person.ts, portraits-scene.ts): a
// plaster wall, the person's cut-out, a key light from one side; no threshold is set from them.
//
//   node --import tsx scripts/portrait-videos.ts [--out DIR] [--force]
//
// portrait-empty (the wall alone) and portrait-good (the person, face 0.45 of the frame height,
// swaying by a few pixels and degrees): 640x480, 10 fps, 30 frames, identical headers and sizes,
// so a test can switch between them by overwriting one file (test/e2e/harness.ts's
// SwitchableCamera). Exposure is metered once, on the face, and kept for both; fresh sensor noise
// in every frame.
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prng } from '../test/helpers/math.ts';
import { loadFixture } from './faces/fixtures.ts';
import { PEOPLE } from './faces/people.ts';
import { drawPerson, type Fixture, type Frame, type Placement } from './faces/person.ts';
import { drawRoom, gaussian, meanLuma } from './families/portraits-scene.ts';
import { runIfMain } from './labelled-set.ts';
import { upToDate, writeY4m, y4mFileSize, y4mHeader, type Y4mOptions } from './make-y4m.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Default folder of the videos (git-ignored). */
export const DEFAULT_PORTRAIT_VIDEOS_DIR = resolve(
  REPO_ROOT,
  'test/fixtures/generated/portrait-videos',
);
/** Bump when the frames change: stale videos are rewritten. */
export const PORTRAIT_VIDEOS_VERSION = 1;
/** The videos. */
export const PORTRAIT_VIDEO_NAMES = ['portrait-empty', 'portrait-good'] as const;
/** One video. */
export type PortraitVideoName = (typeof PORTRAIT_VIDEO_NAMES)[number];

const WIDTH = 640;
const HEIGHT = 480;
const FPS = 10;
const FRAMES = 30;
/** The good video's face: size (forehead-to-chin / frame height) and where it sways about. */
export const PORTRAIT_VIDEO_FACE = { size: 0.45, centre: [320, 236], roll: 0 } as const;

/** Where the face is in frame `i` of the good video (periodic, so the loop has no jump). */
export function swayAt(i: number): Placement {
  const a = (2 * Math.PI * i) / FRAMES;
  const { size, centre, roll } = PORTRAIT_VIDEO_FACE;
  return {
    size: size * (1 + 0.015 * Math.sin(a)),
    centre: [centre[0] + 6 * Math.sin(a), centre[1] + 4 * Math.sin(2 * a + 1)],
    roll: roll + 2 * Math.sin(a + 0.5),
    mirror: false,
    person: PEOPLE.hopper,
  };
}

/** Frame renderer of both videos: the same wall and light, the person or not. */
function scene(fixture: Fixture): (video: PortraitVideoName, i: number) => Uint8ClampedArray {
  const wall: Frame = { width: WIDTH, height: HEIGHT, rgb: new Float32Array(WIDTH * HEIGHT * 3) };
  drawRoom(wall, 'plaster', prng(2024));
  const light = (frame: Frame) => {
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const k = 1 + 0.25 * (x / WIDTH - 0.5);
        const i = (y * WIDTH + x) * 3;
        for (let c = 0; c < 3; c++) frame.rgb[i + c] = frame.rgb[i + c]! * k;
      }
    }
    gaussian(frame, 0.4);
  };
  const draw = (placement: Placement | null): { frame: Frame; face: number[] } => {
    const frame: Frame = { ...wall, rgb: wall.rgb.slice() };
    const face = placement ? drawPerson(frame, fixture, placement, [1, 1, 1]) : [];
    light(frame);
    return { frame, face };
  };
  // Metered once, on the face: the same exposure for every frame of both videos.
  const first = draw(swayAt(0));
  const gain = 140 / meanLuma(first.frame, first.face);
  const empty = draw(null).frame;
  const rgba = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  return (video, i) => {
    const { rgb } = video === 'portrait-good' ? draw(swayAt(i)).frame : empty;
    const random = prng(9000 + i);
    for (let p = 0; p < WIDTH * HEIGHT; p++) {
      for (let c = 0; c < 3; c++)
        rgba[p * 4 + c] = rgb[p * 3 + c]! * gain + (random() + random() - 1) * 3;
      rgba[p * 4 + 3] = 255;
    }
    return rgba;
  };
}

/**
 * Writes the two videos into `outDir` unless they are current; without the fixture writes nothing.
 * @returns their absolute paths, or why they were skipped
 */
export async function generatePortraitVideos(
  outDir: string = DEFAULT_PORTRAIT_VIDEOS_DIR,
  options: { readonly force?: boolean; readonly fixtureDirs?: readonly string[] } = {},
): Promise<Record<PortraitVideoName, string> | { readonly skipped: string }> {
  const fixture = await loadFixture('hopper', options.fixtureDirs);
  if ('missing' in fixture) return { skipped: fixture.missing };
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const y4m: Y4mOptions = {
    frameCount: FRAMES,
    fps: FPS,
    extraTags: [`XKYC_PORTRAITVID=${PORTRAIT_VIDEOS_VERSION}`],
  };
  const header = y4mHeader(WIDTH, HEIGHT, y4m);
  const paths = Object.fromEntries(
    PORTRAIT_VIDEO_NAMES.map((name) => [name, join(dir, `${name}.y4m`)]),
  ) as Record<PortraitVideoName, string>;
  let render: ReturnType<typeof scene> | undefined;
  for (const name of PORTRAIT_VIDEO_NAMES) {
    if (!options.force && (await upToDate(paths[name], header, y4mFileSize(WIDTH, HEIGHT, y4m))))
      continue;
    const draw = (render ??= scene(fixture));
    await writeY4m(paths[name], WIDTH, HEIGHT, (i) => draw(name, i), y4m);
  }
  return paths;
}

runIfMain(import.meta.url, async () => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { out: { type: 'string' }, force: { type: 'boolean' } },
  });
  const result = await generatePortraitVideos(values.out, { force: values.force ?? false });
  console.log('skipped' in result ? result.skipped : Object.values(result).join('\n'));
});
