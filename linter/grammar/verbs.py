"""The forms of common English verbs, for kzlint's own grammar checks.

The checks ask one question of a word: is it a verb in a form that cannot
follow what stands before it ("can speaks", "could went", "does he wants",
"I going")? A small, explicit lexicon answers without a tagger: the common
irregular verbs with their past forms, and common regular verbs whose
forms follow the spelling rules below. A word outside the lexicon is never
flagged, so the checks stay quiet on what they do not know.
"""

from __future__ import annotations

from functools import cache

# base: (simple past, past participle)
IRREGULAR: dict[str, tuple[str, str]] = {
    "be": ("was", "been"), "become": ("became", "become"), "begin": ("began", "begun"),
    "break": ("broke", "broken"), "bring": ("brought", "brought"), "build": ("built", "built"),
    "buy": ("bought", "bought"), "catch": ("caught", "caught"), "choose": ("chose", "chosen"),
    "come": ("came", "come"), "do": ("did", "done"), "draw": ("drew", "drawn"), "drink": ("drank", "drunk"),
    "drive": ("drove", "driven"), "eat": ("ate", "eaten"), "fall": ("fell", "fallen"), "feel": ("felt", "felt"),
    "fight": ("fought", "fought"), "find": ("found", "found"), "fly": ("flew", "flown"),
    "forget": ("forgot", "forgotten"), "get": ("got", "gotten"), "give": ("gave", "given"),
    "go": ("went", "gone"), "grow": ("grew", "grown"), "have": ("had", "had"), "hear": ("heard", "heard"),
    "hide": ("hid", "hidden"), "hold": ("held", "held"), "keep": ("kept", "kept"), "know": ("knew", "known"),
    "lead": ("led", "led"), "leave": ("left", "left"), "lend": ("lent", "lent"), "lose": ("lost", "lost"),
    "make": ("made", "made"), "mean": ("meant", "meant"), "meet": ("met", "met"), "pay": ("paid", "paid"),
    "ride": ("rode", "ridden"), "ring": ("rang", "rung"), "rise": ("rose", "risen"), "run": ("ran", "run"),
    "say": ("said", "said"), "see": ("saw", "seen"), "show": ("showed", "shown"), "seek": ("sought", "sought"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"), "shake": ("shook", "shaken"), "sing": ("sang", "sung"), "sit": ("sat", "sat"),
    "sleep": ("slept", "slept"), "speak": ("spoke", "spoken"), "spend": ("spent", "spent"),
    "stand": ("stood", "stood"), "steal": ("stole", "stolen"), "swim": ("swam", "swum"),
    "take": ("took", "taken"), "teach": ("taught", "taught"), "tell": ("told", "told"),
    "think": ("thought", "thought"), "throw": ("threw", "thrown"), "understand": ("understood", "understood"),
    "wake": ("woke", "woken"), "wear": ("wore", "worn"), "win": ("won", "won"), "write": ("wrote", "written"),
}
REGULAR: frozenset[str] = frozenset(
    """
    accept achieve add admit agree allow announce answer appear apply arrive ask attend avoid believe
    belong borrow call carry change check clean close collect compare complain complete consider contain
    continue cook cry decide deliver depend describe destroy develop die disappear discover discuss
    dress enjoy enter establish expect explain fill finish fix follow happen hate help hope hurry imagine
    improve include increase insist intend introduce invite join jump kill kiss laugh learn like listen
    live look love manage marry mention miss move need notice obtain offer open order own pass phone
    plan play prefer prepare prevent produce promise protect provide publish pull push reach realize
    receive recommend reduce refuse remain remember repair repeat reply report require rest return
    save seem serve share shout smile solve start stay stop study succeed suggest supply support
    suppose talk thank touch travel try turn use visit wait walk want wash watch wish wonder work worry
    afford arrange attract behave blame calculate celebrate claim combine communicate compete confirm
    connect contribute control convince correct create defend demand deny deserve determine disagree
    dislike divide earn encourage ensure examine exist explore express fail gather guarantee ignore inform
    invest involve limit measure observe occur operate organize perform permit predict pretend prove
    purchase qualify raise recognize reflect register regret relax release rely remove replace represent
    rescue respond retire reveal satisfy select settle suffer surprise survive unite warn
    """.split()
)
# Past forms that are also base forms of other verbs ("found" a company, "saw" the wood, "fell" a tree).
_ALSO_A_BASE_FORM = frozenset("found saw fell".split())
# A consonant is doubled before -ed and -ing in these (stop: stopped, stopping).
_DOUBLING = frozenset("admit control occur permit plan prefer regret stop".split())
# Verbs whose base form is rarely a noun as well, so that "need go" or "able fix" can only miss a "to".
PLAIN_VERBS: frozenset[str] = frozenset(
    """
    achieve avoid become begin bring build buy choose come consider continue decide deliver describe
    destroy discover discuss eat explain find finish forget get give go grow hear imagine improve include
    introduce invite keep know learn leave lose make meet obtain prepare prevent protect provide publish
    receive reduce refuse remember repair see sell send solve speak spend steal take teach tell think
    throw understand visit write
    """.split()
)


def third_person(base: str) -> str:
    """He, she or it …: "goes", "tries", "watches", "has", "is"."""
    special = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if base in special:
        return special[base]
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def regular_past(base: str) -> str:
    """The -ed form: "lived", "tried", "stopped", "played"."""
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ied"
    if base in _DOUBLING:
        return base + base[-1] + "ed"
    return base + "ed"


def present_participle(base: str) -> str:
    """The -ing form: "going", "living", "stopping", "dying"."""
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and base != "be":
        return base[:-1] + "ing"
    if base in _DOUBLING or base in {"run", "swim", "sit", "win", "begin", "forget", "get"}:
        return base + base[-1] + "ing"
    return base + "ing"


@cache
def _forms() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Three maps to the base form: from the third person, from the simple past, from the -ing form."""
    third: dict[str, str] = {}
    past: dict[str, str] = {}
    ing: dict[str, str] = {}
    for base in sorted(REGULAR | IRREGULAR.keys()):
        third[third_person(base)] = base
        ing[present_participle(base)] = base
        simple = IRREGULAR[base][0] if base in IRREGULAR else regular_past(base)
        if simple not in _ALSO_A_BASE_FORM:
            past[simple] = base
    past["were"] = "be"
    return third, past, ing


def base_of_inflected(word: str) -> str | None:
    """The base form of ``word`` when it is a third-person or simple-past form of a known verb, else ``None``."""
    third, past, _ = _forms()
    lowered = word.lower()
    return third.get(lowered) or past.get(lowered)


def base_of_participle(word: str) -> str | None:
    """The base form of ``word`` when it is the -ing form of a known verb, else ``None``."""
    return _forms()[2].get(word.lower())


def is_base_form(word: str) -> bool:
    return word.lower() in REGULAR or word.lower() in IRREGULAR
