"""A page with two articles about different committees attributes each figure to its article."""

from pipelines.extract import extract_mentions
from sources.document import Article, Block, Document


def page(*articles):
    text, blocks = "", []
    for i, paras in enumerate(articles):
        for j, para in enumerate(paras):
            if text:
                text += "\n\n"
            blocks.append(
                Block(
                    len(text), len(text) + len(para), "headline" if j == 0 else "body", 1, (0, 0, 100, 10), i
                )
            )
            text += para
    arts = [Article(i, paras[0]) for i, paras in enumerate(articles)]
    return Document("page", "page.pdf", "application/pdf", "0" * 64, text, text, blocks, arts, pages=1)


def test_each_article_has_its_own_committee_and_period():
    doc = page(
        ["平罗县政协2024年工作综述", "全年共收到提案136件，上报市政协社情民意信息38篇。"],
        ["惠农区政协2023年工作回顾", "一年来，区政协开展专题调研12次，组织视察5次。"],
    )
    got = [(m.surface, m.committee_code, m.period_end, m.page) for m in extract_mentions(doc)]
    assert got == [
        ("136件", "640221", 2024, 1),
        ("38篇", "640221", 2024, 1),
        ("12次", "640205", 2023, 1),
        ("5次", "640205", 2023, 1),
    ]


def test_period_from_metadata_only_when_the_text_names_no_year():
    doc = page(["永宁县政协：履职见实效", "今年以来，县政协开展专题调研12次。"])
    assert [(m.period_start, m.period_end) for m in extract_mentions(doc)] == [(None, None)]
    doc.metadata["date"] = "2024-12-20"
    assert [(m.period_start, m.period_end) for m in extract_mentions(doc)] == [(2024, 2024)]
    dated = page(["永宁县政协2023年工作综述", "全年开展专题调研12次。"])
    dated.metadata["date"] = "2024-12-20"
    assert [m.period_end for m in extract_mentions(dated)] == [2023]
