// Rendering a tabletop scene (scripts/families/tabletop.ts): rays through every pixel (four on edges
// between surfaces) meet the document's plane (card, booklet, hand) or the table's, lit by the lamp,
// the window and ambient light with the document's shadows; then the camera: centre-weighted
// exposure, lens shading and softness, defocus or motion, chromatic aberration, shot and read
// noise in linear light, the tone curve and 8 bits.
import { prng } from '../../../test/helpers/math.ts';
import { discBlurValues } from '../../scene/blur.ts';
import { fract, luma, mix, smoothstep } from '../../scene/colour.ts';
import { add3, dot3, EDGE_SAMPLES, edgePixels, norm3, type Vec3 } from '../../scene/pinhole.ts';
import { normalSource } from '../../scene/random.ts';
import { documentOutline, roundBox, type Frame3 } from './geometry.ts';
import {
  booklet,
  cardFace,
  CLASS,
  handSurface,
  passportPage,
  SURFACE_ID,
  type Sample,
} from './print.ts';
import { handSdf, type Distractor } from './props.ts';
import { CARD_RADIUS, DOCUMENT_SIZE_MM, LABEL_RULES } from './rules.ts';
import type { TabletopScene } from './scene.ts';
import { distractorSurface, tableSurface } from './surfaces.ts';

/** Display colour (0-1) to linear reflectance: a gamma of 2, cheap enough per ray. */
const lin = (c: number) => c * c;

interface PlaneData {
  readonly o: Vec3;
  readonly u: Vec3;
  readonly v: Vec3;
  readonly n: Vec3;
  readonly no: number;
}

/** Per-scene values the per-ray code needs, computed once. */
interface Prepared {
  readonly scene: TabletopScene;
  readonly doc: PlaneData | null;
  readonly table: PlaneData;
  readonly nfDoc: Vec3;
  readonly nfTable: Vec3;
  readonly texCos: number;
  readonly texSin: number;
  readonly dist: readonly { d: Distractor; c: number; s: number }[];
  /** The blinds' stripe axis, perpendicular to the window light. */
  readonly stripeAxis: Vec3;
  readonly size: readonly [number, number];
}

function prepare(scene: TabletopScene): Prepared {
  const plane = (f: Frame3): PlaneData => ({
    o: f.origin,
    u: f.u,
    v: f.v,
    n: f.n,
    no: dot3(f.n, f.origin),
  });
  const w = scene.lights.window;
  const stripeAxis = norm3(add3(w.across, w.dir, -dot3(w.across, w.dir)));
  const flip = (n: Vec3): Vec3 => [-n[0], -n[1], -n[2]];
  return {
    scene,
    doc: scene.frame ? plane(scene.frame) : null,
    table: plane(scene.table),
    nfDoc: scene.frame ? flip(scene.frame.n) : [0, 0, -1],
    nfTable: flip(scene.table.n),
    texCos: Math.cos(scene.tableAngle),
    texSin: Math.sin(scene.tableAngle),
    dist: scene.distractors.map((d) => ({ d, c: Math.cos(d.angle), s: Math.sin(d.angle) })),
    stripeAxis,
    size: DOCUMENT_SIZE_MM[scene.document],
  };
}

/** A ray's result: the surface sample plus the light reaching it. */
interface Ray extends Sample {
  /** Irradiance (linear, per channel). */
  er: number;
  eg: number;
  eb: number;
  /** Specular radiance factor of the lamp (times the lamp's colour), laminate only. */
  spec: number;
}

const P: [number, number, number] = [0, 0, 0];

const HIT = [0, 0];

/** Intersects the ray through (dx, dy, 1) with a plane; the point to P, its plane coords to HIT. */
function meet(pl: PlaneData, dx: number, dy: number): boolean {
  const nd = pl.n[0] * dx + pl.n[1] * dy + pl.n[2];
  if (nd < 1e-9) return false;
  const t = pl.no / nd;
  if (t <= 0) return false;
  P[0] = dx * t;
  P[1] = dy * t;
  P[2] = t;
  const rx = P[0] - pl.o[0];
  const ry = P[1] - pl.o[1];
  const rz = P[2] - pl.o[2];
  HIT[0] = rx * pl.u[0] + ry * pl.u[1] + rz * pl.u[2];
  HIT[1] = rx * pl.v[0] + ry * pl.v[1] + rz * pl.v[2];
  return true;
}

const OCCLUDER = { sdf: 0, t: 0 };

