// Software rendering of "selfies" for the labelled data generator (selfie-render.ts, and the
// videos of selfie-videos.ts): the one real face we have, the fixture portrait
// test/fixtures/faces/astronaut.png (a 512x512 NASA photograph, public domain), cut out from its
// studio backdrop and composited onto the backgrounds of document-scenes.ts at a known scale,
// position, roll and yaw. Its landmarks were measured once, by eye, on 4-10x crops of the file;
// every transform below maps them too, so the labels come from the geometry, never from a detector.
//
// Pure functions over typed arrays (no Node APIs): faces/fixtures.ts loads the PNG and passes it in.
// The landmark names and the pose maths are faces/landmarks.ts's, shared with the portraits family.
import type { Point } from '../src/quality/types.ts';
import { clamp01, type Rgb } from './make-y4m.ts';
import { gaussianBlur, type FloatImage } from './document-scenes.ts';
import { distance, mapLandmarks, poseOf, type Landmarks } from './faces/landmarks.ts';
import { bilinear, catmullRom, inEllipse, insidePolygon } from './faces/raster.ts';
import { crc32, type PngImage } from './png.ts';

// ---------------------------------------------------------------------------------------------
// The fixture and its truth.

/** Width and height of the fixture portrait. */
export const PORTRAIT_SIZE = 512;

/**
 * CRC-32 of the fixture's decoded RGB pixels: the landmarks below belong to that exact image, so a
 * different file under the same name is refused rather than silently mislabelled.
 */
export const PORTRAIT_CRC = 0xfdcaa55f;

/**
 * The fixture's landmarks in its own continuous pixel coordinates (pixel (i, j) covers
 * [i, i+1) x [j, j+1)), measured by eye on 4-10x crops with a 5 px grid, about ±1 px:
 * - foreheadTop: where the fringe meets the forehead skin on the midline (luma jumps from hair,
 *   ~120, to skin, ~200, between rows 78 and 84). The anatomical hairline is hidden under the
 *   fringe; the hair's crown is at y = 17.
 * - chin: the menton, where the chin's lit skin (luma ~190) meets its own shadow on the neck (~75).
 * - eyes: centres of the iris (the subject's right eye is 1.5 px higher: the head is rolled ~2°).
 * - noseTip: the specular highlight on the tip; mouth: the middle of the open, smiling mouth.
 * - ears: the tragions are under the hair; estimated from the visible lobes at (177, 127) and
 *   (276, 132) and the face outline at eye-to-nose level.
 * The face is frontal to within a few degrees: the nose is 1.5 px left of the eyes' midpoint
 * (3.5% of the 43 px eye distance) and the tragions are 44 and 47 px from the midline.
 */
export const PORTRAIT_FACE: Landmarks = {
  foreheadTop: [224, 81],
  chin: [224, 178],
  rightEye: [203, 101],
  leftEye: [246, 102.5],
  noseTip: [223, 126],
  mouth: [224, 146],
  rightEarTragion: [180, 113],
  leftEarTragion: [271, 113],
};

/** Forehead-to-chin height of the fixture's face, in its pixels. */
export const PORTRAIT_FACE_HEIGHT = distance(PORTRAIT_FACE.foreheadTop, PORTRAIT_FACE.chin);

/** The face's vertical midline (mirroring about it keeps the face where it was). */
const MIDLINE = 224.5;

/**
 * The face region (forehead, cheeks, chin; not the hair): an ellipse through the forehead top and
 * the chin, as wide as the face's outline at the cheekbones. Metrics and occlusion use it.
 */
const FACE_ELLIPSE = { cx: 224.5, cy: 129.5, rx: 43, ry: 48.5 } as const;

/**
 * What of the photo is the person (head, neck, suit, and the helmet she holds): everything inside
 * this outline that is not the grey studio backdrop. The outline leaves out the flag on the left,
 * the shuttle model and its dark stand on the right; it follows the suit's edge against them, and
 * the backdrop is found by colour (below), which gives the hair its real outline.
 */
