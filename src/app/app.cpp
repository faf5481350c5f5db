#include "app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "budget_fit.hpp"
#include "core/data/digits.hpp"
#include "engine/gpu_engine.hpp"
#include "exports/exports.hpp"
#include "presets.hpp"

namespace flowlab::app {

void App::gesture(const std::string& kind, double x, double y, double value, double value2) {
  if (kind == "swipe") {
    if (std::isfinite(value)) panels_.swipe(static_cast<float>(x), static_cast<float>(y), static_cast<float>(value), value2 != 0);
  } else {
    input_.gesture(kind, x, y, value, value2);
  }
}

bool App::over_panel(double px, double py) const {
  const float x = static_cast<float>(px), y = static_cast<float>(py);
  if (!state_.show_ui) return false;
  if (layout_.docked)
    return layout_.tab.contains(x, y) || ((layout_.tab.w == 0 || panels_.tab_open()) && layout_.controls.contains(x, y)) ||
           layout_.stats.contains(x, y);
  return layout_.bar.contains(x, y) || (panels_.sheet() != 0 && layout_.sheet.contains(x, y));
}

void App::set_pixel_ratio(double dpr, double scale) {
  dpr_ = static_cast<float>(dpr);
  marks_ = static_cast<float>(dpr * scale);
  input_.set_pixel_ratio(marks_);  // bigger markers: a bigger radius to pick them
}

App::Requests App::take_requests() {
  Requests r = requests_;
  requests_ = Requests{};
  return r;
}

void App::request(const std::string& what) {
  Commands c;
  if (what == "png") c.png = true;
  else if (what == "particles") c.particles_csv = true;
  else if (what == "data") c.data_csv = true;
  else if (what == "copy") c.copy_link = true;
  else if (what == "load") c.load_csv = true;
  else if (what == "model") c.model = true;
  else if (what == "fit") c.fit = true;
  else if (what == "open-all") widgets_.open_all();
  else if (what == "undo") c.undo = true;
  else if (what == "redo") c.redo = true;
  else if (what == "replay") c.reset = c.play_after_reset = true;  // as the Replay button
  else if (what == "split-steps") set_gpu_range_cap(512);  // tests: every GPU step split over frames
  else if (what.rfind("preset", 0) == 0 && what.size() == 7 && what[6] >= '0' &&
           what[6] < static_cast<char>('0' + std::size(kPresets)))  // as a click on preset N
    c.preset = what[6] - '0';
  else if (what.rfind("curve", 0) == 0 && what.size() == 6 && what[5] >= '0' && what[5] <= '4')  // a paper's curve
    c.curve = what[5] - '0';
  apply(c);
}

void App::apply(const Commands& c) {
  if (c.undo || c.redo) {
    if (auto l = c.undo ? history_.undo() : history_.redo()) {
      state_ = last_valid_ = from_fragment(*l).state;
      awaiting_.reset();  // the scene undone to wins over digits still downloading
    }
  }
  if (c.toggle_play) playing_ = !playing_;
  if (c.step) step(1, 1e300);
  if (c.pause) playing_ = false;
  if (c.reset) {
    sim_.reset();
    for (auto& v : views_) v->restart();
    if (c.play_after_reset) playing_ = true;
  }
  if (c.fit) fit_pending_ = true;
  if (c.toggle_keys) panels_.toggle_keys();
  if (c.close_keys) panels_.close_keys();
  if (c.toggle_training) sim_.pause_training(!sim_.training_paused());
  if (c.preset >= 0) {
    restore(from_fragment(kPresets[c.preset].link), "Preset");
    preset_ = c.preset;
    history_.record(link());
  }
  if (c.curve >= 0) curves_.start(c.curve);
  requests_.copy_link |= c.copy_link, requests_.png |= c.png, requests_.particles_csv |= c.particles_csv;
  requests_.data_csv |= c.data_csv, requests_.load_csv |= c.load_csv, requests_.model |= c.model;
}

bool App::await_digits(const LinkRead& r, const char* source) {
  if (r.state.preset != "digits" || digits_available()) return false;
  awaiting_ = std::make_unique<Awaiting>(Awaiting{r, source, to_fragment(r.state)});
  requests_.digits = true;
  notices_ = {std::string(source) + ": downloading the handwritten digits (about 46 KB)..."};
  return true;
}

void App::digits_arrived(bool ok) {
  if (!awaiting_) return;
  const std::unique_ptr<Awaiting> a = std::move(awaiting_);
  if (!ok) {
    notices_ = {a->source + ": the handwritten digits could not be downloaded (digits.bin); the scene and the address "
                "stay as they were, and the next digits scene tries again"};
    return;
  }
  restore(a->read, a->source.c_str());
  sim_.apply(state_);  // now, as init does: a restart in the frame would set it playing whatever play= says
  for (auto& sv : views_) sv->restart();
  playing_ = state_.play;
  if (a->opens_page) history_.reset(link());
  else history_.record(link());
}

void App::restore(const LinkRead& r, const char* source) {
  if (await_digits(r, source)) return;
  awaiting_.reset();  // a later link wins over one still waiting
  state_ = last_valid_ = r.state;
  notices_.clear();
  for (const auto& n : r.notices) notices_.push_back(std::string(source) + ": " + n);
  for (const auto& n : r.budget) notices_.push_back(std::string(source) + ": " + n);
  if (auto d = dataset_for(state_); !d) {  // fields each in range, together no data: the default data
    notices_.push_back(std::string(source) + ": " + d.message() + "; using the default data");
    const AppState def;
    state_.preset = def.preset, state_.n = def.n, state_.d = def.d, state_.angle = def.angle, state_.length = def.length;
    state_.per_ray = def.per_ray, state_.points.clear(), state_.spawn.clear();
    last_valid_ = state_;
  }
  fit_pending_ = !r.view_given;
}

bool App::init(const std::string& fragment) {
  // Where the GPU path works, a link may ask for its particle limit (budget_fit.hpp).
  for (const auto& e : engines_)
    if (std::string(e->name()) == "gpu") set_gpu_path(e->available());
  restore(from_fragment(fragment), "Link");
  if (awaiting_) awaiting_->opens_page = true;
  playing_ = state_.play;
  history_.reset(link());
  sim_.apply(state_);
  for (auto& v : views_)
    if (!v->init(gl_error_)) return false;
  return true;
}

void App::open_link(const std::string& fragment) {
  const LinkRead r = from_fragment(fragment);
  if (r.state == state_) {  // our own link, written back; or, while digits download, back to the scene shown
    awaiting_.reset();
    return;
  }
  restore(r, "Link");
  preset_ = -1;
  history_.record(link());
}

void App::shutdown() {
  for (auto& v : views_) v->shutdown();
}

SceneView& App::view() const {
  for (auto& v : views_)
    if (v->accepts(state_, sim_)) return *v;
  return *views_.back();
}

void App::step(int steps, double budget_ms) {
  Engine& e = engine();
  if (last_engine_ && last_engine_ != &e) last_engine_->sync(sim_);  // the particles where the other left them
  last_engine_ = &e;
  stepped_by_ = e.name();
  if (std::string(e.name()) != "gpu" && gpu_may_step(state_)) {  // the GPU refused this scene: the CPU's limits
    const auto lowered = fit_to_budget(state_, false);
    for (const auto& n : lowered) notices_.push_back("The GPU path cannot step this scene: " + n);
    last_valid_ = state_;
    if (!lowered.empty() && sim_.apply(state_)) return;  // fewer particles: the run starts again
  }
  e.step(sim_, steps, budget_ms);
  for (const auto& other : engines_)  // an engine asked for that cannot run says why, once
    if (const std::string& n = other->notice(); !n.empty() && std::find(notices_.begin(), notices_.end(), n) == notices_.end())
      notices_.push_back(n);
}

Engine& App::engine() {
  for (auto& e : engines_)
    if (e->accepts(state_, sim_)) return *e;
  return *engines_.back();
}

void App::check_edits() {
  // Keep edits inside the ranges a link accepts (the same validation as a shared link):
  // an out-of-range edit, or one that makes no data, is undone, and a notice says why.
  if (awaiting_ && !(state_ == last_valid_)) awaiting_.reset();  // an edit of the scene shown wins over digits still downloading
  const LinkRead checked = from_fragment(to_fragment(state_), "the previous value is kept");
  std::vector<std::string> why = checked.notices;
  static const std::initializer_list<const char*> data_keys = {"preset", "n", "d", "angle", "length", "per", "dseed", "pts", "dcls"};
  if (why.empty() && fragment_of(checked.state, data_keys) != fragment_of(last_valid_, data_keys)) {
    if (await_digits(checked, "Edit")) {  // the scene before stays until they arrive
      state_ = last_valid_;
      return;
    }
    if (auto d = dataset_for(checked.state); !d) why.push_back(d.message() + "; the previous data are kept");
  }
  if (why.empty()) {
    state_ = checked.state;  // lowered where it was over the budget, and said so
    for (const auto& w : checked.budget)  // once, however many frames a slider is dragged over the budget
      if (std::find(notices_.begin(), notices_.end(), "Edit adjusted: " + w) == notices_.end())
        notices_.push_back("Edit adjusted: " + w);
  } else {
    state_ = last_valid_;
    for (const auto& w : why) notices_.push_back("Edit not applied: " + w);
  }
  last_valid_ = state_;
}

void App::frame(int width, int height) {
  now_ = ImGui::GetTime();
  layout_ = layout_for(static_cast<float>(width), static_cast<float>(height), ImGui::GetFontSize(), state_.show_ui, dpr_,
                       panels_.sheet() != 0, panels_.sheet_share(), panels_.intro_height(), sim_.panes());
  widgets_.begin_frame();
  // Input.
  apply(input_.keys());
  if (view().pointer_edits()) input_.mouse();  // an image view has no plane to drag or click in
  // Train, and step: a slice of training per frame, so the page never freezes; at most ~30 ms of
  // steps a frame (the page's budget): speed only sets how fast the flow is shown.
  sim_.train(8.0);
  curves_.step();
  bool moved = false;
  if (playing_ && !sim_.done()) {
    step_debt_ += state_.speed;
    const int steps = static_cast<int>(step_debt_);
    step_debt_ -= steps;
    if (steps > 0) step(steps, 30.0), moved = true;
  }
  // Standing still (paused, speed 0, or done): the particles and classes as the screen shows them.
  if ((!playing_ || state_.speed <= 0 || sim_.done()) && last_engine_) last_engine_->sync(sim_);
  // Draw.
  projector_.update();
  SceneView& v = view();
  const SceneFrame f{width, height, now_, marks_, moved};
  v.draw(f);
  overlay_.draw(scene_, v, f, state_.show_ui ? std::string() : title(), widgets_);
  // UI.
  Commands asked;
  PanelContext panels{state_, sim_, history_, layout_, widgets_, curves_, asked, panels_.pending_swipe(), panels_.gallery(),
                      dpr_, touch_, playing_, preset_};
  panels_.draw(panels, describer_);
  widgets_.end_frame();
  // Apply: what the panels asked for, the edits checked, then the simulation follows the state.
  apply(asked);
  check_edits();
  history_.observe(link(), now_);
  if (sim_.apply(state_)) {
    playing_ = true;
    for (auto& sv : views_) sv->restart();
  }
  // After apply: the fit sees the new data, panes and noise level; the next frame draws it.
  if (fit_pending_ && sim_.data().cols() > 0) projector_.update(), input_.fit_view(), fit_pending_ = false;
}

std::string App::particles_csv() const { return app::particles_csv(sim_); }
std::string App::data_csv() const { return app::data_csv(sim_); }
std::string App::model_json() const { return app::model_json(sim_); }

std::string App::export_name(const std::string& what, const std::string& ext) const {
  return app::export_name(state_, preset_, what, ext);
}

std::string App::inspect_json() const {
  return app::inspect_json({state_, sim_, layout_, widgets_, panels_.sheet(), playing_, title(), view().name(), stepped_by_,
                            awaiting_digits()});
}

bool App::accept_file(const std::string& name, double bytes) {
  const std::string why = file_refusal(name, bytes);
  if (!why.empty()) notices_.push_back("Load dataset: " + why);
  return why.empty();
}

void App::load_points_csv(const std::string& text, const std::string& name) {
  if (!accept_file(name, static_cast<double>(text.size()))) return;
  const auto m = read_points_file(text, name);
  if (!m) {
    notices_.push_back("Load dataset: " + m.message());
    return;
  }
  state_.d = static_cast<int>(m.value().rows());
  state_.points.assign(m.value().data(), m.value().data() + m.value().size());
  state_.preset = "custom";
  preset_ = -1;
  fit_pending_ = true;
  history_.record(link());
}

}  // namespace flowlab::app
