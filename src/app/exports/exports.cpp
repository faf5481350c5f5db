#include "exports.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "app/presets.hpp"
#include "app/share_link.hpp"
#include "core/data/csv.hpp"
#include "core/data/dataset.hpp"
#include "core/runtime/text_out.hpp"

namespace flowlab::app {
namespace {
constexpr std::size_t kMaxCsvBytes = 1 << 20;  // 256 points of dimension 64 take about 0.4 MB

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '-') out += '-';
    if (out.size() >= 40) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "scene" : out;
}

void rect_json(TextOut& o, const Rect& r) { o << '[' << r.x << ',' << r.y << ',' << r.w << ',' << r.h << ']'; }
}  // namespace

std::string export_name(const AppState& s, int preset, const std::string& what, const std::string& ext) {
  const std::string scene = preset >= 0 ? slug(kPresets[preset].name) : slug(s.preset + "-" + s.denoiser);
  char stamp[32] = "";
  const std::time_t t = std::time(nullptr);
  if (const std::tm* tm = std::localtime(&t)) std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", tm);
  return "flowlab-" + scene + (what.empty() ? "" : "-" + what) + "-" + stamp + "." + ext;
}

std::string particles_csv(const Simulation& sim) {
  TextOut out;
  const Eigen::Index d = sim.data().rows();
  out << "pane,denoiser";
  for (Eigen::Index i = 0; i < d; ++i) out << ",x" << i + 1;
  // Data without edge structure (clusters, digits, most custom data) are classified by Gu et al.'s
  // ratio: each particle's nearest training point (1-based) and the ratio, memorized or not.
  const bool ratio = sim.classifier() && !sim.classifier()->structured();
  out << ",class,vertex" << (ratio ? ",nearest,ratio\n" : "\n");
  for (int p = 0; p < sim.panes(); ++p) {
    const Pane& pane = sim.pane(p);
    const Classification& c = pane.classes;
    const bool classified = c.classes.size() == static_cast<std::size_t>(pane.particles.cols());
    const bool near = ratio && c.nearest.size() == static_cast<std::size_t>(pane.particles.cols());
    for (Eigen::Index j = 0; j < pane.particles.cols(); ++j) {
      const auto k = static_cast<std::size_t>(j);
      out << (p == 0 ? "left" : "right") << ',' << pane.denoiser_name;
      for (Eigen::Index i = 0; i < pane.particles.rows(); ++i) out << ',' << shortest(pane.particles(i, j));
      out << ',' << (classified ? to_string(c.classes[k]) : "") << ',';
      if (classified)  // 1-based data rows joined by ';', as `flowlab classify` writes them
        for (std::size_t v = c.vertex_start[k]; v < c.vertex_start[k + 1]; ++v)
          out << (v > c.vertex_start[k] ? ";" : "") << c.vertex_index[v] + 1;
      if (ratio) {
        out << ',';
        if (near) out << c.nearest[k] + 1 << ',' << shortest(c.ratio[k]);
        else out << ',';
      }
      out << '\n';
    }
  }
  return out.str();
}

std::string model_json(const Simulation& sim) {
  const auto& m = sim.training().model;
  return m && !m->nets.empty() ? to_json(*m) : std::string();
}

std::string data_csv(const Simulation& sim) {
  TextOut out;
  const Eigen::MatrixXd& X = sim.data();
  for (Eigen::Index n = 0; n < X.cols(); ++n)
    for (Eigen::Index i = 0; i < X.rows(); ++i) out << shortest(X(i, n)) << (i + 1 < X.rows() ? ',' : '\n');
  return out.str();
}

std::string file_refusal(const std::string& name, double bytes) {
  if (bytes <= static_cast<double>(kMaxCsvBytes)) return {};
  char size[32];
  std::snprintf(size, sizeof size, "%.1f MB", bytes / 1048576.0);
  return printable(name, 80) + " is " + size + ", too large for a data set (at most " + std::to_string(kMaxPoints) +
         " points of dimension up to " + std::to_string(kMaxDim) + ": " + std::to_string(kMaxCsvBytes >> 20) +
         " MB); nothing was loaded";
}

