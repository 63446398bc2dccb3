/* test-cti.c — the softphone link: netstring framing, events, call state,
 * and the client against a fake ctrl_tcp server on loopback. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "kefu/cti.h"
#include "kefu/xmalloc.h"
#include "test.h"

/* Captured from baresip 1.0.0 (REPORT.md, events.log). */
static const char incoming[] = "{\"event\":true,\"type\":\"CALL_INCOMING\","
    "\"class\":\"call\",\"accountaor\":\"sip:agent1@127.0.0.1:5070\","
    "\"direction\":\"incoming\",\"peeruri\":\"sip:+8613800138000@127.0.0.1"
    ":5061\",\"peerdisplayname\":\"Zhang San\",\"id\":\"1-15700@127.0.0.1\","
    "\"param\":\"sip:+8613800138000@127.0.0.1:5061\"}";
static const char incoming_noname[] = "{\"event\":true,\"type\":"
    "\"CALL_INCOMING\",\"class\":\"call\",\"accountaor\":\"sip:agent1@127."
    "0.0.1:5070\",\"direction\":\"incoming\",\"peeruri\":\"sip:+86137001370"
    "00@127.0.0.1:5061\",\"id\":\"1-15712@127.0.0.1\",\"param\":\"sip:+8613"
    "700137000@127.0.0.1:5061\"}";
static const char sdp[] = "{\"event\":true,\"type\":\"CALL_REMOTE_SDP\","
    "\"class\":\"other\",\"id\":\"1-15700@127.0.0.1\",\"param\":\"offer\"}";
static const char established[] = "{\"event\":true,\"type\":"
    "\"CALL_ESTABLISHED\",\"class\":\"call\",\"accountaor\":\"sip:agent1@12"
    "7.0.0.1:5070\",\"direction\":\"incoming\",\"peeruri\":\"sip:+86138001"
    "38000@127.0.0.1:5061\",\"peerdisplayname\":\"Zhang San\",\"id\":\"1-15"
    "700@127.0.0.1\",\"param\":\"sip:+8613800138000@127.0.0.1:5061\"}";
static const char closed[] = "{\"event\":true,\"type\":\"CALL_CLOSED\","
    "\"class\":\"call\",\"peeruri\":\"sip:+8613800138000@127.0.0.1:5061\","
    "\"peerdisplayname\":\"Zhang San\",\"id\":\"1-15700@127.0.0.1\","
    "\"param\":\"Connection reset by user\"}";
static const char closed2[] = "{\"event\":true,\"type\":\"CALL_CLOSED\","
    "\"class\":\"call\",\"peeruri\":\"sip:+8613700137000@127.0.0.1:5061\","
    "\"id\":\"1-15712@127.0.0.1\",\"param\":\"Connection reset by peer\"}";
static const char response[] = "{\"response\":true,\"ok\":true,\"data\":"
    "\"setting current call: 1-15700@127.0.0.1\\n\",\"token\":\"find-2\"}";

struct got {
	int		 n;
	enum cti_type	 type[16];
	char		 id[16][64], number[16][72], name[16][64], token[16][32];
	bool		 known[16], missed[16], ok[16];
};

static void
collect(void *arg, const struct cti_event *ev)
{
	struct got *g = arg;
	int i = g->n;

	if (i >= 16)
		return;
	g->n++;
	g->type[i] = ev->type;
	snprintf(g->id[i], sizeof g->id[i], "%s", ev->id);
	snprintf(g->number[i], sizeof g->number[i], "%s", ev->number);
	snprintf(g->name[i], sizeof g->name[i], "%s", ev->name != NULL ?
	    ev->name : "(none)");
	snprintf(g->token[i], sizeof g->token[i], "%s", ev->token != NULL ?
	    ev->token : "");
	g->known[i] = ev->known;
	g->missed[i] = ev->missed;
	g->ok[i] = ev->ok;
}

/* S as a netstring (owned). */
static char *
ns(const char *s)
{
	return xasprintf("%zu:%s,", strlen(s), s);
}

TEST(one_frame)
{
	struct cti_parser *p = cti_parser_new();
	struct got g = { 0 };
	char *f = ns(incoming);

	ASSERT_EQ(cti_parse(p, f, strlen(f), collect, &g, NULL), 1);
	ASSERT_EQ(g.n, 1);
	ASSERT_EQ(g.type[0], CTI_INCOMING);
	ASSERT_STR(g.id[0], "1-15700@127.0.0.1");
	ASSERT_STR(g.number[0], "+8613800138000");
	ASSERT_STR(g.name[0], "Zhang San");
	ASSERT(g.known[0]);
	free(f);
	cti_parser_free(p);
}

