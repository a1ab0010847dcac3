"""Commitments stage: who offers, considers, rules out or urges which kind of support.

A small rule-based event coder. No parser or statistical model is used: the knowledge is in
the cue lexicon (``data/cues/*.csv``, see ``data/cues_README.md``) and the grammar below is
a shallow clause grammar over it.

How a sentence is read
----------------------
1. **Support terms** (``terms.csv``) are found leftmost-longest: "boots on the ground"
   -> troops, "air defence systems" -> arms, "intelligence sharing" -> intelligence ...
   A term that only describes another ("a logistics hub *for an eventual reassurance
   force*"), a location ("air policing *from bases* in Poland"), the recipient's own forces
   ("training *Ukrainian troops*") and an amount that is only a value ("*worth* 1.9 billion
   euros") are dropped. Anaphoric terms ("the package", "the measures") take the type
   they were named with ("the 20th package of sanctions"), else the latest support term of
   a type they may stand for. A money verb takes what it pays for ("fund demining
   equipment" -> funding), except weapons ("finance Patriot systems" -> arms).
2. **Predicate cues** (``predicates.csv``) carry a stance: offers, considers, rules_out,
   urges, opposes, or ``accepts`` (someone else's deployment; only its negation is coded,
   as opposes).
3. The sentence is cut into **clauses** (``grammar.csv``): datelines are dropped;
   parentheses, paired dashes, subordinate clauses ("if ...", "despite ...") and relative
   clauses (", which ...") are cut out of their host; the rest is split at coordinators
   ("but", "while", ";", "and" + verb) and reporting verbs ("X said (that) ...").
4. In each clause the **governing cue** is the first lexical predicate cue (a modal
   "will"/"could" only when there is none; an objection such as "unacceptable" always
   wins). Its **subject** is the nearest subject-position item before it: an actor
   mention that is not inside a prepositional phrase ("to Ukraine", "in Kyiv"), a
   demonym heading a state body or a support term ("the Dutch government", "Romanian
   F-16s"), a possessive heading a cue or term ("Poland's offer", "Poland's logistics
   support"), a pronoun, or a vague group ("a handful of countries"). Coordinated lists
   of mentions are gathered ("France and Britain"). A passive by-agent wins ("a
   suggestion turned down by Kyiv").
5. Subjects are **resolved across clauses and sentences**: coordinated clauses inherit
   the previous subject; a reported clause without its own subject (or with "we") belongs
   to the speaker; "he"/"she" are the latest person's state, "it" the latest single
   actor, "they" the latest list; relative clauses take their antecedent; a vague group's
   commitment passes to the list of the next sentence ("Those include A, B and C",
   "Among them are ..."); a clause with a cue but no term and "also" repeats the previous
   sentence's support ("Slovakia is also said to be holding out").
6. **Stance**: negation between the subject and the cue flips it (offers -> rules_out,
   rules_out -> considers, considers -> rules_out; a negated "accept" -> opposes); a
   possibility modal turns offers into considers; a refusal of someone else's deployment
   ("would not accept Western boots", "turned down Chinese troops") or any refusal by an
   adversary (``grammar.csv`` role ``adversary``) becomes opposes; an objection verb
   ("opposed sending peacekeepers") is a refusal of the actor's own support unless the
   support is someone else's or the actor is a ``non_contributor`` (China). A negated
   subject ("No British troops will be sent") negates the clause; a support term negated
   where it stands ("offered its airfields but no combat troops", "..., with no U.S.
   troops") is ruled out alone, sharing the previous predicate. "declined to say whether"
   codes nothing. "A plan by X and Y to station troops" makes X and Y offerers whatever
   the clause's own actor says of it. A place in apposition ("in Wiesbaden, Germany,") is
   not an actor. Hedges ("reportedly",
   "is rumored to", "open to", "according to ... sources", "could") set ``hedged``.
7. The **CAMEO** code comes from ``cameo.csv`` by (commitment, stance, mode), mode being
   ``realised`` when a past-tense delivery verb governs ("delivered", "deployed").

Columns of ``commitments``
--------------------------
doc_id : str
sentence_id : int
    Sentence of the evidence (see :mod:`analysis.tokens`).
actor : str
    Canonical name of the provider (or objector / urger): "Poland", "European Union".
actor_code : str
    ISO 3166-1 alpha-3 for states, short upper-case ids for institutions ("EU", "NATO").
commitment : str
    troops, logistics, sanctions, arms, intelligence, air, naval, funding or training.
stance : str
    offers, considers, rules_out, urges or opposes.
cameo : str
    Closest CAMEO event code, leading zeros kept ("0334", "1224", "014").
hedged : bool
    True when the statement is reported as rumour, possibility or interest.
speaker : str
    Canonical actor of the person or voice the statement is attributed to ("Zalewski
    said" -> "Poland"), "" when not attributed.
sentence : str
    The evidence sentence.
cue : str
    Extra column: the governing cue and the support words matched ("ruled out | troops").
resolved_via : str
    Extra column: how the actor was found: subject, list, pronoun, possessive, speaker,
    relative, agent, owner, inherited, carry-over.

One row per (doc_id, sentence_id, actor, commitment) (the first reading in the sentence
wins), sorted by doc_id, sentence_id, actor_code, commitment.

:func:`commitment_matrix` turns the table into an actor x commitment-type overview.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

try:  # the regex parser, used to index cue rules by their first character
    import re._parser as _sre_parser
except ImportError:  # Python < 3.11
    import sre_parse as _sre_parser

from analysis.paths import DATA_DIR

CUES_DIR = DATA_DIR / "cues"
COMMITMENT_COLUMNS: list[str] = [
    "doc_id",
    "sentence_id",
    "actor",
    "actor_code",
    "commitment",
    "stance",
    "cameo",
    "hedged",
    "speaker",
    "sentence",
]
EXTRA_COLUMNS: list[str] = ["cue", "resolved_via"]
OUTPUT_COLUMNS: list[str] = COMMITMENT_COLUMNS + EXTRA_COLUMNS
COMMITMENTS: tuple[str, ...] = (
    "troops",
    "logistics",
    "sanctions",
    "arms",
    "intelligence",
    "air",
    "naval",
    "funding",
    "training",
)
STANCES: tuple[str, ...] = ("offers", "considers", "rules_out", "urges", "opposes")
_CUE_STANCES = set(STANCES) | {"accepts", "objects"}
_DEPLOYMENTS = {"troops", "air", "naval"}
_NEGATED = {
    "offers": "rules_out",
    "considers": "rules_out",
    "rules_out": "considers",
    "accepts": "opposes",
    "objects": None,
    "urges": None,
    "opposes": None,
}
_POSSIBILITY = {"could", "might", "may"}
_QUOTES = "\"“”‘’'«»"
_GERUND_LEAD = " ,;:\"“”‘’'«»([–—-"
_AGENT = re.compile(r"\s+by\s+(?:(?:[A-Z][\w-]*|the)\s+){0,4}")
_DEONTIC = re.compile(r"(?:should|must|ought)\b", re.IGNORECASE)
# a negated subject: "No British troops will be sent", "not a single German soldier"
_NEGATED_SUBJECT = re.compile(
    r"(?<![\w-])(?:no|not a single|not one|none of (?:the|its|their))\s+$", re.IGNORECASE
)
# a negated support term as subject: "Not a single bullet ... will go", "No troops will be"
_NEGATED_SUBJECT_TERM = re.compile(r"(?<![\w-])(?:no|not|none of (?:the|its|their))\s+$", re.I)
_INTERVIEW = re.compile(r"\binterview", re.IGNORECASE)
_WHETHER = re.compile(r"\bwhether\b", re.IGNORECASE)
# "neither offered peacekeepers nor excluded the idea": an offer and a refusal both denied
_NEITHER_NOR = re.compile(
    r"\bneither\b[^.;]*?\bnor\s+(?:\w+\s+)?"
    r"(?:ruled? out|rules out|exclud|reject|dismiss|refus|turned down|said no)",
    re.IGNORECASE,
)
# "The question is not whether Europe can put 20,000 soldiers into Ukraine": a hypothetical
_QUESTION_WORDS = ("question", "issue", "point", "debate", "test")
_OPEN_QUESTION = re.compile(
    r"\b(?:question|issue|point|debate|test)\s+(?:is|was|remains)\s+(?:not\s+|no longer\s+)?"
    r"(?:whether|if|how)\b",
    re.IGNORECASE,
)
_ASKED = re.compile(r"\s*(?:whether|if)\b", re.IGNORECASE)
# "declined to say whether ...", "would not confirm if ...": no commitment either way
# one of these is in every match of _NO_ANSWER (performance only: keep them in step)
_NO_ANSWER_WORDS = ("declined", "refused", "would", "did", "could", "won", "has", "have", "had")
_NO_ANSWER = re.compile(
    r"\b(?:declined|refused|would not|wouldn[’']t|did not|didn[’']t|could not|won[’']t"
    r"|(?:has|have|had) not(?: yet)?(?: publicly)?|hasn[’']t|haven[’']t)"
    r"\s+(?:to\s+)?(?:say|said|comment|commented|confirm|confirmed|specify|disclose|reveal)\b",
    re.IGNORECASE,
)
# a support term negated where it stands: "offered its airfields but no combat troops"
_TERM_NEGATED = re.compile(
    r"(?<![\w-])(?:no|not|nor|neither)\s+(?!more than|fewer than|less than)(?:[\w.’'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "a plan by Britain and France to station troops": the plan's authors offer the support
_PLAN_WORDS = ("plan", "proposal", "offer", "bid", "initiative", "pledge", "commitment")
_PLAN_BY = re.compile(
    rf"\b(?:{'|'.join(_PLAN_WORDS)})s?\s+(?:by|from)\s+",
    re.IGNORECASE,
)
_AND_TO = re.compile(r",?\s+(?:and|or)\s+to\s+(?=\w)", re.IGNORECASE)
_AND_ACTOR = re.compile(r",\s+and\s+(?:the\s+)?", re.IGNORECASE)
_AND_ACTOR_GAP = re.compile(r"\s+")
_ANNOUNCED_AMOUNT = re.compile(
    r"\s+(?:(?:a|an|another)\s+)?(?:(?:further|new|additional|extra|fresh)\s+)?"
    r"(?:[$€£]|(?:US|EUR|USD)\s*\$?\d|\d[\d.,]*\s*(?:m|bn|million|billion)\b)",
    re.IGNORECASE,
)
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "from"})
_PLACE_APPOSITION = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*\s*,")
# "the 20th sanctions package", "the 20th package of sanctions": what "the package" names
_HEADS = r"(package|operation|deployment|measures|scheme|mechanism|initiative|fund|programme)"
_HEAD_AFTER = re.compile(rf"\s+{_HEADS}s?\b", re.IGNORECASE)
_HEAD_BEFORE = re.compile(rf"\b{_HEADS}s?\s+(?:of|on)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r'[“”"]')
_NOT_BEFORE = re.compile(
    r"(?:\s+[\w’'-]+){0,6}?\s+(?:before|until|till)\s+(?:a |the |any )?"
    r"(?:ceasefire|truce|peace|deal|agreement|war|fighting|hostilities)",
    re.I,
)
_PROTECTED = re.compile(
    r"\bto\s+(?:help\s+)?(?:protect|defend|shield)\s+(?:[\w’'-]+,?\s+){0,4}$", re.I
)
_HAS_OBJECT = re.compile(r"\b(?:its|their|his|her|our|the|a|an|any|some)\b", re.I)
_POSSESSIVE = re.compile(r"['’]s?\s")
_MODAL_NOT = re.compile(r"\s+(?:not|never)\b", re.I)
_TO_RUSSIA = re.compile(
    r"(?:(?:,|\s+and|\s+or)\s+[\w’'-]+(?:\s+[\w’'-]+)?){0,3}"
    r"(?:\s+(?:sent|supplied|delivered|shipped|provided|given))?"
    r"\s+(?:to|for)\s+(?:help\s+|support\s+|aid\s+)?(?:Russia|Moscow|the Kremlin|Russian forces)\b"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.I)
_WHETHER_OPEN = re.compile(r"\s*[“\"‘']?Whether\b")
_CAPS_LABEL = re.compile(r"\s*[A-Z][A-Z’'.&\s-]{2,}:\s")
_RATHER_THAN = re.compile(r"\b(?:rather than|instead of|but not)\s+(?:\w+\s+)?$", re.I)
_PUNCTUATION_STARTS = frozenset(";:,.")
_OWN_BEFORE = re.compile(r"\bour\s+(?:own\s+)?$", re.I)
_ASKED_LEAD = re.compile(
    r"\s*[“\"]?Asked\s+(?:[\w’'-]+\s+){0,4}?(?:whether|if|about|why|how|when|what)\b[^,]*,"
)
_APPOSED_NAME = re.compile(
    r"(?:['’]s\s+(?:[\w-]+\s+){0,3}[\w-]+)?,\s+(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*\s*"
)
_AUX_ONLY = re.compile(r"\s*(?:(?:has|have|had|also|later|then)\s+)*")
_FROM_PLACE = re.compile(r"\b(?:from|at)\s+(?:the\s+|its\s+|their\s+)?[A-Z][\w’'-]*\s+$")
_SUPPORT_WITH = re.compile(r"\bsupport(?:s|ed|ing)?(?:\s+(?:the|a|any|this|that))?$", re.I)
_WITH = re.compile(r"\s+with\b")
_OWN_TERM = re.compile(r"(?:our|its|their|his|her)\s", re.I)
_QUESTION_END = re.compile(r"\?[\s”\"’')]*$")
_TURN_LABEL = re.compile(r"\s*((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)\s*:\s")
_WORD_START = re.compile(r"(?<![\w-])\S")  # where a cue or term can start (see _wrap)
_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")


class CueError(ValueError):
    """A cue lexicon file that cannot be used; the message names the file and row."""


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class TermRule:
    commitment: str
    pattern: re.Pattern[str]
    weak: bool
    absorbs: frozenset[str] = frozenset()  # money verbs: what they pay for becomes funding
    refers_to: tuple[str, ...] = ()  # context terms: the types they may stand for


@dataclass(frozen=True)
class CueRule:
    stance: str
    pattern: re.Pattern[str]
    pos: str
    hedged: bool
    mode: str


@dataclass(frozen=True)
class FirstCharIndex:
    """Rules grouped by the characters they can start with (lower case).

    Python's ``re`` tries every alternative of a big alternation at every position; looking
    up the character first leaves a handful of rules to try. ``groups`` maps a character to
    (the combined regex of its rules, the rules); ``anywhere`` holds the rules whose first
    character could not be worked out (tried at every word start).
    """

    groups: dict[str, tuple[re.Pattern[str], tuple]]
    # Performance only (see _candidates): what the first PREFIX_LENGTH characters of a
    # match of each rule can be; None when a rule could not be analysed (always tried).
    prefixes: dict | None = None
    # memo: exact PREFIX_LENGTH-character ASCII text at a word start -> the rules of its
    # group that can match there (in group order)
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    # Performance only (see _long_candidates): per rule (possible first `length` characters,
    # possible shorter whole matches, length) for the longest length <= LONG_PREFIX_LENGTH
    # above PREFIX_LENGTH that could be analysed, None if none; and its memo (a finer
    # filter on top of the PREFIX_LENGTH one, keyed by LONG_PREFIX_LENGTH ASCII characters)
    long_prefixes: dict | None = None
    long_memo: dict = field(default_factory=dict, compare=False, repr=False)


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The lower-case characters a match of ``pattern`` can start with; None if unknown."""
    try:
        items = list(_sre_parser.parse(pattern, re.IGNORECASE))
        chars = _first_items(items, _first_char_list)
    except Exception:  # noqa: BLE001 - any pattern we cannot analyse is tried everywhere
        return None
    if chars is None or chars[1]:
        return None
    return frozenset(c.lower() for c in chars[0]) | frozenset(c.upper() for c in chars[0])


