// Screenshots for a visual check of the page (not a test): the first visit on a laptop and a phone, the
// phone's open sheet, the embedding example at both sizes, the default scene's last frame with the
// class regions, the folded controls at 1000x1000 and a paper's curve. Run through serve_and_run.sh:
// SITE visual_check.js OUT_DIR
const { launch } = require('./browser');
const { open, request } = require('./page');

const phone = { viewport: { width: 390, height: 844 }, contextOptions: { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } };

(async () => {
  const [url, out] = process.argv.slice(2);
  const browser = await launch();
  const only = new RegExp(process.env.ONLY || '.');  // ONLY=digits: just the shots whose names match
  const shot = async (name, link, options, act) => {
    if (!only.test(name)) return;
    const { page, errors, context } = await open(browser, url + link, options);
    if (act) await act(page);
    await page.waitForTimeout(Number(process.env.SETTLE_MS || 4000));
    await page.screenshot({ path: `${out}/${name}.png` });
    console.log(`${name}: ${out}/${name}.png` + (errors.length ? ' (page said: ' + errors.join(' | ') + ')' : ''));
    await context.close();
  };
  await shot('first_visit_1280', '', {});
  await shot('first_visit_phone', '', phone);
  await shot('last_frame_regions', '#v=3&speed=100&region=1', {}, (p) => p.waitForTimeout(20000));
  await shot('tabbed_1000', '#v=3&angle=120&sbs=1', { viewport: { width: 1000, height: 1000 } });
  await shot('curve_flows', '#v=3&speed=0', {}, async (p) => { await request(p, 'curve4'); await p.waitForTimeout(30000); });
  await shot('trained_gd', '#v=3&den=trained&tr=gd&lr=0.05&lam=0&K=16&M=20&ep=3000&lv=2&np=300', {}, async (p) => {
    await request(p, 'open-all');
    await p.waitForTimeout(15000);
  });
  const digits = '#v=3&preset=digits&n=20&d=64&den=ksmooth&bw=2.5&nodes=16&sbs=1&denb=emmse&smax=3&smin=0.01&steps=100' +
                 '&integ=euler&np=170&spread=3';
  await shot('digits_start_1280', digits + '&play=0', {});
  await shot('digits_1280', digits + '&speed=4', {}, (p) => p.waitForTimeout(12000));
  await shot('digits_phone', digits + '&speed=4', phone, (p) => p.waitForTimeout(12000));
  await shot('digits_embed_1280', digits + '&speed=4&ui=0', {}, (p) => p.waitForTimeout(12000));
  for (const [name, options] of [['embed_1280', {}], ['embed_phone', phone]]) {
    if (!only.test(name)) continue;
    const { page, errors, context } = await open(browser, url + 'embed.html', { ready: false, ...options });
    await page.waitForTimeout(15000);
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
    console.log(`${name}: ${out}/${name}.png` + (errors.length ? ' (page said: ' + errors.join(' | ') + ')' : ''));
    await context.close();
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
