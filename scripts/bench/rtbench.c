/*
 * rtbench.c - the load generator of issue 7: one generator for roundtable
 * and the servers it is compared with.
 *
 * It opens N client connections to a running server on 127.0.0.1, joins
 * them all, then has K of them (the senders, clients 0..K-1) send
 * contributions of 100-300 bytes of UTF-8 text, open loop at a set rate or
 * closed loop with a window per sender.  Every text carries a marker
 * "#B<seq>@<ns>#" that every backend passes through unchanged; one receive
 * path finds the markers in what arrives and records, per message, how
 * many clients got it and when the last one did (one marker per message).  A message's fan-out
 * latency runs from its SCHEDULED send time (open loop: no coordinated
 * omission) to its arrival at the last of the N-1 clients other than its
 * sender, for every backend:
 *
 *   roundtable  hello/welcome (spread over the room's groups), then
 *               MSG_INTENT INTENT_CONTRIBUTE; arrival = the MSG_EVENT
 *               carrying the marker (the sender's own copy is not
 *               counted); MSG_ACKs are counted too.
 *   floor       scripts/bench/floor.c: length-prefixed frames echoed to
 *               every connection (the sender's own copy not counted).
 *   redis       N connections SUBSCRIBE; each sender PUBLISHes on a
 *               connection of its own and its subscriber's copy is not
 *               counted; PUBLISH replies are counted as acks.
 *   yjs         y-websocket: each sender's contribution is a Yjs update
 *               inserting its text into a shared document (the server does
 *               not echo it to the sender).
 *
 * --procs P is the "sleepy receivers" mode: the clients other than the
 * senders are spread over P forked processes that sleep in epoll like
 * real TUIs; each keeps its own counts and reports them to the parent
 * through a pipe when told to stop.  CLOCK_MONOTONIC is shared, so their
 * arrival times compare with the parent's send times.
 *
 * Besides the latencies it reports what /proc says of the server (--pid):
 * peak RSS (VmHWM), RSS per joined client, CPU seconds per 1,000
 * messages; the time to join all N; and whether the generator itself ran
 * above 95 % of a core (then the run measured the client, not the
 * server).  The last line of output is "RESULT key=value ...", which
 * scripts/bench/run and compare read.
 *
 * Everything is bounded: a run stops by itself after its duration and a
 * drain of at most DRAIN_MAX_MS.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <uv.h>

#include "roundtable/wire.h"
#include "sshmux.h"
#include "ws.h"
#include "yjs.h"

#define CONNECTING_MAX	128		/* connections joining at once */
#define SSH_JOINING	16		/* ... through SSH (the door's limit
					 * per address on their way in) */
#define QUIET_MS	300		/* no input for this long: settled */
#define JOIN_MAX_MS	240000		/* joining all N may take this long */
#define DRAIN_MAX_MS	5000		/* after the last send */
#define CLOSED_TIMEOUT_NS 5000000000ull	/* a closed-loop message given up */
#define TEXT_MIN	100
#define TEXT_MAX	300
#define RBUF_SIZE	(256 * 1024)
#define CHANNEL		"rtbench"

enum backend { B_ROUNDTABLE, B_FLOOR, B_REDIS, B_YJS };
static const char *const backend_names[] = { "roundtable", "floor", "redis",
    "yjs" };

enum conn_kind { K_CLIENT, K_PUBLISHER, K_FACILITATOR };
enum conn_state { S_CONNECTING, S_HANDSHAKE, S_JOINED, S_CLOSED };

struct conn {
	union {				/* which one: ssh below */
		uv_tcp_t	 tcp;
		uv_pipe_t	 pipe;	/* the loop's end of an SSH tunnel */
		uv_stream_t	 stream;
		uv_handle_t	 handle;
	}		 h;
	bool		 open;		/* h initialised (to be closed) */
	bool		 ssh;		/* through its own SSH connection */
	uv_connect_t	 creq;
	int		 idx;		/* client number, 0..N-1 */
	int		 kind;
	int		 state;
	int		 sender;	/* sender number, or -1 */
	uint8_t		*in;		/* a partial frame */
	size_t		 inlen, incap;
	/* senders */
	struct conn	*pub;		/* redis: the connection it publishes on */
	uint32_t	 inflight;	/* closed loop */
	uint64_t	 paused_until;	/* closed loop: after a refusal */
	uint32_t	 yclient, yclock;
	uint32_t	 acks;
};

struct msgrec {
	uint64_t	 sched;		/* ns, CLOCK_MONOTONIC */
	uint64_t	 last;		/* last arrival, 0 none */
	uint32_t	 count;		/* arrivals counted */
	int32_t		 sender;	/* its sender's client number */
	uint8_t		 done;		/* closed loop: completed or given up */
	uint8_t		 failed;	/* refused by the server */
};

/* What a child reports at the end (then count[] and last[] for seqs
 * 0..nmsgs-1). */
struct child_report {
	uint64_t	 nmsgs;
	uint64_t	 cpu_ns;	/* over the measured window */
	uint64_t	 wall_ns;
	uint64_t	 failed;	/* connections lost */
};

struct bench {
	int		 backend;
	const char	*host;
	int		 port;
	int		 ssh_port;	/* > 0: clients through SSH */
	int		 ssh_joining;	/* SSH tunnels under way at once */
	int		 tunnels_up;
	int		 nclients, nsenders, procs;
	int		 open_senders, closed_senders;	/* per phase */
	int		 stalled;	/* the last ones never read after joining */
	double		 settle;	/* s to wait after joining, at least */
	int		 maxsenders;	/* clients 0..maxsenders-1 can send */
	double		 rate;		/* open loop, messages/s in total */
	int		 window;	/* closed loop when > 0 */
	double		 duration;
	int		 pid;		/* the server's, or 0 */
	const char	*code, *fac_code, *path;
	const char	*label;
	bool		 quiet;

	/* this process */
	uv_loop_t	*loop;
	bool		 child;
	int		 first, count;	/* the clients this process holds */
	struct conn	**conns;	/* by client number - first */
	struct conn	**pubs;		/* redis publishers, by sender */
	int		 next_connect, connecting, joined, lost;
	int		 joined_target;
	uint64_t	 last_input;	/* ns */
	char		**groups;
	size_t		 ngroups;
	char		 prefix[32];	/* of participants' names */
	uv_timer_t	 tick;
	int		 phase;		/* of the run, below */
	int		 room_phase;	/* roundtable: the room's */
	int		 room_expectations;	/* its Expectations (index) */
	uint64_t	 t_join0, t_joined;

	/* messages */
	struct msgrec	*msgs;
	size_t		 nmsgs, msgcap;
	uint64_t	 t0;		/* first scheduled send */
	uint64_t	 t_end;		/* no sends scheduled after this */
	size_t		 phase_first;	/* the first message of this phase */
	size_t		 drain_from;	/* messages before it are done */
	int		 closed_window;	/* a closed-loop phase after the open */
	double		 closed_duration;
	uint64_t	 deliveries, acks, errors, complete;
	uint64_t	 bytes_in;	/* read in this phase */
	int		 expected;	/* arrivals that complete a message */
	int		 local_expected;	/* ... in this process */
	char		 first_error[200];

	/* children (parent only) */
	pid_t		*kids;
	int		*kid_cmd;	/* write ends */
	uv_pipe_t	*kid_pipes;	/* read ends */
	uint8_t		**kid_data;
	size_t		*kid_len, *kid_cap;
	bool		*kid_joined, *kid_eof;
	int		 kids_joined, kids_eof;
	/* child only */
	uv_pipe_t	 cmd;
	int		 report_fd;
	struct rusage	 ru0;
	uint64_t	 ru_t0;
	uint64_t	 ru_cpu, ru_wall;
	bool		 reported_join;

	/* the server */
	long		 rss_before, rss_after, hwm;
	double		 cpu_before, cpu_after;
	/* its children: the SSH sessions */
	int		 nsess;
	long		 sess_pss_kb;	/* after joining */
	double		 sess_cpu_before, sess_cpu_after;

	char		 rbuf[RBUF_SIZE];
};

static struct bench B;

/* Phases of the run. */
enum { P_SETUP, P_JOIN, P_SETTLE, P_SEND, P_DRAIN, P_DONE };

