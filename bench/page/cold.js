// One cold load of one implementation, in a fresh browser context (no HTTP
// cache, no compiled-code cache): bench/run.mjs opens cold.html?impl=… 20
// times per implementation and reads window.__cold.
//
// import: fetching and evaluating the module graph (ours: index.js, the
//         wasm-bindgen glue and the wrapper modules as published; ours
//         bundled: the same bundled and minified by rolldown, as the others
//         are; the others: their whole bundle)
// init:   ours: `await init()` (fetch + compile + instantiate the .wasm);
//         others: createValidator(), i.e. building the schema
// first:  the first validate() of the realistic record
// ready:  performance.now() at the end: ms since navigation start
import { REALISTIC, TODAY } from '../records.js';

const MODULES = {
  ours: './lib/index.js',
  oursBundled: './vendor/ours-minified.js',
  valibot: './vendor/valibot-rules.js',
  zod: './vendor/zod-rules.js',
  ajv: './vendor/ajv-rules.js',
};

async function main() {
  const impl = new URLSearchParams(location.search).get('impl');
  if (!MODULES[impl]) throw new Error(`unknown impl ${impl}`);
  const options = { today: TODAY };
  const t0 = performance.now();
  const mod = await import(MODULES[impl]);
  const t1 = performance.now();
  let validate;
  if (impl === 'ours' || impl === 'oursBundled') {
    await mod.init();
    validate = (r) => mod.validate(r, options).issues;
  } else {
    validate = mod.createValidator(options).validate;
  }
  const t2 = performance.now();
  const issues = validate(REALISTIC);
  const t3 = performance.now();
  const bytes = performance
    .getEntriesByType('resource')
    .filter((e) => !/\/(records|cold)\.js$/.test(e.name))
    .reduce((n, e) => n + e.encodedBodySize, 0);
  return { impl, import: t1 - t0, init: t2 - t1, first: t3 - t2, total: t3 - t0, ready: t3, issues: issues.length, bytes };
}

main().then(
  (result) => {
    window.__cold = result;
  },
  (error) => {
    window.__cold = { error: String(error?.stack ?? error) };
  },
);
