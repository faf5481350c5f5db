// The GPU path against the CPU path in headless Chromium, in one run: frames per second with one
// flow step per frame (so ms per step = 1000 / fps, the drawing and the read-back included) and
// the app's CPU time per frame, for 10k, 100k and 200k particles (the CPU path's limit) on 2-D
// data, each denoiser, pf with Heun. SwiftShader runs the GPU's shaders on this machine's CPU:
// the ratio here says little about a real GPU.
// usage: bench/run_gpu_flow.sh
const { launch } = require('../tests/e2e/browser');
const { fps } = require('./page_fps');

async function measure(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
  await page.waitForTimeout(1500);
  const rate = await fps(page, 4000);
  const ms = await page.evaluate(() => Module.ccall('flowlab_frame_ms', 'number', [], []));
  const pane = JSON.parse(await page.evaluate(() => Module.ccall('flowlab_inspect', 'string', [], []))).panes[0];
  await page.close();
  return { fps: rate, ms, engine: pane.engine, particles: pane.particles };  // the budget may lower the count
}

(async () => {
  const [url] = process.argv.slice(2);
  const browser = await launch();
  console.log('particles (asked, run)  denoiser  cpu fps  gpu fps  gpu/cpu  cpu app ms/frame  gpu app ms/frame');
  for (const np of [10000, 100000, 200000]) {
    for (const den of ['minnorm', 'emmse', 'ksmooth']) {
      const link = `#v=3&np=${np}&den=${den}&flow=pf&integ=heun&steps=100000&speed=1&field=0&bw=0.05&nodes=8`;
      const c = await measure(browser, url + link + '&gpu=0');
      const g = await measure(browser, url + link + '&gpu=1');
      if (c.engine !== 'cpu' || g.engine !== 'gpu') throw new Error(`engines ${c.engine}, ${g.engine}`);
      console.log(`${String(np).padStart(9)} ${String(g.particles).padStart(9)}  ${den.padEnd(8)}  ${c.fps.toFixed(1).padStart(7)}  ${g.fps.toFixed(1).padStart(7)}` +
                  `  ${(g.fps / c.fps).toFixed(2).padStart(7)}  ${c.ms.toFixed(2).padStart(16)}  ${g.ms.toFixed(2).padStart(16)}`);
    }
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
