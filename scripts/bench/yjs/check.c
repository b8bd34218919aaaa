/*
 * check.c - the C half of scripts/bench/yjs/check.sh: proves ws.c and
 * yjs.c against the real Yjs websocket server.
 *
 * usage: check selftest
 *        check relay PORT DOC OUTDIR
 *
 * selftest needs no server: frames in and out at every length encoding,
 * every prefix of a frame or reply header reads as incomplete, bad frames
 * and replies are refused.
 *
 * relay: clients A and B join document DOC on 127.0.0.1:PORT; A sends
 * three updates (clocks 0, 1, 2; texts of about 40 bytes, 300 bytes and
 * 70 kB, so every frame length encoding is crossed both ways) and B must
 * receive each, marker included and byte for byte as sent, within 10 s;
 * A must get its own three back.  Then client C sends sync step 1 and
 * keeps the sync step 2 it gets.  Into OUTDIR go client (A's id), text.N
 * and update.N (what A sent, N = 0..2) and state (C's sync step 2
 * update), for check.mjs to decode with yjs itself.
 *
 * Plain blocking sockets and poll: this is a test, not the load generator.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../ws.h"
#include "../yjs.h"

#define CHECK_TIMEOUT_MS 10000
#define CHECK_TEXTS 3

struct conn {
	const char	*name;
	int		 fd;
	char		*buf;	/* bytes read and not yet parsed */
	size_t		 len;
	size_t		 cap;
	size_t		 skip;	/* bytes of the last message to drop */
};

static int failures;

