import numpy as np

from crosswire.stories.embeddings import EMBEDDING_DIM, LEAD_WORDS, embed, story_text


def test_vectors_are_float32_and_unit_length() -> None:
    vectors = embed(["The central bank raised interest rates.", "A storm closed the airport."])
    assert vectors.shape == (2, EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_no_texts_gives_an_empty_matrix() -> None:
    assert embed([]).shape == (0, EMBEDDING_DIM)


def test_paraphrases_are_closer_than_unrelated_sentences() -> None:
    original, paraphrase, unrelated = embed(
        [
            "The mayor resigned on Friday after the corruption inquiry published its report.",
            "Following the release of the graft investigation's findings, the mayor stepped down Friday.",
            "The recipe calls for two cups of flour and a pinch of salt.",
        ]
    )
    assert original @ paraphrase > original @ unrelated + 0.3


def test_story_text_is_headline_and_lead() -> None:
    paragraphs = ["First paragraph says what happened.", "Second adds who said it.", "Background. " * 80]
    text = story_text("Headline here", paragraphs)
    headline, lead = text.split("\n")
    assert headline == "Headline here"
    assert lead.startswith("First paragraph says what happened. Second adds who said it.")
    assert len(lead.split()) == LEAD_WORDS


def test_story_text_without_headline_is_the_lead() -> None:
    assert story_text(None, ["Only a lead."]) == "Only a lead."
    assert story_text("  ", ["Only a lead."]) == "Only a lead."
