// Shared by the portal's browser walks: the system Chromium or Firefox ESR (playwright-core, no browser download),
// pages that count dialogs and CSP violations, a CSP-safe wait, screenshots, sign-in and reads through the page's
// own session.
import playwright from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Parses `<baseUrl> <screenshotDir> <dataDir>` and opens the browser; `run(body)` reports and exits. */
export async function open(script) {
  const [baseUrl, shots, data] = process.argv.slice(2);
  if (!baseUrl || !shots || !data) {
    console.error(`usage: ${script} <baseUrl> <screenshotDir> <dataDir>`);
    process.exit(2);
  }
  mkdirSync(shots, { recursive: true });
  const started = Date.now();
  const log = (...a) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);
  const check = (cond, what) => { if (!cond) throw new Error(`check failed: ${what}`); log('ok:', what); };
  const browserName = process.env.E2E_BROWSER ?? 'chromium';
  const browser = await launch(browserName);
  log('browser:', browserName, browser.version());
  const counts = { dialogs: 0, cspViolations: 0 };
  const pages = [];

  /** A page in a context of its own (its own cookies): one person at one desk. */
  async function newPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    if (browserName === 'firefox') await allowDriverEval(context);
    const page = await context.newPage();
    page.on('dialog', (d) => { counts.dialogs++; log('DIALOG fired:', d.message()); d.dismiss(); });
    page.on('pageerror', (e) => log('page error:', e.message));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) { counts.cspViolations++; log('CSP violation:', m.text()); }
    });
    if (process.env.E2E_TRACE) {
      page.on('request', (r) => { if (r.url().includes('/api/v1/uploads') || r.url().includes('/tus')) log('>>', r.method(), r.url(), JSON.stringify(r.headers())); });
      page.on('response', (r) => { if (r.url().includes('/api/v1/uploads') || r.url().includes('/tus')) log('<<', r.status(), r.url()); });
      page.on('requestfailed', (r) => log('FAILED', r.method(), r.url(), r.failure()?.errorText));
    }
    page.setDefaultTimeout(30_000);
    pages.push(page);
    return page;
  }

  // page.waitForFunction compiles its predicate with eval in the page, which the portal's CSP forbids; evaluate() does not.
  async function waitUntil(page, predicate, arg = null, timeout = 30_000) {
    const end = Date.now() + timeout;
    for (;;) {
      if (await page.evaluate(predicate, arg)) return;
      if (Date.now() > end) throw new Error(`waitUntil timed out: ${predicate.toString().slice(0, 200)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Navigates; a change of the hash only is a same-document navigation, for which Firefox sends no load event
   * (page.goto would wait for one until it times out), so the hash is set in the page.
   */
  async function go(page, url) {
    const here = new URL(page.url());
    const there = new URL(url);
    if (here.origin === there.origin && here.pathname === there.pathname && here.search === there.search
      && there.hash) {
      await page.evaluate((hash) => { location.hash = hash; }, there.hash);
      await page.waitForURL(url);
    } else {
      await page.goto(url);
    }
  }

  /**
   * Clicks and returns the file the page offers ({name, text}). Chromium reports the download; Playwright's BiDi
   * Firefox has no download events yet, so there the page's download link is caught before it is followed and
   * its blob read in the page (the portal's downloads of made-up files, such as the audit CSV, are blob links).
   */
  async function download(page, click) {
    if (browserName === 'chromium') {
      const [d] = await Promise.all([page.waitForEvent('download'), click()]);
      return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
    }
    await page.evaluate(() => {
      // The portal's CSP (connect-src 'self') forbids fetching a blob: URL, so the blob is kept when its URL is made.
      const blobs = new Map();
      const createObjectURL = URL.createObjectURL;
      URL.createObjectURL = (blob) => { const url = createObjectURL(blob); blobs.set(url, blob); return url; };
      const original = HTMLAnchorElement.prototype.click;
      window.__e2eDownload = null;
      HTMLAnchorElement.prototype.click = function () {
        if (!this.download) return original.call(this);
        HTMLAnchorElement.prototype.click = original;
        URL.createObjectURL = createObjectURL;
        const name = this.download;
        window.__e2eDownload = blobs.get(this.href).text().then((text) => ({ name, text }));
      };
    });
    await click();
    await waitUntil(page, () => window.__e2eDownload !== null);
    return page.evaluate(() => window.__e2eDownload);
  }

  /**
   * Drags one element onto another. Chromium drags with the mouse; Playwright's BiDi Firefox does not drive HTML
   * drag and drop yet, so there the same events (dragstart, dragenter, dragover, drop, dragend) are sent in the
   * page with one DataTransfer, as the browser would.
   */
  async function drag(page, source, target) {
    if (browserName === 'chromium') return source.dragTo(target);
    const from = await source.elementHandle();
    const to = await target.elementHandle();
    await page.evaluate(([from, to]) => {
      const dataTransfer = new DataTransfer();
      const fire = (el, type) => el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
      fire(from, 'dragstart');
      fire(to, 'dragenter');
      fire(to, 'dragover');
      fire(to, 'drop');
      fire(from, 'dragend');
    }, [from, to]);
  }

  /**
   * Picks a folder in the input with this test id, as a person choosing it in the dialog would. Playwright's BiDi
   * Firefox cannot fill a directory input, so there the files go into a plain file input of the test's and are
   * handed to the portal's input with the relative paths Firefox gives a directory pick (folder/sub/file).
   */
  async function pickFolder(page, testId, dir) {
    const input = page.getByTestId(testId);
    if (browserName === 'chromium') return input.setInputFiles(dir);
    const files = [];
    const walk = (d, rel) => {
      for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (e.isDirectory()) walk(join(d, e.name), `${rel}/${e.name}`);
        else files.push({ path: join(d, e.name), rel: `${rel}/${e.name}` });
      }
    };
    walk(dir, basename(dir));
    await page.evaluate(() => {
      const scratch = document.createElement('input');
      scratch.type = 'file'; scratch.multiple = true; scratch.hidden = true; scratch.id = 'e2e-scratch-files';
      document.body.append(scratch);
    });
    await page.locator('#e2e-scratch-files').setInputFiles(files.map((f) => f.path));
    await input.evaluate((target, paths) => {
      const scratch = document.getElementById('e2e-scratch-files');
      const picked = [...scratch.files];
      picked.forEach((file, i) => Object.defineProperty(file, 'webkitRelativePath', { value: paths[i] }));
      Object.defineProperty(target, 'files', { value: scratch.files, configurable: true });
      scratch.remove();
      target.dispatchEvent(new Event('change', { bubbles: true }));
    }, files.map((f) => f.rel));
  }

  /**
   * Takes the page off the network or back. Chromium emulates it; for Firefox, whose BiDi driver cannot, every
   * request of the page is failed and the page is told what the browser tells it (navigator.onLine and the
   * offline/online events).
   */
  async function setOffline(page, offline) {
    if (browserName === 'chromium') return page.context().setOffline(offline);
    if (offline) await page.route('**/*', (route) => route.abort());
    else await page.unroute('**/*');
    await page.evaluate((offline) => {
      if (offline) Object.defineProperty(navigator, 'onLine', { get: () => false, configurable: true });
      else delete navigator.onLine;
      window.dispatchEvent(new Event(offline ? 'offline' : 'online'));
    }, offline);
  }

  /** Limits the page's upload speed (Chromium's network emulation); null where the browser cannot. */
  async function throttleUploads(page, bytesPerSecond) {
    if (browserName !== 'chromium') return null;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const set = (up) => cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: up });
    await set(bytesPerSecond);
    return { release: () => set(-1) };
  }

  const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`) });

  async function login(page, user, password) {
    await page.goto(baseUrl + '/');
    await page.getByLabel('User name').fill(user);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'User menu' }).waitFor();
  }

  // Reads through the page's own session cookie, as the portal does (GET/HEAD only: no CSRF token needed).
  const api = (page, path, init = {}) => page.evaluate(async ([path, init]) => {
    const headers = { Accept: 'application/json', ...(init.headers ?? {}) };
    const r = await fetch(path, { ...init, headers, credentials: 'same-origin' });
    const text = init.method === 'HEAD' ? '' : await r.text();
    return { status: r.status, headers: Object.fromEntries(r.headers.entries()), text };
  }, [path, init]);

  async function openItem(page, name) {
    await page.locator('.vrow a', { hasText: name }).first().click();
    await page.waitForURL(/#\/file\//);
  }

  /** Runs the walk; on failure a screenshot and the text of every page; never a dialog, never a CSP violation. */
  async function run(body) {
    try {
      await body();
      check(counts.dialogs === 0, 'no native dialog fired (the portal asks in its own dialogs)');
      check(counts.cspViolations === 0, 'no Content-Security-Policy violation');
      log('all checks passed');
      await browser.close();
      process.exit(0);
    } catch (e) {
      console.error('E2E FAILED:', e);
      for (const [i, p] of pages.entries()) {
        await p.screenshot({ path: join(shots, `failure-${script.replace(/\W+/g, '-')}-${i}.png`) }).catch(() => {});
        console.error(`page ${i} at ${p.url()}:`, (await p.locator('main').innerText().catch(() => '')).slice(0, 3000));
      }
      await browser.close().catch(() => {});
      process.exit(1);
    }
  }

  return { baseUrl, shots, data, log, check, newPage, waitUntil, shot, login, api, openItem, run, counts, browserName, go, download,
    throttleUploads, drag, pickFolder, setOffline };
}

