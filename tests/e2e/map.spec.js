// The map as a person first sees it: a canvas opens fitted whole and legible
// at the two window sizes people present on, zooming out trades detail for
// legibility, cards stay elements to click and find, and 2,000 objectives fit
// on one screen.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const {
  test, expect, openApp, card, link, holdTheApp, cardsBox, expectSameBox,
} = require('./fixtures');

const CASCADE = fs.readFileSync(path.join(__dirname, 'fixtures/cascade.okr.json'));
const WINDOWS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

/**
 * Opens `bytes` as a new canvas through the file input. A big file takes
 * seconds on a busy machine, so the wait is longer than an assertion's.
 */
async function openFile(page, name, bytes) {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
  await expect(page.getByTestId('status')).toContainText('Opened', { timeout: 30_000 });
}

/**
 * Every card's rectangle on screen against the canvas element (from its place
 * in the world and the world's transform, as the map draws it, whether the
 * card is its markup or drawn), and every title's size as drawn: its font
 * size times the world's scale.
 */
async function measure(page) {
  return page.evaluate(() => {
    const world = document.querySelector('.canvas__world');
    const [, tx, ty, scale] = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/
      .exec(world.style.transform)
      .map(Number);
    const frame = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    const cards = [...document.querySelectorAll('[data-testid="okr-card"]')];
    const outside = cards
      .filter((el) => {
        const left = frame.left + tx + parseFloat(el.style.left) * scale;
        const top = frame.top + ty + parseFloat(el.style.top) * scale;
        const right = left + 280 * scale;
        const bottom = top + parseFloat(el.style.height) * scale;
        return left < frame.left - 0.5 || right > frame.right + 0.5 || top < frame.top - 0.5 || bottom > frame.bottom + 0.5;
      })
      .map((el) => el.dataset.okrId);
    const titles = [...document.querySelectorAll('[data-testid="okr-title"]')].map(
      (el) => parseFloat(getComputedStyle(el).fontSize) * scale,
    );
    return { scale, cards: cards.length, outside, smallestTitle: Math.min(...titles), tx, ty };
  });
}

/** Waits until the view has stopped changing (the first fit happens after mount). */
async function settled(page) {
  const transform = () => page.evaluate(() => document.querySelector('.canvas__world').style.transform);
  let before = await transform();
  await expect
    .poll(async () => {
      const now = await transform();
      const same = now === before;
      before = now;
      return same;
    })
    .toBe(true);
}

for (const size of WINDOWS) {
  test(`the sample opens whole and legible at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await openApp(page);
    await settled(page);
    const seen = await measure(page);
    expect(seen.cards).toBeGreaterThan(20);
    expect(seen.outside).toEqual([]);
    expect(seen.smallestTitle).toBeGreaterThanOrEqual(10);
    // The titles are elements a person can find on the page.
    await expect(page.getByText('Make on-call calm', { exact: true })).toBeVisible();
    await page.screenshot({ path: `tests/e2e/screenshots/map-sample-${size.width}.png` });
  });

  test(`a 34-objective, four-level canvas opens whole and legible at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await openApp(page);
    await openFile(page, 'cascade.okr.json', CASCADE);
    await expect(page.getByTestId('okr-card')).toHaveCount(34);
    await settled(page);
    const seen = await measure(page);
    expect(seen.outside).toEqual([]);
    expect(seen.smallestTitle).toBeGreaterThanOrEqual(10);
    // Fit gives the same view again after moving away.
    await page.getByTestId('zoom-in').click();
    await page.keyboard.press('0');
    await settled(page);
    expect((await measure(page)).outside).toEqual([]);
    await page.screenshot({ path: `tests/e2e/screenshots/map-cascade-${size.width}.png` });
  });
}

test('a card clicked at the opening zoom is selected and links with L', async ({ page }) => {
  await openApp(page);
  await settled(page);
  const community = card(page, 'o-mkt-community');
  await community.getByTestId('okr-title').click();
  await expect(community).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(community).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('l');
  await expect(page.getByTestId('link-picker-search')).toBeFocused();
  await page.keyboard.type('Grow inside');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('link-chooser')).toBeVisible();
  await page.keyboard.press('s');
  await expect(link(page, 'o-mkt-community', 'o-rev-expansion')).toHaveAttribute('data-link-kind', 'soft');
});

