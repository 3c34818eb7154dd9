// The packed npm package, installed into a scratch folder, works in the
// places it must: Node (import, and require() where `engines` says it works),
// a production Vite build run in Chromium, and tsc; the tarball passes
// `publint --strict` and `attw` on every JS entry point, and the README it
// carries has only links and images that work on the registry's page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hersys-consumer-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

function write(file, text) {
  fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
  fs.writeFileSync(path.join(scratch, file), text);
}

/** The tarball `npm pack` wrote (set by the first hook). */
let tarball;

const RECORD = `{ entryDate: '2021-06-03', diagnosisDate: '令和3年6月10日', status: '入院中', placeCategory: '' }`;

test.before(() => {
  assert.ok(fs.existsSync(path.join(ROOT, 'js/pkg/hersys_validator_bg.wasm')), 'run `npm run build` first');
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8' }),
  );
  tarball = path.join(scratch, packed.filename);
  const files = packed.files.map((f) => f.path);
  for (const file of ['js/index.js', 'js/index.d.ts', 'js/attach.js', 'js/attach.d.ts', 'js/audit.js', 'js/audit.d.ts',
    'js/audit/core.js', 'js/audit/batch.js', 'js/audit/web/worker.js', 'js/audit/web/blob.js', 'js/audit/pool.js',
    'js/pkg/hersys_validator.js', 'js/pkg/hersys_validator_bg.wasm', 'js/pkg/hersys_validator_audit_bg.wasm',
    'bin/hersys-validator.mjs', 'js/schema.js', 'js/schema.d.ts', 'LICENSE', 'docs/rules.md']) {
    assert.ok(files.includes(file), `the package lacks ${file}`);
  }
  assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('target/') || f.startsWith('dist/')), 'the package ships build inputs or the single-file page');
  // Consumers need no Rust and no build: the package runs nothing when installed.
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const hook of ['preinstall', 'install', 'postinstall']) assert.equal(manifest.scripts?.[hook], undefined, `an ${hook} script`);
  assert.equal(manifest.license, 'MIT');
  assert.match(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'), /^MIT License\n/);
  write('package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(scratch, packed.filename)], {
    cwd: scratch,
    stdio: 'pipe',
  });
});

