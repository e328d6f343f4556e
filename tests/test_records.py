from datetime import date

from dyad.records import Actor, Event, Location, Plover

CONTRACT_FIELDS = {
    "event_id", "doc_id", "sentence_index", "sentence", "date", "date_precision", "source",
    "target", "cameo", "cameo_root", "quad_class", "goldstein", "plover", "negated",
    "location", "spans", "confidence", "coder",
}  # fmt: skip


def make_event(**changes: object) -> Event:
    fields: dict[str, object] = {
        "event_id": "e",
        "doc_id": "d",
        "sentence_index": 1,
        "sentence": "Turkey hosted Israel.",
        "source": Actor("Turkey", "TUR", "TUR", (), None, (0, 6)),
        "target": Actor("Israel", "ISR", "ISR", (), None, (14, 20)),
        "cameo": "043",
        "cameo_root": "04",
        "quad_class": 1,
        "goldstein": 2.8,
        "plover": Plover("CONSULT", "visit", None),
        "trigger_span": (7, 13),
        "confidence": 0.8,
        "coder": "dyad/test",
        "date": date(2022, 8, 1),
        "date_precision": "month",
        "location": Location("Ankara", "TUR", 39.92, 32.85),
    }
    fields.update(changes)
    return Event(**fields)  # type: ignore[arg-type]


def test_records_event_dict_has_the_public_contract():
    record = make_event().to_dict()
    assert set(record) >= CONTRACT_FIELDS
    assert record["date"] == "2022-08"  # printed to its precision
    assert record["spans"] == {"source": [0, 6], "trigger": [7, 13], "target": [14, 20]}
    assert record["source"]["country"] == "TUR" and record["source"]["sectors"] == []
    assert record["plover"] == {"type": "CONSULT", "mode": "visit", "context": None}


def test_records_event_without_target_or_date():
    record = make_event(target=None, date=None, date_precision=None).to_dict()
    assert record["target"] is None and record["spans"]["target"] is None
    assert record["date"] is None
