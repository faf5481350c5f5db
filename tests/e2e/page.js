// Helpers for the simulator's browser tests: open a page that fails the test on
// any console error or warning (WebGL's included) or page error, read what the
// app shows (flowlab_inspect), and count pixels of a colour in a rectangle.
const { check } = require('./browser');
const { decodePng } = require('./png');

function watch(page, errors) {
  page.on('pageerror', (e) => errors.push('page error: ' + e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push('console ' + m.type() + ': ' + m.text());
  });
}

// The page has drawn and its layout has settled: the intro band's height is known only after
// ImGui has sized it (a frame or two), and a busy machine may take long over those frames, so
// wait until the panes' rectangles stop changing across a few animation frames. A digits scene
// first waits for the page to fetch the digits.
async function ready(page) {
  await page.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
  await page.waitForFunction(() => !JSON.parse(Module.ccall('flowlab_inspect', 'string', [], [])).awaiting_digits, null,
                             { timeout: 60000 });
  await page.waitForTimeout(400);
  const rects = async () => {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)))));
    return JSON.stringify(JSON.parse(await page.evaluate(() => Module.ccall('flowlab_inspect', 'string', [], []))).panes.map((p) => p.rect));
  };
  let before = await rects();
  for (let i = 0; i < 50; ++i) {
    const now = await rects();
    if (now === before) return;
    before = now;
  }
}

async function open(browser, url, options = {}) {
  const context = options.context || await browser.newContext({ viewport: options.viewport || { width: 1280, height: 800 },
    ...(options.contextOptions || {}) });
  const page = await context.newPage();
  const errors = [];
  watch(page, errors);
  await page.goto(url);
  if (options.ready !== false) await ready(page);
  return { page, errors, context };
}

function clean(errors, what) {
  check(errors.length === 0, what + ': no console errors or warnings, no page errors' +
        (errors.length ? ' (' + errors.slice(0, 5).join(' | ') + ')' : ''));
}

async function inspect(page) {
  return JSON.parse(await page.evaluate(() => Module.ccall('flowlab_inspect', 'string', [], [])));
}

async function request(page, what) {
  await page.evaluate((w) => Module.ccall('flowlab_request', null, ['string'], [w]), what);
}

function param(url, key) {
  const m = new RegExp('[#&]' + key + '=([^&]*)').exec(url);
  return m ? decodeURIComponent(m[1]) : null;
}

// A URL's (or a '#fragment's) link with one field replaced or added, as '#fragment'.
function withParam(url, key, value) {
  const hash = url.includes('#') ? url.slice(url.indexOf('#') + 1) : '';
  const items = hash.split('&').filter((kv) => kv && !kv.startsWith(key + '='));
  return '#' + items.concat([key + '=' + value]).join('&');
}

// The canvas pixel of world point (x, y) in pane `pane` (2-D data, device pixel ratio 1).
async function worldToPixel(page, pane, x, y) {
  const info = await inspect(page);
  const r = info.panes[pane].rect;
  // a short link leaves out the fields at their defaults (cx = cy = 0.5, zoom = 1)
  const cx = Number(param(page.url(), 'cx') ?? 0.5), cy = Number(param(page.url(), 'cy') ?? 0.5);
  const zoom = Number(param(page.url(), 'zoom') ?? 1);
  const scale = 300 * zoom * Math.min(r[2], r[3]) / 800;
  return { x: r[0] + r[2] / 2 + (x - cx) * scale, y: r[1] + r[3] / 2 - (y - cy) * scale };
}

// Pixels within `tol` of colour rgb inside rect [x, y, w, h] of a decoded screenshot, skipping `skip` rects.
function countColour(img, rect, rgb, tol = 40, skip = []) {
  let n = 0;
  const inside = (x, y, r) => x >= r[0] && x < r[0] + r[2] && y >= r[1] && y < r[1] + r[3];
  for (let y = Math.max(0, Math.floor(rect[1])); y < Math.min(img.height, rect[1] + rect[3]); ++y)
    for (let x = Math.max(0, Math.floor(rect[0])); x < Math.min(img.width, rect[0] + rect[2]); ++x) {
      if (skip.some((r) => inside(x, y, r))) continue;
      const i = (y * img.width + x) * img.channels;
      if (Math.abs(img.data[i] - rgb[0]) + Math.abs(img.data[i + 1] - rgb[1]) + Math.abs(img.data[i + 2] - rgb[2]) < tol) n++;
    }
  return n;
}

// Pixels that differ clearly between two decoded screenshots inside rect.
function differing(a, b, rect) {
  let n = 0;
  for (let y = Math.floor(rect[1]); y < Math.min(a.height, rect[1] + rect[3]); ++y)
    for (let x = Math.floor(rect[0]); x < Math.min(a.width, rect[0] + rect[2]); ++x) {
      const i = (y * a.width + x) * a.channels;
      if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > 12) n++;
    }
  return n;
}

// Waits until the flow has ended (the inspect JSON's done), up to `seconds`.
async function waitDone(page, seconds = 120) {
  for (let i = 0; i < seconds * 5; ++i) {
    const info = await inspect(page);
    if (info.done) return info;
    await page.waitForTimeout(200);
  }
  throw new Error('the flow did not finish in ' + seconds + ' s');
}

async function shot(page, file) {
  return decodePng(await page.screenshot(file ? { path: file } : {}));
}

module.exports = { open, ready, clean, inspect, request, param, withParam, worldToPixel, countColour, differing, shot, watch, waitDone };
