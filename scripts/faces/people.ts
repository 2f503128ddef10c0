// The people of the portraits family (scripts/families/portraits.ts, and its videos in
// scripts/portrait-videos.ts): committed photos (sources and licences in
// test/fixtures/faces/README.md), each with its measured landmarks and the outline of what in it is
// the person. A data table: one entry per person, each with how its landmarks were measured.
import type { Point } from '../../src/quality/types.ts';
import {
  ANDERSSON_FIXTURE,
  ANNE_HELENE_FIXTURE,
  HOPPER_FIXTURE,
  JESPER_FIXTURE,
  SARBORTOVA_FIXTURE,
  VEDALDI_FIXTURE,
} from '../../test/fixture-names.ts';
import type { Landmarks } from './landmarks.ts';
import type { Ellipse } from './raster.ts';

/** One person: a committed photo, its measured landmarks and what of it is the person. */
export interface Person {
  readonly name: string;
  /** Relative to a fixtures folder (test/fixture-names.ts). */
  readonly file: string;
  /** Width and height of the photo, RGB. */
  readonly size: readonly [number, number];
  /** CRC-32 of the decoded RGB pixels: the landmarks belong to exactly that image. */
  readonly crc: number;
  /** Measured by eye on 2-3x enlargements, about ±1-2 px (see each person). */
  readonly landmarks: Landmarks;
  /** The head (hair, cap) and the neck and shoulders down to the photo's bottom. */
  readonly head: Ellipse | readonly Point[];
  readonly body: readonly Point[];
  /** The face region (exposure, visibility): an ellipse through forehead top and chin. */
  readonly face: Ellipse;
}

/**
 * The people: which side each is on is fixed here and in test/fixtures/faces/README.md. Held out
 * (never used to set a threshold): Hopper, Anne Helene, Andersson, Sarbortova and Vedaldi. Tuning:
 * Jesper (with the astronaut of generate-selfies.ts).
 *
 * Andersson, Sarbortova and Vedaldi were labelled as the README's "Yaw: hand labels" section says
 * (crops enlarged 4-12x with a 5 px grid, and the luma around the irises and the nose's lower
 * outline; never a detector), in continuous pixel coordinates. Their true yaw ratio (the nose tip's
 * offset from the eyes' middle along the eye line, over the eye distance) from these labels is in
 * each comment; all three were chosen as frontal (|ratio| <= 0.10 with the labels' uncertainty).
 */