test('npx hersys-validator audit works from the installed package', () => {
  fs.writeFileSync(path.join(scratch, 'cases.csv'), '受付番号,現在のステータス,場所区分\nA-1,,場所種別不明\n');
  const run = spawnSync('npx', ['--no-install', 'hersys-validator', 'audit', 'cases.csv', '--format', 'json'], { cwd: scratch, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  assert.equal(JSON.parse(run.stdout).summary.counts['status.required'], 1);
});

test('Node 20: import { init, validate } from the installed package', () => {
  write(
    'node-consumer.mjs',
    `import { init, validate } from 'hersys-validator';
await init();
const report = validate(${RECORD}, { today: '2021-07-31', lang: 'en' });
console.log(JSON.stringify(report.issues.map((i) => i.code)));`,
  );
  const out = execFileSync(process.execPath, ['node-consumer.mjs'], { cwd: scratch, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), ['date.canonical', 'passport.required', 'place.category_required']);
});

/** The environment of a machine with Node and nothing else: no cargo, rustc or wasm-bindgen on PATH. */
function withoutRust() {
  const PATH = (process.env.PATH ?? '').split(path.delimiter)
    .filter((dir) => !['cargo', 'rustc', 'wasm-bindgen'].some((tool) => fs.existsSync(path.join(dir, tool))))
    .join(path.delimiter);
  return { ...process.env, PATH: [path.dirname(process.execPath), PATH].join(path.delimiter) };
}

test('Node, without Rust on the machine: createSchema from the installed package, the Promise before init and sync after', () => {
  write(
    'schema-consumer.mjs',
    `import { createSchema } from 'hersys-validator';
const schema = createSchema({ lang: 'en', today: '2021-07-31' });
const first = schema['~standard'].validate({ ...${RECORD}, placeCategory: '職場', patientName: 'A' });
const isPromise = first instanceof Promise;
const failed = await first;
const passed = schema['~standard'].validate({ ...${RECORD}, placeCategory: '職場', passportNumber: 'tk1234567', patientName: 'A' });
console.log(JSON.stringify({ isPromise, vendor: schema['~standard'].vendor, failed, passed }));`,
  );
  const env = withoutRust();
  assert.equal(spawnSync('cargo', ['--version'], { env }).error?.code, 'ENOENT', 'cargo is out of reach');
  const out = JSON.parse(execFileSync(process.execPath, ['schema-consumer.mjs'], { cwd: scratch, encoding: 'utf8', env }));
  assert.equal(out.isPromise, true);
  assert.equal(out.vendor, 'hersys-validator');
  assert.deepEqual(out.failed.issues.map((i) => i.path), [['passportNumber']]);
  assert.deepEqual(out.passed.value, {
    entryDate: '2021-06-03', diagnosisDate: '2021-06-10', status: '入院中', placeCategory: '職場', passportNumber: 'TK1234567', patientName: 'A',
  });
});

test('Vite: a production build of a consumer page validates in Chromium', async () => {
  write(
    'index.html',
    `<!doctype html><html><head><meta charset="utf-8"><title>consumer</title></head>
<body><output id="result">loading</output><script type="module" src="./main.js"></script></body></html>`,
  );
  write(
    'main.js',
    `import { init, validate } from 'hersys-validator';
await init();
const report = validate(${RECORD}, { today: '2021-07-31' });
document.getElementById('result').textContent = report.issues.map((i) => i.code).join(' ');`,
  );
  const build = spawnSync(path.join(BIN, 'vite'), ['build', '--logLevel', 'warn'], { cwd: scratch, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr + build.stdout);
  const assets = fs.readdirSync(path.join(scratch, 'dist', 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `no .wasm emitted: ${assets}`);

  const { chromium } = await import('playwright-core');
  const server = await startServer({ root: path.join(scratch, 'dist'), port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROME,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('result').textContent !== 'loading');
    assert.deepEqual(errors, []);
    assert.equal(await page.textContent('#result'), 'date.canonical passport.required place.category_required');
  } finally {
    await browser.close();
    await server.close();
  }
});

test('TypeScript: the declarations accept a typed consumer and reject a wrong one', () => {
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], skipLibCheck: false },
      files: ['consumer.ts'],
    }),
  );
  write(
    'consumer.ts',
    `import { init, validate, validateField, fields, rules, parseDate, type Issue, type Options, type Report, type FieldKey } from 'hersys-validator';
import { attach, type AttachHandle } from 'hersys-validator/attach';
import { auditStream, type AuditSummary } from 'hersys-validator/audit';
import { createReport } from 'hersys-validator/report';
await init();
const options: Options = { lang: 'en', today: '2021-07-31', vocabulary: { status: ['入院中', '死亡'] }, passportWindowDays: 28, counting: 'entryDayIsDayOne' };
const report: Report = validate({ status: '死亡', passportNumber: null }, options);
const first: Issue | undefined = report.issues[0];
const key: FieldKey | undefined = first?.field;
const fix: string | undefined = first?.fix;
const again: Issue[] = validateField('passportNumber', report.normalized, options);
const parsed = parseDate('R3.6.3');
const form = null as unknown as HTMLFormElement;
const handle: AttachHandle = await attach(form, { map: { pp_no: 'passportNumber' }, lang: 'ja', idleMs: 500 });
const shown: Issue[] = handle.report().shown;
handle.detach();
const summary: AuditSummary = await auditStream(new Uint8Array(), { encoding: 'shift_jis', mapping: { 状態: 'status' } }, options);
const perCode: number | undefined = summary.counts['passport.required'];
const csv: string = createReport({ columns: summary.columns, rules: rules(), codes: ['passport.required'] }).header();
console.log(shown.length, perCode, csv.length);
const value: string = parsed.ok ? parsed.value : parsed.code;
console.log(key, fix, again.length, fields()[0].kind, rules()[0].severity, value);
`,
  );
  const good = spawnSync(path.join(BIN, 'tsc'), ['-p', 'tsconfig.json'], { cwd: scratch, encoding: 'utf8' });
  assert.equal(good.status, 0, good.stdout + good.stderr);

  // createSchema as a StandardSchemaV1 (the spec's types come with the package, as its dependency).
  write(
    'schema-consumer.ts',
    `import type { StandardSchemaV1 } from '@standard-schema/spec';
import { createSchema, type HersysSchema } from 'hersys-validator';
interface CaseForm { patientName: string; passportNumber: string; entryDate: string; diagnosisDate: Date | null; age: number }
const schema: HersysSchema<CaseForm> = createSchema<CaseForm>({ lang: 'en', today: '2021-07-31' });
const standard: StandardSchemaV1<CaseForm, StandardSchemaV1.InferOutput<typeof schema>> = schema;
const vendor: 'hersys-validator' = schema['~standard'].vendor;
const version: 1 = standard['~standard'].version;
/** As a form library takes it: any Standard Schema. */
function resolverFor<I, O>(s: StandardSchemaV1<I, O>): (values: I) => Promise<StandardSchemaV1.Result<O>> {
  return async (values) => s['~standard'].validate(values);
}
const result = await resolverFor(schema)({ patientName: 'A', passportNumber: 'TK1234567', entryDate: '2021-06-03', diagnosisDate: null, age: 41 });
if (result.issues) {
  const issue: StandardSchemaV1.Issue | undefined = result.issues[0];
  console.log(issue?.message, issue?.path?.[0]);
} else {
  const name: string = result.value.patientName; // not a field: its type is kept
  const passport: string = result.value.passportNumber;
  const age: number | string = result.value.age; // a field: its normalized text when that differs
  console.log(name, passport, age, vendor, version);
}
const loose = createSchema();
const any = loose['~standard'].validate({ passportNumber: 'x', age: 41, entryDate: new Date(), other: { nested: true } });
console.log(any instanceof Promise);
`,
  );
  write('tsconfig.schema.json', JSON.stringify({ extends: './tsconfig.json', files: ['schema-consumer.ts'] }));
  const schemaOk = spawnSync(path.join(BIN, 'tsc'), ['-p', 'tsconfig.schema.json'], { cwd: scratch, encoding: 'utf8' });
  assert.equal(schemaOk.status, 0, schemaOk.stdout + schemaOk.stderr);
  write('schema-wrong.ts', `import { createSchema } from 'hersys-validator';\ncreateSchema({ lang: 'fr' });\nconst n: number = createSchema()['~standard'].vendor;\n`);
  write('tsconfig.schema-wrong.json', JSON.stringify({ extends: './tsconfig.json', files: ['schema-wrong.ts'] }));
  const schemaWrong = spawnSync(path.join(BIN, 'tsc'), ['-p', 'tsconfig.schema-wrong.json'], { cwd: scratch, encoding: 'utf8' });
  assert.notEqual(schemaWrong.status, 0);
  assert.match(schemaWrong.stdout, /schema-wrong\.ts\(2,\d+\): error TS2322: Type '"fr"'/);
  assert.match(schemaWrong.stdout, /schema-wrong\.ts\(3,\d+\): error TS2322: .*not assignable to type 'number'/);

  write('wrong.ts', `import { validateField } from 'hersys-validator';\nvalidateField('passport', {});\nvalidateField('status', { age: true });\n`);
  write('tsconfig.wrong.json', JSON.stringify({ extends: './tsconfig.json', files: ['wrong.ts'] }));
  const wrong = spawnSync(path.join(BIN, 'tsc'), ['-p', 'tsconfig.wrong.json'], { cwd: scratch, encoding: 'utf8' });
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stdout, /"passport".*FieldKey/);
  assert.match(wrong.stdout, /'(true|boolean)' is not assignable/);
});

