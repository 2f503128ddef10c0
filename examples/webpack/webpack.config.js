// A plain webpack 5 setup: nothing here is specific to kyc-capture. webpack finds the package's
// workers (`new Worker(new URL('./…', import.meta.url))`) and its wasm binary and face model
// (`new URL('./…', import.meta.url)`) by itself and emits them with the app.
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { fileURLToPath } from 'node:url';

export default {
  entry: './src/index.js',
  output: {
    path: fileURLToPath(new URL('./dist', import.meta.url)),
    filename: '[name].[contenthash].js',
    clean: true,
  },
  plugins: [new HtmlWebpackPlugin({ template: './src/index.html' })],
  // The face detector's wasm binary is 13 MB (3.9 MB gzipped) and loads only when a face step is
  // near: not part of the entry's budget.
  performance: {
    assetFilter: (file) => !/\.(wasm|tflite)$/.test(file),
    // The face worker (about 290 kB, MediaPipe included) starts only when a face step is near.
    maxAssetSize: 320 * 1024,
  },
};
