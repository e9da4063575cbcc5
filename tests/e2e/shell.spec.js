// The app shell as a newcomer meets it: the sample map on first open, the
// file menu, messages, and a canvas that survives a reload.
const path = require('path');
const fs = require('fs');
const {
  test, expect, openApp, openSmall, clickCardOnMap, holdTheApp, cardsBox, expectSameBox,
} = require('./fixtures');

const SAMPLE = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../public/examples/acme.okr.json'), 'utf8'),
);

test('first open shows the sample canvas with every card and link', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('canvas-title')).toHaveText(SAMPLE.title);
  const cards = page.getByTestId('okr-card');
  await expect(cards).toHaveCount(SAMPLE.objectives.length);
  await expect(page.getByTestId('link')).toHaveCount(SAMPLE.links.length);

  // Each card carries the contract's attributes, from the file.
  const first = SAMPLE.objectives[0];
  const card = page.locator(`[data-testid="okr-card"][data-okr-id="${first.id}"]`);
  await expect(card).toHaveAttribute('data-team-id', first.team);
  await expect(card.getByTestId('okr-title')).toHaveText(first.title);
  await expect(card.getByTestId('kr-row')).toHaveCount(first.keyResults.length);
  const value = Number(await card.getByTestId('okr-progress').getAttribute('data-value'));
  expect(value).toBeGreaterThanOrEqual(0);
  expect(value).toBeLessThanOrEqual(1);

  // Links keep their kind, hard and soft both present in the sample.
  const hard = SAMPLE.links.filter((l) => l.kind === 'hard').length;
  await expect(page.locator('[data-testid="link"][data-link-kind="hard"]')).toHaveCount(hard);
  await expect(page.locator('[data-testid="link"][data-link-kind="soft"]')).toHaveCount(
    SAMPLE.links.length - hard,
  );
});

test('the whole sample map fits in the view, cards not overlapping', async ({ page }) => {
  await openApp(page);
  const canvas = await page.getByTestId('canvas').boundingBox();
  const boxes = await page.getByTestId('okr-card').evaluateAll((cards) =>
    cards.map((c) => c.getBoundingClientRect().toJSON()),
  );
  expect(boxes.length).toBe(SAMPLE.objectives.length);
  for (const b of boxes) {
    expect(b.left).toBeGreaterThanOrEqual(canvas.x - 1);
    expect(b.right).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    expect(b.top).toBeGreaterThanOrEqual(canvas.y - 1);
    expect(b.bottom).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      expect(overlap, `cards ${i} and ${j} overlap`).toBe(false);
    }
  }
  await page.screenshot({ path: 'tests/e2e/screenshots/sample-canvas.png' });
});

