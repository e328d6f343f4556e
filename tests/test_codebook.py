from dyad.events.codebook import load_codebook

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def test_codebook_has_all_roots_with_quad_classes():
    codebook = load_codebook()
    roots = {c.root for c in codebook.values()}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    for code in codebook.values():
        expected = (
            1 if code.root <= "05" else 2 if code.root <= "09" else 3 if code.root <= "14" else 4
        )
        assert code.quad_class == expected, code.code
        assert -10 <= code.goldstein <= 10
        assert code.plover.type is None or code.plover.type in PLOVER_TYPES


def test_codebook_known_values():
    code = load_codebook()["0312"]
    assert code.root == "03" and code.goldstein == 5.2 and code.plover.type == "AGREE"
    assert code.plover.context == "military"
