// The fake-camera videos of an end-to-end run of the whole capture flow with one camera: document
// front, back, then a selfie. Chromium takes its fake camera's file from a launch flag, so one
// browser films both scenes only through test/e2e/harness.ts's SwitchableCamera, which overwrites
// the file in place: the two videos here therefore have byte-identical headers and the same size
// (1280x720, 30 fps, 30 frames, ~41 MB each).
//
//   node --import tsx scripts/flow-videos.ts [outDir]   (default test/fixtures/generated/flow)
//
// - card.y4m: generate-documents.ts's `good` document video (same table, pose, tremor, lighting and
//   sensor noise: the SDK auto-captures it within about a second), with the holder's photo printed
//   on the card: the fixture portrait's ICAO crop (test/helpers/portrait.ts's ID_PHOTO_CROP) in the
//   card design's photo box, 22 mm wide (28.2 mm high at the crop's aspect, as a real ID-1 card's
//   photo), mapped through the card's perspective. The front (whose portrait the SDK looks for)
//   and the back (which needs only a document) both film it.
// - selfie.y4m: generate-selfies.ts's `selfie-good` scene (the fixture person, face 0.45 of the
//   frame height, centred, swaying by a few pixels and degrees) at this size and rate.
//
// The face fixture is committed (test/fixtures/faces/, found through test/shared-fixtures.ts):
// should it be missing, this writes nothing and says why. Seeded and deterministic like the generators it reuses; a file is
// rewritten only when its header (which carries the generator versions) or size is not current.
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Point, Quad } from '../src/quality/types.ts';
import { homography } from '../test/helpers/math.ts';
import { ID_PHOTO_CROP } from '../test/helpers/portrait.ts';
import { DOCUMENT_MM, projectDocument, warpTexture, type FloatImage } from './document-scenes.ts';
import {
  GENERATOR_VERSION as DOCUMENTS_VERSION,
  videoFrames,
  videoPose,
  videoScene as documentVideoScene,
  videoTremor,
} from './generate-documents.ts';
import { loadPortrait } from './faces/fixtures.ts';
import { GENERATOR_VERSION as SELFIES_VERSION } from './selfie-render.ts';
import { planSelfieVideos, videoScene as selfieVideoScene } from './selfie-videos.ts';
import { runIfMain } from './labelled-set.ts';
import {
  createCanvas,
  upToDate,
  writeY4m,
  y4mFileSize,
  y4mHeader,
  type Canvas,
} from './make-y4m.ts';
import type { Portrait } from './selfie-scenes.ts';

/** Bump when the flow videos change beyond what the reused generators' versions say. */
export const FLOW_VERSION = 1;

/** Default folder of the flow videos (git-ignored). */
export const DEFAULT_FLOW_VIDEOS_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../test/fixtures/generated/flow',
);

/** Options of {@link generateFlowVideos} (the defaults are what the e2e tests use). */
export interface FlowVideoOptions {
  /** Frame width (default 1280). */
  readonly width?: number;
  /** Frame height (default 720). */
  readonly height?: number;
  /** Frames per video (default 30: one second, which Chromium loops). */
  readonly frames?: number;
  /** Regenerate even when the files are current. */
  readonly force?: boolean;
  /** Folders to look for the face fixture in (default: those every test searches). */
  readonly fixtureDirs?: readonly string[];
}

/** Frame rate of both videos: a phone camera's. */
const FPS = 30;

/**
 * Where the card design prints its holder photo (make-y4m.ts's drawCard: a 22x27 mm box 4 mm from
 * the left edge, 11 mm from the top), in millimetres: x, y, width, height.
 */
const CARD_PHOTO_BOX = [4, 11, 22, 27] as const;

/**
 * The holder photo's rectangle on the card (mm): the box's width, the crop's aspect (22x28.2 mm,
 * the size of a real ID-1 card's photo), centred on the box, which it covers with a few tenths of
 * a millimetre to spare above and below (the header band ends at 8.5 mm, the MRZ strip at 40.5).
 */
