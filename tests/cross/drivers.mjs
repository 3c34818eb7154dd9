// One small interface over three browser engines, so that tests/cross/ runs the
// same journeys in each:
//   chromium  Debian's chromium through playwright-core (as tests/e2e/ does)
//   firefox   Debian's firefox-esr through puppeteer-core over WebDriver BiDi
//             (Playwright cannot drive stock Firefox)
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver and selenium-webdriver,
//             on an Xvfb display this module starts and stops (Playwright's WebKit
//             is a patched build that does not run here)
//
// launch(engine) -> { name, version, open(url) -> Tab, close() }
// Tab (and Scope, a frame of it, from tab.frame(selector)):
//   evaluate(fn, arg)  fn runs in the page with one JSON argument; may return a promise
//   waitFor(fn, arg, timeout)  polls evaluate until truthy (fn returns JSON, not a node)
//   fill(selector, text)  focuses the field, empties it and types the text
//   press(key)  'Tab', 'Enter', 'Alt+Enter', ... to the focused element
//   click(selector), setFile(selector, path), text(selector), activeId()
//   frame(selector)  the same interface inside that <iframe>
//   cspViolations(), pageErrors()  what a listener in that document saw: installed
//     before the page's scripts where the driver can (Chromium, Firefox), else by
//     watchCsp() after load (WebKit: WebDriver runs no script earlier)
// Tab only: screenshot(file) of the viewport; download(timeout) -> { name, bytes }
//   of the next finished download; close().
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BINARIES = {
  chromium: process.env.CHROME_PATH || '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
  webkitDriver: '/usr/bin/WebKitWebDriver',
  miniBrowser: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  xvfb: '/usr/bin/Xvfb',
};
const NEEDS = {
  chromium: [BINARIES.chromium],
  firefox: [BINARIES.firefox],
  webkit: [BINARIES.webkitDriver, BINARIES.miniBrowser, BINARIES.xvfb],
};

/** A missing engine fails the lane with what to do: a skip would let CI pass without it. */
export function assertInstalled(engine) {
  const missing = NEEDS[engine].filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(`${engine}: ${missing.join(', ')} not found. Run \`npm run setup\` (it installs chromium, firefox-esr, webkit2gtk-driver, xvfb and xauth).`);
  }
}

/** Installed before the page's own scripts where the driver allows it (Chromium, Firefox). */
const WATCH_CSP = () => {
  if (window.__cspViolations) return;
  window.__cspViolations = [];
  window.__pageErrors = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  // Uncaught errors and rejections, the same way in every engine.
  window.addEventListener('error', (e) => window.__pageErrors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => window.__pageErrors.push(String(e.reason?.message ?? e.reason)));
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Common helpers on top of the few calls each driver implements. */
class Scope {
  async waitFor(fn, arg = null, timeout = 10_000) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.evaluate(fn, arg);
        if (last) return last;
      } catch (error) {
        last = error;
        // A frame that is navigating or not there yet: try again.
      }
      if (Date.now() > end) throw new Error(`waitFor timed out after ${timeout} ms: ${fn}${last instanceof Error ? ` (${last.message})` : ''}`);
      await sleep(50);
    }
  }

  text(selector) {
    return this.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
  }

  activeId() {
    return this.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || null);
  }

  /** Every `securitypolicyviolation` seen by the listener in this document. */
  cspViolations() {
    return this.evaluate(() => window.__cspViolations ?? null);
  }

  /** Uncaught errors and unhandled rejections seen by the same listener. */
  pageErrors() {
    return this.evaluate(() => window.__pageErrors ?? null);
  }

  watchCsp() {
    return this.evaluate(WATCH_CSP);
  }
}

// ------------------------------------------------------------------ chromium (playwright-core)

