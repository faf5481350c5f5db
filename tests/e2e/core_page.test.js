// The page served by the README's run command loads the WASM core and runs
// P1's experiment in the browser, with no console error or warning; a
// screenshot is kept as an artifact.
const path = require('path');
const { launch, check } = require('./browser');
const { watch, clean } = require('./page');

(async () => {
  const [url, artifacts] = process.argv.slice(2);
  const browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  watch(page, errors);  // any console error or warning fails the test
  await page.goto(url + 'core.html');
  await page.waitForSelector('#form:not([hidden])', { timeout: 30000 });
  check((await page.textContent('#status')).includes('Core ready'), 'the WASM core loads');
  await page.fill('input[name=n]', '4');
  await page.fill('input[name=inits]', '400');
  await page.selectOption('select[name=flow]', '0');
  await page.click('button[type=submit]');
  await page.waitForSelector('#result:not([hidden])');
  const cells = (await page.$$eval('#result tbody tr:first-child td', (tds) => tds.map((t) => t.textContent)));
  const fractions = cells.slice(0, 5).map(Number);
  check(Math.abs(fractions.reduce((a, b) => a + b, 0) - 1) < 0.01, 'the class fractions sum to 1');
  check(fractions[3] === 0 && fractions[4] === 0, 'the score flow ends only at vertices (no manifold or other points)');
  // uniform starts: each of the 2^4 vertices with probability 1/16, 4 of them training points
  check(Math.abs(fractions[0] - 0.25) < 0.1, 'about a quarter end at training points (got ' + fractions[0] + ')');
  await page.screenshot({ path: path.join(artifacts, 'core_page.png') });
  clean(errors, 'core.html');
  await browser.close();
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
