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


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        ("Donnerstag, 16. Februar 2012", ("de",), "2012-02-16"),
        ("Aktualisiert: 12.03.2021, 18:12 Uhr", ("de",), "2021-03-12T18:12:00"),
        ("3 de mayo de 2022 - 23:37", ("es",), "2022-05-03T23:37:00"),
        ("le 3 mai 2022 à 10h30", ("fr",), "2022-05-03T10:30:00"),
        ("4 maggio 2022", ("it",), "2022-05-04"),
        ("Wed, 04 May 2022 02:41:00 GMT", ("en",), "2022-05-04T02:41:00+00:00"),
    ],
)
def test_month_names_and_forms_of_several_languages(text: str, languages: tuple[str, ...], expected: str) -> None:
    mentions = find_dates(text, languages)
    assert [mention.resolve(day_first=True) for mention in mentions] == [expected]


def test_month_names_are_read_only_in_the_languages_asked_for() -> None:
    assert find_dates("3 de mayo de 2022") == []  # English only by default
    assert find_dates("3 de mayo de 2022", ("en", "es"))


def test_cue_words_of_the_page_language_label_dates() -> None:
    labels = [mention.label for mention in find_dates("Veröffentlicht am 10.09.2017, aktualisiert 11.09.2017", ("de",))]
    assert labels == ["published", "modified"]
    assert find_dates("Publié le 3 mai 2022", ("fr",))[0].label == "published"