export const PEOPLE = {
  /**
   * Grace Hopper (US Navy, public domain): the full 512x600 photo halved. foreheadTop where the
   * cap's brim meets the forehead on the midline, chin the menton above the collar's shadow, eyes
   * the pupils behind the glasses, ears the tragions at the face outline.
   */
  hopper: {
    name: 'hopper',
    file: HOPPER_FIXTURE,
    size: [256, 300],
    crc: 0x6eaf6549,
    landmarks: {
      foreheadTop: [128, 67],
      chin: [128.5, 164],
      rightEye: [112, 94.25],
      leftEye: [154.5, 93.5],
      noseTip: [127, 123],
      mouth: [127, 138.5],
      rightEarTragion: [83.5, 113],
      leftEarTragion: [177.5, 113],
    },
    head: { cx: 129, cy: 92, rx: 58, ry: 82 },
    body: [
      [104, 150],
      [152, 150],
      [162, 166],
      [200, 180],
      [244, 196],
      [256, 220],
      [256, 300],
      [0, 300],
      [0, 214],
      [28, 190],
      [92, 168],
    ],
    face: { cx: 129, cy: 115.5, rx: 44, ry: 48.5 },
  },
  /**
   * Anne Helene (KPhotoAlbum's demo, GPL-2+): a 220x420 crop of bar55.jpg at full size, beside
   * Jesper, whose cheek the head outline leaves out. foreheadTop where the fringe meets the
   * forehead; the ears are under her hair: the face outline at eye level.
   */
  annehelene: {
    name: 'annehelene',
    file: ANNE_HELENE_FIXTURE,
    size: [220, 420],
    crc: 0x3574cfcf,
    landmarks: {
      foreheadTop: [140, 100],
      chin: [142.5, 212.5],
      rightEye: [111, 125],
      leftEye: [167.5, 118.5],
      noseTip: [147.5, 150],
      mouth: [147.5, 176],
      rightEarTragion: [85, 142],
      leftEarTragion: [192, 140],
    },
    head: [
      [62, 40],
      [100, 24],
      [150, 24],
      [170, 45],
      [177, 90],
      [186, 120],
      [195, 150],
      [192, 190],
      [175, 215],
      [150, 232],
      [120, 230],
      [95, 215],
      [75, 185],
      [58, 150],
      [50, 110],
      [52, 70],
    ],
    body: [
      [95, 205],
      [175, 212],
      [190, 250],
      [180, 300],
      [185, 420],
      [0, 420],
      [0, 205],
      [60, 195],
    ],
    face: { cx: 141, cy: 156, rx: 50, ry: 56 },
  },
  /**
   * Aksel Andersson (Gramps' example family tree, GPL-2+; an old studio portrait):
   * 654px-Aksel_Andersson.jpg, x 40-440, y 20-600, halved to 200x290. Bald: foreheadTop where the
   * hairline would be (a third of the face above the brows); the chin and mouth are under the
   * beard and moustache, placed by the face's thirds (±3 px). Eyes the irises (±1.5 px; the left
   * one is in shadow), nose tip the middle of the tip between the nostrils (±2 px); the right ear
   * at the face outline, the left one under the hair. True yaw ratio -0.06 (±0.06).
   */
  andersson: {
    name: 'andersson',
    file: ANDERSSON_FIXTURE,
    size: [200, 290],
    crc: 0x67d1cd14,
    landmarks: {
      foreheadTop: [114, 34],
      chin: [120.5, 124],
      rightEye: [98.5, 71.25],
      leftEye: [135, 68.5],
      noseTip: [116, 90],
      mouth: [118.5, 106],
      rightEarTragion: [77.5, 84],
      leftEarTragion: [152.5, 80],
    },
    head: [
      [117, 9],
      [145, 12],
      [164, 27],
      [173, 47],
      [170, 70],
      [164, 90],
      [155, 109],
      [142, 125],
      [133, 152],
      [123, 181],
      [109, 184],
      [95, 168],
      [88, 137],
      [78, 119],
      [72, 116],
      [69, 98],
      [62, 78],
      [61, 59],
      [69, 35],
      [88, 17],
    ],
    body: [
      [88, 141],
      [117, 137],
      [148, 117],
      [168, 109],
      [200, 125],
      [200, 290],
      [47, 290],
      [62, 250],
      [76, 211],
      [84, 184],
    ],
    face: { cx: 117, cy: 79, rx: 39, ry: 45 },
  },
  /**
   * Hana Sarbortova (VLFeat's documentation, BSD-2-Clause): sarbortova.jpg as it is, 168x225.
   * foreheadTop where her parting meets the forehead, chin the lower edge of the chin above its
   * shadow, eyes the irises behind the glasses (±0.5 px), nose tip between the nostrils (±1 px);
   * the ears are under her hair: the face outline at the level of the glasses' lower rim. True
   * yaw ratio -0.01 (±0.04).
   */
  sarbortova: {
    name: 'sarbortova',
    file: SARBORTOVA_FIXTURE,
    size: [168, 225],
    crc: 0xd5a6c4b2,
    landmarks: {
      foreheadTop: [85, 26],
      chin: [86, 136.5],
      rightEye: [67, 72],
      leftEye: [105.5, 72.5],
      noseTip: [85.5, 98],
      mouth: [86, 110.5],
      rightEarTragion: [51, 84],
      leftEarTragion: [117, 84],
    },
    head: [
      [86, 2],
      [110, 6],
      [127, 22],
      [137, 48],
      [142, 80],
      [147, 110],
      [153, 140],
      [150, 150],
      [120, 140],
      [86, 142],
      [52, 140],
      [20, 150],
      [17, 140],
      [26, 105],
      [31, 75],
      [36, 45],
      [46, 22],
      [62, 8],
    ],
    body: [
      [52, 125],
      [120, 125],
      [150, 140],
      [168, 170],
      [168, 225],
      [0, 225],
      [0, 175],
      [20, 145],
    ],
    face: { cx: 85.5, cy: 81.25, rx: 34, ry: 55.5 },
  },
  /**
   * Andrea Vedaldi (VLFeat's documentation, BSD-2-Clause): vedaldi.jpg as it is, 120x120, a small
   * face (78 px forehead to chin). foreheadTop at the hairline, chin the lower edge of the beard on
   * it, eyes the pupils behind the glasses (±0.5 px), nose tip between the nostrils (±1 px: 0.035
   * of ratio at this eye distance), ears the tragions at the face outline (both ears show). True
   * yaw ratio 0.02 (±0.05).
   */
  vedaldi: {
    name: 'vedaldi',
    file: VEDALDI_FIXTURE,
    size: [120, 120],
    crc: 0xdeb89ae1,
    landmarks: {
      foreheadTop: [67, 30.5],
      chin: [68, 108],
      rightEye: [53.5, 60.5],
      leftEye: [82, 59.5],
      noseTip: [69, 79.5],
      mouth: [68, 87.5],
      rightEarTragion: [37, 67],
      leftEarTragion: [97.5, 66],
    },
    head: [
      [60, 8],
      [45, 11],
      [35, 18],
      [30, 30],
      [28, 45],
      [25, 52],
      [23, 60],
      [26, 75],
      [32, 82],
      [38, 85],
      [42, 95],
      [45, 103],
      [55, 112],
      [68, 114],
      [82, 110],
      [92, 100],
      [95, 90],
      [100, 80],
      [104, 70],
      [105, 55],
      [100, 50],
      [99, 35],
      [95, 20],
      [85, 12],
      [72, 8],
    ],
    body: [
      [42, 100],
      [92, 95],
      [100, 92],
      [120, 93],
      [120, 120],
      [0, 120],
      [0, 112],
      [20, 105],
    ],
    face: { cx: 67.5, cy: 69.25, rx: 30, ry: 39.5 },
  },
  /**
   * Jesper (KPhotoAlbum's demo, GPL-2+; tuning): jesper_2.jpg, x 130-650, scaled to 256x262. The
   * photo cuts his hair at the top; foreheadTop where his fringe meets the forehead.
   */
  jesper: {
    name: 'jesper',
    file: JESPER_FIXTURE,
    size: [256, 262],
    crc: 0xbac3b7b5,
    landmarks: {
      foreheadTop: [125.5, 73.9],
      chin: [123.1, 206.8],
      rightEye: [97, 103.4],
      leftEye: [152.6, 103.9],
      noseTip: [120.6, 135.4],
      mouth: [122.1, 167.4],
      rightEarTragion: [67.9, 123.1],
      leftEarTragion: [196.9, 123.1],
    },
    head: { cx: 133, cy: 105, rx: 86, ry: 112 },
    body: [
      [95, 185],
      [160, 185],
      [190, 195],
      [256, 225],
      [256, 262],
      [0, 262],
      [0, 235],
      [60, 200],
    ],
    face: { cx: 124, cy: 140, rx: 60, ry: 67 },
  },
} as const satisfies Record<string, Person>;
/** A person's name. */
export type PersonName = keyof typeof PEOPLE;

/** Which people each side of the split renders. */
export const SIDES = {
  'held-out': {
    family: 'portraits',
    people: ['hopper', 'annehelene', 'andersson', 'sarbortova', 'vedaldi'],
  },
  tuning: { family: 'portraits-tuning', people: ['jesper'] },
} as const satisfies Record<string, { family: string; people: readonly PersonName[] }>;
/** One side of the split. */
export type Side = keyof typeof SIDES;