static void	conn_start(int idx);
static void	publisher_start(int sender);
static void	step(void);

/* --- small things ------------------------------------------------------- */

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rtbench%s: ", B.child ? " (receiver)" : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void
note(const char *fmt, ...)
{
	va_list ap;

	if (B.quiet || B.child)
		return;
	fprintf(stderr, "rtbench: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t
cpu_ns(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ((uint64_t)ru.ru_utime.tv_sec + (uint64_t)ru.ru_stime.tv_sec) *
	    1000000000ull + ((uint64_t)ru.ru_utime.tv_usec +
	    (uint64_t)ru.ru_stime.tv_usec) * 1000ull;
}

static void *
xalloc(size_t n)
{
	void *p = calloc(1, n);

	if (p == NULL)
		die("out of memory");
	return p;
}

static void *
xgrow(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL)
		die("out of memory");
	return p;
}

/* A field of /proc/PID/status in kB, or -1. */
static long
proc_status_kb(int pid, const char *field)
{
	char path[64], line[256];
	size_t n = strlen(field);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* utime + stime of a process (all its threads), in seconds, or -1. */
static double
proc_cpu_s(int pid)
{
	char path[64], buf[1024], *p;
	unsigned long ut, st;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The command name may hold spaces: fields count from its ')'. */
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
	    &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* The server's child processes (with SSH, its hub, which does the SSH of
 * every connection, and the hub's children, the SSH screens): how many, their utime + stime in seconds, and the sum
 * of their PSS in kB (pss_kb NULL: not read, it costs a file each). */
static int
sessions_scan(int ppid, double *cpu_s, long *pss_kb)
{
	char path[300], buf[1024], *p;
	unsigned long ut, st;
	struct dirent *d;
	int pp, n = 0;
	size_t len;
	DIR *dir;
	FILE *f;

	*cpu_s = 0;
	if (pss_kb != NULL)
		*pss_kb = 0;
	if (ppid <= 0 || (dir = opendir("/proc")) == NULL)
		return -1;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/stat", d->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		len = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[len] = '\0';
		if ((p = strrchr(buf, ')')) == NULL ||
		    sscanf(p + 2, "%*c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
		    "%lu %lu", &pp, &ut, &st) != 3 || pp != ppid)
			continue;
		n++;
		*cpu_s += (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
		if (pss_kb != NULL) {
			char line[256];

			snprintf(path, sizeof path, "/proc/%s/smaps_rollup",
			    d->d_name);
			if ((f = fopen(path, "r")) == NULL)
				continue;
			while (fgets(line, sizeof line, f) != NULL)
				if (strncmp(line, "Pss:", 4) == 0) {
					*pss_kb += strtol(line + 4, NULL, 10);
					break;
				}
			fclose(f);
		}
	}
	closedir(dir);
	return n;
}

/* --- messages ----------------------------------------------------------- */

static struct msgrec *
msg_new(uint64_t sched, int sender)
{
	struct msgrec *m;

	if (B.nmsgs == B.msgcap) {
		B.msgcap = B.msgcap == 0 ? 4096 : B.msgcap * 2;
		B.msgs = xgrow(B.msgs, B.msgcap * sizeof *B.msgs);
	}
	m = &B.msgs[B.nmsgs++];
	memset(m, 0, sizeof *m);
	m->sched = sched;
	m->sender = sender;
	return m;
}

/* Room for seq in a child's table (it learns of messages as they come). */
static struct msgrec *
msg_at(uint64_t seq)
{
	if (seq >= 1u << 26)
		return NULL;	/* not one of ours */
	if (seq >= B.msgcap) {
		size_t cap = B.msgcap == 0 ? 4096 : B.msgcap;

		while (cap <= seq)
			cap *= 2;
		B.msgs = xgrow(B.msgs, cap * sizeof *B.msgs);
		memset(B.msgs + B.msgcap, 0, (cap - B.msgcap) *
		    sizeof *B.msgs);
		B.msgcap = cap;
	}
	if (seq >= B.nmsgs)
		B.nmsgs = seq + 1;
	B.msgs[seq].sender = -1;
	return &B.msgs[seq];
}

/* The text of message seq: its marker, then words (some of them beyond
 * ASCII) up to 100-300 bytes, cut on a character boundary. */
static size_t
make_text(char *out, size_t cap, uint64_t seq, uint64_t sched)
{
	static const char *const words[] = { "dialogue", "trust", "café",
	    "the", "water", "committee", "Gespräch", "we", "need", "to",
	    "agree", "on", "rules", "for", "the", "meeting", "—", "naïve",
	    "résumé", "hearing", "every", "voice", "señora", "community",
	    "police", "answers", "früh", "together", "łódź", "plan" };
	uint64_t h = seq * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
	size_t want = TEXT_MIN + (size_t)((h >> 33) % (TEXT_MAX - TEXT_MIN +
	    1)), len;
	int n;

	if (want > cap - 1)
		want = cap - 1;
	n = snprintf(out, cap, "#B%" PRIu64 "@%" PRIu64 "#", seq, sched);
	len = (size_t)n;
	while (len < want) {
		const char *w;
		size_t wl;

		h ^= h >> 29;
		h *= 0xbf58476d1ce4e5b9ull;
		w = words[(h >> 40) % (sizeof words / sizeof words[0])];
		wl = strlen(w);
		if (len + 1 + wl > want)
			break;
		out[len++] = ' ';
		memcpy(out + len, w, wl);
		len += wl;
	}
	/* Pad with dots to the exact length: ASCII, so no cut character. */
	while (len < want)
		out[len++] = '.';
	out[len] = '\0';
	return len;
}

/* Records one marker that arrived at client idx at time t. */
static void
arrived(int idx, const uint8_t *p, size_t n, uint64_t t)
{
	uint64_t seq = 0, ns = 0;
	struct msgrec *m;
	size_t i = 2;

	(void)ns;
	if (n < 5)
		return;
	while (i < n && p[i] >= '0' && p[i] <= '9')
		seq = seq * 10 + (p[i++] - '0');
	if (i >= n || p[i] != '@' || i == 2)
		return;
	if (B.child)
		m = msg_at(seq);
	else {
		if (seq >= B.nmsgs)
			return;
		m = &B.msgs[seq];
		if (m->sender == idx)
			return;		/* its own copy */
	}
	if (m == NULL)
		return;
	m->count++;
	if (t > m->last)
		m->last = t;
	B.deliveries++;
	if (!B.child && m->count == (uint32_t)B.local_expected && !m->done) {
		m->done = 1;
		B.complete++;
		if (B.window > 0 && m->sender >= 0 &&
		    m->sender < B.nsenders) {
			struct conn *s = B.conns[m->sender - B.first];

			if (s->inflight > 0)
				s->inflight--;
		}
	}
}

/* The marker in p[0..n): every message carries exactly one, so the scan
 * stops at the first (memchr is much cheaper than memmem here). */
static void
scan(int idx, const uint8_t *p, size_t n, uint64_t t)
{
	const uint8_t *end = p + n, *q;

	while (p < end && (q = memchr(p, '#', (size_t)(end - p))) != NULL) {
		if (q + 2 < end && q[1] == 'B' && q[2] >= '0' && q[2] <= '9') {
			arrived(idx, q, (size_t)(end - q), t);
			return;
		}
		p = q + 1;
	}
}

/* --- writing ------------------------------------------------------------ */

struct wreq {
	uv_write_t	 req;
	char		 data[];
};

static void
on_written(uv_write_t *req, int status)
{
	(void)status;
	free(req);
}

static void
conn_write(struct conn *c, const void *p, size_t n)
{
	uv_buf_t b = uv_buf_init((char *)p, (unsigned)n);
	struct wreq *w;
	int r;

	if (c->state == S_CLOSED)
		return;
	/* Most writes go out at once; the rest are copied and queued. */
	if (uv_stream_get_write_queue_size(&c->h.stream) == 0) {
		r = uv_try_write(&c->h.stream, &b, 1);
		if (r == (int)n)
			return;
		if (r > 0) {
			p = (const char *)p + r;
			n -= (size_t)r;
		}
	}
	w = xalloc(sizeof *w + n);
	memcpy(w->data, p, n);
	b = uv_buf_init(w->data, (unsigned)n);
	if (uv_write(&w->req, &c->h.stream, &b, 1, on_written) != 0)
		free(w);
}

static void
rt_send(struct conn *c, const struct msg *m)
{
	struct wire_buf wb;

	wire_buf_init(&wb);
	if (wire_encode(m, &wb) != 0)
		die("cannot encode a message");
	conn_write(c, wb.data, wb.len);
	wire_buf_destroy(&wb);
}

/* --- the receive path --------------------------------------------------- */

static void	on_joined(struct conn *);
static void	conn_lost(struct conn *, const char *);

/* The type of a roundtable frame body without decoding it: an array is
 * an event; any other message is a map whose first key is 0 (the type,
 * always first). */
static int
rt_type(const uint8_t *b, size_t n)
{
	size_t i;

	if (n < 3)
		return -1;
	if ((b[0] & 0xf0) == 0x90 || b[0] == 0xdc || b[0] == 0xdd)
		return MSG_EVENT;
	if ((b[0] & 0xf0) == 0x80)
		i = 1;
	else if (b[0] == 0xde)
		i = 3;
	else if (b[0] == 0xdf)
		i = 5;
	else
		return -1;
	if (i + 1 >= n || b[i] != 0x00 || b[i + 1] > 0x7f)
		return -1;
	return b[i + 1];
}

static void
rt_welcome_groups(const uint8_t *body, size_t n)
{
	struct msg m;
	char err[120];
	size_t i;

	if (wire_decode(body, n, &m, err, sizeof err) != 0)
		die("cannot read the welcome: %s", err);
	B.ngroups = m.welcome.room->ngroups;
	B.groups = xalloc((B.ngroups + 1) * sizeof *B.groups);
	for (i = 0; i < B.ngroups; i++)
		B.groups[i] = strdup(m.welcome.room->groups[i].name);
	B.room_phase = m.welcome.room->phase;
	/* INTENT_PHASE names a phase by its index in the room's template. */
	B.room_expectations = model_step_of_kind(m.welcome.room,
	    PHASE_EXPECTATIONS, 0);
	wire_msg_free(&m);
}

static void
rt_frame(struct conn *c, const uint8_t *body, size_t n, uint64_t t)
{
	/* Static: zeroing a struct msg per frame was a tenth of the
	 * generator's time. */
	static const struct msg pong = { .type = MSG_PONG };
	struct msg m;
	char err[120];
	int type = rt_type(body, n);

	switch (type) {
	case MSG_EVENT:
		scan(c->idx, body, n, t);
		return;
	case MSG_ACK:
		B.acks++;
		c->acks++;
		if (c->kind == K_FACILITATOR)
			c->acks = 1000;	/* the phase moved */
		return;
	case MSG_PRESENCE:
	case MSG_PONG:
		return;
	case MSG_PING:
		rt_send(c, &pong);
		return;
	case MSG_WELCOME:
		if (c->kind == K_FACILITATOR)
			rt_welcome_groups(body, n);
		if (c->state == S_HANDSHAKE)
			on_joined(c);
		return;
	}
	if (wire_decode(body, n, &m, err, sizeof err) != 0) {
		conn_lost(c, err);
		return;
	}
	if (m.type == MSG_ERROR) {
		uint64_t seq = m.error.req > 0 ? m.error.req - 1 : 0;

		B.errors++;
		if (B.first_error[0] == '\0')
			snprintf(B.first_error, sizeof B.first_error, "%s",
			    m.error.text != NULL ? m.error.text : "?");
		if (c->kind == K_FACILITATOR)
			c->acks = 1000;	/* e.g. already in that phase */
		else if (!B.child && seq < B.nmsgs && !B.msgs[seq].done) {
			B.msgs[seq].done = B.msgs[seq].failed = 1;
			if (c->inflight > 0)
				c->inflight--;
			/* The rate limit: wait before the next one. */
			c->paused_until = t + 50000000ull;
		}
	} else if (m.type == MSG_REFUSE || m.type == MSG_LOBBY) {
		char why[300];

		snprintf(why, sizeof why, "refused: %s", m.type == MSG_LOBBY ?
		    "asked for a name or group" : m.refuse.text != NULL ?
		    m.refuse.text : "?");
		wire_msg_free(&m);
		conn_lost(c, why);
		return;
	}
	wire_msg_free(&m);
}

/* Handles whole length-prefixed frames (roundtable, floor); returns the
 * bytes used. */
static size_t
frames(struct conn *c, const uint8_t *p, size_t n, uint64_t t)
{
	size_t used = 0;
	uint32_t len;

	while (c->state != S_CLOSED && n - used >= 4) {
		len = (uint32_t)p[used] << 24 | (uint32_t)p[used + 1] << 16 |
		    (uint32_t)p[used + 2] << 8 | p[used + 3];
		if (len > WIRE_SERVER_FRAME_MAX) {
			conn_lost(c, "oversized frame");
			break;
		}
		if (n - used - 4 < len)
			break;
		if (B.backend == B_ROUNDTABLE)
			rt_frame(c, p + used + 4, len, t);
		else
			scan(c->idx, p + used + 4, len, t);
		used += 4 + len;
	}
	return used;
}

/* RESP: one value at p; returns its bytes, 0 when incomplete, or -1.
 * A "message" push has its payload (3rd element) scanned. */
static long
resp_line(const uint8_t *p, size_t n, long long *v)
{
	const uint8_t *nl = memchr(p, '\n', n);
	long long x = 0;
	bool neg = false;
	size_t i = 1;

	if (nl == NULL)
		return 0;
	if (i < n && p[i] == '-') {
		neg = true;
		i++;
	}
	for (; p + i < nl && p[i] >= '0' && p[i] <= '9'; i++)
		x = x * 10 + (p[i] - '0');
	*v = neg ? -x : x;
	return (long)(nl - p) + 1;
}

static size_t
resp(struct conn *c, const uint8_t *p, size_t n, uint64_t t)
{
	size_t used = 0;

	while (c->state != S_CLOSED && used < n) {
		const uint8_t *q = p + used;
		size_t left = n - used, off;
		long long count, k, blen;
		const uint8_t *el[3] = { NULL, NULL, NULL };
		size_t ellen[3] = { 0, 0, 0 };
		long r;

		if (q[0] == ':' || q[0] == '+' || q[0] == '-') {
			if ((r = resp_line(q, left, &count)) == 0)
				break;
			if (q[0] == '-')
				conn_lost(c, "redis error");
			else if (c->kind == K_PUBLISHER)
				B.acks++;
			used += (size_t)r;
			continue;
		}
		if (q[0] != '*') {
			conn_lost(c, "unexpected RESP");
			break;
		}
		if ((r = resp_line(q, left, &count)) == 0)
			break;
		off = (size_t)r;
		for (k = 0; k < count; k++) {
			if (off >= left)
				break;
			if (q[off] == ':') {
				long long dummy;

				if ((r = resp_line(q + off, left - off,
				    &dummy)) == 0)
					break;
				off += (size_t)r;
				continue;
			}
			if ((r = resp_line(q + off, left - off, &blen)) == 0)
				break;
			off += (size_t)r;
			if (blen < 0 || left - off < (size_t)blen + 2)
				break;
			if (k < 3) {
				el[k] = q + off;
				ellen[k] = (size_t)blen;
			}
			off += (size_t)blen + 2;
		}
		if (k < count)
			break;		/* incomplete */
		used += off;
		if (el[0] != NULL && ellen[0] == 7 &&
		    memcmp(el[0], "message", 7) == 0 && el[2] != NULL)
			scan(c->idx, el[2], ellen[2], t);
		else if (el[0] != NULL && ellen[0] == 9 &&
		    memcmp(el[0], "subscribe", 9) == 0 &&
		    c->state == S_HANDSHAKE)
			on_joined(c);
	}
	return used;
}

static void
yjs_pong(struct conn *c, const char *payload, size_t n)
{
	char f[WS_FRAME_OVERHEAD + 125];
	size_t m = ws_pong(f, sizeof f, payload, n);

	if (m > 0)
		conn_write(c, f, m);
}

static size_t
yjs_frames(struct conn *c, const uint8_t *p, size_t n, uint64_t t)
{
	size_t used = 0;

	if (c->state == S_HANDSHAKE) {
		ssize_t r = ws_handshake_done((const char *)p, n);
		char step1[16], frame[16 + WS_FRAME_OVERHEAD];
		size_t m;

		if (r < 0) {
			conn_lost(c, "websocket handshake refused");
			return n;
		}
		if (r == 0)
			return 0;
		used = (size_t)r;
		m = yjs_sync_step1(step1, sizeof step1);
		m = ws_frame(frame, sizeof frame, step1, m);
		conn_write(c, frame, m);
		on_joined(c);
	}
	while (c->state != S_CLOSED && used < n) {
		const char *payload;
		size_t plen;
		int opcode;
		ssize_t r = ws_parse((const char *)p + used, n - used,
		    &payload, &plen, &opcode);

		if (r < 0) {
			conn_lost(c, "bad websocket frame");
			break;
		}
		if (r == 0)
			break;
		used += (size_t)r;
		if (opcode == WS_OP_BINARY || opcode == WS_OP_CONT)
			scan(c->idx, (const uint8_t *)payload, plen, t);
		else if (opcode == WS_OP_PING)
			yjs_pong(c, payload, plen);
		else if (opcode == WS_OP_CLOSE) {
			conn_lost(c, "the server closed the websocket");
			break;
		}
	}
	return used;
}

static size_t
parse(struct conn *c, const uint8_t *p, size_t n, uint64_t t)
{
	switch (B.backend) {
	case B_REDIS:
		return resp(c, p, n, t);
	case B_YJS:
		return yjs_frames(c, p, n, t);
	default:
		return frames(c, p, n, t);
	}
}

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	(void)h;
	(void)suggested;
	*buf = uv_buf_init(B.rbuf, sizeof B.rbuf);
}

static void
on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
	struct conn *c = s->data;
	uint64_t t;
	size_t used;

	if (nread < 0) {
		conn_lost(c, nread == UV_EOF ? "the server hung up" :
		    uv_strerror((int)nread));
		return;
	}
	if (nread == 0 || c->state == S_CLOSED)
		return;
	t = now_ns();
	B.last_input = t;
	B.bytes_in += (uint64_t)nread;
	if (c->inlen == 0) {
		used = parse(c, (uint8_t *)buf->base, (size_t)nread, t);
		if (c->state == S_CLOSED || used == (size_t)nread)
			return;
		if (c->incap < (size_t)nread - used) {
			c->incap = (size_t)nread - used;
			c->in = xgrow(c->in, c->incap);
		}
		memcpy(c->in, buf->base + used, (size_t)nread - used);
		c->inlen = (size_t)nread - used;
		return;
	}
	if (c->incap < c->inlen + (size_t)nread) {
		c->incap = 2 * c->incap > c->inlen + (size_t)nread ?
		    2 * c->incap : c->inlen + (size_t)nread;
		c->in = xgrow(c->in, c->incap);
	}
	memcpy(c->in + c->inlen, buf->base, (size_t)nread);
	c->inlen += (size_t)nread;
	used = parse(c, c->in, c->inlen, t);
	if (c->state == S_CLOSED)
		return;
	memmove(c->in, c->in + used, c->inlen - used);
	c->inlen -= used;
	if (c->inlen == 0) {
		free(c->in);
		c->in = NULL;
		c->incap = 0;
	}
}

/* --- connecting and joining --------------------------------------------- */

static void
conn_lost(struct conn *c, const char *why)
{
	if (c->state == S_CLOSED)
		return;
	if (B.phase < P_DONE || c->kind == K_FACILITATOR) {
		if (B.lost < 5)
			fprintf(stderr, "rtbench: client %d: %s\n", c->idx,
			    why);
		B.lost++;
	}
	if (c->state == S_CONNECTING || c->state == S_HANDSHAKE) {
		B.connecting--;
		if (c->kind != K_FACILITATOR && B.phase == P_JOIN)
			die("client %d could not join: %s", c->idx, why);
	}
	c->state = S_CLOSED;
	if (c->open)
		uv_close(&c->h.handle, NULL);
}

static void
say_hello(struct conn *c)
{
	struct msg m = { .type = MSG_HELLO };
	char name[64], path[200];
	size_t n;

	switch (B.backend) {
	case B_ROUNDTABLE:
		m.hello.version = WIRE_PROTOCOL_VERSION;
		if (c->kind == K_FACILITATOR) {
			snprintf(name, sizeof name, "%s-fac", B.prefix);
			m.hello.fac_code = (char *)B.fac_code;
		} else {
			snprintf(name, sizeof name, "%s-%d", B.prefix, c->idx);
			m.hello.code = (char *)B.code;
			m.hello.group = B.groups[c->idx % B.ngroups];
		}
		m.hello.name = name;
		rt_send(c, &m);
		break;
	case B_REDIS:
		if (c->kind == K_PUBLISHER) {
			on_joined(c);
			break;
		}
		conn_write(c, "SUBSCRIBE " CHANNEL "\r\n",
		    strlen("SUBSCRIBE " CHANNEL "\r\n"));
		break;
	case B_YJS:
		n = ws_handshake(path, sizeof path, B.host, B.port, B.path);
		if (n == 0)
			die("websocket handshake does not fit");
		conn_write(c, path, n);
		break;
	case B_FLOOR:
		on_joined(c);
		break;
	}
}

static void
on_connect(uv_connect_t *req, int status)
{
	struct conn *c = req->data;

	if (status < 0) {
		conn_lost(c, uv_strerror(status));
		return;
	}
	uv_tcp_nodelay(&c->h.tcp, 1);
	c->state = S_HANDSHAKE;
	uv_read_start(&c->h.stream, on_alloc, on_read);
	say_hello(c);
}

/* The client's SSH connection is up (or not): from here on its end of
 * the socketpair is read and written as the TCP connection would be, as
 * `roundtable join` does (src/net/client.c); one relay thread carries all
 * of them (sshmux.c). */
static void
on_tunnel(int fd, const char *why, void *ctx)
{
	struct conn *c = ctx;

	if (fd < 0) {
		conn_lost(c, why);
		return;
	}
	if (uv_pipe_init(B.loop, &c->h.pipe, 0) != 0 ||
	    uv_pipe_open(&c->h.pipe, fd) != 0)
		die("cannot open the tunnel's socket");
	c->h.handle.data = c;
	c->open = true;
	B.tunnels_up++;
	c->state = S_HANDSHAKE;
	uv_read_start(&c->h.stream, on_alloc, on_read);
	say_hello(c);
}

static struct conn *
conn_open(int idx, int kind)
{
	struct conn *c = xalloc(sizeof *c);
	struct sockaddr_in sa;

	c->idx = idx;
	c->kind = kind;
	c->sender = -1;
	c->state = S_CONNECTING;
	B.connecting++;
	/* Through SSH: every participant's connection, and the
	 * co-facilitator's when there is no plain port to set up through. */
	if (B.ssh_port > 0 && (kind != K_FACILITATOR || B.port <= 0)) {
		c->ssh = true;
		if (sshmux_open(B.loop, B.host, B.ssh_port, on_tunnel,
		    c) != 0)
			die("cannot start an SSH tunnel");
		return c;
	}
	uv_tcp_init(B.loop, &c->h.tcp);
	c->h.handle.data = c;
	c->open = true;
	c->creq.data = c;
	uv_ip4_addr(B.host, B.port, &sa);
	if (uv_tcp_connect(&c->creq, &c->h.tcp, (struct sockaddr *)&sa,
	    on_connect) != 0)
		die("cannot connect to %s:%d", B.host, B.port);
	return c;
}

static void
conn_start(int idx)
{
	struct conn *c = conn_open(idx, K_CLIENT);

	if (idx < B.maxsenders) {
		c->sender = idx;
		/* Its own Yjs client id. */
		c->yclient = ((uint32_t)rand() & 0x3ffffff) * 16 +
		    (uint32_t)idx % 16 + 1;
	}
	B.conns[idx - B.first] = c;
}

static void
publisher_start(int sender)
{
	struct conn *c = conn_open(sender, K_PUBLISHER);

	B.pubs[sender] = c;
	B.conns[sender - B.first]->pub = c;
}

/* Keeps CONNECTING_MAX joins under way. */
static void
connect_more(void)
{
	int limit = B.child ? CONNECTING_MAX / 2 : CONNECTING_MAX;

	/* The SSH door lets DOOR_PENDING_PER_PEER sessions from one address
	 * on their way in at a time and queues the rest (for 20 s): keep
	 * about within it, a share of it per process with --procs. */
	if (B.ssh_port > 0)
		limit = B.ssh_joining;
	if (B.ssh_port > 0 && B.procs > 0)
		limit = B.ssh_joining / B.procs;
	if (limit < 2)
		limit = 2;

	while (B.connecting < limit && B.next_connect < B.count)
		conn_start(B.first + B.next_connect++);
	if (B.backend == B_REDIS && !B.child && B.next_connect == B.count &&
	    B.pubs[0] == NULL) {
		int s;

		for (s = 0; s < B.maxsenders; s++)
			publisher_start(s);
	}
}

static void
on_joined(struct conn *c)
{
	c->state = S_JOINED;
	B.connecting--;
	if (c->kind == K_FACILITATOR)
		return;
	/* A client that stopped reading (a laptop asleep): the server must
	 * keep its memory bounded all the same. */
	if (c->kind == K_CLIENT && c->idx >= B.nclients - B.stalled)
		uv_read_stop(&c->h.stream);
	B.joined++;
	if (B.joined == B.joined_target)
		B.t_joined = now_ns();
	connect_more();
}

/* --- sending ------------------------------------------------------------ */

static void
send_one(struct conn *s, uint64_t sched)
{
	char text[TEXT_MAX + 64], buf[TEXT_MAX + 512], frame[TEXT_MAX + 600];
	uint64_t seq = B.nmsgs;
	struct msgrec *m = msg_new(sched, s->idx);
	size_t n, k;

	(void)m;
	n = make_text(text, sizeof text, seq, sched);
	switch (B.backend) {
	case B_ROUNDTABLE: {
		struct msg in = { .type = MSG_INTENT };

		in.intent.type = INTENT_CONTRIBUTE;
		in.intent.req = (uint32_t)(seq + 1);
		in.intent.text = text;
		rt_send(s, &in);
		break;
	}
	case B_FLOOR:
		frame[0] = (char)(n >> 24);
		frame[1] = (char)(n >> 16);
		frame[2] = (char)(n >> 8);
		frame[3] = (char)n;
		memcpy(frame + 4, text, n);
		conn_write(s, frame, n + 4);
		break;
	case B_REDIS:
		k = (size_t)snprintf(frame, sizeof frame, "*3\r\n$7\r\nPUBLISH"
		    "\r\n$%zu\r\n%s\r\n$%zu\r\n", strlen(CHANNEL), CHANNEL, n);
		memcpy(frame + k, text, n);
		memcpy(frame + k + n, "\r\n", 2);
		conn_write(s->pub, frame, k + n + 2);
		break;
	case B_YJS:
		k = yjs_update(buf, sizeof buf, s->yclient, s->yclock, text);
		if (k == 0)
			die("a Yjs update does not fit");
		s->yclock += yjs_clock_step(text);
		n = ws_frame(frame, sizeof frame, buf, k);
		if (n == 0)
			die("a websocket frame does not fit");
		conn_write(s, frame, n);
		break;
	}
	s->inflight++;
}

/* Open loop: every message whose scheduled time has come, round-robin
 * over the senders, stamped with its scheduled time. */
static void
send_due(uint64_t t)
{
	for (;;) {
		uint64_t k = B.nmsgs - B.phase_first;
		uint64_t sched = B.t0 + (uint64_t)((double)k * 1e9 / B.rate);

		if (sched > t || sched >= B.t_end)
			break;
		send_one(B.conns[k % (uint64_t)B.nsenders - B.first], sched);
	}
}

/* Closed loop: each sender keeps its window full; a message is done when
 * every receiver has it (or it was refused, or after CLOSED_TIMEOUT_NS). */
static void
send_window(uint64_t t)
{
	int i;

	for (i = 0; i < B.nsenders; i++) {
		struct conn *s = B.conns[i - B.first];

		if (s->state != S_JOINED)
			continue;
		while (s->inflight < (uint32_t)B.window && t < B.t_end &&
		    t >= s->paused_until)
			send_one(s, t);
	}
}

static void
give_up_old(uint64_t t)
{
	static size_t from;

	for (; from < B.nmsgs; from++) {
		struct msgrec *m = &B.msgs[from];

		if (m->done)
			continue;
		if (t - m->sched < CLOSED_TIMEOUT_NS)
			break;
		m->done = 1;
		if (m->sender >= 0 && B.conns[m->sender - B.first]->inflight)
			B.conns[m->sender - B.first]->inflight--;
	}
}

/* --- children ----------------------------------------------------------- */

static void
child_on_cmd_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
	ssize_t i;

	(void)s;
	if (nread < 0) {
		B.phase = P_DONE;	/* the parent is gone */
		return;
	}
	for (i = 0; i < nread; i++) {
		if (buf->base[i] == 'G') {
			getrusage(RUSAGE_SELF, &B.ru0);
			B.ru_t0 = now_ns();
			B.ru_cpu = cpu_ns();
		} else if (buf->base[i] == 'S') {
			B.ru_cpu = cpu_ns() - B.ru_cpu;
			B.ru_wall = now_ns() - B.ru_t0;
			B.phase = P_DONE;
		}
	}
}

