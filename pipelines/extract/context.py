"""Which quantities are metric mentions, and which catalog metric each one measures.

The activity a number measures is read from its sentence:

* the counted object is the catalog object named nearest the number: right after it
  ("开展12场委员讲堂"), else before it in its own clause ("召开常委会议6次"), else carried over from an
  earlier clause of the same sentence (enumerations: "收集社情民意信息120余篇，编发94期，上报63篇");
* among the metrics that share that object and accept the unit, the trigger verb standing nearest
  before the number chooses ("编发" -> compiled, "上报" -> submitted, "被采用" -> adopted);
* a clause that only names a theme after a total ("立案129件，其中经济建设方面63件") is a breakdown:
  kept with the total's category and no metric;
* a quantity that fits no metric but sits in a sentence about the committee's work is kept with
  metric null (category from the category keywords when one is named) for review.

Everything the rules match on is data: the catalog (warehouse/reference/metrics.yaml) and the
lexicons (pipelines/extract/lexicon.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.extract.lexicon import Lexicon, alternation, load_lexicon
from pipelines.extract.numbers import Quantity, find_quantities
from warehouse.catalog import Catalog, Metric, load_catalog

_SENTENCE_END = re.compile(r"[。！？!?\n]")
_SEGMENT_END = "，,、；;：:（）()"
_SPACES = " \t\u3000"
_OPEN_QUOTES = "“‘「『\""
_CLOSE_QUOTES = "”’」』\""


@dataclass(frozen=True)
class Reading:
    """A quantity judged to be a metric mention."""

    quantity: Quantity
    metric: Metric | None
    category: str | None
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    term: str


class ContextModel:
    def __init__(self, catalog: Catalog | None = None, lexicon: Lexicon | None = None):
        self.catalog = catalog or load_catalog()
        self.lex = lexicon or load_lexicon()
        self.by_object: dict[str, list[Metric]] = {}
        self.by_verb: dict[str, list[Metric]] = {}
        for m in self.catalog.metrics:
            for o in m.objects:
                self.by_object.setdefault(o, []).append(m)
            for v in m.verbs:
                self.by_verb.setdefault(v, []).append(m)
        self.category_of_keyword = {k: c.code for c in self.catalog.categories for k in c.keywords}
        self.objects_re = re.compile(alternation(self.by_object))
        self.verbs_re = re.compile(alternation(list(self.by_verb) + list(self.lex.work_verbs)))
        self.work_verbs = frozenset(self.lex.work_verbs)
        self.keywords_re = re.compile(alternation(self.category_of_keyword))
        self.slogans_re = re.compile(alternation(self.lex.slogans))
        self.economy_re = re.compile(alternation(self.lex.economy_terms))
        self.bare_objects = {o for m in self.catalog.metrics if m.bare for o in m.objects}

    # -- the sentence loop ---------------------------------------------------------------------

    def read(self, text: str) -> list[Reading]:
        out: list[Reading] = []
        quantities = find_quantities(text, self.lex)
        i = 0
        while i < len(quantities):
            s_start, s_end = self._sentence(text, quantities[i].start)
            j = i
            while j < len(quantities) and quantities[j].start < s_end:
                j += 1
            out.extend(self._read_sentence(text, s_start, s_end, quantities[i:j]))
            i = j
        return out

    @staticmethod
    def _sentence(text: str, pos: int) -> tuple[int, int]:
        left = pos
        while left > 0 and not _SENTENCE_END.match(text[left - 1]):
            left -= 1
        m = _SENTENCE_END.search(text, pos)
        return left, (m.end() if m else len(text))

    def _read_sentence(self, text: str, s0: int, s1: int, qs: list[Quantity]) -> list[Reading]:
        sentence = text[s0:s1]
        objects = [_Hit(m.start() + s0, m.end() + s0, m[0]) for m in self.objects_re.finditer(sentence)]
        verbs = [_Hit(m.start() + s0, m.end() + s0, m[0]) for m in self.verbs_re.finditer(sentence)]
        slogans = [(m.start() + s0, m.end() + s0) for m in self.slogans_re.finditer(sentence)]
        out = []
        prev_end = s0
        prev_category: str | None = None
        for k, q in enumerate(qs):
            next_start = qs[k + 1].start if k + 1 < len(qs) else s1
            reading = self._read_one(text, s0, s1, q, prev_end, next_start, objects, verbs, slogans, prev_category)
            if reading is not None:
                out.append(reading)
                prev_category = reading.category or prev_category
            prev_end = q.end
        return out

    # -- one quantity --------------------------------------------------------------------------

    def _noise(self, text: str, s0: int, q: Quantity, slogans) -> bool:
        lex = self.lex
        before = text[s0 : q.num_start].rstrip(_SPACES)
        after_unit = text[q.end : q.end + 4]
        if any(before.endswith(b) for b in lex.number_blockers_before):
            return True
        if before[-1:].isdigit() or before[-1:].isascii() and before[-1:].isalpha():
            return True  # part of a code or a larger token
        if any(a < q.end and q.start < b for a, b in slogans):
            return True
        unit = q.unit
        blockers = lex.unit_blockers.get(unit, ())
        if unit and after_unit and any(after_unit.startswith(b) for b in blockers):
            return True
        if unit and after_unit.startswith(unit) and len(unit) == 1:
            return True  # 一件件, 一次次
        if unit and any(after_unit.startswith(w) for w in lex.structure_after):
            return True  # 从四个方面
        if unit == "次" and any(before.endswith(b) for b in lex.session_before):
            return True  # 十二届五次会议
        if self._inside_short_quote(text, s0, q):
            return True  # “三项计划”
        if unit == "%":
            seg = text[self._segment_start(text, s0, q.start) : q.start]
            tail = text[max(s0, q.start - 6) : q.start]
            if any(w in tail for w in lex.share_words):
                return True
            if not any(w in seg for w in lex.rate_words):
                return True
        return False

    @staticmethod
    def _inside_short_quote(text: str, s0: int, q: Quantity) -> bool:
        left = text[max(s0, q.start - 8) : q.start]
        opened = max((left.rfind(c) for c in _OPEN_QUOTES), default=-1)
        if opened < 0 or any(c in left[opened + 1 :] for c in _CLOSE_QUOTES):
            return False
        right = text[q.end : q.end + 8]
        return any(c in right for c in _CLOSE_QUOTES)

    @staticmethod
    def _segment_start(text: str, s0: int, pos: int) -> int:
        p = pos
        while p > s0 and text[p - 1] not in _SEGMENT_END:
            p -= 1
        return p

    def _fitting(self, term: str, q: Quantity) -> list[Metric]:
        if q.unit:
            return [m for m in self.by_object[term] if q.unit in m.units]
        return [m for m in self.by_object[term] if m.bare]

    def _read_one(self, text, s0, s1, q, prev_end, next_start, objects, verbs, slogans, prev_category):
        if self._noise(text, s0, q, slogans):
            return None
        seg0 = self._segment_start(text, s0, q.start)
        own = text[seg0 : q.start]
        if self.economy_re.search(own):
            return None
        if not q.unit and not self._bare_ok(text, seg0, q):
            return None

        # the counted object: right after the number, else in its own clause, else carried over
        source, hit, candidates = None, None, []
        right_limit = min(next_start, q.end + 12)
        seg_end = q.end
        while seg_end < right_limit and text[seg_end] not in _SEGMENT_END and not _SENTENCE_END.match(text[seg_end]):
            seg_end += 1
        for h in objects:
            if q.end <= h.start < min(seg_end, q.end + 6) and h.end <= seg_end:
                between = text[q.end : h.start]
                if any(v.start >= q.end and v.end <= h.start for v in verbs):
                    break
                if "，" in between:
                    break
                fit = self._fitting(h.term, q)
                if fit:
                    source, hit, candidates = "right", h, fit
                    break
        if hit is None:
            for h in reversed(objects):
                if h.end <= q.start and h.start >= s0:
                    fit = self._fitting(h.term, q)
                    if fit:
                        source = "own" if h.start >= max(seg0, prev_end) else "inherited"
                        hit, candidates = h, fit
                        break

        small_chinese = q.chinese and q.value < 10 and q.qualifier == "exact"
        if small_chinese and not self._anchored(text, s0, q, objects, verbs):
            return None

        if hit is None:
            return self._unmatched(text, s0, s1, q, own, prev_category, small_chinese)

        # the verb nearest before the number that selects one of the candidates
        floor = hit.start if source == "inherited" else s0
        metric = None
        own_verb = False
        for v in reversed(verbs):
            if v.end <= q.start and v.start >= s0:
                chosen = [m for m in self.by_verb.get(v.term, ()) if m in candidates]
                if chosen:
                    metric = chosen[0]
                    own_verb = v.start >= max(prev_end, floor)
                    break
        if source == "inherited" and not own_verb:
            sent_left = text[s0 : q.start]
            own_theme = any(t in own for t in self.lex.theme_markers)
            after_total = any(b in sent_left[hit.end - s0 :] for b in self.lex.breakdown_markers)
            if own_theme or after_total:
                return Reading(q, None, candidates[0].category, s0, s1)  # a share of the total
        if metric is None:
            metric = candidates[0]
        return Reading(q, metric, metric.category, s0, s1)

    def _bare_ok(self, text: str, seg0: int, q: Quantity) -> bool:
        if q.chinese or not self.bare_objects:
            return False
        after = text[q.end : q.end + 1]
        if after and ("\u4e00" <= after <= "\u9fff" or after.isalnum()):
            return False  # 2024年, 12345热线
        before = text[seg0 : q.start].rstrip(_SPACES + "：:为达是共计总数量")
        return any(before.endswith(o) for o in self.bare_objects)

    def _anchored(self, text, s0, q, objects, verbs) -> bool:
        """A small Chinese numeral (一名, 三次) counts only right after a verb or an object."""
        before = text[max(s0, q.start - 3) : q.start]
        return any(h.end <= q.start and h.end >= q.start - 3 for h in (*objects, *verbs)) and bool(before)

    def _unmatched(self, text, s0, s1, q, own, prev_category, small_chinese) -> Reading | None:
        """A quantity no metric fits: keep it for review when the sentence is about committee work."""
        if small_chinese or not q.unit:
            return None
        sent_left = text[s0 : q.start]
        if not any(v in self.work_verbs for v in (m[0] for m in self.verbs_re.finditer(sent_left))):
            return None
        if self.economy_re.search(sent_left):
            return None
        category = None
        for m in self.keywords_re.finditer(text, s0, q.start):
            category = self.category_of_keyword[m[0]]
        if category is None:
            right = text[q.end : min(s1, q.end + 10)]
            m = self.keywords_re.search(right)
            category = self.category_of_keyword[m[0]] if m else prev_category
        return Reading(q, None, category, s0, s1)
