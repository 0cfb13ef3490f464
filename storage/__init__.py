"""leanon storage."""
