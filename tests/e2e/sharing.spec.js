// Handing a canvas to someone else: the share link, a file published next to
// the page, dropping and pasting a file, the picture and the outline.
const fs = require('fs');
const path = require('path');
const { test, expect, openApp, openSmall, card, link } = require('./fixtures');

const SMALL = fs.readFileSync(path.join(__dirname, 'fixtures/small.okr.json'), 'utf8');
const SAMPLE = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../public/examples/acme.okr.json'), 'utf8'),
);

/** The share link the dialog offers for the open canvas. */
async function shareLink(page) {
  await page.getByTestId('share-link').click();
  const field = page.getByTestId('share-link-field');
  await expect(field).toBeVisible();
  const value = await field.inputValue();
  await page.getByTestId('share-dialog-close').click();
  await expect(page.getByTestId('share-dialog')).toHaveCount(0);
  return value;
}

test('a share link opens the same map read-only, and "Edit a copy" makes it editable', async ({ page, browser }) => {
  await openSmall(page);
  const url = await shareLink(page);
  expect(url).toContain('#canvas=');
  expect(url.startsWith('http://127.0.0.1:')).toBe(true);

  // Someone else, in another browser profile.
  const other = await (await browser.newContext()).newPage();
  const errors = [];
  other.on('pageerror', (error) => errors.push(error.message));
  await other.goto(url);
  await expect(other.getByTestId('shared-banner')).toBeVisible();
  await expect(other.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(other.getByTestId('okr-card')).toHaveCount(4);
  await expect(link(other, 'o-sales', 'o-co')).toHaveAttribute('data-link-kind', 'hard');
  await expect(link(other, 'o-brand', 'o-sales')).toHaveAttribute('data-link-kind', 'hard');
  // The same positions as in the sender's map.
  const place = (p) => card(p, 'o-nordic').evaluate((el) => `${el.style.left} ${el.style.top}`);
  expect(await place(other)).toBe(await place(page));

  // Read-only: a change is refused with a reason.
  await card(other, 'o-nordic').click();
  await other.keyboard.press('Escape');
  await other.keyboard.press('Delete');
  await expect(other.getByTestId('notice')).toContainText('read-only');
  await expect(other.getByTestId('okr-card')).toHaveCount(4);

  await other.getByTestId('edit-copy').click();
  await expect(other.getByTestId('shared-banner')).toHaveCount(0);
  expect(new URL(other.url()).hash).toBe('');
  await card(other, 'o-nordic').click();
  await other.keyboard.press('Escape');
  await other.keyboard.press('Delete');
  await expect(other.getByTestId('okr-card')).toHaveCount(3);
  // The copy is now that person's canvas, kept over a reload.
  await other.reload();
  await expect(other.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(other.getByTestId('okr-card')).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('a damaged share link is explained and the open canvas stays', async ({ page }) => {
  await openSmall(page);
  const url = await shareLink(page);
  await page.goto(url.slice(0, url.length - 40));
  await expect(page.getByTestId('notice')).toContainText('share link');
  await expect(page.getByTestId('shared-banner')).toHaveCount(0);
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);

  await page.goto('/#canvas=not*base64');
  await expect(page.getByTestId('notice').last()).toContainText('damaged');
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
});

test('#file= opens a canvas published beside the page; back to my canvas', async ({ page }) => {
  await openSmall(page);
  await page.goto('/#file=examples/acme.okr.json');
  await expect(page.getByTestId('shared-banner')).toContainText('examples/acme.okr.json');
  await expect(page.getByTestId('canvas-title')).toHaveText(SAMPLE.title);
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
  await page.getByTestId('leave-shared').click();
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);

  // Only files beside the page: no other host, no climbing out of the folder.
  await page.goto('/#file=../etc/passwd');
  await expect(page.getByTestId('notice')).toContainText('not a file beside this page');
  await page.goto('/#file=https://example.com/x.okr.json');
  await expect(page.getByTestId('notice').last()).toContainText('not a file beside this page');
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
});

test('#file= naming a file that is not there says so', async ({ browser }) => {
  // A page of its own: the browser itself logs the 404 to the console.
  const page = await (await browser.newContext()).newPage();
  await page.goto('/#file=examples/missing.okr.json');
  await expect(page.getByTestId('notice')).toContainText('404');
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
});

test('a file dropped anywhere on the page opens', async ({ page }) => {
  await openApp(page);
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'small.okr.json', { type: 'application/json' }));
    const target = document.querySelector('[data-testid="canvas-title"]');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, SMALL);
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
});

