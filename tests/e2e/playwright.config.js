// Playwright runs the specs in this folder against the release build in dist/,
// served on 127.0.0.1, in Debian's Chromium (no browser download).
const { defineConfig } = require('@playwright/test');

const PORT = Number(process.env.E2E_PORT || 4173);
// The build to serve: dist/ unless E2E_DIST names another (absolute) folder.
const DIST = process.env.E2E_DIST || '../../dist';
// A folder holding the build as okr-canvas/, served on its own port.
const SUB_PORT = PORT + 1;
const SUB_ROOT = require('path').join(require('os').tmpdir(), `okr-canvas-sub-path-${SUB_PORT}`);

module.exports = defineConfig({
  testDir: '.',
  testMatch: '*.spec.js',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: '../../test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 800 },
    // The page registers a service worker that precaches the whole build;
    // specs test the page itself, so it is blocked but where a spec allows
    // it (offline.spec.js).
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory ${DIST}`,
      url: `http://127.0.0.1:${PORT}/index.html`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The same build under a sub-path, as on a project page (/okr-canvas/).
      command: `rm -rf ${SUB_ROOT} && mkdir -p ${SUB_ROOT} && ln -s "$(cd ${DIST} && pwd)" ${SUB_ROOT}/okr-canvas && python3 -m http.server ${SUB_PORT} --bind 127.0.0.1 --directory ${SUB_ROOT}`,
      url: `http://127.0.0.1:${SUB_PORT}/okr-canvas/index.html`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
