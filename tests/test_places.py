import pytest

import dyad
from dyad.evaluate.whenwhere import distance_km
from dyad.places import Preference, load_gazetteer, normalise


def test_places_resolve_by_name_and_alias():
    gazetteer = load_gazetteer()
    ankara = gazetteer.resolve("Ankara")
    assert ankara is not None and ankara.country == "TUR"
    assert abs(ankara.lat - 39.92) < 0.05 and abs(ankara.lon - 32.85) < 0.05  # type: ignore[operator]
    assert ankara.precision == "city" and ankara.admin1 == "Ankara" and ankara.geonames_id
    assert gazetteer.resolve("Kiev").country == "UKR"  # type: ignore[union-attr]
    assert gazetteer.resolve("Nowhereville-on-Sea") is None


def test_places_countries_and_divisions_have_coordinates_and_precision():
    gazetteer = load_gazetteer()
    syria = gazetteer.resolve("Syria")
    assert syria is not None and syria.precision == "country" and syria.country == "SYR"
    assert syria.lat is not None and distance_km(syria.lat, syria.lon, 35.0, 38.5) < 300  # type: ignore[arg-type]
    sindh = gazetteer.resolve("Sindh province")
    assert sindh is not None and (sindh.country, sindh.precision) == ("PAK", "admin1")
    assert distance_km(sindh.lat, sindh.lon, 26.0, 68.5) < 250  # type: ignore[arg-type]


def test_places_admin_context_restricts_the_candidates():
    gazetteer = load_gazetteer()
    assert gazetteer.resolve("Paris").country == "FRA"  # type: ignore[union-attr]
    texas = gazetteer.resolve("Paris, Texas")
    assert texas is not None and (texas.country, texas.admin1) == ("USA", "Texas")
    assert gazetteer.resolve("Hyderabad", within="Sindh").country == "PAK"  # type: ignore[union-attr]
    assert gazetteer.resolve("Tripoli", within="Lebanon").country == "LBN"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "preference", "country", "precision"),
    [
        ("Tripoli", Preference(), "LBY", "city"),
        ("Tripoli", Preference(sentence=["LBN"]), "LBN", "city"),
        ("Tripoli", Preference(dateline="LBN"), "LBN", "city"),
        ("Hyderabad", Preference(), "IND", "city"),
        ("Hyderabad", Preference(document=["PAK"]), "PAK", "city"),
        ("Georgia", Preference(), "GEO", "country"),
        ("Georgia", Preference(document=["RUS", "GEO"]), "GEO", "country"),
        ("Georgia", Preference(sentence=["USA"], document=["USA"]), "USA", "admin1"),
        ("Santiago", Preference(), "CHL", "city"),
        ("Santiago", Preference(home=["ESP"]), "ESP", "city"),
        ("Santiago", Preference(sentence=["DOM"]), "DOM", "city"),
        ("Paris", Preference(sentence=["USA"], divisions=["texas"]), "USA", "city"),
        ("Paris", Preference(sentence=["USA", "FRA"]), "FRA", "city"),
        ("Punjab", Preference(dateline="PAK"), "PAK", "admin1"),
    ],
)
def test_places_context_decides_between_namesakes(name, preference, country, precision):
    place = load_gazetteer().resolve(name, preference)
    assert place is not None
    assert (place.country, place.precision) == (country, precision)


def test_places_normalise_accents_and_case():
    assert normalise("  Türkiye ") == normalise("turkiye")


def test_places_first_level_divisions_give_countries():
    gazetteer = load_gazetteer()
    assert gazetteer.division_countries("Borno state") == {"NGA"}
    assert gazetteer.division_countries("Uttar Pradesh") == {"IND"}
    assert gazetteer.division_countries("Punjab") == {"IND", "PAK"}  # ambiguous: both
    assert gazetteer.division_countries("Atlantis") == set()


# Whole articles through the real pipeline: the first event's location.
LOCATED = [
    # (dateline, text, country, place name, (lat, lon))
    (None, "Libyan militias attacked government forces in Tripoli on Monday.", "LBY", "Tripoli",
     (32.89, 13.19)),
    ("BEIRUT", "The Lebanese army arrested 12 gunmen in Tripoli after a night of clashes.",
     "LBN", "Tripoli", (34.44, 35.83)),
    (None, "Police arrested 40 protesters at a rally in Paris, Texas, on Saturday.", "USA",
     "Paris", (33.66, -95.56)),
    (None, "French police detained dozens of protesters in Paris on Saturday.", "FRA", "Paris",
     (48.85, 2.35)),
    (None, "Pakistani police arrested six opposition workers in Hyderabad, in Sindh province.",
     "PAK", "Hyderabad", (25.39, 68.37)),
    (None, "Indian police detained opposition lawmakers in Hyderabad on Tuesday.", "IND",
     "Hyderabad", (17.38, 78.46)),
    (None, "Chilean police fired tear gas at students in Santiago on Thursday.", "CHL",
     "Santiago", (-33.46, -70.65)),
    (None, "Spanish police arrested two Galician separatists in Santiago de Compostela.", "ESP",
     "Santiago de Compostela", (42.88, -8.54)),
    ("TBILISI", "Georgian police detained 30 protesters outside parliament.", "GEO", "Tbilisi",
     (41.69, 44.83)),
    (None, "Russia accused Georgia of provoking border clashes.", None, None, None),
    (None, "American police arrested 20 protesters in Georgia on Saturday.", "USA", "Georgia",
     (32.7, -83.4)),
    (None, "Georgian police detained 30 protesters in Batumi on Saturday.", "GEO", "Batumi",
     (41.64, 41.64)),
    ("ATLANTA", "Police arrested 14 protesters outside the state capitol.", "USA", "Atlanta",
     (33.75, -84.39)),
    # No place in the sentence and no dateline: the acting side at home.
    (None, "Kenyan police arrested three opposition lawmakers.", "KEN", "Kenya", (0.5, 38.0)),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("dateline", "text", "country", "name", "coords"), LOCATED)
def test_places_events_are_located_from_context(dateline, text, country, name, coords):
    body = f"{dateline} — {text}" if dateline else text
    events = dyad.code_text(body, date="2022-10-27")
    assert events, text
    location = events[0].location
    if country is None:
        assert location is None
        return
    assert location is not None and location.country == country
    assert location.name == name
    assert distance_km(location.lat, location.lon, *coords) < 161  # type: ignore[arg-type]
