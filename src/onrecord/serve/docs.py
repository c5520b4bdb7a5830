"""The API reference page, rendered on the server from the app's own OpenAPI schema.

FastAPI's /docs would load Swagger UI from a CDN; this page needs no script and no network,
and the machine-readable schema stays at /api/openapi.json.
"""
from __future__ import annotations

from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def type_name(schema: dict[str, Any]) -> str:
    """A short type of a JSON schema: ``integer``, ``string | null``, ``asc | desc``."""
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "const" in schema:
        return str(schema["const"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            # "string | null" is just an optional string: the table says what is required.
            kinds = [type_name(s) for s in schema[key] if s.get("type") != "null"]
            return " | ".join(kinds) or "null"
    return str(schema.get("type", "any"))


def code_spans(text: str) -> list[tuple[bool, str]]:
    """Markdown-ish ``text`` as (is code, piece) pairs: the template wraps the `code` pieces
    in <code> and escapes every piece, so no Markdown renderer (or raw HTML) is needed."""
    return [(n % 2 == 1, piece) for n, piece in enumerate(text.split("`")) if piece]


def _parameter(p: dict[str, Any]) -> dict[str, Any]:
    schema = p.get("schema") or {}
    limits = [f"{word} {schema[key]}" for key, word in (("minimum", "≥"), ("maximum", "≤"),
                                                        ("maxLength", "length ≤")) if key in schema]
    return {"name": p.get("name", ""), "in": p.get("in", ""), "required": bool(p.get("required")),
            "type": type_name(schema), "default": schema.get("default"),
            "description": p.get("description") or schema.get("description") or "",
            "limits": ", ".join(limits)}


def _body(op: dict[str, Any]) -> list[dict[str, Any]]:
    content = ((op.get("requestBody") or {}).get("content") or {}).get("application/json") or {}
    schema = content.get("schema") or {}
    required = set(schema.get("required") or ())
    return [{"name": name, "type": type_name(prop), "required": name in required,
             "description": prop.get("description") or ""}
            for name, prop in (schema.get("properties") or {}).items()]


def without_422(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` without FastAPI's automatic 422 answers: this app answers 400 for a bad
    request (see ``errors``), and the 400 is documented instead."""
    for operations in (schema.get("paths") or {}).values():
        for op in operations.values():
            responses = op.get("responses") or {}
            if responses.pop("422", None) is not None:
                responses.setdefault("400", {"description": 'Bad request: `{"error": ..., "detail": ...}`'})
    for name in ("HTTPValidationError", "ValidationError"):
        ((schema.get("components") or {}).get("schemas") or {}).pop(name, None)
    return schema


def endpoints(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of ``schema`` with its parameters, body fields and responses."""
    out = []
    for path, operations in (schema.get("paths") or {}).items():
        for method in METHODS:
            op = operations.get(method)
            if op is None:
                continue
            out.append({
                "method": method.upper(), "path": path, "summary": op.get("summary") or "",
                "description": op.get("description") or "",
                "parameters": [_parameter(p) for p in op.get("parameters") or ()],
                "body": _body(op),
                "responses": [(code, r.get("description") or "") for code, r in (op.get("responses") or {}).items()],
            })
    return out


__all__ = ["code_spans", "endpoints", "type_name", "without_422"]
