/*
 * cti.c — the softphone link to baresip's ctrl_tcp (see cti.h).
 *
 * Wire format (baresip 1.0.0, both directions): a netstring
 * "<decimal length>:<JSON>," with no other delimiter; one TCP read may hold
 * several frames or part of one. Events look like
 *   {"event":true,"type":"CALL_INCOMING","peeruri":"sip:+86…@host",
 *    "peerdisplayname":"Zhang San","id":"<SIP Call-ID>",…}
 * (peerdisplayname is left out when empty) and responses like
 *   {"response":true,"ok":true,"data":"…","token":"kefu-3"}.
 * Events raised while a command runs arrive before its response, and ok:true
 * proves nothing (`accept` with no call says ok), so the events are the
 * truth and responses only report failures.
 *
 * The parser keeps a small table of the calls it saw ring, keyed by
 * Call-ID, so a CALL_CLOSED with no CALL_ESTABLISHED before it is reported
 * as missed.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <jansson.h>

#include "kefu/cti.h"
#include "kefu/utf8.h"
#include "kefu/xmalloc.h"

#define CALLS_MAX	8	/* calls remembered at once */
#define ID_MAX		256	/* longest Call-ID accepted */
#define NAME_COLS	48	/* display names are cut to this */
#define DATA_COLS	200	/* response text is cut to this */
#define PENDING_MAX	8
#define BACKOFF_MIN	250
#define BACKOFF_MAX	10000
#define ANSWER_MS	2000	/* accept → CALL_ESTABLISHED, at most */

struct cti_call {
	char		*id;
	bool		 established;
};

struct cti_parser {
	char		*buf;		/* bytes of an incomplete frame */
	size_t		 len, cap;
	struct cti_call	 calls[CALLS_MAX];
	unsigned	 evict;		/* next slot to reuse when full */
};

struct cti_parser *
cti_parser_new(void)
{
	return xcalloc(1, sizeof(struct cti_parser));
}

void
cti_parser_free(struct cti_parser *p)
{
	if (p == NULL)
		return;
	for (int i = 0; i < CALLS_MAX; i++)
		free(p->calls[i].id);
	free(p->buf);
	free(p);
}

void
cti_parser_reset(struct cti_parser *p)
{
	p->len = 0;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void
cti_uri_number(const char *uri, char *out)
{
	const char *s = uri, *colon;
	size_t n = 0;

	out[0] = '\0';
	if (s == NULL)
		return;
	/* Skip the scheme (sip:, sips:, tel:) if there is one. */
	if ((colon = strchr(s, ':')) != NULL && colon - s <= 4 &&
	    (strchr(s, '@') == NULL || colon < strchr(s, '@')))
		s = colon + 1;
	for (; *s != '\0' && *s != '@' && *s != ';' && *s != '?' &&
	    n < CTI_NUMBER_MAX; s++) {
		char c = *s;
		if (c == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			c = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		}
		if ((c >= '0' && c <= '9') || c == '+' || (c >= 'a' &&
		    c <= 'z') || (c >= 'A' && c <= 'Z'))
			out[n++] = c;
	}
	/* "tel:" numbers and bare hosts have no '@': a user part that ran
	 * into a host name is still what the peer presented. */
	out[n] = '\0';
}

/* A Call-ID we accept as a key: 1..ID_MAX printable ASCII bytes. */
static bool
valid_id(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)id[i] <= ' ' || (unsigned char)id[i] >= 0x7f)
			return false;
	return true;
}

static struct cti_call *
call_find(struct cti_parser *p, const char *id)
{
	for (int i = 0; i < CALLS_MAX; i++)
		if (p->calls[i].id != NULL && strcmp(p->calls[i].id, id) == 0)
			return &p->calls[i];
	return NULL;
}

/* Remember call ID as ringing (a free slot, else the oldest is dropped). */
static void
call_add(struct cti_parser *p, const char *id)
{
	struct cti_call *c = call_find(p, id);

	if (c == NULL) {
		for (int i = 0; i < CALLS_MAX && c == NULL; i++)
			if (p->calls[i].id == NULL)
				c = &p->calls[i];
		if (c == NULL) {
			c = &p->calls[p->evict];
			p->evict = (p->evict + 1) % CALLS_MAX;
			free(c->id);
		}
		c->id = xstrdup(id);
	}
	c->established = false;
}

