#!/usr/bin/python3
"""flamegraph.py - render folded stacks ("a;b;c COUNT" per line, as written by
scripts/stackcollapse-perf.awk) as a self-contained flame graph SVG: one box
per frame, width proportional to its samples, callers below callees, a
tooltip (<title>) on every box.  No scripts, fonts or network in the SVG.
Written for tbench so nothing is downloaded.

usage: flamegraph.py [--title T] [--width PX] [--min-width PX] FOLDED > out.svg
       (FOLDED '-' reads standard input)
"""
import argparse
import hashlib
import html
import sys

FRAME_H = 16
FONT = 11
CHAR_W = 6.2  # average glyph width of an 11px sans-serif font
PAD_TOP = 40
PAD_BOTTOM = 20
PAD_X = 10


class Node:
    __slots__ = ("name", "count", "children")

    def __init__(self, name):
        self.name = name
        self.count = 0
        self.children = {}


def read_folded(f):
    """The tree of stacks; raises ValueError naming a bad line."""
    root = Node("all")
    for lineno, line in enumerate(f, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        stack, sep, count = line.rpartition(" ")
        if not sep or not stack:
            raise ValueError(f"line {lineno}: expected 'frame;frame;... COUNT', got '{line[:60]}'")
        try:
            n = int(count)
        except ValueError:
            raise ValueError(f"line {lineno}: count '{count}' is not a whole number") from None
        if n < 0:
            raise ValueError(f"line {lineno}: count {n} is negative")
        root.count += n
        node = root
        for frame in stack.split(";"):
            child = node.children.get(frame)
            if child is None:
                child = node.children[frame] = Node(frame)
            child.count += n
            node = child
    return root


def colour(name):
    """A warm colour that depends only on the name (stable across runs)."""
    h = hashlib.md5(name.encode()).digest()
    if name.endswith("_[k]"):
        return f"rgb({200 + h[0] % 55},{90 + h[1] % 60},{90 + h[1] % 60})"
    if name.startswith("[") and name.endswith("]"):
        return f"rgb({190 + h[0] % 40},{190 + h[0] % 40},{170 + h[2] % 40})"
    return f"rgb({205 + h[0] % 50},{90 + h[1] % 130},{h[2] % 55})"


def depth_of(node):
    return 1 + max((depth_of(c) for c in node.children.values()), default=0)


def render(root, title, width, min_width):
    total = root.count
    depth = depth_of(root)
    height = PAD_TOP + depth * FRAME_H + PAD_BOTTOM
    scale = (width - 2 * PAD_X) / total if total else 0
    out = [
        '<?xml version="1.0" standalone="no"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Verdana, sans-serif" font-size="{FONT}">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fdf8ef"/>',
        f'<text x="{width / 2:.0f}" y="24" text-anchor="middle" font-size="16">{html.escape(title)}</text>',
        f'<text x="{PAD_X}" y="{height - 6}" fill="#555">{total} samples; box width = share of '
        f'samples; hover a box for its count</text>',
    ]
    shown = 0

    def box(node, x, level):
        nonlocal shown
        w = node.count * scale
        if w < min_width:
            return
        y = height - PAD_BOTTOM - (level + 1) * FRAME_H
        pct = 100.0 * node.count / total
        label = html.escape(node.name)
        out.append(f'<g><title>{label} ({node.count} samples, {pct:.2f}%)</title>'
                   f'<rect x="{x:.2f}" y="{y}" width="{w:.2f}" height="{FRAME_H - 1}" '
                   f'fill="{colour(node.name)}" rx="2"/>')
        chars = int((w - 6) / CHAR_W)
        if chars >= 3:
            text = node.name if len(node.name) <= chars else node.name[:chars - 2] + ".."
            out.append(f'<text x="{x + 3:.2f}" y="{y + FRAME_H - 4}">{html.escape(text)}</text>')
        out.append("</g>")
        shown += 1
        cx = x
        for child in sorted(node.children.values(), key=lambda c: c.name):
            box(child, cx, level + 1)
            cx += child.count * scale

    if total:
        box(root, PAD_X, 0)
    out.append("</svg>")
    return "\n".join(out) + "\n", shown


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folded", help="folded stacks file, or - for standard input")
    ap.add_argument("--title", default="Flame graph")
    ap.add_argument("--width", type=int, default=1200)
    ap.add_argument("--min-width", type=float, default=0.1,
                    help="boxes narrower than this (pixels) are left out")
    a = ap.parse_args()
    if a.width < 200:
        ap.error(f"--width {a.width}: at least 200 pixels")
    try:
        f = sys.stdin if a.folded == "-" else open(a.folded, encoding="utf-8", errors="replace")
        with f:
            root = read_folded(f)
    except OSError as e:
        print(f"flamegraph.py: cannot read '{a.folded}': {e.strerror}", file=sys.stderr)
        return 2
    except ValueError as e:
        print(f"flamegraph.py: {a.folded}: {e}", file=sys.stderr)
        return 2
    if root.count == 0:
        print(f"flamegraph.py: {a.folded}: no samples", file=sys.stderr)
        return 1
    svg, _ = render(root, a.title, a.width, a.min_width)
    sys.stdout.write(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
