// Focus mode, for walking a room through the live map: select an objective,
// press F (or the inspector's Focus button), and everything that does not
// support it is dimmed; Escape, F again or "Show everything" light it all.
const fs = require('fs');
const path = require('path');
const { test, expect, openApp, openSmall, card, link, clickCardOnMap } = require('./fixtures');

const SAMPLE = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../public/examples/acme.okr.json'), 'utf8'),
);
const titleOf = (id) => SAMPLE.objectives.find((o) => o.id === id).title;

// o-grow-arr's supporters in the sample: its hard subtree (links to its key
// results count) and the objectives soft-linked to it or its key results.
const GROW_ARR_LIT = [
  'o-grow-arr',
  'o-rev-enterprise', // hard → o-grow-arr
  'o-ent-references', // hard → o-rev-enterprise
  'o-ent-pipeline', // hard → kr-rev-enterprise-arr
  'o-eng-erp', // hard → kr-new-logos
  'o-int-connectors', // hard → o-eng-erp
  'o-rev-expansion', // hard → kr-nrr
  'o-mkt-brand', // soft → kr-new-logos
].sort();

const cards = (page) => page.getByTestId('okr-card');
const dimmedCards = (page) => page.locator('[data-testid="okr-card"][data-dimmed="true"]');
/** The ids of the cards focus mode leaves lit (no data-dimmed attribute). */
const litIds = (page) =>
  page
    .locator('[data-testid="okr-card"]:not([data-dimmed])')
    .evaluateAll((els) => els.map((el) => el.dataset.okrId).sort());

/** Opens the app on the sample canvas, which a first visit shows. */
async function openSample(page) {
  await openApp(page);
  await expect(cards(page)).toHaveCount(SAMPLE.objectives.length);
}

test('F on a company objective dims every card and link that does not support it', async ({ page }) => {
  await openSample(page);
  await expect(dimmedCards(page)).toHaveCount(0);
  await clickCardOnMap(page, 'o-grow-arr');
  await page.keyboard.press('f');

  await expect(dimmedCards(page)).toHaveCount(SAMPLE.objectives.length - GROW_ARR_LIT.length);
  await expect.poll(() => litIds(page)).toEqual(GROW_ARR_LIT);
  await expect(card(page, 'o-grow-arr')).not.toHaveClass(/card--dimmed/);
  await expect(card(page, 'o-reliable')).toHaveClass(/card--dimmed/);

  // A link is lit when both its ends are.
  await expect(link(page, 'o-ent-pipeline', 'kr-rev-enterprise-arr')).not.toHaveAttribute('data-dimmed');
  await expect(link(page, 'o-mkt-brand', 'kr-new-logos')).not.toHaveAttribute('data-dimmed');
  await expect(link(page, 'o-eng-scale', 'o-reliable')).toHaveAttribute('data-dimmed', 'true');
  // o-rev-expansion is lit, o-first-week is not.
  await expect(link(page, 'o-rev-expansion', 'o-first-week')).toHaveAttribute('data-dimmed', 'true');

  const bar = page.getByTestId('focus-bar');
  await expect(bar).toHaveText(
    new RegExp(`^Focus: “${escape(titleOf('o-grow-arr'))}” — 7 supporters lit\\s*Show everything$`),
  );
});

test('Escape ends the focus before it deselects; F toggles; "Show everything" ends it', async ({ page }) => {
  await openSample(page);
  await clickCardOnMap(page, 'o-grow-arr');
  await page.keyboard.press('f');
  await expect(page.getByTestId('focus-bar')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('focus-bar')).toHaveCount(0);
  await expect(dimmedCards(page)).toHaveCount(0);
  await expect(page.locator('[data-testid="link"][data-dimmed]')).toHaveCount(0);
  // Only the focus went: the card is still selected.
  await expect(card(page, 'o-grow-arr')).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('f');
  await expect(dimmedCards(page)).toHaveCount(SAMPLE.objectives.length - GROW_ARR_LIT.length);
  await page.keyboard.press('f');
  await expect(dimmedCards(page)).toHaveCount(0);
  await expect(page.getByTestId('focus-bar')).toHaveCount(0);

  await page.keyboard.press('f');
  await page.getByTestId('focus-clear').click();
  await expect(page.getByTestId('focus-bar')).toHaveCount(0);
  await expect(dimmedCards(page)).toHaveCount(0);
});

test('with nothing selected, F says to select an objective, or ends a focus that is on', async ({ page }) => {
  await openSample(page);
  await page.keyboard.press('f');
  await expect(page.getByRole('status')).toContainText('Select an objective first');
  await expect(page.getByTestId('focus-bar')).toHaveCount(0);

  await clickCardOnMap(page, 'o-first-week');
  await page.keyboard.press('f');
  await expect(page.getByTestId('focus-bar')).toContainText(titleOf('o-first-week'));
  // A click on empty map deselects and keeps the focus.
  const canvas = await page.getByTestId('canvas').boundingBox();
  await page.mouse.click(canvas.x + 20, canvas.y + canvas.height - 120);
  await expect(page.locator('[data-testid="okr-card"][aria-selected="true"]')).toHaveCount(0);
  await expect(page.getByTestId('focus-bar')).toBeVisible();
  await page.keyboard.press('f');
  await expect(page.getByTestId('focus-bar')).toHaveCount(0);
  await expect(dimmedCards(page)).toHaveCount(0);
});

test('the inspector’s Focus button focuses the objective, and the dimmed cards fade', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-co').click();
  const button = page.getByTestId('focus-objective');
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  // o-sales is hard-linked to o-co, o-brand to o-sales; o-nordic to nothing.
  await expect.poll(() => litIds(page)).toEqual(['o-brand', 'o-co', 'o-sales']);
  await expect(card(page, 'o-nordic')).toHaveAttribute('data-dimmed', 'true');
  await expect(card(page, 'o-nordic')).toHaveCSS('opacity', '0.25');
  await expect(card(page, 'o-sales')).toHaveCSS('opacity', '1');
  await expect(page.getByTestId('focus-bar')).toHaveText(/Focus: “Win the Nordic market” — 2 supporters lit/);

  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect(dimmedCards(page)).toHaveCount(0);
  await expect(card(page, 'o-nordic')).toHaveCSS('opacity', '1');
});

test('focus follows the map: a new link lights its card, deleting the focus ends it', async ({ page }) => {
  await openSmall(page);
  await card(page, 'o-co').click();
  await page.getByTestId('focus-objective').click();
  await expect(card(page, 'o-nordic')).toHaveAttribute('data-dimmed', 'true');

  // Linking o-nordic to o-co (through the target list) lights it.
  await card(page, 'o-nordic').click();
  await page.getByTestId('link-to').click();
  await page.locator('[data-testid="link-target"][data-target-id="o-co"]').click();
  await page.getByTestId('link-choose-soft').click();
  await expect(link(page, 'o-nordic', 'o-co')).toHaveCount(1);
  await expect(card(page, 'o-nordic')).not.toHaveAttribute('data-dimmed');
  await expect(page.getByTestId('focus-bar')).toContainText('3 supporters lit');

  // Deleting the focused objective ends the focus, and undo does not bring it back.
  await card(page, 'o-co').click();
  await page.getByTestId('delete-objective').click();
  await expect(card(page, 'o-co')).toHaveCount(0);
  await expect(page.getByTestId('focus-bar')).toHaveCount(0);
  await expect(dimmedCards(page)).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(card(page, 'o-co')).toHaveCount(1);
  await expect(page.getByTestId('focus-bar')).toHaveCount(0);
});

/** `text` as a regular expression matching itself. */
function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