static const char *
str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* One JSON payload: 1 if an event was delivered, 0 if ignored, -1 if not
 * a JSON object. */
static int
frame(struct cti_parser *p, const char *s, size_t n, cti_event_fn fn,
    void *arg, char **cause)
{
	struct cti_event ev;
	struct cti_call *c;
	json_error_t jerr;
	json_t *o = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
	const char *type, *id, *v;
	char number[CTI_NUMBER_MAX + 1], *name = NULL, *data = NULL;
	int rc = 0;

	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return set_cause(cause, "softphone sent a frame that is not a "
		    "JSON object");
	}
	memset(&ev, 0, sizeof ev);
	ev.id = ev.number = "";
	if (json_is_true(json_object_get(o, "response"))) {
		v = str_of(o, "data");
		data = utf8_ellipsise(v != NULL ? v : "", DATA_COLS);
		ev.type = CTI_RESPONSE;
		ev.token = (v = str_of(o, "token")) != NULL ? v : "";
		ev.ok = json_is_true(json_object_get(o, "ok"));
		ev.data = data;
		fn(arg, &ev);
		rc = 1;
		goto out;
	}
	type = str_of(o, "type");
	id = str_of(o, "id");
	if (!json_is_true(json_object_get(o, "event")) || type == NULL ||
	    id == NULL || !valid_id(id))
		goto out;
	if (strcmp(type, "CALL_INCOMING") == 0)
		ev.type = CTI_INCOMING;
	else if (strcmp(type, "CALL_ESTABLISHED") == 0)
		ev.type = CTI_ESTABLISHED;
	else if (strcmp(type, "CALL_CLOSED") == 0)
		ev.type = CTI_CLOSED;
	else
		goto out;	/* SDP, DTMF, registration: not ours */
	ev.id = id;
	v = str_of(o, "peeruri");
	cti_uri_number(v != NULL && *v != '\0' ? v : str_of(o, "param"),
	    number);
	ev.number = number;
	if ((v = str_of(o, "peerdisplayname")) != NULL && *v != '\0') {
		char *safe = utf8_sanitise(v, false);
		name = utf8_ellipsise(safe, NAME_COLS);
		free(safe);
		ev.name = name;
	}
	c = call_find(p, id);
	switch (ev.type) {
	case CTI_INCOMING:
		call_add(p, id);
		ev.known = true;
		break;
	case CTI_ESTABLISHED:
		if ((ev.known = c != NULL))
			c->established = true;
		break;
	default:
		if ((ev.known = c != NULL)) {
			ev.missed = !c->established;
			free(c->id);
			c->id = NULL;
		}
		break;
	}
	fn(arg, &ev);
	rc = 1;
out:
	free(name);
	free(data);
	json_decref(o);
	return rc;
}

/* Parse the netstring header at S (AVAIL bytes): 1 with *len and *hdr
 * when complete, 0 when more bytes are needed, -1 when malformed. */
static int
header(const char *s, size_t avail, size_t *len, size_t *hdr)
{
	size_t n = 0, i;

	for (i = 0; i < avail && s[i] >= '0' && s[i] <= '9'; i++) {
		if (i > 0 && s[0] == '0')
			return -1;	/* leading zero */
		n = n * 10 + (size_t)(s[i] - '0');
		if (n > CTI_FRAME_MAX)
			return -1;
	}
	if (i == avail)
		return 0;
	if (i == 0 || s[i] != ':')
		return -1;
	*len = n;
	*hdr = i + 1;
	return 1;
}