def _first_items(items: list, leaf) -> tuple[list[str], bool] | None:
    """(what ``leaf`` gives for every item a match can start with, can be empty) of a
    parsed regex sequence; None if unknown. ``leaf(op, av)`` describes one character item
    (``LITERAL``, ``IN``, ...) as a list, or None when it cannot."""
    first: list[str] = []
    for op, av in items:
        found = _first_item(str(op), av, leaf)
        if found is None:
            return None
        first += found[0]
        if not found[1]:
            return first, False
    return first, True


def _first_item(op: str, av, leaf) -> tuple[list[str], bool] | None:
    if op == "BRANCH":
        first: list[str] = []
        empty = False
        for branch in av[1]:
            found = _first_items(list(branch), leaf)
            if found is None:
                return None
            first += found[0]
            empty = empty or found[1]
        return first, empty
    if op == "SUBPATTERN":
        return _first_items(list(av[-1]), leaf)
    if op in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
        found = _first_items(list(av[2]), leaf)
        return None if found is None else (found[0], found[1] or av[0] == 0)
    if op in {"AT", "ASSERT", "ASSERT_NOT"}:
        return [], True  # zero width
    described = leaf(op, av)
    return None if described is None else (described, False)


def _first_char_list(op: str, av) -> list[str] | None:
    """The characters one item matches (ranges up to 256 characters, digits, spaces)."""
    if op == "LITERAL":
        return [chr(av)]
    if op == "IN":
        chars: list[str] = []
        for kind, value in av:
            kind = str(kind)
            if kind == "LITERAL":
                chars.append(chr(value))
            elif kind == "RANGE" and value[1] - value[0] < 256:
                chars.extend(chr(c) for c in range(value[0], value[1] + 1))
            elif kind == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
                chars.extend("0123456789")
            elif kind == "CATEGORY" and str(value) == "CATEGORY_SPACE":
                chars.extend(" \t\n\r\f\v\u00a0")
            else:
                return None
        return chars
    return None


def _index(rules: tuple, patterns: list[str]) -> FirstCharIndex:
    by_char: dict[str, list[int]] = {}
    anywhere: list[int] = []
    for i, pattern in enumerate(patterns):
        chars = _first_chars(pattern)
        if chars is None:
            anywhere.append(i)
        else:
            for c in chars:
                by_char.setdefault(c, []).append(i)
    groups = {}
    for c in set(by_char) | ({""} if anywhere else set()):
        members = sorted(set(by_char.get(c, [])) | set(anywhere))
        joined = "|".join(f"(?:{patterns[i]})" for i in members)
        groups[c] = (
            re.compile(rf"(?:{joined})(?![\w])", re.IGNORECASE),
            tuple(rules[i] for i in members),
        )
    prefixes = {}
    long_prefixes: dict[int, tuple | None] = {}
    for rule, pattern in zip(rules, patterns, strict=True):
        prefixes[id(rule)] = _prefixes(pattern)
        long_prefixes[id(rule)] = None
        for length in range(LONG_PREFIX_LENGTH, PREFIX_LENGTH, -1):
            known = _prefixes(pattern, length)
            if known is not None:
                long_prefixes[id(rule)] = (*known, length)
                break
    return FirstCharIndex(groups, prefixes, long_prefixes=long_prefixes)


# ------------------------------------------------- prefix filter (performance only)
#
# _leftmost_longest used to run every rule group's regex at every word start. Most word
# starts ("the", "of", names) cannot begin a match of any rule, and that is decided here
# from the first PREFIX_LENGTH characters of the text alone: for each rule the set of
# lower-case ASCII strings a match can begin with (or be, when shorter) is worked out once
# from the parsed regex, over-approximating wherever in doubt (look-arounds and anchors
# are ignored, sets and case folding are tested character by character with ``re``
# itself). A rule is only skipped when no match of it can start with the text there, so
# the matches found, and which rule wins, are exactly those of the full loop. Positions
# whose next PREFIX_LENGTH characters are not all ASCII (or run past the end) use the
# full loop unchanged.

PREFIX_LENGTH = 3
_PREFIX_CAP = 20_000  # more possible prefixes than this: the rule is always tried
_ASCII = [chr(i) for i in range(128)]


class _Unknown(Exception):
    """A regex construct the prefix analysis does not handle (the rule is always tried)."""


@lru_cache(maxsize=4096)
def _accepts(source: str) -> frozenset[str]:
    """Lower-cased ASCII characters matched by the one-character regex ``source``
    (case-insensitive, as the rules are compiled)."""
    pattern = re.compile(source, re.IGNORECASE)
    return frozenset(c.lower() for c in _ASCII if pattern.fullmatch(c))


def _class_source(av) -> str:
    """A ``[...]`` regex equivalent to the parsed character set ``av``."""
    parts = []
    negate = ""
    for kind, value in av:
        kind = str(kind)
        if kind == "NEGATE":
            negate = "^"
        elif kind == "LITERAL":
            parts.append(re.escape(chr(value)))
        elif kind == "RANGE":
            parts.append(f"\\U{value[0]:08x}-\\U{value[1]:08x}")
        elif kind == "CATEGORY":
            escapes = {
                "CATEGORY_DIGIT": r"\d",
                "CATEGORY_NOT_DIGIT": r"\D",
                "CATEGORY_SPACE": r"\s",
                "CATEGORY_NOT_SPACE": r"\S",
                "CATEGORY_WORD": r"\w",
                "CATEGORY_NOT_WORD": r"\W",
            }
            if str(value) not in escapes:
                raise _Unknown(str(value))
            parts.append(escapes[str(value)])
        else:
            raise _Unknown(kind)
    return f"[{negate}{''.join(parts)}]"


def _expand_seq(items, room: int) -> set[str]:
    """Strings of length <= ``room`` a match of the parsed sequence can start with: a
    shorter string is a whole match, one of length ``room`` a match or its beginning."""
    current = {""}
    done: set[str] = set()
    for op, av in items:
        following: set[str] = set()
        for head in current:
            for tail in _expand_item(str(op), av, room - len(head)):
                whole = head + tail
                (done if len(whole) == room else following).add(whole)
        current = following
        if len(current) + len(done) > _PREFIX_CAP:
            raise _Unknown("too many prefixes")
        if not current:
            break
    return current | done


def _expand_item(op: str, av, room: int) -> set[str]:
    if op == "LITERAL":
        return set(_accepts(re.escape(chr(av))))
    if op in {"NOT_LITERAL", "ANY"}:
        return set(_accepts(r"[\s\S]"))
    if op == "IN":
        return set(_accepts(_class_source(av)))
    if op in {"AT", "ASSERT", "ASSERT_NOT"}:
        return {""}  # zero width; ignoring the condition only adds prefixes
    if op == "BRANCH":
        found: set[str] = set()
        for branch in av[1]:
            found |= _expand_seq(list(branch), room)
        return found
    if op == "SUBPATTERN":
        return _expand_seq(list(av[-1]), room)
    if op == "ATOMIC_GROUP":
        return _expand_seq(list(av), room)
    if op in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
        low, high, sub = av[0], av[1], list(av[2])
        # "can be empty" makes every repetition count optional: only adds prefixes
        optional = low == 0 or "" in _expand_seq(sub, room)
        result = {""} if optional else set()
        current = {""}  # strings after `count` repetitions, shorter than room
        count = 0
        while current and count < high:
            count += 1
            following = set()
            for head in current:
                following.update(head + tail for tail in _expand_seq(sub, room - len(head)))
            result.update(w for w in following if len(w) == room)
            current = {w for w in following if len(w) < room}
            if count >= low or optional:
                result |= current
            if len(result) + len(current) > _PREFIX_CAP:
                raise _Unknown("too many prefixes")
            if count > room and optional:
                break  # further repetitions can only repeat empty matches
        return result
    raise _Unknown(op)


def _prefixes(
    pattern: str, length: int = PREFIX_LENGTH, empty: bool = False
) -> tuple[frozenset[str], frozenset[str]] | None:
    """(possible first ``length`` characters of a match, possible whole matches shorter
    than that), lower-case ASCII; None when unknown. Empty matches never count (see
    _leftmost_longest) and are left out, unless ``empty`` ("" then stays among the
    shorter ones when the pattern may match the empty string)."""
    try:
        found = _expand_seq(list(_sre_parser.parse(pattern, re.IGNORECASE)), length)
    except (_Unknown, RecursionError, re.error, TypeError, ValueError, IndexError):
        return None
    if not empty:
        found.discard("")
    return (
        frozenset(w for w in found if len(w) == length),
        frozenset(w for w in found if len(w) < length),
    )


# ---------------------------------------------------- role gate (performance only)
#
# Most grammar roles are searched for in every sentence (pronouns, vague groups, reporting
# verbs, hedges ...) although few sentences contain them, and Python's ``re`` tries such a
# case-insensitive alternation at every position. A role compiled by _wrap (whole words,
# no punctuation start) can only match at a position that follows no word character or
# hyphen; when its first character can moreover never be white space, that position is a
# _WORD_START. So a role cannot match anywhere in a sentence unless, at one of its word
# starts, the next GATE_LENGTH characters can begin a match (the prefix analysis above,
# exact for ASCII text) or, where they are not all ASCII, the first character can begin
# one (a one-character regex built from the role's possible first items, compiled
# case-insensitively, so it accepts at least every character the role can start with).
# A sentence's mask has the bit of every role that may match; a role whose bit is clear
# is not searched (it has no match), every other search is the original one.

GATE_LENGTH = 4
_PUNCTUATION_MARK = re.compile(r"[^\w\s]")  # where _wrap(..., punctuation=True) may also start


def _first_source(op: str, av) -> list[str] | None:
    """A one-character regex covering what one item matches."""
    if op == "LITERAL":
        return [re.escape(chr(av))]
    if op in {"NOT_LITERAL", "ANY"}:
        return [r"[\s\S]"]
    if op == "IN":
        return [_class_source(av)]
    return None


@lru_cache(maxsize=1)
def _white_space() -> str:
    """Every character ``\\s`` matches."""
    return "".join(re.findall(r"\s", "".join(map(chr, range(sys.maxunicode + 1)))))


@dataclass(frozen=True)
class RoleGate:
    """Which gated grammar roles may match in a sentence (see above)."""

    bits: dict[str, int]  # role -> its bit
    # per role: (bit, first-character regex, prefix length or 0 if unknown, possible
    # first `length` characters of a match, possible whole matches shorter than that)
    tests: tuple[tuple[int, re.Pattern[str], int, frozenset[str], frozenset[str]], ...]
    # roles compiled by _wrap(..., punctuation=True) -> their first-character regex: they may
    # also start at a punctuation mark right after a word, so they are only skipped when
    # neither a word start nor such a mark allows a match
    punctuation: dict[str, re.Pattern[str]] = field(default_factory=dict)
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # ASCII key -> bits
    # first character of a key that is not all ASCII -> bits (only that character is tested)
    first_memo: dict = field(default_factory=dict, compare=False, repr=False)

    def bits_at(self, text: str, word_starts: list[int]) -> list[int]:
        """For each of the ``word_starts`` of ``text`` (the positions of _WORD_START), the
        bits of the roles that may have a match starting there."""
        memo = self.memo
        found = []
        for start in word_starts:
            key = text[start : start + GATE_LENGTH]
            bits = memo.get(key)
            if bits is None:
                if key.isascii():  # ASCII keys, or first characters only (capped)
                    bits = self._bits(key)
                    if len(memo) < _MEMO_CAP:
                        memo[key] = bits
                else:
                    bits = self.first_memo.get(key[0])
                    if bits is None:
                        bits = self._bits(key)
                        if len(self.first_memo) < _MEMO_CAP:
                            self.first_memo[key[0]] = bits
            found.append(bits)
        return found

    def _bits(self, key: str) -> int:
        """The bits of the roles that may have a match starting with ``key`` (the text
        from a word start on, GATE_LENGTH characters or fewer at the end)."""
        bits = 0
        low = key.lower() if key.isascii() else None  # not ASCII: first character only
        for bit, first, length, full, shorter in self.tests:
            if not first.fullmatch(key[0]):
                continue  # no match starts with this character
            if low is not None and length:
                if not (
                    (len(low) >= length and low[:length] in full)
                    or any(low[:j] in shorter for j in range(1, min(length - 1, len(low)) + 1))
                ):
                    continue  # neither a longer match nor a shorter one starts here
            bits |= bit
        return bits


def _role_gate(
    patterns: dict[str, list[str]],
    wrapped: set[str],
    punctuated: frozenset[str] | set[str] = frozenset(),
) -> RoleGate:
    """The gate of the roles compiled by _wrap (``wrapped``: plain, ``punctuated``: with
    ``punctuation``) whose first character is known and never white space; the other roles
    are always searched."""
    bits: dict[str, int] = {}
    tests = []
    punctuation = {}
    space = _white_space()
    for role in sorted(wrapped | punctuated):
        joined = "|".join(f"(?:{p})" for p in patterns[role])
        try:
            found = _first_items(list(_sre_parser.parse(joined, re.IGNORECASE)), _first_source)
            first = None
            if found is not None and found[0] and not found[1]:  # never empty
                first = re.compile("|".join(found[0]), re.IGNORECASE)
        except (_Unknown, RecursionError, re.error, TypeError, ValueError, IndexError):
            first = None
        if first is None or any(first.fullmatch(c) for c in space):
            continue
        test = (0, frozenset(), frozenset())
        for length in (GATE_LENGTH, 3):
            known = _prefixes(joined, length, empty=True)
            if known is not None and "" not in known[1]:
                test = (length, *known)
                break
        bits[role] = 1 << len(bits)
        tests.append((bits[role], first, *test))
        if role in punctuated:
            punctuation[role] = first
    return RoleGate(bits, tuple(tests), punctuation)


