// The page fixture every spec uses: any console error or uncaught exception
// on the page fails the test, and the app must have mounted before a test
// starts using it.
const base = require('@playwright/test');

const test = base.test.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
    await use(page);
    base.expect(problems, 'the page logged errors').toEqual([]);
  },
});

/** Opens the app and waits until the canvas is drawn. */
async function openApp(page, path = '') {
  await page.goto(path);
  await base.expect(page.getByTestId('canvas')).toBeVisible();
}

module.exports = { test, expect: base.expect, openApp };
