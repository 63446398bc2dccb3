/*
 * cli.h — the command line: parsing, the shared context of a command, and
 * the command table (kefu.c dispatches, cmd-*.c implement).
 *
 * Global options (--db, --agent, --json, --theme) are accepted before or
 * after the command words. Exit status: 0 success, 1 user error (one line
 * on stderr), 2 usage error.
 */
#ifndef KEFU_CLI_H
#define KEFU_CLI_H

#include <stdint.h>

struct db;

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2, CLI_DONE = -1 };

struct optspec {
	const char	*name;		/* without "--" */
	int		 has_arg;
	const char	*help;
};

struct cli_value {
	const char	*name;
	const char	*value;		/* NULL for a flag */
};

struct cli {
	const struct command *cmd;
	const char	*db_path;	/* resolved: --db, $KEFU_DB, XDG */
	int		 db_explicit;	/* --db or $KEFU_DB given */
	const char	*agent;		/* --agent, $USER, the OS user */
	int		 json;
	const char	*theme;
	char		**args;		/* positional arguments */
	int		 nargs;
	struct cli_value *opts;
	int		 nopts;
	struct db	*db;		/* opened by cli_open_db */
};

struct command {
	const char	*name;		/* "customer add" */
	const char	*args;		/* "ID|PHONE" for usage */
	const char	*summary;
	const struct optspec *opts;	/* NULL-name terminated, or NULL */
	int		 min_args, max_args;
	int		 (*fn)(struct cli *);
	const char	*details;	/* longer help, or NULL */
};

extern const struct command commands[];

/* Parse ARGV into CLI. Returns 0, or an exit status when parsing ends the
 * run (help, version, usage error). */
int cli_parse(struct cli *, int argc, char **argv);
void cli_free(struct cli *);

/* The last value of option NAME, or NULL. */
const char *cli_opt(const struct cli *, const char *name);
/* True if option NAME was given. */
int cli_flag(const struct cli *, const char *name);
/* All values of a repeatable option; returns the count, *out owned. */
int cli_opts(const struct cli *, const char *name, const char ***out);

/* Print "kefu: MSG" on stderr and return EXIT_USER. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Report CAUSE (freed) as "kefu: CAUSE" and return EXIT_USER. */
int cli_fail(char *cause);

/* The first argument as a positive id of WHAT ("call"), or 0 after saying
 * it is not one. */
int64_t cli_id(struct cli *, const char *what);

/* Open the database (creating it when CREATE) and, when REGISTERED, check
 * the acting agent is registered. Returns 0 or an exit status. */
int cli_open_db(struct cli *, int create, int registered);

/* Check the acting agent is registered: 0 or EXIT_USER. */
int cli_check_agent(struct cli *);

/* Print TEXT from data to stdout with control characters made visible. */
void cli_print_safe(const char *text);

/* Replace *S (owned, may be NULL) by its printable form: for columns that
 * are checked on write but print as-is (logins, states), in case the
 * database was edited by hand. */
void cli_sanitise(char **s);

/* Parse a non-negative integer option value; -1 on garbage. */
int64_t cli_int(const char *s, int64_t max);

/* Default database path when neither --db nor $KEFU_DB is given. */
char *cli_default_db(const char *file);

/* Import the playbooks shipped with kefu (for the demo); how many. */
int playbook_import_shipped(struct cli *);

/* Commands (cmd-customer.c, cmd-work.c, kefu.c). */
int cmd_console(struct cli *);
int cmd_init(struct cli *);
int cmd_demo(struct cli *);
int cmd_customer_add(struct cli *);
int cmd_customer_show(struct cli *);
int cmd_customer_find(struct cli *);
int cmd_contact_log(struct cli *);
int cmd_contact_list(struct cli *);
int cmd_followup_add(struct cli *);
int cmd_followup_list(struct cli *);
int cmd_followup_done(struct cli *);
int cmd_followup_snooze(struct cli *);
int cmd_followup_assign(struct cli *);
int cmd_remind(struct cli *);
int cmd_call(struct cli *);
int cmd_complaint_open(struct cli *);
int cmd_complaint_list(struct cli *);
int cmd_complaint_resolve(struct cli *);
int cmd_complaint_assign(struct cli *);
int cmd_stats(struct cli *);
int cmd_agents(struct cli *);
int cmd_agent_state(struct cli *);
int cmd_agent_message(struct cli *);
int cmd_agent_add(struct cli *);
int cmd_agent_list(struct cli *);
int cmd_playbook_check(struct cli *);
int cmd_playbook_import(struct cli *);
int cmd_playbook_list(struct cli *);
int cmd_playbook_show(struct cli *);

#endif
