/*
 * demo-data.c — names, notes and kinds of contact for the demo call centre
 * (see demo-data.h).  The shop is a neighbourhood rice-and-grocery store
 * with home delivery, as in 王永庆's story.
 */
#include "demo-data.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

/* The most common Chinese surnames, weighted roughly by how common. */
const struct demo_weighted demo_surnames[] = {
	{ "王", 72 }, { "李", 70 }, { "张", 68 }, { "刘", 54 }, { "陈", 46 },
	{ "杨", 31 }, { "黄", 24 }, { "赵", 23 }, { "周", 19 }, { "吴", 19 },
	{ "徐", 17 }, { "孙", 16 }, { "马", 13 }, { "朱", 13 }, { "胡", 13 },
	{ "郭", 12 }, { "何", 12 }, { "林", 11 }, { "罗", 10 }, { "高", 10 },
	{ "郑", 9 }, { "梁", 9 }, { "谢", 8 }, { "宋", 7 }, { "唐", 7 },
	{ "许", 7 }, { "韩", 6 }, { "冯", 6 }, { "邓", 6 }, { "曹", 6 },
	{ "彭", 5 }, { "曾", 5 }, { "萧", 4 }, { "田", 4 }, { "董", 4 },
	{ "潘", 3 }, { "袁", 3 }, { "蔡", 3 }, { "蒋", 3 }, { "余", 3 },
	{ "欧阳", 1 }, { "司马", 1 },
};
const size_t demo_nsurnames = nitems(demo_surnames);

/* Given names of one and two characters, across generations. */
const char *const demo_given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "磊", "军", "洋", "勇",
	"艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "鹏",
	"华", "红", "波", "辉", "玲", "斌", "宇", "浩", "凯", "琳",
	"秀英", "桂英", "建华", "建国", "志强", "秀兰", "玉兰", "海燕",
	"晓明", "子轩", "梓涵", "浩然", "欣怡", "雨桐", "俊杰", "桂兰",
	"国强", "丽娟", "淑珍", "文博", "一诺", "思远", "佳怡", "宇航",
	"春梅", "德华", "志明", "美玲", "家豪", "振华", "晓燕", "红梅",
	"立新", "卫东", "婷婷", "小龙", "雪梅", "永刚", "金凤", "诗涵",
};
const size_t demo_ngiven = nitems(demo_given);

const char *const demo_en_first[] = {
	"Emily", "James", "Michael", "Sarah", "David", "Jennifer", "Robert",
	"Linda", "William", "Jessica", "Daniel", "Karen", "Thomas", "Olivia",
	"Kevin", "Grace", "Peter", "Lucy", "Andrew", "Sophie", "Mark",
	"Rachel", "Henry", "Chloe", "Brian", "Amy",
};
const size_t demo_nen_first = nitems(demo_en_first);

const char *const demo_en_last[] = {
	"Chen", "Wong", "Smith", "Johnson", "Lee", "Brown", "Lin", "Taylor",
	"Wilson", "Liu", "Martin", "Anderson", "Ho", "Clark", "Walker",
	"Cheung", "Evans", "Ng", "Miller", "Tan",
};
const size_t demo_nen_last = nitems(demo_en_last);

const char *const demo_mobile_prefixes[] = {
	"130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
	"151", "152", "153", "155", "156", "157", "158", "159", "166", "170",
	"176", "177", "180", "181", "182", "183", "186", "187", "188", "189",
	"191", "198", "199",
};
const size_t demo_nmobile_prefixes = nitems(demo_mobile_prefixes);

/* "13912345678", "139 1234 5678", "+86 139-1234-5678", … */
const struct demo_format demo_mobile_formats[] = {
	{ "", "", "" }, { "", " ", " " }, { "", "-", "-" },
	{ "+86 ", "-", "-" }, { "+86 ", " ", " " }, { "+86", "", "" },
	{ "0086 ", " ", " " },
};
const struct demo_weighted demo_mobile_weights[] = {
	{ "plain", 7 }, { "spaces", 5 }, { "dashes", 3 }, { "+86 dashes", 2 },
	{ "+86 spaces", 1 }, { "+86", 1 }, { "0086", 1 },
};
const size_t demo_nmobile_formats = nitems(demo_mobile_formats);

