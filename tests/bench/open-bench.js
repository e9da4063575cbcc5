#!/usr/bin/env node
// How opening something big feels: a script to run by hand, not a test.
//
// It serves a release build on 127.0.0.1 and, in headless Chromium, opens a
// generated canvas as a file through the import input, and as a share link
// (the page opened at `#canvas=…`). For each it prints the time until every
// card is in the page, the longest stretch the page could not paint (the
// longest gap between two animation frames: how long the tab froze), and the
// progress steps the person saw on the way.
//
//   trunk build --release
//   node tests/bench/open-bench.js [--dist DIR] [--file N] [--link N] [--seed S]
//
// Defaults: a file of 9,800 objectives (about 9 MB) and a link of 10,000
// objectives (about 620,000 characters; a canvas unpacks to 10 MiB at most),
// generated with
// `cargo run --release --example generate -- N S [--link]`.

'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright');
const { serve, CHROMIUM_ARGS, ROOT } = require('./canvas-bench');

function parseArgs(argv) {
  const options = { dist: path.join(ROOT, 'dist'), file: 9800, link: 10000, seed: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const [arg, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    switch (arg) {
      case '--dist': options.dist = path.resolve(value); break;
      case '--file': options.file = Number(value); break;
      case '--link': options.link = Number(value); break;
      case '--seed': options.seed = Number(value); break;
      default: throw new Error(`unknown option ${arg}`);
    }
  }
  if (!fs.existsSync(path.join(options.dist, 'index.html'))) {
    throw new Error(`no build in ${options.dist}: run \`trunk build --release\` first, or pass --dist`);
  }
  return options;
}

function generated(objectives, seed, link) {
  const file = path.join(os.tmpdir(), `okr-open-${objectives}-${seed}${link ? '.link' : '.okr.json'}`);
  if (!fs.existsSync(file)) {
    const args = ['run', '--release', '--quiet', '--example', 'generate', '--', String(objectives), String(seed)];
    if (link) args.push('--link');
    fs.writeFileSync(file, execFileSync('cargo', args, { cwd: ROOT, maxBuffer: 1 << 30 }));
  }
  return fs.readFileSync(file);
}

// Installed before the page's own scripts: records every gap between
// animation frames (from the page's start: loading the app is part of opening
// a link), and every progress text shown.
function recorder() {
  window.__open = { gaps: [], steps: [] };
  let last = null;
  const tick = (now) => {
    if (last !== null) window.__open.gaps.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new MutationObserver(() => {
    const text = document.querySelector('[data-testid="progress"]')?.textContent;
    if (text && window.__open.steps.at(-1)?.text !== text) {
      window.__open.steps.push({ at: performance.now(), text });
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

async function cardsIn(page, expected) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="okr-card"]').length >= n,
    expected,
    { timeout: 120_000, polling: 100 },
  );
  return page.evaluate(() => performance.now());
}

async function openFile(browser, base, bytes, objectives) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(recorder);
  await page.goto(base);
  await page.waitForSelector('[data-testid="okr-card"]');
  await page.evaluate(() => { window.__open.gaps = []; window.__open.steps = []; });
  const started = await page.evaluate(() => performance.now());
  await page.getByTestId('import-file').setInputFiles({ name: 'big.okr.json', mimeType: 'application/json', buffer: bytes });
  const done = await cardsIn(page, objectives);
  const seen = await page.evaluate(() => window.__open);
  await page.close();
  return { ms: done - started, seen, from: started };
}

async function openLink(browser, base, fragment, objectives) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(recorder);
  await page.goto(`${base}#${fragment}`);
  // From the navigation: an old build decoded the link before it started.
  const done = await cardsIn(page, objectives);
  const seen = await page.evaluate(() => window.__open);
  await page.close();
  return { ms: done, seen, from: 0 };
}

function report(name, result) {
  const longest = Math.max(0, ...result.seen.gaps);
  console.log(`${name}: every card in the page after ${Math.round(result.ms)} ms; longest freeze ${Math.round(longest)} ms`);
  if (result.seen.steps.length === 0) console.log('  no progress shown');
  for (const step of result.seen.steps) {
    console.log(`  +${Math.round(step.at - result.from)} ms  ${step.text}`);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const file = generated(options.file, options.seed, false);
  const link = generated(options.link, options.seed, true).toString('utf8').trim();
  const server = await serve(options.dist);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    console.log(`Chromium ${browser.version()}, headless, ${os.cpus().length} cores, build ${options.dist}`);
    report(`file of ${options.file} objectives (${file.length} bytes)`, await openFile(browser, base, file, options.file));
    report(`share link of ${options.link} objectives (${link.length} characters)`, await openLink(browser, base, link, options.link));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
