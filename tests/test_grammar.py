"""The grammar stage with Harper, run for real: findings, false alarms, own checks and the cache.

Harper builds its dictionary once per process (about 0.6 s); the seed texts
are checked once per session and read from the session's private cache after.
The LanguageTool backend is tested in test_grammar_languagetool.py.
"""

from __future__ import annotations

import json
import threading
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import FULL, REPO, SOURCES

from linter.errors import BackendUnavailable
from linter.grammar import harper_backend, open_grammar, rule_infos, run_grammar
from linter.grammar.cache import CachedCheck, GrammarCache
from linter.grammar.checks import OWN_CHECKS
from linter.grammar.harper_backend import HarperBackend, LinterPool
from linter.grammar.issues import Issue
from linter.grammar.names import NameJudge, capitalised_words, intended_forms, vocabulary
from linter.grammar.stage import names_never_reported
from linter.model import Category, Document, Finding, Severity
from linter.rules.base import TextUnderCheck
from linter.segment import load_document, segment
from linter.settings import GrammarSettings, Settings

EXCERPTS_NAME = "kursiv-xi-article-excerpts.txt"
FULL_NAME = "kazinform-xi-article-full.txt"
TRUE, FALSE_ALARM = "true error", "false alarm"

# Every grammar-stage finding on the five seed texts (each checked with the
# other four as companions), with a verdict. A finding not listed here fails
# the test: judge it and add it, as a true error or a known false alarm.
# (file, rule, line, flagged text, verdict, why)
SEED_FINDINGS = [
    (FULL_NAME, "GR.kzlint.QuantifierBeforeMoreAndMore", 25, "all more and more", TRUE,
     "stacked quantifiers: 'more and more high-quality products'"),
    (FULL_NAME, "GR.kzlint.SubjectPronounAsObject", 36, "I", TRUE,
     "'allow President Kassym-Jomart Tokayev and I to increase': object form 'me'"),
    (FULL_NAME, "GR.harper.CommaFixes", 45, " ", TRUE,
     "'investment , energy': space before a comma"),
    ("chinadaily-xi-visit-bonds-of-friendship.txt", "GR.kzlint.DoubledPreposition", 34, "upon on", TRUE,
     "'a comprehensive strategic partner, built upon on our shared values': one preposition too many"),
    ("unattributed-xi-tokayev-akorda-talks.txt", "GR.harper.SpellCheck", 48, "centres", TRUE,
     "British spelling in an en-US check, and the same text writes 'centers' two lines later"),
]

# Checked alone (``kzlint check FILE`` without --companion), a name that the
# text mentions once, with no cue, can no longer be confirmed by the others:
ALONE_EXTRA = [
    (FULL_NAME, "GR.harper.SpellCheck", 30, "Dimash", FALSE_ALARM, "a singer's name, mentioned once"),
    (EXCERPTS_NAME, "GR.harper.SpellCheck", 15, "Zhanatas", FALSE_ALARM, "a town ('the Zhanatas wind power plant')"),
    (EXCERPTS_NAME, "GR.harper.SpellCheck", 15, "Turgusun", FALSE_ALARM, "a river ('the Turgusun hydropower station')"),
]


def _settings(**grammar: object) -> Settings:
    return Settings(grammar=GrammarSettings(**{"backend": "harper", **grammar}))


@cache
def _seed_documents() -> dict[str, Document]:
    return {path.name: load_document(path) for path in sorted(SOURCES.glob("*.txt"))}


@cache
def _seed_run(with_companions: bool) -> tuple[tuple[Finding, ...], str]:
    docs = _seed_documents()
    # The side of each text is its file name, so that every finding says which file it is in.
    texts = [
        TextUnderCheck(doc, name, tuple(other for key, other in docs.items() if key != name and with_companions))
        for name, doc in docs.items()
    ]
    run = run_grammar(texts, _settings())
    findings, backend = run.findings, run.backend
    return tuple(findings), backend


def _row(finding: Finding) -> tuple[str, str, int, str]:
    location = finding.locations[0]
    return location.side, finding.rule, location.line, location.text


def _check(text: str, companions: tuple[str, ...] = (), **grammar: object) -> list[Finding]:
    doc = segment(Path("text.txt"), text)
    others = tuple(segment(Path(f"other{n}.txt"), other) for n, other in enumerate(companions))
    findings = run_grammar([TextUnderCheck(doc, "a", others)], _settings(cache=False, **grammar)).findings
    return findings