/** The Node versions whose require() loads ES modules without a flag: 20.19+, 22.12+ and 23+. */
function requireEsmUnflagged(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  return (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
}

test('engines names the Node versions where both import and require() of the package work', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  // The package is ES modules only (no CommonJS entry): require() of it needs
  // Node's require(esm), unflagged in 20.19 and 22.12.
  assert.equal(manifest.engines.node, '^20.19.0 || >=22.12.0');
  assert.equal(manifest.type, 'module');
  for (const version of ['20.19.0', '20.20.2', '22.12.0', '23.0.0', '24.1.0']) assert.ok(requireEsmUnflagged(version), version);
  for (const version of ['20.18.3', '21.7.3', '22.11.0']) assert.ok(!requireEsmUnflagged(version), version);
});

test('CommonJS: require() of every JS entry point of the installed package works (no top-level await in any graph)', {
  skip: requireEsmUnflagged() ? false : `Node ${process.version} has no unflagged require(esm), outside engines`,
}, () => {
  write(
    'cjs-consumer.cjs',
    `const { init, validate } = require('hersys-validator');
const { attach } = require('hersys-validator/attach');
const { auditStream } = require('hersys-validator/audit');
const { createReport } = require('hersys-validator/report');
(async () => {
  await init();
  const codes = validate(${RECORD}, { today: '2021-07-31' }).issues.map((i) => i.code);
  const csv = new TextEncoder().encode('受付番号,現在のステータス,場所区分\\nA-1,,場所種別不明\\n');
  const summary = await auditStream(csv, {}, { today: '2021-07-31' });
  console.log(JSON.stringify({ codes, statusRequired: summary.counts['status.required'], kinds: [typeof attach, typeof createReport] }));
})().catch((error) => { console.error(error); process.exit(1); });`,
  );
  const run = spawnSync(process.execPath, ['cjs-consumer.cjs'], { cwd: scratch, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /ERR_REQUIRE|top-level await/i);
  assert.deepEqual(JSON.parse(run.stdout), {
    codes: ['date.canonical', 'passport.required', 'place.category_required'],
    statusRequired: 1,
    kinds: ['function', 'function'],
  });
});

const REPO = 'https://github.com/hersys-validator/hersys-validator';
const RAW = 'https://raw.githubusercontent.com/hersys-validator/hersys-validator/main/';
const BLOB = `${REPO}/blob/main/`;
const TREE = `${REPO}/tree/main/`;

test('repository, homepage and bugs name the repository', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(scratch, 'node_modules', 'hersys-validator', 'package.json'), 'utf8'));
  assert.deepEqual(manifest.repository, { type: 'git', url: `git+${REPO}.git` });
  assert.equal(manifest.homepage, `${REPO}#readme`);
  assert.deepEqual(manifest.bugs, { url: `${REPO}/issues` });
});

