#!/usr/bin/env python3
"""Generate data/geo/countries.tsv: simplified country outlines for the
offline map of `sitrep serve`.

Source: the npm package world-atlas 2.0.2 (ISC licence, Copyright Michael
Bostock), which ships Natural Earth 1:50m admin-0 country shapes (public
domain) as TopoJSON.  ISO 3166 numeric ids are turned into alpha-3 codes with
Debian's iso-codes table (/usr/share/iso-codes/json/iso_3166-1.json; package
`iso-codes`).  Only the shapes and the code mapping are used.

Usage:
    python3 scripts/gen_geo.py [--atlas countries-50m.json] [--out data/geo]

Without --atlas the package is fetched with `npm pack world-atlas@2.0.2`
into a temporary directory.

Output (UTF-8, tab-separated, '#' comment lines first):
    iso3  name  path
`path` is SVG path data in degrees, x = longitude, y = -latitude (an
equirectangular plane; the server scales x by cos(latitude) per view).
Arcs are simplified once each (Douglas-Peucker) before rings are assembled,
so neighbouring countries keep a common border, and tiny islands are
dropped, to keep the file small.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

TOLERANCE = 0.04  # degrees, Douglas-Peucker
MIN_RING_AREA = 0.02  # square degrees; smaller rings dropped unless a country's largest
DECIMALS = 2

# Shapes without an ISO numeric id in the atlas: codes as CAMEO/common use has them.
NO_NUMERIC = {
    "Kosovo": "KSV",
    "Somaliland": "SOM",
    "N. Cyprus": "CYP",
    "Siachen Glacier": "IND",
}


def fetch_atlas(tmp):
    subprocess.run(["npm", "pack", "world-atlas@2.0.2", "--silent"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["tar", "xzf", "world-atlas-2.0.2.tgz"], cwd=tmp, check=True)
    return os.path.join(tmp, "package", "countries-50m.json")


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def perp_dist(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    px, py = x1 + t * dx, y1 + t * dy
    return ((x - px) ** 2 + (y - py) ** 2) ** 0.5


def simplify(pts, tol):
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, -1
        for k in range(i + 1, j):
            d = perp_dist(pts[k], pts[i], pts[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(pts, keep) if k]


def ring_points(ring, arcs):
    out = []
    for a in ring:
        seq = arcs[a] if a >= 0 else list(reversed(arcs[~a]))
        out.extend(seq if not out else seq[1:])
    return out


def area(pts):
    s = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def fmt(v):
    s = f"{v:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--atlas")
    ap.add_argument("--iso", default="/usr/share/iso-codes/json/iso_3166-1.json")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "geo"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        atlas = args.atlas or fetch_atlas(tmp)
        topo = json.load(open(atlas, encoding="utf-8"))
    iso = {c["numeric"]: c["alpha_3"] for c in json.load(open(args.iso))["3166-1"]}
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topo)]
    rows = {}
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        num = g.get("id")
        code = iso.get(num) if num else NO_NUMERIC.get(name)
        if not code:
            print(f"gen_geo: no alpha-3 code for {name!r} ({num}); skipped", file=sys.stderr)
            continue
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        rings = []
        for poly in polys:
            for ring in poly:
                pts = ring_points(ring, arcs)
                # drop consecutive duplicates left by rounding
                clean = []
                for x, y in pts:
                    p = (fmt(x), fmt(-y))
                    if not clean or clean[-1] != p:
                        clean.append(p)
                if len(clean) >= 4:
                    rings.append((area(pts), clean))
        if not rings:
            continue
        biggest = max(a for a, _ in rings)
        d = []
        for a, ring in rings:
            if a < MIN_RING_AREA and a != biggest:
                continue
            d.append("M" + "L".join(f"{x} {y}" for x, y in ring[:-1]) + "Z")
        # shapes sharing a code (Somaliland within SOM) are drawn as one country
        rows.setdefault(code, [code, name, []])[2].extend(d)
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "countries.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# sitrep map outlines. Generated by scripts/gen_geo.py; do not edit.\n")
        fh.write("# Source: world-atlas 2.0.2 countries-50m.json (Natural Earth 1:50m, public domain; "
                 "TopoJSON ISC, Copyright Michael Bostock). See NOTICE.part.\n")
        fh.write(f"# Douglas-Peucker tolerance {TOLERANCE} deg; rings under {MIN_RING_AREA} sq deg dropped; "
                 "path: SVG path data, x = lon, y = -lat.\n")
        fh.write("iso3\tname\tpath\n")
        for code in sorted(rows):
            c, name, d = rows[code]
            fh.write(f"{c}\t{name}\t{''.join(d)}\n")
    with open(os.path.join(args.out, "NOTICE.part"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(NOTICE)
    print(f"gen_geo: {len(rows)} countries, {os.path.getsize(path)} bytes -> {path}", file=sys.stderr)


NOTICE = """sitrep data/geo -- provenance and licences
=========================================

data/geo/countries.tsv is generated by scripts/gen_geo.py; regenerate it
rather than editing by hand. It holds simplified country outlines used to
draw the offline map of `sitrep serve`.

- Shapes: Natural Earth 1:50m Cultural Vectors, Admin 0 - Countries
  (naturalearthdata.com), public domain, as converted to TopoJSON in the
  npm package world-atlas 2.0.2 (countries-50m.json). world-atlas is
  licensed under the ISC licence:

    Copyright 2013-2019 Michael Bostock

    Permission to use, copy, modify, and/or distribute this software for
    any purpose with or without fee is hereby granted, provided that the
    above copyright notice and this permission notice appear in all
    copies.

    THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL
    WARRANTIES WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED
    WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE
    AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL
    DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR
    PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
    TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
    PERFORMANCE OF THIS SOFTWARE.

- ISO 3166-1 numeric to alpha-3 codes: Debian's iso-codes package
  (iso_3166-1.json); only the code correspondences (facts) are used.
  Shapes with no numeric code are given the codes CAMEO uses (Kosovo KSV)
  or the code of the state they are usually counted in (Somaliland SOM,
  N. Cyprus CYP, Siachen Glacier IND).

The shapes were simplified (Douglas-Peucker, per shared arc) and rounded
to 0.01 degree; small islands were dropped. Borders shown are Natural
Earth's de facto lines and imply no position on any dispute.
"""

if __name__ == "__main__":
    main()
