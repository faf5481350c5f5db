// The page around the WASM app: loading progress, WebGL2 and context-loss
// checks, and the Module object Emscripten reads.
function shellFatal(text, link) {
  var o = document.getElementById('overlay');
  o.hidden = false;
  o.className = 'error';
  o.textContent = text;
  if (link) {
    var a = document.createElement('a');
    a.href = link.href;
    a.textContent = link.text;
    o.appendChild(document.createTextNode(' '));
    o.appendChild(a);
  }
}

(function () {
  var canvas = document.getElementById('canvas');
  // Checked before the 1 MB program is downloaded: without WebGL2 nothing is fetched.
  if (!document.createElement('canvas').getContext('webgl2')) {
    shellFatal('This browser has no WebGL2, which the simulator needs: try a current Chrome, Firefox or Safari, ' +
               'with hardware acceleration on. The batch experiments run without it:',
               { href: 'core.html', text: 'P1\'s experiment in the browser (core.html)' });
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
    // Out of memory (the budget should make it unreachable): reopen the last state the app drew
    // a frame of, once, with a notice; anything else, or a second time, stops with the message.
    onAbort: function (what) {
      if (/memory|OOM|bad_alloc/i.test(String(what)) && !recovered) {
        var good = Module.flowlabLastGood || '';
        sessionStorage.setItem('flowlab-recovered', 'Out of memory: the page stopped (' + String(what).slice(0, 80) +
                               ') and reopened ' + (good ? 'the previous state' : 'the default scene') + '.');
        history.replaceState(null, '', '#' + good);
        location.reload();
        return;
      }
      shellFatal('Flowlab stopped: ' + what);
    },
  };
  var recovered = sessionStorage.getItem('flowlab-recovered');
  if (recovered) {
    sessionStorage.removeItem('flowlab-recovered');
    Module.flowlabRecovered = recovered;  // shown above the app's own notices (js_show_notice)
  }
  var script = document.createElement('script');
  script.src = 'flowlab_gui.js';
  script.async = true;
  script.onerror = function () { shellFatal('Flowlab could not be downloaded (flowlab_gui.js).'); };
  document.body.appendChild(script);
})();

// Touch: over the scene one finger is a mouse to the app (tap, drag a point, pan):
// the page turns it into mouse events itself, since Emscripten 3.1.6's GLFW does
// not move its cursor for touches; two fingers pinch-zoom and pan; a long press on
// a training point removes it. Over a panel a finger waits to see what it does: a
// vertical swipe scrolls the panel (or, from a sheet's title bar, resizes the sheet),
// a horizontal drag that starts on a slider's grab is the mouse (the slider follows
// it; elsewhere it does nothing), and a tap is a click; so a swipe that starts on a
// slider never moves it. Touches are taken before GLFW's listeners see them.
(function () {
  var canvas = document.getElementById('canvas');
  var pinch = null, press = null, panel = null;
  var slop = 8;  // CSS pixels a finger may wander before a touch is a swipe or a drag
  function call(kind, x, y, a, b) {
    if (window.Module && Module.calledRun) Module.ccall('flowlab_gesture', null,
        ['string', 'number', 'number', 'number', 'number'], [kind, x, y, a, b]);
  }
  function local(t) {  // canvas pixels (the canvas is sized in device pixels)
    var r = canvas.getBoundingClientRect(), s = canvas.width / Math.max(1, r.width);
    return {x: (t.clientX - r.left) * s, y: (t.clientY - r.top) * s};
  }
  function pair(ts) {
    var a = local(ts[0]), b = local(ts[1]);
    return {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, d: Math.hypot(a.x - b.x, a.y - b.y)};
  }
  function cancelPress() { if (press) clearTimeout(press.timer); press = null; }
  var finger = false;  // one finger down, acting as the mouse
  function mouse(type, t) {
    canvas.dispatchEvent(new MouseEvent(type, { clientX: t.clientX, clientY: t.clientY, button: 0,
      buttons: type === 'mouseup' ? 0 : 1, bubbles: true, cancelable: true, view: window }));
  }
  function overPanel(p) {
    return window.Module && Module.calledRun &&
        Module.ccall('flowlab_over_panel', 'number', ['number', 'number'], [p.x, p.y]) === 1;
  }
  function overGrab(p) {
    return Module.ccall('flowlab_over_grab', 'number', ['number', 'number'], [p.x, p.y]) === 1;
  }
  // A finger over a panel: {start: where it touched (client and canvas pixels), y: the last canvas y, mode}.
  function panelMove(t) {
    var p = local(t), dx = t.clientX - panel.cx, dy = t.clientY - panel.cy;
    if (!panel.mode && Math.abs(dy) > slop && Math.abs(dy) >= Math.abs(dx)) panel.mode = 'swipe';
    else if (!panel.mode && Math.abs(dx) > slop) {
      panel.mode = overGrab(panel) ? 'drag' : 'still';
      if (panel.mode === 'drag') {
        mouse('mousemove', {clientX: panel.cx, clientY: panel.cy});
        mouse('mousedown', {clientX: panel.cx, clientY: panel.cy});
      }
    }
    if (panel.mode === 'swipe') {
      call('swipe', panel.x, panel.y, p.y - panel.last, panel.first ? 1 : 0);
      panel.first = false;
      panel.last = p.y;
    } else if (panel.mode === 'drag') mouse('mousemove', t);
  }
  function panelEnd(t) {
    var at = {clientX: panel.cx, clientY: panel.cy};
    if (!panel.mode) { mouse('mousemove', at); mouse('mousedown', at); mouse('mouseup', at); }  // a tap
    else if (panel.mode === 'drag') mouse('mouseup', t);
    panel = null;
  }
  window.addEventListener('touchstart', function (e) {
    if (e.target !== canvas) return;
    if (e.touches.length === 1 && overPanel(local(e.touches[0]))) {
      var q = local(e.touches[0]);
      panel = {cx: e.touches[0].clientX, cy: e.touches[0].clientY, x: q.x, y: q.y, last: q.y, first: true, mode: null};
      e.stopPropagation();
      e.preventDefault();
    } else if (e.touches.length === 1) {
      var p = local(e.touches[0]);
      press = {x: p.x, y: p.y, timer: setTimeout(function () { call('press', p.x, p.y, 0, 0); press = null; }, 600)};
      mouse('mousemove', e.touches[0]);
      mouse('mousedown', e.touches[0]);
      finger = true;
      e.stopPropagation();
      e.preventDefault();
    } else {
      cancelPress();
      if (finger) mouse('mouseup', e.touches[0]), finger = false;
      pinch = pair(e.touches);
      e.stopPropagation();
      e.preventDefault();
    }
  }, {capture: true, passive: false});
  window.addEventListener('touchmove', function (e) {
    if (e.target !== canvas) return;
    if (panel && e.touches.length === 1) {
      panelMove(e.touches[0]);
      e.stopPropagation();
      e.preventDefault();
      return;
    }
    if (press && e.touches.length === 1) {
      var p = local(e.touches[0]);
      if (Math.hypot(p.x - press.x, p.y - press.y) > 10) cancelPress();
    }
    if (finger && e.touches.length === 1) {
      mouse('mousemove', e.touches[0]);
      e.stopPropagation();
      e.preventDefault();
    }
    if (e.touches.length >= 2 && pinch) {
      var now = pair(e.touches);
      if (pinch.d > 0 && now.d > 0) call('zoom', now.x, now.y, now.d / pinch.d, 0);
      call('pan', now.x, now.y, now.x - pinch.x, now.y - pinch.y);
      pinch = now;
      e.stopPropagation();
      e.preventDefault();
    }
  }, {capture: true, passive: false});
  function end(e) {
    if (e.target !== canvas) return;
    if (panel) {
      if (e.touches.length === 0) panelEnd(e.changedTouches[0]);
      e.stopPropagation();
      return;
    }
    cancelPress();
    if (finger && e.touches.length === 0) mouse('mouseup', e.changedTouches[0]), finger = false;
    if (e.touches.length < 2) pinch = null;
    e.stopPropagation();
  }
  window.addEventListener('touchend', end, true);
  window.addEventListener('touchcancel', end, true);
})();

