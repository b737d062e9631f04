"""Quotes: direct and indirect statements with cue, speaker (resolved) and sourcing.

The seed tests are the acceptance criteria on real pages; the invented texts pin each construction
news uses to quote someone, one at a time.
"""

from functools import cache

import pytest

from crosswire.analysis.nlp import parse_one
from crosswire.analysis.quotes import find_quotes
from crosswire.analysis.verbatim import is_verbatim
from crosswire.articles.extract import extract_article
from crosswire.records import InputFormat, Quote, RawDocument

from ..conftest import SEEDS


@cache
def seed(prefix: str) -> tuple[str, list[Quote]]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = extract_article(RawDocument(str(path), InputFormat.TEXT, path.read_text("utf-8"))).text
    return text, find_quotes(parse_one(text))


@cache
def quotes(text: str) -> list[Quote]:
    return find_quotes(parse_one(text))


def quote_with(found: list[Quote], words: str) -> Quote:
    matches = [quote for quote in found if words in quote.text]
    assert matches, f"no quote contains {words!r}: {[q.text for q in found]}"
    return matches[0]


def speaker_name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


# ---- acceptance on the seeds ------------------------------------------------------------------------
@pytest.mark.parametrize(("prefix", "words"), [("000", "pay a price"), ("001", "pay a price"), ("002", "pay a price"),
                                               ("004", "pay the price")])  # fmt: skip
def test_sullivan_pay_a_price_in_every_seed_that_carries_it(prefix: str, words: str) -> None:
    _, found = seed(prefix)
    carrying = [quote for quote in found if words in quote.text and quote.kind == "direct"]
    assert carrying
    sullivan = [quote for quote in carrying if speaker_name(quote) == "Jake Sullivan"]
    assert sullivan, [(q.text, q.speaker) for q in carrying]


def test_hankyoreh_sullivan_warning_is_attributed_through_the_pronoun() -> None:
    _, found = seed("000")
    quote = quote_with(found, "they will pay a price")
    assert quote.speaker is not None
    assert (quote.speaker.mention, quote.speaker.kind, quote.speaker.name) == ("He", "pronoun", "Jake Sullivan")
    assert quote.cue == "warned"


def test_harris_huge_mistake_is_a_mixed_quote_by_kamala_harris() -> None:
    text, found = seed("000")
    mistakes = [quote for quote in found if "huge mistake" in quote.text]
    assert len(mistakes) == 2
    for quote in mistakes:
        assert speaker_name(quote) == "Kamala Harris"
        assert quote.kind == "direct"
        assert quote.text.startswith("it would be")
        assert text[quote.start : quote.end] == quote.text


def test_peskov_cannot_confirm() -> None:
    _, found = seed("004")
    quote = quote_with(found, "No, we cannot confirm that")
    assert speaker_name(quote) == "Dmitry Peskov"
    assert quote.cue == "said"
    assert speaker_name(quote_with(found, "We have nothing to say on this issue")) == "Dmitry Peskov"


def test_lim_statement_and_the_pronoun_after_it() -> None:
    _, found = seed("001")
    statement = quote_with(found, "Our government is closely watching")
    assert speaker_name(statement) == "Lim Soo-suk"
    assert statement.speaker is not None and statement.speaker.mention == "Lim Soo-suk"
    follow_up = quote_with(found, "relevant authorities")
    assert follow_up.speaker is not None
    assert (follow_up.speaker.mention, follow_up.speaker.name) == ("He", "Lim Soo-suk")
    assert speaker_name(quote_with(found, "No UN member state should violate")) == "Lim Soo-suk"


def test_korea_herald_speakers() -> None:
    _, found = seed("003")
    assert speaker_name(quote_with(found, "As we have warned publicly")) == "Adrienne Watson"
    added = quote_with(found, "We urge the DPRK to abide")
    assert added.speaker is not None and (added.speaker.mention, added.speaker.name) == ("she", "Adrienne Watson")
    for words in ("This can only be seen", "Despite the DPRK's aggressive posture", "Look no further",
                  "Such public support", "Unlike the DPRK's ballistic missile launches"):  # fmt: skip
        assert speaker_name(quote_with(found, words)) == "Jung Pak", words
    miller = quote_with(found, "So we are going to monitor")
    assert speaker_name(miller) == "Matthew Miller" and miller.cue == "told"
    added = quote_with(found, "I will remind both countries")
    assert added.speaker is not None and (added.speaker.mention, added.speaker.name) == ("he", "Matthew Miller")


