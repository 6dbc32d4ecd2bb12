"""Written pairs for the dedupe fixture: syndicated copies (positives) and hard non-duplicates (negatives).

Every article here was written for this fixture. Companies such as 瓯江银行 or 衢江新材料 are invented,
and so are most figures and document contents (浙政办发〔2021〕36号 and the other 文号 are used as
realistic labels, not quotations). The seed story (浙江山区26县, 21世纪经济报道 via 新浪财经) follows
shared/examples/seed-article.md. LPR and foreign-reserve figures are the published 2024 ones as far as
the author knows; nothing depends on that.

`pairs()` returns dicts with a, b, same_story, kind, source="written", notes.
"""
import random
from urllib.parse import quote

import opencc

_HK = opencc.OpenCC("s2hk")


def hk(s):
    return _HK.convert(s)


def A(title, link, text, published, feed):
    link = quote(link, safe=":/?&=%#@+,;~")  # feeds carry percent-encoded links
    if isinstance(text, (list, tuple)):
        text = "\n".join(text)
    return dict(title=title, link=link, text=text, published=published, feed=feed)


def P(a, b, same, kind, notes):
    return dict(a=a, b=b, same_story=same, kind=kind, source="written", notes=notes)


def with_lines(art, *, title=None, link=None, feed=None, published=None, before=(), after=(), keep=None, drop_first=0):
    """A copy of an article: new title/link/feed/time, lines added before/after, paragraphs kept/dropped."""
    paras = art["text"].split("\n")
    if keep is not None:
        paras = paras[:keep]
    paras = paras[drop_first:]
    return A(title or art["title"], link or art["link"], list(before) + paras + list(after),
             published or art["published"], feed or art["feed"])


def to_hk(art, *, title=None, link, feed, published, before=(), after=()):
    paras = [hk(p) for p in art["text"].split("\n")]
    return A(title or hk(art["title"]), link, list(before) + paras + list(after), published, feed)


# =====================================================================================================
# Base stories for the positives.  S[key] = article as first published.
# =====================================================================================================
S = {}

S["seed"] = A(
    "浙江支持山区26县跨越式高质量发展：力争2025年底各项贷款余额超2万亿",
    "https://www.21jingji.com/article/20211109/herald/7f3c2a91e5d04b6b8c1f.html",
    [
        "21世纪经济报道记者 李愿 北京报道 11月9日，21世纪经济报道记者从浙江银保监局获悉，今日下午，浙江银保监局、浙江省地方金融监管局联合衢州市政府召开“浙江银行业保险业支持山区26县跨越式高质量发展现场推进会”，以推动银行业保险业助力山区26县跨越式发展。",
        "在此次推进会上，浙江银保监局、浙江省地方金融监管局发布多项政策支持共同富裕示范区建设和山区26县跨越式发展，包括《浙江银行业保险业支持高质量发展建设共同富裕示范区行动方案（2021—2025年）》《浙江银行业保险业支持26县跨越式高质量发展行动方案（2021—2025年）》（下称《方案》）《中国银保监会浙江监管局办公室关于推广农户家庭资产负债表融资模式 进一步深化农村信用体系建设的通知》等。",
        "据悉，《方案》共提出了18项重点任务，从实施差异化金融服务机制、创新服务模式与产品、推动银政保担合作、探索监管评价机制等方面，构建银行业保险业支持山区26县跨越式高质量发展的目标体系、政策体系、产品体系和评价体系。",
        "总量性指标方面，《方案》明确，到2025年，力争山区26县各项贷款余额超过2万亿元，各项贷款增速高于全省平均水平，存贷比高于全省县域平均水平。",
        "结构性指标方面，《方案》明确，到2025年，力争涉农贷款余额新增5000亿元以上，制造业贷款余额持续增长，普惠型小微企业贷款、普惠型涉农贷款增速高于各项贷款增速，绿色信贷余额占比每年提高1个百分点，农户小额信用贷款占农户小额贷款比重达到60%以上，保险风险保障金额稳步增加。",
        "具体内容方面，《方案》要求各机构完善三项机制提供差异化金融服务：差异化的金融支持机制、“闭环式”联动共建机制、差异化监管激励机制。",
        "差异化的金融支持机制包括差异化的服务机制、定价机制、考核激励机制。在服务机制方面，要求政策性银行、大中型银行一级分行争取总行支持，建立山区26县信贷审批绿色通道，提高审批效率；合理下放审批权限，扩大山区26县分支机构产品创新自主权；对山区26县分支机构实行财务资源倾斜，适度提高山区26县不良贷款容忍度，优先核销山区26县不良贷款。",
        "“闭环式”联动共建机制主要针对县域、基层对金融服务诉求渠道不畅通、部分机构存在上下“两张皮”等不利于改善山区26县金融服务的现状问题，要求银行保险机构建立省、市、县三级联动的山区26县金融服务“闭环式”推进机制，明确牵头的负责人、职能部门和联络人员，加强对山区26县金融诉求的跟踪反馈，做到诉求快速反映、政策快速响应、举措快速落地。",
        "差异化监管激励机制目的为加强对银行保险机构支持山区26县的监管激励，《方案》提出探索符合山区26县特点的监管机制，包括完善山区26县中小法人机构监管评价机制，将绿色金融、新型农业经营主体金融服务等指标纳入监管评价范围；适当提高农商行监管指标分层预警容忍度等。",
        "与此同时，《方案》还对金融服务产品和模式创新提出了具体要求，包括：盘活农村产权，推广“农户家庭资产负债表融资模式”；围绕“山海协作”，探索异地业务合作模式；在山区26县率先启动巨灾保险试点，并建立保险服务“三张清单”；推进政策性转贷款模式加快政银保担合作创新以及推进山区26县金融服务数字化改革。",
        "“农户家庭资产负债表融资模式” 是在浙银行机构对农户小额信用贷款业务模式的创新探索。银行多渠道采集农户信息，建立农户家庭资产负债表，对农户家庭资产进行精细化计量、估值，并通过与村两委合作开展授信公议，将农户道德、人品等信息纳入信用评价，精准评估农户的还款能力，确定农户信用贷款授信额度。农户无需提供抵押、担保就可以获得30万（部分地区50万）以下的信用贷款。一般在银行上门采集信息后第二天确定信贷额度，农户就可以在手机APP在线办理贷款，随借随还；有的银行还在探索上门采集信息就可实时在线办贷的“T+0”融资模式。",
        "推进政策性转贷款模式方面，政策性银行与商业银行特别是中小法人银行（转贷行）合作，提供低成本批发性资金，转贷行则按照“保本微利”原则，发挥零售模式优势将资金专项用于支农支小，有助于拓宽中小法人银行低成本资金来源，降低企业融资成本。",
        "在此次推进会上，浙江省银行业协会、浙江省保险行业协会还联合发布了《以优质高效金融服务助力26县跨越式高质量发展》倡议书，提出了倾斜资源强化信贷总量保障，支持基础设施建设、精准支持产业发展和支持乡村创业、降低融资成本、强化保险保障等8条倡议。部分银行、保险、担保机构，山区26县部分政府、企业现场签订11项合作协议，包括政策性转贷款、融资项目、银保战略合作项目、政银担合作等四大类，涉及资金超过380亿元。",
        "（作者：李愿）",
    ],
    "2021-11-09T09:42:00Z", "21世纪经济报道")


def zj_monthly(m, loan, loan_g, diff, ytd, ytd_d, mfg, mfg_g, psl, psl_g, green, green_g, dep, dep_g, dep_m, hh, corp, r1, r1d, r2, r2d, day):
    """浙江日报's monthly credit story (S2 is the May issue; April and June issues are the series negatives)."""
    more = "少增" if ytd_d < 0 else "多增"
    dd = "减少" if dep_m < 0 else "增加"
    cd = "减少" if corp < 0 else "增加"
    return A(
        f"{m}月末浙江本外币贷款余额{loan}万亿元 同比增长{loan_g}%",
        f"https://zjnews.zjol.com.cn/zjnews/202406/t2024{m + 1:02d}{day:02d}_{26770000 + m * 1313}.shtml",
        [
            f"浙江日报记者 王雯 通讯员 陈晓 {m + 1}月{day}日，记者从人民银行浙江省分行获悉，{m}月末，浙江省本外币各项贷款余额{loan}万亿元，同比增长{loan_g}%，增速比全国高{diff}个百分点，比年初增加{ytd}万亿元，同比{more}{abs(ytd_d)}亿元。",
            f"从结构看，信贷资金持续流向实体经济重点领域。{m}月末，全省制造业中长期贷款余额{mfg}万亿元，同比增长{mfg_g}%；普惠小微贷款余额{psl}万亿元，同比增长{psl_g}%；绿色贷款余额{green}万亿元，同比增长{green_g}%，增速均高于各项贷款平均水平。",
            f"存款方面，{m}月末，全省本外币各项存款余额{dep}万亿元，同比增长{dep_g}%。{m}月份，本外币存款{dd}{abs(dep_m)}亿元，其中住户存款增加{hh}亿元，非金融企业存款{cd}{abs(corp)}亿元。",
            f"利率方面，{m}月份全省新发放企业贷款加权平均利率为{r1}%，同比下降{r1d}个百分点；新发放普惠小微贷款加权平均利率为{r2}%，同比下降{r2d}个百分点，均处于历史低位。",
            "人民银行浙江省分行有关负责人表示，下一步将继续实施好稳健的货币政策，用好再贷款再贴现等结构性货币政策工具，加大对科技创新、先进制造、绿色发展和中小微企业的金融支持力度，推动社会综合融资成本稳中有降。",
        ],
        f"2024-{m + 1:02d}-{day - 1:02d}T23:30:00Z", "浙江日报")


S["zj5"] = zj_monthly(5, "24.12", "10.8", "2.9", "1.58", -1236, "1.68", "21.5", "4.36", "17.2", "3.21", "27.4",
                      "22.87", "9.1", -286, 712, -1043, "3.86", "0.34", "4.62", "0.41", 14)
S["zj4"] = zj_monthly(4, "23.89", "11.2", "3.1", "1.35", -402, "1.65", "22.3", "4.29", "17.9", "3.14", "28.1",
                      "22.90", "9.6", -1875, -934, -1526, "3.91", "0.31", "4.70", "0.37", 15)
S["zj6"] = zj_monthly(6, "24.47", "10.5", "3.0", "1.93", -1567, "1.72", "20.8", "4.42", "16.6", "3.30", "26.9",
                      "23.31", "8.8", 4416, 2103, 1865, "3.81", "0.36", "4.55", "0.44", 13)

S["qz_carbon"] = A(
    "衢州碳账户金融贷款余额突破500亿元 惠及经营主体2.3万户",
    "https://www.qz828.com/system/2024/05/20/011842716.shtml",
    [
        "衢州日报记者 徐丽 通讯员 郑宇 5月19日，记者从人民银行衢州市分行获悉，截至4月末，衢州市碳账户金融贷款余额达512.6亿元，同比增长43.8%，累计惠及工业企业、农业主体和个人等经营主体2.3万户。",
        "2021年以来，衢州在全国率先建设碳账户体系，覆盖工业、能源、建筑、交通、农业、居民生活六大领域，累计建立碳账户超过300万个。在此基础上，当地银行机构将碳账户评价结果嵌入授信审批全流程，对“深绿”“浅绿”企业分别给予利率优惠和额度倾斜。",
        "“评价等级越高，贷款利率越低。”衢州农商银行相关负责人介绍，该行推出的“碳融通”产品，对评价为深绿的企业最高可下浮利率80个基点，今年以来已发放相关贷款36.4亿元。",
        "在个人端，衢州推出碳账户信用卡、“碳积分”兑换等产品，居民绿色出行、垃圾分类等低碳行为可累积碳积分，用于兑换存款利率加点或贷款利率优惠，目前已有41万名市民参与。",
        "人民银行衢州市分行有关负责人表示，下一步将推动碳账户金融从“点上突破”向“面上推广”转变，探索碳账户在转型金融、可持续挂钩贷款中的应用，力争年末碳账户金融贷款余额突破600亿元。",
    ],
    "2024-05-19T23:10:00Z", "衢州日报")

S["nfra_tech"] = A(
    "浙江金融监管局印发银行业保险业支持科技创新行动方案 明确三年目标",
    "https://www.stcn.com/article/detail/1186523.html",
    [
        "证券时报记者 沈宁 3月26日，国家金融监督管理总局浙江监管局（下称“浙江金融监管局”）印发《浙江银行业保险业支持科技创新行动方案（2024—2026年）》（下称《行动方案》），从组织体系、产品服务、风险管理等方面提出22条具体举措。",
        "《行动方案》提出，到2026年末，力争全省科技型企业贷款余额突破2万亿元，年均增速不低于20%；科技型中小企业贷款户数较2023年末增长50%；科技保险保障金额累计超过1万亿元。",
        "在组织体系方面，《行动方案》鼓励银行机构在杭州、宁波、嘉兴等科创资源集聚地区设立科技支行、科技金融专营团队，对专营机构实行单独的信贷计划、考核激励和不良容忍度，科技型企业贷款不良容忍度可较全行平均水平提高3个百分点。",
        "在产品服务方面，《行动方案》要求推广知识产权质押、人才贷、研发贷、投贷联动等产品，支持符合条件的银行开展科技企业并购贷款试点，并探索“贷款+外部直投”“贷款+认股权”等模式，满足科技企业初创期、成长期的融资需求。",
        "在保险保障方面，《行动方案》提出扩大首台（套）重大技术装备、首批次新材料、首版次软件保险补偿机制覆盖面，发展科技企业研发费用损失险、关键研发设备险等险种。",
        "浙江金融监管局相关负责人表示，将建立科技金融监测统计和评价制度，按季度通报各机构科技型企业贷款投放情况，评价结果与监管评级、市场准入挂钩。",
    ],
    "2024-03-26T09:05:00Z", "证券时报")

S["nb_cross"] = A(
    "宁波前5月跨境人民币结算量突破3000亿元 同比增长24.6%",
    "https://www.yicai.com/news/102145893.html",
    [
        "第一财经记者 孙燕 从人民银行宁波市分行获悉，今年1—5月，宁波市跨境人民币结算量达3062.4亿元，同比增长24.6%，占全市本外币跨境收支的比重为31.2%，较上年同期提高3.5个百分点。",
        "从业务结构看，货物贸易项下人民币结算1854.7亿元，同比增长28.3%；直接投资项下人民币结算426.9亿元，同比增长17.1%。全市共有6832家企业办理跨境人民币业务，其中首次办理的企业684家。",
        "宁波是全国重要的外贸港口城市，今年以来，当地推出优质企业贸易投资便利化、跨境人民币“首办户”拓展等举措，将623家企业纳入优质企业名单，其跨境人民币结算可凭支付指令直接办理，单笔业务办理时间由半天缩短至10分钟以内。",
        "在大宗商品领域，宁波舟山港铁矿石、原油等进口贸易的人民币计价结算取得突破，前5月大宗商品贸易跨境人民币结算量同比增长61.5%。",
        "人民银行宁波市分行相关负责人表示，下一步将扩大便利化政策覆盖面，推动更多中小外贸企业使用人民币进行跨境结算，帮助企业规避汇率风险。",
    ],
    "2024-06-11T06:20:00Z", "第一财经")

S["wz_private"] = A(
    "温州出台“民营企业金融服务十条” 今年新增民营企业贷款不少于1000亿元",
    "https://news.66wz.com/system/2024/04/09/105612384.shtml",
    [
        "温州日报记者 林晨 4月8日，温州市委金融办、人民银行温州市分行、温州金融监管分局联合发布《关于进一步加强民营企业金融服务的十条措施》，提出全年新增民营企业贷款不少于1000亿元，民营企业贷款增速不低于各项贷款平均增速。",
        "十条措施涵盖扩大信贷投放、降低融资成本、拓宽直接融资、优化续贷服务等方面。其中，在降低融资成本方面，提出新发放民营企业贷款加权平均利率较上年下降不少于20个基点，对符合条件的首贷户给予最长1年的贴息支持。",
        "在续贷服务方面，措施要求全市银行机构全面推广“无还本续贷”“年审制”等还款方式，力争全年为民营企业办理无还本续贷超过600亿元，切实减轻企业转贷压力。",
        "在直接融资方面，温州将建立拟上市民营企业“白名单”，对成功上市的企业给予最高1000万元奖励，并支持民营企业发行科创票据、绿色债券等债务融资工具。",
        "温州是我国民营经济的重要发祥地。截至3月末，全市民营企业贷款余额1.02万亿元，占各项贷款的比重超过60%。",
    ],
    "2024-04-08T22:40:00Z", "温州日报")

