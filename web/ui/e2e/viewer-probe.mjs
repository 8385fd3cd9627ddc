// A quick look at OHIF under Sinfonia (not a test): signs in to the portal as alice, opens /viewer/,
// and prints every failed request, HTTP error, console error and CSP violation, then a screenshot.
// usage (from web/ui):
//   node e2e/viewer-probe.mjs http://127.0.0.1:8080 /tmp/viewer.png
import playwright from 'playwright-core';

const [base, shot] = process.argv.slice(2);
const browser = await playwright.chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
const seen = [];
const note = (...a) => { const line = a.join(' '); seen.push(line); console.log(line); };
page.on('requestfailed', (r) => note('FAILED', r.method(), r.url(), r.failure()?.errorText));
page.on('response', (r) => { if (r.status() >= 400) note('HTTP', r.status(), r.request().method(), r.url()); });
page.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) note('CONSOLE', m.type(), m.text().slice(0, 400)); });
page.on('pageerror', (e) => note('PAGEERROR', e.message.slice(0, 400)));
await page.goto(base + '/');
await page.getByLabel('User name').fill('alice');
await page.getByLabel('Password').fill('alice-demo');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('button', { name: 'User menu' }).waitFor();
console.log('signed in; opening /viewer/');
await page.goto(base + '/viewer/');
await page.waitForTimeout(8000);
console.log('title:', await page.title(), 'url:', page.url());
console.log('body text:', (await page.evaluate(() => document.body.innerText)).slice(0, 600).replace(/\n+/g, ' | '));
if (shot) await page.screenshot({ path: shot });
await browser.close();
console.log(`${seen.length} problem line(s)`);
