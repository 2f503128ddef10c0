// Generates the fake-camera videos the end-to-end tests feed to Chromium
// (`--use-file-for-fake-video-capture`): a document on a table and a face. Everything is drawn here,
// from a seeded PRNG, so the files are byte-identical on every machine and need no image library,
// no ffmpeg and no checked-in binaries. The drawing primitives, the ID-1 card and the y4m writer are
// the scene modules' (scripts/scene/); this file has the table, the two scenes and their videos.
//
//   node --import tsx scripts/make-y4m.ts [outDir]   (default <repo>/test/fixtures/generated)
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prng } from '../test/helpers/math.ts';
import { drawTable } from './document-scenes.ts';
import { DOCUMENT_MM, drawCard } from './scene/card.ts';
import { shade, type Rgb } from './scene/colour.ts';
import { GENERATED_DIR } from './scene/files.ts';
import {
  createCanvas,
  drawShadow,
  drawWarped,
  fillEllipse,
  lightingMap,
  type Canvas,
  type Shader,
} from './scene/raster.ts';
import { valueNoise } from './scene/noise.ts';
import { writeStaleVideos, type FrameRenderer, type Y4mOptions } from './scene/y4m.ts';

// Re-exported for the selfie generators, the flow and portrait videos and their tests, which import
// them from here; their one definition is in scripts/scene/.
export { homography, prng } from '../test/helpers/math.ts';
export { clamp01, type Rgb } from './scene/colour.ts';
export { upToDate, writeFileAtomic } from './scene/files.ts';
export { createCanvas, type Canvas } from './scene/raster.ts';
export {
  i420FrameSize,
  writeY4m,
  y4mFileSize,
  y4mHeader,
  type FrameRenderer,
  type Y4mOptions,
} from './scene/y4m.ts';

/** Default output folder (git-ignored): the generated fixtures' folder. */
export const DEFAULT_OUT_DIR = GENERATED_DIR;

/** Width of the generated videos: the e2e tests need uploads of at least 1280 px on the long side. */
export const VIDEO_WIDTH = 1920;

/** Height of the generated videos (16:9, a common phone-camera mode). */
export const VIDEO_HEIGHT = 1080;

/** Chromium loops the file, so a short clip is enough; 15 frames at 1920x1080 are about 47 MB. */
export const VIDEO_FRAMES = 15;

// Bump when the drawings change: it is written into the header, so stale files are regenerated even
// though their size is unchanged. Chromium skips header tags it does not know (`X...`).
const GENERATOR_TAG = 'XKYC_GEN=1';

// ---------------------------------------------------------------------------------------------
// The document scene.

/** The ID-1 card's size (ISO/IEC 7810): the ratio the document guide is drawn for. */
const CARD = DOCUMENT_MM.id1;

/** Applies lighting and sensor-like luma noise (a clean synthetic frame is unrealistically sharp). */
function finish(frame: Canvas, light: Float32Array, random: () => number, amplitude: number): void {
  const d = frame.data;
  for (let i = 0, p = 0; i < light.length; i++, p += 4) {
    // Sum of two uniforms: a cheap bell-shaped noise in -amplitude..amplitude.
    const noise = (random() + random() - 1) * amplitude;
    const k = light[i]!;
    d[p] = d[p]! * k + noise;
    d[p + 1] = d[p + 1]! * k + noise;
    d[p + 2] = d[p + 2]! * k + noise;
    d[p + 3] = 255;
  }
}

/**
 * Frames of an ID-1 card lying on a wooden table, seen by a hand-held phone: about 60% of the
 * frame wide, slightly rotated and in perspective, moving by a pixel or so between frames.
 */
export function documentScene(width: number, height: number, seed = 1): FrameRenderer {
  const table = createCanvas(width, height);
  drawTable(table, seed);
  const cardWidth = width * 0.6;
  const cardHeight = (cardWidth * CARD.height) / CARD.width;
  // A texture slightly larger than its on-screen size, so bilinear sampling does not alias.
  const card = drawCard((cardWidth * 1.15) / CARD.width, seed + 2);
  const light = lightingMap(width, height);
  const frame = createCanvas(width, height);
  return (index) => {
    const random = prng(seed * 1000 + index);
    const jitter = () => (random() - 0.5) * 2;
    const angle = ((-3.5 + jitter() * 0.15) * Math.PI) / 180;
    const cx = width * 0.5 + width * 0.01 + jitter() * 1.5;
    const cy = height * 0.5 + jitter() * 1.5;
    // Perspective: the far (top) edge is 4% shorter, as when the phone is tilted towards the user.
    const corners = [
      [(-cardWidth / 2) * 0.96, -cardHeight / 2],
      [(cardWidth / 2) * 0.96, -cardHeight / 2],
      [cardWidth / 2, cardHeight / 2],
      [-cardWidth / 2, cardHeight / 2],
    ] as const;
    const quad = corners.map(
      ([x, y]) =>
        [
          cx + x * Math.cos(angle) - y * Math.sin(angle),
          cy + x * Math.sin(angle) + y * Math.cos(angle),
        ] as const,
    );
    frame.data.set(table.data);
    drawShadow(frame, quad);
    drawWarped(frame, card, quad);
    finish(frame, light, random, 3);
    return frame.data;
  };
}

