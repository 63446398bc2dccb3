/*
 * kpi.h — the figures a supervisor watches, for a period [since, until).
 *
 * Definitions (also in `kefu stats --help`; JSON field names in brackets):
 *   offered [offered]      calls offered in the period
 *   answered [answered], abandoned [abandoned]
 *   abandon % [abandon_pct]  abandoned ÷ offered × 100
 *   SL [sl]      answered within T s ÷ answered × 100 (Asterisk's SL)
 *   SL2 [sl2]    (answered within T + abandoned within T) ÷
 *                (answered + abandoned) × 100 (Asterisk's SL2)
 *   ASA [asa]    mean seconds from offered to answered
 *   AHT [aht]    mean talk (answered → ended) + wrap-up (ended → wrap-up
 *                done; 0 while none was recorded), over ended calls
 *   FCR [fcr]    contacts resolved with no contact from the same customer
 *                in the next 7 days ÷ contacts in the period × 100
 *   satisfaction [satisfaction]  (delighted + satisfied) ÷ rated × 100
 *   open complaints [open_complaints]; silent unhappy estimate
 *                [silent_unhappy] = open complaints × 25 (only ~4% of
 *                unhappy customers complain)
 *   Erlang C [erlang]: agents needed now for the last hour's arrivals and
 *                the period's AHT at the SL target, through the Erlang-B
 *                recursion, occupancy capped at 85%.
 * A percentage with nothing to divide is reported as -1 (JSON null).
 */
#ifndef KEFU_KPI_H
#define KEFU_KPI_H

#include <stdint.h>

struct db;

#define KPI_SLOTS 96	/* 15-minute slots in a day */

struct kpi {
	int64_t	 since, until;
	int	 threshold;		/* T, seconds */
	int	 target;		/* SL target, % */
	int	 offered, answered, abandoned, waiting;
	int	 answered_within, abandoned_within;
	double	 abandon_pct, sl, sl2, asa, aht;
	int	 contacts, resolved_first;
	double	 fcr;
	int	 rated, happy;
	double	 satisfaction;
	int	 open_complaints, silent_unhappy;
	int	 overdue_followups;
	/* Erlang C for the last hour */
	double	 arrivals_per_hour;
	double	 traffic;		/* Erlangs */
	int	 agents_needed;
	double	 predicted_sl;		/* at agents_needed, % */
	double	 occupancy;		/* at agents_needed, % */
	int	 occupancy_capped;	/* the 85% cap decided the number */
	/* sparklines: per 15-minute slot since the period start */
	int	 slot_offered[KPI_SLOTS];
	double	 slot_sl[KPI_SLOTS];	/* -1: no answered calls */
	int	 nslots;
};

/* Compute the figures for [SINCE, UNTIL) as of NOW with service-level
 * threshold T seconds and target TARGET %. 0, or negative with *cause. */
int kpi_compute(struct db *, int64_t since, int64_t until, int64_t now,
    int threshold, int target, struct kpi *, char **cause);

/* Erlang B blocking for TRAFFIC Erlangs on N servers (the recursion). */
double erlang_b(double traffic, int n);
/* Erlang C probability of waiting. */
double erlang_c(double traffic, int n);
/* Service level (0–1) with N agents: P(wait <= T). */
double erlang_sl(double traffic, int n, double aht, double t);
/* Fewest agents meeting TARGET (0–1) within T with occupancy <= CAP;
 * *capped is set when the cap, not the SL, decided. */
int erlang_agents(double traffic, double aht, double t, double target,
    double cap, int *capped);

/* Overdue open follow-ups per owner: logins and counts (owned). */
int kpi_overdue_by_owner(struct db *, int64_t now, char ***owners,
    int **counts, char **cause);

#endif
