// The GPU path against the CPU path in headless Chromium, in one run: for 10k, 100k and 1M
// particles asked on 2-D data, each denoiser, pf with Heun, at the page's full pace (speed=1000:
// as many steps as each path's pacing lets a frame take), frames per second, flow steps per
// second and ms per step, particle-steps per second (the paths run different counts where the
// budget lowers the CPU's), and the app's CPU time per frame. SwiftShader runs the GPU's shaders
// on this machine's CPU: the ratio here says little about a real GPU.
// usage: bench/run_gpu_flow.sh
const { launch } = require('../tests/e2e/browser');
const { fps } = require('./page_fps');

const inspect = (page) => page.evaluate(() => JSON.parse(Module.ccall('flowlab_inspect', 'string', [], [])).panes[0]);

async function measure(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 120000 });
  await page.waitForTimeout(3000);  // the GPU's pacing learns its quota
  const before = await inspect(page);
  const t0 = Date.now();
  const rate = await fps(page, 6000);
  const after = await inspect(page);
  const seconds = (Date.now() - t0) / 1000;
  const ms = await page.evaluate(() => Module.ccall('flowlab_frame_ms', 'number', [], []));
  await page.close();
  const steps = (after.steps - before.steps) / seconds;
  return { fps: rate, ms, engine: after.engine, particles: after.particles, steps, work: steps * after.particles };
}

(async () => {
  const [url] = process.argv.slice(2);
  const browser = await launch();
  const f = (x, w, p = 1) => x.toFixed(p).padStart(w);
  console.log('  asked  den      | cpu: run    fps steps/s ms/step app-ms | gpu: run    fps steps/s ms/step app-ms | gpu/cpu: fps particle-steps/s');
  for (const np of [10000, 100000, 1000000]) {
    for (const den of ['minnorm', 'emmse', 'ksmooth']) {
      const link = `#v=3&np=${np}&den=${den}&flow=pf&integ=heun&steps=100000&speed=1000&field=0&bw=0.05&nodes=8`;
      const c = await measure(browser, url + link + '&gpu=0');
      const g = await measure(browser, url + link + '&gpu=1');
      if (c.engine !== 'cpu' || g.engine !== 'gpu') throw new Error(`engines ${c.engine}, ${g.engine}`);
      const row = (r) => `${String(r.particles).padStart(8)} ${f(r.fps, 6)} ${f(r.steps, 7)} ${f(1000 / r.steps, 7)} ${f(r.ms, 6)}`;
      console.log(`${String(np).padStart(7)}  ${den.padEnd(8)} | ${row(c)} | ${row(g)} | ${f(g.fps / c.fps, 11, 2)} ${f(g.work / c.work, 17, 2)}`);
    }
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