const PERSON_OUTLINE: readonly Point[] = [
  [85, 0],
  [352, 0],
  [352, 275],
  [347, 285],
  [355, 310],
  [361, 340],
  [365, 349],
  [400, 343],
  [427, 348],
  [452, 361],
  [472, 379],
  [487, 401],
  [495, 424],
  [500, 452],
  [506, 512],
  [27, 512],
  [23, 447],
  [22, 397],
  [25, 360],
  [32, 330],
  [38, 303],
  [47, 280],
  [60, 257],
  [83, 233],
  [110, 213],
  [130, 200],
  [100, 180],
];

/**
 * The opening of the suit's neck ring (rotated ellipse): its silver lining is as grey as the
 * backdrop and touches it through gaps in the rim, so the backdrop search must not enter it.
 */
const RING_OPENING = { cx: 208, cy: 222, rx: 90, ry: 66, angle: 15 } as const;

/** The helmet she holds (bottom right; cut by the photo's right and bottom edges): a non-face object. */
export const HELMET = { cx: 393, cy: 468, r: 120 } as const;

/** Source segments that are cut edges of the helmet (the photo ends there): keep them out of frame. */
export const HELMET_CUTS: readonly (readonly [Point, Point])[] = [
  [
    [500, 400],
    [512, 512],
  ],
  [
    [270, 512],
    [512, 512],
  ],
];

// ---------------------------------------------------------------------------------------------
// The prepared portrait.

/** One resolution of the portrait: colour and the mattes of what can be cut out of it. */
export interface PortraitLevel {
  readonly width: number;
  readonly height: number;
  /** Interleaved RGB, 0-255 floats. */
  readonly rgb: Float32Array;
  /** Opacity of the person (0-1) over the backdrop. */
  readonly person: Float32Array;
  /** Opacity of the helmet alone. */
  readonly helmet: Float32Array;
  /** Source pixels per pixel of this level (1 or 2). */
  readonly step: number;
}

/** The portrait at full and half resolution (the half one for faces drawn smaller than 0.75x). */
export interface Portrait {
  readonly full: PortraitLevel;
  readonly half: PortraitLevel;
}

/**
 * Cuts the fixture out: the backdrop is the grey (chroma < 32, luma > 120) region connected to
 * the top edge inside {@link PERSON_OUTLINE}, outside the ring's opening; the person is the rest of
 * the outline, feathered by σ 0.7 px as a camera's edge would be. Throws on another image.
 */
export function preparePortrait(png: PngImage): Portrait {
  const { width, height, channels, data } = png;
  if (width !== PORTRAIT_SIZE || height !== PORTRAIT_SIZE || channels !== 3) {
    throw new Error(
      `expected the 512x512 RGB fixture portrait, got ${width}x${height}x${channels}`,
    );
  }
  if (crc32(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) !== PORTRAIT_CRC) {
    throw new Error('the fixture portrait is not the one whose landmarks were measured');
  }
  const pixels = width * height;
  const rgb = Float32Array.from(data);
  const key = new Uint8Array(pixels);
  // 0: outside the outline; 1: may be backdrop; 2: inside the outline but never backdrop (ring).
  const region = new Uint8Array(pixels);
  const cos = Math.cos((RING_OPENING.angle * Math.PI) / 180);
  const sin = Math.sin((RING_OPENING.angle * Math.PI) / 180);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const r = data[i * 3]!;
      const g = data[i * 3 + 1]!;
      const b = data[i * 3 + 2]!;
      const chroma = Math.max(r, g, b) - Math.min(r, g, b);
      key[i] = chroma < 32 && 0.299 * r + 0.587 * g + 0.114 * b > 120 ? 1 : 0;
      if (!insidePolygon(x + 0.5, y + 0.5, PERSON_OUTLINE)) continue;
      const dx = x + 0.5 - RING_OPENING.cx;
      const dy = y + 0.5 - RING_OPENING.cy;
      const ex = (dx * cos + dy * sin) / RING_OPENING.rx;
      const ey = (-dx * sin + dy * cos) / RING_OPENING.ry;
      region[i] = ex * ex + ey * ey < 1 ? 2 : 1;
    }
  }
  // Flood fill of the backdrop from the top edge.
  const backdrop = new Uint8Array(pixels);
  const stack: number[] = [];
  for (let x = 0; x < width; x++) {
    if (region[x] === 1 && key[x]) {
      backdrop[x] = 1;
      stack.push(x);
    }
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % width;
    for (const j of [i - 1, i + 1, i - width, i + width]) {
      if (j < 0 || j >= pixels || (j === i - 1 && x === 0) || (j === i + 1 && x === width - 1))
        continue;
      if (!backdrop[j] && region[j] === 1 && key[j]) {
        backdrop[j] = 1;
        stack.push(j);
      }
    }
  }
  const hard = new Float32Array(pixels * 3);
  for (let i = 0; i < pixels; i++) hard[i * 3] = region[i] && !backdrop[i] ? 255 : 0;
  const soft = gaussianBlur({ width, height, rgb: hard }, 0.7).rgb;
  const person = new Float32Array(pixels);
  const helmet = new Float32Array(pixels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      person[i] = soft[i * 3]! / 255;
      const r = Math.hypot(x + 0.5 - HELMET.cx, y + 0.5 - HELMET.cy);
      helmet[i] = clamp01(HELMET.r - r + 0.5) * person[i]!;
    }
  }
  const full: PortraitLevel = { width, height, rgb, person, helmet, step: 1 };
  return { full, half: halve(full) };
}

