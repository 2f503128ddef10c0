// The document videos of the e2e tests (generate-documents.ts writes them with the studio set):
// 1280x720, 30-frame y4m files with identical headers and sizes, so that a test can switch the fake
// camera by overwriting one file in place. Each frame is the video's still scene moved by up to
// ±0.5 px of hand tremor with fresh sensor noise; the tremor is the same in every video.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { polygonArea } from '../../src/quality/geometry.ts';
import type { Quad } from '../../src/quality/types.ts';
import { prng } from '../../test/helpers/math.ts';
import { drawBackground, drawDocument, drawDocumentShadow } from '../document-scenes.ts';
import { round } from '../labelled-set.ts';
import { gaussianBlur } from '../scene/blur.ts';
import { DEFAULT_CARD_STYLE, DOCUMENT_MM } from '../scene/card.ts';
import { GENERATED_DIR, writeIfChanged } from '../scene/files.ts';
import {
  addGlare,
  addNoise,
  applyLighting,
  quantise,
  shift,
  toFloat,
  warpTexture,
  type FloatImage,
  type Lighting,
} from '../scene/photo.ts';
import { DEG, inQuad, projectDocument, type Pose } from '../scene/pinhole.ts';
import { hashSeed, uniform } from '../scene/random.ts';
import { writeStaleVideos, y4mHeader, type FrameRenderer, type Y4mOptions } from '../scene/y4m.ts';
import { GENERATOR_VERSION, type LabelledIssue } from './labels.ts';

/** Default folder of the document videos (git-ignored). */
export const DEFAULT_DOCUMENT_VIDEOS_DIR = join(GENERATED_DIR, 'document-videos');

/** The document videos. */
export const VIDEO_NAMES = ['empty', 'good', 'blurry', 'glare', 'partial'] as const;

/** One document video. */
export type VideoName = (typeof VIDEO_NAMES)[number];

/** Options of {@link generateDocumentVideos} (the defaults are what the e2e tests use). */
export interface DocumentVideoOptions {
  /** Frame width (default 1280). */
  readonly width?: number;
  /** Frame height (default 720). */
  readonly height?: number;
  /** Frames per video (default 30; Chromium loops the file). */
  readonly frames?: number;
  /** Regenerate even when the files are current. */
  readonly force?: boolean;
}

/** videos.json, written beside the videos. */
export interface VideoIndex {
  readonly header: string;
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly videos: Record<
    VideoName,
    {
      readonly file: string;
      readonly corners: [number, number][] | null;
      readonly issues: LabelledIssue[];
    }
  >;
}

const VIDEO_SEED = 7;

/** The fixed document pose of the videos: 60% of the width, turned 4°, top edge tilted away. */
export function videoPose(width: number, height: number): Pose {
  return {
    roll: -4 * DEG,
    tilt: 12 * DEG,
    tiltAxis: 0,
    fov: 66 * DEG,
    widthFraction: 0.6,
    centre: [width * 0.5, height * 0.5],
  };
}

/** The partial video's pose: shifted right until both right corners are 6% of the width outside. */
function partialPose(width: number, height: number): Pose {
  let pose = videoPose(width, height);
  const doc = DOCUMENT_MM.id1;
  for (let k = 0; k < 4; k++) {
    const quad = projectDocument(pose, doc.width, doc.height, width, height);
    const rightmost = Math.min(quad[1][0], quad[2][0]);
    pose = {
      ...pose,
      centre: [pose.centre[0] + width * 1.06 - rightmost, pose.centre[1] + height * 0.03],
    };
  }
  return pose;
}

/**
 * Writes empty/good/blurry/glare/partial.y4m (1280x720, 30 frames, identical headers and sizes) and
 * videos.json into `outDir`, unless they are current. Each frame is the video's still scene moved
 * by up to ±0.5 px (hand tremor) with fresh sensor noise; the tremor is the same in every video.
 * @returns absolute paths of the five videos
 */
