"""Train the story adapter: a low-rank update of MiniLM that pulls reports of one event together.

all-MiniLM-L6-v2 was trained to place paraphrases close, so two outlets' differently framed
reports of one event (a news report, an explainer, an opinion piece) can sit further apart than
two reports of different events on one topic. NeuS gives, per story, three outlets' title and
lead; this script teaches the model that the three are one event (in-batch negatives) and that
the base model's nearest articles of other stories are not (mined hard negatives), through a
LoRA update (rank `RANK`) of every attention and feed-forward projection. Only the update ships
(`crosswire/stories/story_adapter.npz`, about 2.7 MB); `crosswire.stories.embeddings` merges it
into the packaged weights at load time, so nothing is downloaded.

The first `ADAPTER_HELD_OUT` training stories are left out, to tune the clusterer's constants on
similarities the adapter never saw; the validation split is only scored (`benchmarks/stories.py`).
Run: `python training/train_story_adapter.py` (about 25 minutes on two CPU cores).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np
import torch

from crosswire.stories.embeddings import ADAPTER_HELD_OUT, ADAPTER_PATH, ADAPTER_TARGETS, base_model

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "neus-train-val" / "neus_train.jsonl"
RANK = 16
STEPS = 400
BATCH = 32
LEARNING_RATE = 1e-3
WARMUP = 20
SCALE = 20.0  # cosine to logit, as sentence-transformers' MultipleNegativesRankingLoss
HARD_NEGATIVES = 5
MAX_TOKENS = 96
SEED = 0


class LowRank(torch.nn.Module):
    """A frozen linear layer plus a trainable rank-`rank` update, `b @ a`, zero at the start."""

    def __init__(self, base: torch.nn.Linear, rank: int) -> None:
        super().__init__()
        self.base = base
        self.a = torch.nn.Parameter(torch.randn(rank, base.in_features) * 0.01)
        self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))
        self.scale = 2.0  # alpha = 2 * rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (x @ self.a.T @ self.b.T) * self.scale


def load_stories(path: Path) -> list[list[str]]:
    """Each story's articles as the clusterer embeds them: title, newline, lead."""
    stories = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            stories.append([f"{a['title'].strip()}\n{a['lead'].strip()}" for a in row["articles"]])
    return stories


def wrap(bert: torch.nn.Module, rank: int) -> dict[str, LowRank]:
    for parameter in bert.parameters():
        parameter.requires_grad_(False)
    layers = {}
    for name, module in list(bert.named_modules()):
        if not name.startswith("encoder."):
            continue
        for child_name, child in list(module.named_children()):
            if isinstance(child, torch.nn.Linear) and child_name in ADAPTER_TARGETS:
                layers[f"{name}.{child_name}"] = LowRank(child, rank)
                setattr(module, child_name, layers[f"{name}.{child_name}"])
    return layers


def encoder(model):
    bert, tokenizer = model[0].auto_model, model.tokenizer

    def encode(texts: list[str]) -> torch.Tensor:
        batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        hidden = bert(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9), dim=-1)

    return encode


def hard_negatives(stories: list[list[str]], encode) -> list[list[str]]:
    """Per story, the base model's nearest articles of other stories."""
    flat = [(story, text) for story, texts in enumerate(stories) for text in texts]
    with torch.no_grad():
        vectors = torch.cat([encode([t for _, t in flat[i : i + 128]]) for i in range(0, len(flat), 128)])
    owner = torch.tensor([story for story, _ in flat])
    similarity = vectors @ vectors.T
    similarity[owner[:, None] == owner[None, :]] = -1.0
    nearest = similarity.topk(HARD_NEGATIVES, dim=1).indices
    negatives: list[list[str]] = [[] for _ in stories]
    for position, (story, _) in enumerate(flat):
        negatives[story].extend(flat[other][1] for other in nearest[position].tolist())
    return negatives


def train(stories: list[list[str]], steps: int, rank: int) -> dict[str, np.ndarray]:
    random.seed(SEED)
    torch.manual_seed(SEED)
    model = base_model()
    encode = encoder(model)
    negatives = hard_negatives(stories, encode)
    layers = wrap(model[0].auto_model, rank)
    parameters = [p for layer in layers.values() for p in (layer.a, layer.b)]
    optimiser = torch.optim.AdamW(parameters, lr=LEARNING_RATE, weight_decay=0.0)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / WARMUP) * max(0.0, 1 - step / steps)
    )
    order: list[int] = []
    started = time.perf_counter()
    for step in range(steps):
        if len(order) < BATCH:
            order += random.sample(range(len(stories)), len(stories))
        chosen, order = order[:BATCH], order[BATCH:]
        pairs = [random.sample(stories[story], 2) for story in chosen]
        anchors = encode([anchor for anchor, _ in pairs])
        positives = encode([positive for _, positive in pairs])
        others = encode([random.choice(negatives[story]) for story in chosen])
        labels = torch.arange(len(chosen))
        loss = torch.nn.functional.cross_entropy(anchors @ torch.cat([positives, others]).T * SCALE, labels)
        loss = (loss + torch.nn.functional.cross_entropy(positives @ anchors.T * SCALE, labels)) / 2
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        if step % 25 == 0 or step == steps - 1:
            print(f"step {step:4d}  loss {loss.item():.4f}  {time.perf_counter() - started:6.0f} s", flush=True)
    update = {}
    for name, layer in layers.items():
        update[f"{name}.a"] = layer.a.detach().numpy().astype(np.float32)
        update[f"{name}.b"] = (layer.b.detach() * layer.scale).numpy().astype(np.float32)
    return update


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--rank", type=int, default=RANK)
    parser.add_argument("--out", type=Path, default=ADAPTER_PATH)
    args = parser.parse_args()
    stories = load_stories(DATA)[ADAPTER_HELD_OUT:]
    print(f"training on {len(stories)} NeuS training stories ({ADAPTER_HELD_OUT} held out)", flush=True)
    np.savez(args.out, **train(stories, args.steps, args.rank))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
