"""A small news corpus written for a test: a few events, each reported by a few outlets in their own words.

Short JSON records (title, outlet, date, three paragraphs with a quotation), so that a whole ingest with
analysis and stories takes seconds, yet every phase has real work: distinct articles to store and
analyse, stories to group them into, dossiers to build.
"""

from __future__ import annotations

import json
from pathlib import Path

EVENTS = (
    ("Harbour strike ends in Rotterdam", "2024-03-05", "Dock workers in Rotterdam ended a nine-day strike on Tuesday "
     "after the port authority agreed to raise wages by six percent.", "Union leader Marta de Vries",
     "This agreement protects every family that depends on the docks", "Cranes resumed loading container ships "
     "within hours, and the backlog of 40 vessels should clear by Friday, the authority said."),
    ("Flood closes Riverside bridge", "2024-04-11", "The Riverside bridge was closed on Thursday after the Avon river "
     "rose two metres overnight and flooded the old town.", "Mayor Daniel Okafor",
     "Nobody should try to cross the river until the engineers have inspected the bridge", "Emergency crews "
     "evacuated 300 residents from homes near the water, and schools stayed shut."),
    ("Kenya signs solar power deal", "2024-05-20", "Kenya signed a deal with a Danish consortium on Monday to build "
     "the largest solar park in East Africa near Garissa.", "Energy minister Ruth Wanjiku",
     "Cheap clean power will reach two million homes within three years", "The park will cost 600 million dollars "
     "and should start producing electricity in 2026, the ministry said."),
    ("Chess champion retires in Oslo", "2024-06-02", "Norwegian chess player Ingrid Solberg announced her retirement "
     "in Oslo on Sunday, ten years after winning her first world title.", "Ingrid Solberg",
     "I have played my last serious game and I am at peace with it", "She won four world titles and will coach the "
     "national junior team from next season, the federation said."),
)  # fmt: skip
OUTLETS = ("The Harbour Times", "Daily Ledger", "Northern Gazette", "Valley Courier")
ASIDES = ("", " Officials confirmed the news.", " The news was welcomed by many.", " Few had expected it.")


def write_corpus(folder: Path, events: int = 4, outlets: int = 3, start: int = 0) -> list[Path]:
    """One JSON record per (event, outlet) in `folder`, each worded a little differently; `start` offsets
    which outlets report, so that a later call adds new articles to the same stories."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, (title, day, lead, speaker, words, detail) in enumerate(EVENTS[:events]):
        for slot in range(start, start + outlets):
            outlet = OUTLETS[slot % len(OUTLETS)]
            text = "\n\n".join([
                lead + ASIDES[slot % len(ASIDES)],
                f'"{words}," {speaker} told reporters.',
                detail + (f" Reporting by {outlet}, copy {slot}." if slot >= len(OUTLETS) else ""),
            ])  # fmt: skip
            record = {"id": f"e{number}-o{slot}", "title": title, "outlet": outlet, "published": day, "text": text}
            path = folder / f"event{number}-outlet{slot}.json"
            path.write_text(json.dumps(record), "utf-8")
            paths.append(path)
    return paths
