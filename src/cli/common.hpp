#pragma once
// What the subcommands share: loading the data and points, turning options
// into a denoiser spec and flow options, and writing output to --out or stdout.
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "args.hpp"
#include "core/data/dataset.hpp"
#include "core/denoisers/factory.hpp"
#include "core/flows/flow.hpp"
#include "core/denoisers/trained.hpp"
#include "plot/chart.hpp"

namespace flowlab::cli {

// Options every denoiser-using command accepts.
std::vector<OptionSpec> denoiser_options();
std::vector<OptionSpec> flow_options();

// --data and --points (with their help lines), in that order.
std::vector<OptionSpec> data_and_points_options(const std::string& points_help);
Result<Dataset> load_data(Args& a);
// --points, checked against the data's dimension.
Result<Eigen::MatrixXd> load_points(Args& a, Eigen::Index dim);

// What denoise and flow start from: the data, the points and the denoiser.
struct Problem {
  Dataset data;
  Eigen::MatrixXd points;
  std::unique_ptr<Denoiser> denoiser;
};
// "A:B" with 1 <= A <= B into lo, hi (lo and hi are written even when it fails).
bool parse_range(const std::string& s, int& lo, int& hi);
// A comma list of numbers (--key 1e-3,0.01); a bad item fails `a` with its text.
std::vector<double> number_list(Args& a, const std::string& key, const std::string& fallback = "");
Result<Problem> load_problem(Args& a, DenoiserSpec& spec);  // loads a trained model into spec
// --model into spec.model when spec.kind is "trained".
Status load_model(Args& a, DenoiserSpec& spec);
// How a network is trained (--alpha --width --samples --trainer --lambda --epochs --lr --resample), and
// those options read (sigma and seed are the caller's); a bad combination fails `a`.
std::vector<OptionSpec> training_options();
TrainOptions read_training_options(Args& a);
// train_levels with its progress (every tenth of the epochs) and each level's outcome on stderr.
Result<TrainedModel> train_with_progress(const Eigen::Ref<const Eigen::MatrixXd>& X, const TrainOptions& o,
                                         const std::vector<double>& sigmas, const ShallowNet* start = nullptr);
DenoiserSpec read_denoiser_spec(Args& a);
// The noise level from --sigma, or --rho / alpha; `fallback` when neither is given.
double read_sigma(Args& a, double alpha, double fallback);
// Flow options from the command line, defaults resolved against the data.
// `score_tol` false: the command's --tol is something else (experiment orthogonal's classification
// tolerance), and the score flow keeps its default stopping tolerance.
FlowOptions read_flow_options(Args& a, const DenoiserSpec& spec, const Eigen::Ref<const Eigen::MatrixXd>& X,
                              bool score_tol = true);

// --threads T (0 or absent: every core): the work is cut into fixed chunks, so the output is the same for any T.
// Reading and writing CSV take the same count (every core in a command without the option).
OptionSpec threads_option();
int read_threads(Args& a);

// Figures: --plot F (PNG, SVG or PDF by the extension), --plot-size WxH and --theme light|dark.
std::vector<OptionSpec> figure_options(const std::string& plot_help = "draw the figure into F: .png, .svg or .pdf");
// Reads --plot-size and --theme, and checks each figure key given (its extension, and that this build
// draws figures: the WASM build does not), failing `a` before any work is done.
plot::FigureOptions read_figure_options(Args& a, const std::vector<std::string>& keys = {"plot"});
// Draws `chart` into the file of option `key` when it was given; returns 0 or the exit code of the error.
int write_figure(Args& a, const std::string& command, const std::string& key, const plot::Chart& chart,
                 const plot::FigureOptions& o);

// Runs `write` on the file of option `key` (--out by default; stdout where it is absent);
// returns the exit code.
int write_output(Args& a, const std::function<void(std::ostream&)>& write, const std::string& key = "out");
int usage_error(const std::string& command, const std::string& message);
int runtime_error(const std::string& command, const std::string& message);
// Prints help and returns true when --help was given, or reports a parse error.
bool handle_parse(Args& a, int argc, char** argv, int first, int& exit_code);
// Progress on stderr, only when it is a terminal.
std::function<void(double)> progress_printer(const std::string& what);

// The mean of repeats and their sample standard deviation (0 for one value): the error bars of
// the experiments' and the sweeps' figures.
struct MeanSd {
  double mean, sd;
};
MeanSd mean_sd(const std::vector<double>& values);

}  // namespace flowlab::cli
