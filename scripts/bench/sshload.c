/*
 * sshload.c - the load generator of issue 14: participants' terminals,
 * driven by keystrokes, through the SSH front door or through plain
 * `roundtable join --plain`, with the same join flow, keystrokes and
 * marker scan on both sides, so the two sides' numbers compare.
 *
 *   --mode ssh    each participant is a libssh client session on
 *                 127.0.0.1 with a pty (--cols x --rows, TERM
 *                 xterm-256color) and a shell: the server's door hands
 *                 each connection to its hub (one process for the SSH
 *                 of all), which starts the participant's screen in a
 *                 process of its own.
 *   --mode plain  each participant is `roundtable join --plain
 *                 127.0.0.1:PORT` (the same screen, the same join flow)
 *                 on a pseudo-terminal of this process (forkpty), with the
 *                 same size and TERM.
 *
 * A thread per terminal joins it as a person would: waits for the
 * code prompt, types the code and Enter; at the name prompt Ctrl-U, a
 * unique name, Enter; at the group list Enter (the first group); joined
 * when its own footer ("You: NAME") is drawn.  At most --concurrent join
 * at once; join time is from the start of the first to the last joined.
 * Once joined, a terminal is read and written by one thread for all of
 * them (loop_main: epoll), as each participant's own machine would.
 *
 * A co-facilitator (the plain protocol on --fac-port with --fac-code, as
 * rtbench's setup) moves the room to --phase first (or leaves it), then
 * watches the room: the time a contribution's event reaches it is the
 * "server" time.
 *
 * Load: contribution k (k = 0, 1, ...) is scheduled at t0 + k / --rate and
 * written by terminal k mod N: "w" and the text 300 ms before, Enter at
 * the scheduled time (open loop: latency counts from the schedule).  Its
 * text starts with a marker "#M<digits interleaved with letters>#" (no
 * two equal characters side by side, so a terminal draws it as one run of
 * bytes).  Each terminal scans every byte its pty or channel receives for
 * markers; a contribution is "drawn" at the last of the N-1 others.
 * Reported: p50/p99/max to the last of N-1, per-delivery p50/p99, the
 * co-facilitator's (server) p50/p99, incomplete contributions.
 *
 * /proc: after joining and --settle s idle, the server's RSS and PSS and
 * those of every process under it (the SSH hub and its
 * screens) or, plain, of the join processes this generator started; CPU
 * (utime + stime) of each set over the load window, per contribution.
 *
 * Bounded: joining by --join-timeout, the load by --duration plus a drain
 * of at most 5 s; every terminal is closed at the end and every child is
 * killed and reaped.  The last line is "RESULT key=value ...".
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <libssh/libssh.h>
#include <vterm.h>

#include "roundtable/model.h"
#include "roundtable/wire.h"

#define DRAIN_MS	5000
#define TYPE_AHEAD_NS	300000000ull	/* "w" and the text before Enter */
#define JOINBUF		16384

enum { MODE_SSH, MODE_PLAIN };

struct term {
	int		 idx;
	pthread_t	 th;
	char		 name[32];
	/* ssh */
	ssh_session	 s;
	ssh_channel	 ch;
	/* plain */
	int		 master;
	pid_t		 pid;
	/* join */
	char		 jbuf[JOINBUF];
	size_t		 jlen;
	uint64_t	 t_start, t_joined;
	bool		 joined, failed;
	char		 why[160];
	/* receiving: what the terminal shows (libvterm), and which of its
	 * rows changed since they were last looked at */
	VTerm		*vt;
	VTermScreen	*vs;
	uint8_t		*damaged;	/* by row */
	uint8_t		*seen;		/* by contribution */
	float		*lat;		/* per delivery, ms */
	size_t		 nlat;
	uint64_t	 late_max;	/* ns past the schedule it wrote Enter */
	size_t		 next;		/* the next contribution it writes */
	bool		 typed;		/* its text is typed, Enter is due */
	uint64_t	 bytes;
	FILE		*dump;		/* SSHLOAD_DUMP: what it received */
};

static struct {
	int		 mode;
	int		 port, fac_port;
	const char	*code, *fac_code, *rt, *label, *prefix;
	int		 n, cols, rows, concurrent, phase;
	double		 rate, duration, settle, join_timeout;
	int		 textlen;
	int		 server_pid;
	struct term	*t;
	/* joining */
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 slots, njoined, nfailed;
	/* load */
	uint64_t	 t0;
	size_t		 nmsgs;
	_Atomic uint64_t *last;	/* ns of the last arrival, by message */
	_Atomic uint32_t *count;
	uint64_t	*fac_at;	/* at the co-facilitator */
	_Atomic int	 go;		/* 1: load under way */
	_Atomic int	 stop;
	/* the load loop: every joined terminal is read by one thread */
	int		 ep;
	pthread_t	 loop_th;
	/* the co-facilitator */
	int		 fac_fd;
	pthread_t	 fac_th;
	int		 room_phase;
	int		 phase_step;	/* the room's first phase of kind phase */
	_Atomic int	 fac_welcomed, fac_acked;
} G;

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sshload: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void
sleep_until(uint64_t t)
{
	uint64_t n;

	while ((n = now_ns()) < t) {
		struct timespec ts = { (time_t)((t - n) / 1000000000ull),
		    (long)((t - n) % 1000000000ull) };
		nanosleep(&ts, NULL);
	}
}

static void *
xalloc(size_t n)
{
	void *p = calloc(1, n);

	if (p == NULL)
		die("out of memory");
	return p;
}

/* --- /proc --------------------------------------------------------------- */

