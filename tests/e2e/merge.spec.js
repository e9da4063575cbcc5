// The file's round trip: the centre exports, a team lead edits the file in
// their own browser and sends it back, the centre meanwhile changed its own
// canvas; merging the file back shows every change before it happens, keeps
// both sides' work, is one undo step, and asks when both changed one thing.
const fs = require('fs');
const { test, expect, openApp, openSmall, card, openKeyResult } = require('./fixtures');

async function exported(page) {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  return fs.readFileSync(await (await download).path());
}

async function retitle(page, id, title) {
  await card(page, id).click();
  await page.getByTestId('inspector-title').fill(title);
  await page.getByTestId('inspector-title').press('Enter');
  await expect(card(page, id).getByTestId('okr-title')).toHaveText(title);
}

async function merge(page, buffer) {
  // More → Merge a file… (the menu may still be open from the last time).
  if (!(await page.getByTestId('merge-file').isVisible())) {
    await page.locator('.toolbar__menu summary').click();
  }
  await expect(page.getByTestId('merge-file')).toBeVisible();
  await page.getByTestId('merge-file-input').setInputFiles({ name: 'returned.okr.json', mimeType: 'application/json', buffer });
  await expect(page.getByTestId('merge-dialog')).toBeVisible();
}

test('a team lead\'s returned file merges three-way: both sides kept, reviewed first, one undo step; a conflict is chosen both ways', async ({ browser }) => {
  const centre = await (await browser.newContext()).newPage();
  const lead = await (await browser.newContext()).newPage();
  await openSmall(centre);
  const sent = await exported(centre);
  expect(JSON.parse(sent.toString()).identity.revision).toBe(1);

  // The team lead opens the file in their own browser, retitles Brand's
  // objective and raises a key result's target, and sends it back.
  await openApp(lead);
  await lead.getByTestId('import-file').setInputFiles({ name: 'small.okr.json', mimeType: 'application/json', buffer: sent });
  await expect(lead.getByTestId('okr-card')).toHaveCount(4);
  await retitle(lead, 'o-brand', 'Be the name the Nordics know');
  await card(lead, 'o-nordic').click();
  await openKeyResult(lead, 'kr-nordic-deals');
  const target = lead.locator('[data-kr-id="kr-nordic-deals"] [data-testid="kr-edit-target"]');
  await target.fill('12');
  await target.press('Enter');
  await expect(lead.locator('[data-kr-id="kr-nordic-deals"] [data-testid="kr-progress"]').first()).toHaveAttribute('data-value', '0.667');
  const returned = await exported(lead);
  // It names the version it came from.
  expect(JSON.parse(returned.toString()).identity).toEqual(JSON.parse(sent.toString()).identity);

  // Meanwhile the centre retitled the company objective.
  await retitle(centre, 'o-co', 'Win the Nordic market by autumn');
  await merge(centre, returned);
  const dialog = centre.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-summary')).toHaveAttribute('data-three-way', 'true');
  await expect(dialog.getByTestId('merge-change')).toHaveCount(2);
  await expect(dialog.locator('[data-testid="merge-change"][data-conflict="true"]')).toHaveCount(0);
  await expect(dialog.locator('[data-key="kr-nordic-deals"] [data-testid="merge-field"]')).toHaveText('target: 10 → 12');
  // Nothing changed before Apply.
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be known in the Nordics');
  await dialog.getByTestId('merge-apply').click();
  await expect(dialog).toHaveCount(0);
  await expect(centre.getByRole('status')).toContainText('Merged returned.okr.json: 2 changes taken');
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be the name the Nordics know');
  await expect(card(centre, 'o-co').getByTestId('okr-title')).toHaveText('Win the Nordic market by autumn');
  // One undo takes the whole merge back, and only the merge.
  await centre.keyboard.press('Control+z');
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be known in the Nordics');
  await expect(card(centre, 'o-co').getByTestId('okr-title')).toHaveText('Win the Nordic market by autumn');

  // Now the centre retitles Brand's objective too: both changed it.
  await retitle(centre, 'o-brand', 'Be famous in the Nordics');
  await merge(centre, returned);
  const conflict = dialog.locator('[data-key="o-brand"]');
  await expect(conflict).toHaveAttribute('data-conflict', 'true');
  await expect(dialog.getByTestId('merge-apply')).toBeDisabled();
  await expect(dialog.getByTestId('merge-undecided')).toHaveText('1 conflict needs a choice');
  await conflict.getByTestId('merge-keep').check();
  await dialog.getByTestId('merge-apply').click();
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be famous in the Nordics');
  await centre.keyboard.press('Control+z');
  await merge(centre, returned);
  await dialog.locator('[data-key="o-brand"]').getByTestId('merge-take').check();
  await dialog.getByTestId('merge-apply').click();
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be the name the Nordics know');
});