int
cti_parse(struct cti_parser *p, const char *buf, size_t len,
    cti_event_fn fn, void *arg, char **cause)
{
	size_t off = 0, flen, hdr;
	int n = 0, rc;

	if (len > 0) {
		if (p->len + len > p->cap) {
			p->cap = p->len + len;
			p->buf = xrealloc(p->buf, p->cap);
		}
		memcpy(p->buf + p->len, buf, len);
		p->len += len;
	}
	while (off < p->len) {
		rc = header(p->buf + off, p->len - off, &flen, &hdr);
		if (rc < 0) {
			p->len = 0;
			return set_cause(cause, "softphone sent a bad "
			    "netstring length");
		}
		if (rc == 0 || p->len - off < hdr + flen + 1)
			break;
		if (p->buf[off + hdr + flen] != ',') {
			p->len = 0;
			return set_cause(cause, "softphone sent a netstring "
			    "without its ','");
		}
		if ((rc = frame(p, p->buf + off + hdr, flen, fn, arg,
		    cause)) < 0) {
			p->len = 0;
			return -1;
		}
		n += rc;
		off += hdr + flen + 1;
	}
	if (off > 0 && p->len > off)
		memmove(p->buf, p->buf + off, p->len - off);
	p->len -= off;
	/* A half frame never holds more than one frame's worth. */
	if (p->cap > 2 * (CTI_FRAME_MAX + 8) && p->len < CTI_FRAME_MAX + 8) {
		p->cap = CTI_FRAME_MAX + 8;
		p->buf = xrealloc(p->buf, p->cap);
	}
	return n;
}

char *
cti_command(const char *command, const char *params, const char *token,
    size_t *len)
{
	json_t *o = json_object();
	char *js, *out;

	json_object_set_new(o, "command", json_string(command));
	if (params != NULL)
		json_object_set_new(o, "params", json_string(params));
	json_object_set_new(o, "token", json_string(token));
	js = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (js == NULL)
		js = xstrdup("{}");
	out = xasprintf("%zu:%s,", strlen(js), js);
	free(js);
	*len = strlen(out);
	return out;
}

/* ---- The client. ---- */

enum then { THEN_NOTHING, THEN_ACCEPT, THEN_HANGUP };

struct pending {
	unsigned	 seq;		/* token "kefu-SEQ" */
	enum then	 then;		/* after a successful callfind */
};

struct cti {
	uv_loop_t	*loop;
	uv_tcp_t	 tcp;
	uv_timer_t	 retry;
	uv_timer_t	 answer;	/* waits for CALL_ESTABLISHED */
	char		*answering;	/* the Call-ID it waits for */
	uv_connect_t	 creq;
	struct sockaddr_storage addr;
	struct cti_parser *parser;
	cti_event_fn	 event;
	void		 (*status)(void *, bool);
	void		*arg;
	bool		 tcp_open, up, closing;
	int		 handles;	/* open uv handles; freed at 0 */
	unsigned	 backoff, seq;
	uint64_t	 up_since;	/* loop ms the link came up, 0 = down */
	struct pending	 pend[PENDING_MAX];
	int		 npend;
	char		 rbuf[CTI_FRAME_MAX];
};

struct wreq {
	uv_write_t	 req;
	char		*buf;
};

static void connect_now(struct cti *);

static void
cti_free(struct cti *c)
{
	free(c->answering);
	cti_parser_free(c->parser);
	free(c);
}

/* baresip writes several small frames back to back; without prompt ACKs
 * the second waits ~40 ms for the delayed ACK. Linux clears QUICKACK after
 * a while, so it is set again after every read. */
static void
quickack(struct cti *c)
{
#ifdef TCP_QUICKACK
	uv_os_fd_t fd;
	int one = 1;

	if (uv_fileno((uv_handle_t *)&c->tcp, &fd) == 0)
		setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#else
	(void)c;
#endif
}

static void
on_retry(uv_timer_t *t)
{
	connect_now(t->data);
}

static void
on_tcp_closed(uv_handle_t *h)
{
	struct cti *c = h->data;

	c->tcp_open = false;
	if (--c->handles == 0 && c->closing) {
		cti_free(c);
		return;
	}
	if (c->closing)
		return;
	cti_parser_reset(c->parser);
	/* Back to quick retries only after a link that held (baresip serves
	 * one client: two consoles on one softphone must not take turns
	 * kicking each other out four times a second). */
	if (c->up_since != 0 && uv_now(c->loop) - c->up_since >= 5000)
		c->backoff = BACKOFF_MIN;
	c->up_since = 0;
	uv_timer_start(&c->retry, on_retry, c->backoff, 0);
	c->backoff = c->backoff * 2 > BACKOFF_MAX ? BACKOFF_MAX :
	    c->backoff * 2;
}

