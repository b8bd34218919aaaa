/*
 * test_net.c - the server and client over loopback: joining, refusals,
 * live events, role checks, hostile frames, caucus filtering, re-sent
 * intents and resuming after the server restarts on the same record; and
 * faults and hostile peers: a full disk, a failed sync, a reader that
 * stops reading, a connection that never says hello, join codes guessed a
 * thousand times, and the limits on rate, text and items.
 *
 * Everything runs in one libuv loop; "raw" clients are plain sockets that
 * speak the wire format by hand and decode everything they receive.  The
 * disk and the clock are this binary's own (see "a disk that fails" and
 * "a clock that jumps" below).
 */
#define _GNU_SOURCE		/* memmem, RTLD_NEXT */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <poll.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>
#include <uv.h>

#include "roundtable/journal.h"
#include "roundtable/model.h"
#include "roundtable/net.h"
#include "roundtable/text.h"
#include "roundtable/wire.h"

#define WAIT_MS 8000

struct room {
	uv_loop_t	 loop;
	char		 dir[64], path[96];
	struct workshop	*ws;
	struct journal	*j;
	struct server	*srv;
	int		 port;
};

struct person {
	struct client	*cl;
	const struct workshop *ws;
	uint32_t	 self;
	int		 welcomes;
	int		 refused;
	char		 why[200];
	char		 error[200];
	bool		 lobby;
	int		 clocks;	/* times the room told its time */
	int64_t		 offset_ms;	/* its clock minus ours, last told */
};

/* --- a disk that fails, a clock that jumps ------------------------------ */

/*
 * The record's writes and syncs go through these: the test binary's own
 * definitions come before the C library's, for libuv and our library too.
 * While disk_full holds an errno, a write to a file named *.rtj writes a
 * few bytes and then fails, as a disk that fills up part-way through a
 * record does.  While disk_sync_fails is set, fdatasync on it fails with
 * EIO and, as a kernel may after a failed writeback, loses what it should
 * have written: the file is cut back to what the last good sync covered.
 */
static _Atomic int	disk_full;
static _Atomic int	disk_sync_fails;
static _Atomic uint64_t	disk_synced;	/* bytes the last good sync covered */
static bool		disk_shorted;

static bool
is_record(int fd)
{
	char link[64], path[512];
	ssize_t n;
	int saved = errno;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	errno = saved;
	return n > 4 && memcmp(path + n - 4, ".rtj", 4) == 0;
}

ssize_t
writev(int fd, const struct iovec *iov, int cnt)
{
	static ssize_t (*real)(int, const struct iovec *, int);
	struct iovec part;

	if (real == NULL)
		real = (ssize_t (*)(int, const struct iovec *, int))
		    dlsym(RTLD_NEXT, "writev");
	if (disk_full == 0 || !is_record(fd))
		return real(fd, iov, cnt);
	if (!disk_shorted && cnt > 0 && iov[0].iov_len > 3) {
		disk_shorted = true;
		part.iov_base = iov[0].iov_base;
		part.iov_len = 3;
		return real(fd, &part, 1);
	}
	disk_shorted = false;
	errno = disk_full;
	return -1;
}

int
fdatasync(int fd)
{
	static int (*real)(int);
	struct stat st;

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
	if (!is_record(fd))
		return real(fd);
	if (disk_sync_fails) {
		if (ftruncate(fd, (off_t)disk_synced) != 0)
			abort();
		errno = EIO;
		return -1;
	}
	if (real(fd) != 0)
		return -1;
	if (fstat(fd, &st) == 0)
		disk_synced = (uint64_t)st.st_size;
	return 0;
}

/*
 * Monotonic time runs clock_skew_ms ahead of the real one, so that libuv's
 * timers (the server's heartbeat) see minutes pass in a moment.  The skew
 * only grows: loop times never go back.
 */
static _Atomic int64_t	clock_skew_ms;

int
clock_gettime(clockid_t id, struct timespec *ts)
{
	int64_t ns;

	if (syscall(SYS_clock_gettime, id, ts) != 0)
		return -1;
	if (clock_skew_ms != 0 && (id == CLOCK_MONOTONIC ||
	    id == CLOCK_MONOTONIC_COARSE || id == CLOCK_MONOTONIC_RAW ||
	    id == CLOCK_BOOTTIME)) {
		ns = ts->tv_nsec + (clock_skew_ms % 1000) * 1000000;
		ts->tv_sec += clock_skew_ms / 1000 + ns / 1000000000;
		ts->tv_nsec = ns % 1000000000;
	}
	return 0;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000 + (double)ts.tv_nsec / 1e6;
}

/* --- helpers ------------------------------------------------------------ */

/* What the server told the serving terminal. */
static struct {
	int	refused, recovered;
	char	why[400];
	char	log[200];
} told;

static void
on_room_refused(void *ctx, const char *why)
{
	(void)ctx;
	told.refused++;
	snprintf(told.why, sizeof told.why, "%s", why);
}

static void
on_room_recovered(void *ctx)
{
	(void)ctx;
	told.recovered++;
}

static void
on_room_log(void *ctx, const char *line)
{
	(void)ctx;
	snprintf(told.log, sizeof told.log, "%s", line);
}

static const struct server_hooks room_hooks = {
	.refused = on_room_refused,
	.recovered = on_room_recovered,
	.log = on_room_log,
};

static void
submit(struct room *r, uint32_t actor, struct intent in)
{
	struct model_error err;

	if (server_submit(r->srv, actor, &in, &err) != 0)
		fail_msg("submit refused: %s", err.msg);
}

/* Opens (or reopens) the room on port (0: any). */
static void
room_open(struct room *r, int port)
{
	char warn[256], err[256];
	struct intent seed[128];
	size_t i, n;

	assert_int_equal(journal_open_room(r->path, &r->ws, &r->j, warn,
	    sizeof warn, err, sizeof err), 0);
	r->srv = server_new(&r->loop, r->ws, r->j, &room_hooks, NULL);
	if (r->ws->title == NULL) {
		submit(r, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
		    .text = "Mesa de diálogo", .secret = "KXM-47P" });
		submit(r, MODEL_SYSTEM, (struct intent){
		    .type = INTENT_GROUP_ADD, .text = "Community" });
		submit(r, MODEL_SYSTEM, (struct intent){
		    .type = INTENT_GROUP_ADD, .text = "Police" });
		n = model_seed(seed, 128);
		for (i = 0; i < n; i++)
			submit(r, MODEL_SYSTEM, seed[i]);
		assert_int_equal(server_flush(r->srv), 0);
	}
	assert_int_equal(server_listen(r->srv, "127.0.0.1", port, err,
	    sizeof err), 0);
	r->port = server_port(r->srv);
}

static bool
server_gone(void *arg)
{
	return server_closed(arg);
}

static bool run_until(struct room *, bool (*)(void *), void *);

static void
room_close(struct room *r)
{
	server_close(r->srv);
	assert_true(run_until(r, server_gone, r->srv));
	server_free(r->srv);
	journal_close(r->j);
	model_free(r->ws);
	r->srv = NULL;
}

/* Runs the loop until cond(arg) holds or WAIT_MS pass. */
static bool
run_until(struct room *r, bool (*cond)(void *), void *arg)
{
	uint64_t start = uv_now(&r->loop);

	while (!cond(arg)) {
		if (uv_now(&r->loop) - start > WAIT_MS)
			return false;
		uv_run(&r->loop, UV_RUN_NOWAIT);
		usleep(1000);
		uv_update_time(&r->loop);
	}
	return true;
}

static void
on_welcome(void *ctx, const struct workshop *ws, uint32_t self)
{
	struct person *p = ctx;

	p->ws = ws;
	p->self = self;
	p->welcomes++;
}

static void
on_refused(void *ctx, int code, const char *why)
{
	struct person *p = ctx;

	p->refused = code;
	snprintf(p->why, sizeof p->why, "%s", why);
}

static void
on_error(void *ctx, const char *why)
{
	struct person *p = ctx;

	snprintf(p->error, sizeof p->error, "%s", why);
}

static void
on_lobby(void *ctx, const char *title, const char *const *groups)
{
	struct person *p = ctx;

	(void)title;
	(void)groups;
	p->lobby = true;
}

static void
on_clock(void *ctx, int64_t offset_ms)
{
	struct person *p = ctx;

	p->clocks++;
	p->offset_ms = offset_ms;
}

static const struct client_hooks hooks = {
	.welcome = on_welcome,
	.refused = on_refused,
	.error = on_error,
	.lobby = on_lobby,
	.clock = on_clock,
};

static void
person_join(struct room *r, struct person *p, const char *name,
    const char *group, const char *code)
{
	struct client_identity id = { .code = code, .name = name,
	    .group = group };

	memset(p, 0, sizeof *p);
	p->cl = client_new(&r->loop, "127.0.0.1", r->port, &id, &hooks, p);
}

static void
person_leave(struct room *r, struct person *p)
{
	client_close(p->cl);
	uv_run(&r->loop, UV_RUN_NOWAIT);
	uv_run(&r->loop, UV_RUN_NOWAIT);
	client_free(p->cl);
	p->cl = NULL;
}

static bool
welcomed(void *arg)
{
	return ((struct person *)arg)->welcomes > 0;
}

static bool
was_refused(void *arg)
{
	return ((struct person *)arg)->refused != 0;
}

static bool
lobbied(void *arg)
{
	return ((struct person *)arg)->lobby;
}

static bool
welcomed_twice(void *arg)
{
	return ((struct person *)arg)->welcomes >= 2;
}

static bool
has_error(void *arg)
{
	return ((struct person *)arg)->error[0] != '\0';
}

struct seq_wait {
	struct person	*p;
	uint64_t	 seq;
};

static bool
caught_up(void *arg)
{
	struct seq_wait *w = arg;

	return w->p->ws != NULL && w->p->ws->seq >= w->seq;
}

static void
wait_caught_up(struct room *r, struct person *p)
{
	struct seq_wait w = { p, r->ws->seq };

	if (!run_until(r, caught_up, &w))
		fail_msg("client stuck at event %llu of %llu",
		    (unsigned long long)(p->ws ? p->ws->seq : 0),
		    (unsigned long long)r->ws->seq);
}

static int
setup(void **state)
{
	struct room *r = xcalloc(1, sizeof *r);

	memset(&told, 0, sizeof told);
	disk_full = disk_sync_fails = 0;
	snprintf(r->dir, sizeof r->dir, "/tmp/rt-net-XXXXXX");
	assert_non_null(mkdtemp(r->dir));
	snprintf(r->path, sizeof r->path, "%s/room.rtj", r->dir);
	uv_loop_init(&r->loop);
	room_open(r, 0);
	*state = r;
	return 0;
}

