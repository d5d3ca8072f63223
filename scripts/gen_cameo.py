#!/usr/bin/env python3
"""Generate sitrep's built-in CAMEO/PLOVER tables and predicate lexicon.

Reads the reference sources under <shared>/reference (read-only) and writes
plain, tab-separated, deterministic data files to <repo>/data/cameo/:

  codes.tsv    every CAMEO event code with label, Goldstein weight, quad class
               and the PLOVER event/mode it maps to
  verbs.tsv    verbal predicate lexicon (PETRARCH2 verb dictionary + sitrep rows)
  nouns.tsv    nominal predicate lexicon (sitrep rows)
  synsets.tsv  synonym sets referenced from patterns (PETRARCH2 dictionary)
  NOTICE.part  provenance and licence notes for the above

Python 3 standard library only.  Usage:

  python3 scripts/gen_cameo.py [--shared PATH] [--out PATH]

--shared defaults to ../shared relative to the repository root (the parent of
this script's directory); --out defaults to <repo>/data/cameo.
"""

import argparse
import collections
import itertools
import os
import re
import sys

# ---------------------------------------------------------------------------
# Goldstein weights
# ---------------------------------------------------------------------------
# Source of the figures: Goldstein, J. S. (1992), "A Conflict-Cooperation Scale
# for WEIS Events Data", Journal of Conflict Resolution 36(2):369-385, as
# re-assigned to CAMEO codes in the CAMEO codebook and distributed as the
# standard CAMEO->Goldstein lookup used by GDELT and Phoenix
# (CAMEO.goldsteinscale.txt).  Entered by hand from that public table.
# Codes without an entry here inherit the value of their parent code
# (4-digit -> 3-digit -> 2-digit root); see goldstein_for().
GOLDSTEIN = {
    "01": 0.0, "010": 0.0, "011": -0.1, "012": -0.4, "013": 0.4, "014": 0.0,
    "015": 0.0, "016": -2.0, "017": 0.0, "018": 3.4, "019": 3.4,

    "02": 3.0, "020": 3.0, "021": 3.4, "0211": 3.4, "0212": 3.4, "0213": 3.4,
    "0214": 3.4, "022": 3.2, "023": 3.4, "0231": 3.4, "0232": 3.4,
    "0233": 3.4, "0234": 3.4, "024": -0.3, "0241": -0.3, "0242": -0.3,
    "0243": -0.3, "0244": -0.3, "025": -0.3, "0251": -0.3, "0252": -0.3,
    "0253": -0.3, "0254": -0.3, "0255": -0.3, "0256": -0.3, "026": 4.0,
    "027": 4.0, "028": 4.0,

    "03": 4.0, "030": 4.0, "031": 5.2, "0311": 5.2, "0312": 5.2, "0313": 5.2,
    "0314": 5.2, "032": 4.5, "033": 5.2, "0331": 5.2, "0332": 5.2,
    "0333": 5.2, "0334": 6.0, "034": 7.0, "0341": 7.0, "0342": 7.0,
    "0343": 7.0, "0344": 7.0, "035": 7.0, "0351": 7.0, "0352": 7.0,
    "0353": 7.0, "0354": 7.0, "0355": 7.0, "0356": 7.0, "036": 4.0,
    "037": 5.0, "038": 7.0, "039": 5.0,

    "04": 1.0, "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5,
    "045": 5.0, "046": 7.0,

    "05": 3.5, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6.0,
    "055": 7.0, "056": 7.0, "057": 8.0,

    "06": 6.0, "060": 6.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,

    "07": 7.0, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5,
    "075": 7.0,

    "08": 5.0, "080": 5.0, "081": 5.0, "0811": 5.0, "0812": 5.0, "0813": 5.0,
    "0814": 5.0, "082": 5.0, "083": 5.0, "0831": 5.0, "0832": 5.0,
    "0833": 5.0, "0834": 5.0, "084": 7.0, "0841": 7.0, "0842": 7.0,
    "085": 7.0, "086": 9.0, "0861": 9.0, "0862": 9.0, "0863": 9.0,
    "087": 9.0, "0871": 9.0, "0872": 9.0, "0873": 9.0, "0874": 10.0,

    "09": -2.0, "090": -2.0, "091": -2.0, "092": -2.0, "093": -2.0,
    "094": -2.0,

    "10": -5.0, "100": -5.0, "101": -5.0, "1011": -5.0, "1012": -5.0,
    "1013": -5.0, "1014": -5.0, "102": -5.0, "103": -5.0, "1031": -5.0,
    "1032": -5.0, "1033": -5.0, "1034": -5.0, "104": -5.0, "1041": -5.0,
    "1042": -5.0, "1043": -5.0, "1044": -5.0, "105": -5.0, "1051": -5.0,
    "1052": -5.0, "1053": -5.0, "1054": -5.0, "1055": -5.0, "1056": -5.0,
    "106": -5.0, "107": -5.0, "108": -5.0,

    "11": -2.0, "110": -2.0, "111": -2.0, "112": -2.0, "1121": -2.0,
    "1122": -2.0, "1123": -2.0, "1124": -2.0, "1125": -2.0, "113": -2.0,
    "114": -2.0, "115": -2.0, "116": -2.0,

    "12": -4.0, "120": -4.0, "121": -4.0, "1211": -4.0, "1212": -4.0,
    "122": -4.0, "1221": -4.0, "1222": -4.0, "1223": -4.0, "1224": -4.0,
    "123": -4.0, "1231": -4.0, "1232": -4.0, "1233": -4.0, "1234": -4.0,
    "124": -4.0, "1241": -4.0, "1242": -4.0, "1243": -4.0, "1244": -4.0,
    "1245": -4.0, "1246": -4.0, "125": -5.0, "126": -5.0, "127": -5.0,
    "128": -5.0, "129": -5.0,

    "13": -6.0, "130": -4.4, "131": -5.8, "1311": -5.8, "1312": -5.8,
    "1313": -5.8, "132": -5.8, "1321": -5.8, "1322": -5.8, "1323": -5.8,
    "1324": -5.8, "133": -5.8, "134": -5.8, "135": -5.8, "136": -7.0,
    "137": -7.0, "138": -7.0, "1381": -7.0, "1382": -7.0, "1383": -7.0,
    "1384": -7.0, "1385": -7.0, "139": -7.0,

    "14": -6.5, "140": -6.5, "141": -6.5, "1411": -6.5, "1412": -6.5,
    "1413": -6.5, "1414": -6.5, "142": -6.5, "1421": -6.5, "1422": -6.5,
    "1423": -6.5, "1424": -6.5, "143": -6.5, "1431": -6.5, "1432": -6.5,
    "1433": -6.5, "1434": -6.5, "144": -7.5, "1441": -7.5, "1442": -7.5,
    "1443": -7.5, "1444": -7.5, "145": -7.5, "1451": -7.5, "1452": -7.5,
    "1453": -7.5, "1454": -7.5,

    "15": -7.2, "150": -7.2, "151": -7.2, "152": -7.2, "153": -7.2,
    "154": -7.2,

    "16": -4.0, "160": -4.0, "161": -4.0, "162": -5.6, "1621": -5.6,
    "1622": -5.6, "1623": -5.6, "163": -8.0, "164": -7.0, "165": -6.5,
    "166": -7.0, "1661": -7.0, "1662": -7.0, "1663": -7.0,

    "17": -7.0, "170": -7.0, "171": -9.2, "1711": -9.2, "1712": -9.2,
    "172": -5.0, "1721": -5.0, "1722": -5.0, "1723": -5.0, "1724": -5.0,
    "173": -5.0, "174": -5.0, "175": -9.0,

    "18": -9.0, "180": -9.0, "181": -9.0, "182": -9.5, "1821": -9.0,
    "1822": -9.0, "1823": -10.0, "183": -10.0, "1831": -10.0, "1832": -10.0,
    "1833": -10.0, "184": -8.0, "185": -8.0, "186": -10.0,

    "19": -10.0, "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0,
    "194": -10.0, "195": -10.0, "196": -9.5,

    "20": -10.0, "200": -10.0, "201": -9.5, "202": -10.0, "203": -10.0,
    "204": -10.0, "2041": -10.0, "2042": -10.0,
}

