// The "tabletop" family: a third, independent set of labelled document photos, used for TUNING the
// quality engine (the "desk" family stays held out; the "studio" set is the original). What it
// draws is its own (card designs, surfaces, hands, lighting: nothing of desk.ts or
// document-scenes.ts); how it draws is shared with the other renderers (scripts/scene/: the pinhole
// camera and pose search, noise, blurs, colours, seeded draws; the image encoders; the set writer
// of scripts/labelled-set.ts). Files: tabletop/rules.ts (labels and kinds), tabletop/geometry.ts,
// tabletop/props.ts and tabletop/scene.ts (a scene drawn from its seed), tabletop/print.ts and
// tabletop/surfaces.ts (what a ray sees), tabletop/render.ts (tracing, light, camera); this file
// writes the set.
//
//   node --import tsx scripts/families/tabletop.ts [--out DIR] [--count N] [--seed S] [--format jpeg|png]
//   defaults: --out test/fixtures/generated/families/tabletop, --count 240, --seed 1, --format jpeg
//   (640x480, JPEG quality drawn per item from 70-95 by scripts/jpeg.ts)
//
// How a photo is made (lengths in millimetres, camera space: x right, y down, z forward):
// - a document: an ID-1 card (85.6x54 mm, corner radius 3 mm) in one of five designs (white with a
//   diagonal ribbon, pastel gradient with a watermark, dark with a metallic strip, a busy guilloche
//   rosette, a driving licence with an emblem and numbered fields), or a passport: the 125x88 mm
//   data page (the labelled document) on an open booklet whose visa page, spine crease and cover
//   rim show. Holograms change hue with the viewing angle; passports carry a 2-line MRZ.
// - posed in 3-D (tilt up to 35° about a random in-plane axis, roll ±25°) in front of a pinhole
//   camera of 55-80° horizontal field of view. Each pixel's ray meets the document's plane (card,
//   booklet, hand) or the table's plane, so the labelled corners are exactly the projection of the
//   document's rectangle. Edge pixels get four rays.
// - on a table: marble, cork, felt, herringbone parquet, newspaper, terrazzo, dark leather, glossy
//   white laminate or light oak. The card lies on it (contact occlusion, a thin cast shadow) or is
//   held above it by a hand (a thumb on the face, palm and sleeve beyond one edge) and casts soft
//   shadows. Distractors lie on the table: A4 sheets, receipts, books, phones, keyboards, pens, a
//   mug, or another card (partly under the document, or far behind a held one).
// - lit by a physical model: a spot lamp (inverse-square Lambert diffuse, a Blinn-Phong specular
//   lobe on the laminate, a penumbra from the lamp's size), window light through blinds (soft
//   stripes, a parallel soft shadow) and ambient fill, each with its own colour (warm, cool,
//   mixed). Then lens shading (a partly corrected cos⁴), centre-weighted auto-exposure, lens
//   softness, a little lateral chromatic aberration, shot + read noise in linear light, a 1/2.2
//   tone curve and JPEG at quality 70-95.
//
// Labels by construction (LABEL_RULES): each unacceptable item has one degradation, chosen before
// rendering and set with a margin from the acceptable band; the exposure figures that decide
// glare, dark and bright are measured on the rendered radiance, never by the engine. Fill is the
// projected document's area over the frame's. The manifest is the one scripts/eval.ts reads, as
// desk's: top-level "family": "tabletop", then per item the image, kind, expect, corners,
// document, the variant, the seed and the scene's parameters.
import { join } from 'node:path';
import { prng } from '../../test/helpers/math.ts';
import {
  familyRenderItem,
  familyMain,
  familyRenderer,
  parseFamilyCli,
  planFamilyVariants,
  round,
  writeFamilySet,
  type FamilyFormat,
  type FamilyItem,
  type FamilyJob,
  type FamilySetOptions,
} from '../labelled-set.ts';
import { GENERATED_DIR } from '../scene/files.ts';
import { latticeHash } from '../scene/noise.ts';
import { renderScene, type Exposure } from './tabletop/render.ts';
import {
  ACCEPTABLE_SHARE,
  DEFAULT_COUNT,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  LABEL_RULES,
  TABLETOP_VARIANTS,
  type DocumentKind,
  type TabletopVariant,
} from './tabletop/rules.ts';
import { drawScene, type TabletopScene } from './tabletop/scene.ts';

