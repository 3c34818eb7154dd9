#!/usr/bin/env node
// Writes dist/hersys-check.html: the validation page (www/index.html) and the
// file audit (www/audit.html) as ONE self-contained file that works opened
// from disk (file://), with no server and no request after it has loaded.
//
// Derived from the pages as they are, so it follows their changes:
//   - each page's module scripts are bundled with rolldown into one inline
//     <script type="module">, its stylesheets become <style> elements;
//   - the .wasm the page's graph needs (js/index.js: the forms module,
//     js/audit/core.js, behind js/audit.js: the audit module) is embedded
//     in base64 and handed to init() / initAudit() before the page's own
//     code runs (both are idempotent, so the page's `await init()` gets the
//     embedded module);
//   - auditFile runs on the page's thread (scripts/dist/audit-main-thread.js):
//     browsers start no Worker from file://;
//   - each page becomes a frame (iframe srcdoc) of one outer page
//     (scripts/dist/shell.js), and the pages' links to each other switch
//     frames (scripts/dist/view-bridge.js); links to pages not in the file
//     are dropped;
//   - one Content-Security-Policy, in a <meta> of the outer page and of each
//     frame: scripts and styles only by their SHA-256 hashes, no eval (only
//     'wasm-unsafe-eval'), connect-src 'none'.
// The build fails when a page refers to anything it could not inline.
//
// Usage: node scripts/dist.mjs (after scripts/build.mjs has filled www/lib/;
// `npm run build` runs both).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { rolldown } from 'rolldown';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const HELPERS = path.join(ROOT, 'scripts', 'dist');
export const OUT = path.join(ROOT, 'dist', 'hersys-check.html');

/** The pages in the file, the first shown first; `view` is also the address's #fragment. */
const PAGES = [
  { file: 'index.html', view: 'form' },
  { file: 'audit.html', view: 'audit' },
];

/** The library modules that load a .wasm: the function that takes the bytes, and the bytes. */
const WASM_LOADERS = [
  { module: 'lib/index.js', init: 'init', wasm: 'lib/pkg/hersys_validator_bg.wasm' },
  { module: 'lib/audit/core.js', init: 'initAudit', wasm: 'lib/pkg/hersys_validator_audit_bg.wasm' },
];
const MAIN_THREAD_AUDIT = path.join(HELPERS, 'audit-main-thread.js');

const ENTRY = '\0hv:entry';
const PRELOAD = '\0hv:preload';
const AUDIT_SHIM = '\0hv:audit-shim';

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
/** Text that is safe between <script> and </script> (or <style> tags): same meaning in JS strings, regexes and CSS. */
const inlineSafe = (code, tag) => code.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1').replace(/<!--/g, '<\\!--');

function fail(message) {
  throw new Error(`dist: ${message}`);
}

/**
 * Bundles the page's module scripts (absolute paths, in document order) into
 * one ES module. `preload` lists the WASM_LOADERS to feed before the page runs.
 */
async function bundle(scripts, preload, www) {
  const libAudit = path.join(www, 'lib', 'audit.js');
  const js = (code) => ({ code, moduleType: 'js' });
  const plugin = {
    name: 'hersys-dist',
    resolveId(source, importer) {
      if (source.startsWith('\0hv:')) return source;
      if (source === 'hersys-validator/audit') return libAudit; // from audit-main-thread.js
      if (!importer || !(source.startsWith('.') || path.isAbsolute(source))) return null;
      const resolved = path.isAbsolute(source) ? source : path.resolve(path.dirname(importer), source);
      // Everything but the replacement itself sees lib/audit.js with the main-thread auditFile.
      if (resolved === libAudit && importer !== AUDIT_SHIM && importer !== MAIN_THREAD_AUDIT) return AUDIT_SHIM;
      return resolved;
    },
    load(id) {
      if (id === ENTRY) {
        return js([PRELOAD, ...scripts].map((file) => `import ${JSON.stringify(file)};`).join('\n'));
      }
      if (id === PRELOAD) {
        // Evaluated before the page's scripts: their init() calls then return this loading.
        const lines = [
          'const bytes = (base64) => {',
          "  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);",
          '  const text = atob(base64);',
          '  const out = new Uint8Array(text.length);',
          '  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);',
          '  return out;',
          '};',
        ];
        for (const [i, loader] of preload.entries()) {
          const base64 = fs.readFileSync(path.join(www, loader.wasm)).toString('base64');
          lines.push(`import { ${loader.init} as init${i} } from ${JSON.stringify(path.join(www, loader.module))};`);
          // A failure is the page's to report: its own init() call tries again and shows its message.
          lines.push(`init${i}(bytes(${JSON.stringify(base64)})).catch(() => {});`);
        }
        return js(lines.join('\n'));
      }
      if (id === AUDIT_SHIM) {
        return js(`export * from ${JSON.stringify(libAudit)};\nexport { auditFile } from ${JSON.stringify(MAIN_THREAD_AUDIT)};\n`);
      }
      return null;
    },
  };
  const build = await rolldown({
    input: ENTRY,
    platform: 'browser',
    plugins: [plugin],
    external: [/^node:/], // the loader's Node branch, never taken in a browser
    // package.json says "sideEffects": false for the library's consumers; the pages' scripts are all side effects.
    treeshake: { moduleSideEffects: true },
    logLevel: 'warn',
  });
  try {
    const { output } = await build.generate({ format: 'esm', codeSplitting: false });
    const chunks = output.filter((o) => o.type === 'chunk');
    if (chunks.length !== 1 || output.length !== 1) fail(`expected one script, got ${output.map((o) => o.fileName).join(', ')}`);
    return chunks[0];
  } finally {
    await build.close();
  }
}

