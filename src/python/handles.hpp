#pragma once
// What Python holds: a denoiser with the data and the choices it was built from (so that a flow
// can take the CLI's default levels), and a trained model, which is a denoiser too.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <Eigen/Core>
#include <pybind11/pybind11.h>

#include "core/denoisers/denoiser.hpp"
#include "core/denoisers/factory.hpp"
#include "core/denoisers/trained.hpp"
#include "core/flows/flow.hpp"

namespace flowlab::python {

struct DenoiserHandle {
  Eigen::MatrixXd data;  // d by N (a trained model: d by 0)
  DenoiserSpec spec;
  std::shared_ptr<const Denoiser> den;
};

struct ModelHandle : DenoiserHandle {
  std::shared_ptr<const TrainedModel> model;
};

// A handle over data X (d by N) and a spec; ValueError with the core's message if it cannot be built.
DenoiserHandle make_handle(Eigen::MatrixXd X, const DenoiserSpec& spec);
// The choices of `--denoiser minnorm|emmse|ksmooth` and its options, checked (ValueError).
DenoiserSpec denoiser_spec(const std::string& kind, std::optional<double> alpha = std::nullopt,
                           const std::optional<std::string>& fallback = std::nullopt, double bandwidth = 0.1, int nodes = 64);
ModelHandle model_handle(TrainedModel m);

// A flow's options as `flowlab flow` reads them; a level left None takes the CLI's default from
// h's data and spec (bind_flows.cpp).
FlowOptions flow_options(const DenoiserHandle& h, const std::string& kind, std::optional<double> sigma_max,
                         std::optional<double> sigma_min, int steps, const std::string& grid,
                         const std::string& integrator, std::uint64_t seed, std::optional<double> sigma, double time,
                         double tol);

void bind_data(pybind11::module_& m);
void bind_denoisers(pybind11::module_& m);
void bind_flows(pybind11::module_& m);
void bind_training(pybind11::module_& m);
void bind_inverse(pybind11::module_& m);
void bind_experiment(pybind11::module_& m);

}  // namespace flowlab::python
