// The image view in headless Chromium, on the digits preset (fetched only when a digits scene opens): the grid of particle images and their
// nearest training images is drawn; the flow turns noise into digits (read from the pixels: under
// the empirical MMSE each particle's image comes to match its nearest training image, which it
// does not at the start); the statistics equal the endpoints CSV's classes; no console error or
// warning; at 1280x800 and on a phone.
// usage (through serve_and_run.sh): node digits.test.js URL ARTIFACTS_DIR
const path = require('path');
const fs = require('fs');
const { launch, check } = require('./browser');
const { open, clean, inspect, request, shot, waitDone } = require('./page');
const { decodePng } = require('./png');

const LINK = 'v=3&preset=digits&n=20&d=64&den=ksmooth&bw=2.5&nodes=16&sbs=1&denb=emmse&flow=pf&smax=3&smin=0.01' +
             '&steps=100&integ=euler&np=170&init=gaussian&spread=3';
const phone = { viewport: { width: 390, height: 844 }, contextOptions: { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } };

// A tile's 8x8 grey levels, read at its pixels' centres (the red channel: the images are grey).
function tile(img, r) {
  const out = [];
  for (let y = 0; y < 8; ++y)
    for (let x = 0; x < 8; ++x) {
      const px = Math.floor(r[0] + (x + 0.5) * r[2] / 8), py = Math.floor(r[1] + (y + 0.5) * r[3] / 8);
      out.push(img.data[(py * img.width + px) * img.channels]);
    }
  return out;
}

function correlation(a, b) {
  const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a), mb = mean(b);
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; ++i) ab += (a[i] - ma) * (b[i] - mb), aa += (a[i] - ma) ** 2, bb += (b[i] - mb) ** 2;
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

// How much the shown particles of pane p look like their nearest training images: the mean correlation.
function likeness(img, info, p) {
  let sum = 0, n = 0;
  for (let j = 0; info.rects['image:' + p + ':' + j]; ++j, ++n)
    sum += correlation(tile(img, info.rects['image:' + p + ':' + j]), tile(img, info.rects['nearest:' + p + ':' + j]));
  return n ? sum / n : NaN;
}


function inside(r, pane) {
  return r[0] >= pane[0] && r[1] >= pane[1] && r[0] + r[2] <= pane[0] + pane[2] && r[1] + r[3] <= pane[1] + pane[3];
}