S["oj_ipo"] = A(
    "瓯江银行启动H股上市 拟发行不超过8.5亿股",
    "https://www.21jingji.com/article/20240522/herald/c49d1e8a02f54c7a.html",
    [
        "21世纪经济报道记者 周炎 5月21日晚间，瓯江银行发布公告称，该行已向香港联合交易所有限公司递交发行境外上市外资股（H股）并在香港联交所主板挂牌上市的申请，拟发行H股不超过8.5亿股（行使超额配售权之前）。",
        "招股材料显示，截至2023年末，瓯江银行资产总额4128.6亿元，较上年末增长12.4%；2023年实现营业收入96.3亿元，归属于股东的净利润31.7亿元，分别同比增长6.2%和11.8%。不良贷款率0.91%，拨备覆盖率438.5%。",
        "瓯江银行表示，本次H股发行募集资金在扣除发行费用后，将全部用于补充核心一级资本，提升资本充足水平。截至2023年末，该行核心一级资本充足率为8.67%，较上年末下降0.42个百分点。",
        "业内人士指出，近年来中小银行资本补充压力普遍加大，赴港上市成为部分城商行、农商行拓宽资本补充渠道的选择之一。",
        "瓯江银行成立于1998年，总部位于浙江，截至2023年末共有分支机构187家，其中省外分行3家。",
    ],
    "2024-05-21T13:15:00Z", "21世纪经济报道")

S["zj_sci"] = A(
    "浙江科技型企业贷款余额1.2万亿元 “人才贷”“研发贷”持续扩面",
    "https://www.stcn.com/article/detail/1204417.html",
    [
        "证券时报记者 沈宁 记者从人民银行浙江省分行获悉，截至4月末，浙江省科技型企业贷款余额1.21万亿元，同比增长23.9%，高于各项贷款增速13.1个百分点；获得贷款支持的科技型企业4.7万家，较年初增加3826家。",
        "产品创新方面，全省银行机构累计推出“人才贷”“研发贷”“知识产权贷”等专属产品230余个。其中，知识产权质押融资余额达1086亿元，同比增长36.2%；“人才贷”累计支持高层次人才创办企业5300余家。",
        "政策工具方面，今年以来人民银行浙江省分行运用科技创新再贷款、支小再贷款等工具，累计向辖内银行发放再贷款412亿元，引导银行降低科技型企业融资成本。4月份，全省科技型企业新发放贷款加权平均利率为3.72%，同比下降0.38个百分点。",
        "浙江还建立了科技型企业“白名单”推送机制，由科技部门按季度向银行推送有融资需求的企业名单，目前已累计推送企业1.6万家，银行对接后授信金额超过900亿元。",
    ],
    "2024-05-28T07:40:00Z", "证券时报")

S["ecny"] = A(
    "数字人民币试点扩容 衢州推出“碳普惠”数字人民币红包",
    "https://www.yicai.com/news/102087216.html",
    [
        "第一财经记者 杨志锦 5月1日起，衢州市面向市民发放总额500万元的“碳普惠”数字人民币红包，市民在衢州碳账户中累计的碳积分达到一定数额后，可在线申领5元至50元不等的数字人民币红包，用于本地商超、公交和景区消费。",
        "这是衢州将数字人民币与碳账户场景结合的又一尝试。去年以来，衢州已在公交出行、垃圾分类、光伏发电补贴等场景推广数字人民币，累计开立数字人民币钱包126万个，交易金额超过85亿元。",
        "据了解，本次红包由衢州市财政资金和参与银行共同出资，工商银行、农业银行、中国银行、建设银行、邮储银行及衢州农商银行6家运营机构参与发放。红包有效期为30天，过期未使用部分将自动收回。",
        "业内人士认为，数字人民币具有可编程性，与碳普惠场景结合可实现定向激励、精准核销，有助于引导居民形成绿色低碳的生活方式。",
    ],
    "2024-04-29T10:30:00Z", "第一财经")

S["cls_flash"] = A(
    "人民银行浙江省分行：一季度全省新发放普惠小微贷款加权平均利率4.71%",
    "https://www.cls.cn/detail/1648273",
    [
        "财联社4月18日电，人民银行浙江省分行今日召开新闻发布会，一季度全省新发放普惠小微贷款加权平均利率4.71%，同比下降0.47个百分点。3月末，全省普惠小微贷款余额4.21万亿元，同比增长18.3%，授信户数达到612万户。",
    ],
    "2024-04-18T02:36:00Z", "财联社")

S["csrc_zj"] = A(
    "浙江证监局：辖区境内上市公司达711家 一季度新增IPO企业6家",
    "https://www.thepaper.cn/newsDetail_forward_27093415",
    [
        "澎湃新闻记者 胡志挺 4月15日，浙江证监局召开2024年一季度辖区资本市场运行情况通报会。截至3月末，浙江辖区（不含宁波）境内上市公司达711家，总市值7.86万亿元；一季度新增首发上市企业6家，首发募集资金合计41.3亿元。",
        "从板块分布看，主板上市公司412家、创业板187家、科创板91家、北交所21家。辖区上市公司中，民营企业占比超过八成，高新技术企业占比超过七成。",
        "债券融资方面，一季度辖区企业在交易所市场发行公司债券和资产支持证券合计1247亿元，同比增长12.6%；其中科技创新公司债券发行86亿元。",
        "浙江证监局表示，将持续加强上市公司监管，严厉打击财务造假、违规减持等违法违规行为，推动辖区上市公司提高质量；同时做好拟上市企业辅导验收，严把发行上市入口关。",
    ],
    "2024-04-15T08:05:00Z", "澎湃新闻")

S["fx5"] = A(
    "国家外汇管理局：5月末我国外汇储备规模为32320亿美元",
    "https://www.safe.gov.cn/safe/2024/0607/24418.html",
    [
        "国家外汇管理局统计数据显示，截至2024年5月末，我国外汇储备规模为32320亿美元，较4月末上升312亿美元，升幅为0.98%。",
        "2024年5月，受主要经济体宏观经济数据、货币政策预期等因素影响，美元指数下跌，全球金融资产价格总体上涨。汇率折算和资产价格变化等因素综合作用，当月外汇储备规模上升。",
        "我国经济运行总体平稳、稳中有进，长期向好的基本面没有改变，有利于外汇储备规模保持基本稳定。",
    ],
    "2024-06-07T08:00:00Z", "国家外汇管理局")

S["fx6"] = A(
    "国家外汇管理局：6月末我国外汇储备规模为32224亿美元",
    "https://www.safe.gov.cn/safe/2024/0707/24567.html",
    [
        "国家外汇管理局统计数据显示，截至2024年6月末，我国外汇储备规模为32224亿美元，较5月末下降96亿美元，降幅为0.30%。",
        "2024年6月，受主要经济体宏观经济数据、货币政策预期等因素影响，美元指数上涨，全球金融资产价格涨跌互现。汇率折算和资产价格变化等因素综合作用，当月外汇储备规模下降。",
        "我国经济运行总体平稳、稳中有进，长期向好的基本面没有改变，有利于外汇储备规模保持基本稳定。",
    ],
    "2024-07-07T08:00:00Z", "国家外汇管理局")

S["fx4"] = A(
    "国家外汇管理局：4月末我国外汇储备规模为32008亿美元",
    "https://www.safe.gov.cn/safe/2024/0507/24301.html",
    [
        "国家外汇管理局统计数据显示，截至2024年4月末，我国外汇储备规模为32008亿美元，较3月末下降449亿美元，降幅为1.38%。",
        "2024年4月，受主要经济体宏观经济数据、货币政策预期等因素影响，美元指数上涨，全球金融资产价格总体下跌。汇率折算和资产价格变化等因素综合作用，当月外汇储备规模下降。",
        "我国经济运行总体平稳、稳中有进，长期向好的基本面没有改变，有利于外汇储备规模保持基本稳定。",
    ],
    "2024-05-07T08:00:00Z", "国家外汇管理局")

S["ls_eco"] = A(
    "丽水“两山银行”累计盘活生态资源资产76亿元",
    "https://www.lsnews.com.cn/system/2024/05/30/030118627.shtml",
    [
        "丽水日报记者 吴婷 记者从丽水市委金融办获悉，自2021年首家“两山合作社”成立以来，丽水9个县（市、区）的“两山银行”累计收储、整合山林、水域、古村落等生态资源资产1.38万宗，盘活生态资源资产价值76.2亿元，带动村集体增收2.9亿元。",
        "丽水是全国首个生态产品价值实现机制试点市。当地探索建立生态产品价值（GEP）核算体系，并以GEP核算结果为基础，推出“GEP贷”“生态贷”“林权抵押贷”等金融产品。截至4月末，全市生态产品价值实现相关贷款余额达435亿元，同比增长29.7%。",
        "在景宁畲族自治县，当地“两山银行”将12个闲置古村落打包整合，引入社会资本开发乡村旅游，景宁农商银行据此发放项目贷款1.6亿元。",
        "丽水市委金融办负责人表示，下一步将推动生态资源资产确权、评估、交易、融资全链条贯通，探索生态产品价值实现的金融路径。",
    ],
    "2024-05-29T23:55:00Z", "丽水日报")

S["hz_green"] = A(
    "湖州绿色贷款余额突破4000亿元 占各项贷款比重超三成",
    "https://www.hz66.com/2024/0605/412783.shtml",
    [
        "湖州日报记者 沈洁 6月4日，记者从人民银行湖州市分行获悉，截至5月末，湖州市绿色贷款余额4036亿元，同比增长22.8%，占各项贷款比重达31.6%，比全省平均水平高13.2个百分点。",
        "作为全国首批绿色金融改革创新试验区，湖州在全国率先发布区域性绿色金融地方标准，建立绿色项目、绿色企业认定评价体系，累计认定绿色企业（项目）1.2万个。",
        "转型金融是湖州今年的重点。当地出台《湖州市转型金融支持目录》，覆盖纺织、化纤、水泥等9个高碳行业，截至5月末全市转型贷款余额达318亿元，惠及企业1360家。",
        "湖州还建成“绿贷通”银企对接平台，企业在线发布融资需求后，平均2.7天即可获得银行授信，累计帮助2.9万家企业获得授信3150亿元。",
    ],
    "2024-06-04T09:20:00Z", "湖州日报")

S["jx_kc"] = A(
    "嘉兴科创金融改革提速 科技型企业贷款余额1352亿元",
    "https://www.cnjxol.com/xwzx/jxxw/202405/t20240516_1180356.shtml",
    [
        "嘉兴日报记者 陆燕 5月15日，记者从嘉兴市地方金融发展服务中心获悉，截至4月末，嘉兴市科技型企业贷款余额1352亿元，同比增长26.4%，服务科技型企业6400余家。",
        "今年以来，嘉兴聚焦长三角G60科创走廊建设，推出“科创指数贷”，由银行根据企业研发投入、专利数量、人才结构等指标计算科创指数，对指数较高的企业给予信用贷款，目前已发放贷款96.7亿元。",
        "在股权融资方面，嘉兴设立规模50亿元的科创母基金，已参股子基金23支，带动社会资本投资嘉兴科技企业超过180亿元。",
        "嘉兴市地方金融发展服务中心相关负责人表示，将进一步完善“贷款+保险+担保+基金”的科创金融服务体系，力争年末科技型企业贷款余额突破1500亿元。",
    ],
    "2024-05-15T23:45:00Z", "嘉兴日报")

S["tz_small"] = A(
    "台州小微企业贷款余额1.38万亿元 “信保基金”累计担保超1500亿元",
    "https://www.taizhou.com.cn/news/2024-05/27/content_7025718.htm",
    [
        "台州日报记者 李婷 5月26日，在台州小微企业金融服务改革创新试验区建设推进会上，记者获悉，截至4月末，台州市小微企业贷款余额1.38万亿元，同比增长14.6%，占全部企业贷款的比重达68.4%。",
        "台州小微企业信用保证基金自2014年成立以来，累计为小微企业提供担保1536亿元，在保余额312亿元，平均担保费率0.75%，代偿率控制在1%以内。",
        "台州还建立了金融服务信用信息共享平台，归集市场监管、税务、电力等部门的数据4.2亿条，银行机构通过平台查询企业信息累计超过1500万次。",
        "台州市委金融办负责人表示，将继续深化小微金融改革，推动“信用+金融”向县域和乡村延伸。",
    ],
    "2024-05-26T11:10:00Z", "台州日报")

S["yw_rmb"] = A(
    "义乌市场采购贸易跨境人民币结算量前4月同比翻番",
    "https://www.jhnews.com.cn/2024/0510/1224561.shtml",
    [
        "金华日报记者 朱敏 记者从人民银行金华市分行获悉，今年1—4月，义乌市场采购贸易方式跨境人民币结算量达68.3亿元，同比增长103.4%，涉及境外采购商来自120多个国家和地区。",
        "义乌是全国市场采购贸易方式的首个试点地。过去，外商采购小商品多以美元结算，商户需承担汇率波动和换汇成本。去年以来，当地银行在义乌国际商贸城推广“人民币结算+收款码”模式，外商可直接以人民币向商户付款。",
        "目前，义乌已有1.6万户个体工商户开立了个人外汇账户或跨境人民币结算账户，其中今年新增3200户。",
        "人民银行金华市分行表示，将继续推动跨境人民币结算在小商品贸易中的应用，降低市场经营主体的汇兑成本。",
    ],
    "2024-05-09T22:30:00Z", "金华日报")

S["sx_ipo"] = A(
    "绍兴“凤凰行动”成效显著 境内外上市公司达112家",
    "https://www.sxnews.cn/content/2024-05/13/content_3187651.htm",
    [
        "绍兴日报记者 钱霞 记者从绍兴市委金融办获悉，截至4月末，绍兴市境内外上市公司达112家，其中境内上市公司86家，总市值超过8600亿元。今年以来，全市新增上市公司2家，另有7家企业在审。",
        "绍兴自2017年实施“凤凰行动”计划以来，推动上市公司围绕产业链开展并购重组，累计完成并购项目246个，交易金额超过1200亿元。",
        "在股权投资方面，绍兴设立总规模100亿元的产业基金，重点投向集成电路、生物医药、高端装备等领域，已投资项目61个。",
        "绍兴市委金融办负责人表示，下一步将加大对专精特新企业的上市培育力度，力争到2025年全市上市公司突破130家。",
    ],
    "2024-05-12T23:20:00Z", "绍兴日报")

S["zs_oil"] = A(
    "舟山油气贸易人民币结算提速 今年以来结算量超400亿元",
    "https://www.zhoushan.cn/newscenter/zsxw/202406/t20240603_1220846.shtml",
    [
        "舟山日报记者 张颖 记者从人民银行舟山市分行获悉，今年1—5月，中国（浙江）自由贸易试验区舟山片区油气贸易跨境人民币结算量达412.6亿元，同比增长37.9%，占片区跨境收支的比重提升至27.3%。",
        "舟山是全国最大的船用燃料油加注港。当地推动保税燃料油加注以人民币计价结算，目前已有14家加注企业开展人民币结算业务，前5月船加油人民币结算量达86.4亿元。",
        "人民银行舟山市分行还在片区内开展本外币合一银行结算账户体系试点，企业可在一个账户内办理人民币和多币种外汇业务，已有1100余家企业开立此类账户。",
        "业内人士表示，油气贸易人民币计价结算比重提升，有助于增强人民币在大宗商品领域的定价影响力。",
    ],
    "2024-06-02T23:05:00Z", "舟山日报")

S["hz_ai"] = A(
    "杭州出台金融支持人工智能产业发展十条措施",
    "https://hznews.hangzhou.com.cn/jingji/content/2024-06/05/content_8743918.htm",
    [
        "杭州日报记者 童颖 6月4日，杭州市委金融办等六部门联合印发《杭州市金融支持人工智能产业高质量发展的若干措施》，提出10条措施，力争到2026年末全市人工智能产业贷款余额突破1000亿元。",
        "措施提出，支持银行机构设立人工智能产业专营团队，对人工智能企业的算力设备采购、数据资源开发给予中长期贷款支持；探索以算力资源、数据资产作为增信手段的融资模式。",
        "在股权融资方面，杭州将发挥总规模200亿元的人工智能产业基金作用，对投资本地人工智能初创企业的创投机构，按实际投资额的10%给予最高500万元奖励。",
        "此外，措施鼓励保险机构开发人工智能研发中断险、算法责任险等产品，对首年投保的企业给予保费50%的补贴。",
        "截至4月末，杭州人工智能相关企业贷款余额达612亿元，同比增长31.2%。",
    ],
    "2024-06-04T10:50:00Z", "杭州日报")