test("the packed README's links and images work on the registry page: absolute, and naming files of this repository", () => {
  const readme = fs.readFileSync(path.join(scratch, 'node_modules', 'hersys-validator', 'README.md'), 'utf8');
  assert.equal(readme, fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), 'the packed README is the repository one');
  // Code is not markdown: fenced blocks and code spans hold no links.
  const prose = readme.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
  const links = [
    ...[...prose.matchAll(/(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => ({ image: m[1] === '!', url: m[2] })),
    ...[...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => ({ image: false, url: m[1] })),
    ...[...prose.matchAll(/<(img|a)\b[^>]*\s(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => ({ image: m[1].toLowerCase() === 'img', url: m[2] })),
  ];
  assert.ok(links.filter((l) => l.image).length >= 4, `the screenshots are found (${links.length} links in all)`);
  const broken = [];
  for (const { image, url } of links) {
    if (url.startsWith('#')) continue; // a heading of the README itself
    if (!/^https?:\/\//.test(url)) {
      broken.push(`${url}: relative, broken on the registry page`);
      continue;
    }
    const inRepo = [RAW, BLOB, TREE].find((prefix) => url.startsWith(prefix));
    if (image && url.startsWith(REPO) && !url.startsWith(RAW)) broken.push(`${url}: an image needs the raw URL (${RAW}…)`);
    if (!inRepo) {
      if (url.startsWith(REPO) && !/^https:\/\/github\.com\/hersys-validator\/hersys-validator(?:\/(?:issues|pulls|releases)\b.*|#.*)?$/.test(url)) {
        broken.push(`${url}: not a file of the main branch`);
      }
      continue;
    }
    const file = decodeURIComponent(url.slice(inRepo.length).replace(/[#?].*$/, ''));
    const stat = fs.statSync(path.join(ROOT, file), { throwIfNoEntry: false });
    if (!stat || (inRepo === TREE ? !stat.isDirectory() : !stat.isFile())) broken.push(`${url}: ${file} is not in the repository`);
  }
  assert.deepEqual(broken, []);
});

test('publint --strict: the tarball has no error and no warning', () => {
  const run = spawnSync(path.join(BIN, 'publint'), ['run', tarball, '--strict', '--level', 'suggestion'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const output = run.stdout + run.stderr;
  assert.equal(run.status, 0, output);
  assert.doesNotMatch(output, /^(Errors|Warnings):/m, output);
  assert.match(output, /All good!|Suggestions:/, output);
});

test('attw: every JS entry point resolves to its types, from ESM in Node and in bundlers (profile esm-only: no CommonJS entry)', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  // The JS entry points are the exports with types; the stylesheet, the .wasm files and package.json are not modules.
  const js = Object.keys(manifest.exports).filter((key) => typeof manifest.exports[key] === 'object' && manifest.exports[key].types);
  const other = Object.keys(manifest.exports).filter((key) => !js.includes(key) && key !== './package.json');
  assert.deepEqual(js, ['.', './attach', './audit', './report']);
  assert.deepEqual(other.filter((key) => !/\.(css|wasm)$/.test(key)), [], 'every other export is a stylesheet or a .wasm');
  const args = [tarball, '--profile', 'esm-only', '--exclude-entrypoints', ...other, '--no-color', '--no-emoji'];
  // The table for a failure's message, the JSON for the checks below; the exit status is attw's verdict.
  const table = spawnSync(path.join(BIN, 'attw'), [...args, '--format', 'table-flipped'], { encoding: 'utf8' });
  assert.equal(table.status, 0, table.stdout + table.stderr);
  const run = spawnSync(path.join(BIN, 'attw'), [...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, run.stderr);
  const { analysis, problems } = JSON.parse(run.stdout);
  assert.deepEqual(Object.keys(analysis.entrypoints).sort(), [...js, './package.json'].sort());
  // The profile leaves out only node10 (no "exports" support) and node16 from CommonJS: the
  // package has no CommonJS entry; require() works through Node's require(esm), tested above.
  const counted = Object.values(problems ?? {}).flat().filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind));
  assert.deepEqual(counted, []);
  for (const entry of js) {
    for (const kind of ['node16-esm', 'bundler']) {
      const resolution = analysis.entrypoints[entry].resolutions[kind].resolution;
      assert.ok(resolution?.fileName?.endsWith('.d.ts'), `${entry} (${kind}) resolves to its declarations: ${JSON.stringify(resolution)}`);
    }
  }
});