static void
close_any(uv_handle_t *h, void *arg)
{
	(void)arg;
	if (!uv_is_closing(h))
		uv_close(h, NULL);
}

static int
teardown(void **state)
{
	struct room *r = *state;
	char cmd[128];

	if (r->srv != NULL)
		room_close(r);
	/* A failed test may leave a client retrying: close what is left. */
	uv_walk(&r->loop, close_any, NULL);
	uv_run(&r->loop, UV_RUN_DEFAULT);
	assert_int_equal(uv_loop_close(&r->loop), 0);
	snprintf(cmd, sizeof cmd, "rm -rf %s", r->dir);
	if (system(cmd) != 0)
		return -1;
	free(r);
	return 0;
}

/* --- raw clients -------------------------------------------------------- */

static int
raw_connect(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(fd >= 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	return fd;
}

static void
raw_write(int fd, const void *buf, size_t len)
{
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
}

static void
raw_send(int fd, const struct msg *m)
{
	struct wire_buf b;

	wire_buf_init(&b);
	assert_int_equal(wire_encode(m, &b), 0);
	raw_write(fd, b.data, b.len);
	wire_buf_destroy(&b);
}

/* Reads one message while the loop runs; 0, or -1 on EOF or timeout.
 * Every byte read is appended to seen (when not NULL). */
static int
raw_recv(struct room *r, int fd, struct msg *m, struct wire_buf *seen)
{
	uint8_t hdr[4], *body;
	size_t got = 0, need = 4;
	uint32_t len = 0;
	uint64_t start = uv_now(&r->loop);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char err[120];
	ssize_t n;

	body = NULL;
	for (;;) {
		uv_run(&r->loop, UV_RUN_NOWAIT);
		uv_update_time(&r->loop);
		if (uv_now(&r->loop) - start > WAIT_MS)
			break;
		if (poll(&pfd, 1, 1) <= 0)
			continue;
		n = read(fd, body == NULL ? hdr + got : body + got, need - got);
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got < need)
			continue;
		if (body == NULL) {
			assert_int_equal(wire_frame_length(hdr,
			    WIRE_SERVER_FRAME_MAX, &len), 0);
			body = xmalloc(len);
			got = 0;
			need = len;
			continue;
		}
		if (seen != NULL) {
			size_t at = seen->len;

			if (seen->cap < at + len) {
				seen->cap = at + len;
				seen->data = xrealloc(seen->data, seen->cap);
			}
			memcpy(seen->data + at, body, len);
			seen->len += len;
		}
		assert_int_equal(wire_decode(body, len, m, err, sizeof err), 0);
		free(body);
		return 0;
	}
	free(body);
	return -1;
}

/* Reads until a message of type; others are freed (and recorded in seen). */
static int
raw_expect(struct room *r, int fd, int type, struct msg *m,
    struct wire_buf *seen)
{
	while (raw_recv(r, fd, m, seen) == 0) {
		if (m->type == type)
			return 0;
		wire_msg_free(m);
	}
	return -1;
}

/* Joins as name (or, with *token set, comes back with it); returns the
 * participant id and leaves the resume token in token (33 bytes). */
static uint32_t
raw_join(struct room *r, int fd, const char *name, const char *group,
    struct wire_buf *seen, char *token)
{
	struct msg m = { .type = MSG_HELLO }, in;
	uint32_t self;

	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.code = "kxm47p";	/* as typed: case and dash ignored */
	m.hello.name = (char *)name;
	m.hello.group = (char *)group;
	m.hello.token = token != NULL && *token != '\0' ? token : NULL;
	raw_send(fd, &m);
	assert_int_equal(raw_expect(r, fd, MSG_WELCOME, &in, seen), 0);
	self = in.welcome.self;
	assert_non_null(in.welcome.token);
	if (token != NULL)
		snprintf(token, 33, "%s", in.welcome.token);
	wire_msg_free(&in);
	return self;
}

/* A connection as the SSH door makes one: the room adopts one end of a
 * socketpair with the participant's address; the test holds the other. */
static int
raw_adopt(struct room *r, const char *peer)
{
	int pair[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
	if (server_adopt(r->srv, pair[0], peer) != 0) {
		close(pair[1]);
		return -1;
	}
	return pair[1];
}

/* A hello with the code typed (NULL: none), a name, and a token kept by the
 * door for that name (a claim). */
static void
raw_claim(int fd, const char *code, const char *name, const char *token)
{
	struct msg m = { .type = MSG_HELLO };

	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.code = (char *)code;
	m.hello.name = (char *)name;
	m.hello.token = (char *)token;
	m.hello.claim = true;
	raw_send(fd, &m);
}

/* --- tests -------------------------------------------------------------- */

static void
test_join_and_live_events(void **state)
{
	struct room *r = *state;
	struct person ana, jose;
	struct intent in = { .type = INTENT_CONTRIBUTE };
	const struct item *it;

	person_join(r, &ana, "Ana Pérez", "Community", "KXM-47P");
	person_join(r, &jose, "José Núñez", "police", "kxm 47p");
	assert_true(run_until(r, welcomed, &ana));
	assert_true(run_until(r, welcomed, &jose));
	/* Whoever's hello came first is participant 2. */
	assert_int_equal(ana.self + jose.self, 2 + 3);
	assert_string_equal(model_person(r->ws, ana.self)->name, "Ana Pérez");
	assert_int_equal(model_person(r->ws, ana.self)->group, 1);
	assert_string_equal(model_person(r->ws, jose.self)->name,
	    "José Núñez");
	assert_int_equal(model_person(r->ws, jose.self)->group, 2);
	/* Replicas carry no secrets. */
	assert_null(ana.ws->code);
	assert_null(model_person(ana.ws, ana.self)->token);
	assert_null(model_person(ana.ws, jose.self)->token);

	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_GROUND_RULES });
	wait_caught_up(r, &ana);
	wait_caught_up(r, &jose);
	assert_int_equal(ana.ws->phase, PHASE_GROUND_RULES);
	assert_int_equal(jose.ws->phase, PHASE_GROUND_RULES);

	in.text = "Respetar los turnos — ñandú 日本";
	client_send(ana.cl, &in);
	{
		struct seq_wait w = { &jose, r->ws->seq + 1 };

		assert_true(run_until(r, caught_up, &w));
	}
	it = &jose.ws->items[jose.ws->nitems - 1];
	assert_string_equal(it->text, "Respetar los turnos — ñandú 日本");
	assert_int_equal(it->author, ana.self);
	assert_int_equal(it->group, 1);
	assert_int_equal(it->status, STATUS_PROPOSED);

	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_ADOPT,
	    .ref = it->id });
	wait_caught_up(r, &ana);
	assert_int_equal(ana.ws->items[it->id - 1].status, STATUS_ADOPTED);
	assert_int_equal(ana.ws->items[it->id - 1].number, 1);

	/* The record holds it too: reopen the journal and look. */
	{
		struct workshop *ws = model_new();
		char warn[128], err[128];

		assert_int_equal(journal_read(r->path, journal_apply, ws, warn,
		    sizeof warn, err, sizeof err), 0);
		assert_int_equal(ws->seq, r->ws->seq);
		assert_string_equal(ws->items[it->id - 1].text, it->text);
		assert_int_equal(ws->items[it->id - 1].status, STATUS_ADOPTED);
		model_free(ws);
	}
	person_leave(r, &ana);
	person_leave(r, &jose);
}

static void
test_refusals(void **state)
{
	struct room *r = *state;
	struct person eve, ana, ghost;

	person_join(r, &eve, "Eve", "Community", "WRONG-1");
	assert_true(run_until(r, was_refused, &eve));
	assert_int_equal(eve.refused, REFUSE_CODE);
	assert_string_equal(eve.why, "wrong join code");
	assert_int_equal(r->ws->npeople, 1);
	person_leave(r, &eve);

	person_join(r, &ghost, "Ghost", "Pirates", "KXM-47P");
	assert_true(run_until(r, was_refused, &ghost));
	assert_int_equal(ghost.refused, REFUSE_GROUP);
	assert_non_null(strstr(ghost.why, "Pirates"));
	person_leave(r, &ghost);

	/* A name the room already has, while its owner is here. */
	person_join(r, &ana, "Ana", "Community", "KXM-47P");
	assert_true(run_until(r, welcomed, &ana));
	person_join(r, &eve, "ANA", "Community", "KXM-47P");
	assert_true(run_until(r, was_refused, &eve));
	assert_int_equal(eve.refused, REFUSE_NAME);
	person_leave(r, &eve);

	/* No name: the lobby asks for it. */
	person_join(r, &eve, NULL, NULL, "KXM-47P");
	assert_true(run_until(r, lobbied, &eve));
	client_retry(eve.cl, NULL, "Eve", "Police");
	assert_true(run_until(r, welcomed, &eve));
	assert_string_equal(model_person(r->ws, eve.self)->name, "Eve");
	person_leave(r, &eve);
	person_leave(r, &ana);
}

static void
test_role_checked_by_server(void **state)
{
	struct room *r = *state;
	struct person ana;
	struct intent in = { .type = INTENT_PHASE, .value = 3 };

	person_join(r, &ana, "Ana", "Community", "KXM-47P");
	assert_true(run_until(r, welcomed, &ana));
	client_send(ana.cl, &in);
	assert_true(run_until(r, has_error, &ana));
	assert_string_equal(ana.error,
	    "only a facilitator can move the room to another phase");
	assert_int_equal(r->ws->phase, PHASE_WELCOME);
	person_leave(r, &ana);
}

static void
test_garbage_is_dropped(void **state)
{
	struct room *r = *state;
	static const uint8_t huge[] = { 0xff, 0xff, 0xff, 0xff };
	static const uint8_t map32[] = { 0, 0, 0, 5, 0xdf, 0xff, 0xff, 0xff,
	    0xff };
	static const uint8_t notmap[] = { 0, 0, 0, 1, 0xc1 };
	const uint8_t *bad[] = { huge, map32, notmap };
	size_t badlen[] = { sizeof huge, sizeof map32, sizeof notmap };
	struct person ana;
	struct msg m;
	size_t i;

	person_join(r, &ana, "Ana", "Community", "KXM-47P");
	assert_true(run_until(r, welcomed, &ana));
	for (i = 0; i < 3; i++) {
		int fd = raw_connect(r->port);

		raw_write(fd, bad[i], badlen[i]);
		/* The server hangs up on it ... */
		assert_int_equal(raw_recv(r, fd, &m, NULL), -1);
		close(fd);
	}
	{
		/* ... and an intent before hello is out of turn. */
		int fd = raw_connect(r->port);
		struct msg in = { .type = MSG_INTENT };

		in.intent.type = INTENT_PHASE;
		in.intent.value = 2;
		raw_send(fd, &in);
		assert_int_equal(raw_recv(r, fd, &m, NULL), -1);
		close(fd);
	}
	/* ... and keeps serving everyone else. */
	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_EXPECTATIONS });
	wait_caught_up(r, &ana);
	assert_int_equal(ana.ws->phase, PHASE_EXPECTATIONS);
	assert_int_equal(r->ws->phase, PHASE_EXPECTATIONS);
	person_leave(r, &ana);
}

