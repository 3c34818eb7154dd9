// scripts/serve.mjs from the command line: --help (it used to be taken for
// the ROOT folder), --port N beside the PORT variable, the positional ROOT,
// and one-line usage errors with exit status 2.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseServeArgs } from '../../scripts/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVE = path.join(ROOT, 'scripts', 'serve.mjs');

const run = (args, env = {}) => spawnSync(process.execPath, [SERVE, ...args], { encoding: 'utf8', env: { ...process.env, PORT: '', ...env }, timeout: 10_000 });

test('--help and -h print the usage and exit 0, without serving', () => {
  for (const flag of ['--help', '-h']) {
    const r = run([flag]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^usage: node scripts\/serve\.mjs \[ROOT\] \[--port N\]/);
    assert.match(r.stdout, /--port N/);
    assert.doesNotMatch(r.stdout + r.stderr, /not a directory|serving/);
  }
});

test('usage errors: one line naming the problem and --help, exit 2', () => {
  for (const [args, env, problem] of [
    [['--port', 'x'], {}, /--port must be a whole number from 0 to 65535, not 'x'/],
    [['--port', '65536'], {}, /--port must be/],
    [['--port', '-1'], {}, /--port/],
    [[], { PORT: '99999' }, /PORT must be a whole number/],
    [['www', 'dist'], {}, /one ROOT folder at most/],
    [['--bogus'], {}, /Unknown option '--bogus'/],
  ]) {
    const r = run(args, env);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, problem);
    assert.match(r.stderr, /^\[serve\] [^\n]+ \(see 'node scripts\/serve\.mjs --help'\)\n$/);
  }
});

test('the port: --port, then PORT, then 8080; ROOT positional or www/', () => {
  const www = path.join(ROOT, 'www');
  assert.deepEqual(parseServeArgs([], {}), { root: www, port: 8080 });
  assert.deepEqual(parseServeArgs([], { PORT: '9000' }), { root: www, port: 9000 });
  assert.deepEqual(parseServeArgs(['--port', '0'], { PORT: '9000' }), { root: www, port: 0 });
  assert.deepEqual(parseServeArgs(['dist', '-p', '8123']), { root: path.resolve('dist'), port: 8123 });
  assert.deepEqual(parseServeArgs(['--port=8124', 'dist']), { root: path.resolve('dist'), port: 8124 });
});

test('a missing ROOT: exit 1 with one line', () => {
  const r = run([path.join(os.tmpdir(), 'no-such-folder-hersys'), '--port', '0']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /is not a directory/);
});

test('serves the positional ROOT on the --port it was given', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-serve-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title><p>served');
  // A free port: ask the system for one, then hand it to --port.
  const { startServer } = await import('../../scripts/serve.mjs');
  const probe = await startServer({ root: dir, port: 0 });
  const port = probe.port;
  await probe.close();
  const child = spawn(process.execPath, [SERVE, dir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
        if (text.includes('\n')) resolve(text);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    assert.match(line, new RegExp(`serving .* at http://127\\.0\\.0\\.1:${port}/`));
    const res = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /served/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
