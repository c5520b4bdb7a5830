"""Claims across articles: one quantity side by side, disagreements flagged only about one subject."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from onrecord.claims import (
    AGREE, DIFFERENT, DISAGREE, Claim, bounds, claims_of, compare, normalise_unit,
)
from onrecord.model import Amount, Article, Span, Speaker, Statement
from onrecord.nlp.claims import attach_claims


def article(text: str, site: str, published: str, *amounts: tuple[str, str, dict],
            speaker: tuple[str, str] | None = None) -> Article:
    """An analysed-looking record: each amount given as (its words, its subject's words, numbers);
    ``speaker`` = (name, the statement's words) makes the amounts inside that statement his."""
    statements = ()
    if speaker is not None:
        name, said = speaker
        start = text.index(said)
        statements = (Statement("s1", "indirect", said, start, start + len(said), speaker=Speaker(name)),)
    found = []
    for words, about, numbers in amounts:
        start = text.index(words)
        owner = next((s for s in statements if s.start <= start < s.end), None)
        subject = text.index(about) if about else None
        found.append(Amount(words, start, start + len(words), **numbers,
                            statement=owner.id if owner else None,
                            claimed_by=owner.speaker.name if owner else None,
                            about=Span.of(text, subject, subject + len(about)) if about else None))
    return Article(text, source=f"https://{site}/news/1", site=site, published=published,
                   statements=statements, amounts=tuple(found))


MORE_THAN_60K = {"value": 60000.0, "low": 60000.0, "high": None, "unit": "soldiers", "qualifier": "more than"}


def herald(numbers: dict = MORE_THAN_60K, words: str = "more than 60,000 soldiers") -> Article:
    return article(f"Valdoria has massed {words} near the border of Ostrana.",
                   "herald.example", "2031-03-01", (words, "Valdoria", numbers))


def courier(words: str, numbers: dict, about: str = "Valdoria") -> list[Claim]:
    text = f"General Ilse Marr said {about} had {words} on the border."
    return claims_of(article(text, "courier.example", "2031-03-02", (words, about, numbers),
                             speaker=("Ilse Marr", text[text.index(about):-1])))


def test_claims_carry_where_when_and_who() -> None:
    (claim,) = claims_of(herald())
    assert (claim.site, claim.published, claim.claimant) == ("herald.example", "2031-03-01", "herald.example")
    assert claim.claimed_by is None and claim.statement is None
    assert (claim.quantity, claim.about, claim.about_key) == ("troops", "Valdoria", "valdoria")
    (said,) = courier("50,000 troops", {"value": 50000.0, "low": 50000.0, "high": 50000.0, "unit": "troops"})
    assert said.claimant == "Ilse Marr" and said.statement == "s1"
    assert said.to_dict()["claimant"] == "Ilse Marr"


def test_incompatible_numbers_about_one_subject_disagree() -> None:
    said = courier("50,000 troops", {"value": 50000.0, "low": 50000.0, "high": 50000.0, "unit": "troops"})
    (group,) = compare(claims_of(herald()) + said)
    assert group.quantity == "troops"
    assert group.verdict == DISAGREE
    assert [c.verdict for c in group.comparisons] == [DISAGREE]
    assert set(group.claimants) == {"herald.example", "Ilse Marr"}


def test_compatible_numbers_agree_with_a_tolerance_for_nearly() -> None:
    said = courier("nearly 70,000 servicemen",
                   {"value": 70000.0, "low": None, "high": 70000.0, "unit": "servicemen", "qualifier": "nearly"})
    (group,) = compare(claims_of(herald()) + said)
    assert group.verdict == AGREE
    about = {"value": 55000.0, "low": None, "high": None, "unit": "troops", "qualifier": "about"}
    (group,) = compare(claims_of(herald()) + courier("about 55,000 troops", about))
    assert group.verdict == AGREE      # about 55,000 may be 60,500: more than 60,000
    exact = {"value": 52000.0, "low": 52000.0, "high": 52000.0, "unit": "troops"}
    (group,) = compare(claims_of(herald()) + courier("52,000 troops", exact))
    assert group.verdict == DISAGREE


def test_different_subjects_are_shown_together_not_as_a_contradiction() -> None:
    said = courier("20,000 troops", {"value": 20000.0, "low": 20000.0, "high": 20000.0, "unit": "troops"},
                   about="Ostrana")
    (group,) = compare(claims_of(herald()) + said)
    assert len(group.claims) == 2
    assert group.verdict == DIFFERENT
    assert set(group.subjects) == {"valdoria", "ostrana"}


def test_about_keeps_claims_whose_subject_or_unit_matches() -> None:
    budget = article("Ostrana's budget of $2 billion was approved.", "courier.example", "2031-03-03",
                     ("$2 billion", "Ostrana", {"value": 2e9, "low": 2e9, "high": 2e9, "unit": "USD"}))
    troops = courier("20,000 troops", {"value": 20000.0, "low": 20000.0, "high": 20000.0, "unit": "troops"},
                     about="Ostrana")
    claims = claims_of(herald()) + troops + claims_of(budget)
    assert [g.quantity for g in compare(claims, min_claims=1)] == ["troops", "USD"]
    (group,) = compare(claims, about="soldiers")
    assert group.quantity == "troops" and len(group.claims) == 2
    ostrana = compare(claims, about="Ostrana", min_claims=1)
    assert sorted(g.quantity for g in ostrana) == ["USD", "troops"]
    assert all(c.about_key == "ostrana" for g in ostrana for c in g.claims)
    (group,) = compare(claims, about="Valdoria soldiers", min_claims=1)
    assert [c.about for c in group.claims] == ["Valdoria"]
    assert compare(claims, about="tanks", min_claims=1) == []


def test_one_source_repeating_itself_is_not_compared() -> None:
    text = "Valdoria has 9 tanks. Valdoria has 12 tanks."
    numbers = {"low": None, "high": None, "unit": "tanks"}
    first = Amount("9 tanks", 13, 20, value=9.0, **numbers, about=Span.of(text, 0, 8))
    second = Amount("12 tanks", 35, 43, value=12.0, **numbers, about=Span.of(text, 22, 30))
    (group,) = compare(claims_of(Article(text, site="herald.example", amounts=(first, second))))
    assert group.comparisons == () and group.verdict == "single"


def test_units_and_bounds() -> None:
    assert {normalise_unit(u) for u in ("soldiers", "Troops", "troop", "servicemen")} == {"troops"}
    assert normalise_unit("USD") == "USD" and normalise_unit("tank") == normalise_unit("tanks")
    (claim,) = claims_of(herald())
    assert bounds(claim) == (60000.0, float("inf"))


def test_founding_example_puts_both_troop_counts_side_by_side(analyzer, founding_path: Path) -> None:
    analysed = analyzer.analyse(Article(founding_path.read_text(encoding="utf-8"), site="founding.example"))
    (doc, _), = analyzer.parse_many([analysed])
    amounts = attach_claims(doc, list(analysed.amounts), list(analysed.statements))
    record = dataclasses.replace(analysed, amounts=tuple(amounts))
    by_text = {a.text: a for a in record.amounts}
    putin, outlet = by_text["100,000—125,000 troops"], by_text["more than 100,000 troops"]
    assert putin.about is not None and putin.about.text == "Ukraine"
    assert putin.claimed_by == "Vladimir Putin"
    assert outlet.about is not None and outlet.about.text == "Russia"
    assert outlet.claimed_by is None
    (group,) = compare(claims_of(record), about="troops")
    assert {c.text for c in group.claims} == {"100,000—125,000 troops", "more than 100,000 troops"}
    assert group.verdict == DIFFERENT


def test_a_common_quantity_is_bounded_and_only_one_subjects_claims_are_paired() -> None:
    base = claims_of(herald())[0]
    many = [dataclasses.replace(base, article=f"a{n:03d}", published=f"2031-03-{n % 28 + 1:02d}",
                                about_key=f"country {n % 3}", about=f"Country {n % 3}")
            for n in range(250)]
    (group,) = compare(many, per_group=30)
    assert group.total == 250 and len(group.claims) == 30
    assert max(c.published for c in many) == max(c.published for c in group.claims)   # the latest kept
    assert all(group.claims[c.first].about_key == group.claims[c.second].about_key for c in group.comparisons)
    assert group.verdict == AGREE                # same numbers within each subject; subjects differ too
    assert group.to_dict()["total"] == 250
