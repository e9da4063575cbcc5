// Check-ins as a team does them each week: record a value with a date,
// confidence and note in the inspector, see the card's trend and confidence
// follow, fix a wrong entry, delete one and undo, and find the history in
// the exported file, sorted by date.
const fs = require('fs');
const { test, expect, openApp, openSmall, card, krRow, clickCardOnMap } = require('./fixtures');

/** The inspector's editor of one key result. */
const krEditor = (page, id) => page.locator(`[data-testid="kr-edit"][data-kr-id="${id}"]`);
/** The history entry of a key result dated `date`. */
const entry = (page, id, date) =>
  krEditor(page, id).locator(`[data-testid="checkin-entry"][data-date="${date}"]`);

test('a check-in on the sample moves the bar, extends the trend and shows the confidence', async ({ page }) => {
  // The sample opens in the quarter of today, its history up to today: on
  // 20 February that is Q1 2027, so 26 February is the newest check-in.
  await page.clock.setFixedTime(new Date('2027-02-20T10:00:00'));
  await openApp(page);
  // A few of the sample's key results have check-ins, so their trends show on first open.
  const row = krRow(page, 'kr-arr');
  await expect(row.getByTestId('kr-sparkline')).toHaveAttribute('data-points', '4');
  await expect(row.getByTestId('kr-confidence')).toHaveAttribute('data-value', '0.60');
  await expect(row.getByTestId('kr-progress')).toHaveAttribute('data-value', '0.267');

  const objective = card(page, 'o-grow-arr').getByTestId('okr-progress');
  const objectiveBefore = await objective.getAttribute('data-value');
  await clickCardOnMap(page, 'o-grow-arr');
  const editor = krEditor(page, 'kr-arr');
  const form = editor.getByTestId('checkin-form');
  await expect(form).toBeVisible();
  // Ready for this week: today, the current value and confidence.
  const today = await page.evaluate(() => {
    const d = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  });
  await expect(form.getByTestId('checkin-date')).toHaveValue(today);
  await expect(form.getByTestId('checkin-value')).toHaveValue('19600000');
  await expect(form.getByTestId('checkin-confidence')).toHaveValue('0.6');
  await expect(editor.getByTestId('checkin-entry')).toHaveCount(3);

  // By the fields' labels and the keyboard alone.
  await form.getByLabel('Date').fill('2027-02-26');
  await form.getByLabel('New value').fill('21 000 000');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Confidence (0–1)')).toBeFocused();
  await page.keyboard.type('45%');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Note')).toBeFocused();
  await page.keyboard.type('Three renewals moved to annual plans');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status')).toContainText(
    'Checked in 21,000,000 EUR on Annual recurring revenue',
  );
  await expect(row.getByTestId('kr-progress')).toHaveAttribute('data-value', '0.500');
  const sparkline = row.getByTestId('kr-sparkline');
  await expect(sparkline).toHaveAttribute('data-points', '5');
  await expect(sparkline).toHaveAttribute('aria-label', 'Trend: 0% → 12% → 18% → 27% → 50%');
  const confidence = row.getByTestId('kr-confidence');
  await expect(confidence).toHaveAttribute('data-value', '0.45');
  await expect(confidence).toHaveAttribute('title', 'Confidence 45% (low)');
  await expect(confidence).toContainText('45%');
  await expect(confidence).toContainText('⚠');
  // The objective rolls the new value up.
  await expect(objective).not.toHaveAttribute('data-value', objectiveBefore ?? '');

  // The history lists it first, with its note; the form is ready again.
  const newest = editor.getByTestId('checkin-entry').first();
  await expect(newest).toHaveAttribute('data-date', '2027-02-26');
  await expect(newest).toContainText('21,000,000 EUR');
  await expect(newest).toContainText('confidence 45%');
  await expect(newest).toContainText('Three renewals moved to annual plans');
  await expect(form.getByTestId('checkin-value')).toHaveValue('21000000');
  await expect(form.getByTestId('checkin-confidence')).toHaveValue('0.45');
  await expect(form.getByTestId('checkin-note')).toHaveValue('');
  // The person stays where they pressed Enter, ready for the next one.
  await expect(form.getByTestId('checkin-note')).toBeFocused();
  // The key result's own fields show the new current value.
  await expect(editor.getByTestId('kr-edit-current')).toHaveValue('21000000');
});