TEST(two_frames_in_one_buffer_and_no_display_name)
{
	struct cti_parser *p = cti_parser_new();
	struct got g = { 0 };
	char *a = ns(incoming_noname), *b = ns(response);
	char *both = xasprintf("%s%s", a, b);

	ASSERT_EQ(cti_parse(p, both, strlen(both), collect, &g, NULL), 2);
	ASSERT_EQ(g.type[0], CTI_INCOMING);
	ASSERT_STR(g.number[0], "+8613700137000");
	ASSERT_STR(g.name[0], "(none)");
	ASSERT_EQ(g.type[1], CTI_RESPONSE);
	ASSERT_STR(g.token[1], "find-2");
	ASSERT(g.ok[1]);
	free(a);
	free(b);
	free(both);
	cti_parser_free(p);
}

/* The whole answered call, split at every byte position. */
TEST(split_everywhere)
{
	const char *frames[] = { incoming, sdp, response, established, closed };
	char *all = xstrdup(""), *f, *t;
	size_t len;

	for (size_t i = 0; i < 5; i++) {
		f = ns(frames[i]);
		t = xasprintf("%s%s", all, f);
		free(all);
		free(f);
		all = t;
	}
	len = strlen(all);
	for (size_t cut = 0; cut <= len; cut++) {
		struct cti_parser *p = cti_parser_new();
		struct got g = { 0 };
		int a = cti_parse(p, all, cut, collect, &g, NULL);
		int b = cti_parse(p, all + cut, len - cut, collect, &g, NULL);
		if (a < 0 || b < 0 || a + b != 4 || g.n != 4) {
			cti_parser_free(p);
			free(all);
			FAIL_("cut at %zu: %d + %d events", cut, a, b);
		}
		ASSERT_EQ(g.type[0], CTI_INCOMING);
		ASSERT_EQ(g.type[1], CTI_RESPONSE);
		ASSERT_EQ(g.type[2], CTI_ESTABLISHED);
		ASSERT_EQ(g.type[3], CTI_CLOSED);
		ASSERT(g.known[3] && !g.missed[3]);
		cti_parser_free(p);
	}
	/* One byte at a time. */
	struct cti_parser *p = cti_parser_new();
	struct got g = { 0 };
	int n = 0;
	for (size_t i = 0; i < len; i++)
		n += cti_parse(p, all + i, 1, collect, &g, NULL);
	ASSERT_EQ(n, 4);
	cti_parser_free(p);
	free(all);
}

TEST(closed_without_established_is_missed)
{
	struct cti_parser *p = cti_parser_new();
	struct got g = { 0 };
	char *a = ns(incoming_noname), *b = ns(closed2), *c = ns(closed);

	ASSERT_EQ(cti_parse(p, a, strlen(a), collect, &g, NULL), 1);
	ASSERT_EQ(cti_parse(p, b, strlen(b), collect, &g, NULL), 1);
	ASSERT_EQ(g.type[1], CTI_CLOSED);
	ASSERT(g.known[1]);
	ASSERT(g.missed[1]);
	/* Closed twice, or a call we never saw ring: unknown, not missed. */
	ASSERT_EQ(cti_parse(p, b, strlen(b), collect, &g, NULL), 1);
	ASSERT(!g.known[2] && !g.missed[2]);
	ASSERT_EQ(cti_parse(p, c, strlen(c), collect, &g, NULL), 1);
	ASSERT(!g.known[3] && !g.missed[3]);
	free(a);
	free(b);
	free(c);
	cti_parser_free(p);
}

TEST(established_for_unknown_id)
{
	struct cti_parser *p = cti_parser_new();
	struct got g = { 0 };
	char *a = ns(established);

	ASSERT_EQ(cti_parse(p, a, strlen(a), collect, &g, NULL), 1);
	ASSERT_EQ(g.type[0], CTI_ESTABLISHED);
	ASSERT(!g.known[0]);
	free(a);
	cti_parser_free(p);
}

