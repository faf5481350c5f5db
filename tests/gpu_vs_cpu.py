#!/usr/bin/env python3
"""The GPU path (src/gpu, gpu=1) against the CPU path (gpu=0): the native app under Xvfb with Mesa's
GL steps the same link both ways and writes the endpoints CSV after its last frame.

Deterministic flows (pf, score): every coordinate within 1e-3 of the data's scale (float32 against
float64). SDE and Langevin: each class's fraction within three standard errors of the difference
of two independent runs. The GPU's endpoints must be float32 values (else the GPU did not run them). A step split over
frames ends where the whole step does, bit for bit.
Usage: gpu_vs_cpu.py FLOWLAB_GUI
"""
import csv, io, math, os, struct, subprocess, sys, tempfile

GUI = sys.argv[1]
N = 4096
failures = []


def endpoints(link, frames, request=None):
    with tempfile.TemporaryDirectory() as t:
        out = os.path.join(t, 'e.csv')
        extra = ['--request', request] if request else []
        r = subprocess.run(['xvfb-run', '-a', '-s', '-screen 0 1280x800x24', GUI, '--link', link, '--frames', str(frames),
                            '--endpoints', out] + extra, capture_output=True, text=True, timeout=600)
        if r.returncode != 0 or not os.path.exists(out):
            raise SystemExit(f'{link}: the app failed ({r.returncode}): {r.stdout[-500:]} {r.stderr[-500:]}')
        rows = list(csv.DictReader(io.StringIO(open(out).read())))
    coords = [k for k in rows[0] if k.startswith('x')]
    return [[float(r[k]) for k in coords] for r in rows], [r['class'] for r in rows]


def is_float32(v):
    return struct.unpack('f', struct.pack('f', v))[0] == v


def compare(name, link, frames, scale, stochastic=False):
    link = f'{link}&np={N}'
    # the CPU path steps within a frame's budget (30 ms): it gets frames enough to finish
    (g, gc), (c, cc) = endpoints(link + '&gpu=1', frames), endpoints(link + '&gpu=0', 400)
    if len(g) != N or len(c) != N:
        failures.append(f'{name}: {len(g)} and {len(c)} endpoints, not {N}')
        return
    if not all(is_float32(v) for p in g for v in p):
        failures.append(f'{name}: the gpu=1 endpoints are not float32: the GPU path did not run')
    if any(x == '' for x in gc):
        failures.append(f'{name}: GPU endpoints unclassified')
    if not stochastic:
        err = max(abs(a - b) for p, q in zip(g, c) for a, b in zip(p, q))
        ok = err <= 1e-3 * scale
        print(f'{name}: max |gpu - cpu| = {err:.2e} (scale {scale})', 'ok' if ok else 'FAIL')
        if not ok:
            failures.append(f'{name}: max |gpu - cpu| = {err:.3g} over {1e-3 * scale:.3g}')
        return
    for k in sorted(set(gc) | set(cc)):
        pg, pc = gc.count(k) / N, cc.count(k) / N
        p = (pg + pc) / 2
        bound = 3 * math.sqrt(2 * p * (1 - p) / N) + 1 / N
        ok = abs(pg - pc) <= bound
        print(f'{name}: {k}: gpu {pg:.3f}, cpu {pc:.3f} (3 SE {bound:.3f})', 'ok' if ok else 'FAIL')
        if not ok:
            failures.append(f'{name}: {k}: gpu {pg:.3f} against cpu {pc:.3f}, over three standard errors')


pf = 'flow=pf&smax=1&smin=0.01&steps=60&speed=30'
cases = [
    # name, link, frames, the data's scale
    ('minnorm pf heun, 2-D', f'preset=simplex&den=minnorm&{pf}&integ=heun', 6, 1.0),
    ('minnorm pf euler, 3-D', f'preset=orthogonal&d=3&n=3&den=minnorm&{pf}&integ=euler', 6, 1.0),
    ('minnorm clamp pf heun, 2-D', f'preset=simplex&den=minnorm&fb=clamp&flow=pf&smax=3&smin=0.01&steps=60&speed=30&integ=heun', 6, 1.0),
    ('emmse pf heun, 2-D', f'preset=simplex&den=emmse&{pf}&integ=heun', 6, 1.0),
    ('emmse pf heun, 1-D', f'preset=points1d&den=emmse&{pf}&integ=heun', 6, 1.0),
    ('ksmooth pf heun, 2-D', f'preset=simplex&den=ksmooth&bw=0.2&nodes=8&{pf}&integ=heun', 6, 1.0),
    ('minnorm score heun, 2-D', 'preset=simplex&den=minnorm&flow=score&sigma=0.1&steps=200&speed=100&integ=heun', 6, 1.0),
    ('emmse score euler, 2-D', 'preset=simplex&den=emmse&flow=score&sigma=0.1&steps=200&speed=100&integ=euler', 6, 1.0),
]
stochastic = [
    ('emmse sde, 2-D', f'preset=simplex&den=emmse&flow=sde&smax=1&smin=0.01&steps=100&speed=50&integ=euler', 6),
    ('minnorm langevin, 2-D', 'preset=simplex&den=minnorm&flow=langevin&sigma=0.05&steps=100&speed=50&integ=euler', 6),
]
for name, link, frames, scale in cases:
    compare(name, link, frames, scale)
for name, link, frames in stochastic:
    compare(name, link, frames, 1.0, stochastic=True)

# A step split over frames (at most 512 particles a frame take it: the request "split-steps") ends
# where the whole step does, bit for bit: each particle's arithmetic is the same, side by side too.
split = f'preset=simplex&den=emmse&sbs=1&denb=minnorm&{pf}&integ=heun&np={N}&gpu=1'
(whole, _), (parts, _) = endpoints(split, 6), endpoints(split, 1200, 'split-steps')
# 12 frames are 1.5 of the 60 steps when split (8 frames a step): the request must have taken
(early, _) = endpoints(split, 12, 'split-steps')
same = len(whole) == 2 * N and whole == parts
gpu = all(is_float32(v) for p in parts for v in p)
print(f'split steps: {len(parts)} endpoints,', 'bit for bit the unsplit ones' if same else 'FAIL',
      '' if gpu else '(not float32: FAIL)', '' if early != whole else '(not split: FAIL)')
if not same:
    failures.append('a GPU step split over frames does not end where the unsplit step does')
if not gpu:
    failures.append('split steps: the endpoints are not float32: the GPU path did not run')
if early == whole:
    failures.append('split steps: after 12 frames the flow had already ended: the steps were not split')
if failures:
    print('\n'.join(failures))
    sys.exit(1)
print('the GPU path matches the CPU path')
