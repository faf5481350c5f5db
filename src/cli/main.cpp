// flowlab: batch experiments with min-norm denoisers and their flows.
#include <cstring>
#include <iostream>
#include <new>
#include <stdexcept>

#include "core/budget.hpp"

#include "commands.hpp"

namespace {
const char* kUsage =
    "usage: flowlab COMMAND [options]   (flowlab COMMAND --help for each)\n\n"
    "commands:\n"
    "  denoise      h(y) for each point: minnorm, emmse, ksmooth or trained\n"
    "  flow         integrate the score flow, probability flow or reverse SDE from each point\n"
    "  classify     where each point ends: training, virtual, apex, manifold, other (or novel)\n"
    "  experiment   orthogonal: P1's experiment (fractions per class; --sweep-n for the curve over N);\n"
    "               memorization: P1's Fig. 3 over seeds, CSV and a PNG plot\n"
    "  generate     write a preset data set as CSV\n"
    "  train        train min-norm ReLU denoisers (one per noise level) and save them as JSON\n";
}

namespace {
int dispatch(int argc, char** argv) {
  using namespace flowlab::cli;
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
  std::cerr << "flowlab: unknown command '" << cmd.substr(0, 80) << "'\n" << kUsage;
  return 2;
}
}  // namespace

int main(int argc, char** argv) {
  // The commands estimate their memory before they allocate (core/budget.hpp); whatever still fails
  // to allocate ends here as one line and exit code 1, never as an abort.
  try {
    return dispatch(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "flowlab: error: out of memory (this machine has "
              << flowlab::budget::bytes_text(flowlab::budget::memory_available())
              << "); use fewer points, particles, samples or units\n";
    return 1;
  } catch (const std::length_error& e) {
    std::cerr << "flowlab: error: a size is too large (" << e.what() << ")\n";
    return 1;
  }
}