# =====================================================================================================
# Official documents and their revisions (same 文号, one figure or clause changed).
# =====================================================================================================
def d1(total, revised):
    """浙政办发〔2021〕36号; the 2022 revision raises the loan target."""
    head = ["浙政办发〔2021〕36号", "各市、县（市、区）人民政府，省政府直属各单位：",
            "为贯彻落实《浙江高质量发展建设共同富裕示范区实施方案（2021—2025年）》和山区26县跨越式高质量发展实施方案，强化金融对山区26县的支持，经省政府同意，现提出如下意见。",
            f"一、总体目标。到2025年，山区26县各项贷款余额力争超过{total}万亿元，年均增速高于全省平均水平；涉农贷款余额新增5000亿元以上；普惠型小微企业贷款增速高于各项贷款增速；农户小额信用贷款占农户小额贷款比重达到60%以上。",
            "二、加大信贷资源倾斜。鼓励政策性银行、大中型银行在浙分支机构对山区26县单列信贷计划，实行内部资金转移价格优惠，优惠幅度不低于20个基点。",
            "三、完善融资担保体系。省担保集团对山区26县政府性融资担保机构的再担保业务免收再担保费，山区26县政府性融资担保业务平均担保费率降至0.8%以下。",
            "四、深化农村金融改革。全面推广农户家庭资产负债表融资模式，2022年底前实现山区26县行政村全覆盖。",
            "五、加强组织保障。各地、各有关部门要建立工作协调机制，省地方金融监管局会同有关单位每半年开展一次评估。"]
    if revised:
        head.append("本意见根据2022年6月省政府常务会议精神修订，自印发之日起施行。")
    tail = ["浙江省人民政府办公厅", "2022年6月28日（修订）" if revised else "2021年11月16日", "（此件公开发布）"]
    return head + tail


D1_TITLE = "浙江省人民政府办公厅关于金融支持山区26县跨越式高质量发展的实施意见"


def d2(rate):
    return ["衢政办发〔2023〕15号",
            "各县（市、区）人民政府，市政府各部门、直属各单位：",
            "《衢州市金融支持制造业高质量发展若干措施》已经市政府同意，现印发给你们，请认真贯彻执行。",
            "衢州市金融支持制造业高质量发展若干措施",
            "一、扩大制造业中长期贷款投放。力争2023年全市制造业中长期贷款新增150亿元以上，制造业贷款增速不低于各项贷款平均增速。",
            f"二、实施贷款贴息。对制造业企业新增技术改造项目中长期贷款，按照贷款实际发放金额给予{rate}%的年化贴息，单个企业每年贴息最高200万元。",
            "三、推广“亩均效益”授信。银行机构将企业亩均效益综合评价结果纳入授信审批，对A类企业给予利率优惠和授信倾斜。",
            "四、强化政府性融资担保。市融资担保公司对制造业小微企业担保费率不高于0.8%，单户担保金额最高1000万元。",
            "五、本措施自2023年6月1日起施行，有效期至2025年12月31日。",
            "衢州市人民政府办公室",
            "2023年5月18日"]


D2_TITLE = "衢州市人民政府办公室关于印发衢州市金融支持制造业高质量发展若干措施的通知"


def d3(limit):
    return ["银发〔2024〕12号",
            "中国人民银行各省、自治区、直辖市分行，各国有商业银行、股份制商业银行：",
            "为进一步做好普惠小微企业首贷户拓展工作，现就有关事项通知如下：",
            f"一、各银行业金融机构应将首贷户拓展纳入年度经营计划，2024年普惠小微企业首贷户数量不低于上年，对首次获得贷款的小微企业，单户授信{limit}万元以下的贷款原则上以信用方式发放。",
            "二、人民银行各分行要发挥支小再贷款的引导作用，对首贷户贷款发放量较大的地方法人银行优先给予再贷款支持。",
            "三、各银行要优化首贷户授信审批流程，合理确定尽职免责标准，对首贷户不良贷款容忍度可较全部贷款提高3个百分点。",
            "四、人民银行各分行按季度向总行报送辖区首贷户拓展情况。",
            "中国人民银行",
            "2024年1月19日"]


D3_TITLE = "中国人民银行关于做好2024年普惠小微企业首贷户拓展工作的通知"


def d4(days):
    return ["浙金管〔2023〕21号",
            "各市地方金融监管局（金融办）：",
            "为规范融资担保公司经营行为，根据《融资担保公司监督管理条例》及配套制度，我局制定了《浙江省融资担保公司监督管理实施细则》，现印发给你们，请遵照执行。",
            "第一条 融资担保公司应当坚持服务小微企业和“三农”主体的政策导向，小微企业和“三农”融资担保在保余额占比不低于70%。",
            "第二条 融资担保公司的融资担保责任余额不得超过其净资产的10倍；对主要为小微企业和“三农”服务的融资担保公司，上述倍数上限可以提高至15倍。",
            f"第三条 融资担保公司发生重大风险事件的，应当在事件发生后{days}个工作日内向属地金融监管部门报告。",
            "第四条 各市地方金融监管局应当于每年4月30日前完成辖内融资担保公司年度现场检查。",
            "第五条 本细则自2023年8月1日起施行。",
            "浙江省地方金融监督管理局",
            "2023年7月10日"]


D4_TITLE = "浙江省地方金融监督管理局关于印发《浙江省融资担保公司监督管理实施细则》的通知"


def revised_docs():
    out = []
    zj_gov = "https://www.zj.gov.cn/art/2021/11/22/art_1229019365_2376712.html"
    v1 = A(D1_TITLE, zj_gov, d1("2", False), "2021-11-22T02:00:00Z", "浙江省人民政府")
    v2 = A(D1_TITLE + "（2022年修订）", zj_gov, d1("2.2", True), "2022-06-30T02:00:00Z", "浙江省人民政府")
    out.append(P(v1, v2, True, "revised-doc",
                 "浙政办发〔2021〕36号 as published and as revised in place on the same page: loan target 2 → 2.2 万亿元, a revision note and date added"))
    v1_portal = A(f"浙江省人民政府办公厅关于金融支持山区26县跨越式高质量发展的实施意见（浙政办发〔2021〕36号）",
                  "https://www.lishui.gov.cn/art/2021/11/24/art_1229218389_57321843.html",
                  d1("2", False), "2021-11-24T01:30:00Z", "丽水市人民政府")
    out.append(P(v2, v1_portal, True, "revised-doc",
                 "the revised 浙政办发〔2021〕36号 on the provincial site vs the original reposted by a city site (文号 in the title; one target differs)"))
    qz = "https://www.qz.gov.cn/art/2023/5/22/art_1229561840_2483561.html"
    w1 = A(D2_TITLE, qz, d2("1"), "2023-05-22T03:00:00Z", "衢州市人民政府")
    w2 = A(D2_TITLE, "https://www.qz.gov.cn/art/2023/7/3/art_1229561840_2490127.html",
           d2("1.5")[:-1] + ["2023年5月18日（2023年7月3日更正）"], "2023-07-03T03:00:00Z", "衢州市人民政府")
    out.append(P(w1, w2, True, "revised-doc", "衢政办发〔2023〕15号 and its corrected re-issue at a new URL: 贴息 1% → 1.5%"))
    w2_news = A("衢州出台金融支持制造业若干措施：技改贷款给予1.5%贴息（附全文）",
                "https://www.qz828.com/system/2023/07/04/011702631.shtml",
                ["原标题：衢州市人民政府办公室关于印发衢州市金融支持制造业高质量发展若干措施的通知", "来源：衢州市人民政府网站"] + d2("1.5"),
                "2023-07-04T00:40:00Z", "衢州新闻网")
    out.append(P(w1, w2_news, True, "revised-doc",
                 "衢政办发〔2023〕15号 original vs a news site's full-text repost of the corrected version (new title, 原标题 line, 贴息 1% → 1.5%)"))
    pbc = "http://www.pbc.gov.cn/tiaofasi/144941/3581332/2024012216583452610/index.html"
    x1 = A(D3_TITLE, pbc, d3("300"), "2024-01-22T08:30:00Z", "中国人民银行")
    x2 = A(D3_TITLE, pbc + "?v=2", d3("500"), "2024-01-24T09:00:00Z", "中国人民银行")
    out.append(P(x1, x2, True, "revised-doc", "银发〔2024〕12号 and its corrected text two days later: credit-loan threshold 300 → 500 万元 (the link gains ?v=2)"))
    x2_portal = A("央行：单户授信500万元以下首贷户贷款原则上以信用方式发放",
                  "https://finance.eastmoney.com/a/202401242966157042.html",
                  ["原标题：中国人民银行关于做好2024年普惠小微企业首贷户拓展工作的通知", "来源：中国人民银行网站"] + d3("500") + ["责任编辑：王俊"],
                  "2024-01-24T10:12:00Z", "东方财富网")
    out.append(P(x1, x2_portal, True, "revised-doc",
                 "银发〔2024〕12号 first text vs a portal's repost of the corrected text under a news headline (原标题 line, one figure differs)"))
    jrj = "https://sjrb.zj.gov.cn/art/2023/7/12/art_1229692412_58932210.html"
    y1 = A(D4_TITLE, jrj, d4("3"), "2023-07-12T02:20:00Z", "浙江省地方金融监督管理局")
    y2 = A(D4_TITLE + "（修订）", jrj, d4("2"), "2023-09-05T02:20:00Z", "浙江省地方金融监督管理局")
    out.append(P(y1, y2, True, "revised-doc", "浙金管〔2023〕21号 revised in place: reporting deadline 3 → 2 working days"))
    y1_copy = A("浙江印发融资担保公司监管实施细则：小微和三农在保余额占比不低于70%",
                "https://www.thepaper.cn/newsDetail_forward_23987615",
                ["原标题：浙江省地方金融监督管理局关于印发《浙江省融资担保公司监督管理实施细则》的通知"] + d4("3"),
                "2023-07-12T09:48:00Z", "澎湃新闻")
    out.append(P(y2, y1_copy, True, "revised-doc",
                 "浙金管〔2023〕21号 revised text vs a news site's repost of the first text (retitled, 原标题 line)"))
    return out


# =====================================================================================================
# Positives: copies of S[...] as other outlets carry them.
# =====================================================================================================
def retitle(src, title, link, feed, published, *, source=True, editor=None, keep=None):
    before = ["原标题：" + src["title"]] + ([f"来源：{src['feed']}"] if source else [])
    after = [f"责任编辑：{editor}"] if editor else []
    return with_lines(src, title=title, link=link, feed=feed, published=published, before=before, after=after, keep=keep)


def later(iso, minutes):
    import datetime as dt
    t = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")) + dt.timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def summary(src, n=110):
    return src["text"].replace("\n", "")[:n] + "…"