class PlaywrightScope extends Scope {
  constructor(tab, target) {
    super();
    this.tab = tab;
    this.target = target; // a playwright Page or Frame
  }
  evaluate(fn, arg = null) {
    return this.target.evaluate(fn, arg);
  }
  fill(selector, text) {
    return this.target.fill(selector, text);
  }
  press(key) {
    return this.tab.page.keyboard.press(key);
  }
  click(selector) {
    return this.target.click(selector);
  }
  setFile(selector, file) {
    return this.target.setInputFiles(selector, file);
  }
  async frame(selector) {
    const element = await this.target.waitForSelector(selector, { state: 'attached' });
    return new PlaywrightScope(this.tab, await element.contentFrame());
  }
}

/** Downloads stay in playwright's own folder, read as they finish (its download event names them). */
async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: BINARIES.chromium,
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    async open(url) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', acceptDownloads: true });
      await context.addInitScript(WATCH_CSP); // every frame, before the page's scripts
      const page = await context.newPage();
      const downloads = [];
      page.on('download', (download) => {
        downloads.push(download.path().then((file) => ({ name: download.suggestedFilename(), bytes: fs.readFileSync(file) })));
      });
      const tab = new PlaywrightScope({ page }, page);
      tab.download = async (timeout = 10_000) => {
        const end = Date.now() + timeout;
        while (downloads.length === 0 && Date.now() < end) await sleep(50);
        return downloads.length ? downloads.shift() : Promise.reject(new Error(`no download after ${timeout} ms`));
      };
      tab.close = () => context.close();
      tab.screenshot = (file) => page.screenshot({ path: file });
      await page.goto(url, { waitUntil: 'load' });
      return tab;
    },
    close: () => browser.close(),
  };
}

// ------------------------------------------------------------------ firefox (puppeteer-core, BiDi)

class PuppeteerScope extends Scope {
  constructor(page, target) {
    super();
    this.page = page;
    this.target = target; // a puppeteer Page or Frame
  }
  evaluate(fn, arg = null) {
    return this.target.evaluate(fn, arg);
  }
  async fill(selector, text) {
    await this.target.evaluate((s) => {
      const element = document.querySelector(s);
      element.focus();
      element.select?.();
    }, selector);
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(text);
  }
  async press(key) {
    const parts = key.split('+');
    const main = parts.pop();
    for (const modifier of parts) await this.page.keyboard.down(modifier);
    await this.page.keyboard.press(main);
    for (const modifier of parts.reverse()) await this.page.keyboard.up(modifier);
  }
  async click(selector) {
    if (!this.parent) return this.target.click(selector);
    // In a frame, puppeteer's click asks for the frame's element, which Firefox 140's BiDi
    // cannot locate: a real mouse click at the element's centre, placed from the frame's box.
    const box = await this.target.evaluate((s) => {
      const element = document.querySelector(s);
      element.scrollIntoView({ block: 'center' });
      const r = element.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, selector);
    const origin = await this.parent.evaluate((s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return { x: r.x, y: r.y };
    }, this.selector);
    await this.page.mouse.click(origin.x + box.x, origin.y + box.y);
  }
  async setFile(selector, file) {
    const input = await this.target.$(selector);
    await input.uploadFile(file);
  }
  async frame(selector) {
    // Not element.contentFrame(): Firefox 140's BiDi has no "context" locator it relies on.
    await this.target.waitForSelector(selector);
    const parent = this.target.mainFrame?.() ?? this.target;
    for (const child of parent.childFrames()) {
      const match = await child.evaluate((s) => window.frameElement?.matches(s) ?? false, selector).catch(() => false);
      if (match) return Object.assign(new PuppeteerScope(this.page, child), { parent: this, selector });
    }
    throw new Error(`no frame for ${selector}`);
  }
}

/** What is in `dir` now: name -> mtime, so that a file saved again under the same name counts as new. */
function listing(dir) {
  return new Map(fs.readdirSync(dir).map((name) => [name, fs.statSync(path.join(dir, name)).mtimeMs]));
}

/** The next file that appears complete in `dir` (Firefox writes NAME.part, then renames). */
async function nextFileIn(dir, seen, timeout) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const [name, mtime] of listing(dir)) {
      if (seen.get(name) === mtime || /\.(part|download)$/.test(name) || fs.existsSync(path.join(dir, `${name}.part`))) continue;
      const file = path.join(dir, name);
      const size = fs.statSync(file).size;
      await sleep(100);
      if (fs.statSync(file).size !== size) continue; // still being written
      seen.set(name, fs.statSync(file).mtimeMs);
      return { name, bytes: fs.readFileSync(file) };
    }
    await sleep(50);
  }
  throw new Error(`no download in ${dir} after ${timeout} ms`);
}

