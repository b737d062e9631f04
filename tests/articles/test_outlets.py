from crosswire.articles.outlets import agencies_named_in, by_domain, by_name, display_name_for_domain


def test_domain_lookup_walks_up_subdomains() -> None:
    entry = by_domain("edition.cnn.com")
    assert entry is not None and entry.name == "CNN"
    assert by_domain("www.koreaherald.com").name == "The Korea Herald"


def test_names_and_aliases_ignore_case_and_leading_article() -> None:
    assert by_name("korea herald").name == "The Korea Herald"
    assert by_name("The Associated Press").is_agency


def test_unknown_domain_displays_as_itself() -> None:
    assert display_name_for_domain("www.example-gazette.org") == "example-gazette.org"


def test_agencies_are_found_as_whole_words_only() -> None:
    assert agencies_named_in("[REUTERS/YONHAP]") == ("Reuters", "Yonhap")
    assert agencies_named_in("(AP Photo/Ahn Young-joon)") == ("Associated Press",)
    assert agencies_named_in("a map of the capital") == ()
