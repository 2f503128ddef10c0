// A person of faces/people.ts cut out of their photo and placed in a frame: the matte drawn from
// the measured outline (not a colour key), a similarity that puts the face at a given size, centre
// and roll, the true landmarks that follow, and the drawing itself. Used by the portraits family
// (scripts/families/portraits.ts) and its videos (scripts/portrait-videos.ts).
import type { Point } from '../../src/quality/types.ts';
import { crc32, type PngImage } from '../png.ts';
import { mapLandmarks, poseOf, type FacePose } from './landmarks.ts';
import type { Person } from './people.ts';
import { bilinear, catmullRom, inEllipse, insidePolygon } from './raster.ts';
import { framing, round, roundLandmarks, type FaceTruth } from './truth.ts';

/** A person's photo as floats, with the person's matte. */
export interface Fixture {
  readonly person: Person;
  readonly width: number;
  readonly height: number;
  readonly rgb: Float32Array;
  readonly matte: Float32Array;
}

/** Whether fixture point (x, y) is inside the person's outline. */
export const inPerson = (person: Person, x: number, y: number): boolean =>
  ('cx' in person.head ? inEllipse(x, y, person.head) : insidePolygon(x, y, person.head)) ||
  insidePolygon(x, y, person.body);

/** Checks `person`'s photo and draws the matte (4x4 supersampled: soft, anti-aliased edges). */
export function prepareFixture(person: Person, png: PngImage): Fixture {
  const { width, height, channels, data } = png;
  if (width !== person.size[0] || height !== person.size[1] || channels !== 3)
    throw new Error(
      `${person.file}: expected ${person.size.join('x')} RGB, got ${width}x${height}`,
    );
  const crc = crc32(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) >>> 0;
  if (crc !== person.crc)
    throw new Error(`${person.file} is not the photo whose landmarks were measured`);
  const matte = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let inside = 0;
      for (let j = 0; j < 4; j++) {
        for (let i = 0; i < 4; i++) {
          const sx = x + (i + 0.5) / 4;
          const sy = y + (j + 0.5) / 4;
          if (inPerson(person, sx, sy)) inside++;
        }
      }
      matte[y * width + x] = inside / 16;
    }
  }
  return { person, width, height, rgb: Float32Array.from(data), matte };
}

// ---------------------------------------------------------------------------------------------
// Geometry.

/** A similarity placing a person's photo in the frame. */
export interface Placement {
  readonly person: Person;
  /** Forehead-to-chin height over the frame's shorter side. */
  readonly size: number;
  /** Face centre (midpoint of forehead top and chin) in frame pixels. */
  readonly centre: Point;
  /** Degrees, clockwise on screen. */
  readonly roll: number;
  readonly mirror: boolean;
}

const ownPoses = new WeakMap<Person, FacePose>();

/**
 * Face height, face centre (the midline) and the face's own roll in its photo, which a placement
 * takes out so that its roll is the true roll. Cached: {@link inverse} runs per frame pixel.
 */
function ownPose(person: Person): FacePose {
  let pose = ownPoses.get(person);
  if (!pose) ownPoses.set(person, (pose = poseOf(person.landmarks)));
  return pose;
}

/** Frame point of fixture point `p` under `pl` in a frame with shorter side `short`. */
export function forward(pl: Placement, short: number, p: Point): Point {
  const f = ownPose(pl.person);
  const scale = (pl.size * short) / f.height;
  const sx = pl.mirror ? 2 * f.centre[0] - p[0] : p[0];
  const own = pl.mirror ? -f.roll : f.roll;
  const a = ((pl.roll - own) * Math.PI) / 180;
  const dx = sx - f.centre[0];
  const dy = p[1] - f.centre[1];
  return [
    pl.centre[0] + scale * (Math.cos(a) * dx - Math.sin(a) * dy),
    pl.centre[1] + scale * (Math.sin(a) * dx + Math.cos(a) * dy),
  ];
}

/** Fixture point drawn at frame point (x, y) (the inverse of {@link forward}). */
export function inverse(pl: Placement, short: number, x: number, y: number): Point {
  const f = ownPose(pl.person);
  const scale = (pl.size * short) / f.height;
  const own = pl.mirror ? -f.roll : f.roll;
  const a = ((pl.roll - own) * Math.PI) / 180;
  const dx = (x - pl.centre[0]) / scale;
  const dy = (y - pl.centre[1]) / scale;
  const sx = f.centre[0] + Math.cos(a) * dx + Math.sin(a) * dy;
  const sy = f.centre[1] - Math.sin(a) * dx + Math.cos(a) * dy;
  return [pl.mirror ? 2 * f.centre[0] - sx : sx, sy];
}

/** The true geometry of a placed face, as the portraits manifest records it. */
export type PersonTruth = Pick<FaceTruth, 'size' | 'centre' | 'offset' | 'roll' | 'landmarks'>;

/** Landmarks (mirrored faces swap left and right, as a detector names them) and pose. */
export function faceTruth(pl: Placement, width: number, height: number): PersonTruth {
  const short = Math.min(width, height);
  const placed = mapLandmarks(pl.person.landmarks, pl.mirror, (p) => forward(pl, short, p));
  const landmarks = roundLandmarks(placed);
  // The roll is the written (rounded) eye line's.
  return {
    ...framing(poseOf(placed), width, height),
    roll: round(poseOf(landmarks).roll),
    landmarks,
  };
}

// ---------------------------------------------------------------------------------------------
// Drawing.

/** A float RGB frame, 0-255 (also the portrait videos' frames). */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly rgb: Float32Array;
}

/**
 * Draws the person at `pl` (bicubic colour, bilinear matte; below the photo its last row continues,
 * so a small person is not cut off in mid-air), tinted by `tint`.
 * @returns frame pixel indices inside this face's region
 */
export function drawPerson(
  frame: Frame,
  fixture: Fixture,
  pl: Placement,
  tint: readonly number[],
): number[] {
  const { width, height, rgb } = frame;
  const short = Math.min(width, height);
  const fw = fixture.width;
  const fh = fixture.height;
  const face: number[] = [];
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, syRaw] = inverse(pl, short, x + 0.5, y + 0.5);
      if (sx < 0 || sx >= fw || syRaw < 0) continue;
      const sy = Math.min(syRaw, fh - 0.5);
      const lx = sx - 0.5;
      const ly = sy - 0.5;
      const alpha = bilinear(fixture.matte, fw, fh, lx, ly);
      if (alpha <= 0.002) continue;
      const x0 = Math.floor(lx);
      const y0 = Math.floor(ly);
      const fx = lx - x0;
      const fy = ly - y0;
      // Exact weights per pixel, each channel summed on its own (selfie-scenes.ts samples its
      // portrait through a 256-phase table): the held-out family keeps its own resampling.
      for (let k = 0; k < 4; k++) {
        wx[k] = catmullRom(fx + 1 - k);
        wy[k] = catmullRom(fy + 1 - k);
      }
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        let v = 0;
        for (let j = 0; j < 4; j++) {
          const row = Math.min(Math.max(y0 - 1 + j, 0), fh - 1) * fw;
          for (let k = 0; k < 4; k++) {
            const col = Math.min(Math.max(x0 - 1 + k, 0), fw - 1);
            v += fixture.rgb[(row + col) * 3 + c]! * wx[k]! * wy[j]!;
          }
        }
        rgb[i + c] = rgb[i + c]! * (1 - alpha) + Math.max(0, v) * tint[c]! * alpha;
      }
      if (inEllipse(sx, syRaw, fixture.person.face)) face.push(y * width + x);
    }
  }
  return face;
}