test('a wrong entry is fixed in place, deleted, and brought back by undo', async ({ page }) => {
  await openSmall(page);
  const row = krRow(page, 'kr-co-arr');
  // No check-ins yet: no trend, no confidence.
  await expect(row.getByTestId('kr-sparkline')).toHaveCount(0);
  await expect(row.getByTestId('kr-confidence')).toHaveCount(0);
  await expect(row.getByTestId('kr-progress')).toHaveAttribute('data-value', '0.400');

  await card(page, 'o-co').click();
  const editor = krEditor(page, 'kr-co-arr');
  const form = editor.getByTestId('checkin-form');
  await form.getByTestId('checkin-date').fill('2027-01-20');
  await form.getByTestId('checkin-value').fill('55');
  await form.getByTestId('checkin-confidence').fill('0.7');
  await form.getByTestId('checkin-submit').click();
  await expect(row.getByTestId('kr-progress')).toHaveAttribute('data-value', '0.550');
  await expect(row.getByTestId('kr-sparkline')).toHaveAttribute('data-points', '2');
  await expect(row.getByTestId('kr-confidence')).toHaveAttribute('data-value', '0.70');
  await expect(row.getByTestId('kr-confidence')).not.toContainText('⚠');

  // A slip of the finger: 600 instead of 60.
  await form.getByTestId('checkin-date').fill('2027-01-27');
  await form.getByTestId('checkin-value').fill('600');
  await form.getByTestId('checkin-value').press('Enter');
  await expect(row.getByTestId('kr-progress')).toHaveAttribute('data-value', '1.000');
  await expect(row.getByTestId('kr-sparkline')).toHaveAttribute('data-points', '3');

  const wrong = entry(page, 'kr-co-arr', '2027-01-27');
  await wrong.getByTestId('checkin-fix').click();
  const fixForm = wrong.getByTestId('checkin-fix-form');
  await expect(fixForm.getByTestId('checkin-value')).toBeFocused();
  await expect(fixForm.getByTestId('checkin-value')).toHaveValue('600');
  await page.keyboard.type('60');
  await fixForm.getByTestId('checkin-note').fill('Typo fixed');
  await fixForm.getByTestId('checkin-save').click();
  await expect(row.getByTestId('kr-progress')).toHaveAttribute('data-value', '0.600');
  await expect(wrong).toContainText('60 kEUR');
  await expect(wrong).toContainText('Typo fixed');
  await expect(page.getByRole('status')).toContainText('Fixed the 2027-01-27 check-in');
  await expect(row.getByTestId('kr-sparkline')).toHaveAttribute('aria-label', 'Trend: 0% → 55% → 60%');

  // Escape leaves a fix without saving.
  await wrong.getByTestId('checkin-fix').click();
  await wrong.getByTestId('checkin-value').fill('61');
  await page.keyboard.press('Escape');
  await expect(wrong.getByTestId('checkin-fix-form')).toHaveCount(0);
  await expect(wrong.getByTestId('checkin-fix')).toBeFocused();
  await expect(row.getByTestId('kr-progress')).toHaveAttribute('data-value', '0.600');
  await expect(page.getByTestId('inspector')).toBeVisible();

  // Deleting the latest entry puts the key result back on the one before.
  await wrong.getByTestId('checkin-delete').click();
  await expect(editor.getByTestId('checkin-entry')).toHaveCount(1);
  await expect(row.getByTestId('kr-progress')).toHaveAttribute('data-value', '0.550');
  await expect(row.getByTestId('kr-sparkline')).toHaveAttribute('data-points', '2');
  await expect(page.getByRole('status')).toContainText('Deleted the 2027-01-27 check-in');

  await page.getByTestId('undo').click();
  await expect(entry(page, 'kr-co-arr', '2027-01-27')).toContainText('Typo fixed');
  await expect(row.getByTestId('kr-progress')).toHaveAttribute('data-value', '0.600');
  await expect(row.getByTestId('kr-sparkline')).toHaveAttribute('data-points', '3');
});