static void
test_caucus_text_never_sent_to_other_groups(void **state)
{
	struct room *r = *state;
	struct wire_buf seen_police, seen_community;
	struct msg m = { .type = MSG_INTENT }, in;
	int police, community;
	char tok_police[33] = "", tok_community[33] = "";
	static const char secret[] = "Nota secreta de la policía";

	wire_buf_init(&seen_police);
	wire_buf_init(&seen_community);
	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_CAUCUS });
	police = raw_connect(r->port);
	community = raw_connect(r->port);
	raw_join(r, police, "Sgt. Ruiz", "Police", &seen_police, tok_police);
	raw_join(r, community, "Ana", "Community", &seen_community,
	    tok_community);

	m.intent.type = INTENT_CONTRIBUTE;
	m.intent.req = 1;
	m.intent.text = (char *)secret;
	raw_send(police, &m);
	assert_int_equal(raw_expect(r, police, MSG_ACK, &in, &seen_police), 0);
	assert_int_equal(in.ack.req, 1);
	wire_msg_free(&in);
	/* The community member gets a placeholder event, no more. */
	assert_int_equal(raw_expect(r, community, MSG_EVENT, &in,
	    &seen_community), 0);
	assert_int_equal(in.event.type, EVENT_ITEM);
	assert_int_equal(in.event.value, ITEM_HIDDEN);
	assert_null(in.event.text);
	assert_int_equal(in.event.actor, 0);
	wire_msg_free(&in);
	/* A fresh snapshot (a rejoin) carries none of it either. */
	close(community);
	community = raw_connect(r->port);
	raw_join(r, community, NULL, NULL, &seen_community, tok_community);
	assert_null(memmem(seen_community.data, seen_community.len, secret,
	    strlen(secret)));
	assert_null(memmem(seen_community.data, seen_community.len,
	    "policía", strlen("policía")));
	/* The police caucus sees its own note, in its snapshot too. */
	close(police);
	police = raw_connect(r->port);
	raw_join(r, police, NULL, NULL, &seen_police, tok_police);
	assert_non_null(memmem(seen_police.data, seen_police.len, secret,
	    strlen(secret)));
	/* Nobody is ever sent the join code or another's token. */
	assert_null(memmem(seen_community.data, seen_community.len, "KXM-47P",
	    7));
	close(police);
	close(community);
	wire_buf_destroy(&seen_police);
	wire_buf_destroy(&seen_community);
}

static void
test_resent_intent_applied_once(void **state)
{
	struct room *r = *state;
	struct msg m = { .type = MSG_INTENT }, in;
	int fd;
	size_t before;
	char token[33] = "";

	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_EXPECTATIONS });
	fd = raw_connect(r->port);
	raw_join(r, fd, "Ana", "Community", NULL, token);
	before = r->ws->nitems;
	m.intent.type = INTENT_CONTRIBUTE;
	m.intent.req = 7;
	m.intent.text = "Que se escuche a todos";
	raw_send(fd, &m);
	assert_int_equal(raw_expect(r, fd, MSG_ACK, &in, NULL), 0);
	assert_true(in.ack.seq > 0);
	wire_msg_free(&in);
	/* The same request again, as after a reconnect. */
	close(fd);
	fd = raw_connect(r->port);
	raw_join(r, fd, NULL, NULL, NULL, token);
	raw_send(fd, &m);
	assert_int_equal(raw_expect(r, fd, MSG_ACK, &in, NULL), 0);
	assert_int_equal(in.ack.req, 7);
	assert_int_equal(in.ack.seq, 0);	/* already applied */
	wire_msg_free(&in);
	assert_int_equal(r->ws->nitems, before + 1);
	close(fd);
}

static size_t want_items;

static bool
has_item_count(void *arg)
{
	return ((struct room *)arg)->ws->nitems >= want_items;
}

static void
test_resume_after_restart(void **state)
{
	struct room *r = *state;
	struct person ana;
	struct intent in = { .type = INTENT_CONTRIBUTE,
	    .text = "Después del corte" };
	int port;
	uint32_t self;

	person_join(r, &ana, "Ana", "Community", "KXM-47P");
	want_items = r->ws->nitems + 1;
	assert_true(run_until(r, welcomed, &ana));
	self = ana.self;
	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_EXPECTATIONS });
	wait_caught_up(r, &ana);

	/* The server goes away and comes back on the same record. */
	port = r->port;
	room_close(r);
	client_send(ana.cl, &in);	/* queued while the room is away */
	room_open(r, port);
	assert_int_equal(r->ws->phase, PHASE_EXPECTATIONS);
	assert_true(run_until(r, welcomed_twice, &ana));
	assert_int_equal(ana.welcomes, 2);
	assert_int_equal(ana.self, self);	/* same identity */
	assert_int_equal(r->ws->npeople, 2);	/* nobody new */
	/* What was typed while the room was away arrives, once. */
	assert_true(run_until(r, has_item_count, r));
	assert_string_equal(r->ws->items[r->ws->nitems - 1].text,
	    "Después del corte");
	assert_int_equal(r->ws->items[r->ws->nitems - 1].author, self);
	person_leave(r, &ana);
}

/* Sends an intent from a raw client and waits for its ack. */
static void
raw_intent(struct room *r, int fd, struct intent in, uint32_t req,
    struct wire_buf *seen)
{
	struct msg m = { .type = MSG_INTENT }, a;

	m.intent = in;
	m.intent.req = req;
	raw_send(fd, &m);
	for (;;) {
		assert_int_equal(raw_recv(r, fd, &a, seen), 0);
		if (a.type == MSG_ERROR)
			fail_msg("intent refused: %s", a.error.text);
		if (a.type == MSG_ACK && a.ack.req == req) {
			wire_msg_free(&a);
			return;
		}
		wire_msg_free(&a);
	}
}

/* Reads whatever has arrived into seen, decoding each message (a frame
 * that does not decode fails the test). */
static void
raw_drain(struct room *r, int fd, struct wire_buf *seen, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint64_t start = uv_now(&r->loop);
	struct msg m;

	while (uv_now(&r->loop) - start < (uint64_t)ms) {
		uv_run(&r->loop, UV_RUN_NOWAIT);
		uv_update_time(&r->loop);
		if (poll(&pfd, 1, 1) > 0 && raw_recv(r, fd, &m, seen) == 0)
			wire_msg_free(&m);
	}
}

static void
test_caucus_report_bytes_stay_in_caucus(void **state)
{
	struct room *r = *state;
	struct wire_buf seen;
	char tok_p[33] = "", tok_c[33] = "";
	static const char report[] = "Informe policial: faltan agentes";
	struct intent check = { .type = INTENT_POLL_OPEN,
	    .value = POLL_CONSENSUS, .flags = POLL_F_GROUP };
	struct msg m;
	uint32_t rep_id, poll_id;
	int police, community;
	bool got = false;

	wire_buf_init(&seen);
	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_CAUCUS });
	police = raw_connect(r->port);
	community = raw_connect(r->port);
	raw_join(r, police, "Sgt. Ruiz", "Police", NULL, tok_p);
	raw_join(r, community, "Ana", "Community", &seen, tok_c);

	raw_intent(r, police, (struct intent){ .type = INTENT_REPORT,
	    .text = (char *)report }, 1, NULL);
	rep_id = (uint32_t)r->ws->nitems;
	check.ref = rep_id;
	raw_intent(r, police, check, 2, NULL);
	poll_id = (uint32_t)r->ws->npolls;
	raw_intent(r, police, (struct intent){ .type = INTENT_VOTE,
	    .ref = poll_id, .value = ANSWER_AGREE }, 3, NULL);
	raw_intent(r, police, (struct intent){ .type = INTENT_POLL_CLOSE,
	    .ref = poll_id }, 4, NULL);
	assert_int_equal(r->ws->items[rep_id - 1].status, STATUS_ADOPTED);
	raw_drain(r, community, &seen, 200);
	/* And again on resume: a fresh snapshot. */
	close(community);
	community = raw_connect(r->port);
	raw_join(r, community, NULL, NULL, &seen, tok_c);
	assert_null(memmem(seen.data, seen.len, report, strlen(report)));
	assert_null(memmem(seen.data, seen.len, "faltan", 6));

	/* The facilitator shows it to the plenary: now it arrives. */
	submit(r, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_REPORT_REVEAL, .ref = rep_id });
	while (!got && raw_recv(r, community, &m, NULL) == 0) {
		if (m.type == MSG_EVENT &&
		    m.event.type == EVENT_REPORT_REVEAL) {
			assert_string_equal(m.event.text, report);
			assert_int_equal(m.event.group, 2);
			assert_int_equal(m.event.value, 1);	/* approved 1 */
			assert_int_equal(m.event.value2, 1);	/* of 1 */
			got = true;
		}
		wire_msg_free(&m);
	}
	assert_true(got);
	close(police);
	close(community);
	wire_buf_destroy(&seen);
}

