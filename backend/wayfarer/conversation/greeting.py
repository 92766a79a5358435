"""The first message of every conversation, before the traveller has said anything."""


def greeting_text() -> str:
    """A warm one-paragraph welcome: what Wayfarer does, and one example request."""
    return (
        "Hi, I'm Wayfarer! Tell me where you'd like to go and I'll plan your trip day by "
        "day with real places: sights, food and walks grouped so you're not crossing town "
        "all day, fitted to opening hours, your interests, pace and budget. Once you have "
        "a plan, ask me to change anything, and export it to your calendar when it's "
        "right. For example: \"4 days in Lisbon, we love food and viewpoints, slow pace.\""
    )