class RoleHits:
    """Where the gated roles may match in one sentence (performance only, see RoleGate).

    ``finditer(pattern, role)`` gives ``pattern.finditer(text)`` for the grammar pattern of
    ``role``: for a gated role, by trying ``pattern.match`` only at the word starts where
    the gate allows a match, left to right, resuming after each match. That finds the same
    matches: every match starts at such a word start, none is empty (its first item
    consumes a character), and ``match`` at a position sees the text before it (the
    look-behind) just as the search of ``finditer`` does.
    """

    __slots__ = ("text", "bits", "punctuation", "starts", "at", "mask")

    def __init__(self, text: str, gate: RoleGate | None, word_starts: list[int]) -> None:
        self.text = text
        self.bits = gate.bits if gate is not None else {}
        self.punctuation = gate.punctuation if gate is not None else {}
        # tuples: kept with the cached sentence, and tuples of ints are left alone by the
        # garbage collector (lists are traversed at every full collection)
        self.starts = tuple(word_starts)
        self.at = tuple(gate.bits_at(text, word_starts)) if gate is not None else ()
        mask = 0
        for bits in self.at:
            mask |= bits
        self.mask = mask

    def may(self, role: str) -> bool:
        """False only when ``role`` provably has no match in the sentence."""
        bit = self.bits.get(role)
        if bit is None or self.mask & bit:
            return True
        first = self.punctuation.get(role)
        # a match at a punctuation mark starts with a character matching [^\w\s] there
        return first is not None and any(
            first.fullmatch(c) for c in set(_PUNCTUATION_MARK.findall(self.text))
        )

    def finditer(self, pattern: re.Pattern[str], role: str) -> Iterable[re.Match[str]]:
        """``pattern.finditer(text)``; ``pattern`` must be the grammar pattern of ``role``."""
        bit = self.bits.get(role)
        if bit is None:
            return pattern.finditer(self.text)
        if role in self.punctuation:  # may start off a word start: skipped or searched
            return pattern.finditer(self.text) if self.may(role) else ()
        if not self.mask & bit:
            return ()
        return self._matches(pattern, bit)

    def _matches(self, pattern: re.Pattern[str], bit: int) -> Iterator[re.Match[str]]:
        text = self.text
        end = 0
        for start, bits in zip(self.starts, self.at, strict=True):
            if bits & bit and start >= end:
                m = pattern.match(text, start)
                if m is not None:
                    yield m
                    end = m.end()


LONG_PREFIX_LENGTH = 5
_MEMO_CAP = 500_000  # memoised keys per index at most (the memo stays bounded on any input)


def _long_candidates(index: FirstCharIndex, key: str, rules: tuple) -> tuple:
    """Those of ``rules`` (the candidates of ``key[:PREFIX_LENGTH]``) that can match at a
    word start followed by ``key`` (LONG_PREFIX_LENGTH ASCII characters): the same test as
    _candidates with the rule's longer analysis, so a rule is again only dropped when no
    match of it can start with the text there; memoised per exact ``key``."""
    low = key.lower()
    kept = []
    long_prefixes = index.long_prefixes or {}
    for rule in rules:
        known = long_prefixes.get(id(rule))
        if known is None:
            kept.append(rule)
            continue
        full, shorter, length = known
        if low[:length] in full or any(low[:j] in shorter for j in range(1, length)):
            kept.append(rule)
    found = tuple(kept)
    if len(index.long_memo) < _MEMO_CAP:
        index.long_memo[key] = found
    return found


def _candidates(index: FirstCharIndex, key: str, anywhere) -> tuple:
    """The rules of ``key[0]``'s group that can match at a word start followed by ``key``
    (PREFIX_LENGTH ASCII characters), in group order; memoised per exact ``key``."""
    rules = index.memo.get(key)
    if rules is None:
        group = index.groups.get(key[0], anywhere)
        low = key.lower()
        shorter = [low[:j] for j in range(1, PREFIX_LENGTH)]
        kept = []
        for rule in () if group is None else group[1]:
            known = index.prefixes.get(id(rule))
            if known is None or low in known[0] or any(s in known[1] for s in shorter):
                kept.append(rule)
        rules = tuple(kept)
        if len(index.memo) < _MEMO_CAP:
            index.memo[key] = rules
    return rules


@dataclass(frozen=True)
class Lexicon:
    """The compiled cue lexicon (built once per folder by :func:`load_cues`)."""

    terms: tuple[TermRule, ...]
    any_term: re.Pattern[str]
    cues: tuple[CueRule, ...]
    any_cue: re.Pattern[str]
    term_index: FirstCharIndex
    cue_index: FirstCharIndex
    grammar: dict[str, re.Pattern[str]]
    words: dict[str, frozenset[str]]
    cameo: dict[tuple[str, str, str], str]
    gate: RoleGate | None = None  # performance only (see RoleGate)


def _wrap(pattern: str, punctuation: bool = False) -> str:
    """Whole words only. With ``punctuation``, an alternative may also start at a
    punctuation mark right after a word ('drones; Hungary', 'holding out: Slovakia')."""
    if punctuation:
        return rf"(?:(?<![\w-])|(?=[^\w\s]))(?:{pattern})(?![\w])"
    return rf"(?<![\w-])(?:{pattern})(?![\w])"


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    if not path.exists():
        raise CueError(f"{path}: cue file not found")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        # e.g. an unquoted pattern with a comma in it ("{0,4}"): name the file and line
        detail = str(error).strip().splitlines()[-1]
        raise CueError(f"{path}: not a valid CSV table ({detail})") from None
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise CueError(f"{path}: missing column(s) {missing}")
    return table


def _compile(path: Path, row: int, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    try:
        return re.compile(_wrap(pattern), flags)
    except re.error as error:
        raise CueError(f"{path}: row {row}: bad pattern {pattern!r} ({error})") from None


def _types(path: Path, row: int, value: str) -> list[str]:
    """A ``|``-separated list of commitment types (optional columns of terms.csv)."""
    types = [v.strip() for v in str(value).split("|") if v.strip()]
    unknown = [v for v in types if v not in COMMITMENTS]
    if unknown:
        raise CueError(f"{path}: row {row}: unknown commitment type(s) {unknown}")
    return types


def _flag(path: Path, row: int, value: str) -> bool:
    value = value.strip().lower()
    if value not in {"true", "false", ""}:
        raise CueError(f"{path}: row {row}: expected true/false, got {value!r}")
    return value == "true"


@lru_cache(maxsize=8)
def load_cues(folder: str | Path | None = None) -> Lexicon:
    """Read and compile the cue lexicon of ``folder`` (default ``data/cues``), cached.

    Parameters
    ----------
    folder : str or Path, optional
        Folder holding ``terms.csv``, ``predicates.csv``, ``grammar.csv`` and
        ``cameo.csv``.

    Returns
    -------
    Lexicon

    Raises
    ------
    CueError
        For a missing file or column, an unknown commitment/stance or a bad regex,
        naming the file and row.
    """
    folder = CUES_DIR if folder is None else Path(folder)
    path = folder / "terms.csv"
    terms = []
    raw_terms: list[str] = []
    raw_cues: list[str] = []
    for i, r in enumerate(_read(path, ["commitment", "pattern", "weak"]).itertuples(), 2):
        if r.commitment not in (*COMMITMENTS, "context", "previous"):
            raise CueError(f"{path}: row {i}: unknown commitment {r.commitment!r}")
        absorbs = _types(path, i, getattr(r, "absorbs", ""))
        refers_to = _types(path, i, getattr(r, "refers_to", ""))
        rule = TermRule(
            r.commitment,
            _compile(path, i, r.pattern),
            _flag(path, i, r.weak),
            frozenset(absorbs),
            tuple(refers_to) or COMMITMENTS,
        )
        terms.append(rule)
        raw_terms.append(r.pattern)
    path = folder / "predicates.csv"
    cues = []
    table = _read(path, ["stance", "pattern", "pos", "hedged", "mode"])
    for i, r in enumerate(table.itertuples(), 2):
        if r.stance not in _CUE_STANCES:
            raise CueError(f"{path}: row {i}: unknown stance {r.stance!r}")
        if r.pos not in {"verb", "noun", "modal"}:
            raise CueError(f"{path}: row {i}: pos must be verb, noun or modal")
        rule = CueRule(
            r.stance, _compile(path, i, r.pattern), r.pos, _flag(path, i, r.hedged), r.mode
        )
        cues.append(rule)
        raw_cues.append(r.pattern)
    path = folder / "grammar.csv"
    patterns: dict[str, list[str]] = {}
    for r in _read(path, ["role", "pattern"]).itertuples():
        patterns.setdefault(r.role, []).append(r.pattern)
    grammar = {}
    words = {}
    wrapped: set[str] = set()  # roles compiled as _wrap(joined): the RoleGate may skip them
    punctuated: set[str] = set()  # ... as _wrap(joined, punctuation=True)
    for role, alternatives in patterns.items():
        joined = "|".join(f"(?:{p})" for p in alternatives)
        flags = re.IGNORECASE
        try:
            # roles with an alternative that starts with punctuation (';' and ':' in coord)
            # may match right after a word; the others keep the plain, faster guard
            punctuation = any(
                part[:1] in _PUNCTUATION_STARTS for a in alternatives for part in a.split("|")
            )
            grammar[role] = re.compile(
                joined if role in {"skip_sentence"} else _wrap(joined, punctuation), flags
            )
            if role not in {"skip_sentence"}:
                (punctuated if punctuation else wrapped).add(role)
        except re.error as error:
            raise CueError(f"{path}: role {role}: bad pattern ({error})") from None
        upper = role in {"no_row_actor", "adversary", "recipient", "non_contributor"}
        words[role] = frozenset(
            (w.strip().upper() if upper else w.strip().lower())
            for p in alternatives
            for w in p.split("|")
            if w.strip()
        )
    grammar["_modifier_gap"] = re.compile(
        r"\s+(?:{})\s+(?:(?:{})\s+)?(?:[\w-]+(?:['’]s)?\s+){{0,2}}".format(
            "|".join(sorted(words.get("modifier_prep", {"for"}))),
            "|".join(re.escape(w) for w in sorted(words.get("determiner", {"the"}))),
        ),
        re.IGNORECASE,
    )
    # words that can stand for a provider or repeat a support (the prefilter of _prepare)
    may_code = [
        patterns[role]
        for role in (
            "pronoun_person",
            "pronoun_it",
            "pronoun_plural",
            "pronoun_speaker",
            "vague_group",
            "carry_over",
        )
        if role in patterns
    ]
    grammar["_may_code"] = re.compile(
        _wrap("|".join(f"(?:{p})" for group in may_code for p in group)), re.IGNORECASE
    )
    needed = {"negation", "prep", "determiner", "state_body", "report", "coord"}
    if needed - set(grammar):
        raise CueError(f"{path}: missing role(s) {sorted(needed - set(grammar))}")
    path = folder / "cameo.csv"
    cameo = {
        (r.commitment, r.stance, r.mode): r.cameo
        for r in _read(path, ["commitment", "stance", "mode", "cameo"]).itertuples()
    }
    return Lexicon(
        term_index=_index(tuple(terms), raw_terms),
        cue_index=_index(tuple(cues), raw_cues),
        terms=tuple(terms),
        any_term=re.compile(_wrap("|".join(f"(?:{p})" for p in raw_terms)), re.I),
        cues=tuple(cues),
        any_cue=re.compile(_wrap("|".join(f"(?:{p})" for p in raw_cues)), re.I),
        grammar=grammar,
        words=words,
        cameo=cameo,
        gate=_role_gate(patterns, wrapped, punctuated),
    )


def _lexicon(cues: Lexicon | str | Path | None) -> Lexicon:
    if isinstance(cues, Lexicon):
        return cues
    # load_cues() and load_cues(None) are different lru_cache keys: use the one that
    # callers (and the workers' warm-up) use for the default lexicon
    return load_cues() if cues is None else load_cues(str(cues))


def cameo_code(lex: Lexicon, commitment: str, stance: str, mode: str = "intent") -> str:
    """The CAMEO code for a (commitment, stance, mode), "" when the table has none."""
    for key in ((commitment, stance, mode), (commitment, stance, "any")):
        if key in lex.cameo:
            return lex.cameo[key]
    return ""


# ---------------------------------------------------------------- sentence analysis


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    actor: str
    code: str
    atype: str
    kind: str
    person: str
    in_pp: bool = False
    eligible: bool = True
    possessive: bool = False


@dataclass(slots=True)
class Term:
    start: int
    end: int
    commitment: str
    weak: bool
    text: str
    owner: str = ""
    absorbs: frozenset[str] = frozenset()
    refers_to: tuple[str, ...] = ()


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    stance: str
    pos: str
    hedged: bool
    mode: str
    text: str


@dataclass(slots=True)
class Item:
    """A subject candidate: mention(s), pronoun, vague group or expletive."""

    start: int
    end: int
    kind: str  # mention | pronoun | vague | expletive
    mentions: list[Mention] = field(default_factory=list)
    word: str = ""


@dataclass(slots=True)
class Clause:
    cid: int
    kind: str  # main | coord | report | rel | sub | paren | appos
    parent: int | None = None
    antecedent: int | None = None  # position of the comma before a relative clause
    speaker_item: Item | None = None  # for report complements
    speaker_finite: bool = True
    first: int = 0


@dataclass(slots=True)
class Prepared:
    text: str
    paragraph: int
    skip: bool
    mentions: list[Mention]
    terms: list[Term]
    cues: list[Cue]
    cid: Sequence[int]  # a tuple: read-only, and not traversed by the garbage collector
    clauses: list[Clause]
    items: list[Item]
    speaker_item: Item | None
    quote_open_start: bool = False
    quote_closes: bool = False
    has_quote: bool = False
    empty: bool = False  # no actor, pronoun, support term or carry-over word: cannot code
    # performance only: where grammar roles may match (derived from text; not compared)
    hits: RoleHits | None = field(default=None, compare=False, repr=False)


# precompiled forms of the literal patterns below (performance only: same patterns, no flags)
_RX0 = re.compile(r"^[A-Z][A-Z .'’-]{2,}(?:,[^–—\n]{1,20}?)?\s+[-–—]{1,2}\s+")
_RX1 = re.compile(r"\([^()]*\)")
_RX2 = re.compile(r"\s[–—]\s|\s-{1,2}\s")
_RX3 = re.compile(r",\s+(?=\S)")
_RX4 = re.compile(r",\s+(?:a|an|the)\s+")
_COMMA_GAP = re.compile(r",\s+")
_AIRSPACE = re.compile(r"(\b(?:its|their|our|the country['’]s) own )?(?<=\s)(?:airspace|skies)\b")
_COPULA_GAP = re.compile(
    r"\s+(?:remain|remains|are|were|is|was|became|become)\s+(?:also\s+)?(?:the|among the)\s+"
    r"(?:only|first|last|main|biggest|largest|leading|two|three|four)?\s*",
    re.I,
)
# between two members of a list: "A, B", "A and the B", "A, as well as B"
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or|,?\s*as well as)\s*(?:the\s+)?")
_REL_GAP = re.compile(r"[\s”\"’]*(?:[\w-]+[\s”\"’]*){0,2}")
_THIRD_PERSON = re.compile(r"[a-z]+[^s\W]s\b")
_RX4_ADJ = re.compile(r"[\w-]+\s+")
_RX5 = re.compile(r",?\s+(?:and|or)\s+")
_RX6 = re.compile(r"to\s")
_RX7 = re.compile(r"\b(?:is|are|was|were|been|be)\s+(?:also\s+)?$")
_RX8 = re.compile(r"(?:\s+[^\s,;]+){0,8}?\s+that\b")
_RX9 = re.compile(r"[’']s?\b")
_RX10 = re.compile(r"[’']s?\s*")
_RX12 = re.compile(r"(?:[A-Z][\w-]*\s+){1,3}")
_RX13 = re.compile(r"(?:[’']s)?[\s-]*")
_RX14 = re.compile(r"([\w-]+)[\s-]+$")
_FROM_GAP = re.compile(r"\s+from\s+(?:the\s+)?")
_NOT_WORD_SPACE_HYPHEN = re.compile(r"[^\w\s-]")
_RX15 = re.compile(r"(?:officials|sources|diplomats|ministers)\s+in\s+$")
_RX16 = re.compile(r"[\s\w.-]{0,40}")
_RX17 = re.compile(r"[\s,]*(?:and\s+|as well as\s+)?(?:the\s+)?")
_RX18 = re.compile(r"[\s”\"’]*")
_RX19 = re.compile(r",?\s*(?:and\s+)?")
_RX20 = re.compile(r"\s+\d")


