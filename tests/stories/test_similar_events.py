"""Similar but distinct events stay apart through the whole job: ingest, analysis, embedding, clustering.

The articles are invented, full length and dated, three outlets per event: two earthquakes in
the Peruvian Andes nine days apart, and two resignations in the Conservative Party six days
apart. Each event's reports must form one story, and the two events of a pair two stories.
"""

import json
from pathlib import Path

import pytest

from crosswire.pipeline import ingest
from crosswire.store import Store

REPORTS = {
    "huancayo": [
        (
            "Andes Daily",
            "2025-03-03T08:10:00-05:00",
            "Magnitude 6.2 earthquake strikes near Huancayo, killing at least 14",
            "A magnitude 6.2 earthquake struck the central Peruvian Andes near the city of Huancayo early on "
            "Monday, killing at least 14 people and bringing down adobe homes in villages across the Mantaro "
            "valley, Peru's civil defence institute said.\n\n"
            "The quake hit at 4:52 a.m. local time at a depth of 35 kilometres, about 20 kilometres north-west of "
            "Huancayo, according to the Geophysical Institute of Peru. Residents ran into the streets in the dark "
            "as walls collapsed in the districts of Concepción and Jauja.\n\n"
            '"The roof fell on my mother\'s room," said Rosa Quispe, 41, outside a clinic in Concepción. "We '
            'dug her out with our hands." Hospitals in Huancayo treated more than 200 injured people.\n\n'
            "President Ana Lucía Ferreyra flew to Junín region on Monday afternoon and declared a 60-day state of "
            "emergency in nine provinces.",
        ),
        (
            "Pacific Wire",
            "2025-03-03T11:30:00-05:00",
            "Deadly quake flattens adobe villages in Peru's Mantaro valley",
            "Rescuers searched collapsed adobe houses in Peru's Mantaro valley on Monday after a magnitude 6.2 "
            "earthquake near Huancayo killed at least 14 people and injured more than 200.\n\n"
            "The Geophysical Institute of Peru said the quake struck before dawn at a depth of about 35 "
            "kilometres. Landslides blocked the Central Highway between Huancayo and Lima for several hours, "
            "stranding lorries carrying food to the capital.\n\n"
            "Most of the dead were in Concepción province, where many families live in two-storey adobe homes "
            "that offer little resistance to shaking, officials said. The Junín regional government opened "
            "shelters in schools and a sports stadium.\n\n"
            "President Ana Lucía Ferreyra declared a state of emergency in Junín and promised reconstruction "
            "funds within a week.",
        ),
        (
            "Lima Herald",
            "2025-03-04T07:00:00-05:00",
            "Junín counts its dead as aftershocks rattle Huancayo",
            "The death toll from Monday's earthquake in Junín rose to 17 on Tuesday as more than 40 aftershocks "
            "shook Huancayo and the towns of the Mantaro valley, Peru's civil defence institute said.\n\n"
            "The magnitude 6.2 quake, centred 20 kilometres from Huancayo, destroyed or damaged about 3,000 homes, "
            "most of them built of adobe. Families slept outdoors in Concepción and Jauja for a second night, "
            "afraid to go back inside.\n\n"
            "Engineers inspected the Huancayo cathedral, where part of the bell tower fell into the square. The "
            "Central Highway reopened to traffic on Tuesday morning.\n\n"
            "President Ana Lucía Ferreyra, who visited Concepción on Monday, said the state would pay for "
            "temporary housing for every family that lost its home.",
        ),
    ],
    "ayacucho": [
        (
            "Andes Daily",
            "2025-03-12T15:20:00-05:00",
            "Magnitude 5.7 earthquake shakes Ayacucho, damaging churches",
            "A magnitude 5.7 earthquake struck the southern Peruvian region of Ayacucho on Wednesday afternoon, "
            "injuring 23 people and cracking the walls of colonial churches in the regional capital, officials "
            "said.\n\n"
            "The Geophysical Institute of Peru located the quake 15 kilometres south of the town of Huanta at a "
            "depth of 60 kilometres. It struck at 1:08 p.m. local time, while pupils were in class, and schools "
            "across the region were evacuated.\n\n"
            "No deaths were reported. The Archbishopric of Ayacucho said the bell tower of the church of Santo "
            "Domingo had cracked and the church would stay closed until engineers inspected it.\n\n"
            "Ayacucho's regional governor, Wilfredo Palomino, said 120 homes in Huanta and Luricocha had been "
            "damaged.",
        ),
        (
            "Pacific Wire",
            "2025-03-12T17:45:00-05:00",
            "Quake near Huanta injures 23 in Peru's Ayacucho region",
            "An earthquake of magnitude 5.7 shook Peru's Ayacucho region on Wednesday, injuring 23 people, "
            "most of them hurt by falling masonry in the town of Huanta, regional officials said.\n\n"
            "Pupils were led out of schools in Huanta and the city of Ayacucho as the ground shook for about 20 "
            "seconds. The quake was centred at a depth of 60 kilometres, the Geophysical Institute of Peru said, "
            "which limited the damage.\n\n"
            "Governor Wilfredo Palomino said 120 houses in Huanta and Luricocha were damaged and that the region "
            "had asked Lima for tents and blankets. Colonial churches in Ayacucho, a city known for its Holy Week "
            "processions, suffered cracks.\n\n"
            "There were no reports of deaths.",
        ),
        (
            "Lima Herald",
            "2025-03-13T08:00:00-05:00",
            "Ayacucho inspects colonial churches after Wednesday's tremor",
            "Engineers began inspecting the colonial churches of Ayacucho on Thursday, a day after a magnitude "
            "5.7 earthquake near Huanta cracked bell towers and injured 23 people in the southern region.\n\n"
            "The church of Santo Domingo and two chapels on the main square were closed to the public. The "
            "Archbishopric of Ayacucho said Holy Week processions next month would go ahead if the buildings "
            "were declared safe.\n\n"
            "Governor Wilfredo Palomino said the region would repair the 120 damaged homes in Huanta and "
            "Luricocha before the rainy season ends. The Geophysical Institute of Peru recorded nine aftershocks, "
            "none stronger than magnitude 4.",
        ),
    ],
    "hale": [
        (
            "The Chronicle",
            "2025-06-02T09:15:00+01:00",
            "Transport minister Richard Hale resigns over lobbying row",
            "Richard Hale resigned as transport minister on Monday after a newspaper reported that he had lobbied "
            "officials on behalf of a rail signalling company that employed his brother.\n\n"
            'In a letter to the prime minister, the Conservative MP for Wrexley said he had "made an error of '
            'judgment" in arranging two meetings between the company, Signet Rail, and civil servants in his own '
            "department. He said he had not benefited financially.\n\n"
            'Downing Street said the prime minister had accepted the resignation "with regret". Opposition '
            "parties demanded an inquiry by the independent adviser on ministers' interests.\n\n"
            "Hale, 52, had been in the post for 14 months and was overseeing the delayed upgrade of the northern "
            "rail network.",
        ),
        (
            "Westminster Post",
            "2025-06-02T12:40:00+01:00",
            "Hale quits as minister after Signet Rail meetings revealed",
            "Richard Hale has quit the government after it emerged that he set up meetings between Signet Rail, "
            "a company that employs his brother, and officials at the Department for Transport.\n\n"
            "The Conservative MP admitted the meetings in his resignation letter but said he had acted to speed "
            "up a signalling contract that passengers needed. Signet Rail said it had won no contract as a "
            "result.\n\n"
            "Labour said the case showed the need for a lobbying register with teeth, and the Liberal Democrats "
            "called for the independent adviser to investigate. Hale will remain an MP.\n\n"
            "His departure is the first ministerial resignation since the cabinet reshuffle in January.",
        ),
        (
            "Northern Echo Online",
            "2025-06-03T07:30:00+01:00",
            "Wrexley MP Hale's resignation leaves rail upgrade without a minister",
            "The resignation of Richard Hale as transport minister on Monday has left the northern rail upgrade "
            "without a minister just weeks before a decision on its budget, rail groups said on Tuesday.\n\n"
            "Hale, the Conservative MP for Wrexley, stepped down after reports that he had lobbied his own "
            "department for Signet Rail, where his brother is a director. He told constituents he was "
            '"deeply sorry".\n\n'
            "Downing Street is expected to name a successor this week. Local councillors in Wrexley said they "
            "still backed their MP.",
        ),
    ],
    "grant": [
        (
            "The Chronicle",
            "2025-06-08T18:05:00+01:00",
            "Conservative chairwoman Fiona Grant resigns after council election losses",
            "Fiona Grant resigned as chairwoman of the Conservative Party on Sunday, taking responsibility for "
            "the loss of more than 400 council seats in last month's local elections.\n\n"
            'In a statement, Grant said the party needed "a fresh face to rebuild our campaigning machine" '
            "before the next general election. She will stay on until a successor is appointed.\n\n"
            "Grant, who has chaired the party since 2023, had faced criticism from MPs over the campaign's "
            "focus and over the cost of the party's new headquarters in Westminster.\n\n"
            'The prime minister thanked her for her "tireless work" and said a new chair would be named '
            "within days.",
        ),
        (
            "Westminster Post",
            "2025-06-08T20:30:00+01:00",
            "Grant steps down as Tory chair as MPs blame campaign for losses",
            "Fiona Grant has stepped down as Conservative Party chairwoman after MPs blamed her campaign for the "
            "party's worst local election results in a decade.\n\n"
            "The party lost 412 council seats and control of 11 councils in May. Several backbench MPs had "
            "written to the prime minister asking for a change at party headquarters.\n\n"
            "Grant said she was proud of the volunteers who had knocked on doors and that the party's finances "
            "were in good order. Her departure follows weeks of briefing against her by allies of the party "
            "treasurer.\n\n"
            "Candidates to replace her include the party's deputy chairman, Tom Ellery.",
        ),
        (
            "Northern Echo Online",
            "2025-06-09T08:00:00+01:00",
            "Who will succeed Fiona Grant at Conservative headquarters?",
            "The resignation of Fiona Grant as Conservative Party chairwoman on Sunday has opened a race to lead "
            "the party's organisation before the general election.\n\n"
            "Grant quit after the party lost 412 council seats in the May local elections, saying it needed a "
            "fresh face. Deputy chairman Tom Ellery is seen as the front-runner, while some MPs want a "
            "campaigner from outside Parliament.\n\n"
            "Party members in the north, where the losses were heaviest, said the new chair must spend less on "
            "headquarters and more on local campaigns.",
        ),
    ],
}