(async () => {
  const [url, artifacts] = process.argv.slice(2);
  const art = (name) => path.join(artifacts, name);
  const browser = await launch();
  // 0. The digits are fetched only for a scene that shows them: the default scene never asks for
  // digits.bin; a digits link opened in the running page waits for it (the address keeps the link),
  // fetches it once, and then draws the images.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const fetched = [];
    context.on('request', (r) => { if (/\/digits\.bin$/.test(r.url())) fetched.push(r.url()); });
    const { page, errors } = await open(browser, url + '#v=3', { context });
    await page.waitForTimeout(1500);
    check(fetched.length === 0, 'the default scene does not download the digits (' + fetched.length + ' requests)');
    await page.evaluate((h) => { location.hash = h; }, LINK + '&play=0');
    await page.waitForFunction(() => JSON.parse(Module.ccall('flowlab_inspect', 'string', [], [])).view === 'images', null,
                               { timeout: 30000 });
    check(fetched.length === 1 && page.url().includes('preset=digits'),
          'a digits link fetches them once and opens (' + fetched.length + ' requests, ' + page.url().split('#')[1].slice(0, 40) + ')');
    clean(errors, 'the digits fetched on first use');
    await context.close();
  }
  // 1. At the start: noise, an image grid of 64 particles a pane over their nearest images, the strip.
  {
    const { page, errors, context } = await open(browser, url + '#' + LINK + '&play=0');
    const info = await inspect(page);
    check(info.view === 'images', 'the digits are drawn as images (view ' + info.view + ')');
    check(info.playing === false, 'play=0 holds the flow at its start once the digits have arrived');
    for (let p = 0; p < 2; ++p) {
      const tiles = Object.keys(info.rects).filter((k) => k.startsWith('image:' + p + ':'));
      const strip = Object.keys(info.rects).filter((k) => k.startsWith('strip:' + p + ':'));
      check(tiles.length === 64 && strip.length === 20, 'pane ' + p + ' shows 64 particles and the 20 training images (' +
            tiles.length + ', ' + strip.length + ')');
      check(tiles.every((k) => inside(info.rects[k], info.panes[p].rect)), 'each image lies in its pane');
      check(info.rects['image:' + p + ':0'][2] >= 24, 'an image is drawn at least 3 pixels a pixel (' + info.rects['image:' + p + ':0'][2] + ')');
    }
    const img = await shot(page, art('digits_start.png'));
    const start = likeness(img, info, 1);
    check(start < 0.5, 'at the start the particles are noise, unlike their nearest images (correlation ' + start.toFixed(2) + ')');
    clean(errors, 'the digits at the start');
    await context.close();
  }
  // 2. At the end: the MMSE's particles are copies of training images (the pixels say so), the
  // smoothed score's mostly new; the statistics, the endpoints CSV and the frames agree.
  {
    const { page, errors, context } = await open(browser, url + '#' + LINK + '&speed=4');
    const info = await waitDone(page);
    await page.waitForTimeout(400);
    const img = await shot(page, art('digits_end.png'));
    const left = likeness(img, info, 0), right = likeness(img, info, 1);
    check(right > 0.97, 'under the empirical MMSE each particle became its nearest training image (correlation ' + right.toFixed(3) + ')');
    check(left < right, 'the smoothed score\'s images differ more from their nearest (' + left.toFixed(3) + ')');
    const [ks, mmse] = info.panes;
    check(mmse.counts.training === 170 && ks.counts.novel / ks.particles > 0.93 && ks.counts.novel / ks.particles < 0.99,
          'the preset\'s claim: all copies on the right, about 96% new on the left ' + JSON.stringify([ks.counts, mmse.counts]));
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), request(page, 'particles')]);
    await d.saveAs(art('digits_endpoints.csv'));
    const lines = fs.readFileSync(art('digits_endpoints.csv'), 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    check(header.length === 2 + 64 + 4 && header[65] === 'x64' && header.slice(66).join(',') === 'class,vertex,nearest,ratio',
          'the endpoints CSV has 64 coordinates, the class, the nearest row and the ratio: ' + header.slice(64).join(','));
    const rows = lines.slice(1).map((l) => l.split(','));
    for (const [p, name] of [[0, 'left'], [1, 'right']]) {
      const mine = rows.filter((r) => r[0] === name);
      const copies = mine.filter((r) => r[66] === 'training').length;
      check(mine.length === 170 && copies === info.panes[p].counts.training,
            name + ': the CSV\'s classes are the statistics\' counts (' + copies + ' copies)');
      check(mine.every((r) => +r[68] >= 1 && +r[68] <= 20 && (r[66] === 'training') === (+r[69] < 1 / 3)),
            name + ': memorized exactly where the ratio is under 1/3, the nearest row in 1..20');
    }
    const [png] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), request(page, 'png')]);
    await png.saveAs(art('digits_export.png'));
    const exported = decodePng(fs.readFileSync(art('digits_export.png')));
    check(exported.width === img.width && likeness(exported, info, 1) > 0.97 && likeness(exported, info, 0) === left,
          'the PNG export carries the image grid as the page shows it');
    clean(errors, 'the digits at the end');
    await context.close();
  }
  // 3. A phone: the grid fits the panes above the open sheet, and the digits show.
  {
    const { page, errors, context } = await open(browser, url + '#' + LINK + '&speed=4', phone);
    const info = await waitDone(page);
    await page.waitForTimeout(400);
    for (let p = 0; p < 2; ++p) {
      const tiles = Object.keys(info.rects).filter((k) => /^(image|nearest|strip):/.test(k) && k.split(':')[1] === String(p));
      check(tiles.every((k) => inside(info.rects[k], info.panes[p].rect)), 'on a phone pane ' + p + '\'s images lie in it');
    }
    const img = await shot(page, art('digits_phone.png'));
    const right = likeness(img, info, 1);
    check(right > 0.9, 'on a phone too the MMSE\'s particles show as their training images (correlation ' + right.toFixed(3) + ')');
    clean(errors, 'the digits on a phone');
    await context.close();
  }
  // 4. Wider images from a CSV (16 x 16 pixels, d = 256): points unless the link asks for images
  // (view=img); a file over the page's coordinates is refused with the limits.
  {
    const { page, errors, context } = await open(browser, url + '#v=3&np=300');
    const rows = [];
    for (let n = 0; n < 12; ++n) {  // a bar at row n, a column at n + 2
      const img = [];
      for (let y = 0; y < 16; ++y) for (let x = 0; x < 16; ++x) img.push(y === n || x === n + 2 ? 1 : 0);
      rows.push(img.join(','));
    }
    await page.evaluate((text) => Module.ccall('flowlab_upload', null, ['string', 'string'], ['bars.csv', text]), rows.join('\n') + '\n');
    await page.waitForTimeout(500);
    let info = await inspect(page);
    check(info.data.length === 12 && info.data[0].length === 256 && info.view === 'points',
          'a CSV of 16x16 images loads (12 points in d = 256), drawn as points by default (' + info.view + ')');
    await page.evaluate((h) => { location.hash = h; }, page.url().split('#')[1] + '&view=img');
    await page.waitForTimeout(800);
    info = await inspect(page);
    const tiles = Object.keys(info.rects).filter((k) => k.startsWith('image:0:')).length;
    const strip = Object.keys(info.rects).filter((k) => k.startsWith('strip:0:')).length;
    check(info.view === 'images' && tiles === 64 && strip === 12, 'view=img draws them as images (' + tiles + ' particles, ' + strip + ' training images)');
    await shot(page, art('digits_wide_images.png'));
    const big = Array.from({ length: 65 }, () => rows[0]).join('\n') + '\n';
    await page.evaluate((text) => Module.ccall('flowlab_upload', null, ['string', 'string'], ['big.csv', text]), big);
    await page.waitForTimeout(500);
    const notice = await page.textContent('#notice');
    check(notice.includes('big.csv: 65 points of dimension 256') && notice.includes('(64 points of this dimension)'),
          'a file over the page\'s coordinates is refused with the limits: ' + notice);
    clean(errors, 'wider images');
    await context.close();
  }
  await browser.close();
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
