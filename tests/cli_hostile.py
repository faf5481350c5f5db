#!/usr/bin/env python3
"""Hostile input to the `flowlab` command line (issue 13): every input that used to
abort on std::bad_alloc, hang or crash must end within 10 s with a one-line error
and a non-zero exit code (2 for a bad option, 1 for a bad file or a job that
cannot fit). Usage: cli_hostile.py PATH/TO/flowlab
"""
import os
import subprocess
import sys
import tempfile
import time
import unittest

FLOWLAB = None
LIMIT_S = 10


def run(*args, expect):
    t0 = time.monotonic()
    p = subprocess.run([FLOWLAB, *map(str, args)], capture_output=True, text=True, timeout=LIMIT_S)
    took = time.monotonic() - t0
    if p.returncode != expect:
        raise AssertionError(f"flowlab {' '.join(map(str, args))[:200]}: exit {p.returncode}, expected {expect}\n"
                             f"stderr: {p.stderr[:2000]}")
    return p, took


MODEL = ('{"format":"flowlab-model","version":1,"d":2,"width":1,"training":%s,"levels":[{"sigma":0.1,'
         '"W":[1,0],"b":[0],"A":[1,0],"V":[0,0,0,0],"c":[0,0]}]}')


class Hostile(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.tri = self.file("tri.csv", "0,0\n1,0\n0,1\n")

    def file(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def refused(self, expect, message, *args):
        p, _ = run(*args, expect=expect)
        self.assertIn(message, p.stderr)
        self.assertLess(len(p.stderr), 400, "the error is short")
        self.assertNotIn("bad_alloc", p.stderr)
        return p

    def test_options_out_of_range_say_so_with_both_bounds(self):
        self.refused(2, "--n: -3 is out of range [1, 4096]", "experiment", "orthogonal", "--n", -3)
        self.refused(2, "orthogonal data needs 1 <= n <= d", "generate", "--preset", "orthogonal", "--n", 100000)
        self.refused(2, "--n: 1e9 is out of range [1, 268435456]", "generate", "--preset", "points1d", "--n", "1e9")
        self.refused(2, "points are over the limit of 268435456", "generate", "--preset", "clusters",
                     "--clusters", 100000, "--per-cluster", 100000)
        for opt, value, bound in [("width", "1e9", "[1, 1048576]"), ("samples", "1e9", "[1, 16777216]")]:
            self.refused(2, f"--{opt}: {value} is out of range {bound}", "train", "--data", self.tri, "--sigma", 0.1,
                         f"--{opt}", value)
        pts = self.file("p.csv", "0.1,0.1\n")
        self.refused(2, "--nodes: 1e9 is out of range [2, 65536]", "denoise", "--data", self.tri, "--points", pts,
                     "--denoiser", "ksmooth", "--sigma", 0.1, "--nodes", "1e9")
        for steps in ["1000000000", "2000000000"]:
            self.refused(2, f"--steps: {steps} is out of range [1, 10000000]", "flow", "--data", self.tri,
                         "--points", pts, "--steps", steps)
        self.refused(2, "--steps: '1.5' is not an integer", "flow", "--data", self.tri, "--points", pts, "--steps", 1.5)
        self.refused(2, "--sigma: nan is out of range", "denoise", "--data", self.tri, "--points", pts, "--sigma", "nan")
        self.refused(2, "--tol: '0x10' is not a finite number", "classify", "--data", self.tri, "--points", pts,
                     "--tol", "0x10")

    def test_jobs_that_cannot_fit_in_memory_are_refused_with_the_estimate(self):
        import random
        rng = random.Random(1)
        wide = self.file("wide.csv", "".join(",".join(f"{rng.gauss(0, 1):.6f}" for _ in range(64)) + "\n"
                                             for _ in range(100)))
        p = self.refused(1, "of memory; this machine has", "train", "--data", wide, "--sigma", 0.1,
                         "--samples", 16000000, "--width", 1000, "--epochs", 1)
        self.assertIn("training 1000 units on 1600000000 samples needs about", p.stderr)

    def test_an_allocation_that_fails_anyway_is_one_line_and_exit_1(self):
        import resource

        def limit():  # 400 MB of address space: the estimate (this machine's memory) lets the job start
            resource.setrlimit(resource.RLIMIT_AS, (400 << 20, 400 << 20))
        p = subprocess.run([FLOWLAB, "generate", "--preset", "points1d", "--n", "50000000"], capture_output=True,
                           text=True, timeout=LIMIT_S, preexec_fn=limit)
        self.assertEqual(p.returncode, 1, p.stderr[:500])
        self.assertIn("flowlab: error: out of memory", p.stderr)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr[:500])

    def test_a_50_mb_model_loads_in_seconds(self):
        import random
        rng = random.Random(2)
        k = 500000  # d = 2: 5 K + 6 numbers of about 20 characters
        nums = lambda n: ",".join(f"{rng.uniform(-1, 1):.17g}" for _ in range(n))
        text = ('{"format":"flowlab-model","version":1,"d":2,"width":%d,"training":{"trainer":"adam"},"levels":[{"sigma":0.1,'
                '"W":[%s],"b":[%s],"A":[%s],"V":[0,0,0,0],"c":[0,0]}]}' % (k, nums(2 * k), nums(k), nums(2 * k)))
        model = self.file("big_model.json", text)
        pts = self.file("p.csv", "0.1,0.1\n")
        p, took = run("denoise", "--data", self.tri, "--points", pts, "--denoiser", "trained", "--model", model,
                      "--sigma", 0.1, expect=0)
        print(f"a {len(text) / 1e6:.0f} MB model loaded and applied in {took:.2f} s")
        self.assertEqual(len(p.stdout.strip().splitlines()), 1)

    def test_lists_and_model_files_are_bounded(self):
        self.refused(2, "--sigma: 'x' is not a number in [-1e+12, 1e+12]", "train", "--data", self.tri, "--sigma", "0.1,x")
        self.refused(2, "more than 10000 values", "train", "--data", self.tri, "--sigma", ",".join(["0.1"] * 10001))
        big = os.path.join(self.dir.name, "big.json")
        with open(big, "wb") as f:
            f.truncate(300 << 20)
        pts = self.file("p.csv", "0.1,0.1\n")
        self.refused(1, "the file is 315 MB; model files of at most 268 MB are read", "denoise", "--data", self.tri,
                     "--points", pts, "--denoiser", "trained", "--model", big, "--sigma", 0.1)

    def test_files_too_wide_or_too_large_are_refused_at_once(self):
        wide = self.file("wide.csv", ",".join(["1"] * 1000000) + "\n")
        for cmd in (["classify", "--data", wide, "--points", wide], ["train", "--data", wide, "--sigma", 0.1]):
            self.refused(1, "more than 4096 values in a row", *cmd)
        big = os.path.join(self.dir.name, "big.csv")
        with open(big, "wb") as f:  # 200 MB, sparse: refused by its size before it is read
            f.truncate(200 * 1000 * 1000)
        _, took = run("classify", "--data", big, "--points", big, expect=1)
        p = self.refused(1, "the file is 200 MB; CSV files of at most 134 MB are read", "classify", "--data", big,
                         "--points", big)
        print(f"200 MB CSV refused in {took:.3f} s")
        field = self.file("field.csv", "1," + "z" * (50 << 20) + "\n")
        p = self.refused(1, "line 1, column 2: 'zzzz", "classify", "--data", field, "--points", field)
        self.assertIn("...' is not a number", p.stderr)

    def test_a_100k_row_csv_validates_quickly(self):
        rows = "".join(f"{i * 1e-3:.6f},{(i * 7919 % 100003) * 1e-3:.6f}\n" for i in range(100000))
        data = self.file("rows.csv", rows)
        pts = self.file("p.csv", "0.5,0.5\n")
        p, took = run("classify", "--data", data, "--points", pts, expect=0)
        print(f"classify on 100k rows (1.9 MB) in {took:.3f} s")
        dup = self.file("dup.csv", rows + "0.000000,0.000000\n")
        self.refused(1, "points 1 and 100001 are the same point", "classify", "--data", dup, "--points", pts)

    def test_model_files_are_read_strictly(self):
        pts = self.file("p.csv", "0.1,0.1\n")
        cases = [
            ('{"samples":1e400}', "number overflow parsing '1e400'"),
            ('{"samples":NaN}', "malformed JSON"),
            ('{"epochs":2e12}', '"epochs" must be an integer from 0 to 1000000000'),
            ('{"samples":-1}', '"samples" must be an integer from 1 to 16777216'),
            ('{"seed":-1}', '"seed" must be an integer from 0 to 2^64-1'),
            ('{"samples":10,"samples":20}', 'the key "samples" appears twice in one object at byte'),
            ('{"samples":0x10}', "malformed JSON"),
            ('{"trainer":"ad\\"am"}', '"trainer" must be "adam", "auglag", "gd" or "sgd"'),
        ]
        for training, message in cases:
            with self.subTest(training=training):
                model = self.file("m.json", MODEL % training)
                self.refused(1, message, "denoise", "--data", self.tri, "--points", pts, "--denoiser", "trained", "--sigma", 0.1,
                             "--model", model)
        good = self.file("good.json", MODEL % '{"trainer":"adam","samples":100,"epochs":5,"seed":7}')
        run("denoise", "--data", self.tri, "--points", pts, "--denoiser", "trained", "--model", good, "--sigma", 0.1, expect=0)


    # issue 29: the files and shells people use

    def test_a_spreadsheet_export_reads_as_the_plain_file(self):
        pts = self.file("p.csv", "0.9,0.05\n")
        plain = run("classify", "--data", self.tri, "--points", pts, expect=0)[0].stdout
        with open(os.path.join(self.dir.name, "bom.csv"), "wb") as f:
            f.write(b"\xef\xbb\xbf0,0\r\n1,0\r\n0,1\r\n")
        self.assertEqual(run("classify", "--data", os.path.join(self.dir.name, "bom.csv"), "--points", pts, expect=0)[0].stdout, plain)
        with open(os.path.join(self.dir.name, "bad.csv"), "wb") as f:
            f.write(b"\xef\xbb\xbf0,0\r\n1,x\r\n")
        self.refused(1, "bad.csv, line 2, column 2: 'x' is not a number", "classify", "--data",
                     os.path.join(self.dir.name, "bad.csv"), "--points", pts)

    def test_standard_input_pipes_and_standard_output(self):
        pts = self.file("p.csv", "0.9,0.05\n")
        plain = run("classify", "--data", self.tri, "--points", pts, expect=0)[0].stdout
        p = subprocess.run([FLOWLAB, "classify", "--data", self.tri, "--points", "-", "--out", "-"], input="0.9,0.05\n",
                           capture_output=True, text=True, timeout=LIMIT_S)
        self.assertEqual((p.returncode, p.stdout), (0, plain))
        p = subprocess.run(["bash", "-c", f'"{FLOWLAB}" classify --data "{self.tri}" --points <(echo 0.9,0.05)'],
                           capture_output=True, text=True, timeout=LIMIT_S)
        self.assertEqual((p.returncode, p.stdout), (0, plain), p.stderr)  # a process substitution: /dev/fd/63
        p = subprocess.run([FLOWLAB, "classify", "--data", "-", "--points", "-"], input="0,0\n1,0\n",
                           capture_output=True, text=True, timeout=LIMIT_S)
        self.assertEqual(p.returncode, 1)
        self.assertIn("-: standard input was already read by another option", p.stderr)

    def test_a_stream_over_the_cap_stops_as_it_arrives(self):
        p = subprocess.run(["bash", "-c", f'head -c 140000000 /dev/zero | tr "\\0" 1 | "{FLOWLAB}" classify --data "{self.tri}" --points -'],
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 1)
        self.assertIn("-: standard input: more than 134 MB arrived; CSV files of at most 134 MB are read", p.stderr)

    def test_directories_and_missing_files_say_so(self):
        self.refused(1, f"{self.dir.name}: is a directory, not a file", "classify", "--data", self.dir.name, "--points", self.tri)
        self.refused(1, "nope.csv: no such file", "classify", "--data", os.path.join(self.dir.name, "nope.csv"), "--points", self.tri)

    def test_an_unwritable_output_is_refused_before_any_work(self):
        for key, path, why in [("--out", "/nonexistent/dir/o.csv", "cannot be written (there is no folder /nonexistent/dir)"),
                               ("--out", self.dir.name, "is a directory; give a file name"),
                               ("--plot", "/nonexistent/f.png", "cannot be written (there is no folder /nonexistent)")]:
            with self.subTest(key=key, path=path):
                # a run of minutes (500 digits, 100000 samples) is refused at once
                p, took = run("experiment", "digits", "--n", 500, "--samples", 100000, key, path, expect=1)
                self.assertIn(why, p.stderr)
                self.assertLess(took, 2.0)

    def test_the_exact_posterior_at_extreme_noise_and_measurements(self):
        A = self.file("A.csv", "1,0\n")
        near = self.file("y.csv", "0.3\n")
        for noise in ["1e-300", "1e-10", "1e12"]:
            with self.subTest(noise=noise):
                p, _ = run("inverse", "--data", self.tri, "--A", A, "--y", near, "--noise", noise, "--method", "exact",
                           "--denoiser", "emmse", "--samples", 100, expect=0)
                ends = [tuple(map(float, l.split(","))) for l in p.stdout.split()]
                self.assertEqual(len(ends), 100)
                if noise != "1e12":  # every sample on the nearest points: x1 = 0, (0, 0) or (0, 1)
                    self.assertTrue(all(abs(x) < 0.01 for x, _ in ends), ends[:5])
        far = self.file("far.csv", "1e200\n")
        p, _ = run("inverse", "--data", self.tri, "--A", A, "--y", far, "--noise", 0.1, "--method", "exact",
                   "--denoiser", "emmse", "--samples", 50, expect=0)
        self.assertTrue(all(abs(float(l.split(",")[0]) - 1) < 0.01 for l in p.stdout.split()), "all on (1, 0), the nearest")
        # a flow whose last step divides rounding by sigma_min = 1e-300 says so; Euler runs it
        pts = self.file("p.csv", "0.2,0.1\n")
        self.refused(1, "its step from sigma 1.28e-12 to 1e-300 divides by the second", "flow", "--data", self.tri,
                     "--points", pts, "--denoiser", "emmse", "--flow", "pf", "--sigma-max", 1, "--sigma-min", "1e-300", "--steps", 50)
        run("flow", "--data", self.tri, "--points", pts, "--denoiser", "emmse", "--flow", "pf", "--sigma-max", 1,
            "--sigma-min", "1e-300", "--steps", 50, "--integrator", "euler", expect=0)
        huge = self.file("huge.csv", "1e305\n")
        self.refused(1, "the measurement is too large for double precision", "inverse", "--data", self.tri, "--A", A, "--y", huge,
                     "--noise", 0.1, "--method", "exact", "--denoiser", "emmse")

    def test_every_sampler_at_extreme_levels_and_scales(self):
        """The audit of exp, log and division (issue 29): at sigma and s from 1e-300 to 1e12 and data from
        1e-12 to 1e15, every denoiser, flow and sampler gives finite numbers at their limits: the MMSE at
        sigma -> 0 is the nearest training point and at sigma -> infinity their mean; the exact posterior
        at s -> 0 lies on the points whose A x_n is nearest y."""
        def rows(text):
            return [[float(v) for v in l.split(",")] for l in text.split()]

        def close(a, b, scale):
            return all(abs(x - y) <= 1e-9 * scale for x, y in zip(a, b))

        for scale in [1e-12, 1.0, 1e12, 1e15]:
            X = [[0, 0], [scale, 0], [0, scale]]
            data = self.file(f"x{scale}.csv", "\n".join(f"{a!r},{b!r}" for a, b in X) + "\n")
            near = [0.9 * scale, 0.2 * scale]  # nearest (scale, 0)
            pts = self.file(f"p{scale}.csv", f"{near[0]!r},{near[1]!r}\n")
            for sigma in ["1e-300", "1e-200", "1e-12", "1", "1e6", "1e12"]:
                for den in ["emmse", "ksmooth", "minnorm"]:
                    with self.subTest(scale=scale, sigma=sigma, den=den):
                        extra = ["--fallback", "emmse"] if den == "minnorm" else []
                        p, _ = run("denoise", "--data", data, "--points", pts, "--denoiser", den, "--sigma", sigma, *extra,
                                   expect=0)
                        h = rows(p.stdout)[0]
                        self.assertTrue(all(abs(v) < 2 * scale for v in h), h)
                        s = float(sigma)
                        if den == "emmse" and s <= 1e-3 * scale:
                            self.assertTrue(close(h, X[1], scale), f"the nearest point at sigma {sigma}: {h}")
                        if den == "emmse" and s >= 1e6 * scale:
                            self.assertTrue(close(h, [scale / 3, scale / 3], 1e-3 * scale), f"the mean at sigma {sigma}: {h}")
            # flows from far above the data down to far below it end on training points
            top = min(1e6 * scale, 1e12)  # the options' range ends at 1e12; the flow contracts by sigma_min / sigma_max
            for flow, levels in [("pf", ["--sigma-max", top, "--sigma-min", 1e-6 * min(scale, top)]),
                                 ("sde", ["--sigma-max", top, "--sigma-min", 1e-6 * min(scale, top)])]:
                with self.subTest(scale=scale, flow=flow):
                    p, _ = run("flow", "--data", data, "--points", pts, "--denoiser", "emmse", "--flow", flow, *levels,
                               "--steps", 100, "--integrator", "euler", expect=0)
                    end = rows(p.stdout)[0]
                    self.assertTrue(any(close(end, x, 1e5 * scale) for x in X), f"{flow} ends on a training point: {end}")
            # posterior samples at every method and noise: finite, and exact at s -> 0 on the nearest A x_n
            A = self.file("A1.csv", "1,0\n")
            y = self.file(f"y{scale}.csv", f"{0.2 * scale!r}\n")  # nearest A x_n: 0, for (0, 0) and (0, scale)
            for method in ["exact", "dps", "projection", "mcg"]:
                for noise in ["1e-300", "1e-12", "1", "1e12"]:
                    with self.subTest(scale=scale, method=method, noise=noise):
                        p, _ = run("inverse", "--data", data, "--A", A, "--y", y, "--noise", noise, "--method", method,
                                   "--denoiser", "emmse", "--samples", 20, "--steps", 40, expect=0)
                        xs = rows(p.stdout)
                        self.assertEqual(len(xs), 20)
                        self.assertTrue(all(abs(v) < 1e3 * scale for x in xs for v in x), xs[:3])
                        if method == "exact" and float(noise) <= 1e-3 * scale:
                            self.assertTrue(all(abs(x[0]) < 0.01 * scale for x in xs), xs[:3])
            # the classifier at every scale: a training point is a training point, a midpoint of an edge the manifold
            q = self.file(f"q{scale}.csv", f"{scale!r},0\n{0.5 * scale!r},0\n")
            p, _ = run("classify", "--data", data, "--points", q, expect=0)
            classes = [l.split(",")[0] for l in p.stdout.splitlines() if not l.startswith(("#", "summary"))]
            self.assertEqual(classes, ["training", "manifold"], p.stdout)


if __name__ == "__main__":
    FLOWLAB = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
