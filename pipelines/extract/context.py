"""Which quantities are metric mentions, and which catalog metric each one measures.

The activity a number measures is read from its sentence (docs/extraction.md has the full rules):

1. the counted noun right after the number ("开展12场委员讲堂");
2. a subset named by a relative clause ("涉及经济发展的86件": the preceding mention's category);
3. catalog objects before it in its own clause ("召开常委会议6次");
4. an object after it in its clause ("对6个区直部门开展民主评议");
5. the object of an earlier clause of the sentence (enumerations: "收集社情民意信息120余篇，编发94期，
   上报63篇");
6. the object of an earlier sentence of the paragraph when the clause's own verb selects it.

Among the metrics that share the object and accept the unit, the trigger verb nearest before the
number chooses ("编发" -> compiled, "被采用" -> adopted). A theme after a total ("立案129件，其中经济
建设方面63件") is a breakdown: the total's category, no metric. A quantity that fits no metric but
sits in a sentence about the committee's work is kept with metric null for review.

Everything the rules match on is data: the catalog (warehouse/reference/metrics.yaml) and the
lexicons (pipelines/extract/lexicon.yaml). A ContextModel keeps per-document reading state: use one
per thread.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace
from typing import NamedTuple

from pipelines.extract.lexicon import Lexicon, alternation, load_lexicon
from pipelines.extract.numbers import Quantity, find_quantities
from warehouse.catalog import Catalog, Metric, load_catalog

_SENTENCE_END = re.compile(r"[。！？!?\n]")
_SEGMENT_END = "，,、；;：:"
_CN_DIGITS = frozenset("零〇一二两三四五六七八九十")
_THRESHOLDS = ("以上", "以下")
_CLAUSE_END = re.compile(r"\s*(?:[，,。；;、）)]|$)")
# a book's size in characters listed first, then its make-up (17万字、53张图、4个表): pictures and tables
_BOOK_MAKE_UP = re.compile(
    r"[0-9一二三四五六七八九十百千.余多]+万?字、(?:[0-9一二三四五六七八九十百余多]+[张幅个页][^、，,。]{0,2}、)*$"
)
# the items a list names right before its size (调研、提案、民主监督三个协同联动; 经济、社会、文化四个方面)
_LISTED_ITEMS = re.compile(
    r"(?:[\u4e00-\u9fff“”\"]{1,10}、)+[\u4e00-\u9fff“”\"]{1,10}(?:[和及与][\u4e00-\u9fff“”\"]{1,10})?等?$"
)


def _listed_count(listed: str) -> int:
    """How many items a list names: 、 parts, the last one perhaps two joined by 和/及/与 (a conjunction
    inside an earlier item is part of a word: 参与基层协商)."""
    *first, last = listed.rstrip("等").split("、")
    return len(first) + len(re.split("[和及与]", last))


_SPACES = " \t\u3000"
_SEGMENT_RE = re.compile("[" + _SEGMENT_END + "]")
_DELIMITER = re.compile(r"[，,、；;：:。！？!?\n]")
_OPEN_QUOTES = '“‘「『"'
_CLOSE_QUOTES = '”’」』"'
_OPEN_QUOTE_RE = re.compile("[" + _OPEN_QUOTES + "]")


def _enclosing(
    text: str, lo: int, start: int, end: int, hi: int, opens: str, closes: str
) -> tuple[int, int] | None:
    """The marks of a pair (《…》, “…”) that enclose ``text[start:end]``: an opener in ``text[lo:start]`` with
    no closer after it, and a closer in ``text[end:hi]`` with no opener before it; their positions, or None."""
    left = text[lo:start]
    opened = max(left.rfind(c) for c in opens)
    if opened < 0 or any(c in left[opened + 1 :] for c in closes):
        return None
    right = text[end:hi]
    found = [i for i in (right.find(c) for c in closes) if i >= 0]
    if not found or any(c in right[: min(found)] for c in opens):
        return None
    return lo + opened, end + min(found)


def _in_policy_title(
    text: str, s0: int, s1: int, q: Quantity, title_end: re.Pattern, headline_before: tuple[str, ...] = ()
) -> bool:
    """Whether the quantity lies inside a document's title (《关于加快县域经济发展的20条政策措施》,
    《…三年行动方案》, a proposal's 《打造两个平台，助推…》): the name of a rule, a plan or a text, not a count.
    A headline quoted as a title (原题为《1300多名委员坚守一线》: ``headline_before`` right before 《) is not a
    document's and counts."""
    marks = _enclosing(text, max(s0, q.start - 40), q.start, q.end, min(s1, q.end + 40), "《", "》")
    if marks is None:
        return False
    title = text[marks[0] + 1 : marks[1]]
    if title.startswith("关于") or title_end.search(title) is not None:
        return True
    before = text[max(0, marks[0] - 8) : marks[0]].rstrip(" ：:\u3000")
    return not before.endswith(headline_before)


_SPACE_RUN = re.compile(r"[ \t\u3000]+")
# the committee's own products: another body's handling of them (区政府收到…提案, 市委领导36人次对社情民意
# 作出批示) still counts them
# (区委区政府领导作出批示14次: instructions on its reports; 市委主要领导阅批8篇, 市委、市政府采用3期: its
# information read, instructed on or taken up by the party and the government)
_PRODUCTS = ("提案", "社情民意", "批示", "阅批", "閱批", "采用", "採用")
_OF_MEMBERS = ("的委员", "的政协委员", "以上的委员", "以上的政协委员")
_PEOPLE_UNITS = ("名", "位", "人")
# the bodies a handling clause counts (办理这些提案的…有84个单位)
_BODY_WORDS = ("部门", "单位", "承办单位", "承办部门")
# a sentence that opens with a period word (每月…, 每周…) gives a rate per period in all its clauses
_PER_PERIOD = ("每月", "每周", "每季度", "每个月", "每星期")
_BLANK_TO_END = re.compile(r"\s*")
_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?\n]")
_LINE_OPENING = re.compile(
    r"[ \t\u3000]*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）])?[ \t\u3000]*"
)


