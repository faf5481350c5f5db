#!/usr/bin/env python3
"""The rooms of the core and of the app, checked by reading the includes.

src/core/README.md names the core's rooms bottom first on its `Order:` line. A file in a room may
include its own room and the rooms below it, Eigen, nlohmann and the standard library; never
a room above it, nor anything outside src/core (app, render, platform, ImGui, GL).
src/app/README.md names the app's rooms on its `Rooms:` line: peers, each of which may include
the app's shared files (src/app/*.hpp), the core and the renderer, but never another room; only
app.hpp and app.cpp put them together.
Usage: check_rooms.py SRC_DIR        (exit 1 naming each wrong include)
       check_rooms.py --self-test    (a made-up tree with one wrong include must fail)
"""
import pathlib, re, sys, tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
# System and library headers come in <...>; these belong to the app's layers, never the core's.
UI = re.compile(r'^(imgui|GL/|GLES|GLFW/|emscripten/html5|cairo|render/|app/|platform/)')


def order_of(core):
    m = re.search(r'^Order:\s*(.+)$', (core / 'README.md').read_text(), re.M)
    if not m:
        raise SystemExit(f'{core}/README.md: no "Order:" line')
    return [r.strip() for r in m.group(1).split('<')]


def problems(src):
    core = pathlib.Path(src) / 'core'
    order = order_of(core)
    rank = {r: i for i, r in enumerate(order)}
    found = []
    folders = sorted(p.name for p in core.iterdir() if p.is_dir())
    for f in folders:
        if f not in rank:
            found.append(f'src/core/{f}: a room missing from the Order line of src/core/README.md')
    for f in sorted(core.glob('*.?pp')):
        found.append(f'{f}: a file outside every room')
    for f in sorted(core.rglob('*.?pp')):
        room = f.relative_to(core).parts[0]
        if room not in rank:
            continue
        for quote, inc in INCLUDE.findall(f.read_text()):
            if quote == '"' and inc.startswith('core/'):
                target = inc.split('/')[1]
                if target not in rank:
                    found.append(f'{f}: includes {inc}, in no room')
                elif rank[target] > rank[room]:
                    found.append(f'{f}: room {room} includes {inc}, from the higher room {target}')
            elif quote == '"' or UI.match(inc):
                found.append(f'{f}: includes {inc}, which is outside the core')
    return order, found


def app_problems(src):
    app = pathlib.Path(src) / 'app'
    m = re.search(r'^Rooms:\s*(.+)$', (app / 'README.md').read_text(), re.M)
    if not m:
        raise SystemExit(f'{app}/README.md: no "Rooms:" line')
    rooms = m.group(1).split()
    found = [f'src/app/{p.name}: a room missing from the Rooms line of src/app/README.md'
             for p in sorted(app.iterdir()) if p.is_dir() and p.name not in rooms]
    for f in sorted(app.rglob('*.?pp')):
        parts = f.relative_to(app).parts
        own = parts[0] if len(parts) > 1 else None
        for quote, inc in INCLUDE.findall(f.read_text()):
            target = inc.split('/')[1] if quote == '"' and inc.startswith('app/') and inc.count('/') >= 2 else None
            if target in rooms and target != own and f.name not in ('app.hpp', 'app.cpp'):
                found.append(f'{f}: includes {inc}, from the room {target}' + (f' (it is in {own})' if own else ''))
    return rooms, found


def self_test():
    with tempfile.TemporaryDirectory() as t:
        core = pathlib.Path(t) / 'core'
        for room in ('low', 'high'):
            (core / room).mkdir(parents=True)
        (core / 'README.md').write_text('Order: low < high\n')
        (core / 'high' / 'a.hpp').write_text('#include "core/low/b.hpp"\n#include <vector>\n')
        (core / 'low' / 'b.hpp').write_text('#include <Eigen/Core>\n')
        assert problems(t)[1] == [], problems(t)[1]
        (core / 'low' / 'c.cpp').write_text('#include "core/high/a.hpp"\n#include <GLFW/glfw3.h>\n#include <unistd.h>\n')
        found = problems(t)[1]
        assert len(found) == 2 and 'higher room high' in found[0] and 'outside the core' in found[1], found
        app = pathlib.Path(t) / 'app'
        for room in ('scene', 'panels'):
            (app / room).mkdir(parents=True)
        (app / 'README.md').write_text('Rooms: scene panels\n')
        (app / 'scene' / 'a.cpp').write_text('#include "app/state.hpp"\n#include "app/scene/b.hpp"\n')
        assert app_problems(t)[1] == [], app_problems(t)[1]
        (app / 'panels' / 'c.cpp').write_text('#include "app/scene/a.hpp"\n')
        found = app_problems(t)[1]
        assert len(found) == 1 and 'from the room scene' in found[0], found
    print('check_rooms self-test: a lower room including a higher one, and one app room another, are caught')


if __name__ == '__main__':
    if sys.argv[1:] == ['--self-test']:
        self_test()
        sys.exit(0)
    order, found = problems(sys.argv[1])
    rooms, app_found = app_problems(sys.argv[1])
    found += app_found
    for p in found:
        print(p)
    if found:
        sys.exit(1)
    print('core rooms: ' + ' < '.join(order) + '; every include goes down')
    print('app rooms: ' + ', '.join(rooms) + '; none includes another')
