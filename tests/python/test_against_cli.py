"""`import flowlab` gives the command line's numbers bit for bit on the same inputs (denoise, flow,
classify, train with a seed), and models travel both ways between them."""
import json

import numpy as np
import pytest

import flowlab
from conftest import read_csv, write_csv

X = flowlab.datasets.simplex(n=2, d=2, angle=90)
Y0 = np.random.default_rng(7).uniform(-0.3, 1.3, size=(1500, 2))  # three chunks of 512 and a part


@pytest.fixture()
def files(tmp_path):
    return write_csv(tmp_path / "data.csv", X), write_csv(tmp_path / "points.csv", Y0), tmp_path


def test_datasets_equal_the_cli_generate(cli):
    for args, ours in [(["simplex", "--edges", 3, "--d", 3, "--angle", 100, "--rotate", "--seed", 4],
                        flowlab.datasets.simplex(n=3, d=3, angle=100, rotate=True, seed=4)),
                       (["clusters", "--clusters", 3, "--per-cluster", 5, "--d", 4, "--seed", 2],
                        flowlab.datasets.clusters(clusters=3, per_cluster=5, d=4, seed=2)),
                       (["points1d", "--n", 6, "--seed", 3], flowlab.datasets.points1d(n=6, seed=3)),
                       (["digits", "--n", 20, "--classes", "0,3", "--seed", 2], flowlab.datasets.digits(n=20, classes=[0, 3], seed=2)[0])]:
        theirs = read_csv(cli("generate", "--preset", *args))
        assert np.array_equal(theirs, ours), args


@pytest.mark.parametrize("kind,extra,sigma", [("minnorm", {}, 0.2), ("emmse", {}, 0.2), ("ksmooth", {"bandwidth": 0.3, "nodes": 8}, 0.2)])
def test_denoise_bit_for_bit(cli, files, kind, extra, sigma):
    data, points, _ = files
    h = getattr(flowlab, kind)(X, **extra)
    args = sum(([f"--{k}", v] for k, v in extra.items()), [])
    theirs = read_csv(cli("denoise", "--data", data, "--points", points, "--denoiser", kind, "--sigma", sigma, *args))
    assert np.array_equal(h(Y0, sigma), theirs)


@pytest.mark.parametrize("kind,den,args", [
    ("pf", "minnorm", {"steps": 60}),
    ("pf", "emmse", {"sigma_max": 1.0, "sigma_min": 0.01, "steps": 40, "integrator": "euler"}),
    ("score", "minnorm", {"sigma": 0.1, "time": 20, "steps": 80}),
    ("sde", "emmse", {"sigma_max": 1.0, "sigma_min": 0.01, "steps": 50, "integrator": "euler", "seed": 5}),
    ("langevin", "ksmooth", {"sigma": 0.1, "time": 2, "steps": 20, "integrator": "euler", "seed": 3}),
])
def test_flow_bit_for_bit(cli, files, kind, den, args):
    data, points, _ = files
    h = getattr(flowlab, den)(X)
    flags = sum(([f"--{k.replace('_', '-')}", v] for k, v in args.items()), [])
    theirs = read_csv(cli("flow", "--data", data, "--points", points, "--denoiser", den, "--flow", kind, *flags))
    ours = flowlab.flow(h, Y0, kind=kind, **args)
    assert np.array_equal(ours, theirs)
    # the trajectory's last frame is the same endpoints, whatever the thread count
    end, path = flowlab.flow(h, Y0, kind=kind, trajectory=True, threads=1, **args)
    assert np.array_equal(end, ours) and np.array_equal(path[-1], ours) and np.array_equal(path[0], Y0)


def test_flow_defaults_are_the_clis(cli, files):
    data, points, _ = files
    theirs = read_csv(cli("flow", "--data", data, "--points", points, "--denoiser", "minnorm", "--flow", "pf"))
    assert np.array_equal(flowlab.flow(flowlab.minnorm(X), Y0), theirs)


def test_classify_bit_for_bit(cli, files):
    data, points, tmp = files
    h = flowlab.minnorm(X)
    Y = flowlab.flow(h, Y0, steps=60)
    ends = write_csv(tmp / "ends.csv", Y)
    rows = [l.split(",") for l in cli("classify", "--data", data, "--points", ends).splitlines()
            if l and not l.startswith("#") and not l.startswith("summary")]
    classes, vertices = flowlab.classify(X, Y)
    assert list(classes) == [r[0] for r in rows]
    assert [";".join(str(i + 1) for i in v) for v in vertices] == [r[1] for r in rows]
    assert {"training", "virtual", "manifold"} <= set(classes)
    # Gu et al.'s criterion
    rows = [l.split(",") for l in cli("classify", "--data", data, "--points", ends, "--ratio", 0.25).splitlines()
            if l and not l.startswith("#") and not l.startswith("summary")]
    c, nearest, ratio = flowlab.classify(X, Y, ratio=0.25)
    assert list(c) == [r[0] for r in rows] and list(nearest + 1) == [int(r[1]) for r in rows]
    assert np.array_equal(ratio, [float(r[2]) for r in rows])


