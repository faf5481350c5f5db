#!/usr/bin/env python3
"""End-to-end checks of the `flowlab` command-line contract (issue: core engine).

Runs the real binary on small files and checks flags, file formats, output
columns, exit codes and error messages. Usage: cli_contract.py PATH/TO/flowlab
"""
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

FLOWLAB = None


def run(*args, expect=0):
    p = subprocess.run([FLOWLAB, *map(str, args)], capture_output=True, text=True)
    if expect is not None and p.returncode != expect:
        raise AssertionError(f"flowlab {' '.join(map(str, args))}: exit {p.returncode}, expected {expect}\n"
                             f"stdout: {p.stdout}\nstderr: {p.stderr}")
    return p


def png_size(path):
    """Width and height of an 8-bit RGB or RGBA PNG whose pixel data inflates to exactly that size."""
    import struct
    import zlib
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, size, channels = 8, b"", None, None
    while pos < len(data):
        n = struct.unpack(">I", data[pos:pos + 4])[0]
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
            depth, colour = body[8], body[9]
            assert depth == 8, path
            channels = {2: 3, 6: 4}[colour]  # RGB or RGBA
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert len(zlib.decompress(idat)) == (size[0] * channels + 1) * size[1], path
    return size


def rows(text):
    return [[float(v) for v in line.split(",")] for line in text.splitlines() if line and not line.startswith("#")]


DIGITS = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"


