import assert from 'node:assert/strict';
import { mkdtemp, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT, startBrowserRunner, type BrowserRunner } from './browser-runner.ts';
import { DOCUMENT_MM, projectDocument, quantise } from './document-scenes.ts';
import { generateFlowVideos } from './flow-videos.ts';
import { videoPose, videoScene } from './generate-documents.ts';
import { PORTRAIT_FILE } from './generate-selfies.ts';
import { i420FrameSize, y4mFileSize } from './make-y4m.ts';
import { fixturePath, missingFixtureMessage, skipOrFail } from '../test/shared-fixtures.ts';

// The face fixture is committed (test/fixtures/faces/). Should it be missing, every test that
// needs it fails under CI and is skipped elsewhere (skipOrFail), never passed.
const missing = fixturePath(PORTRAIT_FILE)
  ? undefined
  : `flow videos not tested: ${missingFixtureMessage(PORTRAIT_FILE)}`;

type FlowPage = typeof import('./flow-videos-page.ts');

/** A y4m file's header line (without its newline). */
async function headerOf(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(200);
    const { bytesRead } = await file.read(bytes, 0, bytes.length, 0);
    const newline = bytes.subarray(0, bytesRead).indexOf(0x0a);
    assert.ok(newline > 0, `${path}: no header line`);
    return bytes.subarray(0, newline).toString('latin1');
  } finally {
    await file.close();
  }
}

/**
 * The first frame of a y4m file (4:2:0, BT.601 studio swing as make-y4m.ts writes it) back to RGBA:
 * the pixels Chromium's fake camera would hand the page, to within rounding.
 */
async function firstFrameRgba(
  path: string,
): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const header = await headerOf(path);
  const width = Number(/ W(\d+)/.exec(header)?.[1]);
  const height = Number(/ H(\d+)/.exec(header)?.[1]);
  const size = i420FrameSize(width, height);
  const bytes = Buffer.alloc(6 + size);
  const file = await open(path, 'r');
  try {
    await file.read(bytes, 0, bytes.length, header.length + 1);
  } finally {
    await file.close();
  }
  assert.equal(bytes.subarray(0, 6).toString('latin1'), 'FRAME\n');
  const planes = bytes.subarray(6);
  const cw = Math.ceil(width / 2);
  const uOffset = width * height;
  const vOffset = uOffset + cw * Math.ceil(height / 2);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = (y >> 1) * cw + (x >> 1);
      const l = 1.164 * (planes[y * width + x]! - 16);
      const u = planes[uOffset + c]! - 128;
      const v = planes[vOffset + c]! - 128;
      const p = (y * width + x) * 4;
      rgba[p] = l + 1.596 * v;
      rgba[p + 1] = l - 0.392 * u - 0.813 * v;
      rgba[p + 2] = l + 2.017 * u;
      rgba[p + 3] = 255;
    }
  }
  return { width, height, rgba };
}

