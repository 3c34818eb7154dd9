// The docs hold together and agree with the build.
//
// - Every link of README.md, docs/*.md, bench/README.md and CHANGELOG.md that
//   points into this repository (relative, or absolute into its main branch as
//   the README's must be for the registry's page) names a file that exists,
//   and its #fragment names a heading of that file, slugged as GitHub does.
// - Every size of the build the docs state is read from the build: it is
//   written as `178.8 KiB<!-- size:audit.wasm.brotli -->`, the comment naming
//   an entry of pkg/size.json (or `dist.raw`, the single file), and must be (within 1 %) that
//   entry in the number's unit, to one decimal. A KiB size with a decimal and
//   no such comment was typed by hand, and fails (MiB without the comment are
//   measurements of memory, and whole KiB are limits such as 64 KiB); the user
//   docs give sizes in KiB or MiB, never KB. After a build,
//   `UPDATE_DOCS=1 node --test tests/js/docs-links.test.mjs` rewrites them.
// - The user docs speak to users: no team vocabulary (issue numbers, targets).
// Run: node scripts/build.mjs && node --test tests/js/docs-links.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO = 'https://github.com/hersys-validator/hersys-validator';
const PREFIXES = [`${REPO}/blob/main/`, `${REPO}/tree/main/`, 'https://raw.githubusercontent.com/hersys-validator/hersys-validator/main/'];

const DOCS = [
  'README.md',
  'CHANGELOG.md',
  'bench/README.md',
  ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
];
/** The docs written for users (not the contributors' architecture, rules sources or benchmark). */
const USER_DOCS = ['README.md', 'docs/page.md', 'docs/embedding.md', 'docs/api.md', 'docs/audit.md', 'docs/deploying.md', 'docs/security.md'];

const read = (file) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The text with fenced code blocks blanked (line count kept), so code is never read as prose. */
const withoutFences = (text) => text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, (block) => block.replace(/[^\n]/g, ''));
/** The text without the benchmark's generated run (a dated record of one run, not a statement about the build). */
const withoutBenchRun = (text) => text.replace(/<!-- bench:start -->[\s\S]*?<!-- bench:end -->/, '');

/**
 * GitHub's heading anchor: the heading's text as rendered (code spans, emphasis
 * and links reduced to their text), lower-cased, every character that is not
 * a letter, mark, number, connector, hyphen or space dropped (kanji and kana
 * are letters; （）「」・、 are not), each space a hyphen; a repeated slug
 * gets -1, -2, ….
 */
export function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** The anchors of a markdown file's headings (ATX headings outside code). */
export function anchors(text) {
  const seen = new Map();
  const out = new Set();
  for (const [, heading] of withoutFences(text).matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/gm)) {
    const base = slug(heading);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every link and image target of a markdown text, with its line. */
export function links(text) {
  const prose = withoutFences(text).replace(/(`+)[^`\n][\s\S]*?\1/g, (span) => span.replace(/[^\n]/g, ' '));
  const found = [];
  const at = (index) => prose.slice(0, index).split('\n').length;
  for (const m of prose.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ url: m[1], line: at(m.index) });
  for (const m of prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) found.push({ url: m[1], line: at(m.index) });
  for (const m of prose.matchAll(/<(?:img|a)\b[^>]*\s(?:src|href)\s*=\s*["']([^"']+)["']/gi)) found.push({ url: m[1], line: at(m.index) });
  return found;
}

/** The repository file (and fragment) a link names, or null for a link outside the repository. */
function target(from, url) {
  if (/^(mailto|data):/i.test(url)) return null;
  let rest;
  if (/^https?:\/\//i.test(url)) {
    const prefix = PREFIXES.find((p) => url.startsWith(p));
    if (!prefix) return null;
    rest = url.slice(prefix.length);
  } else if (url.startsWith('#')) {
    return { file: from, fragment: decodeURIComponent(url.slice(1)) };
  } else {
    rest = path.posix.join(path.posix.dirname(from), url);
  }
  const [file, fragment] = rest.split('#');
  return { file: path.posix.normalize(decodeURIComponent(file.replace(/\?.*$/, ''))).replace(/\/$/, ''), fragment: fragment === undefined ? undefined : decodeURIComponent(fragment) };
}

