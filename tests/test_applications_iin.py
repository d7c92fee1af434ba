"""The IIN: its check digit (both weight series), normalisation, and keyed hashing."""

from __future__ import annotations

import pytest

from citizen.applications.iin import InvalidIIN, check_digit, iin_hash, is_valid_iin, normalize_iin


def test_check_digit_with_the_first_weights() -> None:
    # 9·1 + 0·2 + 0·3 + 1·4 + 0·5 + 1·6 + 3·7 + 0 + 0 + 0 + 0 = 40; 40 mod 11 = 7
    assert check_digit("90010130000") == 7
    assert is_valid_iin("900101300007")
    assert not is_valid_iin("900101300008")


def test_check_digit_falls_back_to_the_second_weights() -> None:
    # First weights: 175 mod 11 = 10, so the second series counts: 170 mod 11 = 5.
    assert check_digit("85061540070") == 5
    assert is_valid_iin("850615400705")


def test_numbers_whose_both_sums_give_ten_are_never_valid() -> None:
    # First weights: 263 mod 11 = 10; second: 186 mod 11 = 10.
    assert check_digit("85061540078") is None
    assert not any(is_valid_iin(f"85061540078{d}") for d in range(10))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("90010130000", "an IIN is 12 digits"),
        ("9001013000071", "an IIN is 12 digits"),
        ("90010130000x", "an IIN is 12 digits"),
        ("９００１０１３００００７", "an IIN is 12 digits"),  # full-width digits
        ("900101300008", "check digit"),
    ],
)
def test_invalid_iins_say_why_without_repeating_the_number(text: str, why: str) -> None:
    with pytest.raises(InvalidIIN) as exc:
        normalize_iin(text)
    assert why in str(exc.value)
    assert text not in str(exc.value)


def test_people_may_type_spaces_and_dashes() -> None:
    assert normalize_iin(" 900101 300-007 ") == "900101300007"


def test_the_hash_is_keyed_and_does_not_contain_the_iin() -> None:
    one = iin_hash("900101300007", key=b"key-one")
    assert len(one) == 64 and "900101300007" not in one
    assert iin_hash("900101 300007", key=b"key-one") == one
    assert iin_hash("900101300007", key=b"key-two") != one
    assert iin_hash("850615400705", key=b"key-one") != one