/* Every one of these drops the connection. */
TEST(malformed_frames)
{
	static const char *bad[] = {
		"abc:{},", ":{},", "4:{}xx,", "2:{}x", "99999999:",
		"65537:", "007:{\"a\":1},", "4:null,", "2:[],", "3:{x},",
		"0:,", "-1:{},",
	};
	char *cause;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct cti_parser *p = cti_parser_new();
		struct got g = { 0 };
		cause = NULL;
		if (cti_parse(p, bad[i], strlen(bad[i]), collect, &g,
		    &cause) != -1 || cause == NULL) {
			cti_parser_free(p);
			free(cause);
			FAIL_("accepted '%s'", bad[i]);
		}
		free(cause);
		cti_parser_free(p);
	}
	/* A 64 KiB frame is fine, one byte more is not. */
	struct cti_parser *p = cti_parser_new();
	struct got g = { 0 };
	char *big = xmalloc(CTI_FRAME_MAX + 16);
	int n = snprintf(big, 16, "%d:", CTI_FRAME_MAX);
	memset(big + n, ' ', CTI_FRAME_MAX);
	memcpy(big + n, "{}", 2);
	big[n + CTI_FRAME_MAX] = ',';
	ASSERT_EQ(cti_parse(p, big, (size_t)n + CTI_FRAME_MAX + 1, collect,
	    &g, NULL), 0);
	n = snprintf(big, 16, "%d:", CTI_FRAME_MAX + 1);
	ASSERT_EQ(cti_parse(p, big, (size_t)n, collect, &g, NULL), -1);
	free(big);
	cti_parser_free(p);
}

TEST(uri_numbers)
{
	char out[CTI_NUMBER_MAX + 1];
	char long_uri[200];

	cti_uri_number("sip:+8613800138000@127.0.0.1:5061", out);
	ASSERT_STR(out, "+8613800138000");
	cti_uri_number("sips:%2B86-138 0013;user=phone@h", out);
	ASSERT_STR(out, "+861380013");
	cti_uri_number("tel:+8613800138000", out);
	ASSERT_STR(out, "+8613800138000");
	cti_uri_number("sip:anonymous@anonymous.invalid", out);
	ASSERT_STR(out, "anonymous");
	cti_uri_number("sip:%1b[2J%0a<x>@h", out);
	ASSERT_STR(out, "2Jx");
	cti_uri_number("", out);
	ASSERT_STR(out, "");
	cti_uri_number(NULL, out);
	ASSERT_STR(out, "");
	memcpy(long_uri, "sip:", 4);
	memset(long_uri + 4, '9', 150);
	strcpy(long_uri + 154, "@h");
	cti_uri_number(long_uri, out);
	ASSERT_EQ(strlen(out), CTI_NUMBER_MAX);
}

TEST(command_encoding)
{
	size_t len;
	char *s = cti_command("callfind", "1-15700@127.0.0.1", "find-2", &len);

	ASSERT_STR(s, "68:{\"command\":\"callfind\",\"params\":"
	    "\"1-15700@127.0.0.1\",\"token\":\"find-2\"},");
	ASSERT_EQ(len, strlen(s));
	free(s);
}

/* ---- The client against a fake baresip on loopback. ---- */

struct fake {
	uv_loop_t	 loop;
	uv_tcp_t	 server, conn;
	uv_timer_t	 guard;
	struct cti	*cti;
	struct got	 got;
	char		 rx[4096];
	size_t		 rxlen;
	int		 ups, downs, stage;
	bool		 conn_open;
};

static void
fake_alloc(uv_handle_t *h, size_t sz, uv_buf_t *b)
{
	struct fake *f = h->data;

	(void)sz;
	*b = uv_buf_init(f->rx + f->rxlen, (unsigned)(sizeof f->rx - f->rxlen));
}

static void
fake_send(struct fake *f, const char *json)
{
	uv_buf_t b;
	char *s = ns(json);

	b = uv_buf_init(s, (unsigned)strlen(s));
	uv_try_write((uv_stream_t *)&f->conn, &b, 1);
	free(s);
}

static void
noop_close(uv_handle_t *h)
{
	(void)h;
}

static void
fake_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
	struct fake *f = s->data;
	char reply[256];

	(void)b;
	if (n <= 0)
		return;
	f->rxlen += (size_t)n;
	f->rx[f->rxlen < sizeof f->rx ? f->rxlen : sizeof f->rx - 1] = '\0';
	/* callfind → ok (the client then sends accept) → established. */
	if (f->stage == 0 && strstr(f->rx, "\"callfind\"") != NULL &&
	    strstr(f->rx, "kefu-1") != NULL) {
		f->stage = 1;
		snprintf(reply, sizeof reply, "{\"response\":true,\"ok\":true,"
		    "\"data\":\"setting current call\",\"token\":\"kefu-1\"}");
		fake_send(f, reply);
	} else if (f->stage == 1 && strstr(f->rx, "\"accept\"") != NULL) {
		f->stage = 2;
		fake_send(f, established);
	}
}

