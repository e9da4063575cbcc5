// Owners and statuses set by hand, as a team lead fills them in: the owner
// shows on the card, the slide and in the filter; a status set by hand wins
// over the computed one, says so, and both survive a reload and an export.
const { test, expect, openSmall, card, openKeyResult } = require('./fixtures');

test('an owner typed in the inspector shows on the card and the slide, filters the map and is kept', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-nordic').click();
  await page.getByTestId('inspector-owner').fill('Dana Kim');
  await page.getByTestId('inspector-owner').press('Enter');
  await expect(card(page, 'o-nordic').getByTestId('okr-owner')).toHaveText('Dana Kim');
  // The key result's owner, offered the names already given.
  await openKeyResult(page, 'kr-nordic-deals');
  const krOwner = page.locator('[data-kr-id="kr-nordic-deals"] [data-testid="kr-edit-owner"]');
  await expect(krOwner).toHaveAttribute('list', 'inspector-owners');
  await expect(page.locator('#inspector-owners option')).toHaveAttribute('value', 'Dana Kim');
  await krOwner.fill('Lee Park');
  await krOwner.press('Enter');
  await page.keyboard.press('Escape');

  // The filter lists both names; choosing one keeps the objectives that are theirs.
  await page.getByTestId('filter').click();
  const lee = page.locator('[data-testid="filter-option"][data-filter-group="owner"][data-value="Lee Park"]');
  await expect(page.locator('[data-testid="filter-option"][data-filter-group="owner"]')).toHaveCount(2);
  await lee.check();
  await expect(page).toHaveURL(/\?owner=Lee\+Park$/);
  await expect(page.getByTestId('filter-summary')).toHaveAttribute('data-shown', '1');
  await expect(card(page, 'o-brand')).toHaveAttribute('data-dimmed', 'true');
  await expect(card(page, 'o-nordic')).not.toHaveAttribute('data-dimmed', 'true');
  await page.getByTestId('filter-clear').click();

  // Undo takes the key result's owner away, redo brings it back.
  await page.keyboard.press('Control+z');
  await expect(page.locator('#inspector-owners option')).toHaveCount(1);
  await page.keyboard.press('Control+y');
  await expect(page.locator('#inspector-owners option')).toHaveCount(2);

  // The company objective's owner is named on its slide.
  await card(page, 'o-co').click();
  await page.getByTestId('inspector-owner').fill('Ana Ruiz');
  await page.getByTestId('inspector-owner').press('Enter');
  await page.keyboard.press('Escape');
  await page.getByTestId('present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('slide').locator('.slide__eyebrow')).toContainText('owner Ana Ruiz');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);

  // A reload keeps both.
  await page.reload();
  await expect(card(page, 'o-nordic').getByTestId('okr-owner')).toHaveText('Dana Kim');
});

test('a status set by hand wins over the computed one, says so with its note, and goes back', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-brand').click();
  const status = card(page, 'o-brand').getByTestId('okr-status');
  await page.getByTestId('inspector-status').selectOption('at_risk');
  await expect(status).toHaveAttribute('data-status', 'at-risk');
  await expect(status).toHaveAttribute('data-by-hand', 'true');
  await expect(status).toContainText('At risk');
  // The note field opens focused for why.
  const note = page.getByTestId('inspector-status-note');
  await expect(note).toBeFocused();
  await note.fill('The agency starts late');
  await note.press('Enter');
  await expect(status).toHaveAttribute('title', /Set by hand.*The agency starts late/);
  await expect(card(page, 'o-brand')).toHaveAttribute('aria-label', /At risk \(set by hand\)/);

  // Back to the computed status.
  await page.getByTestId('inspector-status').selectOption('');
  // The small canvas has no cycle dates: no status is computed, so none shows.
  await expect(status).toHaveCount(0);
  await expect(page.getByTestId('inspector-status-note')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(status).toHaveAttribute('data-by-hand', 'true');
});