test('the slugs follow GitHub: punctuation dropped, Japanese kept, repeats numbered', () => {
  assert.equal(slug('3. Option lists (選択肢)'), '3-option-lists-選択肢');
  assert.equal(slug('記2①: the current status (現在のステータス)'), '記2①-the-current-status-現在のステータス');
  assert.equal(slug("Where the page's facts come from"), 'where-the-pages-facts-come-from');
  assert.equal(slug('What `npm test` runs'), 'what-npm-test-runs');
  assert.equal(slug('Form libraries (Standard Schema)'), 'form-libraries-standard-schema');
  assert.equal(slug('年を省いた日付（6.12 など）に年を補う'), '年を省いた日付612-などに年を補う');
  assert.deepEqual([...anchors('# A\n## A\n```\n# not a heading\n```\n## A\n')], ['a', 'a-1', 'a-2']);
});

test('every link into the repository names a file that exists, and a heading of it', () => {
  const broken = [];
  let checked = 0;
  for (const doc of DOCS) {
    for (const { url, line } of links(read(doc))) {
      const to = target(doc, url);
      if (!to) continue;
      checked++;
      const stat = fs.statSync(path.join(ROOT, to.file), { throwIfNoEntry: false });
      if (!stat) {
        broken.push(`${doc}:${line}: ${url}: ${to.file} does not exist`);
        continue;
      }
      if (to.fragment === undefined || to.fragment === '') continue;
      if (!stat.isFile() || !to.file.endsWith('.md')) {
        broken.push(`${doc}:${line}: ${url}: a #fragment into ${to.file}, which is not a markdown file`);
        continue;
      }
      if (!anchors(read(to.file)).has(to.fragment)) broken.push(`${doc}:${line}: ${url}: ${to.file} has no heading #${to.fragment}`);
    }
  }
  assert.ok(checked > 50, `the links are found (${checked})`);
  assert.deepEqual(broken, []);
});

/** The build's sizes: pkg/size.json's entries (bytes), and the single file's. */
function buildSizes() {
  const file = path.join(ROOT, 'pkg', 'size.json');
  assert.ok(fs.existsSync(file), 'pkg/size.json is missing: run node scripts/build.mjs');
  const sizes = {};
  const walk = (node, prefix) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'number') sizes[`${prefix}${key}`] = value;
      else if (value && typeof value === 'object') walk(value, `${prefix}${key}.`);
    }
  };
  walk(JSON.parse(fs.readFileSync(file, 'utf8')), '');
  const dist = path.join(ROOT, 'dist', 'hersys-check.html');
  if (fs.existsSync(dist)) sizes['dist.raw'] = fs.statSync(dist).size;
  return sizes;
}

const SIZE = /(\d[\d,]*(?:\.\d+)?) (KiB|MiB)(<!-- size:([\w.]+) -->)?/g;
const inUnit = (bytes, unit) => (bytes / (unit === 'MiB' ? 1024 * 1024 : 1024)).toFixed(1);