// ---------------------------------------------------------------------------------------------
// The selfie scene.

const SKIN: Rgb = [226, 176, 142];

/** Frames of a face-like figure (head, hair, eyes, mouth, shoulders) centred in front of a wall. */
export function selfieScene(width: number, height: number, seed = 1): FrameRenderer {
  const wall = createCanvas(width, height);
  const noise = valueNoise(seed + 10);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = noise(x * 0.01, y * 0.01) * 0.6 + noise(x * 0.05, y * 0.05) * 0.4;
      const p = (y * width + x) * 4;
      wall.data[p] = 176 + t * 14 - (y / height) * 20;
      wall.data[p + 1] = 184 + t * 14 - (y / height) * 20;
      wall.data[p + 2] = 190 + t * 12 - (y / height) * 16;
      wall.data[p + 3] = 255;
    }
  }
  const light = lightingMap(width, height);
  const frame = createCanvas(width, height);
  // Everything is laid out in units of the frame height, so other sizes give the same picture.
  const u = height / 1080;
  return (index) => {
    const random = prng(seed * 1000 + 500 + index);
    const cx = width / 2 + (random() - 0.5) * 3 * u;
    const cy = height * 0.48 + (random() - 0.5) * 3 * u;
    const at = (dx: number, dy: number) => [cx + dx * u, cy + dy * u] as const;
    const ellipse = (
      dx: number,
      dy: number,
      rx: number,
      ry: number,
      colour: Rgb | Shader,
      angle = 0,
    ) => fillEllipse(frame, ...at(dx, dy), rx * u, ry * u, colour, { angle });

    frame.data.set(wall.data);
    // Shoulders and neck.
    ellipse(0, 640, 560, 420, (nx) => shade([58, 92, 136], 1 - 0.25 * nx * nx));
    ellipse(0, 300, 100, 160, (nx) => shade(SKIN, 0.78 - 0.1 * nx * nx));
    // Hair behind the head, then ears and the face with a rounded shading.
    ellipse(0, -40, 262, 318, (nx, ny) => shade([58, 40, 28], 1 - 0.3 * (nx * nx + ny * ny)));
    ellipse(-218, 10, 36, 62, shade(SKIN, 0.88));
    ellipse(218, 10, 36, 62, shade(SKIN, 0.88));
    ellipse(0, 20, 212, 276, (nx, ny) => shade(SKIN, 1.04 - 0.22 * (nx * nx + 0.5 * ny * ny)));
    // Fringe over the forehead.
    ellipse(0, -215, 232, 112, (nx, ny) => shade([58, 40, 28], 1.1 - 0.3 * (nx * nx + ny * ny)));
    // Eyebrows, eyes (white, iris, pupil, catch light).
    for (const side of [-1, 1]) {
      ellipse(side * 86, -62, 56, 11, [70, 48, 34], side * 0.12);
      ellipse(side * 86, -10, 44, 20, [244, 240, 236]);
      ellipse(side * 86, -10, 18, 18, [92, 62, 40]);
      ellipse(side * 86, -10, 8, 8, [18, 14, 12]);
      ellipse(side * 86 + 5, -15, 3.5, 3.5, [255, 255, 255]);
    }
    // Nose shadow and nostrils, then the mouth.
    ellipse(0, 62, 20, 58, shade(SKIN, 0.88));
    ellipse(-13, 112, 9, 6, shade(SKIN, 0.55));
    ellipse(13, 112, 9, 6, shade(SKIN, 0.55));
    ellipse(0, 172, 72, 22, [176, 72, 74]);
    ellipse(0, 170, 68, 3, [110, 40, 44]);
    finish(frame, light, random, 3);
    return frame.data;
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Writes `document.y4m` and `selfie.y4m` (1920x1080, 15 frames) into `outDir` (relative to the
 * working directory) unless they are already there and current. Safe to call from parallel test
 * processes: each writes its own temporary file and renames it into place.
 * @returns absolute paths of the two videos
 */
export async function makeY4mFixtures(
  outDir: string = DEFAULT_OUT_DIR,
): Promise<{ document: string; selfie: string }> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const options: Y4mOptions = { frameCount: VIDEO_FRAMES, extraTags: [GENERATOR_TAG] };
  const paths = { document: resolve(dir, 'document.y4m'), selfie: resolve(dir, 'selfie.y4m') };
  const scenes = { document: documentScene, selfie: selfieScene };
  await writeStaleVideos(paths, VIDEO_WIDTH, VIDEO_HEIGHT, options, (name) =>
    scenes[name](VIDEO_WIDTH, VIDEO_HEIGHT),
  );
  return paths;
}

// Run as a script (not when imported). No top-level await: importers compiled to CommonJS (tsx does
// that for files outside a `"type": "module"` package) could not load this module otherwise.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  makeY4mFixtures(process.argv[2]).then(
    (paths) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`${paths.document}\n${paths.selfie}\n(${seconds} s)`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
