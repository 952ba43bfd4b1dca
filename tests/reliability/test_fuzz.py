"""Fuzzing the service in-process from its own OpenAPI description (schemathesis): no answer is
a 5xx, JSON answers match the schemas the description gives them, and every 4xx has the one
error shape. Each operation gets a bounded number of generated requests (about 15 s in all).

Not checked: that every status code and media type is declared in the description (it declares
200 and 422 and application/json only; see docs/reliability.md)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance
from schemathesis.core.failures import FailureGroup
from schemathesis.openapi.checks import JsonSchemaError

from gongyun.api.app import create_app
from gongyun.api.storedir import prepare
from tests.api.conftest import mini_settings

EXAMPLES_PER_OPERATION = 30


@schemathesis.check
def error_shape(ctx, response, case) -> None:
    """Every 4xx answer is {"error": {"status", "code", "message"}} with the answer's status."""
    if 400 <= response.status_code < 500:
        doc = json.loads(response.content)
        assert set(doc) == {"error"}, doc
        assert set(doc["error"]) == {"status", "code", "message"}, doc
        assert doc["error"]["status"] == response.status_code, doc


CHECKS = [not_a_server_error, response_schema_conformance, error_shape]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, site):
    app_settings = mini_settings(tmp_path_factory.mktemp("fuzz-store"), site)
    prepare(app_settings)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(app_settings))


def fuzz(operation) -> list[str]:
    found: list[str] = []

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        try:
            case.call_and_validate(checks=CHECKS)
        except (FailureGroup, AssertionError, JsonSchemaError) as exc:
            found.append(f"{case.method} {case.formatted_path} {case.query}: {exc}"[:2000])

    run()
    return found


def test_openapi_operations(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    failures = {op.label: found for op in operations if (found := fuzz(op))}
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)[:20000]
