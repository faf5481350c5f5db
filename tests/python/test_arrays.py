"""Arrays as Python users hold them: every layout and dtype gives the same answer, a C-contiguous
float64 input is read in place, and bad shapes and values raise ValueError saying what is wrong."""
import numpy as np
import pytest

import flowlab

X = flowlab.datasets.simplex(n=2, d=2, angle=90)
h = flowlab.minnorm(X)
Y = np.random.default_rng(1).uniform(-0.3, 1.3, size=(300, 2))


def test_layouts_and_dtypes_agree():
    ref = h(Y, 0.2)
    assert ref.shape == Y.shape and ref.dtype == np.float64 and ref.flags.c_contiguous
    assert np.array_equal(h(np.asfortranarray(Y), 0.2), ref)
    wide = np.zeros((300, 5))
    wide[:, 1:4:2] = Y
    assert np.array_equal(h(wide[:, 1:4:2], 0.2), ref)  # a strided slice
    assert np.array_equal(h(np.repeat(Y, 2, axis=0)[::2], 0.2), ref)  # every other row
    y32 = Y.astype(np.float32)
    assert np.array_equal(h(y32, 0.2), h(y32.astype(np.float64), 0.2))
    assert np.array_equal(h(Y.tolist(), 0.2), ref)  # lists too
    assert np.array_equal(flowlab.flow(h, np.asfortranarray(Y), steps=20), flowlab.flow(h, Y, steps=20))


def test_a_c_contiguous_float64_input_is_not_converted():
    # NumPy's allocations are traced (tracemalloc): the call allocates its result, and a converted copy
    # of the input only where one is needed (float32 here). (The core's own allocations are not traced:
    # that Eigen maps the array rather than copying it is arrays.hpp's ConstMap, by construction.)
    import tracemalloc
    big = np.random.default_rng(2).uniform(-0.3, 1.3, size=(1000000, 2))
    peaks = {}
    for name, y in [("float64", big), ("float32", big.astype(np.float32))]:
        tracemalloc.start()
        out = h(y, 0.2)
        peaks[name] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del out
    assert peaks["float64"] < 1.2 * big.nbytes, peaks  # the result alone
    assert peaks["float32"] > 1.8 * big.nbytes, peaks  # the result and the converted copy


def test_the_input_is_not_modified():
    y = Y.copy()
    flowlab.flow(h, y, steps=20)
    assert np.array_equal(y, Y)


def test_one_dimensional_data_take_a_column_or_a_vector():
    x = flowlab.datasets.points1d(n=4)
    assert x.shape == (4, 1)
    e = flowlab.emmse(x)
    assert np.array_equal(e(np.linspace(0, 3, 7), 0.5), e(np.linspace(0, 3, 7)[:, None], 0.5))


@pytest.mark.parametrize("call,message", [
    (lambda: h(np.zeros((4, 3)), 0.1), "expected 2 columns"),
    (lambda: h(np.zeros((2, 2, 2)), 0.1), "expected a 2-D array"),
    (lambda: h(np.array([[0.0, np.nan]]), 0.1), "row 0, column 1 is NaN"),
    (lambda: h(np.array([[np.inf, 0.0]]), 0.1), "is infinite"),
    (lambda: flowlab.minnorm([[0, 0], [0, 0]]), "duplicate"),
    (lambda: flowlab.emmse(np.array([[0.0, 1.0], [np.nan, 2.0]])), "X: row 1, column 0 is NaN"),
    (lambda: h(Y, -1.0), "sigma must be a positive"),
    (lambda: h(Y, 10.0), "infeasible"),
    (lambda: flowlab.flow(h, Y, kind="ode"), "unknown flow 'ode'"),
    (lambda: flowlab.flow(h, Y, steps=0), "steps must be in"),
    (lambda: h.vjp(Y, 0.1, Y[:5]), "as many rows as Y"),
    (lambda: flowlab.emmse(X).to_network(0.1), "only the min-norm closed form"),
    (lambda: flowlab.classify(X, Y, tol=0.1, ratio=0.3), "two criteria"),
    (lambda: flowlab.load_model("/nonexistent/m.json"), "nonexistent"),
    (lambda: flowlab.train(X, [0.1, 0.3], epochs=10), "strictly decreasing"),
])
def test_errors_say_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=None) as e:
        call()
    assert message in str(e.value), str(e.value)


def test_to_network_is_the_closed_form():
    W, b, A, V, c = h.to_network(0.2 * h.alpha)
    assert W.shape[1] == 2 and b.shape == (W.shape[0],) and A.shape == (2, W.shape[0]) and V.shape == (2, 2)
    net = np.maximum(Y @ W.T + b, 0) @ A.T + Y @ V.T + c
    assert np.allclose(net, h(Y, 0.2), atol=1e-12)


def test_vjp_is_the_jacobian_transposed():
    e = flowlab.emmse(X)
    v = np.random.default_rng(2).normal(size=Y.shape)
    eps, J_T_v = 1e-6, e.vjp(Y, 0.3, v)
    for k in range(2):  # (J^T v)_k = sum_i v_i dh_i/dy_k, by central differences
        d = np.zeros(2)
        d[k] = eps
        fd = np.sum(v * (e(Y + d, 0.3) - e(Y - d, 0.3)), axis=1) / (2 * eps)
        assert np.allclose(J_T_v[:, k], fd, atol=1e-6)
