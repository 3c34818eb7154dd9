// The load section:
//   load       .wasm and glue sizes (pkg/size.json) beside the minified bundles
//              of the JS versions; cold start: median of 20 fresh page loads
//              per implementation (a new browser context each, round-robin)
// (--cold-runs N; --quick: 5).
import fs from 'node:fs';
import path from 'node:path';
import { sizes } from '../lib/compressed-size.mjs';
import { kb, ms, ratios } from '../lib/format.mjs';
import { importGraph } from '../lib/page-assets.mjs';
import { BENCH, PAGE, ROOT, VENDOR } from '../lib/paths.mjs';
import { IMPLS } from '../lib/implementations.mjs';
import { median, quantile } from '../lib/statistics.mjs';

/**
 * One cold page per implementation, page/cold-<impl>.html (gitignored, made
 * each run): the page's <head> preloads every module of the implementation's
 * import graph (modulepreload: no waterfall of imports), and for ours also
 * the .wasm, first (preload as fetch, which js/loader.js's fetch() then
 * reuses and compiles streaming), as www/*.html do. Every implementation gets the same
 * treatment. Ours twice: as published (lib/, five modules) and bundled and
 * minified by rolldown exactly as the others are (vendor/ours-minified.js,
 * one module), the like-for-like comparison.
 */
function writeColdPages() {
  const graphs = {
    ours: [...importGraph(path.join(PAGE, 'lib', 'index.js'))],
    oursBundled: [path.join(VENDOR, 'ours-minified.js')],
    ...Object.fromEntries(['valibot', 'zod', 'ajv'].map((name) => [name, [...importGraph(path.join(VENDOR, `${name}-rules.js`))]])),
  };
  const pages = {};
  for (const impl of COLD_IMPLS) {
    const modules = [path.join(PAGE, 'cold.js'), path.join(BENCH, 'records.js'), ...graphs[impl]];
    const href = (file) => path.relative(PAGE, file).split(path.sep).join('/');
    const links = modules.map((file) => `<link rel="modulepreload" href="${href(file).startsWith('.') ? href(file) : `./${href(file)}`}">`);
    const wasm = { ours: './lib/pkg/hersys_validator_bg.wasm', oursBundled: './vendor/pkg/hersys_validator_bg.wasm' }[impl];
    if (wasm) links.unshift(`<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin>`);
    const file = path.join(PAGE, `cold-${impl}.html`);
    fs.writeFileSync(
      file,
      `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>hersys-validator cold load: ${impl}</title>\n<link rel="icon" href="data:,">\n${links.join('\n')}\n<script type="module" src="./cold.js"></script>\n</head>\n<body></body>\n</html>\n`,
    );
    pages[impl] = path.basename(file);
  }
  return pages;
}

/** The cold pages: the four implementations, and ours bundled as the others are. */
const COLD_IMPLS = [...IMPLS, 'oursBundled'];