def test_watson_told_yonhap_is_relayed() -> None:
    _, found = seed("003")
    quote = quote_with(found, "As we have warned publicly")
    assert (quote.sourcing, quote.relayed_by) == ("relayed", "Yonhap News Agency")


def test_unbalanced_mark_does_not_swallow_the_article() -> None:
    text, found = seed("002")
    unbalanced = quote_with(found, "actively supply large amounts")  # opens with “ and closes with ’
    assert speaker_name(unbalanced) == "Jake Sullivan"
    assert unbalanced.end < text.index("what has changed")
    assert speaker_name(quote_with(found, "what has changed in their calculus")) == "Jake Sullivan"
    assert speaker_name(quote_with(found, "I think it says a lot")) == "Jake Sullivan"
    assert speaker_name(quote_with(found, "multiple types of munitions")) == "John Kirby"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_quotes_are_sorted_and_point_into_the_text(prefix: str) -> None:
    text, found = seed(prefix)
    assert found == sorted(found, key=lambda q: (q.start, q.end))
    for quote in found:
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.kind in {"direct", "indirect"}
        assert quote.sourcing in {"named", "anonymous", "relayed"}
        assert is_verbatim(quote.text, text, quote.spans)  # the words as printed, nothing rejoined
        assert all(quote.start <= start < end <= quote.end for start, end in quote.parts)
        speaker = quote.speaker
        if speaker is not None and speaker.start is not None:
            assert text[speaker.start : speaker.end] == speaker.mention


# ---- constructions -------------------------------------------------------------------------------------
def test_quote_broken_by_its_attribution_is_one_quote() -> None:
    text = '"We will not back down," Maria Lopez said on Monday, "and we expect to win the vote."'
    [quote] = quotes(text)
    assert quote.text == "We will not back down … and we expect to win the vote."  # the attribution left out
    assert (quote.start, quote.end) == (0, len(text))
    assert [text[start:end] for start, end in quote.parts] == [
        "We will not back down",
        "and we expect to win the vote.",
    ]
    assert speaker_name(quote) == "Maria Lopez" and quote.cue == "said"


def test_a_quotation_a_speech_verb_introduces_with_a_comma_is_not_widened_to_its_clause() -> None:
    text = 'The agency quoted Shoigu as saying, "Why not? These are our neighbours, and we live in peace."'
    [saying] = quotes(text)
    assert saying.text == "Why not? These are our neighbours, and we live in peace."
    text = 'Sullivan conceded the point, and said, "This remains an open question," stressing the delay.'
    said = quote_with(quotes(text), "open question")
    assert said.kind == "direct" and said.text == "This remains an open question"
    text = 'Maria Lopez named no rival, but told her supporters on Monday, "Our state is in trouble. We must act."'
    assert quote_with(quotes(text), "trouble").text == "Our state is in trouble. We must act."
    text = 'Lopez said that, "of course she will defend herself" against what she sees as a smear campaign.'
    fragment = quote_with(quotes(text), "defend herself")
    assert fragment.text.endswith("smear campaign")  # the quoted words go on in the sentence: widened


def test_whom_the_words_were_addressed_to_is_not_part_of_them() -> None:
    warned = quote_with(quotes('Jake Sullivan warned North Korea it will "pay a price" for any arms deal.'), "price")
    assert warned.text == 'it will "pay a price" for any arms deal'
    told = quote_with(quotes('Maria Lopez told reporters on Monday that the bill was "dead on arrival."'), "arrival")
    assert told.text == 'the bill was "dead on arrival."'
    called = quote_with(quotes('Maria Lopez called the senator "a total disgrace" on Monday.'), "disgrace")
    assert called.text.startswith("the senator")  # what she called him is what she said


