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

/* A complaint category and one way such complaints were put right. */
struct demo_resolution {
	const char	*category;
	struct demo_text text;
};

/* An overdue follow-up: how long ago it fell due. */
struct demo_late {
	long		 ago;		/* seconds */
	struct demo_text reason;
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
extern const struct demo_area demo_areas[];
extern const size_t demo_nareas;

extern const struct demo_text demo_households[];
extern const size_t demo_nhouseholds;
extern const struct demo_habit demo_habits[];
extern const size_t demo_nhabits;
extern const struct demo_text demo_preferences[];
extern const size_t demo_npreferences;
extern const struct demo_text demo_notes[];
extern const size_t demo_nnotes;

extern const struct demo_scenario demo_scenarios[];
extern const size_t demo_nscenarios;
extern const struct demo_segment demo_segments[];	/* by enum demo_seg */
extern const struct demo_weighted demo_channels[];
extern const size_t demo_nchannels;
extern const struct demo_resolution demo_resolutions[];
extern const size_t demo_nresolutions;
extern const struct demo_text demo_followup_reasons[];
extern const size_t demo_nfollowup_reasons;

extern const struct demo_late demo_late[];
extern const size_t demo_nlate;
extern const struct demo_colleague demo_colleagues[];
extern const size_t demo_ncolleagues;

#endif
