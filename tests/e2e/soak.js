// A soak of the page (issue 29): for MINUTES, cycle the presets, edits of a link's fields, training
// runs, the digits, the inverse problem and a million particles, in one page, with no reload; every
// 10 s sample the WASM heap. Passes when no console error, warning or page error appeared and the
// heap stopped growing: its size over the second half equals its size at the half-way mark.
// Not part of the suite (it takes as long as asked): scripts/soak runs it.
// usage (through serve_and_run.sh): node soak.js URL ARTIFACTS_DIR [MINUTES=30]
const fs = require('fs');
const path = require('path');
const { launch, check } = require('./browser');
const { open, inspect, request } = require('./page');

const LINKS = [
  'v=3&preset=clusters&n=4&per=4&den=trained&K=64&M=40&ep=400&lv=2&np=2000',
  'v=3&preset=simplex&n=2&d=2&angle=90&den=minnorm&flow=pf&smax=0.3&smin=0.001&steps=200&np=1000000',
  'v=3&preset=digits&n=20&d=64&den=ksmooth&bw=2.5&nodes=16&sbs=1&denb=emmse&flow=pf&smax=3&smin=0.01&steps=100&np=170',
  'v=3&preset=simplex&n=2&d=2&angle=90&den=minnorm&sbs=1&denb=emmse&flow=pf&smax=0.3&smin=0.001&np=2000&inv=1',
  'v=3&preset=rays&n=3&per=4&d=2&den=emmse&flow=sde&smax=1&smin=0.001&np=20000&gpu=0',
  'v=3&den=trained&tr=gd&lr=0.05&lam=0&K=16&M=20&ep=100000&lv=2&np=300',
];

// The current link with one field replaced (an edit, as a slider would make it).
function edited(hash, key, value) {
  const fields = hash.replace(/^#/, '').split('&').filter((f) => f && !f.startsWith(key + '='));
  return fields.concat(key + '=' + value).join('&');
}

(async () => {
  const [url, artifacts, minutesArg] = process.argv.slice(2);
  const minutes = Number(minutesArg || 30);
  const browser = await launch();
  const { page, errors, context } = await open(browser, url + '#v=3');
  const heap = () => page.evaluate(() => Module.HEAPU8.length);
  const samples = [];
  const t0 = Date.now();
  let lastSample = -1, actions = 0;
  while (Date.now() - t0 < minutes * 60000) {
    const i = actions++;
    const kind = i % 4;
    if (kind === 0) await request(page, 'preset' + ((i / 4) % 10 | 0));
    else if (kind === 1) {
      const hash = await page.evaluate(() => location.hash);
      const [key, value] = [['seed', 1 + (i % 97)], ['np', 500 + (i * 37) % 5000], ['steps', 50 + (i % 150)],
                            ['smin', [0.001, 0.01, 0.15][i % 3]]][(i / 4 | 0) % 4];
      await page.evaluate((h) => { location.hash = h; }, edited(hash, key, value));
    } else if (kind === 2) await page.evaluate((h) => { location.hash = h; }, LINKS[(i / 4 | 0) % LINKS.length]);
    else await request(page, ['undo', 'redo', 'fit', 'open-all'][(i / 4 | 0) % 4]);
    await page.waitForTimeout(2500 + (i % 5) * 500);
    const elapsed = (Date.now() - t0) / 1000;
    if (Math.floor(elapsed / 10) !== lastSample) {
      lastSample = Math.floor(elapsed / 10);
      const info = await inspect(page);
      samples.push({ s: Math.round(elapsed), heap: await heap(), actions, errors: errors.length, view: info.view });
      const last = samples[samples.length - 1];
      console.log(`${String(last.s).padStart(5)} s  heap ${(last.heap / 1048576).toFixed(1).padStart(7)} MB  ` +
                  `${String(actions).padStart(4)} actions  ${last.errors} errors`);
    }
  }
  fs.writeFileSync(path.join(artifacts, 'soak_heap.json'), JSON.stringify(samples, null, 1));
  await context.close();
  await browser.close();
  const half = samples.find((x) => x.s >= samples[samples.length - 1].s / 2);
  const end = samples[samples.length - 1];
  console.log(`${actions} actions in ${minutes} min; heap ${(samples[0].heap / 1048576).toFixed(1)} MB at the start, ` +
              `${(half.heap / 1048576).toFixed(1)} at ${half.s} s, ${(end.heap / 1048576).toFixed(1)} at ${end.s} s`);
  check(errors.length === 0, 'no console error or warning, no page error (' + errors.slice(0, 5).join(' | ') + ')');
  check(end.heap === half.heap, 'the WASM heap stopped growing: the same size over the second half');
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
