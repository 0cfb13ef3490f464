"""Small modules that build the real app (through ``make_app``) for pilot and snapshot tests."""