test('pasted canvas JSON opens; other pasted text is explained', async ({ page }) => {
  await openApp(page);
  const paste = (text) => page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await paste('hello');
  await expect(page.getByTestId('notice')).toContainText('not a canvas');
  await expect(page.getByTestId('canvas-title')).toHaveText(SAMPLE.title);
  await paste(SMALL);
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
});

test('the map exports as one standalone SVG picture and as a Markdown outline', async ({ page }) => {
  await openApp(page);
  await page.locator('.toolbar__menu summary').click();
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const svgFile = await svgDownload;
  expect(svgFile.suggestedFilename()).toBe(`${SAMPLE.title}.svg`);
  const svg = fs.readFileSync(await svgFile.path(), 'utf8');
  expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
  expect(svg).not.toContain('<script');
  expect(svg).not.toMatch(/href="http/);
  for (const objective of SAMPLE.objectives.slice(0, 5)) {
    expect(svg).toContain(`data-okr-id="${objective.id}"`);
  }

  // The menu closed once the picture was chosen; it opens again.
  await expect(page.getByTestId('export-markdown')).toBeHidden();
  await page.locator('.toolbar__menu summary').click();
  const mdDownload = page.waitForEvent('download');
  await page.getByTestId('export-markdown').click();
  const mdFile = await mdDownload;
  expect(mdFile.suggestedFilename()).toBe(`${SAMPLE.title}.md`);
  const markdown = fs.readFileSync(await mdFile.path(), 'utf8');
  expect(markdown.split('\n')[0]).toContain('# ');
  const company = SAMPLE.objectives.find((o) => SAMPLE.teams.find((t) => t.id === o.team).level === 'company');
  expect(markdown).toContain(company.title.split(' ')[0]);
});

test('zoomed far out, cards show their titles alone and can still be dragged into a link', async ({ page }) => {
  await openSmall(page);
  const canvas = page.getByTestId('canvas');
  while (!/canvas--detail-title/.test(await canvas.getAttribute('class'))) {
    await page.getByTestId('zoom-out').click();
  }
  // Every card stays in the DOM; its place on screen comes from the world transform.
  await expect(page.getByTestId('okr-card')).toHaveCount(4);
  const centre = (id) => page.evaluate((cardId) => {
    const world = document.querySelector('.canvas__world');
    const [, tx, ty, s] = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([-\d.]+)\)/.exec(world.style.transform).map(Number);
    const origin = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    const el = document.querySelector(`[data-okr-id="${cardId}"]`);
    return {
      x: origin.left + tx + (parseFloat(el.style.left) + 140) * s,
      y: origin.top + ty + (parseFloat(el.style.top) + 20) * s,
    };
  }, id);
  const from = await centre('o-nordic');
  const to = await centre('o-co');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('link-chooser')).toBeVisible();
  await page.keyboard.press('s');
  await expect(link(page, 'o-nordic', 'o-co')).toHaveAttribute('data-link-kind', 'soft');
});

test('the build works under a sub-path, as on a project page', async ({ page }) => {
  const port = Number(process.env.E2E_PORT || 4173) + 1;
  const base = `http://127.0.0.1:${port}/okr-canvas/`;
  await page.goto(base);
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
  await page.goto(`${base}#file=examples/acme.okr.json`);
  await expect(page.getByTestId('shared-banner')).toContainText('examples/acme.okr.json');
  await expect(page.getByTestId('okr-card')).toHaveCount(SAMPLE.objectives.length);
});

test('export, then import in another browser profile, gives the same map, positions included', async ({ page, browser }) => {
  await openSmall(page);
  // Move a card, so the positions are the person's, not the automatic layout's.
  const box = await card(page, 'o-nordic').boundingBox();
  const canvas = await page.getByTestId('canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 14);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 10, box.y + 24, { steps: 2 });
  await page.mouse.move(canvas.x + 120, canvas.y + canvas.height - 120, { steps: 6 });
  await page.mouse.up();
  const places = (p) => p.getByTestId('okr-card').evaluateAll((cards) =>
    cards.map((c) => `${c.dataset.okrId} ${c.style.left} ${c.style.top}`).sort());
  const before = await places(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const file = await (await download).path();

  const other = await (await browser.newContext()).newPage();
  await other.goto('/');
  await other.getByTestId('import-file').setInputFiles(file);
  await expect(other.getByTestId('canvas-title')).toHaveText('Small test canvas');
  expect(await places(other)).toEqual(before);
  await expect(link(other, 'o-sales', 'o-co')).toHaveAttribute('data-link-kind', 'hard');
});