def _flagged(findings: list[Finding]) -> list[str]:
    return [f.locations[0].text for f in findings]


# --- the seed texts: every finding judged, false alarms pinned -------------------------------


def test_every_seed_finding_is_listed_and_judged() -> None:
    findings, backend = _seed_run(with_companions=True)
    shown = sorted(_row(f) for f in findings)
    listed = sorted(row[:4] for row in SEED_FINDINGS)
    assert backend.startswith("Harper ") and "(offline" in backend
    assert shown == listed, "judge each new finding and list it in SEED_FINDINGS"


def test_every_finding_on_a_text_checked_alone_is_listed_and_judged() -> None:
    findings, _ = _seed_run(with_companions=False)
    shown = sorted(_row(f) for f in findings)
    assert shown == sorted(row[:4] for row in SEED_FINDINGS + ALONE_EXTRA)


@pytest.mark.parametrize("table", [SEED_FINDINGS, SEED_FINDINGS + ALONE_EXTRA], ids=["with-companions", "alone"])
def test_false_alarms_are_fewer_than_true_errors(table: list[tuple]) -> None:
    verdicts = [row[4] for row in table]
    assert verdicts.count(FALSE_ALARM) < verdicts.count(TRUE)


def test_the_pair_flags_the_three_slips_of_the_issue_at_their_places() -> None:
    docs = _seed_documents()
    a, b = docs[EXCERPTS_NAME], docs[FULL_NAME]
    findings = run_grammar([TextUnderCheck(a, "a", (b,)), TextUnderCheck(b, "b", (a,))], _settings()).findings
    shown = {(f.rule, f.locations[0].line, f.locations[0].column, f.locations[0].text, f.suggestion) for f in findings}
    assert shown == {
        ("GR.kzlint.QuantifierBeforeMoreAndMore", 25, 739, "all more and more", "more and more"),
        ("GR.kzlint.SubjectPronounAsObject", 36, 159, "I", "me"),
        ("GR.harper.CommaFixes", 45, 656, " ", "remove the space"),
    }
    assert all(f.locations[0].side == "b" and f.severity is Severity.WARNING for f in findings)


def test_findings_point_at_the_flagged_text_in_the_file() -> None:
    findings, _ = _seed_run(with_companions=True)
    lines = {name: doc.text.split("\n") for name, doc in _seed_documents().items()}
    for finding in findings:
        location = finding.locations[0]
        line = lines[location.side][location.line - 1]
        assert line[location.column - 1 :].startswith(location.text)


def test_typos_in_the_seed_text_are_still_caught() -> None:
    """The name filters must not blind the checker: misspelled common words and names are reported."""
    text = FULL.read_text(encoding="utf-8")
    slipped = text.replace("bilateral relations have flourished", "bilateral relatoins have flourished")
    slipped = slipped.replace("recognize Kazakhstan’s independence", "recognize Kazakstan’s independence")
    doc = segment(FULL, slipped)
    companions = tuple(doc for name, doc in _seed_documents().items() if name != FULL_NAME)
    findings = run_grammar([TextUnderCheck(doc, "a", companions)], _settings(cache=False)).findings
    spelling = {
        (f.locations[0].line, f.locations[0].text): f.suggestion for f in findings if f.rule == "GR.harper.SpellCheck"
    }
    assert "relations" in spelling[(16, "relatoins")]
    assert spelling[(16, "Kazakstan’s")].startswith("Kazakhstan")


# --- names are not misspellings --------------------------------------------------------------

LONE_NAME = "The minister met Zhumabekov in the capital."


def test_a_lone_unknown_name_is_flagged_without_evidence() -> None:
    assert _flagged(_check(LONE_NAME)) == ["Zhumabekov"]


def test_a_name_that_another_source_spells_alike_is_not_flagged() -> None:
    assert _check(LONE_NAME, companions=("Talks with Zhumabekov ended late.",)) == []


