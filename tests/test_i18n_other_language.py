"""One policy for a text that exists in one language only (a provider's refusal reason)."""

from __future__ import annotations

from citizen.i18n import in_reader_language


def test_the_readers_language_comes_first() -> None:
    assert in_reader_language("қазақша", "по-русски", "kk") == ("қазақша", False)
    assert in_reader_language("қазақша", "по-русски", "ru") == ("по-русски", False)


def test_a_text_only_in_the_other_language_is_shown_and_marked() -> None:
    assert in_reader_language("тек қазақша", None, "ru") == ("тек қазақша", True)
    assert in_reader_language(None, "только по-русски", "kk") == ("только по-русски", True)
    assert in_reader_language("  ", "только по-русски", "kk") == ("только по-русски", True)


def test_no_text_in_either_language_is_none() -> None:
    assert in_reader_language(None, None, "kk") is None
    assert in_reader_language("", " ", "ru") is None