def _clause_start(text: str, pos: int) -> int:
    """The start of the clause (with its 、 list) that ``pos`` is in."""
    return max(text.rfind(c, 0, pos) for c in "，,；;。！？!?\n") + 1


def _any_of(patterns) -> re.Pattern:
    """One regex matching any of the lexicon's regular expressions (none: a regex that never matches)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")


# Inline pinyin notes some pages put after characters: 提(ti)案, 会议(huì yì): read through, like spaces.
_PINYIN_NOTE = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}[)）]")


def _compact(text: str) -> tuple[str, list[int] | None]:
    """``text`` without the spaces that stand next to a non-ASCII character and without inline
    pinyin notes, and for each kept character its offset in ``text`` (None when nothing is removed)."""
    cuts = [
        m.span()
        for m in _SPACE_RUN.finditer(text)
        if not (
            0 < m.start()
            and m.end() < len(text)
            and text[m.start() - 1].isascii()
            and text[m.end()].isascii()
        )
    ]
    notes = [m.span() for m in _PINYIN_NOTE.finditer(text)] if "(" in text or "（" in text else []
    if notes:
        cuts = sorted(cuts + notes)
    if not cuts:
        return text, None
    pieces, where, last = [], [], 0
    for a, b in cuts:
        pieces.append(text[last:a])
        where.extend(range(last, a))
        last = b
    pieces.append(text[last:])
    where.extend(range(last, len(text)))
    return "".join(pieces), where


def _all_at(s: str, w: str) -> list[int]:
    """Where ``w`` starts in ``s``."""
    out, k = [], s.find(w)
    while k >= 0:
        out.append(k)
        k = s.find(w, k + 1)
    return out


class Reading(NamedTuple):
    """A quantity judged to be a metric mention."""

    quantity: Quantity
    metric: Metric | None
    category: str | None
    sentence_start: int
    sentence_end: int


@functools.cache
def _any_word_re(words: tuple[str, ...]) -> re.Pattern:
    """A regex finding any of the literal ``words``: a quick test before a slower exact one."""
    return re.compile("" if "" in words else alternation(words))


class _Hit(NamedTuple):
    start: int
    end: int
    term: str


_new_hit = functools.partial(tuple.__new__, _Hit)  # _Hit((start, end, term)) without NamedTuple's __new__


def _inside(verb: _Hit, objects: list[_Hit]) -> bool:
    """A verb inside an object's word (培训 in 培训班) is no verb."""
    return any(h.start <= verb.start and verb.end <= h.end for h in objects)