/* "010-6552 9988", "010-65529988", "(010) 6552 9988", "010 65529988". */
const struct demo_format demo_landline_formats[] = {
	{ "", "-", " " }, { "", "-", "" }, { "(", ") ", " " }, { "", " ", "" },
};
const size_t demo_nlandline_formats = nitems(demo_landline_formats);

const struct demo_area demo_areas[] = {
	{ "010", 8 }, { "021", 8 }, { "020", 8 }, { "0755", 8 }, { "028", 8 },
	{ "0571", 8 }, { "025", 8 }, { "027", 8 }, { "0512", 8 }, { "0532", 8 },
	{ "023", 8 }, { "029", 8 },
};
const size_t demo_nareas = nitems(demo_areas);

const struct demo_profile demo_first = {
	"家里4口人：夫妻俩和两个孩子，孩子上小学",
	"每月初买一袋20公斤东北大米，米缸约装25公斤",
	"喜欢下午3点后来电；送米时先把米缸里的陈米倒出来，擦干净再倒新米，"
	"陈米放在上面",
	"三十年的老顾客，每月10号发工资，可月底结账",
	30, 3600000,
};

const struct demo_text demo_households[] = {
	{ "家里4口人，两个孩子上小学",
	  "family of four, two kids in primary school" },
	{ "三代同堂，6口人，老人牙口不好",
	  "three generations, six people; grandparents need soft food" },
	{ "独居老人，子女在外地工作",
	  "lives alone, children work in another city" },
	{ "新婚夫妻两口人，都上班", "newly married couple, both working" },
	{ "夫妻俩，孩子在外地读大学", "couple, child away at university" },
	{ "5口人，家里有刚出生的宝宝", "family of five with a newborn" },
	{ "单身，经常出差", "single, travels a lot for work" },
	{ "开小饭馆，后厨用米量大",
	  "runs a small restaurant, uses a lot of rice" },
	{ "家里3口人，孩子上初中，住校",
	  "family of three, teenager boards at school" },
	{ "老两口，老伴腿脚不便",
	  "elderly couple, husband has trouble walking" },
	{ "4口人，和父母同住", "four people, lives with parents" },
	{ "幼儿园食堂负责人，按学期采购",
	  "buys for a kindergarten canteen, by term" },
	{ "", "" },
};
const size_t demo_nhouseholds = nitems(demo_households);

const struct demo_habit demo_habits[] = {
	{ "每月初买一袋20公斤东北大米",
	  "buys a 20 kg bag of northeast rice early each month", 30 },
	{ "每两周订一次桶装水，一次4桶",
	  "orders 4 bottles of water every two weeks", 14 },
	{ "一袋10公斤大米大约吃半个月",
	  "a 10 kg bag of rice lasts about two weeks", 15 },
	{ "每季度换一次净水器滤芯",
	  "changes the water-filter cartridge every quarter", 90 },
	{ "每月买两箱牛奶给孩子",
	  "buys two cases of milk a month for the kids", 30 },
	{ "5升花生油大约用40天",
	  "a 5 L bottle of peanut oil lasts about 40 days", 40 },
	{ "饭馆每周进两袋50斤大米",
	  "the restaurant takes two 25 kg sacks a week", 7 },
	{ "每10天左右补一次鸡蛋和杂粮",
	  "restocks eggs and grains about every 10 days", 10 },
	{ "逢年过节才集中采购", "buys in bulk only before holidays", 0 },
	{ "喜欢周末到店里自己挑",
	  "likes to come in and choose at weekends", 0 },
	{ "只买有机杂粮，对产地很在意",
	  "only buys organic grains, cares where they come from", 0 },
	{ "促销时囤货", "stocks up during promotions", 0 },
	{ "经常在微信上下单", "usually orders through chat", 0 },
	{ "每次都要求送货上门", "always asks for home delivery", 0 },
};
const size_t demo_nhabits = nitems(demo_habits);

const struct demo_text demo_preferences[] = {
	{ "喜欢下午3点后来电", "prefers calls after 3 pm" },
	{ "只接受微信联系，不要打电话", "chat only, please do not call" },
	{ "不要在午休时间打电话（12:00-14:00）",
	  "no calls over lunch (12:00-14:00)" },
	{ "耳朵不太好，请说慢一点、大声一点",
	  "hard of hearing: speak slowly and clearly" },
	{ "送货前半小时先打电话", "call half an hour before delivering" },
	{ "发票抬头写公司名称", "invoices in the company's name" },
	{ "喜欢讲粤语", "prefers Cantonese" },
	{ "晚上7点后方便", "evenings after 7 pm are best" },
	{ "送货放门卫室即可", "leave deliveries with the building guard" },
	{ "周末不要联系", "no contact at weekends" },
	{ "习惯用邮件联系，上夜班，白天休息",
	  "prefers email, works night shifts" },
	{ "", "" },
};
const size_t demo_npreferences = nitems(demo_preferences);

