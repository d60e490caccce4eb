"""The test database's content once loaded, saved at set-up (tests/conftest.py)
so that browser tests, whose transactions really commit, can restore it."""

SERIALIZED_CONTENTS: dict[str, str] = {}