# ---------------------------------------------------------------------------
# Labels not available from CAMEO2PLOVER-2021.txt
# ---------------------------------------------------------------------------
# CAMEO2PLOVER omits the 01 and 02 families (PLOVER dropped them) and a few
# codes of the CAMEO 1.1b3 codebook; PETRARCH2 still emits some of them.
# Short code labels as published in the CAMEO codebook.
EXTRA_LABELS = {
    "010": "Make statement",
    "011": "Decline comment",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility",
    "017": "Engage in symbolic act",
    "018": "Make empathetic comment",
    "019": "Express accord",
    "020": "Make an appeal or request",
    "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation (such as policy support)",
    "023": "Appeal for aid",
    "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform",
    "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change",
    "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime",
    "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for target to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to engage in or accept mediation",
    "155": "Mobilize or increase cyber-forces",
    "176": "Attack cybernetically",
    "1834": "Carry out location bombing",
    "1951": "Employ precision-guided aerial munitions",
    "1952": "Employ remotely piloted aerial munitions",
}

# Corrections applied to labels taken from CAMEO2PLOVER-2021.txt comments
# (spelling slips and the placeholder label of 100).
LABEL_FIXES = {
    "055": "Apologize",
    "100": "Demand",
    "175": "Use tactics of violent repression",
    "1051": "Demand easing of administrative sanctions",
    "1444": "Obstruct passage to demand change in institutions, regime",
}

# Roots whose PLOVER category is "dropped" in the PLOVER manual.
PLOVER_DROPPED_ROOTS = {"01", "02"}

# ---------------------------------------------------------------------------
# Hand-written lexicon rows (origin "sitrep")
# ---------------------------------------------------------------------------
# Rows the news domain needs.  A row is only added when the generated
# PETRARCH2 lexicon has no row with the same (lemma, pattern); rows marked
# override=True replace a generated row with the same (lemma, pattern)
# because the generated code is wrong for that reading.
# Tuple: (lemma, forms, pattern, code[, override])
LIGHT_VERBS = sorted(set('''
    go take think want need lead head match issue give found train rule hear
    control better best see detail increase fail mean accord deal clear bill
    measure figure determine address score approach ensure serve conduct
    improve escalate total pull direct affect pass handle expect concern face
    dominate break enhance favor favour involve trade get make have put set
    open play estimate count unite come run keep turn hold bring show look
    leave remain stand become return continue reach die
'''.split()))
# ("die" is here because the one who dies is the victim, not the doer:
# "17 civilians died" is no act by the civilians; the figure is a claim.)