static void
test_chatham_house_never_sends_who(void **state)
{
	struct room *r = *state;
	char tok_b[33] = "";
	struct msg m = { .type = MSG_HELLO }, in;
	int a, b;
	size_t i;
	bool got = false;

	submit(r, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_CONFIDENTIALITY, .value = CONF_CHATHAM,
	    .value2 = -1 });
	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_EXPECTATIONS });
	a = raw_connect(r->port);
	b = raw_connect(r->port);
	raw_join(r, a, "Ana", "Community", NULL, NULL);
	raw_join(r, b, "Bea", "Police", NULL, tok_b);
	raw_intent(r, a, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = "Queremos más diálogo" }, 1, NULL);
	while (!got && raw_recv(r, b, &in, NULL) == 0) {
		if (in.type == MSG_EVENT && in.event.type == EVENT_ITEM) {
			assert_string_equal(in.event.text,
			    "Queremos más diálogo");
			assert_int_equal(in.event.actor, 0);
			assert_int_equal(in.event.group, 0);
			got = true;
		}
		wire_msg_free(&in);
	}
	assert_true(got);
	/* The snapshot on resume says no more. */
	close(b);
	b = raw_connect(r->port);
	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.token = tok_b;
	raw_send(b, &m);
	assert_int_equal(raw_expect(r, b, MSG_WELCOME, &in, NULL), 0);
	for (i = 0; i < in.welcome.room->nitems; i++) {
		const struct item *it = &in.welcome.room->items[i];

		if (it->kind == ITEM_EXPECTATION) {
			assert_int_equal(it->author, 0);
			assert_int_equal(it->group, 0);
		}
	}
	wire_msg_free(&in);
	close(a);
	close(b);
}

static void
test_removed_is_told_and_kept_out(void **state)
{
	struct room *r = *state;
	char tok[33] = "";
	struct msg m = { .type = MSG_HELLO }, in;
	int fd = raw_connect(r->port);
	uint32_t who;

	who = raw_join(r, fd, "Eve", "Community", NULL, tok);
	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_REMOVE,
	    .ref = who, .text = "Amenazó a otros" });
	assert_int_equal(raw_expect(r, fd, MSG_REFUSE, &in, NULL), 0);
	assert_int_equal(in.refuse.code, REFUSE_REMOVED);
	assert_non_null(strstr(in.refuse.text, "Amenazó a otros"));
	wire_msg_free(&in);
	assert_int_equal(raw_recv(r, fd, &in, NULL), -1);	/* hung up */
	close(fd);
	/* Their key no longer opens the room. */
	fd = raw_connect(r->port);
	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.token = tok;
	raw_send(fd, &m);
	assert_int_equal(raw_expect(r, fd, MSG_REFUSE, &in, NULL), 0);
	assert_int_equal(in.refuse.code, REFUSE_REMOVED);
	wire_msg_free(&in);
	close(fd);
}

static void
test_cofacilitator_joins_with_its_code(void **state)
{
	struct room *r = *state;
	struct msg m = { .type = MSG_HELLO }, in;
	int fd = raw_connect(r->port);

	submit(r, MODEL_SYSTEM, (struct intent){ .type = INTENT_FAC_CODE,
	    .secret = "CO-FAC-777" });
	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.name = "Nora";
	m.hello.fac_code = "wrong-one";
	raw_send(fd, &m);
	assert_int_equal(raw_expect(r, fd, MSG_REFUSE, &in, NULL), 0);
	assert_int_equal(in.refuse.code, REFUSE_CODE);
	wire_msg_free(&in);
	m.hello.fac_code = "co-fac 777";
	raw_send(fd, &m);
	assert_int_equal(raw_expect(r, fd, MSG_WELCOME, &in, NULL), 0);
	assert_int_equal(model_person(r->ws, in.welcome.self)->role,
	    ROLE_COFACILITATOR);
	/* Nobody is ever sent the codes. */
	assert_null(in.welcome.room->fac_code);
	assert_null(in.welcome.room->code);
	wire_msg_free(&in);
	close(fd);
}

/* Review findings: each of these once crashed the server or lost work. */

static void
test_refusal_arrives_before_hangup(void **state)
{
	struct room *r = *state;
	struct msg m = { .type = MSG_HELLO }, in;
	int fd = raw_connect(r->port);

	m.hello.version = 99;
	raw_send(fd, &m);
	assert_int_equal(raw_recv(r, fd, &in, NULL), 0);
	assert_int_equal(in.type, MSG_REFUSE);
	assert_int_equal(in.refuse.code, REFUSE_VERSION);
	assert_non_null(strstr(in.refuse.text, "protocol version"));
	wire_msg_free(&in);
	assert_int_equal(raw_recv(r, fd, &in, NULL), -1);	/* hung up */
	close(fd);
}

static void
test_ping_then_garbage_and_simultaneous_leaving(void **state)
{
	struct room *r = *state;
	static const uint8_t ping_then_bad[] = { 0, 0, 0, 3, 0x81, 0x00, 0x0a,
	    0, 0, 0, 1, 0xc1 };
	struct person ana, jose, ines;
	int fd;

	fd = raw_connect(r->port);
	raw_write(fd, ping_then_bad, sizeof ping_then_bad);
	close(fd);
	person_join(r, &ana, "Ana", "Community", "KXM-47P");
	person_join(r, &jose, "José", "Police", "KXM-47P");
	assert_true(run_until(r, welcomed, &ana));
	assert_true(run_until(r, welcomed, &jose));
	/* Both leave in the same loop turn: each one's departure is news
	 * for the other. */
	client_close(ana.cl);
	client_close(jose.cl);
	person_join(r, &ines, "Inés", "Police", "KXM-47P");
	assert_true(run_until(r, welcomed, &ines));
	client_free(ana.cl);
	client_free(jose.cl);
	person_leave(r, &ines);
}

static bool
clock_told_again(void *arg)
{
	return ((struct person *)arg)->clocks >= 2;
}

/* Issue 16: a screen counts the room's timebox in the room's time.  The
 * welcome says the server's clock, and so does every heartbeat after. */
static void
test_room_tells_its_time(void **state)
{
	struct room *r = *state;
	struct person ana;

	person_join(r, &ana, "Ana", "Community", "KXM-47P");
	assert_true(run_until(r, welcomed, &ana));
	assert_int_equal(ana.clocks, 1);
	/* The same machine: the same clock, give or take the trip. */
	assert_true(ana.offset_ms > -1000 && ana.offset_ms < 1000);
	/* A quiet client hears the heartbeat, and the time with it. */
	clock_skew_ms += NET_HEARTBEAT_MS + 1000;
	assert_true(run_until(r, clock_told_again, &ana));
	assert_true(ana.offset_ms > -1000 && ana.offset_ms < 1000);
	person_leave(r, &ana);
}

static void
test_group_typo_asks_again(void **state)
{
	struct room *r = *state;
	struct person p;

	person_join(r, &p, "Amani", "Polic", "KXM-47P");
	assert_true(run_until(r, was_refused, &p));
	assert_int_equal(p.refused, REFUSE_GROUP);
	/* As join does: ask the room for its groups again. */
	client_retry(p.cl, NULL, NULL, NULL);
	assert_true(run_until(r, lobbied, &p));
	client_retry(p.cl, NULL, NULL, "Police");
	assert_true(run_until(r, welcomed, &p));
	person_leave(r, &p);

	/* A "group" that is no name is not said back. */
	person_join(r, &p, "Bea", "\x1b]52;c;cm0gLXJmIH4K\x07Police",
	    "KXM-47P");
	assert_true(run_until(r, was_refused, &p));
	assert_int_equal(p.refused, REFUSE_GROUP);
	assert_string_equal(p.why, "there is no such stakeholder group");
	person_leave(r, &p);
}

static void
test_new_process_resumes_above_old_requests(void **state)
{
	struct room *r = *state;
	struct person first, again;
	struct client_identity id = { .code = "KXM-47P" };
	struct intent in = { .type = INTENT_CONTRIBUTE };
	char token[64];
	int i;

	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_EXPECTATIONS });
	person_join(r, &first, "Ana", "Community", "KXM-47P");
	assert_true(run_until(r, welcomed, &first));
	want_items = r->ws->nitems + 3;
	for (i = 0; i < 3; i++) {
		in.text = (char *)(i == 0 ? "uno" : i == 1 ? "dos" : "tres");
		client_send(first.cl, &in);
	}
	assert_true(run_until(r, has_item_count, r));
	snprintf(token, sizeof token, "%s", client_token(first.cl));
	person_leave(r, &first);

	/* Another process, with the token it kept on disk. */
	memset(&again, 0, sizeof again);
	id.token = token;
	again.cl = client_new(&r->loop, "127.0.0.1", r->port, &id, &hooks,
	    &again);
	assert_true(run_until(r, welcomed, &again));
	assert_string_equal(model_person(r->ws, again.self)->name, "Ana");
	in.text = "cuatro";
	want_items = r->ws->nitems + 1;
	client_send(again.cl, &in);
	assert_true(run_until(r, has_item_count, r));
	assert_string_equal(r->ws->items[r->ws->nitems - 1].text, "cuatro");
	person_leave(r, &again);
}

struct pair {
	struct person	*a, *b;
};

static bool
both_present(void *arg)
{
	struct pair *pr = arg;

	return pr->a->ws != NULL && pr->b->ws != NULL &&
	    model_person(pr->a->ws, pr->b->self)->present &&
	    model_person(pr->b->ws, pr->a->self)->present;
}

static void
test_joining_together_see_each_other(void **state)
{
	struct room *r = *state;
	struct person a, b;
	struct pair pr = { &a, &b };

	person_join(r, &a, "Ana", "Community", "KXM-47P");
	person_join(r, &b, "Bea", "Police", "KXM-47P");
	assert_true(run_until(r, welcomed, &a));
	assert_true(run_until(r, welcomed, &b));
	assert_true(run_until(r, both_present, &pr));
	person_leave(r, &a);
	person_leave(r, &b);
}

/* How often person came to meeting id, in the server's record. */
static size_t
times_came(const struct workshop *ws, uint32_t id, uint32_t person)
{
	const struct meeting *mt = model_meeting(ws, id);
	size_t i, n = 0;

	assert_non_null(mt);
	for (i = 0; i < mt->ncame; i++)
		if (mt->came[i] == person)
			n++;
	return n;
}

static bool
gone(void *arg)
{
	const struct participant *p = arg;

	return !p->present;
}

/* Whoever the room welcomes came to the current meeting: once, however
 * often they reconnect, and again at the next meeting. */
