"""The acts schema as sent to the model: :class:`MessageActs`'s JSON schema in the subset
OpenAI's strict structured outputs accept (vLLM and Ollama accept it too).

Pydantic writes a discriminated union as ``oneOf`` + ``discriminator`` and keeps field
defaults; strict mode rejects both and wants every object closed
(``additionalProperties: false``) with every property listed in ``required``. So unions
become ``anyOf``, ``const`` tags one-value ``enum``s, defaults and discriminators are
dropped (optional fields stay nullable, so "not said" is ``null``), and objects are
closed. The reply is still validated by pydantic against :class:`MessageActs` itself: this
schema steers the model, the model classes decide.
"""

from functools import cache
from typing import Any

from wayfarer.domain.acts import MessageActs

_DROPPED = frozenset({"default", "discriminator"})


@cache
def acts_schema() -> dict[str, Any]:
    """The strict-mode JSON schema of :class:`MessageActs` (a fresh structure, cached)."""
    schema = strict_schema(MessageActs.model_json_schema())
    assert isinstance(schema, dict)
    return schema


def strict_schema(node: Any) -> Any:
    """``node`` (a pydantic JSON schema or part of one) in OpenAI's strict subset."""
    if isinstance(node, list):
        return [strict_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {("anyOf" if key == "oneOf" else key): strict_schema(value)
           for key, value in node.items() if key not in _DROPPED}
    if "const" in out:  # the act / op tags; ``enum`` is the most widely accepted form
        out["enum"] = [out.pop("const")]
    if isinstance(out.get("properties"), dict):
        out["additionalProperties"] = False
        out["required"] = list(out["properties"])
    return out
