// OKRs people already have: a Viva Goals export (Explorer CSV or XLSX, or the
// whole organisation's ZIP), any spreadsheet, or the app's own outline,
// opened through Open… or pasted, previewed (period, columns, teams and
// their levels, links, every row left out named) before anything is
// created, then opened as a new canvas; the open canvas is never changed.
const fs = require('fs');
const path = require('path');
const { test, expect, openApp, card } = require('./fixtures');

const NORTHWIND = fs.readFileSync(path.join(__dirname, 'fixtures/sheets/northwind-explorer.csv'));

const HARBOUR = fs.readFileSync(path.join(__dirname, 'fixtures/sheets/harbour-plan.csv'));
const FJORD = fs.readFileSync(path.join(__dirname, 'fixtures/sheets/fjord-org-export.zip'));
const CORPUS = path.join(__dirname, 'bad-input-sheets');

async function openSheet(page, buffer, name = 'northwind-explorer.csv') {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

/** Pastes `text` on the page, outside any field, as a spreadsheet's cells are. */
async function paste(page, text) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function exported(page) {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  return JSON.parse(fs.readFileSync(await (await download).path()));
}

test('a Viva Goals export is previewed, its period chosen, and opens as the canvas it describes', async ({ page }) => {
  await openApp(page);
  const before = await page.getByTestId('canvas-title').textContent();
  await openSheet(page, NORTHWIND);
  const dialog = page.getByTestId('sheet-dialog');
  await expect(dialog).toBeVisible();
  // The latest quarter, with what comes in and what does not.
  await expect(dialog.getByTestId('sheet-period')).toHaveValue('Q2 2026');
  await expect(dialog.getByTestId('sheet-summary')).toHaveText(
    '“Northwind — Q2 2026”: 4 objectives, 5 key results with 6 check-ins, 4 teams, 2 links.',
  );
  await expect(dialog.getByTestId('sheet-teams')).toContainText('Sales Sweden, under Product (1 objective)');
  await expect(dialog.getByTestId('sheet-skipped')).toContainText('Row 7 — “Ship the configurator”: a Deliverable, not an objective or key result.');
  await expect(dialog.getByTestId('sheet-skipped')).toContainText('Row 10 — “Fix the supply chain”: it is in Q1 2026, not in Q2 2026.');
  await expect(dialog.getByTestId('sheet-notes')).toContainText('placed in Product');
  // Nothing is created before the person opens it.
  await expect(page.getByTestId('canvas-title')).toHaveText(before);

  // Another period reads the file again.
  await dialog.getByTestId('sheet-period').selectOption('Q1 2026');
  await expect(dialog.getByTestId('sheet-summary')).toHaveText(
    '“Northwind — Q1 2026”: 2 objectives, 2 key results with 2 check-ins, 2 teams, 1 link.',
  );
  await dialog.getByTestId('sheet-period').selectOption('Q2 2026');
  await expect(dialog.getByTestId('sheet-summary')).toContainText('4 objectives');
  await dialog.getByTestId('sheet-open').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('canvas-title')).toHaveText('Northwind — Q2 2026');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  await expect(card(page, 'o-viva-1003').getByTestId('okr-title')).toHaveText('Launch the e-cargo bike in Sweden');

  // The canvas's file holds what the preview said.
  const file = await exported(page);
  expect(file.cycle).toEqual({ label: 'Q2 2026', start: '2026-04-01', end: '2026-06-30' });
  expect(file.objectives.map((o) => o.id).sort()).toEqual(['o-viva-1001', 'o-viva-1003', 'o-viva-1007', 'o-viva-1011']);
  const launch = file.objectives.find((o) => o.id === 'o-viva-1003');
  expect(launch.keyResults.map((kr) => [kr.title, kr.start, kr.target, kr.current])).toEqual([
    ['Pre-orders in the first month', 0, 3, 4],
    ['Return rate', 14, 7, 10],
  ]);
  expect(launch.keyResults[0].checkIns.map((c) => c.date)).toEqual(['2026-04-15', '2026-05-02', '2026-05-20']);
  expect(file.links).toEqual(expect.arrayContaining([
    expect.objectContaining({ from: 'o-viva-1003', to: 'kr-viva-1002', kind: 'hard' }),
    expect.objectContaining({ from: 'o-viva-1007', to: 'o-viva-1003', kind: 'hard' }),
  ]));
  expect(file.teams.find((t) => t.name === 'Northwind').level).toBe('company');
});

