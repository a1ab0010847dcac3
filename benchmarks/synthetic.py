"""A seeded, reproducible synthetic news corpus about Ukraine's post-war security guarantees.

Articles are built from varied sentence templates filled with real actor names (states,
capitals, leaders with their roles, alliances), commitments that are offered, considered,
hedged, conditioned or ruled out, quotes with typographic quotes and apostrophes, stock
background sentences that real coverage repeats, and boilerplate lines (social promotions,
"Read also" teasers, advertisement residue) that the corpus loader removes. About 10% of
the articles reprint two to four paragraphs of a shared wire story verbatim, as outlets do
with agency copy.

Article ``i`` depends only on ``(seed, i)``: a corpus of N articles is the first N articles of
any larger corpus with the same seed.

Usage::

    from benchmarks.synthetic import write_corpus
    files = write_corpus(Path("corpus"), 1000, seed=7)
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

# (country, adjective, capital, leader, role)
STATES: list[tuple[str, str, str, str, str]] = [
    ("France", "French", "Paris", "Emmanuel Macron", "President"),
    ("the United Kingdom", "British", "London", "Keir Starmer", "Prime Minister"),
    ("Germany", "German", "Berlin", "Friedrich Merz", "Chancellor"),
    ("Poland", "Polish", "Warsaw", "Donald Tusk", "Prime Minister"),
    ("Italy", "Italian", "Rome", "Giorgia Meloni", "Prime Minister"),
    ("the United States", "US", "Washington", "Donald Trump", "President"),
    ("Canada", "Canadian", "Ottawa", "Mark Carney", "Prime Minister"),
    ("Turkey", "Turkish", "Ankara", "Recep Tayyip Erdogan", "President"),
    ("Finland", "Finnish", "Helsinki", "Alexander Stubb", "President"),
    ("Sweden", "Swedish", "Stockholm", "Ulf Kristersson", "Prime Minister"),
    ("Norway", "Norwegian", "Oslo", "Jonas Gahr Store", "Prime Minister"),
    ("Denmark", "Danish", "Copenhagen", "Mette Frederiksen", "Prime Minister"),
    ("Estonia", "Estonian", "Tallinn", "Kristen Michal", "Prime Minister"),
    ("Lithuania", "Lithuanian", "Vilnius", "Gitanas Nauseda", "President"),
    ("Latvia", "Latvian", "Riga", "Evika Silina", "Prime Minister"),
    ("the Netherlands", "Dutch", "The Hague", "Dick Schoof", "Prime Minister"),
    ("Belgium", "Belgian", "Brussels", "Bart De Wever", "Prime Minister"),
    ("Spain", "Spanish", "Madrid", "Pedro Sanchez", "Prime Minister"),
    ("Australia", "Australian", "Canberra", "Anthony Albanese", "Prime Minister"),
    ("Japan", "Japanese", "Tokyo", "Shigeru Ishiba", "Prime Minister"),
    ("Hungary", "Hungarian", "Budapest", "Viktor Orban", "Prime Minister"),
    ("Slovakia", "Slovak", "Bratislava", "Robert Fico", "Prime Minister"),
    ("Romania", "Romanian", "Bucharest", "Nicusor Dan", "President"),
    ("the Czech Republic", "Czech", "Prague", "Petr Fiala", "Prime Minister"),
]
UKRAINE = ("Ukraine", "Ukrainian", "Kyiv", "Volodymyr Zelensky", "President")
RUSSIA = ("Russia", "Russian", "Moscow", "Vladimir Putin", "President")
OFFICIALS: list[tuple[str, str]] = [
    ("Defense Minister", "defence ministry"),
    ("Foreign Minister", "foreign ministry"),
    ("Deputy Defense Minister", "defence ministry"),
    ("national security adviser", "government"),
]
SURNAMES = [
    "Zalewski", "Kosiniak-Kamysz", "Sikorski", "Pistorius", "Wadephul", "Healey", "Lammy",
    "Barrot", "Lecornu", "Crosetto", "Tajani", "Hegseth", "Rubio", "Pevkur", "Tsahkna",
    "Sakaliene", "Brekelmans", "Francken", "Robles", "Marles", "Szijjarto", "Blanar",
    "Umerov", "Sybiha", "Yermak", "Budanov", "Lavrov", "Peskov", "Zakharova", "Kallas",
]  # fmt: skip
ORGANISATIONS = [
    ("NATO", "NATO Secretary General Mark Rutte"),
    ("the European Union", "European Commission President Ursula von der Leyen"),
    ("the EU", "EU foreign policy chief Kaja Kallas"),
    ("the coalition of the willing", "the coalition's planners"),
]
COMMITMENTS = [
    "send troops to Ukraine",
    "deploy ground forces after a ceasefire",
    "contribute soldiers to a reassurance force",
    "provide air policing over western Ukraine",
    "offer logistics support through its bases",
    "open its airfields and rail hubs to the mission",
    "train Ukrainian brigades on its own territory",
    "supply air defence systems",
    "deliver long-range missiles",
    "fund weapons purchases for Kyiv",
    "keep sanctions on Moscow in place",
    "lead naval mine-clearing in the Black Sea",
    "share intelligence with Ukrainian commanders",
    "back a US security backstop",
    "guarantee a ceasefire monitoring mission",
]
OFFER = [
    "{a} will {c}, {who} said on {day}.",
    "{a} is ready to {c}, according to {who}.",
    "{who} said {a} would {c} as part of the security guarantees.",
    "{a} has pledged to {c} once a peace deal is signed.",
    "{A} confirmed on {day} that it will {c} for at least {n} years.",
    "Officials in {cap} said {a} stands ready to {c}.",
]
REFUSE = [
    "{A} has ruled out plans to {c}, {who} said on {day}.",
    "{who} said {a} will not {c} under any circumstances.",
    "{a} refuses to {c}, citing the threat on its own border.",
    "{A} cannot {c} because it must keep its forces at home, {who} said.",
    "There are no plans for {a} to {c}, officials in {cap} told reporters.",
]
HEDGE = [
    "{A} could {c} if the United States provides a backstop, {who} said.",
    "{who} said {a} may be willing to {c}, but only after a ceasefire.",
    "{A} is considering whether to {c}, according to people familiar with the talks.",
    "{a} might {c} in the future, {who} told {paper} on {day}.",
    "{A} would only {c} with a mandate from the United Nations, officials in {cap} said.",
    "{who} did not rule out that {a} could {c}.",
]
QUOTES = [
    "“We will not weaken our forces by sending them abroad,” {attr}.",
    "“Everyone understands this,” {attr}.",
    "“There will be no security guarantees without {a},” {attr}.",
    "“Ukraine’s security is Europe’s security,” {attr}.",
    "“We are ready to {c}, but we need the Americans,” {attr}.",
    "“Putin must understand that {a} will not back down,” {attr}.",
    "“It’s too early to talk about numbers,” {attr}, adding that talks continue.",
    '"Nobody is talking about troops on the front line," {attr}.',
    "“{A} will {c} — that is our offer,” {attr}.",
    "“We cannot {c} while our own border is under threat,” {attr}.",
]
PREFIXES = [
    "On {day}, ",
    "Speaking in {cap}, ",
    "After a call with {who2}, ",
    "In an interview with {paper}, ",
    "At a meeting of {n} defence ministers, ",
    "Earlier this month, ",
    "According to {paper}, ",
]
PREFIXABLE = frozenset(t for t in OFFER + REFUSE + HEDGE if t.startswith(("{a}", "{A}")))
ATTRIBUTIONS = [
    "{who} said",
    "{who} said on {day}",
    "{who} told {paper}",
    "{who} told {paper} on {day}",
    "{who} said in {cap}",
    "{who} wrote on X on {day}",
    "{who} told reporters in {cap} on {day}",
]
CONTEXT = [
    "The talks in {cap} on {day} brought together defence chiefs from {n} countries.",
    "Around {k},000 troops could be needed for a reassurance force, {paper} reported on {day}.",
    "{A} already hosts a logistics hub near the border through which {p}% of aid passes.",
    "The plan discussed in {cap} would see {adj2} forces stationed {km} km from the front line.",
    "Moscow has said it would not accept {adj2} troops in Ukraine, {paper} noted on {day}.",
    "{who} met {who2} in {cap} on {day} to discuss the guarantees.",
    "The proposal will be discussed again at a meeting in {cap} on {day}, {who} said.",
    "{A} spends {f} percent of its GDP on defence, according to NATO figures.",
    "Diplomats in {cap} said a draft of the guarantees could be ready within {n} weeks.",
    "The Kremlin dismissed the talks in {cap} as {adj}, {paper} reported.",
    "{A} has sent {m} air defence systems and {k} tanks to Ukraine since 2022.",
    "{who} is due to visit {cap} on {day}, {paper} reported.",
]
STOCK = [
    "Russia launched its full-scale invasion of Ukraine in February 2022.",
    "Kyiv has insisted that any peace deal must include firm security guarantees.",
    "Western leaders have discussed guarantees modelled on NATO’s Article 5.",
    "The coalition of the willing is led by France and the United Kingdom.",
    "Ukraine has asked for air defence systems to protect its cities and energy grid.",
    "Russia has said it will not accept NATO troops in Ukraine.",
]
PROMOTIONS = [
    "Follow our coverage of the war on the @Kyivpost_official.",
    "Subscribe to our Telegram channel for the latest updates.",
    "Advertisement",
    "Share this article",
]
TEASERS = [
    "New US Arms Deal for Ukraine",
    "Patriots to Starlink: What Europe Can Offer",
    "Inside the Coalition of the Willing",
    "Why Poland Says No to Troops",
]
SOURCES = ["Kyiv Post", "Wire Service", "Baltic Daily", "Euro Defence Review", "The Observer Desk"]
PAPERS = ["Reuters", "AFP", "RMF24", "Le Monde", "Der Spiegel", "the BBC", "Politico"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ADJECTIVES = ["premature", "provocative", "meaningless", "a threat", "unacceptable"]
WIRE_STORIES = 40
WIRE_SHARE = 0.10


def _speaker(rng: random.Random, state: tuple[str, str, str, str, str]) -> str:
    country, adjective, _, leader, role = state
    pick = rng.random()
    if pick < 0.45:
        return f"{adjective} {role} {leader}"
    if pick < 0.65:
        return leader.split()[-1]
    if pick < 0.9:
        office, _ = rng.choice(OFFICIALS)
        return f"{adjective} {office} {rng.choice(SURNAMES)}"
    return f"a spokesperson for {country}’s {rng.choice(OFFICIALS)[1]}"


def _fill(rng: random.Random, template: str, state: tuple[str, str, str, str, str]) -> str:
    country, _, capital, _, _ = state
    other = rng.choice(STATES + [UKRAINE])
    if rng.random() < 0.08:
        org, org_speaker = rng.choice(ORGANISATIONS)
        country, who = org, org_speaker
    else:
        who = _speaker(rng, state)
    fields = dict(
        a=country,
        A=country[0].upper() + country[1:],
        c=rng.choice(COMMITMENTS),
        who=who,
        who2=_speaker(rng, other),
        day=rng.choice(DAYS),
        cap=capital,
        n=rng.randint(2, 40),
        k=rng.randint(5, 60),
        p=rng.randint(50, 95),
        f=f"{rng.uniform(1.2, 4.9):.1f}",
        paper=rng.choice(PAPERS),
        adj=rng.choice(ADJECTIVES),
        adj2=rng.choice(["European", "Western", "foreign", "NATO", "British and French"]),
        km=rng.randint(20, 400),
        m=rng.randint(1, 12),
    )
    fields["attr"] = rng.choice(ATTRIBUTIONS).format(**fields)
    text = template.format(**fields)
    if template in PREFIXABLE and rng.random() < 0.5:
        text = rng.choice(PREFIXES).format(**fields) + text
    return text[0].upper() + text[1:]


def _sentence(rng: random.Random) -> str:
    state = rng.choice(STATES) if rng.random() < 0.85 else rng.choice([UKRAINE, RUSSIA])
    kind = rng.random()
    if kind < 0.18:
        pool = OFFER
    elif kind < 0.32:
        pool = REFUSE
    elif kind < 0.46:
        pool = HEDGE
    elif kind < 0.62:
        pool = QUOTES
    elif kind < 0.94:
        pool = CONTEXT
    else:
        return rng.choice(STOCK)
    return _fill(rng, rng.choice(pool), state)


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randint(1, 4))) for _ in range(count)]


def wire_story(seed: int, number: int) -> list[str]:
    """Paragraphs of shared wire story ``number`` (reprinted verbatim by some articles)."""
    return _paragraphs(random.Random(f"wire-{seed}-{number}"), 6)


def article(seed: int, index: int) -> dict:
    """JSONL record of synthetic article ``index`` (``id``, ``title``, ``source``, ``date``,
    ``text``)."""
    rng = random.Random(f"article-{seed}-{index}")
    paragraphs = _paragraphs(rng, rng.randint(8, 16))
    if rng.random() < WIRE_SHARE:
        wire = wire_story(seed, rng.randrange(WIRE_STORIES))
        start = rng.randrange(len(wire) - 2)
        position = rng.randint(0, len(paragraphs))
        paragraphs[position:position] = wire[start : start + rng.randint(2, 4)]
    # Boilerplate the loader removes: promotions and a teaser block (header + 2 lines).
    if rng.random() < 0.6:
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(PROMOTIONS))
    if rng.random() < 0.4:
        paragraphs += ["Other Topics of Interest", rng.choice(TEASERS), _sentence(rng)]
    if rng.random() < 0.3:
        paragraphs.insert(rng.randint(1, len(paragraphs)), f"READ ALSO: {rng.choice(TEASERS)}")
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return {
        "id": f"syn-{seed}-{index:08d}",
        "title": paragraphs[0].split(". ")[0][:100],
        "source": rng.choice(SOURCES),
        "date": f"2025-{month:02d}-{day:02d}",
        "text": "\n".join(paragraphs),
    }


def articles(count: int, seed: int = 7) -> Iterator[dict]:
    """The first ``count`` synthetic articles for ``seed``."""
    for index in range(count):
        yield article(seed, index)


def write_corpus(folder: Path, count: int, seed: int = 7, per_file: int = 1000) -> list[Path]:
    """Write ``count`` articles as JSONL partitions of ``per_file`` records into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    for part, first in enumerate(range(0, count, per_file)):
        path = folder / f"part-{part:05d}.jsonl"
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            for index in range(first, min(first + per_file, count)):
                handle.write(json.dumps(article(seed, index), ensure_ascii=False) + "\n")
        files.append(path)
    return files
