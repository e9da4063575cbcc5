// Bad input through the real page: every file of tests/e2e/bad-input/ (described in
// its manifest.json) is chosen in the file input while the small canvas is open. A
// refused file must be explained in an alert that says why, and must leave the open
// canvas exactly as it was. Text from a file is shown as text: no script payload in any
// field may run or add elements. Files too large to keep in the repository (over the
// size limit, over the count limits) are made here at test time.
const fs = require('fs');
const path = require('path');
const { test, expect, openSmall, card } = require('./fixtures');

const CORPUS = path.join(__dirname, 'bad-input');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8'));

const MiB = 1024 * 1024;
const MAX_OBJECTIVES = 20000;
const MAX_KEY_RESULTS = 100000;

/** The canvas as the page shows it: title and the ids of its cards, sorted. */
async function canvasState(page) {
  const title = await page.getByTestId('canvas-title').textContent();
  const ids = await page
    .getByTestId('okr-card')
    .evaluateAll((cards) => cards.map((c) => c.dataset.okrId).sort());
  return { title, ids };
}

/** Elements a payload would have added, and whether one ran. */
async function injected(page) {
  return page.evaluate(() => ({
    pwned: window.__pwned,
    elements: document.querySelectorAll(
      'img[src="x"], iframe, svg[onload], [onerror], [onload], [onmouseover], a[href^="javascript:"]',
    ).length,
    scripts: document.scripts.length,
  }));
}

/** Chooses a file in the page's file input, from the corpus or made here. */
async function chooseFile(page, file) {
  await page.getByTestId('import-file').setInputFiles(file);
}

/** The refusal of `name`: an alert naming the file and saying `expected`, canvas unchanged. */
async function expectRefused(page, name, expected, before, scriptsBefore) {
  const notice = page.locator('[data-testid="notice"][role="alert"]');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(`${name} was not opened`);
  await expect(notice).toContainText(expected);
  expect(await canvasState(page)).toEqual(before);
  await expect(card(page, 'o-co')).toBeVisible();

  // Dismissing the message is a later step of the page; nothing may have run by then.
  await notice.getByRole('button', { name: 'Dismiss this message' }).click();
  await expect(notice).toHaveCount(0);
  expect(await canvasState(page)).toEqual(before);
  expect(await injected(page)).toEqual({ pwned: undefined, elements: 0, scripts: scriptsBefore });
}

for (const [name, entry] of Object.entries(MANIFEST)) {
  if (entry.opens) continue;
  test(`refuses ${name}: ${entry.reason}`, async ({ page }) => {
    await openSmall(page);
    const before = await canvasState(page);
    expect(before.ids).toHaveLength(4);
    const { scripts } = await injected(page);
    await chooseFile(page, {
      name,
      mimeType: 'application/json',
      buffer: fs.readFileSync(path.join(CORPUS, name)),
    });
    await expectRefused(page, name, entry.expect, before, scripts);
  });
}

test('opens the valid payload file and shows every payload as plain text', async ({ page }) => {
  const name = 'payloads-valid.okr.json';
  expect(MANIFEST[name].opens).toBe(true);
  const bytes = fs.readFileSync(path.join(CORPUS, name));
  const file = JSON.parse(bytes.toString('utf8'));
  await openSmall(page);
  const { scripts } = await injected(page);
  await chooseFile(page, { name, mimeType: 'application/json', buffer: bytes });

  // It opened: its own cards replace the small canvas, and a confirmation says so.
  await expect(page.getByTestId('okr-card')).toHaveCount(file.objectives.length);
  await expect(page.getByRole('status')).toContainText(`from ${name}`);
  await expect(page.locator('[data-testid="notice"][role="alert"]')).toHaveCount(0);
  const textOf = (locator) => locator.evaluate((el) => el.textContent);
  await expect.poll(() => textOf(page.getByTestId('canvas-title'))).toBe(file.title);
  await expect(page.locator('.app-header__cycle')).toHaveText(file.cycle.label);

  // The warnings about ignored parts quote their payload names as text.
  const status = page.getByRole('status');
  await expect(status).toContainText('The field "<img src=x onerror="window.__pwned=1">" is not part of the format');
  await expect(status).toContainText("There is no objective '\"><svg onload=window.__pwned=1>'");
  // Put away so that it does not cover the cards clicked below.
  await status.getByRole('button', { name: 'Dismiss this message' }).click();
  await expect(status).toHaveCount(0);

  const teamName = Object.fromEntries(file.teams.map((t) => [t.id, t.name]));
  for (const objective of file.objectives) {
    const c = card(page, objective.id);
    expect(await textOf(c.getByTestId('okr-title'))).toBe(objective.title);
    expect(await textOf(c.locator('.card__team'))).toBe(teamName[objective.team]);
    if (objective.standalone) {
      expect(await textOf(c.locator('.card__standalone'))).toBe(`Stands alone: ${objective.standalone}`);
    }
    for (const kr of objective.keyResults || []) {
      const row = c.locator(`[data-testid="kr-row"][data-kr-id="${kr.id}"]`);
      expect(await textOf(row.locator('.kr__title'))).toBe(kr.title);
    }
  }

  // The editor shows the longer texts as the values of its fields.
  const first = file.objectives[0];
  await card(page, first.id).getByTestId('okr-title').click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector.getByTestId('inspector-title')).toHaveValue(first.title);
  await expect(inspector.getByTestId('inspector-description')).toHaveValue(first.description);
  const kr = first.keyResults[0];
  const krEdit = inspector.locator(`[data-testid="kr-edit"][data-kr-id="${kr.id}"]`);
  await expect(krEdit.getByTestId('kr-edit-title')).toHaveValue(kr.title);
  await expect(krEdit.getByTestId('kr-edit-unit')).toHaveValue(kr.unit);
  const incoming = file.links.find((l) => l.to === kr.id || l.to === first.id);
  await expect(
    inspector
      .locator(`[data-testid="inspector-link"][data-link-from="${incoming.from}"][data-link-to="${incoming.to}"]`)
      .getByTestId('link-edit-note'),
  ).toHaveValue(incoming.note);
  // With the inspector open beside it, the map is fitted again to see every card.
  await page.getByTestId('fit-view').click();
  const alone = file.objectives.find((o) => o.standalone);
  await card(page, alone.id).getByTestId('okr-title').click();
  await expect(inspector.getByTestId('inspector-title')).toHaveValue(alone.title);
  await expect(inspector.getByTestId('inspector-standalone-reason')).toHaveValue(alone.standalone);

  // Export writes every payload back unchanged, check-in notes included.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
  expect(exported.title).toBe(file.title);
  expect(exported.teams.map((t) => t.name)).toEqual(file.teams.map((t) => t.name));
  expect(exported.objectives).toMatchObject(file.objectives);
  expect(exported.links).toEqual(file.links);

  // After all of that, and after a reload that restores it from storage, nothing ran.
  expect(await injected(page)).toEqual({ pwned: undefined, elements: 0, scripts });
  await page.reload();
  await expect.poll(() => textOf(page.getByTestId('canvas-title'))).toBe(file.title);
  await expect(page.getByTestId('okr-card')).toHaveCount(file.objectives.length);
  expect(await injected(page)).toEqual({ pwned: undefined, elements: 0, scripts });
});