test('zooming out trades detail for legibility, and far out regions are named', async ({ page }) => {
  await openApp(page);
  await settled(page);
  const canvas = page.getByTestId('canvas');
  const steps = [];
  for (let i = 0; i < 14; i++) {
    await page.getByTestId('zoom-out').click();
    const seen = await measure(page);
    expect(seen.smallestTitle).toBeGreaterThanOrEqual(10);
    steps.push(/canvas--detail-(\w+)/.exec(await canvas.getAttribute('class'))[1]);
  }
  expect(steps).toContain('title');
  // Few cards: they stay elements, never drawn in their place.
  await expect(canvas).not.toHaveClass(/canvas--far/);
  await expect(page.getByTestId('region-label').first()).toBeVisible();
  await expect(page.getByTestId('region-label').filter({ hasText: 'Revenue' })).toHaveCount(1);
  await page.screenshot({ path: 'tests/e2e/screenshots/map-sample-far.png' });
  // Close in, key results are rows again.
  for (let i = 0; i < 20; i++) await page.getByTestId('zoom-in').click();
  await expect(canvas).toHaveClass(/canvas--detail-full/);
  await expect(page.getByTestId('kr-row').first()).toBeVisible();
});

/** A generated canvas of 2,000 objectives (about 1 MB), made once per run. */
let bigCanvas = null;
function big2000() {
  bigCanvas ??= execFileSync('cargo', ['run', '--quiet', '--example', 'generate', '--', '2000'], {
    cwd: path.join(__dirname, '..', '..'),
    maxBuffer: 64 * 1024 * 1024,
  });
  return bigCanvas;
}

test('a big file opens in steps, its progress shown over the map, then the map', async ({ page }) => {
  test.setTimeout(90_000);
  const big = big2000();
  await openApp(page);
  // Every step the panel shows, as the person sees it, whatever its pace.
  await page.evaluate(() => {
    window.__steps = [];
    new MutationObserver(() => {
      const panel = document.querySelector('[data-testid="progress"]');
      const text = panel?.textContent ?? '';
      if (text && window.__steps.at(-1) !== text) window.__steps.push(text);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await openFile(page, 'big.okr.json', big);
  await expect(page.getByTestId('okr-card')).toHaveCount(2000);
  await expect(page.getByTestId('progress')).toHaveCount(0);
  const steps = await page.evaluate(() => window.__steps);
  expect(steps[0]).toContain('Opening big.okr.json');
  expect(steps[0]).toContain('Step 1 of 3: Reading and checking it');
  expect(steps.some((s) => s.includes('Step 2 of 3: Placing 2000 objectives on the map'))).toBe(true);
  expect(steps.at(-1)).toContain('Step 3 of 3: Drawing the map');
});

test('2,000 objectives are shown as a sketch of the map on the next open, before the app, each card where the app’s will be', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const big = big2000();
  await openApp(page);
  await openFile(page, 'big.okr.json', big);
  await expect(page.getByTestId('okr-card')).toHaveCount(2000);
  // Kept once the canvas is first saved: far too big to picture in full, sketched.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('okr-canvas:preview')?.includes('<g class=\\"cards\\">') ?? false))
    .toBe(true);
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('okr-canvas:preview')).svg);
  expect(kept.length).toBeLessThanOrEqual(256 * 1024);
  // As the app draws a map this far out: hard links only, no card's text.
  expect(kept).toContain('link--hard');
  expect(kept).not.toContain('class="link link--soft"');
  expect(kept).not.toContain('<text');
  // Every card a block, in the sketch's own units; the rectangle around them.
  const blocks = [...kept.slice(kept.indexOf('<g class="cards">')).matchAll(/M(-?\d+),(-?\d+)h(\d+)v(\d+)/g)]
    .map((m) => m.slice(1).map(Number));
  expect(blocks).toHaveLength(2000);
  const [vx, vy, vw, vh] = /viewBox="([^"]+)"/.exec(kept)[1].split(' ').map(Number);
  const around = {
    left: Math.min(...blocks.map(([x]) => x)),
    top: Math.min(...blocks.map(([, y]) => y)),
    right: Math.max(...blocks.map(([x, , w]) => x + w)),
    bottom: Math.max(...blocks.map(([, y, , h]) => y + h)),
  };

  const release = await holdTheApp(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  const picture = page.locator('#boot-map');
  await expect(picture).toBeVisible();
  expect(await picture.getAttribute('src')).toMatch(/^blob:/);
  const image = await picture.boundingBox();
  await page.screenshot({ path: 'tests/e2e/screenshots/map-2000-sketch.png' });
  // Where the sketch's cards are on the page.
  const scale = image.width / vw;
  const shown = {
    x: image.x + (around.left - vx) * scale,
    y: image.y + (around.top - vy) * scale,
    width: (around.right - around.left) * scale,
    height: (around.bottom - around.top) * scale,
  };
  release();
  await expect(page.getByTestId('okr-card')).toHaveCount(2000, { timeout: 60_000 });
  await expect(page.locator('#boot')).toHaveCount(0);
  await page.screenshot({ path: 'tests/e2e/screenshots/map-2000-after-sketch.png' });
  expectSameBox(await cardsBox(page), shown, 'the map against its sketch');
});

