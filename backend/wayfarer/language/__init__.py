"""Interpretation of messages and phrasing of replies (offline rules or an LLM)."""

from wayfarer.language.base import Interpreter, Narrator
from wayfarer.language.offline import CityResolver, OfflineInterpreter, OfflineNarrator

__all__ = ["CityResolver", "Interpreter", "Narrator", "OfflineInterpreter", "OfflineNarrator"]