def positives():
    out = []
    add = lambda a, b, kind, notes: out.append(P(a, b, True, kind, notes))

    # --- the seed story (21世纪经济报道 → 新浪财经, 东方财富, local portals, HK) -----------------------
    s = S["seed"]
    sina = A(s["title"], "https://finance.sina.com.cn/china/dfjj/2021-11-09/doc-iktzqtyu6348215.shtml",
             ["原标题：" + s["title"]] + s["text"].split("\n") + ["海量资讯、精准解读，尽在新浪财经APP", "责任编辑：王翔"],
             "2021-11-09T11:00:34Z", "新浪财经")
    add(s, sina, "portal-copy", "the real seed case: 新浪财经 keeps the title, adds 原标题 (same text), the app banner and 责任编辑")
    em = retitle(s, "浙江：力争到2025年山区26县各项贷款余额超2万亿元 涉农贷款新增5000亿元以上",
                 "https://finance.eastmoney.com/a/202111092176358214.html", "东方财富网", "2021-11-09T11:26:00Z", editor="陈诗")
    add(s, em, "retitled", "new headline; 原标题 carries the original; 来源 and 责任编辑 lines added")
    local = retitle(s, "18项重点任务！浙江银行业保险业为山区26县送上“金融大礼包”",
                    "https://www.qz828.com/system/2021/11/10/011612954.shtml", "衢州新闻网", "2021-11-10T01:15:00Z")
    add(em, local, "retitled", "two retitled copies, both pointing back through the same 原标题 line")
    mob = with_lines(sina, link="https://finance.sina.cn/china/dfjj/2021-11-09/doc-iktzqtyu6348215.shtml?utm_source=weixin&utm_medium=share&spm=a2c4g.11186623.0.0&from=timeline",
                     feed="新浪财经（手机版）", published="2021-11-09T11:00:34Z")
    add(sina, mob, "mobile-url", "finance.sina.cn mirror of the desktop path with utm_/spm/from parameters")
    mob2 = with_lines(sina, link="https://finance.sina.cn/2021-11-09/detail-iktzqtyu6348215.d.html?vt=4&from=wap",
                      feed="新浪财经（手机版）", published="2021-11-09T11:02:10Z", keep=len(sina["text"].split("\n")) - 2)
    add(sina, mob2, "mobile-url", "sina.cn's own path form (detail-….d.html, vt=4 kept): only the doc id is shared; app banner and editor line absent")
    trimmed = with_lines(s, link="https://zjnews.zjol.com.cn/zjnews/zjxw/202111/t20211109_23352109.shtml", feed="浙江在线",
                         published="2021-11-09T12:30:00Z", keep=6, after=["（来源：21世纪经济报道）"])
    add(s, trimmed, "edited-copy", "trimmed ending: first 6 of 14 paragraphs, plus a source line")
    add(s, to_hk(s, link="https://www.etnet.com.hk/www/tc/news/categorized_news_detail.php?newsid=ETN211109742&category=china",
                 feed="經濟通", published="2021-11-09T12:05:00Z", before=["（21世紀經濟報道）"]),
        "trad-chinese", "traditional-character copy (OpenCC s2hk) on a Hong Kong portal")

    # --- 浙江日报 monthly credit story, May issue -------------------------------------------------------
    z = S["zj5"]
    add(z, retitle(z, "浙江5月信贷数据出炉：制造业中长期贷款增速超21%",
                   "https://finance.sina.com.cn/jjxw/2024-06-15/doc-inaymvqe1735291.shtml", "新浪财经", later(z["published"], 55), editor="刘万里"),
        "retitled", "retitled copy of a data story; figures unchanged")
    add(z, with_lines(z, link="https://www.financialnews.com.cn/qy/dfjr/202406/t20240615_296143.html", feed="中国金融新闻网",
                      published=later(z["published"], 180),
                      before=["【导读】5月末浙江贷款余额同比增长10.8%，制造业中长期贷款、普惠小微贷款和绿色贷款增速均高于各项贷款平均水平，企业贷款利率继续下行。"]),
        "edited-copy", "a lead paragraph added by the reprinting site")
    add(z, with_lines(z, link="https://zj.zjol.com.cn/news.html?id=2871564&from=groupmessage&isappinstalled=0", feed="浙江新闻客户端",
                      published=later(z["published"], 10)),
        "mobile-url", "the newspaper's app link: a different URL shape altogether (news.html?id=…), same text")
    add(z, to_hk(z, title="浙江5月末貸款餘額24.12萬億元人民幣 按年增10.8%", link="https://www2.hkej.com/instantnews/china/article/3774512",
                 feed="信報財經新聞", published=later(z["published"], 240)),
        "trad-chinese", "traditional characters and an HK-style rewritten headline (按年增, 人民幣)")

    # --- 衢州碳账户 -------------------------------------------------------------------------------------
    c = S["qz_carbon"]
    add(c, retitle(c, "全国率先！衢州碳账户金融贷款突破500亿元", "https://zjnews.zjol.com.cn/zjnews/qznews/202405/t20240520_26861320.shtml",
                   "浙江在线", later(c["published"], 150)), "retitled", "retitled with 原标题 and 来源")
    cp = c["text"].split("\n")
    add(c, A("碳账户赋能绿色金融 衢州探索“评价越绿、利率越低”", "https://www.financialnews.com.cn/qy/dfjr/202405/t20240521_294217.html",
             ["本报讯 记者从人民银行衢州市分行了解到，截至今年4月末，衢州碳账户金融贷款余额已达512.6亿元，同比增长43.8%，惠及经营主体2.3万户。"] + cp[1:],
             later(c["published"], 1500), "中国金融新闻网"),
        "retitled-no-original", "new headline, no 原标题; the lead sentence rewritten, the other four paragraphs verbatim")
    add(c, with_lines(c, link="https://www.163.com/dy/article/J2KQ8V3K0514R9OJ.html", feed="网易财经", published=later(c["published"], 95),
                      after=["（来源：衢州日报）"]), "portal-copy", "same title on an aggregator, source line appended")

    # --- 浙江金融监管局 科技创新行动方案 ---------------------------------------------------------------
    t = S["nfra_tech"]
    add(t, retitle(t, "浙江：力争2026年末科技型企业贷款余额突破2万亿元", "https://finance.sina.com.cn/roll/2024-03-26/doc-inapfqyt2305817.shtml",
                   "新浪财经", later(t["published"], 40), editor="郭明煜"), "retitled", "retitled, 原标题, editor line")
    add(t, with_lines(t, link="https://www.cs.com.cn/xwzx/hg/202403/t20240326_6398511.html", feed="中证网", published=later(t["published"], 75), keep=4),
        "edited-copy", "trimmed ending: the last two paragraphs dropped")
    add(t, A(t["title"], "https://news.10jqka.com.cn/20240326/c655912374.shtml", summary(t), later(t["published"], 20), "同花顺财经"),
        "summary-only", "a feed that carries only the first ~110 characters as its description")

    # --- 宁波跨境人民币 ---------------------------------------------------------------------------------
    n = S["nb_cross"]
    add(n, retitle(n, "宁波跨境人民币结算前5月超3000亿元 623家优质企业享便利", "https://finance.sina.com.cn/money/forex/2024-06-11/doc-inaynfce2291846.shtml",
                   "新浪财经", later(n["published"], 35)), "retitled", "retitled with 原标题")
    add(n, with_lines(n, link="https://m.yicai.com/news/102145893.html?utm_source=wechat&utm_medium=share&utm_campaign=timeline",
                      feed="第一财经（移动版）"), "mobile-url", "m.yicai.com with utm_ parameters; path identical")
    add(n, to_hk(n, title="寧波首5月跨境人民幣結算量逾3000億元 按年增24.6%", link="http://www.aastocks.com/tc/stocks/news/aafn-con/NOW.1364925/china-news",
                 feed="阿思達克財經", published=later(n["published"], 300)),
        "trad-chinese", "traditional characters, HK headline (首5月, 逾, 按年增)")

    # --- 温州民营企业金融服务十条 -------------------------------------------------------------------------
    w = S["wz_private"]
    add(w, with_lines(w, link="https://www.chinanews.com.cn/cj/2024/04-09/10195532.shtml", feed="中国新闻网", published=later(w["published"], 200),
                      before=["来源：温州日报"], after=["编辑：陈思"]), "edited-copy", "editor lines only: 来源 above, 编辑 below")
    add(w, A(w["title"] + " - 浙江在线", "https://wz.zjol.com.cn/wzxw/202404/t20240409_26774011.shtml", w["text"], later(w["published"], 60), "浙江在线"),
        "portal-copy", "site name appended to the title after ' - '")

    # --- 瓯江银行 H股 -------------------------------------------------------------------------------------
    o = S["oj_ipo"]
    add(o, retitle(o, "又一城商行赴港IPO！瓯江银行递表 拟发行不超8.5亿股H股", "https://finance.eastmoney.com/a/202405223083264157.html",
                   "东方财富网", later(o["published"], 50), editor="李杨"), "retitled", "clickbait headline, 原标题 and 来源 lines")
    add(o, with_lines(o, link="https://m.21jingji.com/article/20240522/herald/c49d1e8a02f54c7a.html?from=timeline&isappinstalled=0",
                      feed="21世纪经济报道（移动版）"), "mobile-url", "m.21jingji.com with from/isappinstalled")
    add(o, to_hk(o, title="甌江銀行申H股上市 擬發行最多8.5億股", link="https://inews.hket.com/article/3761287/甌江銀行申H股上市",
                 feed="香港經濟日報", published=later(o["published"], 420)), "trad-chinese", "traditional characters, rewritten HK headline")

    # --- 浙江科技型企业贷款 -----------------------------------------------------------------------------------
    k = S["zj_sci"]
    add(k, retitle(k, "浙江科技型企业贷款余额同比增23.9% 知识产权质押融资超千亿", "https://finance.sina.com.cn/roll/2024-05-28/doc-inavxmcq4427190.shtml",
                   "新浪财经", later(k["published"], 30)), "retitled", "retitled with 原标题")
    add(k, with_lines(k, link="https://www.financialnews.com.cn/qy/dfjr/202405/t20240529_295520.html", feed="中国金融新闻网", published=later(k["published"], 1000),
                      before=["【编者按】科技金融位列金融“五篇大文章”之首。本期关注浙江如何以金融活水浇灌科创沃土。"]),
        "edited-copy", "an editor's note added as the first paragraph")

    # --- 衢州数字人民币红包 -------------------------------------------------------------------------------
    e = S["ecny"]
    add(e, retitle(e, "衢州发放500万元数字人民币红包：碳积分可兑换", "https://www.thepaper.cn/newsDetail_forward_27219834", "澎湃新闻",
                   later(e["published"], 70)), "retitled", "retitled with 原标题")
    add(e, with_lines(e, link="https://m.yicai.com/news/102087216.html?spm=wx.share.0.0&from=singlemessage", feed="第一财经（移动版）"),
        "mobile-url", "m.yicai.com with spm/from; path identical")
    add(e, A(e["title"] + "｜第一财经", "https://finance.sina.com.cn/roll/2024-04-29/doc-inatqrxy1104225.shtml", summary(e, 90),
             later(e["published"], 25), "新浪财经滚动"), "summary-only", "summary-only description and a ｜site suffix on the title")
    add(e, to_hk(e, title="衢州推「碳普惠」數字人民幣紅包 總額500萬元", link="https://www.stheadline.com/realtime-china/3341296/衢州推碳普惠數字人民幣紅包",
                 feed="星島日報", published=later(e["published"], 360)), "trad-chinese", "traditional characters, 「」 quotes in the headline")

    # --- 财联社快讯 (short text) ----------------------------------------------------------------------------
    f = S["cls_flash"]
    add(f, with_lines(f, link="https://m.cls.cn/detail/1648273?share_source=wechat_friend&from=groupmessage", feed="财联社（移动版）"),
        "mobile-url", "a one-paragraph flash: m.cls.cn with share_source/from")
    add(f, with_lines(f, link="https://news.10jqka.com.cn/20240418/c656410273.shtml", feed="同花顺财经", published=later(f["published"], 3),
                      before=["来源：财联社"], after=["责任编辑：李佳"]), "edited-copy", "a one-paragraph flash with 来源/责任编辑 lines around it")

    # --- 浙江证监局 ---------------------------------------------------------------------------------------------
    r = S["csrc_zj"]
    add(r, retitle(r, "浙江辖区境内上市公司达711家 总市值7.86万亿元", "https://finance.sina.com.cn/stock/observe/2024-04-15/doc-inarqshc5571302.shtml",
                   "新浪财经", later(r["published"], 45)), "retitled", "retitled with 原标题")
    add(r, with_lines(r, link="http://www.zqrb.cn/stock/gupiaoyaowen/2024-04-15/A1713172211356.html", feed="证券日报网", published=later(r["published"], 130),
                      before=["资本市场“浙江板块”持续扩容，上市公司数量稳居全国前列。"]), "edited-copy", "lead sentence added")
    add(r, to_hk(r, link="https://www.etnet.com.hk/www/tc/news/categorized_news_detail.php?newsid=ETN240415611&category=china",
                 feed="經濟通", published=later(r["published"], 200)), "trad-chinese", "traditional characters, converted title")

    # --- 外汇储备 5月 -----------------------------------------------------------------------------------------
    x = S["fx5"]
    xs = with_lines(x, link="https://finance.sina.com.cn/jjxw/2024-06-07/doc-inaxmfkc7218554.shtml", feed="新浪财经",
                    published=later(x["published"], 12), after=["责任编辑：杨赐"])
    add(x, xs, "portal-copy", "an official release reprinted under its own title, editor line added")
    add(x, retitle(x, "5月末外储规模升至32320亿美元 环比增加312亿美元", "https://finance.eastmoney.com/a/202406073097812364.html",
                   "东方财富网", later(x["published"], 20)), "retitled", "retitled official release with 原标题")
    add(xs, with_lines(xs, link="https://finance.sina.cn/2024-06-07/detail-inaxmfkc7218554.d.html?vt=4&cid=76478&node_id=76478",
                       feed="新浪财经（手机版）", published=later(x["published"], 13)),
        "mobile-url", "sina.cn detail form: path differs from the desktop doc- path; vt/cid/node_id are not tracking parameters")
    add(x, to_hk(x, link="https://www2.hkej.com/instantnews/china/article/3771120", feed="信報財經新聞", published=later(x["published"], 30)),
        "trad-chinese", "traditional characters, converted title")

    # --- 丽水两山银行 -------------------------------------------------------------------------------------------
    l = S["ls_eco"]
    add(l, retitle(l, "盘活生态资源资产76亿元！丽水“两山银行”走出生态变现新路", "https://zjnews.zjol.com.cn/zjnews/lsnews/202405/t20240530_26873301.shtml",
                   "浙江在线", later(l["published"], 140)), "retitled", "retitled with 原标题")
    add(l, with_lines(l, link="https://www.163.com/dy/article/J3GQ1S2H05148UNR.html", feed="网易财经", published=later(l["published"], 300), keep=3),
        "edited-copy", "trimmed ending: last paragraph dropped")

    # --- 湖州绿色贷款 ------------------------------------------------------------------------------------------
    h = S["hz_green"]
    add(h, retitle(h, "湖州绿色贷款占比超三成 转型贷款惠及1360家企业", "https://www.financialnews.com.cn/qy/dfjr/202406/t20240605_296002.html",
                   "中国金融新闻网", later(h["published"], 600)), "retitled", "retitled with 原标题")
    add(h, with_lines(h, link="https://m.hz66.com/2024/0605/412783.shtml?from=singlemessage", feed="湖州在线（手机版）"),
        "mobile-url", "m.hz66.com: a mobile host the default host table does not know; path identical")
    add(h, A(h["title"], "https://www.jrj.com.cn/article/2024/06/04/412783a1.shtml", h["text"].split("\n")[0], later(h["published"], 45), "金融界"),
        "summary-only", "only the first paragraph, same title")

    # --- 嘉兴科创金融 ------------------------------------------------------------------------------------------
    j = S["jx_kc"]
    add(j, retitle(j, "嘉兴推出“科创指数贷” 已发放贷款96.7亿元", "https://finance.sina.com.cn/roll/2024-05-16/doc-inauzmfh7731804.shtml",
                   "新浪财经", later(j["published"], 80)), "retitled", "retitled with 原标题")
    add(j, with_lines(j, link="https://zjnews.zjol.com.cn/zjnews/jxnews/202405/t20240516_26840175.shtml", feed="浙江在线", published=later(j["published"], 160),
                      before=["长三角G60科创走廊建设加速推进，科创金融成为嘉兴金融改革的关键词。"]), "edited-copy", "lead sentence added")

    # --- 台州小微金改 -------------------------------------------------------------------------------------------
    q = S["tz_small"]
    add(q, retitle(q, "台州“信保基金”十年累计担保超1500亿元 代偿率控制在1%以内", "https://finance.eastmoney.com/a/202405273087716530.html",
                   "东方财富网", later(q["published"], 90), editor="王俊"), "retitled", "retitled, 原标题, 来源, 责任编辑")
    add(q, with_lines(q, link="https://www.chinanews.com.cn/cj/2024/05-27/10223901.shtml", feed="中国新闻网", published=later(q["published"], 240),
                      before=["来源：台州日报"], after=["责任编辑：张晓婉"]), "edited-copy", "来源 and 责任编辑 lines only")
    add(q, to_hk(q, link="https://www.wenweipo.com/a/202405/27/AP6654a1e3e4b0b1f2c9d7a812.html", feed="文匯報", published=later(q["published"], 500)),
        "trad-chinese", "traditional characters, converted title")

    # --- 义乌跨境人民币 -----------------------------------------------------------------------------------------
    y = S["yw_rmb"]
    yp = y["text"].split("\n")
    add(y, A("义乌小商品“人民币结算+收款码”见效：外商可直接付人民币", "http://www.news.cn/fortune/20240510/8a1c2f7d9e0b4d21a3c6f5e2b7d8c9e1/c.html",
             ["新华社杭州5月10日电 记者从人民银行金华市分行了解到，1—4月，义乌市场采购贸易方式跨境人民币结算量68.3亿元，同比增长103.4%。"] + yp[1:],
             later(y["published"], 700), "新华网"),
        "retitled-no-original", "agency rewrite of the lead, new headline without 原标题, body paragraphs verbatim")
    add(y, with_lines(y, link="https://www.163.com/dy/article/J1UF6B8405148UNR.html", feed="网易财经", published=later(y["published"], 120),
                      after=["（来源：金华日报）"]), "portal-copy", "same title on an aggregator, source line appended")

    # --- 绍兴凤凰行动 -----------------------------------------------------------------------------------------
    g = S["sx_ipo"]
    gp = g["text"].split("\n")
    add(g, A("绍兴上市公司增至112家 并购重组交易额超1200亿元", "https://www.cs.com.cn/ssgs/gsxw/202405/t20240513_6411874.html",
             ["中证网讯 " + gp[0].split(" ", 2)[-1]] + gp[1:], later(g["published"], 420), "中证网"),
        "retitled-no-original", "new headline without 原标题; byline replaced, paragraphs verbatim")
    add(g, with_lines(g, link="https://www.sohu.com/a/778234515_121123740", feed="搜狐财经", published=later(g["published"], 260),
                      before=["来源：绍兴日报"], after=["责任编辑："]), "edited-copy", "来源 line and an empty 责任编辑 line")

    # --- 舟山油气人民币结算 ---------------------------------------------------------------------------------
    u = S["zs_oil"]
    add(u, retitle(u, "舟山船加油人民币结算前5月达86.4亿元", "https://finance.sina.com.cn/money/forex/2024-06-03/doc-inaxcuha8851236.shtml",
                   "新浪财经", later(u["published"], 65)), "retitled", "retitled; the new headline picks a figure from paragraph 2")
    add(u, with_lines(u, link="https://zjnews.zjol.com.cn/zjnews/zsnews/202406/t20240603_26889513.shtml", feed="浙江在线", published=later(u["published"], 110), keep=2),
        "edited-copy", "trimmed to the first two paragraphs")

    # --- 杭州人工智能金融十条 -----------------------------------------------------------------------------
    a = S["hz_ai"]
    ap = a["text"].split("\n")
    add(a, A("杭州：人工智能企业首年投保可获50%保费补贴", "https://www.21jingji.com/article/20240605/herald/9a0e5b4c7d1f4e62.html",
             ["21世纪经济报道记者 钱玉娟 杭州报道 6月4日，杭州发布《杭州市金融支持人工智能产业高质量发展的若干措施》，明确到2026年末全市人工智能产业贷款余额突破1000亿元。"] + ap[1:],
             later(a["published"], 240), "21世纪经济报道"),
        "retitled-no-original", "another outlet's headline and lead; paragraphs 2–5 verbatim; no 原标题")
    add(a, with_lines(a, link="https://m.hangzhou.com.cn/jingji/content/2024-06/05/content_8743918.htm?utm_source=app&utm_medium=android",
                      feed="杭州网（手机版）"), "mobile-url", "m.hangzhou.com.cn mirror (host not in the default table), utm_ parameters")
    add(a, A(a["title"], "https://www.jiemian.com/article/11263051.html", summary(a, 120), later(a["published"], 35), "界面新闻"),
        "summary-only", "same title, ~120-character summary")

    out += revised_docs()
    return out


# =====================================================================================================
# Negatives, part 1: the same template with other places, periods or dates.
# =====================================================================================================
PROVINCES = {"浙江": 233000, "江苏": 251000, "福建": 82000, "安徽": 91000, "江西": 62000, "山东": 152000,
             "湖南": 76000, "四川": 113000, "广东": 286000, "河南": 89000, "湖北": 84000, "河北": 98000}
CITIES = {"衢州": 5620, "丽水": 5240, "金华": 14100, "台州": 16300, "湖州": 11050, "绍兴": 18400, "嘉兴": 17200,
          "温州": 24600, "舟山": 3610, "宁波": 32800}


def fmt(x, nd=2):
    return f"{x:.{nd}f}"