def _leftmost_longest(
    text: str,
    index: FirstCharIndex,
    make,
    word_starts: list[int] | None = None,
    keys: list[str] | None = None,
) -> list:
    """Leftmost-longest matches of the rules of ``index``, tried at word starts only
    (``word_starts``: the positions of ``_WORD_START`` in ``text``, if already known;
    ``keys``: the LONG_PREFIX_LENGTH characters of text from each, if already known)."""
    if word_starts is None:
        word_starts = [m.start() for m in _WORD_START.finditer(text)]
    if keys is None:
        keys = [text[start : start + LONG_PREFIX_LENGTH] for start in word_starts]
    found = []
    pos = 0
    groups = index.groups
    anywhere = groups.get("")
    filtered = index.prefixes is not None
    memo = index.memo if filtered else {}
    long_filtered = filtered and index.long_prefixes is not None
    long_memo = index.long_memo if long_filtered else {}
    for start, long_key in zip(word_starts, keys, strict=True):
        if start < pos:
            continue
        # performance only: the memos hold only keys of PREFIX_LENGTH (LONG_PREFIX_LENGTH)
        # ASCII characters, so a key found there needs no further test
        rules = long_memo.get(long_key)
        if rules is None:
            key = long_key[:PREFIX_LENGTH]
            rules = memo.get(key)
            if rules is None and filtered and len(key) == PREFIX_LENGTH and key.isascii():
                # the rules that can match here (see _candidates)
                rules = _candidates(index, key, anywhere)
            if (
                rules
                and long_filtered
                and len(long_key) == LONG_PREFIX_LENGTH
                and long_key.isascii()
            ):
                rules = _long_candidates(index, long_key, rules)  # a finer filter on top
        if rules is not None:
            if not rules:
                continue
        else:
            group = groups.get(text[start], anywhere)
            if group is None or not group[0].match(text, start):
                continue
            rules = group[1]
        best = None
        for rule in rules:
            m = rule.pattern.match(text, start)
            if m and m.end() > m.start() and (best is None or m.end() > best[0].end()):
                best = (m, rule)
        if best is None:
            continue
        found.append(make(best[0], best[1]))
        pos = best[0].end()
    return found


def _tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    found = list(_TOKEN.finditer(text))
    starts = [m.start() for m in found]
    ends = [m.end() for m in found]
    words = [m.group().lower() for m in found]
    return starts, ends, words


def _prev_token(starts: list[int], pos: int) -> int:
    """Index of the last token starting before ``pos`` (-1 if none)."""
    return bisect.bisect_left(starts, pos) - 1


def _in_pp(text: str, toks, index: int, lex: Lexicon) -> bool:
    """Is the token before ``index`` (skipping determiners and title words) a preposition?"""
    starts, ends, words = toks
    prep, det = lex.words["prep"], lex.words["determiner"]
    i = index - 1
    if (
        i >= 2
        and words[i] == ","
        and text[starts[i - 1]].isupper()
        and words[i - 2] in _PLACE_PREPS
        and _PLACE_APPOSITION.match(text, starts[index])
    ):
        return True  # "headquartered in Wiesbaden, Germany, will ...": a place, not an actor
    while i >= 0:
        w = words[i]
        raw = text[starts[i] : ends[i]]
        if w in prep and not (w == "of" and i > 0 and text[starts[i - 1]].isupper()):
            leader = lex.grammar.get("leader_of")
            if w == "of" and leader is not None and leader.search(text, 0, ends[i]):
                hit = [m for m in leader.finditer(text, 0, ends[i]) if m.end() == ends[i]]
                if hit:
                    return False  # "Leaders of the Coalition of the Willing"
            return True
        if w in det or w in _QUOTES or raw[:1].isupper() or w == "of":
            i -= 1
            continue
        return False
    return False


def _relabel(cid: list[int], start: int, end: int, old: int, new: int) -> None:
    """Set ``cid[start:end]`` to ``new`` where it is ``old`` (in place).

    Performance only: the same as ``cid[start:end] = [new if x == old else x for x in
    cid[start:end]]``; a slice without ``old`` is left alone and one that is all ``old``
    (the usual case) is filled without a Python-level loop.
    """
    part = cid[start:end]
    count = part.count(old)
    if not count:
        return
    if count == len(part):
        cid[start:end] = [new] * count
    else:
        cid[start:end] = [new if x == old else x for x in part]


def _segment(
    text: str, lex: Lexicon, mentions: list[Mention], hits: RoleHits | None = None
) -> tuple[list[int], list[Clause]]:
    """Cut a sentence into clauses: per-character clause ids and the clause list
    (``hits``: where grammar roles may match in ``text``, performance only)."""
    if hits is None:
        hits = RoleHits(text, None, [])
    n = len(text)
    cid = [0] * n
    clauses = [Clause(0, "main")]
    g = lex.grammar

    def carve(start: int, end: int, kind: str, antecedent: int | None = None) -> None:
        host = next((cid[p] for p in range(start, end) if cid[p] >= 0), 0)
        new = Clause(len(clauses), kind, parent=host, antecedent=antecedent, first=start)
        clauses.append(new)
        _relabel(cid, start, end, host, new.cid)

    # dateline: "BRUSSELS, Feb 23 - ", "PARIS — "
    m = _RX0.match(text)
    if m:
        cid[: m.end()] = [-1] * m.end()
    # parentheses
    for m in _RX1.finditer(text):
        carve(m.start(), m.end(), "paren")
    # dashes: pairs are parentheticals, a single one opens an apposition
    # performance only: every match of _RX2 contains one of the three dash characters
    has_dash = "-" in text or "–" in text or "—" in text
    dashes = [m for m in _RX2.finditer(text) if cid[m.start()] >= 0] if has_dash else []
    while len(dashes) >= 2:
        a, b = dashes.pop(0), dashes.pop(0)
        carve(a.start(), b.end(), "paren")
    if dashes:
        carve(dashes[0].start(), n, "appos")

    def to_comma(start: int) -> int:
        host = cid[start] if start < n else 0
        p = text.find(",", start + 2)  # the first comma of the host clause after start + 1
        while p != -1:
            if cid[p] == host:
                return p + 1
            p = text.find(",", p + 1)
        return n

    sub = g.get("subordinate")
    if sub is not None:
        for m in hits.finditer(sub, "subordinate"):
            if cid[m.start()] < 0 or m.start() < 2:
                continue
            start = m.start() - 2 if text[max(0, m.start() - 2) : m.start()] == ", " else m.start()
            carve(start, to_comma(m.end()), "sub")
    rel = g.get("relative")
    if rel is not None and hits.may("relative"):
        for m in _RX3.finditer(text):
            r = rel.match(text, m.end())
            if r and cid[m.start()] >= 0:
                carve(m.start(), to_comma(r.end()), "rel", antecedent=m.start())
    app = g.get("apposition")
    if app is not None and hits.may("apposition"):
        for m in _RX4.finditer(text):
            if cid[m.start()] < 0:
                continue
            # ", a scheme that ...", ", a suggestion turned down by Kyiv", ", a bold idea"
            head = app.match(text, m.end())
            if head is None:
                adjective = _RX4_ADJ.match(text, m.end())
                head = adjective and app.match(text, adjective.end())
            if head:
                carve(m.start(), to_comma(head.end()), "appos")
    # split every clause at coordinators, 'and' + verb, and reporting verbs
    bounds: list[tuple[int, int, str]] = []
    for m in hits.finditer(g["coord"], "coord"):
        s = m.start() - 1 if m.start() and text[m.start() - 1] in ",;" else m.start()
        if text[m.start() : m.end()].lower() == "yet" and not text[:s].rstrip().endswith(","):
            continue
        # "What's in it: The Commission's draft adds ...": after a label and a colon a new
        # sentence starts; it does not inherit the label's subject
        bounds.append((s, m.end(), "main" if m.group() == ":" else "coord"))
    verb_start = g.get("verb_start")
    for m in _RX5.finditer(text):
        rest = m.end()
        if (verb_start is not None and verb_start.match(text, rest)) or lex.any_cue.match(
            text, rest
        ):
            if not _RX6.match(text, rest):  # (no look-behind: same as on text[rest:])
                bounds.append((m.start(), m.end(), "coord"))
    # "Turkey ready to lead demining mission, rules out ground troops": headline style, a
    # comma and a present-tense predicate open a coordinated clause sharing the subject
    for m in _COMMA_GAP.finditer(text):
        if not _THIRD_PERSON.match(text, m.end()):
            continue  # most commas: no present-tense verb after them (performance only)
        cue = lex.any_cue.match(text, m.end())
        if cue and _THIRD_PERSON.match(cue.group()):
            bounds.append((m.start(), m.end(), "coord"))
    # ", and Japan has promised ...": a new clause with its own subject, so the previous
    # clause's subject or pronoun does not carry over; not an Oxford-comma list ("Poland,
    # Germany, and France will"), where a mention ends right before the comma
    ends = {mm.end for mm in mentions if not mm.in_pp}
    for mm in mentions:
        m = _AND_ACTOR.search(text, max(0, mm.start - 12), mm.start)
        if m is None or m.end() != mm.start or m.start() in ends:
            continue
        gap = _AND_ACTOR_GAP.match(text, mm.end)
        rest = gap.end() if gap else mm.end
        if rest > mm.end and (
            (verb_start is not None and verb_start.match(text, rest))
            or lex.any_cue.match(text, rest)
        ):
            bounds.append((m.start(), m.end(), "coord"))
    for m in hits.finditer(g["report"], "report"):
        word = m.group().lower()
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if _RX7.search(before):
            continue  # "is said to": a hedge, not a report
        after = text[m.end() : m.end() + 4].lower()
        if after.startswith((" to ", " by", " aga", " of ")):
            continue
        if word.startswith("announc") and _ANNOUNCED_AMOUNT.match(text, m.end()):
            continue  # "announced a further $600m for ...": the pledge itself, not a report
        end = m.end()
        # performance only: _RX8 has no look-behind or anchor, so matching at ``end`` is
        # matching text[end:] (offsets shifted), and every match contains "that"
        that = _RX8.match(text, end) if text.find("that", end) >= 0 else None
        if that and not lex.any_cue.search(text, end, that.end() - 4):
            end = that.end()
        kind = "report" if not word.endswith("ing") else "report-ing"
        bounds.append((m.start(), end, kind))
    bounds.sort()
    new_clauses: dict[int, int] = {}
    last_bound_end = -1
    for s, e, kind in bounds:
        if s < last_bound_end or cid[min(s, n - 1)] < 0 and s < n and cid[s] < 0:
            continue
        host = cid[min(s + 1, n - 1)]
        if host < 0:
            continue
        last_bound_end = e
        stop = min(e, n)
        if s < stop:  # boundary words belong to no clause
            _relabel(cid, s, stop, host, -2)
        new = Clause(len(clauses), kind, parent=new_clauses.get(host, host), first=e)
        if kind.startswith("report"):
            new.speaker_finite = kind == "report"
            new.kind = "report"
        clauses.append(new)
        if e < n:
            _relabel(cid, e, n, host, new.cid)
        new_clauses[host] = new.cid
    return cid, clauses


def _prepare(text: str, paragraph: int, raw: list[tuple], lex: Lexicon) -> Prepared:
    """Everything about one sentence that does not depend on earlier sentences."""
    if lex.grammar.get("skip_sentence") is not None and lex.grammar["skip_sentence"].match(text):
        return Prepared(text, paragraph, True, [], [], [], [], [], [], None)
    toks = _tokens(text)
    starts = toks[0]
    mentions = [Mention(*r) for r in raw]
    word_starts = [m.start() for m in _WORD_START.finditer(text)]  # shared by both matchers
    keys = [text[start : start + LONG_PREFIX_LENGTH] for start in word_starts]  # both matchers
    hits = RoleHits(text, lex.gate, word_starts)
    terms = _find_terms(text, lex, mentions, toks, word_starts, keys)
    if not mentions and not terms and not lex.grammar["_may_code"].search(text):
        # prefilter: no provider can be named and no support either (most sentences of an
        # article); the clause grammar is skipped
        return Prepared(text, paragraph, False, [], [], [], [], [], [], None, empty=True)
    cues = _leftmost_longest(
        text,
        lex.cue_index,
        lambda m, r: Cue(m.start(), m.end(), r.stance, r.pos, r.hedged, r.mode, m.group()),
        word_starts,
        keys,
    )
    # a cue inside an actor name is not a cue; a participle right after a term describes it;
    # a newsletter's capitalised label ("ATHENS' OFFER: ...") is no predicate
    label = _CAPS_LABEL.match(text)
    label_end = label.end() if label else 0
    cues = [
        c
        for c in cues
        if c.start >= label_end
        and not any(mm.start <= c.start < mm.end for mm in mentions)
        and not (
            c.mode == "realised"
            and any(0 <= c.start - t.end <= 1 and t.commitment != "context" for t in terms)
        )
    ]
    # mention properties
    previous: Mention | None = None
    for mm in mentions:
        index = _prev_token(starts, mm.start) + 1
        gap = text[previous.end : mm.start] if previous else ""
        if (
            previous and _LIST_GAP.fullmatch(gap) and bool(previous.person) == bool(mm.person)
        ):  # a list shares its preposition; "Speaking in London, Zelensky" is no list
            mm.in_pp = previous.in_pp
        else:
            mm.in_pp = _in_pp(text, toks, index, lex)
            if (
                mm.in_pp
                and text[max(0, mm.start - 3) : mm.start].lower() == "as "
                and lex.grammar["coord"].match(text, mm.start - 3)
            ):
                mm.in_pp = False  # "... as Zelensky calls for more": a clause opens there
        after = text[mm.end :]
        mm.possessive = bool(_RX9.match(after))
        if not mm.possessive and mm.kind != "demonym":
            previous = mm  # performance only: what follows decides only these two kinds
            continue
        head_at = mm.end + (_RX10.match(after).end() if mm.possessive else 0)
        head_at += len(after[head_at - mm.end :]) - len(after[head_at - mm.end :].lstrip())
        # (this was "or re.match(r'(?:[A-Z][\w-]*\s+){0,4}', text[head_at:]) and any(...)";
        # that regex matches the empty string, so it is always true: only any() decides)
        starts_head = (
            lex.grammar["state_body"].match(text, head_at)
            or any(t.start == head_at for t in terms)
            or any(c.start == head_at for c in cues)
            or any(
                o.person and o.code == mm.code and head_at <= o.start <= head_at + 40
                for o in mentions
            )
        )
        if mm.possessive:
            mm.eligible = bool(starts_head)
        elif mm.kind == "demonym":
            titled = _RX12.match(text[head_at:])
            mm.eligible = bool(
                starts_head or (titled and lex.grammar["state_body"].search(titled.group()))
            )
        previous = mm
    items = _items(text, mentions, lex, terms, toks, hits)
    cid, clauses = _segment(text, lex, mentions, hits)
    speaker_item = None
    for clause in clauses:
        if clause.kind == "report":
            clause.speaker_item = _speaker_item(text, clause, cid, items, mentions)
            if speaker_item is None and clause.speaker_item is not None:
                speaker_item = clause.speaker_item
    return Prepared(
        text,
        paragraph,
        False,
        mentions,
        terms,
        cues,
        tuple(cid),  # performance only: a tuple of ints drops out of the collector's work
        clauses,
        items,
        speaker_item,
        hits=hits,
    )