static void
test_attendance_each_meeting(void **state)
{
	struct room *r = *state;
	char token[33] = "", warn[128], err[128];
	struct workshop *ws;
	uint32_t ana, bea;
	uint64_t seq;
	int fd, fd2;

	assert_int_equal(r->ws->nmeetings, 1);
	assert_int_equal(times_came(r->ws, 1, MODEL_FACILITATOR), 1);
	fd = raw_connect(r->port);
	ana = raw_join(r, fd, "Ana", "Community", NULL, token);
	assert_int_equal(times_came(r->ws, 1, ana), 1);
	/* Coming back in the same meeting adds nothing to the record. */
	close(fd);
	seq = r->ws->seq;
	fd = raw_connect(r->port);
	assert_int_equal(raw_join(r, fd, NULL, NULL, NULL, token), ana);
	assert_true(r->ws->seq == seq);
	assert_int_equal(times_came(r->ws, 1, ana), 1);
	close(fd);
	assert_true(run_until(r, gone, model_person(r->ws, ana)));

	/* A later day: a new meeting, and Ana comes back to it. */
	submit(r, MODEL_SYSTEM, (struct intent){ .type = INTENT_MEETING,
	    .value = 21000115 });
	assert_int_equal(r->ws->meeting, 2);
	assert_int_equal(times_came(r->ws, 2, ana), 0);
	fd = raw_connect(r->port);
	assert_int_equal(raw_join(r, fd, NULL, NULL, NULL, token), ana);
	fd2 = raw_connect(r->port);
	bea = raw_join(r, fd2, "Bea", "Police", NULL, NULL);
	assert_int_equal(times_came(r->ws, 1, ana), 1);
	assert_int_equal(times_came(r->ws, 2, ana), 1);
	assert_int_equal(times_came(r->ws, 2, MODEL_FACILITATOR), 1);
	assert_int_equal(times_came(r->ws, 1, bea), 0);
	assert_int_equal(times_came(r->ws, 2, bea), 1);
	close(fd);
	fd = raw_connect(r->port);
	assert_int_equal(raw_join(r, fd, NULL, NULL, NULL, token), ana);
	assert_int_equal(times_came(r->ws, 2, ana), 1);
	/* A meeting started while people are in the room: they came. */
	submit(r, MODEL_SYSTEM, (struct intent){ .type = INTENT_MEETING,
	    .value = 21000116 });
	assert_int_equal(times_came(r->ws, 3, ana), 1);
	assert_int_equal(times_came(r->ws, 3, bea), 1);
	close(fd);
	close(fd2);

	/* The journal says the same. */
	assert_int_equal(server_flush(r->srv), 0);
	ws = model_new();
	assert_int_equal(journal_read(r->path, journal_apply, ws, warn, sizeof warn,
	    err, sizeof err), 0);
	assert_int_equal(ws->nmeetings, 3);
	assert_int_equal(times_came(ws, 3, bea), 1);
	assert_int_equal(times_came(ws, 1, ana), 1);
	assert_int_equal(times_came(ws, 2, ana), 1);
	assert_int_equal(times_came(ws, 2, bea), 1);
	assert_int_equal(model_meeting(ws, 2)->date, 21000115);
	model_free(ws);
}

/* --- faults and hostile peers ------------------------------------------- */

/* Runs the loop for ms. */
static void
pump(struct room *r, int ms)
{
	double end = now_ms() + ms;

	while (now_ms() < end) {
		uv_run(&r->loop, UV_RUN_NOWAIT);
		usleep(200);
	}
}

static size_t
count_items(const struct workshop *ws, const char *text)
{
	size_t i, n = 0;

	for (i = 0; ws != NULL && i < ws->nitems; i++)
		if (ws->items[i].text != NULL &&
		    strcmp(ws->items[i].text, text) == 0)
			n++;
	return n;
}

struct seen_item {
	struct person	*p;
	const char	*text;
};

static bool
sees_item(void *arg)
{
	struct seen_item *s = arg;

	return count_items(s->p->ws, s->text) > 0;
}

static void
wait_sees(struct room *r, struct person *p, const char *text)
{
	struct seen_item s = { p, text };

	if (!run_until(r, sees_item, &s))
		fail_msg("never saw: %s", text);
}

static uint64_t
file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (uint64_t)st.st_size;
}

static bool
record_refused(void *arg)
{
	(void)arg;
	return told.refused > 0;
}

/* The record as a restart would find it. */
static struct workshop *
reread(struct room *r)
{
	struct workshop *ws = model_new();
	char warn[256], err[256];

	assert_int_equal(journal_read(r->path, journal_apply, ws, warn, sizeof warn,
	    err, sizeof err), 0);
	assert_string_equal(warn, "");
	return ws;
}

#define TROUBLE(why)	"the room cannot save changes right now (" why \
	"); nothing was lost — try again in a moment"

/*
 * The disk fills up: a contribution is refused with a sentence that says
 * so, nobody sees it, the file is as it was; someone coming back still
 * gets in, a newcomer waits; when there is room again the newcomer is let
 * in by itself and the next contribution reaches everyone.  The record
 * holds exactly what was acknowledged.
 */
static void
test_disk_full_refuses_then_recovers(void **state)
{
	struct room *r = *state;
	struct person ana, bea, cleo;
	struct client_identity id = { .code = "KXM-47P" };
	struct intent in = { .type = INTENT_CONTRIBUTE };
	struct workshop *ws;
	char token[64];
	uint64_t size;

	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_EXPECTATIONS });
	person_join(r, &ana, "Ana", "Community", "KXM-47P");
	person_join(r, &bea, "Bea", "Police", "KXM-47P");
	assert_true(run_until(r, welcomed, &ana));
	assert_true(run_until(r, welcomed, &bea));
	in.text = "uno";
	client_send(ana.cl, &in);
	wait_sees(r, &bea, "uno");
	size = file_size(r->path);

	disk_full = ENOSPC;
	in.text = "dos";
	client_send(ana.cl, &in);
	assert_true(run_until(r, has_error, &ana));
	assert_string_equal(ana.error, TROUBLE("disk full"));
	assert_int_equal(told.refused, 1);
	assert_non_null(strstr(told.why, "the room cannot save changes "
	    "(disk full)"));
	assert_int_equal(file_size(r->path), size);	/* cut back */
	assert_int_equal(count_items(r->ws, "dos"), 0);
	pump(r, 200);
	assert_int_equal(count_items(bea.ws, "dos"), 0);

	/* Bea comes back (her token is her key): reads go on. */
	snprintf(token, sizeof token, "%s", client_token(bea.cl));
	person_leave(r, &bea);
	memset(&bea, 0, sizeof bea);
	id.token = token;
	bea.cl = client_new(&r->loop, "127.0.0.1", r->port, &id, &hooks, &bea);
	assert_true(run_until(r, welcomed, &bea));
	assert_int_equal(count_items(bea.ws, "uno"), 1);
	/* A newcomer waits, and is told why. */
	person_join(r, &cleo, "Cleo", "Police", "KXM-47P");
	assert_true(run_until(r, was_refused, &cleo));
	assert_int_equal(cleo.refused, REFUSE_BUSY);
	assert_non_null(strstr(cleo.why, "cannot let anyone new in right "
	    "now (disk full)"));
	pump(r, 1500);		/* the server tries again, in vain */
	assert_int_equal(cleo.welcomes, 0);
	assert_int_equal(file_size(r->path), size);
	assert_int_equal(told.refused, 1);	/* the terminal is told once */

	/* Room again: Cleo is let in by herself, and writing works. */
	disk_full = 0;
	assert_true(run_until(r, welcomed, &cleo));
	assert_int_equal(told.recovered, 1);
	assert_int_equal(count_items(cleo.ws, "uno"), 1);
	in.text = "tres";
	client_send(ana.cl, &in);
	wait_sees(r, &bea, "tres");
	wait_sees(r, &cleo, "tres");

	ws = reread(r);
	assert_int_equal(count_items(ws, "uno"), 1);
	assert_int_equal(count_items(ws, "dos"), 0);
	assert_int_equal(count_items(ws, "tres"), 1);
	assert_non_null(model_person_by_name(ws, "Cleo"));
	assert_int_equal(ws->seq, r->ws->seq);
	model_free(ws);
	person_leave(r, &ana);
	person_leave(r, &bea);
	person_leave(r, &cleo);
}

/*
 * A sync fails, and the kernel loses what it should have written: nothing
 * it covered is acknowledged or shown, new changes are refused at once,
 * and once the disk works the records are written again (not merely synced
 * again, which would find nothing to write) and then acknowledged.
 */
static void
test_failed_sync_is_written_again(void **state)
{
	struct room *r = *state;
	struct person ana, bea;
	struct intent in = { .type = INTENT_CONTRIBUTE };
	struct workshop *ws;

	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_EXPECTATIONS });
	person_join(r, &ana, "Ana", "Community", "KXM-47P");
	person_join(r, &bea, "Bea", "Police", "KXM-47P");
	assert_true(run_until(r, welcomed, &ana));
	assert_true(run_until(r, welcomed, &bea));
	in.text = "uno";
	client_send(ana.cl, &in);
	wait_sees(r, &bea, "uno");
	disk_synced = file_size(r->path);

	disk_sync_fails = 1;
	in.text = "dos";
	client_send(ana.cl, &in);
	assert_true(run_until(r, record_refused, NULL));
	assert_non_null(strstr(told.why, "could not be saved to disk"));
	pump(r, 300);
	assert_int_equal(count_items(bea.ws, "dos"), 0);
	assert_int_equal(count_items(ana.ws, "dos"), 0);
	in.text = "tres";
	client_send(ana.cl, &in);
	assert_true(run_until(r, has_error, &ana));
	assert_string_equal(ana.error, TROUBLE("disk error"));
	pump(r, 1500);		/* written again and synced, in vain */
	assert_int_equal(count_items(bea.ws, "dos"), 0);

	disk_sync_fails = 0;
	wait_sees(r, &bea, "dos");
	wait_sees(r, &ana, "dos");
	assert_int_equal(told.recovered, 1);
	in.text = "cuatro";
	client_send(ana.cl, &in);
	wait_sees(r, &bea, "cuatro");

	ws = reread(r);
	assert_int_equal(count_items(ws, "uno"), 1);
	assert_int_equal(count_items(ws, "dos"), 1);
	assert_int_equal(count_items(ws, "tres"), 0);
	assert_int_equal(count_items(ws, "cuatro"), 1);
	assert_int_equal(ws->seq, r->ws->seq);
	model_free(ws);
	person_leave(r, &ana);
	person_leave(r, &bea);
}

/* Has the other end hung up (EOF or reset) within WAIT_MS?  Whatever it
 * sent before is read and thrown away. */
static bool
hung_up(struct room *r, int fd)
{
	static char buf[1 << 16];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	double end = now_ms() + WAIT_MS;
	ssize_t n;

	while (now_ms() < end) {
		uv_run(&r->loop, UV_RUN_NOWAIT);
		if (poll(&pfd, 1, 1) <= 0)
			continue;
		n = read(fd, buf, sizeof buf);
		if (n == 0 || (n < 0 && errno == ECONNRESET))
			return true;
	}
	return false;
}

