# Schemathesis hooks of test/e2e/api-contract.test.ts (loaded through SCHEMATHESIS_HOOKS).
import schemathesis
from schemathesis.specs.openapi.checks import is_unexpected_http_status_case


def _only_cursor_refused(response) -> bool:
    """A 400 whose only complaint is the `cursor`: an opaque token must be one the API issued for this query.

    The document states its format, but no schema can state its signature, so a well-formed cursor the API
    never issued is refused like an unknown id would be.
    """
    try:
        errors = response.json().get("errors") or []
    except Exception:
        return False
    return bool(errors) and all(e.get("in") == "query" and e.get("pointer") == "/cursor" for e in errors)


@schemathesis.check
def valid_request_not_refused(ctx, response, case):
    """A request the document allows (positive data) is never refused with 400."""
    meta = case.meta
    if meta is None or is_unexpected_http_status_case(case) or not meta.generation.mode.is_positive:
        return None
    if response.status_code == 400 and not _only_cursor_refused(response):
        raise AssertionError(f"A request the document allows was refused with 400: {response.text[:600]}")
    return None