def brief(place, m, *, media=False, year=2024):
    """A PBOC branch's monthly 金融统计数据简报 (or a paper's story on it). Deterministic per place/month."""
    prov = place in PROVINCES
    base = PROVINCES[place] if prov else CITIES[place]
    r = random.Random(f"brief/{place}")
    g0 = r.uniform(8.0, 13.5)
    dep_ratio = r.uniform(0.92, 1.18)
    rm = random.Random(f"brief/{place}/{m}")
    loan = base * (1 + 0.0075 * (m - 4)) * (1 + rm.uniform(-0.002, 0.002))
    dep = loan * dep_ratio * (1 + rm.uniform(-0.004, 0.004))
    lg, dg = g0 - 0.25 * (m - 4) + rm.uniform(-0.3, 0.3), g0 - 1.5 + rm.uniform(-0.8, 0.8)
    loan_m = loan * rm.uniform(0.003, 0.011)
    dep_m = dep * rm.uniform(-0.012, 0.02)
    ld = loan_m * rm.uniform(-0.35, 0.25)
    dd = dep_m * rm.uniform(-0.4, 0.4)
    rmb_loan, rmb_dep = loan * rm.uniform(0.975, 0.99), dep * rm.uniform(0.965, 0.985)
    hh_dep, hh_loan = dep_m * rm.uniform(0.3, 0.9) + loan * 0.002, loan_m * rm.uniform(0.2, 0.45)
    corp_loan = loan_m - hh_loan
    mlt = corp_loan * rm.uniform(0.5, 0.8)
    issuer = f"人民银行{place}{'省' if prov else '市'}分行"
    whole = f"{place}{'省' if prov else '市'}"
    sgn = lambda x, pos, neg: (pos if x >= 0 else neg) + fmt(abs(x), 1)
    text = [
        "一、本外币存款",
        f"{year}年{m}月末，{whole}本外币各项存款余额{fmt(dep, 1)}亿元，同比增长{fmt(dg, 1)}%。{m}月份，本外币存款{sgn(dep_m, '增加', '减少')}亿元，同比{sgn(dd, '多增', '少增')}亿元。",
        "二、本外币贷款",
        f"{m}月末，{whole}本外币各项贷款余额{fmt(loan, 1)}亿元，同比增长{fmt(lg, 1)}%。{m}月份，本外币贷款增加{fmt(loan_m, 1)}亿元，同比{sgn(ld, '多增', '少增')}亿元。",
        "三、人民币存款",
        f"{m}月末，{whole}人民币各项存款余额{fmt(rmb_dep, 1)}亿元，同比增长{fmt(dg + rm.uniform(-0.3, 0.3), 1)}%。分部门看，住户存款{sgn(hh_dep, '增加', '减少')}亿元，非金融企业存款{sgn(dep_m - hh_dep, '增加', '减少')}亿元。",
        "四、人民币贷款",
        f"{m}月末，{whole}人民币各项贷款余额{fmt(rmb_loan, 1)}亿元，同比增长{fmt(lg + rm.uniform(-0.2, 0.2), 1)}%。分部门看，住户贷款增加{fmt(hh_loan, 1)}亿元，企（事）业单位贷款增加{fmt(corp_loan, 1)}亿元，其中中长期贷款增加{fmt(mlt, 1)}亿元。",
        f"（{issuer}调查统计处）",
    ]
    day = 10 + (sum(map(ord, place)) + m) % 8
    pub = f"{year}-{m + 1:02d}-{day:02d}T08:00:00Z"
    code = abs(hash_str(place)) % 9000 + 1000
    if media:
        title = f"{m}月末{place}本外币各项贷款余额{fmt(loan / 10000, 2) + '万亿元' if loan >= 10000 else fmt(loan, 1) + '亿元'} 同比增长{fmt(lg, 1)}%"
        text = [f"记者从{issuer}获悉，{m}月末，{whole}本外币各项贷款余额{fmt(loan, 1)}亿元，同比增长{fmt(lg, 1)}%；本外币各项存款余额{fmt(dep, 1)}亿元，同比增长{fmt(dg, 1)}%。",
                text[3].split("。")[1] + "。", text[5], text[7]]
        return A(title, f"https://finance.sina.com.cn/jjxw/{year}-{m + 1:02d}-{day:02d}/doc-inb{code}{m:02d}kz{day}.shtml", text, later(pub, 90), "新浪财经")
    py = PINYIN[place]
    return A(f"{year}年{m}月{whole}金融统计数据简报", f"http://{py}.pbc.gov.cn/{py}/{code * 7 % 100000 + 120000}/{year}{m + 1:02d}{day:02d}{code}/index.html",
             text, pub, issuer)


PINYIN = {"浙江": "hangzhou", "江苏": "nanjing", "福建": "fuzhou", "安徽": "hefei", "江西": "nanchang", "山东": "jinan",
          "湖南": "changsha", "四川": "chengdu", "广东": "guangzhou", "河南": "zhengzhou", "湖北": "wuhan", "河北": "shijiazhuang",
          "衢州": "quzhou", "丽水": "lishui", "金华": "jinhua", "台州": "taizhou", "湖州": "huzhou", "绍兴": "shaoxing",
          "嘉兴": "jiaxing", "温州": "wenzhou", "舟山": "zhoushan", "宁波": "ningbo"}


def hash_str(s):
    h = 2166136261
    for ch in s.encode():
        h = ((h ^ ch) * 16777619) & 0xFFFFFFFF
    return h


def monthly_negatives():
    out = []
    prov_pairs = [("浙江", "江苏"), ("福建", "安徽"), ("江西", "湖南"), ("山东", "河南"), ("四川", "湖北"), ("广东", "江苏"),
                  ("河北", "河南"), ("浙江", "福建"), ("安徽", "江西"), ("湖北", "湖南"), ("山东", "河北"), ("广东", "浙江")]
    for i, (x, y) in enumerate(prov_pairs):
        m, media = 3 + i % 4, i % 3 == 2
        out.append(P(brief(x, m, media=media), brief(y, m, media=media), False, "monthly-two-places",
                     f"{m}月 statistics briefs of two provinces ({x}, {y}): same template and month, different place and figures"
                     + ("; newspaper form" if media else "")))
    city_pairs = [("衢州", "丽水"), ("金华", "台州"), ("湖州", "嘉兴"), ("绍兴", "温州"), ("舟山", "衢州"), ("宁波", "温州"),
                  ("丽水", "金华"), ("台州", "湖州"), ("嘉兴", "绍兴"), ("衢州", "湖州"), ("温州", "台州"), ("舟山", "丽水"), ("宁波", "绍兴")]
    for i, (x, y) in enumerate(city_pairs):
        m, media = 3 + (i + 1) % 4, i % 3 == 1
        out.append(P(brief(x, m, media=media), brief(y, m, media=media), False, "monthly-two-places",
                     f"{m}月 statistics briefs of two cities ({x}, {y}): same template and month, different place and figures"
                     + ("; newspaper form" if media else "")))
    series = [("浙江", 4), ("江苏", 5), ("福建", 3), ("广东", 5), ("四川", 4), ("衢州", 4), ("丽水", 5), ("金华", 3),
              ("湖州", 5), ("温州", 4), ("宁波", 3), ("台州", 5), ("嘉兴", 4), ("绍兴", 3)]
    for i, (x, m) in enumerate(series):
        media = i % 2 == 1
        out.append(P(brief(x, m, media=media), brief(x, m + 1, media=media), False, "monthly-series",
                     f"{x}: the {m}月 and {m + 1}月 issues of one monthly series (same place and template, next period)"
                     + ("; newspaper form, titles differ only in month and figures" if media else "; titles differ only in the month")))
    out.append(P(S["zj4"], S["zj5"], False, "monthly-series", "浙江日报's April and May credit stories: same writer, template and place"))
    out.append(P(S["zj5"], S["zj6"], False, "monthly-series", "浙江日报's May and June credit stories: same writer, template and place"))
    out.append(P(S["fx4"], S["fx5"], False, "monthly-series", "two monthly foreign-reserve releases: identical boilerplate paragraphs, different month and figures"))
    out.append(P(S["fx5"], S["fx6"], False, "monthly-series", "two monthly foreign-reserve releases: identical third paragraph, different month and figures"))
    q1 = A("人民银行浙江省分行：上半年全省新发放普惠小微贷款加权平均利率4.58%", "https://www.cls.cn/detail/1731906",
           ["财联社7月16日电，人民银行浙江省分行今日召开新闻发布会，上半年全省新发放普惠小微贷款加权平均利率4.58%，同比下降0.52个百分点。6月末，全省普惠小微贷款余额4.42万亿元，同比增长16.6%，授信户数达到631万户。"],
           "2024-07-16T02:41:00Z", "财联社")
    out.append(P(S["cls_flash"], q1, False, "monthly-series", "two flashes from the same quarterly press conference series (一季度 vs 上半年): one sentence template"))
    y5 = A("义乌市场采购贸易跨境人民币结算量前5月同比增长96%", "https://www.jhnews.com.cn/2024/0612/1231806.shtml",
           ["金华日报记者 朱敏 记者从人民银行金华市分行获悉，今年1—5月，义乌市场采购贸易方式跨境人民币结算量达87.9亿元，同比增长96.2%，涉及境外采购商来自130多个国家和地区。",
            "5月当月，义乌市场采购贸易跨境人民币结算量19.6亿元，创单月新高。其中，来自共建“一带一路”国家的采购商使用人民币结算的占比达到58%。",
            "目前，义乌已有1.7万户个体工商户开立了个人外汇账户或跨境人民币结算账户。人民银行金华市分行表示，将继续推动跨境人民币结算在小商品贸易中的应用。"],
           "2024-06-11T22:50:00Z", "金华日报")
    out.append(P(S["yw_rmb"], y5, False, "monthly-series", "前4月 vs 前5月 of the same local statistic, same reporter; closing sentence shared"))
    return out


# --- one template policy issued by two cities -----------------------------------------------------------
GOVS = {  # place: (government office, 文号 prefix, county?)
    "衢州": ("衢州市人民政府办公室", "衢政办发", False), "丽水": ("丽水市人民政府办公室", "丽政办发", False),
    "金华": ("金华市人民政府办公室", "金政办发", False), "台州": ("台州市人民政府办公室", "台政办发", False),
    "湖州": ("湖州市人民政府办公室", "湖政办发", False), "绍兴": ("绍兴市人民政府办公室", "绍政办发", False),
    "嘉兴": ("嘉兴市人民政府办公室", "嘉政办发", False), "温州": ("温州市人民政府办公室", "温政办发", False),
    "舟山": ("舟山市人民政府办公室", "舟政办发", False), "江山": ("江山市人民政府办公室", "江政办发", True),
    "常山": ("常山县人民政府办公室", "常政办发", True), "开化": ("开化县人民政府办公室", "开政办发", True),
    "龙游": ("龙游县人民政府办公室", "龙政办发", True),
}


HOSTS = {  # government site, news site, paper
    "衢州": ("qz.gov.cn", "qz828.com", "衢州日报"), "丽水": ("lishui.gov.cn", "lsnews.com.cn", "丽水日报"),
    "金华": ("jinhua.gov.cn", "jhnews.com.cn", "金华日报"), "台州": ("zjtz.gov.cn", "taizhou.com.cn", "台州日报"),
    "湖州": ("huzhou.gov.cn", "hz66.com", "湖州日报"), "绍兴": ("sx.gov.cn", "sxnews.cn", "绍兴日报"),
    "嘉兴": ("jiaxing.gov.cn", "cnjxol.com", "嘉兴日报"), "温州": ("wenzhou.gov.cn", "66wz.com", "温州日报"),
    "舟山": ("zhoushan.gov.cn", "zhoushan.cn", "舟山日报"), "江山": ("jiangshan.gov.cn", "jsnews.com.cn", "今日江山"),
    "常山": ("zjcs.gov.cn", "csnews.com.cn", "今日常山"), "开化": ("kaihua.gov.cn", "khnews.com.cn", "今日开化"),
    "龙游": ("longyou.gov.cn", "lynews.com.cn", "今日龙游"),
}


def unit(place):
    return place + ("县" if place in ("常山", "开化", "龙游") else "市")


def policy(tpl, place, num, date, figs, media=False):
    office, prefix, county = GOVS[place]
    u = unit(place)
    subs = "各乡镇人民政府、街道办事处，县政府各部门：" if county else "各县（市、区）人民政府，市政府各部门、直属各单位："
    docno = f"{prefix}〔2024〕{num}号"
    mm, dd = date
    if tpl == "small":
        name = f"{u}金融支持小微企业高质量发展若干措施"
        items = [
            f"一、加大信贷投放。力争2024年全{u[-1]}新增小微企业贷款{figs[0]}亿元以上，普惠型小微企业贷款增速不低于各项贷款平均增速。",
            f"二、降低融资成本。对小微企业新发放的1年期以内流动资金贷款，按实际发放金额给予{figs[1]}%的年化贴息，单户每年最高{figs[2]}万元。",
            "三、推广无还本续贷。银行机构对生产经营正常、暂时存在资金困难的小微企业，应按照无还本续贷方式给予支持，不得随意抽贷、断贷、压贷。",
            f"四、强化融资担保。政府性融资担保机构对小微企业的担保费率不高于{figs[3]}%，单户担保金额最高{figs[4]}万元。",
            f"五、建立风险补偿。设立小微企业贷款风险补偿资金池，对银行机构发生的小微企业贷款损失，按损失金额的{figs[5]}%给予补偿。",
            "六、加强考核激励。将银行机构支持小微企业情况纳入年度金融机构支持地方经济发展考评，考评结果与财政资金存放挂钩。",
        ]
        mtitle = f"{place}出台若干措施支持小微企业融资：新增贷款{figs[0]}亿元以上 贴息{figs[1]}%"
    elif tpl == "firstloan":
        name = f"{u}首贷户拓展三年行动方案（2024—2026年）"
        items = [
            f"一、工作目标。到2026年末，全{u[-1]}累计新增首贷户{figs[0]}户以上，其中小微企业首贷户不少于{figs[1]}户，首贷户贷款加权平均利率较2023年下降{figs[2]}个基点。",
            "二、建立首贷户培育清单。由市场监管、税务、经信等部门按季度梳理有融资需求但未获得贷款的市场主体，推送银行机构对接。",
            f"三、设立首贷服务中心。在{u}行政服务中心设立首贷服务中心，银行机构派驻专人，实现首贷业务“一站式”办理。",
            f"四、实施首贷奖励。对当年新增首贷户数量排名前{figs[3]}位的银行机构，给予每家{figs[4]}万元奖励。",
            "五、健全尽职免责。银行机构对首贷户贷款的不良容忍度可较全部贷款提高3个百分点，对已尽职的信贷人员免于追责。",
        ]
        mtitle = f"{place}印发首贷户拓展三年行动方案：到2026年新增首贷户{figs[0]}户以上"
    else:  # "rural"
        name = f"{u}普惠金融服务乡村振兴改革试验实施方案"
        items = [
            f"一、总体目标。到2025年末，全{u[-1]}涉农贷款余额达到{figs[0]}亿元，农户授信覆盖率达到{figs[1]}%以上，行政村基础金融服务覆盖率保持100%。",
            f"二、深化农村信用体系建设。全面推广农户家庭资产负债表融资模式，{figs[2]}年底前实现行政村全覆盖。",
            "三、拓展农村产权抵押融资。推进林权、土地经营权、农房使用权、村集体经营性资产股权等抵质押融资，建立农村产权价值评估和处置机制。",
            f"四、完善农业保险保障。扩大政策性农业保险覆盖面，主要农作物保险覆盖率达到{figs[3]}%以上，推广“保险+期货”试点。",
            f"五、加大财政支持力度。{u}财政每年安排不少于{figs[4]}万元资金，用于涉农贷款贴息、风险补偿和农业保险保费补贴。",
        ]
        mtitle = f"{place}出台普惠金融服务乡村振兴实施方案 到2025年涉农贷款余额达{figs[0]}亿元"
    title = f"{office}关于印发{name}的通知"
    body = [docno, subs, f"《{name}》已经{u}人民政府同意，现印发给你们，请结合实际认真贯彻落实。", name] + items + [office, f"2024年{mm}月{dd}日"]
    gov_host, news_host, paper = HOSTS[place]
    link = f"https://www.{gov_host}/art/2024/{mm}/{dd}/art_1229{hash_str(place) % 900000 + 100000}_{hash_str(place + tpl) % 9000000 + 1000000}.html"
    if media:
        lead = f"记者从{office}获悉，{u}近日印发《{name}》（{docno}），共提出{len(items)}方面举措。"
        return A(mtitle, f"https://www.{news_host}/system/2024/{mm:02d}/{dd:02d}/0{hash_str(place + tpl + str(num)) % 90000000 + 10000000}.shtml",
                 [lead] + items, f"2024-{mm:02d}-{dd:02d}T10:00:00Z", paper)
    return A(title, link, body, f"2024-{mm:02d}-{dd:02d}T02:00:00Z", office)