static void
fake_accept(uv_stream_t *server, int status)
{
	struct fake *f = server->data;
	char *half = ns(incoming);
	uv_buf_t b;

	if (status < 0)
		return;
	uv_tcp_init(&f->loop, &f->conn);
	f->conn.data = f;
	f->conn_open = true;
	uv_accept(server, (uv_stream_t *)&f->conn);
	uv_read_start((uv_stream_t *)&f->conn, fake_alloc, fake_read);
	/* Half a frame, then the rest: framing across reads. */
	b = uv_buf_init(half, 20);
	uv_try_write((uv_stream_t *)&f->conn, &b, 1);
	b = uv_buf_init(half + 20, (unsigned)strlen(half) - 20);
	uv_try_write((uv_stream_t *)&f->conn, &b, 1);
	free(half);
}

static void
client_event(void *arg, const struct cti_event *ev)
{
	struct fake *f = arg;

	collect(&f->got, ev);
	if (ev->type == CTI_INCOMING)
		cti_answer(f->cti, ev->id, NULL);
	else if (ev->type == CTI_ESTABLISHED || ev->type == CTI_RESPONSE)
		uv_stop(&f->loop);
}

static void
client_status(void *arg, bool up)
{
	struct fake *f = arg;

	if (up)
		f->ups++;
	else
		f->downs++;
}

static void
guard_fired(uv_timer_t *t)
{
	uv_stop(t->loop);
}

TEST(client_answers_through_callfind)
{
	struct fake f;
	struct sockaddr_in sa;
	struct sockaddr_storage bound;
	int blen = sizeof bound;
	char addr[64], *cause = NULL;

	memset(&f, 0, sizeof f);
	ASSERT_EQ(uv_loop_init(&f.loop), 0);
	uv_tcp_init(&f.loop, &f.server);
	f.server.data = &f;
	uv_ip4_addr("127.0.0.1", 0, &sa);
	ASSERT_EQ(uv_tcp_bind(&f.server, (struct sockaddr *)&sa, 0), 0);
	ASSERT_EQ(uv_listen((uv_stream_t *)&f.server, 4, fake_accept), 0);
	uv_tcp_getsockname(&f.server, (struct sockaddr *)&bound, &blen);
	snprintf(addr, sizeof addr, "127.0.0.1:%d",
	    ntohs(((struct sockaddr_in *)&bound)->sin_port));
	ASSERT_EQ(cti_start(&f.loop, "nohost:1", client_event, NULL, &f,
	    &f.cti, &cause), -1);
	free(cause);
	cause = NULL;
	ASSERT_EQ(cti_start(&f.loop, addr, client_event, client_status, &f,
	    &f.cti, &cause), 0);
	uv_timer_init(&f.loop, &f.guard);
	uv_timer_start(&f.guard, guard_fired, 5000, 0);
	uv_run(&f.loop, UV_RUN_DEFAULT);
	ASSERT_EQ(f.ups, 1);
	ASSERT(cti_connected(f.cti));
	ASSERT_EQ(f.got.n, 2);
	ASSERT_EQ(f.got.type[0], CTI_INCOMING);
	ASSERT_EQ(f.got.type[1], CTI_ESTABLISHED);
	ASSERT(f.got.known[1]);
	/* An answer that never comes up is reported after 2 s. */
	ASSERT_EQ(cti_answer(f.cti, "1-999@127.0.0.1", NULL), 0);
	uv_run(&f.loop, UV_RUN_DEFAULT);
	ASSERT_EQ(f.got.n, 3);
	ASSERT_EQ(f.got.type[2], CTI_RESPONSE);
	ASSERT(!f.got.ok[2]);
	/* The server goes away: the client says so and retries. */
	uv_close((uv_handle_t *)&f.conn, noop_close);
	uv_close((uv_handle_t *)&f.server, noop_close);
	uv_timer_start(&f.guard, guard_fired, 300, 0);
	uv_run(&f.loop, UV_RUN_DEFAULT);
	ASSERT_EQ(f.downs, 1);
	ASSERT(!cti_connected(f.cti));
	ASSERT_EQ(cti_answer(f.cti, "x", &cause), -1);
	free(cause);
	cti_close(f.cti);
	uv_close((uv_handle_t *)&f.guard, noop_close);
	uv_run(&f.loop, UV_RUN_DEFAULT);
	ASSERT_EQ(uv_loop_close(&f.loop), 0);
}

static const struct test tests[] = {
	T(one_frame),
	T(two_frames_in_one_buffer_and_no_display_name),
	T(split_everywhere),
	T(closed_without_established_is_missed),
	T(established_for_unknown_id),
	T(malformed_frames),
	T(uri_numbers),
	T(command_encoding),
	T(client_answers_through_callfind),
	{ NULL, NULL }
};

int
main(int argc, char **argv)
{
	return test_main(argc, argv, tests);
}
