"""Screening read articles: another language or an endless text is refused with a reason;
short texts, whose language cannot be told, are kept."""
from __future__ import annotations

import pytest

from onrecord import api
from onrecord.errors import InputError
from onrecord.ingest import read_text
from onrecord.ingest.screen import MAX_TEXT_CHARS, identify_language, screen

ENGLISH = ("The harbour board met on Monday and agreed to dredge the inner basin before the winter storms. "
           "Fishing boats will be moved to the outer pier for the three weeks that the work is expected to "
           "take, the board's chairwoman said after the vote.")
FRENCH = ("Le conseil du port s'est réuni lundi et a accepté de draguer le bassin intérieur avant les "
          "tempêtes d'hiver. Les bateaux de pêche seront déplacés vers la jetée extérieure pendant les "
          "trois semaines que doivent durer les travaux, a déclaré la présidente après le vote.")
GERMAN = ("Der Hafenrat trat am Montag zusammen und beschloss, das innere Becken vor den Winterstürmen "
          "auszubaggern. Die Fischerboote werden für die drei Wochen, die die Arbeiten dauern sollen, an "
          "die äußere Mole verlegt, sagte die Vorsitzende nach der Abstimmung.")


def test_english_is_kept_and_marked_english() -> None:
    article = read_text(ENGLISH, "harbour.txt")
    assert screen(article).language == "en"
    assert identify_language(ENGLISH)[0] == "en"


@pytest.mark.parametrize("text, code", [(FRENCH, "fr"), (GERMAN, "de")])
def test_another_language_is_refused_with_its_name(text: str, code: str) -> None:
    with pytest.raises(InputError) as caught:
        screen(read_text(text, "port.txt"))
    assert caught.value.subject == "port.txt"
    assert caught.value.reason.startswith(f"not in English (identified as '{code}'")


def test_a_short_text_in_another_language_is_not_judged() -> None:
    article = read_text("Le président a parlé lundi.", "bref.txt")
    assert screen(article) == article


def test_english_boilerplate_does_not_make_a_french_article_english() -> None:
    chrome = "Home | World | Business | Sign up for our newsletter | Share on Facebook\n\n" * 8
    article = read_text(chrome + FRENCH, "site.txt")
    assert article.boilerplate                   # the chrome was recognised as such
    with pytest.raises(InputError):
        screen(article)


def test_an_endless_text_is_refused() -> None:
    article = read_text(ENGLISH + " " + "x" * MAX_TEXT_CHARS, "dump.txt")
    with pytest.raises(InputError) as caught:
        screen(article)
    assert "too long" in caught.value.reason and f"{MAX_TEXT_CHARS:,}" in caught.value.reason


def test_read_and_read_all_screen(tmp_path) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH)
    (tmp_path / "fr.txt").write_text(FRENCH)
    errors: list[tuple[str, str]] = []
    sources = [a.source for a in api.read_all([tmp_path], lambda *e: errors.append(e))]
    assert sources == [str(tmp_path / "en.txt")]
    assert [e[0] for e in errors] == [str(tmp_path / "fr.txt")]
    with pytest.raises(InputError):
        api.read(FRENCH)


# Malay and Indonesian are close enough that the identifier splits its belief between them;
# neither reaches SURE, yet English is ruled out.
INDONESIAN = ("Dewan pelabuhan bertemu pada hari Senin dan setuju untuk mengeruk kolam bagian dalam sebelum "
              "badai musim dingin datang. Perahu nelayan akan dipindahkan ke dermaga luar selama tiga minggu "
              "pekerjaan itu berlangsung, kata ketua dewan setelah pemungutan suara. Mudah-mudahan kita bisa "
              "memahami dan menjalankan keputusan ini dengan baik, jangan sampai ada yang dirugikan.")


def test_a_language_split_with_its_neighbour_is_still_refused() -> None:
    code, sure = identify_language(INDONESIAN)
    assert code in {"id", "ms"}
    with pytest.raises(InputError) as caught:
        screen(read_text(INDONESIAN, "pelabuhan.txt"))
    assert caught.value.reason.startswith("not in English")

