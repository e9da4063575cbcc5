// The page as an app kept on the machine: after one visit it opens without a
// network (at the root and under a sub-path), a new build is offered and
// taken only when the person says so, keeping their work, and Chromium's own
// check finds it installable. Service workers are blocked in the other specs
// (playwright.config.js); here they run.
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { test, expect, openApp } = require('./fixtures');

test.use({ serviceWorkers: 'allow' });

const DIST = path.resolve(__dirname, process.env.E2E_DIST || '../../dist');
const SUB_PORT = Number(process.env.E2E_PORT || 4173) + 1;

/** Waits until the service worker has precached the build and is active. */
async function keptOffline(page) {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active.state;
  });
}

/** The page's service worker controls it (after a reload, on a first visit). */
async function controlled(page) {
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

for (const [where, address] of [
  ['at the root', ''],
  ['under a sub-path', `http://127.0.0.1:${SUB_PORT}/okr-canvas/`],
]) {
  test(`after one visit the page opens offline, ${where}, with the same canvas`, async ({ page, context }) => {
    await openApp(page, address);
    await page.getByTestId('new-objective').click();
    const cards = await page.getByTestId('okr-card').count();
    const title = await page.getByTestId('canvas-title').textContent();
    await keptOffline(page);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('canvas')).toBeVisible();
    await expect(page.getByTestId('canvas-title')).toHaveText(title);
    await expect(page.getByTestId('okr-card')).toHaveCount(cards);
    await controlled(page);
  });
}