static void
raw_type(int fd, int type)
{
	struct msg m = { .type = type };
	struct wire_buf b;

	wire_buf_init(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	/* The other end may be gone already. */
	(void)send(fd, b.data, b.len, MSG_NOSIGNAL);
	wire_buf_destroy(&b);
}

/*
 * A participant whose client stops reading (it still answers, so the
 * heartbeat keeps it) while the room is busy: once its queue passes
 * NET_QUEUE_MAX it is dropped, and the others get every event.
 */
static void
test_reader_that_stops_is_dropped(void **state)
{
	struct room *r = *state;
	struct person ana;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct intent edit = { .type = INTENT_SECTION_EDIT };
	struct model_error err;
	char *text;
	size_t i, len = 7900, pushed = 0;
	uint32_t slow;
	int fd, small = 4096, k;

	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_CHARTER });
	text = xmalloc(len + 1);
	memset(text, 'x', len);
	text[len] = '\0';
	edit.text = text;
	for (i = 0; i < r->ws->nitems && edit.ref == 0; i++)
		if (r->ws->items[i].kind == ITEM_SECTION) {
			edit.ref = r->ws->items[i].id;
			if (server_submit(r->srv, MODEL_FACILITATOR, &edit,
			    &err) != 0)
				edit.ref = 0;
		}
	assert_int_not_equal(edit.ref, 0);

	/* A small receive buffer: the queue is the server's. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small,
	    sizeof small), 0);
	sa.sin_port = htons((uint16_t)r->port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	slow = raw_join(r, fd, "Slow", "Police", NULL, NULL);
	person_join(r, &ana, "Ana", "Community", "KXM-47P");
	assert_true(run_until(r, welcomed, &ana));

	while (model_person(r->ws, slow)->present &&
	    pushed < 3 * (size_t)NET_QUEUE_MAX) {
		for (k = 0; k < 64; k++) {
			text[0] = (char)('a' + k % 26);
			if (server_submit(r->srv, MODEL_FACILITATOR, &edit,
			    &err) != 0)
				fail_msg("edit refused: %s", err.msg);
			pushed += len;
		}
		raw_type(fd, MSG_PING);		/* still answering */
		wait_caught_up(r, &ana);
	}
	print_message("slow reader dropped after %zu bytes of events "
	    "(bound %u)\n", pushed, NET_QUEUE_MAX);
	assert_false(model_person(r->ws, slow)->present);
	assert_true(pushed > (size_t)NET_QUEUE_MAX / 10 * 9);
	assert_non_null(strstr(told.log, "it stopped reading"));
	assert_true(hung_up(r, fd));
	/* The reader has it all. */
	wait_caught_up(r, &ana);
	assert_int_equal(ana.ws->seq, r->ws->seq);
	close(fd);
	free(text);
	person_leave(r, &ana);
}

/* Moves the clock ms ahead in steps shorter than a heartbeat; the
 * connections in keep (-1: none) say something at each step, as live
 * clients do. */
static void
advance(struct room *r, int64_t ms, const int keep[2])
{
	int64_t step = NET_HEARTBEAT_MS - 1000;
	int i;

	for (; ms > 0; ms -= step) {
		clock_skew_ms += ms < step ? ms : step;
		for (i = 0; i < 2; i++)
			if (keep[i] >= 0)
				raw_type(keep[i], MSG_PONG);
		pump(r, 10);
	}
}

/*
 * Connections that never finish joining are closed: one that says nothing
 * when the heartbeat does (15 s), one that keeps talking but never says
 * hello after 30 s, and one that gave the right code and is choosing a
 * name (talking all the while) after 15 minutes, told why first.
 */
static void
test_hello_timeout(void **state)
{
	struct room *r = *state;
	struct msg m = { .type = MSG_HELLO }, in;
	int mute = raw_connect(r->port), chatty = raw_connect(r->port);
	int lobby = raw_connect(r->port);
	int both[2] = { chatty, lobby }, one[2] = { lobby, -1 };

	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.code = "KXM-47P";
	raw_send(lobby, &m);
	assert_int_equal(raw_expect(r, lobby, MSG_LOBBY, &in, NULL), 0);
	wire_msg_free(&in);
	pump(r, 50);

	advance(r, 20000, both);
	assert_true(hung_up(r, mute));
	assert_non_null(strstr(told.log, "it stopped answering"));
	advance(r, 11000, both);	/* HELLO_TIMEOUT_MS is 30 s */
	assert_true(hung_up(r, chatty));
	assert_non_null(strstr(told.log, "it never finished joining"));
	/* The one in the lobby is still there ... */
	raw_type(lobby, MSG_PING);
	assert_int_equal(raw_expect(r, lobby, MSG_PONG, &in, NULL), 0);
	wire_msg_free(&in);
	/* ... after five minutes too ... */
	advance(r, 300000, one);
	raw_type(lobby, MSG_PING);
	assert_int_equal(raw_expect(r, lobby, MSG_PONG, &in, NULL), 0);
	wire_msg_free(&in);
	/* ... for fifteen, and then is told so before the hang-up. */
	advance(r, 600000, one);
	assert_int_equal(raw_expect(r, lobby, MSG_REFUSE, &in, NULL), 0);
	assert_int_equal(in.refuse.code, REFUSE_BUSY);
	assert_string_equal(in.refuse.text, "joining was not finished within "
	    "15 minutes; connect again to join");
	wire_msg_free(&in);
	assert_true(hung_up(r, lobby));
	assert_non_null(strstr(told.log, "it never finished joining"));
	close(mute);
	close(chatty);
	close(lobby);
}

struct guesser {
	int		 port, tries;
	int		 wrong, busy, admitted, broken;
	double		 ms;
	_Atomic bool	 done;
};

/* Reads exactly n bytes, or fails. */
static int
read_n(int fd, uint8_t *p, size_t n)
{
	ssize_t got;

	while (n > 0) {
		if ((got = read(fd, p, n)) <= 0)
			return -1;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

/* A thread: tries wrong codes, one connection each, and counts what the
 * room answers.  No cmocka here (not thread-safe). */
static void *
guess(void *arg)
{
	struct guesser *g = arg;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct timeval tv = { .tv_sec = 5 };
	struct msg m = { .type = MSG_HELLO }, out;
	struct wire_buf b;
	char code[32], err[120];
	uint8_t hdr[4], *body;
	uint32_t len;
	double start = now_ms();
	int i, fd;

	sa.sin_port = htons((uint16_t)g->port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.name = "Guess";
	m.hello.group = "Community";
	m.hello.code = code;
	wire_buf_init(&b);
	for (i = 0; i < g->tries; i++) {
		snprintf(code, sizeof code, "NOPE-%d", i);
		fd = socket(AF_INET, SOCK_STREAM, 0);
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		wire_buf_reset(&b);
		if (fd < 0 || connect(fd, (struct sockaddr *)&sa,
		    sizeof sa) != 0 || wire_encode(&m, &b) != 0 ||
		    write(fd, b.data, b.len) != (ssize_t)b.len ||
		    read_n(fd, hdr, 4) != 0 ||
		    wire_frame_length(hdr, WIRE_SERVER_FRAME_MAX, &len) != 0) {
			g->broken++;
			close(fd);
			continue;
		}
		body = malloc(len);
		if (body == NULL || read_n(fd, body, len) != 0 ||
		    wire_decode(body, len, &out, err, sizeof err) != 0)
			g->broken++;
		else {
			if (out.type == MSG_REFUSE &&
			    out.refuse.code == REFUSE_CODE)
				g->wrong++;
			else if (out.type == MSG_REFUSE &&
			    out.refuse.code == REFUSE_BUSY)
				g->busy++;
			else
				g->admitted++;
			wire_msg_free(&out);
		}
		free(body);
		close(fd);
	}
	wire_buf_destroy(&b);
	g->ms = now_ms() - start;
	g->done = true;
	return NULL;
}

/* Sends a contribution and returns how long its ack took, in ms. */
static double
ack_time(struct room *r, int fd, uint32_t req)
{
	struct msg m = { .type = MSG_INTENT }, a;
	double start = now_ms();

	m.intent.type = INTENT_CONTRIBUTE;
	m.intent.req = req;
	m.intent.text = "¿Me oyen?";
	raw_send(fd, &m);
	for (;;) {
		assert_int_equal(raw_recv(r, fd, &a, NULL), 0);
		if (a.type == MSG_ERROR)
			fail_msg("intent refused: %s", a.error.text);
		if (a.type == MSG_ACK && a.ack.req == req) {
			wire_msg_free(&a);
			return now_ms() - start;
		}
		wire_msg_free(&a);
	}
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, by_value);
	return v[n / 2];
}

/*
 * 1,000 wrong join codes from one address: nobody gets in, and a joined
 * participant's acks come as fast as before.  The figures are printed.
 */
static void
test_code_guessing(void **state)
{
	struct room *r = *state;
	struct guesser g = { .port = r->port, .tries = 1000 };
	struct msg m = { .type = MSG_HELLO }, in;
	pthread_t t;
	double before[15], during[30], mb, md;
	size_t nb, nd = 0, people;
	uint32_t req = 1;
	char token[33] = "";
	int fd, other;

	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_EXPECTATIONS });
	fd = raw_connect(r->port);
	raw_join(r, fd, "Ana", "Community", NULL, token);
	people = r->ws->npeople;
	for (nb = 0; nb < 15; nb++) {
		before[nb] = ack_time(r, fd, req++);
		pump(r, 25);
	}
	assert_int_equal(pthread_create(&t, NULL, guess, &g), 0);
	while (!g.done) {
		if (nd < 30)
			during[nd++] = ack_time(r, fd, req++);
		pump(r, 25);
	}
	assert_int_equal(pthread_join(t, NULL), 0);
	print_message("code guessing: %d wrong codes in %.0f ms: %d refused "
	    "as wrong, %d as too many, %d admitted, %d broken\n", g.tries,
	    g.ms, g.wrong, g.busy, g.admitted, g.broken);
	assert_true(nd > 0);
	mb = median(before, nb);
	md = median(during, nd);	/* sorted now */
	print_message("ack latency before: median %.2f ms, max %.2f ms (%zu); "
	    "during: median %.2f ms, max %.2f ms (%zu)\n", mb,
	    before[nb - 1], nb, md, during[nd - 1], nd);
	assert_int_equal(g.admitted, 0);
	assert_int_equal(g.broken, 0);
	assert_int_equal(g.wrong + g.busy, g.tries);
	assert_true(g.wrong <= 10);	/* CODE_FAILS_MAX in server.c */
	assert_int_equal(r->ws->npeople, people);
	/* Not slowed: the disk's own pace sets both, so compare them. */
	assert_true(md < 3 * mb + 15);

	/* The lock is on the address: the right code waits too ... */
	other = raw_connect(r->port);
	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.code = "KXM-47P";
	m.hello.name = "Bea";
	m.hello.group = "Police";
	raw_send(other, &m);
	assert_int_equal(raw_expect(r, other, MSG_REFUSE, &in, NULL), 0);
	assert_int_equal(in.refuse.code, REFUSE_BUSY);
	assert_string_equal(in.refuse.text, "too many wrong join codes from "
	    "this address; wait a minute and try again");
	wire_msg_free(&in);
	close(other);
	/* ... but a token still opens the room. */
	close(fd);
	fd = raw_connect(r->port);
	raw_join(r, fd, NULL, NULL, NULL, token);
	close(fd);
}

