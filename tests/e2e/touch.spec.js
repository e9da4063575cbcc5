// The canvas on a touch screen: one finger drags a card into a link, two
// fingers pinch to zoom. Touches go through Chromium's own touch input
// (DevTools protocol), which the page receives as touch pointer events.
const { test, expect, openSmall, card, link } = require('./fixtures');

test.use({ hasTouch: true });

/** Sends one touch event with the given fingers (x, y, id). */
async function touch(client, type, points) {
  await client.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map(([x, y, id]) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 })),
  });
}

const centreOf = async (locator) => {
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + 14 };
};

test('one finger drags a team card onto a company card, and the link is made', async ({ page }) => {
  await openSmall(page);
  const client = await page.context().newCDPSession(page);
  const from = await centreOf(card(page, 'o-nordic'));
  const to = await centreOf(card(page, 'o-co'));
  await touch(client, 'touchStart', [[from.x, from.y, 1]]);
  for (let i = 1; i <= 12; i += 1) {
    const t = i / 12;
    await touch(client, 'touchMove', [[from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t, 1]]);
  }
  await touch(client, 'touchEnd', []);
  await expect(page.getByTestId('link-chooser')).toBeVisible();
  // The chooser's buttons are ordinary buttons. Under the DevTools
  // protocol's synthetic touches Chromium delivers pointerdown and pointerup
  // to them but makes no click, so the choice itself is clicked.
  await page.getByTestId('link-choose-hard').click();
  await expect(link(page, 'o-nordic', 'o-co')).toHaveAttribute('data-link-kind', 'hard');
});

test('two fingers pinch the map to zoom in and out', async ({ page }) => {
  await openSmall(page);
  const client = await page.context().newCDPSession(page);
  const zoom = page.getByTestId('zoom-level');
  const before = await zoom.textContent();
  const box = await page.getByTestId('canvas').boundingBox();
  // A point of the background between the cards' rows is enough: pinching
  // starts on the background.
  const mid = { x: box.x + box.width / 2, y: box.y + box.height - 60 };
  const pinch = async (from, to) => {
    await touch(client, 'touchStart', [[mid.x - from, mid.y, 1], [mid.x + from, mid.y, 2]]);
    for (let i = 1; i <= 8; i += 1) {
      const d = from + ((to - from) * i) / 8;
      await touch(client, 'touchMove', [[mid.x - d, mid.y, 1], [mid.x + d, mid.y, 2]]);
    }
    await touch(client, 'touchEnd', []);
  };
  await pinch(40, 160);
  await expect(zoom).not.toHaveText(before);
  const zoomedIn = parseInt(await zoom.textContent(), 10);
  expect(zoomedIn).toBeGreaterThan(parseInt(before, 10));
  await pinch(160, 40);
  await expect.poll(async () => parseInt(await zoom.textContent(), 10)).toBeLessThan(zoomedIn);
});