def test_the_user_word_list_accepts_words_in_any_case() -> None:
    assert _check(LONE_NAME, words=("zhumabekov",)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Delegates of the SCO and CICA met in the capital.",  # acronyms
        "Photos by XINHUA were shown.",  # wire credit in capitals
        "The story ran on PRNewswire yesterday.",  # brand with an inner capital
        "The composer B. Baikadamov wrote it.",  # initial, and a name after an initial
        "The quotes were published by Kazinform.kz today.",  # web address
        "A college student named Konstantin spoke.",  # name cue
        "Emomali Rahmon arrived in the capital.",  # two unknown capitalised words: one name
        "Zhao Huirong spoke first. Later, Zhao said the talks went well.",  # capitalised twice, once mid-sentence
        "They oppose hegemonism and support multilateralism in Shymkent.",  # kzlint's domain words
    ],
)
def test_names_acronyms_and_domain_words_are_not_misspellings(text: str) -> None:
    assert [f for f in _check(text) if f.category is Category.SPELLING] == []


def test_a_misspelled_common_word_next_to_a_name_is_still_flagged() -> None:
    assert _flagged(_check("President Tokayev adressed the forum.")) == ["adressed"]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # A capital next to a capitalised word, after a cue or at a sentence start is no proof
        # when a dictionary word is a slip away; the real names beside them stay unflagged.
        ("President Rahmon welcomed the guests from the United Kindgom.", ["Kindgom"]),
        ("Britains economy grew while Emomali Rahmon visited Dushanbe.", ["Britains"]),
        ("Zhang Qian crossed the Pamirs. Later Zhang wrote to the Englsh court.", ["Englsh"]),
        ("A resident surnamed Salima spoke to reporters about Germny.", ["Germny"]),
        ("Atlantc storms delayed the ferry to Calais.", ["Atlantc"]),
    ],
)
def test_misspelled_capitalised_words_are_flagged_beside_real_names(text: str, flagged: list[str]) -> None:
    assert _flagged([f for f in _check(text) if f.category is Category.SPELLING]) == flagged


def test_a_slip_away_means_a_vowel_or_a_double_letter_left_out_two_swapped_or_an_apostrophe_dropped() -> None:
    forms = intended_forms("Kindgom") | intended_forms("Englsh") | intended_forms("Britains") | intended_forms("Viena")
    assert {"Kingdom", "English", "Britain's", "Vienna"} <= forms
    # A letter too many, a letter replaced: how names differ from English words.
    assert "Hang" not in intended_forms("Zhang") and "Saliva" not in intended_forms("Salima")
    assert intended_forms("Cui") == frozenset() and intended_forms("Qian’s") == frozenset()  # too short to judge


def test_a_misspelling_that_another_source_writes_alike_is_taken_for_a_name() -> None:
    """The other rendering is the strongest evidence: both spell a name the same way."""
    text = "Tourists from the United Kindgom filled the hotel."
    assert _check(text, companions=("The United Kindgom delegation left.",)) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Cheap credit is a double edged sword for young families.", "GR.harper.DoubleEdgedSword"),
        ("I can`t find the charger for the camera.", "GR.harper.WrongApostrophe"),
    ],
)
def test_harpers_phrase_level_spelling_and_typo_rules_are_kept(text: str, rule: str) -> None:
    assert rule in {f.rule for f in _check(text)}


def test_a_phrase_finding_is_dropped_only_when_it_holds_a_confirmed_name() -> None:
    doc = segment(Path("t.txt"), "The Dimash concerts drew big crowds.")
    [paragraph] = doc.paragraphs
    text = TextUnderCheck(doc, "a")
    confirmed = NameJudge(text, frozenset({"dimash"}), ())
    unconfirmed = NameJudge(text, frozenset(), ())

    def span(phrase: str) -> tuple[int, int]:
        start = doc.text.index(phrase)
        return start, start + len(phrase)

    assert confirmed.is_not_a_misspelling(paragraph, *span("Dimash concerts"), frozenset())
    assert not unconfirmed.is_not_a_misspelling(paragraph, *span("Dimash concerts"), frozenset())
    assert not confirmed.is_not_a_misspelling(paragraph, *span("big crowds"), frozenset())


# --- Harper is taught the names kzlint drops, so it does not look for suggestions ------------


def test_the_seed_names_are_taught_to_harper_before_it_checks() -> None:
    docs = _seed_documents()
    texts = [TextUnderCheck(doc, name, tuple(o for k, o in docs.items() if k != name)) for name, doc in docs.items()]
    judges = [NameJudge(text, frozenset().union(*map(vocabulary, text.companions)), ()) for text in texts]
    candidates = frozenset().union(*(capitalised_words(doc.text) for doc in docs.values()))
    taught = names_never_reported(texts, judges, HarperBackend("en-US", picky=False).unknown_words(candidates))
    # Qudaibergen is in one source only, but twice: once in the heading, once in running text after "Dimash".
    assert {"Qudaibergen", "Dimash", "Tokayev", "SCO"} <= taught
    assert not taught & {"Kazakhstan", "President", "The"}  # words Harper knows are not taught


