#!/usr/bin/env python3
"""`flowlab sweep` with the real engines: its own runner, GNU parallel, and a single-node Slurm
that this test starts (munged, slurmctld and slurmd in the foreground, a config in a temporary
directory). Each way of running a plan must merge to the same bytes; a SIGKILLed run must resume
to the same result, with no cell finished twice and no partial file merged.

Usage: sweep_engines.py PATH/TO/flowlab
"""
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

FLOWLAB = None
# A small grid: memorization over N x seeds, each cell some milliseconds.
GRID = ["--set", "inits=80", "--set", "steps=60", "--set", "seeds=1", "--set", "flows=score,pf",
        "--grid", "n=3,5,7", "--grid", "seed=1,2"]
CELL = ["experiment", "memorization", "--threads", "1"]


def run(*args, expect=0, env=None, cwd=None):
    p = subprocess.run([FLOWLAB, *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd)
    if expect is not None and p.returncode != expect:
        raise AssertionError(f"flowlab {' '.join(map(str, args))}: exit {p.returncode}, expected {expect}\n"
                             f"stdout: {p.stdout}\nstderr: {p.stderr}")
    return p


def read(path):
    with open(path) as f:
        return f.read()


def commands(plan_dir):
    """The `command` column, as docs/sweeps.md cuts it (cut -f: id, the grid keys, then command)."""
    with open(os.path.join(plan_dir, "cells.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
        return [line.rstrip("\n").split("\t")[len(header) - 1] for line in f]


def status(plan_dir):
    out = run("sweep", "status", plan_dir).stdout.split("\n")
    return {k: int(v) for k, v in (line.split() for line in out[:3])}


class Plan(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="flowlab-sweep-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def plan(self, name, *extra, grid=GRID, cell=CELL, expect=0):
        return run("sweep", "plan", "--out", self.path(name), *grid, *extra, "--", *cell, expect=expect)

    def test_cells_tsv_is_the_contract_and_stable(self):
        self.plan("a")
        with open(self.path("a", "cells.tsv")) as f:
            lines = f.read().splitlines()
        self.assertEqual(lines[0], "id\tn\tseed\tcommand")
        self.assertEqual(len(lines), 1 + 6)
        # The first grid key varies slowest; ids are zero-padded places in the grid.
        self.assertEqual([l.split("\t")[:3] for l in lines[1:3]], [["0001", "3", "1"], ["0002", "3", "2"]])
        first = lines[1].split("\t")[3]
        self.assertTrue(first.startswith(os.path.realpath(FLOWLAB) + " experiment memorization"), first)
        self.assertIn(" --n 3 --seed 1 --out " + self.path("a", "cells", "0001.csv"), first)
        # The same plan again: the same cells (and into the same directory, nothing changes).
        self.plan("b")
        with open(self.path("b", "cells.tsv")) as f:
            self.assertEqual(f.read().replace(self.path("b"), self.path("a")), "\n".join(lines) + "\n")
        p = self.plan("a")
        self.assertIn("already holds this plan", p.stderr)
        # Another plan into it is refused, and the old one kept.
        p = run("sweep", "plan", "--out", self.path("a"), "--grid", "n=3,4", "--", *CELL, expect=1)
        self.assertIn("already holds another plan", p.stderr)
        with open(self.path("a", "cells.tsv")) as f:
            self.assertEqual(f.read(), "\n".join(lines) + "\n")

    def test_a_seed_is_written_into_every_command(self):
        run("sweep", "plan", "--out", self.path("s"), "--grid", "n=3,4", "--", *CELL)
        for c in commands(self.path("s")):
            self.assertIn(" --seed 1 ", c)

    def test_bad_plans_are_usage_errors_and_write_nothing(self):
        cases = [
            (["--grid", "n=3,,4"], "empty value"),
            (["--grid", "n=3,3"], "listed twice"),
            (["--grid", "N=3"], "expected KEY=V1,V2"),
            (["--set", "out=x.csv"], "outputs"),
            (["--grid", "inits=5,6"], "given twice"),  # GRID sets inits already
            (["--grid", "n2=abc"], "unknown option --n2"),  # the cell's own parser, naming the cell
            (["--grid", "k=x"], "cell 0001"),
        ]
        for extra, words in cases:
            p = self.plan("bad", *extra, expect=2)
            self.assertIn(words, p.stderr, extra)
            self.assertFalse(os.path.exists(self.path("bad")), extra)
        p = run("sweep", "plan", "--out", self.path("bad"), "--grid", "n=3,x", "--", *CELL, expect=2)
        self.assertIn("cell 0002 (n=x) is not a valid command", p.stderr)
        p = run("sweep", "plan", "--out", self.path("bad"), "--", "denoise", "--data", "x.csv", expect=2)
        self.assertIn("a cell runs an experiment", p.stderr)
        p = run("sweep", "plan", "--out", self.path("bad"), "--", "train", "--data", "missing.csv", "--sigma", "0.1",
                expect=1)
        self.assertIn("missing.csv: no such file", p.stderr)
        self.assertFalse(os.path.exists(self.path("bad")))

    def test_run_parallel_and_by_hand_merge_to_the_same_bytes(self):
        for name in ("run", "parallel", "hand"):
            self.plan(name)
        self.assertEqual(status(self.path("run")), {"done": 0, "pending": 6, "failed": 0})
        p = run("sweep", "merge", self.path("run"), expect=1)
        self.assertIn("6 of 6 cells have no rows yet: 0001, 0002, 0003, 0004, 0005, 0006", p.stderr)
        p = run("sweep", "run", self.path("run"), "--jobs", "2")
        self.assertIn("6/6 done", p.stderr)
        self.assertEqual(status(self.path("run")), {"done": 6, "pending": 0, "failed": 0})
        # GNU parallel, fed the command column exactly as docs/sweeps.md shows.
        subprocess.run(f"tail -n +2 {self.path('parallel', 'cells.tsv')} | cut -f 4 | parallel --will-cite -j 2",
                       shell=True, check=True, capture_output=True)
        # By hand: every command, one after the other, in one shell.
        subprocess.run(["sh", "-c", "\n".join(commands(self.path("hand")))], check=True, capture_output=True)
        merged = {n: run("sweep", "merge", self.path(n)).stdout for n in ("run", "parallel", "hand")}
        self.assertEqual(merged["run"], merged["parallel"])
        self.assertEqual(merged["run"], merged["hand"])
        lines = merged["run"].splitlines()
        self.assertEqual(lines[0], "n,seed,n,flow,seeds,inits,training_mean,training_std,virtual_mean,manifold_mean,other_mean")
        self.assertEqual(len(lines), 1 + 6 * 2)  # two flows per cell
        self.assertTrue(lines[1].startswith("3,1,3,score,1,80,"), lines[1])
        # --out writes the same bytes as standard output.
        run("sweep", "merge", self.path("run"), "--out", self.path("merged.csv"))
        with open(self.path("merged.csv")) as f:
            self.assertEqual(f.read(), merged["run"])
        # A second run finds nothing to do.
        self.assertIn("all 6 cells are done", run("sweep", "run", self.path("run")).stderr)

    def test_cells_are_the_single_command_cut_apart(self):
        # A grid over N alone gives the rows of one `experiment memorization --n A:B` process.
        run("sweep", "plan", "--out", self.path("n"), "--set", "inits=80", "--set", "steps=60", "--set", "seeds=2",
            "--grid", "n=3,4,5", "--", *CELL)
        run("sweep", "run", self.path("n"))
        merged = run("sweep", "merge", self.path("n")).stdout.splitlines()
        whole = run(*CELL, "--n", "3:5", "--inits", 80, "--steps", 60, "--seeds", 2).stdout.splitlines()
        self.assertEqual(whole[0], merged[0].split(",", 1)[1])
        # The whole run lists both flows per N, score first; the cells, per N, the same two rows.
        self.assertEqual(sorted(whole[1:]), sorted(row.split(",", 1)[1] for row in merged[1:]))

    def test_every_experiment_can_be_a_cell(self):
        small = {
            "orthogonal": ["--n", "3", "--inits", "20"],
            "memorization": ["--n", "3", "--inits", "20", "--seeds", "1", "--steps", "20"],
            "flows": ["--n", "3", "--inits", "20", "--steps", "20"],
            "smoothing": ["--n", "2", "--inits", "20", "--nodes", "4", "--steps", "10", "--bandwidths", "0,0.1"],
            "denoiser1d": ["--n", "3", "--heldout", "50", "--sigmas", "0.1", "--plot", "e.svg", "--functions", "h.png"],
            "stationary": ["--n", "3", "--max-size", "2", "--train", "--trainer", "adam", "--epochs", "100",
                           "--samples", "4", "--width", "8"],
        }
        for name, args in small.items():
            d = self.path(name)
            run("sweep", "plan", "--out", d, "--grid", "seed=1,2", "--", "experiment", name, *args)
            run("sweep", "run", d)
            self.assertEqual(status(d), {"done": 2, "pending": 0, "failed": 0}, name)
            merged = run("sweep", "merge", d).stdout.splitlines()
            self.assertTrue(merged[0].startswith("seed,"), merged[0])
            self.assertGreater(len(merged), 2, name)
        # Figures and models go beside the rows, one per cell.
        for cell in ("0001", "0002"):
            self.assertTrue(os.path.exists(self.path("denoiser1d", "cells", cell + ".plot.svg")))
            self.assertTrue(os.path.exists(self.path("denoiser1d", "cells", cell + ".functions.png")))
            self.assertTrue(os.path.exists(self.path("stationary", "cells", cell + ".json")))
        self.assertFalse(os.path.exists("e.svg"))

    def test_merge_draws_the_figure(self):
        self.plan("fig")
        run("sweep", "run", self.path("fig"))
        svg = self.path("fig.svg")
        run("sweep", "merge", self.path("fig"), "--plot", svg, "--x", "n", "--y", "training_mean", "--series", "flow",
            "--out", os.devnull)
        with open(svg) as f:
            text = f.read()
        for label in ("training_mean against n", "flow = score", "flow = pf"):
            self.assertIn(label, text)
        run("sweep", "merge", self.path("fig"), "--plot", svg, "--x", "n", "--y", "other_mean", "--title", "Mine",
            "--out", os.devnull)
        with open(svg) as f:
            self.assertIn(">Mine<", f.read())
        p = run("sweep", "merge", self.path("fig"), "--plot", svg, "--x", "nope", "--y", "training_mean", expect=1)
        self.assertIn("no column 'nope'", p.stderr)
        run("sweep", "merge", self.path("fig"), "--plot", svg, expect=2)  # --x and --y are required

    def test_a_failed_cell_keeps_its_stderr_and_blocks_the_merge(self):
        good, bad = self.path("good.csv"), self.path("bad data's.csv")  # a quote and a blank: quoting
        with open(good, "w") as f:
            f.write("0,0\n1,0\n")
        with open(bad, "w") as f:
            f.write("0,0\n1,x\n")
        grid = ["--set", "width=8", "--set", "samples=4", "--set", "epochs=200", "--grid", f"data={good},{bad}"]
        self.plan("t", grid=grid, cell=["train", "--sigma", "0.1", "--trainer", "adam"])
        p = run("sweep", "run", self.path("t"), "--jobs", "2", expect=1)
        self.assertIn("1 cells failed: 0002", p.stderr)
        self.assertEqual(status(self.path("t")), {"done": 1, "pending": 0, "failed": 1})
        out = run("sweep", "status", self.path("t")).stdout
        self.assertIn("cell 0002 failed: flowlab sweep run: cell 0002 exited with status 1", out)
        with open(self.path("t", "cells", "0002.err")) as f:
            self.assertIn("line 2", f.read())  # the command's own message, naming the line
        # The train cell wrote its model and its rows into cells/.
        self.assertTrue(os.path.exists(self.path("t", "cells", "0001.json")))
        with open(self.path("t", "cells", "0001.csv")) as f:
            self.assertEqual(f.readline(), "sigma,width,epochs,loss,interpolation,cost\n")
        p = run("sweep", "merge", self.path("t"), expect=1)
        self.assertIn("1 of 2 cells have no rows yet: 0002", p.stderr)
        self.assertEqual(glob.glob(self.path("t", "cells", "*.running")), [])

    def test_sigkill_mid_grid_then_resume(self):
        grid = ["--set", "inits=100000", "--set", "steps=200", "--set", "seeds=1", "--set", "flows=pf",
                "--grid", "n=12,16", "--grid", "seed=1,2,3,4,5"]
        self.plan("ref", grid=grid)
        self.plan("k", grid=grid)
        run("sweep", "run", self.path("ref"), "--jobs", "2")
        runner = subprocess.Popen([FLOWLAB, "sweep", "run", self.path("k"), "--jobs", "2"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while len(glob.glob(self.path("k", "cells", "*.csv"))) < 3 and time.time() < deadline:
            time.sleep(0.01)
        runner.send_signal(signal.SIGKILL)
        runner.wait()
        before = {p: (os.stat(p).st_ino, os.stat(p).st_mtime_ns) for p in glob.glob(self.path("k", "cells", "*.csv"))}
        self.assertGreaterEqual(len(before), 3)
        self.assertLess(len(before), 10, "the run ended before the kill: make the cells slower")
        # No cell outlives its runner (they die with it), so none can finish behind the next run's back.
        # A cell takes most of a second; the kernel ends them within milliseconds of the kill.
        deadline, alive = time.time() + 0.2, "?"
        while alive and time.time() < deadline:
            alive = subprocess.run(["pgrep", "-f", self.path("k", "cells")], capture_output=True, text=True).stdout
        self.assertEqual(alive, "", "cells outlived the killed run")
        self.assertEqual(run("sweep", "merge", self.path("k"), expect=1).stdout, "")
        run("sweep", "run", self.path("k"), "--jobs", "2")
        self.assertEqual(run("sweep", "merge", self.path("k")).stdout, run("sweep", "merge", self.path("ref")).stdout)
        # The cells done before the kill were not run again; no cell finished twice.
        for p, stamp in before.items():
            self.assertEqual((os.stat(p).st_ino, os.stat(p).st_mtime_ns), stamp, p)
        with open(self.path("k", "sweep.log")) as f:
            done = [line.split("\t")[0] for line in f if "\tdone\t" in line]
        self.assertEqual(len(done), len(set(done)))
        # What the killed cells left are partial files, never named as a cell's rows.
        ids = {l.split("\t")[0] for l in read(self.path("k", "cells.tsv")).splitlines()[1:]}
        for p in glob.glob(self.path("k", "cells", "*.csv")):
            self.assertIn(os.path.basename(p)[:-4], ids)

    def test_damaged_plans_and_cells_are_named_not_guessed(self):
        d = self.path("h")
        for verb in ("run", "status", "merge", "slurm"):
            p = run("sweep", verb, d, expect=1)
            self.assertIn("cells.tsv: cannot read (is " + d + " a plan?", p.stderr)
        os.makedirs(os.path.join(d, "cells"))
        for text, words in [("", "empty"), ("n\tcommand\n", "line 1: expected the header"),
                            ("id\tn\tcommand\n0001\t3\n", "line 2: 2 fields, the header has 3"),
                            ("id\tcommand\n0001\tx\n0001\ty\n", "line 3: the id '0001' is not a new number")]:
            with open(os.path.join(d, "cells.tsv"), "w") as f:
                f.write(text)
            p = run("sweep", "status", d, expect=1)
            self.assertIn(words, p.stderr, text)
        with open(os.path.join(d, "cells.tsv"), "w") as f:
            f.write("id\tk\tcommand\n0001\ta\ttrue\n0002\tb\ttrue\n")
        for cell, text in (("0001", "x,y\n1,2\n"), ("0002", "x,z\n1,2\n")):
            with open(os.path.join(d, "cells", cell + ".csv"), "w") as f:
                f.write(text)
        p = run("sweep", "merge", d, expect=1)
        self.assertIn("0002.csv: its header 'x,z' differs from", p.stderr)
        p = run("sweep", "bogus", d, expect=2)
        self.assertIn("expected plan, run, slurm, status or merge", p.stderr)
        run("sweep", "run", d, "--jobs", "0", expect=2)

    def test_two_runs_on_one_plan_are_refused(self):
        grid = ["--set", "inits=40000", "--set", "steps=200", "--set", "seeds=1", "--set", "flows=pf",
                "--grid", "n=16", "--grid", "seed=1,2,3"]
        self.plan("two", grid=grid)
        first = subprocess.Popen([FLOWLAB, "sweep", "run", self.path("two"), "--jobs", "1"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while not glob.glob(self.path("two", "cells", "*.running")) and time.time() < deadline:
            time.sleep(0.01)
        p = run("sweep", "run", self.path("two"), expect=1)
        self.assertIn("another `flowlab sweep run` is working on", p.stderr)
        first.wait()
        self.assertEqual(status(self.path("two"))["done"], 3)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalSlurm:
    """munged, slurmctld and slurmd on this machine, in the foreground, from a temporary config."""

    def __init__(self, root):
        self.root, self.procs = root, []
        self.env = dict(os.environ, SLURM_CONF=os.path.join(root, "slurm.conf"))

    def start(self):
        for tool in ("munged", "slurmctld", "slurmd", "sbatch", "squeue"):
            if not shutil.which(tool) and not os.path.exists("/usr/sbin/" + tool):
                return f"{tool} is not installed (Debian slurm-wlm and munge; scripts/setup installs them)"
        r = self.root
        for d in ("state", "spool"):
            os.makedirs(os.path.join(r, d))
        key = os.path.join(r, "munge.key")
        with open(key, "wb") as f:
            f.write(os.urandom(1024))
        os.chmod(key, 0o600)
        sock = os.path.join(r, "munge.sock")
        self.procs.append(subprocess.Popen(
            ["/usr/sbin/munged", "--foreground", "--force", f"--socket={sock}", f"--key-file={key}",
             f"--pid-file={r}/munged.pid", f"--log-file={r}/munged.log", f"--seed-file={r}/munged.seed"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT))
        host, user = socket.gethostname().split(".")[0], subprocess.run(["id", "-un"], capture_output=True,
                                                                         text=True).stdout.strip()
        conf = f"""ClusterName=flowlabtest
SlurmctldHost={host}(127.0.0.1)
SlurmUser={user}
SlurmdUser={user}
SlurmctldPort={free_port()}
SlurmdPort={free_port()}
AuthType=auth/munge
AuthInfo=socket={sock}
CredType=cred/munge
StateSaveLocation={r}/state
SlurmdSpoolDir={r}/spool
SlurmctldPidFile={r}/slurmctld.pid
SlurmdPidFile={r}/slurmd.pid
SlurmctldLogFile={r}/slurmctld.log
SlurmdLogFile={r}/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName={host} NodeAddr=127.0.0.1 CPUs={os.cpu_count()} State=UNKNOWN
PartitionName=flowlab Nodes=ALL Default=YES MaxTime=INFINITE State=UP
"""
        with open(self.env["SLURM_CONF"], "w") as f:
            f.write(conf)
        deadline = time.time() + 10
        while not os.path.exists(sock) and time.time() < deadline:
            time.sleep(0.05)
        for daemon in ("slurmctld", "slurmd"):
            with open(f"{r}/{daemon}.out", "w") as out:
                self.procs.append(subprocess.Popen([f"/usr/sbin/{daemon}", "-D", "-f", self.env["SLURM_CONF"]],
                                                   env=self.env, stdout=out, stderr=subprocess.STDOUT))
        deadline = time.time() + 60
        while time.time() < deadline:
            for p in self.procs:
                if p.poll() is not None:
                    return f"{p.args[0]} exited ({p.returncode}): " + self.logs()
            s = subprocess.run(["sinfo", "-h", "-o", "%t"], env=self.env, capture_output=True, text=True)
            if s.returncode == 0 and s.stdout.strip() == "idle":
                return None
            time.sleep(0.2)
        return "the node did not come up within 60 s: " + self.logs()

    def logs(self):
        out = ""
        for name in ("slurmctld.out", "slurmd.out", "munged.log"):
            p = os.path.join(self.root, name)
            if os.path.exists(p):
                with open(p) as f:
                    out += f"\n--- {name}\n" + "".join(f.readlines()[-15:])
        return out

    def stop(self):
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


class Slurm(unittest.TestCase):
    def test_array_job_merges_like_the_local_run(self):
        tmp = tempfile.mkdtemp(prefix="flowlab-slurm-")
        slurm = LocalSlurm(os.path.join(tmp, "slurm"))
        os.makedirs(slurm.root)
        try:
            why = slurm.start()
            if why:
                print(f"\nSKIPPED the Slurm engine test: {why}", file=sys.stderr)
                self.skipTest(why)
            for name in ("local", "array"):
                run("sweep", "plan", "--out", os.path.join(tmp, name), *GRID, "--", *CELL)
            run("sweep", "run", os.path.join(tmp, "local"))
            array = os.path.join(tmp, "array")
            script = run("sweep", "slurm", array, "--cpus", 1, "--time", "5", "--partition", "flowlab").stdout
            self.assertIn("#SBATCH --array=0-5\n", script)
            self.assertIn("#SBATCH --partition=flowlab\n", script)
            p = run("sweep", "slurm", array, "--submit", "--partition", "flowlab", env=slurm.env)
            job = p.stdout.strip()
            self.assertTrue(job.isdigit(), p.stdout)
            deadline = time.time() + 180
            while time.time() < deadline:
                q = subprocess.run(["squeue", "-h", "-j", job], env=slurm.env, capture_output=True, text=True)
                if q.returncode == 0 and q.stdout.strip() == "":
                    break
                time.sleep(0.5)
            else:
                self.fail("the array job did not finish within 180 s" + slurm.logs())
            self.assertEqual(status(array), {"done": 6, "pending": 0, "failed": 0},
                             "".join(map(read, glob.glob(os.path.join(array, "slurm", "*.out")))) + slurm.logs())
            self.assertEqual(run("sweep", "merge", array).stdout, run("sweep", "merge", os.path.join(tmp, "local")).stdout)
            self.assertEqual(len(glob.glob(os.path.join(array, "slurm", "*_*.out"))), 6)
            # Nothing left to submit.
            p = run("sweep", "slurm", array, expect=1)
            self.assertIn("every cell", p.stderr)
        finally:
            slurm.stop()
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    FLOWLAB = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
