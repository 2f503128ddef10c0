// Synthetic document scenes with known truth, drawn on canvases, for the quality tests (browser
// only; the Node generator of the eval set mirrors these ideas). A scene is an ID-1-like card (light
// base with a fine guilloche, a photo, text bars, an MRZ band, rounded corners) placed in 3D (scale,
// in-plane rotation, tilt), projected with a pinhole camera and warped per pixel onto a textured
// background, so the true corners are exact. Degradations (blur, glare, exposure, contrast, a
// finger over a corner) are applied afterwards as a camera or a user would cause them.
import { canvas2d } from '../helpers/async.js';
import { applyHomography, homography, pixelBounds, prng } from '../helpers/math.js';
import { ID1_ASPECT } from '../../src/internal/documents.js';
import type { Point, Quad } from '../../src/quality/types.js';

/** Deterministic PRNG (mulberry32), under the name these scenes' callers use. */
export const random = prng;
export { homography };

/** The backgrounds a card can lie on. */
export type Background = 'wood' | 'fabric' | 'dark' | 'light' | 'clutter';

/** Where and how the card sits in the scene. */
export interface SceneOptions {
  /** Frame size (default 640x480). */
  readonly width?: number;
  /** Frame size (default 640x480). */
  readonly height?: number;
  /** Background texture (default wood). */
  readonly background?: Background;
  /** Seed of every random choice (default 1): the same options draw the same pixels. */
  readonly seed?: number;
  /** Card width before perspective, as a share of the frame width (default 0.6). */
  readonly scale?: number;
  /** Card centre as shares of the frame size (default [0.5, 0.5]). */
  readonly centre?: readonly [number, number];
  /** In-plane rotation, degrees clockwise (default 0). */
  readonly rotation?: number;
  /** Tilt about the card's horizontal axis, degrees (top edge away from the camera when > 0). */
  readonly tiltX?: number;
  /** Tilt about the card's vertical axis, degrees (right edge away when > 0). */
  readonly tiltY?: number;
  /** Long/short side ratio (default ID-1, 85.6/54). */
  readonly aspect?: number;
  /** Per-pixel sensor noise amplitude in luma levels (default 2). */
  readonly noise?: number;
  /** What the card's photo area shows (default: the drawn silhouette); see {@link CardOptions}. */
  readonly portrait?: CardOptions['portrait'];
}

/** What drawCard paints beyond the defaults. */
export interface CardOptions {
  /**
   * The photo area's content: an image scaled to cover it (centred, cropped to its proportions),
   * or `'blank'` for the bare grey area. Without it, the flat-colour silhouette is drawn.
   */
  readonly portrait?: ImageBitmap | HTMLCanvasElement | 'blank';
}

/** A drawn scene and its truth. */
export interface Scene {
  /** The frame. */
  readonly canvas: HTMLCanvasElement;
  /** True card corners, clockwise from top-left, canvas coordinates. */
  readonly corners: Quad;
}

/** A canvas of the given size with its 2D context (pixels are read back often). */
export function makeCanvas(
  width: number,
  height: number,
): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  return canvas2d(width, height, { willReadFrequently: true });
}

