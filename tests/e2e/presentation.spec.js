// Presenting the sample company's OKR tree: slides generated from the map,
// stepped through with the keys, the edges, swipes and the slide overview;
// Escape gives the map back as it was; printing gives one slide per page.
// Screenshots of the first two slides at 1920×1080 and 1280×720 are written
// to tests/e2e/screenshots/ for a person to look at.
const { test, expect, openApp, card, clickCardOnMap } = require('./fixtures');

// The sample's company objectives in the order they stand on the map, and
// what supports each, read from public/examples/acme.okr.json.
const SUPPORT = {
  'o-grow-arr': {
    hard: ['o-eng-erp', 'o-int-connectors', 'o-rev-enterprise', 'o-ent-pipeline', 'o-ent-references', 'o-rev-expansion'],
    soft: ['o-mkt-brand'],
    keyResults: ['kr-arr', 'kr-new-logos', 'kr-nrr'],
  },
  'o-first-week': {
    hard: ['o-cx-week-one', 'o-int-self-serve', 'o-onb-go-live', 'o-cx-retain', 'o-sup-answer', 'o-onb-handover'],
    soft: ['o-sup-self-help', 'o-rev-expansion', 'o-ent-references'],
    keyResults: ['kr-time-to-value', 'kr-gross-churn', 'kr-nps'],
  },
  'o-reliable': {
    hard: ['o-eng-scale', 'o-plat-month-end', 'o-plat-on-call'],
    soft: ['o-plat-month-end'],
    keyResults: ['kr-uptime', 'kr-p95'],
  },
  'o-efficient': {
    hard: ['o-rev-payback', 'o-mkt-funnel'],
    soft: [],
    keyResults: ['kr-burn-multiple', 'kr-cac-payback'],
  },
};

const slide = (page) => page.getByTestId('slide');

/** The company objectives' ids, ordered left to right as the cards stand. */
async function companyOrder(page) {
  const ids = Object.keys(SUPPORT);
  const xs = await Promise.all(ids.map(async (id) => (await card(page, id).boundingBox()).x));
  return ids.map((id, i) => [id, xs[i]]).sort((a, b) => a[1] - b[1]).map(([id]) => id);
}

async function supporters(page, kind) {
  return slide(page)
    .locator(`[data-testid="slide-supporter"][data-link-kind="${kind}"]`)
    .evaluateAll((items) => items.map((item) => item.dataset.okrId));
}

/** How many slides the presentation has, from its counter. */
async function slideCount(page) {
  const text = await page.getByTestId('slide-counter').textContent();
  return Number(text.split('/')[1]);
}

async function startPresenting(page) {
  await page.getByTestId('present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await expect(slide(page)).toBeVisible();
}

test('every slide of the sample, stepped through with the keys, shows its objective and what supports it', async ({ page }) => {
  await openApp(page);
  const order = await companyOrder(page);
  await startPresenting(page);
  // The overview first: every company objective, in canvas order.
  await expect(slide(page)).toHaveAttribute('data-slide-index', '0');
  await expect(slide(page)).not.toHaveAttribute('data-okr-id', /./);
  await expect(slide(page).locator('.slide__overview-row')).toHaveCount(4);
  const listed = await slide(page)
    .locator('.slide__overview-row')
    .evaluateAll((rows) => rows.map((row) => row.dataset.okrId));
  expect(listed).toEqual(order);
  const total = await slideCount(page);
  await expect(page.getByTestId('slide-counter')).toHaveText(`1 / ${total}`);
  // No editing chrome: the editor underneath is out of reach.
  await expect(page.locator('.app__editor')).toHaveAttribute('inert', '');
  await expect(page.getByTestId('presentation')).toHaveCSS('position', 'fixed');

  // Each objective's slides (one, or more when it continues) follow in
  // canvas order, and between them show all of what supports it.
  const keys = ['ArrowRight', 'PageDown', ' '];
  const seen = new Map();
  for (let n = 2; n <= total; n += 1) {
    await page.keyboard.press(keys[n % keys.length]);
    await expect(page.getByTestId('slide-counter')).toHaveText(`${n} / ${total}`);
    const id = await slide(page).getAttribute('data-okr-id');
    const meter = slide(page).locator('.slide__header .slide__meter');
    if (seen.has(id)) {
      // A continuation says so and leaves the meter out.
      await expect(meter).toHaveCount(0);
      await expect(slide(page).locator('.slide__eyebrow')).toContainText('continued');
    } else {
      // The yardstick is the objective's kind.
      await expect(meter).toContainText(/is success/);
    }
    const shown = seen.get(id) ?? { hard: [], soft: [], keyResults: [] };
    shown.hard.push(...await supporters(page, 'hard'));
    shown.soft.push(...await supporters(page, 'soft'));
    shown.keyResults.push(...await slide(page)
      .getByTestId('slide-key-result')
      .evaluateAll((items) => items.map((item) => item.dataset.krId)));
    seen.set(id, shown);
  }
  expect([...seen.keys()]).toEqual(order);
  for (const id of order) {
    expect(seen.get(id)).toEqual(SUPPORT[id]);
  }
  // Past the end nothing moves; back again with the other keys.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('slide-counter')).toHaveText(`${total} / ${total}`);
  await expect(slide(page)).toHaveAttribute('data-okr-id', order[3]);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('slide-counter')).toHaveText(`${total - 1} / ${total}`);
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('slide-counter')).toHaveText(`${total - 2} / ${total}`);
  await page.keyboard.press('Home');
  await expect(slide(page)).toHaveAttribute('data-slide-index', '0');
  await page.keyboard.press('End');
  await expect(slide(page)).toHaveAttribute('data-okr-id', order[3]);
});

