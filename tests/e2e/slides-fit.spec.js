// The meeting: every slide fits its screen. For the sample, a generated
// four-level canvas and an objective with fourteen hard supporters, at
// 1280×720 and 1920×1080, no element of a slide reaches out of its column
// or the slide, and no slide text is smaller than 20 px at 1280×720.
// Each slide's screenshot is kept in tests/e2e/screenshots/slides/.
const { execFileSync } = require('child_process');
const path = require('path');
const { test, expect, openApp } = require('./fixtures');

function manySupporters() {
  const teams = [
    { id: 'co', name: 'Acme', level: 'company', color: '#1f5fbf' },
    { id: 'sales', name: 'Sales', level: 'department', parent: 'co', color: '#2f855a' },
    { id: 'ops', name: 'Operations', level: 'department', parent: 'co', color: '#c05621' },
  ];
  const objectives = [{
    id: 'o-top', team: 'co', title: 'Become the invoice-automation platform Europe\'s mid-market runs on',
    keyResults: [
      { id: 'kr-1', title: 'Annual recurring revenue', start: 18000000, target: 24000000, current: 19600000, unit: 'EUR' },
      { id: 'kr-2', title: 'New customers signed this quarter', start: 0, target: 120, current: 38 },
      { id: 'kr-3', title: 'Net revenue retention', start: 104, target: 115, current: 107, unit: '%' },
    ],
  }];
  const links = [];
  for (let i = 0; i < 14; i += 1) {
    const id = `o-s${i}`;
    objectives.push({ id, team: i % 2 ? 'sales' : 'ops', title: `Supporting objective number ${i + 1} with a title of ordinary length`, keyResults: [] });
    links.push({ from: id, to: 'o-top', kind: 'hard' });
  }
  for (let i = 0; i < 3; i += 1) {
    const id = `o-soft${i}`;
    objectives.push({ id, team: 'sales', title: `Pointing the same way ${i + 1}`, keyResults: [] });
    links.push({ from: id, to: 'o-top', kind: 'soft', note: 'Brand lifts inbound demand, but new logos are owned by Sales' });
  }
  return JSON.stringify({ format: 'okr-canvas', version: 1, title: 'Fourteen supporters', teams, objectives, links });
}

/** Twelve company objectives with long titles, a status set by hand and owners: an overview of several slides. */
function manyCompanyObjectives() {
  const teams = [{ id: 'co', name: 'Acme', level: 'company', color: '#1f5fbf' }];
  const objectives = [];
  for (let i = 0; i < 12; i += 1) {
    objectives.push({
      id: `o-top${i}`, team: 'co', owner: 'Dana Kim',
      title: `Company objective ${i + 1}: become the platform the mid-market runs its invoices on, in every country`,
      ...(i % 3 === 0 ? { status: { value: 'off_track', note: 'Behind plan' } } : {}),
      keyResults: [{ id: `kr-top${i}`, title: 'Annual recurring revenue', start: 0, target: 100, current: 7 * i, owner: 'Lee Park' }],
    });
  }
  return JSON.stringify({ format: 'okr-canvas', version: 1, title: 'Twelve company objectives', cycle: { label: 'Q1 2027', start: '2027-01-01', end: '2027-03-31' }, teams, objectives, links: [] });
}

const canvases = {
  sample: null,
  'four levels': () => execFileSync('cargo', ['run', '--quiet', '--example', 'generate', '--', '34'], {
    cwd: path.join(__dirname, '../..'), maxBuffer: 64 * 1024 * 1024,
  }).toString(),
  'fourteen supporters': manySupporters,
  'twelve company objectives': manyCompanyObjectives,
};

/** What of the shown slide reaches out of its box, and text under `minPx`. */
function problems(minPx) {
  const stage = document.querySelector('.presentation__stage');
  const content = stage.querySelector('.slide__content');
  const outer = stage.getBoundingClientRect();
  const style = getComputedStyle(stage);
  const box = {
    left: outer.left + parseFloat(style.paddingLeft) - 1,
    right: outer.right - parseFloat(style.paddingRight) + 1,
    top: outer.top + parseFloat(style.paddingTop) - 1,
    bottom: outer.bottom - parseFloat(style.paddingBottom) + 1,
  };
  const found = [];
  const name = (el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || '').slice(0, 40)}"`;
  for (const el of content.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const column = el.closest('.slide__column');
    const limit = column ? column.getBoundingClientRect() : box;
    if (r.left < limit.left - 1 || r.right > limit.right + 1 || r.top < limit.top - 1 || r.bottom > limit.bottom + 1) {
      found.push(`out of its ${column ? 'column' : 'slide'}: ${name(el)}`);
    }
    if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflow === 'hidden') {
      found.push(`clipped: ${name(el)}`);
    }
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (minPx && hasText && parseFloat(getComputedStyle(el).fontSize) < minPx) {
      found.push(`${getComputedStyle(el).fontSize} text: ${name(el)}`);
    }
  }
  return found;
}

for (const [label, make] of Object.entries(canvases)) {
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    test(`every slide of ${label} fits at ${width}×${height}`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width, height });
      await openApp(page);
      if (make) {
        await page.getByTestId('import-file').setInputFiles({
          name: `${label}.okr.json`, mimeType: 'application/json', buffer: Buffer.from(make()),
        });
        await expect(page.getByTestId('canvas-title')).not.toHaveText('Acme');
      }
      await page.getByTestId('present').click();
      const counter = page.getByTestId('slide-counter');
      await expect(counter).toHaveText(/^1 \/ \d+$/);
      const count = Number((await counter.textContent()).split('/')[1]);
      for (let i = 0; i < count; i += 1) {
        await expect(counter).toHaveText(`${i + 1} / ${count}`);
        // The slide's entry animation has ended.
        await expect.poll(() => page.locator('.presentation__stage .slide').evaluate(
          (el) => el.getAnimations().every((a) => a.playState === 'finished'))).toBe(true);
        const found = await page.evaluate(problems, width === 1280 ? 20 : 0);
        const file = `${label.replace(/ /g, '-')}-${width}x${height}-slide-${i + 1}.png`;
        await page.screenshot({ path: `tests/e2e/screenshots/slides/${file}` });
        expect(found, `slide ${i + 1} of ${count}`).toEqual([]);
        await page.keyboard.press('ArrowRight');
      }
    });
  }
}
