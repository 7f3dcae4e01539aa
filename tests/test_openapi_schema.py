"""The OpenAPI schema builds without warnings and the committed copy is current."""

from pathlib import Path

from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parent.parent / "openapi" / "schema.yaml"


def test_the_committed_schema_is_current_and_builds_without_warnings(tmp_path: Path) -> None:
    generated = tmp_path / "schema.yaml"

    # --fail-on-warn turns any warning into an error (SystemExit), failing this test.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(generated))

    assert SCHEMA.exists(), "Run `make schema` and commit openapi/schema.yaml"
    assert generated.read_text() == SCHEMA.read_text(), "The API changed: run `make schema` and commit the result"


def test_schema_and_docs_are_served(client: object) -> None:
    schema = client.get("/api/v1/schema/")  # type: ignore[attr-defined]
    docs = client.get("/api/v1/docs/")  # type: ignore[attr-defined]

    assert schema.status_code == 200
    assert b"/api/v1/orgs/{org_slug}/members/" in schema.content
    assert docs.status_code == 200