def test_a_broken_quote_is_its_quoted_pieces_as_printed_without_the_attributions_comma() -> None:
    [going_on] = quotes('"The plan," Jake Sullivan said on Tuesday, "would cost Pyongyang dearly."')
    assert going_on.text == "The plan … would cost Pyongyang dearly."
    [new_sentence] = quotes('"We will fight," Maria Lopez said. "We will win this vote in May."')
    assert new_sentence.text == "We will fight … We will win this vote in May."
    [titled] = quotes('"The deal," Mr. Smith said, "is dead and buried for now."')
    assert titled.text == "The deal … is dead and buried for now."  # "Mr." does not end the sentence


def test_quote_continued_after_its_attribution_is_one_quote() -> None:
    text = '"The budget is in good shape," Maria Lopez said. "Nobody will lose their job this year."'
    [quote] = quotes(text)
    assert quote.text.endswith("Nobody will lose their job this year.")
    assert speaker_name(quote) == "Maria Lopez"


def test_multi_paragraph_quote_attributed_in_its_last_paragraph() -> None:
    text = (
        "Maria Lopez, the mayor, spoke about the city budget on Tuesday.\n\n"
        '"The budget is in good shape, and we will keep it that way for as long as I am in office.\n\n'
        '"Nobody will lose their job this year," she said.\n\n'
        "The council will vote next week."
    )
    [quote] = [q for q in quotes(text) if q.kind == "direct"]
    assert quote.start == text.index('"The budget')
    assert quote.end == text.index(" she said")
    assert "Nobody will lose their job" in quote.text
    assert speaker_name(quote) == "Maria Lopez" and quote.speaker.kind == "pronoun"  # type: ignore[union-attr]


def test_quote_paragraph_after_a_colon_takes_its_speaker() -> None:
    text = 'Senator Jane Doe told supporters in Ohio:\n\n"We will not give up on this fight, not now and not ever."'
    [quote] = quotes(text)
    assert speaker_name(quote) == "Jane Doe" and quote.cue == "told"


def test_partial_quote_spans_the_reported_clause() -> None:
    text = 'Senator Jane Doe warned that it would be a "huge mistake" for the city to sell the port.'
    [quote] = quotes(text)
    assert quote.kind == "direct" and quote.cue == "warned" and speaker_name(quote) == "Jane Doe"
    assert quote.text == 'it would be a "huge mistake" for the city to sell the port'


def test_nested_single_quotes_stay_inside_the_quote() -> None:
    text = "\"He told me, 'We are done with this,' and walked out of the room,\" said John Smith."
    [quote] = quotes(text)
    assert "'We are done with this,'" in quote.text
    assert speaker_name(quote) == "John Smith"


def test_single_marks_as_main_marks() -> None:
    text = "Defence Minister Ana Costa said the country will 'pay a price' for the attack."
    [quote] = [q for q in quotes(text) if q.kind == "direct"]
    assert "'pay a price'" in quote.text and speaker_name(quote) == "Ana Costa"


def test_curly_and_guillemet_marks() -> None:
    text = "«We are ready to talk,» Maria Lopez said. „Nobody wants a war,“ she added."
    found = quotes(text)
    assert [q.text for q in found] == ["We are ready to talk", "Nobody wants a war"]
    assert all(speaker_name(q) == "Maria Lopez" for q in found)


def test_unbalanced_marks_are_handled_locally() -> None:
    text = (
        "\u201cWe have not seen any supply of arms to Russia,\u2019 John Smith said, adding that it was unclear "
        "\u201cwhat has changed.\u201d\n\n"
        'The mayor said "the plan is dead and that is the end of it.\n\n'
        'The council met on Friday to discuss the budget. "We will meet again," a member said.'
    )
    found = quotes(text)
    first = quote_with(found, "We have not seen any supply")
    assert first.end <= text.index(" John Smith") and speaker_name(first) == "John Smith"
    assert speaker_name(quote_with(found, "what has changed")) == "John Smith"
    stray = quote_with(found, "the plan is dead")
    assert stray.end <= text.index("The council")
    assert quote_with(found, "We will meet again").start > text.index("The council")