class ContextModel:
    def __init__(self, catalog: Catalog | None = None, lexicon: Lexicon | None = None):
        self.catalog = catalog or load_catalog()
        lex = lexicon or load_lexicon()
        extra = [u for m in self.catalog.metrics for u in m.units if u not in lex.units]
        # a unit the catalog names is a counting word even if the lexicon lacks it
        self.lex = replace(lex, units=lex.units + tuple(dict.fromkeys(extra))) if extra else lex
        self.by_object: dict[str, list[Metric]] = {}
        self.by_verb: dict[str, list[Metric]] = {}
        for m in self.catalog.metrics:
            for o in m.objects:
                self.by_object.setdefault(o, []).append(m)
            for v in m.verbs:
                self.by_verb.setdefault(v, []).append(m)
        self.category_of_keyword = {k: c.code for c in self.catalog.categories for k in c.keywords}
        for mask in self.lex.object_masks:  # matched as objects of no metric, hiding what they contain
            self.by_object.setdefault(mask, [])
        self.objects_re = re.compile(alternation(self.by_object))
        self.verbs_re = re.compile(alternation(list(self.by_verb) + list(self.lex.work_verbs)))
        self.keywords_re = re.compile(alternation(self.category_of_keyword))
        self.slogans_re = re.compile(alternation(self.lex.slogans))
        self.economy_re = re.compile(alternation(self.lex.economy_terms))
        self.not_count_re = re.compile(alternation(self.lex.not_count_cues))
        self.not_count_after_re = _any_of(self.lex.not_count_after)
        self.not_count_before_re = _any_of(self.lex.not_count_before)
        self.plan_sentence_re = re.compile(alternation(self.lex.plan_sentence_cues))
        self.handling_after_re = _any_of(self.lex.handling_bodies_after)
        self.handling_before_re = _any_of(self.lex.handling_bodies_before)
        self.officials_after_re = _any_of(self.lex.officials_after)
        self.public_after_re = _any_of(self.lex.public_after)
        self.sit_in_re = re.compile(alternation(self.lex.sit_in_words))
        self.sites_after_re = _any_of(self.lex.sites_after)
        self.visit_re = _any_of(self.lex.visit_verbs)
        self.whole_place_re = _any_of(self.lex.whole_place_before)
        # a document title's last word, perhaps with a short note in brackets (…措施（试行）)
        self.policy_title_end_re = re.compile(
            rf"(?:{alternation(self.lex.policy_title_ends)})(?:[(（][^()（）]{{0,6}}[)）])?$"
        )
        self.session_list_re = _any_of(self.lex.session_list_before)
        self.outcome_verbs_re = re.compile(alternation(self.lex.outcome_verbs))
        self.outcome_objects_re = re.compile(alternation(self.lex.outcome_objects))
        self.outcome_work_re = re.compile(alternation(self.lex.outcome_work_objects))
        self.proposal_subject_re = re.compile(alternation(self.lex.proposal_subjects))
        self.proposal_outcome_re = re.compile(alternation(self.lex.proposal_outcome_verbs))
        self.reaction_re = re.compile(alternation(self.lex.public_reaction_words))
        self.joint_items_re = _any_of(self.lex.joint_items)
        self.congress_re = re.compile(alternation(self.lex.congress_words))
        self.system_province_re = _any_of(self.lex.system_wide_province)  # 全省各级政协 (the extractor's)
        self.system_city_re = _any_of(self.lex.system_wide_city)  # 全市政协系统
        self.other_body_work_re = re.compile(alternation(self.lex.other_body_work))
        self.award_re = re.compile(alternation(self.lex.award_cues))
        self.award_after_re = _any_of(self.lex.award_after)
        self.donor_re = _any_of(self.lex.donor_bodies)
        self.donor_member_re = re.compile(alternation(self.lex.donor_members))
        self.member_after_re = _any_of(self.lex.member_after)
        self.numeral_words_re = re.compile(alternation(self.lex.numeral_words))
        self.programme_after_re = _any_of(self.lex.programme_after)
        self._numeral_word_chars = frozenset("".join(self.lex.numeral_words))
        self.rate_re = re.compile(alternation(self.lex.rate_words))
        self.share_re = re.compile(alternation(self.lex.share_words))
        self.theme_re = re.compile(alternation(self.lex.theme_markers))
        self.breakdown_re = re.compile(alternation(self.lex.breakdown_markers))
        self.handler_re = re.compile("|".join(f"(?:{p})" for p in self.lex.handler_clauses) or "(?!)")
        # verbs whose metrics all lie in one category (办复, 立案): strong enough to reach back a sentence
        self.specific_verbs = {v for v, ms in self.by_verb.items() if len({m.category for m in ms}) == 1}
        self._fit_cache: dict[tuple[str, str], tuple[list[Metric], bool]] = {}
        self.bare_objects = {o for m in self.catalog.metrics if m.bare for o in m.objects}

    # -- the sentence loop ---------------------------------------------------------------------

    def read(self, text: str) -> list[Reading]:
        """Mentions in ``text``. Letter-spacing ("开 展 调 研 1 8 次") is read through: the rules
        run on the text without spaces next to non-ASCII characters, offsets map back."""
        compact, where = _compact(text)
        if where is None:
            return self._read(text)
        out = []
        for r in self._read(compact):
            q = r.quantity
            moved = Quantity(
                where[q.start],
                where[q.end - 1] + 1,
                q.value,
                q.unit,
                q.qualifier,
                q.high,
                q.chinese,
                where[q.num_start],
            )
            out.append(
                Reading(moved, r.metric, r.category, where[r.sentence_start], where[r.sentence_end - 1] + 1)
            )
        return out

    def _read(self, text: str) -> list[Reading]:
        out: list[Reading] = []
        self._last: str | None = None  # category of the latest mention: a subset's category
        quantities = find_quantities(text, self.lex)
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        i = 0
        while i < len(quantities):
            k = bisect.bisect_right(ends, quantities[i].start)
            s_start = ends[k - 1] if k else 0
            s_end = ends[k] if k < len(ends) else len(text)
            j = i
            while j < len(quantities) and quantities[j].start < s_end:
                j += 1
            out.extend(self._read_sentence(text, s_start, s_end, quantities[i:j]))
            i = j
        return out

    def _read_sentence(self, text: str, s0: int, s1: int, qs: list[Quantity]) -> list[Reading]:
        # years, dates, codes: a number without a counting word (still bounds its neighbours' clauses)
        counted = [bool(q.unit) or self._bare_ok(text, q) for q in qs]
        if not any(counted):
            return []
        self._delims = [m.start() for m in _SEGMENT_RE.finditer(text, s0, s1)]
        words = self.lex.other_body_objects  # (masking only removes words: the raw sentence is tested first)
        self._other_body_sentence = _any_word_re(words).search(text, s0, s1) is not None and any(
            w in self._unmasked(text[s0:s1]) for w in words
        )
        self._other_actor_seen = False  # an earlier clause of the sentence was another body's (该省建成…)
        self._award_sentence = self.award_re.search(text, s0, s1) is not None
        self._quoted = _OPEN_QUOTE_RE.search(text, s0, s1) is not None
        objects = [_new_hit((m.start(), m.end(), m[0])) for m in self.objects_re.finditer(text, s0, s1)]
        verbs = [_new_hit((m.start(), m.end(), m[0])) for m in self.verbs_re.finditer(text, s0, s1)]
        slogans = [m.span() for m in self.slogans_re.finditer(text, s0, s1)]
        out = []
        prev_end = s0
        self._sentence_counts = 0  # mentions found so far in this sentence
        for k, q in enumerate(qs):
            next_start = qs[k + 1].start if k + 1 < len(qs) else s1
            reading = counted[k] and self._read_one(
                text, s0, s1, q, prev_end, next_start, objects, verbs, slogans, self._last
            )
            if reading:
                out.append(reading)
                self._last = reading.category or self._last
                self._sentence_counts += 1
            if not self._in_numeral_word(text, q):  # 九三学社 is a name, no clause boundary
                prev_end = q.end
        return out

    # -- one quantity --------------------------------------------------------------------------

    def _noise(self, text: str, s0: int, q: Quantity, slogans) -> bool:
        lex = self.lex
        before = text[max(s0, q.num_start - 12) : q.num_start].rstrip(_SPACES)
        after_unit = text[q.end : q.end + 4]
        if (
            before.endswith(lex.number_blockers_before)
            and (q.chinese or not before.endswith("数"))
            and not before.endswith(lex.blocker_exceptions)  # 截至目前96件
        ):
            return True  # 数十, 几十, 第三 (but 委员总数643名, 参加人数120人: a count, in digits)
        if q.chinese and q.value < 10 and before.endswith(("是", "为", "的")):
            return True  # 提案办理不单单是一项工作任务: a description, no count
        if q.chinese and q.value == 1 and q.qualifier == "exact" and not _CLAUSE_END.match(text, q.end):
            return True  # 帮助一名学生, 一份提案, 一起奋斗: an article (but 召开全体会议一次。 counts)
        if (
            q.chinese
            and q.qualifier == "exact"
            and q.unit in lex.programme_units
            and self.programme_after_re.match(text, q.end)
        ):
            return True  # 十件实事, 十项重点工作: a programme's name (in digits, 解决30件民生实事 counts)
        if q.chinese and before.endswith("点") and before[-2:-1] in _CN_DIGITS:
            return True  # 五点七亿多元: the fraction of a decimal the parser does not read as one number
        if before[-1:] and before[-1] in "廿卅卌":
            return True  # 第廿四辑: the tail of a numeral the parser does not read (廿 = 20)
        if q.unit in ("张", "幅", "个", "页") and _BOOK_MAKE_UP.search(text, max(s0, q.start - 40), q.start):
            return True  # 17万字、53张图、4个表: a book's make-up, no count of work
        if before[-1:].isdigit() or before[-1:].isascii() and before[-1:].isalpha():
            return True  # part of a code or a larger token
        if not q.chinese and text[q.num_start] == "0" and text[q.num_start + 1 : q.num_start + 2].isdigit():
            return True  # ?00多位: a garbled number (a count never opens with a zero)
        if slogans and any(
            a <= q.num_start < b for a, b in slogans
        ):  # the number opens a slogan (六个一, not 十一批次)
            return True
        after = text[q.end : q.end + 16]
        if (
            after.startswith("的")
            and text.endswith(_THRESHOLDS, q.start, q.end)
            and not (q.unit == "%" and after.startswith(_OF_MEMBERS + self.lex.rate_objects))
        ):  # (but 98%以上的提案已经办复 is a rate, 90%以上的委员 a share of members)
            return True  # 个人捐款一百万元以上的就有三十一位: a threshold that picks out whom a count counts
        if self.not_count_after_re.match(after):
            return True  # 交由91家单位办理, 3人以上联名, 五次全会
        if q.chinese and q.qualifier == "exact" and q.unit in ("个", "项") and 2 <= q.value <= 9:
            listed = _LISTED_ITEMS.search(text, max(s0, q.start - 60), q.start)
            if listed and _listed_count(listed[0]) == q.value:
                return True  # 调研、提案、民主监督三个协同联动: the size of the list just named, no count
        if q.unit in lex.body_units and self.handling_after_re.match(text, q.end, q.end + 32):
            return True  # 分别由40个部门、10个乡镇管委会办理完毕, 16个州、市人民政府及…管委会认真承办: handling bodies
        if q.unit in _PEOPLE_UNITS and self.officials_after_re.match(after):
            return True  # 率16位厅局负责人与委员一道: another body's officials
        if text[q.num_start] in self._numeral_word_chars:  # (a word holding the numeral holds its character)
            for m in self.numeral_words_re.finditer(text, max(s0, q.start - 3), q.end + 3):
                if m.start() <= q.num_start < m.end():
                    return True  # 红十字会
        unit = q.unit
        blockers = lex.unit_blockers.get(unit, ())
        if unit and after_unit and after_unit.startswith(blockers):
            return True
        if unit and after_unit.startswith(unit) and len(unit) == 1 and unit != "%":
            return True  # 一件件, 一次次 (a doubled 98%% is a typo, still a rate)
        if unit in lex.structure_units and (after_unit[:1].isdigit() or after_unit.startswith("百分之")):
            return True  # 三个100%: a slogan of targets
        modifier = (
            next((w for w in lex.structure_modifiers if text.startswith(w, q.end)), "")
            if text.startswith(lex.structure_modifiers, q.end)
            else ""
        )
        if unit in lex.structure_units and text.startswith(lex.structure_after, q.end + len(modifier)):
            word = next(w for w in lex.structure_after if text.startswith(w, q.end + len(modifier)))
            at = q.end + len(modifier) + len(word)  # (四个关键环节: the modifier is part of the frame)
            at += 2 if text.startswith("重点", at) else 0  # 9个方面重点协商议题
            counted = word == "重点" and text.startswith(lex.structure_counted, at)
            if not self.objects_re.match(text, at) and not counted:
                return True  # 从四个方面 (but 10项重点调研, 9个方面重点协商议题, 10个重点课题 count)
        if unit == "次" and (
            before.endswith(lex.session_before)
            or text.startswith(lex.session_after, q.end)
            or self.session_list_re.search(before)
            or (before.endswith(lex.organ_session_before) and text.startswith(lex.organ_session_after, q.end))
        ):
            return True  # 十二届五次会议, (三次会议提案92件), 市十一次党代会, 九届十次、十一次全体会议
        if self._quoted and self._inside_short_quote(text, s0, q):
            return True  # “三项计划”
        if _in_policy_title(text, s0, len(text), q, self.policy_title_end_re, lex.headline_title_before):
            return True  # 《关于加快县域经济发展的20条政策措施》: a document's name, not a count
        if unit == "%":
            if self.share_re.search(text, max(s0, q.start - 6), q.start):
                return True
            if not self.rate_re.search(text, self._segment_start(text, s0, q.start), q.start):
                # the share of the members who did something (100%的委员提出提案) is a participation rate;
                # a share right before the act (99.2%已经办复) is that act's rate
                at = q.end + next((len(w) for w in self.lex.rate_objects if text.startswith(w, q.end)), 0)
                lead = text[max(s0, q.start - 8) : q.start].rstrip(_SPACES).rstrip("了到达为已")
                return not (
                    text.startswith(_OF_MEMBERS, q.end)
                    or text.startswith(self.lex.rate_after, at)  # (98%以上的提案已经办复)
                    or lead.endswith(self.lex.rate_acts)  # 来信回复100%, 已落实95%以上
                    or lead.endswith("已经")  # (已 alone is stripped above)
                    and text.startswith(self.lex.rate_acts, q.end)
                )  # (已经100%办结)
        return False

    def _joint_items(self, text: str, s0: int, s1: int, q: Quantity) -> bool:
        """Proposals and suggestions counted together (提案建议共42件, 23件个人、联名提案、建议) in a sentence that
        names the people's congress: the deputies' items are in the count."""
        if self.congress_re.search(text, s0, s1) is None:
            return False
        lo = _clause_start(text, q.start)
        hi = _CLAUSE_BREAK.search(text, q.end, s1)
        return self.joint_items_re.search(text, max(lo, s0), hi.start() if hi else s1) is not None

    def _firm_gift(self, text: str, s0: int, q: Quantity) -> bool:
        """Whether a firm or another body that is no member gives what the quantity counts (某某公司为…捐赠衣服
        1万多件，价值60多万元; 区某某局为…赠送1000多册), in the quantity's clause or the one before a value clause, the
        body is not the one given to, and the giver's clause names no member."""
        a = max(s0, *(text.rfind(c, s0, q.start) + 1 for c in "；;"))
        found = list(self.donor_re.finditer(text, a, q.start))
        if not found:
            return False
        m = found[-1]
        rest = re.split("[，,]", text[m.end() : q.start])
        if len(rest) > 2 or (len(rest) == 2 and not rest[1].startswith(self.lex.value_openers)):
            return False
        c0 = max(a, *(text.rfind(c, a, m.start()) + 1 for c in "，,；;"))
        if any(w in text[c0 : m.start()] for w in self.lex.gift_recipient_markers):
            return False  # the body is given to (向市红十字会捐款), not the giver
        return self.donor_member_re.search(text, c0, q.start) is None

    def _other_bodys_items(self, text: str, s0: int, q: Quantity) -> bool:
        """Whether the sentence counts another body's items up to the quantity: the last such word
        before it (代表建议) is not followed by the committee's own (提案, 政协)."""
        before = self._unmasked(text[s0 : q.start])
        last = max((before.rfind(w) for w in self.lex.other_body_objects), default=-1)
        return last >= 0 and not any(w in before[last:] for w in ("提案", "政协", "政協"))

    def _unmasked(self, span: str) -> str:
        """``span`` with the committee's own products that hold another body's word blanked (建议案),
        but not where another body's word holds them in turn (人大建议案: the congress's)."""
        for w in self.lex.own_object_masks:
            kept = [o for o in self.lex.other_body_objects if w in o and o != w]
            covered = {i for o in kept for k in _all_at(span, o) for i in range(k, k + len(o))}
            for k in _all_at(span, w):
                if k not in covered:
                    span = span[:k] + "\u3000" * len(w) + span[k + len(w) :]
        return span

    @staticmethod
    def _opens_line(text: str, q: Quantity) -> bool:
        """Whether the quantity opens its line, after a list number at most (1、, （二）, 三、)."""
        return _LINE_OPENING.fullmatch(text, text.rfind("\n", 0, q.start) + 1, q.start) is not None

    def _members_after(self, text: str, q: Quantity) -> bool:
        """3位政协委员, 11位委员, 3名自治区政协委员: a count of members."""
        return q.unit in _PEOPLE_UNITS and self.member_after_re.match(text, q.end) is not None

    def _in_numeral_word(self, text: str, q: Quantity) -> bool:
        if text[q.num_start] not in self._numeral_word_chars:
            return False  # (a word holding the numeral holds its character)
        return any(
            m.start() <= q.num_start < m.end()
            for m in self.numeral_words_re.finditer(text, max(0, q.start - 3), q.end + 3)
        )

    def _not_count_cue(self, text: str, start: int, end: int) -> bool:
        """A rule's or a plan's cue between ``start`` and ``end``, not inside a quoted name: a programme
        named “每月一题” or “每周一议” is no rule (围绕“每月一题”开展330余次监督)."""
        for m in self.not_count_re.finditer(text, start, end):
            lo, hi = max(start, m.start() - 8), min(end, m.end() + 8)
            quoted = _enclosing(text, lo, m.start(), m.end(), hi, _OPEN_QUOTES, _CLOSE_QUOTES) is not None
            if not quoted:
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

    def _segment_start(self, text: str, s0: int, pos: int) -> int:
        i = bisect.bisect_left(self._delims, pos)  # delimiters of the current sentence
        return max(s0, self._delims[i - 1] + 1) if i else s0

    def _fitting(self, term: str, q: Quantity, clause: str) -> list[Metric]:
        """Metrics counting ``term`` that accept the quantity's unit (and whose verb is in the clause
        when the metric requires one)."""
        key = (term, q.unit)
        cached = self._fit_cache.get(key)
        if cached is None:
            fit = [m for m in self.by_object[term] if ((q.unit in m.units) if q.unit else m.bare)]
            cached = self._fit_cache[key] = (fit, any(m.verb_required for m in fit))
        fit, check = cached
        if not check:
            return fit
        return [m for m in fit if not m.verb_required or any(v in clause for v in m.verbs)]

    def _pushed_outcome(self, text: str, clause0: int, q) -> bool:
        """An outcome of the economy the committee's work pushed (推动, 促成, 助力, 带动 before the quantity in its
        clause, an economy object between the verb and a few characters after it), and no object of committee
        work (推动解决问题98个, 推动101件提案按时办复 count)."""
        verb = self.outcome_verbs_re.search(text, clause0, q.start)
        if verb is None:
            return False
        between = text[verb.end() : q.start]
        if not self.outcome_objects_re.search(between + text[q.end : q.end + 8]):
            return False
        return not self.outcome_work_re.search(between + text[q.end : q.end + 6])

    def _proposal_outcome(self, text: str, s0: int, clause0: int, q, s1: int) -> bool:
        """A figure in a later clause of a sentence in which a proposal (提案, 建议) comes before an outcome
        verb (推动, 带动, 被纳入 …): the government's results the proposal is credited with, unless the figure's
        clause names committee work (推动…，办复提案56件, 报送协商建言报告275篇 count)."""
        subject = self.proposal_subject_re.search(text, s0, clause0)
        if subject is None:
            return False
        verb = self.proposal_outcome_re.search(text, subject.end(), clause0)
        if verb is None:
            return False
        own = text[clause0 : self._segment_end(text, q.end, s1)]
        return not (self.outcome_work_re.search(own) or self.objects_re.search(own))

    @staticmethod
    def _segment_end(text: str, pos: int, limit: int) -> int:
        m = _DELIMITER.search(text, pos, limit)
        return m.start() if m else max(pos, limit)

    def _read_one(self, text, s0, s1, q, prev_end, next_start, objects, verbs, slogans, last_category):
        lex = self.lex
        seg0 = self._segment_start(text, s0, q.start)
        if self._noise(text, s0, q, slogans):
            return None
        own = text[seg0 : q.start]
        if self.economy_re.search(own):
            return None
        clause0 = seg0  # an enumeration, a list of nouns (、), shares its clause's frame
        while clause0 > s0 and text[clause0 - 1] == "、":
            clause0 = self._segment_start(text, s0, clause0 - 1)
        if self._not_count_cue(text, clause0, q.start):
            return None  # a rule or a plan (每名委员…不少于10户, 力争…), not a count of work done
        if (
            q.unit in _PEOPLE_UNITS
            and self.public_after_re.match(text, q.end)
            and self.sit_in_re.search(text, s0, s1)
        ):
            return None  # 推荐产生1015名群众代表，旁听…: the public sitting in, no members
        if self.plan_sentence_re.search(text, s0, q.start):
            return None  # 此次捐款将用于…，同时对…10名孤儿开展资助: the plan holds over the sentence
        if self.not_count_before_re.search(text, clause0, q.start):
            return None  # 议程共有八项, 比十一届四次会议增13件
        if (
            q.unit in lex.body_units
            and self.handling_before_re.search(text, clause0, q.start)
            and text.startswith(_BODY_WORDS, q.end)
        ):
            return None  # 办理这些提案的市政府系统有84个单位, 提案办理共涉及90家单位
        if (
            q.unit in lex.site_units
            and self.sites_after_re.match(text, q.end)
            and (
                self.visit_re.search(text, clause0, q.start)
                or self.whole_place_re.search(text, clause0, q.start)
            )
        ):
            return None  # 深入全县8个乡镇、46个村及23家重点企业: where a party went, not what it did
            # (全县25个乡镇501个村: the whole division's places, its extent)
        if self._pushed_outcome(text, clause0, q):
            return None  # 推动建设3个万亩种植基地, 带动就业1000余人: outcomes in others' figures
        if self._proposal_outcome(text, s0, clause0, q, s1):
            return None  # 《…的提案》…推动…提速，…总产值180亿元: a proposal's results in the government's figures
        if q.unit in lex.public_reaction_units and self.reaction_re.search(
            text, clause0, self._segment_end(text, q.end, s1)
        ):
            return None  # 点赞逾58万人次, 全网总阅读量约9400万次: the public's reactions online
        if q.high is not None and q.unit in lex.serial_units:
            return None  # 先后出版10至21辑: the issues' numbers, no count of them
        if self._joint_items(text, s0, s1, q):
            return None  # 代表、委员…提交…等23件提案、建议: deputies' suggestions and members' proposals together
        if text[s0 : q.start].lstrip(_SPACES).startswith(_PER_PERIOD):
            return None  # 每月…向委员推送党政工作要情3—4篇: a rate per month over the sentence, no count
        if self.other_body_work_re.search(text, clause0, self._segment_end(text, q.end, s1)):
            return None  # 审议法规案24件: the people's congress's work
        if self._firm_gift(text, s0, q):
            return None  # 某某集团捐款26万元: a firm's gift, no member's
        if self._award_sentence:
            return None  # 对…10件优秀提案，…8家先进单位…予以表彰: awards, not work
        if q.unit in lex.award_after_units and self.award_after_re.search(
            text, q.end, self._segment_end(text, q.end, s1)
        ):
            return None  # 12件提案获评优秀提案, 5名委员获评…: the awarded, rated in the figure's clause
        if text.startswith(lex.other_actors, clause0, q.start) and not text.startswith(
            lex.not_other_actors, clause0, q.start
        ):  # (民盟市委会 is a party's committee, no 市委)
            own_clause = text[clause0 : self._segment_end(text, q.end, s1)]
            if not any(w in own_clause for w in _PRODUCTS):
                self._other_actor_seen = True
                return None  # another body's work: 县委常委会专题研究政协工作2次 (not 区政府共收到…提案115件)
        elif self._other_actor_seen and not self._own_subject(text, seg0, q.start, verbs):
            return None  # 该省建成…近5000个，社区日间照料中心2107个: the enumeration goes on with its actor
        if self.handler_re.match(text, clause0, q.start):
            return None  # 内蒙古自治区教育厅承办113件次: one department's load
        if self._other_body_sentence and self._other_bodys_items(text, s0, q):
            return None  # 人大代表建议131件, 其中重点督办建议7件
        seg_end = self._segment_end(text, q.end, min(s1, next_start))
        own_lo = max(clause0, prev_end)
        clause = text[clause0:seg_end]

        def fitting(h):
            return self._fitting(h.term, q, clause)

        # 1. the counted noun right after the number: 开展12场委员讲堂, 12件重点提案
        tier, found = None, []
        for h in objects:
            if q.end <= h.start < q.end + 6 and h.end <= seg_end:
                if any(v.start >= q.end and v.end <= h.start for v in verbs):
                    break
                fit = fitting(h)
                if fit:
                    tier, found = "right", [(m, h) for m in fit]
                    break
        # 2. a subset named by a relative clause: 涉及经济发展的86件, 正在解决的30件
        if (
            tier is None
            and last_category
            and text[max(s0, q.start - 4) : q.start].rstrip(_SPACES).endswith("的")
        ):
            return Reading(q, None, last_category, s0, s1)
        # 3. objects before the number in its own clause: 召开常委会议6次
        if tier is None:
            found = [(m, h) for h in objects if own_lo <= h.start and h.end <= q.start for m in fitting(h)]
            tier = "own" if found else None
        # 4. an object after the number in its clause: 对6个区直部门开展民主评议
        if tier is None:
            for h in objects:
                if q.end <= h.start and h.end <= seg_end:
                    fit = fitting(h)
                    if fit:
                        tier, found = "after", [(m, h) for m in fit]
                        break
        # 5. carried over from an earlier clause of the sentence: 收集…120余篇，编发94期
        if tier is None:
            for h in reversed(objects):
                if s0 <= h.start and h.end <= own_lo:
                    fit = fitting(h)
                    if fit:
                        tier, found = "inherited", [(m, h) for m in fit]
                        break

        # 6. carried over from an earlier sentence of the paragraph when the clause's own verb
        #    selects it: "共收到提案729件。截至年底，已办复649件"
        if tier is None:
            tier, found = self._from_paragraph(text, s0, q, own_lo, clause, verbs)

        small_chinese = q.chinese and q.value < 10 and q.qualifier == "exact"
        follows_count = self._sentence_counts > 0
        if (
            small_chinese
            and not self._anchored(text, own_lo, q, objects, verbs, follows_count, seg_end)
            and not (
                q.value >= 2
                and (tier == "right" and self._opens_line(text, q) or self._members_after(text, q))
            )
            and not self._brought(text, clause0, q)
        ):
            return None  # (a heading "1、三次议政性常委会"; 两位政协委员: members)
        if tier is None:
            return self._unmatched(text, s0, s1, q, seg0, seg_end, last_category, small_chinese)

        candidates = [m for m, _ in found]
        metric, own_verb = None, False
        floor = found[0][1].start if tier == "inherited" else s0
        for v in reversed(verbs):  # the verb nearest before the number chooses
            if v.end <= q.start and v.start >= floor:
                if text.startswith("的", v.end):
                    continue  # a verb in a modifier (自治区政协举办的培训班) is not the clause's verb
                chosen = [(m, h) for m, h in found if m in self.by_verb.get(v.term, ())]
                if chosen:
                    context = text[clause0 : q.start]
                    preferred = [(m, h) for m, h in chosen if any(c in context for c in m.context)]
                    metric = max(preferred or chosen, key=lambda mh: mh[1].end)[0]
                    own_verb = v.start >= own_lo
                    break
                if v.start >= own_lo and tier != "inherited" and not _inside(v, objects):
                    break  # the clause has its own verb: earlier clauses' verbs do not reach here
        if metric is None or not own_verb:  # a verb after it in the clause: 其中9条被自治区政协采用
            for v in verbs:
                if q.end <= v.start and v.end <= seg_end:
                    chosen = [m for m in candidates if m in self.by_verb.get(v.term, ())]
                    if chosen:
                        metric, own_verb = chosen[0], True
                        break
        if tier == "own" and not own_verb:
            nearest = max(h.end for _, h in found)
            if self.theme_re.search(text, nearest, q.start):
                return Reading(q, None, candidates[0].category, s0, s1)  # 立案提案中经济建设方面98件
        if tier == "inherited" and not own_verb:
            own_theme = self.theme_re.search(own) is not None
            after_total = self.breakdown_re.search(text, found[0][1].end, q.start) is not None
            if own_theme or after_total:
                return Reading(q, None, candidates[0].category, s0, s1)  # a share of the total
        if metric is None:
            metric = max(found, key=lambda mh: (mh[1].end, -candidates.index(mh[0])))[0]
        return Reading(q, metric, metric.category, s0, s1)

    def _own_subject(self, text: str, seg0: int, pos: int, verbs) -> bool:
        """Whether a clause names its own actor or verb (政协, 委员, a work verb) before ``pos``."""
        if any(w in text[seg0:pos] for w in ("政协", "委员")):
            return True
        return any(seg0 <= v.start and v.end <= pos for v in verbs)

    def _from_paragraph(self, text, s0, q, own_lo, clause, verbs):
        p0 = text.rfind("\n", 0, s0) + 1
        own_verbs = [
            v.term for v in verbs if own_lo <= v.start and v.end <= q.start and v.term in self.specific_verbs
        ]
        if p0 >= s0 or not own_verbs:
            return None, []
        for m in reversed(list(self.objects_re.finditer(text, p0, s0))):
            fit = [
                mt
                for mt in self._fitting(m[0], q, clause)
                if any(mt in self.by_verb.get(v, ()) for v in own_verbs)
            ]
            if fit:
                return "paragraph", [(mt, _Hit(m.start(), m.end(), m[0])) for mt in fit]
        return None, []

    def _bare_ok(self, text: str, q: Quantity) -> bool:
        if q.chinese or not self.bare_objects:
            return False
        if _BLANK_TO_END.fullmatch(text, q.end):
            return False  # 专委会提案13 at the end of a stored text cut short: the unit is lost
        after = text[q.end : q.end + 1]
        if after and ("\u4e00" <= after <= "\u9fff" or after.isalnum()):
            return False  # 2024年, 12345热线
        before = text[max(0, q.start - 12) : q.start].rstrip(_SPACES + "".join(self.lex.bare_fillers))
        return any(before.endswith(o) for o in self.bare_objects)

    def _brought(self, text: str, clause0: int, q) -> bool:
        """A member's own proposals: two or more, the proposal right after the count (两份提案, 三个提案) and a
        verb of bringing them before it in its clause (带来了, 准备了, 提交了)."""
        return (
            q.value >= 2
            and text.startswith(self.lex.brought_objects, q.end)
            and any(
                w in text[max(clause0, _clause_start(text, q.start)) : q.start] for w in self.lex.bring_verbs
            )
        )

    def _anchored(self, text, own_lo, q, objects, verbs, follows_count: bool, seg_end: int) -> bool:
        """A small Chinese numeral (一名, 三次) counts only after a verb or an object of its own clause
        ("请示重要事项四次"), right after 其中 ("其中九条被上级采用"), or opening a clause that continues
        a list of counts and names its activity ("其中14篇被采用，五篇获得领导批示"); never in
        "一名委员就是一面旗帜"."""
        if text[max(0, q.start - 4) : q.start].rstrip(_SPACES + "，,").endswith(self.lex.breakdown_markers):
            return True
        hits = (*objects, *verbs)
        if any(own_lo <= h.start and h.end <= q.start for h in hits):
            return True
        return follows_count and any(q.end <= h.start and h.end <= seg_end for h in hits)

    def _unmatched(self, text, s0, s1, q, seg0, seg_end, last_category, small_chinese) -> Reading | None:
        """A quantity no metric fits: keep it for review when the sentence is about committee work."""
        members = self._members_after(text, q)  # members who acted (3位政协委员认真聆听) need no work verb
        # a text's size in ten-thousands of characters (出版…31.5万字, 发言总量达2500万字): what was written
        written = q.unit in self.lex.text_size_units and any(
            m in text[q.num_start : q.end] for m in self.lex.text_size_multipliers
        )
        brought = self._brought(text, s0, q)  # 我带来了两份提案: a member's own proposals
        if (
            not q.unit
            or q.unit in self.lex.object_only_units  # (3副主席, 一正3副: 副 counts couplets only)
            or (small_chinese or q.chinese and q.value < 10)
            and not (members and q.value >= 2)
            and not brought
        ):
            return None
        # 按类别划分，经济类258件: a breakdown by class of the count before it needs no verb of its own
        by_class = bool(last_category) and text[s0 : q.start].lstrip(_SPACES).startswith(
            self.lex.breakdown_openers
        )
        needs_verb = not (members or brought or by_class or written)
        if needs_verb and not self.verbs_re.search(text, s0, s1):  # no work verb
            return None
        if self.economy_re.search(text, s0, q.start):
            return None
        if text.startswith(self.lex.covered_places, q.end):
            clause = re.split(r"[，。；,;！？]", text[q.end : s1], maxsplit=1)[0]
            if any(w in clause for w in self.lex.reach_words):
                return None  # 在19个社区全面铺开, 19个社区书记: a programme's reach, no work done
        category = "proposals" if brought else last_category if by_class else None
        for m in self.keywords_re.finditer(text, seg0, q.start) if category is None else ():
            category = self.category_of_keyword[m[0]]
        if category is None:
            m = self.keywords_re.search(text, q.end, seg_end)
            category = self.category_of_keyword[m[0]] if m else None
        if category is None:
            for m in self.keywords_re.finditer(text, s0, q.start):
                category = self.category_of_keyword[m[0]]
        return Reading(q, None, category or last_category, s0, s1)