static void
fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("check: FAIL: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	failures++;
}

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("check: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n);

	if (p == NULL)
		die("out of memory");
	return p;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *
find(const char *hay, size_t hlen, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; n <= hlen && i <= hlen - n; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/* ---- selftest ---------------------------------------------------------- */

/* A server frame (unmasked) of n bytes of 'x' into out; returns its length. */
static size_t
server_frame(unsigned char *out, int fin_op, size_t n)
{
	size_t h, i;

	out[0] = (unsigned char)fin_op;
	if (n < 126) {
		out[1] = (unsigned char)n;
		h = 2;
	} else if (n <= 0xffff) {
		out[1] = 126;
		out[2] = (unsigned char)(n >> 8);
		out[3] = (unsigned char)n;
		h = 4;
	} else {
		out[1] = 127;
		for (i = 0; i < 8; i++)
			out[2 + i] = (unsigned char)((uint64_t)n >> (56 - 8 * i));
		h = 10;
	}
	memset(out + h, 'x', n);
	return h + n;
}

static void
selftest_frames_out(void)
{
	static const size_t sizes[] = { 0, 1, 125, 126, 300, 65535, 65536, 70000 };
	size_t i, j, n, h, len, plen;
	unsigned char *p, *out, *payload;

	p = xmalloc(70000);
	out = xmalloc(70000 + WS_FRAME_OVERHEAD);
	for (i = 0; i < 70000; i++)
		p[i] = (unsigned char)(i * 7 + 3);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		n = sizes[i];
		len = ws_frame((char *)out, 70000 + WS_FRAME_OVERHEAD, p, n);
		h = n < 126 ? 2 : n <= 0xffff ? 4 : 10;
		if (len != h + 4 + n) {
			fail("ws_frame(%zu) is %zu bytes, not %zu", n, len, h + 4 + n);
			continue;
		}
		if (out[0] != 0x82 || (out[1] & 0x80) == 0)
			fail("ws_frame(%zu): not a masked final binary frame", n);
		plen = h == 2 ? (size_t)(out[1] & 0x7f) : 0;
		for (j = 2; j < h; j++)
			plen = plen << 8 | out[j];
		if (plen != n)
			fail("ws_frame(%zu) says length %zu", n, plen);
		payload = out + h + 4;
		for (j = 0; j < n; j++)
			if ((payload[j] ^ out[h + j % 4]) != p[j])
				break;
		if (j != n)
			fail("ws_frame(%zu): payload unmasks wrong at %zu", n, j);
		if (ws_frame((char *)out, len - 1, p, n) != 0)
			fail("ws_frame(%zu) wrote into a buffer too small", n);
	}
	len = ws_pong((char *)out, 200, "abc", 3);
	if (len != 9 || out[0] != 0x8a || out[1] != (0x80 | 3))
		fail("ws_pong");
	if (ws_pong((char *)out, 200, p, 126) != 0)
		fail("ws_pong took 126 bytes");
	len = ws_close((char *)out, 200, 1000);
	if (len != 8 || out[0] != 0x88 || (out[6] ^ out[2]) != 0x03 ||
	    (out[7] ^ out[3]) != 0xe8)
		fail("ws_close");
	free(p);
	free(out);
}

static void
selftest_frames_in(void)
{
	static const size_t sizes[] = { 0, 5, 125, 126, 65535, 65536, 70000 };
	unsigned char *f;
	const char *payload;
	size_t i, k, len, plen;
	ssize_t r;
	int op;

	f = xmalloc(70000 + 20);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		len = server_frame(f, 0x82, sizes[i]);
		r = ws_parse((char *)f, len + 5, &payload, &plen, &op);
		if (r != (ssize_t)len || plen != sizes[i] || op != WS_OP_BINARY ||
		    payload != (char *)f + len - sizes[i])
			fail("ws_parse of a %zu-byte frame: %zd", sizes[i], r);
		/* Every prefix is incomplete, never an error or a frame. */
		for (k = 0; k < len; k += k < 20 ? 1 : 997)
			if (ws_parse((char *)f, k, &payload, &plen, &op) != 0)
				fail("ws_parse of %zu of %zu bytes is not 0", k, len);
	}
	len = server_frame(f, 0x89, 4);
	if (ws_parse((char *)f, len, &payload, &plen, &op) != (ssize_t)len ||
	    op != WS_OP_PING)
		fail("ws_parse of a ping");
	len = server_frame(f, 0x82, 3);
	f[1] |= 0x80;
	if (ws_parse((char *)f, len, &payload, &plen, &op) != -1)
		fail("ws_parse took a masked server frame");
	len = server_frame(f, 0xc2, 3);
	if (ws_parse((char *)f, len, &payload, &plen, &op) != -1)
		fail("ws_parse took RSV1 (compression was never asked for)");
	len = server_frame(f, 0x83, 3);
	if (ws_parse((char *)f, len, &payload, &plen, &op) != -1)
		fail("ws_parse took reserved opcode 3");
	len = server_frame(f, 0x89, 126);
	if (ws_parse((char *)f, len, &payload, &plen, &op) != -1)
		fail("ws_parse took a 126-byte ping");
	len = server_frame(f, 0x09, 3);
	if (ws_parse((char *)f, len, &payload, &plen, &op) != -1)
		fail("ws_parse took a fragmented ping");
	server_frame(f, 0x82, 70000);
	f[2] = 0x80;
	if (ws_parse((char *)f, 10, &payload, &plen, &op) != -1)
		fail("ws_parse took a length over 2^63");
	free(f);
}

static void
selftest_handshake(void)
{
	static const char ok[] =
	    "HTTP/1.1 101 Switching Protocols\r\n"
	    "upgrade: WebSocket\r\n"
	    "Connection: Upgrade\r\n"
	    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
	    "\r\n"
	    "\x82\x04\x00\x00\x01\x00";
	static const char bad[] =
	    "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n";
	static const char ext[] =
	    "HTTP/1.1 101 Switching Protocols\r\n"
	    "Upgrade: websocket\r\n"
	    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
	    "Sec-WebSocket-Extensions: permessage-deflate\r\n"
	    "\r\n";
	char req[512], key[64];
	size_t hlen = sizeof ok - 1 - 6, k, n;
	const char *v;

	n = ws_handshake(req, sizeof req, "127.0.0.1", 1234, "doc-1");
	if (n == 0 || n != strlen(req) ||
	    strncmp(req, "GET /doc-1 HTTP/1.1\r\nHost: 127.0.0.1:1234\r\n", 43) != 0 ||
	    strcmp(req + n - 4, "\r\n\r\n") != 0)
		fail("ws_handshake: %s", req);
	v = find(req, n, "Sec-WebSocket-Key: ");
	if (v == NULL || sscanf(v + 19, "%63[^\r]", key) != 1 ||
	    strlen(key) != 24 || key[22] != '=' || key[23] != '=')
		fail("ws_handshake: no 16-byte base64 key");
	if (ws_handshake(req, 40, "127.0.0.1", 1234, "/doc-1") != 0)
		fail("ws_handshake wrote into a buffer too small");

	if (ws_handshake_done(ok, sizeof ok - 1) != (ssize_t)hlen)
		fail("ws_handshake_done of a 101 reply");
	for (k = 0; k < hlen; k++)
		if (ws_handshake_done(ok, k) != 0)
			fail("ws_handshake_done of %zu of %zu bytes", k, hlen);
	if (ws_handshake_done(bad, sizeof bad - 1) != -1)
		fail("ws_handshake_done took a 400");
	if (ws_handshake_done(ext, sizeof ext - 1) != -1)
		fail("ws_handshake_done took an extension not asked for");
}