# ------------------------------------------------ per-sentence cache (performance only)
#
# _prepare depends only on the sentence text, its mentions' positions RELATIVE to the
# sentence with their actor fields (the ``raw`` tuples) and the lexicon: nothing of the
# document (earlier sentences, speakers, anaphora) goes in; that is all in _analyse and
# Context. ``paragraph`` is only stored, so it is not part of the key and is set on the copy
# handed out. Wire copies and stock sentences repeat, so a bounded LRU cache of prepared
# sentences saves most of the stage on them.
#
# Contract for rule changes: a Prepared (and its mentions, terms, cues, clauses, items) is
# READ-ONLY after _prepare returns, because one cached object is shared by every repeat of
# the sentence. Anything that depends on the document context must stay out of _prepare.
# tests/test_commitments_speed.py compares cached and uncached output on every corpus.

PREPARE_CACHE_SIZE = 20_000
"""Distinct prepared sentences remembered per process (a few KB each)."""
_prepare_cache: OrderedDict = OrderedDict()
_prepare_cache_lex: list = [None]  # the lexicon the cache was filled with
_prepare_lock = threading.Lock()  # dask may run tasks in threads


def clear_prepare_cache() -> None:
    """Empty the per-sentence cache of :func:`extract_commitments` (for benchmarks/tests)."""
    with _prepare_lock:
        _prepare_cache.clear()
        _prepare_cache_lex[0] = None


def _prepare_cached(text: str, paragraph: int, raw: list[tuple], lex: Lexicon) -> Prepared:
    """:func:`_prepare` through the LRU cache (same result)."""
    key = (text, tuple(raw))
    with _prepare_lock:
        if _prepare_cache_lex[0] is not lex:  # another lexicon: start afresh
            _prepare_cache.clear()
            _prepare_cache_lex[0] = lex
        prepared = _prepare_cache.get(key)
        if prepared is not None:
            _prepare_cache.move_to_end(key)
    if prepared is None:
        prepared = _prepare(text, paragraph, raw, lex)
        with _prepare_lock:
            if _prepare_cache_lex[0] is lex:
                _prepare_cache[key] = prepared
                if len(_prepare_cache) > PREPARE_CACHE_SIZE:
                    _prepare_cache.popitem(last=False)
        return prepared
    if prepared.paragraph == paragraph:
        return prepared
    return dataclasses.replace(prepared, paragraph=paragraph)


def _find_terms(
    text: str,
    lex: Lexicon,
    mentions: list[Mention],
    toks,
    word_starts: list[int] | None = None,
    keys: list[str] | None = None,
) -> list[Term]:
    terms = _leftmost_longest(
        text,
        lex.term_index,
        lambda m, r: Term(
            m.start(), m.end(), r.commitment, r.weak, m.group(), "", r.absorbs, r.refers_to
        ),
        word_starts,
        keys,
    )
    words = lex.words
    asked = _ASKED_LEAD.match(text)
    # performance only: _PROTECTED needs one of its verbs (see _folded), and an _RX14 match
    # (all [\w\s-] up to the end) starts after the last other character before the term
    protected = not _absent(_folded(text), "protect", "defend", "shield")
    others: list[int] | None = None  # positions of characters other than [\w\s-]
    kept: list[Term] = []
    recipients = words.get("recipient", frozenset())
    other_owner = lex.grammar.get("other_owner")
    for t in terms:
        before = text[: t.start].rstrip(" “\"'").lower()
        last_word = before.rsplit(None, 1)  # [] when before.split() is empty
        last = last_word[-1] if last_word else ""
        if t.commitment == "funding" and t.weak and last == "worth":
            continue
        if t.commitment == "logistics" and (
            last in words.get("location_prep", ())
            or _FROM_PLACE.search(text, max(0, t.start - 40), t.start)
        ):
            continue  # "drones flying from Romanian bases": a location
        if (
            protected
            and t.commitment in {"funding", "logistics"}
            and _PROTECTED.search(text, 0, t.start)
        ):
            continue  # "Patriots to protect its cities and energy grid": what is defended
        if asked is not None and t.start < asked.end():
            continue  # "Asked whether the US would provide air cover, ...": the question's
        if _RATHER_THAN.search(text, max(0, t.start - 14), t.start):
            continue  # "pledged political backing rather than soldiers"
        if t.commitment == "troops" and _SUPPORT_WITH.search(before) and _WITH.match(text, t.end):
            continue  # "support the force with intelligence": the force is supported
        if _TO_RUSSIA.match(text, t.end):
            continue  # "North Korea's supply of shells and troops to Russia": not for Ukraine
        if kept:
            gap = text[kept[-1].end : t.start]
            if lex.grammar["_modifier_gap"].fullmatch(gap) and not any(
                kept[-1].end <= mm.start < t.start
                and (mm.code in recipients or not _POSSESSIVE.match(text, mm.end))
                for mm in mentions
            ):  # "staff officers to the coalition's planning headquarters": a destination
                if kept[-1].commitment == "funding" and t.commitment in {"arms", "context"}:
                    # "$500 million for PURL purchases": money for a weapon is arms; money
                    # "to the scheme" takes the type the scheme was named with
                    kept.pop()
                elif kept[-1].commitment != "context":
                    continue
                else:
                    kept.pop()  # "a new package of sanctions": the package is the sanctions
        # owner: a mention or an 'other' word right before the term, or 'from <mention>'
        for mm in mentions:
            if 0 <= t.start - mm.end <= 4 and _RX13.fullmatch(text, mm.end, t.start):
                t.owner = mm.code
            elif 0 <= mm.start - t.end <= 8 and _FROM_GAP.fullmatch(text, t.end, mm.start):
                t.owner = mm.code
        if not t.owner and other_owner is not None:
            if others is None:
                others = [m.start() for m in _NOT_WORD_SPACE_HYPHEN.finditer(text)]
            i = bisect.bisect_left(others, t.start) - 1
            # the same as _RX14.search(text[: t.start]): no match starts before ``begin``
            # (_RX14 has no look-behind, anchor or boundary at its start)
            m = _RX14.search(text, others[i] + 1 if i >= 0 else 0, t.start)
            if m and other_owner.fullmatch(m.group(1)):
                t.owner = "OTHER"
        if t.owner in recipients and t.commitment in _DEPLOYMENTS:
            continue
        kept.append(t)
    return kept


def _items(
    text: str,
    mentions: list[Mention],
    lex: Lexicon,
    terms: list[Term],
    toks: tuple,
    hits: RoleHits | None = None,
) -> list[Item]:
    """Subject candidates of a sentence, left to right (``hits``: where grammar roles may
    match in ``text``, performance only)."""
    if hits is None:
        hits = RoleHits(text, None, [])
    g = lex.grammar
    items: list[Item] = []
    for mm in mentions:
        if not mm.in_pp and mm.eligible:
            items.append(Item(mm.start, mm.end, "mention", [mm]))
    taken = [(i.start, i.end) for i in items]

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for role, kind in (
        ("vague_group", "vague"),
        ("expletive_it", "expletive"),
        ("pronoun_person", "pronoun"),
        ("pronoun_it", "pronoun"),
        ("pronoun_plural", "pronoun"),
        ("pronoun_speaker", "pronoun"),
        ("expletive", "expletive"),
    ):
        pattern = g.get(role)
        if pattern is None:
            continue
        for m in hits.finditer(pattern, role):
            word = m.group().lower()
            if role == "pronoun_speaker" and word == "i" and m.group() != "I":
                continue
            if role == "pronoun_speaker" and word in {"our", "my"}:
                # possessive: only when it heads a support term or a state body
                rest = m.end() + 1
                if not (any(t.start == rest for t in terms) or g["state_body"].match(text, rest)):
                    continue
            if role == "pronoun_person" and word in {"his", "her", "him"}:
                continue
            if role == "expletive" and word in {"this", "that"}:
                continue
            if role == "vague_group":
                # a bare plural after a preposition or verb object is not a subject
                index = _prev_token(toks[0], m.start()) + 1
                if _in_pp(text, toks, index, lex):
                    continue
            if role == "pronoun_plural":
                word = "they"  # "Both signed", "the three are pressing for"
            if free(m.start(), m.end()):
                items.append(Item(m.start(), m.end(), kind, word=word))
                taken.append((m.start(), m.end()))
    items.sort(key=lambda i: i.start)
    return items


def _speaker_item(
    text: str, clause: Clause, cid: Sequence[int], items: list[Item], mentions: list[Mention]
) -> Item | None:
    """The item that is the subject of the reporting verb opening ``clause``."""
    boundary = clause.first
    verb_start = boundary
    while verb_start > 0 and cid[verb_start - 1] == -2:
        verb_start -= 1
    host = clause.parent if clause.parent is not None else 0
    comma = max(
        text.rfind(",", 0, verb_start),
        text.rfind("”", 0, verb_start),
        text.rfind('"', 0, verb_start),
    )
    before = [
        i
        for i in items
        if i.end <= verb_start
        and (0 <= i.start < len(cid))
        and cid[i.start] in (host, clause.parent)
        and i.kind in {"mention", "pronoun"}
    ]
    after_comma = [i for i in before if i.start > comma]
    if after_comma:
        return after_comma[-1]
    if comma >= 0 and _AUX_ONLY.fullmatch(text, comma + 1, verb_start) and before:
        # "Slovakia's prime minister, Robert Fico, said", "Belgium's defence minister, Theo
        # Francken, has said": the subject before the name in apposition
        last = before[-1]
        gap = text[last.end : comma]
        if not gap.strip(' ”"’') or _APPOSED_NAME.fullmatch(gap + ","):
            return last
    # inverted: "said Zalewski"
    for i in items:
        if i.kind == "mention" and 0 <= i.start - boundary <= 2:
            return i
    # "officials in Bucharest added"
    for mm in mentions:
        if mm.end <= verb_start and mm.start > comma:
            if _RX15.search(text[: mm.start]):
                return Item(mm.start, mm.end, "mention", [mm])
    if before and comma < 0:
        return before[-1]
    return None


# ------------------------------------------------------------------ document context


@dataclass
class Context:
    last_person: tuple | None = None  # (actor, code, atype)
    last_it: list | None = None
    last_they: list | None = None
    last_vague: bool = False
    pending: list = field(default_factory=list)
    pending_at: int = -10
    recent: list = field(default_factory=list)  # support types in document order
    heads: dict = field(default_factory=dict)  # "package" -> the type it was named with
    previous_commitments: list = field(default_factory=list)
    previous_rows: list = field(default_factory=list)


Actor = tuple[str, str, str, str]  # actor, code, actor_type, mention kind


def _mention_actor(mm: Mention) -> Actor:
    return (mm.actor, mm.code, mm.atype, mm.kind)


def _no_row(actor: Actor, lex: Lexicon) -> bool:
    """Group actors named only by an adjective ("Western", "European") get no row."""
    return actor[1] in lex.words.get("no_row_actor", ()) and actor[3] == "demonym"


def _gather_list(text: str, item: Item, items: list[Item]) -> list[Mention]:
    """The mention of ``item`` plus the mentions coordinated with it on its left."""
    members = list(item.mentions)
    index = items.index(item)
    left = item.start
    for other in reversed(items[:index]):
        if other.kind != "mention":
            break
        gap = text[other.end : left]
        if re.fullmatch(
            r"\s*(?:,|,?\s*and|,?\s*or|,?\s*as well as|,?\s*together with)\s*(?:the\s+)?", gap, re.I
        ) or (
            other.mentions[0].code == members[0].code
            and _RX16.fullmatch(gap)
            and other.mentions[0].kind != members[0].kind
        ):
            members = other.mentions + members
            left = other.start
        else:
            break
    return members


def _list_actors(text: str, item: Item, items: list[Item]) -> list[Actor]:
    """The actors of ``item`` and of the mentions listed with it on its left, one per code."""
    seen: dict[str, Actor] = {}
    for mm in _gather_list(text, item, items):
        seen.setdefault(mm.code, _mention_actor(mm))
    return list(seen.values())


def _resolve_item(
    item: Item,
    prep: Prepared,
    ctx: Context,
    prev_subject: list | None,
    speaker: list | None,
    prev_vague: bool = False,
) -> tuple[list | None, str, bool]:
    """(actors, via, vague) for a subject item."""
    if item.kind == "mention":
        via = "possessive" if item.mentions[0].possessive else "subject"
        return _list_actors(prep.text, item, prep.items), via, False
    if item.kind == "vague":
        return None, "vague", True
    if item.kind == "expletive":
        return None, "expletive", False
    word = item.word
    if word in {"he", "she"}:
        persons = [m for m in prep.mentions if m.person and m.end <= item.start]
        if persons:
            return [_mention_actor(persons[-1])], "pronoun", False
        return ([ctx.last_person] if ctx.last_person else None), "pronoun", False
    if word == "it":
        if prev_vague:  # "a smaller group of countries has signalled it could ..."
            return None, "vague", True
        if prev_subject and len(prev_subject) == 1:
            return prev_subject, "pronoun", False
        return ctx.last_it, "pronoun", False
    if word == "they":
        if prev_vague:
            return None, "vague", True
        if prev_subject is not None:
            return prev_subject, "pronoun", False
        if ctx.last_vague:
            return None, "vague", True
        return ctx.last_they, "pronoun", False
    # "Meloni has ruled out ..., though her government has offered": a person named
    # earlier in the sentence owns "his country" / "her government"
    if word.startswith(("his ", "her ")):
        persons = [m for m in prep.mentions if m.person and m.end <= item.start]
        if persons:
            return [_mention_actor(persons[-1])], "pronoun", False
    # we / I / our; "his country" also stands for the latest person's state
    if speaker is None and " " in word and ctx.last_person:
        return [ctx.last_person], "speaker", False
    return speaker, "speaker", False


def _resolve_anaphoric_terms(found: list[Term], ctx: Context) -> list[Term]:
    """Replace "the package" by the latest support type it may stand for (this sentence
    first, then the document), "similar contributions" by the previous sentence's types."""
    terms = []
    for t in found:
        if t.commitment == "context":
            named = ctx.heads.get(t.text.split()[-1].lower())
            before = [u.commitment for u in found if u.end <= t.start and not u.weak]
            recent = [c for c in reversed(before + ctx.recent) if c in t.refers_to]
            if named in t.refers_to:
                recent.insert(0, named)
            if recent:
                terms.append(Term(t.start, t.end, recent[0], False, t.text, t.owner))
        elif t.commitment == "previous":
            for commitment in ctx.previous_commitments:
                terms.append(Term(t.start, t.end, commitment, False, t.text, t.owner))
        else:
            terms.append(t)
    return terms


