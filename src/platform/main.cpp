// The platform owns the window and the loop; the app gives one frame at a
// time. Natively: a GLFW window with GL 3.3 (for debugging; --frames N renders
// N frames and exits non-zero on GL errors, --link FRAGMENT restores a state).
// In the browser: WebGL2 on #canvas, driven by emscripten_set_main_loop_arg.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <algorithm>
#include <string>

#include "app/app.hpp"
#include "core/data/digits.hpp"
#include "browser.hpp"
#ifndef __EMSCRIPTEN__
#include "plot/png.hpp"
#endif
#include "render/font.hpp"
#include "render/gl.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#else
#define EMSCRIPTEN_KEEPALIVE
#endif

namespace {
constexpr const char* kGalleryKey = "flowlab-gallery";  // the browser's memory of the presets: "open" or "closed"
struct Loop;
Loop* g_loop = nullptr;  // for the page's calls into the app (flowlab_upload, flowlab_request)

struct Loop {
  GLFWwindow* window = nullptr;
  flowlab::app::App app;
  long frames_left = -1;
  std::string endpoints;  // --endpoints FILE: the endpoints CSV after the last frame (native)
  long gl_errors = 0;
  std::string screenshot;  // native: PNG of the last frame
  double frame_ms = 0.0;   // CPU time of the app's frame (simulation + drawing calls), smoothed
  double ui_scale = 0.0;   // the scale the UI is built for: the device pixel ratio times the link's scale=
  std::string last_link;
  bool last_done = false;
  std::vector<std::string> last_notices{"(none shown yet)"};
  bool gallery_open = false;  // as last stored
};

#ifndef __EMSCRIPTEN__
// The back buffer, bottom-up in GL, written top-down and opaque.
void save_screenshot(const std::string& path, int w, int h) {
  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4), out(px.size());
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  const std::size_t row = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(px.begin() + static_cast<std::ptrdiff_t>(y * row), row,
                out.begin() + static_cast<std::ptrdiff_t>((h - 1 - y) * row));
  for (std::size_t i = 3; i < out.size(); i += 4) out[i] = 255;
  if (!flowlab::plot::write_png(path, w, h, out)) std::fprintf(stderr, "cannot write %s\n", path.c_str());
}
#endif

// The scene and its legend (ImGui's background list), without the panels, as a
// PNG; then the panels over it, so the frame on screen is whole.
void render_ui(Loop& L, bool png, int w, int h) {
  ImDrawData* dd = ImGui::GetDrawData();
  if (!png) {
    ImGui_ImplOpenGL3_RenderDrawData(dd);
    return;
  }
  ImDrawData first = *dd, rest = *dd;
  const bool split = dd->CmdListsCount > 0 && dd->CmdLists[0] == ImGui::GetBackgroundDrawList();
  first.CmdListsCount = split ? 1 : 0;
  if (split) ImGui_ImplOpenGL3_RenderDrawData(&first);
  const std::string name = L.app.export_name("", "png");
#ifdef __EMSCRIPTEN__
  (void)w, (void)h;
  flowlab::platform::download_canvas_png(name);  // the frame's pixels are still there
#else
  save_screenshot(name, w, h);
  std::printf("wrote %s\n", name.c_str());
#endif
  rest.CmdLists = dd->CmdLists + first.CmdListsCount;
  rest.CmdListsCount = dd->CmdListsCount - first.CmdListsCount;
  ImGui_ImplOpenGL3_RenderDrawData(&rest);
}