def test_indirect_speech() -> None:
    said = quote_with(quotes("Jane Doe said that the company would close two plants next year."), "company")
    assert (said.kind, said.text, said.cue, speaker_name(said)) == (
        "indirect", "the company would close two plants next year", "said", "Jane Doe")  # fmt: skip
    told = quote_with(quotes("John Smith told reporters the deal was finished."), "deal")
    assert (told.kind, told.text, told.cue, speaker_name(told)) == (
        "indirect", "the deal was finished", "told", "John Smith")  # fmt: skip
    warned = quote_with(quotes("Jane Doe warned that prices would rise again."), "prices")
    assert warned.kind == "indirect" and warned.cue == "warned"


def test_according_to() -> None:
    text = "The Foreign Ministry met the ambassador on Monday. According to the ministry, the talks will resume in May."
    quote = quote_with(quotes(text), "talks")
    assert quote.kind == "indirect" and quote.cue == "According to"
    assert quote.text == "the talks will resume in May"
    assert speaker_name(quote) == "Foreign Ministry"


def test_an_attribution_inside_the_statement_is_cut_out_of_its_text() -> None:
    text = "The army, according to two senior officials, will withdraw its troops from the border by Friday."
    officials = quote_with(quotes(text), "troops")
    assert officials.text == "The army … will withdraw its troops from the border by Friday"  # marked, not rejoined
    assert officials.cue == "according to" and speaker_name(officials) == "two senior officials"
    assert (officials.start, officials.end) == (0, len(text) - 1)  # the extent still spans the aside
    ministry = quote_with(quotes("North Korea, according to the ministry, is preparing a missile test."), "missile")
    assert ministry.text == "North Korea … is preparing a missile test"
    assert ministry.speaker is not None and ministry.speaker.mention == "the ministry"


def test_a_parenthetical_speech_verb_reports_the_sentence_it_interrupts() -> None:
    text = "The economy, the governor warned on Monday, is heading for a recession."
    warned = quote_with(quotes(text), "recession")
    assert (warned.kind, warned.text, warned.cue) == ("indirect", "The economy … is heading for a recession", "warned")
    assert warned.speaker is not None and warned.speaker.mention == "the governor"
    plan = quote_with(quotes("The plan, Sullivan said, would cost Pyongyang dearly in the region."), "Pyongyang")
    assert plan.text == "The plan … would cost Pyongyang dearly in the region" and speaker_name(plan) == "Sullivan"


def test_a_speech_verb_between_two_quoted_parts_stays_a_direct_quote() -> None:
    [quote] = quotes('"The plan," Sullivan said, "would cost Pyongyang dearly in the region."')
    assert quote.kind == "direct" and speaker_name(quote) == "Sullivan"


def test_anonymous_sources() -> None:
    quote = quote_with(quotes('"The deal is off," said a senior official who asked not to be named.'), "deal")
    assert quote.sourcing == "anonymous" and quote.speaker is not None and quote.speaker.kind == "anonymous"
    reported = quote_with(quotes("Officials said the talks had stalled over the weekend."), "talks")
    assert reported.kind == "indirect" and reported.sourcing == "anonymous"
    familiar = quote_with(quotes("People familiar with the matter said the plan was dropped."), "plan")
    assert familiar.sourcing == "anonymous"


def test_pronoun_after_an_anonymous_source_stays_anonymous() -> None:
    text = 'An official at the ministry said the talks went well.\n\n"We expect a deal within weeks," he added.'
    quote = quote_with(quotes(text), "We expect a deal")
    assert quote.speaker is not None and quote.speaker.kind == "pronoun"
    assert quote.sourcing == "anonymous"


