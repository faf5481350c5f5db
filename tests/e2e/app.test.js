// The simulator in headless Chromium (WebGL2 through SwiftShader). Every page
// fails the test on any console error or warning (WebGL's included) or page
// error. Screenshots are kept as artifacts.
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');
const { launch, check } = require('./browser');
const { decodePng } = require('./png');
const { open, ready, clean, inspect, request, param, withParam, worldToPixel, countColour, differing, shot, waitDone } = require('./page');

const COLOURS = { training: [255, 159, 28], virtual: [231, 76, 160], manifold: [46, 204, 150], novel: [90, 170, 255] };

// Pixels between the two docked panels (x from 340 to 970), below `top` (the band above the scene), that
// differ clearly from the background.
function litPixels(img, top = 0) {
  let lit = 0;
  for (let y = Math.ceil(top); y < img.height; ++y)
    for (let x = 340; x < Math.min(970, img.width); ++x) {
      const i = (y * img.width + x) * img.channels;
      if (Math.abs(img.data[i] - 18) + Math.abs(img.data[i + 1] - 20) + Math.abs(img.data[i + 2] - 26) > 30) lit++;
    }
  return lit;
}


// A key held for a few frames: Dear ImGui 1.86 reads key state once a frame, so a
// press and release between two frames would go unseen.
// Two animation frames: at least one frame of the app has run (a slow machine draws few a second).
async function frames(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

async function tap(page, key) {
  const keys = key.split('+');
  for (const k of keys) await page.keyboard.down(k);
  await frames(page);
  await frames(page);
  await page.waitForTimeout(150);  // held across several of the app's frames, even on a loaded machine
  for (const k of keys.reverse()) await page.keyboard.up(k);
  await frames(page);
  await page.waitForTimeout(100);
}

// Waits (up to 5 s) until the page's URL satisfies `ok`: the app writes it at the end of a frame.
async function until(page, ok) {
  for (let i = 0; i < 50 && !ok(page.url()); ++i) await page.waitForTimeout(100);
  return ok(page.url());
}

async function setHash(page, fragment) {
  await page.evaluate((f) => { location.hash = f; }, fragment);
  await frames(page);
  await page.waitForTimeout(300);
}

async function download(page, what, file) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), request(page, what)]);
  await d.saveAs(file);
  return { name: d.suggestedFilename(), text: fs.readFileSync(file) };
}

