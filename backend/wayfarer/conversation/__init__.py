"""The conversation orchestrator: gather -> clarify -> plan -> refine (SPEC §5)."""