static void
write_all(int fd, const void *p, size_t n)
{
	const char *q = p;

	while (n > 0) {
		ssize_t r = write(fd, q, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			exit(1);
		q += r;
		n -= (size_t)r;
	}
}

static void
child_report(void)
{
	struct child_report r = { 0 };
	uint32_t *count;
	uint64_t *last;
	size_t i;

	r.nmsgs = B.nmsgs;
	r.cpu_ns = B.ru_cpu;
	r.wall_ns = B.ru_wall;
	r.failed = (uint64_t)B.lost;
	count = xalloc((B.nmsgs + 1) * sizeof *count);
	last = xalloc((B.nmsgs + 1) * sizeof *last);
	for (i = 0; i < B.nmsgs; i++) {
		count[i] = B.msgs[i].count;
		last[i] = B.msgs[i].last;
	}
	write_all(B.report_fd, "R", 1);
	write_all(B.report_fd, &r, sizeof r);
	write_all(B.report_fd, count, B.nmsgs * sizeof *count);
	write_all(B.report_fd, last, B.nmsgs * sizeof *last);
	close(B.report_fd);
}

static void
on_kid_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	int k = (int)(intptr_t)h->data;

	(void)suggested;
	if (B.kid_cap[k] - B.kid_len[k] < 65536) {
		B.kid_cap[k] = B.kid_cap[k] * 2 + 65536;
		B.kid_data[k] = xgrow(B.kid_data[k], B.kid_cap[k]);
	}
	*buf = uv_buf_init((char *)B.kid_data[k] + B.kid_len[k],
	    (unsigned)(B.kid_cap[k] - B.kid_len[k]));
}

