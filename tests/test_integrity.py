"""Defaced pages: injected gambling and advertising text (D101)."""

import pytest

import gouji
from conftest import FIXTURES
from prose_corpus import Case, render


def _defaced(text):
    return [f for f in gouji.check_text(text)["findings"] if f["rule"] == "D101"]


def _with_overview(sentence: str) -> str:
    return render(Case(sentence, True, {"new": 1, "granted": 1}))


def test_the_defaced_bureau_page_is_found_twice_where_the_regulations_name_stood():
    found = _defaced((FIXTURES / "000_d1b84c43c22f8955.txt").read_text(encoding="utf-8"))
    assert [f["line"] for f in found] == [13, 17]
    assert all(f["severity"] == "error" and f["category"] == "integrity" for f in found)
    assert all(f["quote"] == "新万博体育_新万博app$官网娱乐平台" for f in found)


@pytest.mark.parametrize("spam", [
    "根据金沙娱乐官网_金沙app下载规定，现将本年度报告予以公布。",
    "认真贯彻落实开云体育(中国)官方网站-IOS/安卓通用版/手机APP下载精神。",
    "严格执行《大发棋牌$备用网址》有关要求。",
    "依据九游彩票app官网入口的规定，做好政府信息公开工作。",
    "根据澳门博彩_真人娱乐平台规定编制本报告。",
    "根据威尼斯人娱乐官网规定，现将本年度报告予以公布。",
    "亚洲国产成人精品久久久国产成人一区_韩日欧美一区_亚洲精品aⅴ中文字幕乱码_欧美激情一级精品国产",
])
def test_variants_of_injected_casino_names_are_found(spam):
    assert len(_defaced(_with_overview(spam))) == 1


@pytest.mark.parametrize("prose", [
    "区体育局积极推进全民健身工作，依托体育场馆开展健身活动。",
    "本年度彩票公益金使用情况已在民政局门户网站公开。",
    "加强娱乐场所行政许可信息公开，通过政务服务平台公示办理结果。",
    "在体育彩票管理中心官网公开销售网点信息。",
    "市文化广电旅游体育局通过官方网站和政务新媒体平台发布信息。",
    "举办全民健身运动会，体育赛事信息通过政务app及时发布。",
    "加强成人教育精品课程建设，推进亚洲区域合作交流。",
    "公安机关查处利用app进行网络赌博案件12起，打击网络博彩犯罪。",
    "查处老虎机赌博案件3起，收缴赌博机具。",
])
def test_ordinary_government_prose_with_the_same_words_is_not_flagged(prose):
    assert not _defaced(_with_overview(prose))


def test_the_clean_seeds_and_the_pdf_are_not_flagged():
    for name in ("001_cba402df4409a5e2.txt", "002_1969cc7526291166.txt", "003_5226d92ffea0b08b.txt",
                 "004_d134aa6643b219a2.txt", "huaian-city-2024.layout.txt"):
        assert not _defaced((FIXTURES / name).read_text(encoding="utf-8")), name
