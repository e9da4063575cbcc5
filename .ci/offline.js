#!/usr/bin/env node
// Makes the built page work offline and load fast from any static host.
//
// Why this exists: everything the page needs is static, so after one visit it
// can open without a network. Trunk runs this file as a post_build hook
// (Trunk.toml), after .ci/csp.py has written the page's policy, on the staged
// build before it replaces dist/. By hand: node .ci/offline.js dist
//
// 1. The service worker, sw.js, is written by Workbox (workbox-build's
//    generateSW, its runtime inlined, so the worker is one same-origin file
//    the page's policy allows). It precaches every built file but the
//    precompressed copies, by revision; Trunk's hashed names need no revision
//    of their own. A new build's worker installs in the background and waits:
//    the page offers "Reload to update" (src/browser/offline.rs), and the
//    worker takes over when told to (skipWaiting on a message), never
//    in the middle of someone's work.
// 2. Every text file gets precompressed copies beside it, name.gz and name.br,
//    for hosts that serve them (nginx gzip_static/brotli_static, Netlify…).
// A development build (TRUNK_PROFILE=debug, `make run`) gets neither.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { generateSW } = require('workbox-build');

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: offline.js DIST (or run as a Trunk hook)');
  process.exit(2);
}

/** Every file under `root`, as paths relative to it. */
function filesUnder(root, sub = '') {
  return fs.readdirSync(path.join(root, sub), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(sub, entry.name);
    return entry.isDirectory() ? filesUnder(root, rel) : [rel];
  });
}

async function main() {
  // A development build (`make run`) is rebuilt and reloaded all day: a worker
  // serving the last build from its cache would hide every change.
  if (process.env.TRUNK_PROFILE === 'debug') {
    console.log('offline.js: a development build, kept online only (no sw.js)');
    return;
  }
  // Copies of an earlier run (by hand on dist/) are not built files.
  for (const file of filesUnder(dir)) {
    if (/\.(gz|br)$/.test(file)) fs.unlinkSync(path.join(dir, file));
  }
  const { count, size, warnings } = await generateSW({
    globDirectory: dir,
    globPatterns: ['**/*.{html,js,wasm,css,svg,png,json,webmanifest}'],
    globIgnores: ['sw.js', 'workbox-*.js'],
    swDest: path.join(dir, 'sw.js'),
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production',
    // Trunk's file names carry a hash of their content.
    dontCacheBustURLsMatching: /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/,
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    cleanupOutdatedCaches: true,
    // The page decides when a new build takes over (after a save).
    skipWaiting: false,
    clientsClaim: false,
    // An address with a query still opens the page kept offline.
    ignoreURLParametersMatching: [/.*/],
  });
  for (const warning of warnings) console.warn(`offline.js: ${warning}`);
  let compressed = 0;
  for (const file of filesUnder(dir)) {
    if (!/\.(html|js|wasm|css|svg|json|webmanifest)$/.test(file)) continue;
    const full = path.join(dir, file);
    const bytes = fs.readFileSync(full);
    fs.writeFileSync(`${full}.gz`, zlib.gzipSync(bytes, { level: 9 }));
    fs.writeFileSync(
      `${full}.br`,
      zlib.brotliCompressSync(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
    );
    compressed += 1;
  }
  console.log(
    `offline.js: sw.js precaches ${count} files (${Math.round(size / 1024)} KB); ` +
      `${compressed} files precompressed (.gz, .br)`,
  );
}

main().catch((error) => {
  console.error(`offline.js: ${error.stack || error}`);
  process.exit(1);
});
