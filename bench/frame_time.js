// Frame rate of the simulator in headless Chromium (SwiftShader WebGL2, so the
// GPU side is software too) and the app's CPU time per frame, for 10k, 50k and
// 200k particles with each denoiser on 2-D data; one flow step per frame.
// usage: bench/run_frame_time.sh   (serves build/wasm/site and runs this)
const { launch } = require('../tests/e2e/browser');
const { fps } = require('./page_fps');

(async () => {
  const [url] = process.argv.slice(2);
  const browser = await launch();
  console.log('particles  denoiser  fps(median of 3 s)  app CPU ms/frame');
  for (const np of [10000, 50000, 200000]) {
    for (const den of ['minnorm', 'emmse', 'ksmooth']) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      // a long probability flow so that every frame steps; the field off so the particles dominate
      await page.goto(url + `#v=1&np=${np}&den=${den}&steps=100000&speed=1&field=0&bw=0.05`);
      await page.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
      await page.waitForTimeout(1000);
      const rate = await fps(page, 3000);
      const ms = await page.evaluate(() => Module.ccall('flowlab_frame_ms', 'number', [], []));
      console.log(`${String(np).padStart(9)}  ${den.padEnd(8)}  ${rate.toFixed(1).padStart(18)}  ${ms.toFixed(2).padStart(16)}`);
      await page.close();
    }
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
