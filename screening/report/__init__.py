"""Renderers of :class:`~screening.model.Report` s: ``json`` (JSON Lines, DESIGN.md §4) and
``text`` (Chinese by default, English with ``lang="en"``)."""
