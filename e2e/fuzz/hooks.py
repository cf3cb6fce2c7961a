"""Schemathesis hooks of the fuzz tier (loaded through SCHEMATHESIS_HOOKS by fuzz/run.ts).

Only what must be neutralised is changed, right before each request:
- GET /api/services/{service}/logs follows the log forever by default: `follow` is forced to false, so the stream
  ends after the tail (tail itself is still fuzzed).
- POST /api/topics and the wizard's apply create real topics on the harness broker: partitions are capped at 4 so a
  run cannot fill the broker with thousands of partitions (the 1..1000 range itself is covered by unit tests).
"""
import schemathesis
from hypothesis.internal import lambda_sources

# CPython 3.11.7's ast.parse can raise "SystemError: AST constructor recursion depth mismatch" on the large source file
# hypothesis parses only to *describe* a filter lambda (CPython gh-106905); the description is cosmetic, so fall back.
_describe = lambda_sources.lambda_description


def _safe_description(f):
    try:
        return _describe(f)
    except SystemError:
        return "lambda"


lambda_sources.lambda_description = _safe_description

MAX_FUZZ_PARTITIONS = 4


def _cap(obj):
    if isinstance(obj, dict) and isinstance(obj.get("partitions"), int) and not isinstance(obj.get("partitions"), bool):
        if obj["partitions"] > MAX_FUZZ_PARTITIONS:
            obj["partitions"] = MAX_FUZZ_PARTITIONS


@schemathesis.hook
def before_call(context, case, kwargs):
    path = case.operation.path
    if path == "/api/services/{service}/logs":
        query = dict(case.query or {})
        if query.get("follow") is None or str(query.get("follow")).lower() in ("true", "1"):
            query["follow"] = "false"
            case.query = query
    if case.operation.method.upper() == "POST" and path in ("/api/topics", "/api/wizard/apply"):
        body = kwargs.get("json")
        _cap(body)
        if isinstance(body, dict):
            _cap(body.get("topic"))
