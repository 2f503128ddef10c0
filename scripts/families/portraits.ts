// The "portraits" family: labelled selfies of a person the selfie checks were never tuned on, kept
// OUT of all calibration as their held-out family. The faces are the held-out people of PEOPLE
// (Grace Hopper, a US Navy photograph in the public domain, and four more; sources and licences in
// test/fixtures/faces/README.md), never used by generate-selfies.ts, whose studio set (the
// astronaut) the thresholds are set on.
// It shares the face maths with the studio set (scripts/faces/: landmarks, label rules, the true
// geometry, a matte's sampling) but no scene code with selfie-scenes.ts or document-scenes.ts: its
// own cut-out (a drawn head-and-shoulders matte, not a colour key: faces/person.ts), its own rooms
// (plaster wall, tiles, bookshelf, curtain, window: portraits-scene.ts), its own light (a key light
// from one side, colour temperature, vignetting), exposure, camera blur, sensor noise, and JPEG
// (scripts/jpeg.ts) at quality 70-95. The people are faces/people.ts's.
//
//   node --import tsx scripts/families/portraits.ts [--out DIR] [--count N] [--seed S]
//   defaults: --out test/fixtures/generated/families/portraits, --count 120, --seed 1 (640x480)
//
// Labels by construction (faces/truth.ts's FACE_RULES; the engine is never run here), with the
// studio set's semantics so that one engine is judged by one rule: face size = forehead-to-chin height over the
// frame's shorter side ("forehead top" is where the visible forehead begins: here the cap's brim),
// acceptable 0.30-0.60, face_too_large above 0.70 (a face that close is always refused),
// face_too_small below 0.22; face_off_center: the face centre more than 18 % of the width or
// height from the frame centre; face_angle: roll beyond 18° (the photo is frontal, so a turned head
// cannot be made and is not labelled); multiple_faces: two faces of size ≥ 0.2; no_face: none in
// the frame; blur: defocus or motion blur well past what a camera does to a sharp photo; dark: face
// and frame mean luma at most 45. Each unacceptable item has exactly one issue, drawn with a margin
// from its bound (MARGINS); acceptable items stay inside the acceptable band by a margin too.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Point } from '../../src/quality/types.ts';
import { prng } from '../../test/helpers/math.ts';
import { loadFixture } from '../faces/fixtures.ts';
import { LANDMARK_NAMES } from '../faces/landmarks.ts';
import { SIDES, type Person, type Side } from '../faces/people.ts';
import {
  drawPerson,
  faceTruth,
  forward,
  inPerson,
  inverse,
  type Fixture,
  type Frame,
  type PersonTruth,
  type Placement,
} from '../faces/person.ts';
import { FACE_RULES, geometryIssues, round } from '../faces/truth.ts';
import { encodeJpeg } from '../jpeg.ts';
import { familyMain, finishFamilySet } from '../labelled-set.ts';
import {
  gaussian,
  meanLuma,
  motion,
  pick,
  ROOMS,
  uniform,
  drawRoom,
  type Room,
} from './portraits-scene.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Default output folder (git-ignored). */
export const DEFAULT_PORTRAITS_DIR = resolve(
  REPO_ROOT,
  'test/fixtures/generated/families/portraits',
);
/** The family's name, written at the manifest's top. */
export const FAMILY = 'portraits';
/** Default number of photos. */
export const DEFAULT_COUNT = 120;

// ---------------------------------------------------------------------------------------------
// Margins and variants.

/** The bands items are drawn from, each with a margin from FACE_RULES. */
export const MARGINS = {
  acceptableSize: [0.33, 0.56],
  acceptableOffset: 0.12,
  acceptableRoll: 10,
  largeSize: [0.76, 0.95],
  smallSize: [0.1, 0.18],
  offCentre: [0.24, 0.34],
  badRoll: [26, 40],
  secondFace: [0.26, 0.34],
  /** Acceptable faces' mean luma (the last part "bright but fine"). */
  faceLuma: [95, 195],
  darkFaceLuma: [14, 36],
  /** Camera blur of every photo (σ, px at 480 lines) and the blur variants' strengths. */
  cameraBlur: [0.3, 0.6],
  defocus: [3.2, 5.5],
  motion: [16, 30],
} as const;

