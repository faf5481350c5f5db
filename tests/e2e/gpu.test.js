// The GPU path (gpu=1: src/gpu, transform feedback) in headless Chromium (SwiftShader) against the
// CPU path on the same links (closed form, emmse, ksmooth and a model trained in the page; score,
// pf, sde and langevin): deterministic flows' endpoints within 1e-3 of the data's scale
// (float32 against float64), SDE and Langevin class fractions within three standard errors;
// flowlab_inspect names the engine; a context that cannot run the GPU path falls back to the CPU
// with a notice; no console error or warning anywhere.
// usage (through serve_and_run.sh): node gpu.test.js URL ARTIFACTS_DIR
const path = require('path');
const fs = require('fs');
const { launch, check } = require('./browser');
const { open, clean, inspect, request, waitDone, withParam } = require('./page');

const N = 4096;
const pf = 'flow=pf&smax=1&smin=0.01&steps=60&speed=20';
const CASES = [
  ['minnorm pf heun', 'preset=simplex&den=minnorm&' + pf + '&integ=heun'],
  ['emmse pf heun, side by side with minnorm', 'preset=simplex&den=emmse&sbs=1&denb=minnorm&' + pf + '&integ=heun'],
  ['ksmooth pf euler', 'preset=simplex&den=ksmooth&bw=0.2&nodes=4&' + pf + '&integ=euler'],
  ['minnorm score heun, 3-D', 'preset=orthogonal&d=3&n=3&den=minnorm&flow=score&sigma=0.1&steps=200&speed=50&integ=heun'],
  ['emmse sde', 'preset=simplex&den=emmse&flow=sde&smax=1&smin=0.01&steps=100&speed=25&integ=euler', true],
  ['minnorm langevin', 'preset=simplex&den=minnorm&flow=langevin&sigma=0.05&steps=100&speed=25&integ=euler', true],
  // A model trained in the page from the link (seeded, so both paths train the same weights); the
  // flow is replayed once training has ended, so every step sees the final networks.
  ['trained pf heun', 'preset=simplex&den=trained&K=16&M=40&ep=150&lv=3&' + pf + '&integ=heun&play=0', false, true],
];

async function endpoints(browser, url, link, art, name, trained) {
  const { page, errors, context } = await open(browser, url + '#' + link);
  if (trained) {
    for (let i = 0; i < 1500 && (await inspect(page)).training < 1; ++i) await page.waitForTimeout(200);
    check((await inspect(page)).training >= 1, name + ': the model trained in the page');
    await request(page, 'replay');
  }
  const info = await waitDone(page, 300);
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), request(page, 'particles')]);
  const file = art(name + '.csv');
  await d.saveAs(file);
  clean(errors, name);
  await context.close();
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const d0 = rows[0].length - 4;  // pane, denoiser, x1..xd, class, vertex
  return { info, rows: rows.map((r) => ({ pane: r[0], x: r.slice(2, 2 + d0).map(Number), cls: r[2 + d0] })) };
}