// The family's parts, for its tests and the eval's tabletop checks.
export * from './tabletop/rules.ts';
export { documentQuad, placeDocument, planeAxes, type Frame3 } from './tabletop/geometry.ts';
export { cornerThumb, holdingHand, type Design, type Hand } from './tabletop/props.ts';
export { renderScene, type Exposure } from './tabletop/render.ts';
export { drawScene, type TabletopScene } from './tabletop/scene.ts';
export { fillShare, insetOf, makeCamera, shareInFrame, type Camera } from '../scene/pinhole.ts';

/** Default output folder (git-ignored). */
export const DEFAULT_TABLETOP_DIR = join(GENERATED_DIR, 'families/tabletop');
/** The family's name, written on the manifest and every item. */
export const FAMILY = 'tabletop';
/** Bump when the output for a given seed changes. */
export const TABLETOP_VERSION = 2;

/** One manifest item (scripts/eval.ts reads image, kind, expect, corners, document). */
export type TabletopItem = FamilyItem<typeof FAMILY, TabletopVariant, DocumentKind>;

/** The variants of a set of `count` items: the acceptable share, the rest round the issues. */
export function planVariants(count: number, seed: number): TabletopVariant[] {
  // Issues with two variants (blur: defocus, motion; corners: out of frame, finger) alternate them.
  return planFamilyVariants(
    TABLETOP_VARIANTS,
    ACCEPTABLE_SHARE,
    count,
    prng(itemSeed(seed, 0x7ab1e)),
  );
}

/** Each item's own seed, from the set's seed and its index. */
export function itemSeed(seed: number, index: number): number {
  return Math.floor(latticeHash(seed, index, 0x7ab) * 2 ** 31);
}

/** How images are written: JPEG as a phone delivers them (default), or lossless PNG. */
export type TabletopFormat = FamilyFormat;

/** Renders item `index` of a set: its image file, its manifest entry, its scene and exposure. */
export const renderItem = familyRenderItem({
  family: FAMILY,
  variants: TABLETOP_VARIANTS,
  width: DEFAULT_WIDTH,
  height: DEFAULT_HEIGHT,
  jpegQuality: LABEL_RULES.jpegQuality,
  itemSeed,
  noiseSalt: 0x5a17,
  qualitySalt: 0x3c3,
  draw: drawScene,
  render: renderScene,
  params: (scene: TabletopScene, exposure: Exposure) => ({
    design: scene.design.kind,
    held: scene.held,
    hand: scene.hand !== null,
    surface: scene.surface,
    distractors: scene.distractors.map((d) => d.kind),
    light: scene.lights.kind,
    blinds: scene.lights.window.power > 0 && scene.lights.window.depth < 1,
    exposureTarget: round(scene.exposureTarget, 4),
    gain: round(exposure.gain, 2),
    frameMean: round(exposure.frameMean, 3),
    documentPeak: round(exposure.documentPeak, 3),
    clippedPaper: round(exposure.clippedPaper, 3),
    clippedDocument: round(exposure.clippedDocument, 3),
    ...(scene.defocusRadius ? { defocusRadiusPx: round(scene.defocusRadius, 2) } : {}),
    ...(scene.motion
      ? {
          motionLengthPx: round(scene.motion.length, 1),
          motionAngleDeg: round((scene.motion.angle * 180) / Math.PI, 1),
        }
      : {}),
  }),
});

/** One image to render and write (what the worker threads are sent). */
export type TabletopJob = FamilyJob<TabletopVariant>;

/** Renders one job's image into its folder and returns its manifest item. */
export const renderToFile: (job: TabletopJob) => Promise<TabletopItem> = familyRenderer(renderItem);

/** Options of {@link generateTabletopSet}. */
export type TabletopSetOptions = FamilySetOptions;

/** Writes the set's images and manifest.json; returns the manifest's path and the items. */
export function generateTabletopSet(
  options: TabletopSetOptions = {},
): Promise<{ manifestPath: string; items: TabletopItem[] }> {
  return writeFamilySet(options, {
    family: FAMILY,
    dir: DEFAULT_TABLETOP_DIR,
    count: DEFAULT_COUNT,
    width: DEFAULT_WIDTH,
    height: DEFAULT_HEIGHT,
    plan: planVariants,
    workerModule: new URL('./tabletop.worker.ts', import.meta.url),
    render: renderToFile,
  });
}

familyMain(import.meta.url, (argv) => generateTabletopSet(parseFamilyCli(argv)));
