// The tabletop family's scenes (scripts/families/tabletop.ts): everything a photo depends on, drawn
// from its seed before rendering. The camera, document, pose, table, distractors, hand, lights and
// the degradation of the item's variant; draws that miss the variant's geometric rule are redrawn.
import { polygonArea } from '../../../src/quality/geometry.ts';
import type { Point, Quad } from '../../../src/quality/types.ts';
import { prng } from '../../../test/helpers/math.ts';
import { hsl } from '../../scene/colour.ts';
import {
  add3,
  dot3,
  makeCamera,
  norm3,
  project,
  drawExposureTarget,
  placementOf,
  searchPose,
  type Camera,
  type Vec3,
} from '../../scene/pinhole.ts';
import { pick, uniform, within } from '../../scene/random.ts';
import {
  documentOutline,
  documentQuad,
  placeDocument,
  planeAxes,
  planePoint,
  type Frame3,
} from './geometry.ts';
import {
  cornerThumb,
  drawDesign,
  drawDistractor,
  drawLights,
  holdingHand,
  specularRatio,
  type Design,
  type Distractor,
  type Hand,
  type Lights,
} from './props.ts';
import {
  CARD_DESIGNS,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  DISTRACTORS,
  DOCUMENT_SIZE_MM,
  LABEL_RULES,
  LIGHTINGS,
  SURFACES,
  type CardDesignKind,
  type DocumentKind,
  type SurfaceKind,
  type TabletopVariant,
} from './rules.ts';

/** Everything a photo depends on. */
export interface TabletopScene {
  readonly variant: TabletopVariant;
  readonly width: number;
  readonly height: number;
  readonly camera: Camera;
  readonly document: DocumentKind;
  /** Null for no_document. */
  readonly frame: Frame3 | null;
  readonly corners: Quad | null;
  readonly tiltDeg: number;
  readonly rollDeg: number;
  readonly fill: number;
  readonly design: Design;
  readonly held: boolean;
  readonly hand: Hand | null;
  readonly surface: SurfaceKind;
  readonly table: Frame3;
  readonly tableSeed: number;
  readonly tableAngle: number;
  /** Table coordinates of the point distractors are placed around. */
  readonly tableCentre: Point;
  readonly distractors: readonly Distractor[];
  readonly lights: Lights;
  /** Lens shading: the share of cos⁴ fall-off left after the phone's correction. */
  readonly shading: number;
  readonly exposureTarget: number;
  readonly defocusRadius: number;
  readonly motion: { readonly length: number; readonly angle: number } | null;
  /** Glare: the clipped share of the document the specular lobe is scaled to. */
  readonly glareTarget: number;
  /** Lateral chromatic aberration: radial scale of red (and minus of blue). */
  readonly aberration: number;
  /** Sensor noise: shot (variance per unit signal) and read (σ), linear. */
  readonly shot: number;
  readonly read: number;
}

/**
 * Variants whose document keeps the acceptable fill: those whose degradation lies elsewhere, and the
 * thumb over a corner.
 */
const FILL_CHECKED: ReadonlySet<string> = new Set([
  'acceptable',
  'defocus',
  'motion',
  'glare',
  'dark',
  'bright',
  'finger',
]);

/**
 * Draws one scene from its seed: camera, document, pose, table, distractors, hand, lights and the
 * degradation of `variant`. Draws that miss the variant's geometric rule are redrawn.
 */