/** Sizes, and cold start in fresh contexts. */
export const load = {
  title: 'Load',
  async run({ browser, url, vendor, options }) {
    const COLD_RUNS = options.coldRuns;
    const pkgSize = JSON.parse(fs.readFileSync(path.join(ROOT, 'pkg', 'size.json'), 'utf8'));
    // The JS of ours: index.js and what it imports (glue included).
    const graph = [...importGraph(path.join(PAGE, 'lib', 'index.js'))];
    const glueFile = path.join(PAGE, 'lib', 'pkg', 'hersys_validator.js');
    const wrapper = sizes(Buffer.concat(graph.filter((f) => f !== glueFile).map((f) => fs.readFileSync(f))), true);
    const shipped = {
      ours: {
        wasm: pkgSize.wasm,
        glue: pkgSize.glue,
        wrapper: { files: graph.filter((f) => f !== glueFile).map((f) => path.relative(PAGE, f)), ...wrapper },
        js: ['raw', 'gzip', 'brotli'].reduce((o, k) => ({ ...o, [k]: pkgSize.glue[k] + wrapper[k] }), {}),
        total: ['raw', 'gzip', 'brotli'].reduce((o, k) => ({ ...o, [k]: pkgSize.total[k] + wrapper[k] }), {}),
      },
      ...Object.fromEntries(Object.entries(vendor).filter(([k]) => IMPLS.includes(k)).map(([k, v]) => [k, { js: v, total: v }])),
    };
    shipped.ours.minified = {
      js: vendor.oursMinified,
      total: ['raw', 'gzip', 'brotli'].reduce((o, k) => ({ ...o, [k]: pkgSize.wasm[k] + vendor.oursMinified[k] }), {}),
    };
    const samples = Object.fromEntries(COLD_IMPLS.map((impl) => [impl, []]));
    const pages = writeColdPages();
    for (let i = 0; i < COLD_RUNS; i++) {
      for (let j = 0; j < COLD_IMPLS.length; j++) {
        const impl = COLD_IMPLS[(i + j) % COLD_IMPLS.length];
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(`${url}page/${pages[impl]}?impl=${impl}`);
          await page.waitForFunction(() => window.__cold, null, { timeout: 30_000 });
          const result = await page.evaluate(() => window.__cold);
          if (result.error) throw new Error(`cold load of ${impl}: ${result.error}`);
          samples[impl].push(result);
        } finally {
          await context.close();
        }
      }
    }
    const cold = Object.fromEntries(
      COLD_IMPLS.map((impl) => {
        const s = samples[impl];
        const med = (k) => median(s.map((x) => x[k]));
        const p99 = (k) => quantile([...s.map((x) => x[k])].sort((a, b) => a - b), 0.99);
        return [impl, { runs: s.length, import: med('import'), init: med('init'), first: med('first'), total: med('total'), ready: med('ready'), bytes: med('bytes'), p99: { init: p99('init'), total: p99('total') } }];
      }),
    );
    // The audit module (its page, workers and the CLI load it, never a form): for issue 13.6.
    const audit = pkgSize.audit && { wasm: pkgSize.audit.wasm, glue: pkgSize.audit.glue, total: pkgSize.audit.total };
    return { shipped, audit, cold, coldRuns: COLD_RUNS };
  },
  rows({ shipped, audit, cold, coldRuns }) {
    const sz = (s) => `${kb(s.raw)} / ${kb(s.gzip)} / ${kb(s.brotli)}`;
    return [
      [`LOAD (KiB raw / gzip / brotli; ms: medians of ${coldRuns} fresh contexts per implementation, round-robin)`],
      ['.wasm', sz(shipped.ours.wasm), '', '', '', '', '', ''],
      ['JS (glue + wrapper | minified bundle)', ...IMPLS.map((i) => sz(shipped[i].js)), '', '', ''],
      ['total shipped, brotli', ...IMPLS.map((i) => kb(shipped[i].total.brotli)), ...ratios((i) => shipped[i].total.brotli)],
      ['JS minified (glue + wrapper bundled by rolldown, as the others)', sz(shipped.ours.minified.js), '', '', '', '', '', ''],
      ['total shipped, brotli, JS minified', ...IMPLS.map((i) => kb((i === 'ours' ? shipped.ours.minified : shipped[i]).total.brotli)), ...ratios((i) => (i === 'ours' ? shipped.ours.minified : shipped[i]).total.brotli)],
      ...(audit ? [['audit module .wasm (the audit page, its workers, the CLI)', sz(audit.wasm), '', '', '', '', '', ''], ['audit module .wasm + glue', sz(audit.total), '', '', '', '', '', '']] : []),
      ['import (ms)', ...IMPLS.map((i) => ms(cold[i].import)), ...ratios((i) => cold[i].import)],
      ['init() | createValidator() (ms)', ...IMPLS.map((i) => ms(cold[i].init)), ...ratios((i) => cold[i].init)],
      ['first validate (ms)', ...IMPLS.map((i) => ms(cold[i].first)), ...ratios((i) => cold[i].first)],
      ['import → first result (ms)', ...IMPLS.map((i) => ms(cold[i].total)), ...ratios((i) => cold[i].total)],
      ['navigation → first result (ms)', ...IMPLS.map((i) => ms(cold[i].ready)), ...ratios((i) => cold[i].ready)],
      // Runs before the bundled build was measured have no oursBundled.
      ...(cold.oursBundled
        ? [
            ['ours bundled + minified by rolldown as the others (one module + .wasm):'],
            ...[['import', 'import'], ['init()', 'init'], ['first validate', 'first'], ['import → first result', 'total']].map(([label, key]) => {
              const cell = (i) => cold[i === 'ours' ? 'oursBundled' : i][key];
              return [`  ${label} (ms)`, ...IMPLS.map((i) => ms(cell(i))), ...ratios(cell)];
            }),
          ]
        : []),
    ];
  },
};