def _absorb(terms: list[Term], text: str) -> list[Term]:
    """A money verb takes what it pays for: "fund demining equipment" -> funding.

    Terms after the first money verb of the clause whose type it absorbs (``absorbs`` in
    terms.csv) become funding; weapons stay arms ("finance Patriot systems"). A second
    infinitive ends its reach: "offered to pay for air defence and to help train Ukraine's
    army" offers training.
    """
    payer = next((t for t in terms if t.absorbs), None)
    if payer is None:
        return terms
    cut = _AND_TO.search(text, payer.end)
    end = cut.start() if cut else len(text)
    return [
        Term(t.start, t.end, "funding", False, t.text, t.owner)
        if payer.start < t.start < end and t.commitment in payer.absorbs
        else t
        for t in terms
    ]


def _final_stance(stance: str, actor: Actor, commitment: str, owner: str, lex: Lexicon):
    """The coded stance of ``actor`` on support of type ``commitment`` owned by ``owner``.

    An objection ("opposed sending peacekeepers") or refusal of someone else's deployment
    is ``opposes``, as is any refusal of a deployment by an adversary or a non-contributor
    (``grammar.csv``); the recipient and adversaries are no providers, so only their calls
    and objections are coded (None: no row).
    """
    words = lex.words
    code = actor[1]
    adversary = code in words.get("adversary", ())
    recipient = code in words.get("recipient", ())
    deployment = commitment in _DEPLOYMENTS
    others = bool(owner) and owner != code
    if stance == "objects":
        if deployment and (others or adversary or code in words.get("non_contributor", ())):
            return "opposes"
        stance = "rules_out"
    if stance == "opposes" and owner and owner == code and not (adversary or recipient):
        return "rules_out"  # "sending Italian troops would be a mistake", said by Italy
    if stance == "opposes" and commitment == "sanctions" and not (adversary or recipient):
        # "Greece and Malta will not accept a full services ban": a state that would have
        # to impose the sanctions refuses them
        return "rules_out"
    if stance == "rules_out" and (adversary or (deployment and others)):
        stance = "opposes"
    if (adversary or recipient) and stance not in {"urges", "opposes"}:
        return "opposes" if stance == "rules_out" and deployment else None
    if stance in {"offers", "considers"} and deployment and owner and owner != code:
        # "make its naval base available to allied minehunters", "hosts a NATO battle
        # group": others' forces are not the actor's own offer
        return None
    return stance


def _list_rows(
    doc_id: str, sentence_id: int, prep: Prepared, terms: list[Term], ctx: Context, lex: Lexicon
) -> list[tuple]:
    """Rows for a sentence opening with a list ("Those include A, B and C", "Among them
    are ..."): stance and support from its own words before the list ("Those pressing for
    tougher sanctions include"), else the previous sentence's support ("Those pressing for
    swift approval include": the loan), else the vague group of the previous sentence."""
    text = prep.text
    rows: list[tuple] = []
    intro = lex.grammar.get("list_intro")
    list_members: list[Mention] = []
    list_items: list = []
    m = intro.match(text, len(text) - len(text.lstrip(" “\"'"))) if intro is not None else None
    if m is None:
        return rows
    own_cues = [q for q in prep.cues if q.end <= m.end() and q.pos == "verb"]
    own_terms = [t for t in terms if t.end <= m.end()]
    if own_cues and own_cues[0].stance in STANCES:
        q = own_cues[0]
        types = [t.commitment for t in own_terms] or ctx.previous_commitments
        list_items = [(c, q.stance, q.hedged, q.text, "intent") for c in types]
    if not list_items and not own_terms and ctx.pending and sentence_id - ctx.pending_at <= 2:
        list_items = ctx.pending
    if not list_items:
        return rows
    pos = m.end()
    for mm in prep.mentions:
        if mm.start < pos:
            continue
        if not _RX17.fullmatch(text[pos : mm.start]):
            break
        list_members.append(mm)
        pos = mm.end
    if not list_members:
        return rows
    seen = set()
    for mm in list_members:
        if mm.code in seen or _no_row(_mention_actor(mm), lex):
            continue
        seen.add(mm.code)
        for commitment, stance, hedged, cue_text, mode in list_items:
            rows.append(
                _row(
                    doc_id,
                    sentence_id,
                    _mention_actor(mm),
                    commitment,
                    stance,
                    hedged,
                    "",
                    text,
                    cue_text,
                    "list",
                    mode,
                    lex,
                )
            )
    ctx.pending = []
    ctx.last_they = [_mention_actor(mm) for mm in list_members]
    ctx.last_vague = False
    return rows


def _folded(text: str) -> str | None:
    """``text.lower()`` for literal prefilters (performance only), None when unsafe.

    A case-insensitive regex matches an ASCII letter only to itself, its upper case, or
    one of "İ", "ı", "ſ" (and "K", the Kelvin sign, which lower-cases to "k"), checked over
    all of Unicode. So in a text without those three, every match of a case-insensitive
    literal of ASCII letters ("neither") is found, lower-cased, in ``text.lower()``: when
    the literal is absent there, the regex cannot match and need not run.
    """
    if "İ" in text or "ı" in text or "ſ" in text:
        return None
    return text.lower()


def _absent(low: str | None, *literals: str) -> bool:
    """True when ``low`` (see :func:`_folded`) proves that none of ``literals`` occurs."""
    return low is not None and not any(w in low for w in literals)


class _Scans:
    """Every match of a regex in one sentence, found once however many clauses ask.

    Performance only: ``all(p)`` is ``list(p.finditer(text))`` and ``first(p)`` is
    ``p.search(text)``, remembered for the sentence being analysed; ``low`` is
    ``_folded(text)``.
    """

    __slots__ = ("text", "found", "low", "hits")

    def __init__(self, text: str, hits: RoleHits | None = None) -> None:
        self.text = text
        self.found: dict[re.Pattern[str], list[re.Match[str]]] = {}
        self.low = _folded(text)
        self.hits = hits

    def all(self, pattern: re.Pattern[str], role: str = "") -> list[re.Match[str]]:
        """The matches of ``pattern`` (the grammar pattern of ``role``, if given)."""
        found = self.found.get(pattern)
        if found is None:
            if role and self.hits is not None:
                found = list(self.hits.finditer(pattern, role))
            else:
                found = list(pattern.finditer(self.text))
            self.found[pattern] = found
        return found

    def first(self, pattern: re.Pattern[str], role: str = "") -> re.Match[str] | None:
        found = self.all(pattern, role)
        return found[0] if found else None