/** The level at half the resolution (2x2 means): minifying from it does not alias. */
function halve(level: PortraitLevel): PortraitLevel {
  const width = level.width >> 1;
  const height = level.height >> 1;
  const rgb = new Float32Array(width * height * 3);
  const person = new Float32Array(width * height);
  const helmet = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * width + x;
      const corners = [0, 1, level.width, level.width + 1].map(
        (d) => 2 * y * level.width + 2 * x + d,
      );
      for (const i of corners) {
        for (let c = 0; c < 3; c++) rgb[o * 3 + c] = rgb[o * 3 + c]! + level.rgb[i * 3 + c]! / 4;
        person[o] = person[o]! + level.person[i]! / 4;
        helmet[o] = helmet[o]! + level.helmet[i]! / 4;
      }
    }
  }
  return { width, height, rgb, person, helmet, step: level.step * 2 };
}

// ---------------------------------------------------------------------------------------------
// Placing the portrait: yaw warp, mirror, similarity.

/**
 * Yaw is imitated by a horizontal displacement of the face's middle: a broad bump over the whole
 * face (eyes, nose and mouth move, the ears and the outline stay) plus a narrow one on the nose (a
 * turned nose moves further than the eyes, being in front of them). Amplitudes in source pixels
 * for strength 1; the displacement's x-derivative stays above -0.9, so the warp never folds.
 */
const YAW = {
  broad: { amplitude: 18, halfWidth: 52 },
  nose: { amplitude: 9, cx: 223, cy: 130, sx: 11, sy: 20 },
  /** Rows where the broad bump is full, and the length of its fade above and below. */
  rows: [92, 170],
  fade: 28,
} as const;
/** Largest warp strength used (it reaches a nose offset of ~0.37 eye distances). */
export const MAX_YAW_STRENGTH = 1.1;

// Where yawShift can be non-zero, widened by the largest shift (fixed-point iterates move that far).
const YAW_REACH = Math.max(YAW.broad.halfWidth, 4 * YAW.nose.sx + 2) + 30 * MAX_YAW_STRENGTH;
const YAW_TOP = Math.min(YAW.rows[0] - YAW.fade, YAW.nose.cy - 4 * YAW.nose.sy);
const YAW_BOTTOM = Math.max(YAW.rows[1] + YAW.fade, YAW.nose.cy + 4 * YAW.nose.sy);

/** Horizontal displacement of source point (x, y) at warp strength 1. */
function yawField(x: number, y: number): number {
  let shift = 0;
  const broad = YAW.broad;
  const dx = x - MIDLINE;
  if (Math.abs(dx) < broad.halfWidth && y > YAW.rows[0] - YAW.fade && y < YAW.rows[1] + YAW.fade) {
    const across = 0.5 + 0.5 * Math.cos((Math.PI * dx) / broad.halfWidth);
    const beyond = Math.max(YAW.rows[0] - y, y - YAW.rows[1], 0) / YAW.fade;
    const along = 0.5 + 0.5 * Math.cos(Math.PI * Math.min(beyond, 1));
    shift += broad.amplitude * across * along;
  }
  const n = YAW.nose;
  const nx = (x - n.cx) / n.sx;
  const ny = (y - n.cy) / n.sy;
  if (nx * nx + ny * ny < 16) shift += n.amplitude * Math.exp(-0.5 * (nx * nx + ny * ny));
  return shift;
}

