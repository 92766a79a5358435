"""How travellers write the second-wave cities (issue 17, wave a) reaches the catalog city
through the real offline interpreter over the bundled catalog: accents left out, the local
name, and the many spellings of Washington, D.C."""

import pytest

from tests.language.plans import TODAY, gathering
from tests.reference import bundled_catalog, shared_world
from wayfarer.language import OfflineInterpreter


@pytest.fixture(scope="module")
def interpreter() -> OfflineInterpreter:
    catalog = bundled_catalog()
    return OfflineInterpreter({c.name: c.country for c in catalog.cities}, today=lambda: TODAY,
                              world=shared_world())


@pytest.mark.parametrize(
    ("message", "city"),
    [
        ("reykjavik 4 days nature", "Reykjavík"),
        ("3 days in Reykjavík", "Reykjavík"),
        ("washington dc for 3 days", "Washington DC"),
        ("Washington, D.C. for 4 days", "Washington DC"),
        ("3 days in DC", "Washington DC"),
        ("3 days in D.C.", "Washington DC"),
        ("3 days in sevilla", "Seville"),
        ("Seville for 4 days", "Seville"),
        ("København 3 days", "Copenhagen"),
        ("copenhagen for a long weekend", "Copenhagen"),
        ("marseilles for 3 days", "Marseille"),
        ("LA for 4 days", "Los Angeles"),
        ("stockholm 3 days", "Stockholm"),
        ("dublin, 2 days", "Dublin"),
        ("miami 4 days beaches", "Miami"),
        ("Toronto for a week", "Toronto"),
    ],
)
def test_the_way_travellers_write_it_reaches_the_city(
    interpreter: OfflineInterpreter, message: str, city: str
) -> None:
    changes = interpreter.read(message, gathering()).changes
    assert (changes.city, changes.unsupported_city) == (city, None)


def test_washington_alone_is_offered_as_washington_dc_and_the_state_is_not_dc(
    interpreter: OfflineInterpreter,
) -> None:
    alone = interpreter.read("a weekend in washington", gathering()).changes
    assert (alone.city, alone.unsupported_city) == (None, "Washington")
    assert alone.city_suggestions[0] == "Washington DC"
    state = interpreter.read("a week in Seattle, Washington", gathering()).changes
    assert (state.city, state.unsupported_city) == (None, "Seattle")


@pytest.mark.parametrize("message", ["my dc adapter died", "a la carte menus please"])
def test_lower_case_abbreviations_stay_ordinary_words(
    interpreter: OfflineInterpreter, message: str
) -> None:
    changes = interpreter.read(message, gathering()).changes
    assert (changes.city, changes.unsupported_city) == (None, None)
