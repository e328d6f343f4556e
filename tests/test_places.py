from dyad.places import load_gazetteer, normalise


def test_places_resolve_by_name_and_alias():
    gazetteer = load_gazetteer()
    ankara = gazetteer.resolve("Ankara")
    assert ankara is not None and ankara.country == "TUR"
    assert abs(ankara.lat - 39.92) < 0.05 and abs(ankara.lon - 32.85) < 0.05
    assert gazetteer.resolve("Kiev").country == "UKR"  # type: ignore[union-attr]
    assert gazetteer.resolve("Nowhereville-on-Sea") is None


def test_places_prefer_the_countries_in_context():
    gazetteer = load_gazetteer()
    assert gazetteer.resolve("Paris").country == "FRA"  # type: ignore[union-attr]
    assert gazetteer.resolve("Paris", prefer=["USA"]).country == "USA"  # type: ignore[union-attr]


def test_places_normalise_accents_and_case():
    assert normalise("  Türkiye ") == normalise("turkiye")


def test_places_first_level_divisions_give_countries():
    gazetteer = load_gazetteer()
    assert gazetteer.division_countries("Borno state") == {"NGA"}
    assert gazetteer.division_countries("Uttar Pradesh") == {"IND"}
    assert gazetteer.division_countries("Punjab") == {"IND", "PAK"}  # ambiguous: both
    assert gazetteer.division_countries("Atlantis") == set()