static void
on_kid_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
	int k = (int)(intptr_t)s->data;

	(void)buf;
	if (nread < 0) {
		if (!B.kid_joined[k])
			die("receiver process %d failed", k);
		B.kid_eof[k] = true;
		B.kids_eof++;
		uv_close((uv_handle_t *)s, NULL);
		return;
	}
	B.kid_len[k] += (size_t)nread;
	/* 'J' and when it had joined, once settled. */
	if (!B.kid_joined[k] && B.kid_len[k] >= 1 + sizeof(uint64_t)) {
		if (B.kid_data[k][0] != 'J')
			die("receiver process %d failed", k);
		B.kid_joined[k] = true;
		B.kids_joined++;
	}
}

static void
kids_tell(char cmd)
{
	int k;

	for (k = 0; k < B.procs; k++)
		write_all(B.kid_cmd[k], &cmd, 1);
}

/* Adds each child's counts to the parent's table. */
static void
kids_merge(void)
{
	int k;

	for (k = 0; k < B.procs; k++) {
		struct child_report r;
		const uint8_t *p = B.kid_data[k];
		const uint32_t *count;
		const uint64_t *last;
		size_t i;

		p += 1 + sizeof(uint64_t);
		if (B.kid_len[k] < 10 + sizeof r || p[0] != 'R') {
			fprintf(stderr, "rtbench: receiver process %d sent no "
			    "report\n", k);
			continue;
		}
		memcpy(&r, p + 1, sizeof r);
		if (B.kid_len[k] < 10 + sizeof r + r.nmsgs * 12)
			die("receiver process %d: short report", k);
		count = (const uint32_t *)(const void *)(p + 1 + sizeof r);
		last = (const uint64_t *)(const void *)(p + 1 + sizeof r +
		    r.nmsgs * sizeof *count);
		for (i = 0; i < r.nmsgs && i < B.nmsgs; i++) {
			uint32_t cnt;
			uint64_t l;

			memcpy(&cnt, count + i, sizeof cnt);
			memcpy(&l, last + i, sizeof l);
			B.msgs[i].count += cnt;
			B.deliveries += cnt;
			if (l > B.msgs[i].last)
				B.msgs[i].last = l;
		}
		B.lost += (int)r.failed;
		if (r.wall_ns > 0 && (double)r.cpu_ns / (double)r.wall_ns >
		    0.95)
			fprintf(stderr, "rtbench: receiver process %d was above "
			    "95%% CPU\n", k);
	}
}