/* Drop the connection; a retry follows when the socket has closed. */
static void
drop(struct cti *c)
{
	bool was = c->up;

	if (!c->tcp_open || uv_is_closing((uv_handle_t *)&c->tcp))
		return;
	c->up = false;
	c->npend = 0;
	uv_timer_stop(&c->answer);
	uv_close((uv_handle_t *)&c->tcp, on_tcp_closed);
	if (was && c->status != NULL && !c->closing)
		c->status(c->arg, false);
}

static void
on_written(uv_write_t *req, int status)
{
	struct wreq *w = (struct wreq *)req;

	(void)status;	/* a broken socket shows up on the read side */
	free(w->buf);
	free(w);
}

/* Send COMMAND with a fresh token; remember what follows its success. */
static int
send_cmd(struct cti *c, const char *command, const char *params,
    enum then then, char **cause)
{
	struct wreq *w;
	char token[32];
	size_t len;
	uv_buf_t b;

	if (!c->up)
		return set_cause(cause, "the softphone is not connected");
	snprintf(token, sizeof token, "kefu-%u", ++c->seq);
	w = xmalloc(sizeof *w);
	w->buf = cti_command(command, params, token, &len);
	b = uv_buf_init(w->buf, (unsigned)len);
	if (uv_write(&w->req, (uv_stream_t *)&c->tcp, &b, 1, on_written) != 0) {
		free(w->buf);
		free(w);
		drop(c);
		return set_cause(cause, "the softphone link failed");
	}
	if (c->npend == PENDING_MAX)
		memmove(&c->pend[0], &c->pend[1],
		    (PENDING_MAX - 1) * sizeof c->pend[0]);
	else
		c->npend++;
	c->pend[c->npend - 1].seq = c->seq;
	c->pend[c->npend - 1].then = then;
	return 0;
}

/* A response: a callfind that found the call sends what was asked for. */
static bool
on_response(struct cti *c, const struct cti_event *ev)
{
	unsigned seq;
	char tail;
	enum then then;

	if (sscanf(ev->token, "kefu-%u%c", &seq, &tail) != 1)
		return false;
	for (int i = 0; i < c->npend; i++) {
		if (c->pend[i].seq != seq)
			continue;
		then = c->pend[i].then;
		memmove(&c->pend[i], &c->pend[i + 1],
		    (size_t)(c->npend - i - 1) * sizeof c->pend[0]);
		c->npend--;
		if (ev->ok && then != THEN_NOTHING) {
			send_cmd(c, then == THEN_ACCEPT ? "accept" : "hangup",
			    "", THEN_NOTHING, NULL);
			return true;	/* the outcome is the next event */
		}
		if (!ev->ok && then == THEN_ACCEPT)
			uv_timer_stop(&c->answer);	/* said once, not twice */
		return false;
	}
	return true;	/* not ours, or forgotten after a reconnect */
}

static void
on_event(void *arg, const struct cti_event *ev)
{
	struct cti *c = arg;

	if (ev->type == CTI_RESPONSE && on_response(c, ev))
		return;
	if (ev->type != CTI_RESPONSE && c->answering != NULL &&
	    strcmp(ev->id, c->answering) == 0 && ev->type != CTI_INCOMING)
		uv_timer_stop(&c->answer);
	c->event(c->arg, ev);
}

/* accept said ok (it always does) but the call never came up: two calls
 * ringing at once, or no audio source. Say so as a failed response. */
static void
on_answer_late(uv_timer_t *t)
{
	struct cti *c = t->data;
	struct cti_event ev;

	memset(&ev, 0, sizeof ev);
	ev.type = CTI_RESPONSE;
	ev.id = ev.number = ev.token = "";
	ev.data = "the call did not come up after accept";
	c->event(c->arg, &ev);
}

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *b)
{
	struct cti *c = h->data;

	(void)suggested;
	*b = uv_buf_init(c->rbuf, sizeof c->rbuf);
}

static void
on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
	struct cti *c = s->data;
	char *cause = NULL;

	if (n < 0) {
		drop(c);
		return;
	}
	if (n == 0)
		return;
	quickack(c);
	if (cti_parse(c->parser, b->base, (size_t)n, on_event, c, &cause) < 0) {
		free(cause);
		drop(c);
	}
}

