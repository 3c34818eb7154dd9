// The perChange section:
//   perChange  validateField / validate on a realistic record, valid and with
//              three defects: µs per call (median and p99 of the per-batch
//              means), all implementations interleaved in the same page
// (--rounds N: 200; --quick: 40).
import { us, ratios } from '../lib/format.mjs';
import { IMPLS } from '../lib/implementations.mjs';
import { log } from '../lib/log.mjs';

/** Per change: interleaved in one page. */
export const perChange = {
  title: 'Per change',
  async run({ browser, url, options }) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.on('pageerror', (e) => log(`page error: ${e.message}`));
      await page.goto(`${url}page/bench.html`);
      await page.waitForFunction(() => window.bench, null, { timeout: 30_000 });
      await page.evaluate(() => window.bench.ready);
      log(`per change: ${options.rounds} interleaved rounds…`);
      return await page.evaluate((config) => window.bench.perChange(config), { rounds: options.rounds, batchMs: 2, warmupMs: options.quick ? 50 : 150 });
    } finally {
      await context.close();
    }
  },
  rows(pc) {
    return [
      [`PER CHANGE (µs per call: median / p99 of ${pc.rounds} interleaved batches of ~${pc.batchMs} ms each; ratios of the medians)`],
      ...pc.results.map((r) => [r.id, ...IMPLS.map((i) => `${us(r.impls[i].median)} / ${us(r.impls[i].p99)}`), ...ratios((i) => r.impls[i].median)]),
    ];
  },
};
