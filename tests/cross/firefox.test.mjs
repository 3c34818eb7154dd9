// The cross-engine journeys (journeys.mjs) in Firefox ESR (Debian's firefox-esr, puppeteer-core over WebDriver BiDi).
// Run: node scripts/build.mjs && node --test tests/cross/firefox.test.mjs
import { journeys } from './journeys.mjs';

journeys('firefox');
