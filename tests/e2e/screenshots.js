// Screenshots of the page for people to look at (not a test): the README's picture and the views
// a visual check reads. Run through serve_and_run.sh: SITE screenshots.js OUT_DIR [NAME=LINK@WxH[@phone] ...]
// Default: the README's picture, the default scene at 1280x800 after its flow has run a while.
const { launch } = require('./browser');
const { open } = require('./page');

(async () => {
  const [url, out, ...specs] = process.argv.slice(2);
  const shots = specs.length ? specs : ['flowlab=#v=1@1280x800'];
  const browser = await launch();
  for (const spec of shots) {
    const [name, rest] = spec.split(/=(.*)/s);
    const [link, size, phone] = rest.split('@');
    const [width, height] = size.split('x').map(Number);
    const contextOptions = phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } : {};
    const { page, errors, context } = await open(browser, url + link, { viewport: { width, height }, contextOptions });
    await page.waitForTimeout(Number(process.env.SETTLE_MS || 6000));
    await page.screenshot({ path: `${out}/${name}.png` });
    console.log(`${name}: ${out}/${name}.png` + (errors.length ? ' (page said: ' + errors.join(' | ') + ')' : ''));
    await context.close();
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
