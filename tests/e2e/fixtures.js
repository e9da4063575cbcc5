// The page fixture every spec uses: any console error or uncaught exception
// on the page fails the test, and the app must have mounted before a test
// starts using it.
const fs = require('fs');
const path = require('path');
const base = require('@playwright/test');

const test = base.test.extend({
  // Console errors a spec causes on purpose (a network failure it sets up), as
  // one pattern; any other error still fails the test.
  expectedError: [null, { option: true }],
  page: async ({ page, expectedError }, use) => {
    const problems = [];
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !(expectedError && expectedError.test(text))) {
        problems.push(`console error: ${text}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
    await use(page);
    base.expect(problems, 'the page logged errors').toEqual([]);
  },
});

/** Opens the app and waits until the canvas is drawn. */
async function openApp(page, path = '') {
  await page.goto(path);
  await base.expect(page.getByTestId('canvas')).toBeVisible();
}

const SMALL = fs.readFileSync(path.join(__dirname, 'fixtures/small.okr.json'));

/** An objective's card, a key-result row, a link, by the UI contract's attributes. */
const card = (page, id) => page.locator(`[data-testid="okr-card"][data-okr-id="${id}"]`);
const krRow = (page, id) => page.locator(`[data-testid="kr-row"][data-kr-id="${id}"]`);
const link = (page, from, to) =>
  page.locator(`[data-testid="link"][data-link-from="${from}"][data-link-to="${to}"]`);

/**
 * Clicks a card where the map shows it and waits until it is selected. The
 * sample opens zoomed out, where the cards are drawn on a canvas and a press
 * finds its card from the map's rectangles, as a person's click does.
 */
async function clickCardOnMap(page, id) {
  const point = await card(page, id).evaluate((el) => {
    const box = el.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + Math.min(20, box.height / 2) };
  });
  await page.mouse.click(point.x, point.y);
  await base.expect(card(page, id)).toHaveAttribute('aria-selected', 'true');
}

/** Opens the app on the small canvas (four cards), which fits at 100% zoom. */
async function openSmall(page) {
  await openApp(page);
  await page.getByTestId('import-file').setInputFiles({
    name: 'small.okr.json',
    mimeType: 'application/json',
    buffer: SMALL,
  });
  await base.expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await base.expect(page.getByTestId('okr-card')).toHaveCount(4);
  // The confirmation sits over the map's corner; a person would close it.
  await page.getByRole('status').getByRole('button', { name: 'Dismiss this message' }).click();
  await base.expect(page.getByRole('status')).toHaveCount(0);
}

/**
 * Fills the browser's storage with filler keys, as other data would, in ever
 * smaller chunks until not one more character fits. Returns how many keys
 * were written, for {@link freeStorage}.
 */
async function fillStorage(page) {
  const count = await page.evaluate(() => {
    let n = 0;
    for (let size = 1024 * 1024; size >= 1; size = Math.floor(size / 2)) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler:${n}`, chunk);
          n++;
        } catch {
          break;
        }
      }
    }
    return n;
  });
  base.expect(count).toBeGreaterThan(0);
  return count;
}

/** Removes the filler keys {@link fillStorage} wrote. */
async function freeStorage(page, count) {
  await page.evaluate((n) => {
    for (let i = 0; i < n; i++) localStorage.removeItem(`filler:${i}`);
  }, count);
}

/**
 * Opens the key result `krId` in the inspector, as a person does: one key
 * result is open at a time, the others show as one line. Returns its editor.
 */
async function openKeyResult(page, krId) {
  const editor = page.locator(`[data-testid="kr-edit"][data-kr-id="${krId}"]`);
  const toggle = editor.getByTestId('kr-edit-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
  }
  await base.expect(toggle).toHaveAttribute('aria-expanded', 'true');
  return editor;
}

/** Holds the main module back until the returned function is called, as a slow connection would. */
async function holdTheApp(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/okr-canvas-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The rectangle around every card of the app's map, in the page. */
async function cardsBox(page) {
  return page.getByTestId('okr-card').evaluateAll((cards) => {
    const boxes = cards.map((card) => card.getBoundingClientRect());
    const left = Math.min(...boxes.map((b) => b.left));
    const top = Math.min(...boxes.map((b) => b.top));
    const right = Math.max(...boxes.map((b) => b.right));
    const bottom = Math.max(...boxes.map((b) => b.bottom));
    return { x: left, y: top, width: right - left, height: bottom - top };
  });
}

/** `actual` and `expected` are the same rectangle on screen, to within 3 px. */
function expectSameBox(actual, expected, what) {
  for (const side of ['x', 'y', 'width', 'height']) {
    base.expect(Math.abs(actual[side] - expected[side]), `${what}: ${side}`).toBeLessThanOrEqual(3);
  }
}

module.exports = {
  holdTheApp,
  cardsBox,
  expectSameBox,
  openKeyResult,
  test,
  expect: base.expect,
  openApp,
  openSmall,
  card,
  krRow,
  link,
  clickCardOnMap,
  fillStorage,
  freeStorage,
};
