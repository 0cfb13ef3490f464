"""leanon tui."""