const struct demo_text demo_notes[] = {
	{ "老顾客，介绍过三位邻居",
	  "long-time customer, referred three neighbours" },
	{ "对价格敏感，关注促销活动",
	  "price-sensitive, watches for promotions" },
	{ "生日在十月，可送小礼品",
	  "birthday in October: a small gift is welcome" },
	{ "去年因送货延迟投诉过，处理后很满意",
	  "complained about a late delivery last year, happy with the fix" },
	{ "家里老人糖尿病，关注低糖杂粮",
	  "a diabetic grandparent: interested in low-GI grains" },
	{ "月底发工资后付款", "pays after payday at the end of the month" },
	{ "楼层高无电梯，送货需提前安排",
	  "top floor, no lift: plan deliveries ahead" },
	{ "曾反映米里有虫，更换后恢复订购",
	  "once found weevils in the rice; reordered after a replacement" },
	{ "喜欢尝试新品种", "likes to try new varieties" },
	{ "", "" },
	{ "", "" },
};
const size_t demo_nnotes = nitems(demo_notes);

const struct demo_segment demo_segments[] = {
	[DEMO_SEG_VIP] =	{ "vip", 5, 20000, 120000, 8, 15, 100 },
	[DEMO_SEG_KEY] =	{ "key", 15, 6000, 20000, 5, 12, 100 },
	[DEMO_SEG_NORMAL] =	{ "normal", 65, 600, 6000, 0, 10, 50 },
	[DEMO_SEG_AT_RISK] =	{ "at_risk", 10, 1000, 15000, 2, 8, 100 },
	[DEMO_SEG_NEW] =	{ "new", 5, 0, 800, 0, 3, 0 },
};

/* Channels drawn for scenarios that do not fix one. */
const struct demo_weighted demo_channels[] = {
	{ "phone", 62 }, { "chat", 15 }, { "visit", 9 }, { "email", 8 },
	{ "sms", 6 },
};
const size_t demo_nchannels = nitems(demo_channels);

const struct demo_mood_share demo_moods[] = {
	[DEMO_MOOD_NONE] =	{ 0, 0 },
	[DEMO_MOOD_GOOD] =	{ 30, 95 },
	[DEMO_MOOD_MIXED] =	{ 10, 60 },
	[DEMO_MOOD_BAD] =	{ 0, 15 },
};

/* Kinds of contact. Complaints carry their category; weights add up to
 * about a hundred so they read as percentages. */