// The wheel, in notches: Emscripten 3.1.6's GLFW hands the app raw pixel
// deltas (about 100 a notch, down positive), so the page normalises them by
// deltaMode and calls the app itself; GLFW's own listener never sees the event.
(function () {
  var canvas = document.getElementById('canvas');
  window.addEventListener('wheel', function (e) {
    if (e.target !== canvas) return;
    e.stopPropagation();
    e.preventDefault();
    if (!(window.Module && Module.calledRun)) return;
    var per = e.deltaMode === 0 ? 100 : e.deltaMode === 1 ? 3 : 1;
    var r = canvas.getBoundingClientRect(), s = canvas.width / Math.max(1, r.width);
    Module.ccall('flowlab_wheel', null, ['number', 'number', 'number'],
                 [-e.deltaY / per, (e.clientX - r.left) * s, (e.clientY - r.top) * s]);
  }, {capture: true, passive: false});
})();

// A link pasted into the address bar, Back and Forward change the hash of the
// running page: the app restores that state (its own writes use replaceState,
// which fires no hashchange).
window.addEventListener('hashchange', function () {
  if (window.Module && Module.calledRun)
    Module.ccall('flowlab_open_link', null, ['string'], [location.hash.substring(1, 1 << 20)]);
});

// A chosen CSV file: its size is checked before it is read (a data set is at
// most about a megabyte), and its text goes to the app through the heap, not
// the 5 MB stack that ccall's strings use.
function flowlabLoadFile(file) {
  if (!Module.ccall('flowlab_upload_size', 'number', ['string', 'number'], [file.name, file.size])) return;
  file.text().then(function (text) {
    var bytes = Module.lengthBytesUTF8(text) + 1, at = Module._malloc(bytes);
    Module.stringToUTF8(text, at, bytes);
    Module.ccall('flowlab_upload', null, ['string', 'number'], [file.name, at]);
    Module._free(at);
  });
}

// Tab moves the keyboard focus (into the canvas, and out again): Emscripten's
// GLFW would cancel it, so the page keeps Tab from reaching it.
window.addEventListener('keydown', function (e) {
  if (e.key === 'Tab') e.stopImmediatePropagation();
}, true);
