// The page around the WASM app: loading progress, WebGL2 and context-loss
// checks, and the Module object Emscripten reads.
function shellFatal(text) {
  var o = document.getElementById('overlay');
  o.hidden = false;
  o.className = 'error';
  o.textContent = text;
}

(function () {
  var canvas = document.getElementById('canvas');
  if (!document.createElement('canvas').getContext('webgl2')) {
    shellFatal('This browser has no WebGL2, which Flowlab needs. Try a current Chrome, Firefox or Safari, ' +
               'with hardware acceleration on.');
    return;
  }
  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();
    shellFatal('The graphics context was lost (the GPU was reset or is busy). Reload the page to continue; ' +
               'the link keeps your settings.');
  });
  window.Module = {
    canvas: canvas,
    setStatus: function (text) {
      var m = /\((\d+(?:\.\d+)?)\/(\d+)\)/.exec(text || '');
      var bar = document.getElementById('progress');
      if (m && bar) { bar.max = +m[2]; bar.value = +m[1]; }  // download progress
    },
    onAbort: function (what) { shellFatal('Flowlab stopped: ' + what); },
  };
})();
