"""
The vocabulary: every official Chinese label of the annual report, in one place.

This module is the only place in the library that spells a label of the
政府信息公开工作年度报告.  Each label is a :class:`Term` with a stable English
``key`` (used in paths, records and JSON), the official Chinese text ``zh``
(exactly as in the national formats of 2019 and 2021), a short English
``en`` used in English messages, and the ``variants`` that real published
reports print instead (heading variants, spacing, traditional characters).

Renderers print ``zh``; importers match ``zh`` and ``variants``; findings
quote ``zh`` and ``en``.  Nothing else in the library writes a label.

>>> NATURAL_PERSON.zh
'自然人'
>>> REQUESTS.key
'requests'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from attrs import frozen

__all__ = ["TERMS", "Term"]


@frozen
class Term:
    """
    One label of the report: a stable key, the official Chinese text and variants.

    Attributes:
        key: Stable English key (snake_case), part of the public API.
        zh: The official label, exactly as printed in the national format.
        en: A short English rendering for English messages.
        variants: Other spellings seen in published reports (never official).

    .. versionadded:: 0.1.0
    """

    key: str
    zh: str
    en: str
    variants: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.zh


# ----------------------------------------------------------------------------
# Report title and sections
# ----------------------------------------------------------------------------

REPORT_TITLE_SUFFIX = Term("report_title", "政府信息公开工作年度报告", "annual report on open government information")

OVERVIEW = Term("overview", "一、总体情况", "1. Overview")
PROACTIVE = Term(
    "proactive",
    "二、主动公开政府信息情况",
    "2. Proactive disclosure",
    variants=("二、行政机关主动公开政府信息情况",),
)
REQUESTS = Term(
    "requests",
    "三、收到和处理政府信息公开申请情况",
    "3. Requests received and handled",
    variants=("三、行政机关收到和处理政府信息公开申请情况",),
)
DISPUTES = Term(
    "disputes",
    "四、政府信息公开行政复议、行政诉讼情况",
    "4. Administrative review and litigation",
    variants=(
        "四、因政府信息公开工作被申请行政复议提起行政诉讼情况",
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "四、政府信息公开行政复议、行政诉讼情况统计",
    ),
)
PROBLEMS = Term(
    "problems",
    "五、存在的主要问题及改进情况",
    "5. Main problems and improvements",
    variants=(
        "五、政府信息公开工作存在的主要问题及改进情况",
        "五、存在的主要问题和改进情况",
        "五、存在的主要问题和改进措施",
    ),
)
OTHER_MATTERS = Term("other_matters", "六、其他需要报告的事项", "6. Other matters to report")

SECTIONS: tuple[Term, ...] = (OVERVIEW, PROACTIVE, REQUESTS, DISPUTES, PROBLEMS, OTHER_MATTERS)

# The five sub-headings the 2021 format suggests for 一、总体情况.
OVERVIEW_PROACTIVE = Term("proactive", "主动公开", "proactive disclosure")
OVERVIEW_ON_REQUEST = Term("on_request", "依申请公开", "disclosure on request")
OVERVIEW_MANAGEMENT = Term("management", "政府信息管理", "information management")
OVERVIEW_PLATFORMS = Term("platforms", "政府信息公开平台建设", "disclosure platforms")
OVERVIEW_OVERSIGHT = Term("oversight", "监督保障", "oversight and safeguards")

# Tables, by their section number.
TABLE_PROACTIVE = Term("proactive", "二", "Table 2")
TABLE_REQUESTS = Term("requests", "三", "Table 3")
TABLE_DISPUTES = Term("disputes", "四", "Table 4")

# ----------------------------------------------------------------------------
# 二、主动公开政府信息情况 (both editions)
# ----------------------------------------------------------------------------

ARTICLE_20_1 = Term("article_20_1", "第二十条第（一）项", "Art. 20(1)")
ARTICLE_20_5 = Term("article_20_5", "第二十条第（五）项", "Art. 20(5)")
ARTICLE_20_6 = Term("article_20_6", "第二十条第（六）项", "Art. 20(6)")
ARTICLE_20_8 = Term("article_20_8", "第二十条第（八）项", "Art. 20(8)")
ARTICLE_20_9 = Term("article_20_9", "第二十条第（九）项", "Art. 20(9)")
INFORMATION_CONTENT = Term("information_content", "信息内容", "information")

# 2019 columns
NEWLY_MADE = Term("newly_made", "本年新制作数量", "made this year")
NEWLY_PUBLISHED = Term("newly_published", "本年新公开数量", "published this year")
TOTAL_PUBLISHED = Term("total_published", "对外公开总数量", "total published")
PREVIOUS_YEAR_ITEMS = Term("previous_year", "上一年项目数量", "items last year")
CHANGE = Term("change", "本年增/减", "change this year", variants=("本年增／减", "本年增减"))
DECISIONS_2019 = Term("decisions", "处理决定数量", "decisions")
PROCUREMENT_PROJECTS = Term("projects", "采购项目数量", "procurement projects")
PROCUREMENT_AMOUNT = Term("amount", "采购总金额", "procurement amount")

# 2021 columns
ISSUED = Term("issued", "本年制发件数", "issued this year")
REPEALED = Term("repealed", "本年废止件数", "repealed this year")
IN_FORCE = Term("in_force", "现行有效件数", "in force")
DECISIONS_2021 = Term("decisions", "本年处理决定数量", "decisions this year")
FEE_AMOUNT = Term(
    "amount",
    "本年收费金额（单位：万元）",
    "fees collected (10,000 yuan)",
    variants=("本年收费金额(单位:万元)", "本年收费金额（万元）", "本年收费金额"),
)

# Rows
RULES = Term("rules", "规章", "rules")
NORMATIVE_DOCUMENTS_2019 = Term("normative_documents", "规范性文件", "normative documents")
NORMATIVE_DOCUMENTS_2021 = Term(
    "normative_documents",
    "行政规范性文件",
    "administrative normative documents",
    variants=("行政規範性檔案", "行政规范性档案"),
)
LICENSING = Term("licensing", "行政许可", "administrative licensing")
OTHER_SERVICES = Term("other_services", "其他对外管理服务事项", "other external management services")
PENALTIES = Term("penalties", "行政处罚", "administrative penalties")
ENFORCEMENT = Term("enforcement", "行政强制", "administrative enforcement")
ADMINISTRATIVE_FEES = Term("administrative_fees", "行政事业性收费", "administrative fees")
PROCUREMENT = Term("procurement", "政府集中采购", "centralised government procurement")

# Units of amounts
YUAN = Term("yuan", "元", "yuan")
WAN_YUAN = Term("wan_yuan", "万元", "10,000 yuan", variants=("万", "萬元", "萬"))

# ----------------------------------------------------------------------------
# 三、收到和处理政府信息公开申请情况 (both editions)
# ----------------------------------------------------------------------------

REQUESTS_NOTE = Term(
    "balance_note",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "(in each column, item 1 plus item 2 equals item 3 plus item 4)",
)
APPLICANTS = Term("applicants", "申请人情况", "applicants")
NATURAL_PERSON = Term("natural_person", "自然人", "natural persons")
LEGAL_PERSON = Term("legal_person", "法人或其他组织", "legal persons or other organisations")
COMMERCIAL = Term("commercial", "商业企业", "commercial enterprises")
RESEARCH = Term("research", "科研机构", "research institutions")
PUBLIC_INTEREST = Term("public_interest", "社会公益组织", "public-interest organisations")
LEGAL_SERVICE = Term("legal_service", "法律服务机构", "legal service providers")
OTHER_APPLICANT = Term("other", "其他", "other")
TOTAL = Term("total", "总计", "total", variants=("合计",))

RECEIVED = Term("received", "一、本年新收政府信息公开申请数量", "1. new requests this year")
CARRIED_IN = Term("carried_in", "二、上年结转政府信息公开申请数量", "2. carried over from last year")
RESULTS = Term("results", "三、本年度办理结果", "3. results this year")
DISCLOSED = Term("disclosed", "（一）予以公开", "(1) disclosed")
PARTLY_DISCLOSED = Term(
    "partly_disclosed",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "(2) partly disclosed",
    variants=("（二）部分公开",),
)
WITHHELD = Term("withheld", "（三）不予公开", "(3) not disclosed")
STATE_SECRET = Term("state_secret", "1.属于国家秘密", "state secret")
PROHIBITED_BY_LAW = Term("prohibited_by_law", "2.其他法律行政法规禁止公开", "prohibited by other laws")
THREE_SAFETIES = Term(
    "three_safeties", "3.危及“三安全一稳定”", "endangers security and stability", variants=('3.危及"三安全一稳定"',)
)
THIRD_PARTY = Term("third_party", "4.保护第三方合法权益", "protects third-party rights")
INTERNAL_AFFAIRS = Term("internal_affairs", "5.属于三类内部事务信息", "internal affairs")
PROCESS_INFORMATION = Term("process_information", "6.属于四类过程性信息", "process information")
ENFORCEMENT_FILES = Term("enforcement_files", "7.属于行政执法案卷", "enforcement case files")
ADMINISTRATIVE_INQUIRY = Term("administrative_inquiry", "8.属于行政查询事项", "administrative inquiry")
UNABLE = Term("unable", "（四）无法提供", "(4) unable to provide")
NOT_HELD = Term("not_held", "1.本机关不掌握相关政府信息", "not held by this organ")
NEEDS_CREATION = Term("needs_creation", "2.没有现成信息需要另行制作", "would need to be created")
UNCLEAR = Term("unclear", "3.补正后申请内容仍不明确", "still unclear after correction")
NOT_PROCESSED = Term("not_processed", "（五）不予处理", "(5) not processed")
COMPLAINT = Term("complaint", "1.信访举报投诉类申请", "petitions and complaints")
REPEATED = Term("repeated", "2.重复申请", "repeated requests")
PUBLICATIONS = Term("publications", "3.要求提供公开出版物", "requests for publications")
MASS_REPEATED = Term("mass_repeated", "4.无正当理由大量反复申请", "mass repeated requests")
CONFIRMATION = Term(
    "confirmation", "5.要求行政机关确认或重新出具已获取信息", "confirmation of information already obtained"
)
OTHER_HANDLING = Term("other_handling", "（六）其他处理", "(6) other handling")
# Not a label of the 2021 format: （六）其他处理 as a 2021-edition report prints it on one row (2019 style),
# as the writers print OtherHandling.single_row and the readers read it back.
OTHER_HANDLING_SINGLE_ROW = Term("single_row", "（六）其他处理（未分子行）", "(6) other handling, printed as one row")
OVERDUE_CORRECTION = Term(
    "overdue_correction",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "applicant did not correct in time",
    variants=("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",),
)
OVERDUE_FEE = Term(
    "overdue_fee",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "applicant did not pay the fee in time",
    variants=("2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",),
)
OTHER_CASES = Term("other", "3.其他", "other cases")
RESULTS_TOTAL = Term("total", "（七）总计", "(7) total")
CARRIED_FORWARD = Term("carried_forward", "四、结转下年度继续办理", "4. carried forward to next year")

# ----------------------------------------------------------------------------
# 四、政府信息公开行政复议、行政诉讼情况 (both editions)
# ----------------------------------------------------------------------------

REVIEW = Term("review", "行政复议", "administrative review")
LITIGATION = Term("litigation", "行政诉讼", "administrative litigation")
DIRECT_SUIT = Term("direct", "未经复议直接起诉", "sued without review")
SUIT_AFTER_REVIEW = Term("after_review", "复议后起诉", "sued after review")
UPHELD = Term("upheld", "结果维持", "upheld")
CORRECTED = Term("corrected", "结果纠正", "corrected")
OTHER_OUTCOME = Term("other", "其他结果", "other outcome")
PENDING = Term("pending", "尚未审结", "pending")

# ----------------------------------------------------------------------------
# 六、其他需要报告的事项
# ----------------------------------------------------------------------------

PROCESSING_FEE = Term("processing_fee", "信息处理费", "information-processing fee")
# Words that show a 六 addresses fees at all (e.g. “未收取任何费用”), besides 信息处理费 itself.
FEES_CHARGED = Term("fees_charged", "收费", "charging fees", variants=("处理费", "费用"))

# ----------------------------------------------------------------------------
# Metadata
# ----------------------------------------------------------------------------

ORGAN = Term("organ", "发布机关", "organ")
YEAR = Term("year", "年度", "year")
PUBLISHED = Term("published", "发布日期", "publication date")
# The fields of the metadata table that CMS pages print above a report, in order of preference.
META_ORGAN_FIELD = Term(
    "meta_organ_field",
    "发布机构",
    "publishing organ (metadata field)",
    variants=("发文机关", "发布机关", "发布单位", "发文单位", "公开主体", "信息公开主体"),
)
META_DATE_FIELD = Term(
    "meta_date_field",
    "发布日期",
    "publication date (metadata field)",
    variants=("公开日期", "发布时间", "成文日期", "发文日期", "生成日期"),
)
META_OTHER_FIELD = Term(
    "meta_other_field",
    "索引号",
    "index number and other metadata fields",
    variants=("文号", "发文字号", "主题分类", "公开方式", "公开范围", "有效性", "信息来源", "来源", "浏览次数"),
)
UNKNOWN_ORGAN = Term("unknown_organ", "发布机关未知", "organ unknown")
UNKNOWN_YEAR = Term("unknown_year", "年度未知", "year unknown")
EDITION = Term("edition", "格式版本", "edition")

# ----------------------------------------------------------------------------
# Workbooks (govinfo_report.render.xlsx, importers.xlsx): the sheets and columns a workbook adds to the tables
# ----------------------------------------------------------------------------

REPORT_INFO = Term("report_info", "报告信息", "report information")
BALANCE_RULES = Term("balance_rules", "勾稽关系", "consistency rules")
INFO_KEY = Term("key", "键", "key")
INFO_ITEM = Term("item", "项目", "item")
INFO_VALUE = Term("value", "内容", "value")
TITLE = Term("title", "标题", "title")
DIVISION_CODE = Term("division_code", "行政区划代码", "administrative division code")
PUBLISHED = Term("published", "发布日期", "publication date")
SCOPE = Term("scope", "报告类型", "scope")
SCOPE_ORGAN = Term("organ", "本机关", "a single organ", variants=("部门",))
SCOPE_GOVERNMENT_LEVEL = Term("government_level", "本级政府", "a government level", variants=("汇总",))
MEMBERS = Term("members", "成员单位", "member organs")
SECTION_TEXT = Term("text", "正文", "text")
SUBSECTION_TITLE = Term("subsection_title", "小标题", "subsection title")
SUBSECTION_TEXT = Term("subsection_text", "小标题正文", "subsection text")
FEES_STATED = Term("fees", "信息处理费情况", "information-processing fees stated")
FEE_APPLICATIONS = Term("applications", "信息处理费收费申请数", "applications charged a fee")
FEE_AMOUNT_YUAN = Term("amount_yuan", "信息处理费金额（元）", "fees charged (yuan)")
YES = Term("yes", "是", "yes")
RULE_CODE = Term("code", "代码", "code")
RULE_SEVERITY = Term("severity", "级别", "severity")
RULE_GROUP = Term("group", "类别", "group")
RULE_TEXT = Term("rule", "规则", "rule")
SEVERITY_ERROR = Term("error", "错误", "error")
SEVERITY_WARNING = Term("warning", "警告", "warning")
SEVERITY_INFO = Term("info", "提示", "info")
RULE_GROUP_ARITHMETIC = Term("arithmetic", "表内勾稽", "within the tables")
RULE_GROUP_REPORT = Term("report", "报告检查", "report checks")
RULE_GROUP_CONTINUITY = Term("continuity", "与上年报告", "against last year's report")

# ----------------------------------------------------------------------------
# Words the importers look for besides the labels (govinfo_report.importers)
# ----------------------------------------------------------------------------

# The title: “…政府信息公开工作2020年度报告”, “2020年度…政府信息公开工作年度报告”.
TITLE_CORE = Term("title_core", "政府信息公开", "open government information")
TITLE_REPORT = Term("title_report", "报告", "report", variants=("年报",))
TITLE_YEAR = Term("title_year", "年度", "year", variants=("年",))
TITLE_ABOUT = Term("title_about", "关于", "on")
# Cell contents that are not numbers.
NOT_APPLICABLE = Term(
    "not_applicable",
    "无",
    "not applicable",
    variants=("/", "-", "—", "——", "--", "–", "不适用", "N/A", "n/a", "NA"),
)
INCREASE = Term("increase", "增", "increase")
DECREASE = Term("decrease", "减", "decrease")
COUNT_UNIT = Term("count_unit", "件", "items", variants=("项", "个", "次", "条", "宗", "份"))
# zh-TW vocabulary on mirrors (format-spec Q14): the mainland word, and the words that replace it.
# Each variant has the length of the word (after character conversion), so positions survive.
ZH_TW_WORDS: tuple[Term, ...] = (
    Term("document", "文件", "document", variants=("檔案",)),
    Term("information", "信息", "information", variants=("資訊",)),
    Term("portal", "门户网站", "portal", variants=("入口網站",)),
    Term("network", "网络", "network", variants=("網路",)),
)

TERMS: tuple[Term, ...] = tuple(v for v in dict(globals()).values() if isinstance(v, Term))
"""Every term of the vocabulary, in definition order."""
