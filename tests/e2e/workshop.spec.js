// The workshop, walked as a chief of staff builds a canvas live: new cards
// land beside their team's cards and never on another, hard children roll
// up into a new objective, and messages go when their cause does.
const { test, expect, openApp, openSmall, card } = require('./fixtures');

/** Every card's id and box on the page. */
async function cardBoxes(page) {
  return page.getByTestId('okr-card').evaluateAll((cards) =>
    cards.map((c) => {
      const r = c.getBoundingClientRect();
      return { id: c.dataset.okrId, x: r.x, y: r.y, right: r.right, bottom: r.bottom };
    }));
}

function overlaps(a, b) {
  return a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom;
}

for (const [width, height] of [[1440, 900], [1280, 720]]) {
  test(`ten new objectives in a row land beside their team's cards, none on another, each in view (${width}×${height})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openApp(page);
    const before = new Set((await cardBoxes(page)).map((c) => c.id));
    const selected = page.locator('[data-testid="okr-card"][aria-selected="true"], [data-testid="okr-card"].card--selected');
    await card(page, before.values().next().value).click();
    for (let n = 1; n <= 10; n += 1) {
      await page.getByTestId('new-objective').click();
      await expect(page.getByTestId('okr-card')).toHaveCount(before.size + n);
      const boxes = await cardBoxes(page);
      const added = boxes.filter((c) => !before.has(c.id));
      expect(added).toHaveLength(n);
      // The newest is selected and brought into view.
      const newest = await page.getByTestId('inspector-title').inputValue();
      expect(newest).toBe('New objective');
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          expect(overlaps(boxes[i], boxes[j]), `${boxes[i].id} covers ${boxes[j].id}`).toBe(false);
        }
      }
    }
    await expect(selected.first()).toBeInViewport();
  });
}

test('a new objective takes its progress from the hard children linked to it', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-sales').click();
  const before = new Set((await cardBoxes(page)).map((c) => c.id));
  await page.getByTestId('new-objective').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(before.size + 1);
  const added = (await cardBoxes(page)).find((c) => !before.has(c.id)).id;
  await expect(card(page, added).getByTestId('okr-progress')).toHaveAttribute('data-value', '0.000');
  // o-nordic stands at 80 %; linked hard, the new objective shows it.
  await card(page, 'o-nordic').click();
  await page.getByTestId('link-to').click();
  await page.locator(`[data-testid="link-target"][data-target-id="${added}"]`).click();
  await page.getByTestId('link-choose-hard').click();
  await expect(card(page, added).getByTestId('okr-progress')).toHaveAttribute('data-value', '0.800');
});

test('from an empty canvas: New objective asks for the company first, then the objective follows in it', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('canvases').click();
  await page.getByTestId('new-canvas').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(0);
  await page.getByTestId('new-objective').click();
  const form = page.getByTestId('team-form');
  await expect(form.getByTestId('team-form-why')).toContainText('Every objective belongs to a team');
  await expect(form.getByTestId('team-form-level')).toHaveValue('company');
  await expect(page.locator('[data-testid="notice"][role="alert"]')).toHaveCount(0);
  await form.getByTestId('team-form-name').fill('Acme');
  await form.getByTestId('team-form-submit').click();
  await expect(page.locator('[data-testid="okr-card"][data-team-id="acme"]')).toHaveCount(1);
  await expect(page.getByTestId('inspector-title')).toBeFocused();
  await page.keyboard.type('Win the Nordic market');
  await page.keyboard.press('Enter');
  // The next team goes under the only team there is, one level down.
  await page.getByTestId('new-team').click();
  await expect(form.getByTestId('team-form-level')).toHaveValue('department');
  await expect(form.getByTestId('team-form-parent')).toHaveValue('acme');
  await expect(form.getByTestId('team-form-why')).toHaveCount(0);
});

test('an error goes once the person changes the canvas successfully', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-nordic').click();
  const title = page.getByTestId('inspector-title');
  await title.fill('');
  await title.press('Enter');
  const error = page.locator('[data-testid="notice"][role="alert"]');
  await expect(error).toHaveCount(1);
  await title.fill('Close twelve Nordic deals');
  await title.press('Enter');
  await expect(card(page, 'o-nordic').getByTestId('okr-title')).toHaveText('Close twelve Nordic deals');
  await expect(error).toHaveCount(0);
});

test('Escape during a drag puts the card back and changes nothing', async ({ page }) => {
  await openSmall(page);
  const target = card(page, 'o-nordic');
  const before = await target.boundingBox();
  await page.mouse.move(before.x + 40, before.y + 14);
  await page.mouse.down();
  await page.mouse.move(before.x + 48, before.y + 22, { steps: 2 });
  await page.mouse.move(before.x + 240, before.y + 140, { steps: 6 });
  await expect.poll(async () => (await target.boundingBox()).x).toBeGreaterThan(before.x + 100);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(page.getByRole('status')).toContainText('Drag cancelled');
  await expect.poll(async () => {
    const now = await target.boundingBox();
    return [Math.round(now.x), Math.round(now.y)];
  }).toEqual([Math.round(before.x), Math.round(before.y)]);
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('Tab stops once on "Open…", a button that opens the file chooser', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('import-file')).toHaveAttribute('tabindex', '-1');
  const open = page.getByTestId('open-file');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), open.click()]);
  expect(chooser.isMultiple()).toBe(false);
  // The next Tab stop is the next button, not the hidden input.
  await open.focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('export-json')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(open).toBeFocused();
});

test('Ctrl+C then V, Ctrl+D and Ctrl+X copy a card with its key results beside it, each one undo step', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-co').click();
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('status')).toContainText('Copied');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('okr-card')).toHaveCount(5);
  const selected = page.locator('[data-testid="okr-card"][aria-selected="true"]');
  await expect(selected).not.toHaveAttribute('data-okr-id', 'o-co');
  await expect(selected.getByTestId('kr-row')).toHaveCount(2);
  await expect(selected.getByTestId('okr-title')).toHaveText(await card(page, 'o-co').getByTestId('okr-title').textContent());
  await page.keyboard.press('Control+d');
  await expect(page.getByTestId('okr-card')).toHaveCount(6);
  await expect(page.getByRole('status')).toContainText('Duplicated');
  const boxes = await cardBoxes(page);
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      expect(overlaps(boxes[i], boxes[j]), `${boxes[i].id} covers ${boxes[j].id}`).toBe(false);
    }
  }
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('okr-card')).toHaveCount(5);
  // Cut takes the card away; Paste brings it back as a new card.
  await card(page, 'o-nordic').click();
  await page.keyboard.press('Control+x');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  await expect(card(page, 'o-nordic')).toHaveCount(0);
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('okr-card')).toHaveCount(5);
  await expect(page.locator('[data-testid="okr-card"]', { hasText: 'Close the first ten Nordic deals' })).toHaveCount(1);
});

test('Duplicate in the inspector copies one card, with no link to the cards left behind', async ({ page }) => {
  await openSmall(page);
  // o-brand is a hard child of o-sales; its copy stands alone.
  await card(page, 'o-brand').click();
  await page.getByTestId('duplicate-card').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(5);
  const copy = page.locator('[data-testid="okr-card"][aria-selected="true"]');
  const id = await copy.getAttribute('data-okr-id');
  expect(id).not.toBe('o-brand');
  // A copy of one card carries no link to a card left behind.
  await expect(page.locator(`[data-link-from="${id}"]`)).toHaveCount(0);
});

test('the inspector shows one key result open at a time, the others as one line each', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openSmall(page);
  await card(page, 'o-co').click();
  const editors = page.getByTestId('kr-edit');
  await expect(editors).toHaveCount(2);
  const toggles = page.getByTestId('kr-edit-toggle');
  await expect(toggles.nth(0)).toHaveAttribute('aria-expanded', 'true');
  await expect(toggles.nth(1)).toHaveAttribute('aria-expanded', 'false');
  await expect(editors.nth(1).getByTestId('kr-edit-current')).toBeHidden();
  // The closed one says where it stands, on one line.
  await expect(toggles.nth(1)).toContainText('50%');
  const line = await toggles.nth(1).boundingBox();
  expect(line.height).toBeLessThan(40);
  // Opening it closes the other.
  await toggles.nth(1).click();
  await expect(toggles.nth(1)).toHaveAttribute('aria-expanded', 'true');
  await expect(toggles.nth(0)).toHaveAttribute('aria-expanded', 'false');
  await expect(editors.nth(1).getByTestId('kr-edit-current')).toBeVisible();
  // A new key result opens for its title.
  await page.getByTestId('add-key-result').click();
  await expect(editors).toHaveCount(3);
  await expect(toggles.nth(2)).toHaveAttribute('aria-expanded', 'true');
  await expect(editors.nth(2).getByTestId('kr-edit-title')).toBeFocused();
  await expect(toggles.nth(1)).toHaveAttribute('aria-expanded', 'false');
});

test('a double-click on a card edits its title in place: Enter keeps it, Escape does not', async ({ page }) => {
  await openSmall(page);
  const title = card(page, 'o-nordic').getByTestId('okr-title');
  await title.dblclick();
  const input = card(page, 'o-nordic').getByTestId('okr-title-input');
  await expect(input).toBeFocused();
  await input.fill('Close twelve Nordic deals');
  await input.press('Enter');
  await expect(card(page, 'o-nordic').getByTestId('okr-title')).toHaveText('Close twelve Nordic deals');
  await page.getByTestId('undo').click();
  await expect(card(page, 'o-nordic').getByTestId('okr-title')).toHaveText('Close the first ten Nordic deals');
  await card(page, 'o-nordic').getByTestId('okr-title').dblclick();
  await card(page, 'o-nordic').getByTestId('okr-title-input').fill('Not this');
  await card(page, 'o-nordic').getByTestId('okr-title-input').press('Escape');
  await expect(card(page, 'o-nordic').getByTestId('okr-title')).toHaveText('Close the first ten Nordic deals');
});

test('a new objective moved to another team goes into that team\'s row, beside its cards', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-co').click();
  const before = new Set((await cardBoxes(page)).map((c) => c.id));
  await page.getByTestId('new-objective').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(before.size + 1);
  const added = (await cardBoxes(page)).find((c) => !before.has(c.id)).id;
  // Made beside the company objective, it is moved to Brand, a team in the bottom row.
  await page.getByTestId('inspector-team').selectOption('brand');
  await expect(card(page, added)).toHaveAttribute('data-team-id', 'brand');
  await expect.poll(async () => {
    const boxes = await cardBoxes(page);
    const moved = boxes.find((c) => c.id === added);
    const brand = boxes.find((c) => c.id === 'o-brand');
    return Math.abs(moved.y - brand.y) < 1 && boxes.every((b) => b.id === added || !overlaps(b, moved));
  }).toBe(true);
  await expect(card(page, added)).toBeInViewport();
});

test('a new objective nothing has been measured for reads "Not started", not "Off track"', async ({ page }) => {
  // The sample's cycle runs from October to December; 7 December is late in it.
  await page.clock.setFixedTime(new Date('2026-12-07T10:00:00'));
  await openApp(page);
  await page.getByTestId('new-objective').click();
  const title = page.getByTestId('inspector-title');
  await expect(title).toHaveValue('New objective');
  const id = await page.locator('[data-testid="okr-card"][aria-selected="true"]').getAttribute('data-okr-id');
  const status = card(page, id).getByTestId('okr-status');
  await expect(status).toHaveAttribute('data-status', 'not-started');
  await expect(status).toHaveAttribute('title', /Nothing measured yet/);
  // A first check-in at zero puts it on the clock: this late, it is off track.
  await page.getByTestId('add-key-result').click();
  await page.getByTestId('checkin-value').first().fill('0');
  await page.getByTestId('checkin-submit').first().click();
  await expect(status).toHaveAttribute('data-status', 'off-track');
});

/** A card's top-left corner on the page, rounded. */
async function corner(page, id) {
  const box = await card(page, id).boundingBox();
  return [Math.round(box.x), Math.round(box.y)];
}

test('Shift+click selects several cards, which move together, delete together and come back with one undo', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-nordic').click();
  await card(page, 'o-brand').click({ modifiers: ['Shift'] });
  await expect(card(page, 'o-nordic')).toHaveAttribute('aria-selected', 'true');
  await expect(card(page, 'o-brand')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('selection-count')).toHaveAttribute('data-count', '2');
  // Shift+click again takes one out.
  await card(page, 'o-sales').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveAttribute('data-count', '3');
  await card(page, 'o-sales').click({ modifiers: ['Shift'] });
  await expect(card(page, 'o-sales')).toHaveAttribute('aria-selected', 'false');

  // Dragging one moves both by the same distance, in one undo step.
  const nordic = await corner(page, 'o-nordic');
  const brand = await corner(page, 'o-brand');
  const box = await card(page, 'o-nordic').boundingBox();
  await page.mouse.move(box.x + 40, box.y + 14);
  await page.mouse.down();
  await page.mouse.move(box.x + 48, box.y + 40, { steps: 2 });
  await page.mouse.move(box.x + 40, box.y + 214, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => corner(page, 'o-nordic')).toEqual([nordic[0], nordic[1] + 200]);
  await expect.poll(() => corner(page, 'o-brand')).toEqual([brand[0], brand[1] + 200]);
  await page.keyboard.press('Control+z');
  await expect.poll(() => corner(page, 'o-brand')).toEqual(brand);
  await expect.poll(() => corner(page, 'o-nordic')).toEqual(nordic);

  // Delete removes both; one undo brings both back.
  await expect(page.getByTestId('selection-count')).toHaveAttribute('data-count', '2');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('okr-card')).toHaveCount(2);
  await expect(page.getByRole('status')).toContainText('Deleted 2 objectives');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  await expect(card(page, 'o-brand')).toBeVisible();
});

test('a Shift+drag box on the map selects the cards it touches; copied and pasted, their link comes along', async ({ page }) => {
  await openSmall(page);
  const company = await card(page, 'o-co').boundingBox();
  const sales = await card(page, 'o-sales').boundingBox();
  // From empty map above and left of the company objective to the middle of
  // the Sales one under it: the two, linked hard.
  const from = { x: company.x - 30, y: company.y - 20 };
  const to = { x: sales.x + 30, y: sales.y + sales.height / 2 };
  await page.keyboard.down('Shift');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await expect(page.getByTestId('selection-box')).toBeVisible();
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('selection-box')).toHaveCount(0);
  const selected = page.locator('[data-testid="okr-card"][aria-selected="true"]');
  await expect(selected).toHaveCount(2);
  await expect(card(page, 'o-co')).toHaveAttribute('aria-selected', 'true');
  await expect(card(page, 'o-sales')).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('Control+c');
  await expect(page.getByRole('status')).toContainText('and 1 more card');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('okr-card')).toHaveCount(6);
  // The copies are selected, and the hard link between them was copied too.
  await expect(selected).toHaveCount(2);
  const copies = await selected.evaluateAll((cards) => cards.map((c) => c.dataset.okrId));
  expect(copies).not.toContain('o-sales');
  const links = await page.getByTestId('link').evaluateAll((ls) =>
    ls.map((l) => `${l.dataset.linkFrom}>${l.dataset.linkTo}>${l.dataset.linkKind}`));
  expect(links.filter((l) => copies.every((id) => l.includes(id)))).toHaveLength(1);
  const boxes = await cardBoxes(page);
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      expect(overlaps(boxes[i], boxes[j]), `${boxes[i].id} covers ${boxes[j].id}`).toBe(false);
    }
  }
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
});

test('dragged onto a key result, the card goes as a small chip that leaves the row in view', async ({ page }) => {
  await openSmall(page);
  const source = await card(page, 'o-brand').boundingBox();
  const row = page.locator('[data-testid="kr-row"][data-kr-id="kr-co-logos"]');
  const target = await row.boundingBox();
  const aim = { x: target.x + target.width / 2, y: target.y + target.height / 2 };
  await page.mouse.move(source.x + 40, source.y + 14);
  await page.mouse.down();
  await page.mouse.move(source.x + 48, source.y + 22, { steps: 2 });
  await page.mouse.move(aim.x, aim.y, { steps: 8 });
  await expect(card(page, 'o-brand')).toHaveClass(/card--chip/);
  await expect(row).toHaveClass(/kr--target/);
  // What lies under the pointer is the key-result row, not the dragged card.
  const under = await page.evaluate(({ x, y }) => {
    const element = document.elementFromPoint(x, y);
    return element.closest('[data-testid="kr-row"]')?.dataset.krId ?? element.closest('[data-testid="okr-card"]')?.dataset.okrId;
  }, aim);
  expect(under).toBe('kr-co-logos');
  const chip = await card(page, 'o-brand').boundingBox();
  expect(chip.width).toBeLessThan(source.width / 2);
  await page.mouse.up();
  await expect(page.getByTestId('link-chooser')).toBeVisible();
});

test('a card chosen at the right edge stays in view when the inspector opens beside the map', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  // The rightmost card whose middle is in view.
  const rightmost = await page.getByTestId('okr-card').evaluateAll((cards) => {
    const inView = cards
      .map((c) => ({ id: c.dataset.okrId, r: c.getBoundingClientRect() }))
      .filter(({ r }) => r.x + r.width / 2 < window.innerWidth && r.x > 0 && r.y > 80 && r.bottom < window.innerHeight - 80);
    inView.sort((a, b) => b.r.right - a.r.right);
    return inView[0].id;
  });
  const before = await card(page, rightmost).boundingBox();
  await page.mouse.click(before.x + before.width / 2 - 10, before.y + 12);
  await expect(card(page, rightmost)).toHaveAttribute('aria-selected', 'true');
  const inspector = await page.getByTestId('inspector').boundingBox();
  await expect.poll(async () => (await card(page, rightmost).boundingBox()).x + before.width)
    .toBeLessThanOrEqual(inspector.x);
});

test('the Teams dialog lists every team to rename, move, recolour or delete, each undoable', async ({ page }) => {
  await openSmall(page);
  await page.getByTestId('teams').click();
  const dialog = page.getByTestId('teams-dialog');
  const rows = dialog.getByTestId('team-row');
  // Top-down: the company, its department, the department's teams.
  await expect(rows).toHaveCount(4);
  expect(await rows.evaluateAll((rs) => rs.map((r) => r.dataset.teamId))).toEqual(['acme', 'sales', 'nordic', 'brand']);
  const row = (id) => dialog.locator(`[data-testid="team-row"][data-team-id="${id}"]`);
  await expect(row('nordic').getByTestId('team-objectives')).toHaveText('1 objective');

  // Rename: the card says the new name at once.
  await row('brand').getByTestId('team-name').fill('Brand & PR');
  await row('brand').getByTestId('team-name').press('Enter');
  await expect(card(page, 'o-brand').locator('.card__team')).toHaveText('Brand & PR');
  // Recolour.
  await row('brand').getByTestId('team-color').evaluate((input) => {
    input.value = '#aa3377';
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(card(page, 'o-brand')).toHaveAttribute('style', /--team-color:#aa3377/);
  // Move Brand from Sales (two steps in) to directly under the company (one step in).
  await expect(row('brand')).toHaveAttribute('style', /padding-left:2.4em/);
  await row('brand').getByTestId('team-parent').selectOption('acme');
  await expect(row('brand')).toHaveAttribute('style', /padding-left:1.2em/);
  await expect(row('brand').getByTestId('team-parent')).toHaveValue('acme');
  // A team that still owns objectives is not deleted: the row says why.
  await row('nordic').getByTestId('team-delete').click();
  await expect(row('nordic').getByTestId('team-refused')).toContainText('still owns 1 objective');
  await expect(rows).toHaveCount(4);

  // A new team, empty, is deleted; Undo brings it back.
  await dialog.getByTestId('teams-new-team').click();
  const form = page.getByTestId('team-form');
  await form.getByTestId('team-form-name').fill('Finance');
  await form.getByTestId('team-form-submit').click();
  await page.getByTestId('teams').click();
  await expect(rows).toHaveCount(5);
  const financeId = await dialog.locator('[data-testid="team-row"]').evaluateAll((rs) =>
    rs.find((r) => r.querySelector('[data-testid="team-name"]').value === 'Finance').dataset.teamId);
  await row(financeId).getByTestId('team-delete').click();
  await expect(rows).toHaveCount(4);
  await dialog.getByTestId('undo').click();
  await expect(rows).toHaveCount(5);
  await dialog.getByTestId('teams-close').click();
  await expect(dialog).toHaveCount(0);
  // Each change was its own step: undo walks back to the old colour and name.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(card(page, 'o-brand').locator('.card__team')).toHaveText('Brand');
});

for (const [width, height] of [[1440, 900], [1280, 720]]) {
  test(`a company canvas built from empty — company, two departments, four teams, eight objectives — never hides a card (${width}×${height})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height });
    await openApp(page);
    await page.getByTestId('canvases').click();
    await page.getByTestId('new-canvas').click();
    await expect(page.getByTestId('okr-card')).toHaveCount(0);
    const noneHidden = async (count) => {
      await expect(page.getByTestId('okr-card')).toHaveCount(count);
      const boxes = await cardBoxes(page);
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          expect(overlaps(boxes[i], boxes[j]), `${boxes[i].id} covers ${boxes[j].id}`).toBe(false);
        }
      }
    };
    const form = page.getByTestId('team-form');
    // The company and its first objective, in one flow.
    await page.getByTestId('new-objective').click();
    await form.getByTestId('team-form-name').fill('Acme');
    await form.getByTestId('team-form-submit').click();
    await expect(page.getByTestId('inspector-title')).toBeFocused();
    await page.keyboard.type('Win the Nordic market');
    await page.keyboard.press('Enter');
    await noneHidden(1);
    // Two departments under the company, then two teams under each.
    const newTeam = async (name, level, parent) => {
      await page.getByTestId('new-team').click();
      await form.getByTestId('team-form-name').fill(name);
      await form.getByTestId('team-form-level').selectOption(level);
      await form.getByTestId('team-form-parent').selectOption({ label: parent });
      await form.getByTestId('team-form-submit').click();
      await expect(form).toHaveCount(0);
    };
    await newTeam('Sales', 'department', 'Acme (company)');
    await newTeam('Product', 'department', 'Acme (company)');
    await newTeam('Nordic AE', 'team', 'Sales (department)');
    await newTeam('Brand', 'team', 'Sales (department)');
    await newTeam('Platform', 'team', 'Product (department)');
    await newTeam('Apps', 'team', 'Product (department)');
    // Seven more objectives, each made beside the last and moved to its team.
    const objectives = [
      ['Build a Nordic pipeline', 'Sales (department)'],
      ['Ship the product the market asks for', 'Product (department)'],
      ['Close the first ten Nordic deals', 'Nordic AE (team)'],
      ['Be known in the Nordics', 'Brand (team)'],
      ['Keep the platform fast', 'Platform (team)'],
      ['Launch the mobile app', 'Apps (team)'],
      ['Grow the partner channel', 'Sales (department)'],
    ];
    let count = 1;
    for (const [title, team] of objectives) {
      await page.getByTestId('new-objective').click();
      count += 1;
      await noneHidden(count);
      await page.getByTestId('inspector-title').fill(title);
      await page.getByTestId('inspector-title').press('Enter');
      await page.getByTestId('inspector-team').selectOption({ label: team });
      await expect(page.locator('[data-testid="okr-card"][aria-selected="true"] [data-testid="okr-title"]')).toHaveText(title);
      await noneHidden(count);
      await expect(page.locator('[data-testid="okr-card"][aria-selected="true"]')).toBeInViewport();
    }
    // Every team's objectives stand in its level's row.
    const rows = await page.getByTestId('okr-card').evaluateAll((cards) =>
      cards.map((c) => ({ level: c.dataset.level, top: Math.round(c.getBoundingClientRect().top) })));
    for (const level of ['company', 'department', 'team']) {
      const tops = rows.filter((r) => r.level === level).map((r) => r.top);
      const others = rows.filter((r) => r.level !== level).map((r) => r.top);
      expect(tops.every((t) => !others.includes(t)), `${level} cards share a row with others`).toBe(true);
    }
  });
}