/**
 * Whether the segment from P along `(dx, dy, dz)` (up to `maxT` of it) crosses the document's
 * plane; if so OCCLUDER holds the outline's distance there (mm, negative inside the document or
 * the hand) and the crossing's parameter.
 */
function occluded(p: Prepared, dx: number, dy: number, dz: number, maxT: number): boolean {
  const doc = p.doc!;
  const denom = doc.n[0] * dx + doc.n[1] * dy + doc.n[2] * dz;
  if (Math.abs(denom) < 1e-9) return false;
  const t = (doc.no - dot3(doc.n, P)) / denom;
  if (t <= 0 || t >= maxT) return false;
  const qx = P[0] + dx * t - doc.o[0];
  const qy = P[1] + dy * t - doc.o[1];
  const qz = P[2] + dz * t - doc.o[2];
  const a = qx * doc.u[0] + qy * doc.u[1] + qz * doc.u[2];
  const b = qx * doc.v[0] + qy * doc.v[1] + qz * doc.v[2];
  let sdf = documentOutline(p.scene.document, a, b);
  const hand = p.scene.hand;
  if (hand && sdf > -20) sdf = Math.min(sdf, handSdf(hand, a, b, false));
  OCCLUDER.sdf = sdf;
  OCCLUDER.t = t;
  return true;
}

/** Light reaching the point P (normal nf towards the camera); `onTable` casts the document's shadows. */
function illuminate(p: Prepared, nf: Vec3, onTable: boolean, glossy: boolean, ray: Ray): void {
  const { lamp, window: win, ambient, gloss, shininess } = p.scene.lights;
  // Spot lamp: inverse square, Lambert, cone falloff, penumbra from the lamp's size.
  const lx = lamp.at[0] - P[0];
  const ly = lamp.at[1] - P[1];
  const lz = lamp.at[2] - P[2];
  const d2 = lx * lx + ly * ly + lz * lz;
  const d = Math.sqrt(d2);
  const cos = (nf[0] * lx + nf[1] * ly + nf[2] * lz) / d;
  let lampE = 0;
  ray.spec = 0;
  if (cos > 0) {
    const cone = -(lamp.axis[0] * lx + lamp.axis[1] * ly + lamp.axis[2] * lz) / d;
    let visible = smoothstep(lamp.cosOuter, lamp.cosInner, cone);
    if (visible > 0 && onTable && p.doc) {
      if (occluded(p, lx, ly, lz, 1)) {
        const pen = (lamp.radius * OCCLUDER.t) / (1 - OCCLUDER.t) + 0.3;
        visible *= smoothstep(-pen, pen, OCCLUDER.sdf);
      }
    }
    const flux = (lamp.power / d2) * visible;
    lampE = flux * cos;
    if (glossy) {
      const vl = Math.hypot(P[0], P[1], P[2]);
      const hx = lx / d - P[0] / vl;
      const hy = ly / d - P[1] / vl;
      const hz = lz / d - P[2] / vl;
      const hl = Math.hypot(hx, hy, hz);
      const nh = (nf[0] * hx + nf[1] * hy + nf[2] * hz) / hl;
      if (nh > 0) ray.spec = gloss * Math.pow(nh, shininess) * flux;
    }
  }
  // Window through blinds: soft stripes, a soft parallel shadow of the document.
  let winE = 0;
  const cw = dot3(nf, win.dir);
  if (cw > 0 && win.power > 0) {
    const a = dot3(P, p.stripeAxis) / win.period;
    const ph = fract(a);
    const lit = smoothstep(0, 0.12, ph) * (1 - smoothstep(win.duty - 0.12, win.duty, ph));
    let visible = mix(win.depth, 1, lit);
    if (onTable && p.doc) {
      if (occluded(p, win.dir[0], win.dir[1], win.dir[2], 1e9)) {
        const pen = 0.025 * OCCLUDER.t + 0.3;
        visible *= mix(0.15, 1, smoothstep(-pen, pen, OCCLUDER.sdf));
      }
    }
    winE = win.power * cw * visible;
  }
  ray.er = lampE * lamp.colour[0] + winE * win.colour[0] + ambient[0];
  ray.eg = lampE * lamp.colour[1] + winE * win.colour[1] + ambient[1];
  ray.eb = lampE * lamp.colour[2] + winE * win.colour[2] + ambient[2];
}