def test_a_taught_name_gets_no_spelling_lint_from_harper() -> None:
    backend = HarperBackend("en-US", picky=False)
    assert [i.rule for [i] in backend.check(["Qudaibergen sang."], jobs=1)] == ["SpellCheck"]
    assert backend.check(["Qudaibergen sang."], jobs=1, known_words=frozenset({"Qudaibergen"})) == [[]]


def test_a_name_reported_in_one_place_is_not_taught_and_stays_flagged_there() -> None:
    # In running text "President" introduces the name; the heading has no such cue, and a
    # heading's capitals prove nothing, so the heading's use is reported.
    text = "Zhaksylyk visit\n\nOn Monday, President Zhaksylyk opened the forum."
    [finding] = _check(text)
    assert finding.locations[0].text == "Zhaksylyk" and finding.locations[0].line == 1


def test_an_entry_checked_with_other_names_taught_is_checked_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KZLINT_CACHE_DIR", str(tmp_path))
    doc = segment(Path("t.txt"), LONE_NAME)
    other = segment(Path("o.txt"), "Talks with Zhumabekov ended late.")
    alone = run_grammar([TextUnderCheck(doc, "a")], _settings()).findings
    confirmed = run_grammar([TextUnderCheck(doc, "a", (other,))], _settings()).findings
    assert _flagged(alone) == ["Zhumabekov"] and confirmed == []
    [entry] = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "grammar").rglob("*.json")]
    assert entry["taught"] == ["Zhumabekov"] and entry["unknown"] == ["Zhumabekov"] and entry["issues"] == []
    assert entry["near"] == []  # no dictionary word is a slip away from it


