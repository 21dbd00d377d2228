"""The lexicon matcher of trade_secrets/restricted_info: 1,000 terms cost about what 10 cost.

    python bench/lexicon_matcher.py              # matcher time, 10 vs 1,000 terms, same 1 MB text
    python bench/lexicon_matcher.py --boundaries # jieba word boundaries on vs off: hits and time

The text is 1 MiB (UTF-8) of government prose (the regulation sample and a notice with planted
terms), split into paragraphs as the readers split documents. ``TermMatcher.scan`` runs one
Aho-Corasick automaton (pyahocorasick) over each paragraph; a regex alternation and a loop of
``str.find`` per term are shown side by side. Target: 1,000-term time / 10-term time ≤ 2.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import regex
from screening_plugins.trade_secrets.matcher import TermMatcher, fold

from screening import Entry, Lexicon, load_builtin

SAMPLE = ROOT / "samples" / "regulation-secrecy-review.txt"
NOTICE = """关于某项目评标情况的说明
本项目标底为356万元，评标委员会成员名单见附件。
该企业报送的原料配比为甲组分35%、乙组分65%，属于技术秘密。
根据专题会议讨论记录和领导批示，该方案尚未定稿。
深入推进价格改革，降低成本，提高资源利用效率，做好维稳工作。
"""
COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"""


def corpus_text(size: int = 1 << 20) -> list[str]:
    """Paragraphs of about ``size`` bytes of UTF-8."""
    base = (SAMPLE.read_text(encoding="utf-8") + "\n" + NOTICE).splitlines()
    base = [line for line in base if line.strip()]
    out, total, i = [], 0, 0
    while total < size:
        line = base[i % len(base)]
        out.append(line)
        total += len(line.encode()) + 1
        i += 1
    return out


def real_terms() -> list[Entry]:
    return [e for name in ("trade_secrets", "restricted_info") for e in load_builtin(name).entries]


#: Ten lexicon terms that occur in the bench text (so both runs find the same matches).
OCCURRING = ["讨论记录", "标底", "评标委员会成员名单", "技术秘密", "领导批示", "尚未定稿", "过程稿",
             "后勤管理", "内部工作流程", "原料配比"]


def synthetic(n: int, seed: int = 7, avoid: set[str] = frozenset()) -> list[Entry]:
    """``n`` synthetic Han terms of 3–6 common characters (like most terms of a real lexicon, they
    rarely occur in a given text)."""
    rng = random.Random(seed)
    out: list[Entry] = []
    seen = set(avoid)
    while len(out) < n:
        term = "".join(rng.choice(COMMON) for _ in range(rng.randint(3, 6)))
        if term not in seen:
            seen.add(term)
            out.append(Entry(term, "business_info", "S"))
    return out


def term_lexicon(n: int, *, real: bool = False) -> Lexicon:
    """``n`` terms: the ten :data:`OCCURRING` ones then synthetic ones; with ``real``, every term
    of the built-in lexicons (trade_secrets, restricted_info) before the synthetic ones."""
    entries = [Entry(t, "business_info", "S") for t in OCCURRING][:n]
    if real:
        entries = real_terms()[:n]
    entries += synthetic(n - len(entries), avoid={e.term for e in entries})
    return Lexicon("bench", tuple(entries))


def matcher(lex: Lexicon) -> TermMatcher:
    kinds = {e.kind for e in lex.entries}
    return TermMatcher(lex, Lexicon("none", ()), default_basis={k: "" for k in kinds},
                       default_needs=frozenset())


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run_matchers(paragraphs: list[str]) -> None:
    folded = [fold(p) for p in paragraphs]
    mb = sum(len(p.encode()) + 1 for p in paragraphs) / (1 << 20)
    rows = []
    for n, real in ((10, False), (100, False), (1000, False), (1000, True)):
        lex = term_lexicon(n, real=real)
        t0 = time.perf_counter()
        m = matcher(lex)
        compile_s = time.perf_counter() - t0
        hits = sum(len(m.scan(p)) for p in folded)
        ac = best(lambda m=m: [m.scan(p) for p in folded], repeat=7)
        alt = regex.compile("|".join(regex.escape(fold(e.term)) for e in
                                     sorted(lex.entries, key=lambda e: -len(e.term))))
        rx = best(lambda alt=alt: [alt.findall(p) for p in folded], repeat=1)
        keys = [fold(e.term) for e in lex.entries]
        find = best(lambda keys=keys: [[k for k in keys if k in p] for p in folded], repeat=1)
        rows.append((f"{n}{'*' if real else ''}", compile_s, hits, ac, rx, find))
    print(f"text: {len(paragraphs)} paragraphs, {mb:.2f} MiB UTF-8")
    print(f"{'terms':>6}  {'compile s':>9}  {'hits':>6}  {'Aho-Corasick s':>14}  "
          f"{'regex alternation s':>19}  {'str.find per term s':>19}")
    for n, c, h, ac, rx, find in rows:
        print(f"{n:>6}  {c:>9.4f}  {h:>6}  {ac:>14.4f}  {rx:>19.4f}  {find:>19.4f}")
    ten, thousand, real = rows[0], rows[2], rows[3]
    print("\n* every term of the built-in lexicons (321) plus synthetic ones: more of them occur "
          "in the text, so more matches to report")
    print(f"Aho-Corasick 1,000 terms / 10 terms (same matches) = {thousand[3] / ten[3]:.2f} "
          f"(target ≤ 2); regex alternation: {thousand[4] / ten[4]:.2f}; "
          f"str.find: {thousand[5] / ten[5]:.2f}")
    print(f"Aho-Corasick 1,000 terms with the real lexicons / 10 terms = {real[3] / ten[3]:.2f} "
          f"({real[2]} matches instead of {ten[2]})")