test('export downloads the canvas as <title>.okr.json in the file format', async ({ page }) => {
  await openApp(page);
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${SAMPLE.title}.okr.json`);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(exported.format).toBe('okr-canvas');
  expect(exported.version).toBe(1);
  expect(exported.objectives.map((o) => o.id)).toEqual(SAMPLE.objectives.map((o) => o.id));
  await expect(page.getByRole('status')).toContainText('Exported');
});

test('a valid file opens as a new canvas; the old one stays listed unless replaced', async ({ page }) => {
  await openApp(page);
  const small = {
    format: 'okr-canvas',
    version: 1,
    title: 'Tiny <b>canvas</b>',
    teams: [{ id: 'co', name: 'Co', level: 'company' }],
    objectives: [{ id: 'o1', team: 'co', title: '<img src=x onerror="window.__pwned=1">', keyResults: [] }],
    links: [],
  };
  await page.getByTestId('import-file').setInputFiles({
    name: 'tiny.okr.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(small)),
  });
  await expect(page.getByTestId('okr-card')).toHaveCount(1);
  // Text from a file is shown as text, never run as markup.
  await expect(page.getByTestId('canvas-title')).toHaveText('Tiny <b>canvas</b>');
  await expect(page.getByTestId('okr-title')).toHaveText(small.objectives[0].title);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();

  // Both canvases are kept; going back opens the sample again.
  await page.getByTestId('canvases').click();
  await expect(page.getByTestId('canvas-entry')).toHaveCount(2);
  await page.getByTestId('canvas-entry').filter({ hasText: SAMPLE.title }).getByTestId('canvas-open').click();
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
  await expect(page.getByTestId('canvas-title')).toHaveText(SAMPLE.title);
});

test('opening a file can replace the open canvas when asked', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('import-file').setInputFiles(path.join(__dirname, 'fixtures/small.okr.json'));
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await page.getByTestId('replace-canvas').click();
  await expect(page.getByRole('status')).toContainText(`Deleted “${SAMPLE.title}”`);
  await page.getByTestId('canvases').click();
  await expect(page.getByTestId('canvas-entry')).toHaveCount(1);
  await expect(page.getByTestId('canvas-entry')).toContainText('Small test canvas');
});

test('a malformed file is refused with its errors and the map is untouched', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('import-file').setInputFiles({
    name: 'broken.okr.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "okr-canvas", "version": 1, "title": '),
  });
  const notice = page.getByTestId('notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText('broken.okr.json was not opened');
  await expect(notice).toContainText(/line 1/i);
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
  await expect(page.getByTestId('canvas-title')).toHaveText(SAMPLE.title);
});

test('every problem of a refused file is listed in a dialog, with where it is', async ({ page }) => {
  await openApp(page);
  const objectives = Array.from({ length: 8 }, (_, i) => ({ id: `o${i}`, team: 'nowhere', title: `Objective ${i}` }));
  await page.getByTestId('import-file').setInputFiles({
    name: 'many.okr.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'okr-canvas', version: 1, title: 'Many', teams: [], objectives, links: [] })),
  });
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('many.okr.json was not opened');
  await expect(notice.locator('li')).toHaveCount(5);
  await page.getByTestId('show-import-errors').click();
  const dialog = page.getByTestId('import-errors');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-error')).toHaveCount(8);
  await expect(dialog.getByTestId('import-error').first()).toContainText('$.objectives[0].team');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('canvas-title')).toHaveText(SAMPLE.title);
});

test('the open canvas survives a reload', async ({ page }) => {
  await openApp(page);
  const small = {
    format: 'okr-canvas',
    version: 1,
    title: 'Kept across reloads',
    teams: [{ id: 'co', name: 'Co', level: 'company' }],
    objectives: [{ id: 'o1', team: 'co', title: 'Stay put' }],
    links: [],
  };
  await page.getByTestId('import-file').setInputFiles({
    name: 'kept.okr.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(small)),
  });
  await expect(page.getByTestId('canvas-title')).toHaveText('Kept across reloads');
  await page.reload();
  await expect(page.getByTestId('canvas-title')).toHaveText('Kept across reloads');
  await expect(page.getByTestId('okr-card')).toHaveCount(1);
});

test('unreadable saved data is kept, listed, and the sample opens', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('okr-canvas:current', '"{ not a canvas"');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await openApp(page);
  await expect(page.getByTestId('notice')).toContainText('could not be opened');
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
  // Moved into a key of its own, as it was.
  const kept = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('okr-canvas:canvas:'))
      .map((key) => localStorage.getItem(key)),
  );
  expect(kept).toContain('{ not a canvas');
  await page.getByTestId('canvases').click();
  await expect(page.locator('[data-testid="canvas-entry"][data-unreadable="true"]')).toHaveCount(1);
});

for (const [width, height] of [[1280, 800], [1024, 768], [412, 823]]) {
  test(`the first paint is the app’s frame, before the wasm runs; the app takes its place (${width}×${height})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    // The main module held back, as on a slow connection.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(/okr-canvas-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    await expect(page.getByRole('status').filter({ hasText: 'Opening…' })).toBeVisible();
    await expect(page.locator('#boot .app-header')).toContainText('OKR Canvas');
    const frame = await page.locator('#boot .app-header').boundingBox();
    release();
    await expect(page.getByTestId('canvas')).toBeVisible();
    await expect(page.locator('#boot')).toHaveCount(0);
    // The app's header sits where the frame's was: nothing jumps.
    const header = await page.locator('.app-header').boundingBox();
    expect(Math.abs(header.height - frame.height)).toBeLessThanOrEqual(4);
  });
}

