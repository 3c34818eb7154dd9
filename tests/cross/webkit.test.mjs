// The cross-engine journeys (journeys.mjs) in WebKitGTK (MiniBrowser through WebKitWebDriver and selenium-webdriver, on Xvfb).
// Run: node scripts/build.mjs && node --test tests/cross/webkit.test.mjs
import { journeys } from './journeys.mjs';

journeys('webkit');