static void
on_connect(uv_connect_t *req, int status)
{
	struct cti *c = req->data;

	if (status == UV_ECANCELED || c->closing)
		return;
	if (status < 0 || uv_read_start((uv_stream_t *)&c->tcp, on_alloc,
	    on_read) != 0) {
		drop(c);
		return;
	}
	uv_tcp_nodelay(&c->tcp, 1);
	quickack(c);
	c->up = true;
	c->up_since = uv_now(c->loop);
	if (c->status != NULL)
		c->status(c->arg, true);
}

static void
connect_now(struct cti *c)
{
	if (c->closing || c->tcp_open)
		return;
	uv_tcp_init(c->loop, &c->tcp);
	c->tcp.data = c;
	c->tcp_open = true;
	c->handles++;
	c->creq.data = c;
	if (uv_tcp_connect(&c->creq, &c->tcp, (struct sockaddr *)&c->addr,
	    on_connect) != 0)
		drop(c);
}

/* Parse "host:port" ("[v6]:port", "localhost:port") into SA. */
static int
parse_addr(const char *hostport, struct sockaddr_storage *sa, char **cause)
{
	const char *colon = hostport != NULL ? strrchr(hostport, ':') : NULL;
	char host[64], *end;
	size_t hl;
	long port;

	if (colon == NULL || colon == hostport)
		return set_cause(cause, "softphone address '%s': want HOST:PORT",
		    hostport != NULL ? hostport : "");
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || port < 1 || port > 65535 || colon[1] == '\0')
		return set_cause(cause, "softphone address '%s': bad port",
		    hostport);
	hl = (size_t)(colon - hostport);
	if (hostport[0] == '[' && hl >= 2 && hostport[hl - 1] == ']') {
		hostport++;
		hl -= 2;
	}
	if (hl >= sizeof host)
		return set_cause(cause, "softphone address '%s': bad host",
		    hostport);
	memcpy(host, hostport, hl);
	host[hl] = '\0';
	if (strcmp(host, "localhost") == 0)
		strcpy(host, "127.0.0.1");
	if (uv_ip4_addr(host, (int)port, (struct sockaddr_in *)sa) != 0 &&
	    uv_ip6_addr(host, (int)port, (struct sockaddr_in6 *)sa) != 0)
		return set_cause(cause, "softphone address '%s': the host must "
		    "be an IP address", host);
	return 0;
}

int
cti_start(uv_loop_t *loop, const char *hostport, cti_event_fn event,
    void (*status)(void *, bool), void *arg, struct cti **out, char **cause)
{
	struct cti *c;
	struct sockaddr_storage sa;

	*out = NULL;
	memset(&sa, 0, sizeof sa);
	if (parse_addr(hostport, &sa, cause) != 0)
		return -1;
	c = xcalloc(1, sizeof *c);
	c->loop = loop;
	c->addr = sa;
	c->parser = cti_parser_new();
	c->event = event;
	c->status = status;
	c->arg = arg;
	c->backoff = BACKOFF_MIN;
	uv_timer_init(loop, &c->retry);
	c->retry.data = c;
	uv_timer_init(loop, &c->answer);
	c->answer.data = c;
	c->handles = 2;
	connect_now(c);
	*out = c;
	return 0;
}

int
cti_answer(struct cti *c, const char *id, char **cause)
{
	if (send_cmd(c, "callfind", id, THEN_ACCEPT, cause) != 0)
		return -1;
	free(c->answering);
	c->answering = xstrdup(id);
	uv_timer_start(&c->answer, on_answer_late, ANSWER_MS, 0);
	return 0;
}

int
cti_hangup(struct cti *c, const char *id, char **cause)
{
	return send_cmd(c, "callfind", id, THEN_HANGUP, cause);
}

bool
cti_connected(const struct cti *c)
{
	return c != NULL && c->up;
}

static void
on_timer_closed(uv_handle_t *h)
{
	struct cti *c = h->data;

	if (--c->handles == 0)
		cti_free(c);
}

void
cti_close(struct cti *c)
{
	if (c == NULL)
		return;
	c->closing = true;
	uv_timer_stop(&c->retry);
	uv_close((uv_handle_t *)&c->retry, on_timer_closed);
	uv_timer_stop(&c->answer);
	uv_close((uv_handle_t *)&c->answer, on_timer_closed);
	if (c->tcp_open && !uv_is_closing((uv_handle_t *)&c->tcp)) {
		c->up = false;
		uv_close((uv_handle_t *)&c->tcp, on_tcp_closed);
	}
}
