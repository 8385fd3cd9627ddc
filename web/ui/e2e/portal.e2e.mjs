// End-to-end walk through the portal in the system Chromium (playwright-core, no browser download).
// Usage: node portal.e2e.mjs <baseUrl> <screenshotDir> <dataDir>
//   dataDir holds tree/ (the 50-file tree the Java test generated, incl. tree/big/big.bin) and big.sha256 of big.bin.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open } from './lib.mjs';

const { baseUrl, data, check, newPage, waitUntil, shot, login, api, openItem, run, go, browserName,
  throttleUploads, pickFolder } = await open('portal.e2e.mjs');
const tree = join(data, 'tree');
const bigSha = readFileSync(join(data, 'big.sha256'), 'utf8').trim();

await run(async () => {
  const alice = await newPage();
  // A wrong password says so without saying which part.
  await alice.goto(baseUrl + '/');
  await alice.getByLabel('User name').fill('alice');
  await alice.getByLabel('Password').fill('wrong');
  await alice.getByRole('button', { name: 'Sign in' }).click();
  await alice.getByRole('alert').filter({ hasText: 'Wrong user name or password' }).waitFor();
  await shot(alice, '01-login-failed');
  await login(alice, 'alice', 'alice-demo');
  const webStorage = await alice.evaluate(() => ({ cookies: document.cookie, session: sessionStorage.length,
    local: Object.keys(localStorage).filter((k) => !k.startsWith('tus::')) }));
  check(webStorage.cookies === '' && webStorage.session === 0 && webStorage.local.length === 0,
    `no credential readable by page scripts (cookie ${JSON.stringify(webStorage.cookies)}, sessionStorage ${webStorage.session}, localStorage ${webStorage.local})`);
  await shot(alice, '02-collections');

  // Home folder, then a new folder and a private one bob must never see.
  await alice.getByRole('link', { name: 'My home folder' }).click();
  await alice.waitForURL(/#\/folder\//);
  for (const name of ['Lung study 2026', 'Private notes']) {
    await alice.getByRole('button', { name: 'New folder' }).click();
    await alice.getByLabel('Name', { exact: true }).fill(name);
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.locator('.vrow a', { hasText: name }).waitFor();
  }
  check(true, 'folders created');
  await alice.locator('.vrow a', { hasText: 'Lung study 2026' }).click();
  await alice.getByRole('heading', { name: 'Lung study 2026' }).waitFor();
  const studyUrl = alice.url();

  // Metadata on the folder, typed.
  await alice.getByRole('button', { name: 'Edit description' }).click();
  await alice.getByLabel('Description', { exact: true }).fill('CT series of the lung project');
  await alice.getByRole('button', { name: 'Add field' }).click();
  await alice.getByLabel('Key', { exact: true }).fill('project');
  await alice.getByLabel('Value', { exact: true }).fill('lung-ct');
  await alice.getByRole('button', { name: 'Save' }).click();
  await alice.locator('.meta-list dd', { hasText: 'lung-ct' }).waitFor();
  check(true, 'metadata saved');

  // Upload the tree; watch it; reload in the middle of the big file (in Chromium the upload is throttled to 15 MB/s
  // so the middle of it lasts long enough to be caught on a fast machine; Firefox cannot be throttled from here,
  // so there the walk reloads as soon as a tenth has gone).
  const throttle = await throttleUploads(alice, 15 * 1024 * 1024);
  await pickFolder(alice, 'dir-input', tree);
  await alice.getByRole('link', { name: 'Uploads' }).click();
  await alice.locator('.upload').first().waitFor();
  const total = await alice.locator('.upload').count();
  check(total === 50, `50 uploads queued (got ${total})`);
  // The big file waits (paused by hand) until the 49 others are done, then goes on and is caught in its middle.
  await alice.getByRole('button', { name: 'Pause big.bin' }).click();
  await waitUntil(alice, () => [...document.querySelectorAll('.upload')]
    .filter((e) => e.getAttribute('data-name') !== 'big.bin').every((e) => e.classList.contains('upload-done')), null, 90_000);
  await alice.getByRole('button', { name: 'Resume big.bin' }).click();
  await waitUntil(alice, () => {
    const bar = document.querySelector('.upload[data-name="big.bin"] progress');
    return bar && bar.value > bar.max * 0.1 && bar.value < bar.max * 0.9;
  }, null, 90_000);
  if (throttle) await shot(alice, '03-uploads-in-progress');
  await alice.reload();
  if (throttle) await throttle.release();
  await alice.getByRole('button', { name: 'User menu' }).waitFor();
  const stored = await alice.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tus::')).map((k) => JSON.parse(localStorage.getItem(k))));
  check(stored.length === 1 && stored[0].metadata.filename === 'big.bin', 'the big upload is remembered in localStorage');
  const head = await api(alice, new URL(stored[0].uploadUrl, baseUrl).pathname, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
  const offset = Number(head.headers['upload-offset']);
  check(head.status === 200 && offset > 0, `server offset before resuming is ${offset} > 0`);
  await alice.getByRole('link', { name: 'Uploads' }).click();
  await shot(alice, '04-uploads-unfinished');
  await alice.getByTestId('resume-input').setInputFiles(join(tree, 'big', 'big.bin'));
  await alice.locator('.upload-done[data-name="big.bin"]').waitFor({ timeout: 120_000 });
  const resumedText = await alice.locator('.upload[data-name="big.bin"]').innerText();
  check(/resumed at/.test(resumedText), 'the big file resumed, not restarted');
  await alice.getByTestId('batch-percent').filter({ hasText: '100%' }).waitFor();
  await shot(alice, '05-uploads-done');
  const found = JSON.parse((await api(alice, '/api/v1/search?q=big&types=file')).text);
  check(found.length === 1 && found[0].sha256 === bigSha, 'stored bytes of big.bin have the source SHA-256');

  // The tree keeps its hierarchy: tree/ct, tree/notes/..., tree/big.
  await go(alice, studyUrl);
  await alice.locator('.vrow a', { hasText: 'tree' }).click();
  await alice.getByRole('heading', { name: 'tree' }).waitFor();
  const treeUrl = alice.url();
  // The listing loads after the heading: wait for it rather than read it at once.
  await alice.locator('.vrow a', { hasText: 'notes' }).first().waitFor({ timeout: 15_000 }).catch(() => {});
  check((await alice.locator('.vrow a').allInnerTexts()).some((n) => n.includes('notes')), 'the tree kept its folders');
  // CT stack: 3 slices down, then a preset.
  await alice.locator('.vrow a', { hasText: 'ct' }).first().click();
  await alice.locator('.vrow a', { hasText: 'slice-01.dcm' }).waitFor();
  await openItem(alice, 'slice-01.dcm');
  const img = alice.getByTestId('stack-image');
  await waitUntil(alice, () => document.querySelector('.slider'));
  await alice.locator('[data-testid=stack-image][data-loaded=true]').waitFor();
  const srcs = [await img.getAttribute('data-src')];
  await alice.locator('.viewport').focus();
  for (let i = 0; i < 3; i++) {
    await alice.keyboard.press('ArrowDown');
    await waitUntil(alice, (prev) => document.querySelector('[data-testid=stack-image]').getAttribute('data-src') !== prev, srcs[srcs.length - 1]);
    srcs.push(await img.getAttribute('data-src'));
    await waitUntil(alice, () => { const i = document.querySelector('[data-testid=stack-image]'); return i.complete && i.naturalWidth > 0; });
  }
  check(new Set(srcs).size === 4 && (await alice.getByTestId('slice-number').innerText()) === '4', 'stepped through 3 slices');
  await alice.getByRole('button', { name: 'Lung' }).click();
  await waitUntil(alice, () => /window=-600,1500/.test(document.querySelector('[data-testid=stack-image]').getAttribute('data-src')));
  const lungSrc = await img.getAttribute('data-src');
  const lungPng = await api(alice, lungSrc, { headers: { Accept: 'image/png' } });
  check(lungPng.status === 200 && lungPng.headers['content-type'] === 'image/png', `the lung-window picture is drawn (${lungPng.status} ${lungPng.headers["content-type"]})`);
  await waitUntil(alice, () => { const i = document.querySelector('[data-testid=stack-image]'); return i.complete && i.naturalWidth > 0; });
  await shot(alice, '06-ct-stack-lung');

  // PDF and CSV.
  await go(alice, treeUrl);
  await openItem(alice, 'report.pdf');
  await alice.locator('iframe.pdf').waitFor();
  await shot(alice, '07-pdf');
  await go(alice, treeUrl);
  await openItem(alice, 'measurements.csv');
  await alice.getByTestId('csv-table').locator('tbody tr').first().waitFor();
  const headers = await alice.getByTestId('csv-table').locator('th').allInnerTexts();
  check(headers.join('|') === 'patient|volume_ml|note', 'CSV shown as a table with its header row');
  await shot(alice, '08-csv');

  // The XSS name is text.
  await go(alice, treeUrl);
  await openItem(alice, '<img src=x onerror=alert(1)>.txt');
  await alice.getByTestId('text-preview').waitFor();
  const title = await alice.locator('h1.file-name').innerText();
  check(title === '<img src=x onerror=alert(1)>.txt' && (await alice.locator('img[src="x"]').count()) === 0, 'the XSS file name is shown as text');
  await shot(alice, '09-xss-name');

  // Zip: extract here, watch the job.
  await go(alice, treeUrl);
  await openItem(alice, 'archive.zip');
  await alice.getByRole('button', { name: 'Extract here' }).click();
  await alice.locator('[data-testid=job-state][data-state=done]').waitFor({ timeout: 60_000 });
  check(true, 'zip extraction job finished');
  await shot(alice, '10-zip-extracted');
  await alice.getByRole('link', { name: 'Jobs' }).click();
  await alice.locator('table.jobs tr[data-state=done]').first().waitFor();
  check(true, 'the jobs panel lists the finished extraction');
  await shot(alice, '10b-jobs');

  // Search by metadata value.
  await alice.getByRole('link', { name: 'Search' }).click();
  await alice.getByLabel('Metadata (KEY=VALUE)').fill('project=lung-ct');
  await alice.getByRole('button', { name: 'Search' }).click();
  await alice.locator('table.grid a', { hasText: 'Lung study 2026' }).waitFor();
  check(true, 'metadata search finds the folder');
  await shot(alice, '11-search');

  // Studies over QIDO-RS: the uploaded CT study, then its series.
  await alice.getByRole('link', { name: 'Studies' }).click();
  await alice.locator('table.studies td', { hasText: 'LUNG-1' }).first().waitFor();
  await alice.locator('table.studies button', { hasText: 'Lung Test' }).first().click();
  await alice.locator('table.studies table td', { hasText: 'CT' }).first().waitFor();
  check(true, 'the study browser lists the CT study and its series');
  await shot(alice, '11b-studies');

  // Share READ with bob.
  await go(alice, studyUrl);
  await alice.getByRole('heading', { name: 'Lung study 2026' }).waitFor();
  await alice.locator('.toolbar').getByRole('button', { name: 'Share' }).click();
  await alice.getByLabel('Add a user or group').fill('bob');
  await alice.locator('.share-add').getByRole('button').last().click();
  await alice.locator('dialog td', { hasText: 'bob' }).waitFor();
  await shot(alice, '12-share');
  await alice.getByRole('button', { name: 'Save access' }).click();
  await alice.getByText('Access saved').waitFor();
  check(true, 'shared READ with bob');
  await go(alice, studyUrl);
  await shot(alice, '13-folder');

  const bob = await newPage();
  await login(bob, 'bob', 'bob-demo');
  await bob.getByRole('link', { name: 'Search' }).click();
  await bob.getByLabel('Search names, descriptions and metadata').fill('Lung study');
  await bob.getByRole('button', { name: 'Search' }).click();
  await bob.locator('table.grid a', { hasText: 'Lung study 2026' }).click();
  await bob.getByRole('heading', { name: 'Lung study 2026' }).waitFor();
  await bob.locator('.vrow a', { hasText: 'tree' }).waitFor();
  await shot(bob, '14-bob-sees-share');
  const privateHits = JSON.parse((await api(bob, '/api/v1/search?q=Private')).text);
  const aliceHome = JSON.parse((await api(alice, '/api/v1/users/me')).text).homeFolderId;
  const homeForBob = await api(bob, `/api/v1/folders/${aliceHome}`);
  check(privateHits.length === 0 && homeForBob.status === 404, "bob sees nothing else of alice's");

  // The site administrator's audit trail shows alice's downloads and previews.
  const admin = await newPage();
  await login(admin, 'admin', 'admin-demo');
  await admin.getByRole('link', { name: 'Audit trail' }).click();
  await admin.getByLabel('User', { exact: true }).fill('alice');
  await admin.getByRole('button', { name: 'Filter', exact: true }).click();
  await admin.locator('table.audit tbody tr', { hasText: 'alice' }).first().waitFor();
  check(true, 'the audit trail lists what alice did');
  await shot(admin, '16-audit');

  // My account, then sign out.
  await alice.getByRole('button', { name: 'User menu' }).click();
  await alice.getByRole('menuitem', { name: 'My account' }).click();
  await alice.getByRole('heading', { name: 'API tokens' }).waitFor();
  await shot(alice, '15-account');
  // Sign out.
  await alice.getByRole('button', { name: 'User menu' }).click();
  await alice.getByRole('menuitem', { name: 'Sign out' }).click();
  await alice.getByText('You have signed out.').waitFor();
});
