// flowlab: batch experiments with min-norm denoisers and their flows.
#include <iostream>
#include <new>
#include <stdexcept>

#include "core/runtime/budget.hpp"

#include "commands.hpp"

int main(int argc, char** argv) {
  // The commands estimate their memory before they allocate (core/runtime/budget.hpp); whatever still fails
  // to allocate ends here as one line and exit code 1, never as an abort.
  try {
    return flowlab::cli::run_command(argc, argv);
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