// yawField on a 1 px grid over where it is non-zero, read bilinearly: the warp is inverted per
// pixel by iteration, and the table is several times cheaper than the cosines.
const YAW_LEFT = Math.floor(MIDLINE - YAW_REACH);
const YAW_COLUMNS = Math.ceil(2 * YAW_REACH) + 2;
const YAW_ROWS = Math.ceil(YAW_BOTTOM - YAW_TOP) + 2;
const YAW_TABLE = (() => {
  const table = new Float32Array(YAW_COLUMNS * YAW_ROWS);
  for (let j = 0; j < YAW_ROWS; j++) {
    for (let i = 0; i < YAW_COLUMNS; i++)
      table[j * YAW_COLUMNS + i] = yawField(YAW_LEFT + i, YAW_TOP + j);
  }
  return table;
})();

/** Horizontal displacement of source point (x, y) at warp strength `t`. */
function yawShift(x: number, y: number, t: number): number {
  const u = x - YAW_LEFT;
  const v = y - YAW_TOP;
  if (t === 0 || u < 0 || v < 0 || u >= YAW_COLUMNS - 1 || v >= YAW_ROWS - 1) return 0;
  const i = Math.floor(u);
  const j = Math.floor(v);
  const fu = u - i;
  const fv = v - j;
  const k = j * YAW_COLUMNS + i;
  const top = YAW_TABLE[k]! + (YAW_TABLE[k + 1]! - YAW_TABLE[k]!) * fu;
  const bottom =
    YAW_TABLE[k + YAW_COLUMNS]! +
    (YAW_TABLE[k + YAW_COLUMNS + 1]! - YAW_TABLE[k + YAW_COLUMNS]!) * fu;
  return t * (top + (bottom - top) * fv);
}

/** How the portrait is put into the frame. */
export interface Transform {
  /** Output pixels per source pixel. */
  readonly scale: number;
  /** Rotation (radians, clockwise on screen) applied after the warp and the mirror. */
  readonly rotation: number;
  /** Source point (after warp and mirror) that lands on `at`. */
  readonly anchor: Point;
  /** Where the anchor lands in the frame. */
  readonly at: Point;
  /** Mirrored about the face's vertical midline. */
  readonly mirror: boolean;
  /** Yaw warp strength, -{@link MAX_YAW_STRENGTH}..; positive moves the nose to the source's right. */
  readonly yaw: number;
}

/** Maps a source point to the frame. */
export function forward(t: Transform, [x, y]: Point): Point {
  let sx = x + yawShift(x, y, t.yaw);
  if (t.mirror) sx = 2 * MIDLINE - sx;
  const dx = sx - t.anchor[0];
  const dy = y - t.anchor[1];
  const c = Math.cos(t.rotation) * t.scale;
  const s = Math.sin(t.rotation) * t.scale;
  return [t.at[0] + c * dx - s * dy, t.at[1] + s * dx + c * dy];
}

/** The landmarks of a face placed by `t`, named as a detector would name them in the frame. */
export function placeLandmarks(t: Transform): Landmarks {
  return mapLandmarks(PORTRAIT_FACE, t.mirror, (point) => forward(t, point));
}

/** Where and how a face should appear. */
export interface FacePlacement {
  /** Forehead-to-chin height over the frame's shorter side. */
  readonly size: number;
  /** Face centre in the frame (pixels). */
  readonly centre: Point;
  /** Roll in degrees (clockwise on screen). */
  readonly roll: number;
  /** Yaw warp strength (see {@link yawStrengthFor}); sign: the nose towards the image's right. */
  readonly yaw: number;
  readonly mirror: boolean;
}

