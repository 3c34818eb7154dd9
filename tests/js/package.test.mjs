// The packed npm package, installed into a scratch folder, works in the three
// places it must: Node 20, a production Vite build run in Chromium, and tsc.
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

const RECORD = `{ entryDate: '2021-06-03', diagnosisDate: '令和3年6月10日', status: '入院中', placeCategory: '' }`;

test.before(() => {
  assert.ok(fs.existsSync(path.join(ROOT, 'js/pkg/hersys_validator_bg.wasm')), 'run `npm run build` first');
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8' }),
  );
  const files = packed.files.map((f) => f.path);
  for (const file of ['js/index.js', 'js/index.d.ts', 'js/attach.js', 'js/attach.d.ts', 'js/audit.js', 'js/audit.d.ts',
    'js/audit-worker.js', 'js/pkg/hersys_validator.js', 'js/pkg/hersys_validator_bg.wasm', 'js/pkg/hersys_validator_audit_bg.wasm',
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
