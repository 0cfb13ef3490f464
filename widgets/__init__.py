"""leanon widgets."""
