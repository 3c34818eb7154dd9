// The single file's policies: the outer page differs from its frames by
// `frame-src blob:` only (Firefox and WebKit check a frame's blob: download
// against the outer page's frame-src: without it the audit report saves nothing,
// see the journeys), and every other directive is as strict in both.
// Run: node scripts/build.mjs && node --test tests/cross/dist-policy.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'dist', 'hersys-check.html');

const directives = (policy) => new Map(policy.split(/;\s*/).filter(Boolean).map((d) => [d.split(' ')[0], d]));
const unescape = (text) => text.replace(/&quot;/g, '"').replace(/&amp;/g, '&');

test('outer policy = each frame\'s policy + frame-src blob:, nothing else looser', () => {
  if (!fs.existsSync(DIST)) throw new Error('dist/hersys-check.html is missing: run `npm run build` first');
  const html = fs.readFileSync(DIST, 'utf8');
  const outer = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1];
  const frames = [...html.matchAll(/srcdoc="([^"]*)"/g)].map((m) => unescape(m[1]).match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1]);
  assert.equal(frames.length, 2, 'two frames, each with its policy');

  const o = directives(unescape(outer));
  assert.equal(o.get('frame-src'), 'frame-src blob:');
  assert.equal(o.get('default-src'), "default-src 'none'");
  assert.equal(o.get('connect-src'), "connect-src 'none'");
  for (const frame of frames) {
    const f = directives(frame);
    assert.equal(f.has('frame-src'), false, 'a frame may hold no frame (default-src \'none\')');
    assert.equal(f.has('child-src'), false);
    const withoutFrameSrc = new Map([...o].filter(([name]) => name !== 'frame-src'));
    assert.deepEqual(f, withoutFrameSrc, 'every other directive is the same as the outer page\'s');
  }
  assert.doesNotMatch(outer, /'unsafe-inline'|'unsafe-eval'|'self'|https?:|\*/);
});