def _analyse(
    doc_id: str,
    sentence_id: int,
    prep: Prepared,
    ctx: Context,
    quote_speaker: Item | None,
    lex: Lexicon,
) -> list[tuple]:
    """Rows for one prepared sentence; updates ``ctx``."""
    text = prep.text
    rows: list[tuple] = []
    g = lex.grammar
    cid = prep.cid
    n = len(text)
    scans = _Scans(text, prep.hits)

    def clause_of(pos: int) -> int:
        return cid[pos] if 0 <= pos < n else -1

    def speaker_actor(item: Item | None) -> list | None:
        if item is None:
            return None
        if item.kind == "mention":
            persons = [m for m in item.mentions if m.person] or item.mentions
            return [_mention_actor(persons[-1])]
        actors, _, _ = _resolve_item(item, prep, ctx, None, None)
        return actors

    sentence_speaker = speaker_actor(prep.speaker_item) or speaker_actor(quote_speaker)
    hedge_sentence = bool(
        g.get("hedge_sentence") and scans.first(g["hedge_sentence"], "hedge_sentence")
    )

    # anaphoric terms: "the package" takes the document's main support type, "similar
    # contributions" the types of the previous sentence
    terms = _resolve_anaphoric_terms(prep.terms, ctx)

    # list introduced by the previous sentence ("Those include A, B and C")
    rows.extend(_list_rows(doc_id, sentence_id, prep, terms, ctx, lex))

    subjects: dict[int, list | None] = {}
    governors: dict[int, Cue] = {}
    readings: dict[int, tuple] = {}  # clause -> (stance, hedged, mode) of its predicate
    vague_of: dict[int, bool] = {}
    speakers: dict[int, list | None] = {}
    new_pending = []
    # for _plan_rows, found once per sentence; every match has "by" or "from" and a head
    # word (performance only: no regex run when they are absent)
    plans = (
        []
        if _absent(scans.low, "by", "from") or _absent(scans.low, *_PLAN_WORDS)
        else list(_PLAN_BY.finditer(text))
    )
    # clause of every term, cue and item, looked up once per sentence (performance only)
    term_clauses = [(clause_of(t.start), t) for t in terms]
    cue_clauses = [(clause_of(q.start), q) for q in prep.cues]
    item_clauses = [(clause_of(i.start), i) for i in prep.items]
    for clause in sorted(prep.clauses, key=lambda c: c.first):
        c = clause.cid
        positions_terms = _absorb([t for k, t in term_clauses if k == c], text)
        clause_cues = [q for k, q in cue_clauses if k == c]
        if clause.kind == "appos":
            # "— intelligence and air support": a cue word inside a support term governs
            # nothing in an apposition
            clause_cues = [
                q for q in clause_cues if not any(t.start <= q.start < t.end for t in prep.terms)
            ]
        lexical = [q for q in clause_cues if q.pos == "verb"]
        objection = [q for q in lexical if q.stance == "opposes"]
        modal = [q for q in clause_cues if q.pos == "modal"]
        if (
            len(lexical) > 1
            and "aspectual" in g
            and g["aspectual"].fullmatch(lexical[0].text)
            and lexical[1].start - lexical[0].end <= 4
        ):
            # "If Hungary keeps blocking the package": the verb after 'keep' governs
            lexical = lexical[1:]
        if (
            len(lexical) > 1
            and lexical[0].text.lower().endswith("ing")
            and not text[clause.first : lexical[0].start].strip(_GERUND_LEAD)
            and lexical[1].stance == "rules_out"
        ):
            # "Sending a German brigade was not on the agenda": a gerund opening the
            # clause is its subject; the predicate after it governs
            lexical = lexical[1:]
        gov = (
            objection[0]
            if objection
            else (lexical[0] if lexical else (modal[0] if modal else None))
        )
        # speaker of this clause
        parent_speaker = speakers.get(clause.parent) if clause.parent is not None else None
        if clause.kind == "report":
            spk = speaker_actor(clause.speaker_item) or parent_speaker
        else:
            spk = parent_speaker if clause.kind in {"coord", "rel", "sub"} else None
        spk = spk or sentence_speaker
        speakers[c] = spk
        # subject
        limit = gov.start if gov is not None else n
        # noun cues right after a possessive subject govern when nothing else does
        candidates = [i for k, i in item_clauses if k == c and i.end <= max(limit, 0)]
        if gov is not None and gov.stance in {"opposes", "accepts"}:
            # "any European troops ... would be treated as targets": the owner of the
            # troops is not the one objecting
            candidates = [i for i in candidates if not _is_owner(i, prep.terms)]
        actors: list | None = None
        via = ""
        vague = False
        prev_subject = None
        if clause.parent is not None:
            prev_subject = subjects.get(clause.parent)
        if candidates:
            item = candidates[-1]
            if (
                item.kind == "vague"
                and len(candidates) > 1
                and candidates[-2].kind == "mention"
                and (
                    _LIST_GAP.fullmatch(text[candidates[-2].end : item.start])
                    or _COPULA_GAP.fullmatch(text[candidates[-2].end : item.start])
                )
            ):
                # "Sweden, Finland and the three Baltic states are drafting": the named
                # members of the list act; the group term is not expanded (guideline);
                # "Britain and France remain the only countries that have committed": a
                # group term as predicate noun describes the subject
                item = candidates[-2]
            # an inline list after a vague group: "several countries, including A and B"
            actors, via, vague = _resolve_item(
                item, prep, ctx, prev_subject, spk, vague_of.get(clause.parent, False)
            )
            if vague and g.get("list_inline") is not None:
                inline = g["list_inline"].search(text, item.end, limit)
                if inline:
                    members = [mm for mm in prep.mentions if inline.end() <= mm.start < limit]
                    if members:
                        actors, via, vague = [_mention_actor(mm) for mm in members], "list", False
        else:
            if clause.kind == "rel" and clause.antecedent is not None:
                ante = [
                    i
                    for i in prep.items
                    if i.kind == "mention"
                    and i.end <= clause.antecedent
                    and _RX18.fullmatch(text[i.end : clause.antecedent])
                ]
                if ante:
                    actors, via, vague = _resolve_item(ante[-1], prep, ctx, None, spk)
                    via = "relative"
                else:
                    # "contrasts with that of France and Britain, which have said ...":
                    # a relative pronoun takes its antecedent even inside a prepositional
                    # phrase (where it could not be a subject itself)
                    pp = [
                        Item(mm.start, mm.end, "mention", [mm])
                        for mm in prep.mentions
                        if mm.eligible and mm.end <= clause.antecedent
                    ]
                    if pp and _RX18.fullmatch(text[pp[-1].end : clause.antecedent]):
                        actors, via = _list_actors(text, pp[-1], pp), "relative"
            elif clause.kind == "report":
                item = clause.speaker_item
                if (
                    item is not None
                    and item.kind == "mention"
                    and not item.mentions[0].person
                    and item in prep.items  # not "officials in Bucharest" (no subject)
                ):
                    # "Poland, Italy and Greece have all said their soldiers will not ...":
                    # states listed as the subject of the report all say it
                    actors, via = _list_actors(text, item, prep.items), "speaker"
                elif item is not None:
                    actors, via = speaker_actor(item), "speaker"
                elif prev_subject is not None:
                    actors, via = prev_subject, "inherited"
                    vague = vague_of.get(clause.parent, False)
            elif clause.kind in {"coord", "sub"}:
                actors, via = prev_subject, "inherited"
                vague = vague_of.get(clause.parent, False) if clause.parent is not None else False
            if actors is None and not vague and gov is not None and spk:
                first_person = g.get("pronoun_speaker")
                in_clause = [
                    m
                    for m in (scans.all(first_person, "pronoun_speaker") if first_person else [])
                    if clause_of(m.start()) == c
                ]
                # "Part of the money will pay for air-defence systems, he added": a main
                # clause with no actor as subject states the speaker's own plan
                subjectless = (
                    clause.kind == "main"
                    and not candidates
                    and not _PASSIVE_BEFORE.search(text, max(0, gov.start - 12), gov.start)
                )
                if in_clause or clause.kind == "report" or subjectless:
                    actors, via = spk, "speaker"
        if actors is None and not vague and clause.kind == "main" and clause.speaker_item is None:
            pass
        # a report clause's own subject for later pronouns: the speaker
        subjects[c] = (
            actors
            if actors is not None
            else (speaker_actor(clause.speaker_item) if clause.kind == "report" else None)
        )
        vague_of[c] = vague
        # passive by-agent
        if gov is not None:
            for q in [gov] + [q for q in lexical if q is not gov and q.stance != "accepts"]:
                agent = _agent(text, q, prep.mentions)
                if agent is not None:
                    gov = q
                    actors, via, vague = [_mention_actor(agent)], "agent", False
                    break
        if actors is not None and len(actors) == 1 and not vague:
            subjects[c] = actors if subjects.get(c) is None else subjects[c]
        # "the 20th sanctions package, which Slovakia has held up": an object relative
        # clause with its own subject is about the support named by its antecedent
        if clause.kind == "rel" and not positions_terms and candidates and clause.antecedent:
            positions_terms = [
                t
                for t in terms
                if t.end <= clause.antecedent
                and _REL_GAP.fullmatch(text[t.end : clause.antecedent])
                and not any(t.end <= mm.start < clause.antecedent for mm in prep.mentions)
            ]
        # the apposition repeats the previous clause's terms
        if clause.kind == "appos" and not positions_terms:
            before = clause_of(clause.first - 1) if clause.first > 0 else -1
            positions_terms = [t for k, t in term_clauses if k in (before, clause.parent)]
        if plans:  # _plan_rows finds nothing in a sentence without "plan by" (performance)
            rows.extend(_plan_rows(doc_id, sentence_id, prep, c, positions_terms, spk, lex, plans))
        if gov is None and clause.kind == "coord" and clause.parent in governors:
            # "offered its airfields but no combat troops": the negated support shares the
            # previous clause's predicate
            negated_terms = [
                t for t in positions_terms if _TERM_NEGATED.search(text, clause.first, t.start)
            ]
            if negated_terms:
                gov, positions_terms = governors[clause.parent], negated_terms
        shared = None
        host = _verbless_list_host(prep, clause, c, governors) if gov is None else None
        if host is not None and positions_terms:
            # "willing to provide a backstop — intelligence, surveillance and air support",
            # "sticking to its line: no soldiers, but full use of its airports": a list
            # without verb or subject belongs to the predicate before it
            gov, shared = governors[host], readings[host]
            actors, via, vague = subjects.get(host), "inherited", False
        if gov is None:
            continue
        governors[c] = gov
        if shared is not None:
            stance, hedged, mode = shared
        else:
            stance, hedged, mode = _stance(
                text, clause, c, gov, clause_cues, candidates, cid, lex, scans
            )
        readings[c] = (stance, hedged, mode)
        if stance == "urges" and spk and clause.kind == "report" and _DEONTIC.match(gov.text):
            # "Rutte said allies should send more air defence": the speaker urges
            actors, via, vague = spk, "speaker", False
        hedged = hedged or hedge_sentence
        past = g.get("past_time")
        if gov.mode == "realised" and past is not None and scans.first(past, "past_time"):
            continue  # completed past aid ("have cleared mines since 2024") is history
        history = g.get("past_clause")
        if (
            history is not None
            and any(cid[m.start()] == c for m in scans.all(history, "past_clause"))
            and not any(cid[m.start()] == c for m in scans.all(g["future"], "future"))
        ):
            continue  # "were the first to send cruise missiles", "funded the first package
            # last August": history in the clause and nothing ahead
        real_terms = [t for t in positions_terms if not t.weak]
        chosen = real_terms or positions_terms
        if real_terms and len(real_terms) < len(positions_terms):
            # "pledged to deploy a force and to set up military hubs": a weak term alone in
            # its own coordinated infinitive still counts
            cuts = [m.start() for m in scans.all(_AND_TO)]
            strong = {bisect.bisect(cuts, t.start) for t in real_terms}
            chosen = [
                t
                for t in positions_terms
                if not t.weak or bisect.bisect(cuts, t.start) not in strong
            ]
        if (
            not chosen
            and clause.kind == "coord"
            and clause.parent is not None
            and via == "subject"
            and stance in {"offers", "considers", "rules_out", "objects"}
            and not _HAS_OBJECT.search(
                text, gov.end, next((i for i in range(gov.end, n) if cid[i] != c), n)
            )
        ):
            # "Canada is open to contributing to the force, while Spain declined to
            # commit": a contrasting clause with its own subject and no support of its own
            # is about the support of the clause it is coordinated with
            chosen = _absorb([t for k, t in term_clauses if k == clause.parent], text)
        if not chosen:
            # "Slovakia is also said to be holding out": repeat the previous support
            carry = g.get("carry_over")
            if (
                stance
                and actors
                and carry is not None
                and any(clause_of(m.start()) == c for m in scans.all(carry, "carry_over"))
                and ctx.previous_rows
            ):
                for commitment, old_stance in ctx.previous_rows:
                    if old_stance == ("rules_out" if stance == "objects" else stance):
                        for actor in actors:
                            if _no_row(actor, lex):
                                continue
                            rows.append(
                                _row(
                                    doc_id,
                                    sentence_id,
                                    actor,
                                    commitment,
                                    stance,
                                    hedged,
                                    _name(spk),
                                    text,
                                    gov.text,
                                    "carry-over",
                                    mode,
                                    lex,
                                )
                            )
            continue
        if stance is None:
            continue
        if vague:
            new_pending.extend(
                (
                    t.commitment,
                    "rules_out" if stance == "objects" else stance,
                    hedged,
                    f"{gov.text} | {t.text}",
                    mode,
                )
                for t in chosen
            )
            ctx.last_vague = True
            continue
        if not actors:
            # an owner right before the term stands in for a missing subject
            owners = [t for t in chosen if t.owner and t.owner != "OTHER"]
            if owners and stance not in {"opposes"}:
                for t in owners:
                    mm = next(m for m in prep.mentions if m.code == t.owner)
                    if mm.in_pp:
                        continue  # "bought through NATO's PURL scheme": a venue, not a giver
                    actors, via = [_mention_actor(mm)], "owner"
                    break
            if not actors:
                continue
        for t in chosen:
            if (
                t.commitment == "air"
                and "aircraft" in g
                and g["aircraft"].fullmatch(t.text)
                and g["delivery"].search(text)
                and not g["air_mission"].search(text)
            ):
                # "will transfer its older F-16s", "the first Belgian F-16s will reach
                # Ukraine", "leasing Gripen fighters": jets handed over are arms (guideline:
                # only jets flying a mission over Ukraine are air support)
                t = replace(t, commitment="arms")
            term_stance = stance
            if t.start >= gov.end and _TERM_NEGATED.search(text, gov.end, t.start):
                # "would help with logistics, with no troops on the ground"
                term_stance = _NEGATED.get(stance) if stance in {"offers", "considers"} else stance
                if term_stance is None:
                    continue
            elif (
                t.end <= gov.start
                and stance in {"offers", "considers"}
                and _NEGATED_SUBJECT_TERM.search(text, max(0, t.start - 20), t.start)
            ):
                # "not a single bullet from our army will go to this war": the support
                # itself is the negated subject
                term_stance = _NEGATED.get(stance)
                if term_stance is None:
                    continue
            for actor in actors:
                final = _final_stance(term_stance, actor, t.commitment, t.owner, lex)
                if final is None or _no_row(actor, lex):
                    continue
                if final == "urges" and (
                    _OWN_TERM.match(t.text)
                    or _OWN_BEFORE.search(text, max(0, t.start - 12), t.start)
                ):
                    continue  # "We need our forces at home": no call on others
                if (
                    t.commitment == "air"
                    and final in {"offers", "considers"}
                    and _own_airspace(text, c, cid, actor, prep.mentions)
                ):
                    continue  # "Romanian F-16s will police Romanian airspace" (guideline 3)
                rows.append(
                    _row(
                        doc_id,
                        sentence_id,
                        actor,
                        t.commitment,
                        final,
                        hedged,
                        # states listed as the speakers each say it themselves
                        actor[0] if via == "speaker" and len(actors) > 1 else _name(spk),
                        text,
                        f"{gov.text} | {t.text}",
                        via,
                        mode,
                        lex,
                    )
                )
    if new_pending:
        ctx.pending = new_pending
        ctx.pending_at = sentence_id
    # update the document context
    for mm in prep.mentions:
        if mm.person:
            ctx.last_person = _mention_actor(mm)
    for c in sorted(subjects):
        actors = subjects[c]
        if actors and len(actors) == 1 and actors[0][2] in {"state", "institution", "coalition"}:
            ctx.last_it = actors
        elif actors and len(actors) > 1:
            ctx.last_they = actors
            ctx.last_vague = False
    for t in prep.terms:
        if not t.weak and t.commitment in COMMITMENTS:
            ctx.recent.append(t.commitment)
            head = _HEAD_AFTER.match(text, t.end) or _HEAD_BEFORE.search(text, 0, t.start)
            if head:
                ctx.heads[head.group(1).lower()] = t.commitment
    ctx.previous_rows = sorted({(r[4], r[5]) for r in rows}) if rows else []
    # "similar contributions": the support named in this sentence, else coded in it
    ctx.previous_commitments = sorted(
        {t.commitment for t in terms if not t.weak and t.commitment in COMMITMENTS}
    ) or sorted({r[4] for r in rows})
    return rows


def _own_airspace(
    text: str, c: int, cid: Sequence[int], actor: Actor, mentions: list[Mention]
) -> bool:
    """Does clause ``c`` place the air support over the actor's own territory ("police
    Romanian airspace", "its own skies")? That is not a guarantee commitment."""
    for m in _AIRSPACE.finditer(text):
        if cid[m.start()] != c:
            continue
        if m.group(1):  # "its own airspace"
            return True
        owner = [mm for mm in mentions if 0 <= m.start() - mm.end <= 3]
        if owner and owner[-1].code == actor[1]:
            return True
    return False


def _plan_rows(
    doc_id: str,
    sentence_id: int,
    prep: Prepared,
    c: int,
    terms: list[Term],
    spk: list | None,
    lex: Lexicon,
    plans: list[re.Match] | None = None,
) -> list[tuple]:
    """ "Russia rejected a plan by Britain and France to station troops": the authors of the
    plan offer the support it names (whatever others say about it)."""
    text, cid = prep.text, prep.cid
    rows = []
    for m in _PLAN_BY.finditer(text) if plans is None else plans:
        if cid[m.start()] != c:
            continue
        to = text.find(" to ", m.end())
        if to < 0:
            continue
        authors = [mm for mm in prep.mentions if m.end() <= mm.start < to]
        between = [text[a.end : b.start] for a, b in zip(authors, authors[1:], strict=False)]
        if (
            not authors
            or authors[0].start != m.end()
            or any(not _RX19.fullmatch(gap) for gap in between)
        ):
            continue
        for t in terms:
            if t.start <= to or t.weak:
                continue
            for mm in authors:
                actor = _mention_actor(mm)
                if _no_row(actor, lex):
                    continue
                cue = f"{m.group().strip()} | {t.text}"
                rows.append(
                    _row(
                        doc_id,
                        sentence_id,
                        actor,
                        t.commitment,
                        "offers",
                        False,
                        _name(spk),
                        text,
                        cue,
                        "agent",
                        "intent",
                        lex,
                    )
                )
    return rows


def _agent(text: str, cue: Cue, mentions: list[Mention]) -> Mention | None:
    """The by-agent of a passive cue: "rejected by Moscow", "turned down by President X"."""
    agent = _AGENT.match(text, cue.end)
    if not agent:
        return None
    at = agent.end()
    for mm in mentions:
        if cue.end <= mm.start <= at:
            return mm
    return None


def _is_owner(item: Item, terms: list[Term]) -> bool:
    """A demonym item that only qualifies a support term ("European troops")."""
    if item.kind != "mention" or item.mentions[0].kind != "demonym":
        return False
    return any(0 <= t.start - item.end <= 2 for t in terms)


def _name(actors: list | None) -> str:
    return actors[0][0] if actors else ""


def _stance(
    text: str,
    clause: Clause,
    c: int,
    gov: Cue,
    cues: list[Cue],
    candidates: list[Item],
    cid: Sequence[int],
    lex: Lexicon,
    scans: _Scans | None = None,
) -> tuple[str | None, bool, str]:
    """Stance, hedged and mode of a clause governed by ``gov`` (``scans``: the sentence's
    regex matches found so far, performance only)."""
    g = lex.grammar
    if scans is None:
        scans = _Scans(text)
    start = candidates[-1].end if candidates else 0
    stance = gov.stance
    hedged = gov.hedged
    mode = gov.mode
    n = len(text)
    # negation between the subject and the governing cue (not inside the cue itself), or of
    # the subject itself ("no American soldiers would be deployed")
    negated = bool(candidates) and bool(
        _NEGATED_SUBJECT.search(text, max(0, candidates[-1].start - 20), candidates[-1].start)
    )
    exceptions = (
        [(m.start(), m.end()) for m in scans.all(g["negation_exception"], "negation_exception")]
        if "negation_exception" in g
        else []
    )
    # "Polish soldiers will not go to Ukraine": a modal governor's own negation follows it
    after_modal = _MODAL_NOT.match(text, gov.end) if gov.pos == "modal" else None
    for m in g["negation"].finditer(text, start, after_modal.end() if after_modal else gov.start):
        if not (0 <= m.start() < n and cid[m.start()] == c):
            continue
        if any(a <= m.start() < b for a, b in exceptions):
            continue
        negated = not negated
    if negated and stance == "offers" and _NOT_BEFORE.match(text, gov.end):
        # "no French soldier would deploy before a ceasefire was signed": timing, no refusal
        return None, hedged, mode
    if negated:
        stance = _NEGATED.get(stance)
    if not _absent(scans.low, *_NO_ANSWER_WORDS) and any(
        m.start() <= gov.start and (cid[m.start()] == c or _ASKED.match(text, m.end()))
        for m in _NO_ANSWER.finditer(text, 0, min(n, gov.end + 1))
    ):
        stance = None  # "declined to say whether soldiers would be part of it"
    if _undecided_or_hypothetical(text, c, gov, cid, scans.low):
        stance = None
    if (
        stance == "offers"
        and not _absent(scans.low, "whether")  # performance only (see _folded)
        and any(cid[m.start()] == c for m in _WHETHER.finditer(text, 0, gov.start))
    ):
        stance = "considers"  # "weighing whether to send", "asked whether X would send"
    elif stance == "accepts":
        stance = None
    # possibility modal in the verb group
    for q in cues:
        if q.pos == "modal" and q.text.lower() in _POSSIBILITY and start <= q.start <= gov.start:
            if q.text == "May" and _RX20.match(text[q.end :]):
                continue
            hedged = True
            if stance == "offers":
                stance = "considers"
        if q.pos == "modal" and start <= q.start <= gov.start:
            mode = "intent"
    # hedges in the clause
    hedge = g.get("hedge")
    if hedge is not None:
        for m in scans.all(hedge, "hedge"):
            if 0 <= m.start() < n and cid[m.start()] == c:
                if m.group() == "May" and _RX20.match(text[m.end() :]):
                    continue
                hedged = True
                break
    return stance, hedged, mode


