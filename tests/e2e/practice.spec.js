// Running a quarter: each card says whether it is on track for the cycle's
// clock and its kind, the map filters by team, level, kind, status and link
// kind (and the filter travels in the address), and closing the cycle lists
// every score with a retrospective note per objective.
const fs = require('fs');
const path = require('path');
const { test, expect, openApp, card, link } = require('./fixtures');

const SMALL = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/small.okr.json'), 'utf8'));

/**
 * The small canvas (four cards, at 100% zoom) with a Q1 2027 cycle, o-co
 * committed, and o-nordic soft-linked to a company key result. Progress:
 * o-nordic 0.8, o-brand 0.5 (or 0.1 when brand awareness is at 7), o-sales
 * the same as o-brand (it rolls up its only child), all aspirational; o-co
 * 0.45, committed.
 */
function smallWithCycle({ brandAwareness = 15 } = {}) {
  const doc = JSON.parse(JSON.stringify(SMALL));
  doc.objectives
    .find((o) => o.id === 'o-brand')
    .keyResults.find((kr) => kr.id === 'kr-brand-aware').current = brandAwareness;
  doc.cycle = { label: 'Q1 2027', start: '2027-01-01', end: '2027-03-31' };
  doc.objectives.find((o) => o.id === 'o-co').kind = 'committed';
  doc.links.push({ from: 'o-nordic', to: 'kr-co-logos', kind: 'soft', note: 'Deals make logos' });
  return doc;
}

