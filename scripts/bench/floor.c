/*
 * floor.c - the floor for loopback fan-out (issue 7): a bare libuv TCP
 * broadcast server that does nothing but relay.
 *
 * It reads length-prefixed frames (a 4-byte big-endian length, then the
 * body) from every connection and sends each, reframed as it came, to
 * every connection, the sender included.  Frames that arrive in one loop
 * turn are gathered into one shared, refcounted buffer, and each
 * connection gets one write per loop turn for all of them (from a
 * prepare handle, before the loop sleeps): uv_try_write when nothing of
 * its is still waiting, which almost always takes it all, and a uv_write
 * of the rest otherwise (in order: nothing is tried while a write
 * waits).  A connection with more than
 * QUEUE_MAX bytes waiting is dropped, as roundtable drops a client that
 * stopped reading.  No parsing, no state, no disk: whatever a real server
 * does on top of this is what it costs.
 *
 * usage: floor PORT   (listens on 127.0.0.1; prints "ready" when it does)
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#define FRAME_MAX	(64u * 1024)
#define QUEUE_MAX	(32u * 1024 * 1024)

struct block {
	unsigned	 refs;
	size_t		 len;
	char		 data[];
};

struct conn {
	uv_tcp_t	 tcp;
	struct conn	*prev, *next;
	char		*in;		/* a partial frame */
	size_t		 inlen, incap;
	size_t		 queued;
	int		 closing;
};

struct wreq {
	uv_write_t	 req;
	struct conn	*c;
	struct block	*b;
	size_t		 len;		/* of b, not yet written before */
};

static uv_loop_t	*loop;
static struct conn	*conns;
static char		 rbuf[256 * 1024];
static char		*batch;		/* this turn's frames */
static size_t		 batchlen, batchcap;

static void *
xmalloc(size_t n)
{
	void *p = malloc(n);

	if (p == NULL)
		abort();
	return p;
}

static void
block_unref(struct block *b)
{
	if (--b->refs == 0)
		free(b);
}

static void
on_closed(uv_handle_t *h)
{
	struct conn *c = h->data;

	free(c->in);
	free(c);
}

static void
conn_close(struct conn *c)
{
	if (c->closing)
		return;
	c->closing = 1;
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	uv_close((uv_handle_t *)&c->tcp, on_closed);
}

static void
on_written(uv_write_t *req, int status)
{
	struct wreq *w = (struct wreq *)req;

	w->c->queued -= w->len;
	block_unref(w->b);
	if (status < 0)
		conn_close(w->c);
	free(w);
}

/* Once per loop turn: the turn's frames to everyone, one write each. */
static void
on_prepare(uv_prepare_t *h)
{
	struct conn *c, *next;
	struct block *b;

	(void)h;
	if (batchlen == 0)
		return;
	b = xmalloc(sizeof *b + batchlen);
	b->refs = 1;
	b->len = batchlen;
	memcpy(b->data, batch, batchlen);
	batchlen = 0;
	for (c = conns; c != NULL; c = next) {
		struct wreq *w;
		uv_buf_t buf = uv_buf_init(b->data, (unsigned)b->len);

		next = c->next;
		if (c->queued + b->len > QUEUE_MAX) {
			conn_close(c);
			continue;
		}
		/* Straight into the socket when nothing waits before it: no
		 * request, no callback, no epoll_ctl. */
		if (c->queued == 0) {
			int r = uv_try_write((uv_stream_t *)&c->tcp, &buf, 1);

			if (r == (int)buf.len)
				continue;
			if (r < 0 && r != UV_EAGAIN) {
				conn_close(c);
				continue;
			}
			if (r > 0) {
				buf.base += r;
				buf.len -= (size_t)r;
			}
		}
		w = xmalloc(sizeof *w);
		w->c = c;
		w->b = b;
		w->len = buf.len;
		b->refs++;
		c->queued += buf.len;
		if (uv_write(&w->req, (uv_stream_t *)&c->tcp, &buf, 1,
		    on_written) != 0) {
			c->queued -= buf.len;
			block_unref(b);
			free(w);
			conn_close(c);
		}
	}
	block_unref(b);
}

