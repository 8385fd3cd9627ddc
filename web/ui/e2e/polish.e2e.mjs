// Issue 16 in the system Chromium: moving by drag (onto a folder row and onto a breadcrumb), the move and copy
// dialogs, a yes/no metadata value false, a drop of files onto the folder view, a damaged picture, an audio file
// that plays and seeks by Range (206), cancelling a long extraction in the jobs panel, and a folder of 10,000 items
// (time to first rows and scroll frame times are printed). PortalPolishTest has put the files in alice's home folder.
// Usage: node polish.e2e.mjs <baseUrl> <screenshotDir> <dataDir>
import { open } from './lib.mjs';

const { baseUrl, log, check, newPage, waitUntil, shot, login, api, openItem, run, go, drag, setOffline } = await open('polish.e2e.mjs');
const json = async (page, path) => JSON.parse((await api(page, `/api/v1/${path}`)).text);

await run(async () => {
  const alice = await newPage();
  await login(alice, 'alice', 'alice-demo');
  const home = (await json(alice, 'users/me')).homeFolderId;
  const folders = async (parent) => json(alice, `folders?parentType=folder&parentId=${parent}&limit=500`);
  const itemNames = async (folder) => (await json(alice, `items?folderId=${folder}&limit=500`)).map((i) => i.name);
  const folderId = async (parent, name) => (await folders(parent)).find((f) => f.name === name)?.id;
  const openHome = async () => {
    await go(alice, `${baseUrl}/#/folder/${home}`);
    await alice.locator('.vrow[data-name="Target A"]').waitFor();
  };
  const targetA = await folderId(home, 'Target A'), targetB = await folderId(home, 'Target B'), mover = await folderId(home, 'Mover');
  await openHome();

  // 1. Drag an item row onto a folder row: it moves there on the server.
  await drag(alice, alice.locator('.vrow[data-name="drag-me.txt"]'), alice.locator('.vrow[data-name="Target A"]'));
  await alice.locator('.vrow[data-name="drag-me.txt"]').waitFor({ state: 'detached' });
  check((await itemNames(targetA)).includes('drag-me.txt') && !(await itemNames(home)).includes('drag-me.txt'),
    'an item dragged onto a folder row moved into it on the server');
  // A folder dragged onto a folder row, then from inside that folder onto the breadcrumb of home: back again.
  await drag(alice, alice.locator('.vrow[data-name="Mover"]'), alice.locator('.vrow[data-name="Target B"]'));
  await alice.locator('.vrow[data-name="Mover"]').waitFor({ state: 'detached' });
  check((await json(alice, `folders/${mover}`)).parentId === targetB, 'a folder dragged onto a folder row moved into it');
  await go(alice, `${baseUrl}/#/folder/${targetB}`);
  await alice.locator('.vrow[data-name="Mover"]').waitFor();
  await shot(alice, '60-before-drag-to-crumb');
  await drag(alice, alice.locator('.vrow[data-name="Mover"]'), alice.locator('nav.crumbs a').last());
  await alice.locator('.vrow[data-name="Mover"]').waitFor({ state: 'detached' });
  check((await json(alice, `folders/${mover}`)).parentId === home, 'a folder dragged onto a breadcrumb moved there');

  // 2. The move and copy dialogs (the folder picker), checked on the server.
  await openHome();
  for (const [verb, name, into] of [['Move', 'dialog-move.txt', 'Target A'], ['Copy', 'dialog-copy.txt', 'Target B']]) {
    await alice.getByRole('button', { name: `${verb} ${name}` }).click();
    const picker = alice.locator('dialog[open]');
    await picker.getByRole('button', { name: 'My home folder' }).click();
    await picker.locator('button.link', { hasText: into }).click();
    await picker.getByRole('button', { name: 'Choose this folder' }).click();
    await picker.waitFor({ state: 'detached' });
  }
  await waitUntil(alice, () => !document.querySelector('.vrow[data-name="dialog-move.txt"]'));
  check((await itemNames(targetA)).includes('dialog-move.txt') && !(await itemNames(home)).includes('dialog-move.txt'), 'the Move dialog moved the item');
  check((await itemNames(targetB)).includes('dialog-copy.txt') && (await itemNames(home)).includes('dialog-copy.txt'), 'the Copy dialog copied the item (both are there)');

  // 3. Metadata: a yes/no value false is saved as false, one picked "true" as true.
  await alice.getByRole('button', { name: 'Edit description' }).click();
  const form = alice.locator('form.meta-edit');
  await form.getByRole('button', { name: 'Add field' }).click();
  await form.getByRole('button', { name: 'Add field' }).click();
  await form.getByLabel('Key').nth(0).fill('reviewed');
  await form.getByLabel('Type', { exact: true }).nth(0).selectOption('boolean');
  await form.getByLabel('Value').nth(0).selectOption('false');
  await form.getByLabel('Key').nth(1).fill('consented');
  await form.getByLabel('Type', { exact: true }).nth(1).selectOption('boolean');
  await form.getByLabel('Value').nth(1).selectOption('true');
  await shot(alice, '61-meta-booleans');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });
  const meta = (await json(alice, `folders/${home}`)).meta ?? {};
  check(meta.reviewed === false && meta.consented === true, `yes/no values saved as booleans (${JSON.stringify(meta)})`);

  // 4. Files dropped onto the folder view upload into it (a drop event with a DataTransfer built in the page).
  await alice.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['dropped one\n'], 'dropped-1.txt', { type: 'text/plain' }));
    dt.items.add(new File(['dropped two\n'], 'dropped-2.txt', { type: 'text/plain' }));
    const target = document.querySelector('section.browser');
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  // The list shows them once they are uploaded, without a reload.
  await alice.locator('.vrow[data-name="dropped-1.txt"]').waitFor({ timeout: 20_000 });
  await alice.locator('.vrow[data-name="dropped-2.txt"]').waitFor({ timeout: 20_000 });
  const afterDrop = await itemNames(home);
  check(afterDrop.includes('dropped-1.txt') && afterDrop.includes('dropped-2.txt'), 'files dropped onto the folder view were uploaded into it and listed');
  await shot(alice, '62-dropped-files');

  // 4b. Offline, an upload waits (says so) instead of failing, and resumes by itself when the network is back.
  await setOffline(alice, true);
  await alice.getByTestId('file-input').setInputFiles({ name: 'offline.txt', mimeType: 'text/plain', buffer: Buffer.from('sent after the network came back\n') });
  await alice.getByRole('link', { name: 'Uploads' }).click();
  const offlineState = alice.locator('.upload[data-name="offline.txt"] .state');
  await alice.locator('.upload[data-name="offline.txt"] .state[data-shown=offline]').waitFor({ timeout: 20_000 });
  await shot(alice, '62b-upload-offline');
  check((await offlineState.innerText()).trim() === 'Waiting for network', `offline, the upload's state label says so (${await offlineState.innerText()})`);
  check((await alice.locator('.upload[data-name="offline.txt"] .state').getAttribute('data-state')) === 'uploading', 'offline, the upload waits instead of failing');
  await alice.waitForTimeout(3000);
  check((await alice.locator('.upload[data-name="offline.txt"] .state').getAttribute('data-state')) === 'uploading', 'still waiting after 3 s offline (no retries burnt into a failure)');
  await setOffline(alice, false);
  await alice.locator('.upload[data-name="offline.txt"] .state[data-state=done]').waitFor({ timeout: 30_000 });
  check((await offlineState.innerText()).trim() === 'Done', 'back online, the label is no longer "Waiting for network"');
  check((await itemNames(home)).includes('offline.txt'), 'back online, the upload resumed by itself and reached the server');

  // 5. A picture the browser cannot decode: the placeholder with its reason, never a broken image.
  await openHome();
  await openItem(alice, 'broken.png');
  await alice.locator('.placeholder').waitFor();
  const shownType = await alice.getByTestId('file-type').innerText();
  check(shownType === 'image/png', `a picture uploaded without a type shows its effective type, not octet-stream (${shownType})`);
  const reason = await alice.locator('.placeholder').innerText();
  check(!(await alice.locator('img.picture').count()), `a damaged picture shows the placeholder, no broken image (${reason.replace(/\s+/g, ' ')})`);
  await shot(alice, '63-broken-picture');

  // 6. Audio plays, and a seek is answered by a Range request with 206.
  const media = [];
  alice.on('response', (r) => {
    if (/\/download/.test(r.url())) media.push({ status: r.status(), range: r.request().headers().range ?? '' });
  });
  await openHome();
  await openItem(alice, 'tone.wav');
  await waitUntil(alice, () => { const a = document.querySelector('audio'); return a && a.readyState >= 1 && a.duration > 0; });
  const duration = await alice.evaluate(() => document.querySelector('audio').duration);
  await alice.evaluate(() => { const a = document.querySelector('audio'); a.muted = true; return a.play(); });
  await waitUntil(alice, () => document.querySelector('audio').currentTime > 0.3, null, 15_000);
  check(true, `the audio plays (duration ${duration.toFixed(0)} s)`);
  // Seek beyond what is buffered (1,700 s of 8 kHz 8-bit mono is byte 13,600,044), so the data must come by a new request.
  const buffered = await alice.evaluate(() => { const a = document.querySelector('audio'); return a.buffered.length ? a.buffered.end(a.buffered.length - 1) : 0; });
  await alice.evaluate(() => { document.querySelector('audio').currentTime = 1700; });
  await waitUntil(alice, () => { const a = document.querySelector('audio'); return !a.seeking && a.currentTime >= 1700; }, null, 15_000);
  const seekStart = (m) => Number(/^bytes=(\d+)-/.exec(m.range)?.[1] ?? 0);
  for (let i = 0; i < 50 && !media.some((m) => m.status === 206 && seekStart(m) > 13_000_000); i++) await alice.waitForTimeout(100);
  const seekable = await alice.evaluate(() => { const a = document.querySelector('audio'); return a.seekable.length ? a.seekable.end(0) : 0; });
  log('media responses:', JSON.stringify(media));
  check(seekable >= 1799, `the whole file is seekable (${seekable.toFixed(0)} s; ${buffered.toFixed(0)} s buffered before the seek)`);
  const seekRange = media.find((m) => m.status === 206 && seekStart(m) > 13_000_000);
  check(!!seekRange, `seeking to 1,700 s issued a Range request answered 206 (${seekRange?.range})`);
  await shot(alice, '64-audio-seeked');
  await alice.evaluate(() => document.querySelector('audio').pause());

  // 7. A long extraction cancelled from the jobs panel ends cancelled.
  await openHome();
  await openItem(alice, 'many.zip');
  await alice.getByRole('button', { name: 'Extract here' }).click();
  await alice.locator('[data-testid=job-state]').waitFor();
  await alice.getByRole('link', { name: 'Jobs' }).click();
  const running = alice.locator('table.jobs tr:not([data-state=done]):not([data-state=failed]):not([data-state=cancelled])', { has: alice.getByRole('button', { name: 'Cancel' }) }).first();
  await running.getByRole('button', { name: 'Cancel' }).click();
  await alice.locator('table.jobs tr[data-state=cancelled]').waitFor({ timeout: 60_000 });
  const jobs = await json(alice, 'jobs?limit=100');
  check(jobs.some((j) => j.state === 'cancelled'), `the extraction job is cancelled on the server (${jobs.map((j) => `${j.kind}:${j.state}`).join(', ')})`);
  await shot(alice, '65-job-cancelled');

  // 8. A folder of 10,000 items: time to the first rows, then scrolling to the end frame by frame.
  const big = await folderId(home, 'Big');
  const t0 = Date.now();
  await go(alice, `${baseUrl}/#/folder/${big}`);
  await alice.locator('.vrow[data-name="item-00000"]').waitFor();
  const firstRows = Date.now() - t0;
  await alice.getByText('10000 entries').waitFor();
  const frames = await alice.evaluate(() => new Promise((done) => {
    const box = document.querySelector('.vlist');
    const times = [];
    let last = performance.now();
    const started = last;
    const step = (now) => {
      times.push(now - last); last = now;
      box.scrollTop += 600;
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) done({ times, total: now - started });
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }));
  await alice.locator('.vrow[data-name="item-09999"]').waitFor();
  const sorted = [...frames.times.slice(1)].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(1);
  log(`[bench] folder of 10,000 items: first rows after ${firstRows} ms; scrolled to the end in ${frames.times.length} frames, ` +
    `${(frames.total / 1000).toFixed(2)} s; frame time median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
  check(firstRows < 10_000, 'the first rows of the big folder appear within 10 s');
  await shot(alice, '66-big-folder-end');
});
