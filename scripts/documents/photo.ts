// Rendering one photo of the studio set: a document in a random colour scheme, posed in front of a
// pinhole camera over a background, then the degradation of its variant, the exposure and the
// sensor. A rendering whose written image misses its variant's bands is redrawn with the next
// sub-seed.
import { polygonArea, shareInRect } from '../../src/quality/geometry.ts';
import type { Point, Quad } from '../../src/quality/types.ts';
import { prng } from '../../test/helpers/math.ts';
import {
  BACKGROUNDS,
  drawBackground,
  drawDocument,
  drawDocumentShadow,
  drawFinger,
  meanCanvasLuma,
  randomCardStyle,
  SKIN_TONES,
  textureLuma,
} from '../document-scenes.ts';
import { round } from '../labelled-set.ts';
import { discBlur, gaussianBlur, motionBlur } from '../scene/blur.ts';
import { DOCUMENT_MM, type CardStyle, type DocumentKind } from '../scene/card.ts';
import {
  addGlare,
  addNoise,
  applyGain,
  applyLighting,
  compressContrast,
  lumaPlane,
  quantise,
  randomLighting,
  toFloat,
  warpTexture,
  type FloatImage,
  type Glare,
} from '../scene/photo.ts';
import { DEG, inQuad, insideMargin, projectDocument, type Pose } from '../scene/pinhole.ts';
import { hashSeed, pick, uniform, within } from '../scene/random.ts';
import {
  ACCEPTABLE,
  UNACCEPTABLE,
  VARIANT_ISSUE,
  type ItemSpec,
  type LabelledIssue,
  type ManifestItem,
} from './labels.ts';
import { measure, satisfies, statistics, tolerated } from './metrics.ts';

/** A rendered photo and its label (without the image path). */
export interface RenderedItem {
  /** RGB bytes. */
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly label: Omit<ManifestItem, 'image'>;
}

/** A document pose that satisfies the variant's geometry, or null after many tries. */
function samplePose(
  random: () => number,
  width: number,
  height: number,
  doc: { width: number; height: number },
  outside: boolean,
): { pose: Pose; quad: Quad } | null {
  const short = Math.min(width, height);
  for (let attempt = 0; attempt < 400; attempt++) {
    const pose: Pose = {
      roll: uniform(random, -20, 20) * DEG,
      tilt: uniform(random, 0, 25) * DEG,
      tiltAxis: random() * 2 * Math.PI,
      fov: uniform(random, 60, 72) * DEG,
      widthFraction: uniform(random, 0.45, 0.9),
      centre: outside
        ? [uniform(random, 0.05, 0.95) * width, uniform(random, 0.05, 0.95) * height]
        : [uniform(random, 0.3, 0.7) * width, uniform(random, 0.3, 0.7) * height],
    };
    const quad = projectDocument(pose, doc.width, doc.height, width, height);
    const area = polygonArea(quad);
    const fill = area / (width * height);
    if (fill < ACCEPTABLE.fill[0] || fill > ACCEPTABLE.fill[1]) continue;
    const margins = quad.map((p) => insideMargin(p, width, height));
    const inside = (m: number) => m >= ACCEPTABLE.cornerMargin * short;
    if (!outside) {
      if (margins.every(inside)) return { pose, quad };
      continue;
    }
    const out = (m: number) => m <= -UNACCEPTABLE.cornerOutside * short;
    const outCount = margins.filter(out).length;
    const visible = shareInRect(quad, width, height);
    // No corner in between "clearly inside" and "clearly outside": the label must be unambiguous.
    if (
      margins.every((m) => inside(m) || out(m)) &&
      outCount >= 1 &&
      outCount <= 2 &&
      visible >= 0.5
    ) {
      return { pose, quad };
    }
  }
  return null;
}

/** A glare whose core covers `share` of a document of `area` pixels. */
function randomGlare(
  random: () => number,
  quad: Quad,
  area: number,
  share: number,
  peak: number,
  halo: number,
): Glare {
  const aspect = uniform(random, 1.2, 2.4);
  const core = (share * area) / Math.PI;
  const rx = Math.sqrt(core * aspect);
  return {
    centre: inQuad(quad, uniform(random, 0.25, 0.75), uniform(random, 0.25, 0.75)),
    rx,
    ry: core / rx,
    angle: random() * Math.PI,
    peak,
    halo,
  };
}

