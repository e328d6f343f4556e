import codecs

import pytest

from dyad.errors import InputError
from dyad.read.decode import decode_bytes


def test_decode_utf8_with_and_without_bom():
    assert decode_bytes("Türkiye".encode(), "a.txt") == "Türkiye"
    assert decode_bytes(codecs.BOM_UTF8 + "Türkiye".encode(), "a.txt") == "Türkiye"


def test_decode_utf16_with_bom_and_without():
    text = "Côte d'Ivoire protesters marched"
    assert decode_bytes(text.encode("utf-16"), "a.txt") == text
    assert decode_bytes(text.encode("utf-16-le"), "a.txt") == text


def test_decode_cp1252_without_mojibake():
    data = "The minister’s “visit” to Bogotá".encode("cp1252")
    assert decode_bytes(data, "a.txt") == "The minister’s “visit” to Bogotá"


def test_decode_empty_file_names_file():
    with pytest.raises(InputError, match=r"^a\.txt: file is empty$"):
        decode_bytes(b"  \n", "a.txt")


def test_decode_binary_file_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt")
