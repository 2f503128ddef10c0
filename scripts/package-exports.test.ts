// The package root's public names. The list below is the API: a name added to or dropped from
// src/index.ts fails this test until the list is changed too, so every change to the surface is a
// conscious one (and shows up in review as one line here).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Every runtime export of `kyc-capture`, sorted (types are checked by `npm run typecheck`). */
const RUNTIME_EXPORTS = [
  'AbortedError',
  'AnalysisError',
  'ApiErrorCode',
  'CameraError',
  'CameraErrorCode',
  'CaptureInputError',
  'CaptureInputErrorCode',
  'CaptureStep',
  'Challenge',
  'ConfigurationError',
  'DEFAULT_ACTIVE_LIVENESS',
  'DEFAULT_AUTO_CAPTURE',
  'DEFAULT_DOCUMENT_OPTIONS',
  'DEFAULT_PASSIVE_LIVENESS',
  'DEFAULT_PORTRAIT_OPTIONS',
  'DEFAULT_SELFIE_OPTIONS',
  'DEFAULT_SIZE_CAP',
  'DocumentType',
  'EncodeError',
  'FaceDetectorError',
  'FaceErrorCode',
  'FlowStatus',
  'HttpError',
  'HttpMethod',
  'IdvSdkError',
  'IdvSdkErrorCode',
  'ImageFileError',
  'ImageFileErrorCode',
  'KYC_EVENT_NAMES',
  'KycAnalysisErrorEvent',
  'KycCameraErrorEvent',
  'KycCameraViewElement',
  'KycCancelEvent',
  'KycCaptureElement',
  'KycCaptureEvent',
  'KycClient',
  'KycCompleteEvent',
  'KycError',
  'KycErrorEvent',
  'KycEvent',
  'KycFeedbackEvent',
  'KycFrameEvent',
  'KycFrameMetricsEvent',
  'KycReadyEvent',
  'KycStepChangeEvent',
  'KycUploadProgressEvent',
  'KycUploadResultEvent',
  'LANGUAGES',
  'LinkKycError',
  'LinkKycErrorCode',
  'NetworkError',
  'PortraitIssue',
  'ProtocolName',
  'QualityIssue',
  'RedirectError',
  'RedirectErrorCode',
  'ResponseFormatError',
  'SELFIE_AUTO_CAPTURE',
  'SelfieIssue',
  'SessionV1ReplyError',
  'SessionV1ReplyErrorCode',
  'TimeoutError',
  'TokenExpiredError',
  'UploadTooLargeError',
  'ValidationV2Error',
  'ValidationV2ErrorCode',
  'WorkerLoadError',
  'analyzeDocument',
  'analyzeSelfie',
  'createIdvSdkAdapter',
  'createLinkKycAdapter',
  'createSessionV1Adapter',
  'createValidationV2Adapter',
  'currentStep',
  'en',
  'idvSdkHeaders',
  'linkKycRejectionGuidance',
  'prefetchFaceAssets',
  'registerProtocol',
  'resolveFaceAssets',
  'resolveLanguage',
  'stepsForDocument',
];

/** Source files of the library (not tests, not the root module itself). */
async function sourceFiles(dir = join(root, 'src')): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return Promise.resolve(/(?<!\.test)\.ts$/.test(entry.name) ? [path] : []);
    }),
  );
  return nested.flat();
}

/** Names a module declares as exports (`export const X`, `export interface X`, …). */
function declaredExports(source: string): string[] {
  const pattern =
    /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:const|let|function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
  return [...source.matchAll(pattern)].map((match) => match[1]!);
}

/** Every name `src/index.ts` lists, values and types alike. */
function listedNames(indexSource: string): Set<string> {
  const names = new Set<string>();
  for (const [, list] of indexSource.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of list!.split(',')) {
      const name = item
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  }
  return names;
}

test('the root module exports exactly the listed runtime names', async () => {
  const api = await import('../src/index.ts');
  assert.deepEqual(Object.keys(api).sort(), RUNTIME_EXPORTS);
});

test('the root module lists every name explicitly: no export *', async () => {
  const index = await readFile(join(root, 'src/index.ts'), 'utf8');
  assert.doesNotMatch(index, /export\s+(?:type\s+)?\*/);
});

test('every library name the README tells integrators to use is exported', async () => {
  const [readme, index] = await Promise.all([
    readFile(join(root, 'README.md'), 'utf8'),
    readFile(join(root, 'src/index.ts'), 'utf8'),
  ]);
  const library = new Set<string>();
  for (const file of await sourceFiles()) {
    if (file.endsWith(join('src', 'index.ts'))) continue;
    for (const name of declaredExports(await readFile(file, 'utf8'))) library.add(name);
  }
  // The leading identifier of each inline code span: `linkKycRejectionGuidance(reasons)`, `KycClient`.
  const mentioned = new Set(
    [...readme.matchAll(/`([A-Za-z_$][\w$]*)[^`]*`/g)].map((match) => match[1]!),
  );
  const listed = listedNames(index);
  // camelCase or PascalCase only: lowercase words (\`straighten: true\`) are option names.
  const missing = [...mentioned].filter(
    (name) => /[A-Z]/.test(name) && library.has(name) && !listed.has(name),
  );
  assert.deepEqual(missing, [], 'named in README.md but not exported by src/index.ts');
  // The check must see the README's names at all (a broken pattern would pass vacuously).
  for (const name of [
    'KycClient',
    'linkKycRejectionGuidance',
    'prefetchFaceAssets',
    'KycErrorEvent',
  ]) {
    assert.ok(mentioned.has(name) && listed.has(name), name);
  }
});

test('the tarball carries the licence, and every entry point is in package.json files', async () => {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    files: string[];
    exports: Record<string, string | Record<string, string>>;
    customElements: string;
  };
  const { stdout } = await promisify(execFile)(
    'npm',
    ['pack', '--dry-run', '--json', '--ignore-scripts'],
    { cwd: root },
  );
  const [{ files }] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  const packed = files.map(({ path }) => path);
  for (const file of ['LICENSE', 'README.md', 'package.json'])
    assert.ok(packed.includes(file), file);
  assert.match(await readFile(join(root, 'LICENSE'), 'utf8'), /^MIT License/);
  const targets = Object.values(pkg.exports).flatMap((target) =>
    typeof target === 'string' ? [target] : Object.values(target),
  );
  for (const target of [...targets, pkg.customElements]) {
    const path = target.replace(/^\.\//, '');
    const shipped =
      path === 'package.json' ||
      pkg.files.some((entry) => path === entry || path.startsWith(`${entry}/`));
    assert.ok(shipped, `${target} is in files`);
  }
  // The types-only framework entries are emitted from src/frameworks/ by tsconfig.build.json.
  for (const entry of ['./react', './vue']) {
    const target = pkg.exports[entry];
    assert.ok(typeof target === 'object' && Object.keys(target).join() === 'types', entry);
    const source = target.types!.replace('./dist/types/', 'src/').replace(/\.d\.ts$/, '.ts');
    await access(join(root, source));
  }
});