const struct demo_scenario demo_scenarios[] = {
	{ { "订购大米", "Rice order" },
	  { "订购20公斤东北大米一袋，约定周六上午送货",
	    "Ordered a 20 kg bag of northeast rice, delivery on Saturday" },
	  NULL, "in", "sale", NULL, 300, DEMO_MOOD_GOOD, 2, 14 },
	{ { "续订提醒", "Reorder reminder" },
	  { "按消费周期提前致电，客户说米快吃完了，顺便下单",
	    "Called ahead of the usual reorder date; nearly out, ordered" },
	  "phone", "out", "sale", NULL, 400, DEMO_MOOD_GOOD, 3, 10 },
	{ { "送货时间咨询", "Delivery time" },
	  { "询问本周送货时间，已告知周四下午",
	    "Asked when this week's delivery comes; told Thursday afternoon" },
	  NULL, "in", "info", NULL, 0, DEMO_MOOD_GOOD, 1, 9 },
	{ { "送货延迟", "Late delivery" },
	  { "约定上午送达，下午仍未到，客户很着急",
	    "Delivery promised for the morning still missing mid-afternoon" },
	  "phone", "in", "complaint", "delivery", 0, DEMO_MOOD_BAD, 1, 2 },
	{ { "账单疑问", "Billing question" },
	  { "对上月账单有疑问，逐项核对后客户认可",
	    "Queried last month's bill; went through it line by line" },
	  NULL, "in", "resolved", NULL, 0, DEMO_MOOD_GOOD, 2, 6 },
	{ { "重复扣款", "Charged twice" },
	  { "同一订单被扣款两次，要求退款",
	    "Charged twice for one order, wants a refund" },
	  "phone", "in", "complaint", "billing", 0, DEMO_MOOD_BAD, 1, 1 },
	{ { "大米质量问题", "Rice quality" },
	  { "新买的大米有霉味，要求换货",
	    "New bag of rice smells musty, wants it replaced" },
	  "phone", "in", "complaint", "product", 0, DEMO_MOOD_BAD, 1, 1 },
	{ { "送货员态度", "Driver attitude" },
	  { "反映送货员态度生硬，米袋放在门口没有搬进门",
	    "Says the driver was curt and left the bag at the door" },
	  "phone", "in", "complaint", "attitude", 0, DEMO_MOOD_BAD, 1, 1 },
	{ { "热线难打通", "Hotline wait" },
	  { "客服电话等了十分钟才接通，很不满意",
	    "Waited ten minutes for the hotline to answer" },
	  "phone", "in", "complaint", "service", 0, DEMO_MOOD_BAD, 1, 1 },
	{ { "关怀回访", "Care call" },
	  { "季度关怀回访，客户对服务满意，提到孩子下月放暑假",
	    "Quarterly care call; happy, mentioned the kids' holiday" },
	  "phone", "out", "resolved", NULL, 0, DEMO_MOOD_GOOD, 3, 8 },
	{ { "上门清洁米缸", "Rice-jar service" },
	  { "送米时帮客户把米缸清理干净，陈米放在上面，客户很惊喜",
	    "Cleaned the rice jar on delivery, old rice on top; delighted" },
	  "visit", "out", "resolved", NULL, 200, DEMO_MOOD_GOOD, 4, 3 },
	{ { "未接通", "No answer" },
	  { "无人接听，稍后再拨", "No answer, will try again later" },
	  "phone", "out", "no_answer", NULL, 0, DEMO_MOOD_NONE, 0, 5 },
	{ { "打错电话", "Wrong number" },
	  { "来电找隔壁的五金店，已告知号码",
	    "Wanted the hardware shop next door" },
	  "phone", "in", "wrong_number", NULL, 0, DEMO_MOOD_NONE, 0, 1 },
	{ { "地址变更", "Address change" },
	  { "搬家了，更新送货地址和门禁密码",
	    "Moved house; updated the address and door code" },
	  NULL, "in", "resolved", NULL, 0, DEMO_MOOD_GOOD, 2, 3 },
	{ { "积分查询", "Loyalty points" },
	  { "查询会员积分，够换一桶花生油",
	    "Asked about points; enough for a bottle of peanut oil" },
	  NULL, "in", "info", NULL, 0, DEMO_MOOD_GOOD, 1, 4 },
	{ { "退换货", "Return" },
	  { "要求退一袋未开封的糯米，待仓库确认后回电",
	    "Wants to return an unopened bag of glutinous rice; call back" },
	  NULL, "in", "callback", NULL, 0, DEMO_MOOD_MIXED, 2, 3 },
	{ { "新品推荐", "New product" },
	  { "推荐新到的五常大米，客户愿意试一袋",
	    "Suggested the new Wuchang rice; will try a bag" },
	  "phone", "out", "sale", NULL, 250, DEMO_MOOD_GOOD, 3, 4 },
	{ { "组合优惠咨询", "Bundle price" },
	  { "询问桶装水和大米的组合优惠",
	    "Asked about the rice and water bundle" },
	  "chat", "in", "info", NULL, 0, DEMO_MOOD_MIXED, 1, 4 },
	{ { "延长账期", "Payment terms" },
	  { "要求延长账期，超出权限，已转主管",
	    "Wants longer payment terms; passed to the supervisor" },
	  NULL, "in", "escalated", NULL, 0, DEMO_MOOD_MIXED, 1, 2 },
	{ { "流失挽回", "Win-back" },
	  { "客户说最近在超市买米，介绍了免费送货上门",
	    "Now buys rice at the supermarket; explained free delivery" },
	  "phone", "out", "unresolved", NULL, 0, DEMO_MOOD_MIXED, 2, 3 },
	{ { "节日订购", "Holiday order" },
	  { "春节前订购杂粮礼盒两份，送给亲戚",
	    "Two grain gift boxes before Spring Festival, for relatives" },
	  NULL, "in", "sale", NULL, 600, DEMO_MOOD_GOOD, 2, 3 },
	{ { "邮件确认订单", "Order confirmation" },
	  { "邮件确认月度订单和送货时间",
	    "Confirmed the monthly order and delivery slot by email" },
	  "email", "out", "resolved", NULL, 0, DEMO_MOOD_GOOD, 2, 3 },
	{ { "短信提醒", "Text reminder" },
	  { "短信提醒明天送货，客户回复确认",
	    "Texted tomorrow's delivery; customer confirmed" },
	  "sms", "out", "info", NULL, 0, DEMO_MOOD_GOOD, 1, 3 },
};
const size_t demo_nscenarios = nitems(demo_scenarios);

