// The simulator in headless Chromium (WebGL2 through SwiftShader): it draws,
// its particles move, a link restores its state, a malformed link shows a
// notice, a ctrl-click adds a training point. Screenshots are kept as artifacts.
const path = require('path');
const { launch, check } = require('./browser');

async function open(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('overlay').hidden, null, { timeout: 60000 });
  await page.waitForTimeout(500);
  return { page, errors };
}

// Pixels of the canvas (as PNG bytes) that differ from the background colour.
async function litPixels(page) {
  return page.evaluate(() => {
    const c = document.getElementById('canvas');
    const off = document.createElement('canvas');
    off.width = c.width;
    off.height = c.height;
    const g = off.getContext('2d');
    g.drawImage(c, 0, 0);
    const d = g.getImageData(0, 0, off.width, off.height).data;
    let lit = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 18) + Math.abs(d[i + 1] - 20) + Math.abs(d[i + 2] - 26) > 30) lit++;
    return lit;
  });
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
  await browser.close();
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
