/*
 * agent.h — the people who log in: agents and supervisors.
 */
#ifndef KEFU_AGENT_H
#define KEFU_AGENT_H

#include <stdint.h>

struct db;

enum agent_role { AGENT_ROLE_AGENT = 0, AGENT_ROLE_SUPERVISOR = 1 };

struct agent {
	char	*login;
	char	*name;
	enum agent_role role;
	char	*state;		/* available, on_call, wrap_up, paused, offline */
	int64_t	 state_since;
	int64_t	 heartbeat;
};

void agent_free(struct agent *);
void agent_list_free(struct agent **, int n);

/* True if LOGIN is a usable login: 1–64 of [A-Za-z0-9._@-] starting with a
 * letter or digit, and not "pool". */
int agent_login_valid(const char *login);

/* Register LOGIN. BY must be a supervisor, except when no agent exists yet
 * (the first registration, from `kefu init`). An existing login is an
 * error unless IF_MISSING, in which case nothing changes. */
int agent_add(struct db *, const char *login, const char *name,
    enum agent_role, const char *by, int if_missing, char **cause);

/* Load LOGIN: 1 found, 0 not found, negative error. */
int agent_get(struct db *, const char *login, struct agent **out, char **cause);

/* All agents ordered by login. Returns the count or negative. */
int agent_list(struct db *, struct agent ***out, char **cause);

/* How many agents are registered (negative on error). */
int agent_count(struct db *);

/* The states an agent can be in, NULL-terminated: available, on_call,
 * wrap_up, paused, offline. */
extern const char *const agent_states[];

/* Set LOGIN's state (one of agent_states; REASON for paused, else NULL)
 * and heartbeat, as BY (audited when BY is not LOGIN). */
int agent_set_state(struct db *, const char *login, const char *state,
    const char *reason, const char *by, char **cause);

/* Why an agent pauses (a table, not free text), NULL-terminated. */
extern const char *const agent_pause_reasons[];

/* A one-line message from a supervisor to LOGIN's alert bar (audited). */
int agent_message(struct db *, const char *to, const char *from,
    const char *text, char **cause);

struct agent_msg {
	int64_t	 id;
	char	*from;
	char	*text;
	int64_t	 at;
};

/* LOGIN's unshown messages, marked shown (one transaction). Returns the
 * count (*out owned; free with agent_msgs_free) or negative. */
int agent_messages_take(struct db *, const char *login,
    struct agent_msg **out, char **cause);
void agent_msgs_free(struct agent_msg *, int n);

/* Record that LOGIN's console is alive at NOW. */
int agent_heartbeat(struct db *, const char *login, int64_t now);

const char *agent_role_name(enum agent_role);
/* 0/1 for "agent"/"supervisor", -1 otherwise. */
int agent_role_parse(const char *);

#endif
