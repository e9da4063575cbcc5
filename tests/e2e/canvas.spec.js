// The canvas as a workshop uses it: dragging cards onto cards and key-result
// rows to link them, moving cards, refusals with reasons, selection, the
// keyboard, pan and zoom, undo and redo.
const { test, expect, openApp, openSmall, card, krRow, link } = require('./fixtures');

/** Presses on a card's head, moves past the drag threshold, and releases over `target`. */
async function drag(page, fromId, target, release = true) {
  const from = await card(page, fromId).boundingBox();
  const to = typeof target.x === 'number' ? target : await target.boundingBox();
  const start = { x: from.x + from.width / 2, y: from.y + 14 };
  const end = to.width ? { x: to.x + to.width / 2, y: to.y + to.height / 2 } : to;
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 2 });
  await page.mouse.move(end.x, end.y, { steps: 10 });
  if (release) await page.mouse.up();
  return { start, end };
}

test('dragging a card onto another card and pressing H makes a hard link', async ({ page }) => {
  await openSmall(page);
  await drag(page, 'o-nordic', card(page, 'o-sales'));
  await expect(page.getByTestId('link-chooser')).toBeVisible();
  await page.keyboard.press('h');
  await expect(link(page, 'o-nordic', 'o-sales')).toHaveAttribute('data-link-kind', 'hard');
  await expect(page.getByTestId('link-chooser')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Linked');
  // o-sales rolls up its hard children: o-brand (50%) and now o-nordic (80%).
  await expect(card(page, 'o-sales').getByTestId('okr-progress')).toHaveAttribute('data-value', '0.650');
});

test('dropping on a key-result row links to that key result, soft with the button', async ({ page }) => {
  await openSmall(page);
  await drag(page, 'o-nordic', krRow(page, 'kr-co-logos'), false);
  // The row under the pointer is highlighted as a valid target while hovered.
  await expect(krRow(page, 'kr-co-logos')).toHaveClass(/kr--target/);
  await page.mouse.up();
  await page.getByTestId('link-choose-soft').click();
  await expect(link(page, 'o-nordic', 'kr-co-logos')).toHaveAttribute('data-link-kind', 'soft');
});

test('the card goes back to its place when a link is proposed, and Escape cancels', async ({ page }) => {
  await openSmall(page);
  const before = await card(page, 'o-nordic').boundingBox();
  await drag(page, 'o-nordic', card(page, 'o-co'));
  await expect(page.getByTestId('link-chooser')).toBeVisible();
  expect(await card(page, 'o-nordic').boundingBox()).toEqual(before);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('link-chooser')).toHaveCount(0);
  await expect(link(page, 'o-nordic', 'o-co')).toHaveCount(0);
});

test('released over empty canvas the card moves; undo and redo put it back and again', async ({ page }) => {
  await openSmall(page);
  const before = await card(page, 'o-nordic').boundingBox();
  const canvas = await page.getByTestId('canvas').boundingBox();
  const spot = { x: canvas.x + 60 + before.width / 2, y: canvas.y + canvas.height - 60 };
  const { start, end } = await drag(page, 'o-nordic', spot);
  const after = await card(page, 'o-nordic').boundingBox();
  expect(Math.round(after.x - before.x)).toBe(Math.round(end.x - start.x));
  expect(Math.round(after.y - before.y)).toBe(Math.round(end.y - start.y));

  await page.getByTestId('undo').click();
  await expect.poll(async () => (await card(page, 'o-nordic').boundingBox()).x).toBeCloseTo(before.x, 0);
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(async () => (await card(page, 'o-nordic').boundingBox()).x).toBeCloseTo(after.x, 0);
});

