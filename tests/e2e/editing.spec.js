// Editing as a workshop does it: the inspector, new objectives and teams,
// linking from the keyboard through the target list, and undo of each step.
const { test, expect, openSmall, card, link } = require('./fixtures');

test('clicking a card opens the inspector; a new title shows on the card and undoes', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-nordic').click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toBeVisible();
  const title = inspector.getByTestId('inspector-title');
  await expect(title).toHaveValue('Close the first ten Nordic deals');
  await title.fill('Close <b>twelve</b> Nordic deals');
  await title.press('Enter');
  await expect(card(page, 'o-nordic').getByTestId('okr-title')).toHaveText('Close <b>twelve</b> Nordic deals');
  await page.getByTestId('undo').click();
  await expect(card(page, 'o-nordic').getByTestId('okr-title')).toHaveText('Close the first ten Nordic deals');
});

test('a refused edit is explained and the field shows the kept value again', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-nordic').click();
  const title = page.getByTestId('inspector-title');
  await title.fill('');
  await title.press('Enter');
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(title).toHaveValue('Close the first ten Nordic deals');
  await expect(card(page, 'o-nordic').getByTestId('okr-title')).toHaveText('Close the first ten Nordic deals');
});

test('editing a key result changes its bar and the rolled-up progress', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-brand').click();
  const row = page.locator('[data-testid="kr-edit"][data-kr-id="kr-brand-aware"]');
  const current = row.getByTestId('kr-edit-current');
  await current.fill('25');
  await current.press('Enter');
  const bar = card(page, 'o-brand').locator('[data-kr-id="kr-brand-aware"] [data-testid="kr-progress"]');
  await expect(bar).toHaveAttribute('data-value', '1.000');
  // o-sales rolls up its only hard child, o-brand.
  await expect(card(page, 'o-sales').getByTestId('okr-progress')).toHaveAttribute('data-value', '1.000');
});

test('key results can be added, reordered and removed', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-co').click();
  await page.getByTestId('add-key-result').click();
  const rows = card(page, 'o-co').getByTestId('kr-row');
  await expect(rows).toHaveCount(3);
  const ids = () => rows.evaluateAll((els) => els.map((e) => e.dataset.krId));
  const [first, second, added] = await ids();
  await page.locator(`[data-testid="kr-edit"][data-kr-id="${added}"]`).getByTestId('kr-edit-up').click();
  await expect.poll(ids).toEqual([first, added, second]);
  await page.locator(`[data-testid="kr-edit"][data-kr-id="${added}"]`).getByTestId('kr-edit-remove').click();
  await expect.poll(ids).toEqual([first, second]);
});

test('"Link to…" lists valid targets, searches them, and links from the keyboard', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-nordic').click();
  await page.getByTestId('link-to').click();
  const picker = page.getByTestId('link-picker');
  await expect(picker).toBeVisible();
  // Its own card is no target.
  await expect(picker.locator('[data-testid="link-target"][data-target-id="o-nordic"]')).toHaveCount(0);
  await page.getByTestId('link-picker-search').fill('pipeline');
  const target = picker.locator('[data-testid="link-target"][data-target-id="o-sales"]');
  await expect(target).toBeVisible();
  await target.click();
  await expect(page.getByTestId('link-chooser')).toBeVisible();
  await page.keyboard.press('h');
  await expect(link(page, 'o-nordic', 'o-sales')).toHaveAttribute('data-link-kind', 'hard');
  await expect(page.getByRole('status')).toContainText('Linked');
});

test('the inspector changes a link kind and removes a link', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-brand').click();
  const row = page.locator('[data-testid="inspector-link"][data-link-to="o-sales"]');
  await row.getByTestId('link-edit-kind').selectOption('soft');
  await expect(link(page, 'o-brand', 'o-sales')).toHaveAttribute('data-link-kind', 'soft');
  await row.getByTestId('link-edit-remove').click();
  await expect(link(page, 'o-brand', 'o-sales')).toHaveCount(0);
});

test('a new objective appears in the selected team, ready to be named', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-brand').click();
  await page.getByTestId('new-objective').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(5);
  const title = page.getByTestId('inspector-title');
  await expect(title).toBeFocused();
  await page.keyboard.type('Host a Nordic customer day');
  await page.keyboard.press('Enter');
  const added = page.locator('[data-testid="okr-card"][data-team-id="brand"]', { hasText: 'Host a Nordic customer day' });
  await expect(added).toHaveCount(1);
});

test('a new team can be added and used', async ({ page }) => {
  await openSmall(page);
  await page.getByTestId('new-team').click();
  const form = page.getByTestId('team-form');
  await expect(form).toBeVisible();
  await form.getByTestId('team-form-name').fill('Partners');
  await form.getByTestId('team-form-level').selectOption('team');
  await form.getByTestId('team-form-parent').selectOption('sales');
  await form.getByTestId('team-form-submit').click();
  await expect(form).toHaveCount(0);
  await card(page, 'o-nordic').click();
  await expect(page.getByTestId('inspector-team').locator('option', { hasText: 'Partners' })).toHaveCount(1);
});

test('Enter opens the inspector for the selection and Escape closes it', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-co').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toBeVisible();
});