/** Serves a copy of the build, on a port of its own, from a folder the test changes. */
async function servedCopy() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'okr-canvas-build-'));
  fs.cpSync(DIST, root, { recursive: true });
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png' };
  const server = http.createServer((request, response) => {
    const file = path.join(root, decodeURIComponent(new URL(request.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    fs.readFile(file, (error, bytes) => {
      if (error) {
        response.writeHead(404);
        response.end();
        return;
      }
      response.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      response.end(bytes);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { root, server, url: `http://127.0.0.1:${server.address().port}/` };
}

test('a new build is installed in the background and offered; taking it keeps the work', async ({ page }) => {
  const build = await servedCopy();
  try {
    await openApp(page, build.url);
    await keptOffline(page);
    await page.reload();
    await controlled(page);
    // A new build is deployed while the page is open, and the person works on.
    fs.appendFileSync(path.join(build.root, 'sw.js'), '\n// the next build\n');
    await page.getByTestId('new-objective').click();
    const cards = await page.getByTestId('okr-card').count();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const offer = page.getByTestId('status').filter({ hasText: 'A new version of OKR Canvas is ready' });
    await expect(offer).toBeVisible();
    // Nothing changes until the person says so.
    await expect(page.getByTestId('okr-card')).toHaveCount(cards);
    const reloaded = page.waitForEvent('load');
    await offer.getByTestId('reload-to-update').click();
    await reloaded;
    await expect(page.getByTestId('canvas')).toBeVisible();
    await expect(page.getByTestId('okr-card')).toHaveCount(cards);
    const script = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return [Boolean(registration.waiting), registration.active.state];
    });
    expect(script).toEqual([false, 'activated']);
  } finally {
    build.server.close();
  }
});

test('Chromium finds the app installable, with a manifest that names its icons and its files', async ({ playwright }, testInfo) => {
  // Installability is not checked in a private window, which a test's usual
  // context is: a profile on disk, as a person's browser has.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'okr-canvas-profile-'));
  const { launchOptions, baseURL } = testInfo.project.use;
  const context = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, baseURL, serviceWorkers: 'allow' });
  try {
    const page = context.pages()[0] || (await context.newPage());
    await openApp(page);
    await keptOffline(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const { url, errors, data } = await cdp.send('Page.getAppManifest');
    expect(url).toMatch(/manifest\.webmanifest$/);
    expect(errors).toEqual([]);
    const manifest = JSON.parse(data);
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    expect(manifest.file_handlers[0].accept).toEqual({ 'application/json': ['.json'] });
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('a file the installed app is opened with comes through the launch queue and opens', async ({ page }) => {
  // The operating system's side (double-clicking a .okr.json file, which
  // starts the installed app) is out of a test's reach: Chromium's launch
  // queue is given here as it hands the file over, and the page takes it
  // from there as it would.
  await page.addInitScript(() => {
    const queue = { setConsumer: (consume) => { window.consumeLaunch = consume; } };
    Object.defineProperty(window, 'launchQueue', { value: queue, configurable: true });
  });
  await openApp(page);
  await page.waitForFunction(() => typeof window.consumeLaunch === 'function');
  const text = fs.readFileSync(path.join(__dirname, 'fixtures/small.okr.json'), 'utf8');
  await page.evaluate((text) => {
    const file = new File([text], 'plan.okr.json', { type: 'application/json' });
    window.consumeLaunch({ files: [{ kind: 'file', name: file.name, getFile: async () => file }] });
  }, text);
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(page.locator('[data-testid="okr-card"][data-okr-id="o-co"]')).toBeVisible();
});

test('the first load fetches only the first-load files, and the worker precaches the rest', async ({ page }) => {
  const fetched = [];
  page.on('response', async (response) => {
    fetched.push([new URL(response.url()).pathname.split('/').pop(), (await response.body().catch(() => Buffer.alloc(0))).length]);
  });
  await openApp(page);
  await keptOffline(page);
  const names = fetched.map(([name]) => name);
  expect(names.filter((n) => n.startsWith('importer'))).toEqual([]);
  expect(names.some((n) => n.endsWith('_bg.wasm'))).toBe(true);
  // None of the parts loaded on use (the presenter, the dialogs, the editors);
  // only their loader, which the main module imports.
  expect(names.filter((n) => /^(split_|chunk_)/.test(n))).toEqual([]);
  expect(names.filter((n) => n.startsWith('__wasm_split'))).toHaveLength(1);
  // One picture of the sample's map, for this window's shape, shown before the app.
  expect(names.filter((n) => /^sample-\d+\.svg$/.test(n))).toHaveLength(1);
  // The style sheets and the boot scripts come inside the page, not as files of their own.
  expect(names.filter((n) => /\.css$/.test(n) || /^boot/.test(n))).toEqual([]);
  // What the page fetched is the first load the size check budgets (.ci/size-budget),
  // counted uncompressed here: the main module is most of it, the parts none of it.
  const bytes = (pattern) => fetched.filter(([n]) => pattern.test(n)).reduce((sum, [, b]) => sum + b, 0);
  const parts = fs.readdirSync(DIST).filter((n) => /^split_.*\.wasm$/.test(n));
  expect(parts.length).toBeGreaterThan(5);
  const partBytes = parts.reduce((sum, n) => sum + fs.statSync(path.join(DIST, n)).size, 0);
  expect(bytes(/\.(wasm|js)$/)).toBeGreaterThan(0);
  expect(bytes(/^split_/)).toBe(0);
  expect(partBytes).toBeGreaterThan(100 * 1024);
  // The worker kept the importers for offline use, fetched by it, not the page.
  const cached = await page.evaluate(async () => {
    const keys = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) keys.push(new URL(request.url).pathname.split('/').pop());
    }
    return keys;
  });
  expect(cached).toEqual(expect.arrayContaining(['index.html', 'importer_bg.wasm', 'importer-xlsx_bg.wasm', ...parts]));
});

test('opening the presenter or a dialog fetches its part, once, and after one visit offline too', async ({ page, context }) => {
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname.split('/').pop()));
  await openApp(page);
  await keptOffline(page);
  const partsFetched = () => fetched.filter((n) => /^split_/.test(n));
  expect(partsFetched()).toEqual([]);

  // Offline from the next visit: the parts come from what the worker kept.
  await page.reload();
  await controlled(page);
  await context.setOffline(true);
  await page.getByTestId('teams').click();
  await expect(page.getByTestId('teams-dialog')).toBeVisible();
  expect(partsFetched()).toEqual([expect.stringMatching(/^split_teams_list-[0-9a-f]{16}\.wasm$/)]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('teams-dialog')).toBeHidden();

  await page.getByTestId('present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await expect(page.getByTestId('presentation')).toContainText('Acme');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toBeHidden();

  // The filter panel is a part too, and works as before once it has come.
  await page.getByTestId('filter').click();
  await expect(page.getByTestId('filter-panel')).toBeVisible();
  expect(partsFetched().filter((n) => n.startsWith('split_filter_panel'))).toHaveLength(1);
  await page.getByTestId('filter-panel').getByLabel('Hidden').check();
  await page.getByTestId('filter-close').click();
  await expect(page.getByTestId('filter-panel')).toBeHidden();

  // Opened again, a part is not fetched again.
  await page.getByTestId('teams').click();
  await expect(page.getByTestId('teams-dialog')).toBeVisible();
  expect(partsFetched().filter((n) => n.startsWith('split_teams_list'))).toHaveLength(1);
  expect(partsFetched().filter((n) => n.startsWith('split_presenter'))).toHaveLength(1);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('teams-dialog')).toBeHidden();
  await page.getByTestId('filter').click();
  await expect(page.getByTestId('filter-mode-hide')).toBeChecked();
  expect(partsFetched().filter((n) => n.startsWith('split_filter_panel'))).toHaveLength(1);
});
