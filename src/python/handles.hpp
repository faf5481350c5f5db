#pragma once
// What Python holds: a denoiser with the data and the choices it was built from (so that a flow
// can take the CLI's default levels), and a trained model, which is a denoiser too.
#include <memory>
#include <string>

#include <Eigen/Core>
#include <pybind11/pybind11.h>

#include "core/denoisers/denoiser.hpp"
#include "core/denoisers/factory.hpp"
#include "core/denoisers/trained.hpp"

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
ModelHandle model_handle(TrainedModel m);

void bind_data(pybind11::module_& m);
void bind_denoisers(pybind11::module_& m);
void bind_flows(pybind11::module_& m);
void bind_training(pybind11::module_& m);

}  // namespace flowlab::python