/** Issue of each variant (null: acceptable). */
export const PORTRAIT_VARIANTS = {
  acceptable: null,
  bright: null,
  too_close: 'face_too_large',
  too_far: 'face_too_small',
  off_centre: 'face_off_center',
  tilted: 'face_angle',
  two_faces: 'multiple_faces',
  empty: 'no_face',
  torso: 'no_face',
  defocus: 'blur',
  motion: 'blur',
  dark: 'dark',
} as const;
/** One variant. */
export type PortraitVariant = keyof typeof PORTRAIT_VARIANTS;

/** Variants of a set of `count`: 40 % acceptable (a quarter of them bright), the rest even. */
export function planVariants(count: number, seed: number): PortraitVariant[] {
  const acceptable = Math.round(count * 0.4);
  const list: PortraitVariant[] = [];
  for (let i = 0; i < acceptable; i++) list.push(i % 4 === 3 ? 'bright' : 'acceptable');
  const issues = (Object.keys(PORTRAIT_VARIANTS) as PortraitVariant[]).filter(
    (v) => PORTRAIT_VARIANTS[v] !== null,
  );
  const issueNames = [...new Set(issues.map((v) => PORTRAIT_VARIANTS[v]))];
  const rest = count - acceptable;
  issueNames.forEach((issue, k) => {
    const ways = issues.filter((v) => PORTRAIT_VARIANTS[v] === issue);
    const n = Math.floor(rest / issueNames.length) + (k < rest % issueNames.length ? 1 : 0);
    for (let i = 0; i < n; i++) list.push(ways[i % ways.length]!);
  });
  const random = prng(seed * 7919 + 17);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// One item.

/** One manifest item, in the eval's format. */
export interface PortraitItem {
  readonly image: string;
  readonly kind: 'selfie';
  readonly faces: number;
  readonly expect: { readonly acceptable: boolean; readonly issues: string[] };
  readonly variant: PortraitVariant;
  readonly seed: number;
  readonly room: Room;
  readonly quality: number;
  readonly params: Record<string, number | string | boolean>;
  /** One entry per face, largest first. */
  readonly geometry: PersonTruth[];
  /** Mean luma of the frame and of the largest face (null without one), as written. */
  readonly metrics: { readonly frameLuma: number; readonly faceLuma: number | null };
}

/** A rendered item: RGB bytes and its label (without the file name). */
export interface Rendered {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  readonly label: Omit<PortraitItem, 'image'>;
}

const centred = (random: () => number, max: number): Point => [
  uniform(random, -max, max),
  uniform(random, -max, max),
];
const signed = (random: () => number, [a, b]: readonly number[]) =>
  (random() < 0.5 ? -1 : 1) * uniform(random, a!, b!);

/** The faces of a variant (main first), or null when the draw does not fit (redrawn). */
function planFaces(
  variant: PortraitVariant,
  random: () => number,
  people: readonly Person[],
  width: number,
  height: number,
): Placement[] | null {
  const M = MARGINS;
  const at = (offset: Point): Point => [width * (0.5 + offset[0]), height * (0.5 + offset[1])];
  const person = pick(random, people);
  const one = (size: readonly number[], offset: Point, roll: number): Placement[] => [
    {
      person,
      size: uniform(random, size[0]!, size[1]!),
      centre: at(offset),
      roll,
      mirror: random() < 0.5,
    },
  ];
  const okRoll = () => uniform(random, -M.acceptableRoll, M.acceptableRoll);
  switch (variant) {
    case 'acceptable':
    case 'bright':
    case 'defocus':
    case 'motion':
    case 'dark':
      return one(M.acceptableSize, centred(random, M.acceptableOffset), okRoll());
    case 'too_close':
      return one(M.largeSize, centred(random, 0.04), okRoll());
    case 'too_far':
      return one(M.smallSize, centred(random, 0.1), okRoll());
    case 'off_centre': {
      const mode = Math.floor(random() * 3);
      const offset: Point = [
        mode !== 1 ? signed(random, M.offCentre) : uniform(random, -0.08, 0.08),
        mode !== 0 ? signed(random, M.offCentre) : uniform(random, -0.08, 0.08),
      ];
      return one([0.3, 0.42], offset, okRoll());
    }
    case 'tilted':
      return one([0.33, 0.48], centred(random, 0.08), signed(random, M.badRoll));
    case 'two_faces': {
      const side = random() < 0.5 ? -1 : 1;
      const main = one(
        [0.36, 0.46],
        [-side * uniform(random, 0.1, 0.15), uniform(random, 0, 0.08)],
        okRoll(),
      );
      const other: Placement = {
        person: pick(random, people),
        size: uniform(random, M.secondFace[0], M.secondFace[1]),
        centre: at([side * uniform(random, 0.26, 0.36), uniform(random, -0.15, -0.02)]),
        roll: okRoll(),
        mirror: !main[0]!.mirror,
      };
      return [main[0]!, other];
    }
    case 'empty':
      return [];
    case 'torso':
      return null;
  }
}

/** Renders item `index` of a set with seed `setSeed` (deterministic), redrawing misfits. */
export function renderItem(
  variant: PortraitVariant,
  itemSeed: number,
  fixtures: readonly Fixture[],
  width = 640,
  height = 480,
): Rendered {
  for (let attempt = 0; attempt < 80; attempt++) {
    const out = tryRender(variant, itemSeed, attempt, fixtures, width, height);
    if (out) return out;
  }
  throw new Error(`${variant} (seed ${itemSeed}): no draw fit its label`);
}

function tryRender(
  variant: PortraitVariant,
  itemSeed: number,
  attempt: number,
  fixtures: readonly Fixture[],
  width: number,
  height: number,
): Rendered | null {
  const random = prng((itemSeed * 31 + attempt * 7877) >>> 0);
  const short = Math.min(width, height);
  const params: Record<string, number | string | boolean> = {};
  if (attempt > 0) params.attempt = attempt;
  const expected = PORTRAIT_VARIANTS[variant];

  // Where the faces go; a torso is the person with the chin above the frame by a margin.
  let faces: Placement[];
  let torso: Placement | null = null;
  if (variant === 'torso') {
    const size = uniform(random, 0.35, 0.6);
    torso = {
      person: pick(random, fixtures).person,
      size,
      centre: [width * uniform(random, 0.35, 0.65), -size * short * uniform(random, 0.75, 1.1)],
      roll: uniform(random, -6, 6),
      mirror: random() < 0.5,
    };
    const t = faceTruth(torso, width, height);
    if (Object.values(t.landmarks).some(([, y]) => y > -0.03 * short)) return null;
    faces = [];
  } else {
    const planned = planFaces(
      variant,
      random,
      fixtures.map((f) => f.person),
      width,
      height,
    );
    if (!planned) return null;
    faces = planned;
  }
  const truths = faces.map((f) => faceTruth(f, width, height));
  // Every landmark of every face inside the frame (ears may leave it for a face too close).
  const margin = 0.02 * short;
  for (const [k, t] of truths.entries()) {
    const names =
      variant === 'too_close'
        ? (['rightEye', 'leftEye', 'noseTip', 'mouth'] as const)
        : LANDMARK_NAMES;
    for (const n of names) {
      const [x, y] = t.landmarks[n];
      if (x < margin || y < margin || x > width - margin || y > height - margin) return null;
    }
    if (k > 0 && variant !== 'two_faces') return null;
  }
  const order = truths
    .map((t, k) => ({ t, k }))
    .sort((a, b) => b.t.size - a.t.size)
    .map(({ k }) => k);
  const sorted = order.map((k) => truths[k]!);
  const geometric = geometryIssues(sorted);
  const photometric = expected === 'blur' || expected === 'dark' ? expected : null;
  const want = expected && !photometric ? [expected] : [];
  if (JSON.stringify(geometric.issues) !== JSON.stringify(want) || geometric.tolerated.length > 0)
    return null;

  // The scene: a room, the people (the other face behind the main one), a key light.
  const frame: Frame = { width, height, rgb: new Float32Array(width * height * 3) };
  const room = pick(random, ROOMS);
  drawRoom(frame, room, random);
  let mainFace: number[] = [];
  const drawOrder = torso ? [torso] : [...faces].reverse();
  for (const [k, pl] of drawOrder.entries()) {
    const tint = [uniform(random, 0.92, 1.08), 1, uniform(random, 0.9, 1.08)];
    const fixture = fixtures.find((f) => f.person === pl.person)!;
    const pixels = drawPerson(frame, fixture, pl, tint);
    if (!torso && k === drawOrder.length - 1) mainFace = pixels;
  }
  if (variant === 'two_faces') {
    // The face behind must stay visible: the main person's matte may not cover its face.
    const behind = faces[1]!;
    const pts = 48;
    let covered = 0;
    for (let i = 0; i < pts; i++) {
      const a = (2 * Math.PI * i) / pts;
      const e = behind.person.face;
      const p = forward(behind, short, [
        e.cx + 0.8 * e.rx * Math.cos(a),
        e.cy + 0.8 * e.ry * Math.sin(a),
      ]);
      const front = faces[0]!.person;
      const [sx, sy] = inverse(faces[0]!, short, p[0], p[1]);
      if (
        sx >= 0 &&
        sx < front.size[0] &&
        sy >= 0 &&
        inPerson(front, sx, Math.min(sy, front.size[1] - 1))
      )
        covered++;
    }
    if (covered > 0) return null;
  }

  // Key light from one side over the frame, a colour temperature, vignetting.
  const side = uniform(random, -1, 1);
  const temp = uniform(random, -0.08, 0.08);
  const vignette = uniform(random, 0.1, 0.3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width - 0.5;
      const v = y / height - 0.5;
      const k = (1 + 0.35 * side * u) * (1 - vignette * (u * u + v * v) * 2);
      const i = (y * width + x) * 3;
      frame.rgb[i] = frame.rgb[i]! * k * (1 + temp);
      frame.rgb[i + 1] = frame.rgb[i + 1]! * k;
      frame.rgb[i + 2] = frame.rgb[i + 2]! * k * (1 - temp);
    }
  }
  params.people = (torso ? [torso] : faces).map((f) => f.person.name).join(',');
  params.light = round(side);
  params.temperature = round(temp);

  // The camera's blur (always a little), or the blur variants'.
  const u = short / 480;
  if (variant === 'defocus') {
    const sigma = uniform(random, MARGINS.defocus[0], MARGINS.defocus[1]) * u;
    gaussian(frame, sigma);
    params.defocus = round(sigma);
  } else if (variant === 'motion') {
    const length = uniform(random, MARGINS.motion[0], MARGINS.motion[1]) * u;
    const angle = random() * Math.PI;
    motion(frame, length, angle);
    params.motion = round(length);
    params.angle = round((angle * 180) / Math.PI, 1);
  } else {
    const sigma = uniform(random, MARGINS.cameraBlur[0], MARGINS.cameraBlur[1]) * u;
    gaussian(frame, sigma);
    params.blur = round(sigma);
  }

  // Exposure: the camera meters the face, or the frame without one.
  const [lo, hi] =
    variant === 'dark'
      ? MARGINS.darkFaceLuma
      : variant === 'bright'
        ? [172, MARGINS.faceLuma[1]]
        : [MARGINS.faceLuma[0], 165];
  const target = uniform(random, lo, hi);
  const metered = mainFace.length > 0 ? meanLuma(frame, mainFace) : meanLuma(frame);
  const gain = (mainFace.length > 0 ? target : uniform(random, 70, 180)) / Math.max(metered, 1);
  // Sensor noise after the gain, stronger in the dark.
  const noise = uniform(random, 1.5, 4) * (variant === 'dark' ? 1.5 : 1);
  const pixels = new Uint8Array(width * height * 3);
  for (let i = 0; i < pixels.length; i++) {
    const n = (random() + random() + random() - 1.5) * 2 * noise;
    pixels[i] = Math.max(0, Math.min(255, Math.round(frame.rgb[i]! * gain + n)));
  }
  const written: Frame = { width, height, rgb: Float32Array.from(pixels) };
  const frameLuma = meanLuma(written);
  const faceLuma = mainFace.length > 0 ? meanLuma(written, mainFace) : null;
  if (variant === 'dark') {
    if (faceLuma === null || faceLuma > FACE_RULES.darkLuma - 5 || frameLuma > FACE_RULES.darkLuma)
      return null;
  } else {
    if (frameLuma < 55) return null;
    if (faceLuma !== null && (faceLuma < MARGINS.faceLuma[0] || faceLuma > MARGINS.faceLuma[1]))
      return null;
  }
  params.gain = round(gain);
  params.noise = round(noise);

  const issues = expected ? [expected] : [];
  return {
    width,
    height,
    pixels,
    label: {
      kind: 'selfie',
      faces: faces.length,
      expect: { acceptable: issues.length === 0, issues },
      variant,
      seed: itemSeed,
      room,
      quality: Math.round(uniform(random, 70, 95)),
      params,
      geometry: sorted,
      metrics: {
        frameLuma: round(frameLuma, 1),
        faceLuma: faceLuma === null ? null : round(faceLuma, 1),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The set.

/** Options of {@link generatePortraits}. */
export interface PortraitSetOptions {
  /** Default 'held-out' (family "portraits"); 'tuning' renders the tuning people instead. */
  readonly side?: Side;
  readonly out?: string;
  readonly count?: number;
  readonly seed?: number;
  readonly fixtureDirs?: readonly string[];
}

/** Writes the set (JPEG images and manifest.json); without a fixture writes nothing. */
export async function generatePortraits(
  options: PortraitSetOptions = {},
): Promise<{ manifestPath: string; items: PortraitItem[] } | { skipped: string }> {
  const side = SIDES[options.side ?? 'held-out'];
  const fixtures: Fixture[] = [];
  for (const name of side.people) {
    const fixture = await loadFixture(name, options.fixtureDirs);
    if ('missing' in fixture) return { skipped: fixture.missing };
    fixtures.push(fixture);
  }
  const out = resolve(options.out ?? join(dirname(DEFAULT_PORTRAITS_DIR), side.family));
  const count = options.count ?? DEFAULT_COUNT;
  const seed = options.seed ?? 1;
  await mkdir(out, { recursive: true });
  const items: PortraitItem[] = [];
  for (const [index, variant] of planVariants(count, seed).entries()) {
    const itemSeed = (seed * 1_000_003 + index * 7919) >>> 0;
    const { width, height, pixels, label } = renderItem(variant, itemSeed, fixtures);
    const image = `${String(index).padStart(4, '0')}-${variant}.jpg`;
    await writeFile(join(out, image), encodeJpeg({ width, height, data: pixels }, label.quality));
    items.push({ image, ...label });
  }
  // Only JPEG is written here, so only numbered JPEG files are taken for an earlier set's.
  const manifestPath = await finishFamilySet(out, items, side.family, /^\d{4}-[a-z_]+\.jpg$/);
  return { manifestPath, items };
}

familyMain(import.meta.url, (argv) => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      side: { type: 'string' },
      out: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const side = values.side ?? 'held-out';
  if (!(side in SIDES)) throw new Error(`--side must be one of ${Object.keys(SIDES).join(', ')}`);
  return generatePortraits({
    side: side as Side,
    out: values.out,
    count: values.count === undefined ? undefined : Number(values.count),
    seed: values.seed === undefined ? undefined : Number(values.seed),
  });
});
