// The demo as a QA tool: a debug overlay with each analysed frame's metrics over the preview (from
// the element's opt-in `kyc-frame-metrics` event), a device and camera panel, and a button that
// saves the photos taken on this page as files. Page code only: none of it ships in the SDK.
import type {
  KycCaptureElement,
  KycFrameMetricsDetail,
  LiveVerdict,
  SelfieVerdict,
} from '../src/index.js';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const SVG = 'http://www.w3.org/2000/svg';

/** A selfie step's verdict (it has `face`), else a document step's. */
const isSelfieVerdict = (verdict: LiveVerdict): verdict is SelfieVerdict => 'face' in verdict;

/** One file to save: what the element handed the page in `kyc-capture`. */
interface SavedCapture {
  readonly name: string;
  readonly blob: Blob;
}

const captures: SavedCapture[] = [];
/** The element mounted now, if any. */
let current: KycCaptureElement | undefined;
/** When the previous metrics event came, for the frame rate of the analysis. */
let previousAt: number | undefined;

/** The camera view inside the element: open shadow roots, read by this QA page only. */
function cameraView(): (HTMLElement & { camera?: { stream?: MediaStream } }) | null {
  return current?.shadowRoot?.querySelector('kyc-camera-view') ?? null;
}

const overlayOn = (): boolean => $<HTMLInputElement>('#debug-overlay').checked;

const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

/** The rows of the metrics table for one verdict: name → value, as text. */
function metricRows(verdict: LiveVerdict, ms: number, fps: number | undefined): [string, string][] {
  const rows: [string, string][] = [
    ['ms per frame', fixed(ms)],
    ['frames per second', fps === undefined ? '…' : fixed(fps)],
    ['acceptable', verdict.acceptable ? 'yes' : 'no'],
    ['issues', verdict.issues.join(', ') || 'none'],
    ['analysed size', `${verdict.width}×${verdict.height}`],
  ];
  if (isSelfieVerdict(verdict)) {
    const { metrics, face } = verdict;
    rows.push(['faces', String(metrics.faces)], ['sharpness', fixed(metrics.sharpness)]);
    rows.push(['exposure (mean luma)', fixed(metrics.meanLuma)]);
    rows.push(['face box', face ? boxText(face.region) : 'none']);
    if (face) rows.push(['face roll / yaw', `${fixed(face.roll)}° / ${fixed(face.yaw, 2)}`]);
    return rows;
  }
  const { metrics } = verdict;
  rows.push(
    ['sharpness', fixed(metrics.sharpness)],
    ['glare', percent(metrics.glare)],
    ['exposure (mean luma)', fixed(metrics.meanLuma)],
    ['contrast', fixed(metrics.contrast)],
    [
      'clipped dark / bright',
      `${percent(metrics.clippedDark)} / ${percent(metrics.clippedBright)}`,
    ],
    ['fill / span', `${percent(metrics.fill)} / ${percent(metrics.span)}`],
    [
      'outline',
      verdict.quad ? verdict.quad.map(([x, y]) => `${x | 0},${y | 0}`).join(' ') : 'none',
    ],
  );
  return rows;
}

/** A region's bounding box as "x,y w×h". */
function boxText(region: readonly (readonly [number, number])[]): string {
  const xs = region.map(([x]) => x);
  const ys = region.map(([, y]) => y);
  const [x, y] = [Math.min(...xs), Math.min(...ys)];
  return `${x | 0},${y | 0} ${(Math.max(...xs) - x) | 0}×${(Math.max(...ys) - y) | 0}`;
}

function fillTable(list: HTMLElement, rows: readonly [string, string][]): void {
  list.replaceChildren(
    ...rows.flatMap(([name, value]) => {
      const term = document.createElement('dt');
      term.textContent = name;
      const description = document.createElement('dd');
      description.textContent = value;
      return [term, description];
    }),
  );
}

