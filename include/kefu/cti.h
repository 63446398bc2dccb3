/*
 * cti.h — the softphone link: a client of baresip's ctrl_tcp module.
 *
 * baresip sends netstrings ("<len>:<json>,") of JSON events and command
 * responses over one TCP connection on loopback. The parser (cti_parse)
 * is pure: bytes in, events out, so it is unit-tested and fuzzed without a
 * socket. The client (cti_start) runs on the caller's uv loop: it
 * reconnects with backoff, answers and hangs up a call by its SIP Call-ID
 * (`callfind` first, then `accept`/`hangup` once callfind succeeded), and
 * reports only what baresip's events prove: a response's ok:true does not
 * mean the call was answered; CALL_ESTABLISHED does.
 */
#ifndef KEFU_CTI_H
#define KEFU_CTI_H

#include <stdbool.h>
#include <stddef.h>

#include <uv.h>

#define CTI_FRAME_MAX	65536	/* longest JSON payload accepted */
#define CTI_NUMBER_MAX	64	/* caller number, bytes */

enum cti_type {
	CTI_INCOMING = 1,	/* a call rings at this agent */
	CTI_ESTABLISHED,	/* answered (by us, through baresip) */
	CTI_CLOSED,		/* over: hung up, cancelled, rejected */
	CTI_RESPONSE,		/* the response to a command we sent */
};

/* One event. The strings belong to the parser and live only during the
 * callback. */
struct cti_event {
	enum cti_type	 type;
	const char	*id;		/* SIP Call-ID ("" for a response) */
	const char	*number;	/* caller: digits, '+', letters; may be "" */
	const char	*name;		/* display name, sanitised, or NULL */
	bool		 known;		/* we saw this call's CTI_INCOMING */
	bool		 missed;	/* CLOSED never ESTABLISHED (known only) */
	/* CTI_RESPONSE only: */
	const char	*token;
	bool		 ok;
	const char	*data;		/* baresip's text output, sanitised */
};

typedef void (*cti_event_fn)(void *arg, const struct cti_event *);

/* ---- The parser: framing, JSON, per-call state. ---- */

struct cti_parser;

/* A new parser (owned; cti_parser_free). */
struct cti_parser *cti_parser_new(void);
void cti_parser_free(struct cti_parser *);
/* Forget half-received frames (after a reconnect); call state is kept. */
void cti_parser_reset(struct cti_parser *);

/* Feed LEN bytes received; FN gets each event in order. Returns the number
 * of events delivered, or -1 with *cause (owned) when the stream is
 * malformed (bad length, oversize frame, missing ',', not a JSON object):
 * the connection must then be dropped. */
int cti_parse(struct cti_parser *, const char *buf, size_t len,
    cti_event_fn fn, void *arg, char **cause);

/* The caller number from a SIP URI ("sip:+8613800138000@host:5061"): the
 * user part, %XX decoded, only digits, '+' and ASCII letters kept, at most
 * CTI_NUMBER_MAX bytes. OUT has CTI_NUMBER_MAX + 1 bytes; "" if none. */
void cti_uri_number(const char *uri, char *out);

/* Encode one command as a netstring (owned, *len bytes). PARAMS may be
 * NULL. */
char *cti_command(const char *command, const char *params,
    const char *token, size_t *len);

/* ---- The client, on a uv loop. ---- */

struct cti;

/* Connect to HOSTPORT ("127.0.0.1:4444", "[::1]:4444", "localhost:4444")
 * and keep connecting (250 ms doubling to 10 s). EVENT gets the events;
 * STATUS (may be NULL) gets true when connected, false when the link is
 * lost. 0 and *out (free with cti_close), or -1 with *cause for a bad
 * address. */
int cti_start(uv_loop_t *, const char *hostport, cti_event_fn event,
    void (*status)(void *arg, bool up), void *arg, struct cti **out,
    char **cause);

/* Answer call ID: callfind, then accept when baresip found the call. 0, or
 * -1 with *cause when not connected. Success is CTI_ESTABLISHED; without
 * it within 2 s a CTI_RESPONSE with ok false says so. */
int cti_answer(struct cti *, const char *id, char **cause);

/* Hang up or reject call ID: callfind, then hangup. Like cti_answer;
 * success is CTI_CLOSED. */
int cti_hangup(struct cti *, const char *id, char **cause);

bool cti_connected(const struct cti *);

/* Disconnect and free (in the handles' close callbacks, so the loop can
 * then close). NULL is fine. */
void cti_close(struct cti *);

#endif
