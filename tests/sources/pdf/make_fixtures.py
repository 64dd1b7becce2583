"""Regenerate the committed fixture PDFs and their ground truth.

    .venv/bin/python tests/sources/pdf/make_fixtures.py

Needs reportlab (a dev dependency) and, for the embedded-TrueType fixture, the Debian package
fonts-wqy-zenhei (or CSTATS_CJK_TTF pointing at a TrueType CJK font). Tests only read the
committed PDFs and *.truth.json files, so they need no fonts.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from sources.pdfgen import ArticleSpec, Heading, Layout, PageSpec, Photo, PullQuote, render_page, render_pages

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"


def stories() -> dict[str, dict]:
    data = yaml.safe_load((HERE / "stories.yaml").read_text(encoding="utf-8"))
    return {s["key"]: s for s in data}


def article(s: dict, **kw) -> ArticleSpec:
    body = [Heading(b["heading"]) if isinstance(b, dict) else b for b in s["body"]]
    return ArticleSpec(
        headline=s["headline"],
        subtitle=s.get("subtitle"),
        byline=s.get("byline"),
        kicker=s.get("kicker"),
        body=body,
        continued_from=s.get("continued_from"),
        continues_to=s.get("continues_to"),
        **kw,
    )


def fixtures() -> dict[str, tuple[PageSpec, Layout]]:
    st = stories()
    return {
        # 5 columns, full-width headline, one photo, non-embedded CID font.
        "p1_5col_photo_cid": (
            PageSpec(
                [
                    article(
                        st["proposals"],
                        photos=[Photo("县政协委员在社区走访收集社情民意。 本报记者 摄", 1, 2, 120, 4)],
                    )
                ],
                masthead="平川日报",
                page_label="第1版",
                date_line="2024年3月5日 星期二",
            ),
            Layout(columns=5, headline_size=28, font="cid", stream_seed=3),
        ),
        # 4 columns, headline over 3 of them, boxed pull quote, embedded TrueType font.
        "p2_4col_partial_quote_ttf": (
            PageSpec(
                [
                    article(
                        st["consultation"],
                        quotes=[
                            PullQuote(
                                "把美丽庭院创建与积分制管理结合起来，形成人人参与、户户受益的良好局面。",
                                3,
                                1,
                                6,
                            )
                        ],
                    )
                ],
                masthead="政协周刊",
                page_label="第2版 · 协商",
                date_line="2024年3月8日 星期五",
            ),
            Layout(columns=4, headline_span=3, body_size=10.5, headline_size=24, font="ttf", stream_seed=11),
        ),
        # 6 columns, two articles stacked, letter-spaced justified text.
        "p3_6col_two_stacked_spaced": (
            PageSpec(
                [article(st["research"]), article(st["training"])],
                masthead="平川日报",
                page_label="第3版 要闻",
                date_line="2024年4月12日 星期五",
            ),
            Layout(columns=6, body_size=9.5, letter_spacing=3.2, headline_size=22, font="cid", stream_seed=5),
        ),
        # 5 columns, two articles side by side (3 + 2 columns), photo in the second.
        "p4_5col_side_by_side": (
            PageSpec(
                [
                    article(st["democracy"], columns=3),
                    article(
                        st["service"],
                        columns=2,
                        photos=[Photo("委员工作室协商现场。 通讯员 供图", 0, 2, 90, 0)],
                    ),
                ],
                masthead="平川日报",
                page_label="第2版",
                date_line="2024年5月20日 星期一",
            ),
            Layout(
                columns=5,
                arrangement="side_by_side",
                headline_size=20,
                body_size=10,
                font="cid",
                stream_seed=19,
            ),
        ),
        # 6 columns, headline over 4 of 6, photo + quote, letter-spaced.
        "p5_6col_partial_photo_quote": (
            PageSpec(
                [
                    article(
                        st["consultation"],
                        photos=[Photo("调研组在村庄查看生活污水处理设施运行情况。", 0, 3, 100, 2)],
                        quotes=[PullQuote("因地制宜选择污水治理模式，建立长效管护机制。", 5, 1, 3)],
                    )
                ],
                masthead="政协之窗",
                page_label="第4版",
                date_line="2024年6月3日 星期一",
                footer="本版编辑：陈静 美编：赵磊",
            ),
            Layout(
                columns=6,
                headline_span=4,
                body_size=9,
                letter_spacing=1.8,
                headline_size=30,
                font="ttf",
                stream_seed=23,
            ),
        ),
        # 4 columns, three articles stacked, no justification, larger body text.
        "p6_4col_three_stacked": (
            PageSpec(
                [article(st["supervision"]), article(st["service"]), article(st["training"])],
                masthead="平川日报",
                page_label="第6版 基层",
                date_line="2024年7月1日 星期一",
            ),
            Layout(
                columns=4,
                body_size=11,
                justify=False,
                headline_size=21,
                margin=46,
                gutter=16,
                font="cid",
                stream_seed=29,
            ),
        ),
    }


def full_page() -> tuple[PageSpec, Layout]:
    """A full front page: a lead story across six columns, three stories side by side below."""
    st = stories()
    lead = article(
        st["proposals"], photos=[Photo("委员们在提案办理协商会上发言。 本报记者 摄", 3, 3, 130, 1)]
    )
    return (
        PageSpec(
            [
                lead,
                article(st["research"], columns=2),
                article(st["service"], columns=2, photos=[Photo("协商活动现场。", 0, 2, 80, 3)]),
                article(
                    st["supervision"], columns=2, quotes=[PullQuote("让企业和群众办事更加便捷。", 1, 1, 4)]
                ),
            ],
            masthead="平川日报",
            page_label="第1版 要闻",
            date_line="2024年9月2日 星期一",
        ),
        Layout(
            columns=6,
            arrangement="mixed",
            body_size=9.5,
            letter_spacing=0.8,
            headline_size=27,
            font="cid",
            stream_seed=31,
        ),
    )


def no_rules() -> tuple[PageSpec, Layout]:
    """Five columns, a lead story and two stories side by side, with no separator rules at all."""
    st = stories()
    return (
        PageSpec(
            [
                article(st["research"], photos=[Photo("调研组在合作社了解产品加工情况。", 2, 2, 90, 2)]),
                article(st["training"], columns=2),
                article(st["service"], columns=3),
            ],
            masthead="政协周刊",
            page_label="第3版 履职",
            date_line="2024年11月15日 星期五",
            footer="本版编辑：李娜 校对：王强",
        ),
        Layout(
            columns=5,
            arrangement="mixed",
            rules=False,
            fake_bold=True,
            body_size=10.5,
            leading=1.5,
            headline_size=23,
            font="cid",
            stream_seed=43,
        ),
    )


def caption_face() -> tuple[PageSpec, Layout]:
    """Captions at body size, told apart only by their face (embedded TrueType under CID body)."""
    st = stories()
    return (
        PageSpec(
            [
                article(
                    st["service"],
                    photos=[Photo("委员工作室里，居民代表和委员面对面商量停车难题。", 0, 2, 100, 0)],
                ),
                article(st["research"], photos=[Photo("调研组在冷链物流企业了解产地仓建设。", 2, 2, 90, 3)]),
            ],
            masthead="平川日报",
            page_label="第5版 民生",
            date_line="2024年12月2日 星期一",
        ),
        Layout(columns=4, body_size=10, caption_size=1.0, caption_font="ttf", font="cid", stream_seed=47),
    )


def two_pages() -> tuple[list[PageSpec], list[Layout]]:
    """A story that starts on page 1 and continues on page 2 (下转/上接), two fonts."""
    st = stories()
    story = st["consultation"]
    first = dict(story, body=story["body"][:4], continues_to="（下转第2版）")
    rest = dict(story, body=story["body"][4:], continued_from="（上接第1版）", subtitle=None, byline=None)
    pages = [
        PageSpec(
            [article(first), article(st["training"])],
            masthead="平川日报",
            page_label="第1版",
            date_line="2024年10月8日 星期二",
        ),
        PageSpec(
            [article(rest, columns=3), article(st["supervision"], columns=2)],
            masthead="平川日报",
            page_label="第2版 综合",
            date_line="2024年10月8日 星期二",
        ),
    ]
    layouts = [
        Layout(columns=5, headline_span=4, font="cid", stream_seed=37),
        Layout(columns=5, arrangement="side_by_side", headline_size=21, font="ttf", stream_seed=41),
    ]
    return pages, layouts


def broken_font(out: Path) -> None:
    """A page whose embedded TrueType font has no ToUnicode map (the key renamed, same length, so
    the xref stays valid): pdfminer can only give (cid:N) for its glyphs."""
    from reportlab.pdfgen import canvas

    from sources.pdfgen.fonts import register

    c = canvas.Canvas(str(out), pageCompression=0, invariant=1)
    c.setFont(register("ttf"), 12)
    c.drawString(50, 700, "政协委员提交提案一百二十件，开展调研十五次。")
    c.save()
    data = out.read_bytes()
    assert b"/ToUnicode" in data
    out.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))


def rotated() -> dict[str, tuple[PageSpec, Layout]]:
    """Pages drawn in reading order except the first article, whose later half is drawn before its
    headline band and first half: a coherent stream that reverses the geometry inside one article
    (Layout.stream_rotate). Stacked, mixed and side by side."""
    st = stories()
    quote = PullQuote("推动提案办理从“办了”向“办好”转变", 2, 1, 6)
    return {
        "pb_5col_stacked_stream_rotated": (
            PageSpec(
                [article(st["proposals"], quotes=[quote]), article(st["research"])], masthead="平川日报"
            ),
            Layout(columns=5, font="cid", stream_seed=None, stream_rotate=True),
        ),
        "pc_6col_mixed_stream_rotated": (
            PageSpec(
                [article(st["proposals"], quotes=[quote]), article(st["research"]), article(st["training"])],
                masthead="平川日报",
            ),
            Layout(columns=6, font="cid", arrangement="mixed", stream_seed=None, stream_rotate=True),
        ),
        "pd_5col_side_stream_rotated": (
            PageSpec(
                [article(st["proposals"], columns=3), article(st["research"], columns=2)], masthead="平川日报"
            ),
            Layout(columns=5, font="cid", arrangement="side_by_side", stream_seed=None, stream_rotate=True),
        ),
    }


def main() -> None:
    (HERE / "bad").mkdir(exist_ok=True)
    broken_font(HERE / "bad" / "no_tounicode.pdf")
    FIXTURES.mkdir(exist_ok=True)
    for name, (page, layout) in {
        **fixtures(),
        "p7_6col_full_page_mixed": full_page(),
        "p9_5col_mixed_no_rules": no_rules(),
        "pa_4col_caption_face": caption_face(),
        **rotated(),
    }.items():
        truth = render_page(page, FIXTURES / f"{name}.pdf", layout)
        truth.write(FIXTURES / f"{name}.truth.json")
        print(f"{name}: {len(truth.blocks)} blocks, {len(truth.articles)} article(s)")
    pages, layouts = two_pages()
    name = "p8_two_pages_continued"
    truth = render_pages(pages, FIXTURES / f"{name}.pdf", layouts)
    truth.write(FIXTURES / f"{name}.truth.json")
    print(f"{name}: {len(truth.blocks)} blocks, {len(truth.articles)} article(s), {truth.pages} pages")


if __name__ == "__main__":
    main()
