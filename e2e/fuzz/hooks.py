"""Schemathesis hooks of the fuzz tier (loaded through SCHEMATHESIS_HOOKS by fuzz/run.ts).

Only what must be neutralised is changed, right before each request (and known names are put into paths, below):
- GET /api/services/{service}/logs follows the log forever by default: `follow` is forced to false, so the stream
  ends after the tail (tail itself is still fuzzed).
- POST /api/topics and the wizard's apply create real topics on the harness broker: partitions are capped at 4 so a
  run cannot fill the broker with thousands of partitions (the 1..1000 range itself is covered by unit tests).
"""
import json
import os

import schemathesis
from hypothesis import strategies as st
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


# Names that exist (fuzz/seed.ts, passed as JSON): part of each operation's cases get them in their path, so the
# code behind a successful lookup is fuzzed too (its query and body still come from the generator); hypothesis picks
# the generated or the known value, so both are explored and shrinking still works.
KNOWN = json.loads(os.environ.get("FUZZ_KNOWN_NAMES", '{"byPath": {}, "byParameter": {}}'))


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    template = context.operation.path if context.operation else ""
    known = {**KNOWN["byParameter"], **KNOWN["byPath"].get(template, {})}
    mapped = {name: known.get(name, value) for name, value in (path_parameters or {}).items()}
    return st.sampled_from([path_parameters, mapped])