export function drawScene(
  variant: TabletopVariant,
  seed: number,
  width = DEFAULT_WIDTH,
  height = DEFAULT_HEIGHT,
): TabletopScene {
  const random = prng(seed);
  const camera = makeCamera(width, height, uniform(random, 55, 80));
  const document: DocumentKind = random() < 0.7 ? 'id1' : 'passport';
  const [dw, dh] = DOCUMENT_SIZE_MM[document];
  const designKind: CardDesignKind =
    document === 'passport'
      ? 'passport'
      : variant === 'bright'
        ? pick(random, ['white', 'pastel', 'guilloche', 'licence'] as const)
        : pick(random, CARD_DESIGNS);
  const design = drawDesign(random, designKind);
  const held = variant === 'finger' ? random() < 0.6 : variant !== 'no_document' && random() < 0.35;
  const docRadius = document === 'id1' ? Math.hypot(dw, dh) / 2 : Math.hypot(dw, 2 * dh) / 2 + 4;

  const placed =
    variant === 'no_document'
      ? null
      : searchPose<Frame3, Hand>({
          random,
          camera,
          variant,
          document,
          rules: LABEL_RULES,
          fillChecked: FILL_CHECKED,
          depth: 350,
          iterations: 8,
          cornerOut: { fill: [0.22, 0.5], push: [0.08, 0.17] },
          centre: [0.32, 0.68],
          failure: `tabletop: no pose for ${variant} (seed ${seed})`,
          draw: () => {
            // Tilt: mostly mild, a third strong; the square root spreads draws towards the limit.
            const tiltDeg =
              random() < 0.6
                ? uniform(random, 0, 18)
                : LABEL_RULES.maxTilt * Math.sqrt(uniform(random, 0.25, 1));
            const rollDeg = uniform(random, -LABEL_RULES.maxRoll, LABEL_RULES.maxRoll);
            const axes = planeAxes(tiltDeg, uniform(random, 0, 360), rollDeg);
            return {
              tiltDeg,
              rollDeg,
              place: ([px, py], z) => placeDocument(camera, document, axes, px, py, z),
              quadOf: (frame) => documentQuad(camera, frame, document),
            };
          },
          finger: () => cornerThumb(random, document, Math.floor(random() * 4)),
          holding: held ? () => holdingHand(random, document) : null,
        });
  const frame = placed?.frame ?? null;

  // The table: under the document when it lies there (a card's or a booklet's thickness behind
  // it), 150-400 mm behind a held one, 220-480 mm away without a document; its own tilt otherwise.
  let table: Frame3;
  if (frame && !held) {
    const gap = document === 'id1' ? 0.76 : 3;
    table = { ...frame, origin: add3(frame.origin, frame.n, gap) };
  } else {
    const [u, v, n] = planeAxes(
      uniform(random, 0, 32),
      uniform(random, 0, 360),
      uniform(random, -180, 180),
    );
    const z = frame ? frame.origin[2] + uniform(random, 150, 400) : uniform(random, 220, 480);
    table = { origin: [uniform(random, -50, 50), uniform(random, -50, 50), z], u, v, n };
  }
  // Where the camera ray through the document's centre (or the frame's) meets the table.
  const aim: Vec3 = frame ? norm3(planePoint(frame, dw / 2, dh / 2)) : [0, 0, 1];
  const tAim = dot3(table.n, table.origin) / dot3(table.n, aim);
  const aimPoint: Vec3 = [aim[0] * tAim, aim[1] * tAim, aim[2] * tAim];
  const rel = add3(aimPoint, table.origin, -1);
  const tableCentre: Point = [dot3(rel, table.u), dot3(rel, table.v)];
  const lying = frame !== null && !held;

  // A dark card on dark leather would be exposed for its light print and leave the frame near
  // the dark band: keep that pairing out so exposure labels keep their margin.
  const surface = pick(
    random,
    design.kind === 'dark' && variant !== 'dark'
      ? SURFACES.filter((k) => k !== 'leather')
      : SURFACES,
  );
  const distractors: Distractor[] = [];
  const want =
    variant === 'no_document'
      ? 1 + Math.floor(random() * 3)
      : random() < 0.55
        ? 1 + Math.floor(random() * 2)
        : 0;
  const kinds = variant === 'no_document' ? DISTRACTORS.filter((d) => d !== 'card') : DISTRACTORS;
  for (let k = 0; k < want; k++) {
    let kind = pick(random, kinds);
    if (kind === 'card' && frame) {
      const other = otherCard(random, camera, frame, table, tableCentre, document, lying);
      if (other) {
        distractors.push(other);
        continue;
      }
      kind = 'pen';
    }
    distractors.push(drawDistractor(random, kind, frame ? docRadius : null, lying));
  }

  const lightKind = pick(random, LIGHTINGS);
  const nfTable: Vec3 = [-table.n[0], -table.n[1], -table.n[2]];
  const centre3 = frame ? planePoint(frame, dw / 2, dh / 2) : aimPoint;
  let lights = drawLights(random, lightKind, centre3, nfTable, table.u, table.v);
  let glareTarget = 0;
  if (frame) {
    const nf: Vec3 = [-frame.n[0], -frame.n[1], -frame.n[2]];
    if (variant === 'glare') {
      // Put the lamp where the laminate mirrors it into the camera at a point well inside the
      // page: the specular lobe is centred there; its strength is set at exposure time.
      const q = planePoint(frame, uniform(random, 0.3, 0.7) * dw, uniform(random, 0.3, 0.7) * dh);
      const view = norm3([-q[0], -q[1], -q[2]]);
      const mirror = add3([-view[0], -view[1], -view[2]], nf, 2 * dot3(nf, view));
      const at = add3(q, mirror, uniform(random, 300, 650));
      const d = Math.hypot(at[0] - q[0], at[1] - q[1], at[2] - q[2]);
      // The lamp now lights the page from the mirror direction; keep at least a fair share of
      // the light its own (the exposure sets the overall scale).
      const before = lights.lamp;
      const dBefore = Math.hypot(
        before.at[0] - centre3[0],
        before.at[1] - centre3[1],
        before.at[2] - centre3[2],
      );
      const cosBefore = Math.max(0.2, dot3(nfTable, norm3(add3(before.at, centre3, -1))));
      const irradiance = Math.max(0.35, (before.power * cosBefore) / (dBefore * dBefore));
      lights = {
        ...lights,
        lamp: {
          ...before,
          at,
          axis: norm3(add3(q, at, -1)),
          power: (irradiance * d * d) / Math.max(0.2, dot3(nf, mirror)),
        },
        gloss: uniform(random, 0.8, 1.5),
        shininess: uniform(random, 40, 160),
      };
      glareTarget = within(random, LABEL_RULES.glareShare);
    } else {
      // Keep the lamp out of the laminate's mirror: redraw it until the specular peak over a grid of
      // the page stays a small share of the paper's diffuse light, then damp the gloss if need be.
      for (let attempt = 0; ; attempt++) {
        let worst = 0;
        for (let j = 0; j <= 8; j++)
          for (let i = 0; i <= 12; i++)
            worst = Math.max(
              worst,
              specularRatio(lights, planePoint(frame, (i / 12) * dw, (j / 8) * dh), nf),
            );
        if (worst <= LABEL_RULES.maxSpecularRatio) break;
        if (attempt >= 30) {
          lights = { ...lights, gloss: (lights.gloss * LABEL_RULES.maxSpecularRatio) / worst };
          break;
        }
        lights = drawLights(random, lightKind, centre3, nfTable, table.u, table.v);
      }
    }
  }
  const exposureTarget = drawExposureTarget(random, variant, LABEL_RULES);
  const scale = width / 640;
  return {
    variant,
    width,
    height,
    camera,
    document,
    frame,
    ...placementOf(placed),
    design,
    held,
    surface,
    table,
    tableSeed: Math.floor(random() * 1e6),
    tableAngle: uniform(random, 0, Math.PI),
    tableCentre,
    distractors,
    lights,
    shading: uniform(random, 0.15, 0.45),
    exposureTarget,
    defocusRadius: variant === 'defocus' ? within(random, LABEL_RULES.defocusRadius) * scale : 0,
    motion:
      variant === 'motion'
        ? {
            length: within(random, LABEL_RULES.motionLength) * scale,
            angle: uniform(random, 0, Math.PI),
          }
        : null,
    glareTarget,
    aberration: random() < 0.6 ? uniform(random, 0.0004, 0.0016) : 0,
    shot: uniform(random, 0.0003, 0.0012) * (variant === 'dark' ? 0.6 : 1),
    read: uniform(random, 0.001, 0.003),
  };
}

