// webpack 5, production, as a plain app would configure it: the stylesheet
// through css-loader and style-loader, nothing for the .wasm (the package
// loads it with `new URL('./pkg/….wasm', import.meta.url)`, which webpack
// emits as an asset), no Node polyfills, no `experiments`.
//
// tests/e2e/bundlers.test.mjs runs
//   webpack --config tests/hosts/webpack/webpack.config.mjs --env out=DIR --env modules=DIR/node_modules
// where `modules` holds hersys-validator unpacked from `npm pack`: the package
// as published (its "exports", "sideEffects" and "files"), not this repo's js/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');

export default (env = {}) => ({
  mode: 'production',
  context: HERE,
  entry: './main.js',
  output: {
    path: env.out ? path.resolve(env.out) : path.join(ROOT, 'target', 'hosts', 'webpack'),
    filename: 'main.js',
    clean: true,
  },
  module: {
    rules: [{ test: /\.css$/i, use: ['style-loader', 'css-loader'] }],
  },
  resolve: {
    // The installed package first; then the usual node_modules lookup.
    modules: [...(env.modules ? [path.resolve(env.modules)] : []), 'node_modules'],
  },
  // The two .wasm files (138 KiB and 392 KiB) are over webpack's 244 KiB hint:
  // size advice, not a build problem; the test fails on any other warning.
  performance: { hints: false },
});
