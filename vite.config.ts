// `vite` (npm run demo): serves index.html + demo/ with the mock backend mounted on the same origin.
// `vite build --mode lib`: the library build to dist/ (ES modules, dependencies left external).
// Both serve (dev, preview) or emit (builds) the face detector's files under `mediapipe/`.
import { defineConfig, type Plugin } from 'vite';
import { createMockBackend } from './mock/index.ts';
import { libraryUrls } from './scripts/vite-lib-urls.ts';
import { mediapipeAssets, mediapipeGlue } from './scripts/vite-mediapipe-assets.ts';

/** Mounts the mock backend in Vite's dev and preview servers, so the demo needs no second process. */
function mockBackend(): Plugin {
  const backend = createMockBackend();
  return {
    name: 'kyc-mock-backend',
    configureServer(server) {
      server.middlewares.use(backend.middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(backend.middleware);
    },
  };
}

export default defineConfig(({ mode }) =>
  mode === 'lib'
    ? {
        // Relative asset URLs (the quality worker), resolved against the importing module.
        base: './',
        plugins: [mediapipeAssets(), libraryUrls()],
        worker: { format: 'es', plugins: () => [mediapipeGlue(), libraryUrls()] },
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          sourcemap: true,
          lib: {
            entry: { index: 'src/index.ts', define: 'src/define/index.ts' },
            formats: ['es'],
          },
          rollupOptions: { external: [/^lit/, /^@lit\//, 'browser-image-compression'] },
        },
      }
    : {
        plugins: [mockBackend(), mediapipeAssets()],
        worker: { format: 'es', plugins: () => [mediapipeGlue()] },
        server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173) },
      },
);
