// page/batch.html in headless Chromium, for the batch, memory and batch
// profile runs.
import { launch } from './browser.mjs';
import { log } from './log.mjs';

/** Headless Chromium for the batch sections: precise performance.memory. */
export function launchBatchBrowser() {
  return launch(['--enable-precise-memory-info']);
}

export async function openBatchPage(browser, url, lib = 'lib') {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(`${url}page/batch.html${lib === 'lib' ? '' : `?lib=${lib}`}`);
  await page.waitForFunction(() => window.batch, null, { timeout: 30_000 });
  await page.evaluate(() => window.batch.ready);
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}