def test_warming_up_starts_no_linter_when_the_cache_has_every_paragraph(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KZLINT_CACHE_DIR", str(tmp_path))
    texts = [TextUnderCheck(segment(Path("t.txt"), "The first paragraph has teh typo."), "a")]
    first = run_grammar(texts, _settings()).findings

    def no_linter(self: LinterPool) -> None:
        raise AssertionError("a Harper linter was built although the cache had every paragraph")

    monkeypatch.setattr(LinterPool, "warm_up", no_linter)
    monkeypatch.setattr(LinterPool, "_borrowed", no_linter)
    with open_grammar(texts, _settings()) as stage:
        stage.warm_up()
        assert stage.run().findings == first


# --- style noise off by default, on with --picky; Harper's known quirks ----------------------

PICKY_TEXT = "We discussed trade, energy and transport in 2024-2025."


def test_oxford_comma_and_range_dash_only_with_picky() -> None:
    assert _check(PICKY_TEXT) == []
    picky = {f.rule for f in _check(PICKY_TEXT, picky=True)}
    assert {"GR.harper.OxfordComma", "GR.harper.NumericRangeEnDash"} <= picky
    assert all(f.severity is Severity.INFO for f in _check(PICKY_TEXT, picky=True) if f.category is Category.STYLE)


def test_long_sentences_only_with_picky_and_they_hide_nothing() -> None:
    words = " ".join(["cooperation in trade"] * 15)
    text = f"It will allow President Tokayev and I to build {words} and investment , energy."
    slips = {"GR.harper.CommaFixes", "GR.kzlint.SubjectPronounAsObject"}
    assert {f.rule for f in _check(text)} == slips
    assert {f.rule for f in _check(text, picky=True)} == {"GR.harper.LongSentences", *slips}


def test_a_paragraph_too_long_for_harper_at_once_is_read_in_pieces_at_the_same_places() -> None:
    # A long list and a long run of marks each took Harper time growing with the square of their length.
    text = "The visit covered " + "trade, " * 15_000 + "and it wass over" + "!" * 60_000 + " The end was nigh, finaly."
    findings = _check(text)
    assert [(f.rule, f.locations[0].text) for f in findings] == [
        ("GR.harper.SpellCheck", "wass"),
        ("GR.harper.SpellCheck", "finaly"),
    ]
    assert all(text[f.locations[0].start : f.locations[0].end] == f.locations[0].text for f in findings)


def test_harper_reads_every_character_of_a_paragraph_but_the_tail_of_a_long_run_of_marks() -> None:
    text = "One. " * 5_000 + "-" * 50 + " two" * 8_000
    pieces = list(harper_backend._pieces(text))
    assert all(p.end - p.start <= harper_backend.PIECE_CHARS for p in pieces)
    assert all(p.read <= p.start < p.end <= p.read_end for p in pieces)
    skipped = [(before.end, after.start) for before, after in zip(pieces, pieces[1:]) if before.end != after.start]
    assert skipped == [(25_000 + harper_backend.LONGEST_MARK_RUN, 25_050)]
    assert text[: pieces[0].end].endswith("One. ")  # cut after a sentence
    assert pieces[-1].end == len(text) and pieces[-1].read < pieces[-1].start  # read with what comes before


@pytest.mark.parametrize(
    ("text", "rule", "reported"),
    [
        ("It brought us new real benefits.", "GR.harper.PronounKnew", False),
        ("I new him well.", "GR.harper.PronounKnew", True),
        ("We pave the way to new horizons of friendship.", "GR.harper.WayTooAdjective", False),
        ("It is way to big.", "GR.harper.WayTooAdjective", True),
        ("They support a multipolar world and transborder trade.", "GR.harper.SplitWords", False),
    ],
)
def test_harper_quirks_are_dropped_only_where_the_suggestion_cannot_fit(text: str, rule: str, reported: bool) -> None:
    assert (rule in {f.rule for f in _check(text)}) is reported


# --- mapping: offsets, lines, suggestions ----------------------------------------------------


def test_offsets_map_to_the_line_and_column_of_the_file() -> None:
    text = (
        "A title\n\n"
        "The 😀 emoji and the quick brown fox run along the river bank\n"
        "while teh dog sleeps under a tree.\n"
    )
    [finding] = [f for f in _check(text) if f.category is Category.SPELLING]
    location = finding.locations[0]
    assert (location.line, location.column, location.text) == (4, 7, "teh")
    assert finding.suggestion.split(" / ")[0] == "the" and finding.suggestion.count(" / ") <= 2
    assert finding.message and finding.rule.startswith("GR.harper.")


@pytest.mark.parametrize(
    "credit", ["Photo: Teh Zhumabekov / Kursiv", "Photos by Teh Zhumabekov", "By Teh Zhumabekov in Astana"]
)
def test_boilerplate_is_not_checked(credit: str) -> None:
    assert _check(f"{credit}\n\nThe talks went well.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Photos and informations retrieved from the archive were useful.",
        "By July the informations had been published.",
        "Share prices and informations were published daily.",
    ],
)
def test_a_sentence_is_checked_whatever_its_first_word(sentence: str) -> None:
    assert "informations" in _flagged(_check(sentence))


def test_harper_refuses_other_languages_with_one_line() -> None:
    with pytest.raises(BackendUnavailable, match="Harper checks English only.*--grammar languagetool"):
        _check("Der Präsident kam.", language="de-DE")


def test_british_english_accepts_british_spelling() -> None:
    text = "The cultural centres opened."
    assert _flagged(_check(text)) == ["centres"]
    assert _check(text, language="en-GB") == []


# --- kzlint's own checks: YAML cases, documentation, no double reports -----------------------


def _own_cases() -> list[tuple[str, str, dict[str, str]]]:
    table = []
    for check in OWN_CHECKS:
        path = REPO / "tests" / "rule_cases" / f"GR.kzlint.{check.rule}.yml"
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        table += [(check.rule, verdict, case) for verdict in ("fail", "pass") for case in spec[verdict]]
    return table


@pytest.mark.parametrize(
    ("rule", "verdict", "case"), _own_cases(), ids=[f"{r}-{v}-{n}" for n, (r, v, _) in enumerate(_own_cases())]
)
def test_own_check_case(rule: str, verdict: str, case: dict[str, str]) -> None:
    check = next(c for c in OWN_CHECKS if c.rule == rule)
    issues = list(check.find(case["text"]))
    if verdict == "pass":
        assert issues == []
        return
    assert any(
        case.get("message", "") in issue.message
        and ("flagged" not in case or case["text"][issue.start : issue.end] == case["flagged"])
        for issue in issues
    ), [issue.message for issue in issues]


def test_a_backend_finding_wins_over_the_same_own_finding() -> None:
    """Harper flags a space before a comma but not before a semicolon; each space is reported once."""
    findings = _check("It covers trade, investment , energy ; and mining.")
    assert sorted((f.rule, f.locations[0].column) for f in findings) == [
        ("GR.harper.CommaFixes", 28),
        ("GR.kzlint.SpaceBeforePunctuation", 37),
    ]