void frame(void* arg) {
  Loop& L = *static_cast<Loop*>(arg);
  glfwPollEvents();
  int w = 1, h = 1;
  const double dpr = flowlab::platform::fit_canvas(L.window, w, h);
  const double scale = dpr * L.app.text_scale();
  if (scale != L.ui_scale) {  // the canvas is in device pixels: the UI's sizes and its type follow
    const bool first = L.ui_scale == 0.0;
    L.ui_scale = scale;
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.ScaleAllSizes(static_cast<float>(scale));
    ImGui::GetStyle() = style;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig font;
    font.FontDataOwnedByAtlas = false;  // the bytes are the program's own
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(flowlab::render::ui_font),
                                   static_cast<int>(flowlab::render::ui_font_size),
                                   flowlab::render::kUiFontPx * static_cast<float>(scale), &font);
    if (!first) {  // the first frame's NewFrame builds the texture with the rest
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    L.app.set_pixel_ratio(dpr, L.app.text_scale());
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();  // the canvas's own size, not GLFW's idea of the window
  io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  ImGui::NewFrame();
  const double t0 = glfwGetTime();
  L.app.frame(w, h);
  L.frame_ms = 0.9 * L.frame_ms + 0.1 * 1e3 * (glfwGetTime() - t0);
  ImGui::Render();
  const auto req = L.app.take_requests();
  render_ui(L, req.png, w, h);
#ifndef __EMSCRIPTEN__
  if (L.frames_left == 1 && !L.screenshot.empty()) save_screenshot(L.screenshot, w, h);  // --screenshot: native only
  if (L.frames_left == 1 && !L.endpoints.empty()) flowlab::platform::download_text(L.endpoints, L.app.particles_csv());
#endif
  if (req.particles_csv) flowlab::platform::download_text(L.app.export_name("endpoints", "csv"), L.app.particles_csv());
  if (req.data_csv) flowlab::platform::download_text(L.app.export_name("dataset", "csv"), L.app.data_csv());
  if (req.model && !L.app.model_json().empty())
    flowlab::platform::download_text(L.app.export_name("model", "json"), L.app.model_json());
  if (req.copy_link) flowlab::platform::copy_link(L.app.link());
  if (req.load_csv) flowlab::platform::choose_csv_file();
  if (req.digits) flowlab::platform::fetch_digits();
  glfwSwapBuffers(L.window);
  for (GLenum e = glGetError(); e != GL_NO_ERROR; e = glGetError()) {
    if (L.gl_errors++ < 10) std::fprintf(stderr, "GL error 0x%04x\n", e);
  }
  const std::string link = L.app.awaiting_digits() ? L.app.awaited_link() : L.app.link();  // a reload keeps what was asked for
  if (link != L.last_link || L.app.done() != L.last_done) {  // the title and the summary change with them
    if (link != L.last_link) flowlab::platform::replace_url_fragment(link);
    L.last_link = link;
    L.last_done = L.app.done();
    flowlab::platform::describe(L.app.title(), L.app.summary());
  }
  if (L.app.gallery_open() != L.gallery_open) {
    L.gallery_open = L.app.gallery_open();
    flowlab::platform::store(kGalleryKey, L.gallery_open ? "open" : "closed");
  }
  if (L.app.notices() != L.last_notices) {
    L.last_notices = L.app.notices();
    flowlab::platform::show_notices(L.app.notices());
  }
}
}  // namespace

extern "C" {
// Called by the page (web/app_shell.js, tests) with a chosen CSV file's contents.
EMSCRIPTEN_KEEPALIVE void flowlab_upload(const char* name, const char* text) {
  if (g_loop) g_loop->app.load_points_csv(text, name);
}
// Before reading a chosen file: 1 if a file of this size can be a data set, else 0 (and a notice).
EMSCRIPTEN_KEEPALIVE int flowlab_upload_size(const char* name, double bytes) {
  return g_loop && g_loop->app.accept_file(name, bytes) ? 1 : 0;
}
// The app's smoothed CPU milliseconds per frame (for bench/frame_time.js).
EMSCRIPTEN_KEEPALIVE double flowlab_frame_ms() { return g_loop ? g_loop->frame_ms : 0.0; }
// Whether canvas pixel (x, y) is over a panel: a finger there scrolls it or taps (web/app_shell.js).
EMSCRIPTEN_KEEPALIVE int flowlab_over_panel(double x, double y) { return g_loop && g_loop->app.over_panel(x, y) ? 1 : 0; }
// Whether canvas pixel (x, y) is on a slider's grab: only there does a finger's horizontal drag move it.
EMSCRIPTEN_KEEPALIVE int flowlab_over_grab(double x, double y) { return g_loop && g_loop->app.over_grab(x, y) ? 1 : 0; }
// Touch gestures recognised by web/app_shell.js, in canvas pixels: "zoom", "pan", "press", "swipe".
EMSCRIPTEN_KEEPALIVE void flowlab_gesture(const char* kind, double x, double y, double value, double value2) {
  if (g_loop) g_loop->app.gesture(kind, x, y, value, value2);
}
// The wheel, normalised by the page to notches (positive: up), at canvas pixel (x, y).
EMSCRIPTEN_KEEPALIVE void flowlab_wheel(double notches, double x, double y) {
  if (g_loop) g_loop->app.wheel(notches, x, y);
}
// A link opened in the running page (hashchange: the address bar, Back, Forward).
EMSCRIPTEN_KEEPALIVE void flowlab_open_link(const char* fragment) {
  if (!g_loop) return;
  g_loop->app.open_link(fragment);
  g_loop->last_link.clear();  // the address shows what was restored, even where that equals the state before
}
// The handwritten digits the page fetched (js_fetch_digits): malloc'ed and kept where they are the
// file's (1797 rows of 65 bytes); null where the download failed. 0: refused (the page frees them
// and the next digits scene fetches again).
EMSCRIPTEN_KEEPALIVE int flowlab_digits(const unsigned char* bytes, double size) {
  const bool ok = bytes && size == static_cast<double>(flowlab::kDigitRows) * (flowlab::kDigitPixels + 1);
  if (ok) flowlab::platform::set_fetched_digits(bytes, static_cast<std::size_t>(size));
  if (g_loop) g_loop->app.digits_arrived(ok);
  return ok ? 1 : 0;
}
// Same as the export buttons: "png", "particles", "data", "copy", "load", "model", "undo", "redo", "fit", "replay",
// "split-steps" (tests).
EMSCRIPTEN_KEEPALIVE void flowlab_request(const char* what) {
  if (g_loop) g_loop->app.request(what);
}
// The paper's curve in the statistics window, as JSON (for tests: what the page computed).
EMSCRIPTEN_KEEPALIVE const char* flowlab_curve() {
  static std::string text;
  text = g_loop ? g_loop->app.curve_json() : "{}";
  return text.c_str();
}
// The layout, named widgets and the panes' classes, as JSON (for tests: what the page shows).
EMSCRIPTEN_KEEPALIVE const char* flowlab_inspect() {
  static std::string text;
  text = g_loop ? g_loop->app.inspect_json() : "{}";
  return text.c_str();
}
}

