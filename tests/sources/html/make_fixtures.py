"""Write the HTML fixture pages (our own text, in the templates of county/city government and CPPCC
sites: table layout, breadcrumbs, a date/source line, share bar, font-size and print controls, read
counter, related-article list, footer). Run: python tests/sources/html/make_fixtures.py

Every figure in these pages is invented. ``EXPECTED`` in test_html_reader.py lists what each page must give.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# A county CPPCC site on an old CMS: GB2312 declared, GBK characters used (喆 is not in GB2312),
# layout tables, breadcrumbs, date/source line with a read counter, font-size and share bars.
COUNTY_GB2312 = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>县政协召开2024年度提案办理工作推进会_示例县政协网</title>
<meta name="SiteName" content="示例县政协网">
<meta name="ColumnName" content="工作动态">
<script type="text/javascript">var visits = 1234; document.write("阅读次数：" + 99 + "次");</script>
<style>.zoom{font-size:16px}</style>
</head>
<body>
<table width="1000" class="top"><tr><td><a href="/">首页</a> | <a href="/zxgk/">政协概况</a> | <a href="/gzdt/">工作动态</a> | <a href="/taxd/">提案选登</a> | <a href="/sqmy/">社情民意</a></td></tr></table>
<table width="1000" border="0" cellspacing="0" cellpadding="0">
<tr><td class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/gzdt/">工作动态</a> &gt; 正文</td></tr>
<tr><td valign="top">
  <table width="100%"><tr><td class="bt" align="center">县政协召开2024年度提案办理工作推进会</td></tr>
  <tr><td align="center" class="info">发布时间：2024-06-18 09:30&nbsp;&nbsp;来源：示例县融媒体中心&nbsp;&nbsp;作者：李喆&nbsp;&nbsp;阅读：586次&nbsp;&nbsp;【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</td></tr>
  <tr><td class="zoom" id="zoom">
  <p>　　6月17日，县政协召开2024年度提案办理工作推进会，通报今年以来提案办理情况，部署下一阶段工作。</p>
  <p>　　县政协十届三次会议以来，共收到委员提案156件，经审查立案142件，已全部交由38个承办单位办理。截至目前，已办复98件，办复率69%。</p>
  <p>　　会议要求，各承办单位要进一步提高办理质量，确保年内全部办结。</p>
  <p><strong>提案办理进度</strong></p>
  <table border="1" class="MsoTableGrid">
   <tr><th>类别</th><th>立案数（件）</th><th>已办复（件）</th></tr>
   <tr><td>经济建设</td><td>61</td><td>45</td></tr>
   <tr><td>社会事业</td><td>52</td><td>33</td></tr>
  </table>
  <p>　　会上，县委副书记、县长王明对提案办理工作提出要求。</p>
  </td></tr>
  <tr><td><div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div></td></tr>
  <tr><td>【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
  <tr><td>（责任编辑：张三）</td></tr>
  <tr><td><div class="xgwz"><b>相关文章</b><ul><li><a href="/a1.html">县政协开展2023年度重点提案督办 3次</a></li><li><a href="/a2.html">政协委员视察12个项目</a></li></ul></div></td></tr>
  </table>
</td></tr>
</table>
<table width="1000" class="foot"><tr><td>版权所有：示例县政协办公室　主办单位：示例县政协　ICP备12345678号　网站标识码：1234000001</td></tr></table>
</body>
</html>
"""

