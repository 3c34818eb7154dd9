// The audit page with files shaped like public prefecture case lists (issue
// 19): a title row or a legend block above the header, blank and comma-only
// lines, Shift_JIS with CR LF, short headers (診断日) and dates without a year,
// column-shifted rows, a missing 現在のステータス column, repeated records. For
// each: the verdict, the header line, the alias report, and record counts that
// leave the header (and everything above it) out. Then the override: a file
// whose header is not found gets a clear verdict, and the header line and the
// mapping chosen on the page make it audit, by keyboard. The single file
// (dist/hersys-check.html from file://) gives the same verdict.
// Run: node scripts/build.mjs && node --test tests/e2e/audit-header.test.mjs
//
// Every file here is SYNTHETIC, written below.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { buildDist } from '../../scripts/dist.mjs';
import { pagePolicy } from '../../scripts/serve.mjs';
import { auditStream, initAudit } from '../../js/audit.js';
import { RESULTS, WWW, assertAuditClean, assertAxeClean, openPage, startSuite } from './helpers.mjs';

const TODAY = '2021-07-31';
const PAGE = `audit.html?today=${TODAY}`;
/** What an audit loads after the page is ready: the workers and their scripts. */

// ------------------------------------------------------------------ the fixtures

/** A header as public lists write it: short names (診断日, 死亡日), prefixes (患者_), and two lookalike columns. */
const HEAD = ['No', '受付番号', '公表_年月日', '診断日', '発症日', '患者_年代', '患者_性別', '現在のステータス', '死亡日', '死亡場所', '入国日', 'パスポート番号', '場所区分', '患者_状態'];
const ALIASES = ['診断日 → 診断年月日', '発症日 → 発病年月日', '患者_性別 → 性別', '死亡日 → 死亡日付'];
const LOOKALIKES = [['公表_年月日', 'date'], ['患者_状態', 'status']];
/** Five records: two clean, three with errors (a death without date and place, no status, an entrant without passport). */
const RECORDS = [
  ['1', 'A-001', '2021-06-02', '2021-06-01', '2021-05-29', '30代', '男性', '入院中', '', '', '', '', '家庭内', '軽症'],
  ['2', 'A-002', '2021-06-03', '2021-06-02', '', '40代', '女性', '宿泊療養中', '', '', '2021-05-30', 'TK1234567', '職場', '無症状'],
  ['3', 'A-003', '2021-06-04', '2021-06-03', '', '80代', '男性', '死亡', '', '', '', '', '家庭内', '重症'],
  ['4', 'A-004', '2021-06-04', '2021-06-03', '', '20代', '女性', '', '', '', '', '', '家庭内', '軽症'],
  ['5', 'A-005', '2021-06-05', '2021-06-04', '2021-06-01', '50代', '男性', '自宅療養中', '', '', '2021-05-31', '', '場所種別不明', '軽症'],
];
const csv = (lines, eol = '\n') => `${lines.map((l) => (Array.isArray(l) ? l.join(',') : l)).join(eol)}${eol}`;
/** A legend far to the right of the table (column 17), as spreadsheets exported with one carry it. */
const legend = (text) => `${','.repeat(16)}${text}`;

