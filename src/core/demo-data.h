/*
 * demo-data.h — the tables behind the demo call centre (demo.c): names,
 * profile notes in the spirit of 王永庆's rice-shop notebook, kinds of
 * contact and what became of them.  Private to src/core.
 *
 * Text comes in pairs: Chinese for Chinese-named customers, English for
 * English-named ones.
 */
#ifndef KEFU_DEMO_DATA_H
#define KEFU_DEMO_DATA_H

#include <stddef.h>

/* A text and how often it is picked relative to its neighbours. */
struct demo_weighted {
	const char	*text;
	int		 weight;
};

/* A Chinese and an English version of the same text. */
struct demo_text {
	const char	*zh;
	const char	*en;
};

/* A habit; CYCLE_DAYS > 0 when it implies a consumption cycle. */
struct demo_habit {
	const char	*zh;
	const char	*en;
	int		 cycle_days;
};

/* How the customer felt about a contact: drives expectation-vs-outcome. */
enum demo_mood {
	DEMO_MOOD_NONE,		/* nobody was reached: no outcome */
	DEMO_MOOD_GOOD,
	DEMO_MOOD_MIXED,
	DEMO_MOOD_BAD,
};

/* Percent of contacts of a mood that delighted the customer, and that
 * delighted or satisfied them; the rest disappointed. */
struct demo_mood_share {
	int		 delighted;
	int		 satisfied;
};

/* One kind of contact: why it happened and what became of it. */
struct demo_scenario {
	struct demo_text reason;
	struct demo_text notes;
	const char	*channel;	/* NULL: a channel is drawn */
	const char	*direction;	/* in, out */
	const char	*disposition;
	const char	*complaint;	/* category when it is a complaint */
	int		 purchase;	/* most yuan bought, 0 = none */
	enum demo_mood	 mood;
	int		 level;		/* service level reached, 0-4 */
	int		 weight;
};

/* How a phone number is written: OPEN, then three groups of digits
 * separated by SEP1 and SEP2. */
struct demo_format {
	const char	*open;
	const char	*sep1;
	const char	*sep2;
};

/* The first customer's profile, the rice-shop notebook of the story. */
struct demo_profile {
	const char	*household;
	const char	*habits;
	const char	*preferences;
	const char	*notes;
	int		 cycle_days;
	long		 annual_spend;	/* cents */
};

/* A complaint category and one way such complaints were put right. */
struct demo_resolution {
	const char	*category;
	struct demo_text text;
};

/* Whom one of the invoking agent's first follow-ups is for. */
enum demo_who {
	DEMO_WHO_VIP,		/* the first VIP */
	DEMO_WHO_COMPLAINT,	/* the first with an open complaint */
	DEMO_WHO_FIRST,		/* 王永庆 */
	DEMO_WHO_SECOND,	/* 黄强 */
	DEMO_WHO_ANY,
};

/* One of the invoking agent's first follow-ups: due IN seconds after now
 * (negative: overdue). */
struct demo_soon {
	long		 in;
	enum demo_who	 who;
	struct demo_text reason;
	int		 every_days;
};

enum demo_seg {
	DEMO_SEG_VIP,
	DEMO_SEG_KEY,
	DEMO_SEG_NORMAL,
	DEMO_SEG_AT_RISK,
	DEMO_SEG_NEW,
};

/* Per segment: share of customers, yearly spend and number of contacts. */
struct demo_segment {
	const char	*name;
	int		 percent;
	int		 spend_min, spend_max;	/* yuan per year */
	int		 contacts_min, contacts_max;
	int		 owned;		/* percent with an owner agent */
};

/* A demo colleague of the invoking agent. */
struct demo_colleague {
	const char	*login;
	const char	*name;
	int		 supervisor;
};

/* A Chinese area code and how many digits its local numbers have. */
struct demo_area {
	const char	*code;		/* with the trunk 0: "010" */
	int		 digits;
};

extern const struct demo_weighted demo_surnames[];
extern const size_t demo_nsurnames;
extern const char *const demo_given[];
extern const size_t demo_ngiven;
extern const char *const demo_en_first[];
extern const size_t demo_nen_first;
extern const char *const demo_en_last[];
extern const size_t demo_nen_last;

extern const char *const demo_mobile_prefixes[];
extern const size_t demo_nmobile_prefixes;
extern const struct demo_format demo_mobile_formats[];
extern const struct demo_weighted demo_mobile_weights[];	/* parallel */
extern const size_t demo_nmobile_formats;
extern const struct demo_format demo_landline_formats[];
extern const size_t demo_nlandline_formats;
extern const struct demo_area demo_areas[];
extern const size_t demo_nareas;

extern const struct demo_profile demo_first;
extern const struct demo_text demo_households[];
extern const size_t demo_nhouseholds;
extern const struct demo_habit demo_habits[];
extern const size_t demo_nhabits;
extern const struct demo_text demo_preferences[];
extern const size_t demo_npreferences;
extern const struct demo_text demo_notes[];
extern const size_t demo_nnotes;

extern const struct demo_mood_share demo_moods[];	/* by enum demo_mood */
extern const struct demo_scenario demo_scenarios[];
extern const size_t demo_nscenarios;
extern const struct demo_segment demo_segments[];	/* by enum demo_seg */
extern const struct demo_weighted demo_channels[];
extern const size_t demo_nchannels;
extern const struct demo_resolution demo_resolutions[];
extern const size_t demo_nresolutions;
extern const struct demo_text demo_followup_reasons[];
extern const size_t demo_nfollowup_reasons;

extern const struct demo_soon demo_soon[];
extern const size_t demo_nsoon;
extern const struct demo_colleague demo_colleagues[];
extern const size_t demo_ncolleagues;

#endif
