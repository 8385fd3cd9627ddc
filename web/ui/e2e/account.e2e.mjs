// Browser walk: My account and the audit trail. Usage: node account.e2e.mjs <baseUrl> <screenshotDir> <dataDir>
// dataDir holds part.txt ("account" or "audit": the Java test runs the walk twice, dropping files over SFTP in
// between), id_ed25519.pub and id_ed25519.fp (what `ssh-keygen -lf` printed for it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open } from './lib.mjs';

const { baseUrl, data, log, check, newPage, waitUntil, shot, login, api, run, download } = await open('account.e2e.mjs');
const part = readFileSync(join(data, 'part.txt'), 'utf8').trim();

/** GET /api/v1/users/me from node itself (not the page) with a bearer token. */
async function meWithToken(secret) {
  const r = await fetch(`${baseUrl}/api/v1/users/me`, { headers: { Authorization: `Bearer ${secret}`, Accept: 'application/json' } });
  return { status: r.status, body: r.status === 200 ? await r.json() : await r.text() };
}

/** Text of every row of the table whose header row has a column `header`. */
const rowsOf = (page, header) => page.locator('table.grid', { has: page.locator('th', { hasText: header }) }).locator('tbody tr');

async function accountPart() {
  const alice = await newPage();
  await login(alice, 'alice', 'alice-demo');
  await alice.getByRole('button', { name: 'User menu' }).click();
  await alice.getByRole('menuitem', { name: 'My account' }).click();
  await alice.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
  const groups = await alice.getByRole('list', { name: 'Groups' }).locator('li').allInnerTexts();
  const me = JSON.parse((await api(alice, '/api/v1/users/me')).text);
  check(groups.length > 0 && JSON.stringify(groups) === JSON.stringify(me.groups), `her groups are shown: ${groups.join(', ')}`);

  // Tokens: empty state, create (secret shown once), use it from outside the browser, revoke, refused.
  const tokenRows = rowsOf(alice, 'Last used');
  await tokenRows.filter({ hasText: 'No tokens yet' }).waitFor();
  check(await tokenRows.count() === 1, 'the token table shows its empty state');
  await alice.getByLabel('Token name').fill('nightly export script');
  await alice.getByLabel('Expires in days').fill('30');
  await alice.getByRole('button', { name: 'Create token' }).click();
  const secret = (await alice.locator('code.secret').innerText()).trim();
  check(secret.length >= 20, 'the new token is shown once');
  await tokenRows.filter({ hasText: 'nightly export script' }).waitFor();
  check(!(await tokenRows.allInnerTexts()).join('\n').includes(secret), 'the token table does not repeat the secret');
  const used = await meWithToken(secret);
  check(used.status === 200 && used.body.login === 'alice', `Bearer <token> from node answers 200 as alice (${used.status})`);
  await shot(alice, '20-account-tokens');
  await alice.getByRole('button', { name: 'Revoke token nightly export script' }).click();
  const ask = alice.getByRole('dialog', { name: 'Revoke token' });
  check((await ask.innerText()).includes('Revoke “nightly export script”?'), 'revoking asks first, in the portal\'s own dialog');
  await ask.getByRole('button', { name: 'Revoke' }).click();
  await tokenRows.filter({ hasText: 'No tokens yet' }).waitFor();
  const refused = await meWithToken(secret);
  check(refused.status === 401, `the revoked token answers 401 (${refused.status})`);

  // SSH keys: a bad key is refused with the server's reason; the generated key shows its fingerprint.
  const keyRows = rowsOf(alice, 'Fingerprint');
  await keyRows.filter({ hasText: 'No SSH keys yet' }).waitFor();
  await alice.getByRole('textbox', { name: 'Public key' }).fill('ssh-ed25519 bm90IGEga2V5 alice@laptop');
  await alice.getByRole('button', { name: 'Add key' }).click();
  const bad = await alice.locator('#ssh-key-error').innerText();
  check(bad.includes('does not hold a ssh-ed25519 key'), `a bad key shows the server's message: ${bad}`);
  await alice.getByRole('textbox', { name: 'Public key' }).fill(readFileSync(join(data, 'id_ed25519.pub'), 'utf8'));
  await alice.getByRole('button', { name: 'Add key' }).click();
  const fingerprint = readFileSync(join(data, 'id_ed25519.fp'), 'utf8').split(/\s+/).find((w) => w.startsWith('SHA256:'));
  await keyRows.filter({ hasText: fingerprint }).waitFor();
  const keyRow = (await keyRows.first().innerText()).replace(/\s+/g, ' ');
  check(keyRow.includes('ssh-ed25519') && keyRow.includes('alice@laptop') && keyRow.includes(fingerprint),
    `the key row shows type, comment and the fingerprint ssh-keygen printed (${fingerprint})`);
  check(!(await alice.locator('#ssh-key-error').count()), 'the error is gone once a good key is added');

  // A folder to drop into, made in Browse like any other.
  await alice.getByRole('link', { name: 'Browse' }).click();
  await alice.getByRole('link', { name: 'My home folder' }).click();
  await alice.waitForURL(/#\/folder\//);
  await alice.getByRole('button', { name: 'New folder' }).click();
  await alice.getByLabel('Name', { exact: true }).fill('SFTP inbox target');
  await alice.getByRole('button', { name: 'Save' }).click();
  await alice.locator('.vrow a', { hasText: 'SFTP inbox target' }).waitFor();

  // Map inbox/lab to it, zips extracted, through the folder picker.
  await alice.getByRole('button', { name: 'User menu' }).click();
  await alice.getByRole('menuitem', { name: 'My account' }).click();
  const mapRows = rowsOf(alice, 'Inbox path');
  await mapRows.filter({ hasText: 'No drop folders yet' }).waitFor();
  // Scrolled up as a person would: messages sit in the bottom corner, where scrolling "just into view" puts the form.
  await alice.getByRole('heading', { name: 'SFTP drop folders' }).evaluate((h) => h.closest('section').scrollIntoView({ block: 'start' }));
  await alice.getByRole('textbox', { name: 'Inbox path' }).fill('inbox/lab');
  await alice.getByRole('button', { name: 'Choose folder…' }).click();
  const picker = alice.getByRole('dialog', { name: 'Choose the folder files land in' });
  await picker.getByRole('button', { name: 'My home folder' }).click();
  await picker.getByRole('button', { name: 'SFTP inbox target' }).click();
  await picker.getByRole('button', { name: 'Choose this folder' }).click();
  await picker.waitFor({ state: 'detached' });
  await waitUntil(alice, () => document.querySelector('.mapping-form .chosen')?.textContent?.includes('SFTP inbox target'));
  await alice.getByLabel('Extract zips').check();
  await alice.getByRole('button', { name: 'Add drop folder' }).click();
  await mapRows.filter({ hasText: 'inbox/lab' }).waitFor();
  // A second mapping, edited (renamed, zips on) and removed again: the set sent with PUT each time.
  const inboxPath = alice.getByRole('textbox', { name: 'Inbox path' });
  await inboxPath.fill('inbox/scratch');
  await alice.getByRole('button', { name: 'Choose folder…' }).click();
  await picker.getByRole('button', { name: 'My home folder' }).click();
  await picker.getByRole('button', { name: 'SFTP inbox target' }).click();
  await picker.getByRole('button', { name: 'Choose this folder' }).click();
  await alice.getByRole('button', { name: 'Add drop folder' }).click();
  await mapRows.filter({ hasText: 'inbox/scratch' }).filter({ hasText: 'No' }).waitFor();
  await alice.getByRole('button', { name: 'Edit drop folder inbox/scratch' }).click();
  check(await inboxPath.inputValue() === 'inbox/scratch', 'Edit fills the form with the mapping');
  await inboxPath.fill('inbox/scratch2');
  await alice.getByLabel('Extract zips').check();
  await alice.getByRole('button', { name: 'Save drop folder' }).click();
  await mapRows.filter({ hasText: 'inbox/scratch2' }).filter({ hasText: 'Yes' }).waitFor();
  check(await mapRows.count() === 2, 'the edit renamed the mapping instead of adding one');
  await alice.getByRole('button', { name: 'Remove drop folder inbox/scratch2' }).click();
  await alice.getByRole('dialog', { name: 'Remove drop folder' }).getByRole('button', { name: 'Remove' }).click();
  await waitUntil(alice, () => ![...document.querySelectorAll('td code')].some((c) => c.textContent === 'inbox/scratch2'));
  check(await mapRows.count() === 1, 'removed after asking; inbox/lab stays');
  await alice.reload();
  await alice.getByRole('heading', { name: 'SFTP drop folders' }).waitFor();
  await mapRows.filter({ hasText: 'inbox/lab' }).filter({ hasText: 'SFTP inbox target' }).waitFor();
  const mapRow = (await mapRows.filter({ hasText: 'inbox/lab' }).innerText()).replace(/\s+/g, ' ');
  check(/inbox\/lab .*SFTP inbox target Yes/.test(mapRow), `after a reload the mapping shows path, target and zips: ${mapRow}`);
  check(await keyRows.filter({ hasText: fingerprint }).count() === 1, 'after a reload the key is still listed');
  await alice.getByRole('heading', { name: 'SSH public keys' }).evaluate((h) => h.closest('section').scrollIntoView({ block: 'start' }));
  await shot(alice, '21-account-keys-mappings');
}

const localMinute = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

async function auditPart() {
  const admin = await newPage();
  await login(admin, 'admin', 'admin-demo');
  await admin.getByRole('link', { name: 'Audit trail' }).click();
  await admin.getByRole('heading', { name: 'Audit trail' }).waitFor();
  const rows = admin.locator('table.audit tbody tr');
  const filters = admin.getByRole('form', { name: 'Filters' });
  const cells = (n) => rows.evaluateAll((trs, n) => trs.map((tr) => tr.children[n]?.textContent ?? ''), n);
  // The table is aria-busy from the click until the answer is on screen.
  const filter = async () => {
    await Promise.all([admin.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit'),
      filters.getByRole('button', { name: 'Filter', exact: true }).click()]);
    await waitUntil(admin, () => document.querySelector('table.audit')?.getAttribute('aria-busy') !== 'true');
  };

  // user + action
  await filters.getByLabel('User', { exact: true }).fill('alice');
  await filters.getByLabel('Action', { exact: true }).fill('token.create');
  await filter();
  let users = await cells(1), actions = await cells(2);
  check(users.length === 1 && users[0] === 'alice' && actions[0] === 'token.create', `user alice + action token.create: ${users.length} row`);
  await filters.getByLabel('Action', { exact: true }).fill('ingest');
  await filter();
  const details = await cells(6);
  check(details.some((d) => d.includes('lab-notes.txt')) && (await cells(1)).every((u) => u === 'alice'),
    `user alice + action ingest lists the SFTP drop (${details.length} rows)`);

  // A date range: the last hour holds her actions; the same span a day ago holds nothing.
  await filters.getByLabel('Action', { exact: true }).fill('');
  const now = new Date();
  await filters.getByLabel('From', { exact: true }).fill(localMinute(new Date(now.getTime() - 3600_000)));
  await filters.getByLabel('To', { exact: true }).fill(localMinute(new Date(now.getTime() + 120_000)));
  await filter();
  actions = await cells(2);
  check(['login', 'token.create', 'token.revoke', 'ingest'].every((a) => actions.includes(a)) && (await cells(1)).every((u) => u === 'alice'),
    `alice in the last hour: ${[...new Set(actions)].join(', ')}`);
  await shot(admin, '22-audit-filtered');
  // At 1280 px the table fits its panel: no cell pushes it wider, no scrollbar inside the panel either.
  const fit = await admin.evaluate(() => {
    const table = document.querySelector('table.audit'), box = document.querySelector('.table-scroll'), panel = box.parentElement;
    return { width: innerWidth, table: table.getBoundingClientRect().right, panel: panel.getBoundingClientRect().right,
      scroll: box.scrollWidth - box.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
  check(fit.width === 1280 && fit.table <= fit.panel + 0.5 && fit.scroll <= 0 && fit.page <= 0,
    `the audit table fits its panel at 1280 px (${JSON.stringify(fit)})`);
  const shown = await rows.count();
  await filters.getByLabel('From', { exact: true }).fill(localMinute(new Date(now.getTime() - 25 * 3600_000)));
  await filters.getByLabel('To', { exact: true }).fill(localMinute(new Date(now.getTime() - 24 * 3600_000)));
  await filter();
  check(await rows.filter({ hasText: 'No events match these filters.' }).count() === 1 && await rows.count() === 1, 'a range a day ago: empty state');
  await filters.getByLabel('From', { exact: true }).fill(localMinute(new Date(now.getTime() - 3600_000)));
  await filters.getByLabel('To', { exact: true }).fill(localMinute(new Date(now.getTime() + 120_000)));
  await filter();

  // CSV export of what the filters match.
  const exported = await download(admin, () => filters.getByRole('button', { name: 'Export CSV' }).click());
  const csv = exported.text;
  const lines = csv.split('\r\n').filter((l) => l);
  check(lines[0] === 'at,user,action,resourceType,resourceId,clientAddress,outcome,detail', `CSV header row: ${lines[0]}`);
  const cols = lines.slice(1).map((l) => l.split('","'));
  check(cols.length === shown && cols.every((c) => c[1] === 'alice'), `CSV holds alice's ${cols.length} rows, as shown`);
  check(cols.some((c) => c[2] === 'token.create') && cols.some((c) => c[2] === 'ingest'), 'CSV rows include token.create and ingest');
  log('CSV file name:', exported.name);

  // A file's entry links to the file.
  await rows.filter({ hasText: 'lab-notes.txt' }).getByRole('link').click();
  await admin.waitForURL(/#\/file\//);
  await admin.locator('main', { hasText: 'lab-notes.txt' }).waitFor();
  check(true, 'the ingest entry links to the dropped file');
}

await run(async () => {
  if (part === 'account') await accountPart();
  else if (part === 'audit') await auditPart();
  else throw new Error(`part.txt says ${part}`);
});
