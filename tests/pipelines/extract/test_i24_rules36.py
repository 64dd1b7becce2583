"""Issue 24, round 36: a division's name before a group word, and photographs' and inscriptions' counts
(docs/extraction.md, "Issue 24, round 36"). Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, surfaces


def test_a_districts_group_at_the_citys_session_is_the_citys(extract):
    # 夷陵组: the city committee's members grouped by their district at the city's session, not the
    # district's committee
    page = (
        "市政协全会夷陵组讨论侧记\n\n"
        "近日,宜昌市政协全体会议闭幕。会议期间,夷陵组委员提交提案18件,夷陵组供稿的5篇大会发言材料入选汇编。\n"
    )
    got = committees(extract(page))
    assert got.get("18件") == "420500"
    assert got.get("5篇") in (None, "420500")


def test_a_districts_delegation_or_sector_group_is_the_citys_too(extract):
    page = "宜昌市政协全会分组讨论\n\n会议期间,宜昌市政协召开全体会议。夷陵界别组委员共提出意见建议26条。\n"
    assert committees(extract(page)).get("26条") == "420500"


def test_a_district_that_organizes_stays_the_districts(extract):
    # negative: 组织 is a verb, the district is the clause's subject as before (round 30)
    page = (
        "市政协组织媒体走进夷陵区\n\n"
        "近日,宜昌市政协组织的媒体采访活动走进夷陵区。截至今年6月,夷陵区组织开展协商议事活动26场。\n"
    )
    assert committees(extract(page))["26场"] == "420506"


def test_photographs_counted_by_frames_and_inscriptions_are_figures(extract):
    page = (
        "县政协文史资料工作综述\n\n"
        "县政协已出版文史资料12辑,共收录历史照片300余帧,另有老同志为文史资料题词8幅。\n"
    )
    got = surfaces(extract(page))
    assert "300余帧" in got
    assert "8幅" in got


def test_frames_of_a_video_are_no_photographs(extract):
    # negative: 帧 with no photograph or inscription in its sentence is no figure
    page = "县政协委员履职小记\n\n县政协委员拍摄的宣传视频每秒播放25帧,画面清晰。\n"
    assert "25帧" not in surfaces(extract(page))
