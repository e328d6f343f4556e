from dyad.language import detect_language


def test_language_identifies_confident_cases():
    assert detect_language("Der Minister traf am Donnerstag seinen Amtskollegen in Berlin.") == "de"
    long_spanish = (
        "El presidente se reunió con su homólogo en Bogotá el jueves para hablar de la frontera, "
        "del comercio y de la cooperación contra el narcotráfico, según informó la cancillería."
    )
    assert detect_language(long_spanish) == "es"


def test_language_short_or_unsure_text_falls_back_to_english():
    assert detect_language("Türkiye, Israel pledge cooperation") == "en"
    assert detect_language("   ") == "en"