/** A canvas whose one description pads the file to `size` bytes. */
function paddedCanvas(size) {
  const head = JSON.stringify({
    format: 'okr-canvas',
    version: 1,
    title: 'Far too big',
    teams: [{ id: 'co', name: 'Co', level: 'company' }],
    objectives: [{ id: 'o-big', team: 'co', title: 'Big', description: '' }],
    links: [],
  });
  const at = head.indexOf('"description":""') + '"description":"'.length;
  const padding = size - head.length;
  const buffer = Buffer.alloc(size, 'd');
  buffer.write(head.slice(0, at), 0, 'utf8');
  buffer.write(head.slice(at), at + padding, 'utf8');
  return buffer;
}

for (const [label, size] of [
  ['a 20 MB file', 20 * MiB],
  ['a file one byte over 10 MiB', 10 * MiB + 1],
]) {
  test(`refuses ${label} with the size limit`, async ({ page }, testInfo) => {
    const name = `too-big-${size}.okr.json`;
    const buffer = paddedCanvas(size);
    expect(buffer.length).toBe(size);
    expect(JSON.parse(buffer.toString('utf8')).objectives[0].description.length).toBeGreaterThan(10 * MiB - 300);
    const file = testInfo.outputPath(name);
    fs.writeFileSync(file, buffer);

    await openSmall(page);
    const before = await canvasState(page);
    const { scripts } = await injected(page);
    await chooseFile(page, file);
    await expectRefused(page, name, 'a canvas file may be at most 10 MiB', before, scripts);
  });
}

test('refuses a file of more objectives than the limit', async ({ page }) => {
  const name = 'too-many-objectives.okr.json';
  const buffer = Buffer.from(
    `{"format":"okr-canvas","version":1,"title":"Too many","teams":[],"objectives":[${Array(MAX_OBJECTIVES + 1)
      .fill('{}')
      .join(',')}],"links":[]}`,
  );
  await openSmall(page);
  const before = await canvasState(page);
  const { scripts } = await injected(page);
  await chooseFile(page, { name, mimeType: 'application/json', buffer });
  await expectRefused(
    page,
    name,
    `The file has ${MAX_OBJECTIVES + 1} objectives; at most ${MAX_OBJECTIVES} are allowed.`,
    before,
    scripts,
  );
});

test('refuses a file of more key results than the limit', async ({ page }) => {
  const name = 'too-many-key-results.okr.json';
  const buffer = Buffer.from(
    `{"format":"okr-canvas","version":1,"title":"Too many","teams":[],"objectives":[{"keyResults":[${Array(
      MAX_KEY_RESULTS + 1,
    )
      .fill('0')
      .join(',')}]}],"links":[]}`,
  );
  await openSmall(page);
  const before = await canvasState(page);
  const { scripts } = await injected(page);
  await chooseFile(page, { name, mimeType: 'application/json', buffer });
  await expectRefused(
    page,
    name,
    `The file has ${MAX_KEY_RESULTS + 1} key results; at most ${MAX_KEY_RESULTS} are allowed.`,
    before,
    scripts,
  );
});