static void
selftest_yjs(void)
{
	/* Worked by hand from the layout in yjs.c. */
	static const unsigned char first[] = {
		0, 2, 17, 1, 1, 5, 0, 8, 1, 4, 'r', 'o', 'o', 'm',
		1, 119, 2, 'h', 'i', 0
	};
	static const unsigned char next[] = {
		0, 2, 15, 1, 1, 0xac, 0x02, 0x80, 0x01, 0x88, 0xac, 0x02,
		0x7f, 1, 119, 1, 'x', 0
	};
	char out[64];
	size_t n;

	n = yjs_sync_step1(out, sizeof out);
	if (n != 4 || memcmp(out, "\0\0\1\0", 4) != 0)
		fail("yjs_sync_step1");
	n = yjs_update(out, sizeof out, 5, 0, "hi");
	if (n != sizeof first || memcmp(out, first, n) != 0)
		fail("yjs_update at clock 0");
	n = yjs_update(out, sizeof out, 300, 128, "x");
	if (n != sizeof next || memcmp(out, next, n) != 0)
		fail("yjs_update at clock 128");
	if (yjs_update(out, sizeof next - 1, 300, 128, "x") != 0)
		fail("yjs_update wrote into a buffer too small");
	if (yjs_clock_step("x") != 1)
		fail("yjs_clock_step");
}

/* ---- relay ------------------------------------------------------------- */

static void
conn_write(struct conn *c, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(c->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die("%s: write: %s", c->name, strerror(errno));
		p += w;
		n -= (size_t)w;
	}
}

/* Reads more into c->buf, waiting until deadline; 0 on timeout. */
static int
conn_read(struct conn *c, int64_t deadline)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	int64_t left;
	ssize_t r;

	if (c->len == c->cap) {
		c->cap = c->cap != 0 ? c->cap * 2 : 4096;
		c->buf = realloc(c->buf, c->cap);
		if (c->buf == NULL)
			die("out of memory");
	}
	for (;;) {
		left = deadline - now_ms();
		if (left <= 0)
			return 0;
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		if (pfd.revents == 0)
			continue;
		r = read(c->fd, c->buf + c->len, c->cap - c->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die("%s: read: %s", c->name, strerror(errno));
		if (r == 0)
			die("%s: the server closed the connection", c->name);
		c->len += (size_t)r;
		return 1;
	}
}

static void
conn_open(struct conn *c, const char *name, int port, const char *doc)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char req[512];
	size_t n;
	ssize_t h;
	int one = 1;
	int64_t deadline = now_ms() + CHECK_TIMEOUT_MS;

	memset(c, 0, sizeof *c);
	c->name = name;
	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (c->fd < 0)
		die("socket: %s", strerror(errno));
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) < 0)
		die("%s: connect to 127.0.0.1:%d: %s", name, port, strerror(errno));
	n = ws_handshake(req, sizeof req, "127.0.0.1", port, doc);
	if (n == 0)
		die("%s: handshake does not fit", name);
	conn_write(c, req, n);
	while ((h = ws_handshake_done(c->buf, c->len)) == 0)
		if (!conn_read(c, deadline))
			die("%s: no reply to the upgrade within %d ms", name,
			    CHECK_TIMEOUT_MS);
	if (h < 0)
		die("%s: upgrade refused: %.*s", name, (int)c->len, c->buf);
	memmove(c->buf, c->buf + h, c->len - (size_t)h);
	c->len -= (size_t)h;
}

/*
 * Next binary message on c before deadline, answering pings; returns 0 on
 * timeout.  The payload stays valid until the next call.
 */
