#!/usr/bin/env node
// Lighthouse's scores for the release build, as a static host serves it: the
// precompressed copies (.br, else .gz) where the browser takes them, long
// cache lifetimes for the hashed files. Prints the scores and the figures
// behind them; a measurement to read, not a test (`make lighthouse`, run by
// `make test`, never fails on a score).
//
//   trunk build --release
//   node tests/bench/lighthouse.js [--dist DIR] [--desktop]
//
// Lighthouse 12.2.3 is pinned in package-lock.json (13 wants Node 22). Its
// defaults are the mobile ones: a simulated slow 4G and a 4× slower CPU.

'use strict';

const path = require('path');
const { serve, ROOT } = require('./canvas-bench');

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--dist');
  const dist = path.resolve(at >= 0 ? args[at + 1] : path.join(ROOT, 'dist'));
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const server = await serve(dist, { asHost: true });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const config = args.includes('--desktop')
      ? (await import('lighthouse/core/config/desktop-config.js')).default
      : undefined;
    const flags = { port: chrome.port, output: 'json', logLevel: 'error' };
    if (args.includes('--applied')) flags.throttlingMethod = 'devtools';
    const result = await lighthouse(url, flags, config);
    const { categories, audits } = result.lhr;
    if (process.env.LIGHTHOUSE_JSON) require('fs').writeFileSync(process.env.LIGHTHOUSE_JSON, JSON.stringify(result.lhr));
    const score = (c) => Math.round(categories[c].score * 100);
    const shown = (a) => audits[a].displayValue;
    console.log(`Lighthouse ${result.lhr.lighthouseVersion}, ${args.includes('--desktop') ? 'desktop' : 'mobile'}, ${url}`);
    console.log(
      `  performance ${score('performance')}, accessibility ${score('accessibility')}, ` +
        `best practices ${score('best-practices')}, SEO ${score('seo')}`,
    );
    console.log(
      `  first contentful paint ${shown('first-contentful-paint')}, largest contentful paint ` +
        `${shown('largest-contentful-paint')}, total blocking time ${shown('total-blocking-time')}, ` +
        `speed index ${shown('speed-index')}, interactive ${shown('interactive')}, ` +
        `cumulative layout shift ${shown('cumulative-layout-shift')}`,
    );
    const largest = audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
    if (largest) console.log(`  largest paint: ${largest.nodeLabel} (${largest.snippet.slice(0, 100)})`);
    for (const item of (audits['layout-shifts']?.details?.items || []).slice(0, 3)) {
      console.log(`  layout shift ${item.score.toFixed(3)}: ${item.node?.snippet?.slice(0, 100) ?? ''}`);
    }
    console.log(`  transferred ${shown('total-byte-weight')}`);
    for (const category of ['accessibility', 'best-practices', 'seo']) {
      for (const ref of categories[category].auditRefs) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          console.log(`  ${category}: ${audit.title}`);
          for (const item of (audit.details?.items || []).slice(0, 3)) {
            if (item.node?.snippet) console.log(`    ${item.node.snippet.slice(0, 160)}`);
          }
        }
      }
    }
  } finally {
    await chrome.kill();
    server.close();
  }
}

main().catch((error) => {
  console.error(`lighthouse.js: ${error.stack || error}`);
  process.exit(1);
});
