#include "core/denoisers/trained.hpp"

#include <cmath>
#include <limits>

#include "core/runtime/budget.hpp"
#include "core/data/csv.hpp"
#include "core/data/json.hpp"
#include "core/runtime/text_out.hpp"

namespace flowlab {

Result<TrainedModel> train_levels(const Eigen::Ref<const Eigen::MatrixXd>& X, const TrainOptions& o,
                                  const std::vector<double>& sigmas,
                                  const std::function<void(int, Trainer&)>& progress, const ShallowNet* start,
                                  TrainStop* stop, const std::atomic<bool>* cancel) {
  if (sigmas.empty()) return Error{"no noise level to train at"};
  for (std::size_t i = 0; i < sigmas.size(); ++i)
    if (!(sigmas[i] > 0) || !std::isfinite(sigmas[i]) || (i > 0 && !(sigmas[i] < sigmas[i - 1])))
      return Error{"the noise levels must be positive and strictly decreasing"};
  TrainedModel m;
  m.options = o;
  m.options.sigma = sigmas.front();
  for (std::size_t i = 0; i < sigmas.size(); ++i) {
    TrainOptions level = o;
    level.sigma = sigmas[i];
    auto t = Trainer::create(X, level, m.nets.empty() ? start : &m.nets.back());
    if (!t) return t.error();
    while (t.value().run(100)) {
      if (cancel && cancel->load()) return Error{"interrupted"};
      if (progress) progress(static_cast<int>(i), t.value());
    }
    if (!t.value().status()) {
      if (stop) *stop = {static_cast<int>(i), t.value().epoch()};
      return Error{"level sigma = " + format_number(sigmas[i]) + ": " + t.value().status().message()};
    }
    m.sigmas.push_back(sigmas[i]);
    m.nets.push_back(t.value().net());
    m.last.push_back(t.value().history().empty() ? EpochReport{} : t.value().history().back());
    const bool plain = t.value().plain_steps();
    m.sharpness.push_back(plain ? t.value().sharpness().value : NAN);
    m.smoothness.push_back(plain ? t.value().smoothness() : NAN);
  }
  return m;
}

namespace {
void write_array(TextOut& o, const double* v, Eigen::Index n) {
  o << '[';
  for (Eigen::Index i = 0; i < n; ++i) o << (i ? "," : "") << json::number_text(v[i]);
  o << ']';
}

Result<Eigen::MatrixXd> read_matrix(const json::Value& level, const char* key, Eigen::Index rows, Eigen::Index cols) {
  const auto a = level.find(key);
  if (a == level.end() || !a->is_array() || static_cast<Eigen::Index>(a->size()) != rows * cols)
    return Error{std::string("'") + key + "' must be an array of " + std::to_string(rows * cols) + " numbers"};
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows * cols; ++i) {
    const auto& x = (*a)[static_cast<std::size_t>(i)];
    if (!x.is_number() || !std::isfinite(x.get<double>()))
      return Error{std::string("'") + key + "' holds a value that is not a finite number (item " + std::to_string(i + 1) + ")"};
    m.data()[i] = x.get<double>();
  }
  return m;
}
}  // namespace