/** Traces the ray through pixel (x, y): what it hits and the light there. */
function trace(p: Prepared, x: number, y: number, ray: Ray): void {
  const sc = p.scene;
  const cam = sc.camera;
  const dx = (x - cam.width / 2) / cam.focal;
  const dy = (y - cam.height / 2) / cam.focal;
  ray.gloss = false;
  if (p.doc && meet(p.doc, dx, dy)) {
    const u = HIT[0]!;
    const v = HIT[1]!;
    const hand = sc.hand;
    let hit = hand !== null && handSurface(hand, u, v, true, ray);
    if (!hit) {
      const [w, h] = p.size;
      const onPage =
        sc.document === 'id1'
          ? roundBox(u, v, w, h, CARD_RADIUS) <= 0
          : u >= 0 && u <= w && v >= 0 && v <= h;
      if (onPage) {
        const view =
          -(P[0] * p.nfDoc[0] + P[1] * p.nfDoc[1] + P[2] * p.nfDoc[2]) /
          Math.hypot(P[0], P[1], P[2]);
        if (sc.document === 'id1') cardFace(sc.design, u, v, view, ray);
        else passportPage(sc.design, u, v, view, ray);
        hit = true;
      } else if (sc.document === 'passport') hit = booklet(sc.design, u, v, ray);
      if (!hit && hand) hit = handSurface(hand, u, v, false, ray);
    }
    if (hit) {
      illuminate(p, p.nfDoc, false, ray.gloss, ray);
      return;
    }
  }
  if (!meet(p.table, dx, dy)) {
    ray.r = ray.g = ray.b = 0.3;
    ray.id = SURFACE_ID.table;
    ray.cls = CLASS.other;
    ray.er = ray.eg = ray.eb = 0.3;
    ray.spec = 0;
    return;
  }
  const a = HIT[0]!;
  const b = HIT[1]!;
  const ca = a - sc.tableCentre[0];
  const cb = b - sc.tableCentre[1];
  let found = false;
  for (let k = 0; k < p.dist.length && !found; k++) {
    const { d, c, s } = p.dist[k]!;
    const lx = (ca - d.x) * c + (cb - d.y) * s;
    const ly = -(ca - d.x) * s + (cb - d.y) * c;
    if (distractorSurface(d, lx, ly, ray)) {
      ray.id = SURFACE_ID.distractor + k;
      found = true;
    }
  }
  if (!found)
    tableSurface(
      sc.surface,
      a * p.texCos + b * p.texSin,
      -a * p.texSin + b * p.texCos,
      sc.tableSeed,
      ray,
    );
  illuminate(p, p.nfTable, true, false, ray);
  if (p.doc && !sc.held) {
    // Contact occlusion along the lying document's outline (table and document coordinates agree).
    const sdf = documentOutline(sc.document, a, b);
    if (sdf > 0) {
      const ao = 1 - 0.45 * Math.exp(-sdf / 1.4);
      ray.er *= ao;
      ray.eg *= ao;
      ray.eb *= ao;
    }
  }
}

/** Bilinear read with clamped edges. */
function sampleAt(
  plane: Float32Array,
  width: number,
  height: number,
  x: number,
  y: number,
): number {
  const xc = x < 0 ? 0 : x > width - 1 ? width - 1 : x;
  const yc = y < 0 ? 0 : y > height - 1 ? height - 1 : y;
  const x0 = Math.floor(xc);
  const y0 = Math.floor(yc);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const fx = xc - x0;
  const fy = yc - y0;
  const top = plane[y0 * width + x0]! * (1 - fx) + plane[y0 * width + x1]! * fx;
  const bottom = plane[y1 * width + x0]! * (1 - fx) + plane[y1 * width + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/** A straight motion streak: the mean of the plane along a centred segment. */
function streak(
  plane: Float32Array,
  width: number,
  height: number,
  length: number,
  angle: number,
): Float32Array {
  const out = new Float32Array(plane.length);
  const taps = Math.max(2, Math.ceil(length));
  const ux = Math.cos(angle) * (length / (taps - 1));
  const uy = Math.sin(angle) * (length / (taps - 1));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < taps; k++) {
        const o = k - (taps - 1) / 2;
        sum += sampleAt(plane, width, height, x + ux * o, y + uy * o);
      }
      out[y * width + x] = sum / taps;
    }
  return out;
}

