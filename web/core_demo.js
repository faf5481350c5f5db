// Glue between the page and the WASM core's C API (src/platform/core_bindings.cpp).
var Module = {
  onRuntimeInitialized: function () {
    var status = document.getElementById('status');
    status.textContent = 'Core ready: ' + Module.ccall('flowlab_version', 'string', [], []);
    document.getElementById('form').hidden = false;
  },
  setStatus: function (text) {
    if (text) document.getElementById('status').textContent = text;  // download progress
  },
};

function coreFailed() {
  var status = document.getElementById('status');
  status.textContent = 'The WebAssembly core could not be loaded (flowlab_core_web.js).';
  status.className = 'status error';
}

document.getElementById('form').addEventListener('submit', function (ev) {
  ev.preventDefault();
  var f = ev.target.elements;
  var t0 = performance.now();
  var out = Module.ccall('flowlab_experiment', 'string',
    ['number', 'number', 'number', 'number', 'number', 'number', 'number', 'number'],
    [+f.n.value, +f.d.value, +f.inits.value, +f.flow.value, 0, 0, +f.steps.value, +f.seed.value]);
  var ms = performance.now() - t0;
  var status = document.getElementById('status');
  if (out.indexOf('error:') === 0) {
    status.textContent = out;
    status.className = 'status error';
    return;
  }
  status.className = 'status';
  var cells = out.trim().split('\n')[1].split(',');
  var row = document.createElement('tr');
  cells.concat([ms.toFixed(1) + ' ms']).forEach(function (c) {
    var td = document.createElement('td');
    td.textContent = isNaN(+c) ? c : (+c).toFixed(3);
    row.appendChild(td);
  });
  var table = document.getElementById('result');
  table.tBodies[0].prepend(row);
  table.hidden = false;
});
