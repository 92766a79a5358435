"""How travellers name the second-wave cities (issue 17, branch b) against the real catalog.

The interpreter is built on the bundled catalog's own city names, so this fails if a city
file's name stops matching geonames or an alias ("Saigon", "HCMC", "Peking") stops
reaching the covered city.
"""

import pytest

from tests.reference import bundled_catalog, shared_world
from wayfarer.domain import SessionState
from wayfarer.language import OfflineInterpreter


@pytest.fixture(scope="module")
def interpreter() -> OfflineInterpreter:
    return OfflineInterpreter({c.name: c.country for c in bundled_catalog().cities},
                              world=shared_world())


@pytest.mark.parametrize(
    ("message", "city"),
    [
        ("4 days in saigon, street food", "Ho Chi Minh City"),
        ("ho chi minh city for 3 days", "Ho Chi Minh City"),
        ("HCMC next week", "Ho Chi Minh City"),
        ("peking, history", "Beijing"),
        ("3 days in Taipei", "Taipei"),
        ("trip to hanoi", "Hanoi"),
        ("shanghai 5 days packed", "Shanghai"),
        ("KL for 4 days", "Kuala Lumpur"),
        ("kuala lumpur, food", "Kuala Lumpur"),
        ("vancouver with kids", "Vancouver"),
        ("Melbourne 3 days, coffee and street art", "Melbourne"),
        ("a week in lima", "Lima"),
        ("cuzco and machu picchu", "Cusco"),
    ],
)
def test_the_new_cities_are_read_as_covered(
    interpreter: OfflineInterpreter, message: str, city: str
) -> None:
    changes = interpreter.read(message, SessionState(session_id="names")).changes
    assert (changes.city, changes.unsupported_city) == (city, None)