test('a preview cancelled creates nothing, and a file that is no export is refused in words', async ({ page }) => {
  await openApp(page);
  const before = await page.getByTestId('canvas-title').textContent();
  await openSheet(page, NORTHWIND);
  await page.getByTestId('sheet-dialog').getByTestId('sheet-cancel').click();
  await expect(page.getByTestId('sheet-dialog')).toHaveCount(0);
  await expect(page.getByTestId('canvas-title')).toHaveText(before);

  await openSheet(page, Buffer.from('Start,Target\n1,2\n'), 'numbers.csv');
  await expect(page.getByTestId('notice').filter({ hasText: 'numbers.csv was not opened' })).toContainText('no column of titles');
  await expect(page.getByTestId('sheet-dialog')).toHaveCount(0);
  await expect(page.getByTestId('canvas-title')).toHaveText(before);
});

test('a long list of rows left out scrolls inside the preview, and Open stays in reach at 1280×720', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await openApp(page);
  // Northwind with three hundred deliverables more.
  const extra = Array.from({ length: 300 }, (_, i) =>
    `${5000 + i},Deliverable ${i},Product,Ada Lind,Bo Ek,Q2 2026,2026-04-01,2026-06-30,,"Launch the e-cargo bike in Sweden(weight: 0%, Id: 1003)",,,,Deliverable,,,,,0,,Not Started,,,`);
  await openSheet(page, Buffer.concat([NORTHWIND, Buffer.from(`${extra.join('\n')}\n`)]));
  const dialog = page.getByTestId('sheet-dialog');
  await expect(dialog.getByTestId('sheet-skipped').locator('li')).toHaveCount(304);
  await expect(dialog.getByTestId('sheet-open')).toBeInViewport();
  await expect(dialog.getByTestId('sheet-period')).toBeInViewport();
  await dialog.getByTestId('sheet-open').click();
  await expect(page.getByTestId('canvas-title')).toHaveText('Northwind — Q2 2026');
});

test('the Markdown outline the app exports opens again as a canvas with the same objectives, key results and links', async ({ page }) => {
  await openApp(page);
  const original = await exported(page);
  await page.locator('.toolbar__menu summary').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-markdown').click();
  const outline = fs.readFileSync(await (await download).path());
  await openSheet(page, outline, 'Acme.md');
  const dialog = page.getByTestId('sheet-dialog');
  await expect(dialog).toContainText('is an OKR Canvas outline (Markdown)');
  await expect(dialog.getByTestId('sheet-skipped')).toHaveCount(0);
  await dialog.getByTestId('sheet-open').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(original.objectives.length);
  const read = await exported(page);
  const titles = (doc) => doc.objectives.map((o) => [o.title, o.keyResults.map((kr) => kr.title)]).sort();
  expect(titles(read)).toEqual(titles(original));
  const byTitle = (doc) => {
    const name = (id) => doc.objectives.find((o) => o.id === id)?.title
      ?? doc.objectives.flatMap((o) => o.keyResults).find((kr) => kr.id === id)?.title;
    return doc.links.map((l) => `${name(l.from)} → ${name(l.to)} (${l.kind})`).sort();
  };
  expect(byTitle(read)).toEqual(byTitle(original));
});

test('the same export saved as an Excel workbook opens as the same canvas, through a worker of its own', async ({ page }) => {
  await openApp(page);
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname.split('/').pop()));
  await openSheet(page, fs.readFileSync(path.join(__dirname, 'fixtures/sheets/northwind-explorer.xlsx')), 'northwind-explorer.xlsx');
  const dialog = page.getByTestId('sheet-dialog');
  await expect(dialog.getByTestId('sheet-summary')).toHaveText(
    '“Northwind — Q2 2026”: 4 objectives, 5 key results with 6 check-ins, 4 teams, 2 links.',
  );
  // The workbook's reader is fetched for it; the text reader is not.
  expect(fetched).toContain('importer-xlsx_bg.wasm');
  expect(fetched).not.toContain('importer_bg.wasm');
  await dialog.getByTestId('sheet-open').click();
  await expect(page.getByTestId('canvas-title')).toHaveText('Northwind — Q2 2026');
  const file = await exported(page);
  const launch = file.objectives.find((o) => o.id === 'o-viva-1003');
  expect(launch.keyResults[0].checkIns.map((c) => c.note)).toContain('First "batch" sold; the dealers\nwant more');
});

test('the page fetches no importer until a spreadsheet is opened', async ({ page }) => {
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await openApp(page);
  await expect(page.getByTestId('okr-card').first()).toBeVisible();
  expect(fetched.filter((p) => p.includes('importer'))).toEqual([]);
});

test('a workbook that would unpack to gigabytes is refused unread, and the open canvas stays', async ({ page }) => {
  await openApp(page);
  const before = await page.getByTestId('canvas-title').textContent();
  await openSheet(page, fs.readFileSync(path.join(__dirname, 'bad-input-sheets/zip-bomb.xlsx')), 'bomb.xlsx');
  await expect(page.getByTestId('notice').filter({ hasText: 'bomb.xlsx was not opened' })).toContainText('unpacks to 6143 MiB');
  await expect(page.getByTestId('sheet-dialog')).toHaveCount(0);
  await expect(page.getByTestId('canvas-title')).toHaveText(before);
});