async function launchFirefox(downloadDir) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: BINARIES.firefox,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      // Save downloads to our folder, without asking.
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.helperApps.neverAsk.saveToDisk': 'text/csv',
      'browser.download.start_downloads_in_tmp_dir': false,
      'intl.accept_languages': 'ja-JP',
    },
  });
  return {
    name: 'firefox',
    version: await browser.version(),
    async open(url) {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(WATCH_CSP); // a BiDi preload script: this tab's frames too
      const tab = new PuppeteerScope(page, page);
      const seen = listing(downloadDir);
      tab.download = (timeout = 10_000) => nextFileIn(downloadDir, seen, timeout);
      tab.close = () => page.close();
      tab.screenshot = (file) => page.screenshot({ path: file });
      await page.goto(url, { waitUntil: 'load' });
      return tab;
    },
    close: () => browser.close(),
  };
}

// ------------------------------------------------------------------ webkit (selenium-webdriver, WebKitWebDriver)

class SeleniumScope extends Scope {
  constructor(session, frameSelector = null) {
    super();
    this.session = session;
    this.frameSelector = frameSelector;
  }
  /** WebDriver has one current frame per session: every call says which one it needs. */
  async enter() {
    const { driver } = this.session;
    if (this.session.current === this.frameSelector) return driver;
    await driver.switchTo().defaultContent();
    if (this.frameSelector) {
      const { By } = this.session.selenium;
      await driver.switchTo().frame(await driver.findElement(By.css(this.frameSelector)));
    }
    this.session.current = this.frameSelector;
    return driver;
  }
  run(work) {
    const next = this.session.queue.then(() => this.enter().then(work));
    this.session.queue = next.catch(() => {});
    return next;
  }
  evaluate(fn, arg = null) {
    // Execute Script waits for a returned promise (WebDriver spec).
    return this.run((driver) => driver.executeScript(`return (${fn}).call(null, arguments[0]);`, arg));
  }
  find(driver, selector) {
    return driver.findElement(this.session.selenium.By.css(selector));
  }
  fill(selector, text) {
    return this.run(async (driver) => {
      await driver.executeScript('const e = document.querySelector(arguments[0]); e.focus(); e.select?.();', selector);
      const { Key } = this.session.selenium;
      await driver.actions().sendKeys(Key.BACK_SPACE).perform();
      await driver.actions().sendKeys(text).perform();
    });
  }
  press(key) {
    const { Key } = this.session.selenium;
    const names = { Tab: Key.TAB, Enter: Key.ENTER, Alt: Key.ALT, Control: Key.CONTROL, Shift: Key.SHIFT, Backspace: Key.BACK_SPACE, Escape: Key.ESCAPE, Space: Key.SPACE };
    const parts = key.split('+').map((k) => names[k] ?? k);
    const main = parts.pop();
    return this.run(async (driver) => {
      let actions = driver.actions();
      for (const modifier of parts) actions = actions.keyDown(modifier);
      actions = actions.sendKeys(main);
      for (const modifier of parts.reverse()) actions = actions.keyUp(modifier);
      await actions.perform();
    });
  }
  click(selector) {
    return this.run(async (driver) => this.find(driver, selector).then((e) => e.click()));
  }
  setFile(selector, file) {
    return this.run(async (driver) => this.find(driver, selector).then((e) => e.sendKeys(file)));
  }
  async frame(selector) {
    await this.run((driver) => this.find(driver, selector)); // it exists
    return new SeleniumScope(this.session, selector);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on a display number it picks itself (-displayfd): no clash with another display. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const xvfb = track(spawn(BINARIES.xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    }));
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      xvfb.kill();
      reject(new Error(`Xvfb did not start in 10 s: ${err}`));
    }, 10_000);
    xvfb.stderr.on('data', (d) => (err += d));
    xvfb.stdio[3].on('data', (d) => {
      out += d;
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve({ display: `:${out.trim()}`, stop: () => stopProcess(xvfb) });
    });
    xvfb.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    xvfb.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${err}`));
    });
  });
}

/** Xvfb and WebKitWebDriver are ours: if the test process ends without close(), they end with it. */
const children = new Set();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function launchWebKit(downloadDir) {
  const selenium = await import('selenium-webdriver');
  const xvfb = await startXvfb();
  const port = await freePort();
  // MiniBrowser saves downloads in the XDG download folder: ours, through its environment.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hv-webkit-home-'));
  const env = { ...process.env, DISPLAY: xvfb.display, HOME: home, XDG_DOWNLOAD_DIR: downloadDir, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache'), XDG_DATA_HOME: path.join(home, '.local/share'), GDK_BACKEND: 'x11', LANG: 'ja_JP.UTF-8', NO_AT_BRIDGE: '1', MESA_SHADER_CACHE_DISABLE: 'true' };
  fs.mkdirSync(path.join(home, '.config'), { recursive: true });
  fs.writeFileSync(path.join(home, '.config', 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloadDir}"\n`);
  const driverProcess = track(spawn(BINARIES.webkitDriver, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'pipe'] }));
  let driverLog = '';
  driverProcess.stderr.on('data', (d) => (driverLog = (driverLog + d).slice(-4000)));
  const stopAll = async () => {
    await stopProcess(driverProcess);
    await xvfb.stop();
    // The web processes may still be writing their caches for a moment after they were told to quit.
    try {
      fs.rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch {}
  };
  const capabilities = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: BINARIES.miniBrowser, args: ['--automation'] },
  };
  const newSession = async () => {
    const end = Date.now() + 10_000;
    for (;;) {
      try {
        return await new selenium.Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
      } catch (error) {
        if (Date.now() > end) throw new Error(`WebKitWebDriver gave no session: ${error.message} ${driverLog}`);
        await sleep(200);
      }
    }
  };
  let driver;
  try {
    driver = await newSession();
  } catch (error) {
    await stopAll();
    throw error;
  }
  await driver.manage().window().setRect({ width: 1280, height: 900 }).catch(() => {});
  const caps = await driver.getCapabilities();
  return {
    name: 'webkit',
    version: `${caps.get('browserName')} ${caps.get('browserVersion')} (WebKitGTK)`,
    async open(url) {
      // One tab at a time: the session's window, navigated.
      const session = { driver, selenium, current: null, queue: Promise.resolve() };
      const tab = new SeleniumScope(session);
      const seen = listing(downloadDir);
      tab.download = (timeout = 10_000) => nextFileIn(downloadDir, seen, timeout);
      tab.close = async () => {};
      tab.screenshot = async (file) => {
        await session.queue;
        await driver.switchTo().defaultContent();
        session.current = null;
        fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
      };
      await driver.get(url);
      await tab.watchCsp(); // after load: WebDriver has no script that runs before the page's
      return tab;
    },
    async close() {
      await driver.quit().catch(() => {});
      await stopAll();
    },
  };
}

/** Starts `engine`; downloads go to a fresh folder removed by close(). */
export async function launch(engine) {
  assertInstalled(engine);
  const downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), `hv-${engine}-downloads-`));
  const start = { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit }[engine];
  const browser = await start(downloadDir);
  const close = browser.close;
  browser.close = async () => {
    await close();
    fs.rmSync(downloadDir, { recursive: true, force: true });
  };
  return browser;
}