for (const [width, height] of [[1440, 900], [1280, 720], [412, 823]]) {
  test(`a first visit shows the sample's map before the wasm runs, each card where the app's will be (${width}×${height})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const release = await holdTheApp(page);
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    const picture = page.locator('#boot-map');
    await expect(picture).toBeVisible();
    expect(await picture.getAttribute('src')).toMatch(/^previews\/sample-\d+\.svg$/);
    // "Opening…" still says the app is on its way, below the map.
    await expect(page.getByRole('status').filter({ hasText: 'Opening…' })).toBeVisible();
    const shown = await picture.boundingBox();
    release();
    await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
    await expect(page.locator('#boot')).toHaveCount(0);
    expectSameBox(await cardsBox(page), shown, 'the map against its picture');
  });
}

test('the app starts once the picture of the map is on screen, not before', async ({ page }) => {
  // The browser's report of each element painted (Element Timing), kept from the start.
  await page.addInitScript(() => {
    window.painted = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.painted.push(entry.identifier);
    }).observe({ type: 'element', buffered: true });
  });
  // Nothing held back: on this machine the app arrives within moments of the picture.
  await page.goto('/');
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.painted)).toContain('boot-map');
});

test('a returning visit shows the last map kept, and never what storage holds as markup', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openSmall(page);
  // Kept after the canvas's save.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('okr-canvas:preview'))).not.toBeNull();
  const preview = JSON.parse(await page.evaluate(() => localStorage.getItem('okr-canvas:preview')));
  const open = await page.evaluate(() => JSON.parse(localStorage.getItem('okr-canvas:library')).open);
  expect(preview.canvas).toBe(open);
  expect(preview.svg.match(/<g class="card"/g)).toHaveLength(4);

  const release = await holdTheApp(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  const picture = page.locator('#boot-map');
  await expect(picture).toBeVisible();
  expect(await picture.getAttribute('src')).toMatch(/^blob:/);
  const shown = await picture.boundingBox();
  release();
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  await expect(page.locator('#boot')).toHaveCount(0);
  expectSameBox(await cardsBox(page), shown, 'the map against its picture');

  // A picture with a script and an event attribute is shown as an image: nothing runs.
  // (Written as the next page starts: the page left keeps its own picture as it goes.)
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" onload="window.ran=1">'
    + '<script>window.ran=2</script><rect width="200" height="100" fill="#888"/></svg>';
  await keepPreviewOnNextLoad(page, 'script', JSON.stringify({ canvas: open, svg }));
  const third = await holdTheApp(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(picture).toBeVisible();
  third();
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  expect(await page.evaluate(() => window.ran)).toBeUndefined();
  await page.unrouteAll();

  // A damaged picture, or one of another canvas: the frame says "Opening…" and the app opens.
  for (const [name, damaged] of [
    ['damaged', '{ not a picture'],
    ['another canvas', JSON.stringify({ canvas: 'c-other', svg })],
  ]) {
    await keepPreviewOnNextLoad(page, name, damaged);
    const again = await holdTheApp(page);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await expect(page.getByRole('status').filter({ hasText: 'Opening…' })).toBeVisible();
    await expect(picture, name).toBeHidden();
    again();
    await expect(page.getByTestId('okr-card')).toHaveCount(4);
    await page.unrouteAll();
  }
});

/** Writes `text` as the kept picture when the next page starts, before its boot script. */
async function keepPreviewOnNextLoad(page, name, text) {
  await page.addInitScript(([name, text]) => {
    if (sessionStorage.getItem(`preview-set:${name}`) === null) {
      sessionStorage.setItem(`preview-set:${name}`, '1');
      localStorage.setItem('okr-canvas:preview', text);
    }
  }, [name, text]);
}

test('a shared link shows no kept picture before the app opens it', async ({ page }) => {
  await openSmall(page);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('okr-canvas:preview'))).not.toBeNull();
  const release = await holdTheApp(page);
  await page.goto('about:blank');
  await page.goto('/#file=examples/acme.okr.json', { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('status').filter({ hasText: 'Opening…' })).toBeVisible();
  await expect(page.locator('#boot-map')).toBeHidden();
  release();
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
});

test('on a phone or a tablet every toolbar button is in reach, and nothing covers the legend', async ({ page }) => {
  for (const [width, height] of [[412, 823], [768, 1024], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await openApp(page);
    // The page is no wider than the window: nothing is pushed out of reach.
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth, `page width at ${width}px`).toBeLessThanOrEqual(width);

    // Every button of the toolbar can be brought into the window and pressed there.
    const buttons = page.locator('.toolbar .toolbar__button');
    const count = await buttons.count();
    expect(count).toBeGreaterThan(10);
    for (let i = 0; i < count; i++) {
      const button = buttons.nth(i);
      if (!(await button.isVisible())) continue;
      await button.scrollIntoViewIfNeeded();
      const box = await button.boundingBox();
      const name = await button.textContent();
      expect(box.x, `${name} at ${width}px`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${name} at ${width}px`).toBeLessThanOrEqual(width);
      expect(box.y + box.height, `${name} at ${width}px`).toBeLessThanOrEqual(height);
    }

    // The last of them, More, opens its menu whole inside the window.
    await page.locator('.toolbar__menu > summary').click();
    const item = page.getByTestId('export-svg');
    await expect(item).toBeVisible();
    const itemBox = await item.boundingBox();
    expect(itemBox.x).toBeGreaterThanOrEqual(0);
    expect(itemBox.x + itemBox.width).toBeLessThanOrEqual(width);
    // It is not clipped by the toolbar: the point in its middle is the item itself.
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.closest('[data-testid="export-svg"]') !== null,
      [itemBox.x + itemBox.width / 2, itemBox.y + itemBox.height / 2],
    );
    expect(hit, `More's first item at ${width}px`).toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('.toolbar__menu > summary').click();

    // The legend and the zoom buttons share the bottom edge without overlapping.
    const legend = await page.locator('.canvas__legend').boundingBox();
    const zoom = await page.locator('.canvas__zoom').boundingBox();
    const overlap =
      legend.x < zoom.x + zoom.width && zoom.x < legend.x + legend.width &&
      legend.y < zoom.y + zoom.height && zoom.y < legend.y + legend.height;
    expect(overlap, `legend under the zoom buttons at ${width}px`).toBe(false);
  }
});