int main(int argc, char** argv) {
  static Loop loop;
  g_loop = &loop;
  std::string fragment = flowlab::platform::url_fragment();
  std::string request;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--link")) fragment = argv[i + 1];
    else if (!std::strcmp(argv[i], "--frames")) loop.frames_left = std::atol(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--screenshot")) loop.screenshot = argv[i + 1];
    else if (!std::strcmp(argv[i], "--endpoints")) loop.endpoints = argv[i + 1];
    else if (!std::strcmp(argv[i], "--request")) request = argv[i + 1];  // as the page's flowlab_request
  }
  if (!glfwInit()) {
    flowlab::platform::fatal("Flowlab could not start its window system.");
    std::fprintf(stderr, "glfwInit failed\n");
    return 1;
  }
#ifndef __EMSCRIPTEN__
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
#endif
  loop.window = glfwCreateWindow(1280, 800, "Flowlab", nullptr, nullptr);
  if (!loop.window) {
    flowlab::platform::fatal("This browser cannot create a WebGL2 context, which Flowlab needs. "
                             "Try a current Chrome, Firefox or Safari, with hardware acceleration on.");
    std::fprintf(stderr, "could not create a GL 3.3 / WebGL2 window\n");
    return 1;
  }
  glfwMakeContextCurrent(loop.window);
  glfwSwapInterval(1);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the link, not a file, holds the state
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(loop.window, true);
#ifdef __EMSCRIPTEN__
  ImGui_ImplOpenGL3_Init("#version 300 es");
#else
  ImGui_ImplOpenGL3_Init("#version 330 core");
#endif
  if (!loop.app.init(fragment)) {
    flowlab::platform::fatal("Flowlab's shaders did not compile: " + loop.app.gl_error());
    std::fprintf(stderr, "%s\n", loop.app.gl_error().c_str());
    return 1;
  }
  loop.app.set_touch(flowlab::platform::touch_screen());
  // The presets open on a first visit, and stay as the reader last left them (kGalleryKey).
  if (flowlab::platform::stored(kGalleryKey) != "closed") loop.app.open_gallery();
  if (!request.empty()) loop.app.request(request);
  flowlab::platform::loaded();
#ifdef __EMSCRIPTEN__
  emscripten_set_main_loop_arg(frame, &loop, 0, true);
#else
  while (!glfwWindowShouldClose(loop.window) && loop.frames_left != 0) {
    frame(&loop);
    if (loop.frames_left > 0) --loop.frames_left;
  }
  loop.app.shutdown();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(loop.window);
  glfwTerminate();
  if (loop.gl_errors) std::fprintf(stderr, "%ld GL errors\n", loop.gl_errors);
  return loop.gl_errors ? 1 : 0;
#endif
}