class Contract(unittest.TestCase):
    def test_generate_digits_reproduces_rows_of_the_package_file(self):
        import gzip
        with gzip.open(DIGITS, "rt") as f:
            table = [[int(float(v)) for v in line.split(",")] for line in f if line.strip()]
        self.assertEqual(len(table), 1797)
        index = {tuple(r[:64]): [] for r in table}
        for i, r in enumerate(table):
            index[tuple(r[:64])].append(i)
        for seed, classes, n in [(1, None, 50), (7, "0,3,8", 31), (2, "5", 100), (3, None, 1797)]:
            args = ["generate", "--preset", "digits", "--n", n, "--seed", seed] + (["--classes", classes] if classes else [])
            got = rows(run(*args).stdout)
            self.assertEqual(len(got), n)
            found = []
            for image in got:
                self.assertEqual(len(image), 64)
                levels = tuple(round(v * 16) for v in image)
                self.assertTrue(all(abs(v * 16 - round(v * 16)) < 1e-12 for v in image), "each value is a grey level / 16")
                self.assertIn(levels, index, "each image is a row of the package's file, scaled by 1/16")
                found.append(levels)
            labels = [table[index[levels][0]][64] for levels in found]
            wanted = [int(c) for c in classes.split(",")] if classes else list(range(10))
            self.assertTrue(set(labels) <= set(wanted))
            counts = [labels.count(c) for c in wanted]
            available = [sum(1 for r in table if r[64] == c) for c in wanted]
            # balanced: a class below the largest count has given all it holds, the rest differ by at most one
            top = max(counts)
            self.assertTrue(all(k >= top - 1 or k == a for k, a in zip(counts, available)),
                            "balanced over the classes: %s of %s" % (counts, available))
            # without replacement: no image more often than the file holds it
            self.assertTrue(all(found.count(levels) <= len(index[levels]) for levels in set(found)))
        self.assertEqual(run("generate", "--preset", "digits", "--n", 20, "--seed", 4).stdout,
                         run("generate", "--preset", "digits", "--n", 20, "--seed", 4).stdout)
        self.assertNotEqual(run("generate", "--preset", "digits", "--n", 20, "--seed", 4).stdout,
                            run("generate", "--preset", "digits", "--n", 20, "--seed", 5).stdout)
        for bad, why in [(["--n", 1798], "1797"), (["--classes", "3,3"], "twice"), (["--classes", "12"], "0..9"),
                         (["--classes", "0", "--n", 1000], "hold 178 images"), (["--classes", "x"], "--classes")]:
            p = run("generate", "--preset", "digits", *bad, expect=2)
            self.assertIn(why, p.stderr)
        self.assertIn("--classes is for --preset digits",
                      run("generate", "--preset", "simplex", "--classes", "1", expect=2).stderr)

    def test_experiment_digits(self):
        fig = os.path.join(self.dir.name, "digits.png")
        p = run("experiment", "digits", "--n", "10,30", "--denoiser", "emmse,ksmooth", "--bandwidth", 1,
                "--samples", 60, "--plot", fig)
        lines = p.stdout.splitlines()
        self.assertEqual(lines[0], "n,denoiser,bandwidth,samples,memorized,memorized_lo,memorized_hi,mean_ratio")
        table = [l.split(",") for l in lines[1:]]
        self.assertEqual([(r[0], r[1], r[2], r[3]) for r in table],
                         [("10", "emmse", "0", "60"), ("10", "ksmooth", "1", "60"), ("30", "emmse", "0", "60"), ("30", "ksmooth", "1", "60")])
        for r in table:
            m, lo, hi = float(r[4]), float(r[5]), float(r[6])
            self.assertTrue(0 <= lo <= m <= hi <= 1, r)
        self.assertEqual(float(table[0][4]), 1.0)  # the empirical MMSE copies training images
        self.assertEqual(p.stderr.count("memorized ("), 4, "each row's time on standard error")
        self.assertEqual(png_size(fig), (900, 560))
        # the trained min-norm network (briefly trained here), and the grid of samples beside their nearest images
        grid = os.path.join(self.dir.name, "grid.png")
        p = run("experiment", "digits", "--n", "12", "--denoiser", "emmse,trained", "--samples", 20, "--levels", 2,
                "--width", 8, "--epochs", 30, "--train-samples", 4, "--grid-plot", grid)
        table = [l.split(",") for l in p.stdout.splitlines()[1:]]
        self.assertEqual([(r[0], r[1], r[3]) for r in table], [("12", "emmse", "20"), ("12", "trained", "20")])
        self.assertTrue(0 <= float(table[1][4]) <= 1)
        self.assertIn("trained (interpolation error up to", p.stderr)
        # 16 pairs a denoiser, 8 a row: 8 pairs of two 48-pixel images (4 between, 3-pixel frames) and 8 between
        self.assertEqual(png_size(grid), (2 * 24 + 8 * 106 + 7 * 8, 2 * 24 + 40 + 26 + 4 * 70 + 3 * 8))
        for bad, why in [(["--n", 1], "2..1797"), (["--denoiser", "minnorm"], "emmse, ksmooth or trained"),
                         (["--width", 8], "--width is for --denoiser trained"),
                         (["--denoiser", "emmse", "--bandwidth", 1], "for --denoiser ksmooth"), (["--flow", "score"], "pf or sde")]:
            self.assertIn(why, run("experiment", "digits", *bad, expect=2).stderr)

    def test_classify_by_ratio(self):
        data = self.file("two.csv", "0,0\n4,0\n")
        points = self.file("p.csv", "0.9,0\n1.1,0\n2,0\n")
        out = run("classify", "--data", data, "--points", points, "--ratio", 0.3333333).stdout.splitlines()
        self.assertTrue(out[0].startswith("# class,nearest,ratio"))
        self.assertEqual([l.split(",")[:2] for l in out[1:4]], [["memorized", "1"], ["novel", "1"], ["novel", "1"]])
        self.assertAlmostEqual(float(out[1].split(",")[2]), 0.9 / 3.1)
        self.assertEqual(out[4:], ["summary,memorized,1,0.3333333333333333", "summary,novel,2,0.6666666666666666"])
        one = self.file("one.csv", "0,0\n")
        self.assertIn("at least two training points", run("classify", "--data", one, "--points", points, "--ratio", 0.3, expect=2).stderr)
        self.assertIn("two criteria", run("classify", "--data", data, "--points", points, "--ratio", 0.3, "--tol", 0.1, expect=2).stderr)

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def file(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def orthogonal(self, n=3, d=3):
        return self.file("data.csv", run("generate", "--preset", "orthogonal", "--n", n, "--d", d).stdout)

    def test_help_on_every_subcommand(self):
        for cmd in ["denoise", "flow", "classify", "generate", "train", "inverse"]:
            out = run(cmd, "--help").stdout
            self.assertIn(f"usage: flowlab {cmd}", out)
            self.assertIn("--out", out)
        self.assertIn("usage: flowlab experiment orthogonal", run("experiment", "orthogonal", "--help").stdout)
        self.assertIn("commands:", run("--help").stdout)
        self.assertEqual(run(expect=2).returncode, 2)

    def test_denoise_rho_and_sigma_alpha_agree_and_print_shortest_round_trip(self):
        data = self.orthogonal()
        pts = self.file("p.csv", "# comment\n0.6,0.1,0.2\n0.05,0.97,1.2\n")
        by_rho = run("denoise", "--data", data, "--points", pts, "--denoiser", "minnorm", "--rho", 0.2).stdout
        by_sigma = run("denoise", "--data", data, "--points", pts, "--denoiser", "minnorm", "--sigma", 0.1,
                       "--alpha", 2).stdout
        a, b = rows(by_rho), rows(by_sigma)
        self.assertEqual(len(a), 2)
        for r1, r2 in zip(a, b):
            for v1, v2 in zip(r1, r2):
                self.assertAlmostEqual(v1, v2, places=14)
        # ramp value (0.6 - 0.2) / (1 - 0.4) = 2/3 printed as its shortest round-trip text
        first = by_rho.splitlines()[0].split(",")[0]
        self.assertEqual(first, "0.6666666666666666")
        self.assertEqual(float(first), 2 / 3)  # reads back exactly
        self.assertEqual(a[1], [0.0, 1.0, 1.0])  # both plateaus

    def test_denoise_emmse_and_ksmooth(self):
        data = self.orthogonal()
        pts = self.file("p.csv", "0.9,0.1,0\n")
        h = rows(run("denoise", "--data", data, "--points", pts, "--denoiser", "emmse", "--sigma", 1e-3).stdout)
        self.assertEqual(h, [[1.0, 0.0, 0.0]])
        k = rows(run("denoise", "--data", data, "--points", pts, "--denoiser", "ksmooth", "--sigma", 0.1,
                     "--bandwidth", 0.3).stdout)
        self.assertEqual(len(k[0]), 3)
        self.assertTrue(all(math.isfinite(v) for v in k[0]))

    def test_score_flow_ends_at_rounded_vertices_and_classify_reports_them(self):
        data = self.orthogonal()
        pts = self.file("p.csv", "0.7,0.2,0.1\n0.8,0.9,-0.2\n0.1,0.3,0.2\n0.6,0.6,0.6\n")
        out = os.path.join(self.dir.name, "end.csv")
        p = run("flow", "--data", data, "--points", pts, "--denoiser", "minnorm", "--flow", "score", "--rho", 0.2,
                "--integrator", "adaptive", "--out", out)
        self.assertEqual(p.stdout, "")
        self.assertIn("converged", p.stderr)
        with open(out) as f:
            ends = rows(f.read())
        expect = [[1, 0, 0], [1, 1, 0], [0, 0, 0], [1, 1, 1]]
        for e, x in zip(ends, expect):
            for v, w in zip(e, x):
                self.assertAlmostEqual(v, w, places=8)
        c = run("classify", "--data", data, "--points", out).stdout.splitlines()
        self.assertEqual(c[0], "# class,vertex (1-based data rows joined by ';')")
        self.assertEqual(c[1:5], ["training,1", "virtual,1;2", "apex,", "virtual,1;2;3"])
        self.assertEqual(c[5:], ["summary,training,1,0.25", "summary,virtual,2,0.5", "summary,apex,1,0.25",
                                 "summary,manifold,0,0", "summary,other,0,0"])

    def test_probability_flow_ends_at_the_denoised_start(self):
        data = self.orthogonal()
        pts = self.file("p.csv", "0.6,0.1,0.9\n")
        ends = rows(run("flow", "--data", data, "--points", pts, "--denoiser", "minnorm", "--flow", "pf",
                        "--sigma-max", 0.2, "--sigma-min", 1e-6, "--steps", 50, "--integrator", "rk4").stdout)
        h = rows(run("denoise", "--data", data, "--points", pts, "--denoiser", "minnorm", "--sigma", 0.2).stdout)
        for v, w in zip(ends[0], h[0]):
            self.assertAlmostEqual(v, w, places=5)

    def test_sde_is_seeded(self):
        data = self.orthogonal()
        pts = self.file("p.csv", "0.5,0.5,0.5\n0.2,0.1,0\n")
        args = ["flow", "--data", data, "--points", pts, "--denoiser", "emmse", "--flow", "sde", "--sigma-max", 1,
                "--steps", 30]
        self.assertEqual(run(*args, "--seed", 3).stdout, run(*args, "--seed", 3).stdout)
        self.assertNotEqual(run(*args, "--seed", 3).stdout, run(*args, "--seed", 4).stdout)

    def test_infeasible_closed_form_is_an_error_unless_a_fallback_is_chosen(self):
        data = self.orthogonal()
        pts = self.file("p.csv", "0.5,0.5,0.5\n")
        p = run("flow", "--data", data, "--points", pts, "--flow", "pf", "--sigma-max", 1, expect=1)
        self.assertIn("infeasible", p.stderr)
        self.assertIn("choose a fallback", p.stderr)
        for fb in ["clamp", "emmse"]:
            p = run("flow", "--data", data, "--points", pts, "--flow", "pf", "--sigma-max", 1, "--fallback", fb)
            fallback_steps = int(p.stderr.split(" fallback steps")[0].split()[-1])
            self.assertGreater(fallback_steps, 0)
        p = run("denoise", "--data", data, "--points", pts, "--rho", 0.5, expect=1)
        self.assertIn("2*rho = 1 is not below the gap 1", p.stderr)

    def test_acute_data_has_no_closed_form(self):
        tri = self.file("tri.csv", run("generate", "--preset", "simplex", "--angle", 60).stdout)
        pts = self.file("p.csv", "0.1,0.1\n")
        p = run("denoise", "--data", tri, "--points", pts, "--rho", 0.1, expect=1)
        self.assertIn("acute", p.stderr)

    def test_malformed_input_names_file_and_line(self):
        data = self.orthogonal()
        cases = [
            ("ragged.csv", "1,2,3\n4,5\n", "ragged.csv, line 2: 2 values, but line 1 has 3"),
            ("nan.csv", "1,2,3\n# c\n1,nan,3\n", "nan.csv, line 3, column 2: 'nan' is not a finite number"),
            ("text.csv", "1,2,x\n", "text.csv, line 1, column 3: 'x' is not a number"),
            ("empty.csv", "# nothing\n", "empty.csv: no points"),
        ]
        for name, text, message in cases:
            pts = self.file(name, text)
            p = run("denoise", "--data", data, "--points", pts, "--rho", 0.1, expect=1)
            self.assertIn(message, p.stderr)
        dup = self.file("dup.csv", "1,0\n0,1\n1,0\n")
        p = run("denoise", "--data", dup, "--points", dup, "--rho", 0.1, expect=1)
        self.assertIn("points 1 and 3 are the same point", p.stderr)
        p = run("denoise", "--data", data, "--points", self.file("p2.csv", "1,2\n"), "--rho", 0.1, expect=1)
        self.assertIn("points have dimension 2, but the data has dimension 3", p.stderr)
        p = run("denoise", "--data", os.path.join(self.dir.name, "missing.csv"), "--points", data, "--rho", 0.1,
                expect=1)
        self.assertIn("missing.csv: no such file", p.stderr)

    def test_usage_errors_exit_2_and_say_what_is_wrong(self):
        data = self.orthogonal()
        cases = [
            (["denoise", "--data", data, "--points", data], "give the noise level with --rho or --sigma"),
            (["denoise", "--data", data, "--points", data, "--rho", 1, "--sigma", 1], "either --rho or --sigma"),
            (["denoise", "--data", data, "--points", data, "--rho", "abc"], "--rho: 'abc' is not a finite number"),
            (["flow", "--data", data, "--points", data, "--flow", "sideways"], "unknown flow 'sideways'"),
            (["flow", "--data", data, "--points", data, "--integrator", "rk5"], "unknown integrator 'rk5'"),
            (["flow", "--data", data, "--points", data, "--bogus", 1], "unknown option --bogus"),
            (["flow", "--points", data], "missing --data"),
            (["classify", "--data", data, "--points", data, "--tol"], "--tol needs a value"),
            (["experiment", "orthogonal", "--sweep-n", "5:2"], "--sweep-n: expected A:B"),
            (["experiment", "cubes"], "expected an experiment name: orthogonal"),
        ]
        for args, message in cases:
            p = run(*args, expect=2)
            self.assertIn(message, p.stderr)

    def test_experiment_rows_have_the_documented_columns(self):
        out = run("experiment", "orthogonal", "--n", 3, "--inits", 100, "--flow", "score").stdout.splitlines()
        self.assertEqual(out[0], "n,d,inits,flow,training,virtual,apex,manifold,other,fallback_steps")
        self.assertEqual(len(out), 2)
        cells = out[1].split(",")
        self.assertEqual(cells[:4], ["3", "3", "100", "score"])
        self.assertAlmostEqual(sum(float(v) for v in cells[4:9]), 1.0, places=12)
        sweep = run("experiment", "orthogonal", "--sweep-n", "3:5", "--inits", 50, "--flow", "pf").stdout.splitlines()
        self.assertEqual([r.split(",")[0] for r in sweep[1:]], ["3", "4", "5"])
        self.assertEqual([r.split(",")[1] for r in sweep[1:]], ["3", "4", "5"])

    def test_train_then_denoise_and_flow_with_the_model(self):
        tri = self.file("tri.csv", run("generate", "--preset", "simplex", "--angle", 120).stdout)
        model = os.path.join(self.dir.name, "model.json")
        args = ["train", "--data", tri, "--sigma", "0.1,0.05", "--alpha", 1, "--width", 16, "--samples", 20,
                "--trainer", "auglag", "--lambda", 0, "--epochs", 400, "--seed", 2, "--out", model]
        p = run(*args)
        self.assertIn("trained sigma 0.05: interpolation error", p.stderr)
        with open(model) as f:
            text = f.read()
        self.assertTrue(text.startswith('{"format":"flowlab-model","version":1,"d":2,"width":16'))
        run(*args[:-1], model + ".again")
        with open(model + ".again") as f:
            self.assertEqual(f.read(), text)  # deterministic for a seed
        pts = self.file("p.csv", "0,0\n1,0\n0.2,0.1\n")
        h = rows(run("denoise", "--data", tri, "--points", pts, "--denoiser", "trained", "--model", model,
                     "--sigma", 0.1).stdout)
        self.assertEqual(len(h), 3)
        self.assertTrue(all(len(r) == 2 and all(math.isfinite(v) for v in r) for r in h))
        ends = rows(run("flow", "--data", tri, "--points", pts, "--denoiser", "trained", "--model", model,
                        "--flow", "pf", "--steps", 20).stdout)
        self.assertEqual(len(ends), 3)
        adam = run("train", "--data", tri, "--sigma", 0.1, "--width", 8, "--samples", 10, "--trainer", "adam",
                   "--lambda", 1e-3, "--epochs", 100, "--seed", 1)
        self.assertIn('"trainer":"adam"', adam.stdout)

    def test_threads_do_not_change_any_output(self):
        # 1300 particles: three chunks of 512, so that two threads really share them
        data = self.file("rays.csv", run("generate", "--preset", "rays", "--rays", 3, "--per-ray", 2, "--d", 3,
                                         "--rotate").stdout)
        import random
        rng = random.Random(3)
        pts = self.file("p.csv", "".join(",".join(repr(rng.uniform(-1, 2)) for _ in range(3)) + "\n"
                                          for _ in range(1300)))
        commands = [["flow", "--denoiser", "minnorm", "--flow", "pf"],  # the fused kernel
                    ["flow", "--denoiser", "emmse", "--flow", "pf", "--integrator", "euler"],
                    ["flow", "--denoiser", "minnorm", "--flow", "sde", "--steps", 50, "--seed", 4],
                    ["flow", "--denoiser", "ksmooth", "--flow", "pf", "--steps", 20],
                    ["denoise", "--denoiser", "emmse", "--sigma", 0.3],
                    ["classify"]]
        for cmd in commands:
            outs = [run(*cmd, "--data", data, "--points", pts, "--threads", t).stdout for t in (1, 2, 0)]
            points = [l for l in outs[0].splitlines() if not l.startswith(("#", "summary"))]
            self.assertEqual(len(points), 1300, cmd)
            self.assertEqual(outs[0], outs[1], cmd)
            self.assertEqual(outs[0], outs[2], cmd)
        self.assertIn("--threads: -1 is out of range [0, 1024]",
                      run("flow", "--data", data, "--points", pts, "--threads", -1, expect=2).stderr)

    def test_out_files_are_written_whole_then_renamed(self):
        data = self.orthogonal()
        out = os.path.join(self.dir.name, "ends.csv")
        self.file("ends.csv", "old\n")
        run("generate", "--preset", "orthogonal", "--n", 3, "--out", out)
        with open(out) as f:
            self.assertEqual(rows(f.read()), rows(open(data).read()))
        self.assertEqual([n for n in os.listdir(self.dir.name) if ".part-" in n], [])  # nothing left beside it
        run("generate", "--preset", "orthogonal", "--n", 3, "--out", "/dev/null")  # not a regular file: written in place
        p = run("generate", "--preset", "orthogonal", "--out", os.path.join(self.dir.name, "no", "such.csv"), expect=1)
        self.assertIn("cannot be written (there is no folder", p.stderr)

    def test_denoise_takes_sigma_from_a_single_level_model(self):
        tri = self.file("tri.csv", run("generate", "--preset", "simplex", "--angle", 120).stdout)
        one, two = (os.path.join(self.dir.name, n) for n in ("one.json", "two.json"))
        train = ["train", "--data", tri, "--width", 8, "--samples", 10, "--epochs", 50]
        run(*train, "--sigma", 0.07, "--out", one)
        run(*train, "--sigma", "0.1,0.05", "--out", two)
        pts = self.file("p.csv", "0.2,0.1\n")
        implied = run("denoise", "--data", tri, "--points", pts, "--denoiser", "trained", "--model", one)
        self.assertIn(f"denoise: sigma 0.07 from {one} (its one level)", implied.stderr)
        given = run("denoise", "--data", tri, "--points", pts, "--denoiser", "trained", "--model", one, "--sigma", 0.07)
        self.assertEqual(implied.stdout, given.stdout)
        self.assertEqual(given.stderr, "")
        p = run("denoise", "--data", tri, "--points", pts, "--denoiser", "trained", "--model", two, expect=2)
        self.assertIn("has 2 levels (sigma 0.1, 0.05): give --sigma or --rho", p.stderr)
        self.assertIn("--rho or --sigma",
                      run("denoise", "--data", tri, "--points", pts, "--denoiser", "emmse", expect=2).stderr)

    def test_train_refuses_bad_hyperparameters_and_models(self):
        tri = self.file("tri.csv", run("generate", "--preset", "simplex", "--angle", 120).stdout)
        for extra, message in [(["--width", 0], "--width: 0 is out of range [1, 1048576]"), (["--lambda", -1], "--lambda: -1 is out of range [0, 1e+12]"),
                               (["--lr", "nan"], "--lr"), (["--lr", 0], "learning rate must be a positive number"), (["--trainer", "rmsprop"], "adam, auglag, gd or sgd")]:
            p = run("train", "--data", tri, "--sigma", 0.1, *extra, expect=2)
            self.assertIn(message, p.stderr)
        self.assertIn("--sigma", run("train", "--data", tri, "--sigma", "0.1,x", expect=2).stderr)
        self.assertIn("strictly decreasing", run("train", "--data", tri, "--sigma", "0.1,0.2", "--epochs", 1, expect=1).stderr)
        pts = self.file("p.csv", "0,0\n")
        p = run("denoise", "--data", tri, "--points", pts, "--denoiser", "trained", "--sigma", 0.1, expect=1)
        self.assertIn("needs --model", p.stderr)
        bad = self.file("bad.json", "{\"format\": 1")
        p = run("denoise", "--data", tri, "--points", pts, "--denoiser", "trained", "--model", bad, "--sigma", 0.1,
                expect=1)
        self.assertIn("bad.json: malformed JSON", p.stderr)

    def test_memorization_experiment_writes_rows_and_a_png(self):
        png = os.path.join(self.dir.name, "mem.png")
        out = run("experiment", "memorization", "--n", "3:5", "--seeds", 2, "--inits", 60, "--plot", png).stdout
        lines = out.splitlines()
        self.assertEqual(lines[0], "n,flow,seeds,inits,training_mean,training_std,virtual_mean,manifold_mean,other_mean")
        self.assertEqual([l.split(",")[:2] for l in lines[1:]],
                         [[str(n), f] for f in ("score", "pf") for n in (3, 4, 5)])
        score = [float(l.split(",")[4]) for l in lines[1:4]]
        self.assertGreater(score[0], score[2])  # fewer particles end at training points as N grows
        with open(png, "rb") as f:
            head = f.read(24)
        self.assertEqual(head[:8], b"\x89PNG\r\n\x1a\n")
        self.assertEqual(int.from_bytes(head[16:20], "big"), 900)  # IHDR width
        self.assertIn("--flows", run("experiment", "memorization", "--flows", "sde", expect=2).stderr)

    def test_figures_in_every_format_size_and_theme(self):
        import shutil
        import xml.etree.ElementTree as ET
        base = os.path.join(self.dir.name, "mem")
        args = ["experiment", "memorization", "--n", "3:4", "--seeds", 2, "--inits", 30]
        rows_png = run(*args, "--plot", base + ".png", "--plot-size", "640x400").stdout
        self.assertEqual(png_size(base + ".png"), (640, 400))
        rows_svg = run(*args, "--plot", base + ".svg", "--theme", "dark").stdout
        self.assertEqual(rows_png, rows_svg)  # the figure never changes the rows
        root = ET.parse(base + ".svg").getroot()
        self.assertEqual(root.tag, "{http://www.w3.org/2000/svg}svg")
        texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
        for label in ["N (training points)", "fraction at training points", "score flow", "probability flow",
                      "Memorization vs N (orthogonal data, d = N)"]:
            self.assertIn(label, texts)
        run(*args, "--plot", base + ".pdf")
        with open(base + ".pdf", "rb") as f:
            self.assertTrue(f.read(5) == b"%PDF-")
        if shutil.which("pdftoppm"):  # poppler-utils, installed by scripts/setup
            p = subprocess.run(["pdftoppm", "-png", "-r", "30", "-singlefile", base + ".pdf", base + "-page"],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stderr, "")
            w, h = png_size(base + "-page.png")
            self.assertLessEqual(abs(w - 900 * 30 / 72), 1)  # 900x560 points at 30 dpi
            self.assertLessEqual(abs(h - 560 * 30 / 72), 1)
        else:
            print("pdftoppm not found (Debian poppler-utils): the PDF's header alone was checked", file=sys.stderr)
        # a bad figure option is a usage error before any work: nothing is written
        for extra, message in [(["--plot", base + ".jpg"], "ends in .png, .svg or .pdf"),
                               (["--plot", base + ".png", "--plot-size", "10x10"], "--plot-size"),
                               (["--plot", base + ".png", "--theme", "blue"], "light or dark")]:
            p = run(*args, *extra, expect=2)
            self.assertIn(message, p.stderr)
            self.assertEqual(p.stdout, "")

    def test_reproductions_write_their_columns_and_plots(self):
        cases = [(["stationary", "--n", 6, "--max-size", 3], "denoiser,size,subsets,stable,fraction", 3),
                 (["flows", "--n", 6, "--inits", 50, "--sigma-min", "1e-3,1e-2"],
                  "flow,sigma_min,training,virtual,apex,manifold,other", 3),
                 (["denoiser1d", "--n", 4, "--sigmas", "0.1,0.01", "--heldout", 100], "sigma,minnorm_error,emmse_error", 2),
                 (["smoothing", "--n", 3, "--inits", 40, "--bandwidths", "0,0.3", "--steps", 30],
                  "bandwidth,training,virtual,manifold,other", 2)]
        for args, header, count in cases:
            png = os.path.join(self.dir.name, args[0] + ".png")
            lines = run("experiment", *args, "--plot", png).stdout.splitlines()
            self.assertEqual(lines[0], header)
            self.assertEqual(len(lines) - 1, count, args[0])
            self.assertTrue(all(math.isfinite(float(v)) for l in lines[1:] for v in l.split(",")[1:]))
            self.assertEqual(png_size(png), (900, 560))
        stat = run("experiment", "stationary", "--n", 6, "--max-size", 2).stdout.splitlines()
        self.assertEqual(stat[2], "minnorm,2,15,15,1")  # all C(6, 2) pair sums stable under the closed form
        self.assertIn("perturbation", run("experiment", "stationary", "--perturbation", 0.4, expect=1).stderr)
        # a network trained here on the same points: its rows follow the closed form's; a model of another d is refused
        trained = run("experiment", "stationary", "--n", 3, "--max-size", 2, "--train", "--width", 8, "--samples", 10,
                      "--epochs", 300).stdout.splitlines()
        self.assertEqual([l.split(",")[:3] for l in trained[3:]], [["trained", "1", "3"], ["trained", "2", "3"]])
        model = os.path.join(self.dir.name, "m3.json")
        data = os.path.join(self.dir.name, "eye3.csv")
        with open(data, "w") as f:
            f.write("1,0,0\n0,1,0\n0,0,1\n")
        run("train", "--data", data, "--sigma", 0.1, "--width", 8, "--samples", 10, "--epochs", 100, "--out", model)
        self.assertIn("d = N = 4", run("experiment", "stationary", "--n", 4, "--model", model, expect=1).stderr)
        self.assertIn("not both", run("experiment", "stationary", "--model", model, "--train", expect=2).stderr)
        saved = os.path.join(self.dir.name, "stationary3.json")
        closed = run("experiment", "stationary", "--n", 3, "--max-size", 2, "--train", "--start", "closed", "--no-skip",
                     "--samples", 10, "--epochs", 100, "--save-model", saved).stdout.splitlines()
        self.assertEqual(len(closed), 5)  # header, 2 closed-form rows, 2 trained rows
        # The kept network counts the same again, without training.
        again = run("experiment", "stationary", "--n", 3, "--max-size", 2, "--model", saved).stdout.splitlines()
        self.assertEqual(again, closed)
        self.assertIn("--save-model goes with --train", run("experiment", "stationary", "--save-model", saved, expect=2).stderr)
        self.assertIn("random or closed", run("experiment", "stationary", "--n", 3, "--max-size", 2, "--train", "--start", "x", expect=1).stderr)
        self.assertIn("goes with --train", run("experiment", "stationary", "--start", "closed", expect=2).stderr)


class Inverse(unittest.TestCase):
    """`flowlab inverse`: the contract of issue 16, end to end."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.data = self.file("square.csv", "0,0\n1,0\n0,1\n1,1\n")
        self.A = self.file("A.csv", "1,0\n")
        self.y = self.file("y.csv", "0.3\n")

    def file(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def inverse(self, *extra, expect=0, method="exact", denoiser="emmse"):
        return run("inverse", "--data", self.data, "--A", self.A, "--y", self.y, "--noise", 0.4, "--method", method,
                   "--denoiser", denoiser, *extra, expect=expect)

    def test_samples_are_rows_and_the_summary_measures_them(self):
        p = self.inverse("--samples", 700, "--sigma-max", 20)
        rows = [list(map(float, l.split(","))) for l in p.stdout.splitlines()]
        self.assertEqual((len(rows), len(rows[0])), (700, 2))
        self.assertIn("inverse: exact with emmse, pf from sigma 20 to 0.02, 200 steps, 400 denoiser evaluations", p.stderr)
        tv = float(p.stderr.split("total variation to the exact posterior ")[1].split(";")[0])
        self.assertLess(tv, 0.06)
        # Exact samples sit on the training points, the far ones (x_1 = 1) rarer than the near ones.
        near = sum(1 for x, _ in rows if abs(x) < 0.05)
        self.assertGreater(near, 0.7 * 700)
        # dps takes the Jacobian: one more evaluation per step.
        p = self.inverse("--samples", 50, "--method", "dps", "--flow", "sde", "--steps", 40, method="dps")
        self.assertIn("dps with emmse, sde", p.stderr)
        self.assertIn("40 steps, 80 denoiser evaluations", p.stderr)

    def test_every_method_and_denoiser_runs_and_threads_do_not_matter(self):
        ortho = self.file("ortho.csv", "1,0,0\n0,1,0\n0,0,1\n")
        A = self.file("A3.csv", "1,0,0\n")
        y = self.file("y3.csv", "1\n")
        for method in ("dps", "projection", "mcg"):
            for den in ("minnorm", "emmse", "ksmooth"):
                args = ["inverse", "--data", ortho, "--A", A, "--y", y, "--noise", 0.1, "--method", method,
                        "--denoiser", den, "--samples", 600, "--steps", 30, "--sigma-max", 2, "--fallback", "emmse",
                        "--bandwidth", 0.05, "--nodes", 8]
                one = run(*args, "--threads", 1).stdout
                self.assertEqual(one, run(*args, "--threads", 2).stdout, (method, den))
                self.assertEqual(len(one.splitlines()), 600)

    def test_one_measurement_per_sample_and_the_ccdf_estimate(self):
        ys = self.file("ys.csv", "0\n1\n0\n1\n")
        p = run("inverse", "--data", self.data, "--A", self.A, "--y", ys, "--noise", 0.01, "--method", "exact",
                "--denoiser", "emmse", "--samples", 4, "--sigma-max", 10)
        firsts = [round(float(l.split(",")[0])) for l in p.stdout.splitlines()]
        self.assertEqual(firsts, [0, 1, 0, 1])  # each sample fits its own measurement
        est = self.file("est.csv", "0.3,0.5\n")
        p = self.inverse("--samples", 200, "--init", "estimate", "--estimate", est, "--sigma-max", 0.5, "--steps", 20,
                         method="dps")
        self.assertIn("from sigma 0.5 to 0.0005, 20 steps", p.stderr)

    def test_the_experiment_writes_its_columns_and_both_figures(self):
        png, steps = os.path.join(self.dir.name, "inv.png"), os.path.join(self.dir.name, "steps.svg")
        lines = run("experiment", "inverse", "--noises", "0.1,0.4", "--steps", "5,10", "--samples", 60, "--plot", png,
                    "--steps-plot", steps).stdout.splitlines()
        self.assertEqual(lines[0], "data,method,denoiser,init,noise,steps,tv,training,virtual,manifold,other,residual")
        # two data sets x two levels x (exact + 3 methods x 3 denoisers) x two starts x two step counts
        self.assertEqual(len(lines) - 1, 2 * 2 * 10 * 2 * 2)
        rows = [l.split(",") for l in lines[1:]]
        self.assertEqual({r[0] for r in rows}, {"orthogonal", "triangle"})
        self.assertEqual({(r[1], r[2]) for r in rows if r[1] == "exact"}, {("exact", "emmse")})
        for r in rows:
            tv, shares = float(r[6]), list(map(float, r[7:11]))
            self.assertTrue(0 <= tv <= 1, r)
            self.assertAlmostEqual(sum(shares), 1.0, places=9)
        # projection puts the measured coordinate on the measurement: its residual is the last level's size
        self.assertTrue(all(float(r[11]) < 0.01 for r in rows if r[1] == "projection"))
        self.assertEqual(png_size(png), (900, 560))
        with open(steps) as f:
            self.assertIn("dps · emmse, CCDF", f.read())

    def test_errors_name_the_file_and_what_disagrees(self):
        wide = self.file("A_wide.csv", "1,0,0\n")
        self.assertIn("A_wide.csv: row 1 has 3 values; the data (" + self.data + ") has dimension 2",
                      run("inverse", "--data", self.data, "--A", wide, "--y", self.y, "--noise", 0.4, "--method", "dps",
                          "--denoiser", "emmse", expect=1).stderr)
        two = self.file("y2.csv", "0.3,0.1\n")
        self.assertIn("y2.csv: row 1 has 2 values; " + self.A + " has 1 rows",
                      run("inverse", "--data", self.data, "--A", self.A, "--y", two, "--noise", 0.4, "--method", "dps",
                          "--denoiser", "emmse", expect=1).stderr)
        three = self.file("y3rows.csv", "0\n1\n2\n")
        self.assertIn("y3rows.csv: 3 rows; give one (for every sample) or one per sample (--samples 10)",
                      run("inverse", "--data", self.data, "--A", self.A, "--y", three, "--noise", 0.4, "--method", "dps",
                          "--denoiser", "emmse", "--samples", 10, expect=1).stderr)
        ragged = self.file("A_ragged.csv", "1,0\n1\n")
        self.assertIn("A_ragged.csv", run("inverse", "--data", self.data, "--A", ragged, "--y", self.y, "--noise", 0.4,
                                          "--method", "dps", "--denoiser", "emmse", expect=1).stderr)
        for s in (0, -1, "nan"):
            self.assertIn("--noise", run("inverse", "--data", self.data, "--A", self.A, "--y", self.y, "--noise", s,
                                         "--method", "dps", "--denoiser", "emmse", expect=2).stderr)
        self.assertIn("give --denoiser emmse", self.inverse(denoiser="ksmooth", expect=2).stderr)
        self.assertIn("unknown method 'map'", self.inverse(method="map", expect=2).stderr)
        self.assertIn("missing --A", run("inverse", "--data", self.data, "--y", self.y, "--noise", 1, "--method",
                                         "dps", "--denoiser", "emmse", expect=2).stderr)



class BigStep(unittest.TestCase):
    """`flowlab train --trainer gd|sgd` and `flowlab experiment bigstep`: the contract of issue 17."""

    HEADER = ("data,denoiser,seed,lr,two_over_lr,epochs,status,loss,sharpness,max_sharpness,smoothness,"
              "smoothness_bound,training,virtual,apex,manifold,other")

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.line = os.path.join(self.dir.name, "line.csv")
        with open(self.line, "w") as f:
            f.write("-1\n0\n1\n")

    def test_gd_and_sgd_models_store_the_sharpness_per_level(self):
        for trainer, extra in (("gd", []), ("sgd", ["--batch", 8])):
            with self.subTest(trainer=trainer):
                p = run("train", "--data", self.line, "--sigma", "0.2,0.1", "--width", 8, "--samples", 10,
                        "--trainer", trainer, "--lr", 0.05, "--epochs", 300, *extra)
                model = json.loads(p.stdout)
                self.assertEqual(model["training"]["trainer"], trainer)
                self.assertEqual(model["training"]["lambda"], 0)  # no decay unless asked
                if trainer == "sgd":
                    self.assertEqual(model["training"]["batch"], 8)
                for level in model["levels"]:
                    self.assertGreater(level["sharpness"], 0)
                    self.assertLessEqual(level["sharpness"], 1.05 * 2 / 0.05)
                    self.assertGreaterEqual(level["smoothness"], 0)
                self.assertIn("sharpness", p.stderr)
                self.assertIn("2/lr 40", p.stderr)

    def test_divergence_and_bad_options(self):
        p = run("train", "--data", self.line, "--sigma", 0.1, "--width", 8, "--samples", 10, "--trainer", "gd",
                "--lr", 5, "--epochs", 300, expect=1)
        self.assertIn("diverged at epoch", p.stderr)
        self.assertIn("--batch is for --trainer sgd", run("train", "--data", self.line, "--sigma", 0.1, "--trainer", "gd",
                                                         "--batch", 4, expect=2).stderr)
        self.assertIn("--lr", run("experiment", "bigstep", "--lr", "0.1,x", expect=2).stderr)
        self.assertIn("gd or sgd", run("experiment", "bigstep", "--trainer", "adam", expect=2).stderr)
        self.assertIn("'2d' is not 1d or orthogonal", run("experiment", "bigstep", "--data", "1d,2d", expect=2).stderr)
        self.assertIn("strictly decreasing", run("experiment", "bigstep", "--sigmas", "0.1,0.2", expect=2).stderr)

    def test_the_experiment_writes_its_columns_and_both_figures(self):
        out, fig, sharp = (os.path.join(self.dir.name, n) for n in ("b.csv", "b.svg", "s.svg"))
        run("experiment", "bigstep", "--lr", "0.05,5", "--time", 10, "--samples", 10, "--width", 8, "--inits", 30,
            "--sigmas", "0.3,0.1", "--steps", 20, "--out", out, "--plot", fig, "--sharpness-plot", sharp)
        with open(out) as f:
            text = f.read()
        self.assertEqual(text.splitlines()[0], self.HEADER)
        table = [dict(zip(self.HEADER.split(","), line.split(","))) for line in text.splitlines()[1:]]
        kinds = ["trained", "trained", "minnorm", "emmse"]
        self.assertEqual([(r["data"], r["denoiser"]) for r in table],
                         [("1d", k) for k in kinds] + [("orthogonal", k) for k in kinds])  # both, by default
        self.assertAlmostEqual(sum(float(table[6][k]) for k in ("training", "virtual", "apex", "manifold", "other")), 1.0)
        ok, diverged = table[0], table[1]
        self.assertEqual((ok["status"], ok["epochs"], ok["two_over_lr"]), ("ok", "200", "40"))
        self.assertLessEqual(float(ok["max_sharpness"]), 1.05 * 40)
        self.assertAlmostEqual(sum(float(ok[k]) for k in ("training", "virtual", "apex", "manifold", "other")), 1.0)
        self.assertEqual((diverged["status"], diverged["training"], diverged["sharpness"]), ("diverged", "", ""))
        self.assertEqual(table[3]["lr"], "")
        for path in (fig, sharp):
            with open(path) as f:
                self.assertIn("<svg", f.read(300))


if __name__ == "__main__":
    FLOWLAB = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
