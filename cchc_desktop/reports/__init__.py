"""Signed-ready documents: a format-neutral model (``document``), builders that fill it from the
data (``periodic``, ``listings``), and writers that lay it out per Nghị định 30/2020 (``pdf``,
``word``, ``excel``). The writers import their heavy libraries only when called."""
