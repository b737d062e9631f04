"""The analysis of one text as `crosswire analyze` prints it: the shape deliverable 6 promises, with
sourcing marks, roles, resolved times and events in it."""

from typing import Any

from crosswire.analysis.analyze import analyze_texts
from crosswire.analysis.verbatim import is_verbatim

TEXT = (
    "National Security Adviser Jake Sullivan warned on Tuesday that North Korea would "
    '"pay a price" if it sold arms to Russia.\n\n'
    '"We are watching closely," Sullivan told Reuters.\n\n'
    '"The deal is off," said a senior official who asked not to be named.\n\n'
    'Kim Jong-un reportedly said that the visit was "a great success."'
)


def analysis() -> dict[str, Any]:
    [result] = analyze_texts([(TEXT, "2023-09-06")])
    return result.to_dict()


def test_record_has_the_promised_fields() -> None:
    record = analysis()
    assert {"published", "entities", "roles", "quotes", "times", "events"} <= record.keys()
    assert record["published"] == "2023-09-06"
    for entity in record["entities"]:
        assert {"text", "label", "start", "end", "canonical"} <= entity.keys()
        assert TEXT[entity["start"] : entity["end"]] == entity["text"]
    for quote in record["quotes"]:
        assert {"text", "start", "end", "kind", "cue", "speaker", "sourcing", "relayed_by", "hedged", "parts",
                "mixed"} <= quote.keys()  # fmt: skip
        assert quote["kind"] in {"direct", "indirect"}
        spans = [(quote["start"], quote["end"])] if quote["mixed"] else quote["parts"]
        assert is_verbatim(quote["text"], TEXT, spans)  # the words as printed, at the offsets given
        assert {"name", "mention", "start", "end"} <= quote["speaker"].keys()
    for time in record["times"]:
        assert {"text", "start", "end", "type", "value"} <= time.keys()
    assert all({"actor", "action", "target", "date"} <= event.keys() for event in record["events"])


def test_speakers_sourcing_roles_and_dates_come_through() -> None:
    record = analysis()
    by_words = {words: next(q for q in record["quotes"] if words in q["text"]) for words in
                ("pay a price", "watching closely", "deal is off", "great success")}  # fmt: skip
    price = by_words["pay a price"]
    assert price["speaker"]["name"] == "Jake Sullivan" and price["cue"] == "warned" and price["sourcing"] == "named"
    told = by_words["watching closely"]
    assert (told["sourcing"], told["relayed_by"], told["speaker"]["name"]) == ("relayed", "Reuters", "Jake Sullivan")
    assert by_words["deal is off"]["sourcing"] == "anonymous"
    assert by_words["great success"]["hedged"] and not price["hedged"]
    assert by_words["great success"]["speaker"]["name"] == "Kim Jong-un"  # the entity's name, as written
    assert {"canonical": "Jake Sullivan", "role": "National Security Adviser"}.items() <= next(
        role for role in record["roles"] if role["canonical"] == "Jake Sullivan"
    ).items()
    assert any(time["text"] == "Tuesday" and time["value"] == "2023-09-05" for time in record["times"])