/** The lens's own softness: a 3-tap separable kernel (about σ 0.55 px). */
function soften(plane: Float32Array, width: number, height: number): void {
  const tmp = new Float32Array(plane.length);
  const a = 0.137;
  const b = 0.726;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      tmp[i] = plane[i]! * b + (plane[x > 0 ? i - 1 : i]! + plane[x < width - 1 ? i + 1 : i]!) * a;
    }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      plane[i] =
        tmp[i]! * b + (tmp[y > 0 ? i - width : i]! + tmp[y < height - 1 ? i + width : i]!) * a;
    }
}

/** What the camera did, for the manifest (measured on the rendered radiance, not by the engine). */
export interface Exposure {
  /** Gain applied to the scene's radiance. */
  readonly gain: number;
  /** Mean luma of the written frame (0-1, as written: after the tone curve and noise). */
  readonly frameMean: number;
  /** Share of the document's bare paper that clips (every channel ≥ 1). */
  readonly clippedPaper: number;
  /** Share of the document's pixels that clip (every channel ≥ 1): the glare label's measure. */
  readonly clippedDocument: number;
  /** The brightest document channel over 1 (the ceiling's measure, before the lens). */
  readonly documentPeak: number;
}

/** The tone curve (linear to display, 1/2.2) as 8-bit values over a fine linear grid. */
const TONE_STEPS = 65535;

const TONE = Uint8Array.from({ length: TONE_STEPS + 1 }, (_, k) =>
  Math.round(Math.pow(k / TONE_STEPS, 1 / 2.2) * 255),
);

