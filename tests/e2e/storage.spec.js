// Keeping canvases in the browser: several of them, saved through reloads and
// closed tabs, followed across two tabs, and every storage fault ending in a
// message and a canvas that stays open.
const fs = require('fs');
const path = require('path');
const { test, expect, openApp, openSmall, card, fillStorage, freeStorage } = require('./fixtures');

const SAMPLE = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../public/examples/acme.okr.json'), 'utf8'),
);
const SMALL = fs.readFileSync(path.join(__dirname, 'fixtures/small.okr.json'), 'utf8');

/** Deletes a card through the keyboard, as a person would. */
async function deleteCard(page, id) {
  await card(page, id).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Delete');
  await expect(card(page, id)).toHaveCount(0);
}

test('several canvases: new, rename, duplicate, delete with undo, kept over a reload', async ({ page }) => {
  await openSmall(page);
  await page.getByTestId('canvases').click();
  await page.getByTestId('new-canvas').click();
  await expect(page.getByTestId('canvas-title')).toHaveText('Untitled canvas');
  await expect(page.getByTestId('okr-card')).toHaveCount(0);

  await page.getByTestId('canvases').click();
  const entries = page.getByTestId('canvas-entry');
  // The sample, the small canvas and the new one.
  await expect(entries).toHaveCount(3);
  const untitled = entries.filter({ hasText: 'Untitled canvas' });
  await untitled.getByTestId('canvas-rename').click();
  // The field opens focused, its name selected to be typed over.
  await expect(page.getByTestId('canvas-rename-input')).toBeFocused();
  await page.getByTestId('canvas-rename-input').fill('Draft reorganisation');
  await page.getByTestId('canvas-rename-input').press('Enter');
  await expect(page.getByTestId('canvas-title')).toHaveText('Draft reorganisation');
  await expect(entries.filter({ hasText: 'Draft reorganisation' })).toHaveCount(1);

  await entries.filter({ hasText: 'Small test canvas' }).getByTestId('canvas-duplicate').click();
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas (copy)');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  await expect(entries).toHaveCount(4);

  await entries.filter({ hasText: 'Draft reorganisation' }).getByTestId('canvas-delete').click();
  await expect(entries).toHaveCount(3);
  await page.getByTestId('canvas-list-close').click();
  await page.getByTestId('restore-canvas').click();
  await page.getByTestId('canvases').click();
  await expect(entries).toHaveCount(4);

  await page.reload();
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas (copy)');
  await page.getByTestId('canvases').click();
  await expect(page.getByTestId('canvas-entry')).toHaveCount(4);
  await page.getByTestId('canvas-entry').filter({ hasText: SAMPLE.title }).getByTestId('canvas-open').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
});

test('a change made just before the tab closes is kept', async ({ page, context }) => {
  await openSmall(page);
  await deleteCard(page, 'o-nordic');
  // At once, before the save that follows a change would run.
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto('/');
  await expect(again.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(again.getByTestId('okr-card')).toHaveCount(3);
});

test('a second tab on the same canvas follows the first one', async ({ page, context }) => {
  await openSmall(page);
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByTestId('okr-card')).toHaveCount(4);
  await deleteCard(page, 'o-nordic');
  await expect(second.getByTestId('okr-card')).toHaveCount(3);
  await expect(second.getByRole('status')).toContainText('another tab');
});

test('blocked storage: the app works in memory and says so', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await openApp(page);
  await expect(page.getByTestId('notice')).toContainText('does not allow this page to keep data');
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
  // Select by keyboard, as a person without a pointer does.
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length - 1);
});

test('full storage: a clear error, the change stays on screen, export offered', async ({ page }) => {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__storageFull && key.startsWith('okr-canvas:canvas:')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  await openSmall(page);
  await page.evaluate(() => { window.__storageFull = true; });
  await deleteCard(page, 'o-nordic');
  await expect(page.getByTestId('notice')).toContainText('storage is full');
  await expect(page.getByTestId('okr-card')).toHaveCount(3);
  const download = page.waitForEvent('download');
  await page.getByTestId('notice-export').click();
  expect((await download).suggestedFilename()).toBe('Small test canvas.okr.json');
});