std::string to_json(const TrainedModel& m) {
  TextOut o;
  const TrainOptions& t = m.options;
  const auto d = m.nets.empty() ? 0 : m.nets.front().W.cols();
  const auto K = m.nets.empty() ? 0 : m.nets.front().width();
  o << "{\"format\":\"flowlab-model\",\"version\":1,\"d\":" << d << ",\"width\":" << K
    << ",\"training\":{\"trainer\":" << json::quote(t.trainer) << ",\"alpha\":" << json::number_text(t.alpha)
    << ",\"samples\":" << t.samples << ",\"lambda\":" << json::number_text(t.lambda) << ",\"lr\":" << json::number_text(t.lr)
    << ",\"epochs\":" << t.epochs << ",\"seed\":" << t.seed;
  if (t.trainer == "sgd") o << ",\"batch\":" << t.batch;
  o << "},\"levels\":[";
  for (std::size_t i = 0; i < m.nets.size(); ++i) {
    const ShallowNet& n = m.nets[i];
    o << (i ? "," : "") << "\n{\"sigma\":" << json::number_text(m.sigmas[i]);
    // Only finite numbers are JSON: a cost that overflowed (weights near 1e154) is left out, read back as 0.
    // A level without a record (NaN here) is left out the same way.
    const auto finite_field = [&](const char* key, double x) {
      if (std::isfinite(x)) o << ",\"" << key << "\":" << json::number_text(x);
    };
    const double absent = std::numeric_limits<double>::quiet_NaN();
    const bool has_last = i < m.last.size();
    finite_field("interpolation", has_last ? m.last[i].interpolation : absent);
    finite_field("cost", has_last ? m.last[i].cost : absent);
    finite_field("sharpness", i < m.sharpness.size() ? m.sharpness[i] : absent);
    finite_field("smoothness", i < m.smoothness.size() ? m.smoothness[i] : absent);
    o << ",\"W\":";
    write_array(o, n.W.data(), n.W.size());
    o << ",\"b\":";
    write_array(o, n.b.data(), n.b.size());
    o << ",\"A\":";
    write_array(o, n.A.data(), n.A.size());
    o << ",\"V\":";
    write_array(o, n.V.data(), n.V.size());
    o << ",\"c\":";
    write_array(o, n.c.data(), n.c.size());
    o << '}';
  }
  o << "]}\n";
  return o.str();
}

Result<TrainedModel> model_from_json(const std::string& text) {
  if (text.size() > budget::kMaxModelBytes)
    return Error{"the model file is " + std::to_string(text.size() >> 20) + " MiB; at most " +
                 std::to_string(budget::kMaxModelBytes >> 20) + " MiB are read"};
  auto parsed = json::parse(text);
  if (!parsed) return parsed.error();
  const json::Value& root = parsed.value();
  if (!root.is_object()) return Error{"not a Flowlab model (the file is not a JSON object)"};
  const auto format = root.find("format");
  if (format == root.end() || *format != "flowlab-model") return Error{"not a Flowlab model (no \"format\": \"flowlab-model\")"};
  auto version = json::integer(root, "version", 0, 0, 1000000);
  if (!version || version.value() != 1) return Error{"unknown model version (this Flowlab reads version 1)"};
  auto d = json::integer(root, "d", 0, 1, budget::kMaxDim), K = json::integer(root, "width", 0, 1, budget::kMaxWidth);
  if (!d || !K || d.value() < 1 || K.value() < 1)
    return Error{"the model's \"d\" must be an integer from 1 to " + std::to_string(budget::kMaxDim) +
                 " and its \"width\" one from 1 to " + std::to_string(budget::kMaxWidth)};
  const auto di = static_cast<Eigen::Index>(d.value()), Ki = static_cast<Eigen::Index>(K.value());
  TrainedModel m;
  if (const auto t = root.find("training"); t != root.end()) {
    if (!t->is_object()) return Error{"\"training\" must be an object"};
    const std::string where = "training: ";
    if (const auto tr = t->find("trainer"); tr != t->end()) {
      if (!tr->is_string() || (*tr != "adam" && *tr != "auglag" && *tr != "gd" && *tr != "sgd"))
        return Error{where + "\"trainer\" must be \"adam\", \"auglag\", \"gd\" or \"sgd\""};
      m.options.trainer = tr->get<std::string>();
    }
    auto alpha = json::number(*t, "alpha", 0), lambda = json::number(*t, "lambda", m.options.lambda),
         lr = json::number(*t, "lr", m.options.lr);
    auto samples = json::integer(*t, "samples", m.options.samples, 1, budget::kMaxSamples);
    auto epochs = json::integer(*t, "epochs", m.options.epochs, 0, budget::kMaxEpochs);
    auto batch = json::integer(*t, "batch", m.options.batch, 1, budget::kMaxSamples);
    for (const auto* r : {&alpha, &lambda, &lr})
      if (!*r) return Error{where + r->message()};
    for (const auto* r : {&samples, &epochs, &batch})
      if (!*r) return Error{where + r->message()};
    m.options.alpha = alpha.value(), m.options.lambda = lambda.value(), m.options.lr = lr.value();
    m.options.samples = static_cast<int>(samples.value()), m.options.epochs = static_cast<int>(epochs.value());
    m.options.batch = static_cast<int>(batch.value());
    if (const auto seed = t->find("seed"); seed != t->end()) {
      if (!seed->is_number_unsigned()) return Error{where + "\"seed\" must be an integer from 0 to 2^64-1"};
      m.options.seed = seed->get<std::uint64_t>();
    }
  }
  m.options.width = static_cast<int>(Ki);
  const auto levels = root.find("levels");
  if (levels == root.end() || !levels->is_array() || levels->empty()) return Error{"the model has no \"levels\""};
  for (std::size_t i = 0; i < levels->size(); ++i) {
    const json::Value& l = (*levels)[i];
    const std::string where = "level " + std::to_string(i + 1) + ": ";
    if (!l.is_object()) return Error{where + "not an object"};
    auto sigma = json::number(l, "sigma", NAN);
    if (!sigma || !(sigma.value() > 0) || (!m.sigmas.empty() && !(sigma.value() < m.sigmas.back())))
      return Error{where + "\"sigma\" must be positive, and the levels strictly decreasing"};
    auto interpolation = json::number(l, "interpolation", 0), cost = json::number(l, "cost", 0),
         sharp = json::number(l, "sharpness", NAN), smooth = json::number(l, "smoothness", NAN);
    for (const auto* r : {&interpolation, &cost, &sharp, &smooth})
      if (!*r) return Error{where + r->message()};
    ShallowNet n;
    auto W = read_matrix(l, "W", Ki, di), b = read_matrix(l, "b", Ki, 1), A = read_matrix(l, "A", di, Ki),
         V = read_matrix(l, "V", di, di), c = read_matrix(l, "c", di, 1);
    for (auto* r : {&W, &b, &A, &V, &c})
      if (!*r) return Error{where + r->message()};
    n.W = W.value(), n.b = b.value().col(0), n.A = A.value(), n.V = V.value(), n.c = c.value().col(0);
    m.sigmas.push_back(sigma.value());
    m.nets.push_back(std::move(n));
    m.last.push_back({0, 0, interpolation.value(), cost.value()});
    m.sharpness.push_back(sharp.value());
    m.smoothness.push_back(smooth.value());
  }
  m.options.sigma = m.sigmas.front();
  return m;
}