function photoRect(): { x: number; y: number; width: number; height: number } {
  const [boxX, boxY, boxWidth, boxHeight] = CARD_PHOTO_BOX;
  const [, , cropWidth, cropHeight] = ID_PHOTO_CROP;
  const height = (boxWidth * cropHeight) / cropWidth;
  return { x: boxX, y: boxY + boxHeight / 2 - height / 2, width: boxWidth, height };
}

/** The fixture portrait's ID-photo crop as an opaque texture (its own pixels, unscaled). */
function idPhoto(portrait: Portrait): Canvas {
  const [left, top, width, height] = ID_PHOTO_CROP;
  const source = portrait.full;
  const photo = createCanvas(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = ((top + y) * source.width + left + x) * 3;
      const p = (y * width + x) * 4;
      photo.data[p] = source.rgb[s]!;
      photo.data[p + 1] = source.rgb[s + 1]!;
      photo.data[p + 2] = source.rgb[s + 2]!;
      photo.data[p + 3] = 255;
    }
  }
  return photo;
}

/** `point` mapped by the row-major 3x3 homography `h`. */
function mapPoint(h: readonly number[], [x, y]: Point): Point {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/**
 * Prints `photo` on the card whose corners are `quad`: the photo's rectangle in card millimetres is
 * mapped into the frame by the card's own homography, so it shares the card's perspective, and
 * warped there (bilinear, anti-aliased outline) over the design's placeholder silhouette.
 */
function printPhoto(photo: Canvas): (image: FloatImage, quad: Quad) => void {
  const doc = DOCUMENT_MM.id1;
  const { x, y, width, height } = photoRect();
  return (image, quad) => {
    const cardToFrame = homography(
      [
        [0, 0],
        [doc.width, 0],
        [doc.width, doc.height],
        [0, doc.height],
      ],
      quad,
    );
    const at = (u: number, v: number) => mapPoint(cardToFrame, [u, v]);
    warpTexture(image, photo, [
      at(x, y),
      at(x + width, y),
      at(x + width, y + height),
      at(x, y + height),
    ]);
  };
}

/**
 * Writes card.y4m and selfie.y4m into `outDir` (same header, size and frame count, so
 * SwitchableCamera can switch between them), unless they are current. Without the face fixture
 * it writes nothing.
 * @returns absolute paths of the two videos, or why they were skipped
 */
export async function generateFlowVideos(
  outDir: string = DEFAULT_FLOW_VIDEOS_DIR,
  options: FlowVideoOptions = {},
): Promise<{ card: string; selfie: string } | { skipped: string }> {
  const portrait = await loadPortrait(options.fixtureDirs);
  if ('missing' in portrait) return { skipped: `flow videos not generated: ${portrait.missing}` };
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const frames = options.frames ?? 30;
  // The reused generators' versions are in the tag too: a change to their scenes changes these.
  const y4m = {
    frameCount: frames,
    fps: FPS,
    extraTags: [`XKYC_FLOWVID=${FLOW_VERSION}.${DOCUMENTS_VERSION}.${SELFIES_VERSION}`],
  };
  const header = y4mHeader(width, height, y4m);
  const size = y4mFileSize(width, height, y4m);
  const paths = { card: join(dir, 'card.y4m'), selfie: join(dir, 'selfie.y4m') };
  const current = async (path: string) => !options.force && (await upToDate(path, header, size));

  if (!(await current(paths.card))) {
    const doc = DOCUMENT_MM.id1;
    const quad = projectDocument(videoPose(width, height), doc.width, doc.height, width, height);
    const still = documentVideoScene(width, height, printPhoto(idPhoto(portrait)))('good', quad);
    await writeY4m(paths.card, width, height, videoFrames(still, videoTremor(frames)), y4m);
  }
  if (!(await current(paths.selfie))) {
    const plan = planSelfieVideos({ width, height, fps: FPS, frames });
    const truth = plan.videos['selfie-good'].truth;
    const draw = selfieVideoScene(portrait, width, height);
    await writeY4m(paths.selfie, width, height, (i) => draw(truth[i]!, i), y4m);
  }
  return paths;
}

runIfMain(import.meta.url, async () => {
  const started = performance.now();
  const result = await generateFlowVideos(process.argv[2]);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if ('skipped' in result) console.log(result.skipped);
  else console.log(`${result.card}\n${result.selfie}\n(${seconds} s)`);
});