test('a canvas kept by an older version of the app is moved into the list', async ({ page }) => {
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      // Older versions kept one canvas, as a JSON string, under one key.
      localStorage.setItem('okr-canvas:current', JSON.stringify(text));
      sessionStorage.setItem('seeded', '1');
    }
  }, SMALL);
  await openApp(page);
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  expect(await page.evaluate(() => localStorage.getItem('okr-canvas:current'))).toBeNull();
  await page.getByTestId('canvases').click();
  await expect(page.getByTestId('canvas-entry')).toHaveCount(1);
});

test('a second tab with unsaved changes is asked before the other tab\'s version replaces them', async ({ page, context }) => {
  await openSmall(page);
  const second = await context.newPage();
  // The second tab cannot save (its storage is full), so its change stays unsaved.
  await second.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__storageFull && key.startsWith('okr-canvas:canvas:')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  await second.goto('/');
  await expect(second.getByTestId('okr-card')).toHaveCount(4);
  await second.evaluate(() => { window.__storageFull = true; });
  await deleteCard(second, 'o-brand');
  await expect(second.getByTestId('notice')).toContainText('storage is full');

  await deleteCard(page, 'o-nordic');
  // Not replaced silently: both versions are shown, with what differs.
  const conflict = second.getByTestId('save-conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('conflict-differences')).toContainText('only here');
  await expect(second.getByTestId('okr-card')).toHaveCount(3);
  await expect(card(second, 'o-nordic')).toHaveCount(1);
  await conflict.getByTestId('take-theirs').click();
  await expect(card(second, 'o-nordic')).toHaveCount(0);
  await expect(card(second, 'o-brand')).toHaveCount(1);
  await expect(second.getByTestId('save-state')).toHaveCount(0);
});

test('a full storage gives the room of the picture kept for the next open to the canvas', async ({ page }) => {
  await openSmall(page);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('okr-canvas:preview'))).not.toBeNull();
  const fillers = await fillStorage(page);
  // A change that makes the canvas bigger: saved in the picture's room, nothing said.
  await page.getByTestId('new-objective').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(5);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('okr-canvas:preview'))).toBeNull();
  await expect(page.getByTestId('save-state')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await freeStorage(page, fillers);
  await page.reload();
  await expect(page.getByTestId('okr-card')).toHaveCount(5);
});

test('storage full, then room made: the canvas is saved again and a reload loses nothing', async ({ page }) => {
  await openSmall(page);
  // Without the picture kept for the next open, whose room a full storage gives to the canvas.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('okr-canvas:preview'))).not.toBeNull();
  await page.evaluate(() => localStorage.removeItem('okr-canvas:preview'));
  const fillers = await fillStorage(page);
  // A change that makes the canvas bigger no longer fits.
  await page.getByTestId('new-objective').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(5);
  await expect(page.getByTestId('notice')).toContainText('storage is full');
  await expect(page.getByTestId('save-state')).toBeVisible();
  await page.getByRole('alert').getByRole('button', { name: 'Dismiss this message' }).click();

  // A second change while still full: still unsaved, said in the header, no second alert.
  await page.keyboard.press('Escape');
  await page.getByTestId('new-objective').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(6);
  await expect(page.getByTestId('save-state')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Room is made; the next change saves everything that was pending.
  await freeStorage(page, fillers);
  await page.keyboard.press('Escape');
  await deleteCard(page, 'o-nordic');
  await expect(page.getByTestId('save-state')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(page.getByTestId('okr-card')).toHaveCount(5);
  await expect(card(page, 'o-nordic')).toHaveCount(0);
});
