// A whole quarter, as a team runs it: set the cycle, align, check in during
// the quarter, see who is off track, close and score, start the next
// quarter. The computer's clock is moved between the steps and the page
// reopened, as a person opens the app on another day.
const fs = require('fs');
const path = require('path');
const { test, expect, openApp, card, link } = require('./fixtures');

const SMALL = fs.readFileSync(path.join(__dirname, 'fixtures/small.okr.json'));

async function openOn(page, day) {
  await page.clock.setFixedTime(new Date(`${day}T09:00:00`));
  await page.reload();
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
}

test('set, align, check in, see who is off track, close and score, start the next quarter', async ({ page }) => {
  test.setTimeout(90_000);
  // Week 1: the workshop. The small canvas has no cycle yet.
  await page.clock.setFixedTime(new Date('2027-01-04T09:00:00'));
  await openApp(page);
  await page.getByTestId('import-file').setInputFiles({
    name: 'small.okr.json',
    mimeType: 'application/json',
    buffer: SMALL,
  });
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  await expect(page.getByTestId('okr-status')).toHaveCount(0);

  // Set: the cycle dialog offers the quarter we are in.
  await page.getByTestId('cycle-button').click();
  const cycle = page.getByTestId('cycle-dialog');
  await expect(cycle.getByTestId('cycle-label')).toHaveValue('Q1 2027');
  await expect(cycle.getByTestId('cycle-start')).toHaveValue('2027-01-01');
  await expect(cycle.getByTestId('cycle-end')).toHaveValue('2027-03-31');
  await cycle.getByTestId('cycle-save').click();
  await expect(page.getByTestId('cycle-button')).toHaveText('Q1 2027');
  await expect(card(page, 'o-brand').getByTestId('okr-status')).toHaveAttribute('data-status', 'on-track');

  // Align: Nordic AE's objective supports Sales directly.
  await card(page, 'o-nordic').click();
  await page.getByTestId('link-to').click();
  await page.getByTestId('link-picker-search').fill('pipeline');
  await page.locator('[data-testid="link-target"][data-target-id="o-sales"]').click();
  await page.keyboard.press('h');
  await expect(link(page, 'o-nordic', 'o-sales')).toHaveAttribute('data-link-kind', 'hard');
  await page.keyboard.press('Escape');

  // Mid-February: Brand checks in, and awareness has barely moved.
  await openOn(page, '2027-02-17');
  await card(page, 'o-brand').click();
  const brandAwareness = page.locator('[data-testid="kr-edit"][data-kr-id="kr-brand-aware"]');
  const form = brandAwareness.getByTestId('checkin-form');
  await expect(form.getByTestId('checkin-date')).toHaveValue('2027-02-17');
  await form.getByTestId('checkin-value').fill('6');
  await form.getByTestId('checkin-confidence').fill('40%');
  await form.getByTestId('checkin-note').fill('The campaign slipped to March');
  await form.getByTestId('checkin-submit').click();
  await expect(page.getByRole('status')).toContainText('Checked in');
  await expect(brandAwareness.getByTestId('checkin-entry')).toHaveCount(1);
  const row = card(page, 'o-brand').locator('[data-kr-id="kr-brand-aware"]');
  await expect(row.getByTestId('kr-sparkline')).toHaveAttribute('data-points', '2');
  await expect(row.getByTestId('kr-confidence')).toHaveAttribute('data-value', '0.40');
  await page.keyboard.press('Escape');

  // Who is off track? Only Brand: 5% done where about 37% is expected.
  await expect(card(page, 'o-brand').getByTestId('okr-status')).toHaveAttribute('data-status', 'off-track');
  await page.getByTestId('filter').click();
  await page.locator('[data-testid="filter-option"][data-filter-group="status"][data-value="off-track"]').check();
  await expect(page.getByTestId('filter-summary')).toHaveAttribute('data-shown', '1');
  await expect(card(page, 'o-brand')).not.toHaveAttribute('data-dimmed', 'true');
  await expect(card(page, 'o-nordic')).toHaveAttribute('data-dimmed', 'true');
  await expect(page).toHaveURL(/\?status=off-track$/);
  await page.getByTestId('filter-clear').click();
  await expect(page).not.toHaveURL(/\?/);

  // April: the quarter is over; close and score it.
  await openOn(page, '2027-04-02');
  await expect(card(page, 'o-brand').getByTestId('okr-status')).toHaveAttribute('data-status', 'missed');
  await expect(card(page, 'o-nordic').getByTestId('okr-status')).toHaveAttribute('data-status', 'met');
  await page.getByTestId('cycle-button').click();
  await page.getByTestId('cycle-scores').click();
  const scores = page.getByTestId('score-view');
  await expect(scores.getByTestId('score-when')).toContainText('Q1 2027 ended on 2027-03-31');
  const brandScore = scores.locator('[data-testid="score-row"][data-okr-id="o-brand"]');
  await expect(brandScore.getByTestId('score-value')).toHaveText('0.05');
  await brandScore.getByTestId('retro-note').fill('Launched too late to move awareness; start in week 1.');
  await scores.getByTestId('score-close').click();
  await expect(page.getByRole('status')).toContainText('Retrospective note saved');

  // Start the next quarter with everything unfinished (all four).
  await page.getByTestId('cycle-button').click();
  await page.getByTestId('start-next-cycle').click();
  const next = page.getByTestId('next-cycle-dialog');
  await expect(next.getByTestId('next-cycle-label')).toHaveValue('Q2 2027');
  await next.getByTestId('next-cycle-confirm').click();
  await expect(page.getByTestId('cycle-button')).toHaveText('Q2 2027');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  // Brand awareness starts where it stood; the new quarter has just begun and
  // nothing is measured in it yet.
  await expect(
    card(page, 'o-brand').locator('[data-kr-id="kr-brand-aware"] [data-testid="kr-progress"]'),
  ).toHaveAttribute('data-value', '0.000');
  await expect(card(page, 'o-brand').locator('[data-testid="kr-sparkline"]')).toHaveCount(0);
  await expect(card(page, 'o-brand').getByTestId('okr-status')).toHaveAttribute('data-status', 'not-started');
  await expect(link(page, 'o-nordic', 'o-sales')).toHaveAttribute('data-link-kind', 'hard');
  await card(page, 'o-brand').click();
  await expect(page.getByTestId('inspector-description')).toHaveValue('');

  // The closed quarter keeps its scores and its note.
  await page.getByTestId('canvases').click();
  await page.getByTestId('canvas-entry').filter({ hasText: 'Small test canvas' }).filter({ hasNotText: 'Q2' })
    .getByTestId('canvas-open').click();
  await expect(page.getByTestId('cycle-button')).toHaveText('Q1 2027');
  await page.getByTestId('score-cycle').click();
  await expect(
    page.locator('[data-testid="score-row"][data-okr-id="o-brand"] [data-testid="retro-note"]'),
  ).toHaveValue('Launched too late to move awareness; start in week 1.');
});
