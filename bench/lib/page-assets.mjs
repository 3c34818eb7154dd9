// What the page loads besides itself: the built package copied from www/lib/
// to page/lib/, and the JS versions bundled and minified with rolldown (the
// bundler of the repo's Vite) into page/vendor/: plain ES modules, no bundler
// in the page, and their sizes are what a site would ship.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAjvStandalone } from '../js-rules/build-ajv.mjs';
import { sizes } from './compressed-size.mjs';
import { BENCH, PAGE, ROOT, VENDOR } from './paths.mjs';

const require = createRequire(import.meta.url);

/** The built package, copied beside the page (www/lib/ = js/ + pkg/, written by `npm run build`). */
export function copyLib() {
  const src = path.join(ROOT, 'www', 'lib');
  if (!fs.existsSync(path.join(src, 'pkg', 'hersys_validator_bg.wasm'))) {
    throw new Error('www/lib/pkg/hersys_validator_bg.wasm missing: run `npm run build` first (npm run bench does)');
  }
  const dest = path.join(PAGE, 'lib');
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(src, dest, { recursive: true });
}

/** rolldown, the bundler of the repo's Vite (resolved from vite's own install). */
async function rolldown() {
  const vite = require.resolve('vite/package.json');
  const entry = createRequire(vite).resolve('rolldown');
  return import(pathToFileURL(entry).href);
}

/** bench/js-rules/{valibot,zod,ajv}.js → bench/page/vendor/*-rules.js, one minified ES module each. */
export async function bundleRules() {
  buildAjvStandalone();
  const { build } = await rolldown();
  fs.rmSync(VENDOR, { recursive: true, force: true });
  const out = {};
  for (const name of ['valibot', 'zod', 'ajv']) {
    const file = path.join(VENDOR, `${name}-rules.js`);
    await build({
      input: path.join(BENCH, 'js-rules', `${name}.js`),
      platform: 'browser',
      logLevel: 'warn',
      output: { file, format: 'esm', minify: true },
    });
    out[name] = { file: path.relative(ROOT, file), ...sizes(fs.readFileSync(file), true) };
  }
  // Ours the same way: lib/index.js with the glue and the wrapper modules,
  // minified as a site's bundler would; the .wasm stays a file of its own.
  // The load section measures its size and cold start beside lib/ as
  // published.
  const oursFile = path.join(VENDOR, 'ours-minified.js');
  await build({
    input: path.join(PAGE, 'lib', 'index.js'),
    // loader.js reads the .wasm from disk in Node only: the browser bundle leaves that import out.
    external: [/^node:/],
    platform: 'browser',
    logLevel: 'warn',
    output: { file: oursFile, format: 'esm', minify: true },
  });
  out.oursMinified = { file: path.relative(ROOT, oursFile), ...sizes(fs.readFileSync(oursFile), true) };
  // The bundle asks for new URL('./pkg/hersys_validator_bg.wasm', import.meta.url):
  // the .wasm goes beside it, as a site's bundler emits the asset.
  fs.mkdirSync(path.join(VENDOR, 'pkg'), { recursive: true });
  fs.copyFileSync(path.join(PAGE, 'lib', 'pkg', 'hersys_validator_bg.wasm'), path.join(VENDOR, 'pkg', 'hersys_validator_bg.wasm'));
  return out;
}

/** vendor/pipeline.js: the JS pipeline (papaparse + valibot rules) as one minified ES module. */
export async function bundlePipeline() {
  const { build } = await rolldown();
  const file = path.join(VENDOR, 'pipeline.js');
  await build({
    input: path.join(BENCH, 'js-rules', 'pipeline.js'),
    platform: 'browser',
    logLevel: 'warn',
    output: { file, format: 'esm', minify: true },
  });
  return { file: path.relative(ROOT, file), ...sizes(fs.readFileSync(file), true) };
}

/** The JS files a module imports, transitively (relative static imports only). */
export function importGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?['"](\.{1,2}\/[^'"]+\.js)['"]/g)) {
    importGraph(path.resolve(path.dirname(file), m[1]), seen);
  }
  return seen;
}