def test_rule_infos_list_the_backends_and_the_own_checks_with_examples() -> None:
    infos = rule_infos()
    assert [i.id for i in infos[:3]] == ["GR.harper", "GR.languagetool", "GR.unavailable"]
    assert {i.id for i in infos[3:]} == {f"GR.kzlint.{c.rule}" for c in OWN_CHECKS}
    for info in infos:
        assert info.scope == "each" and info.summary and "**Bad:**" in info.doc and "**Good:**" in info.doc
    assert {i.source for i in infos[:2]} == {"grammar backend"}


# --- the cache: a second run does no grammar work --------------------------------------------


def test_a_second_run_reads_the_cache_and_checks_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KZLINT_CACHE_DIR", str(tmp_path))
    doc = segment(Path("t.txt"), "The first paragraph has teh typo.\n\nThe second one is fine.")
    first = run_grammar([TextUnderCheck(doc, "a")], _settings()).findings

    def no_linter(self: LinterPool) -> None:
        raise AssertionError("a Harper linter was used on the second run")

    monkeypatch.setattr(LinterPool, "_borrowed", no_linter)
    second = run_grammar([TextUnderCheck(doc, "a")], _settings()).findings
    assert second == first
    assert len(list((tmp_path / "grammar").rglob("*.json"))) == 2


def test_no_cache_neither_reads_nor_writes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KZLINT_CACHE_DIR", str(tmp_path))
    _check("A paragraph with teh typo.")
    assert list(tmp_path.rglob("*")) == []


def test_the_key_changes_with_backend_version_options_and_text(tmp_path: Path) -> None:
    base = GrammarCache(tmp_path, "harper", "0.2.0", {"dialect": 0, "picky": False})
    others = [
        GrammarCache(tmp_path, "languagetool", "0.2.0", {"dialect": 0, "picky": False}),
        GrammarCache(tmp_path, "harper", "0.3.0", {"dialect": 0, "picky": False}),
        GrammarCache(tmp_path, "harper", "0.2.0", {"dialect": 1, "picky": False}),
        GrammarCache(tmp_path, "harper", "0.2.0", {"dialect": 0, "picky": True}),
    ]
    keys = {base.key("text"), base.key("text."), *(cache.key("text") for cache in others)}
    assert len(keys) == 6


def test_a_damaged_entry_is_a_miss_and_is_replaced(tmp_path: Path) -> None:
    cache = GrammarCache(tmp_path, "harper", "0.2.0", {})
    issue = Issue(0, 3, "SpellCheck", Category.SPELLING, "Did you mean “the”?", ("the",))
    cache.put("teh", CachedCheck([issue]))
    path = next((tmp_path / "grammar").rglob("*.json"))
    path.write_text('{"issues": [{"start": 0', encoding="utf-8")
    assert cache.get("teh") is None
    entry = CachedCheck([issue], ("Tokayev",), frozenset({"Tokayev", "Akorda"}))
    cache.put("teh", entry)
    assert cache.get("teh") == entry


def test_concurrent_writers_never_leave_a_partial_entry(tmp_path: Path) -> None:
    issues = [Issue(n, n + 1, "Rule", Category.GRAMMAR, "m" * 200, ("x",)) for n in range(200)]
    cache = GrammarCache(tmp_path, "harper", "0.2.0", {})
    seen: list[object] = []

    def write_and_read() -> None:
        for _ in range(20):
            cache.put("same paragraph", CachedCheck(issues))
            seen.append(cache.get("same paragraph"))

    threads = [threading.Thread(target=write_and_read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == CachedCheck(issues) for result in seen)
    folder = tmp_path / "grammar"
    assert [p.name for p in folder.rglob("*") if p.is_file()] == [f"{cache.key('same paragraph')}.json"]
    assert json.loads(next(folder.rglob("*.json")).read_text(encoding="utf-8"))["issues"][0]["rule"] == "Rule"


# --- parallel checking: same results, same order ----------------------------------------------


def test_threaded_checking_gives_the_serial_result_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harper_backend, "PARALLEL_MIN_CHARS", 0)
    texts = [p.text for p in _seed_documents()[FULL_NAME].paragraphs][:12]
    backend = HarperBackend("en-US", picky=False)
    assert backend.check(texts, jobs=2) == backend.check(texts, jobs=1)