SITREP_VERBS = [
    # -- physical assault (182): PETRARCH2 files "beat" with defeating (190)
    ("beat", "", "up", "182"),
    # -- obstruction as protest (144): PETRARCH2 has "block road" only
    ("block", "", "streets", "144"), ("block", "", "roads", "144"),
    ("block", "", "bridge", "144"), ("block", "", "traffic", "144"),
    ("block", "", "transport", "144"), ("block", "", "highway", "144"),
    ("block", "", "highways", "144"), ("block", "", "railway", "144"),
    # -- statements, appeals, demands (01, 02, 10)
    ("urge", "", "", "020"),                 # appeal
    ("refuse", "", "to comment", "011"),     # decline comment
    ("decline", "", "to comment", "011"),
    ("deny", "", "", "016"),                 # deny responsibility
    ("deny", "", "involvement", "016"),
    ("deny", "", "allegations", "016"),
    ("deny", "", "accusations", "016"),
    # -- intent to cooperate, agreements (03, 05)
    # "agree" states willingness or commitment (CAMEO 03, PLOVER AGREE);
    # PETRARCH2 files the bare verb under 050.  Agreeing on a pact is a
    # commitment too: signing or ratifying it (sign, ratify) is 057.
    ("agree", "", "", "030", True),
    ("agree", "", "to", "030"),
    ("agree", "", "&treaty", "030"),
    ("agree", "", "on &treaty", "030"),
    ("agree", "", "on &ceasefire", "0356"),
    ("accept", "", "formula", "030"),        # as "accept formulation"
    ("accept", "", "&ceasefire", "0356"),
    ("accept", "", "demands", "080"),
    ("vow", "", "to cooperate", "030"),
    ("vow", "", "retaliation", "138"),
    ("vow", "", "to retaliate", "138"),
    ("vow", "", "to fight", "138"),
    ("swear", "swore|sworn", "to fight", "138"),
    ("recognize", "", "sovereignty", "054"),
    ("recognize", "", "government", "054"),
    ("recognize", "", "state", "054"),
    ("recognise", "", "sovereignty", "054"),
    ("recognise", "", "government", "054"),
    ("recognise", "", "state", "054"),
    # -- material cooperation and aid (06, 07)
    ("share", "", "&information", "064"),
    ("share", "", "expertise", "060"),
    ("send", "", "arms", "072", True),       # PETRARCH2 (shared): 154
    ("ship", "", "arms", "072", True),       # PETRARCH2: 154
    ("deliver", "", "arms", "072"),
    ("hand", "", "over aid", "070"),
    ("hand", "", "over medicine", "073"),
    ("hand", "", "over &food", "073"),
    # -- investigate (09)
    ("send", "", "inspectors", "090"),
    ("send", "", "investigators", "090"),
    ("dispatch", "", "inspectors", "090"),
    ("dispatch", "", "investigators", "090"),
    ("open", "", "hearing into", "090"),
    # -- consult, mediate, negotiate (04).  PETRARCH2 files MEDIATE and
    #    NEGOTIATE under its 080 (yield) block; CAMEO codes them 045 / 046.
    ("mediate", "", "", "045", True),
    ("mediate", "", "with", "045", True),
    ("negotiate", "", "", "046", True),
    ("negotiate", "", "with", "046", True),
    ("hold", "held|holds|holding", "summit", "040"),
    ("hold", "held|holds|holding", "consultations", "040"),
    ("give", "", "welcome", "043"),        # host a visitor
    # -- summoning a foreign envoy is a formal complaint (114)
    ("summon", "", "ambassador", "114"),
    ("summon", "", "envoy", "114"),
    ("summon", "", "diplomat", "114"),
    # -- yield (08)
    ("release", "", "detainees", "0841"),
    ("release", "", "detainee", "0841"),
    ("free", "", "prisoners", "0841"),
    ("free", "", "&hostage", "0841"),
    ("swap", "", "prisoners", "0841"),
    ("announce", "", "&ceasefire", "0871"),
    ("lift", "", "sanctions", "085"),
    ("ease", "", "sanctions", "085"),
    ("ease", "", "emergency", "0814"),
    ("relax", "", "emergency", "0814"),
    ("ease", "", "curfew", "0813"),
    ("relax", "", "curfew", "0813"),
    ("shorten", "", "curfew", "0813"),
    # -- ending one's own protest or strike eases dissent (082)
    # (the PETRARCH2 "strike" rows, 087, are shared from a block-mate and
    # read the word as a military strike)
    ("call", "", "off strike", "082", True),
    ("end", "", "strike", "082", True),
    ("suspend", "", "strike", "082", True),
    ("call", "", "off protest", "082"),
    ("call", "", "off demonstration", "082"),
    # -- access for inspectors, observers and aid (086)
    ("receive", "", "observers", "0862"),
    ("receive", "", "inspectors", "0862"),
    ("receive", "", "monitors", "0862"),
    ("allow", "", "inspectors", "0862"),
    ("allow", "", "observers", "0862"),
    ("allow", "", "delivery", "0863"),
    ("allow", "", "humanitarian access", "0863"),
    # -- military de-escalation (087)
    ("surrender", "", "", "0874", True),     # PETRARCH2: 080 (yield)
    ("demobilize", "", "", "0873"),
    ("demobilise", "", "", "0873"),
    # -- disapprove, reject, legal action (11, 12)
    ("reject", "", "", "120"),
    ("refuse", "", "", "120"),               # "refused to ..."
    ("deny", "", "application", "120"),      # bare "deny" is 016 (above)
    ("deny", "", "allocation", "120"),
    ("deny", "", "access", "120"),
    ("renege", "", "", "120"),               # renege on a commitment
    ("dismiss", "", "appeal", "120"),
    ("dismiss", "", "call", "120"),
    ("dismiss", "", "demand", "120"),
    ("dismiss", "", "offer", "120"),
    ("dismiss", "", "plan", "120"),
    ("dismiss", "", "request", "120"),
    ("violate", "", "ban", "128"),           # defy norms, law
    ("violate", "", "law", "128"),
    ("violate", "", "order", "128"),
    ("violate", "", "curfew", "128"),
    # calling for sanctions on someone is not threatening them (1312)
    ("call", "", "for sanctions", "110", True),
    ("veto", "", "", "129", True),           # PETRARCH2: 172
    ("sue", "", "", "115", True),            # PETRARCH2: 173
    ("sue", "", "for", "115", True),
    ("sue", "", "in court", "115", True),
    ("convict", "", "", "116", True),        # PETRARCH2: 173
    ("charge", "", "with", "173"),
    # -- protest (14)
    ("demonstrate", "", "against", "141"),
    ("organize", "", "strike", "143"),
    ("organise", "", "strike", "143"),
    ("organize", "", "protest", "141"),
    ("organise", "", "protest", "141"),
    ("organize", "", "demonstration", "141"),
    ("organise", "", "demonstration", "141"),
    ("organize", "", "rally", "141"),
    ("organise", "", "rally", "141"),
    ("collect", "", "signatures", "140"),    # petition drive
    ("converge", "", "for rally", "141"),
    ("converge", "", "for protest", "141"),
    ("converge", "", "for demonstration", "141"),
    ("shun", "", "work", "143"),             # stay away from work: strike
    # stone-throwing crowds riot (145); PETRARCH2 files it as a beating
    ("throw", "threw|thrown", "stones", "145", True),
    ("prevent", "", "demonstration", "1721"),
    # -- force posture, sanctions (15, 16)
    ("deploy", "", "", "154"),
    ("strengthen", "", "forces", "154"),
    ("strengthen", "", "&military", "154"),
    ("prepare", "", "offensive", "150"),     # force posture
    ("prepare", "", "assault", "150"),
    ("prepare", "", "shelling", "150"),
    ("prepare", "", "to attack", "150"),
    # -- reduce relations (16): halt mediation or talks, expel or
    #    withdraw inspectors and monitors
    ("reduce", "", "aid", "162"),            # as "cut aid", "cut supplies"
    ("reduce", "", "assistance", "162"),
    ("reduce", "", "supplies", "162"),
    ("end", "", "mediation", "165"),
    ("halt", "", "mediation", "165"),
    ("suspend", "", "mediation", "165"),
    ("halt", "", "talks", "164"),
    ("suspend", "", "talks", "164"),
    ("suspend", "", "negotiations", "164"),
    ("expel", "", "inspectors", "1662"),
    ("expel", "", "observers", "1662"),
    ("expel", "", "monitors", "1662"),
    ("expel", "", "peacekeepers", "1661"),
    ("expel", "", "aid workers", "1663"),
    ("expel", "", "ambassador", "161"),
    ("withdraw", "", "inspectors", "1662"),
    ("withdraw", "", "weapons inspectors", "1662"),
    ("withdraw", "", "observers", "1662"),
    ("withdraw", "", "monitors", "1662"),
    ("withdraw", "", "aid workers", "1663"),
    ("sanction", "", "", "163"),
    ("embargo", "", "", "163", True),        # PETRARCH2: 170
    ("slap", "", "sanctions", "163"),
    # -- fight (19)
    ("set", "", "fire to", "1712"),          # arson: destroy property
    ("blow", "blew|blown", "up bridge", "1712"),
    ("blow", "blew|blown", "up power line", "1712"),
    ("blow", "blew|blown", "up pipeline", "1712"),
    ("deface", "", "", "171"),
    ("wound", "", "in bomb attack", "183"),
    ("kill", "", "in bomb attack", "183"),
    ("use", "", "guided missile", "195"),
    # taking towns and strongholds is occupying territory (192); the
    # PETRARCH2 rows are shared from another verb and lose to "capture" 171
    ("capture", "", "&stronghold", "192", True),
    ("capture", "", "&town", "192", True),
    ("capture", "", "territory", "192"),
    ("shell", "", "", "194", True),          # artillery; PETRARCH2: 190
    ("bombard", "", "", "194", True),        # PETRARCH2: 190
    ("violate", "", "&ceasefire", "196"),
    ("break", "broke|broken|breaks|breaking", "&ceasefire", "196"),
    # the one who dies in a fight is its victim: the target ("+" before the
    # verb), not the source
    ("die", "", "+ * in &fight", "190"),
    ("die", "", "+ * in clashes", "190"),
    ("die", "", "+ * in firefight", "193"),
    # "neutralise" in military statements: attackers killed or put out of
    # action by armed force
    ("neutralise", "", "", "190"),
    ("neutralize", "", "", "190"),
    # raising or lowering the level of relations (PETRARCH2 has only
    # "upgrade diplomatic relations")
    ("upgrade", "", "ties", "050"),
    ("upgrade", "", "relations", "050"),
    ("downgrade", "", "ties", "160"),
    ("downgrade", "", "relations", "160"),
    # troops securing a town or village show force there (15)
    ("secure", "", "&town", "150"),
    # troops reaching a place show force there too ("soldiers reached the
    # village"); PETRARCH2 codes the arriving military as aid (072), which
    # fits troops sent to an ally, not troops moving on their own ground
    ("reach", "", "&military *", "150"),
    # burning property (PETRARCH2 codes "burn down", "burn &town" 1712;
    # effigies and flags, a protest, keep their 141 rows)
    ("burn", "", "", "1712"),
    # handing over or returning people held: release (0841)
    ("hand", "", "over people", "0841"),
    ("hand", "", "over &hostage", "0841"),
    ("hand", "", "over detainees", "0841"),
    ("hand", "", "over citizens", "0841"),
    ("hand", "", "over nationals", "0841"),
    ("return", "", "citizens", "0841"),
    ("return", "", "nationals", "0841"),
    ("return", "", "detainees", "0841"),
    ("return", "", "&hostage", "0841"),
]

