// Headless Chromium (/usr/bin/chromium or CHROME_PATH) through playwright-core.
import { chromium } from 'playwright-core';
import { log } from './log.mjs';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Headless Chromium; a launch that crashes at start (seen once here, SIGSEGV) is retried. */
export async function launch(extraArgs = []) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({ executablePath: CHROME, headless: true, args: [...CHROME_ARGS, ...extraArgs] });
    } catch (error) {
      if (attempt >= 3) throw error;
      log(`chromium did not start (${error.message.split('\n')[0]}); retrying`);
    }
  }
}