/** The ranges a reflection's core share, peak and halo are drawn from, for each variant with one. */
const GLARES = {
  glare: [
    [0.07, 0.22],
    [380, 520],
    [0.4, 0.9],
  ],
  glint: [
    [0.0006, 0.0025],
    [300, 400],
    [0.2, 0.4],
  ],
} as const;

/**
 * Renders one photo of `spec`, redrawing with the next sub-seed until the written image satisfies
 * its variant's bands (a few percent of attempts miss, e.g. a dark card on a dark table).
 */
export function renderItem(spec: ItemSpec): RenderedItem {
  const misses: string[] = [];
  for (let attempt = 0; attempt < 80; attempt++) {
    const item = tryRender(spec, prng(hashSeed(spec.seed, attempt)), attempt);
    if (typeof item !== 'string') return item;
    misses.push(item);
    if (process.env.KYC_GEN_DEBUG) console.error(`${spec.index} ${spec.variant}: ${item}`);
  }
  throw new Error(
    `item ${spec.index} (${spec.variant}): no rendering fit its label: ${misses.join('; ')}`,
  );
}

/** One rendering attempt: the item, or why it missed its variant's bands. */
function tryRender(spec: ItemSpec, random: () => number, attempt: number): RenderedItem | string {
  const { width, height, variant } = spec;
  const u = width / 640;
  const issue = VARIANT_ISSUE[variant];
  const params: Record<string, number | string | number[]> = {};
  if (attempt > 0) params.attempt = attempt;
  const backgroundKind = pick(random, BACKGROUNDS);
  const background = drawBackground(backgroundKind, width, height, random);
  const backgroundLuma = meanCanvasLuma(background);

  let image: FloatImage;
  let quad: Quad | null = null;
  let documentKind: DocumentKind | null = null;
  let coverage: Float32Array | null = null;
  let fingerCoverage: Float32Array | null = null;
  const lighting = randomLighting(random);

  if (variant === 'no_document') {
    image = toFloat(background);
  } else {
    documentKind = random() < 0.3 ? 'passport' : 'id1';
    const doc = DOCUMENT_MM[documentKind];
    // A document must stand out from what it lies on (a real user would not photograph a white
    // card on a white sheet and expect the edges to be found): its mean luma, judged on a 1 px/mm
    // thumbnail that costs almost nothing next to the real texture, must differ from the table's.
    // Darker documents are rarer on light and on dark tables: on light ones no exposure suits both
    // (the camera meters the table), on dark ones they would not stand out.
    const textureSeed = hashSeed(spec.seed, attempt, 1);
    const darkShare = backgroundLuma > 150 || backgroundLuma < 90 ? 0.1 : 0.3;
    let dark = false;
    let documentLuma = 0;
    let documentPeak = 0;
    let style: CardStyle | null = null;
    for (let k = 0; k < 8 && !style; k++) {
      dark = random() < darkShare;
      const candidate = randomCardStyle(random, dark);
      const thumbnail = drawDocument(documentKind, 1, textureSeed, candidate);
      ({ mean: documentLuma, p99: documentPeak } = textureLuma(thumbnail));
      if (Math.abs(documentLuma - backgroundLuma) >= 35) style = candidate;
    }
    if (!style) return 'document like background';
    const placed = samplePose(random, width, height, doc, variant === 'corner_out');
    if (!placed) return 'no pose';
    quad = placed.quad;
    // The exposure band needs a gain that suits both the frame and the document: a dark card on a
    // white desk has none. Estimated here (with slack) to skip rendering hopeless scenes.
    const fill = polygonArea(quad) / (width * height);
    const frameEstimate = backgroundLuma * (1 - fill) + documentLuma * fill;
    const gainFloor = Math.max(78 / frameEstimate, 98 / documentLuma);
    // The lighting map brightens the upper left by up to ~8%.
    const gainCeiling = Math.min(
      178 / frameEstimate,
      202 / documentLuma,
      238 / (documentPeak * 1.08),
    );
    if (variant !== 'dark' && variant !== 'bright' && gainFloor > 1.1 * gainCeiling) {
      return 'no exposure in band (estimate)';
    }
    const edges = [0, 1, 2, 3].map((i) => {
      const a = quad![i]!;
      const b = quad![(i + 1) % 4]!;
      return Math.hypot(b[0] - a[0], b[1] - a[1]) / (i % 2 === 0 ? doc.width : doc.height);
    });
    // A texture 1.25x its largest on-screen size: bilinear minification then does not alias.
    const texture = drawDocument(documentKind, Math.max(...edges) * 1.25, textureSeed, style);
    if (Math.abs(textureLuma(texture).mean - backgroundLuma) < 30) {
      return 'document like background (texture)';
    }
    drawDocumentShadow(background, quad, random);
    image = toFloat(background);
    coverage = warpTexture(image, texture, quad);
    params.roll = round(placed.pose.roll / DEG, 1);
    params.tilt = round(placed.pose.tilt / DEG, 1);
    params.dark = dark ? 1 : 0;

    if (variant === 'finger') {
      const corner = Math.floor(random() * 4);
      const q = quad[corner]!;
      const cx = quad.reduce((s, p) => s + p[0], 0) / 4;
      const cy = quad.reduce((s, p) => s + p[1], 0) / 4;
      const turn = uniform(random, -30, 30) * DEG;
      const out0 = Math.atan2(q[1] - cy, q[0] - cx) + turn;
      const dir: Point = [Math.cos(out0), Math.sin(out0)];
      const perp: Point = [-dir[1], dir[0]];
      const pxPerMm = Math.sqrt(polygonArea(quad) / (doc.width * doc.height));
      const radius = uniform(random, 7.5, 10) * pxPerMm;
      const lateral = uniform(random, -0.3, 0.3) * radius;
      const depth = uniform(random, 0.8, 1.4) * radius;
      const tip: Point = [
        q[0] + perp[0] * lateral - dir[0] * depth,
        q[1] + perp[1] * lateral - dir[1] * depth,
      ];
      const base: Point = [
        tip[0] + dir[0] * 2 * (width + height),
        tip[1] + dir[1] * 2 * (width + height),
      ];
      fingerCoverage = drawFinger(image, { tip, base, radius, skin: pick(random, SKIN_TONES) });
      // The corner is |lateral| from the finger's axis: covered with a margin of the rest.
      params.occludedCorner = corner;
      params.fingerWidth = round(2 * radius, 1);
      params.cornerCover = round(1 - Math.abs(lateral) / radius, 2);
    }
  }
  applyLighting(image, lighting);

  // Where the document is visible (fully covered, no finger): the region its metrics describe.
  const pixels = width * height;
  let documentMask: Uint8Array | undefined;
  if (coverage) {
    documentMask = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) {
      documentMask[i] =
        coverage[i]! >= 0.999 && (!fingerCoverage || fingerCoverage[i]! <= 0.001) ? 1 : 0;
    }
  }
  const light = lumaPlane(image);
  const frame = statistics(light);
  const onDocument = documentMask ? statistics(light, documentMask) : frame;
  if (onDocument.count < 100) return 'document hidden';

  if (variant === 'glare' || variant === 'glint') {
    const area = polygonArea(quad!);
    // The core's share of the document, the light added there and the halo's width: a glare washes
    // a part of it out, a glint is a pin-point that an acceptable photo may have.
    const [share, peak, halo] = GLARES[variant];
    const glare = randomGlare(
      random,
      quad!,
      area,
      within(random, share),
      within(random, peak),
      within(random, halo),
    );
    const mask = new Float32Array(pixels);
    for (let i = 0; i < pixels; i++)
      mask[i] = coverage![i]! * (1 - (fingerCoverage ? fingerCoverage[i]! : 0));
    addGlare(image, glare, mask);
    params.glareCore = round((Math.PI * glare.rx * glare.ry) / area, 4);
  }

  switch (variant) {
    case 'defocus':
      if (random() < 0.5) {
        const sigma = uniform(random, 2.5, 4.5) * u;
        image = gaussianBlur(image, sigma);
        params.kernel = 'gaussian';
        params.sigma = round(sigma, 2);
      } else {
        const radius = uniform(random, 4, 7) * u;
        image = discBlur(image, radius);
        params.kernel = 'disc';
        params.radius = round(radius, 2);
      }
      break;
    case 'slight_blur': {
      const sigma = uniform(random, 0.3, 0.5) * u;
      image = gaussianBlur(image, sigma);
      params.sigma = round(sigma, 2);
      break;
    }
    case 'motion_blur':
    case 'slight_motion': {
      const length =
        (variant === 'motion_blur' ? uniform(random, 14, 28) : uniform(random, 0.6, 1.2)) * u;
      const angle = random() * Math.PI;
      image = motionBlur(image, length, angle);
      params.length = round(length, 2);
      params.angle = round(angle / DEG, 1);
      break;
    }
    default:
      break;
  }

  // Exposure, from the statistics before any glare: a camera meters the scene, not the reflection.
  const clean: [number, number] = [
    Math.max(78 / frame.mean, documentMask ? 98 / onDocument.mean : 0),
    Math.min(
      178 / frame.mean,
      documentMask ? 202 / onDocument.mean : Infinity,
      238 / onDocument.p99,
    ),
  ];
  let gain: number;
  if (variant === 'dark') {
    gain = Math.min(36 / frame.mean, 50 / onDocument.mean) * uniform(random, 0.35, 1);
  } else if (variant === 'bright') {
    const clippedMean = (g: number, mask?: Uint8Array) => {
      let sum = 0;
      let count = 0;
      for (let i = 0; i < pixels; i++) {
        if (mask && !mask[i]) continue;
        sum += Math.min(255, light[i]! * g);
        count++;
      }
      return sum / count;
    };
    const enough = (g: number) => clippedMean(g) >= 208 && clippedMean(g, documentMask) >= 238;
    if (!enough(12)) return 'cannot over-expose';
    let lo = 1;
    let hi = 12;
    for (let k = 0; k < 24; k++) {
      const mid = (lo + hi) / 2;
      if (enough(mid)) hi = mid;
      else lo = mid;
    }
    gain = hi * uniform(random, 1, 1.25);
  } else {
    if (clean[0] > clean[1]) return 'no exposure in band';
    if (variant === 'exposure_edge') {
      gain =
        random() < 0.5 ? clean[0] * uniform(random, 1, 1.03) : clean[1] * uniform(random, 0.97, 1);
    } else {
      // Auto-exposure keeps the scene near its own level when that is in the band, and otherwise
      // brings it just inside (a dark table is lifted to the band's bottom, not to mid grey).
      const lo = Math.max(clean[0], 0.85);
      const hi = Math.min(clean[1], 1.15);
      gain =
        lo <= hi
          ? uniform(random, lo, hi)
          : clean[1] < 0.85
            ? uniform(random, Math.max(clean[0], clean[1] * 0.92), clean[1])
            : uniform(random, clean[0], Math.min(clean[1], clean[0] * 1.08));
    }
  }
  applyGain(image, gain);
  params.gain = round(gain, 3);
  if (variant === 'low_contrast') {
    const target = uniform(random, 3.5, 8);
    const factor = target / (gain * Math.max(frame.std, onDocument.std));
    compressContrast(image, factor);
    params.contrastFactor = round(factor, 3);
  } else if (variant === 'soft_contrast') {
    const factor = uniform(random, 0.7, 0.85);
    compressContrast(image, factor);
    params.contrastFactor = round(factor, 3);
  }
  const noise = uniform(random, 1, 2) * (variant === 'dark' ? 1.4 : 1);
  addNoise(image, random, noise);
  params.noise = round(noise, 2);

  const bytes = quantise(image, 3);
  const metrics = measure(bytes, width, height, documentMask, quad);
  if (!satisfies(variant, metrics)) return `missed band: ${JSON.stringify(metrics)}`;

  const issues: LabelledIssue[] = issue ? [issue] : [];
  return {
    pixels: bytes,
    width,
    height,
    label: {
      kind: 'document',
      corners: quad ? quad.map(([x, y]) => [round(x, 3), round(y, 3)] as [number, number]) : null,
      expect: { acceptable: issues.length === 0, issues },
      seed: spec.seed,
      size: [width, height],
      variant,
      document: documentKind,
      background: backgroundKind,
      tolerated: tolerated(variant, metrics),
      params,
      metrics,
    },
  };
}
