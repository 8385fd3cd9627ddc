// Rename, delete (asks first, Cancel keeps), a zip extracted into a folder chosen with the picker, and the idle
// session ending by itself, in the system Chromium. The Java test has put bundle.zip in alice's home folder.
// Usage: node browse-basics.e2e.mjs <baseUrl> <screenshotDir> <dataDir>; the node runs with auth.idleTimeout 15s.
import { open } from './lib.mjs';

const { check, newPage, shot, login, api, openItem, run } = await open('browse-basics.e2e.mjs');

await run(async () => {
  const alice = await newPage();
  await login(alice, 'alice', 'alice-demo');
  await alice.getByRole('link', { name: 'My home folder' }).click();
  await alice.waitForURL(/#\/folder\//);
  for (const name of ['Rename me', 'Delete me']) {
    await alice.getByRole('button', { name: 'New folder' }).click();
    await alice.getByLabel('Name', { exact: true }).fill(name);
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.locator('.vrow a', { hasText: name }).waitFor();
  }

  // Rename: the dialog starts from the old name.
  await alice.getByRole('button', { name: 'Rename Rename me' }).click();
  const nameInput = alice.getByLabel('Name', { exact: true });
  check((await nameInput.inputValue()) === 'Rename me', 'the rename dialog starts from the current name');
  await nameInput.fill('Renamed folder');
  await alice.getByRole('button', { name: 'Save' }).click();
  await alice.locator('.vrow a', { hasText: 'Renamed folder' }).waitFor();
  const home = JSON.parse((await api(alice, '/api/v1/users/me')).text).homeFolderId;
  const names = () => api(alice, `/api/v1/folders?parentType=folder&parentId=${home}`)
    .then((r) => JSON.parse(r.text).map((f) => f.name));
  const afterRename = await names();
  check(afterRename.includes('Renamed folder') && !afterRename.includes('Rename me'), 'renamed on the server');
  await shot(alice, '40-renamed');

  // Delete asks first; Cancel keeps the folder, Delete removes it.
  await alice.getByRole('button', { name: 'Delete Delete me' }).click();
  const dialog = alice.locator('dialog[open]');
  await dialog.getByText('Delete “Delete me”? This cannot be undone.').waitFor();
  await shot(alice, '41-delete-confirm');
  await dialog.locator('button', { hasText: 'Cancel' }).click();   // not the × (labelled Cancel too)
  check((await names()).includes('Delete me'), 'Cancel keeps the folder');
  await alice.getByRole('button', { name: 'Delete Delete me' }).click();
  await alice.locator('dialog[open]').getByRole('button', { name: 'Delete', exact: true }).click();
  await alice.locator('.vrow a', { hasText: 'Delete me' }).waitFor({ state: 'detached' });
  check(!(await names()).includes('Delete me'), 'Delete removes it on the server');

  // "Extract into…" chooses the target with the folder picker (never a native prompt) and shows the job to its end.
  await openItem(alice, 'bundle.zip');
  await alice.getByRole('button', { name: 'Extract into…' }).click();
  const picker = alice.locator('dialog[open]');
  await picker.getByRole('button', { name: 'My home folder' }).click();
  await picker.locator('button.link', { hasText: 'Renamed folder' }).click();
  await picker.getByRole('button', { name: 'Choose this folder' }).click();
  await alice.locator('[data-testid=job-state][data-state=done]').waitFor({ timeout: 60_000 });
  const target = JSON.parse((await api(alice, `/api/v1/folders?parentType=folder&parentId=${home}`)).text)
    .find((f) => f.name === 'Renamed folder');
  const inside = JSON.parse((await api(alice, `/api/v1/items?folderId=${target.id}`)).text).map((i) => i.name);
  check(inside.includes('a.txt'), `the zip was extracted into the folder picked (${inside})`);
  await shot(alice, '45-zip-extracted-into');

  // Left alone longer than the idle timeout (15 s here), the page ends the session by itself, without a click, and
  // says why; the server no longer knows the session either.
  await alice.getByText('Your session ended after a period of inactivity. Please sign in again.').waitFor({ timeout: 25_000 });
  check(await alice.getByLabel('Password').isVisible(), 'the idle session ended by itself: back at the sign-in page');
  check((await api(alice, '/api/v1/session')).status === 401, 'the server has ended the session too');
  await shot(alice, '48-idle-signed-out');
});