# -- jieba word boundaries --------------------------------------------------------------------------

#: (text, term that must be found or None): short terms inside longer ordinary words, and real ones.
BOUNDARY_CASES = [
    ("深入推进价格改革，居民用水价格上调0.3元。", None),        # 进价 in 推进|价格
    ("引进价格为3万元的检测设备两台。", None),                  # 进价 in 引进|价格
    ("摸底价格调查显示，蔬菜价格上涨3%。", None),               # 底价 in 摸底|价格
    ("说到底价格由市场决定，今年上涨了5%。", None),             # 底价 in 到底|价格
    ("资金分配方案涉及资金300万元。", None),                   # 配方 in 分配|方案
    ("供需匹配比例达到80%。", None),                           # 配比 in 匹配|比例
    ("请于3月1日前签报名表。", None),                          # 签报 in 签|报名表
    ("公众号朋友圈阅读量达到1.2万次。", None),                 # 圈阅 in 朋友圈|阅读
    ("请参阅示范文本第3条。", None),                           # 阅示 in 参阅|示范
    ("平稳控制物价涨幅在3%以内。", None),                      # 稳控 in 平稳|控制
    ("在分布控制点设置监测设备。", None),                      # 布控 in 分布|控制
    ("以神秘方式吸引游客。", None),                            # 秘方 in 神秘|方式
    ("支持精密电子产业发展。", None),                          # 密电 in 精密|电子
    ("该配方含甲组分35%、乙组分65%。", "配方"),
    ("拍卖底价为356万元。", "底价"),
    ("采购进价为8.3元/件。", "进价"),
    ("配比为水泥30%、砂70%。", "配比"),
    ("附：签报一份。", "签报"),
    ("已呈领导阅示。", "阅示"),
    ("请各位领导圈阅。", "圈阅"),
    ("目前已对重点对象实施布控。", "布控"),
    ("对涉事人员做好稳控。", "稳控"),
    ("该秘方系其家族传承。", "秘方"),
    ("本单位收到密电一份。", "密电"),
    ("粮食储备数量为3.2万吨。", "储备"),
    ("储备库点3处，共5万吨。", "储备"),
    ("该产品成本为12.5元/件。", "成本"),
]


def run_boundaries() -> None:
    from screening_plugins.trade_secrets import analysis

    from screening import Config
    from screening.plugins import collect, get_plugin_manager
    from tests.conftest import make_document

    config = collect(get_plugin_manager(entrypoints=False), Config()).config
    specs = []
    from screening_plugins.restricted_info.spec import RESTRICTED_INFO
    from screening_plugins.trade_secrets.spec import TRADE_SECRETS

    specs = [TRADE_SECRETS, RESTRICTED_INFO]
    real = analysis.crosses_word

    def findings(text: str) -> list[str]:
        doc = make_document(*(["第1段：各单位要认真做好相关工作。"] * 8), text)
        return [d.term for s in specs for d in analysis.analyse(doc, config, s)
                if d.severity.value != "info"]

    from screening_plugins.trade_secrets import matcher as m

    t = time.perf_counter()
    m._tokenizer()
    print(f"jieba dictionary load (once per process, only when a short term needs it): "
          f"{time.perf_counter() - t:.2f} s")
    print(f"{'':14}  {'look-alikes reported':>20}  {'true terms found':>16}  {'time ms':>8}")
    for label, fn in (("without jieba", lambda *a: False), ("with jieba", real)):
        analysis.crosses_word = fn
        findings("预热。")  # load jieba's dictionary outside the timing
        real("预热一下", 0, 2)
        t = time.perf_counter()
        fp = tp = 0
        wrong = []
        for text, want in BOUNDARY_CASES:
            got = findings(text)
            if want is None:
                fp += bool(got)
                if got:
                    wrong.append(f"{text} → {got}")
            else:
                tp += want in got
                if want not in got:
                    wrong.append(f"{text} → missed {want}")
        ms = (time.perf_counter() - t) * 1000
        n_fp = sum(w is None for _, w in BOUNDARY_CASES)
        n_tp = len(BOUNDARY_CASES) - n_fp
        print(f"{label:14}  {fp:>14} / {n_fp:<3}  {tp:>10} / {n_tp:<3}  {ms:>8.1f}")
        for w in wrong:
            print(f"    {w}")
    analysis.crosses_word = real


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--boundaries", action="store_true",
                    help="jieba word boundaries on vs off instead of the matcher timing")
    args = ap.parse_args(argv)
    if args.boundaries:
        run_boundaries()
    else:
        run_matchers(corpus_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
