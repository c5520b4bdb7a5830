"""Which person a name mention denotes, on names of our own (no model needed)."""
from __future__ import annotations

from onrecord.nlp.names import person_names, same_person, transcript_labels


def names(text: str, *forms: str) -> dict[str, str | None]:
    """Each occurrence of ``forms`` in ``text`` -> the person it was given (None: no one)."""
    spans = []
    for form in forms:
        at = -1
        while (at := text.find(form, at + 1)) >= 0:
            if (at, at + len(form)) not in spans:
                spans.append((at, at + len(form)))
    got = person_names(text, spans, lambda at: True)
    return {f"{text[s:e]}@{s}": got.get((s, e)) for s, e in sorted(spans)}


def test_middle_names_and_short_first_names_are_one_person():
    assert same_person("donald j. trump", "donald trump")
    assert same_person("tim kaine", "timothy kaine")
    assert not same_person("michelle obama", "barack obama")
    assert not same_person("john smith jr.", "john smith sr.")


def test_a_short_form_people_go_by_is_the_same_person():
    assert same_person("sandra varga", "sandy varga")
    assert same_person("william okafor", "bill okafor")
    assert not same_person("sandy varga", "william varga")
    text = "Sandra Varga voted early. Later Sandy Varga said no. Varga left."
    assert set(names(text, "Sandra Varga", "Sandy Varga", "Varga").values()) == {"Sandra Varga"}


def test_a_longer_form_ending_in_a_full_name_is_that_person():
    text = "Lawmakers Rip Nora Vance. Nora Vance said no. Nora Vance left."
    got = names(text, "Rip Nora Vance", "Nora Vance")
    assert set(got.values()) == {"Nora Vance"}


def test_a_surname_of_two_people_stays_unresolved():
    text = "Paul Marsh and Ruth Marsh arrived. Marsh spoke first."
    got = names(text, "Paul Marsh", "Ruth Marsh", "Marsh")
    assert got["Marsh@35"] is None
    assert got["Paul Marsh@0"] == "Paul Marsh" and got["Ruth Marsh@15"] == "Ruth Marsh"


def test_an_honorific_picks_the_one_of_that_gender():
    text = "Paul Marsh and Ruth Marsh arrived. Mrs. Marsh spoke. Mr. Marsh did not."
    got = names(text, "Paul Marsh", "Ruth Marsh", "Marsh")
    assert got["Marsh@40"] == "Ruth Marsh"
    assert got["Marsh@57"] == "Paul Marsh"


def test_an_honorific_never_gives_a_person_of_the_other_gender():
    text = "Ruth Marsh arrived. Mr. Marsh, her husband, spoke."
    assert names(text, "Ruth Marsh", "Marsh")["Marsh@24"] is None


def test_another_bearer_of_the_surname_makes_the_bare_surname_ambiguous():
    # only Ruth Marsh is named in full, but a "Mr. Marsh" is written of too
    text = "Ruth Marsh arrived. Mr. Marsh spoke. Marsh left."
    got = names(text, "Ruth Marsh", "Marsh")
    assert got["Marsh@37"] is None


def test_a_first_name_alone_is_the_one_person_with_it():
    text = "Ruth Marsh arrived. Ruth said it was late."
    assert names(text, "Ruth Marsh", "Ruth")["Ruth@20"] == "Ruth Marsh"


def test_the_display_name_is_the_most_common_form():
    text = "Donald J. Trump spoke. Donald Trump left. Donald Trump returned."
    assert set(names(text, "Donald J. Trump", "Donald Trump").values()) == {"Donald Trump"}


def test_a_surname_keeps_its_particle():
    text = "Bill de Blasio spoke. De Blasio said no."
    got = names(text, "Bill de Blasio", "De Blasio")
    assert got["De Blasio@22"] == "Bill de Blasio"


def test_a_form_seen_only_in_quotations_is_not_the_display_name():
    text = "“Nora J. Vance is wrong,” he said. Nora Vance said no."
    spans = [(1, 14), (35, 45)]
    got = person_names(text, spans, lambda at: at > 30)         # the quotation is not body text
    assert set(got.values()) == {"Nora Vance"}


def test_a_surname_of_two_words_after_an_honorific_is_the_full_names():
    text = ("Rosaura Ibarra Montes spoke first. Later Ms. Ibarra Montes said no. "
            "Ibarra Montes left.")
    got = names(text, "Rosaura Ibarra Montes", "Ibarra Montes")
    assert set(got.values()) == {"Rosaura Ibarra Montes"}


def test_a_surname_of_two_words_that_a_first_name_completes_is_the_full_names():
    text = "Senator Maria Ibarra Montes spoke first. Ibarra Montes said no. Ibarra Montes left."
    got = names(text, "Maria Ibarra Montes", "Ibarra Montes")
    assert set(got.values()) == {"Maria Ibarra Montes"}


def test_a_word_in_front_that_is_no_first_name_does_not_make_a_surname():
    text = "Voters Rip Ibarra Montes. Ibarra Montes said no. Ibarra Montes left."
    got = names(text, "Rip Ibarra Montes", "Ibarra Montes")
    assert set(got.values()) == {"Ibarra Montes"}


def test_a_name_with_words_in_front_is_not_a_surname_of_two_words():
    # "Mary Vance" opens with a first name: "Rip Mary Vance" is her with a verb in front
    text = "Lawmakers Rip Mary Vance. Ms. Mary Vance said no. Mary Vance left."
    got = names(text, "Rip Mary Vance", "Mary Vance")
    assert set(got.values()) == {"Mary Vance"}


def test_the_first_name_list_is_clean_data():
    from onrecord.nlp import lexicon
    names = lexicon.first_names()
    assert len(names) > 1000 and set(names.values()) == {"m", "f"}
    assert all(name == name.lower() and " " not in name for name in names)
    assert names["melanie"] == "f" and names["matt"] == "m"


def test_a_suffix_is_left_out_of_the_name_unless_it_tells_two_people_apart():
    text = "Joseph R. Varga Jr. spoke. Mr. Varga left."
    assert set(names(text, "Joseph R. Varga Jr.", "Varga").values()) == {"Joseph R. Varga"}
    text = "Fred Varga Jr. and Fred Varga met. Fred Varga Jr. left."
    got = names(text, "Fred Varga Jr.", "Fred Varga")
    assert got["Fred Varga Jr.@0"] == "Fred Varga Jr." and got["Fred Varga@19"] == "Fred Varga"


def test_a_transcript_label_is_a_name_in_capitals_opening_a_paragraph():
    text = "Partial transcript:\n\nJAKE OKAFOR: Welcome.\nMARSH: Thanks, Jake.\nShe said: no. NOTE: none"
    assert [text[s:e] for s, e in transcript_labels(text)] == ["JAKE OKAFOR", "MARSH"]


def test_a_name_written_only_in_capitals_is_shown_in_title_case():
    text = "DANA OKAFOR: Welcome.\nOKAFOR: Thanks."
    assert set(names(text, "DANA OKAFOR", "OKAFOR").values()) == {"Dana Okafor"}
