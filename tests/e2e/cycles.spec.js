// Cycles: the canvas's period set and edited through its dialog, and the next
// cycle started from the sample in one action: picked objectives carried
// over with their key results restarting where they stand, links kept where
// both ends survive, and the closed cycle's canvas left exactly as it was.
const fs = require('fs');
const path = require('path');
const { test, expect, openApp, card, link, clickCardOnMap, openKeyResult } = require('./fixtures');

const SAMPLE = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../public/examples/acme.okr.json'), 'utf8'),
);

/** Downloads the open canvas through Export and reads the file. */
async function exportCanvas(page) {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  return JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
}

/** Types a key result's current value in the inspector, as a person does. */
async function setCurrent(page, krId, value) {
  const field = (await openKeyResult(page, krId)).getByTestId('kr-edit-current');
  await field.fill(value);
  await field.press('Enter');
}

const keyResult = (doc, id) =>
  doc.objectives.flatMap((o) => o.keyResults || []).find((kr) => kr.id === id);

test('the cycle is edited in its dialog; invalid dates and empty labels are refused', async ({ page }) => {
  // The sample opens in the quarter of today.
  await page.clock.setFixedTime(new Date('2027-02-15T10:00:00'));
  await openApp(page);
  const button = page.getByTestId('cycle-button');
  await expect(button).toHaveText('Q1 2027');
  await button.click();
  const dialog = page.getByTestId('cycle-dialog');
  await expect(dialog).toBeVisible();
  const label = dialog.getByTestId('cycle-label');
  await expect(label).toBeFocused();
  await expect(dialog.getByTestId('cycle-start')).toHaveValue('2027-01-01');
  await expect(dialog.getByTestId('cycle-end')).toHaveValue('2027-03-31');

  // The end before the start: explained, nothing saved.
  await dialog.getByTestId('cycle-end').fill('2026-12-31');
  await dialog.getByTestId('cycle-save').click();
  await expect(dialog.getByTestId('cycle-error')).toContainText('before it starts');
  await expect(dialog).toBeVisible();
  await expect(button).toHaveText('Q1 2027');

  // No label: explained, nothing saved.
  await dialog.getByTestId('cycle-end').fill('2027-06-30');
  await expect(dialog.getByTestId('cycle-error')).toHaveCount(0);
  await label.fill('   ');
  await label.press('Enter');
  await expect(dialog.getByTestId('cycle-error')).toContainText('needs a label');
  await expect(button).toHaveText('Q1 2027');

  await label.fill('H1 2027');
  await dialog.getByTestId('cycle-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(button).toHaveText('H1 2027');
  await expect(page.getByRole('status')).toContainText('The cycle is now H1 2027 (2027-01-01 to 2027-06-30)');
  const saved = await exportCanvas(page);
  expect(saved.cycle).toEqual({ label: 'H1 2027', start: '2027-01-01', end: '2027-06-30' });

  // One undo step.
  await page.getByTestId('undo').click();
  await expect(button).toHaveText('Q1 2027');

  // Escape closes the dialog and gives focus back to the button.
  await button.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();
});

test('a canvas without a cycle offers the current quarter', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('canvases').click();
  await page.getByTestId('new-canvas').click();
  const button = page.getByTestId('cycle-button');
  await expect(button).toHaveText('Set cycle');
  await button.click();
  const dialog = page.getByTestId('cycle-dialog');
  const { label, start, end } = await page.evaluate(() => {
    const now = new Date();
    const quarter = Math.floor(now.getMonth() / 3);
    const pad = (n) => String(n).padStart(2, '0');
    const year = now.getFullYear();
    const last = new Date(year, quarter * 3 + 3, 0).getDate();
    return {
      label: `Q${quarter + 1} ${year}`,
      start: `${year}-${pad(quarter * 3 + 1)}-01`,
      end: `${year}-${pad(quarter * 3 + 3)}-${pad(last)}`,
    };
  });
  await expect(dialog.getByTestId('cycle-label')).toHaveValue(label);
  await expect(dialog.getByTestId('cycle-start')).toHaveValue(start);
  await expect(dialog.getByTestId('cycle-end')).toHaveValue(end);
  await dialog.getByTestId('cycle-save').click();
  await expect(button).toHaveText(label);
});