def test_relayed_statements() -> None:
    told = quote_with(quotes('"We will respond firmly," Defence Minister Ana Costa told Reuters.'), "respond")
    assert (told.sourcing, told.relayed_by, speaker_name(told)) == ("relayed", "Reuters", "Ana Costa")
    text = 'The Interfax news agency quoted Sergei Shoigu as saying, "Why not? These are our neighbors."'
    quoted = quote_with(quotes(text), "neighbors")
    assert speaker_name(quoted) == "Sergei Shoigu"
    assert quoted.sourcing == "relayed" and quoted.relayed_by is not None and "Interfax" in quoted.relayed_by
    state = quote_with(quotes("According to state media, the leader will visit Moscow next month."), "Moscow")
    assert (state.sourcing, state.relayed_by) == ("relayed", "state media")


def test_told_reporters_is_not_relayed() -> None:
    quote = quote_with(quotes('"We are ready," John Smith told reporters.'), "ready")
    assert quote.sourcing == "named" and quote.relayed_by is None


def test_hedged_statements() -> None:
    reportedly = quote_with(quotes('The president reportedly said that the plan was "dead on arrival."'), "dead")
    assert reportedly.hedged
    may = quote_with(quotes("Jane Doe may have told investigators that she saw the files."), "files")
    assert may.hedged
    plain = quote_with(quotes("Jane Doe told investigators that she saw the files."), "files")
    assert not plain.hedged


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = 'The so-called "experts" were wrong again, and the film "Casablanca" played all night at the "Rex".'
    assert quotes(text) == []


def test_short_attributed_fragment_is_kept() -> None:
    [quote] = quotes('Jane Doe called the plan "reckless."')
    assert quote.kind == "direct" and speaker_name(quote) == "Jane Doe" and quote.cue == "called"


def test_surname_and_description_resolve_to_the_full_name() -> None:
    text = (
        "Lim Soo-suk, the ministry's spokesperson, said the talks went well.\n\n"
        '"We are watching closely," the spokesperson said.\n\n'
        '"We have no further comment," Lim added.'
    )
    found = quotes(text)
    description = quote_with(found, "watching closely")
    assert description.speaker is not None
    assert (description.speaker.mention, description.speaker.kind) == ("the spokesperson", "description")
    assert description.speaker.name == "Lim Soo-suk"
    assert speaker_name(quote_with(found, "no further comment")) == "Lim Soo-suk"


def test_organisation_description_resolves_to_the_organisation() -> None:
    text = 'The Foreign Ministry summoned the ambassador. "This is unacceptable," the ministry said.'
    quote = quote_with(quotes(text), "unacceptable")
    assert quote.speaker is not None and quote.speaker.name == "Foreign Ministry"


def test_pronoun_gender_picks_the_right_person() -> None:
    text = (
        "Jane Doe met John Smith in Paris on Monday.\n\n"
        'Mr. Smith said the meeting was useful. "It was a frank exchange," she said.'
    )
    quote = quote_with(quotes(text), "frank exchange")
    assert speaker_name(quote) == "Jane Doe"


def test_transcript_labels_and_signatures() -> None:
    text = 'Clinton: "Our goal is to defeat ISIS." Bush: "The mission is to destroy ISIS, not to contain it."'
    found = quotes(text)
    assert [speaker_name(q) for q in found] == ["Clinton", "Bush"]
    signed = quotes('"I never thought I would vote for him." - Maria Lopez, 34, Texas')
    assert [speaker_name(q) for q in signed] == ["Maria Lopez"]
    listed = quotes(
        'Maria Lopez, 34, Texas:\n\n"I never thought I would vote for him."\n\n'
        '"He does not speak for me."\n\nJuan Perez, 22, Florida'
    )
    assert [speaker_name(q) for q in listed] == ["Maria Lopez", "Juan Perez"]


def test_double_apostrophes_as_quotation_marks() -> None:
    text = "''It is going to take a lot more than one good report,'' said Jane Doe, an economist."
    [quote] = quotes(text)
    assert quote.text == "It is going to take a lot more than one good report"
    assert speaker_name(quote) == "Jane Doe"


def test_empty_and_quote_free_texts() -> None:
    assert quotes("The council met on Friday.") == []
    assert quotes('""') == []


