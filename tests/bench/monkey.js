#!/usr/bin/env node
// A long monkey run: a script to run by hand, not a test (it lasts minutes).
//
// Two tabs of one browser profile press, drag, type, undo, delete, switch and
// create canvases, reload, fill the browser's storage and free it again, and
// open a share link, at random from a fixed seed, so a run can be repeated.
// After every few steps, and at the end, each tab is checked:
//
// - the page is alive: no uncaught error, no panic, the map still there;
// - nothing is lost untold: what the tab shows is what storage holds for the
//   canvas it names (`data-canvas-id` on the title), unless the header says
//   "Not saved — …" or the tab shows a shared canvas (which is not stored).
//
//   trunk build --release
//   node tests/bench/monkey.js [--dist DIR] [--seeds 1,2,3] [--minutes 2]
//
// Prints, per seed, the steps taken by kind, the checks made, the warnings
// the person was shown, and every failure; exits 1 when there is one.

'use strict';

const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { chromium } = require('playwright');
const { serve, CHROMIUM_ARGS, ROOT } = require('./canvas-bench');

function parseArgs(argv) {
  const options = { dist: path.join(ROOT, 'dist'), seeds: [1, 2, 3], minutes: 2 };
  for (let i = 0; i < argv.length; i += 2) {
    const [arg, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    switch (arg) {
      case '--dist': options.dist = path.resolve(value); break;
      case '--seeds': options.seeds = value.split(',').map(Number); break;
      case '--minutes': options.minutes = Number(value); break;
      default: throw new Error(`unknown option ${arg}`);
    }
  }
  return options;
}

/** A small, fast generator of the seed's numbers in [0, 1) (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = [
  'Win the Nordics',
  'Ship <b>v2</b> & "more"',
  '<img src=x onerror=alert(1)>',
  'Grow 1,500 customers',
  'Ünïcødé — ✓ 🚀',
  'a'.repeat(180),
  '  padded  ',
];

/** The objective ids a stored canvas holds, or null when nothing is stored. */
function storedIds(value) {
  if (value === null) return null;
  let document = JSON.parse(value);
  if (document.okrCanvasRecord) {
    const bytes = zlib.inflateSync(Buffer.from(document.zlib, 'base64url'));
    document = JSON.parse(bytes.toString('utf8'));
  }
  return (document.objectives || []).map((o) => o.id).sort();
}

/** What a tab shows: its canvas, its cards, whether it says something is unsaved. */
function shown() {
  const title = document.querySelector('[data-testid="canvas-title"]');
  return {
    alive: !!document.querySelector('[data-testid="canvas"]'),
    id: title ? title.getAttribute('data-canvas-id') : null,
    ids: [...document.querySelectorAll('[data-testid="okr-card"]')].map((c) => c.dataset.okrId).sort(),
    warned: !!document.querySelector('[data-testid="save-state"]'),
    shared: !!document.querySelector('[data-testid="shared-banner"]'),
    stored: null,
  };
}

async function look(page) {
  const seen = await page.evaluate(shown);
  seen.stored = seen.id ? await page.evaluate((id) => localStorage.getItem(`okr-canvas:canvas:${id}`), seen.id) : null;
  return seen;
}

/**
 * Checks one tab; returns a failure in words or null. What the tab shows
 * must reach storage within a few seconds (saves wait 400 ms for typing).
 */
async function check(page, tab) {
  const deadline = Date.now() + 4000;
  for (;;) {
    const seen = await look(page);
    if (!seen.alive) return `tab ${tab}: the map is gone`;
    if (seen.warned || seen.shared || !seen.id) return null;
    const stored = storedIds(seen.stored);
    if (stored && JSON.stringify(stored) === JSON.stringify(seen.ids)) return null;
    if (Date.now() > deadline) {
      return `tab ${tab}: shows ${seen.ids.length} objectives of canvas ${seen.id}, storage holds ${stored ? stored.length : 'nothing'}, and no warning is shown`;
    }
    await page.waitForTimeout(100);
  }
}

/** The actions a person takes, with how often each is drawn. */
function actions(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const quick = { timeout: 1500 };
  const visibleCard = async (page) => {
    const ids = await page.evaluate(() => {
      const frame = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
      return [...document.querySelectorAll('[data-testid="okr-card"]')]
        .filter((c) => {
          const r = c.getBoundingClientRect();
          return r.width > 20 && r.left > frame.left && r.right < frame.right && r.top > frame.top && r.bottom < frame.bottom;
        })
        .map((c) => c.dataset.okrId);
    });
    return ids.length ? page.locator(`[data-testid="okr-card"][data-okr-id="${pick(ids)}"]`) : null;
  };
  return [
    ['press a card', 6, async (page) => { const c = await visibleCard(page); if (c) await c.click(quick); }],
    ['drag a card', 4, async (page) => {
      const c = await visibleCard(page);
      const box = c && (await c.boundingBox());
      if (!box) return;
      await page.mouse.move(box.x + 20, box.y + 12);
      await page.mouse.down();
      await page.mouse.move(box.x + 20 + (rand() - 0.5) * 400, box.y + 12 + (rand() - 0.5) * 300, { steps: 5 });
      await page.mouse.up();
    }],
    ['new objective', 3, async (page) => {
      await page.getByTestId('new-objective').click(quick);
      const title = page.getByTestId('inspector-title');
      if (await title.isVisible()) {
        await title.fill(pick(TITLES), quick);
        await page.keyboard.press('Enter');
      }
    }],
    ['retitle', 3, async (page) => {
      const title = page.getByTestId('inspector-title');
      if (await title.isVisible()) {
        await title.fill(pick(TITLES), quick);
        await page.keyboard.press('Tab');
      }
    }],
    ['delete', 2, async (page) => { await page.keyboard.press('Escape'); await page.keyboard.press('Delete'); }],
    ['undo', 2, async (page) => { await page.keyboard.press('Escape'); await page.keyboard.press('Control+z'); }],
    ['redo', 1, async (page) => { await page.keyboard.press('Escape'); await page.keyboard.press('Control+Shift+z'); }],
    ['escape', 1, async (page) => page.keyboard.press('Escape')],
    ['fill storage', 1, async (page) => page.evaluate(() => {
      let n = Number(localStorage.getItem('filler:count') || 0);
      for (let size = 1 << 20; size >= 64; size >>= 1) {
        const chunk = 'x'.repeat(size);
        for (;;) {
          try { localStorage.setItem(`filler:${n}`, chunk); n++; } catch { break; }
        }
      }
      try { localStorage.setItem('filler:count', String(n)); } catch { /* full */ }
    })],
    ['free storage', 2, async (page) => page.evaluate(() => {
      for (const key of Object.keys(localStorage)) if (key.startsWith('filler:')) localStorage.removeItem(key);
    })],
    ['settle a warning', 3, async (page) => {
      const warning = page.getByTestId('save-state');
      if (!(await warning.isVisible())) return;
      await warning.click(quick);
      for (const choice of [pick(['keep-mine', 'take-theirs']), 'keep-deleted-canvas']) {
        const button = page.getByTestId(choice);
        if (await button.isVisible()) { await button.click(quick); return; }
      }
      await page.keyboard.press('Escape');
    }],
    ['switch canvas', 1, async (page) => {
      await page.getByTestId('canvases').click(quick);
      const entries = page.getByTestId('canvas-open');
      const count = await entries.count();
      if (count > 0 && rand() < 0.8) await entries.nth(Math.floor(rand() * count)).click(quick);
      else await page.getByTestId('new-canvas').click(quick);
      await page.keyboard.press('Escape');
    }],
    ['open a share link', 1, async (page, other) => {
      await other.getByTestId('share-link').click(quick);
      const field = other.getByTestId('share-link-field');
      const link = (await field.isVisible()) ? await field.inputValue() : null;
      await other.keyboard.press('Escape');
      if (link) await page.goto(link);
    }],
    ['leave a shared canvas', 2, async (page) => {
      const back = page.getByTestId('leave-shared');
      if (await back.isVisible()) await back.click(quick);
    }],
    ['reload', 1, async (page) => {
      if (await page.getByTestId('save-state').isVisible()) return;
      await page.reload();
      await page.getByTestId('canvas').waitFor({ timeout: 10_000 });
    }],
  ];
}

async function runSeed(browser, base, seed, minutes) {
  const rand = random(seed);
  const list = actions(rand);
  const total = list.reduce((sum, [, weight]) => sum + weight, 0);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pages = [await context.newPage(), await context.newPage()];
  const result = { seed, steps: 0, byKind: {}, checks: 0, warnings: 0, skipped: 0, failures: [] };
  pages.forEach((page, tab) => {
    page.on('pageerror', (error) => result.failures.push(`tab ${tab}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /panicked|RuntimeError|unreachable/.test(message.text())) {
        result.failures.push(`tab ${tab}: ${message.text()}`);
      }
    });
    // Leaving a tab that says "Not saved" asks first; the monkey stays.
    page.on('dialog', (dialog) => dialog.dismiss().catch(() => {}));
  });
  for (const page of pages) {
    await page.goto(base);
    await page.getByTestId('okr-card').first().waitFor();
  }
  const end = Date.now() + minutes * 60_000;
  while (Date.now() < end && result.failures.length === 0) {
    const tab = rand() < 0.5 ? 0 : 1;
    let draw = rand() * total;
    const [kind, , act] = list.find(([, weight]) => (draw -= weight) < 0);
    try {
      await act(pages[tab], pages[1 - tab]);
    } catch {
      // An element gone or covered by a dialog: the person would look again.
      result.skipped += 1;
    }
    result.steps += 1;
    result.byKind[kind] = (result.byKind[kind] || 0) + 1;
    if (result.steps % 5 === 0) {
      for (const [i, page] of pages.entries()) {
        if (await page.getByTestId('save-state').isVisible()) result.warnings += 1;
        const failure = await check(page, i);
        result.checks += 1;
        if (failure) result.failures.push(`after step ${result.steps} (${kind}): ${failure}`);
      }
    }
  }
  for (const [i, page] of pages.entries()) {
    const failure = await check(page, i);
    result.checks += 1;
    if (failure) result.failures.push(`at the end: ${failure}`);
  }
  await context.close();
  return result;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const server = await serve(options.dist);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  let failed = false;
  try {
    console.log(`Chromium ${browser.version()}, headless, ${os.cpus().length} cores, build ${options.dist}`);
    for (const seed of options.seeds) {
      const started = Date.now();
      const result = await runSeed(browser, base, seed, options.minutes);
      const kinds = Object.entries(result.byKind).map(([k, n]) => `${k} ${n}`).join(', ');
      console.log(`seed ${seed}: ${result.steps} steps in ${Math.round((Date.now() - started) / 1000)} s (${kinds}); ` +
        `${result.skipped} found nothing to act on; ${result.checks} checks, ${result.warnings} with "Not saved" shown; ` +
        `${result.failures.length} failures`);
      for (const failure of result.failures) console.log(`  FAILED ${failure}`);
      failed ||= result.failures.length > 0;
    }
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
