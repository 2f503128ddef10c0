// The "desk" family: a second, independent set of labelled document photos, kept OUT of all tuning
// as the quality engine's held-out family. What it draws is its own (card designs, desks, hands,
// light: no scene of document-scenes.ts, make-y4m.ts or tabletop.ts); how it draws is shared with
// the other renderers (scripts/scene/: the pinhole camera and pose search, noise, blurs, colours,
// seeded draws; the image encoders; the set writer of scripts/labelled-set.ts). Files: desk/rules.ts
// (labels and kinds), desk/scene.ts (a scene drawn from its seed), desk/render.ts (ray casting,
// exposure, lens, sensor); this file writes the set.
//
//   node --import tsx scripts/families/desk.ts [--out DIR] [--count N] [--seed S] [--format jpeg|png]
//   defaults: --out test/fixtures/generated/families/desk, --count 120, --seed 1, --format jpeg
//   (640x480, JPEG quality drawn per item from 70-95 by scripts/jpeg.ts)
//
// How a photo is made (all lengths in millimetres, in camera space: x right, y down, z forward):
// - a document: an ID-1 card (85.6x54 mm, rounded corners) or an open passport booklet whose lower
//   page is the 125x88 mm data page (the labelled document) and whose upper page, spine and cover
//   rim are visible too. Cards are white, pastel or dark, with the photo left or right, a header
//   band, text fields, sometimes a chip; passports have a 2-line MRZ.
// - posed in 3-D: a tilt of up to 35° about a random in-plane axis, then a roll of up to ±25° about
//   the optical axis, in front of a pinhole camera whose horizontal field of view is 55-80°. The
//   distance follows from the fill drawn for the item, the position from where its centre lands.
//   Every pixel is ray-cast: the ray hits the document's plane (card, hand) or the desk's plane
//   (texture, distractors, shadows), so perspective is exact and the corners are the projection
//   of the document's rectangle (its printed corners are rounded inside them).
// - on a desk: wood planks, a woven fabric, granite speckle, a gingham or polka-dot tablecloth, or
//   a plain surface with clutter (coins, pens, sticky notes). The card either lies on the desk
//   (contact shadow) or is held above it by a hand (palm, fingers behind, thumb on the front edge,
//   away from the corners) with a soft cast shadow on the desk. Some scenes hold distractors on
//   the desk: an A4 sheet partly under or beside the document, another card, a phone, a keyboard.
// - lit: warm, cool or neutral white balance, a light gradient across the frame, sometimes a soft
//   shadow edge, vignetting; exposed by an auto-exposure that meters the whole frame (with
//   highlight protection on the document's paper), then a mild lens blur and sensor noise.
//
// Labels by construction (the constants below): each unacceptable item carries exactly one
// degradation, chosen before rendering, and its strength is set with a margin from the
// acceptable band. The engine is never run here. Fill is the projected document's area over the
// frame's. The manifest is the one scripts/eval.ts reads (`expect: {acceptable, issues}`), plus
// "family": "desk", the variant, the seed, and the scene's parameters.
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
import { cellHash } from '../scene/noise.ts';
import { renderScene, type Exposure } from './desk/render.ts';
import {
  ACCEPTABLE_SHARE,
  DEFAULT_COUNT,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  DESK_VARIANTS,
  DOCUMENT_SIZE_MM,
  LABEL_RULES,
  type DeskVariant,
  type DocumentKind,
} from './desk/rules.ts';
import { drawScene, type DeskScene } from './desk/scene.ts';

// The family's parts, for its tests and the desk videos.
export * from './desk/rules.ts';
export { renderScene, type Exposure } from './desk/render.ts';
export {
  documentCorners,
  documentPose,
  documentRotation,
  drawScene,
  type DeskScene,
  type PlanePose,
} from './desk/scene.ts';
export { fillShare, insetOf, makeCamera, shareInFrame, type Camera } from '../scene/pinhole.ts';

/** Default output folder (git-ignored). */
export const DEFAULT_DESK_DIR = join(GENERATED_DIR, 'families/desk');
/** The family's name, written on every item. */
export const FAMILY = 'desk';
/** Bump when the output for a given seed changes. */
export const DESK_VERSION = 1;

/** One manifest item (scripts/eval.ts reads image, kind, expect, corners, document). */
export type DeskItem = FamilyItem<typeof FAMILY, DeskVariant, DocumentKind>;

/** The variants of a set of `count` items: the acceptable share, the rest round the issues. */
export function planVariants(count: number, seed: number): DeskVariant[] {
  return planFamilyVariants(DESK_VARIANTS, ACCEPTABLE_SHARE, count, prng(itemSeed(seed, 0x5eed)));
}

/** Each item's own seed, from the set's seed and its index. */
export function itemSeed(seed: number, index: number): number {
  return Math.floor(cellHash(seed, index, 0xde5c) * 2 ** 31);
}

/** How images are written: JPEG as a phone delivers them (default), or lossless PNG. */
export type DeskFormat = FamilyFormat;

/** Renders item `index` of a set: its image file and its manifest entry (and its scene). */
export const renderItem = familyRenderItem({
  family: FAMILY,
  variants: DESK_VARIANTS,
  width: DEFAULT_WIDTH,
  height: DEFAULT_HEIGHT,
  jpegQuality: LABEL_RULES.jpegQuality,
  itemSeed,
  noiseSalt: 0x6e01,
  qualitySalt: 0x1e9,
  draw: drawScene,
  render: renderScene,
  params: (scene: DeskScene, exposure: Exposure) => {
    const [dw, dh] = DOCUMENT_SIZE_MM[scene.document];
    return {
      tone: scene.design.tone,
      photoLeft: scene.design.photoLeft,
      held: scene.held,
      hand: scene.hand !== null,
      desk: scene.desk,
      distractors: scene.distractors.map((d) => d.kind),
      light: scene.light.kind,
      shadowEdge: scene.light.shadowEdge !== null,
      exposureTarget: round(scene.exposureTarget, 3),
      frameMean: round(exposure.frameMean, 3),
      clippedPaper: round(exposure.clippedPaper, 3),
      ...(scene.glare
        ? { glareShare: round((Math.PI * scene.glare.a * scene.glare.b) / (dw * dh), 3) }
        : {}),
      ...(scene.blurSigma ? { blurSigmaPx: round(scene.blurSigma, 2) } : {}),
    };
  },
});

/** One image to render and write (what the worker threads are sent). */
export type DeskJob = FamilyJob<DeskVariant>;

/** Renders one job's image into its folder and returns its manifest item. */
export const renderToFile: (job: DeskJob) => Promise<DeskItem> = familyRenderer(renderItem);

/** Options of {@link generateDeskSet}. */
export type DeskSetOptions = FamilySetOptions;

/** Writes the set's images and manifest.json; returns the manifest's path and the items. */
export function generateDeskSet(
  options: DeskSetOptions = {},
): Promise<{ manifestPath: string; items: DeskItem[] }> {
  return writeFamilySet(options, {
    family: FAMILY,
    dir: DEFAULT_DESK_DIR,
    count: DEFAULT_COUNT,
    width: DEFAULT_WIDTH,
    height: DEFAULT_HEIGHT,
    plan: planVariants,
    workerModule: new URL('./desk.worker.ts', import.meta.url),
    render: renderToFile,
  });
}

familyMain(import.meta.url, (argv) => generateDeskSet(parseFamilyCli(argv)));