/** Renders a scene to 8-bit RGB. */
export function renderScene(
  scene: TabletopScene,
  noiseSeed: number,
): { rgb: Uint8Array; exposure: Exposure } {
  const { width, height, lights } = scene;
  const p = prepare(scene);
  const n = width * height;
  const rad = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
  const spec = new Float32Array(n);
  const ids = new Int32Array(n);
  const cls = new Uint8Array(n);
  const ray: Ray = { r: 0, g: 0, b: 0, id: 0, cls: 0, gloss: false, er: 0, eg: 0, eb: 0, spec: 0 };
  const cx = width / 2;
  const cy = height / 2;
  const f = scene.camera.focal;
  // Lens shading: cos⁴ of the off-axis angle, mostly corrected by the phone.
  const shadingAt = (x: number, y: number) => {
    const c2 = (f * f) / (f * f + (x - cx) ** 2 + (y - cy) ** 2);
    return mix(1, c2 * c2, scene.shading);
  };
  const store = (i: number, weight: number, shade: number) => {
    rad[0][i] += lin(ray.r) * ray.er * shade * weight;
    rad[1][i] += lin(ray.g) * ray.eg * shade * weight;
    rad[2][i] += lin(ray.b) * ray.eb * shade * weight;
    spec[i] += ray.spec * shade * weight;
  };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      trace(p, x + 0.5, y + 0.5, ray);
      const i = y * width + x;
      store(i, 1, shadingAt(x + 0.5, y + 0.5));
      ids[i] = ray.id;
      cls[i] = ray.cls;
    }
  // Pixels on an edge between surfaces: four rays on a rotated grid instead of one.
  const edge = edgePixels(ids, width, height);
  for (let i = 0; i < n; i++) {
    if (!edge[i]) continue;
    const x = i % width;
    const y = (i - x) / width;
    rad[0][i] = rad[1][i] = rad[2][i] = spec[i] = 0;
    const shade = shadingAt(x + 0.5, y + 0.5);
    for (const [ox, oy] of EDGE_SAMPLES) {
      trace(p, x + ox, y + oy, ray);
      store(i, 0.25, shade);
    }
    // A mixed pixel is no one surface's: leave it out of the document's measures.
    cls[i] = CLASS.other;
  }

  // Centre-weighted metering of the diffuse light (highlights do not steer it).
  let metered = 0;
  let weights = 0;
  for (let y = 0; y < height; y += 2)
    for (let x = 0; x < width; x += 2) {
      const i = y * width + x;
      const r2 = ((x - cx) / cx) ** 2 + ((y - cy) / cy) ** 2;
      const w = 1 + 2 * Math.exp(-r2 / 0.3);
      metered += w * luma(rad[0][i]!, rad[1][i]!, rad[2][i]!);
      weights += w;
    }
  let gain = scene.exposureTarget / (metered / weights);
  const lc = lights.lamp.colour;
  const docPixels: number[] = [];
  for (let i = 0; i < n; i++) if (cls[i] !== CLASS.other) docPixels.push(i);
  const peak = (withSpec: boolean) => {
    let m = 0;
    for (const i of docPixels) {
      const s = withSpec ? spec[i]! : 0;
      m = Math.max(m, rad[0][i]! + s * lc[0], rad[1][i]! + s * lc[1], rad[2][i]! + s * lc[2]);
    }
    return m;
  };
  let specScale = 1;
  if (scene.variant === 'bright') {
    const darkest: number[] = [];
    for (const i of docPixels)
      if (cls[i] === CLASS.paper) darkest.push(Math.min(rad[0][i]!, rad[1][i]!, rad[2][i]!));
    darkest.sort((a, b) => a - b);
    const p10 = darkest[Math.floor(darkest.length * 0.1)] ?? 1;
    gain = Math.max(gain, LABEL_RULES.brightPaperP10 / p10);
  } else if (scene.variant === 'glare') {
    const ceiling = peak(false);
    if (ceiling > 0) gain = Math.min(gain, LABEL_RULES.documentCeiling / ceiling);
    // Scale the lamp's specular lobe until it clips the target share of the document.
    const clippedAt = (k: number) => {
      let c = 0;
      for (const i of docPixels) {
        const s = spec[i]! * k;
        if (
          (rad[0][i]! + s * lc[0]) * gain >= 1 &&
          (rad[1][i]! + s * lc[1]) * gain >= 1 &&
          (rad[2][i]! + s * lc[2]) * gain >= 1
        )
          c++;
      }
      return c / Math.max(1, docPixels.length);
    };
    let lo = -6;
    let hi = 12;
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (clippedAt(10 ** mid) < scene.glareTarget) lo = mid;
      else hi = mid;
    }
    specScale = 10 ** hi;
  } else if (scene.variant !== 'dark' && docPixels.length) {
    gain = Math.min(gain, LABEL_RULES.documentCeiling / peak(true));
  }

  const out: Float32Array[] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let c = 0; c < 3; c++) {
    const plane = out[c]!;
    for (let i = 0; i < n; i++) plane[i] = (rad[c]![i]! + spec[i]! * specScale * lc[c]!) * gain;
  }
  let documentPeak = 0;
  for (const i of docPixels)
    documentPeak = Math.max(documentPeak, out[0]![i]!, out[1]![i]!, out[2]![i]!);
  let clippedDoc = 0;
  let paperCount = 0;
  let clippedPaper = 0;
  for (const i of docPixels) {
    const clip = out[0]![i]! >= 1 && out[1]![i]! >= 1 && out[2]![i]! >= 1;
    if (clip) clippedDoc++;
    if (cls[i] === CLASS.paper) {
      paperCount++;
      if (clip) clippedPaper++;
    }
  }
  // Optics: the lens's softness, then defocus or motion, then lateral chromatic aberration.
  for (let c = 0; c < 3; c++) {
    soften(out[c]!, width, height);
    if (scene.defocusRadius > 0)
      out[c] = discBlurValues(out[c]!, width, height, 1, scene.defocusRadius);
    if (scene.motion)
      out[c] = streak(out[c]!, width, height, scene.motion.length, scene.motion.angle);
  }
  if (scene.aberration > 0) {
    for (const [c, k] of [
      [0, 1 + scene.aberration],
      [2, 1 - scene.aberration],
    ] as const) {
      const src = out[c]!;
      const dst = new Float32Array(n);
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++)
          dst[y * width + x] = sampleAt(
            src,
            width,
            height,
            cx - 0.5 + (x + 0.5 - cx) * k,
            cy - 0.5 + (y + 0.5 - cy) * k,
          );
      out[c] = dst;
    }
  }
  // Sensor: shot noise (variance grows with the signal) and read noise, in linear light; then the
  // tone curve and 8 bits.
  const gauss = normalSource(prng(noiseSeed), 6.283185307);
  const rgb = new Uint8Array(n * 3);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) {
      const v = out[c]![i]!;
      const sigma = Math.sqrt(scene.shot * (v < 0 ? 0 : v > 1 ? 1 : v) + scene.read * scene.read);
      const noisy = v + sigma * gauss();
      rgb[i * 3 + c] =
        TONE[noisy <= 0 ? 0 : noisy >= 1 ? TONE_STEPS : Math.round(noisy * TONE_STEPS)]!;
    }
    mean += luma(rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!) / 255;
  }
  return {
    rgb,
    exposure: {
      gain,
      frameMean: mean / n,
      clippedPaper: paperCount ? clippedPaper / paperCount : 0,
      clippedDocument: docPixels.length ? clippedDoc / docPixels.length : 0,
      documentPeak,
    },
  };
}