static int
conn_next(struct conn *c, int64_t deadline, const char **p, size_t *n)
{
	char pong[200];
	size_t plen, m;
	ssize_t r;
	int op;

	memmove(c->buf, c->buf + c->skip, c->len - c->skip);
	c->len -= c->skip;
	c->skip = 0;
	for (;;) {
		r = ws_parse(c->buf, c->len, p, &plen, &op);
		if (r < 0)
			die("%s: bad frame from the server", c->name);
		if (r == 0) {
			if (!conn_read(c, deadline))
				return 0;
			continue;
		}
		switch (op) {
		case WS_OP_BINARY:
			*n = plen;
			c->skip = (size_t)r;
			return 1;
		case WS_OP_PING:
			m = ws_pong(pong, sizeof pong, *p, plen);
			conn_write(c, pong, m);
			break;
		case WS_OP_CLOSE:
			die("%s: the server sent close", c->name);
			break;
		default:
			fail("%s: unexpected opcode %d", c->name, op);
			break;
		}
		memmove(c->buf, c->buf + r, c->len - (size_t)r);
		c->len -= (size_t)r;
	}
}

static void
conn_close(struct conn *c)
{
	char frame[16];

	conn_write(c, frame, ws_close(frame, sizeof frame, 1000));
	close(c->fd);
	free(c->buf);
}

static void
save(const char *dir, const char *name, const void *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0)
		die("cannot write %s", path);
}

/* Reads a lib0 varuint at *p (before end); returns 0 when it runs over. */
static int
varuint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	int shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		*v |= (uint64_t)(**p & 0x7f) << shift;
		if ((*(*p)++ & 0x80) == 0)
			return 1;
		shift += 7;
	}
	return 0;
}

