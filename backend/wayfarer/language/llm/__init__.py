"""The LangChain + OpenAI-compatible language layer, with the offline rules as fallback."""

from wayfarer.language.llm.interpreter import LLMInterpreter
from wayfarer.language.llm.model import build_chat_model
from wayfarer.language.llm.narrator import LLMNarrator

__all__ = ["LLMInterpreter", "LLMNarrator", "build_chat_model"]
