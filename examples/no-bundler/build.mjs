// No bundler: the page's own files plus the packages' browser files, copied as they are into dist/,
// which any static web server can serve. The import map in index.html maps the bare names
// (`kyc-capture/define`, `lit`, …) to those copies. kyc-capture's dist/ is copied whole: its
// workers (assets/), the face detector's wasm and model (mediapipe/) and its chunks find each
// other by relative URLs.
import { cp, rm } from 'node:fs/promises';

const copies = {
  'src/': 'dist/',
  'node_modules/kyc-capture/dist/': 'dist/vendor/kyc-capture/',
  'node_modules/lit/': 'dist/vendor/lit/',
  'node_modules/lit-html/': 'dist/vendor/lit-html/',
  'node_modules/lit-element/': 'dist/vendor/lit-element/',
  'node_modules/@lit/reactive-element/': 'dist/vendor/@lit/reactive-element/',
  'node_modules/browser-image-compression/dist/': 'dist/vendor/browser-image-compression/',
};
// Types, source maps and the server helper are not for the browser.
const skip = /\.d\.ts(\.map)?$|\.map$|(^|\/)(types|server|development)(\/|$)/;

await rm('dist', { recursive: true, force: true });
for (const [from, to] of Object.entries(copies))
  await cp(from, to, { recursive: true, filter: (source) => !skip.test(source) });