Result<Eigen::MatrixXd> read_points_file(const std::string& text, const std::string& name) {
  auto m = parse_points_csv(text, printable(name, 80));
  if (m && (m.value().rows() > kMaxDim || m.value().cols() > max_points_in(static_cast<int>(m.value().rows())))) {
    const auto d = static_cast<int>(m.value().rows());
    m = Error{printable(name, 80) + ": " + std::to_string(m.value().cols()) + " points of dimension " + std::to_string(d) +
              "; the page holds at most " + std::to_string(kMaxPoints) + " points, dimension up to " + std::to_string(kMaxDim) +
              ", " + std::to_string(kMaxCoordinates) + " coordinates in all" +
              (d <= kMaxDim ? " (" + std::to_string(max_points_in(d)) + " points of this dimension)" : std::string())};
  }
  if (m) {
    if (auto v = validate_points(m.value()); !v) m = Error{printable(name, 80) + ": " + v.message()};
  }
  return m;
}

std::string inspect_json(const InspectView& v) {
  const Layout& layout = v.layout;
  const Simulation& sim = v.sim;
  TextOut o;
  o << "{\"awaiting_digits\":" << (v.awaiting_digits ? "true" : "false");
  o << ",\"docked\":" << (layout.docked ? "true" : "false") << ",\"controls\":";
  rect_json(o, layout.controls);
  o << ",\"stats\":";
  rect_json(o, layout.stats);
  o << ",\"scene\":";
  rect_json(o, layout.scene);
  o << ",\"sheet\":" << v.sheet << ",\"bar\":";
  rect_json(o, layout.bar);
  o << ",\"sheet_rect\":";
  rect_json(o, layout.sheet);
  o << ",\"intro\":";
  rect_json(o, layout.intro);
  o << ",\"zoom\":" << v.state.zoom << ",\"playing\":" << (v.playing ? "true" : "false") << ",\"rects\":{";
  const auto& rects = v.widgets.rects();
  for (std::size_t i = 0; i < rects.size(); ++i) {
    o << (i ? "," : "") << '"' << rects[i].first << "\":";
    rect_json(o, rects[i].second);
  }
  o << "},\"clipped\":[";
  const auto& clipped = v.widgets.clipped_labels();
  for (std::size_t i = 0; i < clipped.size(); ++i) o << (i ? "," : "") << '"' << clipped[i] << '"';
  o << "],\"dropdowns\":[";
  const auto& dropdowns = v.widgets.dropdowns();  // our own labels and names: no quotes to escape
  for (std::size_t i = 0; i < dropdowns.size(); ++i)
    o << (i ? "," : "") << "{\"label\":\"" << dropdowns[i].label << "\",\"value\":\"" << dropdowns[i].value
      << "\",\"shown\":\"" << dropdowns[i].shown << "\"}";
  o << "],\"panes\":[";
  for (int p = 0; p < sim.panes(); ++p) {
    const Pane& pane = sim.pane(p);
    const Rect r = layout.pane(p, sim.panes());
    o << (p ? "," : "") << "{\"denoiser\":\"" << pane.denoiser_name << "\",\"rect\":";
    rect_json(o, r);
    o << ",\"engine\":\"" << v.engine << "\",\"particles\":" << pane.particles.cols()
      << ",\"steps\":" << (pane.flow ? pane.flow->report().steps : 0) << ",\"counts\":{";
    bool first = true;
    for (EndClass c : sim.classes()) {
      o << (first ? "" : ",") << '"' << to_string(c) << "\":" << pane.classes.counts[static_cast<int>(c)];
      first = false;
    }
    o << "},\"error\":" << (pane.error.empty() ? "false" : "true") << '}';
  }
  o << "],\"data\":[";
  const Eigen::MatrixXd& X = sim.data();
  for (Eigen::Index n = 0; n < X.cols(); ++n) {
    o << (n ? ",[" : "[");
    for (Eigen::Index i = 0; i < X.rows(); ++i) o << (i ? "," : "") << shortest(X(i, n));
    o << ']';
  }
  o << "],\"spawn\":[";
  for (std::size_t i = 0; i < v.state.spawn.size(); ++i) o << (i ? "," : "") << shortest(v.state.spawn[i]);
  std::string title_text;
  for (char c : printable(v.title, 200)) title_text += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  o << "],\"title\":\"" << title_text << "\",\"view\":\"" << v.view << "\",\"done\":" << (sim.done() ? "true" : "false")
    << ",\"training\":" << sim.training().progress() << ",\"probes\":[";
  const auto& probes = sim.training().probes;  // gd, sgd: [epoch, sharpness, memorized], the last 50
  for (std::size_t i = probes.size() > 50 ? probes.size() - 50 : 0, first_probe = i; i < probes.size(); ++i)
    o << (i == first_probe ? "[" : ",[") << probes[i].epoch << ',' << shortest(probes[i].sharpness) << ','
      << (std::isfinite(probes[i].memorized) ? shortest(probes[i].memorized) : "null") << ']';
  o << "]}";
  return o.str();
}

}  // namespace flowlab::app