/* --- the run ------------------------------------------------------------ */

static void
on_tick(uv_timer_t *t)
{
	(void)t;
	step();
}

static void
begin_join(void)
{
	B.phase = P_JOIN;
	if (B.t_join0 == 0)
		B.t_join0 = now_ns();
	B.joined_target = B.count + (B.backend == B_REDIS && !B.child ?
	    B.maxsenders : 0);
	B.conns = xalloc((size_t)B.count * sizeof *B.conns);
	if (B.backend == B_REDIS)
		B.pubs = xalloc((size_t)B.maxsenders * sizeof *B.pubs);
	connect_more();
}

static void	report(void);

/* Starts sending: open loop (window 0) or closed loop. */
static void
phase_start(int window)
{
	int i;

	B.window = window;
	B.nsenders = window > 0 ? B.closed_senders : B.open_senders;
	B.phase_first = B.drain_from = B.nmsgs;
	B.deliveries = B.acks = B.errors = B.complete = B.bytes_in = 0;
	B.first_error[0] = '\0';
	for (i = 0; i < B.count; i++)
		if (B.conns[i] != NULL) {
			B.conns[i]->inflight = 0;
			B.conns[i]->paused_until = 0;
		}
	if (B.pid > 0) {
		B.cpu_before = proc_cpu_s(B.pid);
		sessions_scan(B.pid, &B.sess_cpu_before, NULL);
	}
	B.ru_t0 = now_ns();
	B.ru_cpu = cpu_ns();
	B.t0 = now_ns() + 1000000ull;
	B.t_end = B.t0 + (uint64_t)((window > 0 ? B.closed_duration :
	    B.duration) * 1e9);
	B.phase = P_SEND;
	if (window > 0)
		note("closed loop, %d in flight per sender, for %.0f s",
		    window, B.closed_duration);
	else
		note("open loop, %.0f/s, for %.0f s", B.rate, B.duration);
}