def write_reports(records: Path) -> Path:
    """Every report as a JSON record (id, outlet, date, title, text) in one JSON Lines file."""
    with records.open("w", encoding="utf-8") as out:
        for event, reports in REPORTS.items():
            for number, (outlet, published, title, text) in enumerate(reports):
                record = {"id": f"{event}-{number}", "outlet": outlet, "published": published, "title": title}
                out.write(json.dumps({**record, "text": text}) + "\n")
    return records


@pytest.fixture(scope="module")
def stories_by_event(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Ingest every report as a JSON record, then each event's set of story ids."""
    folder = tmp_path_factory.mktemp("similar-events")
    records = write_reports(folder / "reports.jsonl")
    db = folder / "crosswire.db"
    ingest([str(records)], str(db))
    with Store(db) as store:
        record_of = {row["id"]: row["record_id"] for row in store.articles()}
        story_of = {record_of[article]: story for article, story, _ in store.memberships()}
    return {event: {story_of[f"{event}-{n}"] for n in range(len(reports))} for event, reports in REPORTS.items()}


@pytest.mark.parametrize("event", ["ayacucho", "grant", "hale", "huancayo"])
def test_each_events_reports_form_one_story(stories_by_event: dict[str, set[str]], event: str) -> None:
    assert len(stories_by_event[event]) == 1


@pytest.mark.parametrize(("first", "second"), [("huancayo", "ayacucho"), ("hale", "grant")])
def test_similar_events_stay_apart(stories_by_event: dict[str, set[str]], first: str, second: str) -> None:
    assert stories_by_event[first].isdisjoint(stories_by_event[second])