/* Sends an intent and returns the error text the participant would see
 * (malloc'd), or NULL for an ack. */
static char *
raw_answer(struct room *r, int fd, struct intent in, uint32_t req)
{
	struct msg m = { .type = MSG_INTENT }, a;
	char *why = NULL;

	m.intent = in;
	m.intent.req = req;
	raw_send(fd, &m);
	for (;;) {
		assert_int_equal(raw_recv(r, fd, &a, NULL), 0);
		if ((a.type == MSG_ACK && a.ack.req == req) ||
		    (a.type == MSG_ERROR && a.error.req == req))
			break;
		wire_msg_free(&a);
	}
	if (a.type == MSG_ERROR)
		why = xstrdup(a.error.text);
	wire_msg_free(&a);
	return why;
}

/*
 * The limits a participant can meet, each with the sentence they read:
 * the rate of intents, the length of a text, the number of items.
 */
static void
test_limits_have_clear_errors(void **state)
{
	struct room *r = *state;
	struct intent in = { .type = INTENT_CONTRIBUTE };
	struct model_error err;
	struct event ev;
	struct msg m = { .type = MSG_INTENT }, a;
	char *big, *why;
	uint32_t req;
	int fd, acks = 0, slow = 0, got = 0;

	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_EXPECTATIONS });
	fd = raw_connect(r->port);
	raw_join(r, fd, "Ana", "Community", NULL, NULL);

	big = xmalloc(MODEL_TEXT_MAX + 2);
	memset(big, 'a', MODEL_TEXT_MAX + 1);
	big[MODEL_TEXT_MAX + 1] = '\0';
	in.text = big;
	why = raw_answer(r, fd, in, 1);
	assert_non_null(why);
	assert_string_equal(why, "the expectation is too long (2001 bytes; "
	    "at most 2000)");
	free(why);
	free(big);

	/* 60 at once: a burst of 40 goes through, then the rest wait. */
	pump(r, 2100);		/* the bucket is full again */
	m.intent.type = INTENT_CONTRIBUTE;
	m.intent.text = "deprisa";
	for (req = 2; req < 62; req++) {
		m.intent.req = req;
		raw_send(fd, &m);
	}
	while (got < 60 && raw_recv(r, fd, &a, NULL) == 0) {
		if (a.type == MSG_ACK)
			acks++;
		if (a.type == MSG_ERROR) {
			assert_string_equal(a.error.text, "too many requests "
			    "at once; wait a moment");
			slow++;
		}
		if (a.type == MSG_ACK || a.type == MSG_ERROR)
			got++;
		wire_msg_free(&a);
	}
	print_message("rate limit: %d of 60 at once acknowledged, %d told to "
	    "wait\n", acks, slow);
	assert_int_equal(got, 60);
	assert_true(acks >= 40 && acks < 50);
	assert_true(slow > 10);

	/* A full room: filled in memory (the limit is the model's; through
	 * the record it would take minutes). */
	in.text = "lleno";
	while (r->ws->nitems < MODEL_ITEMS_MAX)
		if (model_apply(r->ws, MODEL_FACILITATOR, &in, 0, &ev,
		    &err) != 0)
			fail_msg("%s", err.msg);
	pump(r, 500);		/* the rate limit refills */
	in.text = "una más";
	why = raw_answer(r, fd, in, 62);
	assert_non_null(why);
	assert_string_equal(why, "the room has reached its limit of 200000 "
	    "items");
	free(why);
	close(fd);
}

/* Someone back after a short drop gets exactly the events they missed,
 * as they may see them, and who is present, without the whole room; too
 * far behind, they get the whole room. */
static void
test_resume_sends_only_missed(void **state)
{
	struct room *r = *state;
	struct msg hello = { .type = MSG_HELLO }, m;
	char token[33] = "", title[32];
	uint64_t from, seq;
	uint32_t ana;
	int fd, i;

	fd = raw_connect(r->port);
	ana = raw_join(r, fd, "Ana", "Community", NULL, token);
	raw_drain(r, fd, NULL, 200);
	from = r->ws->seq;	/* Ana's replica has everything so far */
	close(fd);
	assert_true(run_until(r, gone, model_person(r->ws, ana)));

	/* While she is away, the room moves on. */
	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_CAUCUS });
	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_TITLE,
	    .text = "Mesa de seguridad" });
	assert_true(r->ws->seq == from + 2);

	hello.hello.version = WIRE_PROTOCOL_VERSION;
	hello.hello.token = token;
	hello.hello.last_seq = from;
	fd = raw_connect(r->port);
	raw_send(fd, &hello);
	assert_int_equal(raw_expect(r, fd, MSG_WELCOME, &m, NULL), 0);
	assert_null(m.welcome.room);
	assert_true(m.welcome.resume_from == from);
	assert_int_equal(m.welcome.self, ana);
	wire_msg_free(&m);
	for (seq = from + 1; seq <= from + 2; seq++) {
		assert_int_equal(raw_recv(r, fd, &m, NULL), 0);
		assert_int_equal(m.type, MSG_EVENT);
		assert_true(m.event.seq == seq);
		wire_msg_free(&m);
	}
	/* Then who is present: Ana herself, at least. */
	assert_int_equal(raw_recv(r, fd, &m, NULL), 0);
	assert_int_equal(m.type, MSG_PRESENCE);
	wire_msg_free(&m);
	close(fd);
	assert_true(run_until(r, gone, model_person(r->ws, ana)));

	/* Far behind: more has happened than the room keeps. */
	for (i = 0; i < NET_RESUME_EVENTS + 10; i++) {
		snprintf(title, sizeof title, "Mesa %d", i);
		submit(r, MODEL_FACILITATOR, (struct intent){
		    .type = INTENT_TITLE, .text = title });
	}
	fd = raw_connect(r->port);
	raw_send(fd, &hello);
	assert_int_equal(raw_expect(r, fd, MSG_WELCOME, &m, NULL), 0);
	assert_non_null(m.welcome.room);
	assert_true(m.welcome.resume_from == 0);
	assert_true(m.welcome.room->seq == r->ws->seq);
	wire_msg_free(&m);
	close(fd);
}

/*
 * The events kept for resumes are bounded in bytes, not only in number:
 * fewer than NET_RESUME_EVENTS long contributions, more than
 * NET_RESUME_BYTES of them, and someone who missed them all gets the
 * whole room, while someone who missed only the last few still gets
 * just those (issue 15: a flood of long texts held the server's memory).
 */
static void
test_resume_bounded_in_bytes(void **state)
{
	struct room *r = *state;
	struct msg hello = { .type = MSG_HELLO }, m;
	char token[33] = "", *text = malloc(MODEL_TEXT_MAX + 1);
	uint64_t from;
	uint32_t ana;
	size_t i, n = NET_RESUME_BYTES / MODEL_TEXT_MAX + 16;
	int fd;

	assert_non_null(text);
	assert_true(n < NET_RESUME_EVENTS);	/* bytes, not the count */
	fd = raw_connect(r->port);
	ana = raw_join(r, fd, "Ana", "Community", NULL, token);
	raw_drain(r, fd, NULL, 200);
	from = r->ws->seq;
	close(fd);
	assert_true(run_until(r, gone, model_person(r->ws, ana)));

	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_EXPECTATIONS });
	for (i = 0; i < n; i++) {
		memset(text, 'a' + (int)(i % 26), MODEL_TEXT_MAX);
		text[MODEL_TEXT_MAX] = '\0';
		submit(r, MODEL_FACILITATOR, (struct intent){
		    .type = INTENT_CONTRIBUTE, .text = text });
	}

	/* Missed them all: more bytes than are kept. */
	hello.hello.version = WIRE_PROTOCOL_VERSION;
	hello.hello.token = token;
	hello.hello.last_seq = from;
	fd = raw_connect(r->port);
	raw_send(fd, &hello);
	assert_int_equal(raw_expect(r, fd, MSG_WELCOME, &m, NULL), 0);
	assert_non_null(m.welcome.room);
	assert_true(m.welcome.resume_from == 0);
	assert_true(m.welcome.room->seq == r->ws->seq);
	wire_msg_free(&m);
	close(fd);
	assert_true(run_until(r, gone, model_person(r->ws, ana)));

	/* Missed the last few: those are still kept. */
	hello.hello.last_seq = r->ws->seq - 3;
	fd = raw_connect(r->port);
	raw_send(fd, &hello);
	assert_int_equal(raw_expect(r, fd, MSG_WELCOME, &m, NULL), 0);
	assert_null(m.welcome.room);
	assert_true(m.welcome.resume_from == r->ws->seq - 3);
	wire_msg_free(&m);
	close(fd);
	free(text);
}

/*
 * Four people write at once, so a sync releases several of their
 * contributions together (release_run), while two others only listen.
 * Everyone still hears every change once and in order, in the form it
 * may have, and the writers their ack after their own change: their own
 * with its request id; in the caucus their caucus's notes (without a name
 * once the Chatham House Rule is on there) and the other caucus's as a
 * placeholder; in the open expectations, everyone's with its author.
 */
