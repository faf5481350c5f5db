#pragma once
// The subcommands of `flowlab`; each returns the process exit code
// (0 ok, 1 a failure on valid input, 2 a usage error).
namespace flowlab::cli {
int cmd_denoise(int argc, char** argv);
int cmd_flow(int argc, char** argv);
int cmd_classify(int argc, char** argv);
int cmd_experiment(int argc, char** argv);
int cmd_generate(int argc, char** argv);
int cmd_train(int argc, char** argv);
int cmd_memorization(int argc, char** argv);  // experiment memorization
int cmd_reproduce(int argc, char** argv);     // experiment stationary, flows, denoiser1d, smoothing
}  // namespace flowlab::cli
