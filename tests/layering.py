#!/usr/bin/python3
"""layering.py - the include-based layering and circle check (ctest: layering.*).

usage: tests/layering.py [ROOT] [--graph]

Reads every .c/.h/.def file under ROOT's layer folders, resolves each
#include "..." the way the build does (the including file's folder, then the
include directories of the libraries: reports, probes, kernels, base,
emu/include, ROOT; version.h is base's generated header) and checks:

1. layering: a file never includes a header of a layer above its own.
   The layers, bottom up:  base < emu < kernels < probes < reports < engine < cmd
   (emu/ is the emulator library: below kernels, which hold its benchmark
   loops; include/tbench/ public headers count as the layer of what they
   describe: emu*.h emu, everything else kernels (the plugin API)).
2. no circles: modules (a folder's x.c and x.h, with internal headers
   x_impl.h / x_int.h counted as part of x) whose includes form a cycle.

tests/, scripts/ and examples/ may include anything and are not read.
Prints one line per violation; exit 0 clean, 1 violations, 2 usage.
--graph prints the module edges instead ("from -> to", one a line).
"""
import os
import re
import sys

LAYERS = ["base", "emu", "kernels", "probes", "reports", "engine", "cmd"]
RANK = {name: i for i, name in enumerate(LAYERS)}
SEARCH = ["reports", "probes", "kernels", "base", "emu/include", "."]
GENERATED = {"version.h": "base/version.h"}  # configure_file outputs, by name
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
INTERNAL = re.compile(r"_(impl|int)$")
# Circles known and owned elsewhere: reported, not failed.  A ratchet: one
# that is gone fails until its line here is deleted.
KNOWN_CIRCLES = {
}


def layer_of(rel):
    """The layer of a path relative to ROOT, or None when it has none."""
    parts = rel.split("/")
    if parts[0] == "include" and len(parts) > 2 and parts[1] == "tbench":
        return "emu" if parts[-1].startswith("emu") else "kernels"
    return parts[0] if parts[0] in RANK else None


def module_of(rel):
    stem = os.path.splitext(rel)[0]
    return INTERNAL.sub("", stem)


def sources(root):
    for top in LAYERS + ["include"]:
        base = os.path.join(root, top)
        for dirpath, dirs, files in os.walk(base):
            dirs.sort()
            for f in sorted(files):
                if f.endswith((".c", ".h", ".def")):
                    yield os.path.relpath(os.path.join(dirpath, f), root)


def resolve(root, rel, target):
    here = os.path.dirname(rel)
    for d in [here] + SEARCH:
        cand = os.path.normpath(os.path.join(d, target))
        if not cand.startswith("..") and os.path.isfile(os.path.join(root, cand)):
            return cand
    if os.path.basename(target) in GENERATED:
        return GENERATED[os.path.basename(target)]
    return None


def edges(root):
    """(from_file, line_no, include_text, to_file) for every resolved include."""
    out = []
    for rel in sources(root):
        try:
            with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
                lines = f.readlines()
        except OSError as e:
            print(f"layering: cannot read {rel}: {e.strerror}", file=sys.stderr)
            sys.exit(2)
        for n, line in enumerate(lines, 1):
            m = INCLUDE.match(line)
            if m:
                to = resolve(root, rel, m.group(1))
                if to is not None:
                    out.append((rel, n, m.group(1), to))
    return out


def cycles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, comps = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return comps


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    opts = [a for a in argv if a.startswith("--")]
    if len(args) > 1 or any(o not in ("--graph",) for o in opts):
        print("usage: tests/layering.py [ROOT] [--graph]", file=sys.stderr)
        return 2
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    if not os.path.isdir(root):
        print(f"layering: '{root}' is not a directory", file=sys.stderr)
        return 2
    es = edges(root)
    graph, why = {}, {}
    bad = 0
    for frm, n, text, to in es:
        lf, lt = layer_of(frm), layer_of(to)
        if lf and lt and RANK[lt] > RANK[lf]:
            print(f"{frm}:{n}: includes \"{text}\" ({to}): {lt}/ is above {lf}/ "
                  f"(layers bottom up: {' < '.join(LAYERS)})")
            bad += 1
        a, b = module_of(frm), module_of(to)
        if a != b:
            graph.setdefault(a, set()).add(b)
            why.setdefault((a, b), f"{frm}:{n}")
    if "--graph" in opts:
        for a in sorted(graph):
            for b in sorted(graph[a]):
                print(f"{a} -> {b}")
        return 0
    seen = set()
    for comp in cycles(graph):
        inside = set(comp)
        links = [f"{why[(a, b)]} ({a} -> {b})"
                 for a in comp for b in sorted(graph[a]) if b in inside]
        key = tuple(comp)
        if key in KNOWN_CIRCLES:
            seen.add(key)
            print(f"known circle between {', '.join(comp)} (to fix: {KNOWN_CIRCLES[key]}): "
                  + "; ".join(links))
            continue
        print(f"circle between {', '.join(comp)}: " + "; ".join(links))
        bad += 1
    if os.path.samefile(root, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")):
        for key in sorted(set(KNOWN_CIRCLES) - seen):
            print(f"circle between {', '.join(key)} is gone: delete its line in "
                  f"KNOWN_CIRCLES (tests/layering.py)")
            bad += 1
    nfiles = len(set(sources(root)))
    if bad:
        print(f"layering: {bad} violation{'s' if bad != 1 else ''} in {nfiles} files")
        return 1
    print(f"layering: ok ({nfiles} files, {len(es)} includes, no upward include, no circle)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
