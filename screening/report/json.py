"""JSON Lines: one object per document per line, exactly the DESIGN.md §4 schema."""

from __future__ import annotations

import json

from ..model import Report


def render(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":"))