/**
 * Since Firefox ESR 140.12, the script Playwright's BiDi driver injects (it compiles with eval) falls under the page's
 * CSP, so evaluate() and every locator fail with "call to eval() blocked by CSP". Chromium's driver is exempt. For
 * Firefox only, the pages' script-src gains 'unsafe-eval' on the way in; every other directive stays as the server
 * sent it, and the Chromium run checks the policy unchanged.
 */
async function allowDriverEval(context) {
  await context.route('**/*', async (route) => {
    if (!route.request().isNavigationRequest()) return route.fallback();
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers().location;
    if (response.status() >= 300 && response.status() < 400 && location) {
      // The browser would not show a followed redirect to this route again: it navigates there itself.
      const target = new URL(location, route.request().url()).href.replace(/"/g, '&quot;');
      return route.fulfill({ status: 200, contentType: 'text/html',
        body: `<!doctype html><meta http-equiv="refresh" content="0;url=${target}">` });
    }
    const headers = response.headers();
    const csp = headers['content-security-policy'];
    if (csp && !csp.includes("'unsafe-eval'")) {
      headers['content-security-policy'] = csp.replace(/script-src /, "script-src 'unsafe-eval' ");
    }
    return route.fulfill({ response, headers });
  });
}

// Playwright's own Firefox is a patched build it downloads; the distribution's Firefox ESR speaks WebDriver BiDi,
// which playwright-core drives through its (still experimental) BiDi Firefox channel.
function launch(name) {
  if (name === 'firefox') {
    return playwright._bidiFirefox.launch({ executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true });
  }
  if (name !== 'chromium') throw new Error(`E2E_BROWSER must be chromium or firefox, not ${name}`);
  return playwright.chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true, // playwright gives every launch a fresh temporary profile
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
