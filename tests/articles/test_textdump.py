from crosswire.articles.textdump import Label, classify_dump

from ..conftest import FIXTURES


def _dump(name: str):
    return classify_dump((FIXTURES / "dumps" / name).read_text("utf-8"))


def _labels(dump) -> dict[str, Label]:
    return {line.text: line.label for line in dump.lines}


def test_menus_widgets_and_footers_are_dropped() -> None:
    labels = _labels(_dump("riverside_flood.txt"))
    for chrome in (
        "Skip to main content",
        "News Politics Business Sports Opinion Weather",
        "Share on Facebook",
        "Related: Millbrook voters back flood bond in 2020 referendum",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Most Read",
        "2. Restaurant week returns downtown",
        "© 2023 The Riverside Chronicle. All rights reserved.",
    ):
        assert labels[chrome] is Label.BOILERPLATE, chrome


def test_captions_with_credits_are_not_body() -> None:
    labels = _labels(_dump("riverside_flood.txt"))
    caption = "Volunteers stack sandbags along Front Street in Millbrook on Tuesday. (Chronicle photo/Lee Han)"
    assert labels[caption] is not Label.BODY


def test_subheading_inside_the_body_is_kept() -> None:
    dump = _dump("riverside_flood.txt")
    assert "What comes next" in dump.paragraphs
    assert dump.paragraphs[0].startswith("Temporary flood barriers")
    assert dump.paragraphs[-1].startswith("Brandt said she would ask")


def test_metadata_lines_are_labelled_not_kept_in_body() -> None:
    dump = _dump("harbour_strike.txt")
    assert dump.headline is not None and dump.headline.text == "Port workers extend strike as talks stall"
    labels = _labels(dump)
    assert labels["12.10.2023 | 08:15 CEST"] is Label.DATELINE
    assert labels["Reporting by Jonas Berg; Editing by Clara Holm"] is Label.BYLINE
    assert not any("Comments" in paragraph or "Tags:" in paragraph for paragraph in dump.paragraphs)


def test_repeated_captions_and_doubled_lines_are_dropped() -> None:
    caption = "Police stand guard outside the court in the capital on Monday. (Reuters)"
    body = " ".join(["The court adjourned the hearing until next week after lawyers asked for more time."] * 2)
    dump = classify_dump(
        f"Court adjourns hearing in bribery case\n\n{caption} {caption}\n\n{body}\n\n{caption}\n\n{body} Again."
    )
    assert all("Police stand guard" not in paragraph for paragraph in dump.paragraphs)


def test_known_headline_from_a_record_is_used() -> None:
    text = "Menu\nA headline the record states\n" + "The body sentence goes on long enough to count as text. " * 3
    dump = classify_dump(text, known_headline="A headline the record states")
    assert dump.headline is not None and dump.headline.text == "A headline the record states"
    assert len(dump.paragraphs) == 1


def test_empty_dump_has_no_body() -> None:
    assert classify_dump("Home\nLogin\n").paragraphs == ()


def test_offsets_point_into_the_original() -> None:
    text = "  Headline of the story here\n\n  The first paragraph of the story is long enough to be body text.\n"
    dump = classify_dump(text)
    for line in dump.lines:
        assert text[line.offset : line.offset + len(line.text)] == line.text


def test_a_line_that_opens_with_the_known_headline_and_goes_on_is_body() -> None:
    title = "Another day in Hollywood; another star in rehab."
    body = f"{title} Word comes from People magazine that the actress has entered a treatment centre in Malibu."
    dump = classify_dump(f"{body}\n\nHer representative confirmed the stay on Friday afternoon.", known_headline=title)
    assert dump.headline is None
    assert dump.paragraphs[0] == body


def test_the_known_headline_may_carry_an_outlets_name() -> None:
    text = "Port workers extend strike | The Harbour Times\n" + "The strike went on for a third week on Monday. " * 3
    dump = classify_dump(text, known_headline="Port workers extend strike")
    assert dump.headline is not None and dump.headline.text == "Port workers extend strike | The Harbour Times"
    assert len(dump.paragraphs) == 1


def test_a_records_one_paragraph_is_its_body_even_when_it_reads_like_chrome() -> None:
    lead = "Facebook said Sunday it removed 1.5 million videos of the attack; Facebook New Zealand confirmed it."
    assert classify_dump(lead, known_headline="Videos removed").paragraphs == ()
    assert classify_dump(lead, known_headline="Videos removed", record=True).paragraphs == (lead,)
    two_lines = "Share on Facebook Share on Twitter Share on Facebook\nSubscribe"
    assert classify_dump(two_lines, known_headline="Videos removed", record=True).paragraphs == ()
