// The DICOM parts of the portal: the search page's DICOM filters, the study browser over QIDO-RS (filters, a series
// opened in the stack viewer), the stack viewer on the thorax CT phantom (window/level
// by dragging), the tag list (filter, sequences), and the RT Dose / Structure Set / Plan previews.
// Usage: node dicom.e2e.mjs <baseUrl> <screenshotDir> <dataDir>; dataDir/dicom.json names the studies and folders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open } from './lib.mjs';

const { baseUrl, data, check, newPage, waitUntil, shot, login, openItem, run, go } = await open('dicom.e2e.mjs');
const ids = JSON.parse(readFileSync(join(data, 'dicom.json'), 'utf8'));
const loaded = (page) => waitUntil(page, () => [...document.querySelectorAll('img[data-src]')]
  .every((i) => i.getAttribute('data-loaded') === 'true' && i.complete && i.naturalWidth > 0));

await run(async () => {
  const alice = await newPage();
  await login(alice, 'alice', 'alice-demo');

  // The search page's DICOM filters: CT of PH-001 in March 2024 is the 20 CT slices, not the RT objects or the MR.
  await alice.getByRole('link', { name: 'Search' }).click();
  await alice.getByLabel('Patient ID').fill('PH-001');
  await alice.getByLabel('Modality').fill('CT');
  await alice.getByLabel('Study date from').fill('2024-03-01');
  await alice.getByLabel('Study date to').fill('2024-03-31');
  await alice.getByRole('button', { name: 'Search' }).click();
  await alice.locator('.search-results').waitFor();
  const found = await alice.locator('.search-results tbody td:first-child').allInnerTexts();
  check(found.length === ids.slices && found.every((n) => /^ct-\d\d\.dcm$/.test(n)),
    `patient, modality and date range find the ${ids.slices} CT slices only (${found.length}: ${found.slice(0, 3).join(', ')}...)`);
  check((await alice.locator('.search-results tbody tr').first().locator('a', { hasText: 'Thorax phantom PH-001' }).count()) === 1,
    'each result links to its folder');
  await shot(alice, '30-search-dicom');
  await alice.getByLabel('Modality').fill('MR');
  await alice.getByRole('button', { name: 'Search' }).click();
  await alice.getByText('Nothing found.').waitFor();
  check(true, 'MR of PH-001 in March 2024: nothing');
  await alice.getByLabel('Patient ID').fill('');
  await alice.getByLabel('Study date from').fill('2023-01-01');
  await alice.getByLabel('Study date to').fill('2023-12-31');
  await alice.getByRole('button', { name: 'Search' }).click();
  await waitUntil(alice, (n) => document.querySelectorAll('.search-results tbody tr').length === n, 6);
  check((await alice.locator('.search-results tbody td:first-child').allInnerTexts()).every((n) => n.startsWith('mr-')),
    'MR in 2023 finds the 6 head slices');
  await alice.locator('.search-results tbody a', { hasText: 'mr-01.dcm' }).click();
  await waitUntil(alice, () => location.hash.startsWith('#/file/'));
  check(true, 'a result opens its file page');

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
    'no "open in OHIF" button in the study list: /viewers says OHIF is unavailable');
  const heads = await alice.locator('table.studies > thead > tr > th').allInnerTexts();
  check(heads.length === 7 && heads.every((h) => h.trim() !== ''),
    `without a viewer the studies table has no empty trailing column (${heads.join(' | ')})`);
  // The other filters: modality, date range, description, name (each alone, the patient ID cleared).
  const only = async (what, text) => {
    await alice.getByRole('button', { name: 'Search' }).click();
    await waitUntil(alice, (t) => document.querySelectorAll('table.studies > tbody > tr').length === 1
      && document.querySelector('table.studies').innerText.includes(t), text);
    check(true, `${what} leaves ${text} only`);
  };
  await alice.getByLabel('Patient ID').fill('');
  await alice.getByLabel('Modality', { exact: true }).fill('MR');
  await only('modality MR', 'PH-002');
  await alice.getByLabel('Modality', { exact: true }).fill('');
  await alice.getByLabel('Date from').fill('2024-01-01');
  await alice.getByLabel('Date to').fill('2024-12-31');
  await only('the 2024 date range', 'PH-001');
  await alice.getByLabel('Date from').fill('');
  await alice.getByLabel('Date to').fill('');
  await alice.getByLabel('Description', { exact: true }).fill('without contrast');
  await only('the description', 'MR Head without contrast');
  await alice.getByLabel('Description', { exact: true }).fill('');
  await alice.getByLabel('Patient name').fill('thorax');
  await only('the patient name', 'CT Thorax radiotherapy planning');
  await shot(alice, '30-studies-filtered');
  // A series opens in the stack viewer.
  await alice.locator('table.studies button', { hasText: 'Phantom Thorax' }).click();
  await alice.locator('table.studies table td', { hasText: 'RTSTRUCT' }).first().waitFor();
  await alice.getByRole('button', { name: /^20 instances of series 1$/ }).click();
  await waitUntil(alice, (n) => document.querySelectorAll('ul.instances li').length === n, ids.slices);
  const firstInstances = await alice.locator('ul.instances li button').allInnerTexts();
  check(firstInstances[0] === 'Instance 1' && firstInstances[ids.slices - 1] === `Instance ${ids.slices}`,
    `the CT series lists its ${ids.slices} instances in order`);
  await shot(alice, '31-series-instances');
  await alice.getByRole('button', { name: /^Open series .*\(CT\)/ }).click();
  await waitUntil(alice, () => document.querySelector('.slider'));
  await alice.locator('[data-testid=stack-image][data-loaded=true]').waitFor();
  // the stack fills in after the first slice shows: wait for the whole series
  await waitUntil(alice, (n) => document.querySelector('.overlay.tl')?.textContent.includes(`/ ${n}`), ids.slices, 15_000);
  check((await alice.locator('.overlay.tl').innerText()).includes('Slice 1 /'),
    `"Open" shows the CT series in the stack viewer from its first slice (${ids.slices} slices)`);
  await shot(alice, '31-series-opened');

  // The CT in the stack viewer: drag changes the window, the numbers follow.
  await go(alice, `${baseUrl}/#/folder/${ids.thoraxFolder}`);
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
    await go(alice, `${baseUrl}/#/folder/${ids.thoraxFolder}`);
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
