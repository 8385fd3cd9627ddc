// The DICOM parts of the portal: study browser over QIDO-RS, the stack viewer on the thorax CT phantom (window/level
// by dragging), the tag list (filter, sequences), and the RT Dose / Structure Set / Plan previews.
// Usage: node dicom.e2e.mjs <baseUrl> <screenshotDir> <dataDir>; dataDir/dicom.json names the studies and folders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open } from './lib.mjs';

const { baseUrl, data, check, newPage, waitUntil, shot, login, openItem, run } = await open('dicom.e2e.mjs');
const ids = JSON.parse(readFileSync(join(data, 'dicom.json'), 'utf8'));
const loaded = (page) => waitUntil(page, () => [...document.querySelectorAll('img[data-src]')]
  .every((i) => i.getAttribute('data-loaded') === 'true' && i.complete && i.naturalWidth > 0));

await run(async () => {
  const alice = await newPage();
  await login(alice, 'alice', 'alice-demo');

  // Studies over QIDO-RS: both patients, then the thorax study's series.
  await alice.getByRole('link', { name: 'Studies' }).click();
  await alice.locator('table.studies td', { hasText: 'PH-002' }).first().waitFor();
  await alice.getByLabel('Patient ID').fill('PH-001');
  await alice.getByRole('button', { name: 'Search' }).click();
  await waitUntil(alice, () => document.querySelectorAll('table.studies > tbody > tr').length === 1
    && document.querySelector('table.studies').innerText.includes('PH-001'));
  check(true, 'the patient ID filter leaves the thorax study only');
  await alice.locator('table.studies button', { hasText: 'Phantom Thorax' }).click();
  await alice.locator('table.studies table td', { hasText: 'RTSTRUCT' }).first().waitFor();
  check((await alice.locator('table.studies table tbody tr').count()) === 4, 'the thorax study has 4 series');
  await shot(alice, '31-studies-instances');
  check((await alice.getByRole('button', { name: /OHIF/ }).count()) === 0 && (await alice.getByRole('link', { name: /OHIF/ }).count()) === 0,
    'no "open in OHIF" button: the server serves no OHIF viewer');

  // The CT in the stack viewer: drag changes the window, the numbers follow.
  await alice.goto(`${baseUrl}/#/folder/${ids.thoraxFolder}`);
  await alice.locator('.vrow a', { hasText: 'ct-01.dcm' }).waitFor();
  await openItem(alice, 'ct-01.dcm');
  await waitUntil(alice, () => document.querySelector('.slider'));
  await alice.locator('[data-testid=stack-image][data-loaded=true]').waitFor();
  check((await alice.locator('.overlay.tl').innerText()).includes(`/ ${ids.slices}`), `the stack holds ${ids.slices} slices`);
  await alice.locator('.viewport').focus();
  for (let i = 0; i < 9; i++) await alice.keyboard.press('ArrowDown');
  await waitUntil(alice, () => document.querySelector('[data-testid=slice-number]').textContent === '10');
  const before = await alice.getByTestId('stack-image').getAttribute('data-src');
  const wlBefore = await alice.locator('.overlay.tr').innerText();
  const box = await alice.locator('.viewport').boundingBox();
  await alice.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await alice.mouse.down();
  await alice.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 - 60, { steps: 6 });
  await alice.mouse.up();
  await waitUntil(alice, (prev) => document.querySelector('[data-testid=stack-image]').getAttribute('data-src') !== prev, before);
  const wlAfter = await alice.locator('.overlay.tr').innerText();
  check(/W \d+ \/ L -?\d+/.test(wlAfter) && wlAfter !== wlBefore, `dragging changed the window (${wlBefore} -> ${wlAfter})`);
  await alice.getByRole('button', { name: 'Soft tissue' }).click();
  await loaded(alice);
  // the position is read from the slice's tags after the slice changes: wait for slice 10's, not the one before
  await waitUntil(alice, () => /Position: .*22\.5 mm/.test(document.querySelector('.overlay.bl').textContent), null, 15_000);
  check(true, 'slice 10 shows its position (z 22.5 mm)');
  await shot(alice, '32-stack-phantom');

  // The tag list: the filter narrows the rows, a sequence opens and closes.
  await alice.locator('details.tags > summary').click();
  await alice.locator('.tag-row').first().waitFor();
  const all = await alice.locator('.tag-row').count();
  await alice.getByLabel('Filter tags').fill('procedure');
  await waitUntil(alice, (n) => document.querySelectorAll('.tag-row').length < n, all);
  const seq = alice.locator('details.tag-seq').first();
  check(await seq.evaluate((d) => d.open), 'the filter opens the matching sequence');
  await seq.locator('summary').click();
  check(!(await seq.evaluate((d) => d.open)), 'the sequence collapses');
  await seq.locator('summary').click();
  check(await seq.evaluate((d) => d.open), 'and expands again');
  check((await alice.locator('.tag-row').count()) < all, `the filter narrowed ${all} rows`);
  await alice.locator('details.tags').scrollIntoViewIfNeeded();
  await shot(alice, '33-tags');

  // RT Dose, Structure Set, Plan.
  for (const [file, name] of [['rtdose.dcm', '34-rtdose'], ['rtstruct.dcm', '35-rtstruct'], ['rtplan.dcm', '36-rtplan']]) {
    await alice.goto(`${baseUrl}/#/folder/${ids.thoraxFolder}`);
    await alice.locator('.vrow a', { hasText: file }).waitFor();
    await openItem(alice, file);
    await alice.locator('.dicom').waitFor();
    if (file !== 'rtplan.dcm') {
      await alice.locator('.rt img[data-loaded=true]').waitFor();
      await loaded(alice);
    } else {
      await alice.locator('.records table').first().waitFor();
    }
    if (file === 'rtstruct.dcm') {
      const rois = await alice.locator('ul.rois li').allInnerTexts();
      const colours = await alice.locator('ul.rois .swatch').evaluateAll((s) => s.map((e) => getComputedStyle(e).backgroundColor));
      check(rois.some((r) => r.includes('PTV')) && rois.length === 5 && colours.includes('rgb(255, 0, 0)'),
        `the ROI list names 5 structures with their colours (${rois.join(' | ')}; ${colours.join(' | ')})`);
    }
    if (file === 'rtplan.dcm') {
      const text = await alice.locator('.records').innerText();
      check(text.includes('Right lateral') && text.includes('30'), 'the RT Plan tables list the beams and the 30 fractions');
    }
    await shot(alice, name);
  }
});