/** The RGBA pixels of a canvas (an ImageData is an RgbaFrame). */
export function frameOf(canvas: HTMLCanvasElement): ImageData {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

/** Paints one of the backgrounds over the whole canvas. */
export function drawBackground(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  kind: Background,
  seed: number,
): void {
  const rnd = random(seed * 7919 + 17);
  if (kind === 'dark' || kind === 'light') {
    const base = kind === 'dark' ? 34 : 196;
    const g = ctx.createLinearGradient(0, 0, width, height);
    g.addColorStop(0, `rgb(${base + 10}, ${base + 8}, ${base + 6})`);
    g.addColorStop(1, `rgb(${base - 8}, ${base - 8}, ${base - 4})`);
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, width, height);
    return;
  }
  if (kind === 'wood') {
    ctx.fillStyle = 'rgb(150, 102, 60)';
    ctx.fillRect(0, 0, width, height);
    // Grain: long, gently wavy streaks, roughly parallel, some dark and some light.
    const angle = (rnd() - 0.5) * 0.6;
    ctx.save();
    ctx.translate(width / 2, height / 2);
    ctx.rotate(angle);
    const reach = Math.hypot(width, height);
    for (let i = 0; i < 70; i++) {
      const y0 = (rnd() - 0.5) * reach;
      const dark = rnd() < 0.6;
      const shade = dark ? 70 + rnd() * 50 : 170 + rnd() * 40;
      ctx.strokeStyle = `rgba(${shade}, ${shade * 0.66}, ${shade * 0.38}, ${0.25 + rnd() * 0.5})`;
      ctx.lineWidth = 0.8 + rnd() * 3.5;
      ctx.beginPath();
      const amp = 2 + rnd() * 8;
      const freq = 0.004 + rnd() * 0.01;
      const phase = rnd() * 6.28;
      for (let x = -reach / 2; x <= reach / 2; x += 8) {
        const y = y0 + amp * Math.sin(x * freq + phase);
        if (x === -reach / 2) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
    ctx.restore();
    return;
  }
  if (kind === 'fabric') {
    // A coarse weave: alternating threads with per-thread colour jitter, drawn per pixel.
    const image = ctx.createImageData(width, height);
    const d = image.data;
    const period = 4;
    const rows = new Float32Array(height).map(() => rnd() * 30 - 15);
    const cols = new Float32Array(width).map(() => rnd() * 30 - 15);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const over = (Math.floor(x / period) + Math.floor(y / period)) % 2 === 0;
        const jitter = over ? rows[y]! : cols[x]!;
        const shade = (over ? 92 : 70) + jitter;
        const i = 4 * (y * width + x);
        d[i] = shade * 0.75;
        d[i + 1] = shade * 0.85;
        d[i + 2] = shade * 1.25;
        d[i + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
    return;
  }
  // Clutter: a desk with papers, pens, a mug and cables, none of them card-shaped.
  ctx.fillStyle = 'rgb(120, 124, 118)';
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 26; i++) {
    const r = Math.floor(rnd() * 255);
    const g = Math.floor(rnd() * 255);
    const b = Math.floor(rnd() * 255);
    ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.strokeStyle = `rgb(${255 - r}, ${255 - g}, ${255 - b})`;
    const x = rnd() * width;
    const y = rnd() * height;
    const kindOf = rnd();
    ctx.save();
    ctx.translate(x, y);
    ctx.rotate(rnd() * Math.PI);
    if (kindOf < 0.35) {
      ctx.fillRect(-width * 0.05, -3, width * (0.1 + rnd() * 0.2), 4 + rnd() * 6);
    } else if (kindOf < 0.7) {
      ctx.beginPath();
      ctx.arc(0, 0, 8 + rnd() * 40, 0, 2 * Math.PI);
      ctx.fill();
    } else {
      ctx.lineWidth = 1 + rnd() * 3;
      ctx.beginPath();
      ctx.moveTo(0, 0);
      ctx.bezierCurveTo(rnd() * 200, rnd() * 200, rnd() * 200, rnd() * 200, rnd() * 300, 0);
      ctx.stroke();
    }
    ctx.restore();
  }
}

/** The card's photo area as shares of its width and height: [x, y, width, height]. */
export const PHOTO_AREA = [0.05, 0.2, 0.28, 0.55] as const;

/**
 * Renders the card face (width × width/aspect px) on a transparent canvas with a `margin`-px clear
 * border, so bilinear sampling of the alpha puts the 50% edge exactly on the card's outline.
 */
export function drawCard(
  width: number,
  aspect: number,
  seed: number,
  margin = 2,
  { portrait }: CardOptions = {},
): HTMLCanvasElement {
  const cw = Math.max(8, Math.round(width));
  const ch = Math.max(6, Math.round(width / aspect));
  const { canvas, ctx } = makeCanvas(cw + 2 * margin, ch + 2 * margin);
  const rnd = random(seed * 104729 + 3);
  ctx.translate(margin, margin);
  ctx.beginPath();
  ctx.roundRect(0, 0, cw, ch, 0.035 * cw);
  ctx.save();
  ctx.clip();
  const base = ctx.createLinearGradient(0, 0, cw, ch);
  base.addColorStop(0, 'rgb(232, 236, 226)');
  base.addColorStop(1, 'rgb(214, 224, 232)');
  ctx.fillStyle = base;
  ctx.fillRect(0, 0, cw, ch);
  // Guilloche: fine, light, wavy security lines.
  ctx.strokeStyle = 'rgba(150, 170, 200, 0.35)';
  ctx.lineWidth = Math.max(0.5, cw / 700);
  for (let k = 0; k < 14; k++) {
    ctx.beginPath();
    for (let x = 0; x <= cw; x += cw / 60) {
      const y = (ch * (k + 0.5)) / 14 + Math.sin((x / cw) * 12 + k) * ch * 0.03;
      if (x === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
  // Header band.
  ctx.fillStyle = 'rgb(40, 80, 140)';
  ctx.fillRect(0.05 * cw, 0.06 * ch, 0.6 * cw, 0.07 * ch);
  // Photo.
  ctx.fillStyle = 'rgb(150, 140, 130)';
  ctx.fillRect(0.05 * cw, 0.2 * ch, 0.28 * cw, 0.55 * ch);
  if (portrait === undefined) {
    ctx.fillStyle = 'rgb(95, 75, 60)';
    ctx.beginPath();
    ctx.ellipse(0.19 * cw, 0.42 * ch, 0.07 * cw, 0.13 * ch, 0, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillRect(0.09 * cw, 0.6 * ch, 0.2 * cw, 0.15 * ch);
  } else if (portrait !== 'blank') {
    // Cover the area (as a printed ID photo fills its frame): crop the image to the area's shape.
    const [px, py, pw, ph] = PHOTO_AREA;
    const scale = Math.max((pw * cw) / portrait.width, (ph * ch) / portrait.height);
    const sw = (pw * cw) / scale;
    const sh = (ph * ch) / scale;
    const sx = (portrait.width - sw) / 2;
    const sy = (portrait.height - sh) / 2;
    ctx.imageSmoothingQuality = 'high'; // a photo shrunk several times over, without aliasing
    ctx.drawImage(portrait, sx, sy, sw, sh, px * cw, py * ch, pw * cw, ph * ch);
  }
  // Text bars: labels (small, grey) and values (larger, near black).
  for (let row = 0; row < 6; row++) {
    const y = 0.22 * ch + row * 0.085 * ch;
    ctx.fillStyle = 'rgb(120, 130, 140)';
    ctx.fillRect(0.38 * cw, y, (0.08 + rnd() * 0.06) * cw, 0.022 * ch);
    ctx.fillStyle = 'rgb(30, 30, 38)';
    let x = 0.38 * cw;
    const end = (0.62 + rnd() * 0.3) * cw;
    while (x < end) {
      const word = (0.03 + rnd() * 0.07) * cw;
      ctx.fillRect(x, y + 0.03 * ch, Math.min(word, end - x), 0.035 * ch);
      x += word + 0.012 * cw;
    }
  }
  // MRZ band: a pale strip with three rows of character cells, ending ~1.5 mm above the card's
  // edge as ICAO 9303 TD1 places them.
  ctx.fillStyle = 'rgb(244, 244, 238)';
  ctx.fillRect(0, 0.78 * ch, cw, 0.22 * ch);
  ctx.fillStyle = 'rgb(25, 25, 30)';
  for (let line = 0; line < 3; line++) {
    const y = 0.795 * ch + line * 0.058 * ch;
    for (let k = 0; k < 30; k++) {
      if (rnd() < 0.15) continue;
      ctx.fillRect(0.04 * cw + k * 0.031 * cw, y, 0.022 * cw, 0.04 * ch);
    }
  }
  ctx.restore();
  return canvas;
}

/** Pinhole projection of a card of `scale`·frame width, placed as the options say. */
export function projectCard(options: SceneOptions = {}): Quad {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const aspect = options.aspect ?? ID1_ASPECT;
  const w = (options.scale ?? 0.6) * width;
  const h = w / aspect;
  const [cx, cy] = options.centre ?? [0.5, 0.5];
  const rot = ((options.rotation ?? 0) * Math.PI) / 180;
  const ax = ((options.tiltX ?? 0) * Math.PI) / 180;
  const ay = ((options.tiltY ?? 0) * Math.PI) / 180;
  // A phone-like field of view (~70° across the width), principal point at the frame's centre; the
  // card's centre sits at the focal distance, so the untilted card spans `scale` of the frame.
  const f = width / (2 * Math.tan((35 * Math.PI) / 180));
  const x0 = (cx - 0.5) * width;
  const y0 = (cy - 0.5) * height;
  const project = (x: number, y: number): Point => {
    // Rotate in plane, then tilt about x, then about y.
    const x1 = x * Math.cos(rot) - y * Math.sin(rot);
    const y1 = x * Math.sin(rot) + y * Math.cos(rot);
    const y2 = y1 * Math.cos(ax);
    const z2 = -y1 * Math.sin(ax);
    const x3 = x1 * Math.cos(ay) + z2 * Math.sin(ay);
    const z3 = -x1 * Math.sin(ay) + z2 * Math.cos(ay);
    const z = f - z3;
    return [width / 2 + (f * (x0 + x3)) / z, height / 2 + (f * (y0 + y2)) / z];
  };
  return [
    project(-w / 2, -h / 2),
    project(w / 2, -h / 2),
    project(w / 2, h / 2),
    project(-w / 2, h / 2),
  ];
}

/**
 * Draws `card` (a drawCard canvas with a `margin`-px clear border) onto `ctx` so that its outline
 * lands on `quad`: per destination pixel, inverse homography and bilinear sampling in premultiplied
 * alpha (anti-aliased edges, no dark fringe).
 */
export function warpCard(
  ctx: CanvasRenderingContext2D,
  card: HTMLCanvasElement,
  quad: Quad,
  margin = 2,
): void {
  const cw = card.width - 2 * margin;
  const ch = card.height - 2 * margin;
  const rect: Point[] = [
    [margin, margin],
    [margin + cw, margin],
    [margin + cw, margin + ch],
    [margin, margin + ch],
  ];
  const inverse = homography(quad, rect);
  const src = frameOf(card);
  const sw = src.width;
  const sh = src.height;
  const s = src.data;
  const { width, height } = ctx.canvas;
  const { left: x0, right: x1, top: y0, bottom: y1 } = pixelBounds(quad, width, height, 2);
  if (x1 <= x0 || y1 <= y0) return;
  const dst = ctx.getImageData(x0, y0, x1 - x0, y1 - y0);
  const d = dst.data;
  const texel = (x: number, y: number, c: number): number => {
    if (x < 0 || y < 0 || x >= sw || y >= sh) return 0;
    const i = 4 * (y * sw + x);
    const alpha = s[i + 3]! / 255;
    return c === 3 ? alpha : s[i + c]! * alpha;
  };
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const [u, v] = applyHomography(inverse, x + 0.5, y + 0.5);
      const fx = u - 0.5;
      const fy = v - 0.5;
      const ix = Math.floor(fx);
      const iy = Math.floor(fy);
      if (ix < -1 || iy < -1 || ix >= sw || iy >= sh) continue;
      const ax = fx - ix;
      const ay = fy - iy;
      const px = [0, 0, 0, 0];
      for (let c = 0; c < 4; c++) {
        const top = texel(ix, iy, c) * (1 - ax) + texel(ix + 1, iy, c) * ax;
        const bottom = texel(ix, iy + 1, c) * (1 - ax) + texel(ix + 1, iy + 1, c) * ax;
        px[c] = top * (1 - ay) + bottom * ay;
      }
      const alpha = px[3]!;
      if (alpha <= 0) continue;
      const i = 4 * ((y - y0) * (x1 - x0) + (x - x0));
      for (let c = 0; c < 3; c++) d[i + c] = px[c]! + d[i + c]! * (1 - alpha);
    }
  }
  ctx.putImageData(dst, x0, y0);
}

/** Adds uniform per-pixel noise of ±`amplitude` levels (a sensor's grain). */
export function addNoise(canvas: HTMLCanvasElement, amplitude: number, seed: number): void {
  if (amplitude <= 0) return;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const d = image.data;
  const rnd = random(seed * 31 + 5);
  for (let i = 0; i < d.length; i += 4) {
    const n = (rnd() * 2 - 1) * amplitude;
    d[i] = d[i]! + n;
    d[i + 1] = d[i + 1]! + n;
    d[i + 2] = d[i + 2]! + n;
  }
  ctx.putImageData(image, 0, 0);
}

/** A complete scene: background, projected card, noise. */
export function drawScene(options: SceneOptions = {}): Scene {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const seed = options.seed ?? 1;
  const aspect = options.aspect ?? ID1_ASPECT;
  const { canvas, ctx } = makeCanvas(width, height);
  drawBackground(ctx, width, height, options.background ?? 'wood', seed);
  const corners = projectCard({ ...options, width, height, aspect });
  // Render the face at about the size it lands at, so the warp neither aliases nor smears.
  const longest = Math.max(
    Math.hypot(corners[1][0] - corners[0][0], corners[1][1] - corners[0][1]),
    Math.hypot(corners[2][0] - corners[3][0], corners[2][1] - corners[3][1]),
  );
  const card = options.portrait ? { portrait: options.portrait } : {};
  warpCard(ctx, drawCard(longest, aspect, seed, 2, card), corners);
  addNoise(canvas, options.noise ?? 2, seed);
  return { canvas, corners };
}

/** A background-only frame (nothing to find). */
export function drawEmpty(options: SceneOptions = {}): HTMLCanvasElement {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const { canvas, ctx } = makeCanvas(width, height);
  drawBackground(ctx, width, height, options.background ?? 'wood', options.seed ?? 1);
  addNoise(canvas, options.noise ?? 2, options.seed ?? 1);
  return canvas;
}

/** A new canvas holding a copy of `canvas`, with its context: what the degradations draw on. */
function copyOf(canvas: HTMLCanvasElement): {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
} {
  const copy = makeCanvas(canvas.width, canvas.height);
  copy.ctx.drawImage(canvas, 0, 0);
  return copy;
}

/** A copy of `canvas` drawn through a CSS filter (e.g. 'blur(4px)'): defocus as the camera sees it. */
export function filtered(canvas: HTMLCanvasElement, filter: string): HTMLCanvasElement {
  // Blur pulls in transparent black past the borders; start from the frame itself to avoid a dark rim.
  const { canvas: out, ctx } = copyOf(canvas);
  ctx.filter = filter;
  ctx.drawImage(canvas, 0, 0);
  return out;
}

/**
 * A copy smeared along a line of `length` px at `angleDeg` (camera shake during the exposure): the
 * average of evenly spaced shifted copies, accumulated with the running-mean alpha 1/(k+1).
 */
export function motionBlurred(
  canvas: HTMLCanvasElement,
  length: number,
  angleDeg: number,
): HTMLCanvasElement {
  const { canvas: out, ctx } = makeCanvas(canvas.width, canvas.height);
  const n = Math.max(2, Math.round(length));
  const dx = Math.cos((angleDeg * Math.PI) / 180);
  const dy = Math.sin((angleDeg * Math.PI) / 180);
  for (let k = 0; k < n; k++) {
    const t = (k / (n - 1) - 0.5) * length;
    ctx.globalAlpha = 1 / (k + 1);
    ctx.drawImage(canvas, t * dx, t * dy);
  }
  ctx.globalAlpha = 1;
  return out;
}

/** A copy with every channel mapped v → (v - 128)·contrast + 128 + offset, then ×gain. */
export function toned(
  canvas: HTMLCanvasElement,
  { gain = 1, offset = 0, contrast = 1 }: { gain?: number; offset?: number; contrast?: number },
): HTMLCanvasElement {
  const { canvas: out, ctx } = makeCanvas(canvas.width, canvas.height);
  const image = frameOf(canvas);
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    for (let c = 0; c < 3; c++) d[i + c] = ((d[i + c]! - 128) * contrast + 128 + offset) * gain;
  }
  ctx.putImageData(image, 0, 0);
  return out;
}

/** A copy with a white specular reflection of radius `r` centred at (x, y). */
export function withGlare(
  canvas: HTMLCanvasElement,
  x: number,
  y: number,
  r: number,
): HTMLCanvasElement {
  const { canvas: out, ctx } = copyOf(canvas);
  const g = ctx.createRadialGradient(x, y, 0, x, y, r);
  g.addColorStop(0, 'rgba(255, 255, 255, 1)');
  g.addColorStop(0.45, 'rgba(255, 255, 255, 0.95)');
  g.addColorStop(1, 'rgba(255, 255, 255, 0)');
  ctx.fillStyle = g;
  ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
  return out;
}

/** A copy with a few tiny specular sparkles (a hologram): many bright dots of 1-3 px. */
export function withSparkles(
  canvas: HTMLCanvasElement,
  quad: Quad,
  seed: number,
): HTMLCanvasElement {
  const { canvas: out, ctx } = copyOf(canvas);
  const rnd = random(seed * 13 + 7);
  ctx.fillStyle = 'white';
  for (let k = 0; k < 40; k++) {
    // A point inside the quad: bilinear blend of the corners.
    const u = 0.55 + rnd() * 0.3;
    const v = 0.2 + rnd() * 0.4;
    const top: Point = [
      quad[0][0] + (quad[1][0] - quad[0][0]) * u,
      quad[0][1] + (quad[1][1] - quad[0][1]) * u,
    ];
    const bottom: Point = [
      quad[3][0] + (quad[2][0] - quad[3][0]) * u,
      quad[3][1] + (quad[2][1] - quad[3][1]) * u,
    ];
    const x = top[0] + (bottom[0] - top[0]) * v;
    const y = top[1] + (bottom[1] - top[1]) * v;
    const size = 1 + rnd() * 2;
    ctx.fillRect(x, y, size, size);
  }
  return out;
}

/** How a finger lies on the card (withFinger). */
export interface FingerOptions {
  /** Width as a share of the card's first side (default 0.2). */
  readonly width?: number;
  /** Degrees the finger is turned from pointing at the card's centre (default 0). */
  readonly turn?: number;
  /** How far its tip reaches past the corner, in finger widths (default 0.6). */
  readonly reach?: number;
}

/**
 * A copy with a finger holding the card at `corner` (index into `quad`): a skin-coloured rounded
 * bar, by default about a fifth of the card's long side wide, whose tip covers the corner and
 * reaches 0.6 of its width past it.
 */
export function withFinger(
  canvas: HTMLCanvasElement,
  quad: Quad,
  corner: number,
  { width = 0.2, turn = 0, reach = 0.6 }: FingerOptions = {},
): HTMLCanvasElement {
  const { canvas: out, ctx } = copyOf(canvas);
  const size = width * Math.hypot(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]);
  const cx = (quad[0][0] + quad[1][0] + quad[2][0] + quad[3][0]) / 4;
  const cy = (quad[0][1] + quad[1][1] + quad[2][1] + quad[3][1]) / 4;
  const [x, y] = quad[corner]!;
  // The finger comes from outside the card, pointing at its centre, turned by `turn`.
  const angle = Math.atan2(cy - y, cx - x) + (turn * Math.PI) / 180;
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  ctx.save();
  ctx.translate(x + dx * size * reach, y + dy * size * reach);
  ctx.rotate(angle - Math.PI / 2);
  const g = ctx.createLinearGradient(-size / 2, 0, size / 2, 0);
  g.addColorStop(0, 'rgb(170, 110, 90)');
  g.addColorStop(0.5, 'rgb(222, 170, 145)');
  g.addColorStop(1, 'rgb(160, 105, 85)');
  ctx.fillStyle = g;
  ctx.beginPath();
  ctx.roundRect(-size / 2, -size * 6, size, size * 6, size / 2);
  ctx.fill();
  ctx.restore();
  return out;
}