test('the cards are built once, at the zoom the map opens at', async ({ page }) => {
  // Every card put into the page is noted with the map's detail at that moment.
  await page.addInitScript(() => {
    window.__cardsBuilt = [];
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType !== 1) continue;
          const cards = node.matches('[data-testid="okr-card"]')
            ? [node]
            : [...node.querySelectorAll('[data-testid="okr-card"]')];
          for (const card of cards) {
            const canvas = card.closest('[data-testid="canvas"]');
            window.__cardsBuilt.push(canvas ? canvas.className : 'outside the map');
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await openApp(page);
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
  const opened = await page.getByTestId('canvas').getAttribute('class');
  // The sample opens zoomed out, not at full detail.
  expect(opened).not.toContain('canvas--detail-full');
  const built = await page.evaluate(() => window.__cardsBuilt);
  // No card was built twice, or at another zoom first.
  expect(built).toHaveLength(SAMPLE.objectives.length);
  const detail = opened.match(/canvas--detail-\w+/)[0];
  for (const classes of built) expect(classes).toContain(detail);
});

test('on a phone the inspector and the review slide over the map; beside it on a tablet, the legend keeps clear of the zoom buttons', async ({ page }) => {
  const first = SAMPLE.objectives[0].id;
  for (const [width, height] of [[412, 823], [768, 1024]]) {
    await page.setViewportSize({ width, height });
    await openApp(page);
    const before = await page.getByTestId('canvas').boundingBox();
    await clickCardOnMap(page, first);
    await page.keyboard.press('Enter');
    const inspector = page.getByTestId('inspector');
    await expect(inspector).toBeVisible();
    const panel = await inspector.boundingBox();
    const canvas = await page.getByTestId('canvas').boundingBox();
    if (width < 720) {
      // Over the map, the window's whole width; the map keeps its size and view.
      expect(panel.width).toBeGreaterThanOrEqual(width - 1);
      expect(canvas.width).toBeCloseTo(before.width, 0);
    } else {
      // Beside the map, which gives it room.
      expect(panel.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
    }
    // Whatever the map's width, the legend and the zoom buttons do not overlap,
    // and the minimap covers neither.
    const legend = await page.locator('.canvas__legend').boundingBox();
    const zoom = await page.locator('.canvas__zoom').boundingBox();
    const overlap = (a, b) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    if (width >= 720) {
      expect(overlap(legend, zoom), `legend under the zoom buttons at ${width}px`).toBe(false);
      expect(legend.width, `legend squeezed at ${width}px`).toBeGreaterThan(200);
    }
    await expect(page.locator('.minimap')).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(inspector).toBeHidden();

    // The review panel, the other side panel, does the same.
    await page.keyboard.press('r');
    const review = page.getByTestId('review-panel');
    await expect(review).toBeVisible();
    const reviewBox = await review.boundingBox();
    if (width < 720) {
      expect(reviewBox.width).toBeGreaterThanOrEqual(width - 1);
    } else {
      const map = await page.getByTestId('canvas').boundingBox();
      expect(reviewBox.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
    }
    await expect(page.locator('.minimap')).toBeHidden();
  }
});

test('on a phone the Teams dialog shows each team’s fields and buttons whole', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 823 });
  await openApp(page);
  const teams = page.getByTestId('teams');
  await teams.scrollIntoViewIfNeeded();
  await teams.click();
  const dialog = page.getByTestId('teams-dialog');
  await expect(dialog).toBeVisible();
  const frame = await dialog.boundingBox();
  const rows = dialog.locator('.teams-dialog__row');
  expect(await rows.count()).toBeGreaterThan(3);
  for (const part of ['.teams-dialog__name', '.teams-dialog__parent', '.teams-dialog__delete']) {
    const box = await rows.first().locator(part).boundingBox();
    expect(box.x, part).toBeGreaterThanOrEqual(frame.x);
    expect(box.x + box.width, part).toBeLessThanOrEqual(frame.x + frame.width);
  }
});
