"""Interpretation of messages and phrasing of replies (offline rules or an LLM)."""

from wayfarer.language.base import Interpreter, Narrator

__all__ = ["Interpreter", "Narrator"]
