// flowlab.train (`flowlab train`) and flowlab.load_model: a trained model is a Denoiser too.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <variant>

#include "arrays.hpp"
#include "core/data/csv.hpp"
#include "core/data/dataset.hpp"
#include "core/runtime/budget.hpp"
#include "handles.hpp"
#include "release.hpp"

namespace flowlab::python {

ModelHandle model_handle(TrainedModel m) {
  ModelHandle h;
  h.model = std::make_shared<const TrainedModel>(std::move(m));
  h.spec.kind = "trained";
  h.spec.model = h.model;
  const Eigen::Index d = h.model->nets.front().W.cols();
  h.data = Eigen::MatrixXd(d, 0);
  h.den = std::make_shared<const TrainedDenoiser>(h.model);  // no data: make_denoiser would ask for some
  return h;
}

namespace {
using namespace py::literals;

py::dict network_dict(const ShallowNet& n) {
  py::dict d;
  d["W"] = matrix_as_is(n.W), d["b"] = vector_of(n.b), d["A"] = matrix_as_is(n.A), d["V"] = matrix_as_is(n.V);
  d["c"] = vector_of(n.c);
  return d;
}

ModelHandle train(const Rows& Xr, const std::variant<double, std::vector<double>>& sigma, int width, int samples,
                  const std::string& trainer, std::optional<double> weight_decay, int epochs, std::optional<double> lr,
                  int batch, bool resample, bool skip, std::optional<double> alpha, std::uint64_t seed) {
  const ConstMap X = points(Xr, "X");
  check_or_raise(validate_points(X));
  const std::vector<double> sigmas =
      std::holds_alternative<double>(sigma) ? std::vector<double>{std::get<double>(sigma)} : std::get<std::vector<double>>(sigma);
  if (sigmas.empty()) raise("sigma: give a noise level, or a decreasing list of them");
  // The CLI's defaults (flowlab train), so that the same call gives the same model.
  TrainOptions o;
  o.sigma = sigmas.front();
  o.alpha = alpha.value_or(0.0);
  if (alpha && !(*alpha > 0)) raise("alpha must be > 0 (None: Gaussian samples)");
  o.width = width, o.samples = samples, o.trainer = trainer, o.epochs = epochs, o.batch = batch;
  const bool plain = trainer == "gd" || trainer == "sgd";
  o.lambda = weight_decay.value_or(plain ? 0.0 : o.lambda);
  o.lr = lr.value_or(plain ? 0.05 : trainer == "adam" ? 1e-2 : 3e-3);
  o.resample = resample, o.skip = skip, o.seed = seed;
  if (width < 1 || width > budget::kMaxWidth) raise("width must be in [1, " + std::to_string(budget::kMaxWidth) + "]");
  if (samples < 1 || samples > budget::kMaxSamples) raise("samples must be in [1, " + std::to_string(budget::kMaxSamples) + "]");
  if (epochs < 0 || epochs > budget::kMaxEpochs) raise("epochs must be in [0, " + std::to_string(budget::kMaxEpochs) + "]");
  check_or_raise(validate(o));
  std::atomic<bool> cancel{false};
  const bool long_call = static_cast<double>(epochs) * samples * static_cast<double>(X.cols()) * width > 1e6;
  auto model = interruptible([&] { return train_levels(X, o, sigmas, {}, nullptr, nullptr, &cancel); }, cancel, long_call);
  return model_handle(value_or_raise(std::move(model)));
}

ModelHandle load_model(const std::filesystem::path& path) {
  auto text = read_input_file(path.string(), budget::kMaxModelBytes, "model files");
  if (!text) raise(text.message());
  auto m = model_from_json(text.value());
  if (!m) raise(path.string() + ": " + m.message());
  return model_handle(std::move(m).value());
}
}  // namespace

void bind_training(py::module_& m) {
  py::class_<ModelHandle, DenoiserHandle>(m, "Model",
                                          "A trained model: one shallow ReLU network per noise level, blended in "
                                          "log sigma between levels. It is a Denoiser (callable h(Y, sigma)).")
      .def(
          "save",
          [](const ModelHandle& h, const std::filesystem::path& path) {
            std::ofstream f(path, std::ios::binary);
            if (!f) raise(path.string() + ": cannot be written");
            f << to_json(*h.model);
            if (!f.flush()) raise(path.string() + ": the write failed");
          },
          "path"_a, "Writes the model as JSON, the same file as `flowlab train --out` (loads in `flowlab denoise --model`).")
      .def("to_json", [](const ModelHandle& h) { return to_json(*h.model); }, "The model's JSON text.")
      .def("__repr__",
           [](const ModelHandle& h) {
             return "<flowlab.Model " + std::to_string(h.model->sigmas.size()) + " level(s), width " +
                    std::to_string(h.model->nets.front().width()) + ", d = " + std::to_string(h.den->dim()) + ">";
           })
      .def_property_readonly("sigmas", [](const ModelHandle& h) { return h.model->sigmas; },
                             "The noise levels, decreasing.")
      .def_property_readonly(
          "networks",
          [](const ModelHandle& h) {
            py::list l;
            for (const auto& n : h.model->nets) l.append(network_dict(n));
            return l;
          },
          "Per level, the network's weights {W: K x d, b: K, A: d x K, V: d x d, c: d}.")
      .def_property_readonly(
          "report",
          [](const ModelHandle& h) {
            py::list l;
            for (std::size_t i = 0; i < h.model->sigmas.size(); ++i) {
              py::dict r;
              r["sigma"] = h.model->sigmas[i], r["width"] = h.model->nets[i].width(), r["epochs"] = h.model->last[i].epoch;
              r["loss"] = h.model->last[i].loss, r["interpolation"] = h.model->last[i].interpolation;
              r["cost"] = h.model->last[i].cost;
              l.append(r);
            }
            return l;
          },
          "Per level, `flowlab train --summary`'s row: sigma, width, epochs, loss, interpolation, cost.");

  m.def("train", &train, "X"_a, "sigma"_a, "width"_a = 64, "samples"_a = 100, "trainer"_a = "auglag",
        "weight_decay"_a = py::none(), "epochs"_a = 10000, "lr"_a = py::none(), "batch"_a = 32, "resample"_a = false,
        "skip"_a = true, "alpha"_a = py::none(), "seed"_a = 1,
        "Trains a shallow ReLU denoiser on X (n x d) as `flowlab train` does (the same defaults, the same model "
        "for the same seed): sigma a level or a decreasing list (one network per level); trainer auglag (the "
        "min-norm interpolant), adam, gd or sgd; weight_decay is --lambda (None: 1e-4, 0 for gd and sgd); lr "
        "None: 3e-3 auglag, 1e-2 adam, 0.05 gd and sgd; alpha None: Gaussian samples x + sigma z, else uniform "
        "in the ball of radius alpha sigma. Releases the GIL; Ctrl+C stops it within 100 epochs.");
  m.def("load_model", &load_model, "path"_a, "Loads a model file written by `flowlab train` or Model.save.");
}

}  // namespace flowlab::python