def test_wire_report_quoting_a_source_is_relayed_from_that_source() -> None:
    quote = quote_with(quotes("Yonhap reported, quoting a government official, that the talks had stalled."), "talks")
    assert quote.kind == "indirect" and quote.text == "the talks had stalled"
    assert quote.speaker is not None and quote.speaker.mention == "a government official"
    assert (quote.sourcing, quote.relayed_by) == ("relayed", "Yonhap")


def test_nested_report_goes_to_the_outer_speaker() -> None:
    """The quoted words are what the outer speaker said, even when an inner verb also reports."""
    text = 'Senator Maria Alvarez said the governor had called the budget a "reckless gamble" with public money.'
    [quote] = quotes(text)
    assert quote.speaker is not None and quote.speaker.mention == "Senator Maria Alvarez"
    assert quote.cue == "said" and quote.text.startswith("the governor had called")
    pronoun = quotes('Tom Ortiz spoke after the vote. He said that he would offer "a compromise" to the committee.')
    assert [(q.speaker.mention, q.speaker.start) for q in pronoun if q.speaker] == [("He", 32)]


def test_clause_with_its_own_subject_keeps_its_speaker() -> None:
    text = 'Alvarez warned against the cuts, while Senator Tom Ortiz said the plan was "a disaster for rural schools."'
    [quote] = quotes(text)
    assert speaker_name(quote) == "Tom Ortiz"


def test_what_is_cited_is_not_the_speaker() -> None:
    [quote] = quotes('The nurses union cited "unsafe staffing and unpaid overtime" in its complaint.')
    assert quote.speaker is not None and quote.speaker.mention == "The nurses union"


def test_ads_and_reports_speak_for_whoever_put_them_out() -> None:
    ad = quote_with(quotes('The campaign released a video calling the senator "a career politician."'), "career")
    assert ad.speaker is not None and ad.speaker.mention == "The campaign"
    report = quote_with(quotes('The city council published a report that called the bridge "a hazard."'), "hazard")
    assert report.speaker is not None and report.speaker.mention == "The city council"


def test_verb_after_a_quote_in_a_when_clause_does_not_attribute_it() -> None:
    [quote] = quotes('When Governor Lee Park said he would "protect every family farm," the crowd cheered loudly.')
    assert speaker_name(quote) == "Lee Park" and quote.cue == "said"


def test_colon_introduction_takes_the_main_verb() -> None:
    [quote] = quotes('Director Ana Ruiz has since apologized for what happened: "I should have warned the staff."')
    assert speaker_name(quote) == "Ana Ruiz" and quote.cue == "apologized"


def test_verb_after_a_quote_hung_from_it_by_the_parser_still_attributes() -> None:
    text = (
        "“If they cared about farmers, I think they would have backed the only bill that has support "
        "from both parties,” Ortiz fumed on Monday."
    )
    [quote] = quotes(text)
    assert speaker_name(quote) == "Ortiz" and quote.cue == "fumed"


def test_quote_signed_with_a_dash_on_the_next_line() -> None:
    text = (
        "Overheard at the rally.\n\n"
        '"The whole idea of a rigged count is something we hear about all the time, and it needs to stop."\n\n'
        "-Dorota Wilk, Milwaukee.\n\n"
        '"Nobody in this town has ever seen a line this long at the polls."\n\n'
        "- Okafor."
    )
    signed = quotes(text)
    assert [(speaker_name(q), q.cue) for q in signed] == [("Dorota Wilk", None), ("Okafor", None)]
    assert signed[0].speaker is not None and text[signed[0].speaker.start :].startswith("Dorota Wilk")


def test_cue_before_the_name_of_a_colon_label() -> None:
    text = 'The count was slow, he said.\n\nContinued Okafor: "So I think it is a real problem for every voter."'
    [_, quote] = quotes(text)
    assert speaker_name(quote) == "Okafor"
    assert quote.speaker is not None and quote.speaker.mention == "Okafor"


