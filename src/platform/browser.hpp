#pragma once
// The tiny seam between the app and the page (web/index.html): the URL
// fragment, the loading overlay, notices, and the canvas size. Natively these
// are no-ops (the fragment comes from --link).
#include <cstddef>
#include <string>
#include <vector>

struct GLFWwindow;

namespace flowlab::platform {

std::string url_fragment();                        // location.hash without '#'
void replace_url_fragment(const std::string& f);   // history.replaceState, no new history entry
void show_notices(const std::vector<std::string>& notices);  // the page's notice box (empty hides it)
void loaded();                                     // hides the loading overlay
// The page's title, and the text summary kept for screen readers (an aria-live region).
void describe(const std::string& title, const std::string& summary);
void fatal(const std::string& message);            // shows why the app cannot run
// Sizes the canvas to its CSS box times the device pixel ratio (sharp on
// high-DPI screens), sets width and height to its size in pixels, and returns
// that ratio (1 natively). The page sets the canvas's size itself: Emscripten's
// glfwSetWindowSize asks for fullscreen when the size equals the screen's.
double fit_canvas(GLFWwindow* window, int& width, int& height);
// The share link: the page's address with `fragment` after the '#'.
void copy_link(const std::string& fragment);
// Offers a file to the user: in the browser a download, natively a file in the working folder.
void download_text(const std::string& filename, const std::string& text);
void download_canvas_png(const std::string& filename);  // call right after drawing, before the frame ends
void choose_csv_file();                             // the page calls flowlab_upload(name, text) when chosen
// Whether the page's primary pointer is a finger (CSS pointer: coarse); natively false.
bool touch_screen();
// A small value this browser keeps between visits (localStorage; natively none: every run is a first visit).
std::string stored(const char* key);
void store(const char* key, const char* value);
// Starts fetching the handwritten digits (site/digits.bin) once; the page hands them over through
// flowlab_digits. Natively a no-op: the program embeds them.
void fetch_digits();
// The bytes the page fetched (kept for the page's lifetime), or null where the download failed.
void set_fetched_digits(const unsigned char* bytes, std::size_t size);

}  // namespace flowlab::platform