/** Shift_JIS (CP932) bytes, by the inverse of Node's own WHATWG decoder (no encoder library is installed). */
function shiftJis(text) {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map();
  for (let b = 0xa1; b <= 0xdf; b++) table.set(decoder.decode(Uint8Array.of(b)), [b]);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if ([...ch].length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes = [];
  for (const ch of text) {
    if (ch.codePointAt(0) < 0x80) bytes.push(ch.codePointAt(0));
    else if (table.has(ch)) bytes.push(...table.get(ch));
    else throw new Error(`no Shift_JIS for U+${ch.codePointAt(0).toString(16)}`);
  }
  const out = Buffer.from(bytes);
  assert.equal(decoder.decode(out), text, 'Shift_JIS round trip');
  return out;
}

/**
 * Each fixture: its bytes, the header's line, the records it holds, and
 * `aliases` (the alias report). `verdict` is the verdict's lead, when the
 * file lacks a column a check of the notice needs.
 */
const FIXTURES = {
  // (a) a title row above the header
  title: {
    bytes: Buffer.from(csv(['令和3年6月 陽性患者一覧', HEAD, ...RECORDS])),
    headerLine: 2,
    rows: 5,
    aliases: ALIASES,
  },
  // (b) a legend block in columns far to the right on lines 1–8, blank lines among it, the header on line 9
  legend: {
    bytes: Buffer.from(csv([
      legend('凡例'),
      legend('現在のステータス：入院中・宿泊療養中・自宅療養中・死亡・退院'),
      '',
      '',
      legend('※診断日は陽性確定日、発症日は症状のある方のみ'),
      legend(''),
      '',
      legend('更新：令和3年6月30日'),
      HEAD,
      ...RECORDS,
    ], '\r\n')),
    headerLine: 9,
    rows: 5,
    aliases: ALIASES,
  },
  // (c) comma-only trailer rows, as Excel leaves them below a table
  trailer: {
    bytes: Buffer.from(csv([HEAD, ...RECORDS, ','.repeat(HEAD.length - 1), ','.repeat(HEAD.length - 1), ',,,,,,'])),
    headerLine: 1,
    rows: 5,
    blank: 3,
    aliases: ALIASES,
  },
  // (d) Shift_JIS with CR LF, a title row above
  sjis: {
    bytes: shiftJis(csv(['令和3年6月 陽性患者一覧', HEAD, ...RECORDS], '\r\n')),
    headerLine: 2,
    rows: 5,
    encoding: 'Shift_JIS (CP932)（自動判定）',
    aliases: ALIASES,
  },
  // (e) short headers, dates without a year in some rows
  yearless: {
    bytes: Buffer.from(csv([
      '受付番号,診断日,発症日,死亡日,現在のステータス,死亡場所,入国日,パスポート番号,場所区分',
      'A-1,2月9日,12/7,,入院中,,,,家庭内',
      'A-2,2021-02-09,2021-02-07,,入院中,,,,家庭内',
      'A-3,2021-02-10,2/7,2月10日,死亡,自宅,,,家庭内',
      'A-4,2021-02-11,,,宿泊療養中,,,,職場',
    ])),
    headerLine: 1,
    rows: 4,
    aliases: ['診断日 → 診断年月日', '発症日 → 発病年月日', '死亡日 → 死亡日付'],
    hidden: ['2月9日', '12/7', '2/7', '2月10日'],
  },
  // (f) six rows shifted by a comma inside an address, or cut short
  shifted: {
    bytes: Buffer.from(csv([
      '受付番号,診断年月日,居住地,現在のステータス,死亡日付,死亡場所,入国日,パスポート番号（旅券番号）,場所区分',
      ...Array.from({ length: 10 }, (_, i) => {
        const id = `S-${i + 1}`;
        if (i % 5 === 1 || i % 5 === 3) return `${id},2021-06-01,東京都,港区,入院中,,,,,家庭内`; // one cell too many (4 rows)
        if (i === 4 || i === 9) return `${id},2021-06-01,東京都`; // cut short (2 rows)
        return `${id},2021-06-01,東京都,入院中,,,,,家庭内`;
      }),
    ])),
    headerLine: 1,
    rows: 10,
    shifted: 6,
    aliases: [],
  },
  // (g) no 現在のステータス column: the verdict leads with it
  nostatus: {
    bytes: Buffer.from(csv([
      '受付番号,診断年月日,入国日,パスポート番号（旅券番号）,死亡日付,死亡場所,場所区分,患者_状態',
      'G-1,2021-06-01,,,,,家庭内,軽症',
      'G-2,2021-06-01,2021-05-20,,,,職場,軽症',
      'G-3,2021-06-02,,,,,家庭内,中等症',
    ])),
    headerLine: 1,
    rows: 3,
    aliases: [],
    verdict: 'このファイルには 現在のステータス の列がありません。通知 記2① を確認できませんでした。',
  },
  // (h) repeated identical records
  repeats: {
    bytes: Buffer.from(csv([
      '受付番号,診断年月日,現在のステータス,死亡日付,死亡場所,入国日,パスポート番号,場所区分',
      'R-1,2021-06-01,入院中,,,,,家庭内',
      'R-2,2021-06-02,宿泊療養中,,,,,職場',
      'R-1,2021-06-01,入院中,,,,,家庭内',
      'R-3,2021-06-03,自宅療養中,,,,,家庭内',
      'R-2,2021-06-02,宿泊療養中,,,,,職場',
      'R-1,2021-06-01,入院中,,,,,家庭内',
    ])),
    headerLine: 1,
    rows: 6,
    aliases: [],
    duplicates: { 4: 2, 6: 3, 7: 2 },
  },
};

let suite;
let dir;
/** The audit of each fixture by the package in Node: what the page must show. */
const expected = {};

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hv-audit-header-'));
  await initAudit();
  for (const [name, fixture] of Object.entries(FIXTURES)) {
    const rows = [];
    const summary = await auditStream(fixture.bytes, {}, { today: TODAY }, { onRows: (r) => rows.push(...r) });
    expected[name] = { summary, rows };
  }
  suite = await startSuite({ csp: pagePolicy(WWW) });
});
after(async () => {
  await suite?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const open = (query = '', opts) => openPage(suite, suite.url(`${PAGE}${query}`), opts);
const waitDone = (page) => page.waitForSelector('html[data-audit="done"]', { timeout: 30_000 });
const active = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
const asFile = (name, bytes) => ({ name, mimeType: 'text/csv', buffer: bytes });

async function audit(page, name, bytes = FIXTURES[name].bytes) {
  await page.setInputFiles('#file', asFile(`${name}.csv`, bytes));
  await waitDone(page);
}


/** What the results show: verdict, findings, stats, alias report, failing rows. */
function shown(page) {
  return page.evaluate(() => {
    const text = (sel) => document.querySelector(sel)?.textContent ?? null;
    const stat = (id) => text(`[data-stat="${id}"] dd`);
    const counts = {};
    for (const tr of document.querySelectorAll('#counts-body tr[data-code]')) counts[tr.dataset.code] = Number(tr.querySelector('[data-count]').dataset.count);
    return {
      verdict: text('#verdict'),
      lead: text('#verdict .verdict__lead'),
      state: document.getElementById('verdict').dataset.state,
      findings: [...document.querySelectorAll('#file-findings li')].map((li) => ({ code: li.dataset.code, column: li.dataset.column, text: li.querySelector('.finding__message').textContent })),
      rows: Number(stat('rows')?.replace(/[^\d]/g, '')),
      errors: Number(stat('errors')?.replace(/[^\d]/g, '')),
      warnings: Number(stat('warnings')?.replace(/[^\d]/g, '')),
      blank: stat('blank') === null ? 0 : Number(stat('blank').replace(/[^\d]/g, '')),
      header: stat('header'),
      encoding: stat('encoding'),
      aliases: [...document.querySelectorAll('[data-columns="aliases"] li')].map((li) => li.textContent),
      aliasesText: text('[data-columns="aliases"] dd'),
      lookalikes: [...document.querySelectorAll('[data-columns="unmapped"] li[data-looks-like]')].map((li) => [li.dataset.header, li.dataset.looksLike]),
      counts,
      failing: [...document.querySelectorAll('#failing-body tr[data-row]')].map((tr) => ({
        row: Number(tr.dataset.row),
        index: Number(tr.children[1].textContent),
        codes: [...tr.querySelectorAll('.audit-issue')].map((li) => li.dataset.code),
        messages: [...tr.querySelectorAll('.audit-issue__message')].map((m) => m.textContent),
      })),
      text: document.getElementById('results').innerText, // what is shown
    };
  });
}

/** The verdict's sentence about the records, as the page words them. */
function recordsSentence(summary) {
  if (summary.rowsWithErrors > 0) return `エラーのある記録が ${summary.rowsWithErrors}件あります。下の一覧の行番号・受付番号で記録を探し、HER-SYSで修正してください。`;
  if (summary.rowsWithWarnings > 0) return `エラーはありません。警告のある記録が ${summary.rowsWithWarnings}件あります。内容を確認してください。`;
  return 'エラー・警告はありません。';
}

describe('audit.html: files shaped like public case lists', () => {
  for (const [name, fixture] of Object.entries(FIXTURES)) {
    test(`${name}: verdict, header line ${fixture.headerLine}, alias report, ${fixture.rows} records (the header is not one)`, async () => {
      const { page, context, log } = await open();
      await audit(page, name);
      const got = await shown(page);
      const { summary, rows } = expected[name];

      // The header line, found, and said in the stats and once in the findings.
      assert.equal(summary.headerLine, fixture.headerLine, 'the package finds the header');
      assert.equal(got.header, `${fixture.headerLine}行目（自動で検出）`);
      const skipped = got.findings.filter((f) => f.code === 'header.skipped');
      if (fixture.headerLine > 1) {
        assert.equal(skipped.length, 1);
        assert.match(skipped[0].text, new RegExp(`見出し行は${fixture.headerLine}行目です。その上の${fixture.headerLine - 1}行`));
      } else {
        assert.equal(skipped.length, 0);
      }
      // Each finding about the file is listed once, as the package gives them.
      assert.deepEqual(got.findings.map((f) => f.code).sort(), summary.fileFindings.map((f) => f.code).sort());
      assert.equal(new Set(got.findings.map((f) => f.text)).size, got.findings.length, 'each once');

      // Records: the data lines only; no header, title, legend, blank or comma-only line is one.
      assert.equal(got.rows, fixture.rows);
      assert.equal(summary.rows, fixture.rows);
      assert.equal(got.blank, fixture.blank ?? summary.blankRows);
      assert.deepEqual([got.errors, got.warnings], [summary.rowsWithErrors, summary.rowsWithWarnings]);
      assert.deepEqual(got.counts, summary.counts);
      assert.deepEqual(got.failing.map((r) => [r.row, r.index, r.codes]), rows.map((r) => [r.row, r.index, r.issues.map((i) => i.code)]));
      for (const r of got.failing) {
        assert.ok(r.row > fixture.headerLine, `line ${r.row} is at or above the header`);
        assert.equal(r.row - r.index, fixture.headerLine, 'record n is on the nth line below the header (one line per record here)');
      }

      // The verdict: what could not be checked first, then the records.
      assert.equal(got.verdict, fixture.verdict ? `${fixture.verdict} ${recordsSentence(summary)}` : recordsSentence(summary));
      assert.equal(got.lead, fixture.verdict ?? null);

      // Every alias mapping, as header → field; lookalike columns flagged.
      assert.deepEqual(got.aliases, fixture.aliases);
      if (fixture.aliases.length === 0) assert.equal(got.aliasesText, 'なし');
      const lookalikes = summary.columns.filter((c) => c.looksLike).map((c) => [c.header, c.looksLike]);
      assert.deepEqual(got.lookalikes, lookalikes);
      if (fixture.aliases === ALIASES) assert.deepEqual(lookalikes, LOOKALIKES);
      for (const [header] of lookalikes) {
        assert.equal(got.findings.filter((f) => f.code === 'header.unrecognised' && f.text.includes(`「${header}」`)).length, 1, header);
      }

      if (fixture.encoding) assert.equal(got.encoding, fixture.encoding);
      if (fixture.hidden) {
        // Dates without a year are their own error (the year is never guessed); the values never reach a message.
        assert.ok(got.counts['date.no_year'] >= 3);
        for (const value of fixture.hidden) assert.ok(!got.failing.some((r) => r.messages.some((m) => m.includes(value))), value);
      }
      if (fixture.shifted) {
        const shifted = got.failing.filter((r) => r.codes.includes('row.columns'));
        assert.equal(shifted.length, fixture.shifted);
        for (const r of shifted) assert.deepEqual(r.codes, ['row.columns'], `line ${r.row}: the row finding alone`);
      }
      if (fixture.duplicates) {
        const repeats = Object.fromEntries(got.failing.filter((r) => r.codes.includes('row.duplicate')).map((r) => [r.row, r.messages[r.codes.indexOf('row.duplicate')]]));
        assert.deepEqual(Object.keys(repeats).map(Number), Object.keys(fixture.duplicates).map(Number));
        for (const [line, earlier] of Object.entries(fixture.duplicates)) assert.match(repeats[line], new RegExp(`${earlier}行目`), `line ${line}`);
        assert.ok(!Object.values(repeats).some((m) => /R-\d/.test(m)), 'no value in the message');
      }
      if (name === 'nostatus') {
        assert.equal(got.state, 'error');
        assert.ok(!Object.keys(got.counts).some((c) => c.startsWith('status.')), 'no row gets a status finding');
        assert.equal(got.findings[0].code, 'header.missing', 'warnings first');
        // The clauses the page names are those the package's findings name.
        for (const finding of summary.fileFindings.filter((f) => f.code === 'header.missing')) {
          assert.ok(finding.checks.length > 0, finding.field);
          for (const check of finding.checks) assert.ok(finding.message.includes(`通知 ${check.ja}`), `${finding.field}: ${finding.message}`);
        }
        await page.click('#lang-en');
        assert.match(await page.textContent('#verdict .verdict__lead'), /^This file has no Current status column: clause 2① of the notice could not be checked\.$/);
        assert.match(await page.textContent('[data-stat="header"] dd'), /^Line 1 \(detected\)$/);
        await assertAxeClean(page, 'a missing column, English');
        await page.click('#lang-ja');
      }
      // No cell value on the page outside the ID columns and the table of records.
      const text = await page.$eval('#results', (r) => [...r.querySelectorAll('#verdict, #file-findings, #stats, #columns-panel')].map((n) => n.textContent).join('\n'));
      for (const value of ['2021-06-01', '入院中', '軽症', 'TK1234567', '東京都']) assert.ok(!text.includes(value), value);

      if (name === 'legend') {
        await assertAxeClean(page, 'legend above the header');
        // Issue 19, step 6: the page as a clerk sees it after the audit, at 1280 × 900.
        fs.mkdirSync(RESULTS, { recursive: true });
        await page.mouse.move(0, 0);
        await page.screenshot({ path: path.join(RESULTS, 'audit-header.png') });
      }
      await assertAuditClean(page, log);
      await context.close();
    });
  }
});

describe('audit.html: the header line and the mapping chosen on the page', () => {
  // The header on line 60: below the 50 lines searched.
  const LATE = Buffer.from(csv([
    ...Array.from({ length: 59 }, (_, i) => `注記 ${i + 1}：この一覧は公表資料の写しです`),
    '受付番号,診断年月日,現在のステータス,死亡日付,死亡場所,入国日,パスポート番号,場所区分',
    'L-1,2021-06-01,入院中,,,,,家庭内',
    'L-2,2021-06-02,,,,,,家庭内',
    'L-3,2021-06-03,宿泊療養中,,,,,職場',
  ]));
  // One known field only (場所区分): no line is a header.
  const ONE = Buffer.from(csv([
    '管理番号,検査確定日,療養状況,場所区分',
    'K-1,2021-06-01,入院中,家庭内',
    'K-2,2021-06-02,退院,職場',
  ]));

  test('a header below line 50 is not found: a clear verdict, no records counted; the header line typed by keyboard makes it audit', async () => {
    const { page, context, log } = await open();
    await audit(page, 'late', LATE);
    const got = await shown(page);
    assert.equal(await page.getAttribute('#results', 'data-state'), 'refused');
    assert.equal(got.state, 'error');
    assert.equal(got.lead, '見出しの行が見つからないため、このファイルは確認していません。');
    assert.match(got.verdict, /先頭50行に、発生届の項目名.*「見出し行」に見出しの行番号を入れて/);
    assert.ok(!/0件/.test(got.text), `never "0 records": ${got.text.match(/.{0,40}0件.{0,20}/)?.[0]}`);
    for (const id of ['#stats', '#actions', '#counts-panel', '#failing-panel']) assert.equal(await page.isHidden(id), true, id);
    assert.equal(await page.isHidden('#pick-message'), true, 'not a failure in passing');
    // Announced: focus on the results heading, whose description is the verdict.
    assert.equal(await active(page), 'results-title');
    assert.equal(await page.getAttribute('#results-title', 'aria-describedby'), 'verdict');
    await assertAxeClean(page, 'header not found');

    // Keyboard only: Tab reaches the header line; Enter checks again.
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'header-line');
    assert.equal(await page.$eval('#header-line', (i) => i.labels[0].textContent), '見出し行（任意）');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#header-line', 'aria-invalid'), 'true');
    assert.match(await page.textContent('#header-line-error'), /1 以上の整数/);
    assert.equal(await active(page), 'header-line');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('60');
    await page.keyboard.press('Enter');
    await waitDone(page);
    const fixed = await shown(page);
    assert.equal(await page.getAttribute('#results', 'data-state'), 'error');
    assert.equal(fixed.header, '60行目（指定）');
    assert.equal(fixed.rows, 3);
    assert.deepEqual(fixed.failing.map((r) => [r.row, r.index, r.codes]), [[62, 2, ['status.required']]]);
    assert.equal(fixed.verdict, recordsSentence({ rowsWithErrors: 1 }));
    assert.equal(await active(page), 'results-title');
    assert.equal(await page.inputValue('#header-line'), '60', 'the choice stays for this file');
    // Another file: found automatically again.
    await audit(page, 'title');
    assert.equal(await page.inputValue('#header-line'), '');
    assert.equal((await shown(page)).header, '2行目（自動で検出）');
    await assertAuditClean(page, log);
    await context.close();
  });

  test('one known field: refused; with the header line and two columns mapped by keyboard it audits, the mapping is kept (headers only) and can be forgotten', async () => {
    const { page, context, log } = await open();
    await audit(page, 'one', ONE);
    assert.equal(await page.getAttribute('#results', 'data-state'), 'refused');
    assert.match(await page.textContent('#mapping-rows'), /見出し行を指定してチェックすると/);
    await page.fill('#header-line', '1');
    await page.click('#apply');
    await waitDone(page);
    let got = await shown(page);
    assert.equal(got.header, '1行目（指定）');
    assert.equal(got.rows, 2);
    assert.equal(got.lead, 'このファイルには 入国日、診断年月日、パスポート番号（旅券番号）、現在のステータス、死亡日付、死亡場所 の列がありません。通知 記1・記2① を確認できませんでした。');
    // The columns that can be mapped: 検査確定日 and 療養状況 (管理番号 names the record; 場所区分 is mapped).
    assert.deepEqual(await page.$$eval('#mapping-rows select', (ss) => ss.map((s) => [s.id, s.labels[0].textContent, s.value])), [['map-1', '検査確定日', ''], ['map-2', '療養状況', '']]);
    const options = await page.$$eval('#map-1 option', (os) => os.map((o) => [o.value, o.textContent]));
    assert.deepEqual(options[0], ['', '対応づけない']);
    assert.ok(options.some(([v, t]) => v === 'placeCategory' && t === '場所区分（ほかの列に対応づけ済み）'));
    // The missing columns' findings lead to the mapping.
    await page.click('#file-findings li[data-code="header.missing"] button');
    assert.equal(await active(page), 'map-1');

    // Keyboard only: arrow keys choose, Tab moves on, Enter on the button applies.
    const pick = async (id, key) => {
      await page.focus(`#${id}`);
      const steps = await page.$eval(`#${id}`, (s, k) => [...s.options].findIndex((o) => o.value === k), key);
      for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
      assert.equal(await page.inputValue(`#${id}`), key);
    };
    await pick('map-1', 'diagnosisDate');
    await pick('map-2', 'status');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'apply');
    await page.keyboard.press('Enter');
    await waitDone(page);
    got = await shown(page);
    assert.equal(got.lead, 'このファイルには 入国日、パスポート番号（旅券番号）、死亡日付、死亡場所 の列がありません。通知 記1・記2① を確認できませんでした。');
    assert.deepEqual(await page.$$eval('[data-columns="chosen"] li', (lis) => lis.map((li) => li.textContent)), ['検査確定日 → 診断年月日', '療養状況 → 現在のステータス']);
    assert.equal(got.counts['status.unknown'], 1, '退院 is not a status of the built-in list: the mapped column is checked');
    assert.deepEqual(await page.$$eval('#mapping-rows select', (ss) => ss.map((s) => s.value)), ['diagnosisDate', 'status'], 'the choices shown, to change or undo');
    assert.match(await page.textContent('#mapping-hint'), /列の見出し（名前）と項目だけをこのブラウザに保存/);
    assert.equal(await page.textContent('#mapping-saved'), 'このブラウザに保存した対応づけ：2件');
    // Kept: headers and field keys, never a cell value.
    const kept = await page.evaluate(() => localStorage.getItem('hersys-validator.audit-mapping'));
    assert.deepEqual(JSON.parse(kept), [['検査確定日', 'diagnosisDate'], ['療養状況', 'status']]);
    for (const value of ['K-1', '2021-06-01', '入院中', '家庭内']) assert.ok(!kept.includes(value), value);
    await assertAxeClean(page, 'mapped by choice');

    // The same headers again, as a new file: found with the kept mapping, no header line needed.
    await audit(page, 'one-again', ONE);
    got = await shown(page);
    assert.equal(got.header, '1行目（自動で検出）');
    assert.deepEqual(await page.$$eval('[data-columns="chosen"] li', (lis) => lis.map((li) => li.textContent)), ['検査確定日 → 診断年月日', '療養状況 → 現在のステータス']);

    // Forgotten: said, the choices back to 「対応づけない」, and the next check refuses the file again.
    await page.focus('#forget-mapping');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => localStorage.getItem('hersys-validator.audit-mapping')), null);
    assert.equal(await page.textContent('#live'), '保存した対応づけを消しました。次のチェックからは使いません。');
    assert.equal(await active(page), 'apply');
    assert.deepEqual(await page.$$eval('#mapping-rows select', (ss) => ss.map((s) => s.value)), ['', '']);
    await page.keyboard.press('Enter');
    await waitDone(page);
    assert.equal(await page.getAttribute('#results', 'data-state'), 'refused');

    // English, for the refusal and the form.
    await page.click('#lang-en');
    assert.equal(await page.textContent('#verdict .verdict__lead'), 'No header line was found, so this file was not checked.');
    assert.equal(await page.$eval('#header-line', (i) => i.labels[0].textContent), 'Header line (optional)');
    await assertAxeClean(page, 'header not found, English');
    await assertAuditClean(page, log);
    await context.close();
  });
});