TrainedDenoiser::TrainedDenoiser(std::shared_ptr<const TrainedModel> model) : model_(std::move(model)) {}

TrainedDenoiser::Blend TrainedDenoiser::blend(double sigma) const {
  const auto& s = model_->sigmas;
  std::size_t hi = 0;  // the first level at or below sigma
  while (hi < s.size() && s[hi] > sigma) ++hi;
  if (hi == 0 || hi == s.size() || s[hi] == sigma) return {std::min(hi, s.size() - 1), 0, 0.0};
  const double t = std::log(s[hi - 1] / sigma) / std::log(s[hi - 1] / s[hi]);  // 0 at the upper level, 1 at the lower
  return {hi - 1, hi, t};
}

void TrainedDenoiser::vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma,
                          const Eigen::Ref<const Eigen::MatrixXd>& V, Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const {
  const Blend b = blend(sigma);
  model_->nets[b.upper].vjp(Y, V, out, ws);
  if (b.t == 0.0) return;
  auto other = ws.matrix(9, Y.rows(), Y.cols());
  model_->nets[b.lower].vjp(Y, V, other, ws);
  out = (1 - b.t) * out + b.t * other;
}

void TrainedDenoiser::apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
                            Workspace& ws) const {
  const Blend b = blend(sigma);
  model_->nets[b.upper].apply(Y, H, ws);
  if (b.t == 0.0) return;
  auto other = ws.matrix(8, Y.rows(), Y.cols());
  model_->nets[b.lower].apply(Y, other, ws);
  H = (1 - b.t) * H + b.t * other;
}

DenoiserForm TrainedDenoiser::form(double sigma) const {
  const Blend b = blend(sigma);
  DenoiserForm f;
  f.kind = DenoiserForm::Kind::network;
  f.net = b.t == 0.0 ? model_->nets[b.upper] : flowlab::blend(model_->nets[b.upper], 1 - b.t, model_->nets[b.lower], b.t);
  return f;
}

}  // namespace flowlab