# A city CPPCC site on an HTML5 template: nav/aside/footer elements, breadcrumbs in an ol,
# PubDate/ContentSource metas, a data table with thead, related list in an aside. UTF-8.
CITY_UTF8 = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="ArticleTitle" content="市政协2023年度社情民意信息工作综述">
<meta name="PubDate" content="2024-01-12 16:20">
<meta name="ContentSource" content="市政协办公室">
<title>市政协2023年度社情民意信息工作综述 - 示例市政协</title>
</head>
<body>
<header><div class="logo">示例市政协</div>
<nav class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/news/">政协要闻</a></li><li><a href="/sqmy/">社情民意</a></li><li><a href="/contact/">联系我们</a></li></ul></nav>
<div class="search"><form><input type="text" placeholder="请输入关键字"><button>搜索</button></form></div>
</header>
<main>
<ol class="breadcrumb"><li><a href="/">首页</a></li><li><a href="/sqmy/">社情民意</a></li><li>正文</li></ol>
<article>
<h1>市政协2023年度社情民意信息工作综述</h1>
<div class="article-meta"><span>2024-01-12 16:20</span> <span>来源：市政协办公室</span> <span class="views">浏览次数：1024</span></div>
<div class="article-content">
<p>2023年，市政协围绕全市中心工作，广泛收集社情民意。</p>
<h2>一、信息报送</h2>
<p>全年共收到社情民意信息420篇，编发《社情民意》86期，被全国政协采用5篇，获省领导批示12件次。</p>
<h2>二、统计</h2>
<table>
<thead><tr><th>项目</th><th>2023年</th></tr></thead>
<tbody>
<tr><td>收到社情民意信息（篇）</td><td>420</td></tr>
<tr><td>编发社情民意（期）</td><td>86</td></tr>
</tbody>
</table>
<p>捐款资金2.3亿元，用于帮扶困难群众。</p>
</div>
<div class="share-bar">分享到：<a>微信</a> <a>QQ空间</a></div>
<div class="prevnext"><a href="/p.html">上一篇：市政协召开主席会议</a> <a href="/n.html">下一篇：委员视察3个园区</a></div>
</article>
<aside class="related"><h3>相关新闻</h3><ul><li><a href="/r1.html">市政协开展调研18次</a></li><li><a href="/r2.html">委员提交提案300件</a></li></ul></aside>
</main>
<footer class="footer"><p>版权所有 © 2024 示例市政协 | 备案号：ICP备00000000号-1</p><p>技术支持：某某网络公司</p></footer>
</body>
</html>
"""

# A page saved without a charset declaration, GBK bytes, <br>-separated paragraphs in one div.
NO_DECLARATION_GBK = """<html>
<head><title>区政协开展委员履职培训</title></head>
<body>
<div id="nav"><a href="/">网站首页</a> <a href="/a/">政协动态</a> <a href="/b/">委员风采</a></div>
<div class="position">您的位置：首页 > 政协动态</div>
<div class="title">区政协开展委员履职培训</div>
<div class="source">日期：2023年11月02日　　信息来源：区政协办公室</div>
<div class="content">　　11月1日至2日，区政协举办委员履职能力提升培训班，全体政协委员共计135人参加培训。<br>
　　培训期间，邀请专家作专题辅导报告4场，组织委员分组讨论2次。<br>
　　区政协主席陈喆在结业式上讲话。</div>
<div class="fx">分享：<a>微信</a></div>
<div class="bottom">示例区政协 主办 联系电话：0000-12345678</div>
</body>
</html>
"""

# A provincial government page kept as its JSP source (server directives before the markup): h2
# title with an h3 subtitle, 时间/来源 list with print/font/share controls, the article's paragraphs
# as <div>s (no <p>), and a friend-link list whose URLs sit in hidden <li>s (shown on hover only).
PROVINCE_JSP = """<%@ page language="java" pageEncoding="UTF-8"%>
<%@ include file="/include/taglibs.jsp"%>
<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>省政协调研组来我市开展专题调研 - 示例省人民政府门户网站</title>
</head>
<body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="detail-article-title"><h3></h3><h2>省政协调研组来我市开展专题调研</h2><h3>实地察看9个项目</h3></div>
<ul class="detail-article-infos">
<li class="article-infos-source"><span><i>时间：</i>2024-05-21 08:15</span><span><i>来源：</i>示例日报</span></li>
<li class="article-infos-func"><span class="article-priter">打印</span><span class="article-zoom"><i>字体：</i><a>放大</a><a>正常</a><a>缩小</a></span><span class="article-share">分享</span></li>
</ul>
<div class="article-body"><div class="TRS_Editor">
<div style="text-align: center;">图为调研组在园区察看。（王某摄）</div>
<div>　　5月20日，省政协调研组一行来我市，围绕农村供水保障开展专题调研，实地察看了9个项目。</div>
<div>　　调研组指出，近年来全市新建农村供水工程46处，受益群众12万人，工作成效明显。</div>
<div>　　座谈会上，调研组听取了有关部门的情况汇报，并就下一步工作提出了意见建议。</div>
</div></div>
<div class="friend-link"><ul class="friend-link-submenu">
<li style="display:none;">http://www.example1.gov.cn/</li>
<li><a href="http://www.example1.gov.cn/" target="_blank">示例单位1</a></li>
<li style="display:none;">http://www.example2.gov.cn/</li>
<li><a href="http://www.example2.gov.cn/" target="_blank">示例单位2</a></li>
<li style="display:none;">http://www.example3.gov.cn/</li>
<li><a href="http://www.example3.gov.cn/" target="_blank">示例单位3</a></li>
</ul></div>
<div class="footer">版权所有：示例省人民政府办公厅</div>
</body>
</html>
"""

# A city news portal: a breadcrumb h2 before the article's h1, a bare date with an unlabelled source,
# a note in brackets at the end (（资料来源：…）), a pager and a 【纠错】 button.
PORTAL_BARE_DATE = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>市政协2024年收到提案412件 - 示例新闻网</title></head>
<body>
<div class="position"><h2>您的当前位置：<a href="/">新闻中心</a> &gt; <a href="/sz/">时政</a></h2></div>
<article>
<h1 class="art-title">市政协2024年收到提案412件</h1>
<div class="tip fl"><span class="pr20">2025-01-08 10:20:31</span> <a href="http://news.example.cn/">示例日报</a></div>
<div class="art-main">
<p>　　记者从市政协获悉，2024年市政协共收到提案412件，经审查立案385件。</p>
<p>　　截至去年底，立案提案已全部办复，办复率100%。</p>
<p>（资料来源：市政协提案委员会）</p>
<p>【1】【2】【3】</p>
<p>【纠错】</p>
</div>
</article>
<ul class="hot-news"><li><a href="/h1.html">热帖一</a><div class="hot-bottom"><div class="publish-time">2019-03-02 08:58:39</div></div></li></ul>
</body>
</html>
"""

