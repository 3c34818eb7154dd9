// The audit on several Web Workers (auditFile with hooks.jobs, js/audit/pool.js)
// in headless Chromium, under the audit page's CSP: the same failing rows and
// summary as one auditor, for segments cut at many places through quoted line
// breaks and unclosed quotes, in UTF-8 and Shift_JIS; cancel ends every worker.
// Run: node scripts/build.mjs && node --test tests/e2e/audit-parallel.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pagePolicy } from '../../scripts/serve.mjs';
import { WWW, openPage, startSuite } from './helpers.mjs';

let suite;
before(async () => {
  suite = await startSuite({ csp: pagePolicy(WWW) });
});
after(() => suite?.close());

/** In the page: the report of auditStream and of auditFile on 2 workers for each segment size. */
async function compare(page, { text, sjis, segments }) {
  return page.evaluate(
    async ({ text, sjis, segments }) => {
      const { auditFile, auditStream, initAudit } = await import('/lib/audit.js');
      await initAudit();
      // Shift_JIS: the bytes are given as numbers (the page has no encoder).
      const bytes = sjis ? Uint8Array.from(sjis) : new TextEncoder().encode(text);
      const file = new File([bytes], 'cases.csv', { type: 'text/csv' });
      const report = async (fn) => {
        const rows = [];
        let columns = null;
        const summary = await fn({ onColumns: (c) => (columns = c), onRows: (r) => rows.push(...r) });
        return JSON.stringify({ columns, rows, summary });
      };
      const expected = await report((hooks) => auditStream(file, {}, { today: '2023-06-30' }, hooks));
      const differing = [];
      // One worker (a whole job) too: the same rows, columns and summary.
      if ((await report((hooks) => auditFile(file, {}, { today: '2023-06-30' }, { ...hooks, jobs: 1 }))) !== expected) differing.push('one worker');
      for (const segmentBytes of segments) {
        const got = await report((hooks) => auditFile(file, {}, { today: '2023-06-30' }, { ...hooks, jobs: 2, segmentBytes }));
        if (got !== expected) differing.push(segmentBytes);
      }
      return { differing, failing: JSON.parse(expected).rows.length };
    },
    { text, sjis, segments },
  );
}

const HEADER = '受付番号,現在のステータス,場所区分,場所名称,診断年月日\r\n';

test('auditFile on 2 Web Workers gives the report of one auditor, wherever the segments are cut', async () => {
  const { page, context, log } = await openPage(suite, suite.url('audit.html?today=2023-06-30'));
  let text = HEADER;
  for (let i = 0; i < 120; i++) {
    text += i % 17 === 5 ? `A-${i},"open,\n` : `A-${i},入院中,"職場\r\n二行目","名,称",2023-06-0${(i % 9) + 1}\r\n`;
    if (i % 13 === 0) text += ',,,,\n\n';
  }
  // Real workers, a few sizes from a few bytes to larger than a row: cuts at every offset are
  // tests/js/audit-parallel.test.mjs's (in-thread pool), which runs the same merging code.
  const segments = [8, 34, 144, 610];
  const result = await compare(page, { text, segments });
  assert.deepEqual(result.differing, [], 'segment sizes (or one worker) whose report differs');
  assert.ok(result.failing > 10);
  // The pool's scripts are the only requests after load.
  for (const entry of log.afterReady) {
    assert.match(entry, /^GET .*\/lib\/(audit\/(web\/blob|web\/worker|pool|core|batch)|loader|japan-date|wire\/[\w-]+)\.js$|\/lib\/pkg\/hersys_validator_audit\.js$/, entry);
  }
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('Shift_JIS, detected once up front, through 2 Web Workers', async () => {
  const { page, context } = await openPage(suite, suite.url('audit.html?today=2023-06-30'));
  // 受付番号,status,diagnosisDate / A-n,入院中, in Shift_JIS bytes, with a quoted line break in every third row.
  const enc = { 受: [0x8e, 0xf3], 付: [0x95, 0x74], 番: [0x94, 0xd4], 号: [0x8d, 0x86], 入: [0x93, 0xfc], 院: [0x89, 0x40], 中: [0x92, 0x86] };
  const sjis = [];
  const put = (s) => {
    for (const ch of s) sjis.push(...(enc[ch] ?? [ch.charCodeAt(0)]));
  };
  put('受付番号,status,diagnosisDate\r\n');
  for (let i = 0; i < 300; i++) put(i % 3 ? `A-${i},入院中,\r\n` : `"A-${i}\r\n",x,\r\n`);
  const result = await compare(page, { sjis, segments: [1, 7, 64, 500, 2048] });
  assert.deepEqual(result.differing, []);
  await context.close();
});

test('cancel ends every worker of the pool', async () => {
  const { page, context } = await openPage(suite, suite.url('audit.html?today=2023-06-30'));
  const outcome = await page.evaluate(async () => {
    const { auditFile, initAudit } = await import('/lib/audit.js');
    await initAudit();
    let text = '受付番号,現在のステータス,場所区分\n';
    for (let i = 0; i < 200_000; i++) text += `A-${i},入院中,職場\n`;
    const file = new File([text], 'big.csv');
    const controller = new AbortController();
    let progress = 0;
    const run = auditFile(file, {}, { today: '2023-06-30' }, {
      jobs: 2,
      segmentBytes: 256 * 1024,
      signal: controller.signal,
      onProgress: (p) => {
        progress = p.bytes;
        if (p.bytes > 1_000_000) controller.abort();
      },
    });
    try {
      await run;
      return { name: 'finished', progress };
    } catch (error) {
      return { name: error.name, progress };
    }
  });
  assert.equal(outcome.name, 'AbortError');
  assert.ok(outcome.progress > 1_000_000);
  // Terminated workers leave the page.
  for (let i = 0; i < 50 && page.workers().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(page.workers().length, 0);
  await context.close();
});