export async function generateDocumentVideos(
  outDir: string = DEFAULT_DOCUMENT_VIDEOS_DIR,
  options: DocumentVideoOptions = {},
): Promise<Record<VideoName, string>> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const frames = options.frames ?? 30;
  const y4m: Y4mOptions = { frameCount: frames, extraTags: [`XKYC_DOCVID=${GENERATOR_VERSION}`] };
  const header = y4mHeader(width, height, y4m);
  const paths = Object.fromEntries(
    VIDEO_NAMES.map((name) => [name, join(dir, `${name}.y4m`)]),
  ) as Record<VideoName, string>;

  const tremor = videoTremor(frames);
  const doc = DOCUMENT_MM.id1;
  const goodQuad = projectDocument(videoPose(width, height), doc.width, doc.height, width, height);
  const partialQuad = projectDocument(
    partialPose(width, height),
    doc.width,
    doc.height,
    width,
    height,
  );
  const moved = (quad: Quad | null) => firstFrameCorners(quad, tremor);
  const index: VideoIndex = {
    header: header.trimEnd(),
    width,
    height,
    frames,
    videos: {
      empty: { file: 'empty.y4m', corners: null, issues: ['no_document'] },
      good: { file: 'good.y4m', corners: moved(goodQuad), issues: [] },
      blurry: { file: 'blurry.y4m', corners: moved(goodQuad), issues: ['blur'] },
      glare: { file: 'glare.y4m', corners: moved(goodQuad), issues: ['glare'] },
      partial: { file: 'partial.y4m', corners: moved(partialQuad), issues: ['corners'] },
    },
  };
  const indexPath = join(dir, 'videos.json');
  // One video per line: short enough to read at a glance.
  const { videos, ...meta } = index;
  const indexText = `${JSON.stringify(meta).slice(0, -1)},"videos":{\n${VIDEO_NAMES.map(
    (name) => `${JSON.stringify(name)}:${JSON.stringify(videos[name])}`,
  ).join(',\n')}\n}}\n`;

  // The scene's background is drawn once, and only when a video is stale.
  let scene: ReturnType<typeof videoScene> | undefined;
  await writeStaleVideos(
    paths,
    width,
    height,
    y4m,
    (name) => {
      scene ??= videoScene(width, height);
      const quad = name === 'partial' ? partialQuad : name === 'empty' ? null : goodQuad;
      return videoFrames(scene(name, quad), tremor);
    },
    options.force,
  );
  await writeIfChanged(indexPath, indexText);
  return paths;
}

/** The corners of `quad` in a video's first frame (moved by its tremor), as the indexes record them. */
export function firstFrameCorners(
  quad: Quad | null,
  tremor: readonly (readonly [number, number])[],
): [number, number][] | null {
  return quad
    ? quad.map(([x, y]): [number, number] => [
        round(x + tremor[0]![0], 3),
        round(y + tremor[0]![1], 3),
      ])
    : null;
}

/**
 * Per-frame hand tremor of the videos (up to ±0.5 px each way), the same in every video so that
 * switching files does not make the document jump.
 */
export function videoTremor(frames: number): (readonly [number, number])[] {
  return Array.from({ length: frames }, (_, i) => {
    const random = prng(hashSeed(VIDEO_SEED, 100, i));
    return [uniform(random, -0.5, 0.5), uniform(random, -0.5, 0.5)] as const;
  });
}

/** The frames of a video: its still scene moved by each frame's tremor, with fresh sensor noise. */
export function videoFrames(
  base: FloatImage,
  tremor: readonly (readonly [number, number])[],
): FrameRenderer {
  const rgba = new Uint8ClampedArray(base.width * base.height * 4);
  return (i) => {
    const frame = shift(base, tremor[i]![0], tremor[i]![1]);
    addNoise(frame, prng(hashSeed(VIDEO_SEED, 200, i)), 1.5);
    rgba.set(quantise(frame, 4));
    return rgba;
  };
}

/**
 * The still scene of each video, before tremor and noise. `overlay` (if any) draws on the image
 * after the card and before the lighting, given the card's quad: what is printed on the card, such
 * as the flow videos' holder photo (scripts/flow-videos.ts).
 */
export function videoScene(
  width: number,
  height: number,
  overlay?: (image: FloatImage, quad: Quad) => void,
): (name: VideoName, quad: Quad | null) => FloatImage {
  const random = prng(hashSeed(VIDEO_SEED, 1));
  const background = drawBackground('wood', width, height, random);
  const u = width / 640;
  const lighting: Lighting = { slope: 0.04, angle: 0.6, balance: [1.02, 1, 0.98] };
  const doc = DOCUMENT_MM.id1;
  return (name, quad) => {
    const canvas = { ...background, data: background.data.slice() };
    let image: FloatImage;
    if (!quad) {
      image = toFloat(canvas);
      applyLighting(image, lighting);
      return image;
    }
    const edge = Math.hypot(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]) / doc.width;
    const texture = drawDocument('id1', edge * 1.3, hashSeed(VIDEO_SEED, 2), DEFAULT_CARD_STYLE);
    drawDocumentShadow(canvas, quad, prng(hashSeed(VIDEO_SEED, 3)));
    image = toFloat(canvas);
    const coverage = warpTexture(image, texture, quad);
    overlay?.(image, quad);
    applyLighting(image, lighting);
    if (name === 'glare') {
      const area = polygonArea(quad);
      const core = (0.14 * area) / Math.PI;
      const rx = Math.sqrt(core * 1.7);
      addGlare(
        image,
        { centre: inQuad(quad, 0.6, 0.45), rx, ry: core / rx, angle: 0.5, peak: 450, halo: 0.6 },
        coverage,
      );
    }
    if (name === 'blurry') image = gaussianBlur(image, 3.5 * u);
    return image;
  };
}
