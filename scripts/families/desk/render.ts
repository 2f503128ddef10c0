// Rendering a desk scene (scripts/families/desk.ts): one ray per pixel centre, four where the surface
// hit changes between neighbours; what each ray hits (the document's face, the hand, the booklet,
// the desk and what lies on it, the document's shadow); then the light, the auto-exposure, the lens
// and the sensor.
import type { Point } from '../../../src/quality/types.ts';
import { prng } from '../../../test/helpers/math.ts';
import { convolve, gaussianKernel } from '../../scene/blur.ts';
import { clamp01, fract, mix, mixRgb, setRgb, smoothstep, type Rgb } from '../../scene/colour.ts';
import { cellHash, hashFbm, hashNoise } from '../../scene/noise.ts';
import { dot3, EDGE_SAMPLES, edgePixels, type Camera, type Vec3 } from '../../scene/pinhole.ts';
import { normalSource } from '../../scene/random.ts';
import { capsuleDistance } from '../../scene/shapes.ts';
import { DOCUMENT_MM } from '../../scene/card.ts';
import { DOCUMENT_SIZE_MM, LABEL_RULES } from './rules.ts';
import { column, SKINS, type DeskScene, type Glare, type PlanePose } from './scene.ts';

/** Signed distance to a w x h rectangle at the origin with corner radius r (negative inside). */
function roundedRectSdf(x: number, y: number, w: number, h: number, r: number): number {
  const qx = Math.abs(x - w / 2) - (w / 2 - r);
  const qy = Math.abs(y - h / 2) - (h / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** The ID-1 card's size and corner radius (mm): the document's, and other cards on the desk. */
const ID1 = DOCUMENT_MM.id1;

/** Surfaces, for the supersampling test (a change of id between neighbours is an edge). */
const ID = { desk: 0, document: 1, skin: 2, page: 3, cover: 4, distractor: 10 } as const;

/** What a ray hit: albedo, surface id, whether it is the document's bare paper, added glare. */
interface Hit {
  r: number;
  g: number;
  b: number;
  id: number;
  paper: boolean;
  glare: number;
}

/** Per-scene values the per-pixel code needs, computed once. */
interface Prepared {
  readonly scene: DeskScene;
  readonly doc: { o: Vec3; e1: Vec3; e2: Vec3; n: Vec3; no: number } | null;
  readonly desk: { o: Vec3; e1: Vec3; e2: Vec3; n: Vec3; no: number };
  /** Desk coordinates of the point the distractors and clutter are placed around (mm). */
  readonly deskCentre: Point;
  readonly textureAngle: number;
  readonly size: readonly [number, number];
}

function prepare(scene: DeskScene): Prepared {
  const plane = (p: PlanePose) => {
    const n = column(p.rotation, 2);
    return {
      o: p.origin,
      e1: column(p.rotation, 0),
      e2: column(p.rotation, 1),
      n,
      no: dot3(n, p.origin),
    };
  };
  const size = DOCUMENT_SIZE_MM[scene.document];
  return {
    scene,
    doc: scene.pose ? plane(scene.pose) : null,
    desk: plane(scene.deskPose),
    deskCentre: scene.pose && !scene.held ? [size[0] / 2, size[1] / 2] : [0, 0],
    textureAngle: cellHash(scene.deskSeed, 7, 1) * Math.PI,
    size,
  };
}

/**
 * Where the ray through pixel (x, y) meets a plane, in its in-plane coordinates (mm), written to
 * `out` (no allocation: this runs for every ray); false when it does not meet it in front.
 */
function intersect(
  camera: Camera,
  plane: { o: Vec3; e1: Vec3; e2: Vec3; n: Vec3; no: number },
  x: number,
  y: number,
  out: number[],
): boolean {
  const dx = (x - camera.width / 2) / camera.focal;
  const dy = (y - camera.height / 2) / camera.focal;
  const n = plane.n;
  const nd = n[0] * dx + n[1] * dy + n[2];
  if (Math.abs(nd) < 1e-9) return false;
  const t = plane.no / nd;
  if (t <= 0) return false;
  const rx = dx * t - plane.o[0];
  const ry = dy * t - plane.o[1];
  const rz = t - plane.o[2];
  out[0] = plane.e1[0] * rx + plane.e1[1] * ry + plane.e1[2] * rz;
  out[1] = plane.e2[0] * rx + plane.e2[1] * ry + plane.e2[2] * rz;
  return true;
}

const DOC_UV = [0, 0];

const DESK_UV = [0, 0];

/** Text-like marks: glyph cells of a 3x5 grid of strokes, words separated by spaces. */
function glyphInk(
  u: number,
  v: number,
  x0: number,
  y0: number,
  x1: number,
  h: number,
  seed: number,
  mono: boolean,
): boolean {
  if (v < y0 || v > y0 + h || u < x0 || u > x1) return false;
  const cw = h * (mono ? 0.8 : 0.62);
  const i = Math.floor((u - x0) / cw);
  if (!mono && cellHash(i, 3, seed) < 0.17) return false;
  const gx = fract((u - x0) / cw);
  if (gx < 0.14 || gx > 0.86) return false;
  const gy = (v - y0) / h;
  const col = Math.min(2, Math.floor(((gx - 0.14) / 0.72) * 3));
  const row = Math.min(4, Math.floor(gy * 5));
  if (col === 0 && cellHash(i, 5, seed) < 0.55) return true;
  return cellHash(i * 15 + row * 3 + col, 11, seed) < 0.45;
}

/** A text line whose length varies with its seed. */
const textLine = (
  u: number,
  v: number,
  x0: number,
  y0: number,
  x1: number,
  h: number,
  seed: number,
) => glyphInk(u, v, x0, y0, x0 + (x1 - x0) * (0.35 + 0.65 * cellHash(seed, 1, 2)), h, seed, false);

/** The holder's photo: backdrop, shoulders, face and hair, in a w x h box. */
function portrait(u: number, v: number, w: number, h: number, seed: number): Rgb {
  const cx = w / 2;
  const skin = SKINS[Math.floor(cellHash(seed, 2, 3) * SKINS.length)]!;
  const hair: Rgb = cellHash(seed, 4, 5) < 0.5 ? [0.1, 0.08, 0.06] : [0.45, 0.3, 0.15];
  const e = (x: number, y: number, rx: number, ry: number) =>
    ((u - x) / rx) ** 2 + ((v - y) / ry) ** 2;
  if (e(cx, h * 1.05, w * 0.55, h * 0.32) < 1) return [0.15, 0.17, 0.22];
  if (e(cx, h * 0.42, w * 0.28, h * 0.28) < 1) {
    if (e(cx, h * 0.3, w * 0.31, h * 0.2) < 1 && v < h * 0.3) return hair;
    return skin;
  }
  if (e(cx, h * 0.3, w * 0.33, h * 0.22) < 1) return hair;
  return [0.72, 0.78, 0.84];
}

/** The document's face at (u, v) mm from its top-left corner; sets `hit`. */
function documentFace(p: Prepared, u: number, v: number, hit: Hit): void {
  const { design: d, document } = p.scene;
  const w = p.size[0];
  const s = d.patternSeed;
  // Fine guilloche-like waves modulate the paper a little.
  const wave = Math.sin(u * d.waveFreq + 3 * Math.sin(v * 0.35 + u * 0.05)) * 0.5 + 0.5;
  let colour: Rgb = mixRgb(
    d.paper,
    d.tone === 'dark' ? mixRgb(d.paper, d.accent, 0.6) : d.accent,
    0.06 * wave,
  );
  let paper = true;
  const soft = mixRgb(d.ink, d.paper, 0.45);
  const header = document === 'id1' ? 10 : 9;
  const photo = document === 'id1' ? { w: 22, h: 28, y: 14 } : { w: 35, h: 45, y: 14 };
  const photoX = d.photoLeft ? 5 : w - 5 - photo.w;
  const x0 = d.photoLeft ? photoX + photo.w + 5 : 5;
  const x1 = d.photoLeft ? w - 5 : photoX - 5;
  if (v < header) {
    {
      colour = d.accent;
      paper = false;
    }
    if (glyphInk(u, v, 6, header * 0.32, w * 0.7, header * 0.38, s + 1, false)) {
      colour = mixRgb(d.paper, [1, 1, 1], 0.5);
      paper = false;
    }
  } else if (u >= photoX && u < photoX + photo.w && v >= photo.y && v < photo.y + photo.h) {
    {
      colour = portrait(u - photoX, v - photo.y, photo.w, photo.h, s);
      paper = false;
    }
  } else if (document === 'passport' && v >= 64) {
    // The MRZ: two lines of 44 monospaced characters on a lighter band.
    colour = mixRgb(d.paper, [1, 1, 1], d.tone === 'dark' ? 0 : 0.35);
    if (
      glyphInk(u, v, 6, 69, 6 + 44 * 2.54, 3.2, s + 2, true) ||
      glyphInk(u, v, 6, 77, 6 + 44 * 2.54, 3.2, s + 3, true)
    ) {
      colour = d.ink;
      paper = false;
    }
  } else if (d.chip && document === 'id1' && u >= x0 && u < x0 + 11 && v >= 40 && v < 48.5) {
    const line = Math.abs(v - 44.25) < 0.25 || Math.abs(u - x0 - 5.5) < 0.25;
    {
      colour = line ? [0.55, 0.45, 0.2] : [0.85, 0.72, 0.38];
      paper = false;
    }
  } else {
    const rows = document === 'id1' ? 5 : 7;
    const pitch = document === 'id1' ? 6 : 7;
    for (let k = 0; k < rows; k++) {
      const y = 14 + k * pitch;
      if (document === 'id1' && d.chip && k === 4) break;
      if (textLine(u, v, x0, y, x1, 1.3, s + 10 + k)) {
        colour = soft;
        paper = false;
      } else if (textLine(u, v, x0, y + 1.9, x1, document === 'id1' ? 2.3 : 2.8, s + 30 + k)) {
        colour = d.ink;
        paper = false;
      }
    }
    if (document === 'id1' && textLine(u, v, 5, 48, w - 5, 2, s + 50)) {
      colour = d.ink;
      paper = false;
    }
  }
  if (document === 'passport') {
    // The page bends into the spine along its top edge.
    const crease = 1 - 0.14 * (1 - smoothstep(0, 5, v));
    colour = [colour[0] * crease, colour[1] * crease, colour[2] * crease];
  }
  setRgb(hit, colour);
  hit.id = ID.document;
  hit.paper = paper;
}

/** Skin with soft shading towards the capsule's rim. */
function skin(p: Prepared, u: number, v: number, depth: number, hit: Hit): void {
  const c = p.scene.hand!.skin;
  const shade =
    (0.72 + 0.28 * smoothstep(0, 0.6, depth)) * (0.92 + 0.16 * hashNoise(u * 0.15, v * 0.15, 9));
  setRgb(hit, c, shade);
  hit.id = ID.skin;
  hit.paper = false;
}

/** Depth (0 at the rim, 1 on the axis) inside the nearest capsule, or -1 outside all. */
function capsuleDepth(
  caps: readonly { a: Point; b: Point; r: number }[],
  u: number,
  v: number,
): number {
  let best = -1;
  for (const c of caps) {
    const dist = capsuleDistance(u, v, c.a, c.b);
    if (dist < c.r) best = Math.max(best, 1 - dist / c.r);
  }
  return best;
}

function glareAt(g: Glare, u: number, v: number): number {
  const c = Math.cos(g.angle);
  const s = Math.sin(g.angle);
  const du = (u - g.x) * c + (v - g.y) * s;
  const dv = -(u - g.x) * s + (v - g.y) * c;
  const r = Math.sqrt((du / g.a) ** 2 + (dv / g.b) ** 2);
  if (r <= 1) return 1.25;
  const t = Math.max(0, 1 - (r - 1) / 0.7);
  return 1.25 * t * t;
}

/** The desk's own surface at desk coordinates (s, q) mm (rotated, scaled texture space). */
function deskSurface(p: Prepared, s0: number, q0: number): Rgb {
  const sc = p.scene;
  const a = p.textureAngle;
  const s = ((s0 * Math.cos(a) + q0 * Math.sin(a)) * 1) / sc.deskScale;
  const q = ((-s0 * Math.sin(a) + q0 * Math.cos(a)) * 1) / sc.deskScale;
  const seed = sc.deskSeed;
  const [c0, c1, c2] = sc.deskColours;
  switch (sc.desk) {
    case 'wood': {
      const plankW = 95 + 50 * cellHash(seed, 1, 1);
      const plank = Math.floor(q / plankW);
      const inPlank = q - plank * plankW;
      if (inPlank < 0.9) return mixRgb(c1!, [0, 0, 0], 0.5);
      const ph = cellHash(plank, 2, seed);
      const warp = 7 * hashNoise(s * 0.006 + ph * 50, q * 0.04, seed);
      const ring = fract((inPlank + warp) * 0.22 + ph * 13);
      const grain =
        0.55 * smoothstep(0.35, 0.95, ring) + 0.3 * hashNoise(s * 0.02, q * 0.9, seed + 3);
      const c = mixRgb(c0!, c1!, clamp01(grain * 0.9 + 0.2 * (ph - 0.5)));
      return c;
    }
    case 'fabric': {
      const pitch = 1.6;
      const i = Math.floor(s / pitch);
      const j = Math.floor(q / pitch);
      const warpOver = (i + j) % 2 === 0;
      const across = warpOver ? fract(s / pitch) : fract(q / pitch);
      const thread = Math.sin(Math.PI * across);
      const t = clamp01(
        0.25 +
          0.5 * thread * (warpOver ? 1 : 0.8) +
          0.25 * cellHash(i, j, seed) +
          0.15 * (hashFbm(s * 0.03, q * 0.03, seed) - 0.5),
      );
      return mixRgb(c0!, c1!, t);
    }
    case 'granite': {
      const base = mixRgb(c0!, c2!, 0.25 * hashFbm(s * 0.04, q * 0.04, seed));
      const cell = 2.4;
      const i = Math.floor(s / cell);
      const j = Math.floor(q / cell);
      const h = cellHash(i, j, seed);
      const cx = (i + 0.2 + 0.6 * cellHash(i, j, seed + 1)) * cell;
      const cy = (j + 0.2 + 0.6 * cellHash(i, j, seed + 2)) * cell;
      const r = 0.35 + 0.7 * cellHash(i, j, seed + 3);
      if (Math.hypot(s - cx, q - cy) < r) {
        if (h < 0.4) return c1!;
        if (h > 0.8) return c2!;
      }
      return mixRgb(base, c1!, 0.2 * hashNoise(s * 0.7, q * 0.7, seed + 4));
    }
    case 'tablecloth': {
      const weave = 0.94 + 0.06 * Math.sin(s * 4) * Math.sin(q * 4);
      let t: number;
      if (seed % 2 === 0) {
        // Gingham: crossing bands.
        const bw = 16;
        t = ((Math.floor(s / bw) & 1) + (Math.floor(q / bw) & 1)) / 2;
      } else {
        // Polka dots on a plain cloth.
        const g = 22;
        const i = Math.floor(s / g);
        const j = Math.floor(q / g);
        const off = (j & 1) * 0.5;
        t =
          Math.hypot(s - (i + 0.5 + off) * g, q - (j + 0.5) * g) < 5.5 ||
          Math.hypot(s - (i - 0.5 + off) * g, q - (j + 0.5) * g) < 5.5
            ? 1
            : 0;
      }
      const c = mixRgb(c0!, c1!, t * 0.9);
      return [c[0] * weave, c[1] * weave, c[2] * weave];
    }
    case 'clutter': {
      const n = 0.94 + 0.12 * hashFbm(s * 0.05, q * 0.05, seed);
      return [c0![0] * n, c0![1] * n, c0![2] * n];
    }
  }
}

/** Distractors and clutter lying on the desk at (s, q), or null; sets the id. */
function onDesk(p: Prepared, s: number, q: number, hit: Hit): Rgb | null {
  const sc = p.scene;
  const [ox, oy] = p.deskCentre;
  for (let k = 0; k < sc.distractors.length; k++) {
    const d = sc.distractors[k]!;
    const c = Math.cos(d.angle);
    const sn = Math.sin(d.angle);
    const lx = (s - ox - d.x) * c + (q - oy - d.y) * sn;
    const ly = -(s - ox - d.x) * sn + (q - oy - d.y) * c;
    hit.id = ID.distractor + k;
    switch (d.kind) {
      case 'a4':
        if (Math.abs(lx) < 105 && Math.abs(ly) < 148.5) {
          const row = fract((ly + 148.5) / 6.5);
          const line = Math.floor((ly + 148.5) / 6.5);
          const text =
            Math.abs(lx) < 80 &&
            ly > -120 &&
            ly < 120 &&
            row < 0.35 &&
            glyphInk(
              lx,
              row * 6.5,
              -80,
              0,
              -80 + 160 * (0.5 + 0.5 * cellHash(line, k, 4)),
              2.2,
              line * 31 + k,
              false,
            );
          return text ? [0.35, 0.35, 0.38] : d.colour;
        }
        break;
      case 'card': {
        if (
          roundedRectSdf(
            lx + ID1.width / 2,
            ly + ID1.height / 2,
            ID1.width,
            ID1.height,
            ID1.corner,
          ) <= 0
        )
          return ly < -15 ? mixRgb(d.colour, [0, 0, 0], 0.35) : d.colour;
        break;
      }
      case 'phone': {
        const sdf = roundedRectSdf(lx + 36, ly + 75, 72, 150, 9);
        if (sdf <= 0) {
          if (sdf < -3.5) {
            const sheen = 0.06 + 0.1 * smoothstep(-60, 70, lx + ly * 0.5);
            return [sheen, sheen, sheen * 1.1];
          }
          return d.colour;
        }
        break;
      }
      case 'keyboard': {
        // lx runs away from the document: the keyboard is the half-plane beyond its near edge.
        if (lx > 0) {
          const kx = fract((lx + 400) / 19);
          const ky = fract((ly + 400) / 19);
          const key = kx > 0.09 && kx < 0.91 && ky > 0.09 && ky < 0.91;
          return key ? [0.3 + 0.2 * d.colour[0], 0.3, 0.32] : [0.08, 0.08, 0.09];
        }
        break;
      }
    }
  }
  for (const o of sc.clutter) {
    const c = Math.cos(o.angle);
    const sn = Math.sin(o.angle);
    const lx = (s - ox - o.x) * c + (q - oy - o.y) * sn;
    const ly = -(s - ox - o.x) * sn + (q - oy - o.y) * c;
    hit.id = ID.distractor + 8;
    if (o.kind === 'coin') {
      const r = Math.hypot(lx, ly);
      if (r < o.size) {
        const shine =
          0.8 + 0.35 * smoothstep(-o.size, o.size, lx - ly) - (r > o.size - 1 ? 0.2 : 0);
        return [o.colour[0] * shine, o.colour[1] * shine, o.colour[2] * shine];
      }
    } else if (o.kind === 'pen') {
      if (Math.abs(lx) < 70 && Math.abs(ly) < 4.5) {
        const shade = 0.75 + 0.35 * Math.cos((ly / 4.5) * 1.4);
        return [o.colour[0] * shade, o.colour[1] * shade, o.colour[2] * shade];
      }
    } else if (Math.abs(lx) < o.size / 2 && Math.abs(ly) < o.size / 2) {
      return o.colour;
    }
  }
  hit.id = ID.desk;
  return null;
}

/** What the ray through pixel (x, y) hits. */
function trace(p: Prepared, x: number, y: number, hit: Hit): void {
  const sc = p.scene;
  const [w, h] = p.size;
  hit.glare = 0;
  hit.paper = false;
  if (p.doc) {
    if (intersect(sc.camera, p.doc, x, y, DOC_UV)) {
      const u = DOC_UV[0]!;
      const v = DOC_UV[1]!;
      const hand = sc.hand;
      const front = hand ? capsuleDepth(hand.front, u, v) : -1;
      if (front >= 0) return skin(p, u, v, front, hit);
      const onCard =
        sc.document === 'id1'
          ? roundedRectSdf(u, v, w, h, ID1.corner) <= 0
          : u >= 0 && u <= w && v >= 0 && v <= h;
      if (onCard) {
        documentFace(p, u, v, hit);
        if (sc.glare) hit.glare = glareAt(sc.glare, u, v);
        return;
      }
      if (sc.document === 'passport' && u >= -3 && u <= w + 3 && v >= -h - 3 && v <= h + 3) {
        const d = sc.design;
        if (u >= 0 && u <= w && v >= -h && v < 0) {
          // The booklet's other page: its own paper, waves, a stamp, and the crease.
          const wave = 0.5 + 0.5 * Math.sin(v * 0.9 + 2 * Math.sin(u * 0.12));
          let c = mixRgb(d.otherPage, d.accent, 0.05 * wave);
          const ring = Math.hypot(u - w * 0.65, v + h * 0.45);
          if (Math.abs(ring - 15) < 0.8) c = mixRgb(c, d.accent, 0.55);
          const crease = 1 - 0.3 * (1 - smoothstep(0, 6, -v));
          setRgb(hit, c, crease);
          hit.id = ID.page;
          return;
        }
        setRgb(hit, d.cover);
        hit.id = ID.cover;
        return;
      }
      const back = hand ? capsuleDepth(hand.back, u, v) : -1;
      if (back >= 0) return skin(p, u, v, back, hit);
    }
  }
  if (!intersect(sc.camera, p.desk, x, y, DESK_UV)) {
    hit.r = hit.g = hit.b = 0.3;
    hit.id = ID.desk;
    return;
  }
  const s = DESK_UV[0]!;
  const q = DESK_UV[1]!;
  hit.id = ID.desk;
  const c = onDesk(p, s, q, hit) ?? deskSurface(p, s, q);
  let shade = 1;
  if (p.doc && sc.pose) {
    // The document's shadow: its outline moved by the light's offset, softened.
    let su = s;
    let sv = q;
    if (sc.held && intersect(sc.camera, p.doc, x, y, DOC_UV)) {
      su = DOC_UV[0]!;
      sv = DOC_UV[1]!;
    }
    const bh = sc.document === 'passport' ? h * 2 + 6 : h;
    const sdf = roundedRectSdf(
      su - sc.shadow.dx + (sc.document === 'passport' ? 3 : 0),
      sv - sc.shadow.dy + (sc.document === 'passport' ? h + 3 : 0),
      sc.document === 'passport' ? w + 6 : w,
      bh,
      3,
    );
    shade = 1 - sc.shadow.strength * (1 - smoothstep(-sc.shadow.soft, sc.shadow.soft, sdf));
  }
  setRgb(hit, c, shade);
}

/** What the camera did, for the manifest (measured on the scene's radiance, not by the engine). */
export interface Exposure {
  /** Gain applied to the lit albedo. */
  readonly gain: number;
  /** Mean of the written frame (0-1, before noise). */
  readonly frameMean: number;
  /** Share of the document's bare paper that clips (all channels ≥ 1). */
  readonly clippedPaper: number;
}

/** Renders a scene to 8-bit RGB. */
export function renderScene(
  scene: DeskScene,
  noiseSeed: number,
): { rgb: Uint8Array; exposure: Exposure } {
  const { width, height, light } = scene;
  const p = prepare(scene);
  const n = width * height;
  const albedo = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
  const glare = new Float32Array(n);
  const ids = new Int32Array(n);
  const paper = new Uint8Array(n);
  const hit: Hit = { r: 0, g: 0, b: 0, id: 0, paper: false, glare: 0 };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      trace(p, x + 0.5, y + 0.5, hit);
      const i = y * width + x;
      albedo[0][i] = hit.r;
      albedo[1][i] = hit.g;
      albedo[2][i] = hit.b;
      glare[i] = hit.glare;
      ids[i] = hit.id;
      paper[i] = hit.paper ? 1 : 0;
    }
  // Edges between surfaces get 4 rays (a rotated grid) instead of 1.
  const edge = edgePixels(ids, width, height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!edge[i]) continue;
      let r = 0;
      let g = 0;
      let b = 0;
      let gl = 0;
      for (const [ox, oy] of EDGE_SAMPLES) {
        trace(p, x + ox, y + oy, hit);
        r += hit.r;
        g += hit.g;
        b += hit.b;
        gl += hit.glare;
      }
      albedo[0][i] = r / 4;
      albedo[1][i] = g / 4;
      albedo[2][i] = b / 4;
      glare[i] = gl / 4;
      paper[i] = 0;
    }
  // Light: white balance, a gradient across the frame, maybe a soft shadow edge, vignetting.
  const halfDiag = Math.hypot(width, height) / 2;
  const gc = Math.cos(light.gradientAngle);
  const gs = Math.sin(light.gradientAngle);
  let sum = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const nx = x / width - 0.5;
      const ny = y / height - 0.5;
      let l = 1 + light.gradient * 2 * (nx * gc + ny * gs);
      const e = light.shadowEdge;
      if (e) {
        const along = nx * Math.cos(e.angle) + ny * Math.sin(e.angle);
        l *= mix(1, e.depth, smoothstep(e.offset - e.width, e.offset + e.width, along));
      }
      const r2 = ((x - width / 2) ** 2 + (y - height / 2) ** 2) / (halfDiag * halfDiag);
      l *= 1 - light.vignette * r2;
      for (let c = 0; c < 3; c++) albedo[c][i] = albedo[c][i]! * l * light.balance[c]!;
      sum += 0.299 * albedo[0][i]! + 0.587 * albedo[1][i]! + 0.114 * albedo[2][i]!;
    }
  // Auto-exposure on the frame's mean, protecting the document from clipping (acceptable items),
  // or pushing its paper into clipping (bright).
  let gain = scene.exposureTarget / (sum / n);
  const paperLuma = new Float32Array(n);
  let paperCount = 0;
  let documentMax = 0;
  for (let i = 0; i < n; i++) {
    if (ids[i] === ID.document)
      documentMax = Math.max(documentMax, albedo[0][i]!, albedo[1][i]!, albedo[2][i]!);
    if (paper[i])
      paperLuma[paperCount++] =
        0.299 * albedo[0][i]! + 0.587 * albedo[1][i]! + 0.114 * albedo[2][i]!;
  }
  if (scene.variant === 'bright') {
    const sorted = paperLuma.subarray(0, paperCount).sort();
    const p10 = sorted[Math.floor(paperCount * 0.1)] ?? 1;
    gain = Math.max(gain, LABEL_RULES.brightPaperP10 / p10);
  } else if (scene.variant !== 'dark' && documentMax > 0) {
    gain = Math.min(gain, LABEL_RULES.documentCeiling / documentMax);
  }
  const out = [albedo[0], albedo[1], albedo[2]] as Float32Array[];
  for (let c = 0; c < 3; c++) {
    const plane = out[c]!;
    for (let i = 0; i < n; i++) plane[i] = plane[i]! * gain + glare[i]!;
    // The lens: a little softness everywhere; defocus for the blur variant.
    out[c] = convolve(plane, width, height, 1, [0.15, 0.7, 0.15]);
    if (scene.blurSigma > 0)
      out[c] = convolve(out[c]!, width, height, 1, gaussianKernel(scene.blurSigma));
  }
  let clipped = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    mean +=
      0.299 * Math.min(1, out[0]![i]!) +
      0.587 * Math.min(1, out[1]![i]!) +
      0.114 * Math.min(1, out[2]![i]!);
    if (paper[i]) {
      if (out[0]![i]! >= 1 && out[1]![i]! >= 1 && out[2]![i]! >= 1) clipped++;
    }
  }
  // Sensor noise (shot-like: grows with the signal), then 8 bits.
  const normal = normalSource(prng(noiseSeed));
  const rgb = new Uint8Array(n * 3);
  for (let k = 0; k < n * 3; k++) {
    const v = out[k % 3]![Math.floor(k / 3)]!;
    const noisy = v + scene.noise * (0.6 + 0.8 * Math.sqrt(clamp01(v))) * normal();
    rgb[k] = Math.round(clamp01(noisy) * 255);
  }
  return {
    rgb,
    exposure: { gain, frameMean: mean / n, clippedPaper: paperCount ? clipped / paperCount : 0 },
  };
}