static void
test_one_sync_many_audiences(void **state)
{
	struct room *r = *state;
	static const char *const names[6] = { "Sgt. Ruiz", "Sol", "Ana",
	    "Bea", "Olga", "Tom" };
	static const char *const groups[6] = { "Police", "Police",
	    "Community", "Community", "Police", "Community" };
	static const int phases[3] = { PHASE_CAUCUS, PHASE_EXPECTATIONS,
	    PHASE_CAUCUS };
	struct msg m = { .type = MSG_INTENT }, in;
	const struct item *it;
	char text[4][40];
	uint32_t who[6];
	uint64_t last;
	int fd[6], i, a, p, events, acks;
	bool caucus, chatham;

	for (i = 0; i < 6; i++) {
		fd[i] = raw_connect(r->port);
		who[i] = raw_join(r, fd[i], names[i], groups[i], NULL, NULL);
	}
	for (p = 0; p < 3; p++) {
		caucus = phases[p] == PHASE_CAUCUS;
		chatham = p == 2;
		if (chatham)
			submit(r, MODEL_FACILITATOR, (struct intent){
			    .type = INTENT_CONFIDENTIALITY,
			    .value = CONF_CHATHAM, .value2 = PHASE_CAUCUS });
		submit(r, MODEL_FACILITATOR, (struct intent){
		    .type = INTENT_PHASE, .value = phases[p] });
		for (i = 0; i < 6; i++)
			raw_drain(r, fd[i], NULL, 100);
		/* All sent before the server reads any. */
		for (i = 0; i < 4; i++) {
			snprintf(text[i], sizeof text[i], "Nota %d de %s", p,
			    names[i]);
			m.intent = (struct intent){ .type = INTENT_CONTRIBUTE,
			    .req = (uint32_t)(7 + p), .text = text[i] };
			raw_send(fd[i], &m);
		}
		for (i = 0; i < 6; i++) {
			events = acks = 0;
			last = 0;
			while ((events < 4 || (i < 4 && acks < 1)) &&
			    raw_recv(r, fd[i], &in, NULL) == 0) {
				if (in.type == MSG_ACK) {
					assert_true(i < 4);
					assert_int_equal(in.ack.req, 7 + p);
					/* After its own change. */
					assert_true(in.ack.seq <= last);
					acks++;
				}
				if (in.type != MSG_EVENT) {
					wire_msg_free(&in);
					continue;
				}
				assert_int_equal(in.event.type, EVENT_ITEM);
				assert_true(in.event.seq > last);
				last = in.event.seq;
				it = model_item(r->ws, in.event.id);
				assert_non_null(it);
				for (a = 0; a < 4 && who[a] != it->author; a++)
					;
				assert_true(a < 4);
				if (a == i) {
					assert_int_equal(in.event.actor,
					    who[i]);
					/* The ack carries the request id;
					 * the event does not. */
					assert_int_equal(in.event.req, 0);
					assert_string_equal(in.event.text,
					    it->text);
				} else if (!caucus) {
					assert_int_equal(in.event.actor,
					    it->author);
					assert_int_equal(in.event.req, 0);
					assert_string_equal(in.event.text,
					    it->text);
				} else if (strcmp(groups[i], groups[a]) == 0) {
					assert_int_equal(in.event.actor,
					    chatham ? 0 : it->author);
					assert_int_equal(in.event.req, 0);
					assert_int_equal(in.event.group,
					    it->group);
					assert_string_equal(in.event.text,
					    it->text);
				} else {
					assert_int_equal(in.event.value,
					    ITEM_HIDDEN);
					assert_int_equal(in.event.actor, 0);
					assert_null(in.event.text);
				}
				events++;
				wire_msg_free(&in);
			}
			assert_int_equal(events, 4);
			assert_int_equal(acks, i < 4 ? 1 : 0);
		}
	}
	for (i = 0; i < 6; i++)
		close(fd[i]);
}

/*
 * An SSH participant is one more connection of the same protocol: through
 * an adopted socketpair a community member gets a placeholder for the
 * police caucus's note and never its bytes, exactly as over TCP.
 */
static void
test_door_connection_same_privacy(void **state)
{
	struct room *r = *state;
	struct wire_buf seen;
	struct msg m = { .type = MSG_INTENT }, in;
	int police, community;
	char tok[33] = "";
	static const char secret[] = "Informe reservado de la policía";

	wire_buf_init(&seen);
	submit(r, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = PHASE_CAUCUS });
	community = raw_adopt(r, "192.0.2.40");
	assert_true(community >= 0);
	police = raw_connect(r->port);
	raw_join(r, community, "Ana", "Community", &seen, tok);
	raw_join(r, police, "Sgt. Ruiz", "Police", NULL, NULL);
	m.intent.type = INTENT_CONTRIBUTE;
	m.intent.req = 1;
	m.intent.text = (char *)secret;
	raw_send(police, &m);
	/* Ruiz's joining first, then the note. */
	do {
		assert_int_equal(raw_expect(r, community, MSG_EVENT, &in,
		    &seen), 0);
		if (in.event.type == EVENT_ITEM)
			break;
		wire_msg_free(&in);
	} while (1);
	assert_int_equal(in.event.value, ITEM_HIDDEN);
	assert_null(in.event.text);
	wire_msg_free(&in);
	raw_drain(r, community, &seen, 200);
	assert_null(memmem(seen.data, seen.len, secret, strlen(secret)));
	assert_null(memmem(seen.data, seen.len, "KXM-47P", 7));
	close(police);
	close(community);
	wire_buf_destroy(&seen);
}

/*
 * Someone without an SSH key comes back by name: the door's token for that
 * name opens the room only with the join code, and only while that person
 * is away.
 */
static void
test_door_claim_only_while_absent(void **state)
{
	struct room *r = *state;
	struct msg in;
	char tok[33] = "";
	int ana, other;
	uint32_t self;

	ana = raw_adopt(r, "192.0.2.41");
	self = raw_join(r, ana, "Ana", "Community", NULL, tok);
	/* Present: her name is not for anyone else to take. */
	other = raw_adopt(r, "192.0.2.42");
	raw_claim(other, "KXM-47P", "Ana", tok);
	assert_int_equal(raw_expect(r, other, MSG_REFUSE, &in, NULL), 0);
	assert_int_equal(in.refuse.code, REFUSE_NAME);
	assert_non_null(strstr(in.refuse.text, "is in the room right now"));
	wire_msg_free(&in);
	close(ana);
	pump(r, 100);
	/* Away: without the code, still no. */
	raw_claim(other, NULL, "Ana", tok);
	assert_int_equal(raw_expect(r, other, MSG_REFUSE, &in, NULL), 0);
	assert_int_equal(in.refuse.code, REFUSE_CODE);
	wire_msg_free(&in);
	/* Away, with the code: she is back as herself. */
	raw_claim(other, "kxm47p", "Ana", tok);
	assert_int_equal(raw_expect(r, other, MSG_WELCOME, &in, NULL), 0);
	assert_int_equal(in.welcome.self, self);
	wire_msg_free(&in);
	close(other);
}

/* Wrong codes through the door count against the participant's address,
 * not the door's; and one address cannot fill the waiting room. */
static void
test_door_limits_by_address(void **state)
{
	struct room *r = *state;
	struct msg m = { .type = MSG_HELLO }, in;
	int fd, i, held[20], nheld = 0, refused = 0;

	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.code = "WRONG-1";
	m.hello.name = "Eve";
	m.hello.group = "Community";
	for (i = 0; i < 12; i++) {
		fd = raw_adopt(r, "192.0.2.66");
		assert_true(fd >= 0);
		raw_send(fd, &m);
		assert_int_equal(raw_expect(r, fd, MSG_REFUSE, &in, NULL), 0);
		if (in.refuse.code == REFUSE_BUSY)
			refused++;
		else
			assert_int_equal(in.refuse.code, REFUSE_CODE);
		wire_msg_free(&in);
		close(fd);
		pump(r, 20);
	}
	assert_int_equal(refused, 2);	/* past CODE_FAILS_MAX = 10 */
	/* A name without a code (someone looking for their token) is told
	 * a code is needed and guesses nothing: twelve of them, and the
	 * right code still opens the room from that address. */
	m.hello.code = NULL;
	for (i = 0; i < 12; i++) {
		fd = raw_adopt(r, "192.0.2.65");
		assert_true(fd >= 0);
		raw_send(fd, &m);
		assert_int_equal(raw_expect(r, fd, MSG_REFUSE, &in, NULL), 0);
		assert_int_equal(in.refuse.code, REFUSE_CODE);
		assert_string_equal(in.refuse.text, "a join code is needed");
		wire_msg_free(&in);
		close(fd);
		pump(r, 20);
	}
	fd = raw_adopt(r, "192.0.2.65");
	raw_join(r, fd, "Eve", "Community", NULL, NULL);
	close(fd);
	m.hello.code = "WRONG-1";
	/* Another address still gets in. */
	fd = raw_adopt(r, "192.0.2.67");
	raw_join(r, fd, "Ana", "Community", NULL, NULL);
	close(fd);
	/* Sixteen sessions of one address may wait at the prompts; the
	 * seventeenth is not taken. */
	for (i = 0; i < 20; i++) {
		fd = raw_adopt(r, "192.0.2.68");
		if (fd < 0)
			refused++;
		else
			held[nheld++] = fd;
	}
	assert_int_equal(nheld, 16);
	assert_int_equal(refused, 2 + 4);
	fd = raw_adopt(r, "192.0.2.69");
	assert_true(fd >= 0);
	close(fd);
	for (i = 0; i < nheld; i++)
		close(held[i]);
	pump(r, 20);
	/* The room closed every connection of 192.0.2.66, but the door
	 * still runs sixteen session processes for it (saying goodbye to
	 * clients that read nothing): they hold that address's places. */
	assert_true(server_may_adopt(r->srv, "192.0.2.66", 15));
	assert_false(server_may_adopt(r->srv, "192.0.2.66", 16));
	/* Someone in the room from an address holds no waiting place. */
	fd = raw_adopt(r, "192.0.2.70");
	raw_join(r, fd, "Bea", "Community", NULL, NULL);
	assert_true(server_may_adopt(r->srv, "192.0.2.70", 16));
	assert_false(server_may_adopt(r->srv, "192.0.2.70", 17));
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_join_and_live_events,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_resume_sends_only_missed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_resume_bounded_in_bytes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_role_checked_by_server,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_is_dropped,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_caucus_text_never_sent_to_other_groups, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_resent_intent_applied_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resume_after_restart,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_refusal_arrives_before_hangup, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_ping_then_garbage_and_simultaneous_leaving, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_group_typo_asks_again,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_new_process_resumes_above_old_requests, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_joining_together_see_each_other, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_caucus_report_bytes_stay_in_caucus, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_chatham_house_never_sends_who, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_removed_is_told_and_kept_out, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_cofacilitator_joins_with_its_code, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attendance_each_meeting,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_disk_full_refuses_then_recovers, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_failed_sync_is_written_again, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_reader_that_stops_is_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hello_timeout, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_code_guessing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_limits_have_clear_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_one_sync_many_audiences, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_door_connection_same_privacy, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_door_claim_only_while_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_room_tells_its_time,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_door_limits_by_address,
		    setup, teardown),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