test('the yardstick follows the kind: aspirational succeeds at 0.7, committed only at 1.0', async ({ page }) => {
  await openApp(page);
  await startPresenting(page);
  const order = await slide(page)
    .locator('.slide__overview-row')
    .evaluateAll((rows) => rows.map((row) => row.dataset.okrId));
  await page.keyboard.press('End');
  const total = await slideCount(page);
  // Backwards through every slide; each objective's first shows its meter.
  let meters = 0;
  for (let n = total; n >= 2; n -= 1) {
    await expect(page.getByTestId('slide-counter')).toHaveText(`${n} / ${total}`);
    const meter = slide(page).locator('.slide__header .slide__meter');
    if ((await meter.count()) > 0) {
      meters += 1;
      const kind = await meter.getAttribute('data-kind');
      const mark = meter.locator('.slide__bar-mark');
      if (kind === 'aspirational') {
        await expect(meter).toContainText('Aspirational: 0.7 is success');
        await expect(mark).toHaveAttribute('style', /left: 70\.0%/);
      } else {
        expect(kind).toBe('committed');
        await expect(meter).toContainText('Committed: only 1.0 is success');
        await expect(mark).toHaveAttribute('style', /left: 100\.0%/);
      }
    }
    await page.keyboard.press('ArrowLeft');
  }
  expect(meters).toBe(order.length);
});

test('unaligned objectives that might support a company objective are counted on its slide', async ({ page }) => {
  await openApp(page);
  await clickCardOnMap(page, 'o-grow-arr');
  await startPresenting(page);
  // Presenting opens at the selected company objective's slide.
  await expect(slide(page)).toHaveAttribute('data-okr-id', 'o-grow-arr');
  // Marketing's community objective is not aligned; Marketing's department
  // (Revenue) already works on this objective.
  await expect(slide(page).getByTestId('slide-unaligned')).toHaveText(
    'Not aligned yet, from a team already working on this: “Grow a community of finance practitioners”. It might support this.',
  );
});

test('the slide overview jumps to any slide, by pointer and by keys', async ({ page }) => {
  await openApp(page);
  const order = await companyOrder(page);
  await startPresenting(page);
  await page.getByTestId('slide-overview-open').click();
  await expect(page.getByTestId('slide-overview')).toBeVisible();
  await expect(page.getByTestId('slide-thumb')).toHaveCount(await slideCount(page));
  await page.locator(`[data-testid="slide-thumb"][data-okr-id="${order[2]}"]`).click();
  await expect(page.getByTestId('slide-overview')).toHaveCount(0);
  await expect(slide(page)).toHaveAttribute('data-okr-id', order[2]);

  // G opens it with the current slide focused; arrows and Enter choose.
  await page.keyboard.press('g');
  await expect(page.locator('[data-testid="slide-thumb"][aria-current="true"]')).toBeFocused();
  const current = page.locator('[data-testid="slide-thumb"][aria-current="true"]');
  const at = Number(await current.getAttribute('data-slide-index'));
  await page.keyboard.press('ArrowLeft');
  await expect(current).toHaveAttribute('data-slide-index', String(at - 1));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('slide-overview')).toHaveCount(0);
  // The slide before the third objective's first is the second's (its last).
  await expect(slide(page)).toHaveAttribute('data-okr-id', order[1]);
  // Escape closes the overview first, and only then leaves.
  await page.keyboard.press('G');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('slide-overview')).toHaveCount(0);
  await expect(page.getByTestId('presentation')).toBeVisible();
});

