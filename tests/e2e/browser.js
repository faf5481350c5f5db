// Launches Debian's chromium headless with the flags this machine needs
// (software WebGL through SwiftShader, no background networking).
const { chromium } = require('playwright-core');

async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
           '--no-first-run', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--disable-quic'],
  });
}

// Fails the test with a message (and a non-zero exit code for ctest).
function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
  console.log('ok - ' + message);
}

module.exports = { launch, check };