def test_a_quoted_word_is_never_the_speaker() -> None:
    text = (
        'Ortiz supports "appropriate pay raises," opposes "across-the-board arbitrary pay freezes" and '
        'recalled the freeze on wages: "I saw how hard it was for workers."'
    )
    for quote in quotes(text):
        speaker = quote.speaker
        assert speaker is None or speaker.start is None or text[: speaker.start].count('"') % 2 == 0


def test_thanking_and_joking_attach_quotations() -> None:
    [thanks] = quotes('Mayor Ana Ruiz thanked the volunteers for "showing up when nobody else would."')
    assert thanks.cue == "thanked" and thanks.speaker is not None and thanks.speaker.mention == "Mayor Ana Ruiz"
    [joke] = quotes('During the debate, Senator Tom Ortiz cracked, "I am a farmer who likes to get things done."')
    assert joke.cue == "cracked" and speaker_name(joke) == "Tom Ortiz"


def test_passive_question_is_the_askers() -> None:
    text = 'Ortiz was asked by moderator Jane Doe whether his plan would "add another expensive program to the budget."'
    [quote] = quotes(text)
    assert speaker_name(quote) == "Jane Doe" and quote.cue == "asked"


def test_inverted_subject_after_a_quote_is_the_speaker() -> None:
    text = (
        "Police say they do not know yet.\n\n"
        '"It is not fair to say anything against them. We do not have freedom of opinion anymore," '
        "tweeted a retired teacher from Leeds."
    )
    quote = quote_with(quotes(text), "freedom of opinion")
    assert quote.cue == "tweeted" and quote.speaker is not None and quote.speaker.mention == "a retired teacher"


def test_quote_reported_by_a_paper_is_relayed_by_it() -> None:
    quote = quote_with(quotes('"We will win this seat," Smith said on Monday, according to the Daily Herald.'), "seat")
    assert (speaker_name(quote), quote.sourcing, quote.relayed_by) == ("Smith", "relayed", "Daily Herald")
    transcript = quote_with(quotes('"We will win," Smith said, according to a transcript of the rally.'), "win")
    assert (transcript.sourcing, transcript.relayed_by) == ("named", None)


def test_a_description_does_not_take_a_person_with_another_job() -> None:
    text = 'Senator Tom Ortiz toured the dam. The mayor said the flood was "a disaster for the whole city."'
    [quote] = quotes(text)
    assert quote.speaker is not None and quote.speaker.mention == "The mayor"
    assert speaker_name(quote) != "Tom Ortiz"
    senator = quotes('Senator Tom Ortiz toured the dam. The senator said the flood was "a disaster."')
    assert speaker_name(senator[0]) == "Tom Ortiz"


def test_post_posed_cue_the_parser_left_without_a_subject() -> None:
    text = (
        "She had not.\n\n"
        '"I am not going to say it is a mistake, so forget about it," said retired neurosurgeon Tom Okafor, '
        "asked about his claims."
    )
    [quote] = quotes(text)
    assert quote.cue == "said" and speaker_name(quote) == "Tom Okafor"


def test_a_closing_according_to_is_sourcing_not_content() -> None:
    agency = quote_with(
        quotes("The navy said it would send two more ships to the strait, according to Yonhap."), "ships"
    )
    assert agency.text == "it would send two more ships to the strait"
    assert agency.speaker is not None and agency.speaker.mention == "The navy"
    assert (agency.sourcing, agency.relayed_by) == ("relayed", "Yonhap")
    text = "Farmers warned that the harvest would be late this year, according to the ministry."
    ministry = quote_with(quotes(text), "harvest")
    assert ministry.text == "the harvest would be late this year" and ministry.speaker is not None
    assert ministry.speaker.mention == "Farmers"


def test_a_mixed_quote_followed_by_according_to_keeps_its_speaker() -> None:
    text = 'The governor said the new bridge was "a waste of money", according to Reuters.'
    quote = quote_with(quotes(text), "waste of money")
    assert quote.text == 'the new bridge was "a waste of money"'
    assert (speaker_name(quote), quote.sourcing, quote.relayed_by) == ("The governor", "relayed", "Reuters")
