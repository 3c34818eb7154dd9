// Pages for the attach() tests that are not part of the site: a temporary root
// holding a copy of the built www/lib/ and the given pages, served by the
// repo's static server. Not a test file itself (no `.test.` in its name).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { WWW } from './helpers.mjs';

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