test('any spreadsheet: its columns are guessed, corrected by the person, team levels set, and it opens as the canvas', async ({ page }) => {
  await openApp(page);
  const before = await page.getByTestId('canvas-title').textContent();
  await openSheet(page, HARBOUR, 'harbour-plan.csv');
  const dialog = page.getByTestId('sheet-dialog');
  await expect(dialog).toContainText('harbour-plan.csv is a spreadsheet.');
  await expect(dialog.getByTestId('sheet-period')).toHaveCount(0);
  const column = (key) => dialog.locator(`[data-role-key="${key}"]`);
  await expect(column('title')).toHaveValue('1');
  await expect(column('type')).toHaveValue('2');
  await expect(column('target')).toHaveValue('6');
  await expect(column('id')).toHaveValue('');
  await expect(dialog.getByTestId('sheet-summary')).toHaveText(
    '“Harbour Co”: 3 objectives, 4 key results with 0 check-ins, 3 teams, 2 links.',
  );
  await expect(dialog.getByTestId('sheet-skipped')).toContainText('Row 7 — “Paint the cranes”: its type “Task” is neither an objective nor a key result.');
  await expect(dialog.getByTestId('sheet-skipped')).toContainText('Row 11 — “Radio checks”: its Parent “Nowhere objective” is no Id or Title in the file');

  // Without the Type column, a row with a number for a target is a key result, the others objectives.
  await column('type').selectOption('');
  await expect(dialog.getByTestId('sheet-summary')).toHaveText(
    '“Harbour Co”: 5 objectives, 4 key results with 0 check-ins, 3 teams, 2 links.',
  );
  await expect(column('type')).toHaveValue('');
  await column('type').selectOption('2');
  await expect(dialog.getByTestId('sheet-summary')).toContainText('3 objectives');

  // A team's level, changed in the preview.
  const pilots = dialog.locator('[data-sheet-team="Pilots"]');
  await expect(pilots).toHaveValue('department');
  await pilots.selectOption('team');
  await expect(dialog.getByTestId('sheet-teams')).toContainText('Pilots, under Harbour Co');
  await expect(dialog.locator('[data-sheet-team="Pilots"]')).toHaveValue('team');
  await expect(page.getByTestId('canvas-title')).toHaveText(before);

  await dialog.getByTestId('sheet-open').click();
  await expect(page.getByTestId('canvas-title')).toHaveText('Harbour Co');
  await expect(page.getByTestId('okr-card')).toHaveCount(3);
  const file = await exported(page);
  expect(file.cycle).toBeUndefined();
  const levels = Object.fromEntries(file.teams.map((t) => [t.name, t.level]));
  expect(levels).toEqual({ 'Harbour Co': 'company', Cranes: 'department', Pilots: 'team' });
  const unload = file.objectives.find((o) => o.title === 'Unload faster');
  expect(unload.keyResults.map((kr) => [kr.title, kr.start, kr.target, kr.current ?? null])).toEqual([
    ['Containers an hour', 22, 30, 25],
    ['Crane downtime, hours a month', 40, 10, 31],
  ]);
  const calm = file.objectives.find((o) => o.title === 'Be the calmest harbour on the coast');
  const guide = file.objectives.find((o) => o.title === 'Guide every ship in safely');
  expect(file.links).toEqual(expect.arrayContaining([
    expect.objectContaining({ from: unload.id, to: calm.id, kind: 'hard' }),
    expect.objectContaining({ from: guide.id, to: calm.keyResults[0].id, kind: 'hard' }),
  ]));
});

test('a table pasted from a spreadsheet opens through the same preview', async ({ page }) => {
  await openApp(page);
  await paste(page, 'Title\tType\tTarget\tCurrent\nGrow the harbour\tObjective\t\t\nShips a day\tKR\t40\t31\n');
  const dialog = page.getByTestId('sheet-dialog');
  await expect(dialog).toContainText('the pasted table is a spreadsheet.');
  await expect(dialog.getByTestId('sheet-summary')).toContainText('1 objective, 1 key result');
  await dialog.getByTestId('sheet-open').click();
  const file = await exported(page);
  expect(file.objectives[0].keyResults[0]).toEqual(expect.objectContaining({ title: 'Ships a day', target: 40, current: 31 }));
  // Text that is neither a canvas nor a table is explained.
  await paste(page, 'just a word');
  await expect(page.getByTestId('notice').filter({ hasText: 'not a canvas or a table' })).toBeVisible();
});