test('2,000 objectives fit whole on one screen, and a drawn card is still pressed as itself', async ({ page }) => {
  test.setTimeout(90_000);
  const big = big2000();
  await openApp(page);
  await openFile(page, 'big.okr.json', big);
  await expect(page.getByTestId('okr-card')).toHaveCount(2000);
  await page.keyboard.press('0');
  await settled(page);
  const seen = await measure(page);
  expect(seen.outside).toEqual([]);
  const canvas = page.getByTestId('canvas');
  await expect(canvas).toHaveClass(/canvas--far/);
  await expect(page.getByTestId('region-label').first()).toBeVisible();
  await page.screenshot({ path: 'tests/e2e/screenshots/map-2000-fit.png' });
  // The cards are drawn: a person's press finds its card all the same.
  const target = await page.evaluate(() => {
    const world = document.querySelector('.canvas__world');
    const [, tx, ty, scale] = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/
      .exec(world.style.transform)
      .map(Number);
    const frame = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    const cx = frame.left + frame.width / 2;
    const cy = frame.top + frame.height / 2;
    let best = null;
    for (const el of document.querySelectorAll('[data-testid="okr-card"]')) {
      const x = frame.left + tx + (parseFloat(el.style.left) + 140) * scale;
      const y = frame.top + ty + (parseFloat(el.style.top) + parseFloat(el.style.height) / 2) * scale;
      const d = Math.hypot(x - cx, y - cy);
      if (!best || d < best.d) best = { id: el.dataset.okrId, x, y, d };
    }
    return best;
  });
  await page.mouse.click(target.x, target.y);
  await expect(card(page, target.id)).toHaveAttribute('aria-selected', 'true');
  // Screen readers and the keyboard reach every card through the outline.
  const outline = page.getByTestId('map-outline');
  await expect(outline.getByRole('button')).toHaveCount(2000);
  const entry = outline.getByRole('button').nth(7);
  const id = await entry.getAttribute('data-outline-id');
  await entry.focus();
  await expect(card(page, id)).toHaveAttribute('aria-selected', 'true');
});

test('the map is one Tab stop: Tab reaches a card, the arrow keys walk the map with the focus, Tab leaves it', async ({ page }) => {
  await openApp(page);
  await settled(page);
  const focusedCard = () => page.evaluate(() => document.activeElement?.closest('[data-testid="okr-card"]')?.dataset.okrId ?? null);
  // From the toolbar's last button, Tab goes to one card of the map.
  await page.locator('.toolbar__menu summary').focus();
  let reached = null;
  for (let presses = 0; presses < 6 && !reached; presses += 1) {
    await page.keyboard.press('Tab');
    reached = await focusedCard();
  }
  expect(reached).not.toBeNull();
  await expect(card(page, reached)).toHaveAttribute('aria-selected', 'true');
  // Only that card is a Tab stop.
  await expect(page.locator('[data-testid="okr-card"][tabindex="0"]')).toHaveCount(1);
  // An arrow key moves the selection and the focus together; the new card is the stop.
  await page.keyboard.press('ArrowRight');
  await expect.poll(focusedCard).not.toBe(reached);
  const next = await focusedCard();
  await expect(card(page, next)).toHaveAttribute('aria-selected', 'true');
  await expect(card(page, next)).toHaveAttribute('tabindex', '0');
  await expect(card(page, reached)).toHaveAttribute('tabindex', '-1');
  // Tab leaves the map rather than walking every card.
  await page.keyboard.press('Tab');
  expect(await focusedCard()).toBeNull();
});
