// A first load of the page in headless Chromium: what it downloads (each file raw and gzip -9,
// as a server that compresses would send it) and the time from navigation to the first frame the
// app drew, median of N loads with an empty cache. Several sites (A, B, ...) are measured in one
// run, loads interleaved, so their ratio holds on a noisy machine.
// usage: node first_load.js N URL_A [URL_B ...]   (bench/run_first_load.sh serves the sites)
const zlib = require('zlib');
const { launch } = require('../tests/e2e/browser');

async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const files = [];
  page.on('response', async (r) => {
    try { const body = await r.body(); files.push({ name: r.url().replace(/.*\//, '') || 'index.html', raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length }); } catch (e) { /* redirects */ }
  });
  await page.goto(url + '#v=1');
  await page.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 120000 });
  // the overlay hides before the main loop starts: two animation frames later the app has drawn one
  const ms = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))));
  await page.waitForTimeout(200);
  await context.close();
  return { ms, files };
}

(async () => {
  const [n, ...urls] = process.argv.slice(2);
  const browser = await launch();
  const times = urls.map(() => []), sizes = urls.map(() => null);
  for (let k = 0; k < Number(n); ++k)
    for (let i = 0; i < urls.length; ++i) {
      const r = await load(browser, urls[i]);
      times[i].push(r.ms);
      sizes[i] = sizes[i] || r.files;
    }
  await browser.close();
  const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  urls.forEach((u, i) => {
    const raw = sizes[i].reduce((a, f) => a + f.raw, 0), gz = sizes[i].reduce((a, f) => a + f.gzip, 0);
    console.log(`site ${String.fromCharCode(65 + i)} (${u}): first frame ${median(times[i]).toFixed(0)} ms (median of ${n}; ` +
                `min ${Math.min(...times[i]).toFixed(0)}, max ${Math.max(...times[i]).toFixed(0)}); downloads ${(raw / 1024).toFixed(0)} KB, ` +
                `${(gz / 1024).toFixed(0)} KB gzipped`);
    for (const f of sizes[i]) console.log(`    ${f.name.padEnd(22)} ${String(f.raw).padStart(9)} ${String(f.gzip).padStart(9)}`);
  });
  if (urls.length > 1) console.log(`ratio of first-frame medians, B / A: ${(median(times[1]) / median(times[0])).toFixed(2)}`);
})().catch((e) => { console.error(e); process.exit(1); });
