"""Prose sentences written the way real reports write them, each with the
table figures it stands beside and whether it agrees with them.

Used by ``scripts/prose-eval`` (precision and recall of the narrative rules)
and by ``tests/test_narrative.py`` (no false error; recall at least 90%).
Each case is put into a whole report (title, six parts, tables 二 三 四 as
pipe rows, signature) and run through the real pipeline: the sentence stands
in part 一, as it does in published reports.

Table figures are given by row total (``requests``) and as the four outcomes
(维持, 纠正, 其他, 尚未审结) of each group of table 四; rows not given are 0.
Table 三's （七）总计 is the sum of the outcome rows, and 结转下年度 is
new + carried_over − total unless given.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if (REPO / "core" / "gouji").is_dir() and str(REPO / "core") not in sys.path:
    sys.path.insert(0, str(REPO / "core"))

from gouji.formats import APPEAL_OUTCOMES, FORMAT_2021  # noqa: E402


@dataclass
class Case:
    text: str
    agrees: bool
    requests: dict = field(default_factory=dict)
    appeals: dict = field(default_factory=dict)
    split: dict = field(default_factory=dict)  # row -> {column: value} when not all natural persons
    note: str = ""
    body: str = ""  # who reports, when not the corpus's 铁岭市应急管理局
    # The sentence's subject or scope is not certain (another unit, a part of a
    # part): a warning is the right answer, never an error.
    uncertain: bool = False


def C(text, agrees, requests=None, appeals=None, split=None, note="", body="", uncertain=False):
    return Case(text, agrees, requests or {}, appeals or {}, split or {}, note, body, uncertain)


R = {"new": 0}

CASES: list[Case] = [
    # ---------------------------------------------------------------- agreeing
    C("2023年，我局共收到政府信息公开申请12件，其中予以公开8件，部分公开2件，本机关不掌握相关政府信息2件。", True,
      {"new": 12, "granted": 8, "partly_granted": 2, "unavailable.1": 2}),
    C("全年共受理政府信息公开申请37件（含上年结转2件），均已按期答复。", True,
      {"new": 35, "carried_over": 2, "granted": 37}, note="受理 includes 上年结转"),
    C("本年度新收政府信息公开申请5件，上年结转1件，结转下年度继续办理1件。", True,
      {"new": 5, "carried_over": 1, "granted": 5, "carried_forward": 1}),
    C("2023 年，全区共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复），"
      "均在法定期限内予以答复。", True, {"new": 3119, "carried_over": 34, "granted": 3050}, note="the 淮安 sentence"),
    C("今年，我局共收到政府信息依申请公开6件，均在法定期限内予以答复。", True,
      {"new": 6, "granted": 5, "not_processed.1": 1}),
    C("2023年度，我局未收到政府信息公开申请，未发生政府信息公开行政复议、行政诉讼情况。", True, {}),
    C("本年度因政府信息公开被申请行政复议3件，其中结果维持2件，尚未审结1件。", True,
      {}, {"review": [2, 0, 0, 1]}),
    C("政府信息公开行政诉讼5件，其中结果维持3件，结果纠正1件，其他结果1件。", True,
      {}, {"suit_direct": [2, 1, 0, 0], "suit_after_review": [1, 0, 1, 0]}, note="诉讼 = both groups"),
    C("因政府信息公开申请引发行政复议2件，均获维持。", True, {}, {"review": [2, 0, 0, 0]}),
    C("网站受理12345市民热线事项19件，接听群众电话230件，均已办结。", True, {"new": 2, "granted": 2},
      note="not about 政府信息公开申请"),
    C("收到政府信息公开申请4件，其中自然人申请3件，法人或其他组织申请1件。", True,
      {"new": 4, "granted": 4}, split={"new": {"natural": 3, "business": 1}, "granted": {"natural": 3, "business": 1}}),
    C("全年收到政府信息公开申请5件，其中予以公开3件；对不予公开的2件申请，均依法告知理由。", True,
      {"new": 5, "granted": 3, "refused.4": 2}),
    C("收到政府信息公开申请6件。其中予以公开5件，信访举报投诉类申请1件作不予处理。", True,
      {"new": 6, "granted": 5, "not_processed.1": 1}),
    C("全年收到政府信息公开申请15件，较上年增加5件，增长50%。", True, {"new": 15, "granted": 15}),
    C("共收到政府信息公开申请13件，其中网上申请10件，当面申请3件。", True, {"new": 13, "granted": 13}),
    C("本年度发布政策性文件11件，办理人大代表建议12件、政协提案8件。", True, {"new": 2, "granted": 2}),
    C("2023年结转至2024年继续办理的政府信息公开申请2件。", True,
      {"new": 4, "granted": 2, "carried_forward": 2}),
    C("上年结转的3件政府信息公开申请已全部办结。", True, {"new": 1, "carried_over": 3, "granted": 4}),
    C("全年共办理政府信息公开申请28件，其中予以公开20件，部分公开3件，不予公开2件，无法提供3件。", True,
      {"new": 28, "granted": 20, "partly_granted": 3, "refused.1": 1, "refused.6": 1, "unavailable.1": 2,
       "unavailable.2": 1}),
    C("收到政府信息公开申请两件，均予以公开。", True, {"new": 2, "granted": 2}),
    C("政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件。", True,
      {}, {"review": [72, 64, 178, 37]}),
    C("本年度，我局未收到政府信息公开申请，上年结转的1件申请已办结。", True,
      {"carried_over": 1, "granted": 1}),
    C("未发生因政府信息公开引起的行政复议，发生政府信息公开行政诉讼1件，尚未审结。", True,
      {}, {"suit_direct": [0, 0, 0, 1]}),
    C("本年度共接到政府信息公开申请9件，比上年多3件。", True, {"new": 9, "granted": 9}),
    C("共收到政府信息公开申请8件，另有上年结转申请1件，全部办结。", True,
      {"new": 8, "carried_over": 1, "granted": 9}),
    C("因政府信息公开引发行政复议和行政诉讼共3件。", True,
      {}, {"review": [2, 0, 0, 0], "suit_direct": [1, 0, 0, 0]}),
    C("收到政府信息公开申请10件，予以公开和部分公开共8件，无法提供2件。", True,
      {"new": 10, "granted": 6, "partly_granted": 2, "unavailable.1": 2}),
    C("全市共受理政府信息公开申请 15\n件，答复 15 件，均在法定期限内。", True, {"new": 15, "granted": 15},
      note="a PDF line wrapped inside the figure"),
    C("全年共收到政府信息公開申請7件，其中予以公開7件。", True, {"new": 7, "granted": 7}, note="traditional"),
    C("收到政府信息公开申请20件，按时办结率100%。", True, {"new": 20, "granted": 20}),
    C("2022年收到政府信息公开申请8件，2023年收到政府信息公开申请12件。", True, {"new": 12, "granted": 12},
      note="last year's figure stated for comparison"),
    C("接听咨询电话56个，收到政府信息公开申请3件。", True, {"new": 3, "granted": 3}),
    C("收到政府信息公开申请9件，其中涉及征地拆迁的申请5件。", True, {"new": 9, "granted": 9}),
    C("政府信息公开行政诉讼 46 件，其中结果维持 25 件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。", True,
      {}, {"suit_direct": [13, 4, 8, 1], "suit_after_review": [12, 1, 1, 6]}),
    C("2023年，我局收到依申请公开0件，未收到涉及依申请公开的行政复议或行政诉讼。", True, {}),
    C("本年度因政府信息公开申请被提起行政诉讼2件，均为复议后起诉，结果维持2件。", True,
      {}, {"suit_after_review": [2, 0, 0, 0]}),
    C("本年度受理政府信息公开申请10件，其中1件因申请人逾期未补正不再处理。", True,
      {"new": 10, "granted": 9, "other.1": 1}),
    C("全年累计主动公开政府信息1200条，收到政府信息公开申请4件，结转下年度办理0件。", True,
      {"new": 4, "granted": 4}),
    # ---------------------------------------------------------------- not agreeing
    C("2023年，我局共收到政府信息公开申请12件，均按时答复。", False, {"new": 13, "granted": 13}),
    C("全年共受理政府信息公开申请37件（含上年结转2件）。", False, {"new": 30, "carried_over": 2, "granted": 32}),
    C("本年度，我局未收到政府信息公开申请。", False, {"new": 1, "granted": 1}),
    C("未发生政府信息公开行政复议、行政诉讼情况。", False, {}, {"review": [1, 0, 0, 0]}),
    C("因政府信息公开申请引发行政复议2件，均获维持。", False, {}, {"review": [1, 1, 0, 0]}),
    C("收到政府信息公开申请10件，其中予以公开8件。", False, {"new": 10, "granted": 7, "partly_granted": 3}),
    C("收到政府信息公开申请10件，结转下年度继续办理3件。", False, {"new": 10, "granted": 8, "carried_forward": 2}),
    C("收到政府信息公开申请6件，上年结转2件。", False, {"new": 6, "granted": 6}),
    C("本年度因政府信息公开被申请行政复议3件。", False, {}, {"review": [2, 1, 1, 0]}),
    C("本年度发生政府信息公开行政诉讼5件。", False, {}, {"suit_direct": [2, 0, 0, 0], "suit_after_review": [1, 1, 0, 0]}),
    C("政府信息公开行政复议3件，其中结果维持1件，结果纠正2件。", False, {}, {"review": [2, 1, 0, 0]}),
    C("收到政府信息公开申请9件，其中予以公开6件，部分公开3件。", False,
      {"new": 9, "granted": 7, "partly_granted": 2}),
    C("收到政府信息公开申请9件，不予公开2件。", False, {"new": 9, "granted": 8, "refused.3": 1}),
    C("收到政府信息公开申请9件，无法提供3件。", False, {"new": 9, "granted": 7, "unavailable.1": 2}),
    C("收到政府信息公开申请4件，均予以公开，不予处理1件。", False, {"new": 4, "granted": 4}),
    C("收到政府信息公开申请两件。", False, {"new": 3, "granted": 3}),
    C("收到政府信息公开申请4件，其中自然人申请3件，法人或其他组织申请1件。", False,
      {"new": 4, "granted": 4}, split={"new": {"natural": 2, "business": 2}, "granted": {"natural": 2, "business": 2}}),
    C("全年共收到政府信息公開申請7件，其中予以公開7件。", False, {"new": 6, "granted": 6}, note="traditional"),
    C("未发生因政府信息公开引起的行政诉讼。", False, {}, {"suit_direct": [1, 0, 0, 0]}),
    C("政府信息公开行政复议2件，其中结果维持1件，尚未审结1件。", False, {}, {"review": [2, 0, 0, 0]}),
    C("全市共受理政府信息公开申请 15\n件，均在法定期限内答复。", False, {"new": 14, "granted": 14},
      note="a PDF line wrapped inside the figure"),
    C("全区共受理政府信息公开申请3119件，答复3050件。", False,
      {"new": 3119, "carried_over": 34, "granted": 3053, "carried_forward": 100}),
    C("2023年，我局收到依申请公开0件。", False, {"new": 2, "granted": 2}),
    C("政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件。", False, {}, {"review": [70, 66, 178, 37]}),
    C("全年受理政府信息公开申请20件，另有 5 件顺延到下年度答复。", False, {"new": 20, "granted": 16, "carried_forward": 4}),
    C("共受理政府信息公开申请80件（含上年度结转申请 34 件）。", False,
      {"new": 37, "carried_over": 43, "granted": 80}),
    C("本年度因政府信息公开申请被提起行政诉讼3件，其中复议后起诉2件。", False,
      {}, {"suit_direct": [2, 0, 0, 0], "suit_after_review": [1, 0, 0, 0]}),
    C("收到政府信息公开申请20件，其中予以公开15件，部分公开3件，不予公开2件。", False,
      {"new": 20, "granted": 15, "partly_granted": 2, "refused.4": 3}),
    C("本年度因政府信息公开被申请行政复议1件，提起行政诉讼1件。", False, {}, {"review": [1, 0, 0, 0]}),
    C("本年度新收政府信息公开申请数量为9件。", False, {"new": 10, "granted": 10}),
    C("收到政府信息公开申请5件，其他处理1件。", False, {"new": 5, "granted": 5}),
    C("行政复议、行政诉讼均获维持。政府信息公开行政复议1件，行政诉讼1件。", False,
      {}, {"review": [1, 0, 0, 0], "suit_direct": [0, 1, 0, 0]}),
    C("2023年度，我局收到政府信息公开申请3件，均予以公开。", False,
      {"new": 3, "granted": 2, "partly_granted": 1}, note="均予以公开 while the table has a 部分公开"),
    # ---------------------------------------------------------------- second batch: phrasings seen in
    # published reports that carry other counts beside the request figures (must not be errors)
    C("全年共收到政府信息公开申请15件，已全部办结，其中告知非本机关掌握3件。", True,
      {"new": 15, "granted": 12, "unavailable.1": 3}),
    C("全市共收到政府信息公开申请3119件，其中市级部门800件，各县区2319件。", True, {"new": 3119, "granted": 3119},
      note="breakdown by level"),
    C("市政府本级收到政府信息公开申请50件，全市各部门共收到政府信息公开申请3000件。", True,
      {"new": 50, "granted": 50}, note="the whole city's figure beside the body's own"),
    C("主动公开政府信息568件，收到政府信息公开申请3件。", True, {"new": 3, "granted": 3}),
    C("答复政府信息公开申请的平均用时为8个工作日，法定期限为20个工作日，共收到政府信息公开申请6件。", True,
      {"new": 6, "granted": 6}),
    C("坚持一件一档，收到的政府信息公开申请均建立台账，全年共4件。", True, {"new": 4, "granted": 4}),
    C("收到政府信息公开申请3件，其中2件已办结，1件正在办理。", True,
      {"new": 3, "granted": 2, "carried_forward": 1}),
    C("对收到的5件政府信息公开申请均按时予以答复。", True, {"new": 5, "granted": 4, "unavailable.1": 1}),
    C("上年度结转的2件和本年度新收的10件政府信息公开申请均已办结。", True,
      {"new": 10, "carried_over": 2, "granted": 12}),
    C("收到政府信息公开申请10件（其中上年结转2件）。", True, {"new": 8, "carried_over": 2, "granted": 10}),
    C("依申请公开方面，涉及自然资源领域3件，涉及住房保障领域2件，共收到政府信息公开申请5件。", True,
      {"new": 5, "granted": 5}),
    C("其中，通过政府网站在线申请8件，信函申请2件，政府信息公开申请合计10件。", True, {"new": 10, "granted": 10}),
    C("受理的政府信息公开申请中，有3件属于信访举报投诉类，已转相关部门办理。", True,
      {"new": 5, "granted": 2, "not_processed.1": 3}),
    C("对不予公开的政府信息公开申请，属于国家秘密1件，属于过程性信息2件。", True,
      {"new": 5, "granted": 2, "refused.1": 1, "refused.6": 2}),
    C("自2023年1月1日起，我局收到政府信息公开申请12件，同意公开10件，部分公开2件。", True,
      {"new": 12, "granted": 10, "partly_granted": 2}),
    C("全年办理人大代表建议12件、政协提案9件，受理政府信息公开申请3件。", True, {"new": 3, "granted": 3}),
    C("我局政府信息公开申请答复率100%，全年无一件超期答复，共收到政府信息公开申请7件。", True,
      {"new": 7, "granted": 7}),
    C("本年度因政府信息公开申请被申请行政复议1件，被提起行政诉讼0件，复议结果为维持。", True,
      {}, {"review": [1, 0, 0, 0]}),
    C("我局全年办理行政复议案件120件，均在法定期限内审结。", True, {}, {"review": [0, 0, 0, 0]},
      note="a 司法局's own caseload, not about 信息公开"),
    C("未收到因政府信息公开申请引起的行政复议，收到政府信息公开申请2件。", True, {"new": 2, "granted": 2}),
    C("未发生因政府信息公开申请行政复议被纠错的情况；政府信息公开行政复议2件，其他结果2件。", True,
      {}, {"review": [0, 0, 2, 0]}),
    C("2023年，共收到政府信息公开申请21件，比2022年减少4件，下降16%。", True, {"new": 21, "granted": 21}),
    # ---------------------------------------------------------------- second batch: not agreeing
    C("全年共收到政府信息公开申请15件，已全部办结，其中予以公开10件。", False,
      {"new": 15, "granted": 12, "unavailable.1": 3}),
    C("对不予公开的政府信息公开申请，属于国家秘密1件，属于过程性信息2件。", False,
      {"new": 5, "granted": 2, "refused.1": 2, "refused.6": 1}),
    C("受理的政府信息公开申请中，有3件属于信访举报投诉类。", False,
      {"new": 5, "granted": 3, "not_processed.1": 2}),
    C("收到政府信息公开申请3件，其中2件已办结，1件正在办理。", False, {"new": 3, "granted": 3}),
    C("本年度，我局收到政府信息公开申请4件，其中法人或其他组织申请1件。", False,
      {"new": 4, "granted": 4}),
    C("本年度政府信息公开行政复议案件2件，行政复议机关均予维持。", False, {}, {"review": [1, 1, 0, 0]}),
    C("本年度我局未发生因政府信息公开申请引起的行政复议和行政诉讼案件。", False, {}, {"suit_after_review": [0, 0, 1, 0]}),
    C("同意公开10件，部分公开2件，共收到政府信息公开申请12件。", False, {"new": 12, "granted": 8, "partly_granted": 4}),
    C("2023年，共收到政府信息公开申请21件，比2022年减少4件。", False, {"new": 25, "granted": 25}),
    C("因申请人逾期不补正、行政机关不再处理的政府信息公开申请1件。", False, {"new": 3, "granted": 3}),
    # ---------------------------------------------------------------- third batch
    C("共收到政府信息公开申请12件，其中11件已办结，1件因申请人未在规定期限内补正视为放弃。", True,
      {"new": 12, "granted": 11, "other.1": 1}, note="办结 leaves out 其他处理: at most a warning"),
    C("全年收到政府信息公开申请20件，予以公开15件（含部分公开3件），无法提供5件。", True,
      {"new": 20, "granted": 12, "partly_granted": 3, "unavailable.1": 5}),
    C("收到政府信息公开申请80件，无法提供71件。", True,
      {"new": 80, "granted": 6, "unavailable.1": 71, "unavailable.2": 3}, note="无法提供 meaning 不掌握"),
    C("因政府信息公开被申请行政复议9件，被提起行政诉讼4件。行政复议结果维持5件，纠正1件，其他结果2件，尚未审结1件；"
      "行政诉讼结果维持2件，尚未审结2件。", True,
      {}, {"review": [5, 1, 2, 1], "suit_direct": [2, 0, 0, 2]}),
    C("因政府信息公开引起的行政复议和行政诉讼分别为9件、4件。", True,
      {}, {"review": [9, 0, 0, 0], "suit_direct": [4, 0, 0, 0]}),
    C("收到的政府信息公开申请中，自然人申请160件，占89.9%；法人或其他组织申请18件，占10.1%。", True,
      {"new": 178, "granted": 178}, split={"new": {"natural": 160, "business": 18},
                                          "granted": {"natural": 160, "business": 18}}),
    C("本年度共办结政府信息公开申请175件（含上年度结转9件），结转下年度继续办理12件。", True,
      {"new": 178, "carried_over": 9, "granted": 175, "carried_forward": 12}),
    C("2023年，共收到政府信息公开申请178件，同比增长12.7%，其中网络申请156件，信函申请20件，当面申请2件。", True,
      {"new": 178, "granted": 178}),
    C("本年度我单位无政府信息公开行政复议、行政诉讼案件。", True, {}),
    C("本年度我单位无因政府信息公开引起的行政复议、行政诉讼案件。", False, {}, {"review": [0, 0, 1, 0]}),
    C("全年办理的政府信息公开申请中，予以公开62件，部分公开18件，不予公开3件，无法提供71件，不予处理15件，其他处理9件。", True,
      {"new": 178, "granted": 62, "partly_granted": 18, "refused.5": 3, "unavailable.1": 60, "unavailable.2": 11,
       "not_processed.1": 10, "not_processed.2": 5, "other.1": 6, "other.3": 3}),
    C("全年办理的政府信息公开申请中，予以公开62件，部分公开18件，不予公开3件，无法提供71件，不予处理15件，其他处理9件。", False,
      {"new": 178, "granted": 62, "partly_granted": 18, "refused.5": 3, "unavailable.1": 60, "unavailable.2": 11,
       "not_processed.1": 10, "not_processed.2": 5, "other.1": 6, "other.3": 2, "carried_forward": 1}),
    # ---------------------------------------------------------------- fourth batch (written after the third
    # batch passed, to probe for false errors: breakdowns by office and channel, asides in brackets)
    C("2023年，本机关共收到政府信息公开申请45件（其中线上申请40件，线下申请5件），上年结转3件，共计48件。"
      "已办结46件，结转下年度2件。", True, {"new": 45, "carried_over": 3, "granted": 46, "carried_forward": 2}),
    C("全年收到各类政府信息公开申请892件，较2022年的756件增长18%。", True, {"new": 892, "granted": 892}),
    C("全市共收到政府信息公开申请320件，其中市政府办公室收到20件。", True, {"new": 320, "granted": 320}),
    C("通过政府信息公开平台收到政府信息公开申请30件，通过信函收到5件。", True, {"new": 35, "granted": 35}),
    C("本年度办理政府信息公开申请(含上年结转)共计20件。", True, {"new": 18, "carried_over": 2, "granted": 20}),
    C("收到的8件政府信息公开申请中，5件予以公开，3件告知不予公开。", True,
      {"new": 8, "granted": 5, "refused.4": 3}),
    C("政府信息公开申请中，共有3件因申请人撤回而终止办理。", True, {"new": 10, "granted": 7, "other.3": 3}),
    C("全年共有3件政府信息公开申请引发行政复议，其中1件经行政复议维持原答复。", True,
      {"new": 3, "granted": 3}, {"review": [1, 0, 2, 0]}),
    C("行政复议结果为维持的3件，纠正的1件，尚未审结的1件，均与政府信息公开申请有关。", True,
      {}, {"review": [3, 1, 0, 1]}),
    C("全年因政府信息公开工作被申请行政复议5件，被提起行政诉讼2件，未发生败诉情况。", True,
      {}, {"review": [5, 0, 0, 0], "suit_direct": [2, 0, 0, 0]}),
    C("收到的8件政府信息公开申请中，5件予以公开，3件告知不予公开。", False,
      {"new": 8, "granted": 6, "refused.4": 2}),
    C("全年共有3件政府信息公开申请引发行政复议。", False, {"new": 3, "granted": 3}, {"review": [1, 0, 1, 0]}),
    C("行政复议结果为维持的3件，纠正的1件，均与政府信息公开申请有关。", False, {}, {"review": [4, 0, 0, 0]}),
    # ---------------------------------------------------------------- fifth batch (probes again)
    C("2023年，我委共收到政府信息公开申请52件（其中当面申请3件，网络申请44件，信函申请5件），较上年增长15.6%。"
      "其中，予以公开21件，部分公开6件，不予公开2件，无法提供18件，不予处理3件，其他处理1件，结转下年度办理1件。", True,
      {"new": 52, "granted": 21, "partly_granted": 6, "refused.6": 2, "unavailable.1": 18, "not_processed.2": 3,
       "other.3": 1}),
    C("2023年度我办共受理依申请公开件14件，其中上年度结转1件，已全部按时办结。", True,
      {"new": 13, "carried_over": 1, "granted": 14}),
    C("全年未收到政府信息公开申请，无上年结转申请，无结转下年度申请。", True, {}),
    C("其中，依法予以公开2件、因信息不存在告知申请人1件，共收到政府信息公开申请3件。", True,
      {"new": 3, "granted": 2, "unavailable.1": 1}),
    C("全年共收到政府信息公开申请6件，其中1件为信访类诉求，已转交信访部门处理。", True,
      {"new": 6, "granted": 6}),
    C("2023年我市政府信息公开行政复议案件共计58件，其中维持26件、纠正8件、其他结果17件、尚未审结7件。", True,
      {}, {"review": [26, 8, 17, 7]}),
    C("政府信息公开行政诉讼案件共计30件（未经复议直接起诉18件，复议后起诉12件）。", True,
      {}, {"suit_direct": [18, 0, 0, 0], "suit_after_review": [12, 0, 0, 0]}),
    C("收到政府信息公开申请60件，申请最多的领域为征地拆迁（26件）。", True, {"new": 60, "granted": 60}),
    C("市政府门户网站依申请公开平台收到政府信息公开申请45件，市政府办公室收到书面申请3件。", True,
      {"new": 48, "granted": 48}),
    C("受理政府信息公开申请80件，较2022年（72件）增加8件。", True, {"new": 80, "granted": 80}),
    C("全年收到政府信息公开申请86件，其中网上申请81件、当面申请5件；申请人中自然人80件、法人5件、其他组织1件。", True,
      {"new": 86, "granted": 86}, split={"new": {"natural": 80, "business": 5, "other_org": 1},
                                        "granted": {"natural": 80, "business": 5, "other_org": 1}}),
    C("2023年我市政府信息公开行政复议案件共计58件，其中维持26件、纠正8件、其他结果17件、尚未审结7件。", False,
      {}, {"review": [26, 9, 16, 7]}),
    C("政府信息公开行政诉讼案件共计30件（未经复议直接起诉18件，复议后起诉12件）。", False,
      {}, {"suit_direct": [17, 0, 0, 0], "suit_after_review": [13, 0, 0, 0]}),
    C("全年未收到政府信息公开申请，无上年结转申请。", False, {"carried_over": 1, "granted": 1},
      note="无上年结转 with one carried over"),
    C("本年度有政府信息公开申请人不服答复申请行政复议。复议结果为维持2件，纠正1件。", True, {}, {"review": [2, 1, 0, 0]}),
    C("本年度有政府信息公开申请人不服答复申请行政复议。复议结果为维持2件，纠正1件。", False, {}, {"review": [3, 0, 0, 0]}),
    # ---------------------------------------------------------------- sixth batch: three false
    # alarms seen in real reports, where the sentence's subject or scope is not the table's
    # 1. a total that includes carried-over requests, compared with row 一 alone
    C("全年共受理政府信息公开申请20件（含上年结转2件），其中自然人申请19件，法人或其他组织申请1件。", True,
      {"new": 18, "carried_over": 2, "granted": 20},
      split={"new": {"natural": 17, "business": 1}, "carried_over": {"natural": 2},
             "granted": {"natural": 19, "business": 1}}, note="breakdown of 新收 + 上年结转"),
    C("本年度共办理政府信息公开申请45件，其中本年新收42件，上年结转3件；自然人提出44件，法人或其他组织提出1件。", True,
      {"new": 42, "carried_over": 3, "granted": 45},
      split={"new": {"natural": 41, "business": 1}, "carried_over": {"natural": 3},
             "granted": {"natural": 44, "business": 1}}, note="breakdown of 新收 + 上年结转"),
    C("全年共受理政府信息公开申请20件（含上年结转2件），其中自然人申请15件，法人或其他组织申请1件。", False,
      {"new": 18, "carried_over": 2, "granted": 20},
      split={"new": {"natural": 17, "business": 1}, "carried_over": {"natural": 2},
             "granted": {"natural": 19, "business": 1}}, note="neither reading of 自然人 fits"),
    # 2. 含…N件 / 其中…N件 that is part of a part, compared with the whole row
    C("市本级收到政府信息公开申请30件，其中予以公开20件。", True,
      {"new": 80, "granted": 50, "unavailable.1": 30}, note="其中 breaks down 市本级's part"),
    C("通过网上申请平台收到政府信息公开申请40件，其中予以公开30件，其余均已按期答复。", True,
      {"new": 55, "granted": 42, "unavailable.1": 13}, note="其中 breaks down the online part"),
    C("全年共收到政府信息公开申请50件，含信函申请5件，其中予以公开4件。", True,
      {"new": 50, "granted": 38, "unavailable.1": 12}, note="其中 breaks down the letters"),
    C("全年共收到政府信息公开申请50件，其中予以公开30件。", False,
      {"new": 50, "granted": 38, "unavailable.1": 12}, note="其中 of the whole: still an error"),
    # 3. a sentence about another unit, in a district government's report
    C("区政府办代表区政府受理政府信息公开申请17件，均在法定期限内答复。", True,
      {"new": 120, "granted": 120}, body="沈阳市和平区人民政府", uncertain=True,
      note="the office's own count beside the district's table"),
    C("区政府办公室作为区政府信息公开工作机构，全年受理政府信息公开申请17件。", True,
      {"new": 120, "granted": 120}, body="沈阳市和平区人民政府", uncertain=True,
      note="the office's own count beside the district's table"),
    C("全区共受理政府信息公开申请120件，均在法定期限内答复。", True,
      {"new": 120, "granted": 120}, body="沈阳市和平区人民政府"),
    C("全区共受理政府信息公开申请110件，均在法定期限内答复。", False,
      {"new": 120, "granted": 120}, body="沈阳市和平区人民政府", note="the whole district: still an error"),
]


# ------------------------------------------------------------------ rendering

_BODY = "铁岭市应急管理局"
_HEAD_2021 = """二、主动公开政府信息情况
第二十条第(一)项 | | |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 2 | 0 | 9 |
第二十条第(五)项 | |
信息内容 | 本年处理决定数量 |
行政许可 | 120 |
第二十条第(六)项 | |
信息内容 | 本年处理决定数量 |
行政处罚 | 35 |
行政强制 | 2 |
第二十条第(八)项 | |
信息内容 | 本年收费金额(单位:万元) |
行政事业性收费 | 0 |
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |
自然人 | 法人或其他组织 | 总计 |
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |"""
_APPEALS_HEAD = """四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼 |
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |"""
_COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other_org")


def request_rows(case: Case) -> dict[str, dict[str, int]]:
    spec = FORMAT_2021.requests
    totals = {r.id: case.requests.get(r.id, 0) for r in spec.data_rows}
    totals["total"] = sum(totals[r] for r in FORMAT_2021.outcome_rows)
    if "carried_forward" not in case.requests:
        totals["carried_forward"] = totals["new"] + totals["carried_over"] - totals["total"]
    assert totals["carried_forward"] >= 0, case.text
    assert totals["new"] + totals["carried_over"] == totals["total"] + totals["carried_forward"], case.text
    rows = {}
    for rid, v in totals.items():
        cols = dict.fromkeys(_COLUMNS, 0)
        if rid in case.split:
            cols.update(case.split[rid])
        else:
            cols["natural"] = v
        cols["total"] = v
        rows[rid] = cols
    if case.split:  # the 总计 row follows the outcome rows' columns
        for c in _COLUMNS:
            rows["total"][c] = sum(rows[r][c] for r in FORMAT_2021.outcome_rows)
    return rows


def render(case: Case, year: int = 2023) -> str:
    spec = FORMAT_2021.requests
    rows = request_rows(case)
    body = case.body or _BODY
    out = [f"{body}{year}年政府信息公开工作年度报告",
           f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
           "一、总体情况",
           f"{year}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。",
           case.text,
           "(三)政府信息管理。严格落实信息发布审查制度。",
           _HEAD_2021]
    pending_group = ""
    for r in spec.rows:
        if r.group:
            pending_group += r.label + " | "
            continue
        vals = rows[r.id]
        cells = " | ".join(str(vals[c]) for c in _COLUMNS + ("total",))
        out.append(f"{pending_group}{r.label} | {cells} |")
        pending_group = ""
    out.append(_APPEALS_HEAD)
    nums = []
    for g in ("review", "suit_direct", "suit_after_review"):
        four = case.appeals.get(g, [0, 0, 0, 0])
        nums += [*four, sum(four)]
    assert len(APPEAL_OUTCOMES) == 4
    out.append(" | ".join(str(n) for n in nums) + " |")
    out += ["五、存在的主要问题及改进情况", "一是政策解读形式较为单一；二是队伍力量不足。下一步将加强培训。",
            "六、其他需要报告的事项", "本年度未收取信息处理费。", body, f"{year + 1}年1月15日"]
    return "\n".join(out) + "\n"


NARRATIVE = ("N101", "N102")


@dataclass
class Score:
    tp: int = 0  # disagreeing sentence, error raised
    fp: int = 0  # agreeing sentence, error raised (a false error)
    tn: int = 0
    fn: int = 0  # disagreeing sentence, no error
    warned: int = 0  # disagreeing sentence with a warning but no error
    false_warnings: int = 0  # agreeing sentence with a narrative warning
    details: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def recall_any(self) -> float:
        """Counting a warning as a catch as well."""
        pos = self.tp + self.fn
        return (self.tp + self.warned) / pos if pos else 1.0


def evaluate(cases: list[Case] | None = None) -> Score:
    """Run every case through gouji and score the narrative rules' errors."""
    import gouji

    score = Score()
    for case in cases or CASES:
        result = gouji.check_text(render(case))
        mine = [f for f in result["findings"] if f["rule"] in NARRATIVE]
        errors = [f for f in mine if f["severity"] == "error"]
        warnings = [f for f in mine if f["severity"] != "error"]
        other_errors = [f for f in result["findings"] if f["severity"] == "error" and f["rule"] not in NARRATIVE]
        flagged = bool(errors)
        if case.agrees:
            score.fp += flagged
            score.tn += not flagged
            score.false_warnings += bool(warnings) and not case.uncertain
        else:
            score.tp += flagged
            score.fn += not flagged
            score.warned += (not flagged) and bool(warnings)
        score.details.append((case, flagged, errors + warnings, other_errors))
    return score
