"""The training script still produces an update that `story_model` can merge (a few steps, tiny data)."""

import numpy as np
import torch

from crosswire.stories.embeddings import ADAPTER_TARGETS, base_model
from training.train_story_adapter import LowRank, train

STORIES = [
    ["Storm floods the coast\nHeavy rain flooded coastal towns.", "Coastal towns under water\nRain swamped the coast."],
    ["Bank raises rates\nThe central bank raised rates.", "Rates up again\nBorrowing costs rose after the decision."],
    ["Team wins the cup\nThe home side won the final.", "Cup goes to the home side\nFans cheered the winners."],
    ["Minister resigns\nThe minister quit on Monday.", "Resignation rocks cabinet\nA minister stepped down."],
]


def test_a_low_rank_layer_starts_as_the_layer_it_wraps() -> None:
    base = torch.nn.Linear(8, 6)
    inputs = torch.randn(3, 8)
    assert torch.equal(LowRank(base, 2)(inputs), base(inputs))


def test_training_updates_every_projection_with_the_shapes_story_model_merges() -> None:
    update = train(STORIES, steps=2, rank=2)
    layers = dict(base_model()[0].auto_model.named_modules())
    names = {key.rsplit(".", 1)[0] for key in update}
    assert names and all(name.startswith("encoder.") and name.endswith(ADAPTER_TARGETS) for name in names)
    for name in names:
        merged = update[f"{name}.b"] @ update[f"{name}.a"]
        assert merged.shape == tuple(layers[name].weight.shape)
    assert any(np.abs(update[f"{name}.b"]).max() > 0 for name in names)
