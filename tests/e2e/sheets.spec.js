// OKRs people already have: a Viva Goals export opened through Open…,
// previewed (period, teams, links, every row left out named) before anything
// is created, then opened as a new canvas; the open canvas is never changed.
const fs = require('fs');
const path = require('path');
const { test, expect, openApp, card } = require('./fixtures');

const NORTHWIND = fs.readFileSync(path.join(__dirname, 'fixtures/sheets/northwind-explorer.csv'));

async function openSheet(page, buffer, name = 'northwind-explorer.csv') {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
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
  await expect(dialog.getByTestId('sheet-teams')).toContainText('Sales Sweden — team, under Product (1 objective)');
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

  await openSheet(page, Buffer.from('Name,Age\nAda,36\n'), 'people.csv');
  await expect(page.getByTestId('notice').filter({ hasText: 'people.csv was not opened' })).toContainText('Viva Goals export');
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
  await openSheet(page, fs.readFileSync(path.join(__dirname, 'fixtures/sheets/zip-bomb.xlsx')), 'bomb.xlsx');
  await expect(page.getByTestId('notice').filter({ hasText: 'bomb.xlsx was not opened' })).toContainText('unpacks to 6143 MiB');
  await expect(page.getByTestId('sheet-dialog')).toHaveCount(0);
  await expect(page.getByTestId('canvas-title')).toHaveText(before);
});