describe('generateFlowVideos', () => {
  let paths: { card: string; selfie: string } | undefined;

  before(async () => {
    if (missing) return;
    // The default folder, as the e2e tests use it: generated once (~6 s), current afterwards.
    const result = await generateFlowVideos();
    assert.ok(!('skipped' in result), 'skipped' in result ? result.skipped : '');
    paths = result;
  });

  test('writes card.y4m and selfie.y4m: one header, one size, 1280x720 at 30 fps', async (t) => {
    if (!paths) return skipOrFail(t, missing ?? 'no videos');
    const headers = [await headerOf(paths.card), await headerOf(paths.selfie)];
    assert.equal(headers[0], headers[1]);
    assert.match(headers[0]!, /^YUV4MPEG2 W1280 H720 F30:1 Ip A1:1 C420jpeg XKYC_FLOWVID=\S+$/);
    const expected = y4mFileSize(1280, 720, {
      frameCount: 30,
      fps: 30,
      extraTags: headers[0]!.split(' ').slice(7),
    });
    assert.equal((await stat(paths.card)).size, expected);
    assert.equal((await stat(paths.selfie)).size, expected);
  });

  test('leaves current videos alone', async (t) => {
    if (!paths) return skipOrFail(t, missing ?? 'no videos');
    const times = async () => [
      (await stat(paths!.card)).mtimeMs,
      (await stat(paths!.selfie)).mtimeMs,
    ];
    const before = await times();
    await generateFlowVideos();
    assert.deepEqual(await times(), before);
  });

  describe('in headless Chromium, through the SDK', () => {
    let dir = '';
    let runner: BrowserRunner<FlowPage> | undefined;

    before(async () => {
      if (!paths) return;
      dir = await mkdtemp(join(tmpdir(), 'flow-frames-'));
      for (const name of ['card', 'selfie'] as const) {
        const { rgba } = await firstFrameRgba(paths[name]);
        await writeFile(join(dir, `${name}.rgba`), rgba);
      }
      // The control: the same card without the photo (the `good` document video's still scene).
      const doc = DOCUMENT_MM.id1;
      const quad = projectDocument(videoPose(1280, 720), doc.width, doc.height, 1280, 720);
      await writeFile(join(dir, 'plain.rgba'), quantise(videoScene(1280, 720)('good', quad), 4));
      runner = await startBrowserRunner<FlowPage>({
        entry: join(REPO_ROOT, 'scripts/flow-videos-page.ts'),
        mounts: { '/frames/': dir },
      });
    });

    after(async () => {
      await runner?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    test('a card frame passes the document checks and shows the holder’s portrait', async (t) => {
      if (!runner) return skipOrFail(t, missing ?? 'no videos');
      const { verdict, portrait } = await runner.call(
        'checkCardFrame',
        '/frames/card.rgba',
        1280,
        720,
      );
      t.diagnostic(
        `document: acceptable ${verdict.acceptable}, issues [${verdict.issues.join(', ')}], ` +
          `sharpness ${verdict.metrics.sharpness.toFixed(0)}, fill ${verdict.metrics.fill.toFixed(2)}`,
      );
      t.diagnostic(
        `portrait: found ${portrait.found}, score ${portrait.score.toFixed(3)}, faces ` +
          `${portrait.faces}, looks ${portrait.looks}, ${portrait.ms.toFixed(0)} ms`,
      );
      assert.ok(verdict.acceptable, `issues: ${verdict.issues.join(', ')}`);
      assert.ok(verdict.quad, 'the card outline is found');
      assert.ok(portrait.found, `portrait issue: ${portrait.issue}, score ${portrait.score}`);
      assert.equal(portrait.faces, 1);
      // The portrait is where the photo is printed: the card's left end, in its upper two thirds.
      const box = portrait.cardBox!;
      assert.ok(box.x + box.width / 2 < 0.35 && box.y + box.height / 2 < 0.7, JSON.stringify(box));

      // Without the photo the same card passes too, but shows no portrait: the photo is what counts.
      const plain = await runner.call('checkCardFrame', '/frames/plain.rgba', 1280, 720);
      t.diagnostic(
        `without the photo: portrait found ${plain.portrait.found}, issue ${plain.portrait.issue}`,
      );
      assert.ok(plain.verdict.acceptable);
      assert.equal(plain.portrait.found, false);
    });

    test('a selfie frame passes the selfie checks with exactly one face', async (t) => {
      if (!runner) return skipOrFail(t, missing ?? 'no videos');
      const { verdict, faces } = await runner.call(
        'checkSelfieFrame',
        '/frames/selfie.rgba',
        1280,
        720,
      );
      t.diagnostic(
        `selfie: acceptable ${verdict.acceptable}, issues [${verdict.issues.join(', ')}], ` +
          `faces ${faces}, size ${verdict.face?.size.toFixed(2)}`,
      );
      assert.equal(faces, 1);
      assert.ok(verdict.acceptable, `issues: ${verdict.issues.join(', ')}`);
    });
  });
});

describe('generateFlowVideos without the face fixture', () => {
  test('writes nothing and says what is needed', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'no-fixtures-'));
    try {
      const result = await generateFlowVideos(join(empty, 'flow'), { fixtureDirs: [empty] });
      assert.ok('skipped' in result);
      assert.match(result.skipped, /faces\/astronaut\.png not found in .*no-fixtures-/);
      assert.match(result.skipped, /KYC_FIXTURES/);
      assert.match(result.skipped, /\.\.\/shared\/fixtures/);
      assert.match(result.skipped, /test\/fixtures\//);
      assert.deepEqual(await readdir(empty), []);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