/* How complaints were put right, by category. */
const struct demo_resolution demo_resolutions[] = {
	{ "delivery", { "当天补送并免运费",
	    "Delivered the same day, no delivery fee" } },
	{ "delivery", { "调整送货时段为客户方便的下午",
	    "Moved deliveries to the afternoon, as the customer prefers" } },
	{ "billing", { "核实后退还重复扣款，已到账",
	    "Refunded the double charge; customer confirmed" } },
	{ "billing", { "解释计费规则并赠送积分",
	    "Explained the charges and added loyalty points" } },
	{ "product", { "上门更换新米并当面致歉",
	    "Replaced the rice at the door and apologised" } },
	{ "product", { "全额退款并赠送5公斤大米致歉",
	    "Full refund and 5 kg of rice as an apology" } },
	{ "attitude", { "对送货员进行培训，主管致电道歉",
	    "Driver retrained; supervisor called to apologise" } },
	{ "service", { "增加高峰时段坐席，回电致歉",
	    "More agents at peak hours; called back to apologise" } },
	{ "service", { "主管回电致歉，留专线号码",
	    "Supervisor called back, gave a direct line" } },
};
const size_t demo_nresolutions = nitems(demo_resolutions);

const struct demo_text demo_followup_reasons[] = {
	{ "确认新米口感是否满意", "Ask how the new rice tastes" },
	{ "提醒会员积分月底到期", "Points expire at the end of the month" },
	{ "节日问候，介绍中秋礼盒", "Mid-Autumn greetings and gift boxes" },
	{ "询问是否需要上门清洁米缸", "Offer a rice-jar cleaning visit" },
	{ "确认新地址送货是否顺利",
	  "Check deliveries to the new address went well" },
	{ "回电说明退换货进度", "Call back about the return" },
	{ "介绍新到的有机杂粮", "Introduce the new organic grains" },
};
const size_t demo_nfollowup_reasons = nitems(demo_followup_reasons);

/* The invoking agent's first follow-ups: a reminder fires within two
 * minutes of starting the demo, and some are overdue already. */
const struct demo_soon demo_soon[] = {
	{ 20, DEMO_WHO_FIRST,
	  { "王永庆家的大米快吃完了（20公斤约30天），提醒续订并预约周六送货",
	    "Rice is running out (20 kg lasts ~30 days): offer a reorder" },
	  30 },
	{ 45, DEMO_WHO_VIP,
	  { "VIP月度关怀回访", "Monthly VIP care call" }, 30 },
	{ 90, DEMO_WHO_COMPLAINT,
	  { "回访未结投诉的处理进展", "Follow up on the open complaint" }, 0 },
	{ 110, DEMO_WHO_SECOND,
	  { "确认新地址送货是否顺利",
	    "Check deliveries to the new address went well" }, 0 },
	{ -40 * 60, DEMO_WHO_ANY,
	  { "答应今天上午回电说明退款进度",
	    "Promised a call back about the refund this morning" }, 0 },
	{ -3 * 3600, DEMO_WHO_ANY,
	  { "约好下午回电确认送货时间",
	    "Agreed to call back to fix a delivery slot" }, 0 },
	{ -26 * 3600, DEMO_WHO_ANY,
	  { "昨天未接通，需再次联系", "No answer yesterday, try again" }, 0 },
};
const size_t demo_nsoon = nitems(demo_soon);

const struct demo_colleague demo_colleagues[] = {
	{ "li.na", "李娜", 0 },
	{ "zhang.wei", "张伟", 0 },
	{ "chen.jing", "陈静", 0 },
	{ "emily", "Emily Zhou", 0 },
	{ "david", "David Lin", 0 },
	{ "zhao.min", "赵敏", 1 },
};
const size_t demo_ncolleagues = nitems(demo_colleagues);