FIGS = {"small": (60, 1, 20, 0.8, 1000, 20), "firstloan": (3000, 1200, 30, 5, 20), "rural": (800, 90, 2024, 90, 2000)}


def vary(figs, seed):
    r = random.Random(seed)
    out = []
    for f in figs:
        if isinstance(f, float):
            out.append(round(f + r.choice([-0.2, 0.1, 0.2]), 1))
        elif f >= 2000 and f < 2100:  # a year stays a year
            out.append(f + r.choice([0, 1]))
        else:
            out.append(max(1, int(f * r.choice([0.5, 0.75, 1.5, 2]))))
    return tuple(out)


def template_negatives():
    out = []
    specs = [  # (template, place a, place b, same figures?, media form?)
        ("small", "衢州", "丽水", True, False), ("small", "金华", "台州", False, False), ("small", "湖州", "绍兴", True, False),
        ("small", "嘉兴", "温州", False, False), ("small", "江山", "常山", True, False), ("small", "开化", "龙游", False, False),
        ("small", "衢州", "丽水", True, True), ("small", "舟山", "湖州", False, True),
        ("firstloan", "衢州", "金华", True, False), ("firstloan", "丽水", "台州", False, False), ("firstloan", "常山", "开化", True, False),
        ("firstloan", "绍兴", "嘉兴", False, False), ("firstloan", "温州", "湖州", True, True), ("firstloan", "江山", "龙游", False, True),
        ("rural", "衢州", "丽水", True, False), ("rural", "江山", "常山", False, False), ("rural", "开化", "龙游", True, False),
        ("rural", "金华", "台州", False, False), ("rural", "湖州", "嘉兴", True, True), ("rural", "温州", "舟山", False, True),
    ]
    for i, (tpl, x, y, same, media) in enumerate(specs):
        fa = FIGS[tpl]
        if GOVS[x][2]:  # a county's targets are smaller than a city's
            fa = tuple(max(1, f // 5) if i in (0, 1) and tpl != "rural" else (max(1, f // 4) if i in (0, 4) and tpl == "rural" else f)
                       for i, f in enumerate(fa))
        fb = fa if same else vary(fa, f"{tpl}/{x}/{y}")
        da, db = (3 + i % 5, 4 + i % 20), (3 + (i + 1) % 5, 8 + i % 19)
        a = policy(tpl, x, 5 + i % 17, da, fa, media)
        b = policy(tpl, y, 7 + (i * 3) % 23, db, fb, media)
        out.append(P(a, b, False, "template-two-cities",
                     f"one template policy ({tpl}) issued by {unit(x)} and {unit(y)}: different 文号 and place"
                     + ("; every figure identical" if same else "; some figures differ") + ("; news form" if media else "; document form")))
    return out


# --- the same company's results for two periods ------------------------------------------------------
COMPANIES = [  # name, code, bank?
    ("瓯江银行", "601977", True), ("婺州银行", "601528", True), ("钱塘农商银行", "601863", True),
    ("衢江新材料", "603726", False), ("山海智能科技", "688415", False), ("浙东港口物流", "603358", False),
    ("兰溪药业", "300982", False), ("甬江证券", "601706", False),
]
PERIODS = {  # key: (report name, period phrase, period end, disclosure date, growth drift)
    "Q1": ("2024年第一季度报告", "今年一季度", "2024年3月末", (4, 26)),
    "H1": ("2024年半年度报告", "今年上半年", "2024年6月末", (8, 28)),
    "Q3": ("2024年第三季度报告", "今年前三季度", "2024年9月末", (10, 29)),
    "FY": ("2023年年度报告", "2023年", "2023年末", (3, 28)),
}


def results(co, code, bank, period, media):
    name, phrase, end, (mm, dd) = PERIODS[period]
    r = random.Random(f"results/{co}")
    scale = {"Q1": 1, "H1": 2.03, "Q3": 3.08, "FY": 3.9}[period]
    rp = random.Random(f"results/{co}/{period}")
    rev = r.uniform(20, 120) * scale * rp.uniform(0.97, 1.03)
    np_ = rev * r.uniform(0.08, 0.35) * rp.uniform(0.95, 1.05)
    rg, ng = r.uniform(-3, 12) + rp.uniform(-2, 2), r.uniform(-8, 18) + rp.uniform(-3, 3)
    year = "2023" if period == "FY" else "2024"
    pub = f"{2024}-{mm:02d}-{dd:02d}T11:{10 + len(co):02d}:00Z"
    word = lambda x: ("增长" if x >= 0 else "下降") + fmt(abs(x), 2)
    if bank:
        grow = {"FY": 0, "Q1": 3.1, "H1": 5.4, "Q3": 7.2}[period] + rp.uniform(-0.6, 0.6)
        asset = r.uniform(2500, 6000) * (1 + grow / 100)
        rev = asset * r.uniform(0.0052, 0.0068) * scale * rp.uniform(0.97, 1.03)
        np_ = rev * r.uniform(0.28, 0.4) * rp.uniform(0.95, 1.05)
        npl, cov = r.uniform(0.75, 1.3) + rp.uniform(-0.04, 0.04), r.uniform(250, 480) + rp.uniform(-12, 12)
        text = [
            f"{co}（{code}.SH）披露{name}。{phrase}，该行实现营业收入{fmt(rev)}亿元，同比{word(rg)}%；归属于本行股东的净利润{fmt(np_)}亿元，同比{word(ng)}%；基本每股收益{fmt(np_ / 40, 2)}元。",
            f"截至{end}，{co}资产总额{fmt(asset)}亿元，较上年末增长{fmt(grow if period != 'FY' else r.uniform(8, 13))}%；各项贷款余额{fmt(asset * 0.56)}亿元，各项存款余额{fmt(asset * 0.71)}亿元。",
            f"资产质量方面，{end}该行不良贷款率为{fmt(npl)}%，拨备覆盖率{fmt(cov)}%；资本充足率{fmt(r.uniform(11.5, 14) + rp.uniform(-0.3, 0.3))}%，核心一级资本充足率{fmt(r.uniform(8.2, 10) + rp.uniform(-0.2, 0.2))}%。",
            f"{co}表示，{phrase}该行持续加大对小微企业、制造业和绿色产业的信贷支持，普惠型小微企业贷款余额{fmt(asset * 0.12)}亿元，较上年末增长{fmt(3 * scale + rp.uniform(-1, 1))}%。",
        ]
    else:
        cf = np_ * rp.uniform(0.4, 1.6)
        text = [
            f"{co}（{code}）披露{name}。{phrase}，公司实现营业收入{fmt(rev)}亿元，同比{word(rg)}%；归属于上市公司股东的净利润{fmt(np_)}亿元，同比{word(ng)}%；扣除非经常性损益后的净利润{fmt(np_ * rp.uniform(0.85, 0.98))}亿元。",
            f"报告期内，公司经营活动产生的现金流量净额{fmt(cf)}亿元，研发投入{fmt(rev * r.uniform(0.03, 0.09))}亿元，占营业收入的比重为{fmt(r.uniform(3, 9))}%。",
            f"截至{end}，公司总资产{fmt(rev * 2.6 / scale * 3)}亿元，归属于上市公司股东的净资产{fmt(rev * 1.2 / scale * 3)}亿元，资产负债率{fmt(r.uniform(30, 62) + rp.uniform(-2, 2))}%。",
            f"{co}表示，{phrase}公司主营产品销量保持增长，海外市场收入占比提升至{fmt(r.uniform(12, 35) + rp.uniform(-2, 2), 1)}%，公司将继续推进产能建设和产品结构优化。",
        ]
    if media:
        title = f"{co}{phrase.replace('今年', '')}净利润{fmt(np_)}亿元 同比{word(ng)}%"
        link = f"https://finance.eastmoney.com/a/{year if period != 'FY' else '2024'}{mm:02d}{dd:02d}{hash_str(co + period) % 10**10:010d}.html"
        return A(title, link, text, later(pub, 40), "东方财富网")
    return A(f"{co}：{name}", f"https://www.cninfo.com.cn/new/disclosure/detail?stockCode={code}&announcementId={hash_str(co + period) % 10**10}",
             text, pub, "巨潮资讯网")


def company_negatives():
    out = []
    specs = [("瓯江银行", "Q1", "H1", False), ("瓯江银行", "H1", "Q3", True), ("婺州银行", "Q1", "H1", True), ("婺州银行", "FY", "Q1", False),
             ("钱塘农商银行", "H1", "Q3", False), ("钱塘农商银行", "Q1", "Q3", True), ("衢江新材料", "Q1", "H1", False),
             ("衢江新材料", "H1", "Q3", True), ("山海智能科技", "FY", "Q1", True), ("山海智能科技", "H1", "Q3", False),
             ("浙东港口物流", "Q1", "H1", True), ("浙东港口物流", "H1", "Q3", False), ("兰溪药业", "Q1", "H1", False),
             ("兰溪药业", "H1", "Q3", True), ("甬江证券", "Q1", "H1", True)]
    info = {c[0]: c for c in COMPANIES}
    for co, p1, p2, media in specs:
        _, code, bank = info[co]
        out.append(P(results(co, code, bank, p1, media), results(co, code, bank, p2, media), False, "company-periods",
                     f"{co}: {PERIODS[p1][0]} vs {PERIODS[p2][0]} — same company and template, different period and figures"
                     + ("; news form" if media else "; filing form")))
    return out


# --- PBOC daily operations and LPR --------------------------------------------------------------------
def omo(y, m, d, no, amt, rate="1.80", media=False, maturing=None):
    date = f"{y}年{m}月{d}日"
    pub = f"{y}-{m:02d}-{d:02d}T01:20:00Z"
    if media:
        mat = maturing if maturing is not None else amt
        net = amt - mat
        tail = "实现零投放零回笼" if net == 0 else (f"实现净投放{net}亿元" if net > 0 else f"实现净回笼{-net}亿元")
        return A(f"央行今日开展{amt}亿元7天期逆回购操作 {tail}",
                 f"https://www.cls.cn/detail/{1600000 + m * 31 * 997 + d * 997}",
                 [f"财联社{m}月{d}日电，央行公告称，为维护银行体系流动性合理充裕，{date}人民银行以利率招标方式开展了{amt}亿元逆回购操作，期限7天，中标利率{rate}%，与此前持平。因今日有{mat}亿元逆回购到期，{tail}。"],
                 later(pub, 2), "财联社")
    return A(f"公开市场业务交易公告 [{y}]第{no}号",
             f"http://www.pbc.gov.cn/zhengcehuobisi/125207/125213/125431/125475/{y}{m:02d}{d:02d}0915{no:04d}/index.html",
             [f"为维护银行体系流动性合理充裕，{date}人民银行以利率招标方式开展了{amt}亿元逆回购操作。", "逆回购操作情况",
              "期限 投标量 中标量 中标利率", f"7天 {amt}亿元 {amt}亿元 {rate}%"], pub, "中国人民银行")


def lpr(y, m, d, one, five, media=False):
    pub = f"{y}-{m:02d}-{d:02d}T01:15:00Z"
    if media:
        return A(f"{m}月LPR报价出炉：1年期{one}%，5年期以上{five}%",
                 f"https://www.yicai.com/news/{102000000 + m * 40000 + d * 100}.html",
                 [f"第一财经记者 杜川 {m}月{d}日，全国银行间同业拆借中心公布最新一期贷款市场报价利率（LPR）：1年期LPR为{one}%，5年期以上LPR为{five}%，均与上月持平。",
                  "业内人士表示，当前银行净息差处于低位，LPR继续下调的空间受到一定制约，后续仍需关注政策利率变化。"], later(pub, 30), "第一财经")
    return A(f"{y}年{m}月{d}日全国银行间同业拆借中心受权公布贷款市场报价利率（LPR）公告",
             f"http://www.pbc.gov.cn/zhengcehuobisi/125207/125213/125440/3876551/{y}{m:02d}{d:02d}0900{m:02d}{d:02d}/index.html",
             [f"中国人民银行授权全国银行间同业拆借中心公布，{y}年{m}月{d}日贷款市场报价利率（LPR）为：1年期LPR为{one}%，5年期以上LPR为{five}%。以上LPR在下一次发布LPR之前有效。"],
             pub, "中国人民银行")


def pboc_negatives():
    out = []
    omos = [((2024, 6, 3, 105, 20), (2024, 6, 4, 106, 20), "consecutive days, same amount and rate: only the date and 公告 number differ"),
            ((2024, 6, 11, 111, 20), (2024, 6, 12, 112, 20), "consecutive days, same amount and rate: only the date and 公告 number differ"),
            ((2024, 5, 27, 99, 30), (2024, 5, 28, 100, 20), "consecutive days, different amounts"),
            ((2024, 6, 24, 122, 1180), (2024, 6, 25, 123, 2200), "quarter-end injections of different size"),
            ((2024, 4, 30, 83, 20), (2024, 5, 6, 84, 20), "before and after a holiday, same amount"),
            ((2024, 6, 28, 126, 2200), (2024, 7, 1, 127, 20), "the last notice of June and the first of July")]
    for x, y, why in omos:
        out.append(P(omo(*x), omo(*y), False, "pboc-operations", "two daily open-market-operation notices: " + why))
    media = [((2024, 6, 3, 0, 20), dict(maturing=20), (2024, 6, 4, 0, 20), dict(maturing=20), "identical wording and amounts, consecutive days (零投放零回笼)"),
             ((2024, 6, 17, 0, 20), dict(maturing=20), (2024, 6, 18, 0, 20), dict(maturing=20), "identical wording and amounts, consecutive days"),
             ((2024, 6, 20, 0, 70), dict(maturing=20), (2024, 6, 21, 0, 100), dict(maturing=20), "same wording, different injection"),
             ((2024, 6, 26, 0, 2300), dict(maturing=20), (2024, 6, 27, 0, 2300), dict(maturing=20), "same amount two days running (quarter end)")]
    for x, kx, y, ky, why in media:
        out.append(P(omo(*x, media=True, **kx), omo(*y, media=True, **ky), False, "pboc-operations", "two daily flashes on reverse repos: " + why))
    mlf_a = A("央行开展1250亿元MLF操作 中标利率2.50%", "https://www.cls.cn/detail/1683402",
              ["财联社5月15日电，央行公告称，为维护银行体系流动性合理充裕，2024年5月15日人民银行开展1250亿元中期借贷便利（MLF）操作，期限1年，中标利率2.50%，与上期持平。当月有1250亿元MLF到期，实现等量续作。"],
              "2024-05-15T01:25:00Z", "财联社")
    mlf_b = A("央行开展1820亿元MLF操作 中标利率2.50%", "https://www.cls.cn/detail/1706518",
              ["财联社6月17日电，央行公告称，为维护银行体系流动性合理充裕，2024年6月17日人民银行开展1820亿元中期借贷便利（MLF）操作，期限1年，中标利率2.50%，与上期持平。当月有2370亿元MLF到期，实现净回笼550亿元。"],
              "2024-06-17T01:25:00Z", "财联社")
    out.append(P(mlf_a, mlf_b, False, "pboc-operations", "two monthly MLF operations: same rate and wording, different month and amount"))
    mlf_c = A("央行开展1000亿元MLF操作 中标利率2.50%", "https://www.cls.cn/detail/1658821",
              ["财联社4月17日电，央行公告称，为维护银行体系流动性合理充裕，2024年4月17日人民银行开展1000亿元中期借贷便利（MLF）操作，期限1年，中标利率2.50%，与上期持平。当月有1700亿元MLF到期，实现净回笼700亿元。"],
              "2024-04-17T01:25:00Z", "财联社")
    out.append(P(mlf_c, mlf_a, False, "pboc-operations", "two monthly MLF operations (April, May)"))
    return out


def lpr_negatives():
    out = []
    for (m1, d1_, m2, d2_, media) in [(3, 20, 4, 22, False), (4, 22, 5, 20, False), (5, 20, 6, 20, False), (8, 20, 9, 20, False), (5, 20, 6, 20, True)]:
        one, five = ("3.35", "3.85") if m1 >= 7 else ("3.45", "3.95")
        out.append(P(lpr(2024, m1, d1_, one, five, media), lpr(2024, m2, d2_, one, five, media), False, "lpr-monthly",
                     f"LPR announcements of {m1}月 and {m2}月 with identical rates: only the date differs" + ("; news form" if media else "")))
    return out


# --- same issuer, neighbouring 文号, different document -----------------------------------------------
def doc_number_negatives():
    out = []
    d1b = ["各市、县（市、区）人民政府，省政府直属各单位：",
           "为贯彻落实海洋强省建设部署，强化金融对海洋经济的支持，经省政府同意，现提出如下意见。",
           "一、总体目标。到2025年，全省海洋经济相关贷款余额力争超过8000亿元，年均增速高于全省各项贷款平均水平；涉海企业直接融资规模累计达到1000亿元。",
           "二、加大信贷支持。鼓励银行机构在宁波、舟山、温州、台州设立海洋金融事业部，对港口航运、海洋渔业、船舶制造等领域单列信贷计划。",
           "三、发展航运保险。支持保险机构在舟山设立航运保险运营中心，扩大船舶险、货运险、保赔保险覆盖面。",
           "四、加强组织保障。各地、各有关部门要建立工作协调机制，省地方金融监管局会同有关单位每半年开展一次评估。",
           "浙江省人民政府办公厅", "2021年11月18日", "（此件公开发布）"]
    a = A(D1_TITLE, "https://www.zj.gov.cn/art/2021/11/22/art_1229019365_2376712.html", d1("2", False), "2021-11-22T02:00:00Z", "浙江省人民政府")
    b = A("浙江省人民政府办公厅关于金融支持海洋经济高质量发展的实施意见", "https://www.zj.gov.cn/art/2021/11/24/art_1229019365_2376980.html",
          ["浙政办发〔2021〕37号"] + d1b, "2021-11-24T02:00:00Z", "浙江省人民政府")
    a2 = A(D1_TITLE + "（浙政办发〔2021〕36号）", "https://www.lishui.gov.cn/art/2021/11/24/art_1229218389_57321843.html",
           d1("2", False), "2021-11-24T01:30:00Z", "丽水市人民政府")
    out.append(P(a, b, False, "doc-number-differs", "浙政办发〔2021〕36号 vs 〔2021〕37号: same office, same week, same frame and closing clause, different subject"))
    out.append(P(a2, b, False, "doc-number-differs", "a repost of 浙政办发〔2021〕36号 (文号 in title and text) vs 浙政办发〔2021〕37号 (文号 in text)"))

    d2b = ["衢政办发〔2023〕16号", "各县（市、区）人民政府，市政府各部门、直属各单位：",
           "《衢州市金融支持现代农业发展若干措施》已经市政府同意，现印发给你们，请认真贯彻执行。",
           "衢州市金融支持现代农业发展若干措施",
           "一、扩大涉农贷款投放。力争2023年全市涉农贷款新增120亿元以上，涉农贷款增速不低于各项贷款平均增速。",
           "二、实施贷款贴息。对新型农业经营主体新增生产经营贷款，按照贷款实际发放金额给予1%的年化贴息，单个主体每年贴息最高20万元。",
           "三、推广“两山”授信。银行机构将生态产品价值核算结果纳入授信审批，对生态资源丰富的村集体和农业主体给予信用贷款支持。",
           "四、强化政府性融资担保。市融资担保公司对农业经营主体担保费率不高于0.5%，单户担保金额最高300万元。",
           "五、本措施自2023年6月1日起施行，有效期至2025年12月31日。", "衢州市人民政府办公室", "2023年5月19日"]
    a = A(D2_TITLE, "https://www.qz.gov.cn/art/2023/5/22/art_1229561840_2483561.html", d2("1"), "2023-05-22T03:00:00Z", "衢州市人民政府")
    b = A("衢州市人民政府办公室关于印发衢州市金融支持现代农业发展若干措施的通知", "https://www.qz.gov.cn/art/2023/5/23/art_1229561840_2483702.html",
          d2b, "2023-05-23T03:00:00Z", "衢州市人民政府")
    out.append(P(a, b, False, "doc-number-differs", "衢政办发〔2023〕15号 (制造业) vs 〔2023〕16号 (农业): one template, neighbouring numbers, a shared 1% 贴息 figure"))
    bn = A("衢州出台金融支持现代农业若干措施：新型农业经营主体贷款贴息1%", "https://www.qz828.com/system/2023/05/24/011689305.shtml",
           ["原标题：衢州市人民政府办公室关于印发衢州市金融支持现代农业发展若干措施的通知", "来源：衢州市人民政府网站"] + d2b, "2023-05-24T00:40:00Z", "衢州新闻网")
    out.append(P(a, bn, False, "doc-number-differs", "衢政办发〔2023〕15号 vs a news repost of 〔2023〕16号 (原标题 points at 16号, not 15号)"))

    d3b = ["银发〔2024〕13号", "中国人民银行各省、自治区、直辖市分行，各国有商业银行、股份制商业银行：",
           "为进一步做好科技型企业金融服务工作，现就有关事项通知如下：",
           "一、各银行业金融机构应将科技型企业贷款纳入年度经营计划，2024年科技型中小企业贷款增速不低于各项贷款平均增速。",
           "二、人民银行各分行要发挥科技创新再贷款的引导作用，对科技型企业贷款发放量较大的银行优先给予再贷款支持。",
           "三、各银行要优化科技型企业授信审批流程，合理确定尽职免责标准，对科技型企业不良贷款容忍度可较全部贷款提高3个百分点。",
           "四、人民银行各分行按季度向总行报送辖区科技金融工作情况。", "中国人民银行", "2024年1月19日"]
    a = A(D3_TITLE, "http://www.pbc.gov.cn/tiaofasi/144941/3581332/2024012216583452610/index.html", d3("300"), "2024-01-22T08:30:00Z", "中国人民银行")
    b = A("中国人民银行关于做好2024年科技型企业金融服务工作的通知", "http://www.pbc.gov.cn/tiaofasi/144941/3581332/2024012217020116788/index.html",
          d3b, "2024-01-22T08:40:00Z", "中国人民银行")
    out.append(P(a, b, False, "doc-number-differs", "银发〔2024〕12号 vs 〔2024〕13号: same day, same skeleton (articles 2–4 nearly word for word), different subject"))
    bp = A("央行：科技型企业不良贷款容忍度可提高3个百分点", "https://finance.eastmoney.com/a/202401222965541208.html",
           ["原标题：中国人民银行关于做好2024年科技型企业金融服务工作的通知", "来源：中国人民银行网站"] + d3b, "2024-01-22T10:02:00Z", "东方财富网")
    out.append(P(a, bp, False, "doc-number-differs", "银发〔2024〕12号 vs a portal repost of 〔2024〕13号 under a news headline"))

    d4b = ["浙金管〔2023〕22号", "各市地方金融监管局（金融办）：",
           "为规范小额贷款公司经营行为，根据《关于小额贷款公司试点的指导意见》及配套制度，我局制定了《浙江省小额贷款公司监督管理实施细则》，现印发给你们，请遵照执行。",
           "第一条 小额贷款公司应当坚持“小额、分散”原则，服务小微企业和“三农”主体，单户贷款余额不得超过资本净额的10%。",
           "第二条 小额贷款公司通过银行借款、股东借款等非标准化融资形式融入资金的余额，不得超过其净资产的1倍。",
           "第三条 小额贷款公司发生重大风险事件的，应当在事件发生后3个工作日内向属地金融监管部门报告。",
           "第四条 各市地方金融监管局应当于每年4月30日前完成辖内小额贷款公司年度现场检查。",
           "第五条 本细则自2023年8月1日起施行。", "浙江省地方金融监督管理局", "2023年7月10日"]
    a = A(D4_TITLE, "https://sjrb.zj.gov.cn/art/2023/7/12/art_1229692412_58932210.html", d4("3"), "2023-07-12T02:20:00Z", "浙江省地方金融监督管理局")
    b = A("浙江省地方金融监督管理局关于印发《浙江省小额贷款公司监督管理实施细则》的通知", "https://sjrb.zj.gov.cn/art/2023/7/12/art_1229692412_58932219.html",
          d4b, "2023-07-12T02:25:00Z", "浙江省地方金融监督管理局")
    out.append(P(a, b, False, "doc-number-differs", "浙金管〔2023〕21号 (融资担保) vs 〔2023〕22号 (小额贷款): twin rules issued together, articles 3–5 identical"))
    bt = A("浙江出台小额贷款公司监管细则：单户贷款余额不超过资本净额10%", "https://www.thepaper.cn/newsDetail_forward_23988102",
           ["原标题：浙江省地方金融监督管理局关于印发《浙江省小额贷款公司监督管理实施细则》的通知"] + d4b, "2023-07-12T09:55:00Z", "澎湃新闻")
    out.append(P(a, bt, False, "doc-number-differs", "浙金管〔2023〕21号 vs a news repost of the twin 〔2023〕22号"))
    return out


# --- "first loan of its kind" announcements: one template, many banks and places ----------------------
def first_deal(bank, place, product, company, amt, date, collateral):
    mm, dd = date
    return A(f"{bank}落地{place}首笔{product} 金额{amt}万元",
             f"https://www.financialnews.com.cn/qy/dfjr/2024{mm:02d}/t2024{mm:02d}{dd:02d}_{hash_str(bank + place + product) % 900000 + 100000}.html",
             [f"近日，{bank}成功为{company}发放{place}首笔{product}{amt}万元，标志着该行在{product}领域实现零的突破。",
              f"据了解，该笔贷款以{collateral}作为增信方式，贷款期限3年，执行利率较同期限LPR下浮{15 + hash_str(bank + product) % 40}个基点，资金将用于企业技术改造和日常经营周转。",
              f"{bank}相关负责人表示，下一步将以此为契机，加快{product}产品创新和推广，力争年内累计投放超过{amt * 20 // 10000 + 1}亿元，助力{place}经济高质量发展。"],
             f"2024-{mm:02d}-{dd:02d}T03:30:00Z", "中国金融新闻网")


def first_deal_negatives():
    specs = [
        (("衢州农商银行", "衢州", "碳账户挂钩贷款", "浙江衢化氟化学有限公司", 5000, (4, 12), "企业碳账户评价结果"),
         ("工商银行衢州分行", "衢州", "碳账户挂钩贷款", "衢州元立金属制品有限公司", 3000, (4, 19), "企业碳账户评价结果"),
         "two banks each announce 'the first' of the same product in the same city"),
        (("泰隆银行", "丽水", "GEP生态贷", "丽水市莲都区生态旅游开发有限公司", 800, (5, 8), "生态产品价值核算收益权"),
         ("泰隆银行", "金华", "GEP生态贷", "武义县生态农业发展有限公司", 800, (5, 22), "生态产品价值核算收益权"),
         "same bank, same product and amount, different city"),
        (("浙商银行", "湖州", "转型金融贷款", "湖州南浔化纤有限公司", 12000, (3, 6), "转型方案挂钩的利率调整机制"),
         ("浙商银行", "绍兴", "转型金融贷款", "绍兴柯桥印染有限公司", 10000, (3, 27), "转型方案挂钩的利率调整机制"),
         "same bank and product, different city and borrower"),
        (("建设银行浙江省分行", "嘉兴", "数据资产质押贷款", "嘉兴数智科技有限公司", 1000, (6, 3), "企业数据资产登记证书"),
         ("建设银行浙江省分行", "温州", "数据资产质押贷款", "温州瓯海数联科技有限公司", 500, (6, 17), "企业数据资产登记证书"),
         "same bank and product, different city, borrower and amount"),
        (("农业银行衢州分行", "江山", "林权收储担保贷款", "江山市绿源林业专业合作社", 300, (2, 26), "公益林补偿收益权"),
         ("农业银行衢州分行", "开化", "林权收储担保贷款", "开化县钱江源林业专业合作社", 300, (3, 4), "公益林补偿收益权"),
         "same bank, product and amount, two counties"),
        (("稠州银行", "金华", "知识产权质押融资", "金华市金东区智能装备有限公司", 2000, (5, 14), "发明专利"),
         ("民泰银行", "台州", "知识产权质押融资", "台州市黄岩模具有限公司", 2000, (5, 14), "发明专利"),
         "two banks, two cities, same day, same product and amount"),
        (("邮储银行衢州市分行", "常山", "“共富贷”", "常山县胡柚产业合作联社", 500, (4, 2), "村集体经营性资产股权"),
         ("邮储银行衢州市分行", "常山", "“共富贷”", "常山县油茶产业合作联社", 600, (6, 11), "村集体经营性资产股权"),
         "same bank, county and product two months apart: the second is not 'first' any more but reuses the template"),
        (("宁波银行", "宁波", "跨境人民币供应链贷款", "宁波北仑国际物流有限公司", 6000, (6, 5), "跨境应收账款"),
         ("宁波银行", "舟山", "跨境人民币供应链贷款", "舟山岱山船舶配件有限公司", 2000, (6, 19), "跨境应收账款"),
         "same bank and product, neighbouring cities"),
    ]
    out = []
    for x, y, why in specs:
        out.append(P(first_deal(*x), first_deal(*y), False, "first-deal-template", why))
    return out


# =====================================================================================================
# Negatives, part 2: follow-up stories on the same event (new facts, new report).
# =====================================================================================================
def follow_up_negatives():
    out = []
    add = lambda a, b, notes: out.append(P(a, b, False, "follow-up", notes))
    F = {}
    F["seed_sign"] = A("山区26县金融服务推进会签约项目加快落地 首批资金52亿元到位", "https://www.qz828.com/system/2021/12/20/011627431.shtml",
        ["衢州日报记者 徐丽 记者从衢州银保监分局获悉，11月9日“浙江银行业保险业支持山区26县跨越式高质量发展现场推进会”上签订的11项合作协议正在加快落地，截至12月15日，首批52.3亿元资金已经到位。",
         "其中，政策性转贷款项目发放资金18.6亿元，由国家开发银行浙江省分行通过衢州农商银行、江山农商银行等5家转贷行投向小微企业和农户；银保战略合作项目落地巨灾保险试点，首期保额12亿元。",
         "衢州银保监分局相关负责人表示，将建立签约项目台账，实行“周跟踪、月通报”，确保剩余项目在明年一季度前全部落地。"],
        "2021-12-20T01:20:00Z", "衢州日报")
    add(S["seed"], F["seed_sign"], "the seed meeting (Nov 9) vs a follow-up six weeks later on how its 11 agreements landed: shared names and 380亿/11项 context, new figures")
    F["seed_year"] = A("一年来山区26县各项贷款余额增长17.6% 农户家庭资产负债表融资模式全覆盖", "https://zjnews.zjol.com.cn/zjnews/202211/t20221110_25063318.shtml",
        ["浙江日报记者 王雯 记者从浙江银保监局获悉，《浙江银行业保险业支持26县跨越式高质量发展行动方案（2021—2025年）》实施一年来，截至10月末，山区26县各项贷款余额1.58万亿元，较方案实施前增长17.6%，增速高于全省平均水平3.1个百分点。",
         "农户家庭资产负债表融资模式已覆盖山区26县全部行政村，累计为农户授信4120亿元，用信余额1850亿元。涉农贷款余额较去年同期新增1268亿元。",
         "浙江银保监局表示，将对照2025年山区26县各项贷款余额超过2万亿元的目标，推动银行机构持续加大对山区县的信贷投放。"],
        "2022-11-10T00:30:00Z", "浙江日报")
    add(S["seed"], F["seed_year"], "the plan's launch vs its one-year review: same plan, same 2万亿 target quoted, different period and facts")
    add(F["seed_sign"], F["seed_year"], "two follow-ups of one meeting a year apart")

    F["oj_offer"] = A("瓯江银行H股招股：每股发行价3.18至3.36港元 预计7月8日挂牌", "https://www.21jingji.com/article/20240627/herald/e81b3c07a9d24f55.html",
        ["21世纪经济报道记者 周炎 6月27日，瓯江银行正式启动H股招股，计划全球发售8.2亿股H股，其中香港公开发售占10%，国际发售占90%，每股发售价介于3.18港元至3.36港元之间，最多募资约27.55亿港元。",
         "招股期至7月3日，预计7月8日在香港联交所主板挂牌，股份代号为“2997”。本次发行引入3名基石投资者，合计认购约1.2亿美元的发售股份。",
         "瓯江银行表示，募集资金将全部用于补充核心一级资本。"],
        "2024-06-27T00:45:00Z", "21世纪经济报道")
    F["oj_list"] = A("瓯江银行H股挂牌首日收涨2.3% 成年内第二家赴港上市城商行", "https://www.21jingji.com/article/20240708/herald/5f02a9c4d13e4b87.html",
        ["21世纪经济报道记者 周炎 7月8日，瓯江银行（02997.HK）在香港联交所主板挂牌上市，发行价定为每股3.26港元，首日开盘报3.28港元，收盘报3.34港元，较发行价上涨2.3%，成交额1.86亿港元。",
         "按发行价计算，瓯江银行本次全球发售8.2亿股H股，募资总额约26.73亿港元。香港公开发售部分获认购1.7倍，国际发售部分获适度超额认购。",
         "瓯江银行董事长在上市仪式上表示，此次上市是该行发展史上的重要里程碑，将进一步提升资本实力和市场影响力。"],
        "2024-07-08T08:30:00Z", "21世纪经济报道")
    add(S["oj_ipo"], F["oj_offer"], "IPO filing (May) vs the launch of the offering (June): same deal, new facts (price range, dates)")
    add(F["oj_offer"], F["oj_list"], "the offering vs the first trading day: same deal and reporter, new facts")

    F["typhoon1"] = A("台风“格美”来袭 浙江金融监管局启动保险理赔绿色通道", "https://www.financialnews.com.cn/bx/202407/t20240725_298341.html",
        ["本报讯 记者 李晶 为应对今年第3号台风“格美”，7月25日，浙江金融监管局启动台风灾害保险理赔绿色通道，要求辖内保险机构简化理赔流程，对小额案件实行“快赔”“预赔”，确保应赔尽赔。",
         "截至25日18时，全省保险机构已接到台风相关报案1860件，估损金额约4200万元，主要涉及车辆险、农业保险和企业财产险。",
         "浙江金融监管局要求各保险机构24小时值班，对受灾严重地区提前介入查勘，同时加强对农业保险受灾情况的统计。"],
        "2024-07-25T11:00:00Z", "中国金融新闻网")
    F["typhoon2"] = A("台风“格美”保险理赔进展：浙江已赔付1.37亿元", "https://www.financialnews.com.cn/bx/202408/t20240802_298776.html",
        ["本报讯 记者 李晶 记者从浙江金融监管局获悉，截至8月1日，全省保险机构共接到台风“格美”相关报案1.12万件，估损金额3.86亿元，已决赔付1.37亿元，结案率61.5%。",
         "分险种看，农业保险报案4380件，已赔付5200万元；车辆险报案5120件，已赔付4100万元；企业财产险报案1060件，已赔付3900万元。",
         "浙江金融监管局表示，将继续督促保险机构加快理赔进度，对大额案件实行专人跟进。"],
        "2024-08-02T07:30:00Z", "中国金融新闻网")
    add(F["typhoon1"], F["typhoon2"], "same typhoon, same regulator and reporter: the launch of fast claims vs the claims tally a week later")

    F["probe1"] = A("衢江农商银行原党委书记、董事长周某某接受纪律审查和监察调查", "https://www.zjsjw.gov.cn/shencha/zhongguan/202403/t20240312_22014861.shtml",
        ["据衢州市纪委监委消息：衢江农商银行原党委书记、董事长周某某涉嫌严重违纪违法，目前正接受衢州市纪委监委纪律审查和监察调查。"],
        "2024-03-12T08:00:00Z", "浙江省纪委监委")
    F["probe2"] = A("衢江农商银行原党委书记、董事长周某某被开除党籍和公职", "https://www.zjsjw.gov.cn/shencha/zhongguan/202408/t20240821_22688015.shtml",
        ["日前，经衢州市委批准，衢州市纪委监委对衢江农商银行原党委书记、董事长周某某严重违纪违法问题进行了立案审查调查。",
         "经查，周某某违规收受礼品礼金；利用职务上的便利，在贷款审批、业务承揽等方面为他人谋取利益，非法收受他人财物，数额特别巨大。",
         "依据有关规定，经衢州市纪委常委会会议研究并报衢州市委批准，决定给予周某某开除党籍处分；由衢州市监委给予其开除公职处分；将其涉嫌犯罪问题移送检察机关依法审查起诉。"],
        "2024-08-21T08:00:00Z", "浙江省纪委监委")
    add(F["probe1"], F["probe2"], "same person and case: the investigation notice (March) vs the expulsion (August)")

    F["carbon_case"] = A("衢州碳账户金融入选全国金融改革典型案例", "https://www.qz828.com/system/2024/06/26/011860347.shtml",
        ["衢州日报记者 徐丽 6月25日，在第十五届陆家嘴论坛期间发布的全国金融改革典型案例中，衢州“碳账户金融”入选绿色金融类典型案例。",
         "据介绍，衢州以碳账户为基础，构建“碳账户—碳信用—碳金融”的闭环体系，形成可复制、可推广的经验。截至5月末，全市碳账户金融贷款余额531.8亿元。",
         "衢州市委金融办负责人表示，将以入选为契机，推动碳账户金融标准化建设。"],
        "2024-06-25T23:20:00Z", "衢州日报")
    add(S["qz_carbon"], F["carbon_case"], "same programme a month later: a different event (selected as a national case), updated balance 531.8 vs 512.6亿元")

    F["ecny_end"] = A("衢州“碳普惠”数字人民币红包活动收官 核销率87.3%", "https://www.yicai.com/news/102163590.html",
        ["第一财经记者 杨志锦 5月31日，衢州“碳普惠”数字人民币红包活动结束。数据显示，活动期间共发放红包21.6万个，金额500万元，核销金额436.5万元，核销率87.3%，带动线下消费约2600万元。",
         "从消费场景看，商超消费占比52%，公交出行占比21%，景区门票占比15%。参与活动的市民中，新开立数字人民币钱包的占比约38%。",
         "衢州市有关部门表示，将总结活动经验，研究在下半年推出第二期碳普惠激励活动。"],
        "2024-06-03T09:10:00Z", "第一财经")
    add(S["ecny"], F["ecny_end"], "the red-packet campaign's launch vs its wrap-up: same campaign, amount 500万元 shared, different facts")

    F["bond1"] = A("浙东港口物流拟发行不超过20亿元公司债券 期限不超过5年", "https://finance.eastmoney.com/a/202405083075521904.html",
        ["浙东港口物流（603358）5月8日晚间公告，公司董事会审议通过向专业投资者公开发行公司债券的议案，拟发行规模不超过20亿元（含），期限不超过5年（含），可以为单一期限品种，也可以为多种期限的混合品种。",
         "募集资金扣除发行费用后，拟用于偿还有息债务和补充流动资金。本次发行尚需提交公司股东大会审议，并经上海证券交易所审核、中国证监会注册后方可实施。"],
        "2024-05-08T11:40:00Z", "东方财富网")
    F["bond2"] = A("浙东港口物流：2024年面向专业投资者公开发行公司债券（第一期）发行结果公告", "https://www.cninfo.com.cn/new/disclosure/detail?stockCode=603358&announcementId=1220418833",
        ["浙东港口物流股份有限公司2024年面向专业投资者公开发行公司债券（第一期）（以下简称“本期债券”）发行工作已于2024年7月16日结束。本期债券实际发行规模10亿元，期限3年，最终票面利率为2.28%，认购倍数2.86倍。",
         "本期债券简称“24浙港01”，债券代码“241263”。募集资金将用于偿还有息债务。"],
        "2024-07-16T12:00:00Z", "巨潮资讯网")
    add(F["bond1"], F["bond2"], "bond plan (board approval) vs the issuance result two months later: same issuer and programme, new facts")

    F["div1"] = A("瓯江银行2023年度股东大会审议通过利润分配方案 每10股派2.1元", "https://finance.eastmoney.com/a/202405203081944726.html",
        ["瓯江银行5月20日召开2023年度股东大会，审议通过2023年度利润分配方案：以总股本40亿股为基数，向全体股东每10股派发现金股利2.1元（含税），合计派发现金股利8.4亿元，占归属于股东净利润的26.5%。",
         "会议还审议通过了2024年度财务预算、关联交易管理办法修订等议案。"],
        "2024-05-20T10:30:00Z", "东方财富网")
    F["div2"] = A("瓯江银行：2023年年度权益分派实施公告", "https://www.cninfo.com.cn/new/disclosure/detail?stockCode=601977&announcementId=1220301146",
        ["瓯江银行股份有限公司2023年年度利润分配方案已经2024年5月20日召开的2023年年度股东大会审议通过。本次利润分配以方案实施前的公司总股本40亿股为基数，每股派发现金红利0.21元（含税），共计派发现金红利8.4亿元。",
         "股权登记日为2024年6月13日，除权（息）日为2024年6月14日，现金红利发放日为2024年6月14日。"],
        "2024-06-07T10:00:00Z", "巨潮资讯网")
    add(F["div1"], F["div2"], "dividend approved at the AGM vs the later implementation notice: same dividend and total 8.4亿元, new dates")

    F["nb_more"] = A("宁波跨境人民币便利化政策扩围 优质企业名单增至812家", "https://www.yicai.com/news/102201744.html",
        ["第一财经记者 孙燕 从人民银行宁波市分行获悉，7月起，宁波将跨境人民币结算便利化优质企业名单由623家扩大至812家，新纳入企业以年结算量1000万元以下的中小外贸企业为主。",
         "纳入名单的企业办理货物贸易、服务贸易跨境人民币结算时，可凭支付指令直接办理，无需逐笔提交合同、发票等材料。",
         "人民银行宁波市分行表示，上半年全市跨境人民币结算量3716.8亿元，同比增长23.1%。"],
        "2024-07-09T06:00:00Z", "第一财经")
    add(S["nb_cross"], F["nb_more"], "same reporter and policy a month later: the list of firms widened (623 → 812), half-year figures instead of Jan–May")

    F["case1"] = A("温州警方破获一起非法吸收公众存款案 涉案金额8.6亿元", "https://news.66wz.com/system/2023/09/14/105588710.shtml",
        ["温州日报记者 林晨 9月13日，记者从温州市公安局获悉，该局经侦支队近日破获一起以“投资理财”为名的非法吸收公众存款案，抓获犯罪嫌疑人17名，涉案金额8.6亿元，涉及投资人2300余名。",
         "经查，犯罪嫌疑人陈某等人自2019年起，以某投资咨询公司名义，承诺年化收益12%至18%，向社会公众吸收资金，实际用于支付前期投资人本息和个人挥霍。",
         "警方提醒，市民应通过正规金融机构理财，对承诺高收益、保本付息的投资项目保持警惕。"],
        "2023-09-13T23:30:00Z", "温州日报")
    F["case2"] = A("8.6亿元非法吸收公众存款案宣判 主犯陈某获刑九年", "https://news.66wz.com/system/2024/05/23/105630218.shtml",
        ["温州日报记者 林晨 5月22日，温州市鹿城区人民法院对陈某等17人非法吸收公众存款案作出一审宣判，主犯陈某以非法吸收公众存款罪被判处有期徒刑九年，并处罚金人民币50万元；其余16名被告人分别被判处一年至六年不等的有期徒刑。",
         "法院审理查明，2019年至2023年，被告人陈某等人以投资咨询公司名义非法吸收2300余名投资人资金8.6亿元，造成实际损失3.1亿元。法院同时判决继续追缴违法所得，发还投资人。"],
        "2024-05-22T23:40:00Z", "温州日报")
    add(F["case1"], F["case2"], "same criminal case: the police bust (2023) vs the verdict (2024), shared 8.6亿元/2300余名/17人")

    F["match1"] = A("衢州举办2024年首场银企对接会 现场签约金额126亿元", "https://www.qz828.com/system/2024/03/08/011817932.shtml",
        ["衢州日报记者 郑宇 3月7日，衢州市2024年“金融助企·春雷行动”银企对接会举行，全市28家银行机构与214家企业现场签约，签约金额126亿元。",
         "对接会上，人民银行衢州市分行发布了“首贷户”培育清单和制造业中长期贷款重点项目清单，涉及企业560家、融资需求210亿元。"],
        "2024-03-07T10:00:00Z", "衢州日报")
    F["match2"] = A("衢州银企对接会签约项目已放款86.4亿元 履约率68.6%", "https://www.qz828.com/system/2024/05/10/011838514.shtml",
        ["衢州日报记者 郑宇 记者从人民银行衢州市分行获悉，3月举办的“金融助企·春雷行动”银企对接会签约的126亿元项目中，截至4月末已放款86.4亿元，履约率68.6%。",
         "其中，制造业中长期贷款放款41.2亿元，首贷户贷款放款6.8亿元。人民银行衢州市分行表示，将对未放款项目逐一跟踪，力争6月末履约率达到90%以上。"],
        "2024-05-10T01:10:00Z", "衢州日报")
    add(F["match1"], F["match2"], "same matchmaking event: the signing (March) vs the disbursement progress (May); 126亿元 shared")

    F["green_std"] = A("湖州发布全国首个区域性转型金融地方标准", "https://www.hz66.com/2022/0318/382106.shtml",
        ["湖州日报记者 沈洁 3月17日，湖州市市场监督管理局发布《区域性转型金融实施指南》地方标准，这是全国首个区域性转型金融地方标准，明确了转型主体认定、转型路径设计、信息披露等要求。",
         "同日，湖州首批转型金融贷款签约，9家银行向纺织、化纤等行业的32家企业授信18.6亿元。"],
        "2022-03-17T09:00:00Z", "湖州日报")
    add(F["green_std"], S["hz_green"], "湖州 transition finance: the 2022 standard and first loans vs the 2024 balance update; same city and theme, different event")

    F["forum_open"] = A("2024浙江金融论坛在杭开幕 聚焦金融“五篇大文章”", "https://zjnews.zjol.com.cn/zjnews/202405/t20240517_26850127.shtml",
        ["浙江日报记者 王雯 5月17日，2024浙江金融论坛在杭州开幕，论坛以“做好金融五篇大文章 服务中国式现代化浙江实践”为主题，来自监管部门、金融机构和高校的400余名代表参会。",
         "开幕式上，人民银行浙江省分行、浙江金融监管局、浙江证监局负责人分别致辞，介绍浙江在科技金融、绿色金融、普惠金融等领域的做法。"],
        "2024-05-17T04:00:00Z", "浙江日报")
    F["forum_close"] = A("2024浙江金融论坛闭幕 发布《浙江金融发展报告（2024）》", "https://zjnews.zjol.com.cn/zjnews/202405/t20240518_26851560.shtml",
        ["浙江日报记者 王雯 5月18日，2024浙江金融论坛闭幕。闭幕式上发布了《浙江金融发展报告（2024）》，报告显示，2023年浙江金融业增加值达到6480亿元，占GDP比重7.8%。",
         "论坛期间共举办6场分论坛，签约金融合作项目23个，涉及金额560亿元。"],
        "2024-05-18T09:00:00Z", "浙江日报")
    add(F["forum_open"], F["forum_close"], "one forum: opening day vs closing day, same reporter")

    F["work1"] = A("人民银行浙江省分行召开2024年工作会议", "https://zjnews.zjol.com.cn/zjnews/202402/t20240222_26652018.shtml",
        ["浙江日报记者 王雯 2月21日，人民银行浙江省分行召开2024年工作会议，总结2023年工作，部署2024年重点任务。",
         "会议指出，2023年浙江本外币贷款新增2.37万亿元，同比多增1500亿元。会议要求，2024年要保持信贷总量合理增长，重点支持科技创新、先进制造和绿色发展。"],
        "2024-02-21T08:30:00Z", "浙江日报")
    F["work2"] = A("人民银行浙江省分行召开2024年年中工作会议", "https://zjnews.zjol.com.cn/zjnews/202407/t20240726_26989012.shtml",
        ["浙江日报记者 王雯 7月25日，人民银行浙江省分行召开2024年年中工作会议，总结上半年工作，部署下半年重点任务。",
         "会议指出，上半年浙江本外币贷款新增1.93万亿元，信贷结构持续优化。会议要求，下半年要加大对民营小微企业和消费领域的金融支持。"],
        "2024-07-25T08:30:00Z", "浙江日报")
    add(F["work1"], F["work2"], "recurring meeting of one body: annual vs mid-year work conference (near-identical headline)")

    F["ai_loans"] = A("杭州首批人工智能产业贷款集中签约 授信超50亿元", "https://hznews.hangzhou.com.cn/jingji/content/2024-07/12/content_8768240.htm",
        ["杭州日报记者 童颖 7月11日，杭州举行金融支持人工智能产业发展银企对接会，12家银行与46家人工智能企业集中签约，授信金额52.6亿元，其中以算力资源作为增信手段的贷款8.3亿元。",
         "这是《杭州市金融支持人工智能产业高质量发展的若干措施》6月印发后的首次集中签约。"],
        "2024-07-11T09:30:00Z", "杭州日报")
    add(S["hz_ai"], F["ai_loans"], "the AI finance measures (June) vs the first batch of loans signed under them (July)")
    return out


def negatives():
    return (monthly_negatives() + template_negatives() + company_negatives() + pboc_negatives() + lpr_negatives()
            + doc_number_negatives() + first_deal_negatives() + follow_up_negatives())


def pairs():
    return positives() + negatives()
