import pytest

from crosswire.articles.dates import decide_day_first, find_dates, parse_date_string


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted on : 2023-09-12 13:45 KST", "2023-09-12T13:45:00+09:00"),
        ("Published : Sept. 12, 2023 - 09:40", "2023-09-12T09:40:00"),
        ("2023-09-05 19:41:15", "2023-09-05T19:41:15"),
        ("Sep 12 2023 at 9:40 a.m. EDT", "2023-09-12T09:40:00-04:00"),
        ("Updated 3:15 PM ET, Tue September 12, 2023", "2023-09-12T15:15:00-04:00"),
        ("13 Sep 2023 14:00 BST", "2023-09-13T14:00:00+01:00"),
        ("12 September 2023, 10:00 GMT+3", "2023-09-12T10:00:00+03:00"),
        ("12.10.2023 | 08:15 CEST", "2023-10-12T08:15:00+02:00"),
        ("9/13/2023", "2023-09-13"),
        ("13/9/2023", "2023-09-13"),
        ("Last update: 5/9/202310:31 PM (Mecca Time)", "2023-05-09T22:31:00+03:00"),
    ],
)
def test_printed_dates_normalise_to_iso(text: str, expected: str) -> None:
    mentions = find_dates(text)
    assert mentions, text
    assert mentions[-1].resolve(day_first=False) == expected


def test_labels_tell_published_from_modified() -> None:
    mentions = find_dates("Posted on : 2023-09-12 13:45 KST Modified on : 2023-09-12 14:34 KST")
    assert [mention.label for mention in mentions] == ["published", "modified"]


def test_day_first_decided_by_another_date_on_the_page() -> None:
    mentions = find_dates("5/9/2023 ... 2023-09-05 19:41:15")
    day_first, confidence, _ = decide_day_first(mentions)
    assert day_first and confidence >= 0.9
    mentions = find_dates("5/9/2023 ... 2023-05-09")
    assert decide_day_first(mentions)[0] is False


def test_day_first_falls_back_to_locale_with_low_confidence() -> None:
    mentions = find_dates("4/6/2023")
    assert decide_day_first(mentions, locale_day_first=True)[:2] == (True, 0.6)
    assert decide_day_first(mentions)[1] < 0.5


def test_impossible_dates_are_not_dates() -> None:
    assert find_dates("31/31/2023") == []
    assert find_dates("version 2023-13-45") == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-09-12T13:45:00+09:00", "2023-09-12T13:45:00+09:00"),
        ("2023-09-12", "2023-09-12"),
        ("Tue, 12 Sep 2023 13:45:00 +0900", "2023-09-12T13:45:00+09:00"),
        ("12 septembre 2023", "2023-09-12"),
        ("not a date", None),
    ],
)
def test_metadata_date_strings(raw: str, expected: str | None) -> None:
    assert parse_date_string(raw) == expected
