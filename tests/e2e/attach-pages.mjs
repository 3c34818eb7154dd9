// Pages for the attach() tests that are not part of the site: a temporary root
// holding a copy of the built www/lib/ and the given pages, served by the
// repo's static server. Not a test file itself (no `.test.` in its name).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { WWW, startSuite } from './helpers.mjs';

/**
 * `pages`: `{ 'name.html': html }`. Returns `{ url(name), close() }`.
 * Needs `node scripts/build.mjs` first (www/lib/).
 */
export async function servePages(pages) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hv-attach-'));
  fs.cpSync(path.join(WWW, 'lib'), path.join(root, 'lib'), { recursive: true });
  for (const [name, html] of Object.entries(pages)) fs.writeFileSync(path.join(root, name), html);
  const server = await startServer({ root, port: 0 });
  return {
    url: (name) => new URL(name, server.url).href,
    async close() {
      await server.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file: the browser and the site (startSuite) and `pages` served beside the built
 * package, started before its first test and closed after its last. Returns `{ suite, pages }`,
 * filled in by the time a test runs.
 */
export function useHostPages(pages) {
  const hosts = { suite: null, pages: null };
  before(async () => {
    hosts.suite = await startSuite();
    hosts.pages = await servePages(pages);
  });
  after(async () => {
    await hosts.suite?.close();
    await hosts.pages?.close();
  });
  return hosts;
}

/**
 * A page that embeds attach(): `main` (the host's own markup) in an empty page with the package
 * stylesheet, and a module that runs init() and puts attach on window as `hvAttach`, with the
 * other exports of lib/attach.js named in `globals` (window name → export), before the page says
 * it is ready: the module is loaded by then, so a test's attach() makes no request.
 */
export function attachHost(main, globals = {}) {
  const names = { hvAttach: 'attach', ...globals };
  const assignments = Object.entries(names).map(([name, value]) => `  window.${name} = ${value};`);
  return emptyPage(`${main}
<script type="module">
  import { init } from './lib/index.js';
  import { ${[...new Set(Object.values(names))].join(', ')} } from './lib/attach.js';
  await init();
${assignments.join('\n')}
  document.documentElement.dataset.ready = 'true';
</script>`, { ready: false, css: true });
}

/** An empty page: `body` inside <body>, no favicon request; `css` links the package stylesheet (lib/attach.css). */
export function emptyPage(body, { title = 'attach() test', ready = true, css = false } = {}) {
  return `<!doctype html>
<html lang="ja"${ready ? ' data-ready="true"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">${css ? '\n<link rel="stylesheet" href="lib/attach.css">' : ''}
</head>
<body>
${body}
</body>
</html>
`;
}