test('an entry that is not a check-in is named and changes nothing', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-nordic').click();
  const editor = krEditor(page, 'kr-nordic-deals');
  const form = editor.getByTestId('checkin-form');
  const bar = krRow(page, 'kr-nordic-deals').getByTestId('kr-progress');
  await expect(bar).toHaveAttribute('data-value', '0.800');
  const error = form.getByTestId('checkin-error');
  await expect(error).toBeHidden();

  await form.getByTestId('checkin-value').fill('');
  await form.getByTestId('checkin-value').press('Enter');
  await expect(error).toBeVisible();
  await expect(error).toContainText('The new value is empty');
  await expect(form.getByTestId('checkin-value')).toHaveAttribute('aria-describedby', (await error.getAttribute('id')) ?? 'missing');

  // Typing again takes the complaint away; a wrong confidence brings one back.
  await form.getByTestId('checkin-value').fill('9');
  await expect(error).toBeHidden();
  await form.getByTestId('checkin-confidence').fill('1.5');
  await form.getByTestId('checkin-submit').click();
  await expect(error).toContainText('confidence is 1.5');
  // What was typed stays, to be corrected.
  await expect(form.getByTestId('checkin-value')).toHaveValue('9');

  await form.getByTestId('checkin-confidence').fill('');
  await form.getByTestId('checkin-value').fill('nine');
  await form.getByTestId('checkin-submit').click();
  await expect(error).toContainText('“nine” is not a number');

  await form.getByTestId('checkin-date').fill('');
  await form.getByTestId('checkin-value').fill('9');
  await form.getByTestId('checkin-submit').click();
  await expect(error).toContainText('no date');

  await expect(editor.getByTestId('checkin-entry')).toHaveCount(0);
  await expect(bar).toHaveAttribute('data-value', '0.800');
  await expect(krRow(page, 'kr-nordic-deals').getByTestId('kr-sparkline')).toHaveCount(0);
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('the exported file keeps the history sorted by date, with its notes', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-brand').click();
  const form = krEditor(page, 'kr-brand-aware').getByTestId('checkin-form');
  // Checked in out of order: the later week first, then a late entry for the week before.
  for (const [date, value, note] of [
    ['2027-02-10', '19', 'Podcast series launched'],
    ['2027-02-03', '17', 'Survey wave two'],
    ['2027-02-03', '17.5', 'Second panel, same week'],
  ]) {
    await form.getByTestId('checkin-date').fill(date);
    await form.getByTestId('checkin-value').fill(value);
    await form.getByTestId('checkin-note').fill(note);
    await form.getByTestId('checkin-submit').click();
    await expect(page.getByRole('status')).toContainText(`Checked in ${value}% on Aided awareness`);
  }
  const history = krEditor(page, 'kr-brand-aware').getByTestId('checkin-entry');
  await expect(history).toHaveCount(3);
  expect(await history.evaluateAll((els) => els.map((e) => e.dataset.date))).toEqual([
    '2027-02-10',
    '2027-02-03',
    '2027-02-03',
  ]);
  // The newest two show; the oldest folds under one line, opened on request.
  const older = krEditor(page, 'kr-brand-aware').getByTestId('checkin-older');
  await expect(older.locator('summary')).toHaveText('1 older check-in');
  await expect(history.nth(2)).toBeHidden();
  await expect(history.nth(1)).toBeVisible();
  await older.locator('summary').click();
  await expect(history.nth(2)).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
  const kr = exported.objectives
    .find((o) => o.id === 'o-brand')
    .keyResults.find((k) => k.id === 'kr-brand-aware');
  expect(kr.checkIns).toEqual([
    { date: '2027-02-03', value: 17, note: 'Survey wave two' },
    { date: '2027-02-03', value: 17.5, note: 'Second panel, same week' },
    { date: '2027-02-10', value: 19, note: 'Podcast series launched' },
  ]);
  // The latest entry by date sets the current value, whatever the order of entry.
  expect(kr.current).toBe(19);
});
