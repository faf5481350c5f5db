#include "browser.hpp"

#include <GLFW/glfw3.h>

#include <cstdio>
#include <fstream>

#include "core/data/digits.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>

// clang-format off
// Names the page shell (web/app_shell.js) shares are quoted, so a minifier that renames properties
// (Closure, --closure 1) keeps them.
EM_JS(char*, js_url_fragment, (), {
  return allocateUTF8(location.hash.substring(1));  /* the link parser decodes percent-escapes itself */
});
EM_JS(void, js_replace_fragment, (const char* f), {
  var text = UTF8ToString(f);
  history.replaceState(null, "", "#" + text);
  Module["flowlabLastGood"] = text; /* a frame of this state was drawn: what an out-of-memory abort reopens */
  /* embedded (ui=0): a small link opens the same scene with its controls */
  var open = document.getElementById("open-full");
  if (open) {
    var fields = text.split("&"), rest = fields.filter(function (kv) { return kv !== "ui=0"; });
    open.hidden = rest.length === fields.length;
    if (!open.hidden) open.href = location.href.split("#")[0] + "#" + rest.join("&");
  }
});
EM_JS(void, js_describe, (const char* title, const char* summary), {
  document.title = UTF8ToString(title) + " \u2014 Flowlab";
  var s = document.getElementById("summary");
  if (s) s.textContent = UTF8ToString(summary);
});
EM_JS(void, js_show_notice, (const char* text), {
  var box = document.getElementById('notice');
  if (!box) return;
  var t = UTF8ToString(text);
  if (Module["flowlabRecovered"]) t = Module["flowlabRecovered"] + (t ? "\n" + t : "");
  box.textContent = t;
  box.hidden = t.length === 0;
});
EM_JS(void, js_loaded, (), {
  var o = document.getElementById('overlay');
  if (o) o.hidden = true;
  /* reopened after running out of memory (web/app_shell.js): say so even when the app has no notice */
  var box = document.getElementById('notice');
  if (Module["flowlabRecovered"] && box && box.hidden) { box.textContent = Module["flowlabRecovered"]; box.hidden = false; }
});
EM_JS(int, js_touch_screen, (), {
  return window.matchMedia && window.matchMedia("(pointer: coarse)").matches ? 1 : 0;
});
EM_JS(char*, js_stored, (const char* key), {
  var v = null;
  try { v = window["localStorage"].getItem(UTF8ToString(key)); } catch (e) { /* storage off: every visit is a first */ }
  return allocateUTF8(v || "");
});
EM_JS(void, js_store, (const char* key, const char* value), {
  try { window["localStorage"].setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) { /* storage off */ }
});
EM_JS(void, js_fatal, (const char* text), {
  var o = document.getElementById('overlay');
  if (o) { o.hidden = false; o.classList.add('error'); o.textContent = UTF8ToString(text); }
});
EM_JS(void, js_copy_link, (const char* fragment), {
  var url = location.href.split("#")[0] + "#" + UTF8ToString(fragment);
  var told = function (text) {
    var box = document.getElementById("notice");
    if (!box || !box.hidden) return;  /* a notice is showing: leave it */
    box.textContent = text;
    box.hidden = false;
    setTimeout(function () { if (box.textContent === text) box.hidden = true; }, 2500);
  };
  if (navigator.clipboard && navigator.clipboard.writeText)
    navigator.clipboard.writeText(url).then(function () { told("Link copied"); },
                                            function () { told("The clipboard was refused: copy the link from the address bar"); });
  else told("No clipboard here: copy the link from the address bar");
});
EM_JS(double, js_fit_canvas, (int* width, int* height), {
  var c = Module["canvas"], r = c.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
  var w = Math.max(1, Math.round(r.width * dpr)), h = Math.max(1, Math.round(r.height * dpr));
  if (c.width !== w) c.width = w;
  if (c.height !== h) c.height = h;
  HEAP32[width >> 2] = w;
  HEAP32[height >> 2] = h;
  return dpr;
});
EM_JS(void, js_download_text, (const char* name, const char* text), {
  var a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([UTF8ToString(text)], {type: "text/csv"}));
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
});
EM_JS(void, js_download_png, (const char* name), {
  var a = document.createElement("a");
  a.href = Module["canvas"].toDataURL("image/png");
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
});
// Once; a failed download may be tried again by the next digits scene.
EM_JS(void, js_fetch_digits, (), {
  if (Module["flowlabDigits"]) return;
  Module["flowlabDigits"] = fetch("digits.bin").then(function (r) {
    if (!r.ok) throw new Error("digits.bin: " + r.status);
    return r.arrayBuffer();
  }).then(function (b) {
    var at = _malloc(b.byteLength);
    HEAPU8.set(new Uint8Array(b), at);
    if (!_flowlab_digits(at, b.byteLength)) {  // not the file's size: refused, and tried again next time
      _free(at);
      Module["flowlabDigits"] = null;
    }
  }).catch(function () {
    Module["flowlabDigits"] = null;
    _flowlab_digits(0, 0);
  });
});
EM_JS(void, js_choose_csv, (), {
  var input = document.createElement("input");
  input.type = "file";
  input.accept = ".csv,text/csv,text/plain";
  input.onchange = function () { if (input.files[0]) window["flowlabLoadFile"](input.files[0]); };
  input.click();
});
// clang-format on
#endif

