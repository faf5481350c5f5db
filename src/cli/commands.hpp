#pragma once
// The subcommands of `flowlab`; each returns the process exit code
// (0 ok, 1 a failure on valid input, 2 a usage error).
namespace flowlab::cli {
// `flowlab ARGS...`: picks the subcommand by argv[1].
int run_command(int argc, char** argv);
// Check-only mode: a command parses and checks its options, then returns 0 without reading data or
// doing work (how `sweep plan` checks each cell's command line before writing the plan).
bool check_only();
void set_check_only(bool on);
int cmd_denoise(int argc, char** argv);
int cmd_flow(int argc, char** argv);
int cmd_classify(int argc, char** argv);
int cmd_experiment(int argc, char** argv);
int cmd_generate(int argc, char** argv);
int cmd_train(int argc, char** argv);
int cmd_sweep(int argc, char** argv);
int cmd_inverse(int argc, char** argv);
int cmd_inverse_experiment(int argc, char** argv);  // experiment inverse
int cmd_bigstep(int argc, char** argv);            // experiment bigstep
int cmd_memorization(int argc, char** argv);  // experiment memorization
int cmd_digits(int argc, char** argv);        // experiment digits
int cmd_reproduce(int argc, char** argv);     // experiment stationary, flows, denoiser1d, smoothing
}  // namespace flowlab::cli
