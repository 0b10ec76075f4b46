"""Defaced pages: gambling or advertising text injected into a published report.

A hacked site often swaps a phrase of the page for a casino's name: seed 000
reads 根据新万博体育_新万博app$官网娱乐平台规定 where 《中华人民共和国政府信息
公开条例》 stood.  Such a run mixes a gambling word (体育、娱乐、棋牌、彩票、
博彩 …) with a web word (官网、app、平台、网址、入口 …) and usually glue that
no government sentence has (_ $ letters).  Ordinary government phrases with
the same characters (体育局、全民健身、彩票公益金、娱乐场所) are taken out
before the run is scored.
"""

from __future__ import annotations

import re

from ..regexes import regex
from . import Finding, Report, rule

# Government phrases that contain a gambling word: removed before scoring.
_LEGIT = regex(
    r"体育(?:局|总局|中心|场馆?|馆|公园|设施|产业|赛事|事业|运动|健身|工作|彩票|教育|课|运动会|比赛|活动|文化|旅游|和旅游|舞蹈)|"
    r"文化(?:和|与)?(?:体育|娱乐)|文体|(?:福利|体育)彩票|彩票(?:公益金|管理|发行|销售|市场|机构|中心)|娱乐场所|娱乐服务|"
    r"文化娱乐|休闲娱乐|游艺娱乐|全民健身|电子竞技产业")
_GAMBLING = regex(r"体育|娱乐|棋牌|彩票|博彩|真人|电竞|百家乐|老虎机|赌场|赌博|投注|下注|彩金|返水|捕鱼|"
                       r"赌|casino|bet\d*|BET\d*|Bet\d*", re.I)
_WEB = regex(r"官网|官方网站|官方|app|APP|App|网址|备用网址|平台|入口|登录|登陆|注册|下载|网页版|手机版|客户端|"
                  r"\.com|\.net|www\.|IOS|ios|安卓", re.I)
# Phrases no government text has: a casino's "backup address", "X娱乐官网".
_STRONG = regex(r"备用网址|最新网址|网址导航|官网入口|登录入口|(?:娱乐|棋牌|彩票)(?:官网|app|APP|App)", re.I)
# SEO spam of adult sites, the other common injection ("…国产精品_亚洲欧美一区…").
_ADULT = regex(r"国产|精品|一区|二区|三区|亚洲|欧美|日韩|韩日|中文字幕|字幕|乱码|激情|成人|无码|久久|在线观看|"
               r"a[vⅴ]|A[VⅤ]")
# Where to look at all: a gambling or adult word in Chinese (a quick scan, no case folding).
# (A plain alternation of words: the regex engine finds their first characters
# by itself, faster than a look-ahead written in front of them.)
_SUSPECT = regex(r"(?:体育|娱乐|棋牌|彩票|博彩|真人|电竞|百家乐|老虎机|赌|投注|下注|彩金|返水|捕鱼|"
                 r"国产|精品|亚洲|欧美|日韩|韩日|字幕|乱码|激情|成人|无码|久久)")
# Glue between injected words: symbols, or Latin letters other than the web words themselves.
_GLUE = regex(r"[_$#~|]|[A-Za-z]{2,}")
_WEB_LATIN = regex(r"app|ios|com|net|www|html?", re.I)
# A run of text without Chinese sentence punctuation: where injected text sits.
_RUN = regex(r"[^，。；：！？、“”‘’《》,;:!?\"\n]{4,80}")


def _spam(run: str) -> bool:
    cleaned = _LEGIT.sub("", run)
    if len(set(_ADULT.findall(cleaned))) >= 3 and _GLUE.search(_WEB_LATIN.sub("", cleaned)):
        return True
    if _STRONG.search(cleaned):
        return True
    g = len(_GAMBLING.findall(cleaned))
    w = len(_WEB.findall(cleaned))
    if g == 0 or w == 0:
        return False
    return bool(_GLUE.search(_WEB_LATIN.sub("", cleaned))) or g + w >= 4


def _core(line: str, start: int, end: int) -> tuple[int, int]:
    """The injected words within a run: from a few characters before the first
    gambling or web word (the brand, 新万博) to the end of the last one."""
    hits = [(h.start(), h.end()) for p in (_GAMBLING, _WEB, _ADULT) for h in p.finditer(line, start, end)]
    first = min(h[0] for h in hits)
    last = max(h[1] for h in hits)
    back = first
    while back > start and first - back < 3 and "\u4e00" <= line[back - 1] <= "\u9fff":
        back -= 1
    return back, last


@rule("D101", "error", "integrity", "页面被篡改：混入赌博、色情等广告文字", needs_tables=False)
def defaced(report: Report):
    """检查什么：报告文字中是否混入了赌博、博彩网站一类的广告文字（如“××体育_××app$官网娱乐平台”），
    常见于网站被入侵后，条例名称等词语被替换成广告。

    为什么：这说明发布报告的网页已被篡改，须立即处理并排查网站安全；这样的文字也会让整份报告失去公信力。

    怎样判断：一段没有中文标点的文字里，同时出现赌博类用词（体育、娱乐、棋牌、彩票、博彩……）和网站类用词（官网、app、平台、网址……），
    并夹有“_”“$”、英文字母等正常公文不用的字符，或出现“备用网址”“××娱乐官网”这类固定说法。
    “体育局”“全民健身”“彩票公益金”“娱乐场所”等正常用语不算。色情网站的推广文字（“国产精品_亚洲欧美一区”一类，
    三个以上这类词用“_”等符号连在一起）同样报告。

    怎样改：立即核对网站上发布的原文，恢复被替换的文字，并请网站管理部门排查安全漏洞。

    示例：“根据新万博体育_新万博app$官网娱乐平台规定，现将2023年度本单位政府信息公开工作年度报告予以公布”。
    """
    lines, original = report.text.lines, report.text.original
    whole = report.text.joined
    hits = [h.start() for h in _SUSPECT.finditer(whole)]  # usually none
    suspects: list[int] = []
    for h in hits:
        i = report.text.line_of(h)
        if not suspects or suspects[-1] != i:
            suspects.append(i)
    for i in suspects:
        line = lines[i]
        for m in _RUN.finditer(line):
            run = m.group(0)
            if not _SUSPECT.search(run) or not _spam(run):
                continue
            a, b = _core(line, m.start(), m.end())
            orig = original[i] if i < len(original) else line
            quote = orig[a:b].strip() if len(orig) == len(line) else orig.strip()[:120]
            yield Finding(f"第 {i + 1} 行混入了疑似赌博网站的广告文字“{quote}”，"
                          "发布报告的网页可能已被篡改，请核对原文并排查网站安全。",
                          actual=quote, line=i, quote=quote)