namespace flowlab::platform {

#ifdef __EMSCRIPTEN__
std::string url_fragment() {
  char* s = js_url_fragment();
  std::string out(s);
  std::free(s);
  return out;
}
void replace_url_fragment(const std::string& f) { js_replace_fragment(f.c_str()); }
void show_notices(const std::vector<std::string>& notices) {
  std::string text;
  for (const auto& n : notices) text += (text.empty() ? "" : "\n") + n;
  js_show_notice(text.c_str());
}
void loaded() { js_loaded(); }
void describe(const std::string& title, const std::string& summary) { js_describe(title.c_str(), summary.c_str()); }
void fatal(const std::string& message) { js_fatal(message.c_str()); }
double fit_canvas(GLFWwindow*, int& width, int& height) { return js_fit_canvas(&width, &height); }
void copy_link(const std::string& fragment) { js_copy_link(fragment.c_str()); }
void download_text(const std::string& filename, const std::string& text) {
  js_download_text(filename.c_str(), text.c_str());
}
void download_canvas_png(const std::string& filename) { js_download_png(filename.c_str()); }
void choose_csv_file() { js_choose_csv(); }
bool touch_screen() { return js_touch_screen() != 0; }
std::string stored(const char* key) {
  char* s = js_stored(key);
  std::string out(s);
  std::free(s);
  return out;
}
void store(const char* key, const char* value) { js_store(key, value); }
namespace {
DigitsBytes g_digits;  // as the page fetched them
}  // namespace
void fetch_digits() { js_fetch_digits(); }
void set_fetched_digits(const unsigned char* bytes, std::size_t size) { g_digits = {bytes, size}; }
#else
void copy_link(const std::string& fragment) { std::printf("#%s\n", fragment.c_str()); }
void download_text(const std::string& filename, const std::string& text) {
  std::ofstream(filename, std::ios::binary) << text;
  std::printf("wrote %s\n", filename.c_str());
}
void download_canvas_png(const std::string& filename) { std::printf("PNG export: use --screenshot natively (%s)\n", filename.c_str()); }
void choose_csv_file() { std::printf("Load dataset: natively, start with --link 'preset=custom&pts=...'\n"); }
std::string url_fragment() { return {}; }
void replace_url_fragment(const std::string&) {}
void show_notices(const std::vector<std::string>& notices) {
  for (const auto& n : notices) std::fprintf(stderr, "%s\n", n.c_str());
}
void loaded() {}
void describe(const std::string&, const std::string&) {}
void fatal(const std::string&) {}
double fit_canvas(GLFWwindow* window, int& width, int& height) {
  glfwGetFramebufferSize(window, &width, &height);
  return 1.0;
}
bool touch_screen() { return false; }
std::string stored(const char*) { return {}; }
void store(const char*, const char*) {}
void fetch_digits() {}
void set_fetched_digits(const unsigned char*, std::size_t) {}
#endif

}  // namespace flowlab::platform

#ifdef __EMSCRIPTEN__
// The page's digits: fetched on first use, not embedded (core/data/digits.hpp). This definition
// keeps the archive's embedded copy out of the program.
flowlab::DigitsBytes flowlab::digits_source() { return platform::g_digits; }
#endif