def test_train_bit_for_bit_and_models_travel_both_ways(cli, files):
    data, points, tmp = files
    args = dict(width=12, samples=10, epochs=300, trainer="adam", seed=9)
    model = flowlab.train(X, [0.3, 0.1], **args)
    theirs = cli("train", "--data", data, "--sigma", "0.3,0.1", "--width", 12, "--samples", 10, "--epochs", 300,
                 "--trainer", "adam", "--seed", 9)
    assert model.to_json() == theirs
    # Python's model in the CLI, the CLI's in Python
    model.save(tmp / "py.json")
    (tmp / "cli.json").write_text(theirs)
    by_cli = read_csv(cli("denoise", "--data", data, "--points", points, "--denoiser", "trained", "--model", tmp / "py.json", "--sigma", 0.2))
    assert np.array_equal(model(Y0, 0.2), by_cli)
    loaded = flowlab.load_model(str(tmp / "cli.json"))
    assert loaded.sigmas == [0.3, 0.1] and np.array_equal(loaded(Y0, 0.2), by_cli)
    assert json.loads(loaded.to_json()) == json.loads(theirs)
    # a trained model's flow takes the model's levels, as the CLI's does
    end = read_csv(cli("flow", "--data", data, "--points", points, "--denoiser", "trained", "--model", tmp / "cli.json", "--flow", "pf", "--steps", 30))
    assert np.array_equal(flowlab.flow(loaded, Y0, steps=30), end)


@pytest.mark.parametrize("method,den,args", [
    ("exact", "emmse", {"samples": 700, "steps": 40}),
    ("dps", "minnorm", {"samples": 600, "steps": 30, "step": 0.3, "seed": 4}),
    ("projection", "ksmooth", {"samples": 300, "steps": 20, "flow": "sde", "sigma_max": 1.0, "sigma_min": 0.01}),
    ("mcg", "emmse", {"samples": 200, "steps": 20, "grid": "geometric"}),
])
def test_inverse_bit_for_bit(cli, files, method, den, args):
    data, _, tmp = files
    A, y = np.array([[1.0, 0.0]]), np.array([0.3])
    a_file, y_file = write_csv(tmp / "A.csv", A), write_csv(tmp / "y.csv", y[None, :])
    flags = sum(([f"--{k.replace('_', '-')}", v] for k, v in args.items()), [])
    theirs = read_csv(cli("inverse", "--data", data, "--A", a_file, "--y", y_file, "--noise", 0.15, "--method", method,
                          "--denoiser", den, *flags))
    ours = flowlab.inverse.sample(X, getattr(flowlab, den)(X), A, y, noise=0.15, method=method, **args)
    assert ours.shape == (args["samples"], 2) and np.array_equal(ours, theirs)


def test_inverse_weights_and_errors():
    A = np.array([[1.0, 0.0]])
    # the first coordinate measured at 0.3: (0, 0) and (0, 1) share the weight; at noise 1e-300 exactly half each
    w = flowlab.inverse.weights(X, A, [0.3], noise=1e-300)
    assert w.shape == (1, 3) and np.array_equal(w[0], [0.5, 0.0, 0.5])
    w = flowlab.inverse.weights(X, A, [[0.3], [1.0]], noise=0.5)
    assert w.shape == (2, 3) and np.allclose(w.sum(axis=1), 1) and w[1, 1] > w[0, 1]
    # two measured values as a 1-D y (a vector, not two samples), and the same as one row
    A2 = np.eye(2)
    assert np.array_equal(flowlab.inverse.weights(X, A2, [0.0, 1.0], noise=1e-3), flowlab.inverse.weights(X, A2, [[0.0, 1.0]], noise=1e-3))
    assert flowlab.inverse.weights(X, A2, [0.0, 1.0], noise=1e-3)[0].argmax() == 2  # (0, 1) measured: the third point
    with pytest.raises(ValueError, match="give flowlab.emmse"):
        flowlab.inverse.sample(X, flowlab.minnorm(X), A, [0.3], noise=0.1, method="exact")
    with pytest.raises(ValueError, match="A: expected 2 columns"):
        flowlab.inverse.sample(X, flowlab.emmse(X), [[1.0, 0.0, 0.0]], [0.3], noise=0.1)
    with pytest.raises(ValueError, match="noise must be in"):
        flowlab.inverse.weights(X, A, [0.3], noise=0.0)


@pytest.mark.parametrize("args", [
    {"n": 4, "inits": 600, "kind": "pf"},
    {"n": 3, "d": 5, "inits": 700, "kind": "score", "sigma": 0.1, "time": 20, "steps": 80, "classify": "denoised"},
    # --tol is the classification's: it no longer stops the score flow too (flow_tol in Python)
    {"n": 3, "inits": 400, "kind": "score", "sigma": 0.1, "time": 20, "steps": 80, "tol": 0.05},
    {"n": 4, "inits": 300, "kind": "sde", "denoiser": "emmse", "sigma_max": 1.0, "sigma_min": 0.01, "steps": 60,
     "init": "gaussian", "seed": 3},
])
def test_experiment_orthogonal_bit_for_bit(cli, args):
    flags = sum(([f"--{'flow' if k == 'kind' else k.replace('_', '-')}", v] for k, v in args.items()), [])
    header, row = cli("experiment", "orthogonal", *flags).strip().splitlines()
    theirs = dict(zip(header.split(","), row.split(",")))
    ours = flowlab.experiment.orthogonal(**args)
    for key in ["n", "d", "inits", "fallback_steps"]:
        assert ours[key] == int(theirs[key]), key
    assert ours["flow"] == theirs["flow"]
    for key in ["training", "virtual", "apex", "manifold", "other"]:
        assert ours[key] == float(theirs[key]), key
    assert abs(sum(ours[k] for k in ["training", "virtual", "apex", "manifold", "other"]) - 1) < 1e-12