struct mem { long rss, pss, uss; };

/* Rss, Pss and Private_* of a process in kB (smaps_rollup). */
static struct mem
proc_mem(int pid)
{
	char path[64], line[256];
	struct mem m = { 0, 0, 0 };
	FILE *f;
	long v;

	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
	if ((f = fopen(path, "r")) == NULL)
		return m;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "Rss: %ld", &v) == 1)
			m.rss = v;
		else if (sscanf(line, "Pss: %ld", &v) == 1)
			m.pss = v;
		else if (sscanf(line, "Private_Clean: %ld", &v) == 1)
			m.uss += v;
		else if (sscanf(line, "Private_Dirty: %ld", &v) == 1)
			m.uss += v;
	}
	fclose(f);
	return m;
}

/* utime + stime in seconds and the parent, or -1. */
static double
proc_cpu(int pid, int *ppid)
{
	char path[64], buf[1024], *p;
	unsigned long ut, st;
	int pp;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	if (sscanf(p + 2, "%*c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
	    &pp, &ut, &st) != 3)
		return -1;
	if (ppid != NULL)
		*ppid = pp;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* Every process: pid and parent. */
static int
proc_list(int **pids, int **ppids)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0, cap = 0, pid, pp;

	*pids = NULL;
	*ppids = NULL;
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if ((pid = atoi(e->d_name)) <= 0)
			continue;
		if (proc_cpu(pid, &pp) < 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			*pids = realloc(*pids, (size_t)cap * sizeof **pids);
			*ppids = realloc(*ppids, (size_t)cap * sizeof **ppids);
		}
		(*pids)[n] = pid;
		(*ppids)[n++] = pp;
	}
	closedir(d);
	return n;
}

/* The processes whose parent is root (depth 1) and their children
 * (depth 2): the SSH hub and its screens under the server, or the join
 * processes under this generator. */
struct tree {
	struct mem	 m1, m2;
	double		 cpu1, cpu2;
	int		 n1, n2;
};

static struct tree
proc_tree(int root)
{
	struct tree t;
	int *pids, *ppids, n, i, j;

	memset(&t, 0, sizeof t);
	n = proc_list(&pids, &ppids);
	for (i = 0; i < n; i++) {
		struct mem m;

		if (ppids[i] != root)
			continue;
		m = proc_mem(pids[i]);
		t.m1.rss += m.rss;
		t.m1.pss += m.pss;
		t.m1.uss += m.uss;
		t.cpu1 += proc_cpu(pids[i], NULL);
		t.n1++;
		for (j = 0; j < n; j++) {
			if (ppids[j] != pids[i])
				continue;
			m = proc_mem(pids[j]);
			t.m2.rss += m.rss;
			t.m2.pss += m.pss;
			t.m2.uss += m.uss;
			t.cpu2 += proc_cpu(pids[j], NULL);
			t.n2++;
		}
	}
	free(pids);
	free(ppids);
	return t;
}

static double
self_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
	    ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
}

/* --- the co-facilitator (plain protocol) --------------------------------- */

