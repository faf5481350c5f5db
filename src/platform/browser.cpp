#include "browser.hpp"

#include <GLFW/glfw3.h>

#include <cstdio>
#include <fstream>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>

// clang-format off
EM_JS(char*, js_url_fragment, (), {
  return allocateUTF8(location.hash.substring(1));  /* the link parser decodes percent-escapes itself */
});
EM_JS(void, js_replace_fragment, (const char* f), {
  history.replaceState(null, "", "#" + UTF8ToString(f));
});
EM_JS(void, js_show_notice, (const char* text), {
  var box = document.getElementById('notice');
  if (!box) return;
  var t = UTF8ToString(text);
  box.textContent = t;
  box.hidden = t.length === 0;
});
EM_JS(void, js_loaded, (), {
  var o = document.getElementById('overlay');
  if (o) o.hidden = true;
});
EM_JS(void, js_fatal, (const char* text), {
  var o = document.getElementById('overlay');
  if (o) { o.hidden = false; o.classList.add('error'); o.textContent = UTF8ToString(text); }
});
EM_JS(void, js_copy, (const char* text), {
  var t = UTF8ToString(text);
  if (navigator.clipboard) navigator.clipboard.writeText(t).catch(function () {});
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
  a.href = Module.canvas.toDataURL("image/png");
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
});
EM_JS(void, js_choose_csv, (), {
  var input = document.createElement("input");
  input.type = "file";
  input.accept = ".csv,text/csv,text/plain";
  input.onchange = function () {
    var f = input.files[0];
    if (!f) return;
    f.text().then(function (text) { Module.ccall("flowlab_upload", null, ["string", "string"], [f.name, text]); });
  };
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
  for (const auto& n : notices) text += (text.empty() ? "Link: " : "; ") + n;
  js_show_notice(text.c_str());
}
void loaded() { js_loaded(); }
void fatal(const std::string& message) { js_fatal(message.c_str()); }
double fit_canvas(GLFWwindow* window) {
  double w = 0, h = 0;
  emscripten_get_element_css_size("#canvas", &w, &h);
  const double dpr = emscripten_get_device_pixel_ratio();
  const int pw = static_cast<int>(w * dpr + 0.5), ph = static_cast<int>(h * dpr + 0.5);
  int cw = 0, ch = 0;
  glfwGetWindowSize(window, &cw, &ch);
  if (pw != cw || ph != ch) glfwSetWindowSize(window, pw, ph);  // canvas pixels; CSS keeps the box
  return dpr;
}
void copy_to_clipboard(const std::string& text) { js_copy(text.c_str()); }
void download_text(const std::string& filename, const std::string& text) {
  js_download_text(filename.c_str(), text.c_str());
}
void download_canvas_png(const std::string& filename) { js_download_png(filename.c_str()); }
void choose_csv_file() { js_choose_csv(); }
#else
void copy_to_clipboard(const std::string& text) { std::printf("%s\n", text.c_str()); }
void download_text(const std::string& filename, const std::string& text) {
  std::ofstream(filename, std::ios::binary) << text;
  std::printf("wrote %s\n", filename.c_str());
}
void download_canvas_png(const std::string& filename) { std::printf("PNG export: use --screenshot natively (%s)\n", filename.c_str()); }
void choose_csv_file() { std::printf("Load dataset: natively, start with --link 'preset=custom&pts=...'\n"); }
std::string url_fragment() { return {}; }
void replace_url_fragment(const std::string&) {}
void show_notices(const std::vector<std::string>&) {}
void loaded() {}
void fatal(const std::string&) {}
double fit_canvas(GLFWwindow*) { return 1.0; }
#endif

}  // namespace flowlab::platform