static void
phase_end(void)
{
	B.ru_cpu = cpu_ns() - B.ru_cpu;
	B.ru_wall = now_ns() - B.ru_t0;
	if (B.pid > 0) {
		B.cpu_after = proc_cpu_s(B.pid);
		sessions_scan(B.pid, &B.sess_cpu_after, NULL);
		B.hwm = proc_status_kb(B.pid, "VmHWM");
	}
	if (B.procs == 0)
		report();
}

/* What the run does next; called from the timer every millisecond. */
static void
step(void)
{
	uint64_t t = now_ns();
	int i;

	switch (B.phase) {
	case P_JOIN:
		if (t - B.t_join0 > (uint64_t)JOIN_MAX_MS * 1000000ull)
			die("joining took longer than %d s (%d of %d joined)",
			    JOIN_MAX_MS / 1000, B.joined, B.joined_target);
		if (B.joined < B.joined_target)
			return;
		if (!B.child && B.kids_joined < B.procs)
			return;
		B.phase = P_SETTLE;
		if (!B.child)
			for (i = 0; i < B.procs; i++) {
				uint64_t kt;

				memcpy(&kt, B.kid_data[i] + 1, sizeof kt);
				if (kt > B.t_joined)
					B.t_joined = kt;
			}
		/* FALLTHROUGH */
	case P_SETTLE:
		if (t - B.last_input < (uint64_t)QUIET_MS * 1000000ull)
			return;
		/* Idle clients, as a room holds them between contributions
		 * (a server may tidy up after the joins). */
		if (!B.child && t - B.t_joined < (uint64_t)(B.settle * 1e9))
			return;
		if (B.child) {
			if (!B.reported_join) {
				write_all(B.report_fd, "J", 1);
				write_all(B.report_fd, &B.t_joined,
				    sizeof B.t_joined);
				B.reported_join = true;
			}
			return;	/* receives until told to stop */
		}
		if (B.pid > 0) {
			double c;

			B.rss_after = proc_status_kb(B.pid, "VmRSS");
			B.nsess = sessions_scan(B.pid, &c, &B.sess_pss_kb);
		}
		note("joined %d clients in %.2f s", B.nclients,
		    (double)(B.t_joined - B.t_join0) / 1e9);
		kids_tell('G');
		if (B.duration > 0)
			phase_start(0);
		else
			phase_start(B.closed_window);
		return;
	case P_SEND:
		if (B.window > 0) {
			give_up_old(t);
			send_window(t);
		} else
			send_due(t);
		if (t >= B.t_end) {
			B.phase = P_DRAIN;
			B.t_end = t;
		}
		return;
	case P_DRAIN:
		if (B.window > 0)
			give_up_old(t);
		/* Every message complete here (or the drain's time is up),
		 * and a grace for the receivers in other processes. */
		while (B.drain_from < B.nmsgs && B.msgs[B.drain_from].done)
			B.drain_from++;
		if (B.drain_from < B.nmsgs && t - B.t_end <
		    (uint64_t)DRAIN_MAX_MS * 1000000ull)
			return;
		/* The other processes' receivers: until they have been
		 * quiet for half a second. */
		if (B.procs > 0 && t - B.last_input < 500000000ull &&
		    t - B.t_end < (uint64_t)DRAIN_MAX_MS * 1000000ull)
			return;
		phase_end();
		if (B.window == 0 && B.closed_window > 0 && B.procs == 0) {
			phase_start(B.closed_window);
			return;
		}
		B.phase = P_DONE;
		kids_tell('S');
		for (i = 0; i < B.count; i++)
			if (B.conns[i] != NULL && B.conns[i]->state != S_CLOSED)
				uv_read_stop(&B.conns[i]->h.stream);
		return;
	case P_DONE:
		if (B.kids_eof < B.procs)
			return;
		uv_stop(B.loop);
		return;
	}
}

/* The co-facilitator: learns the groups and moves the room to
 * Expectations, where contributions are written.  On a loop of its own,
 * before any receiver process is forked. */
static void
roundtable_setup(void)
{
	struct conn *c;
	struct msg m = { .type = MSG_INTENT };
	uint64_t t;

	if (B.fac_code == NULL)
		die("--fac-code is needed to set the room up (the "
		    "co-facilitators' code that serve --headless prints)");
	B.phase = P_SETUP;
	c = conn_open(-1, K_FACILITATOR);
	t = now_ns();
	while (c->state != S_JOINED && c->state != S_CLOSED &&
	    now_ns() - t < 10000000000ull)
		uv_run(B.loop, UV_RUN_ONCE);
	if (c->state != S_JOINED)
		die("the co-facilitator could not join");
	if (B.room_phase != PHASE_EXPECTATIONS) {
		if (B.room_expectations < 0)
			die("the room's process has no Expectations phase");
		m.intent.type = INTENT_PHASE;
		m.intent.req = 1;
		m.intent.value = B.room_expectations;
		rt_send(c, &m);
		while (c->acks < 1000 && c->state != S_CLOSED &&
		    now_ns() - t < 10000000000ull)
			uv_run(B.loop, UV_RUN_ONCE);
		if (c->acks < 1000)
			die("the room did not move to Expectations");
	}
	c->state = S_CLOSED;
	uv_close(&c->h.handle, NULL);
	uv_run(B.loop, UV_RUN_NOWAIT);
	B.phase = P_SETUP;
}

