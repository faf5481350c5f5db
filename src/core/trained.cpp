#include "trained.hpp"

#include <cmath>
#include <sstream>

#include "csv.hpp"
#include "json.hpp"

namespace flowlab {

Result<TrainedModel> train_levels(const Eigen::Ref<const Eigen::MatrixXd>& X, const TrainOptions& o,
                                  const std::vector<double>& sigmas,
                                  const std::function<void(int, const Trainer&)>& progress, const ShallowNet* start) {
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
    while (t.value().run(100))
      if (progress) progress(static_cast<int>(i), t.value());
    if (!t.value().status()) return Error{"level sigma = " + format_number(sigmas[i]) + ": " + t.value().status().message()};
    m.sigmas.push_back(sigmas[i]);
    m.nets.push_back(t.value().net());
    m.last.push_back(t.value().history().empty() ? EpochReport{} : t.value().history().back());
  }
  return m;
}

namespace {
void write_array(std::ostream& o, const double* v, Eigen::Index n) {
  o << '[';
  for (Eigen::Index i = 0; i < n; ++i) o << (i ? "," : "") << format_number(v[i]);
  o << ']';
}

Result<Eigen::MatrixXd> read_matrix(const json::Value& level, const char* key, Eigen::Index rows, Eigen::Index cols) {
  const json::Value* a = level.get(key);
  if (!a || a->type != json::Value::Type::array || static_cast<Eigen::Index>(a->array.size()) != rows * cols)
    return Error{std::string("'") + key + "' must be an array of " + std::to_string(rows * cols) + " numbers"};
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows * cols; ++i) {
    const auto& x = a->array[static_cast<std::size_t>(i)];
    if (x.type != json::Value::Type::number || !std::isfinite(x.number))
      return Error{std::string("'") + key + "' holds a value that is not a finite number"};
    m.data()[i] = x.number;
  }
  return m;
}

double number_or(const json::Value& v, const char* key, double fallback) {
  const json::Value* x = v.get(key);
  return x && x->type == json::Value::Type::number ? x->number : fallback;
}
}  // namespace

std::string to_json(const TrainedModel& m) {
  std::ostringstream o;
  const TrainOptions& t = m.options;
  const auto d = m.nets.empty() ? 0 : m.nets.front().W.cols();
  const auto K = m.nets.empty() ? 0 : m.nets.front().width();
  o << "{\"format\":\"flowlab-model\",\"version\":1,\"d\":" << d << ",\"width\":" << K
    << ",\"training\":{\"trainer\":\"" << t.trainer << "\",\"alpha\":" << format_number(t.alpha)
    << ",\"samples\":" << t.samples << ",\"lambda\":" << format_number(t.lambda) << ",\"lr\":" << format_number(t.lr)
    << ",\"epochs\":" << t.epochs << ",\"seed\":" << t.seed << "},\"levels\":[";
  for (std::size_t i = 0; i < m.nets.size(); ++i) {
    const ShallowNet& n = m.nets[i];
    o << (i ? "," : "") << "\n{\"sigma\":" << format_number(m.sigmas[i]);
    if (i < m.last.size())
      o << ",\"interpolation\":" << format_number(m.last[i].interpolation) << ",\"cost\":" << format_number(m.last[i].cost);
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
  auto parsed = json::parse(text);
  if (!parsed) return parsed.error();
  const json::Value& root = parsed.value();
  const json::Value* format = root.get("format");
  if (!format || format->string != "flowlab-model") return Error{"not a Flowlab model (no \"format\": \"flowlab-model\")"};
  if (number_or(root, "version", 0) != 1) return Error{"unknown model version (this Flowlab reads version 1)"};
  const double d = number_or(root, "d", 0), K = number_or(root, "width", 0);
  if (!(d >= 1 && d <= 4096 && d == std::floor(d)) || !(K >= 1 && K <= 1e6 && K == std::floor(K)))
    return Error{"the model's \"d\" and \"width\" must be positive integers"};
  const auto di = static_cast<Eigen::Index>(d), Ki = static_cast<Eigen::Index>(K);
  TrainedModel m;
  if (const json::Value* t = root.get("training")) {
    if (const json::Value* tr = t->get("trainer")) m.options.trainer = tr->string;
    m.options.alpha = number_or(*t, "alpha", 0);
    m.options.samples = static_cast<int>(number_or(*t, "samples", m.options.samples));
    m.options.lambda = number_or(*t, "lambda", m.options.lambda);
    m.options.lr = number_or(*t, "lr", m.options.lr);
    m.options.epochs = static_cast<int>(number_or(*t, "epochs", m.options.epochs));
    m.options.seed = static_cast<std::uint64_t>(number_or(*t, "seed", 1));
  }
  m.options.width = static_cast<int>(K);
  const json::Value* levels = root.get("levels");
  if (!levels || levels->type != json::Value::Type::array || levels->array.empty())
    return Error{"the model has no \"levels\""};
  for (std::size_t i = 0; i < levels->array.size(); ++i) {
    const json::Value& l = levels->array[i];
    const std::string where = "level " + std::to_string(i + 1) + ": ";
    const double sigma = number_or(l, "sigma", NAN);
    if (!(sigma > 0) || !std::isfinite(sigma) || (!m.sigmas.empty() && !(sigma < m.sigmas.back())))
      return Error{where + "\"sigma\" must be positive, and the levels strictly decreasing"};
    ShallowNet n;
    auto W = read_matrix(l, "W", Ki, di), b = read_matrix(l, "b", Ki, 1), A = read_matrix(l, "A", di, Ki),
         V = read_matrix(l, "V", di, di), c = read_matrix(l, "c", di, 1);
    for (auto* r : {&W, &b, &A, &V, &c})
      if (!*r) return Error{where + r->message()};
    n.W = W.value(), n.b = b.value().col(0), n.A = A.value(), n.V = V.value(), n.c = c.value().col(0);
    m.sigmas.push_back(sigma);
    m.nets.push_back(std::move(n));
    m.last.push_back({0, 0, number_or(l, "interpolation", 0), number_or(l, "cost", 0)});
  }
  m.options.sigma = m.sigmas.front();
  return m;
}

TrainedDenoiser::TrainedDenoiser(std::shared_ptr<const TrainedModel> model) : model_(std::move(model)) {}

void TrainedDenoiser::apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
                            Workspace& ws) const {
  const auto& s = model_->sigmas;
  const auto& nets = model_->nets;
  std::size_t hi = 0;  // the first level at or below sigma
  while (hi < s.size() && s[hi] > sigma) ++hi;
  if (hi == 0 || hi == s.size() || s[hi] == sigma) {
    nets[std::min(hi, s.size() - 1)].apply(Y, H, ws);
    return;
  }
  const double t = std::log(s[hi - 1] / sigma) / std::log(s[hi - 1] / s[hi]);  // 0 at the upper level, 1 at the lower
  auto other = ws.matrix(8, Y.rows(), Y.cols());
  nets[hi - 1].apply(Y, H, ws);
  nets[hi].apply(Y, other, ws);
  H = (1 - t) * H + t * other;
}

}  // namespace flowlab