/** Opens the app on `today` and loads `doc` as a person opens a file. */
async function openOn(page, today, doc = smallWithCycle(), address = '') {
  await page.clock.setFixedTime(new Date(`${today}T10:00:00`));
  await openApp(page, address);
  await page.getByTestId('import-file').setInputFiles({
    name: 'small.okr.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  await page.getByRole('status').getByRole('button', { name: 'Dismiss this message' }).click();
}

const status = (page, id) => card(page, id).getByTestId('okr-status');

test('two thirds into the cycle each card says, in words, whether it is on track for its kind', async ({ page }) => {
  // 1 March: day 60 of 90. Aspirational objectives should be near 0.47 by
  // now (0.7 × 60/90), committed ones near 0.67.
  await openOn(page, '2027-03-01', smallWithCycle({ brandAwareness: 7 }));
  await expect(status(page, 'o-nordic')).toHaveAttribute('data-status', 'on-track');
  await expect(status(page, 'o-nordic')).toHaveText(/On track/);
  await expect(status(page, 'o-brand')).toHaveAttribute('data-status', 'off-track');
  await expect(status(page, 'o-sales')).toHaveAttribute('data-status', 'off-track');
  await expect(status(page, 'o-sales')).toHaveText(/Off track/);
  await expect(status(page, 'o-sales')).toHaveAttribute('title', /10% done; 47% expected by now \(aspirational: 0.7 is success\)/);
  // 0.45 would be on track for an aspirational objective; committed, it is at risk.
  await expect(status(page, 'o-co')).toHaveAttribute('data-status', 'at-risk');
  await expect(status(page, 'o-co')).toHaveAttribute('title', /67% expected by now \(committed: only 1.0 is success\)/);
  await expect(card(page, 'o-co')).toHaveAttribute('aria-label', /At risk/);

  // Brand awareness half-way to its target puts Brand, and the Sales
  // objective it rolls up into, back on track.
  await card(page, 'o-brand').click();
  const current = page.locator('[data-testid="kr-edit"][data-kr-id="kr-brand-aware"]').getByTestId('kr-edit-current');
  await current.fill('15');
  await current.press('Enter');
  await expect(status(page, 'o-brand')).toHaveAttribute('data-status', 'on-track');
  await expect(status(page, 'o-sales')).toHaveAttribute('data-status', 'on-track');
});

test('before the cycle nothing is late, after it each progress is a score against its yardstick', async ({ page }) => {
  await openOn(page, '2026-12-01');
  for (const id of ['o-co', 'o-sales', 'o-nordic', 'o-brand']) {
    await expect(status(page, id)).toHaveAttribute('data-status', 'not-started');
  }
});

test('after the cycle the statuses are verdicts: 0.7 meets an aspirational objective, only 1.0 a committed one', async ({ page }) => {
  await openOn(page, '2027-04-05');
  await expect(status(page, 'o-nordic')).toHaveAttribute('data-status', 'met');
  await expect(status(page, 'o-brand')).toHaveAttribute('data-status', 'partly-met');
  await expect(status(page, 'o-brand')).toHaveText(/Progress made/);
  await expect(status(page, 'o-sales')).toHaveAttribute('data-status', 'partly-met');
  // 0.45 is progress made for an aspirational objective, a miss for a committed one.
  await expect(status(page, 'o-co')).toHaveAttribute('data-status', 'missed');
});

test('a canvas without cycle dates shows no pace, and the filter offers no on-track choices', async ({ page }) => {
  await openOn(page, '2027-03-01', SMALL);
  await expect(card(page, 'o-co')).toBeVisible();
  await expect(page.getByTestId('okr-status')).toHaveCount(0);
  await page.getByTestId('filter').click();
  const statuses = page.locator('[data-filter-group="status"]');
  await expect(statuses).toHaveCount(1);
  await expect(statuses).toHaveAttribute('data-value', 'no-cycle');
});

test('filtering by team dims the rest, puts the filter in the address, and the address opens the same view', async ({ page, context }) => {
  await openOn(page, '2027-03-01', smallWithCycle({ brandAwareness: 7 }));
  await page.getByTestId('filter').click();
  await expect(page.getByTestId('filter-panel')).toBeVisible();
  await page.locator('[data-testid="filter-option"][data-filter-group="team"][data-value="sales"]').check();
  // Sales and the teams under it stay lit; the company objective is dimmed.
  await expect(card(page, 'o-co')).toHaveAttribute('data-dimmed', 'true');
  for (const id of ['o-sales', 'o-nordic', 'o-brand']) {
    await expect(card(page, id)).not.toHaveAttribute('data-dimmed', 'true');
  }
  // A link with a dimmed end is dimmed with it.
  await expect(link(page, 'o-sales', 'o-co')).toHaveAttribute('data-dimmed', 'true');
  await expect(page.getByTestId('filter-summary')).toHaveAttribute('data-shown', '3');
  await expect(page.getByTestId('filter-summary')).toContainText('3 of 4 objectives shown');
  await expect(page.getByTestId('filter')).toContainText('(1)');
  await expect(page).toHaveURL(/\?team=sales$/);

  await page.locator('[data-testid="filter-option"][data-filter-group="status"][data-value="off-track"]').check();
  await page.getByTestId('filter-mode-hide').check();
  await expect(page).toHaveURL(/\?team=sales&status=off-track&filter=hide$/);
  // Sales and Brand are off track; Nordic is on track, so hidden.
  await expect(card(page, 'o-sales')).not.toHaveAttribute('data-hidden', 'true');
  await expect(card(page, 'o-brand')).not.toHaveAttribute('data-hidden', 'true');
  await expect(card(page, 'o-nordic')).toHaveAttribute('data-hidden', 'true');
  await expect(card(page, 'o-nordic')).toBeHidden();
  await expect(card(page, 'o-sales')).toBeVisible();

  // The same address in another tab opens the same filtered view (of the
  // canvas this browser keeps).
  const other = await context.newPage();
  await other.clock.setFixedTime(new Date('2027-03-01T10:00:00'));
  await other.goto(page.url());
  await expect(other.getByTestId('filter-summary')).toHaveAttribute('data-shown', '2');
  await expect(card(other, 'o-nordic')).toHaveAttribute('data-hidden', 'true');
  await expect(card(other, 'o-sales')).toBeVisible();
  await other.getByTestId('filter').click();
  await expect(other.locator('[data-filter-group="team"][data-value="sales"]')).toBeChecked();
  await other.close();

  // Show everything: every card lit, the address clean.
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('filter-summary')).toHaveCount(0);
  await expect(page.locator('[data-testid="okr-card"][data-hidden]')).toHaveCount(0);
  await expect(page.locator('[data-testid="okr-card"][data-dimmed]')).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
});

test('filtering by kind, level and link kind combines the groups', async ({ page }) => {
  await openOn(page, '2027-03-01');
  await page.getByTestId('filter').click();
  const option = (group, value) =>
    page.locator(`[data-testid="filter-option"][data-filter-group="${group}"][data-value="${value}"]`);
  await option('kind', 'aspirational').check();
  await expect(card(page, 'o-co')).toHaveAttribute('data-dimmed', 'true');
  await option('level', 'team').check();
  await expect(card(page, 'o-sales')).toHaveAttribute('data-dimmed', 'true');
  await expect(card(page, 'o-nordic')).not.toHaveAttribute('data-dimmed', 'true');
  await option('level', 'team').uncheck();
  await option('kind', 'aspirational').uncheck();
  // Soft links only: the hard links are dimmed, and so are the objectives
  // with no soft link.
  await option('link', 'soft').check();
  await expect(link(page, 'o-nordic', 'kr-co-logos')).not.toHaveAttribute('data-dimmed', 'true');
  await expect(link(page, 'o-sales', 'o-co')).toHaveAttribute('data-dimmed', 'true');
  await expect(link(page, 'o-brand', 'o-sales')).toHaveAttribute('data-dimmed', 'true');
  await expect(card(page, 'o-nordic')).not.toHaveAttribute('data-dimmed', 'true');
  await expect(card(page, 'o-co')).not.toHaveAttribute('data-dimmed', 'true');
  await expect(card(page, 'o-sales')).toHaveAttribute('data-dimmed', 'true');
  await expect(card(page, 'o-brand')).toHaveAttribute('data-dimmed', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('filter-panel')).toHaveCount(0);
  await page.getByTestId('filter-clear').click();
  await expect(page.getByRole('status')).toContainText('Filter cleared');
});

test('a link whose filter this app cannot read says so and shows the rest', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2027-03-01T10:00:00'));
  await openApp(page, '?level=galaxy&kind=committed&team=nowhere');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('Part of the link\'s filter was left out');
  await expect(notice).toContainText('“level=galaxy” is not a filter this app knows.');
  await expect(notice).toContainText('This canvas has no team “nowhere”.');
  await expect(page.getByTestId('filter')).toContainText('(2)');
  // The readable part applies: the sample's committed objectives stay lit.
  await expect(card(page, 'o-reliable')).not.toHaveAttribute('data-dimmed', 'true');
  await expect(card(page, 'o-grow-arr')).toHaveAttribute('data-dimmed', 'true');
});