/**
 * Another ID-1 card on the table, unambiguous next to the document: partly under a lying one
 * (LABEL_RULES.otherCardVisible of it showing), or far enough behind a held one to look at most
 * otherCardAreaRatio its size. Null when no draw of a few fits.
 */
function otherCard(
  random: () => number,
  camera: Camera,
  frame: Frame3,
  table: Frame3,
  tableCentre: Point,
  kind: DocumentKind,
  lying: boolean,
): Distractor | null {
  const [w] = DOCUMENT_SIZE_MM[kind];
  for (let attempt = 0; attempt < 20; attempt++) {
    const angle = uniform(random, -0.7, 0.7);
    const dir = uniform(random, 0, Math.PI * 2);
    const reach = lying ? uniform(random, 0.35, 0.75) * (w / 2 + 43) : uniform(random, 60, 160);
    const x = Math.cos(dir) * reach;
    const y = Math.sin(dir) * reach;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const local = (i: number, j: number): Point => {
      const lx = (i - 0.5) * DOCUMENT_SIZE_MM.id1[0];
      const ly = (j - 0.5) * DOCUMENT_SIZE_MM.id1[1];
      return [tableCentre[0] + x + lx * c - ly * s, tableCentre[1] + y + lx * s + ly * c];
    };
    if (lying) {
      // Table and document coordinates coincide (same axes, same origin in-plane).
      let shown = 0;
      let total = 0;
      for (let j = 0; j <= 10; j++)
        for (let i = 0; i <= 16; i++) {
          const [tu, tv] = local(i / 16, j / 10);
          total++;
          if (documentOutline(kind, tu, tv) > 0) shown++;
        }
      const share = shown / total;
      if (share < LABEL_RULES.otherCardVisible[0] || share > LABEL_RULES.otherCardVisible[1])
        continue;
    } else {
      const quad = [local(0, 0), local(1, 0), local(1, 1), local(0, 1)].map((p) =>
        project(camera, planePoint(table, p[0], p[1])),
      ) as unknown as Quad;
      const ratio = polygonArea(quad) / polygonArea(documentQuad(camera, frame, kind));
      if (ratio > LABEL_RULES.otherCardAreaRatio) continue;
    }
    return {
      kind: 'card',
      x,
      y,
      angle,
      colour: hsl(uniform(random, 0, 360), uniform(random, 0.3, 0.7), uniform(random, 0.3, 0.75)),
      seed: Math.floor(random() * 1e6),
    };
  }
  return null;
}