(async () => {
  const [url, artifacts] = process.argv.slice(2);
  const art = (f) => path.join(artifacts, f);
  const browser = await launch();
  try {
    for (const [name, link, stochastic, trained] of CASES) {
      const slug = name.replace(/[^a-z0-9]+/gi, '_');
      const g = await endpoints(browser, url, link + '&np=' + N + '&gpu=1', art, 'gpu_' + slug, trained);
      const c = await endpoints(browser, url, link + '&np=' + N + '&gpu=0', art, 'cpu_' + slug, trained);
      check(g.info.panes.every((p) => p.engine === 'gpu') && c.info.panes.every((p) => p.engine === 'cpu'),
            name + ': inspect names the engines (' + g.info.panes.map((p) => p.engine) + ' / ' + c.info.panes.map((p) => p.engine) + ')');
      check(g.rows.length === c.rows.length && g.rows.length === N * g.info.panes.length, name + ': ' + g.rows.length + ' endpoints each');
      const total = g.info.panes.reduce((s, p) => s + Object.values(p.counts).reduce((a, b) => a + b, 0), 0);
      check(total === g.rows.length, name + ': the GPU run\'s counts sum to its particles (' + total + ')');
      if (!stochastic) {
        let err = 0;
        g.rows.forEach((r, i) => r.x.forEach((v, k) => { err = Math.max(err, Math.abs(v - c.rows[i].x[k])); }));
        check(err <= 1e-3, name + ': max |gpu - cpu| = ' + err.toExponential(2));
        continue;
      }
      const classes = new Set(g.rows.map((r) => r.cls).concat(c.rows.map((r) => r.cls)));
      for (const k of classes) {
        const pg = g.rows.filter((r) => r.cls === k).length / N, pc = c.rows.filter((r) => r.cls === k).length / N;
        const p = (pg + pc) / 2, bound = 3 * Math.sqrt(2 * p * (1 - p) / N) + 1 / N;
        check(Math.abs(pg - pc) <= bound, name + ': ' + k + ' gpu ' + pg.toFixed(3) + ', cpu ' + pc.toFixed(3) + ' (3 SE ' + bound.toFixed(3) + ')');
      }
    }
    // Every preset of the papers (but the inverse problem's, whose samplers stay on the CPU) on both
    // paths: the same link with gpu=1 and gpu=0 ends with class fractions within three standard errors.
    {
      const { page, errors, context } = await open(browser, url + '#v=3&speed=0');
      for (let i = 0; i < 8; ++i) {
        const fractions = {};
        for (const gpu of ['1', '0']) {
          const before = await page.evaluate(() => location.hash);
          await request(page, 'preset' + i);
          // the preset's link in the address (written a frame or more later), then both paths from it
          await page.waitForFunction((b) => location.hash !== b, before, { timeout: 20000 });
          await page.evaluate((f) => { location.hash = f; }, withParam(withParam(page.url(), 'speed', '100'), 'gpu', gpu));
          await page.waitForTimeout(300);
          const info = await waitDone(page, 300);
          fractions[gpu] = info.panes.map((p) => ({ engine: p.engine, n: p.particles, f: Object.fromEntries(Object.entries(p.counts).map(([k, n]) => [k, n / p.particles])) }));
        }
        console.log('   preset ' + i + ': gpu ' + JSON.stringify(fractions['1']) + ' cpu ' + JSON.stringify(fractions['0']));
        fractions['1'].forEach((g, p) => {
          const c = fractions['0'][p];
          // the eighth (d = 8) is the CPU's on both: a link's gpu=1 asks, the scene decides
          check(g.engine === (i < 7 ? 'gpu' : 'cpu') && c.engine === 'cpu', 'preset ' + i + ' ran on ' + g.engine + ' and ' + c.engine);
          for (const k of Object.keys(c.f)) {
            const q = (g.f[k] + c.f[k]) / 2, bound = 3 * Math.sqrt(2 * q * (1 - q) / c.n) + 1 / c.n;
            check(Math.abs(g.f[k] - c.f[k]) <= bound, 'preset ' + i + ', pane ' + p + ' (' + g.engine + ' against ' + c.engine + '): ' + k + ' ' +
                  g.f[k].toFixed(3) + ' and ' + c.f[k].toFixed(3) + ' (3 SE ' + bound.toFixed(3) + ')');
          }
        });
      }
      clean(errors, 'the presets on both paths');
      await context.close();
    }
    // A million particles: gpu is on by default, the budget keeps the count, the flow runs to its end
    // and draws, and the counts sum to the particles.
    {
      const { page, errors, context } = await open(browser, url + '#np=1000000&steps=10&speed=10');
      const info = await waitDone(page, 600);
      const total = Object.values(info.panes[0].counts).reduce((a, b) => a + b, 0);
      check(info.panes[0].engine === 'gpu' && info.panes[0].particles === 1000000,
            'np=1000000 runs on the ' + info.panes[0].engine + ' with ' + info.panes[0].particles + ' particles');
      check(total === 1000000, 'its counts sum to ' + total);
      const notice = await page.textContent('#notice');
      check(!notice.includes('budget'), 'and no budget notice: ' + JSON.stringify(notice));
      await page.screenshot({ path: art('million.png') });
      clean(errors, 'a million particles');
      await context.close();
    }
    // A context that cannot capture a step (made to say so) falls back to the CPU, with a notice.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      const get = WebGL2RenderingContext.prototype.getParameter;
      WebGL2RenderingContext.prototype.getParameter = function (p) {
        return p === this.MAX_TRANSFORM_FEEDBACK_INTERLEAVED_COMPONENTS ? 0 : get.call(this, p);
      };
    });
    const { page, errors } = await open(browser, url + '#' + CASES[0][1] + '&np=500&gpu=1', { context });
    const info = await waitDone(page, 120);
    const notice = await page.textContent('#notice');
    check(info.panes[0].engine === 'cpu' && info.done, 'without the GPU path the flow runs on the CPU to its end');
    check(notice.includes('the GPU path is unavailable') && notice.includes('runs on the CPU'), 'and a notice says why: ' + notice);
    // There a million particles are the CPU's budget's: lowered, and said.
    await page.evaluate(() => { location.hash = 'np=1000000'; });
    await page.waitForTimeout(500);
    const lowered = await inspect(page);
    const said = await page.textContent('#notice');
    check(lowered.panes[0].particles <= 200000 && said.includes("'np=1000000' is over the page's budget"),
          'np=1000000 without the GPU path opens with ' + lowered.panes[0].particles + ' particles: ' + said);
    clean(errors, 'the fallback');
    await context.close();
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
