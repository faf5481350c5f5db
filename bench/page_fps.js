// Frames per second of an open page over `ms` milliseconds, counted by requestAnimationFrame.
async function fps(page, ms) {
  return page.evaluate((span) => new Promise((done) => {
    const t0 = performance.now();
    let frames = 0;
    const tick = () => { frames++; if (performance.now() - t0 < span) requestAnimationFrame(tick); else done(frames / ((performance.now() - t0) / 1000)); };
    requestAnimationFrame(tick);
  }), ms);
}

module.exports = { fps };