static void
child_main(int k, int cmd_fd, int report_fd)
{
	uv_loop_t *loop = xalloc(sizeof *loop);
	int per = (B.nclients - B.nsenders) / B.procs;
	int extra = (B.nclients - B.nsenders) % B.procs;

	B.child = true;
	B.report_fd = report_fd;
	uv_loop_init(loop);
	B.loop = loop;
	B.first = B.nsenders + k * per + (k < extra ? k : extra);
	B.count = per + (k < extra ? 1 : 0);
	B.nmsgs = 0;
	B.msgs = NULL;
	B.msgcap = 0;
	uv_pipe_init(loop, &B.cmd, 0);
	uv_pipe_open(&B.cmd, cmd_fd);
	uv_read_start((uv_stream_t *)&B.cmd, on_alloc, child_on_cmd_read);
	uv_timer_init(loop, &B.tick);
	uv_timer_start(&B.tick, on_tick, 1, 1);
	begin_join();
	while (B.phase != P_DONE)
		uv_run(loop, UV_RUN_ONCE);
	child_report();
	_exit(0);
}

static void
fork_kids(void)
{
	int k;

	B.kids = xalloc((size_t)B.procs * sizeof *B.kids);
	B.kid_cmd = xalloc((size_t)B.procs * sizeof *B.kid_cmd);
	B.kid_pipes = xalloc((size_t)B.procs * sizeof *B.kid_pipes);
	B.kid_data = xalloc((size_t)B.procs * sizeof *B.kid_data);
	B.kid_len = xalloc((size_t)B.procs * sizeof *B.kid_len);
	B.kid_cap = xalloc((size_t)B.procs * sizeof *B.kid_cap);
	B.kid_joined = xalloc((size_t)B.procs * sizeof *B.kid_joined);
	B.kid_eof = xalloc((size_t)B.procs * sizeof *B.kid_eof);
	fflush(NULL);
	for (k = 0; k < B.procs; k++) {
		int cmd[2], rep[2];
		pid_t pid;

		if (pipe(cmd) != 0 || pipe(rep) != 0)
			die("pipe: %s", strerror(errno));
		if ((pid = fork()) < 0)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			int j;

			close(cmd[1]);
			close(rep[0]);
			for (j = 0; j < k; j++)
				close(B.kid_cmd[j]);
			child_main(k, cmd[0], rep[1]);
		}
		close(cmd[0]);
		close(rep[1]);
		B.kids[k] = pid;
		B.kid_cmd[k] = cmd[1];
		B.kid_pipes[k].data = (void *)(intptr_t)k;
		uv_pipe_init(B.loop, &B.kid_pipes[k], 0);
		uv_pipe_open(&B.kid_pipes[k], rep[0]);
		B.kid_pipes[k].data = (void *)(intptr_t)k;
		uv_read_start((uv_stream_t *)&B.kid_pipes[k], on_kid_alloc,
		    on_kid_read);
	}
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
report(void)
{
	uint64_t *lat = xalloc((B.nmsgs + 1) * sizeof *lat);
	size_t n = 0, i, sent = B.nmsgs - B.phase_first, incomplete = 0;
	size_t refused = 0;
	double dur = B.window > 0 ? B.closed_duration : B.duration;
	uint64_t last_done = B.t0;
	double p50 = 0, p99 = 0, max = 0, wall, msgs_s, gen_cpu, cpu1k = -1;
	double srv_pct = -1, sess_pct = -1, sess1k = -1;
	double join_s = (double)(B.t_joined - B.t_join0) / 1e9;
	long per_client = -1;

	for (i = B.phase_first; i < B.nmsgs; i++) {
		struct msgrec *m = &B.msgs[i];

		if (m->failed) {
			refused++;
			continue;
		}
		if (m->count < (uint32_t)B.expected) {
			incomplete++;
			continue;
		}
		lat[n++] = m->last - m->sched;
		if (m->last > last_done)
			last_done = m->last;
	}
	qsort(lat, n, sizeof *lat, cmp_u64);
	if (n > 0) {
		p50 = (double)lat[(n - 1) / 2] / 1e6;
		p99 = (double)lat[(size_t)((double)(n - 1) * 0.99)] / 1e6;
		max = (double)lat[n - 1] / 1e6;
	}
	/* Delivered messages per second: complete ones over the time from
	 * the first send to the last completion. */
	wall = (double)(last_done - B.t0) / 1e9;
	if (wall < dur)
		wall = dur;
	msgs_s = (double)n / wall;
	gen_cpu = B.ru_wall > 0 ? 100.0 * (double)B.ru_cpu /
	    (double)B.ru_wall : 0;
	if (B.pid > 0 && B.cpu_before >= 0 && B.cpu_after >= 0 && sent > 0)
		cpu1k = (B.cpu_after - B.cpu_before) * 1000.0 / (double)sent;
	if (B.pid > 0 && B.cpu_before >= 0 && B.cpu_after >= 0 &&
	    B.ru_wall > 0)
		srv_pct = 100.0 * (B.cpu_after - B.cpu_before) * 1e9 /
		    (double)B.ru_wall;
	if (B.pid > 0 && B.nsess > 0 && B.ru_wall > 0) {
		sess_pct = 100.0 * (B.sess_cpu_after - B.sess_cpu_before) *
		    1e9 / (double)B.ru_wall;
		if (sent > 0)
			sess1k = (B.sess_cpu_after - B.sess_cpu_before) *
			    1000.0 / (double)sent;
	}
	if (B.rss_before > 0 && B.rss_after > 0)
		per_client = (B.rss_after - B.rss_before) * 1024 / B.nclients;

	if (!B.quiet) {
		fprintf(stderr, "rtbench: %s N=%d K=%d %s: %zu sent, %zu "
		    "complete, %zu incomplete, %zu refused (%s)\n",
		    backend_names[B.backend], B.nclients, B.nsenders,
		    B.window > 0 ? "closed" : "open", sent, n, incomplete,
		    refused, B.first_error[0] ? B.first_error : "-");
		fprintf(stderr, "rtbench: fan-out to %d: p50 %.2f ms, p99 "
		    "%.2f ms, max %.2f ms; %.0f msgs/s delivered (%.0f "
		    "deliveries/s), %.0f acks/s\n", B.expected, p50, p99, max,
		    msgs_s, (double)B.deliveries / wall,
		    (double)B.acks / wall);
		fprintf(stderr, "rtbench: server RSS %ld kB before join, %ld "
		    "kB after, peak %ld kB; %ld B/client; %.3f CPU s per "
		    "1,000; join %.2f s; generator CPU %.0f%%%s\n",
		    B.rss_before, B.rss_after, B.hwm, per_client, cpu1k,
		    join_s, gen_cpu, gen_cpu > 95 ? " (client-limited)" : "");
		fprintf(stderr, "rtbench: transport %s; CPU over the phase: "
		    "server %.0f%%, its %d child processes %.0f%% (%.3f s per "
		    "1,000; PSS %ld kB in all after joining), generator "
		    "%.0f%%\n", B.ssh_port > 0 ? "ssh" : "tcp", srv_pct,
		    B.nsess, sess_pct, sess1k, B.sess_pss_kb, gen_cpu);
	}
	printf("RESULT backend=%s label=%s n=%d senders=%d mode=%s rate=%g "
	    "window=%d procs=%d duration=%g sent=%zu complete=%zu "
	    "incomplete=%zu refused=%zu p50_ms=%.3f p99_ms=%.3f max_ms=%.3f "
	    "msgs_s=%.1f deliveries_s=%.0f acks_s=%.1f join_s=%.3f "
	    "rss_before_kb=%ld rss_after_kb=%ld hwm_kb=%ld "
	    "rss_per_client_b=%ld cpu_per_1k_s=%.4f gen_cpu_pct=%.0f "
	    "client_limited=%s lost=%d bytes_per_delivery=%.0f "
	    "transport=%s srv_cpu_pct=%.0f sessions=%d sess_cpu_pct=%.0f "
	    "sess_cpu_per_1k_s=%.4f sess_pss_per_client_b=%ld\n",
	    backend_names[B.backend], B.label, B.nclients, B.nsenders,
	    B.window > 0 ? "closed" : "open", B.rate, B.window, B.procs,
	    dur, sent, n, incomplete, refused, p50, p99, max, msgs_s,
	    (double)B.deliveries / wall, (double)B.acks / wall, join_s,
	    B.rss_before, B.rss_after, B.hwm, per_client, cpu1k, gen_cpu,
	    gen_cpu > 95 ? "yes" : "no", B.lost, B.deliveries > 0 ?
	    (double)B.bytes_in / (double)B.deliveries : 0,
	    B.ssh_port > 0 ? "ssh" : "tcp", srv_pct, B.nsess, sess_pct,
	    sess1k, B.nsess > 0 ? B.sess_pss_kb * 1024 / B.nclients : -1L);
	fflush(stdout);
	free(lat);
}

