// libFuzzer: command lines (arguments separated by NUL or newline) through the
// CLI's parser and the readers every command uses: the denoiser spec, the flow
// and the training options. Anything may be refused; nothing may crash.
#include <cstdint>
#include <string>
#include <vector>

#include "args.hpp"
#include "common.hpp"

using namespace flowlab;
using namespace flowlab::cli;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> words{"flowlab", "flow"};
  std::string word;
  for (std::size_t i = 0; i < size && words.size() < 64; ++i) {
    const char c = static_cast<char>(data[i]);
    if (c == '\0' || c == '\n') words.push_back(word), word.clear();
    else word += c;
  }
  words.push_back(word);
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  auto opts = data_and_points_options("points");
  for (auto& o : denoiser_options()) opts.push_back(o);
  for (auto& o : flow_options()) opts.push_back(o);
  for (auto& o : training_options())
    if (o.name != "alpha") opts.push_back(o);
  opts.push_back({"out", "O.csv", "output"});
  Args a("flow", "fuzz", opts);
  if (!a.parse(static_cast<int>(argv.size()), argv.data(), 2)) return 0;
  DenoiserSpec spec = read_denoiser_spec(a);
  const Eigen::MatrixXd X = Eigen::MatrixXd::Identity(2, 2);
  (void)read_flow_options(a, spec, X);
  (void)read_training_options(a);
  (void)a.help();
  return 0;
}