/** Places the overlay layer exactly over the preview and draws the outline or face box on it. */
function drawOverlay({ verdict, mirrored }: KycFrameMetricsDetail, rows: [string, string][]): void {
  const layer = $('#debug-layer');
  const video = cameraView()?.shadowRoot?.querySelector('video');
  const mount = $('#mount').getBoundingClientRect();
  const box = video?.getBoundingClientRect();
  if (!box || box.width === 0) {
    layer.hidden = true;
    return;
  }
  layer.hidden = false;
  Object.assign(layer.style, {
    left: `${box.left - mount.left}px`,
    top: `${box.top - mount.top}px`,
    width: `${box.width}px`,
    height: `${box.height}px`,
  });
  // Same box and "cover" fit as the preview, so analysed pixels land on the matching video pixels.
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${verdict.width} ${verdict.height}`);
  svg.setAttribute('preserveAspectRatio', 'xMidYMid slice');
  if (mirrored) svg.classList.add('mirrored');
  const shape = isSelfieVerdict(verdict) ? verdict.face?.region : verdict.quad;
  if (shape) {
    const xs = shape.map(([x]) => x);
    const ys = shape.map(([, y]) => y);
    const element = document.createElementNS(SVG, isSelfieVerdict(verdict) ? 'rect' : 'polygon');
    if (isSelfieVerdict(verdict)) {
      element.setAttribute('x', String(Math.min(...xs)));
      element.setAttribute('y', String(Math.min(...ys)));
      element.setAttribute('width', String(Math.max(...xs) - Math.min(...xs)));
      element.setAttribute('height', String(Math.max(...ys) - Math.min(...ys)));
    } else {
      element.setAttribute('points', shape.map(([x, y]) => `${x},${y}`).join(' '));
    }
    element.setAttribute('class', verdict.acceptable ? 'good' : 'bad');
    element.setAttribute('vector-effect', 'non-scaling-stroke');
    svg.append(element);
  }
  const hud = document.createElement('pre');
  hud.className = 'hud';
  hud.textContent = rows
    .slice(0, 4)
    .concat(rows.filter(([name]) => /sharpness|glare|luma|face box/.test(name)))
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  layer.replaceChildren(svg, hud);
}

function onMetrics(event: HTMLElementEventMap['kyc-frame-metrics']): void {
  if (!overlayOn()) return;
  const now = performance.now();
  const fps = previousAt === undefined ? undefined : 1000 / (now - previousAt);
  previousAt = now;
  const rows = metricRows(event.detail.verdict, event.detail.ms, fps);
  fillTable($('#frame-metrics'), rows);
  drawOverlay(event.detail, rows);
}

function setOverlay(on: boolean): void {
  if (current) current.frameEvents = on;
  previousAt = undefined;
  const layer = $('#debug-layer');
  layer.hidden = true;
  layer.replaceChildren();
  $('#frame-metrics').replaceChildren();
  $('#qa-metrics').hidden = !on;
}

/** Device and camera facts: what a bug report about a phone needs. */
async function refreshDevices(): Promise<void> {
  const rows: [string, string][] = [
    ['user agent', navigator.userAgent],
    ['device pixel ratio', String(window.devicePixelRatio)],
    ['screen', `${screen.width}×${screen.height} (viewport ${innerWidth}×${innerHeight})`],
  ];
  const track = cameraView()?.camera?.stream?.getVideoTracks()[0];
  if (track) {
    const settings = track.getSettings();
    rows.push(
      ['active camera', track.label || '(no label)'],
      ['width × height', `${settings.width ?? '?'}×${settings.height ?? '?'}`],
      ['frame rate', settings.frameRate === undefined ? '?' : fixed(settings.frameRate)],
      ['facing mode', settings.facingMode ?? '(not reported)'],
      ['device id', settings.deviceId ?? '?'],
    );
    // `torch` is not in TypeScript's MediaTrackCapabilities yet.
    const capabilities = (track.getCapabilities?.() ?? {}) as MediaTrackCapabilities & {
      torch?: boolean;
    };
    rows.push(['torch', capabilities.torch ? 'supported' : 'not supported']);
  } else {
    rows.push(['active camera', 'none (no camera step is showing)']);
  }
  fillTable($('#device-info'), rows);
  // Labels are empty until the page has been granted the camera once.
  const devices = (await navigator.mediaDevices?.enumerateDevices()) ?? [];
  const cameras = devices.filter(({ kind }) => kind === 'videoinput');
  $('#camera-list').replaceChildren(
    ...(cameras.length ? cameras : [undefined]).map((camera, index) => {
      const item = document.createElement('li');
      item.textContent = camera
        ? `${camera.label || `camera ${index + 1} (label after permission)`}`
        : 'no camera found';
      return item;
    }),
  );
}

/** File name of a capture: order, step (or liveness label) and the type's extension. */
function fileName(label: string, blob: Blob): string {
  const extension = blob.type.split('/')[1]?.replace('jpeg', 'jpg') || 'bin';
  return `${String(captures.length + 1).padStart(2, '0')}-${label}.${extension}`;
}

/** Whether the tester asked to keep captures: off by default, so the page holds no photo. */
function keeping(): boolean {
  return $<HTMLInputElement>('#keep-captures').checked;
}

function keepCapture(event: HTMLElementEventMap['kyc-capture']): void {
  if (!keeping()) return;
  const { capture } = event.detail;
  captures.push({ name: fileName(capture.step, capture.blob), blob: capture.blob });
  for (const frame of capture.frames ?? []) {
    captures.push({ name: fileName(frame.label, frame.blob), blob: frame.blob });
  }
  updateDownloadButton();
}

function updateDownloadButton(): void {
  const button = $<HTMLButtonElement>('#download-captures');
  button.textContent = `Download captures (${captures.length})`;
  button.disabled = captures.length === 0;
}

/** Saves every capture of this page as a file: an object URL per file, revoked once clicked. */
function downloadCaptures(): void {
  for (const { name, blob } of captures) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started from the click; the URL is not needed past this task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** Wires a newly mounted element to the QA panels. */
export function attachQa(element: KycCaptureElement): void {
  current = element;
  previousAt = undefined;
  element.frameEvents = overlayOn();
  element.addEventListener('kyc-frame-metrics', onMetrics);
  element.addEventListener('kyc-capture', keepCapture);
  // The camera opens (or changes) with a step: the panel follows.
  element.addEventListener('kyc-step-change', () => setTimeout(() => void refreshDevices(), 500));
}

/** Wires the page's QA controls (once). */
export function setUpQa(): void {
  $('#debug-overlay').addEventListener('change', () => setOverlay(overlayOn()));
  $('#refresh-devices').addEventListener('click', () => void refreshDevices());
  $('#download-captures').addEventListener('click', downloadCaptures);
  // Unticked: the photos kept so far are let go (a soak run or a long session holds none).
  $('#keep-captures').addEventListener('change', () => {
    if (!keeping()) captures.length = 0;
    updateDownloadButton();
  });
  setOverlay(overlayOn());
  updateDownloadButton();
  void refreshDevices();
}
