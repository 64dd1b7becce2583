"""Generate tests/sources/ocr/turned_lines.png: a page of the project's own sample text (25
lines of ``sources/samples``) set in AR PL UMing (Debian's fonts-arphic-uming, a Song face as
government documents use), 22 px on a 46 px pitch:

* line 22 (index 21) is upright, and the packaged PP-OCR orientation classifier takes it for upside
  down: a raw RapidOCR read of this page (detection at 1,184 px) gives "。%" for it;
* the last line is turned upside down (a clipping pasted in upside down): what the classifier is
  for.

    .venv/bin/python tests/sources/make_ocr_fixtures.py

Tests only read the committed image; its lines are ``LINES``."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/arphic/uming.ttc"
OUT = Path(__file__).resolve().parent / "ocr" / "turned_lines.png"
LINES = (
    "项任务。下面，我从四个方面报告工作。这一年恰逢人民政协成立75周年，县政协",
    "深入学习贯彻党的二十届三中全会精神，在三级政协委员联动履职中贡献了海原县力",
    "量。一年来，共收到各类提案101件，审查立案95件，不予立案的六件转为委员",
    "意见建议交有关部门参考。县政协选出重点提案6件，由主席会议成员领衔督办。全",
    "年开展各类协商活动十次，邀请党政部门负责同志与委员面对面交流。民主监督持续",
    "加强。围绕营商环境优化、教育均衡发展等开展民主监督5次，提出意见建议推动问",
    "题解决。坚持把社情民意信息工作作为建言资政的重要渠道，收集社情民意信息10",
    "0篇，上报自治区、市政协38篇。全年组织委员开展调研12项、视察八次，形成",
    "一批有分量的调研成果。选派委员参加自治区、市政协举办的培训班一期，自身举办",
    "委员培训班3期，组织常委会集体学习15次。委员联系服务群众有声有色。举办“",
    "委员讲堂”十七场，组织委员为困难群众捐款捐物折合73.4万元，帮扶受益群众",
    "482户。县政协召开常委会会议六次，召开主席会议十四次，议题均事先报县委同",
    "意。坚持党对政协工作的全面领导，向县委报告重要工作九次，严格落实中央八项规",
    "定精神。文史资料工作稳步推进，编辑出版《海原县文史资料》一辑。目前，县政协",
    "共有160多名委员，其中中共党员委员占37.6%。新的一年，我们将认真落实",
    "“三项计划”，以更加饱满的热情投身履职实践。（本文为committee-s",
    "tats示例数据，内容与数字均为虚构）贺兰县政协2022年工作报告（示例数",
    "据）过去的2022年，县政协常委会坚持团结和民主两大主题，围绕全县发展大局",
    "建言献策，较好完成了年度各项任务。下面，我从四个方面报告工作。这一年，县政",
    "协团结动员广大委员喜迎党的二十大胜利召开，在学习宣传贯彻党的二十大精神中展",
    "现新作为。坚持把提案作为履职的重要抓手，全年征集提案85件，立案80件，其",
    "中经济建设类三十余件，占47.5%；社会民生类20余件，占30.0%。所有",
    "立案提案均已办复，办结率达100%。聚焦全县重点工作，举办各类协商会议7场",
    "，推动协商成果转化落地。县政协组织委员开展民主监督活动4项，对重点民生实事",
    "项目进行跟踪问效。拓宽社情民意收集渠道，共收到委员和群众反映的社情民意信息",
)
MISTURNED, UPSIDE_DOWN = 21, len(LINES) - 1
SIZE, PITCH = 22, 46


def main() -> None:
    font = ImageFont.truetype(FONT, SIZE)
    page = Image.new("L", (900, PITCH * len(LINES) + 40), 255)
    draw = ImageDraw.Draw(page)
    for k, text in enumerate(LINES[:UPSIDE_DOWN]):
        draw.text((30, 30 + PITCH * k), text, font=font, fill=0)
    line = Image.new("L", (860, PITCH), 255)
    ImageDraw.Draw(line).text((0, 0), LINES[UPSIDE_DOWN], font=font, fill=0)
    page.paste(
        line.rotate(180), (30 - 860 + int(font.getlength(LINES[UPSIDE_DOWN])), 30 + PITCH * UPSIDE_DOWN - 18)
    )
    OUT.parent.mkdir(exist_ok=True)
    page.save(OUT, optimize=True)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