describe('dist/hersys-check.html from file://', () => {
  test('the single file gives the served page\'s verdict for a title row above the header, and takes a header line', async () => {
    const file = await buildDist({ out: path.join(dir, '共有 フォルダ', 'hersys-check.html') });
    const served = await open();
    await audit(served.page, 'title');
    const want = await shown(served.page);
    await served.context.close();

    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${pathToFileURL(file).href}#audit`, { waitUntil: 'load' });
    const frame = await (await page.waitForSelector('iframe[data-view="audit"]', { state: 'attached' })).contentFrame();
    await frame.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 15_000 });
    await frame.setInputFiles('#file', asFile('title.csv', FIXTURES.title.bytes));
    await frame.waitForSelector('html[data-audit="done"]', { timeout: 30_000 });
    const got = await shown(frame);
    for (const key of ['verdict', 'lead', 'state', 'findings', 'rows', 'errors', 'warnings', 'header', 'aliases', 'lookalikes', 'counts', 'failing']) {
      assert.deepEqual(got[key], want[key], key);
    }
    assert.equal(got.header, '2行目（自動で検出）');

    // The header line override works there too (no Worker, no storage needed).
    const late = csv([...Array.from({ length: 55 }, () => '注記'), '受付番号,診断年月日,現在のステータス,場所区分', 'L-1,2021-06-01,入院中,家庭内']);
    await frame.setInputFiles('#file', asFile('late.csv', Buffer.from(late)));
    await frame.waitForSelector('#results[data-state="refused"]', { timeout: 30_000 });
    await frame.fill('#header-line', '56');
    await frame.click('#apply');
    await frame.waitForSelector('#results[data-state]:not([data-state="refused"])', { timeout: 30_000 });
    assert.equal(await frame.textContent('[data-stat="header"] dd'), '56行目（指定）');
    assert.equal(await frame.textContent('[data-stat="rows"] dd'), '1件');
    assert.deepEqual(requests.map((u) => u.replace(/#.*$/, '')), [pathToFileURL(file).href], 'no request beyond the file');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

// The files every lane checks (tests/fixtures/public-lists, with the verdicts
// of the Rust auditor in expected.json): the page and the single file give
// the same records, counts and header line.
const SHARED = path.resolve(WWW, '..', 'tests', 'fixtures', 'public-lists');
const EXPECTED = JSON.parse(fs.readFileSync(path.join(SHARED, 'expected.json'), 'utf8'));

/** Audits a shared fixture on `page` (a page or a frame), one file after another. */
async function auditShared(page, name) {
  await page.evaluate(() => delete document.documentElement.dataset.audit);
  await page.setInputFiles('#file', asFile(name, fs.readFileSync(path.join(SHARED, name))));
  await page.waitForSelector('html[data-audit="done"], html[data-audit="refused"]', { state: 'attached', timeout: 30_000 });
  return { ...(await shown(page)), results: await page.evaluate(() => document.getElementById('results').dataset.state) };
}

/** What `shown` gives, against a verdict of expected.json. */
function assertVerdict(got, want, name) {
  if (want.refused) {
    assert.equal(got.results, 'refused', name);
    return;
  }
  assert.notEqual(got.results, 'refused', name);
  assert.deepEqual([got.rows, got.errors, got.warnings, got.blank], [want.rows, want.rowsWithErrors, want.rowsWithWarnings, want.blankRows], name);
  assert.ok(got.header.startsWith(`${want.headerLine}行目`), `${name}: ${got.header}`);
  for (const [code, n] of Object.entries(got.counts)) assert.equal(n, want.counts[code], `${name}: ${code}`);
  assert.equal(got.findings.filter((f) => f.code === 'header.missing').length, want.missing.length, name);
  assert.equal(got.aliases.length, want.aliases.length, name);
}

describe('the shared public-list fixtures: the page and the single file give the Rust verdicts', () => {
  test('audit.html and dist/hersys-check.html, every file of tests/fixtures/public-lists', async () => {
    const names = Object.keys(EXPECTED);
    assert.ok(names.length >= 7);
    const { page, context } = await openPage(suite, suite.url('audit.html?today=2021-07-01'));
    for (const name of names) {
      assertVerdict(await auditShared(page, name), EXPECTED[name], `page: ${name}`);
    }
    await context.close();

    const file = await buildDist({ out: path.join(dir, 'shared', 'hersys-check.html') });
    const single = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const tab = await single.newPage();
    await tab.goto(`${pathToFileURL(file).href}#audit`, { waitUntil: 'load' });
    const frame = await (await tab.waitForSelector('iframe[data-view="audit"]', { state: 'attached' })).contentFrame();
    await frame.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 15_000 });
    for (const name of names) {
      assertVerdict(await auditShared(frame, name), EXPECTED[name], `single file: ${name}`);
    }
    await single.close();
  });
});
