#!/usr/bin/env node
// How long opening a Viva Goals export takes: a script to run by hand, not a
// test. It serves a release build on 127.0.0.1 and, in headless Chromium,
// opens a generated export through the import input three times in one page:
// the first read includes fetching and starting the importer worker, the
// others reuse it. It prints the time until the preview shows, and the time
// from "Open as a new canvas" until every card is in the page.
//
//   trunk build --release
//   node tests/bench/sheet-bench.js [--dist DIR] [--rows N]
//
// The export is `cargo run --release --example generate_export -- N`.

'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright');
const { serve, CHROMIUM_ARGS, ROOT } = require('./canvas-bench');

async function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const dist = path.resolve(option('--dist', path.join(ROOT, 'dist')));
  const rows = Number(option('--rows', 1000));
  const csv = execFileSync('cargo', ['run', '--release', '--quiet', '--example', 'generate_export', '--', String(rows)], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
  });
  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(base);
    await page.getByTestId('canvas').waitFor();
    for (const run of [1, 2, 3]) {
      const started = Date.now();
      await page.getByTestId('import-file').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: csv });
      await page.getByTestId('sheet-summary').waitFor();
      const previewed = Date.now() - started;
      const summary = await page.getByTestId('sheet-summary').textContent();
      const opening = Date.now();
      await page.getByTestId('sheet-open').click();
      await page.getByTestId('sheet-dialog').waitFor({ state: 'detached' });
      const objectives = Number(summary.match(/(\d+) objectives/)[1]);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="okr-card"]').length === n, objectives);
      const opened = Date.now() - opening;
      console.log(`run ${run}: ${rows} rows (${csv.length} bytes): preview in ${previewed} ms; opened, ${objectives} cards in the page, in ${opened} ms`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
