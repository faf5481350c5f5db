// The simulator in headless Chromium (WebGL2 through SwiftShader): it draws,
// its particles move, a link restores its state, a malformed link shows a
// notice, a ctrl-click adds a training point. Screenshots are kept as artifacts.
const path = require('path');
const { launch, check } = require('./browser');
const { decodePng } = require('./png');

async function open(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
  await page.waitForTimeout(500);
  return { page, errors };
}

// Pixels of the page's screenshot, between the two panels (x from 340 to 970),
// that differ clearly from the background colour.
async function litPixels(page) {
  const img = decodePng(await page.screenshot());
  let lit = 0;
  for (let y = 0; y < img.height; ++y)
    for (let x = 340; x < Math.min(970, img.width); ++x) {
      const i = (y * img.width + x) * img.channels;
      if (Math.abs(img.data[i] - 18) + Math.abs(img.data[i + 1] - 20) + Math.abs(img.data[i + 2] - 26) > 30) lit++;
    }
  return lit;
}

function param(url, key) {
  const m = new RegExp('[#&]' + key + '=([^&]*)').exec(url);
  return m ? decodeURIComponent(m[1]) : null;
}

(async () => {
  const [url, artifacts] = process.argv.slice(2);
  const browser = await launch();

  // 1. loads and draws; particles move between two screenshots
  let { page, errors } = await open(browser, url + '#v=1&np=3000&speed=0.5');
  const { page: empty } = await open(browser, url + '#v=1&np=1&field=0&balls=0&trails=0');
  const bare = await litPixels(empty);  // three training points and one particle
  check(bare > 50 && bare < 2000, 'a nearly empty view lights few pixels (' + bare + ')');
  await empty.close();
  const a = await page.screenshot({ path: path.join(artifacts, 'app_first.png') });
  check((await litPixels(page)) > 2000, 'the canvas draws (many non-background pixels)');
  await page.waitForTimeout(1500);
  const b = await page.screenshot({ path: path.join(artifacts, 'app_later.png') });
  check(!a.equals(b), 'the particles move between two screenshots');
  check(param(page.url(), 'np') === '3000', 'the page writes its state into the URL fragment');
  check(errors.length === 0, 'no page errors: ' + errors.join('; '));
  await page.close();

  // 2. a preset link restores its state
  const link = '#v=1&preset=orthogonal&n=2&d=2&den=emmse&flow=score&sigma=0.05&np=700&sbs=1&denb=minnorm&zoom=1.5';
  ({ page, errors } = await open(browser, url + link));
  for (const [k, v] of [['preset', 'orthogonal'], ['den', 'emmse'], ['flow', 'score'], ['sigma', '0.05'],
                        ['np', '700'], ['sbs', '1'], ['denb', 'minnorm'], ['zoom', '1.5']])
    check(param(page.url(), k) === v, 'the link restores ' + k + '=' + v);
  check(await page.isHidden('#notice'), 'a valid link shows no notice');
  await page.screenshot({ path: path.join(artifacts, 'app_side_by_side.png') });
  await page.close();

  // 2b. 3-D data: an orbit view of the hyperbox; dragging rotates the camera
  ({ page, errors } = await open(browser, url + '#v=1&preset=orthogonal&n=3&d=3&smax=0.2&np=2000&yaw=0.6'));
  check((await litPixels(page)) > 2000, 'the 3-D view draws');
  await page.mouse.move(800, 650);
  await page.mouse.down();
  await page.mouse.move(900, 650, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  check(Math.abs(Number(param(page.url(), 'yaw')) - 1.6) < 0.05, 'dragging orbits the camera (yaw 0.6 -> 1.6)');
  await page.screenshot({ path: path.join(artifacts, 'app_3d.png') });
  await page.close();

  // 3. a malformed link opens with defaults and a notice naming the bad fields
  ({ page, errors } = await open(browser, url + '#v=1&np=99999999&den=magic&sigma=nan&zzz=1&pts=1,2;3'));
  const notice = await page.textContent('#notice');
  check(!(await page.isHidden('#notice')), 'a malformed link shows a notice');
  for (const field of ['np=99999999', 'den=magic', 'sigma=nan', "'zzz'"])
    check(notice.includes(field), 'the notice names ' + field);
  check(param(page.url(), 'np') === '2000' && param(page.url(), 'den') === 'minnorm', 'bad fields fall back to defaults');
  check((await litPixels(page)) > 2000, 'the page still draws');
  await page.screenshot({ path: path.join(artifacts, 'app_malformed_link.png') });
  check(errors.length === 0, 'no page errors: ' + errors.join('; '));
  await page.close();

  // 4. ctrl-click adds a training point (the data becomes custom, with one more point)
  ({ page, errors } = await open(browser, url + '#v=1&speed=0'));
  await page.keyboard.down('Control');
  await page.mouse.click(700, 380);
  await page.keyboard.up('Control');
  await page.waitForTimeout(300);
  check(param(page.url(), 'preset') === 'custom', 'a ctrl-click turns the data into custom points');
  check((param(page.url(), 'pts') || '').split(';').length === 4, 'the click added a fourth training point');
  await page.screenshot({ path: path.join(artifacts, 'app_added_point.png') });
  // dragging that new point moves it
  const before = param(page.url(), 'pts').split(';')[3].split(',').map(Number);
  await page.mouse.move(700, 380);
  await page.mouse.down();
  await page.mouse.move(760, 420, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  const after = param(page.url(), 'pts').split(';')[3].split(',').map(Number);
  check(after[0] > before[0] && after[1] < before[1], 'dragging a training point moves it (right and down)');
  await page.close();

  // 4b. high-DPI: the canvas has device pixels, sized to its CSS box
  {
    const ctx = await browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
    const hi = await ctx.newPage();
    await hi.goto(url + '#v=1');
    await hi.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
    await hi.waitForTimeout(500);
    const size = await hi.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, c.clientWidth, c.clientHeight]; });
    check(size[0] === 2 * size[2] && size[1] === 2 * size[3], 'at device pixel ratio 2 the canvas is ' + size.join('x'));
    await hi.screenshot({ path: path.join(artifacts, 'app_hidpi.png') });
    await ctx.close();
  }

  // 4c. touch: a pinch zooms about the fingers, a long press on a training point removes it
  {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    const t = await ctx.newPage();
    await t.goto(url + '#v=1&speed=0&np=200');
    await t.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
    await t.waitForTimeout(500);
    const cdp = await ctx.newCDPSession(t);
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
    await touch('touchStart', [{ x: 600, y: 400 }, { x: 700, y: 400 }]);
    for (let k = 1; k <= 5; ++k) {
      await touch('touchMove', [{ x: 600 - 10 * k, y: 400 }, { x: 700 + 10 * k, y: 400 }]);
      await t.waitForTimeout(50);
    }
    await touch('touchEnd', []);
    await t.waitForTimeout(300);
    const zoom = Number(param(t.url(), 'zoom'));
    check(Math.abs(zoom - 2) < 0.05, 'a pinch from 100 to 200 pixels doubles the zoom (zoom = ' + zoom + ')');
    // the training point (1, 0) now sits at pixel 640 + (1 - cx) * 600
    const cx = Number(param(t.url(), 'cx')), cy = Number(param(t.url(), 'cy'));
    const px = 640 + (1 - cx) * 600, py = 400 + cy * 600;
    await touch('touchStart', [{ x: px, y: py }]);
    await t.waitForTimeout(900);
    await touch('touchEnd', []);
    await t.waitForTimeout(300);
    check((param(t.url(), 'pts') || '').split(';').length === 2, 'a long press removed the training point it was on');
    await t.screenshot({ path: path.join(artifacts, 'app_touch.png') });
    await ctx.close();
  }

  // 4d. streamlines and the |h(y) - y| heatmap; click-to-spawn particles; a coordinate pair for d > 3
  ({ page, errors } = await open(browser, url + '#v=1&speed=0&field=0&balls=0&trails=0&np=100'));
  const plain = await litPixels(page);
  await page.goto(url + '#v=1&speed=0&field=0&balls=0&trails=0&np=100&heat=1&stream=1');
  await page.reload();
  await page.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
  await page.waitForTimeout(500);
  const heat = await litPixels(page);
  check(heat > plain + 300000, 'the heatmap and streamlines cover the view (' + plain + ' -> ' + heat + ' lit pixels)');
  await page.screenshot({ path: path.join(artifacts, 'app_heat_stream.png') });
  await page.goto(url + '#v=1&speed=0&init=click&np=400&spread=0.05');
  await page.reload();
  await page.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
  await page.waitForTimeout(300);
  await page.mouse.click(790, 250);  // world (1, 1): the virtual corner
  await page.waitForTimeout(300);
  const spawn = (param(page.url(), 'spawn') || '').split(',').map(Number);
  check(spawn.length === 2 && Math.abs(spawn[0] - 1) < 0.01 && Math.abs(spawn[1] - 1) < 0.01,
        'a click in click-to-spawn mode records the point (' + spawn.join(',') + ')');
  const spawned = (await (async () => {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }),
      page.evaluate(() => Module.ccall('flowlab_request', null, ['string'], ['particles']))]);
    const f = path.join(artifacts, 'spawned.csv');
    await d.saveAs(f);
    return require('fs').readFileSync(f).toString().trim().split('\n');
  })()).map((l) => l.split(',').map(Number));
  check(spawned.length === 400 && spawned.every(([x, y]) => Math.hypot(x - 1, y - 1) < 0.35),
        'the 400 particles start around the clicked point');
  await page.goto(url + '#v=1&preset=orthogonal&n=5&d=5&proj=axes&ax=0&ay=2');
  await page.reload();
  await page.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
  await page.waitForTimeout(300);
  check(param(page.url(), 'proj') === 'axes' && param(page.url(), 'ay') === '2' && await page.isHidden('#notice'),
        'd = 5 drawn on the coordinates x_0, x_2 (restored from the link)');
  await page.screenshot({ path: path.join(artifacts, 'app_axes.png') });
  check(errors.length === 0, 'no page errors: ' + errors.join('; '));
  await page.close();

  // 4e. the trained denoiser learns in the page (never freezing it) and its model downloads as JSON
  ({ page, errors } = await open(browser, url + '#v=1&den=trained&angle=120&ep=300&K=16&M=20&lv=2&np=500'));
  let modelText = '';
  for (let tries = 0; tries < 60 && !modelText.includes('"sigma"'); ++tries) {
    await page.waitForTimeout(500);
    const got = await Promise.all([page.waitForEvent('download', { timeout: 2000 }).catch(() => null),
      page.evaluate(() => Module.ccall('flowlab_request', null, ['string'], ['model']))]);
    if (got[0]) { const f = path.join(artifacts, 'model.json'); await got[0].saveAs(f); modelText = require('fs').readFileSync(f).toString(); }
  }
  const model = JSON.parse(modelText);
  check(model.format === 'flowlab-model' && model.width === 16 && model.levels.length >= 1,
        'the trained model downloads as JSON (' + model.levels.length + ' level(s) so far)');
  const fps = await page.evaluate(() => new Promise((done) => {
    const t0 = performance.now(); let frames = 0;
    const tick = () => { frames++; if (performance.now() - t0 < 1000) requestAnimationFrame(tick); else done(frames); };
    requestAnimationFrame(tick);
  }));
  check(fps >= 3, 'the page keeps drawing while it trains (' + fps + ' frames in a second)');
  await page.screenshot({ path: path.join(artifacts, 'app_trained.png') });
  check(errors.length === 0, 'no page errors: ' + errors.join('; '));
  await page.close();

  // 4f. a paper's curve computed in the statistics window, a point per frame
  ({ page, errors } = await open(browser, url + '#v=1&np=500'));
  await page.evaluate(() => Module.ccall('flowlab_request', null, ['string'], ['curve1']));
  await page.waitForTimeout(2000);
  await page.screenshot({ path: path.join(artifacts, 'app_curve.png') });
  check(errors.length === 0, 'the 1-D test-error curve computes in the page without errors: ' + errors.join('; '));
  // The stable sums and the two flows, read back as the page computed them (flowlab_curve).
  async function curve(name) {
    await page.evaluate((c) => Module.ccall('flowlab_request', null, ['string'], [c]), name);
    let c = null;
    for (let i = 0; i < 100; ++i) {
      c = JSON.parse(await page.evaluate(() => Module.ccall('flowlab_curve', 'string', [], [])));
      if (c.done === c.points) break;
      await page.waitForTimeout(100);
    }
    check(errors.length === 0, name + ' computes in the page without errors: ' + errors.join('; '));
    return c;
  }
  const sums = await curve('curve3');
  check(sums.done === 4 && sums.a.every((f) => f === 1),
        'in the page every sum of 1..4 points is stable under the closed form: ' + JSON.stringify(sums.a));
  check(JSON.stringify(sums.b) === '[1,0,0,0]', 'and only the training points under the empirical MMSE: ' +
        JSON.stringify(sums.b));
  const flows = await curve('curve4');
  check(flows.done === 7 && /score flow: 100% at a vertex/.test(flows.note),
        'the score flow ends at vertices: ' + flows.note);
  check(flows.a[0] > flows.a[6] && flows.b[6] > flows.b[0] && flows.a.every((f, i) => f + flows.b[i] <= 1 + 1e-6),
        'stopped earlier, the probability flow ends off the vertices, on the manifold: ' + JSON.stringify(flows));
  await page.screenshot({ path: path.join(artifacts, 'app_curve_flows.png') });
  await page.close();

  // 5. downloads (the export buttons' requests) produce files; a chosen CSV becomes the data
  ({ page, errors } = await open(browser, url + '#v=1&np=500&speed=0'));
  const fs = require('fs');
  async function download(what, name) {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }),
      page.evaluate((w) => Module.ccall('flowlab_request', null, ['string'], [w]), what)]);
    const file = path.join(artifacts, name);
    await d.saveAs(file);
    return fs.readFileSync(file);
  }
  const png = await download('png', 'download.png');
  check(png.length > 5000 && png.slice(1, 4).toString() === 'PNG', 'the PNG download is a picture of the canvas');
  const ends = (await download('particles', 'endpoints.csv')).toString().trim().split('\n');
  check(ends.length === 500 && ends.every((l) => l.split(',').length === 2 && l.split(',').every((v) => isFinite(+v))),
        'the endpoints CSV has one row of 2 numbers per particle');
  const data = (await download('data', 'dataset.csv')).toString().trim().split('\n');
  check(data.length === 3, 'the dataset CSV has the 3 training points');
  await page.evaluate(() => Module.ccall('flowlab_upload', null, ['string', 'string'], ['mine.csv', '# mine\n0,0\n2,0\n0,2\n2,2\n']));
  await page.waitForTimeout(300);
  check(param(page.url(), 'pts') === '0,0;2,0;0,2;2,2', 'a loaded CSV becomes the training points');
  await page.evaluate(() => Module.ccall('flowlab_upload', null, ['string', 'string'], ['bad.csv', '1,2\n3\n']));
  await page.waitForTimeout(300);
  check((await page.textContent('#notice')).includes('bad.csv, line 2: 1 values, but line 1 has 2'),
        "a malformed CSV is refused with the core's message");
  check(param(page.url(), 'pts') === '0,0;2,0;0,2;2,2', 'and the data stay as they were');
  check(errors.length === 0, 'no page errors: ' + errors.join('; '));
  await browser.close();
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