/** The transform that puts the face at `p` in a `width` x `height` frame (exactly: it is solved). */
export function faceTransform(p: FacePlacement, width: number, height: number): Transform {
  // The warp and the mirror move the face a little and turn it slightly: measure the result in the
  // source first, then scale, turn and move it where it belongs.
  const yaw = p.mirror ? -p.yaw : p.yaw;
  const local = placeLandmarks({
    scale: 1,
    rotation: 0,
    anchor: [0, 0],
    at: [0, 0],
    mirror: p.mirror,
    yaw,
  });
  const pose = poseOf(local);
  return {
    scale: (p.size * Math.min(width, height)) / pose.height,
    rotation: ((p.roll - pose.roll) * Math.PI) / 180,
    anchor: pose.centre,
    at: p.centre,
    mirror: p.mirror,
    yaw,
  };
}

/**
 * The warp strength whose face has yaw ratio `ratio` (bisection: the ratio grows with the
 * strength). Sign convention of {@link FacePlacement.yaw}.
 */
export function yawStrengthFor(ratio: number, mirror: boolean): number {
  const ratioAt = (strength: number) =>
    poseOf(
      placeLandmarks(
        faceTransform({ size: 0.4, centre: [0, 0], roll: 0, yaw: strength, mirror }, 100, 100),
      ),
    ).yawRatio;
  let lo = -MAX_YAW_STRENGTH;
  let hi = MAX_YAW_STRENGTH;
  if (ratio <= ratioAt(lo)) return lo;
  if (ratio >= ratioAt(hi)) return hi;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (ratioAt(mid) < ratio) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// ---------------------------------------------------------------------------------------------
// Drawing.

/** What of the portrait a layer shows. */
export type Cutout = 'person' | 'helmet' | 'photo';

/** One copy of the portrait in the frame. */
export interface Layer {
  readonly cutout: Cutout;
  readonly transform: Transform;
  /** Per-channel gains (another complexion or light on this person); default 1. */
  readonly tint?: Rgb;
}

/**
 * Catmull-Rom weights of the four taps around a sample, for 256 sub-texel phases (a table: this is
 * the hot loop). Sharper than bilinear when the portrait is enlarged (faces are 1.5-3.5x the
 * fixture's).
 */
const CUBIC = (() => {
  const table = new Float64Array(257 * 4);
  for (let phase = 0; phase <= 256; phase++) {
    for (let k = 0; k < 4; k++) table[phase * 4 + k] = catmullRom(phase / 256 + 1 - k);
  }
  return table;
})();

/**
 * Frame rectangle [left, top, right, bottom) that the source rectangle [x0, x1) x [y0, y1) of a
 * layer can touch (default: the whole photo, extended downwards past the frame since its last row
 * continues).
 */
function layerBounds(
  t: Transform,
  width: number,
  height: number,
  [x0, y0, x1, y1]: readonly number[] = [
    0,
    0,
    PORTRAIT_SIZE,
    PORTRAIT_SIZE + (width + height) / t.scale,
  ],
): [number, number, number, number] {
  // Widened by the largest warp shift; rotation and scale keep the rectangle a parallelogram, so
  // its corners bound it.
  const slack = (YAW.broad.amplitude + YAW.nose.amplitude) * MAX_YAW_STRENGTH;
  const corners = (
    [
      [x0 - slack, y0],
      [x1 + slack, y0],
      [x0 - slack, y1],
      [x1 + slack, y1],
    ] as const
  ).map(([x, y]) => forward({ ...t, yaw: 0 }, [x, y]));
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return [
    Math.max(0, Math.floor(Math.min(...xs)) - 1),
    Math.max(0, Math.floor(Math.min(...ys)) - 1),
    Math.min(width, Math.ceil(Math.max(...xs)) + 1),
    Math.min(height, Math.ceil(Math.max(...ys)) + 1),
  ];
}

/** Maps frame points back to the portrait (the inverse of {@link forward}). */
export class Inverse {
  /** Source coordinates of the last {@link Inverse.map} call. */
  sx = 0;
  sy = 0;
  readonly #t: Transform;
  readonly #cos: number;
  readonly #sin: number;

  constructor(t: Transform) {
    this.#t = t;
    this.#cos = Math.cos(t.rotation) / t.scale;
    this.#sin = Math.sin(t.rotation) / t.scale;
  }

  /** Sets `sx`, `sy` to the source point drawn at frame point (x, y). */
  map(x: number, y: number): void {
    const t = this.#t;
    // Inverse similarity, then the mirror, then the warp (by fixed-point iteration).
    const dx = x - t.at[0];
    const dy = y - t.at[1];
    let sx = t.anchor[0] + this.#cos * dx + this.#sin * dy;
    const sy = t.anchor[1] - this.#sin * dx + this.#cos * dy;
    if (t.mirror) sx = 2 * MIDLINE - sx;
    // Only where the warp reaches (it is zero elsewhere, also for the iterates).
    if (t.yaw !== 0 && Math.abs(sx - MIDLINE) < YAW_REACH && sy > YAW_TOP && sy < YAW_BOTTOM) {
      const warped = sx;
      for (let k = 0; k < 12; k++) {
        const next = warped - yawShift(sx, sy, t.yaw);
        const change = Math.abs(next - sx);
        sx = next;
        if (change < 0.002) break;
      }
    }
    this.sx = sx;
    this.sy = sy;
  }
}

/** True when source point (sx, sy) is in the face region. */
const inFace = (sx: number, sy: number): boolean => inEllipse(sx, sy, FACE_ELLIPSE);

/** Bilinear matte of `cutout` at level coordinates (lx, ly) (texel centres at integers). */
function matteAt(level: PortraitLevel, cutout: Cutout, lx: number, ly: number): number {
  if (cutout === 'photo') return 1;
  const matte = cutout === 'helmet' ? level.helmet : level.person;
  return bilinear(matte, level.width, level.height, lx, ly);
}

/** The level a layer samples: half resolution when it is drawn smaller than 0.75x. */
const levelFor = (portrait: Portrait, t: Transform) =>
  t.scale < 0.75 ? portrait.half : portrait.full;

/** Source rectangle of the face region. */
const FACE_BOX = [
  FACE_ELLIPSE.cx - FACE_ELLIPSE.rx,
  FACE_ELLIPSE.cy - FACE_ELLIPSE.ry,
  FACE_ELLIPSE.cx + FACE_ELLIPSE.rx,
  FACE_ELLIPSE.cy + FACE_ELLIPSE.ry,
] as const;

/**
 * The share of each face layer's face region that no later layer covers (at least half opaque):
 * `layers` are back to front; entries of layers without a face (helmet) are 1.
 */
export function faceVisibility(
  portrait: Portrait,
  layers: readonly Layer[],
  width: number,
  height: number,
): number[] {
  return layers.map((layer, k) => {
    if (layer.cutout === 'helmet') return 1;
    if (k === layers.length - 1) return 1;
    const above = layers.slice(k + 1).map((l) => ({
      cutout: l.cutout,
      level: levelFor(portrait, l.transform),
      inverse: new Inverse(l.transform),
    }));
    const inverse = new Inverse(layer.transform);
    const [left, top, right, bottom] = layerBounds(layer.transform, width, height, FACE_BOX);
    let total = 0;
    let seen = 0;
    for (let y = top + 0.5; y < bottom; y++) {
      for (let x = left + 0.5; x < right; x++) {
        inverse.map(x, y);
        if (!inFace(inverse.sx, inverse.sy)) continue;
        total++;
        const covered = above.some(({ cutout, level, inverse: other }) => {
          other.map(x, y);
          if (other.sx < 0 || other.sx >= PORTRAIT_SIZE || other.sy < 0) return false;
          const ly = Math.min(other.sy / level.step, level.height - 0.5) - 0.5;
          return matteAt(level, cutout, other.sx / level.step - 0.5, ly) >= 0.5;
        });
        if (!covered) seen++;
      }
    }
    return total > 0 ? seen / total : 0;
  });
}

/**
 * Draws `layer` over `image`: bicubic colour, bilinear matte; below the photo's bottom edge its last
 * row continues, so a body is not cut off in mid-air.
 * @returns the frame pixels inside the face region of this copy (before later layers cover any)
 */
export function drawLayer(image: FloatImage, portrait: Portrait, layer: Layer): number[] {
  const { width, rgb } = image;
  const t = layer.transform;
  const level = levelFor(portrait, t);
  const { step, width: lw, height: lh } = level;
  const src = level.rgb;
  const [tr, tg, tb] = layer.tint ?? [1, 1, 1];
  const faces = layer.cutout !== 'helmet';
  const facePixels: number[] = [];
  const taps = new Int32Array(4);
  const inverse = new Inverse(t);
  const [left, top, right, bottom] = layerBounds(t, width, image.height);
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      inverse.map(x + 0.5, y + 0.5);
      const { sx, sy } = inverse;
      if (sx < 0 || sx >= PORTRAIT_SIZE || sy < 0) continue;
      // Level coordinates (texel centres at +0.5); below the photo, its last row.
      const lx = sx / step - 0.5;
      const ly = Math.min(sy / step, lh - 0.5) - 0.5;
      const alpha = matteAt(level, layer.cutout, lx, ly);
      if (alpha <= 0.002) continue;
      const x0 = Math.floor(lx);
      const y0 = Math.floor(ly);
      const wx = Math.round((lx - x0) * 256) * 4;
      const wy = Math.round((ly - y0) * 256) * 4;
      for (let k = 0; k < 4; k++) taps[k] = Math.min(Math.max(x0 - 1 + k, 0), lw - 1) * 3;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < 4; j++) {
        const row = Math.min(Math.max(y0 - 1 + j, 0), lh - 1) * lw * 3;
        const wj = CUBIC[wy + j]!;
        for (let k = 0; k < 4; k++) {
          const q = row + taps[k]!;
          const w = CUBIC[wx + k]! * wj;
          r += src[q]! * w;
          g += src[q + 1]! * w;
          b += src[q + 2]! * w;
        }
      }
      const i = y * width + x;
      const p = i * 3;
      const keep = 1 - alpha;
      rgb[p] = rgb[p]! * keep + Math.max(r, 0) * tr * alpha;
      rgb[p + 1] = rgb[p + 1]! * keep + Math.max(g, 0) * tg * alpha;
      rgb[p + 2] = rgb[p + 2]! * keep + Math.max(b, 0) * tb * alpha;
      if (faces && inFace(sx, sy)) facePixels.push(i);
    }
  }
  return facePixels;
}

