#!/usr/bin/env node
// Draws the app's icons (public/icons/) from public/favicon.svg, in Chromium:
// 192 and 512 px, and a maskable 512 px one whose logo sits inside the safe
// circle (the middle 80 %) on the logo's own blue. Run by hand when the logo
// changes: node .ci/make-icons.js
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('@playwright/test');

async function main() {
  const root = path.join(__dirname, '..');
  const svg = fs.readFileSync(path.join(root, 'public/favicon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  const draw = async (size, maskable, name) => {
    await page.setViewportSize({ width: size, height: size });
    const logo = maskable ? Math.round(size * 0.6) : size;
    await page.setContent(`<body style="margin:0;background:${maskable ? '#1f3a5f' : 'transparent'};display:grid;place-items:center;width:${size}px;height:${size}px">
      <div style="width:${logo}px;height:${logo}px">${svg.replace('<svg ', `<svg width="${logo}" height="${logo}" `)}</div></body>`);
    await page.screenshot({ path: path.join(root, 'public/icons', name), omitBackground: !maskable });
  };
  await draw(192, false, 'icon-192.png');
  await draw(512, false, 'icon-512.png');
  await draw(512, true, 'icon-maskable-512.png');
  await browser.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