test('clicking the right and left edges turns the page', async ({ page }) => {
  await openApp(page);
  const order = await companyOrder(page);
  await startPresenting(page);
  const size = page.viewportSize();
  await page.mouse.click(size.width - 10, size.height / 2);
  await expect(slide(page)).toHaveAttribute('data-okr-id', order[0]);
  await expect(slide(page)).toHaveAttribute('data-slide-index', '1');
  await page.mouse.click(size.width - 10, size.height / 2);
  await expect(slide(page)).toHaveAttribute('data-slide-index', '2');
  await page.mouse.click(10, size.height / 2);
  await expect(slide(page)).toHaveAttribute('data-slide-index', '1');
  // The edge never keeps focus, so the keys still turn the page.
  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toHaveAttribute('data-slide-index', '2');
});

test('Escape leaves the presentation and returns to the map where it was', async ({ page }) => {
  await openApp(page);
  await clickCardOnMap(page, 'o-reliable');
  await page.getByTestId('zoom-in').click();
  const world = page.locator('.canvas__world');
  const before = await world.getAttribute('style');
  const zoomBefore = await page.getByTestId('zoom-level').textContent();
  await startPresenting(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('zoom-level')).toHaveText(zoomBefore);
  await expect(world).toHaveAttribute('style', before);
  await expect(card(page, 'o-reliable')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.app__editor')).not.toHaveAttribute('inert', /.*/);
  // The editor's keys work again.
  await page.keyboard.press('+');
  await expect(page.getByTestId('zoom-level')).not.toHaveText(zoomBefore);
});

test('the presentation can be started with P, has a dark and a light theme, and the Exit button leaves', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('p');
  const presentation = page.getByTestId('presentation');
  await expect(presentation).toBeVisible();
  const first = await presentation.getAttribute('data-theme');
  await page.keyboard.press('t');
  await expect(presentation).not.toHaveAttribute('data-theme', first);
  const background = await presentation.evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.getByTestId('presentation-theme').click();
  await expect(presentation).toHaveAttribute('data-theme', first);
  expect(await presentation.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(background);
  await page.getByTestId('presentation-exit').click();
  await expect(presentation).toHaveCount(0);
});

test('leaving gives the keyboard focus back to the Present button', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('present').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('presentation')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await expect(page.getByTestId('present')).toBeFocused();
});

test('a read-only shared canvas can be presented from its banner', async ({ page }) => {
  await page.goto('#file=examples/acme.okr.json');
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await page.getByTestId('present-shared').click();
  await expect(slide(page)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toHaveAttribute('data-okr-id', /^o-/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shared-banner')).toBeVisible();
});

test('when the browser refuses full screen, the slides fill the window and say so', async ({ page }) => {
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('refused'));
  });
  await openApp(page);
  await startPresenting(page);
  const notice = page.getByTestId('presentation-message');
  await expect(notice).toContainText('did not allow full screen');
  // Where the presenter can read it, and over no slide content.
  await expect(notice).toBeInViewport();
  const hit = await notice.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return el.contains(top);
  });
  expect(hit).toBe(true);
  const message = await notice.boundingBox();
  for (const part of await page.locator('.presentation__stage .slide__content > *').all()) {
    const box = await part.boundingBox();
    expect(box).not.toBeNull();
    const apart = box.y + box.height <= message.y || message.y + message.height <= box.y
      || box.x + box.width <= message.x || message.x + message.width <= box.x;
    expect(apart).toBe(true);
  }
  const box = await page.getByTestId('presentation').boundingBox();
  const size = page.viewportSize();
  expect([box.width, box.height]).toEqual([size.width, size.height]);
  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toHaveAttribute('data-slide-index', '1');
});

test('leaving full screen the browser\'s way leaves the presentation', async ({ page }) => {
  await openApp(page);
  await startPresenting(page);
  await expect.poll(() => page.evaluate(() => Boolean(document.fullscreenElement))).toBe(true);
  await page.evaluate(() => document.exitFullscreen());
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  // And presenting again works.
  await startPresenting(page);
  await expect.poll(() => page.evaluate(() => Boolean(document.fullscreenElement))).toBe(true);
  await expect(page.getByTestId('presentation')).toBeVisible();
});

test('a reduced-motion setting turns the slide transition off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page);
  await startPresenting(page);
  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toHaveCSS('animation-name', 'none');
});