test('a small press is a click: it selects the card and does not move it', async ({ page }) => {
  await openSmall(page);
  const before = await card(page, 'o-brand').boundingBox();
  await page.mouse.move(before.x + 40, before.y + 14);
  await page.mouse.down();
  await page.mouse.move(before.x + 42, before.y + 15);
  await page.mouse.up();
  await expect(card(page, 'o-brand')).toHaveAttribute('aria-selected', 'true');
  expect(await card(page, 'o-brand').boundingBox()).toEqual(before);
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('a second hard parent is offered as a move of the hard link', async ({ page }) => {
  await openSmall(page);
  // o-brand's hard parent is o-sales; dropping it on o-co offers to move it.
  await drag(page, 'o-brand', card(page, 'o-co'));
  await expect(page.getByTestId('link-choose-hard')).toContainText('Move hard link');
  await page.keyboard.press('h');
  await expect(link(page, 'o-brand', 'o-co')).toHaveAttribute('data-link-kind', 'hard');
  await expect(link(page, 'o-brand', 'o-sales')).toHaveCount(0);
});

test('a hard link down the organisation is refused in the chooser, with the reason', async ({ page }) => {
  await openSmall(page);
  await drag(page, 'o-co', card(page, 'o-nordic'));
  const hard = page.getByTestId('link-choose-hard');
  await expect(hard).toBeDisabled();
  await expect(hard).toContainText('must point up');
  await page.keyboard.press('h');
  await expect(link(page, 'o-co', 'o-nordic')).toHaveCount(0);
  await page.keyboard.press('s');
  await expect(link(page, 'o-co', 'o-nordic')).toHaveAttribute('data-link-kind', 'soft');
});

test('a drop on a card it is already linked to is refused with a notice, nothing changes', async ({ page }) => {
  await openSmall(page);
  const links = await page.getByTestId('link').count();
  await drag(page, 'o-sales', card(page, 'o-co'), false);
  await expect(card(page, 'o-co')).toHaveClass(/card--refused/);
  await page.mouse.up();
  await expect(page.getByTestId('notice')).toContainText('already linked');
  await expect(page.getByTestId('link-chooser')).toHaveCount(0);
  await expect(page.getByTestId('link')).toHaveCount(links);
});

test('clicking a link selects it, Delete removes it, undo restores it', async ({ page }) => {
  await openSmall(page);
  const hard = link(page, 'o-sales', 'o-co');
  const box = await hard.locator('path.link').boundingBox();
  // The curve passes through the middle of its box (it is symmetric).
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(hard.locator('path.link')).toHaveClass(/link--selected/);
  await page.keyboard.press('Escape'); // close the inspector, keep the selection
  await page.keyboard.press('Delete');
  await expect(hard).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(hard).toHaveCount(1);
});

test('deleting an objective unaligns its children and says so; undo brings all back', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-sales').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Delete');
  await expect(card(page, 'o-sales')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText('Be known in the Nordics');
  await expect(page.getByTestId('notice')).toContainText('unaligned');
  await expect(link(page, 'o-brand', 'o-sales')).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(card(page, 'o-sales')).toHaveCount(1);
  await expect(link(page, 'o-brand', 'o-sales')).toHaveCount(1);
});

test('arrow keys move the selection between cards, Escape deselects', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-co').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  await expect(card(page, 'o-sales')).toHaveAttribute('aria-selected', 'true');
  await expect(card(page, 'o-co')).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid="okr-card"][aria-selected="true"]')).toHaveCount(0);
});

test('the background pans by drag and wheel; Ctrl+wheel and the buttons zoom; fit shows all', async ({ page }) => {
  await openApp(page);
  const world = page.locator('.canvas__world');
  const transform = () => world.evaluate((el) => el.style.transform);
  const zoom = page.getByTestId('zoom-level');
  const fitted = await transform();
  const fittedZoom = await zoom.textContent();

  const canvas = await page.getByTestId('canvas').boundingBox();
  // An empty spot: the top-left corner area of the map is background in the sample.
  const spot = { x: canvas.x + 20, y: canvas.y + 120 };
  await page.mouse.move(spot.x, spot.y);
  await page.mouse.down();
  await page.mouse.move(spot.x + 150, spot.y + 60, { steps: 5 });
  await page.mouse.up();
  await expect.poll(transform).not.toBe(fitted);
  const panned = await transform();

  await page.mouse.wheel(0, 200);
  await expect.poll(transform).not.toBe(panned);

  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await expect(zoom).not.toHaveText(fittedZoom);

  await page.getByTestId('fit-view').click();
  await expect.poll(transform).toBe(fitted);
  await page.getByTestId('zoom-in').click();
  await expect(zoom).not.toHaveText(fittedZoom);
  await page.keyboard.press('0');
  await expect(zoom).toHaveText(fittedZoom);
});

