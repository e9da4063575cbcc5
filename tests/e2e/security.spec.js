// The page's Content-Security-Policy: written into the built page, it allows
// no other origin and no inline script but the build's own loader, and the
// app does everything a person does without breaking it. (Every other spec
// guards it too: a blocked resource logs a console error, which fails a test.)
// Framed by another origin, which the policy cannot forbid, the app does not start.
const crypto = require('crypto');
const http = require('http');
const path = require('path');
const fs = require('fs');
const { test, expect, openApp } = require('./fixtures');

const SMALL = path.join(__dirname, 'fixtures/small.okr.json');
const PORT = Number(process.env.E2E_PORT || 4173);
// The same build on another port: another origin, that answers.
const OTHER_ORIGIN = `http://127.0.0.1:${PORT + 1}`;

/** Records every CSP violation of the page in window.__violations. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
}

/** The page's policy as { directive: [sources] }. */
async function readPolicy(page) {
  const meta = page.locator('head > meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveCount(1);
  const content = await meta.getAttribute('content');
  const policy = {};
  for (const directive of content.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy[name] = sources;
  }
  return { content, policy };
}

test('the built page carries a strict policy, ahead of every script and stylesheet', async ({
  page,
}) => {
  await openApp(page);
  const { content, policy } = await readPolicy(page);

  expect(content).not.toMatch(/https?:/i);
  expect(content).not.toMatch(/\*/);
  expect(Object.values(policy).flat()).not.toContain("'unsafe-eval'");
  expect(policy['default-src']).toEqual(["'self'"]);
  expect(policy['object-src']).toEqual(["'none'"]);
  expect(policy['base-uri']).toEqual(["'none'"]);
  expect(policy['form-action']).toEqual(["'none'"]);
  expect(policy['connect-src']).toEqual(["'self'"]);

  // Scripts: the page's files, wasm compilation, and each inline script of
  // the built page by its hash; nothing else.
  const scripts = policy['script-src'];
  expect(scripts.slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  const hashes = scripts.slice(2);
  for (const hash of hashes) expect(hash).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
  const inline = await page.evaluate(() =>
    [...document.scripts].filter((s) => !s.src).map((s) => s.textContent),
  );
  expect(inline.length).toBeGreaterThan(0);
  expect(hashes.sort()).toEqual(
    inline.map((t) => `'sha256-${crypto.createHash('sha256').update(t).digest('base64')}'`).sort(),
  );

  // Style elements: the page's style sheets, inlined into it, each by its hash;
  // no other <style> element.
  const styles = policy['style-src-elem'];
  expect(styles[0]).toBe("'self'");
  const inlineStyles = await page.evaluate(() =>
    [...document.querySelectorAll('style')].map((s) => s.textContent),
  );
  expect(inlineStyles.length).toBeGreaterThan(0);
  expect(styles.slice(1).sort()).toEqual(
    [...new Set(inlineStyles.map((t) => `'sha256-${crypto.createHash('sha256').update(t).digest('base64')}'`))].sort(),
  );

  // Before anything the policy governs.
  const first = await page.evaluate(() => document.head.firstElementChild.outerHTML);
  expect(first).toContain('http-equiv="Content-Security-Policy"');
});

test('opening, importing and exporting a canvas violates nothing', async ({ page }) => {
  await recordViolations(page);
  await openApp(page);

  await page.getByTestId('import-file').setInputFiles(SMALL);
  await expect(page.getByTestId('canvas-title')).toHaveText('Small test canvas');
  await expect(page.getByTestId('okr-card')).toHaveCount(4);

  // The download goes through a blob: URL.
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Small test canvas.okr.json');
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(exported.title).toBe('Small test canvas');

  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});

test('under a sub-path, a published file opens without a violation', async ({ page }) => {
  await recordViolations(page);
  await page.goto(`${OTHER_ORIGIN}/okr-canvas/#file=examples/acme.okr.json`);
  await expect(page.getByTestId('shared-banner')).toContainText('examples/acme.okr.json');
  await expect(page.getByTestId('okr-card')).not.toHaveCount(0);
  await readPolicy(page);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});

test('the policy is enforced: no injected script, eval or other origin', async ({ page }) => {
  // The page of the fixture must log no error; this one is expected to, once
  // per blocked attempt, so it runs in a page of its own.
  const probe = await page.context().newPage();
  const errors = [];
  probe.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await recordViolations(probe);
  await openApp(probe);

  const outcome = await probe.evaluate(async (otherOrigin) => {
    const script = document.createElement('script');
    script.textContent = 'window.__ran = 1';
    document.head.append(script);

    const remote = document.createElement('script');
    remote.src = `${otherOrigin}/okr-canvas/index.html`;
    const remoteLoaded = new Promise((resolve) => {
      remote.onload = () => resolve('loaded');
      remote.onerror = () => resolve('refused');
    });
    document.head.append(remote);

    // Code from a string, run later by the page itself (an evaluation
    // started by the test would be exempt).
    setTimeout('window.__evaluated = 1', 0);

    let fetched;
    try {
      await fetch(`${otherOrigin}/okr-canvas/index.html`);
      fetched = 'fetched';
    } catch (error) {
      fetched = 'refused';
    }

    await new Promise((resolve) => setTimeout(resolve, 100));
    const remoteOutcome = await remoteLoaded;
    return { ran: window.__ran, remote: remoteOutcome, evaluated: window.__evaluated, fetched };
  }, OTHER_ORIGIN);

  expect(outcome).toEqual({
    ran: undefined,
    remote: 'refused',
    evaluated: undefined,
    fetched: 'refused',
  });
  const violations = await probe.evaluate(() => window.__violations);
  expect(violations).toEqual(
    expect.arrayContaining([
      'script-src-elem blocked inline',
      `script-src-elem blocked ${OTHER_ORIGIN}/okr-canvas/index.html`,
      'script-src blocked eval',
      `connect-src blocked ${OTHER_ORIGIN}/okr-canvas/index.html`,
    ]),
  );
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(error).toMatch(/Content Security Policy|Failed to fetch/);
  await probe.close();
});

test('framed by another site, the page does not start and offers to open on its own', async ({
  page,
}) => {
  // A page on another origin that frames the app, as a site trying to overlay it would;
  // served for real from the loopback (Chromium refuses to let a page it cannot place
  // on the local network frame a loopback one).
  const app = `http://127.0.0.1:${PORT}/#file=examples/acme.okr.json`;
  const framer = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(`<!DOCTYPE html><title>Framer</title><iframe src="${app}" width="900" height="600"></iframe>`);
  });
  await new Promise((resolve) => framer.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://127.0.0.1:${framer.address().port}/`);
    const frame = page.frameLocator('iframe');
    const notice = frame.getByTestId('framed-notice');
    await expect(notice).toContainText('OKR Canvas does not run inside another site');
    const open = notice.getByRole('link', { name: 'Open OKR Canvas on its own' });
    await expect(open).toHaveAttribute('href', app);
    await expect(open).toHaveAttribute('target', '_blank');
    await expect(frame.getByTestId('canvas')).toHaveCount(0);
    await expect(frame.getByTestId('okr-card')).toHaveCount(0);
  } finally {
    framer.close();
  }
});