/** True when the transformed photo covers the whole frame. */
export function photoCoversFrame(t: Transform, width: number, height: number): boolean {
  const inverse = new Inverse({ ...t, yaw: 0 });
  const inside = (v: number) => v >= 1 && v <= PORTRAIT_SIZE - 1;
  return (
    [
      [0, 0],
      [width, 0],
      [0, height],
      [width, height],
    ] as const
  ).every(([x, y]) => {
    inverse.map(x, y);
    return inside(inverse.sx) && inside(inverse.sy);
  });
}

/** The person's extent along the photo's bottom edge (the suit's and the helmet's). */
const BOTTOM_EDGE: readonly [Point, Point] = [
  [20, PORTRAIT_SIZE],
  [508, PORTRAIT_SIZE],
];

/**
 * Where the photo's bottom edge, under the person, is highest in the frame (pixels from the top),
 * or null when it is below the frame. Above a desk drawn from there, nobody is cut off in mid-air.
 */
export function photoBottom(t: Transform, height: number): number | null {
  const top = Math.min(...BOTTOM_EDGE.map((p) => forward(t, p)[1]));
  return top < height ? top : null;
}

/** A desk in front of the people, its top edge at `top`: a lit front edge, a shaded front. */
export function drawDesk(image: FloatImage, top: number, colour: Rgb): void {
  const { width, height, rgb } = image;
  const start = Math.max(0, Math.floor(top));
  for (let y = start; y < height; y++) {
    // Coverage of the row by the desk (the edge is anti-aliased), then the shading: a highlight
    // along the edge, darker towards the bottom of the frame.
    const cover = clamp01(y + 1 - top);
    const depth = (y - top) / Math.max(height - top, 1);
    const k = (y - top < 2.5 ? 1.25 : 1) * (1 - 0.3 * depth);
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) rgb[p + c] = rgb[p + c]! * (1 - cover) + colour[c]! * k * cover;
    }
  }
}
