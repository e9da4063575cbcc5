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

/**
 * The centre (in one browser) exports the small canvas; a team lead (in
 * another) opens the file. Returns both pages and the file sent.
 */
async function centreAndLead(browser) {
  const centre = await (await browser.newContext()).newPage();
  const lead = await (await browser.newContext()).newPage();
  await openSmall(centre);
  const sent = await exported(centre);
  await openApp(lead);
  await lead.getByTestId('import-file').setInputFiles({ name: 'small.okr.json', mimeType: 'application/json', buffer: sent });
  await expect(lead.getByTestId('okr-card')).toHaveCount(4);
  return { centre, lead, sent };
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
  const { centre, lead, sent } = await centreAndLead(browser);
  expect(JSON.parse(sent.toString()).identity.revision).toBe(1);

  // The team lead, who opened the file in their own browser, retitles
  // Brand's objective and raises a key result's target, and sends it back.
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
  await expect(centre.getByRole('status')).toContainText('1 change taken (1 key result changed), 1 left as the canvas had it.');
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
  const { centre, lead } = await centreAndLead(browser);
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
  const { centre, lead, sent } = await centreAndLead(browser);
  const centreCanvas = JSON.parse(sent.toString()).identity.id;
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

test('a returned file of a canvas kept here, not the open one, opens that canvas behind its review; Cancel goes back', async ({ browser }) => {
  const { centre, lead } = await centreAndLead(browser);
  await retitle(lead, 'o-brand', 'Be the name the Nordics know');
  const returned = await exported(lead);

  // The centre has moved on to another canvas when the file comes back.
  await centre.getByTestId('canvases').click();
  await centre.getByTestId('new-canvas').click();
  await expect(centre.getByTestId('canvas-title')).toHaveText('Untitled canvas');
  const open = () => centre.getByTestId('import-file').setInputFiles({ name: 'returned.okr.json', mimeType: 'application/json', buffer: returned });
  await open();
  const dialog = centre.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-summary')).toContainText('is a version of “Small test canvas”');
  await expect(dialog.getByTestId('merge-summary')).toContainText('Cancel goes back to “Untitled canvas”');
  await expect(dialog.getByTestId('merge-summary')).toHaveAttribute('data-three-way', 'true');
  // The canvas it merges into is open behind the review, unchanged so far.
  await expect(centre.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be known in the Nordics');
  await dialog.getByTestId('merge-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(centre.getByTestId('canvas-title')).toHaveText('Untitled canvas');
  await expect(centre.getByTestId('okr-card')).toHaveCount(0);

  await open();
  await dialog.getByTestId('merge-apply').click();
  await expect(dialog).toHaveCount(0);
  await expect(centre.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be the name the Nordics know');
  await centre.reload();
  await expect(card(centre, 'o-brand').getByTestId('okr-title')).toHaveText('Be the name the Nordics know');
});

test('ten returned files merge one after another into the company canvas: everyone\'s work kept, a file merged twice brings nothing', async ({ page }) => {
  await openSmall(page);
  const sent = JSON.parse((await exported(page)).toString());
  const owners = sent.objectives.map((o) => o.id);
  // Ten team leads: each adds a key result to one objective and a new
  // objective to that objective's team, from the same sent version.
  const files = Array.from({ length: 10 }, (_, i) => {
    const file = JSON.parse(JSON.stringify(sent));
    const parent = file.objectives.find((o) => o.id === owners[i % owners.length]);
    parent.keyResults.push({ id: `kr-lead-${i}`, title: `Result from lead ${i}`, start: 0, target: 10, current: i });
    file.objectives.push({ id: `o-lead-${i}`, team: parent.team, title: `Objective from lead ${i}`, keyResults: [] });
    return Buffer.from(JSON.stringify(file));
  });
  // Meanwhile the centre retitles the company objective.
  await retitle(page, 'o-co', 'Win the Nordic market by autumn');
  const dialog = page.getByTestId('merge-dialog');
  for (const [i, file] of files.entries()) {
    await merge(page, file);
    await expect(dialog.getByTestId('merge-summary')).toHaveAttribute('data-three-way', 'true');
    // Only this lead's two changes: the earlier leads' work is the canvas's own.
    await expect(dialog.getByTestId('merge-change')).toHaveCount(2);
    await expect(dialog.locator('[data-testid="merge-change"][data-conflict="true"]')).toHaveCount(0);
    await dialog.getByTestId('merge-apply').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status')).toContainText('2 changes taken (1 objective added, 1 key result added)');
    await expect(page.getByTestId('okr-card')).toHaveCount(5 + i);
  }
  await expect(card(page, 'o-co').getByTestId('okr-title')).toHaveText('Win the Nordic market by autumn');
  for (let i = 0; i < 10; i += 1) {
    await expect(card(page, `o-lead-${i}`).getByTestId('okr-title')).toHaveText(`Objective from lead ${i}`);
  }
  // The third file once more: nothing new, no review.
  await page.locator('.toolbar__menu summary').click();
  await page.getByTestId('merge-file-input').setInputFiles({ name: 'returned.okr.json', mimeType: 'application/json', buffer: files[2] });
  await expect(page.getByRole('status')).toContainText('brings nothing new');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('okr-card')).toHaveCount(14);
  // After a reload, the canvas's file holds every lead's key result.
  await page.reload();
  await expect(page.getByTestId('okr-card')).toHaveCount(14);
  const merged = JSON.parse((await exported(page)).toString());
  const results = merged.objectives.flatMap((o) => o.keyResults.map((kr) => kr.id));
  for (let i = 0; i < 10; i += 1) expect(results).toContain(`kr-lead-${i}`);
});

test('a returned file is compared with the canvas as it is once the comparison has arrived', async ({ browser }) => {
  const { centre, lead } = await centreAndLead(browser);
  await retitle(lead, 'o-brand', 'Be the name the Nordics know');
  const returned = await exported(lead);

  // The comparison is fetched the first time a file is compared: held back
  // here, as a slow network would, while the centre goes on editing.
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const held = [];
  await centre.route(/\/(split_|chunk_)[^/]*\.wasm$/, async (route) => {
    held.push(route.request().url());
    await released;
    await route.continue();
  });
  if (!(await centre.getByTestId('merge-file').isVisible())) {
    await centre.locator('.toolbar__menu summary').click();
  }
  await centre.getByTestId('merge-file-input').setInputFiles({ name: 'returned.okr.json', mimeType: 'application/json', buffer: returned });
  await expect.poll(() => held.some((url) => /split_merge_plan-/.test(url))).toBe(true);
  const title = card(centre, 'o-brand').getByTestId('okr-title');
  await title.dblclick();
  const input = card(centre, 'o-brand').getByTestId('okr-title-input');
  await input.fill('Own the Nordic brand');
  await input.press('Enter');
  await expect(title).toHaveText('Own the Nordic brand');

  // Both changed Brand's title: a conflict to choose, not the file's title
  // written over the one just typed.
  release();
  const dialog = centre.getByTestId('merge-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[data-key="o-brand"]')).toHaveAttribute('data-conflict', 'true');
  await expect(dialog.getByTestId('merge-apply')).toBeDisabled();
});