test('tidy up lays the map out again and can be undone', async ({ page }) => {
  await openSmall(page);
  // World position, independent of the view (tidying up refits the view).
  const place = () => card(page, 'o-nordic').evaluate((el) => `${el.style.left} ${el.style.top}`);
  const laidOut = await place();
  const canvas = await page.getByTestId('canvas').boundingBox();
  await drag(page, 'o-nordic', { x: canvas.x + 200, y: canvas.y + canvas.height - 80 });
  await expect.poll(place).not.toBe(laidOut);
  const moved = await place();
  await page.getByTestId('tidy-up').click();
  await expect(page.getByRole('status')).toContainText('Tidied');
  await expect.poll(place).toBe(laidOut);
  await page.getByTestId('undo').click();
  await expect.poll(place).toBe(moved);
});

test('a team card dropped on a company card becomes its hard child; undo and redo the link', async ({ page }) => {
  await openSmall(page);
  await drag(page, 'o-nordic', card(page, 'o-co'));
  await page.getByTestId('link-choose-hard').click();
  await expect(link(page, 'o-nordic', 'o-co')).toHaveAttribute('data-link-kind', 'hard');
  await page.keyboard.press('Control+z');
  await expect(link(page, 'o-nordic', 'o-co')).toHaveCount(0);
  await page.getByTestId('redo').click();
  await expect(link(page, 'o-nordic', 'o-co')).toHaveAttribute('data-link-kind', 'hard');
});

test('a link made with the keyboard only', async ({ page }) => {
  await openSmall(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  // The first arrow selects a card; arrows move the selection to o-nordic.
  await page.keyboard.press('ArrowDown');
  const selected = page.locator('[data-testid="okr-card"][aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  for (let i = 0; i < 4 && (await selected.getAttribute('data-okr-id')) !== 'o-nordic'; i++) {
    await page.keyboard.press('ArrowRight');
  }
  await expect(selected).toHaveAttribute('data-okr-id', 'o-nordic');
  await page.keyboard.press('l');
  await expect(page.getByTestId('link-picker-search')).toBeFocused();
  await page.keyboard.type('Nordic ARR');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('link-chooser')).toBeVisible();
  await page.keyboard.press('s');
  await expect(link(page, 'o-nordic', 'kr-co-arr')).toHaveAttribute('data-link-kind', 'soft');
});

test('deleting a company objective leaves its children unaligned and flagged until re-aligned', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-co').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Delete');
  await expect(card(page, 'o-co')).toHaveCount(0);
  await expect(link(page, 'o-sales', 'o-co')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText('Build a Nordic pipeline');
  await expect(card(page, 'o-sales').getByTestId('realign-flag')).toBeVisible();
  // o-brand keeps its own parent, o-sales, and is not flagged.
  await expect(card(page, 'o-brand').getByTestId('realign-flag')).toHaveCount(0);
  // The flag is the canvas's: it survives a reload and goes into the file.
  await page.reload();
  await expect(card(page, 'o-sales').getByTestId('realign-flag')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const file = JSON.parse(require('fs').readFileSync(await (await download).path(), 'utf8'));
  expect(file.objectives.find((o) => o.id === 'o-sales').realign).toBe(true);
  // Declaring it a standalone mission OKR settles the flag.
  await card(page, 'o-sales').click();
  await page.getByTestId('inspector-standalone').check();
  await expect(card(page, 'o-sales').getByTestId('realign-flag')).toHaveCount(0);
});
