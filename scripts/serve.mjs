#!/usr/bin/env node
// A tiny static file server for www/ (no dependencies).
//
// CLI:     node scripts/serve.mjs [root] [--port N]   (--help; PORT=8080 by default; a free port if that one is busy)
// Module:  import { startServer } from './scripts/serve.mjs';
//          const { url, close } = await startServer({ root: 'www', port: 0 });
//
// Listens on 127.0.0.1 only. GET and HEAD. `Cache-Control: no-store` on every answer.
// `/` and `/dir/` serve index.html; `/dir` redirects to `/dir/`; no directory listings.
// Paths are confined to the root (also through symlinks).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const HOST = '127.0.0.1';
const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8', // .d.ts shown as text, never executed
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.br': 'application/octet-stream',
};

export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function send(res, status, body, headers = {}) {
  const buf = Buffer.from(body);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': buf.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

function makeHandler(root, realRoot, csp) {
  const inside = (p, base) => p === base || p.startsWith(base + path.sep);

  return async function handle(req, res) {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      } catch {
        return send(res, 400, 'Bad Request\n');
      }
      if (pathname.includes('\0') || pathname.includes('\\')) return send(res, 400, 'Bad Request\n');

      // URL parsing already removed `..` segments; resolving and checking again covers
      // encoded forms (%2e%2e%2f) that only appear after decoding.
      let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
      if (!inside(file, root)) return send(res, 403, 'Forbidden\n');

      let st;
      try {
        st = await fsp.stat(file);
      } catch {
        return send(res, 404, 'Not Found\n');
      }
      if (st.isDirectory()) {
        if (!pathname.endsWith('/')) {
          const u = new URL(req.url, 'http://localhost');
          return send(res, 301, 'Moved Permanently\n', { Location: `${u.pathname}/${u.search}` });
        }
        file = path.join(file, 'index.html');
        try {
          st = await fsp.stat(file);
        } catch {
          return send(res, 404, 'Not Found\n'); // no directory listings
        }
      }
      if (!st.isFile()) return send(res, 404, 'Not Found\n');
      const real = await fsp.realpath(file);
      if (!inside(real, realRoot)) return send(res, 403, 'Forbidden\n');

      res.writeHead(200, {
        'Content-Type': mimeType(file),
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...(csp ? { 'Content-Security-Policy': csp } : {}),
      });
      if (req.method === 'HEAD') return res.end();
      const stream = fs.createReadStream(real);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
      console.error(`[serve] ${req.method} ${req.url}: ${err.message}`);
    }
  };
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

/**
 * Serve `root` on 127.0.0.1.
 * @param {{ root?: string, port?: number, fallback?: boolean, log?: boolean }} [options]
 *   root: folder to serve (default: the repo's www/); port: 0 for any free port (default 0);
 *   fallback: when `port` is busy, use a free one instead of failing (default true);
 *   log: print one line per request (default false);
 *   csp: a Content-Security-Policy sent with every file, which also binds Web Workers
 *   (a page's <meta> policy does not reach them).
 * @returns {Promise<{ url: string, port: number, server: http.Server, close: () => Promise<void> }>}
 *   url ends with `/`.
 */
export async function startServer({ root = DEFAULT_ROOT, port = 0, fallback = true, log = false, csp = null } = {}) {
  const absRoot = path.resolve(root);
  const st = await fsp.stat(absRoot).catch(() => null);
  if (!st?.isDirectory()) throw new Error(`serve: ${absRoot} is not a directory`);
  const realRoot = await fsp.realpath(absRoot);

  const handler = makeHandler(absRoot, realRoot, csp);
  const server = http.createServer((req, res) => {
    if (log) res.on('finish', () => console.log(`[serve] ${res.statusCode} ${req.method} ${req.url}`));
    handler(req, res);
  });
  // Keep-alive sockets would hold close() open.
  server.keepAliveTimeout = 1000;

  try {
    await listen(server, Number(port) || 0);
  } catch (err) {
    if (err.code !== 'EADDRINUSE' || !fallback || !Number(port)) throw err;
    console.warn(`[serve] port ${port} is busy; using a free port instead`);
    await listen(server, 0);
  }
  const actual = server.address().port;
  return {
    url: `http://${HOST}:${actual}/`,
    port: actual,
    server,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections?.();
      }),
  };
}

/** The policy of the site's index.html <meta>, so the header and the page say the same. */
export function pagePolicy(root = DEFAULT_ROOT) {
  try {
    const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
    const policy = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
    // A header can say what a <meta> cannot: no framing by other sites.
    return policy ? `${policy}; frame-ancestors 'none'` : null;
  } catch {
    return null;
  }
}

const USAGE = `usage: node scripts/serve.mjs [ROOT] [--port N]
       node scripts/serve.mjs --help

Serves ROOT (default: the repository's www/) on http://127.0.0.1:PORT/ with the
page's Content-Security-Policy as a header, one log line per request, until
Ctrl-C. Listens on 127.0.0.1 only; GET and HEAD; no directory listings.

options:
  -p, --port N   the port, 0 to 65535 (0: any free port). Default: the PORT
                 environment variable, else 8080. When that port is busy, a
                 free one is used and the line printed at start names it.
  -h, --help     print this help, and exit

exit status: 0 after Ctrl-C, 1 when ROOT cannot be served, 2 for a usage error.`;

/** The command line: `{ root, port }`, `{ help: true }`, or `{ error }` naming the problem. */
export function parseServeArgs(argv, env = process.env) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { port: { type: 'string', short: 'p' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return { error: error.message.split(/\.(?:\s|$)/)[0] };
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length > 1) return { error: 'one ROOT folder at most' };
  const [text, from] = values.port !== undefined ? [values.port, '--port'] : env.PORT ? [env.PORT, 'PORT'] : ['8080', 'the default'];
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port <= 65535)) return { error: `${from === 'PORT' ? 'PORT' : '--port'} must be a whole number from 0 to 65535, not '${text}'` };
  return { root: positionals[0] ? path.resolve(positionals[0]) : DEFAULT_ROOT, port };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
if (isMain) {
  const args = parseServeArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (args.error) {
    console.error(`[serve] ${args.error} (see 'node scripts/serve.mjs --help')`);
    process.exit(2);
  }
  const { root, port } = args;
  startServer({ root, port, log: true, csp: pagePolicy(root) }).then(
    ({ url, close }) => {
      console.log(`[serve] serving ${path.relative(process.cwd(), root) || '.'} at ${url}  (Ctrl-C to stop)`);
      const stop = () => close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err) => {
      console.error(`[serve] ERROR: ${err.message}`);
      process.exit(1);
    },
  );
}