test('closing the cycle lists every score and keeps a retrospective note with its objective', async ({ page }) => {
  await openOn(page, '2027-04-05');
  await page.getByTestId('score-cycle').click();
  const view = page.getByTestId('score-view');
  await expect(view).toBeVisible();
  await expect(view.getByRole('heading', { name: 'Score Q1 2027' })).toBeVisible();
  await expect(view.getByTestId('score-when')).toContainText('Q1 2027 ended on 2027-03-31');
  const rows = view.getByTestId('score-row');
  await expect(rows).toHaveCount(4);
  const row = (id) => view.locator(`[data-testid="score-row"][data-okr-id="${id}"]`);
  await expect(row('o-nordic').getByTestId('score-value')).toHaveText('0.80');
  await expect(row('o-nordic').getByTestId('score-verdict')).toHaveAttribute('data-status', 'met');
  await expect(row('o-co').getByTestId('score-value')).toHaveText('0.45');
  await expect(row('o-co').getByTestId('score-verdict')).toHaveText(/Missed/);
  await expect(view.getByTestId('score-summary')).toHaveText(
    '4 objectives · average score 0.56 · 1 met · 2 progress made · 1 missed',
  );

  const note = row('o-sales').getByTestId('retro-note');
  await note.fill('Pipeline reviews started late; <b>carry</b> over.');
  await row('o-co').getByTestId('retro-note').focus();
  await expect(page.getByRole('status')).toContainText('Retrospective note saved');
  await view.getByTestId('score-close').click();
  await expect(view).toHaveCount(0);

  // The note is part of the objective: in the inspector, and in the file.
  await card(page, 'o-sales').click();
  await expect(page.getByTestId('inspector-description')).toHaveValue(
    'Retrospective: Pipeline reviews started late; <b>carry</b> over.',
  );
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const file = await download;
  const exported = JSON.parse(fs.readFileSync(await file.path(), 'utf8'));
  const sales = exported.objectives.find((o) => o.id === 'o-sales');
  expect(sales.description).toContain('Retrospective: Pipeline reviews started late; <b>carry</b> over.');

  // Undo takes the note back out, in the list too.
  await page.getByTestId('undo').click();
  await page.getByTestId('score-cycle').click();
  await expect(row('o-sales').getByTestId('retro-note')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
});

test('a score line takes the person to its card on the map', async ({ page }) => {
  await openOn(page, '2027-02-01');
  await page.getByTestId('score-cycle').click();
  const view = page.getByTestId('score-view');
  await expect(view.getByTestId('score-when')).toContainText('provisional');
  // Before the end a verdict is a forecast, in words, not a red "Missed".
  const verdict = view.locator('[data-testid="score-row"][data-okr-id="o-co"] [data-testid="score-verdict"]');
  await expect(verdict).toHaveAttribute('data-provisional', 'true');
  await expect(verdict).toContainText(/^○\s*Provisional: .+ so far$/);
  await expect(verdict).not.toHaveClass(/status--missed/);
  await expect(view.getByTestId('score-summary')).toContainText(/so far$/);
  await view.locator('[data-testid="score-row"][data-okr-id="o-brand"] .score-view__title').click();
  await expect(view).toHaveCount(0);
  await expect(card(page, 'o-brand')).toHaveAttribute('aria-selected', 'true');
});