# Nominal predicates: lemma is the noun, forms its plural(s).
SITREP_NOUNS = [
    # -- appeals, demands, verbal conflict
    ("appeal", "appeals", "", "020"),
    ("call", "calls", "for", "020"),
    ("demand", "demands", "", "100"),
    # "put pressure on X", "under pressure from X": coercion (170); who is
    # under it is its target (coder.rs)
    ("pressure", "pressures", "", "170"),
    ("condemnation", "condemnations", "", "111"),
    ("criticism", "criticisms", "", "111"),
    ("accusation", "accusations", "", "112"),
    ("rejection", "rejections", "", "120"),
    ("threat", "threats", "", "130"),
    ("warning", "warnings", "", "130"),
    ("ultimatum", "ultimatums|ultimata", "", "139"),
    # -- cooperation, agreements
    ("apology", "apologies", "", "055"),
    ("agreement", "agreements", "peace *", "057"),
    ("accord", "accords", "peace *", "057"),
    ("deal", "deals", "peace *", "057"),
    ("treaty", "treaties", "peace *", "057"),
    # a signed protocol is a formal agreement ("a ceasefire protocol")
    ("protocol", "protocols", "", "057"),
    ("recognition", "", "diplomatic *", "054"),
    # -- consult, negotiate, mediate
    ("meeting", "meetings", "", "040"),
    ("summit", "summits", "", "040"),
    ("consultation", "consultations", "", "040"),
    ("visit", "visits", "", "042"),
    ("mediation", "", "", "045"),
    ("talks", "", "", "046"),
    ("negotiation", "negotiations", "", "046"),
    # -- aid
    ("aid", "", "", "070"),
    ("aid", "", "economic *", "071"),
    ("aid", "", "financial *", "071"),
    ("aid", "", "military *", "072"),
    ("aid", "", "humanitarian *", "073"),
    ("assistance", "", "", "070"),
    ("assistance", "", "military *", "072"),
    ("assistance", "", "humanitarian *", "073"),
    # -- yield, de-escalate
    ("release", "releases", "of prisoners", "0841"),
    ("release", "releases", "of &hostage", "0841"),
    ("exchange", "exchanges", "of prisoners", "0841"),
    ("exchange", "exchanges", "prisoner *", "0841"),
    ("swap", "swaps", "prisoner *", "0841"),
    ("ceasefire", "ceasefires", "", "0871"),
    ("cease-fire", "cease-fires", "", "0871"),
    ("truce", "truces", "", "0871"),
    ("armistice", "armistices", "", "0871"),
    ("withdrawal", "withdrawals", "of &military", "0874"),
    ("withdrawal", "withdrawals", "troop *", "0874"),
    ("withdrawal", "withdrawals", "of forces", "0874"),
    ("surrender", "surrenders", "", "0874"),
    # -- investigate
    ("investigation", "investigations", "", "090"),
    ("probe", "probes", "", "090"),
    # -- protest
    ("protest", "protests", "", "141"),
    ("demonstration", "demonstrations", "", "141"),
    ("rally", "rallies", "", "141"),
    ("strike", "strikes", "hunger *", "142"),
    ("strike", "strikes", "general *", "143"),
    ("boycott", "boycotts", "", "143"),
    ("riot", "riots", "", "145"),
    # -- force posture, reduce relations
    ("deployment", "deployments", "", "154"),
    ("deployment", "deployments", "of &pko", "074"),
    ("mobilization", "mobilizations", "", "154"),
    ("mobilisation", "mobilisations", "", "154"),
    ("sanction", "sanctions", "", "163"),
    ("suspension", "suspensions", "of link", "160"),
    ("suspension", "suspensions", "of ties", "160"),
    ("suspension", "suspensions", "of relations", "160"),
    ("suspension", "suspensions", "of flights", "160"),
    ("suspension", "suspensions", "of aid", "162"),
    ("suspension", "suspensions", "of talks", "164"),
    ("embargo", "embargoes", "", "163"),
    ("expulsion", "expulsions", "", "174"),
    ("expulsion", "expulsions", "of diplomats", "161"),
    # -- coerce
    ("arrest", "arrests", "", "173"),
    ("detention", "detentions", "", "173"),
    ("curfew", "curfews", "", "1723"),
    ("crackdown", "crackdowns", "", "175"),
    # -- assault
    ("abduction", "abductions", "", "181"),
    ("kidnapping", "kidnappings", "", "181"),
    ("hijacking", "hijackings", "", "181"),
    ("torture", "", "", "1822"),
    ("bombing", "bombings", "", "183"),
    ("bombing", "bombings", "suicide *", "1831"),
    ("attack", "attacks", "suicide *", "1831"),
    ("attack", "attacks", "cyber *", "176"),
    ("bombing", "bombings", "car *", "1832"),
    ("attack", "attacks", "bomb *", "183"),
    ("attack", "attacks", "grenade *", "183"),
    ("bomb", "bombs", "", "183"),
    ("bomb", "bombs", "car *", "1832"),
    ("bomb", "bombs", "roadside *", "183"),
    ("bombing", "bombings", "roadside *", "183"),
    ("bomber", "bombers", "suicide *", "1831"),
    ("explosion", "explosions", "bomb *", "183"),
    ("explosion", "explosions", "car bomb *", "1832"),
    ("blast", "blasts", "bomb *", "183"),
    ("device", "devices", "explosive *", "183"),
    ("ied", "ieds", "", "183"),
    ("assassination", "assassinations", "", "186"),
    ("attempt", "attempts", "assassination *", "185"),
    # -- fight
    ("attack", "attacks", "", "190"),
    ("assault", "assaults", "", "190"),
    ("clash", "clashes", "", "190"),
    ("shooting", "shootings", "", "190"),
    ("gunfire", "", "", "190"),
    ("fighting", "", "", "190"),
    ("battle", "battles", "", "190"),
    ("offensive", "offensives", "", "190"),
    ("raid", "raids", "", "190"),
    ("incursion", "incursions", "", "190"),
    ("ambush", "ambushes", "", "190"),
    ("killing", "killings", "", "190"),
    ("blockade", "blockades", "", "191"),
    ("siege", "sieges", "", "191"),
    ("invasion", "invasions", "", "192"),
    ("exchange", "exchanges", "of fire", "193"),
    ("gunfight", "gunfights", "", "193"),
    ("shelling", "shellings", "", "194"),
    ("bombardment", "bombardments", "", "194"),
    ("attack", "attacks", "rocket *", "194"),
    ("attack", "attacks", "mortar *", "194"),
    ("fire", "", "artillery *", "194"),
    ("airstrike", "airstrikes", "", "195"),
    ("strike", "strikes", "air *", "195"),
    ("strike", "strikes", "drone *", "195"),
    ("raid", "raids", "air *", "195"),
    ("bombardment", "bombardments", "aerial *", "195"),
    ("bombing", "bombings", "aerial *", "195"),
    ("violation", "violations", "ceasefire *", "196"),
    # -- mass violence
    ("massacre", "massacres", "", "202"),
    ("killing", "killings", "mass *", "202"),
    ("cleansing", "", "ethnic *", "203"),
]