static void
usage(void)
{
	fprintf(stderr,
"usage: rtbench --backend roundtable|floor|redis|yjs --port P [options]\n"
"  --host ADDR       the server (default 127.0.0.1)\n"
"  --ssh PORT        roundtable: every client through its own SSH\n"
"                    connection to PORT and the \"roundtable\" subsystem,\n"
"                    as roundtable join does, all relayed by one thread\n"
"                    (the co-facilitator that sets the room up still uses\n"
"                    --port when given)\n"
"  --ssh-joining J   SSH tunnels under way at once (default 16: the\n"
"                    door's limit per address)\n"
"  --clients N       connections that join (default 100)\n"
"  --senders K       of them, how many send (default 10)\n"
"  --rate R          open loop: contributions/s in all (default 100)\n"
"  --duration S      seconds of open-loop sending (default 10; 0: none)\n"
"  --closed W        then a closed loop, W in flight per sender, each\n"
"                    done when every receiver has it (saturation)\n"
"  --closed-duration S  its seconds (default 5)\n"
"  --closed-senders K   how many send in it (default: --senders)\n"
"  --procs P         receivers spread over P sleeping processes\n"
"  --pid PID         the server's process, for RSS and CPU (also\n"
"                    --server-pid)\n"
"  --code C          roundtable: the join code\n"
"  --fac-code F      roundtable: the co-facilitators' code\n"
"  --path /DOC       yjs: the document's path (a fresh one per run)\n"
"  --stalled S       the last S clients stop reading once joined (not\n"
"                    counted as receivers): the server's memory then\n"
"  --settle S        after joining, wait S s (at least until nothing came\n"
"                    for 0.3 s) before RSS is read and sending starts\n"
"  --label TEXT      a word to tag the RESULT line\n"
"  --quiet           only the RESULT line\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "backend", required_argument, NULL, 'b' },
		{ "host", required_argument, NULL, 'h' },
		{ "port", required_argument, NULL, 'p' },
		{ "clients", required_argument, NULL, 'n' },
		{ "senders", required_argument, NULL, 'k' },
		{ "rate", required_argument, NULL, 'r' },
		{ "closed", required_argument, NULL, 'w' },
		{ "duration", required_argument, NULL, 'd' },
		{ "closed-duration", required_argument, NULL, 'C' },
		{ "closed-senders", required_argument, NULL, 'K' },
		{ "procs", required_argument, NULL, 'P' },
		{ "pid", required_argument, NULL, 'i' },
		{ "server-pid", required_argument, NULL, 'i' },
		{ "code", required_argument, NULL, 'c' },
		{ "fac-code", required_argument, NULL, 'f' },
		{ "path", required_argument, NULL, 'D' },
		{ "label", required_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "stalled", required_argument, NULL, 'S' },
		{ "settle", required_argument, NULL, 'W' },
		{ "ssh", required_argument, NULL, 's' },
		{ "ssh-joining", required_argument, NULL, 'J' },
		{ NULL, 0, NULL, 0 },
	};
	struct rlimit rl;
	int o, s;

	B.host = "127.0.0.1";
	B.nclients = 100;
	B.nsenders = 10;
	B.rate = 100;
	B.duration = 10;
	B.closed_duration = 5;
	B.path = "/rtbench";
	B.label = "-";
	B.backend = -1;
	B.ssh_joining = SSH_JOINING;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'b':
			for (s = 0; s < 4; s++)
				if (strcmp(optarg, backend_names[s]) == 0)
					B.backend = s;
			break;
		case 'h': B.host = optarg; break;
		case 'p': B.port = atoi(optarg); break;
		case 'n': B.nclients = atoi(optarg); break;
		case 'k': B.nsenders = atoi(optarg); break;
		case 'K': B.closed_senders = atoi(optarg); break;
		case 'r': B.rate = atof(optarg); break;
		case 'w': B.closed_window = atoi(optarg); break;
		case 'C': B.closed_duration = atof(optarg); break;
		case 'd': B.duration = atof(optarg); break;
		case 'P': B.procs = atoi(optarg); break;
		case 'i': B.pid = atoi(optarg); break;
		case 'c': B.code = optarg; break;
		case 'f': B.fac_code = optarg; break;
		case 'D': B.path = optarg; break;
		case 'l': B.label = optarg; break;
		case 'q': B.quiet = true; break;
		case 'S': B.stalled = atoi(optarg); break;
		case 'W': B.settle = atof(optarg); break;
		case 's': B.ssh_port = atoi(optarg); break;
		case 'J': B.ssh_joining = atoi(optarg); break;
		default: usage();
		}
	}
	if (B.ssh_port > 0 && B.backend != B_ROUNDTABLE)
		die("--ssh is for roundtable only");
	if (B.backend < 0 || (B.port <= 0 && B.ssh_port <= 0) ||
	    B.nclients < 2 || B.ssh_joining < 1 ||
	    B.nsenders < 1 || B.nsenders > B.nclients || B.rate <= 0 ||
	    B.duration < 0 || B.procs < 0 ||
	    (B.duration == 0 && B.closed_window == 0) ||
	    (B.procs > 0 && B.nclients - B.nsenders < B.procs))
		usage();
	if (B.procs > 0 && B.closed_window > 0)
		die("--closed needs the receivers in this process (no --procs)");
	if (B.backend == B_ROUNDTABLE && B.code == NULL)
		die("--code is needed for roundtable");
	B.open_senders = B.nsenders;
	if (B.closed_senders <= 0)
		B.closed_senders = B.nsenders;
	if (B.closed_senders > B.nclients)
		usage();
	B.maxsenders = B.closed_window > 0 && B.closed_senders > B.nsenders ?
	    B.closed_senders : B.nsenders;
	if (B.stalled < 0 || (B.stalled > 0 &&
	    B.stalled > B.nclients - B.maxsenders - 1))
		usage();
	signal(SIGPIPE, SIG_IGN);
	/* One descriptor per connection, and a few. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur < (rlim_t)B.nclients * (B.ssh_port > 0 ? 3 : 1) + 64 +
	    (B.backend == B_REDIS ? (rlim_t)B.maxsenders : 0))
		die("%d connections need more file descriptors than the limit "
		    "(%lu): raise it with ulimit -n", B.nclients,
		    (unsigned long)rl.rlim_cur);
	snprintf(B.prefix, sizeof B.prefix, "b%d", (int)getpid());
	B.expected = B.nclients - 1 - B.stalled;
	B.local_expected = B.procs > 0 ? B.nsenders - 1 : B.expected;

	B.loop = uv_default_loop();
	if (B.backend == B_ROUNDTABLE)
		roundtable_setup();
	if (B.pid > 0)
		B.rss_before = proc_status_kb(B.pid, "VmRSS");
	/* Senders' Yjs client ids: any, as long as they are their own. */
	srand((unsigned)getpid());

	B.first = 0;
	B.count = B.procs > 0 ? B.nsenders : B.nclients;
	B.t_join0 = now_ns();	/* the receiver processes join too */
	if (B.procs > 0) {
		/* The children start from nothing of the parent's loop: a
		 * fresh one for the parent, made before they fork. */
		B.loop = xalloc(sizeof *B.loop);
		uv_loop_init(B.loop);
		fork_kids();
	}
	uv_timer_init(B.loop, &B.tick);
	uv_timer_start(&B.tick, on_tick, 1, 1);
	begin_join();
	uv_run(B.loop, UV_RUN_DEFAULT);
	kids_merge();
	for (o = 0; o < B.procs; o++)
		waitpid(B.kids[o], NULL, 0);
	if (B.procs > 0)
		report();
	return 0;
}