test('a canvas exported as a spreadsheet opens again as the same objectives, key results, teams and links', async ({ page }) => {
  await openApp(page);
  const original = await exported(page);
  await page.locator('.toolbar__menu summary').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-sheet').click();
  const sheet = await download;
  expect(sheet.suggestedFilename()).toBe(`${original.title}.csv`);
  await expect(page.getByTestId('status').filter({ hasText: `Exported the OKRs as ${original.title}.csv` })).toBeVisible();
  await openSheet(page, fs.readFileSync(await sheet.path()), sheet.suggestedFilename());
  const dialog = page.getByTestId('sheet-dialog');
  await expect(dialog.getByTestId('sheet-skipped')).toHaveCount(0);
  await dialog.getByTestId('sheet-open').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(original.objectives.length);
  const read = await exported(page);
  const shape = (doc) => doc.objectives.map((o) => {
    const team = doc.teams.find((t) => t.id === o.team);
    return [o.id, o.title, team.name, team.level, o.keyResults.map((kr) => [kr.id, kr.title, kr.start, kr.target, kr.current ?? null, kr.unit ?? null])];
  }).sort();
  expect(shape(read)).toEqual(shape(original));
  const hard = (doc) => doc.links.filter((l) => l.kind === 'hard').map((l) => `${l.from}→${l.to}`).sort();
  expect(hard(read)).toEqual(hard(original));
});

test('a Viva Goals organisation export (a ZIP of JSON files) is previewed and opens as its latest quarter', async ({ page }) => {
  await openApp(page);
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname.split('/').pop()));
  await openSheet(page, FJORD, 'fjord-org-export.zip');
  const dialog = page.getByTestId('sheet-dialog');
  await expect(dialog).toContainText('is a Viva Goals organisation export.');
  await expect(dialog.getByTestId('sheet-period')).toHaveValue('Q2 2026');
  await expect(dialog.getByTestId('sheet-summary')).toHaveText(
    '“Fjord Ferries — Q2 2026”: 4 objectives, 5 key results with 7 check-ins, 4 teams, 4 links.',
  );
  await expect(dialog.getByTestId('sheet-soft-links')).toContainText('“Turn the ferry round in ten minutes” → “Sell more season passes” is a soft link');
  await expect(dialog.getByTestId('sheet-skipped')).toContainText('Item 10 — “New ticket machines”: a Project, not an objective or key result.');
  await expect(dialog.getByTestId('sheet-skipped')).toContainText('Item 12 — “Deck chairs repaired”: it is aligned to no objective in the file.');
  await expect(dialog.getByTestId('sheet-notes')).toContainText('1 of its 2 check-ins could not be read');
  expect(fetched).toContain('importer-xlsx_bg.wasm');
  await dialog.getByTestId('sheet-open').click();
  await expect(page.getByTestId('canvas-title')).toHaveText('Fjord Ferries — Q2 2026');
  const file = await exported(page);
  const crossing = file.objectives.find((o) => o.id === 'o-viva-5003');
  expect(crossing.owner).toBe('Nils Berg, Oda Vik');
  expect(crossing.keyResults.map((kr) => [kr.title, kr.unit ?? null, kr.start, kr.target, kr.current])).toEqual([
    ['On-time departures', '%', 82, 95, 89],
    ['Minutes lost to repairs', 'minutes', 900, 300, 640],
  ]);
  expect(Object.fromEntries(file.teams.map((t) => [t.name, t.level]))).toEqual({
    'Fjord Ferries': 'company', Operations: 'department', 'Harbour crew': 'team', Sales: 'department',
  });
  expect(file.links).toEqual(expect.arrayContaining([
    expect.objectContaining({ from: 'o-viva-5003', to: 'kr-viva-5002', kind: 'hard' }),
    expect.objectContaining({ from: 'o-viva-5006', to: 'o-viva-5008', kind: 'soft' }),
  ]));
});

test('every bad spreadsheet of the corpus is refused in words or its bad row named, and the open canvas stays', async ({ page }) => {
  await openApp(page);
  const before = await page.getByTestId('canvas-title').textContent();
  const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8'));
  for (const [name, expected] of Object.entries(manifest)) {
    await openSheet(page, fs.readFileSync(path.join(CORPUS, name)), name);
    if (expected.refused) {
      const notice = page.getByTestId('notice').filter({ hasText: `${name} was not opened` });
      await expect(notice, name).toContainText(expected.refused);
      await notice.getByRole('button', { name: /dismiss|close/i }).first().click();
      await expect(page.getByTestId('sheet-dialog')).toHaveCount(0);
    } else {
      const dialog = page.getByTestId('sheet-dialog');
      await expect(dialog.getByTestId('sheet-skipped'), name).toContainText(expected.skipped);
      await dialog.getByTestId('sheet-cancel').click();
      await expect(dialog).toHaveCount(0);
    }
    await expect(page.getByTestId('canvas-title')).toHaveText(before);
  }
});