# A city news site on a table layout: "来源于：" under the title, the body in its own cell, and the
# date with the editor in a row under the article.
TABLE_SOURCE_TOP_DATE_BOTTOM = """<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>区政协委员开展视察活动_示例网</title></head>
<body>
<table width="90%"><tbody>
<tr><td><div align="center"><span class="Title"><b>区政协委员开展视察活动</b></span><br>
<font color="#C30000">　来源于：区政协办公室</font></div></td></tr>
<tr><td style="font-size:14px;"><p>2024年4月9日上午，区政协组织委员一行15人视察辖区重点民生项目，实地察看了3个社区服务中心。</p>
<p>委员们表示，将把视察中了解到的情况形成意见建议，助推项目建设。</p></td></tr>
<tr><td align="center"><font color="#666666">发布日期：2024-04-10 责任编辑：赵某</font></td></tr>
<tr><td class="QuickButton">【<a href="javascript:window.print();">打印本页</a>】【<a href="javascript:window.close();">关闭窗口</a>】</td></tr>
</tbody></table>
</body>
</html>
"""

PAGES = {
    "county_gb2312.html": (COUNTY_GB2312, "gb18030"),  # declared gb2312, written with GBK characters
    "city_utf8.html": (CITY_UTF8, "utf-8"),
    "district_gbk_undeclared.htm": (NO_DECLARATION_GBK, "gbk"),
}
# Shapes of real pages: written where the test asks (tmp_path), not kept as files beside these.
SHAPES = {
    "province_jsp.html": (PROVINCE_JSP, "utf-8"),
    "portal_bare_date.html": (PORTAL_BARE_DATE, "utf-8"),
    "table_source_top.htm": (TABLE_SOURCE_TOP_DATE_BOTTOM, "utf-8"),
}


def write_page(folder: Path, name: str) -> Path:
    text, encoding = {**PAGES, **SHAPES}[name]
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def main() -> None:
    for name in PAGES:
        print("wrote", write_page(HERE, name))


if __name__ == "__main__":
    main()