static int
relay(int port, const char *doc, const char *outdir)
{
	static const char *bodies[CHECK_TEXTS] = {
		"Short: café ",
		"A contribution of a realistic size, about three hundred bytes "
		"of UTF-8 — naïve “quotes”, arrows → and ← and an emoji 🙂 that "
		"is a surrogate pair in JavaScript, so Yjs must keep every byte "
		"of it. We agree to listen first, to speak briefly, and to "
		"leave the room with a charter everyone can live with. ",
		NULL,	/* 70 kB, made below */
	};
	struct conn a, b, c;
	char *text[CHECK_TEXTS], marker[CHECK_TEXTS][64], *msg[CHECK_TEXTS];
	char *frame, name[32], step1[8];
	size_t mlen[CHECK_TEXTS], tlen, flen, n, i;
	const char *p;
	const unsigned char *u, *end;
	uint64_t kind, step, ulen;
	uint32_t client, clock = 0;
	struct timespec ts;
	int seen[CHECK_TEXTS] = { 0 }, echoes = 0, nseen = 0, found = 0;
	int64_t deadline, t0;

	clock_gettime(CLOCK_REALTIME, &ts);
	client = ((uint32_t)ts.tv_nsec ^ (uint32_t)getpid() << 12) & 0x7fffffff;
	for (i = 0; i < CHECK_TEXTS; i++) {
		snprintf(marker[i], sizeof marker[i], "#B%zu@%lld%06ld#", i + 1,
		    (long long)ts.tv_sec, ts.tv_nsec / 1000 + (long)i);
		if (bodies[i] != NULL) {
			tlen = strlen(bodies[i]) + strlen(marker[i]);
			text[i] = xmalloc(tlen + 1);
			snprintf(text[i], tlen + 1, "%s%s", bodies[i], marker[i]);
		} else {
			tlen = 70000;
			text[i] = xmalloc(tlen + 1);
			for (n = 0; n < tlen; n++)
				text[i][n] = (char)('a' + n % 26);
			memcpy(text[i] + tlen / 2, marker[i], strlen(marker[i]));
			text[i][tlen] = '\0';
		}
		msg[i] = xmalloc(strlen(text[i]) + YJS_UPDATE_OVERHEAD);
		mlen[i] = yjs_update(msg[i], strlen(text[i]) + YJS_UPDATE_OVERHEAD,
		    client, clock, text[i]);
		if (mlen[i] == 0)
			die("yjs_update does not fit");
		clock += yjs_clock_step(text[i]);
	}

	conn_open(&a, "A", port, doc);
	conn_open(&b, "B", port, doc);
	frame = xmalloc(mlen[2] + WS_FRAME_OVERHEAD);
	t0 = now_ms();
	for (i = 0; i < CHECK_TEXTS; i++) {
		flen = ws_frame(frame, mlen[2] + WS_FRAME_OVERHEAD, msg[i], mlen[i]);
		conn_write(&a, frame, flen);
	}

	/* B: every marker, in a message equal to what A sent. */
	deadline = now_ms() + CHECK_TIMEOUT_MS;
	while (nseen < CHECK_TEXTS && conn_next(&b, deadline, &p, &n)) {
		for (i = 0; i < CHECK_TEXTS; i++) {
			if (seen[i] || find(p, n, marker[i]) == NULL)
				continue;
			seen[i] = 1;
			nseen++;
			if (n != mlen[i] || memcmp(p, msg[i], n) != 0)
				fail("B: update %zu came back re-encoded (%zu "
				    "bytes, sent %zu)", i, n, mlen[i]);
		}
	}
	for (i = 0; i < CHECK_TEXTS; i++)
		if (!seen[i])
			fail("B: no message with marker %s within %d ms",
			    marker[i], CHECK_TIMEOUT_MS);
	printf("check: B received %d of %d markers in %lld ms\n", nseen,
	    CHECK_TEXTS, (long long)(now_ms() - t0));

	/* A: the server relays to the sender too. */
	while (echoes < CHECK_TEXTS && conn_next(&a, deadline, &p, &n))
		for (i = 0; i < CHECK_TEXTS; i++)
			if (find(p, n, marker[i]) != NULL)
				echoes++;
	printf("check: A got %d of its %d updates back\n", echoes, CHECK_TEXTS);
	if (echoes != CHECK_TEXTS)
		fail("A: the server did not relay A's updates back to A");

	/* C: sync step 1 with an empty state vector gets the whole doc. */
	conn_open(&c, "C", port, doc);
	n = yjs_sync_step1(step1, sizeof step1);
	flen = ws_frame(frame, mlen[2] + WS_FRAME_OVERHEAD, step1, n);
	conn_write(&c, frame, flen);
	deadline = now_ms() + CHECK_TIMEOUT_MS;
	while (!found && conn_next(&c, deadline, &p, &n)) {
		u = (const unsigned char *)p;
		end = u + n;
		if (!varuint(&u, end, &kind) || !varuint(&u, end, &step) ||
		    kind != 0 || step != 1)
			continue;	/* the server's own sync step 1 */
		if (!varuint(&u, end, &ulen) || ulen != (uint64_t)(end - u))
			fail("C: sync step 2 with a bad length");
		else {
			save(outdir, "state", u, (size_t)ulen);
			printf("check: C got sync step 2, %llu bytes of update\n",
			    (unsigned long long)ulen);
			found = 1;
		}
	}
	if (!found)
		fail("C: no sync step 2 within %d ms", CHECK_TIMEOUT_MS);

	snprintf(name, sizeof name, "%u", client);
	save(outdir, "client", name, strlen(name));
	for (i = 0; i < CHECK_TEXTS; i++) {
		snprintf(name, sizeof name, "text.%zu", i);
		save(outdir, name, text[i], strlen(text[i]));
		/* The update itself, inside "0 2 varbytes". */
		u = (const unsigned char *)msg[i] + 2;
		end = (const unsigned char *)msg[i] + mlen[i];
		varuint(&u, end, &ulen);
		snprintf(name, sizeof name, "update.%zu", i);
		save(outdir, name, u, (size_t)(end - u));
		free(text[i]);
		free(msg[i]);
	}
	free(frame);
	conn_close(&a);
	conn_close(&b);
	conn_close(&c);
	return failures == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "selftest") == 0) {
		selftest_frames_out();
		selftest_frames_in();
		selftest_handshake();
		selftest_yjs();
		printf("check: selftest %s\n", failures == 0 ? "ok" : "FAILED");
		return failures == 0 ? 0 : 1;
	}
	if (argc == 5 && strcmp(argv[1], "relay") == 0)
		return relay(atoi(argv[2]), argv[3], argv[4]);
	fprintf(stderr, "usage: check selftest\n"
	    "       check relay PORT DOC OUTDIR\n");
	return 2;
}
