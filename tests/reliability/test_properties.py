"""Property tests of the code that sees clients' text first: the SPARQL token check and search.
The number/date normalisers and scanner offsets have their own (tests/test_numbers.py,
tests/test_dates.py, tests/test_scan.py, all with characters beyond the BMP such as 𠮷)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongyun.api.errors import ApiError
from gongyun.api.safety import UPDATE_WORDS, check_query, select_star_order, tokenize

# SPARQL's own characters, keywords' letters, and text beyond the BMP (𠮷 is U+20BB7).
ALPHABET = st.sampled_from(
    list("SELECTWHEREINSRTDLOADservice{}()[]<>\"'#?$:_.;,=!*^|/\\ \n\t0123456789")
    + ["𠮷", "山", "西", "\u3000", "\u00a0", "\U000e0001", "\ufffd", "\x00"]
)
TEXT = st.one_of(st.text(ALPHABET, max_size=60), st.text(max_size=60))
PAYLOAD = st.text(st.characters(exclude_characters='"\\\n\r'), max_size=40)


@given(TEXT)
@settings(max_examples=400, deadline=None)
def test_tokens_are_exact_slices_in_code_points(text: str) -> None:
    try:
        tokens = tokenize(text)
    except ApiError as err:
        assert err.status == 400
        return
    last = -1
    for token in tokens:
        assert token.offset > last
        assert text[token.offset:token.offset + len(token.text)] == token.text
        last = token.offset


@given(TEXT)
@settings(max_examples=400, deadline=None)  # the first call imports rdflib's parser
def test_check_query_answers_or_refuses_never_crashes(text: str) -> None:
    try:
        verdict = check_query(text)
    except ApiError as err:
        assert err.status in (400, 403)
        assert err.message.strip()
        return
    assert verdict.form in ("select", "ask", "construct", "describe")
    assert not any(t.kind == "WORD" and t.text.upper() in UPDATE_WORDS | {"SERVICE"}
                   for t in tokenize(text))


@given(PAYLOAD, st.sampled_from(sorted(UPDATE_WORDS) + ["SERVICE", "𠮷", "# DROP"]))
@settings(max_examples=300, deadline=None)
def test_words_inside_strings_are_never_keywords(payload: str, word: str) -> None:
    query = f'SELECT ?s WHERE {{ ?s ?p "{payload} {word} <http://x>" }}'
    assert check_query(query).form == "select"


@given(st.lists(st.text(st.sampled_from(list("abcxyz") + ["𠮷", "山"]), min_size=1,
                        max_size=5), min_size=1, max_size=6, unique=True))
@settings(deadline=None)
def test_select_star_order_is_first_appearance(names: list[str]) -> None:
    pattern = " . ".join(f"?{n} <http://p> ?{names[0]}" for n in names)
    assert select_star_order(f"SELECT * WHERE {{ {pattern} }}") == tuple(names)


@pytest.fixture(scope="module")
def search_client(tmp_path_factory, site):
    from fastapi.testclient import TestClient

    from gongyun.api.app import create_app
    from gongyun.api.storedir import prepare
    from tests.api.conftest import mini_settings

    app_settings = mini_settings(tmp_path_factory.mktemp("props-store"), site)
    prepare(app_settings)
    with TestClient(create_app(app_settings)) as client:
        yield client


SEARCH_WORDS = st.sampled_from(["shanxi", "Shānxī", "太原", '"', "*", "NEAR", "OR", "%", "'"])


@given(st.lists(st.one_of(ALPHABET, SEARCH_WORDS), min_size=1, max_size=12).map("".join))
@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_search_never_fails(search_client, q: str) -> None:
    r = search_client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        assert set(r.json()) == {"error"}