static void
batch_add(const char *p, size_t n)
{
	if (batchcap - batchlen < n) {
		batchcap = batchcap * 2 > batchlen + n ? batchcap * 2 :
		    batchlen + n;
		if ((batch = realloc(batch, batchcap)) == NULL)
			abort();
	}
	memcpy(batch + batchlen, p, n);
	batchlen += n;
}

/* Takes every whole frame of p[0..n); returns the bytes used, or -1 for
 * an oversized frame. */
static long
frames(const char *p, size_t n)
{
	size_t used = 0;

	while (n - used >= 4) {
		const uint8_t *h = (const uint8_t *)p + used;
		uint32_t len = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 |
		    (uint32_t)h[2] << 8 | h[3];

		if (len > FRAME_MAX)
			return -1;
		if (n - used - 4 < len)
			break;
		batch_add(p + used, 4 + len);
		used += 4 + len;
	}
	return (long)used;
}

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	(void)h;
	(void)suggested;
	*buf = uv_buf_init(rbuf, sizeof rbuf);
}

static void
on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
	struct conn *c = s->data;
	long used;

	if (nread < 0) {
		conn_close(c);
		return;
	}
	if (nread == 0)
		return;
	if (c->inlen + (size_t)nread > c->incap) {
		c->incap = c->inlen + (size_t)nread;
		if ((c->in = realloc(c->in, c->incap)) == NULL)
			abort();
	}
	if (c->inlen == 0) {
		used = frames(buf->base, (size_t)nread);
		if (used < 0) {
			conn_close(c);
			return;
		}
		memcpy(c->in, buf->base + used, (size_t)nread - (size_t)used);
		c->inlen = (size_t)nread - (size_t)used;
		return;
	}
	memcpy(c->in + c->inlen, buf->base, (size_t)nread);
	c->inlen += (size_t)nread;
	used = frames(c->in, c->inlen);
	if (used < 0) {
		conn_close(c);
		return;
	}
	memmove(c->in, c->in + used, c->inlen - (size_t)used);
	c->inlen -= (size_t)used;
}

static void
on_connection(uv_stream_t *server, int status)
{
	struct conn *c;

	if (status < 0)
		return;
	c = calloc(1, sizeof *c);
	if (c == NULL)
		abort();
	uv_tcp_init(loop, &c->tcp);
	c->tcp.data = c;
	if (uv_accept(server, (uv_stream_t *)&c->tcp) != 0) {
		c->closing = 1;
		uv_close((uv_handle_t *)&c->tcp, on_closed);
		return;
	}
	uv_tcp_nodelay(&c->tcp, 1);
	c->next = conns;
	if (conns != NULL)
		conns->prev = c;
	conns = c;
	uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

static void
on_signal(uv_signal_t *h, int signum)
{
	(void)signum;
	(void)h;
	exit(0);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa;
	uv_tcp_t server;
	uv_prepare_t prep;
	uv_signal_t sigterm, sigint;
	int r;

	if (argc != 2) {
		fprintf(stderr, "usage: floor PORT\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	loop = uv_default_loop();
	uv_ip4_addr("127.0.0.1", atoi(argv[1]), &sa);
	uv_tcp_init(loop, &server);
	if ((r = uv_tcp_bind(&server, (struct sockaddr *)&sa, 0)) != 0 ||
	    (r = uv_listen((uv_stream_t *)&server, 4096, on_connection)) != 0) {
		fprintf(stderr, "floor: cannot listen on port %s: %s\n",
		    argv[1], uv_strerror(r));
		return 1;
	}
	uv_prepare_init(loop, &prep);
	uv_prepare_start(&prep, on_prepare);
	uv_signal_init(loop, &sigterm);
	uv_signal_start(&sigterm, on_signal, SIGTERM);
	uv_signal_init(loop, &sigint);
	uv_signal_start(&sigint, on_signal, SIGINT);
	printf("ready\n");
	fflush(stdout);
	return uv_run(loop, UV_RUN_DEFAULT);
}