# ===========================================================================
# Implementation
# ===========================================================================

CODE_RE = re.compile(r"^\d{2,4}$")

# PETRARCH2 lists one compound under an inflected head (+IS_DETERMINED);
# use the base form as lemma and keep the listed word as a form.
LEMMA_FIXES = {"is": "be"}


def trivially_regular(lemma, form):
    """Forms any -s/-ed/-ing generator produces; not worth listing."""
    if lemma.endswith("e"):
        regular = {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    else:
        regular = {lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    return form in regular


def die(msg):
    sys.stderr.write("gen_cameo: error: %s\n" % msg)
    sys.exit(1)


def parent_code(code):
    """Parent in the CAMEO hierarchy: 4-digit -> 3-digit -> 2-digit root."""
    if len(code) == 4:
        return code[:3]
    if len(code) == 3:
        return code[:2]
    return None


def root_of(code):
    return code[:2]


def quad_class(code):
    r = int(root_of(code))
    if 1 <= r <= 5:
        return 1
    if 6 <= r <= 8:
        return 2
    if 9 <= r <= 13:
        return 3
    if 14 <= r <= 20:
        return 4
    die("code outside 01-20: %s" % code)


# ---------------------------------------------------------------- PLOVER --

def read_cameo2plover(path):
    """Return {code: (event, mode, label)} in file order (first wins)."""
    out = collections.OrderedDict()
    dupes = []
    line_re = re.compile(r"^(\d{2,4}):\s*(.*)$")
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            m = line_re.match(line)
            if not m:
                continue
            code, rest = m.group(1), m.group(2)
            label = ""
            if "#" in rest:
                rest, label = rest.split("#", 1)
                # drop editorial notes of the form "  21.09.17: ..."
                label = re.sub(r"\s{2,}\d\d\.\d\d\.\d\d:.*$", "", label)
                label = " ".join(label.split())
            fields = [f.strip() for f in rest.split(",")]
            event = fields[0] if fields else ""
            mode = fields[1] if len(fields) > 1 else ""
            if code in out:
                dupes.append(code)
                continue
            out[code] = (event, mode, label)
    return out, dupes


def read_manual_roots(path):
    """Root-code names from the manual's CAMEO->PLOVER translation table."""
    roots = {}
    row_re = re.compile(r"^(\d\d)\s*&\s*([A-Z][A-Z ]+?)\s*(\([^)]*\))?\s*&")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = row_re.match(line.strip())
            if m and m.group(1) not in roots:
                roots[m.group(1)] = m.group(2).strip()
    return roots


# ------------------------------------------------------------- PETRARCH2 --

def norm_word(tok):
    """Lowercase a dictionary word; '_' joins words, edge '_' is a flag."""
    if tok.startswith("&"):
        return tok.lower()
    return " ".join(p for p in tok.lower().split("_") if p)


def parse_petrarch(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = fh.read().split("\n")

    synsets = collections.OrderedDict()
    blocks = []
    section = None
    cur_syn = None
    cur_block = None
    for lineno, raw in enumerate(lines, 1):
        if raw.startswith("####### SYNONYM SETS"):
            section = "syn"
            continue
        if raw.startswith("####### VERB PATTERNS"):
            section = "verb"
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            section = "trans"
            continue
        if raw.startswith("#") or section in (None, "trans"):
            continue
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
        if not line.strip():
            continue
        if section == "syn":
            s = line.strip()
            if s.startswith("&"):
                cur_syn = s.split()[0].lower()
                synsets.setdefault(cur_syn, [])
            elif s.startswith("+") and cur_syn:
                member = norm_word(s[1:].strip().split()[0])
                if member and member not in synsets[cur_syn]:
                    synsets[cur_syn].append(member)
            continue
        # verb section
        if line.startswith("---"):
            parts = line.split()
            code = parts[2].strip("[]") if len(parts) > 2 else "---"
            cur_block = {"name": parts[1], "code": code, "verbs": [],
                         "patterns": [], "line": lineno}
            blocks.append(cur_block)
        elif line.startswith("-"):
            # the comment names the verb the pattern was written for ("# RUSH")
            written_for = comment.split()[0].lower() if comment.split() else ""
            cur_block["patterns"].append((lineno, line[1:].strip(), written_for))
        else:
            cur_block["verbs"].append((lineno, line.strip()))
    return synsets, blocks


def split_compound(tok):
    """'+CALL_OFF' -> ([], 'call', ['off']); 'WIRE_+TAP' -> (['wire'], 'tap', [])."""
    tok = tok.strip()
    if "+" in tok:
        front_s, rest = tok.split("+", 1)
    else:
        front_s, rest = "", tok
    front = [w.lower() for w in front_s.split("_") if w]
    rest_w = [w.lower() for w in rest.split("_") if w]
    if not rest_w:
        return front, "", []
    return front, rest_w[0], rest_w[1:]


def first_code(code):
    """'042:043' -> '042'; ':173' -> ''; '---' -> ''; '080!' -> '080'."""
    c = code.split(":", 1)[0]
    c = re.sub(r"[^0-9-]", "", c)
    return c if CODE_RE.match(c) else ""


VERB_LINE_RE = re.compile(r"^([^\s\[{]+)\s*(\{[^}]*\}?)?\s*(\[[^\]]*\])?")


def build_petrarch_rows(synsets, blocks, stats):
    """Return list of candidate rows with priority info."""
    seen_verbs = set()           # (front, stem, back): first block wins
    forms_by_lemma = collections.OrderedDict()
    cand = []                    # (lemma, pattern, code, prio, order)
    order = 0
    for blk in blocks:
        verbs = []
        for lineno, text in blk["verbs"]:
            m = VERB_LINE_RE.match(text)
            if not m:
                stats["verb_lines_unparsed"] += 1
                continue
            head, forms_s, code_s = m.group(1), m.group(2), m.group(3)
            front, stem, back = split_compound(head)
            if not stem or not re.match(r"^[a-z][a-z'-]*$", stem):
                stats["verb_lines_unparsed"] += 1
                continue
            if stem in LEMMA_FIXES:
                forms_s = "{%s %s}" % (stem, forms_s or "")
                stem = LEMMA_FIXES[stem]
            key = (tuple(front), stem, tuple(back))
            if key in seen_verbs:
                stats["verb_redefinitions_ignored"] += 1
                continue
            seen_verbs.add(key)
            forms = []
            if forms_s:
                for ftok in forms_s.strip("{}").replace(",", " ").split():
                    _, fstem, _ = split_compound(ftok)
                    if (fstem and fstem != stem and fstem not in forms
                            and not trivially_regular(stem, fstem)):
                        forms.append(fstem)
            fl = forms_by_lemma.setdefault(stem, [])
            for f in forms:
                if f not in fl:
                    fl.append(f)
            own = code_s.strip("[]") if code_s else blk["code"]
            verbs.append((front, stem, back))
            code = first_code(own)
            if code:
                order += 1
                cand.append((stem, make_pattern(front, [], back, []), code,
                             1, order, "petrarch2"))
            else:
                stats["verb_entries_without_code"] += 1
        for lineno, text, written_for in blk["patterns"]:
            m = re.search(r"\[([^\]]*)\]\s*$", text)
            if not m:
                stats["patterns_without_code"] += 1
                continue
            raw_code = m.group(1)
            code = first_code(raw_code)
            if not code:
                if raw_code.startswith(":") and first_code(raw_code[1:]):
                    stats["patterns_reverse_only_skipped"] += 1
                else:
                    stats["patterns_null_code_skipped"] += 1
                continue
            body = text[:m.start()]
            body = re.sub(r"[(){}*]", lambda x: " * " if x.group() == "*"
                          else " ", body)
            toks = body.split()
            if toks.count("*") != 1:
                stats["patterns_malformed_skipped"] += 1
                continue
            toks = [t for t in toks if t not in ("$", "+", "%", "^")]
            star = toks.index("*")
            pre = [norm_word(t) for t in toks[:star]]
            post = [norm_word(t) for t in toks[star + 1:]]
            bad = [t for t in pre + post
                   if t.startswith("&") and t not in synsets]
            if bad:
                stats["patterns_undefined_synset_skipped"] += 1
                continue
            stats["pattern_lines_used"] += 1
            for pre_v, post_v in expand_alternatives(pre, post):
                for front, stem, back in verbs:
                    order += 1
                    # PETRARCH2 shares a block's patterns among its verbs; a
                    # pattern written for another verb of the block is marked
                    # "shared" so the coder can trust it less
                    own = (not written_for or not re.match(r"^[a-z]", written_for)
                           or written_for == stem
                           or written_for in forms_by_lemma.get(stem, []))
                    cand.append((stem, make_pattern(front, pre_v, back, post_v),
                                 code, 0, order, "petrarch2" if own else "petrarch2-shared"))
    return cand, forms_by_lemma


def expand_alternatives(pre, post):
    """A few TABARI-era words list alternatives with '/' (BY/WITH); expand
    them into one pattern per alternative."""
    words = list(pre) + list(post)
    choices = [w.split("/") if ("/" in w and not w.startswith("&")) else [w]
               for w in words]
    out = []
    for combo in itertools.product(*choices):
        combo = list(combo)
        out.append((combo[:len(pre)], combo[len(pre):]))
    return out


def make_pattern(front, pre, back, post):
    before = [w for w in list(front) + list(pre) if w]
    after = [w for w in list(back) + list(post) if w]
    words = (before + ["*"] if before else []) + after
    return " ".join(" ".join(words).split())


def resolve_rows(cand, stats):
    """One row per (lemma, pattern).

    Verb-entry rows (prio 1) beat pattern rows (prio 0): PETRARCH2 matches a
    listed (compound) verb before the block patterns of a shorter verb.  Among
    verb-entry rows the first wins (PETRARCH2 stores them with setdefault);
    among pattern rows the last wins (a later identical pattern overwrites the
    earlier one in PETRARCH2's pattern trie).
    """
    best = {}
    for lemma, pattern, code, prio, order, origin in cand:
        key = (lemma, pattern)
        old = best.get(key)
        if old is None:
            best[key] = (code, prio, order, origin)
            continue
        ocode, oprio, oorder, oorigin = old
        if ocode != code:
            stats["pattern_code_conflicts_resolved"] += 1
        if prio > oprio:
            best[key] = (code, prio, order, origin)
        elif prio == oprio == 0:
            # a pattern written for this verb beats one shared from a block-mate
            if not (oorigin == "petrarch2" and origin != "petrarch2"):
                best[key] = (code, prio, order, origin)
        # prio == oprio == 1: keep the first
    return {k: (v[0], v[3]) for k, v in best.items()}


# ---------------------------------------------------------------- output --

def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# " + "\t".join(header) + "\n")
        for r in rows:
            for cell in r:
                if "\t" in cell or "\n" in cell:
                    die("cell contains tab/newline: %r" % (r,))
            fh.write("\t".join(r) + "\n")


def goldstein_for(code):
    c = code
    while c is not None:
        if c in GOLDSTEIN:
            return GOLDSTEIN[c]
        c = parent_code(c)
    return None


NOTICE = """\
sitrep data/cameo -- provenance and licences
============================================

These files are generated by scripts/gen_cameo.py from the reference sources
listed below; regenerate rather than edit them by hand.

codes.tsv
  CAMEO event codes and labels, PLOVER event and mode per CAMEO code:
    CAMEO2PLOVER-2021.txt (CAMEO to PLOVER conversion table, ed. Philip A.
    Schrodt, 17 September 2021) and PLOVER_MANUAL.tex (PLOVER manual draft
    0.8; Schrodt et al.; Copyright (c) 2021 Open Event Data Alliance),
    licensed under Creative Commons Attribution-ShareAlike 4.0
    International (CC BY-SA 4.0),
    https://creativecommons.org/licenses/by-sa/4.0/ .  The label, PLOVER
    event and PLOVER mode columns of codes.tsv adapt that table (with
    spelling corrections and parent-code inheritance for codes it lacks)
    and are distributed under CC BY-SA 4.0.
  Labels of the 01 and 02 families and of a few codes absent from that
  table (155, 176, 1834, 1951, 1952) are the short code labels of the CAMEO
  codebook: Schrodt, P. A. (2012). CAMEO Conflict and Mediation Event
  Observations Event and Actor Codebook, version 1.1b3. Pennsylvania State
  University / Parus Analytics.
  Goldstein weights: Goldstein, J. S. (1992). "A Conflict-Cooperation Scale
  for WEIS Events Data." Journal of Conflict Resolution 36(2): 369-385;
  figures as assigned to CAMEO codes in the CAMEO codebook (the standard
  CAMEO-to-Goldstein lookup distributed with GDELT and Phoenix).  Codes with
  no published weight inherit their parent code's weight.
  Quad classes follow the usual CAMEO root grouping (01-05 verbal
  cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20
  material conflict).

verbs.tsv, synsets.tsv
  Rows with origin "petrarch2" and all of synsets.tsv are derived from the
  PETRARCH2 CAMEO verb dictionary CAMEO.2.0.txt (synonym sets and verb
  patterns), Copyright (c) 2015 Open Event Data Alliance, MIT License:

    Permission is hereby granted, free of charge, to any person obtaining a
    copy of this software and associated documentation files (the
    "Software"), to deal in the Software without restriction, including
    without limitation the rights to use, copy, modify, merge, publish,
    distribute, sublicense, and/or sell copies of the Software, and to
    permit persons to whom the Software is furnished to do so, subject to
    the following conditions:

    The above copyright notice and this permission notice shall be included
    in all copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS
    OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
    MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
    IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY
    CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT,
    TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
    SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

  Rows with origin "sitrep" were written for this project.

nouns.tsv
  Written for this project (origin "sitrep"); codes refer to codes.tsv.
"""


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(repo, "..", "shared"),
                    help="shared directory holding reference/ (default: "
                         "../shared relative to the repository root)")
    ap.add_argument("--out", default=os.path.join(repo, "data", "cameo"),
                    help="output directory (default: data/cameo)")
    args = ap.parse_args(argv)

    ref = os.path.join(os.path.normpath(args.shared), "reference")
    c2p_path = os.path.join(ref, "plover", "CAMEO2PLOVER-2021.txt")
    man_path = os.path.join(ref, "plover", "PLOVER_MANUAL.tex")
    dict_path = os.path.join(ref, "petrarch2-dictionaries", "CAMEO.2.0.txt")
    for p in (c2p_path, man_path, dict_path):
        if not os.path.isfile(p):
            die("missing source: %s" % p)
    os.makedirs(args.out, exist_ok=True)
    stats = collections.Counter()

    # ---- codes ----
    c2p, c2p_dupes = read_cameo2plover(c2p_path)
    roots = read_manual_roots(man_path)
    codes = set(c2p) | set(roots) | set(EXTRA_LABELS) | set(GOLDSTEIN)
    for c in list(codes):
        p = parent_code(c)
        while p:
            codes.add(p)
            p = parent_code(p)

    synsets, blocks = parse_petrarch(dict_path)
    cand, forms_by_lemma = build_petrarch_rows(synsets, blocks, stats)
    verb_rows = resolve_rows(cand, stats)

    def label_for(code):
        if code in LABEL_FIXES:
            return LABEL_FIXES[code]
        if len(code) == 2 and code in roots:
            return roots[code]
        if code in c2p and c2p[code][2]:
            return c2p[code][2]
        if code in EXTRA_LABELS:
            return EXTRA_LABELS[code]
        die("no label for code %s" % code)

    def plover_for(code):
        if root_of(code) in PLOVER_DROPPED_ROOTS:
            return "", ""
        c = code
        while c is not None:
            if c in c2p:
                ev, mode, _ = c2p[c]
                return ev, mode
            c = parent_code(c)
        die("no PLOVER mapping for %s" % code)

    code_rows = []
    for code in sorted(codes):
        g = goldstein_for(code)
        if g is None:
            die("no Goldstein weight for %s" % code)
        if code not in GOLDSTEIN:
            stats["goldstein_inherited"] += 1
        ev, mode = plover_for(code)
        code_rows.append((code, label_for(code), "%.1f" % g,
                          str(quad_class(code)), ev, mode))
    code_set = {r[0] for r in code_rows}

    # ---- verbs ----
    rows = {}
    for (lemma, pattern), (code, origin) in verb_rows.items():
        rows[(lemma, pattern)] = (code, origin)
    sitrep_added = sitrep_skipped = sitrep_overrides = 0
    skipped_conflicts = []
    for t in SITREP_VERBS:
        lemma, forms, pattern, code = t[:4]
        override = len(t) > 4 and t[4]
        key = (lemma, pattern)
        if key in rows and not override:
            sitrep_skipped += 1
            if rows[key][0] != code:
                skipped_conflicts.append((lemma, pattern, rows[key][0], code))
            continue
        if key in rows:
            sitrep_overrides += 1
        else:
            sitrep_added += 1
        rows[key] = (code, "sitrep")
        fl = forms_by_lemma.setdefault(lemma, [])
        for f in forms.split("|") if forms else []:
            if f not in fl and not trivially_regular(lemma, f):
                fl.append(f)

    def forms_of(lemma):
        return "|".join(forms_by_lemma.get(lemma, []))

    # Light and everyday verbs code nothing on their own: PETRARCH2 gives
    # them a default code that its parser only applies with actors in the
    # right slots, but on raw text "take", "give" or "face" alone would make
    # an event of almost every sentence. Their patterns ("take hostage",
    # "give aid") stay.
    # Nor do they borrow patterns from the other verbs of their PETRARCH2
    # block ("lead to" would be a visit, as "go to" is).
    light_dropped = 0
    for lemma in LIGHT_VERBS:
        if (lemma, "") in rows:
            del rows[(lemma, "")]
            light_dropped += 1
    for key in [k for k, v in rows.items()
                if k[0] in LIGHT_VERBS and v[1] == "petrarch2-shared"]:
        del rows[key]
        light_dropped += 1

    verbs_out = sorted((lemma, forms_of(lemma), pattern, code, origin)
                       for (lemma, pattern), (code, origin) in rows.items())

    nouns = {}
    noun_forms = collections.OrderedDict()
    for lemma, forms, pattern, code in SITREP_NOUNS:
        key = (lemma, pattern)
        if key in nouns:
            die("duplicate noun row %r" % (key,))
        nouns[key] = code
        fl = noun_forms.setdefault(lemma, [])
        for f in forms.split("|") if forms else []:
            if f not in fl:
                fl.append(f)
    nouns_out = sorted((lemma, "|".join(noun_forms[lemma]), pattern, code,
                        "sitrep") for (lemma, pattern), code in nouns.items())

    # ---- synsets actually referenced (write all, they are small) ----
    syn_out = [(name, "|".join(members))
               for name, members in sorted(synsets.items())]

    # ---- checks ----
    for r in verbs_out + nouns_out:
        if r[3] not in code_set:
            die("lexicon code %s not in codes.tsv: %r" % (r[3], r))
    for r in code_rows:
        if not r[2]:
            die("missing goldstein for %s" % r[0])
    used_syn = {w for r in verbs_out + nouns_out for w in r[2].split()
                if w.startswith("&")}
    missing_syn = used_syn - set(synsets)
    if missing_syn:
        die("patterns reference undefined synsets: %s" % sorted(missing_syn))

    # ---- write ----
    write_tsv(os.path.join(args.out, "codes.tsv"),
              ["code", "label", "goldstein", "quad_class", "plover_event",
               "plover_mode"], code_rows)
    lex_header = ["lemma", "forms", "pattern", "code", "origin"]
    write_tsv(os.path.join(args.out, "verbs.tsv"), lex_header, verbs_out)
    write_tsv(os.path.join(args.out, "nouns.tsv"), lex_header, nouns_out)
    write_tsv(os.path.join(args.out, "synsets.tsv"), ["name", "members"],
              syn_out)
    with open(os.path.join(args.out, "NOTICE.part"), "w", encoding="utf-8",
              newline="\n") as fh:
        fh.write(NOTICE)

    # ---- report ----
    print("codes.tsv   %5d rows" % len(code_rows))
    print("verbs.tsv   %5d rows (petrarch2 %d, sitrep %d)" % (
        len(verbs_out), sum(1 for r in verbs_out if r[4] == "petrarch2"),
        sum(1 for r in verbs_out if r[4] == "sitrep")))
    print("nouns.tsv   %5d rows" % len(nouns_out))
    print("synsets.tsv %5d rows" % len(syn_out))
    print("sitrep verb rows: %d added, %d overriding, %d already present"
          % (sitrep_added, sitrep_overrides, sitrep_skipped))
    for lemma, pattern, have, want in skipped_conflicts:
        print("  note: kept petrarch2 %s %r -> %s (sitrep list says %s)"
              % (lemma, pattern, have, want))
    if c2p_dupes:
        print("CAMEO2PLOVER duplicate codes (first kept): %s"
              % " ".join(c2p_dupes))
    for k in sorted(stats):
        print("  %-40s %d" % (k, stats[k]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