/** The page's module graph decides which .wasm it needs. */
async function bundlePage(scripts, www) {
  const probe = await bundle(scripts, [], www);
  const inGraph = new Set(probe.moduleIds);
  const preload = WASM_LOADERS.filter((loader) => inGraph.has(path.join(www, loader.module)));
  return (await bundle(scripts, preload, www)).code;
}

const attribute = (tag, name) => tag.match(new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i'))?.[1];

/** One page as a self-contained document; returns its HTML and the hashes its policy needs. */
async function inlinePage(page, pageFiles, www) {
  let html = fs.readFileSync(path.join(www, page.file), 'utf8');
  const scripts = [];
  const styles = [];

  if (!/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i.test(html)) fail(`${page.file} has no CSP <meta>`);
  html = html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, '<!--hv:csp-->');

  // Preloads fetch what this file already holds inline: they go.
  html = html.replace(/[ \t]*<!--[^>]*preload[\s\S]*?-->\n?/gi, '');
  html = html.replace(/[ \t]*<link\b[^>]*\srel\s*=\s*"(?:modulepreload|preload)"[^>]*>\n?/gi, '');
  html = html.replace(/<link\b[^>]*>/gi, (tag) => {
    if (!/\srel\s*=\s*"stylesheet"/i.test(tag)) return tag;
    const css = fs.readFileSync(path.join(www, attribute(tag, 'href')), 'utf8');
    if (/@import|url\(\s*(?!["']?data:)/i.test(css)) fail(`${attribute(tag, 'href')} refers to another file`);
    const text = inlineSafe(css, 'style');
    styles.push(text);
    return `<style>${text}</style>`;
  });

  const modules = [];
  html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (tag, attrs, body) => {
    const src = attribute(tag, 'src');
    if (!src) {
      scripts.push(body); // an inline script stays, allowed by its hash
      return tag;
    }
    if (attribute(tag, 'type') !== 'module') fail(`${page.file}: only module scripts can be bundled (${src})`);
    modules.push(path.join(www, src));
    return modules.length === 1 ? '<!--hv:module-->' : '';
  });
  if (modules.length > 0) {
    const code = inlineSafe(await bundlePage(modules, www), 'script');
    scripts.push(code);
    html = html.replace('<!--hv:module-->', () => `<script type="module">${code}</script>`);
  }
  const bridge = fs.readFileSync(path.join(HELPERS, 'view-bridge.js'), 'utf8');
  scripts.push(bridge);
  html = html.replace('<!--hv:csp-->', () => `<!--hv:csp-->\n  <script>${bridge}</script>`);

  // Links to the other pages of the file switch frames; links to pages left out go.
  html = html.replace(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi, (tag, attrs, body) => {
    const href = attribute(tag, 'href');
    if (!href || /^(#|[a-z][a-z0-9+.-]*:)/i.test(href)) return tag;
    const target = pageFiles.get(href.replace(/[?#].*$/, ''));
    if (!target) return '<!--hv:dropped-->';
    // The frames' bridge carries the language between the views, not the link.
    const linkAttrs = attrs.replace(/\sdata-carry-lang(?=[\s>]|$)/i, '');
    return `<a${linkAttrs.replace(/\shref\s*=\s*"[^"]*"/i, ` href="#${target}" data-hv-view="${target}"`)}>${body}</a>`;
  });
  // A paragraph that held only such a link goes with it.
  html = html.replace(/<(p|li)\b[^>]*>\s*<!--hv:dropped-->\s*<\/\1>/gi, '').replace(/<!--hv:dropped-->/g, '');

  // Nothing may be left that the browser would fetch.
  const outside = [];
  const reference = /\s(src|srcset|href|action|formaction|poster|data|manifest)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
  const markup = html.replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1>/gi, '<$1$2></$1>');
  for (const [, name, double, single, bare] of markup.matchAll(reference)) {
    const value = double ?? single ?? bare;
    if (!/^(#|data:)/i.test(value)) outside.push(`${name}=${value}`);
  }
  if (outside.length > 0) fail(`${page.file} still refers to ${outside.join(', ')}`);

  const title = html.match(/<title>([\s\S]*?)<\/title>/i)?.[1].trim() ?? page.file;
  const icon = html.match(/<link\b[^>]*\srel\s*=\s*"icon"[^>]*>/i)?.[0] ?? '';
  const lang = html.match(/<html\b[^>]*\slang\s*=\s*"([^"]*)"/i)?.[1] ?? 'ja';
  return { ...page, html, title, icon, lang, scripts, styles };
}

/**
 * The policy of the outer page (`outer`) and of each frame. Only the outer page
 * allows `frame-src blob:`: Firefox and WebKit check a download that a frame
 * starts (the audit's report, an <a download> to a blob: URL) against the
 * frame-src of the page that holds the frame, and block it under default-src
 * 'none'. A blob: URL is made only by the file's own (hashed) scripts; the
 * frames themselves still may hold no frame at all.
 */
function policy(scripts, styles, { outer = false } = {}) {
  return [
    "default-src 'none'",
    `script-src ${[...new Set(scripts.map(sha256))].join(' ')} 'wasm-unsafe-eval'`,
    `style-src ${[...new Set(styles.map(sha256))].join(' ')}`,
    'img-src data:',
    "connect-src 'none'",
    ...(outer ? ['frame-src blob:'] : []),
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

const SHELL_CSS = `html, body { margin: 0; height: 100%; }
.view { display: block; width: 100%; height: 100%; border: 0; }
.view[hidden] { display: none; }`;

/** `www`: the built site (www/ after scripts/build.mjs); `out`: the file to write. */
export async function buildDist({ out = OUT, www = WWW } = {}) {
  const t0 = performance.now();
  for (const loader of WASM_LOADERS) {
    if (!fs.existsSync(path.join(www, loader.wasm))) fail(`${path.join(www, loader.wasm)} is missing: run \`node scripts/build.mjs\` first`);
  }
  const pageFiles = new Map(PAGES.map((p) => [p.file, p.view]));
  const pages = [];
  for (const page of PAGES) pages.push(await inlinePage(page, pageFiles, www));

  const shellScript = fs.readFileSync(path.join(HELPERS, 'shell.js'), 'utf8');
  const sources = [[shellScript, ...pages.flatMap((p) => p.scripts)], [SHELL_CSS, ...pages.flatMap((p) => p.styles)]];
  const cspMeta = (csp) => `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">`;
  const meta = cspMeta(policy(...sources));
  const outerMeta = cspMeta(policy(...sources, { outer: true }));
  const first = pages[0];
  const frames = pages.map((page, i) => {
    const doc = page.html.replace('<!--hv:csp-->', meta);
    return `<iframe class="view" data-view="${page.view}" title="${escapeAttribute(page.title)}"${i === 0 ? '' : ' hidden'} srcdoc="${escapeAttribute(doc)}"></iframe>`;
  });
  const html = `<!doctype html>
<html lang="${first.lang}">
<head>
  <meta charset="utf-8">
  ${outerMeta}
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${first.title}</title>
  ${first.icon}
  <style>${SHELL_CSS}</style>
</head>
<body>
  ${frames.join('\n  ')}
  <script>${shellScript}</script>
</body>
</html>
`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, html);
  const bytes = Buffer.byteLength(html);
  const gzip = zlib.gzipSync(html, { level: 9 }).length;
  console.log(`[dist] ${path.relative(ROOT, out)}: ${(bytes / 1024).toFixed(1)} KiB (${(gzip / 1024).toFixed(1)} KiB gzip), pages ${pages.map((p) => p.file).join(' + ')}, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildDist().catch((error) => {
    console.error(`[dist] ERROR: ${error.message}`);
    process.exit(1);
  });
}
