/*
 * names.c — tables for the benchmark data (see names.h).  Surname weights
 * follow the published frequencies of the most common Chinese surnames;
 * the given-name characters are the common ones across generations.
 */
#include <math.h>

#include "names.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

const struct weighted bench_surnames[] = {
	{ "王", 72 }, { "李", 70 }, { "张", 68 }, { "刘", 54 }, { "陈", 46 },
	{ "杨", 31 }, { "黄", 24 }, { "赵", 23 }, { "周", 19 }, { "吴", 19 },
	{ "徐", 17 }, { "孙", 16 }, { "马", 13 }, { "朱", 13 }, { "胡", 13 },
	{ "郭", 12 }, { "何", 12 }, { "林", 11 }, { "罗", 10 }, { "高", 10 },
	{ "郑", 9 }, { "梁", 9 }, { "谢", 8 }, { "宋", 7 }, { "唐", 7 },
	{ "许", 7 }, { "韩", 6 }, { "冯", 6 }, { "邓", 6 }, { "曹", 6 },
	{ "彭", 5 }, { "曾", 5 }, { "肖", 5 }, { "田", 4 }, { "董", 4 },
	{ "袁", 4 }, { "潘", 4 }, { "于", 4 }, { "蒋", 4 }, { "蔡", 4 },
	{ "余", 4 }, { "杜", 3 }, { "叶", 3 }, { "程", 3 }, { "苏", 3 },
	{ "魏", 3 }, { "吕", 3 }, { "丁", 3 }, { "任", 3 }, { "沈", 3 },
	{ "姚", 2 }, { "卢", 2 }, { "姜", 2 }, { "崔", 2 }, { "钟", 2 },
	{ "谭", 2 }, { "陆", 2 }, { "汪", 2 }, { "范", 2 }, { "金", 2 },
	{ "石", 2 }, { "廖", 2 }, { "贾", 2 }, { "夏", 2 }, { "韦", 2 },
	{ "付", 2 }, { "方", 2 }, { "白", 2 }, { "邹", 2 }, { "孟", 2 },
	{ "熊", 2 }, { "秦", 2 }, { "邱", 2 }, { "江", 2 }, { "尹", 2 },
	{ "薛", 1 }, { "闫", 1 }, { "段", 1 }, { "雷", 1 }, { "侯", 1 },
	{ "龙", 1 }, { "史", 1 }, { "陶", 1 }, { "黎", 1 }, { "贺", 1 },
	{ "顾", 1 }, { "毛", 1 }, { "郝", 1 }, { "龚", 1 }, { "邵", 1 },
	{ "万", 1 }, { "钱", 1 }, { "严", 1 }, { "覃", 1 }, { "武", 1 },
	{ "欧阳", 1 }, { "司马", 1 }, { "上官", 1 }, { "诸葛", 1 },
};
const size_t bench_nsurnames = nitems(bench_surnames);

const char *const bench_given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
	"勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
	"刚", "桂", "英", "华", "建", "文", "玉", "兰", "志", "红",
	"国", "海", "小", "云", "林", "鹏", "波", "辉", "玲", "斌",
	"宇", "浩", "凯", "琳", "晓", "子", "轩", "梓", "涵", "然",
	"欣", "怡", "雨", "桐", "俊", "淑", "珍", "博", "一", "诺",
	"思", "远", "佳", "航", "春", "梅", "德", "美", "家", "豪",
	"振", "燕", "立", "新", "卫", "东", "婷", "龙", "雪", "永",
	"金", "凤", "诗", "成", "荣", "芬", "慧", "鑫", "峰", "健",
	"亮", "飞", "宁", "萍", "丹", "婉", "秋", "瑞", "欢", "光",
	"天", "鸿", "嘉", "晨", "阳", "悦", "彤", "昊", "瑶", "琪",
	"铭", "泽", "睿", "宏", "毅", "庆", "福", "祥", "顺", "安",
	"荷", "莉", "菲", "蓉", "倩", "颖", "露", "虹", "青", "雯",
	"岩", "松", "柏", "山", "川", "江", "河", "湖", "晶", "兴",
};
const size_t bench_ngiven = nitems(bench_given);