(async () => {
  const [url, artifacts, cli] = process.argv.slice(2);
  const art = (name) => path.join(artifacts, name);
  const browser = await launch();

  // 1. loads and draws; particles move between two screenshots; the view fits the data
  {
    const empty = await open(browser, url + '#v=1&np=1&field=0&balls=0&trails=0');
    const bare = litPixels(await shot(empty.page), (await inspect(empty.page)).scene[1]);
    check(bare > 50 && bare < 4000, 'a nearly empty view lights few pixels (' + bare + ')');
    clean(empty.errors, 'the nearly empty view');
    await empty.context.close();
    const { page, errors, context } = await open(browser, url + '#v=1&np=3000&speed=0.5');
    const a = await page.screenshot({ path: art('app_first.png') });
    check(litPixels(decodePng(a)) > 2000, 'the canvas draws (many non-background pixels)');
    await page.waitForTimeout(1500);
    const b = await page.screenshot({ path: art('app_later.png') });
    check(!a.equals(b), 'the particles move between two screenshots');
    check(param(page.url(), 'np') === '3000', 'the page writes its state into the URL fragment');
    const info = await inspect(page);
    check(info.docked && info.scene[0] >= info.controls[2] && info.scene[0] + info.scene[2] <= info.stats[0],
          'at 1280x800 the panels dock beside the scene: ' + JSON.stringify([info.controls, info.scene, info.stats]));
    for (const [x, y] of [[0, 0], [1, 0], [0, 1]]) {
      const p = await worldToPixel(page, 0, x, y);
      const r = info.panes[0].rect;
      check(p.x > r[0] && p.x < r[0] + r[2] && p.y > r[1] && p.y < r[1] + r[3],
            'the fitted view shows training point (' + x + ', ' + y + ') in the pane');
    }
    clean(errors, 'the default scene');
    await context.close();
  }

  // 2. trails fade to nothing: paused, after the fade time the scene equals the one without trails
  {
    const { page, errors, context } = await open(browser, url + '#v=1&np=3000&fade=3&field=0');
    await page.waitForTimeout(1500);
    const scene = (await inspect(page)).scene;
    await tap(page, 'Space');  // pause
    const fresh = await shot(page, art('app_trails_paused.png'));
    await page.waitForTimeout(3500);
    const faded = await shot(page, art('app_trails_faded.png'));
    check(!(await inspect(page)).playing, 'space pauses the flow');
    await setHash(page, withParam(page.url(), 'trails', '0'));
    check(param(page.url(), 'trails') === '0', 'a changed hash turns the trails off');
    const none = await shot(page, art('app_trails_off.png'));
    const before = differing(fresh, none, scene), after = differing(faded, none, scene);
    check(before > 1000, 'just after pausing the trails show (' + before + ' pixels differ from no trails)');
    check(after < 50, 'after the fade time they have faded to nothing (' + after + ' pixels differ)');
    clean(errors, 'the trails');
    await context.close();
  }

  // 3. one wheel notch is one zoom step (x1.1), up zooms in; over a panel it scrolls, not zooms
  {
    const { page, errors, context } = await open(browser, url + '#v=1&speed=0&cx=0.5&cy=0.5&zoom=1');
    const s = (await inspect(page)).scene;
    await page.mouse.move(s[0] + s[2] / 2, s[1] + s[3] / 2);
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(300);
    check(Math.abs(Number(param(page.url(), 'zoom') ?? 1) - 1.1) < 1e-6, 'one notch up zooms in by 1.1 (zoom = ' + param(page.url(), 'zoom') + ')');
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(300);
    check(Math.abs(Number(param(page.url(), 'zoom') ?? 1) - 1) < 1e-6, 'one notch down zooms back out');
    await page.mouse.move(100, 400);
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(300);
    check(Math.abs(Number(param(page.url(), 'zoom') ?? 1) - 1) < 1e-6, 'the wheel over the control panel does not zoom');
    await tap(page, 'f');
    check(Number(param(page.url(), 'zoom') ?? 1) !== 1, 'F fits the view');
    clean(errors, 'the wheel');
    await context.close();
  }

  // 4. a screen-sized canvas (kiosk, projector): no fullscreen request, the canvas fills the window, clicks land
  for (const [w, h] of [[1000, 1000], [1920, 1080]]) {
    const { page, errors, context } = await open(browser, url + '#v=1', {
      contextOptions: { viewport: { width: w, height: h }, screen: { width: w, height: h } } });
    await page.waitForTimeout(500);
    const size = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, !!document.fullscreenElement]; });
    check(size[0] === w && size[1] === h && !size[2], 'at ' + w + 'x' + h + ' the canvas is ' + size.slice(0, 2).join('x') + ', not fullscreen');
    const click = async (r) => { await page.mouse.click(r[0] + r[2] / 2, r[1] + r[3] / 2); await page.waitForTimeout(400); };
    let info = await inspect(page);
    check(info.rects.preset0 !== undefined, 'a first visit opens the presets');
    check(info.rects['keys-hint'] !== undefined, 'a mouse and keyboard: the keys are hinted');
    const t = info.rects['intro-title'], about = info.rects['intro-about'];
    check(t && about && t[1] >= 0 && about[1] + about[3] <= info.scene[1] + 1 && t[0] >= info.scene[0],
          'a title, a sentence and "What am I looking at?" sit above the scene, covering none of it');
    const internal = ['minnorm', 'emmse', 'ksmooth', 'pf', 'sde', 'langevin', 'edm', 'heun', 'euler', 'rk4', 'gaussian',
                      'clamp', 'auglag', 'adam', 'gd', 'sgd', 'pca', 'dps', 'mcg', 'points1d', 'custom'];
    check(info.dropdowns.length >= 5 && info.dropdowns.every((d) => !internal.includes(d.shown)),
          'every dropdown shows a human name: ' + info.dropdowns.map((d) => d.label + ' = ' + d.shown).join('; '));
    if (w === 1000) {
      await click(about);
      const shown = await inspect(page);
      check(shown.rects.about !== undefined, 'a click on "What am I looking at?" explains what the scene draws');
      await page.screenshot({ path: art('app_about.png') });
      await click(shown.rects['intro-about']);
    }
    await click(info.rects.presets);
    check((await inspect(page)).rects.preset0 === undefined, 'a click on the Presets header closes them');
    await page.reload();
    await ready(page);
    info = await inspect(page);
    check(info.rects.preset0 === undefined, 'the next visit remembers them closed');
    await click(info.rects.presets);
    check((await inspect(page)).rects.preset0 !== undefined, 'a click on the Presets header opens them');
    await page.screenshot({ path: art('app_' + w + 'x' + h + '.png') });
    clean(errors, 'the ' + w + 'x' + h + ' window');
    await context.close();
  }

  // 5. links: a preset link restores its state; Copy link gives the full URL; a new hash restores; undo
  {
    const link = '#v=1&preset=orthogonal&n=2&d=2&den=emmse&flow=score&sigma=0.05&np=700&sbs=1&denb=minnorm&zoom=1.5';
    const { page, errors, context } = await open(browser, url + link);
    for (const [k, v] of [['preset', 'orthogonal'], ['den', 'emmse'], ['flow', 'score'], ['sigma', '0.05'],
                          ['np', '700'], ['sbs', '1'], ['denb', 'minnorm'], ['zoom', '1.5']])
      check(param(page.url(), k) === v, 'the link restores ' + k + '=' + v);
    check(await page.isHidden('#notice'), 'a valid link shows no notice');
    await page.screenshot({ path: art('app_side_by_side.png') });
    await page.evaluate(() => {
      window.__copied = null;
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: (t) => { window.__copied = t; return Promise.resolve(); } } });
    });
    await request(page, 'copy');
    await page.waitForTimeout(300);
    const copied = await page.evaluate(() => window.__copied);
    check(copied && copied.startsWith(url + '#v=3&'), 'Copy link copies the whole URL (' + (copied || '').slice(0, 60) + '...)');
    const again = await open(browser, copied);
    check(again.page.url() === page.url(), 'the copied link opens the same state');
    await again.context.close();
    const np = param(page.url(), 'np');
    await setHash(page, withParam(page.url(), 'np', '123'));
    check(param(page.url(), 'np') === '123' && (await inspect(page)).panes[0].particles === 123,
          'setting location.hash changes the state (123 particles)');
    await setHash(page, withParam(page.url(), 'den', 'minnorm'));
    check((await inspect(page)).panes[0].denoiser === 'minnorm', 'and again (the left pane becomes minnorm)');
    await tap(page, 'Control+KeyZ');
    check(await until(page, (u) => param(u, 'den') === 'emmse' && param(u, 'np') === '123'),
          'Ctrl+Z undoes the last edit (' + page.url().split('#')[1] + ')');
    await request(page, 'undo');
    check(await until(page, (u) => param(u, 'np') === np), 'undo again restores the first state (np=' + np + ')');
    await tap(page, 'Control+Shift+KeyZ');
    check(await until(page, (u) => param(u, 'np') === '123'), 'Ctrl+Shift+Z redoes');
    clean(errors, 'links and undo');
    await context.close();
  }

  // 6. a malformed link opens with defaults and notices naming the bad fields and their source
  {
    const { page, errors, context } = await open(browser, url + '#v=1&np=99999999&den=magic&sigma=nan&zzz=1&pts=1,2;3&dseed=1%00x');
    const notice = await page.textContent('#notice');
    check(!(await page.isHidden('#notice')), 'a malformed link shows a notice');
    for (const field of ['Link: ', 'np=99999999', 'den=magic', 'sigma=nan', "'zzz'", 'dseed=1%00x'])
      check(notice.includes(field), 'the notice names ' + field);
    check(param(page.url(), 'np') === null && param(page.url(), 'den') === null && (await inspect(page)).panes[0].particles === 2000,
          'bad fields fall back to defaults (a short link leaves them out)');
    check(litPixels(await shot(page, art('app_malformed_link.png'))) > 2000, 'the page still draws');
    clean(errors, 'the malformed link');
    await context.close();
  }

  // 7. editing: ctrl-click adds a point (the particles stay, the whole message shows); drag moves it
  {
    const { page, errors, context } = await open(browser, url + '#v=1&speed=0&cx=0.5&cy=0.5&zoom=1');
    const at = await worldToPixel(page, 0, 1, 1);
    await page.keyboard.down('Control');  // held over a few frames: ImGui 1.86 reads the modifiers once a frame
    await frames(page);
    await page.mouse.click(at.x, at.y);
    await frames(page);
    await page.keyboard.up('Control');
    await page.waitForTimeout(400);
    check(param(page.url(), 'preset') === 'custom', 'a ctrl-click turns the data into custom points');
    const info = await inspect(page);
    check(info.data.length === 4, 'the click added a fourth training point');
    check(info.data[3].every((v) => String(v).length <= 6), 'its coordinates are rounded to the pixel (' + info.data[3] + ')');
    check(/^3~[A-Za-z0-9_-]+$/.test(param(page.url(), 'pts')), 'the link holds the points compactly: pts=' + param(page.url(), 'pts'));
    check(info.panes[0].particles === 2000 && info.panes[0].error, 'with no closed form the pane keeps its particles');
    await page.screenshot({ path: art('app_added_point.png') });
    const before = info.data[3];
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.move(at.x + 60, at.y + 40, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    const after = (await inspect(page)).data[3];
    check(after[0] > before[0] && after[1] < before[1], 'dragging a training point moves it (right and down)');
    await setHash(page, '#v=1&speed=0');
    await page.click('canvas', { position: { x: 10, y: 10 } });
    // an N that the simplex cannot take (N > d) is refused, the scene kept, the notice says so
    await setHash(page, '#v=1&speed=0&n=4&d=2');
    const notice = await page.textContent('#notice');
    check(notice.includes('simplex') && param(page.url(), 'n') === null, 'a link with N > d for a simplex opens the default data, saying why: ' + notice + ' (n=' + param(page.url(), 'n') + ')');
    clean(errors, 'editing');
    await context.close();
  }

  // 7b. the inverse problem: a drag on the measurement's line moves it, a shift-drag draws another
  {
    const { page, errors, context } = await open(browser, url + '#v=1&speed=0&cx=0.5&cy=0.5&zoom=1&inv=1&iy=0.3');
    const on = await worldToPixel(page, 0, 0.3, 0.7);  // on the line x1 = 0.3, away from the points
    const to = await worldToPixel(page, 0, 0.6, 0.7);
    await page.mouse.move(on.x, on.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 6 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    const moved = Number(param(page.url(), 'iy'));
    check(Math.abs(moved - 0.6) < 0.02 && (param(page.url(), 'cx') ?? '0.5') === '0.5', 'a drag on the line moves it (iy=' + moved + '), not the view');
    const a = await worldToPixel(page, 0, 0.1, 0.1), b = await worldToPixel(page, 0, 0.9, 0.9);
    await page.keyboard.down('Shift');  // held over a few frames: ImGui reads the modifiers once a frame
    await frames(page);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await page.waitForTimeout(300);
    const angle = Number(param(page.url(), 'iang')), y = Number(param(page.url(), 'iy'));
    // The diagonal x1 = x2 through (0.1, 0.1): normal (cos 135, sin 135) or its opposite, y = 0.
    check(Math.abs(Math.abs(angle) - 45) < 1.5 && Math.abs(y) < 0.02, 'a shift-drag draws the line through both points (iang=' + angle + ', iy=' + y + ')');
    await page.screenshot({ path: art('app_inverse_line.png') });
    clean(errors, 'the inverse problem\'s line');
    await context.close();
  }

  // 8. high-DPI: the canvas has device pixels, sized to its CSS box
  {
    const ctx = await browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
    const { page, errors } = await open(browser, url + '#v=1', { context: ctx });
    const size = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, c.clientWidth, c.clientHeight]; });
    check(size[0] === 2 * size[2] && size[1] === 2 * size[3], 'at device pixel ratio 2 the canvas is ' + size.join('x'));
    await page.screenshot({ path: art('app_hidpi.png') });
    clean(errors, 'high DPI');
    await ctx.close();
  }

  // 9. touch: a pinch zooms about the fingers, a long press on a training point removes it
  {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    const { page, errors } = await open(browser, url + '#v=1&speed=0&np=200&cx=0.5&cy=0.5&zoom=1', { context: ctx });
    const cdp = await ctx.newCDPSession(page);
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
    await touch('touchStart', [{ x: 600, y: 400 }, { x: 700, y: 400 }]);
    for (let k = 1; k <= 5; ++k) {
      await touch('touchMove', [{ x: 600 - 10 * k, y: 400 }, { x: 700 + 10 * k, y: 400 }]);
      await page.waitForTimeout(50);
    }
    await touch('touchEnd', []);
    await page.waitForTimeout(300);
    const zoom = Number(param(page.url(), 'zoom') ?? 1);
    check(Math.abs(zoom - 2) < 0.05, 'a pinch from 100 to 200 pixels doubles the zoom (zoom = ' + zoom + ')');
    const p = await worldToPixel(page, 0, 1, 0);
    await touch('touchStart', [{ x: p.x, y: p.y }]);
    await page.waitForTimeout(900);
    await touch('touchEnd', []);
    await page.waitForTimeout(300);
    check((await inspect(page)).data.length === 2, 'a long press removed the training point it was on');
    await page.screenshot({ path: art('app_touch.png') });
    clean(errors, 'touch');
    await ctx.close();
  }

  // 10. streamlines and the heatmap; click-to-spawn; a coordinate pair for d > 3
  {
    let { page, errors, context } = await open(browser, url + '#v=1&speed=0&field=0&balls=0&trails=0&np=100');
    const plain = litPixels(await shot(page));
    await context.close();
    ({ page, errors, context } = await open(browser, url + '#v=1&speed=0&field=0&balls=0&trails=0&np=100&heat=1&stream=1'));
    const heat = litPixels(await shot(page, art('app_heat_stream.png')));
    check(heat > plain + 300000, 'the heatmap and streamlines cover the view (' + plain + ' -> ' + heat + ' lit pixels)');
    clean(errors, 'the heatmap');
    await context.close();
    ({ page, errors, context } = await open(browser, url + '#v=1&speed=0&init=click&np=400&spread=0.05&cx=0.5&cy=0.5&zoom=1'));
    const at = await worldToPixel(page, 0, 1, 1);
    await page.mouse.click(at.x, at.y);  // world (1, 1): the virtual corner
    await page.waitForTimeout(300);
    const spawn = (await inspect(page)).spawn;
    check(spawn.length === 2 && Math.abs(spawn[0] - 1) < 0.01 && Math.abs(spawn[1] - 1) < 0.01,
          'a click in click-to-spawn mode records the point (' + spawn.join(',') + ')');
    const ends = (await download(page, 'particles', art('spawned.csv'))).text.toString().trim().split('\n');
    check(ends[0] === 'pane,denoiser,x1,x2,class,vertex', 'the endpoints CSV has a header: ' + ends[0]);
    const rows = ends.slice(1).map((l) => l.split(','));
    check(rows.length === 400 && rows.every((r) => Math.hypot(+r[2] - 1, +r[3] - 1) < 0.35),
          'the 400 particles start around the clicked point');
    clean(errors, 'click to spawn');
    await context.close();
    ({ page, errors, context } = await open(browser, url + '#v=1&preset=orthogonal&n=5&d=5&proj=axes&ax=0&ay=2'));
    check(param(page.url(), 'proj') === 'axes' && param(page.url(), 'ay') === '2' && await page.isHidden('#notice'),
          'd = 5 drawn on the coordinates x_0, x_2 (restored from the link)');
    await page.screenshot({ path: art('app_axes.png') });
    clean(errors, 'd = 5');
    await context.close();
  }

  // 11. the trained denoiser learns in the page; its model records its options and reloads in the CLI
  {
    const { page, errors, context } = await open(browser, url + '#v=1&den=trained&angle=120&ep=300&K=16&M=20&lv=2&np=500&lr=0.004');
    let model = null;
    for (let tries = 0; tries < 60 && !(model && model.levels.length === 2); ++tries) {
      await page.waitForTimeout(500);
      const got = await Promise.all([page.waitForEvent('download', { timeout: 2000 }).catch(() => null), request(page, 'model')]);
      if (got[0]) { await got[0].saveAs(art('model.json')); model = JSON.parse(fs.readFileSync(art('model.json')).toString()); }
    }
    check(model && model.format === 'flowlab-model' && model.width === 16 && model.levels.length === 2,
          'the trained model downloads as JSON (' + (model ? model.levels.length : 0) + ' levels)');
    const t = model.training;
    check(t.trainer === 'auglag' && t.samples === 20 && t.epochs === 300 && t.lr === 0.004,
          'the model records the options it was trained with: ' + JSON.stringify(t));
    const fps = await page.evaluate(() => new Promise((done) => {
      const t0 = performance.now(); let frames = 0;
      const tick = () => { frames++; if (performance.now() - t0 < 1000) requestAnimationFrame(tick); else done(frames); };
      requestAnimationFrame(tick);
    }));
    check(fps >= 3, 'the page keeps drawing while it trains (' + fps + ' frames in a second)');
    if (cli) {
      const data = await download(page, 'data', art('trained_data.csv'));
      fs.writeFileSync(art('trained_points.csv'), '0.2,0.1\n-0.3,0.7\n');
      const out = execFileSync(cli, ['denoise', '--data', art('trained_data.csv'), '--points', art('trained_points.csv'),
        '--denoiser', 'trained', '--model', art('model.json'), '--sigma', String(model.levels[1].sigma)]).toString().trim().split('\n');
      check(data.name.includes('dataset') && out.length === 2 && out.every((l) => l.split(',').length === 2 && l.split(',').every((v) => isFinite(+v))),
            'the model reloads in flowlab denoise (' + out.join(' | ') + ')');
    }
    await page.screenshot({ path: art('app_trained.png') });
    clean(errors, 'training');
    await context.close();
  }

  // 11b. plain gradient descent: the sharpness stays under 2/lr, a probe flow measures memorization as it learns
  {
    const { page, errors, context } = await open(browser, url + '#v=1&den=trained&tr=gd&lr=0.05&lam=0&K=16&M=20&ep=100000&lv=2&np=300');
    let probes = [];
    for (let tries = 0; tries < 40 && probes.length < 4; ++tries) {
      await page.waitForTimeout(500);
      probes = (await inspect(page)).probes;
    }
    check(probes.length >= 4, 'gd training reports the sharpness a few times a second (' + probes.length + ' probes)');
    check(probes.every(([, s]) => s > 0 && s <= 1.5 * 2 / 0.05),
          'the sharpness stays below 2/lr = 40 (' + probes.map(([, s]) => s.toFixed(1)).join(' ') + ')');
    check(probes.every(([, , m]) => m !== null && m >= 0 && m <= 1), 'the probe flow gives a memorization fraction');
    check(probes.every(([e], i) => i === 0 || e > probes[i - 1][0]), 'the probes follow the epochs');
    await request(page, 'open-all');
    await page.waitForTimeout(300);
    const cut = (await inspect(page)).clipped;
    check(cut.length === 0, 'every label of the gd panel fits ' + JSON.stringify(cut));
    await page.screenshot({ path: art('app_trained_gd.png') });
    clean(errors, 'gd training');
    await context.close();
  }

  // 12. a paper's curve computed in the statistics window, a point per frame
  {
    const { page, errors, context } = await open(browser, url + '#v=1&np=500');
    await request(page, 'curve1');
    await page.waitForTimeout(2000);
    await page.screenshot({ path: art('app_curve.png') });
    async function curve(name) {
      await request(page, name);
      let c = null;
      for (let i = 0; i < 100; ++i) {
        c = JSON.parse(await page.evaluate(() => Module.ccall('flowlab_curve', 'string', [], [])));
        if (c.done === c.points) break;
        await page.waitForTimeout(100);
      }
      return c;
    }
    const sums = await curve('curve3');
    check(sums.done === 4 && sums.a.every((f) => f === 1),
          'in the page every sum of 1..4 points is stable under the closed form: ' + JSON.stringify(sums.a));
    check(JSON.stringify(sums.b) === '[1,0,0,0]', 'and only the training points under the empirical MMSE: ' + JSON.stringify(sums.b));
    const flows = await curve('curve4');
    check(flows.done === 7 && /score flow: 100% at a vertex/.test(flows.note), 'the score flow ends at vertices: ' + flows.note);
    check(flows.a[0] > flows.a[6] && flows.b[6] > flows.b[0] && flows.a.every((f, i) => f + flows.b[i] <= 1 + 1e-6),
          'stopped earlier, the probability flow ends off the vertices, on the manifold: ' + JSON.stringify(flows));
    await page.screenshot({ path: art('app_curve_flows.png') });
    clean(errors, 'the curves');
    await context.close();
  }

  // 13. exports: named files; the PNG is the scene without panels; CSVs; loading a CSV (through the file chooser)
  {
    const { page, errors, context } = await open(browser, url + '#v=1&np=500&speed=0');
    const png = await download(page, 'png', art('download.png'));
    check(/^flowlab-simplex-minnorm-\d{8}-\d{6}\.png$/.test(png.name), 'the PNG is named for the scene and the time: ' + png.name);
    const img = decodePng(png.text);
    const info = await inspect(page);
    const panel = countColour(img, [0, 0, info.controls[2], 40], [41, 74, 122], 30);  // ImGui's title-bar blue
    check(img.width === 1280 && panel === 0 && litPixels(img) > 2000, 'the PNG shows the scene without the panels');
    const ends = (await download(page, 'particles', art('endpoints.csv'))).text.toString().trim().split('\n');
    check(ends[0] === 'pane,denoiser,x1,x2,class,vertex' && ends.length === 501 &&
          ends.slice(1).every((l) => /^left,minnorm,[^,]+,[^,]+,(training|virtual|apex|manifold|other),[0-9;]*$/.test(l)),
          'the endpoints CSV: a header and one row per particle with its class and vertex');
    const data = (await download(page, 'data', art('dataset.csv'))).text.toString().trim().split('\n');
    check(data.length === 3 && data.join(';') === '0,0;1,0;0,1', 'the dataset CSV has the 3 training points, zeros as 0: ' + data.join(';'));
    await page.evaluate(() => Module.ccall('flowlab_upload', null, ['string', 'string'], ['mine.csv', '# mine\n0,0\n2,0\n0,2\n2,2\n']));
    await page.waitForTimeout(300);
    const points = async () => JSON.stringify((await inspect(page)).data);
    check(await points() === '[[0,0],[2,0],[0,2],[2,2]]', 'a loaded CSV becomes the training points');
    await page.evaluate(() => Module.ccall('flowlab_upload', null, ['string', 'string'], ['bad.csv', '1,2\n3\n']));
    await page.waitForTimeout(300);
    let notice = await page.textContent('#notice');
    check(notice.includes('Load dataset: bad.csv, line 2: 1 values, but line 1 has 2') && !notice.includes('Link'),
          "a malformed CSV is refused with the core's message, labelled as a load: " + notice);
    check(await points() === '[[0,0],[2,0],[0,2],[2,2]]', 'and the data stay as they were');
    const choose = async (name, buffer) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), request(page, 'load')]);
      await chooser.setFiles({ name, mimeType: 'text/csv', buffer });
      await page.waitForTimeout(800);
    };
    await choose('big.csv', Buffer.alloc(5 << 20, '1,2\n'));
    notice = await page.textContent('#notice');
    check(notice.includes('big.csv is 5.0 MB, too large'), 'a 5 MB CSV is refused with a message: ' + notice);
    await choose('three.csv', Buffer.from('0,0\n3,0\n0,3\n'));
    check(await points() === '[[0,0],[3,0],[0,3]]', 'a chosen CSV file loads through the heap (' + await points() + ')');
    const a = await page.screenshot(), b = (await page.waitForTimeout(300), await page.screenshot());
    check((await inspect(page)).panes[0].particles === 500 && a.length > 0 && b.length > 0, 'the page keeps running');
    clean(errors, 'exports');
    await context.close();
  }

  // 14. embedding: ui=0 shows the scene, legend and caption, no panel, and a link to the full page; play=0 opens paused;
  // the example page embeds two scenes; the title and the screen-reader summary follow the scene
  {
    const { page, errors, context } = await open(browser, url + '#v=2&angle=120&sbs=1&smax=0.25&ui=0&play=0&speed=50');
    const info = await inspect(page);
    check(!info.docked && info.scene[0] === 0 && info.scene[2] === 1280, 'ui=0: the scene is the whole canvas');
    check(!info.playing, 'play=0 opens paused');
    const img = await shot(page, art('app_embed.png'));
    const panel = countColour(img, [0, 0, 340, 800], [41, 74, 122], 30) + countColour(img, [0, 0, 340, 800], [36, 36, 36], 6);
    check(panel < 50 && litPixels(img) > 2000, 'no panel: the left 340 pixels show the scene (' + panel + ' panel-coloured pixels)');
    check(info.title === 'P2: obtuse triangle, min-norm vs empirical MMSE', 'the caption is the preset\'s title: ' + info.title);
    const full = await page.getAttribute('#open-full', 'href');
    check(!(await page.isHidden('#open-full')) && full.startsWith(url + '#') && !/(^|[#&])ui=0/.test(full),
          'an "open in Flowlab" link opens the same state with controls: ' + full);
    check((await page.title()).startsWith('P2: obtuse triangle'), 'the page title names the scene: ' + await page.title());
    const summary = await page.textContent('#summary');
    check(/3 training points in 2 dimensions; probability flow, 2000 particles/.test(summary) &&
          (await page.getAttribute('#summary', 'aria-live')) === 'polite', 'a text summary for screen readers: ' + summary);
    clean(errors, 'the embedded scene');
    await context.close();
    // scale=2 for a projector: the text twice as large
    const big = await open(browser, url + '#v=3&angle=120&sbs=1&smax=0.25&ui=0&play=0&scale=2');
    const bigInfo = await inspect(big.page);
    const label = (i) => i.rects['pane-label:0'];
    check(Math.abs(label(bigInfo)[3] / label(info)[3] - 2) < 0.15 && label(bigInfo)[2] > 1.8 * label(info)[2],
          'scale=2 doubles the text (a pane label ' + Math.round(label(info)[3]) + ' -> ' + Math.round(label(bigInfo)[3]) + ' pixels tall)');
    await big.page.screenshot({ path: art('app_embed_scale2.png') });
    clean(big.errors, 'scale=2');
    await big.context.close();
    // the example page, on a laptop and on a phone: it fits the screen, and no legend hides a training point
    for (const [name, options] of [['1280x800', {}],
      ['390x844', { viewport: { width: 390, height: 844 }, contextOptions: { deviceScaleFactor: 3, isMobile: true, hasTouch: true } }]]) {
      const ex = await open(browser, url + 'embed.html', { ready: false, ...options });
      await ex.page.waitForTimeout(500);
      const frames = ex.page.frames().filter((f) => f !== ex.page.mainFrame());
      check(frames.length === 2, name + ': the embedding example holds two scenes');
      const wide = await ex.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      check(wide[0] <= wide[1], name + ': the example page is no wider than the screen (' + wide.join(' <= ') + ')');
      for (const f of frames) {
        await f.evaluate(() => document.getElementById('canvas').scrollIntoView());
        await f.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
        await ex.page.waitForTimeout(1500);  // the legend settles in its corner
        const t = JSON.parse(await f.evaluate(() => Module.ccall('flowlab_inspect', 'string', [], [])));
        check(t.scene[0] === 0 && t.panes.length >= 1 && t.panes[0].particles > 0, name + ': an embedded scene runs in its iframe: ' + t.title);
        const legend = t.rects.legend, points = Object.entries(t.rects).filter(([k]) => k.startsWith('point:'));
        const m = 12 * await f.evaluate(() => window.devicePixelRatio);  // a training disc's size and the legend's margin
        const under = !legend ? points : points.filter(([, r]) => r[0] >= legend[0] - m && r[0] <= legend[0] + legend[2] + m &&
                                               r[1] >= legend[1] - m && r[1] <= legend[1] + legend[3] + m);
        check(legend && points.length >= 3 && under.length === 0,
              name + ': no training point under the legend (' + points.length + ' points, legend at ' + (legend || []).map(Math.round) + ')');
        const caption = t.rects.caption, label = t.rects['pane-label:0'];
        check(caption && label && label[1] >= caption[1] + caption[3], name + ': the caption wraps above the pane labels');
      }
      await ex.page.screenshot({ path: art('app_embed_example_' + name + '.png'), fullPage: true });
      clean(ex.errors, name + ': the embedding example');
      await ex.context.close();
    }
    // Tab moves the keyboard into the canvas; ? lists the keys
    const k = await open(browser, url + '#v=2&speed=0');
    await k.page.evaluate(() => document.activeElement && document.activeElement.blur());
    await k.page.keyboard.press('Tab');
    check(await k.page.evaluate(() => document.activeElement && document.activeElement.id === 'canvas'), 'Tab focuses the canvas');
    await tap(k.page, 'Shift+Slash');
    await k.page.screenshot({ path: art('app_keys.png') });
    clean(k.errors, 'the keys');
    await k.context.close();
  }

  // 15. every label fits its panel at laptop and desktop sizes, the panels cover none of the scene, and the
  // legend's colours are the particles' colours
  for (const [w, h] of [[1280, 800], [1920, 1080]]) {
    const { page, errors, context } = await open(browser, url + '#v=2&den=trained&sbs=1&denb=ksmooth&d=4&proj=axes&tr=adam&ep=50',
      { viewport: { width: w, height: h } });
    await request(page, 'open-all');
    await page.waitForTimeout(600);
    const info = await inspect(page);
    await page.screenshot({ path: art('app_labels_' + w + 'x' + h + '.png') });
    check(info.clipped.length === 0, 'at ' + w + 'x' + h + ' no label is cut: ' + JSON.stringify(info.clipped));
    const overlap = (a, b) => Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0])) *
                              Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
    const covered = (overlap(info.controls, info.scene) + overlap(info.stats, info.scene)) / (info.scene[2] * info.scene[3]);
    check(info.docked && covered <= 0.25, 'the panels cover ' + (100 * covered).toFixed(0) + '% of the scene');
    clean(errors, 'labels at ' + w + 'x' + h);
    await context.close();
  }
  {
    const { page, errors, context } = await open(browser, url + '#v=2&np=3000&trails=0&field=0&balls=0&speed=20');
    await page.waitForTimeout(2500);
    const info = await inspect(page), img = await shot(page, art('app_legend.png'));
    for (const [k, c] of Object.entries(COLOURS)) {
      const at = info.rects['legend:' + k];
      if (!at) continue;
      const i = (Math.round(at[1]) * img.width + Math.round(at[0])) * img.channels;
      const got = [img.data[i], img.data[i + 1], img.data[i + 2]];
      check(got.every((v, j) => Math.abs(v - c[j]) <= 3), 'the legend shows ' + k + ' in the particles\' colour ' + c + ' (' + got + ')');
      check(countColour(img, info.panes[0].rect, c, 12, [info.rects.legend]) > 20, 'and particles of that colour are drawn');
    }
    clean(errors, 'the legend');
    await context.close();
  }

  // 16. a phone (390x844, touch, 3 device pixels a CSS pixel), driven by real touch events (CDP). A first visit
  // opens the controls as a sheet with the presets, on at most half the screen, the scene fitted above it; a
  // vertical swipe scrolls the sheet (one that starts on a slider too) and changes no setting; a tap on + does;
  // the sheet closes by a tap and the scene fills the screen above the bar. No keyboard hints. Controls are 44 px.
  {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
    const { page, errors } = await open(browser, url + '#v=2&speed=0', { context: ctx });
    const cdp = await ctx.newCDPSession(page);
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
    const dpr = 3, screen = 390 * 844 * dpr * dpr;
    const tapAt = async (r) => {
      const p = { x: (r[0] + r[2] / 2) / dpr, y: (r[1] + r[3] / 2) / dpr };
      await touch('touchStart', [p]);
      await touch('touchEnd', []);
      await page.waitForTimeout(400);
    };
    const swipe = async (from, dy) => {  // CSS pixels, in ten moves
      const p = { x: from[0] / dpr, y: from[1] / dpr };
      await touch('touchStart', [p]);
      for (let k = 1; k <= 10; ++k) {
        await touch('touchMove', [{ x: p.x, y: p.y + dy * k / 10 }]);
        await page.waitForTimeout(40);
      }
      await touch('touchEnd', []);
      await page.waitForTimeout(400);
    };
    let info = await inspect(page);
    check(!info.docked && info.sheet === 1 && info.rects.preset0 !== undefined, 'a first visit opens the controls with the presets');
    check(info.rects['keys-hint'] === undefined, 'a touch screen: no keyboard hints');
    const barTop = info.bar[1], sheetTop = info.sheet_rect[1];
    check(info.sheet_rect[3] <= 0.5 * barTop + 1 && sheetTop + info.sheet_rect[3] <= barTop + 1,
          'the sheet takes at most half the space above the bar (' + (info.sheet_rect[3] / dpr).toFixed(0) + ' of ' +
          (barTop / dpr).toFixed(0) + ' CSS px)');
    check(Math.abs(info.scene[1] + info.scene[3] - sheetTop) < 1, 'the scene ends where the sheet begins');
    const points = [];
    for (const [x, y] of info.data) points.push(await worldToPixel(page, 0, x, y));
    check(points.every((p) => p.y > info.scene[1] && p.y < sheetTop && p.x >= 0 && p.x <= 390 * dpr),  // canvas pixels
          'the scene is fitted above the open sheet: every training point lies in it');
    await page.screenshot({ path: art('app_phone_first_visit.png') });
    const link = page.url();
    const visible = (r) => r && r[1] >= sheetTop && r[1] + r[3] <= barTop;
    const before = info.rects.presets;
    await swipe([195 * dpr, sheetTop + 0.6 * info.sheet_rect[3]], -150);  // up, from the sheet's middle
    info = await inspect(page);
    check(page.url() === link, 'a vertical swipe over the sheet leaves the link unchanged');
    check(info.rects.presets[1] < before[1] - 100 * dpr, 'and scrolls it (the presets moved up ' +
          ((before[1] - info.rects.presets[1]) / dpr).toFixed(0) + ' CSS px)');
    for (let k = 0; k < 6 && !visible(info.rects['slider-d']); ++k) {  // until a slider is in view
      await swipe([195 * dpr, sheetTop + 0.8 * info.sheet_rect[3]], -100);
      info = await inspect(page);
    }
    const slider = info.rects['slider-d'];
    check(visible(slider), 'swipes bring the d slider into view');
    await swipe([slider[0] + slider[2] / 2, slider[1] + slider[3] / 2], -60);
    info = await inspect(page);
    check(page.url() === link, 'a vertical swipe that starts on a slider leaves its value, and the link, unchanged');
    check(info.rects['slider-d'][1] < slider[1] - 30 * dpr, 'and scrolls the sheet (the slider moved up ' +
          ((slider[1] - info.rects['slider-d'][1]) / dpr).toFixed(0) + ' CSS px)');
    const drag = async (from, dx) => {  // canvas pixels, a horizontal drag of dx CSS pixels in ten moves
      const p = { x: from[0] / dpr, y: from[1] / dpr };
      await touch('touchStart', [p]);
      for (let k = 1; k <= 10; ++k) {
        await touch('touchMove', [{ x: p.x + dx * k / 10, y: p.y }]);
        await page.waitForTimeout(40);
      }
      await touch('touchEnd', []);
      await page.waitForTimeout(400);
    };
    const grab = info.rects['grab:d'];
    check(visible(grab), 'the d slider\'s grab is in view');
    await drag([grab[0] + grab[2] + 40 * dpr, grab[1] + grab[3] / 2], 100);  // on the track, away from the grab
    check(page.url() === link, 'a horizontal drag that starts on the track, not the grab, leaves the value unchanged');
    await drag([grab[0] + grab[2] / 2, grab[1] + grab[3] / 2], 100);  // on the grab
    check(await until(page, (u) => Number(param(u, 'd') ?? 2) > 2), 'a horizontal drag from the grab moves the slider (d=' +
          param(page.url(), 'd') + ')');
    info = await inspect(page);
    await page.screenshot({ path: art('app_phone_scrolled.png') });
    for (let k = 0; k < 6 && !visible(info.rects['data-seed+']); ++k) {
      await swipe([195 * dpr, sheetTop + 0.8 * info.sheet_rect[3]], -60);
      info = await inspect(page);
    }
    const plus = info.rects['data-seed+'];
    check(visible(plus), 'the data seed\'s + is in view');
    check(plus[3] >= 44 * dpr - 1, 'the controls are at least 44 CSS px tall (' + (plus[3] / dpr).toFixed(0) + ')');
    await tapAt(plus);
    check(await until(page, (u) => param(u, 'dseed') === '2'), 'a tap on + changes the value (dseed=2)');
    await swipe([195 * dpr, sheetTop + 0.2 * info.sheet_rect[3]], 700);  // back to the top
    info = await inspect(page);
    check(visible(info.rects.preset0), 'a swipe down scrolls back to the presets');
    await tapAt(info.rects.preset0);
    check(param(page.url(), 'flow') === 'score', 'a tap on the first preset chooses it (flow=score)');
    await tapAt((await inspect(page)).rects['bar-controls']);
    info = await inspect(page);
    check(info.sheet === 0 && Math.abs(info.scene[1] - info.intro[1] - info.intro[3]) < 1 &&
          Math.abs(info.scene[1] + info.scene[3] - info.bar[1]) < 1 && info.scene[2] === 390 * dpr,
          'a tap on Close closes the sheet, and the scene fills the screen between the band above it and the bar (' +
          (100 * info.scene[2] * info.scene[3] / screen).toFixed(1) + '% of the screen)');
    check(info.rects['bar-controls'][3] >= 44 * dpr, 'the bar\'s buttons are at least 44 CSS px tall');
    await page.screenshot({ path: art('app_phone_after.png') });
    clean(errors, 'the phone');
    await ctx.close();
  }

  // 17. without WebGL2 the page says so before it downloads the program, and points to core.html
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : get.call(this, kind, ...rest); };
    });
    const page = await context.newPage();
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(url + '#v=2');
    await page.waitForTimeout(1500);
    const text = await page.textContent('#overlay');
    check(/no WebGL2/.test(text) && (await page.getAttribute('#overlay a', 'href')) === 'core.html',
          'without WebGL2 the page explains it and links core.html: ' + text);
    check(!requested.some((u) => /flowlab_gui\.(js|wasm)/.test(u)), 'and never downloads the program');
    await page.screenshot({ path: art('app_no_webgl2.png') });
    await context.close();
  }

  // 18. every preset shows its claim: from the page's own statistics and from the pixels of each pane
  {
    const { page, errors, context } = await open(browser, url + '#v=1&speed=0');
    const results = [];
    for (let i = 0; i < 9; ++i) {
      await request(page, 'preset' + i);
      await page.waitForTimeout(500);
      await setHash(page, withParam(withParam(page.url(), 'speed', '100'), 'trails', '0'));
      const info = await waitDone(page);
      await page.waitForTimeout(400);
      const img = await shot(page, art('preset' + i + '.png'));
      const skip = info.rects.legend ? [info.rects.legend] : [];
      const px = info.panes.map((p) => Object.fromEntries(Object.entries(COLOURS).map(([k, c]) => [k, countColour(img, p.rect, c, 40, skip)])));
      const f = info.panes.map((p) => Object.fromEntries(Object.entries(p.counts).map(([k, n]) => [k, n / p.particles])));
      results.push({ f, px });
      console.log('   preset ' + i + ': ' + JSON.stringify(f) + ' pixels ' + JSON.stringify(px));
    }
    const [score, pf, early, cube, obtuse, equi, oned, eight, inverse] = results;
    check(score.f[0].virtual > 0.15 && score.f[0].virtual < 0.35 && score.px[0].virtual > 30, 'score flow: about a quarter at the virtual corner, and it shows');
    check(pf.f[0].manifold > 0.2 && pf.f[0].manifold < 0.33 && pf.px[0].manifold > 30, 'probability flow: about one in four on the manifold, and it shows');
    check(early.f[0].manifold > 0.95 && early.px[0].manifold > 1.3 * pf.px[0].manifold,
          'early stopping: nearly all on the manifold, and more green');
    check(cube.f[0].manifold > 0.4 && cube.f[0].manifold < 0.6 && cube.px[0].manifold > 30 && cube.px[0].training > 30 && cube.px[0].virtual > 30,
          'the cube: faces and edges as well as corners');
    check(obtuse.f[0].manifold > 0.2 && obtuse.f[0].manifold < 0.4 && obtuse.f[1].training === 1 && obtuse.px[0].manifold > 30 && obtuse.px[1].manifold < 5 &&
          obtuse.px[1].training > 30, 'obtuse: edges on the left, only training points on the right');
    check(equi.f[0].novel > 0.18 && equi.f[0].novel < 0.32 && equi.f[1].training === 1 && equi.px[0].novel > 30 && equi.px[1].novel < 5,
          'equilateral: a quarter off the training points on the left, none on the right');
    check(oned.f[0].novel > 0.33 && oned.f[0].novel < 0.45 && oned.f[1].training === 1 && oned.px[0].novel > 30 && oned.px[1].novel < 5,
          '1-D: more than a third between the points on the left, none on the right');
    check(eight.f[0].training < 0.02 && eight.f[0].manifold > 0.9 && eight.px[0].manifold > 30, 'eight points: few memorized, nearly all on the manifold');
    const off = inverse.f[0].manifold + (inverse.f[0].virtual || 0);
    check(off > 0.18 && off < 0.3 && inverse.f[1].training === 1 && inverse.px[0].manifold > 30 && inverse.px[1].manifold < 5,
          'inverse problem: DPS with min-norm leaves some between the points (left), with the MMSE none (right)');
    clean(errors, 'the presets');
    await context.close();
  }
  // 19. side by side on a 1000-pixel screen: the controls fold into a tab, each pane keeps ~360 pixels, a click unfolds them
  {
    const { page, errors, context } = await open(browser, url + '#v=3&angle=120&sbs=1&speed=0', { viewport: { width: 1000, height: 1000 } });
    let info = await inspect(page);
    const tab = info.rects['controls-tab'];
    check(info.docked && tab && info.panes.length === 2 && info.panes.every((p) => p.rect[2] > 340),
          'at 1000x1000 side by side, the controls are a tab and each pane is ' + info.panes.map((p) => Math.round(p.rect[2])) + ' pixels wide');
    check(Boolean(info.rects.presets), 'a first visit unfolds them, to show the presets');
    await page.mouse.click(tab[0] + tab[2] / 2, tab[1] + tab[3] / 2);
    await page.waitForTimeout(300);
    check(!(await inspect(page)).rects.presets, 'a click on the tab folds the controls: they draw nothing');
    await page.mouse.click(tab[0] + tab[2] / 2, tab[1] + tab[3] / 2);
    await page.waitForTimeout(300);
    info = await inspect(page);
    check(Boolean(info.rects.presets), 'another click unfolds them');
    await page.screenshot({ path: art('app_tabbed_1000.png') });
    clean(errors, 'the folded controls');
    await context.close();
  }
  await browser.close();
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