test('a file with no known version to compare with makes every difference a choice', async ({ page }) => {
  await openSmall(page);
  const small = JSON.parse(fs.readFileSync(require('path').join(__dirname, 'fixtures/small.okr.json')));
  small.objectives.find((o) => o.id === 'o-brand').title = 'Someone else\'s title';
  await merge(page, Buffer.from(JSON.stringify(small)));
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-summary')).toHaveAttribute('data-three-way', 'false');
  await expect(dialog.getByTestId('merge-summary')).toContainText('does not say which version');
  await expect(dialog.locator('[data-testid="merge-change"][data-conflict="true"]')).toHaveCount(1);
  await dialog.getByTestId('merge-take-all').click();
  await dialog.getByTestId('merge-apply').click();
  await expect(card(page, 'o-brand').getByTestId('okr-title')).toHaveText('Someone else\'s title');
});

test('objectives made at the same time in two browsers get their own ids, so the merge adds the other one beside ours', async ({ browser }) => {
  const centre = await (await browser.newContext()).newPage();
  const lead = await (await browser.newContext()).newPage();
  await openSmall(centre);
  const sent = await exported(centre);
  await openApp(lead);
  await lead.getByTestId('import-file').setInputFiles({ name: 'small.okr.json', mimeType: 'application/json', buffer: sent });
  await expect(lead.getByTestId('okr-card')).toHaveCount(4);
  // Both add an objective to the same team.
  for (const [page, title] of [[lead, 'The lead\'s new objective'], [centre, 'The centre\'s new objective']]) {
    await card(page, 'o-brand').click();
    await page.getByTestId('new-objective').click();
    await expect(page.getByTestId('okr-card')).toHaveCount(5);
    await page.getByTestId('inspector-title').fill(title);
    await page.getByTestId('inspector-title').press('Enter');
  }
  const returned = await exported(lead);
  await merge(centre, returned);
  const dialog = centre.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-change')).toHaveCount(1);
  await expect(dialog.getByTestId('merge-change')).toHaveAttribute('data-kind', 'added');
  await expect(dialog.locator('[data-testid="merge-change"][data-conflict="true"]')).toHaveCount(0);
  await dialog.getByTestId('merge-apply').click();
  await expect(centre.getByTestId('okr-card')).toHaveCount(6);
  await expect(centre.getByTestId('okr-title').filter({ hasText: 'The lead\'s new objective' })).toHaveCount(1);
  await expect(centre.getByTestId('okr-title').filter({ hasText: 'The centre\'s new objective' })).toHaveCount(1);
});

test('opening a returned file of the open canvas offers to merge it into the canvas or open it on its own', async ({ browser }) => {
  const centre = await (await browser.newContext()).newPage();
  const lead = await (await browser.newContext()).newPage();
  await openSmall(centre);
  const sent = await exported(centre);
  const centreCanvas = JSON.parse(sent.toString()).identity.id;
  await openApp(lead);
  await lead.getByTestId('import-file').setInputFiles({ name: 'small.okr.json', mimeType: 'application/json', buffer: sent });
  await expect(lead.getByTestId('okr-card')).toHaveCount(4);
  await retitle(lead, 'o-brand', 'Be the name the Nordics know');
  const returned = await exported(lead);

  // Open… with the returned file: it is a version of this canvas.
  const open = () => centre.getByTestId('import-file').setInputFiles({ name: 'returned.okr.json', mimeType: 'application/json', buffer: returned });
  await open();
  const dialog = centre.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-summary')).toContainText('is a version of “Small test canvas”');
  await expect(dialog.getByTestId('merge-apply')).toHaveText('Merge into “Small test canvas”');
  // Opened on its own, it is a new canvas and this one stays as it was.
  await dialog.getByTestId('merge-open-new').click();
  await expect(dialog).toHaveCount(0);
  await expect(centre.getByRole('status')).toContainText('as a new canvas');
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be the name the Nordics know');
  // Back on the centre's canvas, the same file merges into it.
  await centre.getByTestId('canvases').click();
  await centre.locator(`[data-testid="canvas-entry"][data-canvas-id="${centreCanvas}"] [data-testid="canvas-open"]`).click();
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be known in the Nordics');
  await open();
  await dialog.getByTestId('merge-apply').click();
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be the name the Nordics know');
});
