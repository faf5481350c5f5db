#include "commands.hpp"

#include <cstring>
#include <iostream>
#include <string>

#include "common.hpp"

namespace flowlab::cli {
namespace {
const char* kUsage =
    "usage: flowlab COMMAND [options]   (flowlab COMMAND --help for each)\n\n"
    "commands:\n"
    "  denoise      h(y) for each point: minnorm, emmse, ksmooth or trained\n"
    "  flow         integrate the score flow, probability flow or reverse SDE from each point\n"
    "  classify     where each point ends: training, virtual, apex, manifold, other (or novel)\n"
    "  experiment   orthogonal: P1's experiment (fractions per class; --sweep-n for the curve over N);\n"
    "               memorization: P1's Fig. 3 over seeds, CSV and a PNG plot\n"
    "  inverse      posterior samples for y = A x + noise with a denoiser as prior (exact, dps, projection, mcg)\n"
    "  generate     write a preset data set as CSV\n"
    "  train        train min-norm ReLU denoisers (one per noise level) and save them as JSON\n"
    "  sweep        a grid of experiments: plan, run (here), slurm (an array job), status, merge\n";
}  // namespace

int run_command(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help")) {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string cmd = argv[1];
  if (cmd == "denoise") return cmd_denoise(argc, argv);
  if (cmd == "flow") return cmd_flow(argc, argv);
  if (cmd == "classify") return cmd_classify(argc, argv);
  if (cmd == "experiment") return cmd_experiment(argc, argv);
  if (cmd == "generate") return cmd_generate(argc, argv);
  if (cmd == "train") return cmd_train(argc, argv);
  if (cmd == "sweep") return cmd_sweep(argc, argv);
  if (cmd == "inverse") return cmd_inverse(argc, argv);
  std::cerr << "flowlab: unknown command '" << cmd.substr(0, 80) << "'\n" << kUsage;
  return 2;
}

namespace {
bool g_check_only = false;
}
bool check_only() { return g_check_only; }
void set_check_only(bool on) { g_check_only = on; }

}  // namespace flowlab::cli