test('printing the presentation gives one slide per page', async ({ page }) => {
  await openApp(page);
  await startPresenting(page);
  const total = await slideCount(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('[data-print-slide]')).toHaveCount(total);
  await expect(page.locator('[data-print-slide]').first()).toBeVisible();
  await expect(page.locator('.app__editor .toolbar')).toBeHidden();
  await expect(slide(page)).toBeHidden();
  // Paper is white with dark text, whichever theme is on screen.
  await page.emulateMedia({ media: 'screen' });
  if ((await page.getByTestId('presentation').getAttribute('data-theme')) !== 'dark') {
    await page.keyboard.press('t');
  }
  await expect(page.getByTestId('presentation')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('[data-print-slide] .slide__title').first()).toHaveCSS('color', 'rgb(11, 18, 32)');
  const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || [];
  expect(pages.length).toBe(total);
});

for (const [width, height] of [[1920, 1080], [1280, 720]]) {
  test(`the first two slides at ${width}×${height} fit the screen, with large type`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.setViewportSize({ width, height });
    await openApp(page);
    await startPresenting(page);
    for (const index of [0, 1]) {
      await expect(slide(page)).toHaveAttribute('data-slide-index', String(index));
      // Nothing of the slide spills out of the screen.
      const box = await slide(page).boundingBox();
      expect(box.y + box.height).toBeLessThanOrEqual(height);
      // Body text stays readable from the back of a room.
      const size = await slide(page)
        .locator('.slide__title')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(height >= 1080 ? 48 : 32);
      await page.screenshot({ path: `tests/e2e/screenshots/presentation-${width}x${height}-slide-${index + 1}.png` });
      await page.keyboard.press('ArrowRight');
    }
  });
}

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  /** One finger sliding across the screen, through Chromium's touch input. */
  async function swipe(page, fromX, toX) {
    const client = await page.context().newCDPSession(page);
    const y = page.viewportSize().height / 2;
    const point = (x) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
    await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(fromX) });
    for (let i = 1; i <= 8; i += 1) {
      const x = fromX + ((toX - fromX) * i) / 8;
      await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x) });
    }
    await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  test('swiping left and right turns the page', async ({ page }) => {
    await openApp(page);
    const order = await companyOrder(page);
    await startPresenting(page);
    const width = page.viewportSize().width;
    await swipe(page, width * 0.7, width * 0.3);
    await expect(slide(page)).toHaveAttribute('data-okr-id', order[0]);
    await expect(slide(page)).toHaveAttribute('data-slide-index', '1');
    await swipe(page, width * 0.7, width * 0.3);
    await expect(slide(page)).toHaveAttribute('data-slide-index', '2');
    await swipe(page, width * 0.3, width * 0.7);
    await expect(slide(page)).toHaveAttribute('data-slide-index', '1');
    // A short slide is not a swipe.
    await swipe(page, width * 0.5, width * 0.5 - 20);
    await expect(page.getByTestId('slide-counter')).toHaveText(/^2 \/ /);
  });
});

test.describe('without the network', () => {
  // The failed fetch, as the browser and the parts' loader report it.
  test.use({ expectedError: /ERR_INTERNET_DISCONNECTED|^TypeError: Failed to fetch/ });

  test('a part that cannot be fetched is said in words, and the canvas stays as it was', async ({ page, context }) => {
    await context.route(/split_presenter-.*\.wasm$/, (route) => route.abort('internetdisconnected'));
    await openApp(page);
    const cards = await page.getByTestId('okr-card').count();
    await page.getByTestId('present').click();
    await expect(page.getByTestId('notice').filter({ hasText: 'could not be loaded' })).toBeVisible();
    await expect(page.getByTestId('presentation')).toBeHidden();
    await expect(page.getByTestId('okr-card')).toHaveCount(cards);
    // Nothing is cached as a failure: with the network back, it opens.
    await context.unroute(/split_presenter-.*\.wasm$/);
    await page.getByTestId('present').click();
    await expect(page.getByTestId('presentation')).toBeVisible();
  });
});

test('on a phone the presenter’s message sits clear of its controls', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 823 });
  await openApp(page);
  // A message to show: the share link's, copied or not.
  const share = page.getByTestId('share-link');
  await share.scrollIntoViewIfNeeded();
  await share.click();
  await expect(page.getByTestId('share-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('p');
  const message = page.getByTestId('presentation-message');
  await expect(message).toBeVisible();
  const box = await message.boundingBox();
  const controls = await page.getByRole('navigation', { name: 'Presentation controls' }).boundingBox();
  const overlap =
    box.x < controls.x + controls.width && controls.x < box.x + box.width &&
    box.y < controls.y + controls.height && controls.y < box.y + box.height;
  expect(overlap).toBe(false);
  expect(box.x + box.width).toBeLessThanOrEqual(412);
});