def _verbless_list_host(
    prep: Prepared, clause: Clause, c: int, governors: dict[int, Cue]
) -> int | None:
    """The clause whose predicate a verbless list belongs to, None if not one.

    A dash apposition (host: the clause before the dash) or a 'but ...' clause (host: its
    parent) with no subject and no cue of its own (cues inside support terms, "air
    *support*", do not count), after an offer or consideration.
    """
    cid = prep.cid
    if clause.kind == "appos" and clause.first > 0:
        host = cid[clause.first - 1]
    elif clause.kind == "coord":
        host = clause.parent
    else:
        return None
    if host not in governors or governors[host].stance not in {"offers", "considers"}:
        return None
    own_terms = [t for t in prep.terms if cid[t.start] == c]
    if any(cid[i.start] == c for i in prep.items):
        return None
    for q in prep.cues:
        if cid[q.start] == c and not any(t.start <= q.start < t.end for t in own_terms):
            return None
    return host


def _undecided_or_hypothetical(
    text: str, c: int, gov: Cue, cid: Sequence[int], low: str | None = None
) -> bool:
    """ "has neither offered peacekeepers nor excluded the idea" (the cue stands between
    'neither' and 'nor'), "the question is not whether Europe can put soldiers ...": no
    commitment either way. (``low``: ``_folded(text)``, to skip a regex whose literals
    are absent; performance only.)"""
    if not _absent(low, "neither"):
        for m in _NEITHER_NOR.finditer(text, 0, min(len(text), gov.end + 200)):
            if m.start() <= gov.start < m.end() and cid[m.start()] == c:
                return True
    if _absent(low, *_QUESTION_WORDS):
        return False
    return any(m.end() <= gov.start for m in _OPEN_QUESTION.finditer(text, 0, gov.start))


def _row(
    doc_id: str,
    sentence_id: int,
    actor: Actor,
    commitment: str,
    stance: str,
    hedged: bool,
    speaker: str,
    sentence: str,
    cue: str,
    via: str,
    mode: str,
    lex: Lexicon,
) -> tuple:
    return (
        doc_id,
        sentence_id,
        actor[0],
        actor[1],
        commitment,
        stance,
        cameo_code(lex, commitment, stance, mode),
        bool(hedged),
        speaker,
        sentence,
        cue,
        via,
    )


# ------------------------------------------------------------------------ frontend


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in OUTPUT_COLUMNS})
    return frame.astype({"sentence_id": "int64", "hedged": "bool"})


def _finish(rows: list[tuple]) -> pd.DataFrame:
    if not rows:
        return _empty()
    seen: set[tuple] = set()
    unique = []
    for r in rows:
        key = (r[0], r[1], r[3], r[4])
        if key in seen:
            continue
        seen.add(key)
        unique.append(r)
    frame = pd.DataFrame(unique, columns=OUTPUT_COLUMNS)
    frame = frame.astype({c: "str" for c in OUTPUT_COLUMNS if c not in {"sentence_id", "hedged"}})
    frame = frame.astype({"sentence_id": "int64", "hedged": "bool"})
    return frame.sort_values(
        ["doc_id", "sentence_id", "actor_code", "commitment"], kind="stable", ignore_index=True
    )


_MENTION_FIELDS = ["actor", "actor_code", "actor_type", "kind", "person"]


def _group_mentions(sentences: pd.DataFrame, mentions: pd.DataFrame | None) -> dict:
    """{(doc_id, sentence_id): [(start, end, actor, code, type, kind, person), ...]}."""
    grouped: dict[tuple[str, int], list[tuple]] = {}
    if mentions is None or mentions.empty:
        return grouped
    # .tolist() first: iterating pandas (Arrow-backed) columns element by element is slow
    offsets = {
        (d, int(s)): int(o)
        for d, s, o in zip(
            sentences["doc_id"].tolist(),
            sentences["sentence_id"].tolist(),
            sentences["start"].tolist(),
            strict=True,
        )
    }
    columns = [
        mentions[c].tolist() if c in mentions.columns else [""] * len(mentions)
        for c in _MENTION_FIELDS
    ]
    for d, s, a, b, *rest in zip(
        mentions["doc_id"].tolist(),
        mentions["sentence_id"].tolist(),
        mentions["start"].tolist(),
        mentions["end"].tolist(),
        *columns,
        strict=True,
    ):
        key = (d, int(s))
        offset = offsets.get(key)
        if offset is None:
            continue
        rest = ["" if v is None or v != v else str(v) for v in rest]
        grouped.setdefault(key, []).append((int(a) - offset, int(b) - offset, *rest))
    for value in grouped.values():
        value.sort()
    return grouped


def _documents(sentences: pd.DataFrame) -> Iterable[tuple[str, list[tuple[int, int, str]]]]:
    frame = sentences.sort_values(["doc_id", "sentence_id"], kind="stable")
    paragraphs = frame["paragraph_id"] if "paragraph_id" in frame.columns else frame["sentence_id"]
    current = None
    block: list[tuple[int, int, str]] = []
    for d, s, p, t in zip(
        frame["doc_id"], frame["sentence_id"], paragraphs, frame["text"], strict=True
    ):
        if d != current:
            if current is not None:
                yield current, block
            current, block = d, []
        block.append((int(s), int(p), str(t)))
    if current is not None:
        yield current, block


def _quote_speakers(prepared: list[Prepared]) -> list[Item | None]:
    """For each sentence inside a quote, the speaker named where the quote closes."""
    result: list[Item | None] = [None] * len(prepared)
    run: list[int] = []
    inside = False
    paragraph = None
    for index, prep in enumerate(prepared):
        if prep.paragraph != paragraph:
            inside, run, paragraph = False, [], prep.paragraph
        quoted = inside
        closes = False
        for ch in _QUOTE_MARKS.findall(prep.text):  # the only characters that matter
            if ch == "“" or (ch == '"' and not inside):
                inside = quoted = True
            elif ch == "”" or (ch == '"' and inside):
                inside = False
                closes = True
        if quoted:
            run.append(index)
        if closes and not inside:
            speaker = prep.speaker_item
            if speaker is not None:
                for j in run:
                    if prepared[j].speaker_item is None:
                        result[j] = speaker
            run = []
    return result


def _answer_speakers(prepared: list[Prepared]) -> list[Item | None]:
    """For each sentence of an interview answer, the interviewee.

    An interview prints its turns as paragraphs opening with a label and a colon: "Q:" and
    "A:", or names ("Euronews:", "Sandvik:"). The interviewer's label is "Q"/"Question" or
    a label whose turns mostly ask questions; every other label answers. An answer speaks
    for the person named in its label, else for the interviewee of the introduction (the
    first person, else the first possessive state such as "Norway's defence minister",
    named before the first turn).
    """
    result: list[Item | None] = [None] * len(prepared)
    turns: dict[int, str] = {}  # paragraph -> label
    asks: dict[str, list[bool]] = {}
    first_turn = None
    paragraph = None
    for index, prep in enumerate(prepared):
        if prep.paragraph != paragraph:
            paragraph = prep.paragraph
            label = _TURN_LABEL.match(prep.text)
            if label:
                name = label.group(1)
                turns[paragraph] = name
                first_turn = index if first_turn is None else first_turn
                asks.setdefault(name, []).append(False)
        if prep.paragraph in turns and _QUESTION_END.search(prep.text):
            asks[turns[prep.paragraph]][-1] = True
    questioners = {
        name
        for name, flags in asks.items()
        if name.lower() in {"q", "question"} or sum(flags) * 2 >= len(flags)
    }
    answerers = set(asks) - questioners
    if not questioners or not answerers:
        # no labelled turns (a label and a colon are also headline style): perhaps an
        # interview printed without labels
        return _unlabelled_answer_speakers(prepared)
    interviewee = _interviewee(prepared[:first_turn])
    speaker = None
    paragraph = None
    for index, prep in enumerate(prepared):
        if prep.paragraph != paragraph:
            paragraph, speaker = prep.paragraph, None
            if turns.get(paragraph) in answerers:
                end = _TURN_LABEL.match(prep.text).end()
                named = [mm for mm in prep.mentions if mm.person and mm.end <= end]
                speaker = (
                    Item(named[0].start, named[0].end, "mention", [named[0]])
                    if named
                    else interviewee
                )
        result[index] = speaker
    return result


def _interviewee(intro: list[Prepared]) -> Item | None:
    """The interviewee named in an interview's introduction: its first person, else its
    first possessive state ("Norway's defence minister")."""
    mentions = [mm for p in intro for mm in p.mentions]
    chosen = next((mm for mm in mentions if mm.person), None) or next(
        (mm for mm in mentions if mm.possessive and mm.atype == "state"), None
    )
    return Item(chosen.start, chosen.end, "mention", [chosen]) if chosen else None


def _unlabelled_answer_speakers(prepared: list[Prepared]) -> list[Item | None]:
    """:func:`_answer_speakers` for an interview printed without labels: after an
    introduction that says it is an interview, short paragraphs (at most three sentences)
    ending with a question are the interviewer's, and the paragraphs after each of them,
    up to the next question, are the interviewee's answers (at least two such questions)."""
    result: list[Item | None] = [None] * len(prepared)
    paragraphs: dict[int, list[int]] = {}
    for index, prep in enumerate(prepared):
        paragraphs.setdefault(prep.paragraph, []).append(index)
    asking = [
        p
        for p, members in paragraphs.items()
        if len(members) <= 3 and _QUESTION_END.search(prepared[members[-1]].text)
    ]
    if len(asking) < 2:
        return result
    first = paragraphs[asking[0]][0]
    intro = prepared[:first]
    if not any(_INTERVIEW.search(p.text) for p in intro):
        return result
    interviewee = _interviewee(intro)
    if interviewee is None:
        return result
    asking_set = set(asking)
    answering = False
    for index in range(first, len(prepared)):
        paragraph = prepared[index].paragraph
        if paragraphs[paragraph][0] == index:  # a new paragraph
            answering = paragraph not in asking_set
        if answering:
            result[index] = interviewee
    return result


def extract_commitments(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None,
    cues: Lexicon | str | Path | None = None,
    *,
    cache: bool = True,
) -> pd.DataFrame:
    """Code who offers, considers, rules out, urges or opposes which support.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The ``sentences`` table of :mod:`analysis.tokens` (``doc_id, sentence_id,
        paragraph_id, start, end, text``; ``paragraph_id`` optional).
    mentions : pandas.DataFrame
        The ``mentions`` table of :mod:`analysis.actors` (``doc_id, sentence_id, start,
        end, actor, actor_code, actor_type, kind, person``; offsets in the document).
    cues : Lexicon, str or Path, optional
        A compiled lexicon or a folder of cue CSVs; default ``data/cues``.
    cache : bool, default True
        Reuse the context-free analysis of a sentence seen before with the same mentions
        (a bounded per-process LRU cache, :data:`PREPARE_CACHE_SIZE`). Performance only:
        the result is the same either way.

    Returns
    -------
    pandas.DataFrame
        The ``commitments`` table (see the module docstring): columns
        :data:`COMMITMENT_COLUMNS` then :data:`EXTRA_COLUMNS`, sorted; an empty, typed
        frame for empty input.
    """
    if sentences is None or sentences.empty:
        return _empty()
    lex = _lexicon(cues)
    grouped = _group_mentions(sentences, mentions)
    rows: list[tuple] = []
    for doc_id, block in _documents(sentences):
        prepare = _prepare_cached if cache else _prepare
        prepared = [prepare(text, p, grouped.get((doc_id, s), []), lex) for s, p, text in block]
        quote = [
            q or a
            for q, a in zip(_quote_speakers(prepared), _answer_speakers(prepared), strict=True)
        ]
        ctx = Context()
        for (sentence_id, _, _), prep, q in zip(block, prepared, quote, strict=True):
            if prep.skip:
                continue
            if prep.empty:
                ctx.previous_rows, ctx.previous_commitments = [], []
                continue
            found = _analyse(doc_id, sentence_id, prep, ctx, q, lex)  # updates the context
            if not (_QUESTION_END.search(prep.text) or _WHETHER_OPEN.match(prep.text)):
                # "Will Finland send soldiers?" asks; "Whether that would extend to ... is
                # still unclear" is an open question
                rows.extend(found)
    return _finish(rows)


def baseline_commitments(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None,
    cues: Lexicon | str | Path | None = None,
) -> pd.DataFrame:
    """The naive baseline: every actor mention x every support term of a sentence.

    Stance is always ``offers``; no negation, no clause grammar, no cross-sentence
    resolution. Same columns as :func:`extract_commitments` (``resolved_via`` is
    ``"baseline"``), so both are scored the same way.
    """
    if sentences is None or sentences.empty:
        return _empty()
    lex = _lexicon(cues)
    grouped = _group_mentions(sentences, mentions)
    no_row = lex.words.get("no_row_actor", frozenset())
    rows = []
    for doc_id, block in _documents(sentences):
        for sentence_id, _, text in block:
            found = grouped.get((doc_id, sentence_id), [])
            if not found:
                continue
            terms = _leftmost_longest(text, lex.term_index, lambda m, r: (r.commitment, m.group()))
            for _start, _end, actor, code, atype, kind, _person in found:
                if code in no_row and kind == "demonym":
                    continue
                for commitment, word in terms:
                    if commitment not in COMMITMENTS:  # anaphoric terms need resolution
                        continue
                    rows.append(
                        _row(
                            doc_id,
                            sentence_id,
                            (actor, code, atype, kind),
                            commitment,
                            "offers",
                            False,
                            "",
                            text,
                            word,
                            "baseline",
                            "intent",
                            lex,
                        )
                    )
    return _finish(rows)


def commitment_matrix(commitments: pd.DataFrame) -> pd.DataFrame:
    """Actors x commitment types: the stances each actor takes on each type of support.

    Parameters
    ----------
    commitments : pandas.DataFrame
        A commitments table (needs ``actor, commitment, stance, hedged``), e.g. from
        :func:`extract_commitments`.

    Returns
    -------
    pandas.DataFrame
        One row per actor (index ``actor``), ordered by number of commitment rows
        (descending) then name; one column per commitment type present, in the canonical
        order of ``COMMITMENTS``. A cell lists the distinct stances found, in the order of
        ``STANCES``, joined by ", "; a stance only ever reported hedged gets a trailing "?"
        ("considers?"). Cells with no stance are "".
    """
    if commitments.empty:
        return pd.DataFrame(index=pd.Index([], name="actor"), dtype=str)
    counts = commitments["actor"].value_counts()
    actors = sorted(counts.index, key=lambda a: (-counts[a], a))
    present = set(commitments["commitment"])
    columns = [c for c in COMMITMENTS if c in present]
    # a stance is hedged only if every row of it is hedged
    hedged = commitments.groupby(["actor", "commitment", "stance"])["hedged"].all()
    cells: dict[tuple[str, str], list[str]] = {}
    for (actor, commitment, stance), only_hedged in hedged.items():
        cells.setdefault((actor, commitment), []).append((stance, bool(only_hedged)))
    order = {s: i for i, s in enumerate(STANCES)}
    table = pd.DataFrame("", index=pd.Index(actors, name="actor"), columns=columns, dtype=str)
    for (actor, commitment), found in cells.items():
        found.sort(key=lambda p: order.get(p[0], len(order)))
        table.loc[actor, commitment] = ", ".join(s + ("?" if h else "") for s, h in found)
    table.columns.name = "commitment"
    return table