static void
fac_send(const struct msg *m)
{
	struct wire_buf wb;
	size_t off = 0;
	ssize_t k;

	wire_buf_init(&wb);
	if (wire_encode(m, &wb) != 0)
		die("cannot encode a message");
	while (off < wb.len) {
		k = write(G.fac_fd, wb.data + off, wb.len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		off += (size_t)k;
	}
	wire_buf_destroy(&wb);
}

/* "#M1a2b3c#" -> 123; the digits are every other character. */
static long
marker_value(const char *p, size_t n, size_t *used)
{
	long v = 0;
	size_t i;

	/* p points after "#M" */
	for (i = 0; i < n && i < 40; i++) {
		if (p[i] == '#') {
			*used = i + 1;
			return i >= 2 && i % 2 == 0 ? v : -1;
		}
		if (i % 2 == 0) {
			if (p[i] < '0' || p[i] > '9')
				return -1;
			v = v * 10 + (p[i] - '0');
		} else if (p[i] < 'g' || p[i] > 'p')
			return -1;
	}
	*used = i;
	return -2;	/* incomplete */
}

static size_t
make_marker(char *out, size_t cap, size_t k)
{
	char d[24];
	size_t i, n = 0;
	int nd = snprintf(d, sizeof d, "%zu", k);

	n += (size_t)snprintf(out + n, cap - n, "#M");
	for (i = 0; i < (size_t)nd; i++)
		n += (size_t)snprintf(out + n, cap - n, "%c%c", d[i],
		    (char)('g' + i % 10));
	n += (size_t)snprintf(out + n, cap - n, "#");
	return n;
}

static void
fac_scan(const uint8_t *p, size_t n, uint64_t t)
{
	const uint8_t *e = p + n, *q = p;
	size_t used;
	long k;

	while ((q = memmem(q, (size_t)(e - q), "#M", 2)) != NULL) {
		k = marker_value((const char *)q + 2, (size_t)(e - q - 2), &used);
		if (k >= 0 && (size_t)k < G.nmsgs && G.fac_at[k] == 0)
			G.fac_at[k] = t;
		q += 2;
	}
}

static void *
fac_reader(void *arg)
{
	static const struct msg pong = { .type = MSG_PONG };
	uint8_t *buf = xalloc(WIRE_SERVER_FRAME_MAX + 4);
	size_t len = 0, cap = WIRE_SERVER_FRAME_MAX + 4;
	struct msg m;
	char err[120];
	ssize_t k;

	(void)arg;
	for (;;) {
		k = read(G.fac_fd, buf + len, cap - len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		len += (size_t)k;
		while (len >= 4) {
			uint32_t fl = (uint32_t)buf[0] << 24 |
			    (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 |
			    buf[3];
			uint64_t t = now_ns();

			if (fl > WIRE_SERVER_FRAME_MAX)
				die("the co-facilitator got an oversized frame");
			if (len - 4 < fl)
				break;
			if ((buf[4] & 0xf0) == 0x90 || buf[4] == 0xdc ||
			    buf[4] == 0xdd)
				fac_scan(buf + 4, fl, t);
			else if (wire_decode(buf + 4, fl, &m, err,
			    sizeof err) == 0) {
				if (m.type == MSG_PING)
					fac_send(&pong);
				else if (m.type == MSG_WELCOME) {
					G.room_phase = m.welcome.room->phase;
					G.phase_step = G.phase < 0 ? -1 :
					    model_step_of_kind(
					    m.welcome.room, G.phase, 0);
					G.fac_welcomed = 1;
				} else if (m.type == MSG_ACK ||
				    m.type == MSG_ERROR)
					G.fac_acked = 1;
				else if (m.type == MSG_REFUSE)
					die("the co-facilitator was refused: %s",
					    m.refuse.text ? m.refuse.text : "?");
				wire_msg_free(&m);
			}
			memmove(buf, buf + 4 + fl, len - 4 - fl);
			len -= 4 + fl;
		}
	}
	free(buf);
	return NULL;
}

static void
fac_start(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct msg m = { .type = MSG_HELLO };
	uint64_t t;
	char name[64];
	int one = 1;

	sa.sin_port = htons((uint16_t)G.fac_port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((G.fac_fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    connect(G.fac_fd, (struct sockaddr *)&sa, sizeof sa) != 0)
		die("the co-facilitator cannot connect to 127.0.0.1:%d",
		    G.fac_port);
	setsockopt(G.fac_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.fac_code = (char *)G.fac_code;
	snprintf(name, sizeof name, "Bench facilitator %s%d", G.prefix,
	    (int)getpid());
	m.hello.name = name;
	fac_send(&m);
	pthread_create(&G.fac_th, NULL, fac_reader, NULL);
	for (t = now_ns(); !G.fac_welcomed && now_ns() - t < 10000000000ull;)
		usleep(10000);
	if (!G.fac_welcomed)
		die("the co-facilitator was not welcomed");
	if (G.phase >= 0 && G.room_phase != G.phase) {
		/* INTENT_PHASE names a phase by its index in the room's
		 * template: the first of that kind. */
		if (G.phase_step < 0)
			die("the room's process has no phase of kind %d",
			    G.phase);
		m = (struct msg){ .type = MSG_INTENT };
		m.intent.type = INTENT_PHASE;
		m.intent.req = 1;
		m.intent.value = G.phase_step;
		fac_send(&m);
		for (t = now_ns(); !G.fac_acked &&
		    now_ns() - t < 10000000000ull;)
			usleep(10000);
		if (!G.fac_acked)
			die("the room did not move to phase %d", G.phase);
	}
}

/* --- terminals ------------------------------------------------------------ */

static int
term_open(struct term *t)
{
	if (G.mode == MODE_SSH) {
		int port = G.port, no = 0;
		long timeout = 60;

		if ((t->s = ssh_new()) == NULL)
			return -1;
		ssh_options_set(t->s, SSH_OPTIONS_HOST, "127.0.0.1");
		ssh_options_set(t->s, SSH_OPTIONS_PORT, &port);
		ssh_options_set(t->s, SSH_OPTIONS_USER, t->name);
		ssh_options_set(t->s, SSH_OPTIONS_TIMEOUT, &timeout);
		ssh_options_set(t->s, SSH_OPTIONS_PROCESS_CONFIG, &no);
		ssh_options_set(t->s, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
		ssh_options_set(t->s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
		if (ssh_connect(t->s) != SSH_OK) {
			snprintf(t->why, sizeof t->why, "connect: %s",
			    ssh_get_error(t->s));
			return -1;
		}
		/* The room takes any password: its code is the lock. */
		if (ssh_userauth_password(t->s, NULL, "x") != SSH_AUTH_SUCCESS) {
			snprintf(t->why, sizeof t->why, "auth: %s",
			    ssh_get_error(t->s));
			return -1;
		}
		if ((t->ch = ssh_channel_new(t->s)) == NULL ||
		    ssh_channel_open_session(t->ch) != SSH_OK ||
		    ssh_channel_request_pty_size(t->ch, "xterm-256color",
		    G.cols, G.rows) != SSH_OK ||
		    ssh_channel_request_shell(t->ch) != SSH_OK) {
			snprintf(t->why, sizeof t->why, "channel: %s",
			    ssh_get_error(t->s));
			return -1;
		}
		return 0;
	}
	{
		struct winsize ws = { .ws_row = (unsigned short)G.rows,
		    .ws_col = (unsigned short)G.cols };
		char hp[64];

		snprintf(hp, sizeof hp, "127.0.0.1:%d", G.port);
		t->pid = forkpty(&t->master, NULL, NULL, &ws);
		if (t->pid < 0) {
			snprintf(t->why, sizeof t->why, "forkpty: %s",
			    strerror(errno));
			return -1;
		}
		if (t->pid == 0) {
			setenv("TERM", "xterm-256color", 1);
			setenv("LANG", "C.UTF-8", 1);
			unsetenv("LC_ALL");
			execl(G.rt, G.rt, "join", "--plain", hp, (char *)NULL);
			_exit(127);
		}
		return 0;
	}
}

static ssize_t term_read_raw(struct term *, char *, size_t, int);

/* Bytes from the terminal within ms; 0 on timeout, -1 when it ended.
 * They are drawn on the terminal's model of its screen as they come. */
static ssize_t
term_read(struct term *t, char *buf, size_t cap, int ms)
{
	ssize_t n = term_read_raw(t, buf, cap, ms);

	if (n > 0)
		vterm_input_write(t->vt, buf, (size_t)n);
	return n;
}

static ssize_t
term_read_raw(struct term *t, char *buf, size_t cap, int ms)
{
	if (G.mode == MODE_SSH) {
		int n = ssh_channel_read_timeout(t->ch, buf, (uint32_t)cap, 0,
		    ms);

		if (n == SSH_ERROR || (n == 0 && ssh_channel_is_eof(t->ch)))
			return -1;
		return n;
	} else {
		struct pollfd p = { .fd = t->master, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, ms) <= 0)
			return 0;
		n = read(t->master, buf, cap);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			return 0;
		return n <= 0 ? -1 : n;
	}
}

static int
term_write(struct term *t, const char *p, size_t n)
{
	if (G.mode == MODE_SSH)
		return ssh_channel_write(t->ch, p, (uint32_t)n) == (int)n ? 0 :
		    -1;
	while (n > 0) {
		ssize_t k = write(t->master, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static void
term_close(struct term *t)
{
	if (G.mode == MODE_SSH) {
		if (t->ch != NULL) {
			ssh_channel_close(t->ch);
			ssh_channel_free(t->ch);
		}
		if (t->s != NULL) {
			ssh_disconnect(t->s);
			ssh_free(t->s);
		}
		t->ch = NULL;
		t->s = NULL;
	} else if (t->pid > 0) {
		kill(t->pid, SIGHUP);
		close(t->master);
	}
}

/* Waits for any of the words in what the terminal draws; returns which,
 * or -1. */
static int
wait_for(struct term *t, const char *const *words, uint64_t deadline)
{
	char buf[8192];
	ssize_t n;
	int i;

	for (;;) {
		for (i = 0; words[i] != NULL; i++)
			if (memmem(t->jbuf, t->jlen, words[i],
			    strlen(words[i])) != NULL) {
				t->jlen = 0;
				return i;
			}
		if (now_ns() >= deadline || G.stop)
			return -1;
		n = term_read(t, buf, sizeof buf, 200);
		if (n < 0)
			return -1;
		if (n == 0)
			continue;
		if ((size_t)n > JOINBUF)
			n = JOINBUF;
		if (t->jlen + (size_t)n > JOINBUF) {
			size_t keep = JOINBUF - (size_t)n;

			memmove(t->jbuf, t->jbuf + t->jlen - keep, keep);
			t->jlen = keep;
		}
		memcpy(t->jbuf + t->jlen, buf, (size_t)n);
		t->jlen += (size_t)n;
	}
}

static int
join_flow(struct term *t)
{
	static const char *const code_w[] = { "Join code:", NULL };
	static const char *const name_w[] = { "Your name:", NULL };
	static const char *const group_w[] = { "stakeholder group", NULL };
	uint64_t deadline = t->t_start + (uint64_t)(G.join_timeout * 1e9);
	char line[128], you[64];
	const char *you_w[] = { you, NULL };

	if (term_open(t) != 0)
		return -1;
	if (wait_for(t, code_w, deadline) != 0)
		return snprintf(t->why, sizeof t->why, "no code prompt"), -1;
	snprintf(line, sizeof line, "%s\r", G.code);
	term_write(t, line, strlen(line));
	if (wait_for(t, name_w, deadline) != 0)
		return snprintf(t->why, sizeof t->why, "no name prompt"), -1;
	snprintf(line, sizeof line, "\x15%s\r", t->name);
	term_write(t, line, strlen(line));
	if (wait_for(t, group_w, deadline) != 0)
		return snprintf(t->why, sizeof t->why, "no group list"), -1;
	term_write(t, "\r", 1);
	snprintf(you, sizeof you, "You: %s", t->name);
	if (wait_for(t, you_w, deadline) != 0)
		return snprintf(t->why, sizeof t->why, "not joined"), -1;
	/* End (xterm's, in keypad mode): follow the newest contributions,
	 * as a participant watching the room does. */
	term_write(t, "\033OF", 3);
	return 0;
}

static void
seen_marker(struct term *t, long k, uint64_t now)
{
	uint64_t sched, old;

	if (k < 0 || (size_t)k >= G.nmsgs || t->seen[k] ||
	    (size_t)k % (size_t)G.n == (size_t)t->idx)
		return;
	sched = G.t0 + (uint64_t)((double)k * 1e9 / G.rate);
	t->seen[k] = 1;
	t->lat[t->nlat++] = now > sched ? (float)((double)(now - sched) /
	    1e6) : 0;
	old = atomic_load(&G.last[k]);
	while (old < now && !atomic_compare_exchange_weak(&G.last[k], &old,
	    now))
		;
	atomic_fetch_add(&G.count[k], 1);
}

static int
on_damage(VTermRect r, void *user)
{
	struct term *t = user;
	int row;

	for (row = r.start_row; row < r.end_row && row < G.rows; row++)
		if (row >= 0)
			t->damaged[row] = 1;
	return 1;
}

static const VTermScreenCallbacks screen_cb = { .damage = on_damage };

/* Markers on the terminal's screen, in the rows drawn since the last
 * look: a contribution counts as drawn when the whole of its marker is
 * on the screen, whatever bytes curses chose to send for it (it sends
 * only the cells that differ from what the screen already shows). */
static void
scan(struct term *t, uint64_t now)
{
	char row[4096];
	const char *q, *e;
	size_t used, n;
	int r;

	vterm_screen_flush_damage(t->vs);
	for (r = 0; r < G.rows; r++) {
		if (!t->damaged[r])
			continue;
		t->damaged[r] = 0;
		n = vterm_screen_get_text(t->vs, row, sizeof row - 1,
		    (VTermRect){ .start_row = r, .end_row = r + 1,
		    .start_col = 0, .end_col = G.cols });
		q = row;
		e = row + n;
		while ((q = memmem(q, (size_t)(e - q), "#M", 2)) != NULL) {
			seen_marker(t, marker_value(q + 2, (size_t)(e - q - 2),
			    &used), now);
			q += 2;
		}
	}
}

static void *
term_main(void *arg)
{
	struct term *t = arg;

	pthread_mutex_lock(&G.mu);
	while (G.slots == 0 && !G.stop)
		pthread_cond_wait(&G.cv, &G.mu);
	G.slots--;
	pthread_mutex_unlock(&G.mu);
	t->t_start = now_ns();
	if (join_flow(t) == 0) {
		t->t_joined = now_ns();
		t->joined = true;
	} else
		t->failed = true;
	pthread_mutex_lock(&G.mu);
	G.slots++;
	if (t->joined)
		G.njoined++;
	else
		G.nfailed++;
	pthread_cond_broadcast(&G.cv);
	pthread_mutex_unlock(&G.mu);
	if (!t->joined)
		return NULL;

	/* From now on the load loop reads and writes it. */
	{
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = t };
		int fd = G.mode == MODE_SSH ? ssh_get_fd(t->s) : t->master;

		t->next = (size_t)t->idx;
		if (G.mode == MODE_PLAIN)
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		if (epoll_ctl(G.ep, EPOLL_CTL_ADD, fd, &ev) != 0) {
			snprintf(t->why, sizeof t->why, "epoll: %s",
			    strerror(errno));
			t->failed = true;
		}
	}
	return NULL;
}

/* What came for terminal t, all of it; false when it ended. */
static bool
term_drain(struct term *t)
{
	char buf[16384];
	ssize_t n;

	for (;;) {
		if (G.mode == MODE_SSH) {
			n = ssh_channel_read_nonblocking(t->ch, buf,
			    sizeof buf, 0);
			if (n == SSH_ERROR || (n == 0 && ssh_channel_is_eof(t->ch)))
				return false;
		} else {
			n = read(t->master, buf, sizeof buf);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				n = 0;
			else if (n <= 0)
				return false;
		}
		if (n == 0)
			return true;
		vterm_input_write(t->vt, buf, (size_t)n);
		if (t->dump != NULL)
			fwrite(buf, 1, (size_t)n, t->dump);
		t->bytes += (size_t)n;
		if (G.go)
			scan(t, now_ns());
	}
}

/* Terminal t's keys that are due (its text ahead of time, then Enter at
 * the scheduled time); when its next ones are due, UINT64_MAX for none.
 * *wrote: whether it wrote any. */
static uint64_t
term_type(struct term *t, uint64_t now, bool *wrote)
{
	static const char *const words[] = { "water", "for", "every",
	    "village", "trust", "the", "answer", "to", "women", "we", "plan",
	    "together" };
	char text[512];
	size_t textlen, w;
	uint64_t sched, due;

	while (t->next < G.nmsgs) {
		sched = G.t0 + (uint64_t)((double)t->next * 1e9 / G.rate);
		due = t->typed ? sched : sched - TYPE_AHEAD_NS;
		if (now < due)
			return due;
		if (!t->typed) {
			textlen = 0;
			text[textlen++] = 'w';
			textlen += make_marker(text + textlen,
			    sizeof text - textlen, t->next);
			for (w = t->next; (int)textlen < G.textlen;) {
				w = w * 2654435761u + 7;
				textlen += (size_t)snprintf(text + textlen,
				    sizeof text - textlen, " %s",
				    words[(w >> 8) % 12]);
			}
			term_write(t, text, textlen);
			*wrote = true;
			t->typed = true;
		} else {
			term_write(t, "\r", 1);
			*wrote = true;
			if (now - sched > t->late_max)
				t->late_max = now - sched;
			t->typed = false;
			t->next += (size_t)G.n;
		}
	}
	return UINT64_MAX;
}

/*
 * The load loop: one thread reads every joined terminal (epoll) and types
 * what is due.  A thread per terminal (as joining is done) woke one
 * thread per frame received, 300 per contribution, and each wakeup of
 * the generator's was also the sender's cost (the hub's, on loopback):
 * the benchmark's own load on the two cores the room's screens share,
 * which a participant's laptop does not add to the room's machine.
 */
static void *
loop_main(void *arg)
{
	struct epoll_event ev[64];
	uint64_t now, due;
	size_t i;
	int k, n, ms;

	(void)arg;
	while (!G.stop) {
		ms = 100;
		if (G.go) {
			due = UINT64_MAX;
			for (i = 0; i < (size_t)G.n; i++) {
				struct term *t = &G.t[i];
				bool wrote = false;
				uint64_t d;

				if (!t->joined || t->failed)
					continue;
				if ((d = term_type(t, now_ns(), &wrote)) < due)
					due = d;
				/* libssh may have read what came while it
				 * wrote: epoll would not say so. */
				if (wrote && !term_drain(t))
					t->failed = true;
			}
			now = now_ns();
			ms = 1000;
			if (due <= now)
				ms = 0;
			else if (due - now < 1000000000ull)
				ms = (int)((due - now) / 1000000) + 1;
		}
		n = epoll_wait(G.ep, ev, 64, ms);
		for (k = 0; k < n; k++) {
			struct term *t = ev[k].data.ptr;

			if (t->failed)
				continue;
			if (!term_drain(t)) {
				snprintf(t->why, sizeof t->why,
				    "ended during the load");
				t->failed = true;
				epoll_ctl(G.ep, EPOLL_CTL_DEL, G.mode == MODE_SSH ?
				    ssh_get_fd(t->s) : t->master, NULL);
			}
		}
	}
	return NULL;
}

/* --- results -------------------------------------------------------------- */

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
pct(double *v, size_t n, double p)
{
	size_t i;

	if (n == 0)
		return -1;
	i = (size_t)(p * (double)(n - 1) + 0.5);
	return v[i];
}

static void
usage(void)
{
	fprintf(stderr,
"usage: sshload --mode ssh|plain --port P --code C --fac-port P --fac-code F\n"
"  --port P          ssh: the door's port; plain: the plain listener's\n"
"  --fac-port P      the plain listener (the co-facilitator's way in)\n"
"  --clients N       terminals (default 10)\n"
"  --cols C --rows R the terminals' size (default 100 x 30)\n"
"  --concurrent K    joining at once (default 16)\n"
"  --phase P         the co-facilitator moves the room to its first phase of\n"
"                    kind P first (enum phase: default 1, Expectations;\n"
"                    -1: leave it)\n"
"  --rate R          contributions/s in all (default 10)\n"
"  --duration S      seconds of load (default 30; 0: join only)\n"
"  --settle S        idle seconds after joining before /proc is read (6)\n"
"  --join-timeout S  all must have joined by then (default 300)\n"
"  --text-len L      bytes of each contribution (default 60)\n"
"  --rt PATH         plain: the roundtable to run (default build/roundtable)\n"
"  --prefix P        names are P001, P002, ... (default S)\n"
"  --pid PID         the server (roundtable serve)\n"
"  --label TEXT      a word for the RESULT line\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "port", required_argument, NULL, 'p' },
		{ "fac-port", required_argument, NULL, 'P' },
		{ "code", required_argument, NULL, 'c' },
		{ "fac-code", required_argument, NULL, 'F' },
		{ "clients", required_argument, NULL, 'n' },
		{ "cols", required_argument, NULL, 'C' },
		{ "rows", required_argument, NULL, 'R' },
		{ "concurrent", required_argument, NULL, 'k' },
		{ "phase", required_argument, NULL, 'f' },
		{ "rate", required_argument, NULL, 'r' },
		{ "duration", required_argument, NULL, 'd' },
		{ "settle", required_argument, NULL, 's' },
		{ "join-timeout", required_argument, NULL, 'J' },
		{ "text-len", required_argument, NULL, 'L' },
		{ "rt", required_argument, NULL, 'x' },
		{ "prefix", required_argument, NULL, 'X' },
		{ "pid", required_argument, NULL, 'i' },
		{ "label", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	pthread_attr_t attr;
	struct tree before, after, c0, c1;
	struct mem s0 = { 0, 0, 0 }, s1 = { 0, 0, 0 };
	double scpu0 = 0, scpu1 = 0, g0, g1, *v, *all;
	FILE *series;
	uint64_t tj0, tjall = 0, tl0, tl1, late = 0, bytes = 0;
	size_t i, j, k, nall = 0, complete = 0, nv, nf;
	int ch, root;
	int nlost = 0;

	G.mode = -1;
	G.n = 10;
	G.cols = 100;
	G.rows = 30;
	G.concurrent = 16;
	G.phase = PHASE_EXPECTATIONS;
	G.rate = 10;
	G.duration = 30;
	G.settle = 6;
	G.join_timeout = 300;
	G.textlen = 60;
	G.rt = "build/roundtable";
	G.label = "-";
	G.prefix = "S";
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			G.mode = strcmp(optarg, "ssh") == 0 ? MODE_SSH :
			    strcmp(optarg, "plain") == 0 ? MODE_PLAIN : -1;
			break;
		case 'p': G.port = atoi(optarg); break;
		case 'P': G.fac_port = atoi(optarg); break;
		case 'c': G.code = optarg; break;
		case 'F': G.fac_code = optarg; break;
		case 'n': G.n = atoi(optarg); break;
		case 'C': G.cols = atoi(optarg); break;
		case 'R': G.rows = atoi(optarg); break;
		case 'k': G.concurrent = atoi(optarg); break;
		case 'f': G.phase = atoi(optarg); break;
		case 'r': G.rate = atof(optarg); break;
		case 'd': G.duration = atof(optarg); break;
		case 's': G.settle = atof(optarg); break;
		case 'J': G.join_timeout = atof(optarg); break;
		case 'L': G.textlen = atoi(optarg); break;
		case 'x': G.rt = optarg; break;
		case 'X': G.prefix = optarg; break;
		case 'i': G.server_pid = atoi(optarg); break;
		case 'l': G.label = optarg; break;
		default: usage();
		}
	}
	if (G.mode < 0 || G.port <= 0 || G.fac_port <= 0 || G.code == NULL ||
	    G.fac_code == NULL || G.n < 2 || G.rate <= 0 || G.concurrent < 1 ||
	    G.textlen > 400)
		usage();
	signal(SIGPIPE, SIG_IGN);
	ssh_init();
	G.nmsgs = (size_t)(G.rate * G.duration + 0.5);
	G.last = xalloc((G.nmsgs + 1) * sizeof *G.last);
	G.count = xalloc((G.nmsgs + 1) * sizeof *G.count);
	G.fac_at = xalloc((G.nmsgs + 1) * sizeof *G.fac_at);
	G.t = xalloc((size_t)G.n * sizeof *G.t);
	pthread_mutex_init(&G.mu, NULL);
	pthread_cond_init(&G.cv, NULL);
	G.slots = G.concurrent;

	fac_start();
	root = G.mode == MODE_SSH ? G.server_pid : (int)getpid();
	if (G.server_pid > 0) {
		s0 = proc_mem(G.server_pid);
		scpu0 = proc_cpu(G.server_pid, NULL);
	}
	before = proc_tree(root > 0 ? root : -1);
	(void)scpu0;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 512 * 1024);
	if ((G.ep = epoll_create1(EPOLL_CLOEXEC)) < 0)
		die("epoll: %s", strerror(errno));
	if (pthread_create(&G.loop_th, &attr, loop_main, NULL) != 0)
		die("cannot start the load loop");
	tj0 = now_ns();
	for (i = 0; i < (size_t)G.n; i++) {
		struct term *t = &G.t[i];

		t->idx = (int)i;
		t->master = -1;
		snprintf(t->name, sizeof t->name, "%s%03zu", G.prefix, i + 1);
		t->seen = xalloc(G.nmsgs + 1);
		if (getenv("SSHLOAD_DUMP") != NULL) {
			char path[300];

			snprintf(path, sizeof path, "%s/%s.out",
			    getenv("SSHLOAD_DUMP"), t->name);
			t->dump = fopen(path, "w");
		}
		t->lat = xalloc((G.nmsgs + 1) * sizeof *t->lat);
		t->damaged = xalloc((size_t)G.rows);
		if ((t->vt = vterm_new(G.rows, G.cols)) == NULL)
			die("cannot make terminal %zu", i);
		vterm_set_utf8(t->vt, 1);
		t->vs = vterm_obtain_screen(t->vt);
		vterm_screen_set_callbacks(t->vs, &screen_cb, t);
		vterm_screen_set_damage_merge(t->vs, VTERM_DAMAGE_ROW);
		vterm_screen_reset(t->vs, 1);
		if (pthread_create(&t->th, &attr, term_main, t) != 0)
			die("cannot start thread %zu", i);
	}
	/* Everyone joined, or the time is up. */
	for (;;) {
		int done;

		pthread_mutex_lock(&G.mu);
		done = G.njoined + G.nfailed;
		pthread_mutex_unlock(&G.mu);
		if (done == G.n)
			break;
		if ((double)(now_ns() - tj0) / 1e9 > G.join_timeout + 5) {
			fprintf(stderr, "sshload: joining timed out\n");
			break;
		}
		usleep(20000);
	}
	for (i = 0; i < (size_t)G.n; i++)
		if (G.t[i].joined && G.t[i].t_joined > tjall)
			tjall = G.t[i].t_joined;
	fprintf(stderr, "sshload: %d of %d joined in %.2f s (%d failed)\n",
	    G.njoined, G.n, (double)(tjall - tj0) / 1e9, G.nfailed);
	for (i = 0, j = 0; i < (size_t)G.n && j < 3; i++)
		if (G.t[i].failed) {
			fprintf(stderr, "sshload: %s: %s\n", G.t[i].name,
			    G.t[i].why);
			j++;
		}

	/* Idle, then memory. */
	sleep_until(now_ns() + (uint64_t)(G.settle * 1e9));
	if (G.server_pid > 0)
		s1 = proc_mem(G.server_pid);
	after = proc_tree(root > 0 ? root : -1);

	/* The load. */
	g0 = self_cpu();
	c0 = proc_tree(root > 0 ? root : -1);
	if (G.server_pid > 0)
		scpu0 = proc_cpu(G.server_pid, NULL);
	tl0 = now_ns();
	G.t0 = tl0 + 1000000000ull;
	if (G.nmsgs > 0) {
		G.go = 1;
		sleep_until(G.t0 + (uint64_t)(G.duration * 1e9));
		/* Drain: until everything is everywhere, at most DRAIN_MS. */
		for (k = 0; k < DRAIN_MS / 50; k++) {
			for (i = 0, complete = 0; i < G.nmsgs; i++)
				if (G.count[i] >= (uint32_t)(G.njoined - 1))
					complete++;
			if (complete == G.nmsgs)
				break;
			usleep(50000);
		}
	}
	tl1 = now_ns();
	g1 = self_cpu();
	c1 = proc_tree(root > 0 ? root : -1);
	if (G.server_pid > 0)
		scpu1 = proc_cpu(G.server_pid, NULL);
	G.stop = 1;
	pthread_mutex_lock(&G.mu);
	pthread_cond_broadcast(&G.cv);
	pthread_mutex_unlock(&G.mu);
	for (i = 0; i < (size_t)G.n; i++)
		pthread_join(G.t[i].th, NULL);
	pthread_join(G.loop_th, NULL);
	close(G.ep);

	/* Latencies. */
	v = xalloc((G.nmsgs + 1) * sizeof *v);
	/* SSHLOAD_SERIES=FILE: each contribution's latency (ms) in the order
	 * sent, to see whether the slow ones come together. */
	series = getenv("SSHLOAD_SERIES") != NULL ?
	    fopen(getenv("SSHLOAD_SERIES"), "w") : NULL;
	for (i = 0, nv = 0, complete = 0; i < G.nmsgs; i++) {
		if (G.count[i] >= (uint32_t)(G.njoined - 1) && G.last[i] > 0) {
			uint64_t sched = G.t0 + (uint64_t)((double)i * 1e9 /
			    G.rate);

			v[nv++] = (double)(G.last[i] - sched) / 1e6;
			complete++;
			if (series != NULL)
				fprintf(series, "%zu %.1f\n", i, v[nv - 1]);
		}
	}
	if (series != NULL)
		fclose(series);
	qsort(v, nv, sizeof *v, cmp_double);
	for (i = 0; i < (size_t)G.n; i++)
		nall += G.t[i].nlat;
	all = xalloc((nall + 1) * sizeof *all);
	for (i = 0, k = 0; i < (size_t)G.n; i++) {
		for (j = 0; j < G.t[i].nlat; j++)
			all[k++] = G.t[i].lat[j];
		if (G.t[i].late_max > late)
			late = G.t[i].late_max;
		bytes += G.t[i].bytes;
		if (G.t[i].joined && G.t[i].failed)
			nlost++;
	}
	qsort(all, nall, sizeof *all, cmp_double);
	{
		double *fv = xalloc((G.nmsgs + 1) * sizeof *fv);
		double *jv = xalloc((size_t)G.n * sizeof *jv);
		size_t nj = 0;
		double wall = (double)(tl1 - tl0) / 1e9;
		double msgs = (double)(G.nmsgs > 0 ? G.nmsgs : 1);
		int nj1 = G.njoined > 0 ? G.njoined : 1;

		for (i = 0, nf = 0; i < G.nmsgs; i++)
			if (G.fac_at[i] > 0) {
				uint64_t sched = G.t0 + (uint64_t)((double)i *
				    1e9 / G.rate);

				fv[nf++] = G.fac_at[i] > sched ?
				    (double)(G.fac_at[i] - sched) / 1e6 : 0;
			}
		qsort(fv, nf, sizeof *fv, cmp_double);
		for (i = 0; i < (size_t)G.n; i++)
			if (G.t[i].joined)
				jv[nj++] = (double)(G.t[i].t_joined -
				    G.t[i].t_start) / 1e9;
		qsort(jv, nj, sizeof *jv, cmp_double);
		printf("RESULT mode=%s label=%s n=%d joined=%d lost=%d "
		    "cols=%d rows=%d rate=%g duration=%g sent=%zu "
		    "complete=%zu incomplete=%zu "
		    "join_all_s=%.2f join_p50_s=%.2f join_p99_s=%.2f "
		    "p50_ms=%.1f p99_ms=%.1f max_ms=%.1f "
		    "dp50_ms=%.1f dp99_ms=%.1f deliveries=%zu "
		    "srv_p50_ms=%.1f srv_p99_ms=%.1f srv_seen=%zu "
		    "late_max_ms=%.1f bytes_per_term_per_msg=%.0f "
		    "server_rss_kb=%ld server_pss_kb=%ld "
		    "server_rss_growth_kb=%ld server_pss_growth_kb=%ld "
		    "d1_n=%d d1_rss_kb=%ld d1_pss_kb=%ld d1_uss_kb=%ld "
		    "d2_n=%d d2_rss_kb=%ld d2_pss_kb=%ld d2_uss_kb=%ld "
		    "server_cpu_s=%.2f d1_cpu_s=%.2f d2_cpu_s=%.2f "
		    "gen_cpu_s=%.2f gen_cpu_pct=%.0f wall_s=%.1f\n",
		    G.mode == MODE_SSH ? "ssh" : "plain", G.label, G.n,
		    G.njoined, nlost, G.cols, G.rows, G.rate, G.duration,
		    G.nmsgs, complete, G.nmsgs - complete,
		    (double)(tjall - tj0) / 1e9, pct(jv, nj, 0.5),
		    pct(jv, nj, 0.99), pct(v, nv, 0.5), pct(v, nv, 0.99),
		    nv ? v[nv - 1] : -1, pct(all, nall, 0.5),
		    pct(all, nall, 0.99), nall, pct(fv, nf, 0.5),
		    pct(fv, nf, 0.99), nf, (double)late / 1e6,
		    (double)bytes / msgs / nj1,
		    s1.rss, s1.pss, s1.rss - s0.rss, s1.pss - s0.pss,
		    after.n1, after.m1.rss - before.m1.rss,
		    after.m1.pss - before.m1.pss, after.m1.uss - before.m1.uss,
		    after.n2, after.m2.rss - before.m2.rss,
		    after.m2.pss - before.m2.pss, after.m2.uss - before.m2.uss,
		    scpu1 - scpu0, c1.cpu1 - c0.cpu1, c1.cpu2 - c0.cpu2,
		    g1 - g0, 100 * (g1 - g0) / wall, wall);
		free(fv);
		free(jv);
	}

	/* Leave: close every terminal, reap the children. */
	for (i = 0; i < (size_t)G.n; i++)
		term_close(&G.t[i]);
	if (G.mode == MODE_PLAIN) {
		uint64_t t = now_ns();

		for (i = 0; i < (size_t)G.n; i++) {
			if (G.t[i].pid <= 0)
				continue;
			while (waitpid(G.t[i].pid, NULL, WNOHANG) == 0) {
				if (now_ns() - t > 3000000000ull) {
					kill(G.t[i].pid, SIGKILL);
					waitpid(G.t[i].pid, NULL, 0);
					break;
				}
				usleep(10000);
			}
		}
	}
	shutdown(G.fac_fd, SHUT_RDWR);
	close(G.fac_fd);
	pthread_join(G.fac_th, NULL);
	return 0;
}
