// The cross-engine journeys (journeys.mjs) in Chromium (Debian's chromium, playwright-core).
// Run: node scripts/build.mjs && node --test tests/cross/chromium.test.mjs
import { journeys } from './journeys.mjs';

journeys('chromium');
