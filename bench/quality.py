"""Detection quality on the labelled corpus: recall per category and kind, and false positives.

    python bench/quality.py            # build the corpus in bench/out/corpus and print the table
    python bench/quality.py --check    # also exit 1 when a target is missed (used by the tests)
    python bench/quality.py --lang en

Targets (issue "Core …"): classification-mark recall ≥ 0.98 and no look-alike at review/block.
Later issues add their kinds and targets to ``TARGETS``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import Score, build_all, load_cases, score  # noqa: E402

#: minimum recall per category or per "category/kind" (items found at review/block); false positives
#: must be 0 everywhere. A target with nothing planted fails (the corpus must exercise it).
TARGETS = {
    "classification_mark": 0.98,
    "personal_data/resident_id": 0.99, "personal_data/bank_card": 0.99,
    "personal_data/mobile_phone": 0.99, "personal_data/email": 0.99,
    "personal_data/person_name": 0.9, "personal_data/address": 0.9,
    "hidden_content": 0.95,
    "trade_secret": 0.95, "restricted_info": 0.95,
}


def run(out: Path) -> Score:
    from screening.pipeline import Screener
    from screening.plugins import get_plugin_manager

    screener = Screener(pm=get_plugin_manager(entrypoints=False))
    built = build_all(out, load_cases())
    return score([(c, screener.scan(path)) for c, path in built])


def table(s: Score, lang: str = "zh") -> str:
    zh = lang == "zh"
    head = ("类别/种类", "埋点", "检出", "召回率", "严重程度正确") if zh else \
           ("category/kind", "planted", "found", "recall", "severity ok")
    rows = [head]
    by_cat: dict[str, list[int]] = {}
    for key in sorted(s.planted):
        n, f, ok = s.planted[key], s.found.get(key, 0), s.severity_ok.get(key, 0)
        rows.append((key, str(n), str(f), f"{f / n:.3f}", str(ok)))
        cat = key.split("/")[0]
        acc = by_cat.setdefault(cat, [0, 0])
        acc[0] += n
        acc[1] += f
    for cat, (n, f) in sorted(by_cat.items()):
        rows.append((f"{cat} {'合计' if zh else 'total'}", str(n), str(f), f"{f / n:.3f}", ""))
    widths = [max(_w(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(r, widths)) for r in rows]
    lines.insert(1, "-" * (sum(widths) + 2 * (len(widths) - 1)))
    lines.append("")
    lines.append(("误报（look-alike 或未埋点处报为 review/block）：" if zh else
                  "false positives (review/block where nothing was planted): ")
                 + str(len(s.false_positives)))
    for file, kind, text, sev in s.false_positives:
        lines.append(f"  {file}: {kind} [{sev}] {text!r}")
    if s.missed:
        lines.append(("漏检：" if zh else "missed: ") + str(len(s.missed)))
        for file, item in s.missed:
            lines.append(f"  {file}: {item.category}/{item.kind} {item.text!r} ({item.part})")
    if s.errors:
        lines.append(("无法读取：" if zh else "unreadable: ") + str(len(s.errors)))
        for file, msg in s.errors:
            lines.append(f"  {file}: {msg}")
    return "\n".join(lines)


def failures(s: Score) -> list[str]:
    out = []
    for key, target in TARGETS.items():
        match = (lambda k: k == key) if "/" in key else (lambda k: k.startswith(key + "/"))
        n = sum(v for k, v in s.planted.items() if match(k))
        f = sum(v for k, v in s.found.items() if match(k))
        if n == 0 or f / n < target:
            out.append(f"{key}: recall {f}/{n} below {target}")
    if s.false_positives:
        out.append(f"{len(s.false_positives)} false positives")
    if s.errors:
        out.append(f"{len(s.errors)} corpus documents unreadable")
    return out


def _w(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _w(text))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", type=Path, default=None, help="where to build the corpus")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    ap.add_argument("--lang", choices=["zh", "en"], default="zh")
    args = ap.parse_args(argv)
    if args.out is None:
        with tempfile.TemporaryDirectory(prefix="screening-corpus-") as tmp:
            s = run(Path(tmp))
    else:
        s = run(args.out)
    print(table(s, args.lang))
    bad = failures(s)
    if bad:
        print("\n" + ("未达标：" if args.lang == "zh" else "targets missed: ") + "; ".join(bad))
    return 1 if (args.check and bad) else 0


if __name__ == "__main__":
    sys.exit(main())