test('starting the next cycle carries the picked objectives and keeps the closed cycle as it was', async ({ page }) => {
  // The sample opens in the quarter of today.
  await page.clock.setFixedTime(new Date('2027-02-15T10:00:00'));
  await openApp(page);

  // Finish one objective first: both of its key results at their targets.
  await clickCardOnMap(page, 'o-reliable');
  await setCurrent(page, 'kr-uptime', '99.95');
  await setCurrent(page, 'kr-p95', '10');
  await expect(card(page, 'o-reliable').getByTestId('okr-progress')).toHaveAttribute('data-value', '1.000');
  await page.keyboard.press('Escape');
  const closed = await exportCanvas(page);

  await page.getByTestId('cycle-button').click();
  await page.getByTestId('start-next-cycle').click();
  const dialog = page.getByTestId('next-cycle-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('cycle-dialog')).toHaveCount(0);
  await expect(dialog.getByTestId('next-cycle-label')).toBeFocused();
  await expect(dialog.getByTestId('next-cycle-label')).toHaveValue('Q2 2027');
  await expect(dialog.getByTestId('next-cycle-start')).toHaveValue('2027-04-01');
  await expect(dialog.getByTestId('next-cycle-end')).toHaveValue('2027-06-30');

  const box = (id) => dialog.locator(`[data-testid="carry-objective"][data-okr-id="${id}"]`);
  const count = dialog.getByTestId('carry-count');
  const confirm = dialog.getByTestId('next-cycle-confirm');
  await expect(dialog.getByTestId('carry-objective')).toHaveCount(SAMPLE.objectives.length);
  // The finished objective is offered, unticked, and says it is finished.
  await expect(box('o-reliable')).not.toBeChecked();
  const reliableRow = dialog.locator('li', { has: page.locator('[data-okr-id="o-reliable"]') });
  await expect(reliableRow).toContainText('100% · finished');
  await expect(box('o-int-connectors')).toBeChecked();
  await expect(count).toHaveText(`24 of ${SAMPLE.objectives.length} objectives to carry over`);
  await expect(confirm).toHaveText('Start Q2 2027 with 24 objectives');

  await dialog.getByTestId('carry-none').click();
  await expect(box('o-grow-arr')).not.toBeChecked();
  await expect(confirm).toHaveText('Start Q2 2027 with 0 objectives');
  await dialog.getByTestId('carry-all').click();
  await expect(box('o-reliable')).toBeChecked();
  await expect(confirm).toHaveText('Start Q2 2027 with 25 objectives');
  await box('o-reliable').uncheck();
  // Untick one unfinished objective, as a person who drops it would.
  await box('o-int-connectors').uncheck();
  await expect(count).toHaveText(`23 of ${SAMPLE.objectives.length} objectives to carry over`);
  await expect(confirm).toHaveText('Start Q2 2027 with 23 objectives');
  await confirm.click();

  // The new canvas is open.
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('canvas-title')).toHaveText('Acme — Q2 2027');
  await expect(page.getByTestId('cycle-button')).toHaveText('Q2 2027');
  await expect(page.getByRole('status')).toContainText('Q1 2027 is kept in your canvases');
  await expect(page.getByTestId('okr-card')).toHaveCount(23);
  await expect(card(page, 'o-reliable')).toHaveCount(0);
  await expect(card(page, 'o-int-connectors')).toHaveCount(0);
  // Links between carried objectives stay; links to dropped ones are gone.
  await expect(link(page, 'o-eng-erp', 'kr-new-logos')).toHaveAttribute('data-link-kind', 'hard');
  await expect(link(page, 'o-mkt-brand', 'kr-new-logos')).toHaveAttribute('data-link-kind', 'soft');
  await expect(link(page, 'o-int-connectors', 'o-eng-erp')).toHaveCount(0);
  await expect(link(page, 'o-eng-scale', 'o-reliable')).toHaveCount(0);
  await expect(link(page, 'o-plat-month-end', 'kr-p95')).toHaveCount(0);
  // o-eng-scale's hard parent stayed behind: it is flagged to re-align.
  await expect(page.getByRole('status')).toContainText('1 objective lost its hard parent');
  await expect(card(page, 'o-eng-scale').getByTestId('realign-flag')).toHaveCount(1);
  await expect(card(page, 'o-eng-erp').getByTestId('realign-flag')).toHaveCount(0);

  // Key results start where they stood.
  const next = await exportCanvas(page);
  expect(next.cycle).toEqual({ label: 'Q2 2027', start: '2027-04-01', end: '2027-06-30' });
  const arr = keyResult(next, 'kr-arr');
  expect(arr.start).toBe(keyResult(SAMPLE, 'kr-arr').current);
  expect(arr.target).toBe(keyResult(SAMPLE, 'kr-arr').target);
  expect(arr).not.toHaveProperty('current');
  expect(keyResult(next, 'kr-uptime')).toBeUndefined();
  await expect(card(page, 'o-grow-arr').getByTestId('okr-progress')).toHaveAttribute('data-value', '0.000');
  expect(next.teams).toEqual(SAMPLE.teams);

  // The closed cycle is still in the list, exactly as it was.
  await page.getByTestId('canvases').click();
  const entries = page.getByTestId('canvas-entry');
  await expect(entries).toHaveCount(2);
  await entries.filter({ hasNotText: 'Q2 2027' }).getByTestId('canvas-open').click();
  await expect(page.getByTestId('canvas-title')).toHaveText(SAMPLE.title);
  await expect(page.getByTestId('cycle-button')).toHaveText('Q1 2027');
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
  await expect(card(page, 'o-reliable').getByTestId('okr-progress')).toHaveAttribute('data-value', '1.000');
  // The same canvas, exported again as its next revision.
  const again = await exportCanvas(page);
  expect(again.identity.revision).toBe(closed.identity.revision + 1);
  expect({ ...again, identity: closed.identity }).toEqual(closed);
});

test('Escape leaves the next-cycle step without starting anything', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('cycle-button').click();
  await page.getByTestId('start-next-cycle').click();
  const dialog = page.getByTestId('next-cycle-dialog');
  await expect(dialog.getByTestId('next-cycle-label')).toBeFocused();
  // Keys stay in the dialog: P does not start presenting the map behind it.
  await dialog.getByTestId('carry-all').focus();
  await page.keyboard.press('p');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('canvas-title')).toHaveText(SAMPLE.title);
  await page.getByTestId('canvases').click();
  await expect(page.getByTestId('canvas-entry')).toHaveCount(1);
});

test('a read-only shared canvas shows its cycle without offering to edit it', async ({ page }) => {
  await page.goto('/#file=examples/acme.okr.json');
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(page.locator('.app-header__cycle')).toHaveText('Q1 2027');
  await expect(page.getByTestId('cycle-button')).toHaveCount(0);
  await page.getByTestId('edit-copy').click();
  await expect(page.getByTestId('cycle-button')).toHaveText('Q1 2027');
});