test('every size of the build in the docs is the build\'s (UPDATE_DOCS=1 rewrites them)', () => {
  const sizes = buildSizes();
  const wrong = [];
  let marked = 0;
  for (const doc of DOCS) {
    const text = read(doc);
    const checked = withoutBenchRun(withoutFences(text));
    for (const m of checked.matchAll(SIZE)) {
      const [whole, number, unit, marker, key] = m;
      const line = checked.slice(0, m.index).split('\n').length;
      if (!marker) {
        if (unit === 'KiB' && number.includes('.')) wrong.push(`${doc}:${line}: "${whole}" is typed by hand: follow it with <!-- size:KEY --> (a key of pkg/size.json, or dist.raw)`);
        continue;
      }
      marked++;
      if (!(key in sizes)) wrong.push(`${doc}:${line}: size:${key} is not an entry of the build (${Object.keys(sizes).join(', ')})`);
      // Within 1 %: another rustc or binaryen shifts a few bytes; a stale number is off by more.
      else if (Math.abs(Number(number.replace(/,/g, '')) - Number(inUnit(sizes[key], unit))) > Math.max(0.1, Number(inUnit(sizes[key], unit)) * 0.01)) {
        wrong.push(`${doc}:${line}: ${whole}: the build's ${key} is ${inUnit(sizes[key], unit)} ${unit}`);
      }
    }
    if (USER_DOCS.includes(doc)) for (const m of checked.matchAll(/\d\s?KB\b/g)) wrong.push(`${doc}:${checked.slice(0, m.index).split('\n').length}: "${m[0]}": sizes are in KiB or MiB`);
    if (process.env.UPDATE_DOCS && wrong.length) {
      const updated = text.replace(/(\d[\d,]*(?:\.\d+)?) (KiB|MiB)<!-- size:([\w.]+) -->/g, (all, _n, unit, key) => (key in sizes ? `${inUnit(sizes[key], unit)} ${unit}<!-- size:${key} -->` : all));
      if (updated !== text) fs.writeFileSync(path.join(ROOT, doc), updated);
    }
  }
  assert.ok(marked >= 3, `the docs state the build's sizes (${marked})`);
  if (process.env.UPDATE_DOCS) return;
  assert.deepEqual(wrong, [], 'rewrite with UPDATE_DOCS=1 node --test tests/js/docs-links.test.mjs after node scripts/build.mjs');
});

test('the user docs speak to users: no issue numbers, no team targets', () => {
  const found = [];
  for (const doc of USER_DOCS) {
    const lines = read(doc).split('\n');
    lines.forEach((text, i) => {
      for (const m of text.matchAll(/\bissue \d+|\bteam targets?\b|\b1[0-9]\.\d (?:PASS|MISS)\b/gi)) found.push(`${doc}:${i + 1}: ${m[0]}`);
    });
  }
  assert.deepEqual(found, []);
});

/** Whether the npm package ships `file`, by package.json "files" (a file, a folder/, or folder/*.ext). */
function ships(file) {
  const { files } = JSON.parse(read('package.json'));
  return file === 'package.json' || files.some((entry) => {
    const glob = /^(.*)\/\*(\.[\w.]+)$/.exec(entry);
    if (glob) return path.posix.dirname(file) === glob[1] && file.endsWith(glob[2]);
    return file === entry || (entry.endsWith('/') && file.startsWith(entry));
  });
}

test('the package ships the docs, and a shipped doc links relatively only to what ships (absolute otherwise)', () => {
  for (const doc of DOCS.filter((d) => d.startsWith('docs/') || d === 'README.md')) assert.ok(ships(doc), `package.json "files" ships ${doc}`);
  assert.ok(!ships('docs/screenshot-page.png') && !ships('bench/README.md') && ships('js/index.js'));
  const unshipped = [];
  for (const doc of DOCS.filter(ships)) {
    for (const { url, line } of links(read(doc))) {
      if (/^[a-z]+:/i.test(url) || url.startsWith('#')) continue;
      const to = target(doc, url);
      if (!ships(to.file)) unshipped.push(`${doc}:${line}: ${url}: ${to.file} is not in the npm package; link ${PREFIXES[url.match(/\.(png|jpe?g|svg)$/i) ? 2 : 0]}${to.file}`);
    }
  }
  assert.deepEqual(unshipped, []);
});

test('the README fits on a screen or two and links to every doc of docs/', () => {
  const readme = read('README.md');
  assert.ok(readme.split('\n').length <= 250, `README.md has ${readme.split('\n').length} lines`);
  for (const doc of DOCS.filter((d) => d.startsWith('docs/'))) {
    assert.ok(readme.includes(`${REPO}/blob/main/${doc}`), `the README links to ${doc}`);
  }
});