const char *const bench_en_first[] = {
	"Emily", "James", "Michael", "Sarah", "David", "Jennifer", "Robert",
	"Linda", "William", "Jessica", "Daniel", "Karen", "Thomas", "Olivia",
	"Kevin", "Grace", "Peter", "Lucy", "Andrew", "Sophie", "Mark",
	"Rachel", "Henry", "Chloe", "Brian", "Amy", "Vincent", "Tony",
	"Eric", "Jason", "Helen", "Cindy", "Frank", "Gary", "Irene", "Joyce",
	"Nancy", "Oscar", "Patrick", "Queenie", "Ronald", "Stella", "Ursula",
	"Victor", "Wendy", "Xavier", "Yvonne", "Zoe",
};
const size_t bench_nen_first = nitems(bench_en_first);

const char *const bench_en_last[] = {
	"Chen", "Wong", "Smith", "Johnson", "Lee", "Brown", "Lin", "Taylor",
	"Wilson", "Liu", "Martin", "Anderson", "Ho", "Clark", "Walker",
	"Cheung", "Evans", "Ng", "Miller", "Tan", "Garcia", "Davis",
	"Moore", "Jackson", "White", "Harris", "Thompson", "Young", "King",
	"Wright", "Lopez", "Hill", "Scott", "Green", "Adams", "Baker",
	"Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips",
};
const size_t bench_nen_last = nitems(bench_en_last);

const char *const bench_note_words[] = {
	"东北大米", "泰国香米", "五常大米", "糯米", "小米", "花生油", "菜籽油",
	"酱油", "面粉", "挂面", "鸡蛋", "矿泉水", "送货上门", "月初送货",
	"周末送货", "家里有老人", "有小孩", "独居", "腿脚不便", "喜欢新米",
	"只要小包装", "米缸十公斤", "电话前先发短信", "晚上七点后联系",
	"上次投诉送晚了", "老客户", "介绍了邻居", "要发票", "微信支付",
	"货到付款", "对价格敏感", "喜欢促销", "不要打扰",
	"delivery", "weekend", "invoice", "allergic", "gluten", "organic",
	"discount", "elderly", "wechat", "callback", "loyal", "referral",
	"spicy", "vegetarian", "morning", "evening", "office",
};
const size_t bench_nnote_words = nitems(bench_note_words);

const char *const bench_mobile_prefixes[] = {
	"130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
	"151", "152", "153", "155", "156", "157", "158", "159", "166", "170",
	"176", "177", "180", "181", "182", "183", "186", "187", "188", "189",
	"191", "198", "199",
};
const size_t bench_nmobile_prefixes = nitems(bench_mobile_prefixes);

/* splitmix64: expands one seed into the xoshiro state. */
static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Seed R from SEED. */
void
rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

/* Rotate X left by K bits. */
static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* The next 64 random bits (xoshiro256**). */
uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* Uniform in [0, N) (the modulo bias is negligible for small N). */
uint64_t
rng_below(struct rng *r, uint64_t n)
{
	return n ? rng_next(r) % n : 0;
}

/* An index skewed towards the front: inverse of the 1/(r+8) cumulative. */
size_t
rng_skewed(struct rng *r, size_t n)
{
	double u = (double)(rng_next(r) >> 11) / 9007199254740992.0;
	double lo = 8.0, hi = 8.0 + (double)n;
	size_t i = (size_t)(lo * pow(hi / lo, u) - lo);

	return i < n ? i : n - 1;
}

/* A surname drawn by its weight. */
const char *
names_surname(struct rng *r)
{
	static int total;
	int x;

	if (total == 0)
		for (size_t i = 0; i < bench_nsurnames; i++)
			total += bench_surnames[i].w;
	x = (int)rng_below(r, (uint64_t)total);
	for (size_t i = 0; i < bench_nsurnames; i++) {
		if (x < bench_surnames[i].w)
			return bench_surnames[i].s;
		x -= bench_surnames[i].w;
	}
	return bench_surnames[0].s;
}
