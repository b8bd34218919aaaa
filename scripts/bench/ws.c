/*
 * ws.c - a minimal RFC 6455 websocket client for the benchmark (issue 7).
 *
 * Pure buffer code: nothing here reads or writes a socket.  Keys and
 * masks come from a xorshift generator seeded from /dev/urandom, the time
 * and the pid, and seeded again in a forked child at its first handshake,
 * so processes spawned by the load generator do not share keys.  They only
 * need to differ, not to be secret: the benchmark stays on 127.0.0.1.
 */
#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "ws.h"

static uint64_t	ws_rng_state;
static pid_t	ws_rng_pid;

static void
ws_rng_seed(void)
{
	struct timespec ts;
	uint64_t seed = 0;
	int fd;

	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (read(fd, &seed, sizeof seed) != (ssize_t)sizeof seed)
			seed = 0;
		close(fd);
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ws_rng_pid = getpid();
	seed ^= (uint64_t)ts.tv_nsec << 20 ^ (uint64_t)ts.tv_sec ^
	    (uint64_t)ws_rng_pid << 40;
	ws_rng_state = seed != 0 ? seed : 0x9e3779b97f4a7c15ULL;
}

static uint32_t
ws_rng(void)
{
	uint64_t x;

	if (ws_rng_state == 0)
		ws_rng_seed();
	x = ws_rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	ws_rng_state = x;
	return (uint32_t)((x * 0x2545f4914f6cdd1dULL) >> 32);
}

static size_t
ws_base64(char *out, const unsigned char *in, size_t n)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, o = 0;
	uint32_t v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		out[o++] = digits[v >> 18 & 63];
		out[o++] = digits[v >> 12 & 63];
		out[o++] = digits[v >> 6 & 63];
		out[o++] = digits[v & 63];
	}
	if (i < n) {
		v = (uint32_t)in[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		out[o++] = digits[v >> 18 & 63];
		out[o++] = digits[v >> 12 & 63];
		out[o++] = i + 1 < n ? digits[v >> 6 & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

size_t
ws_handshake(char *out, size_t cap, const char *host, int port,
    const char *path)
{
	unsigned char nonce[16];
	char key[25];
	uint32_t r;
	size_t i;
	int n;

	if (ws_rng_state == 0 || ws_rng_pid != getpid())
		ws_rng_seed();
	for (i = 0; i < sizeof nonce; i += 4) {
		r = ws_rng();
		memcpy(nonce + i, &r, 4);
	}
	ws_base64(key, nonce, sizeof nonce);

	n = snprintf(out, cap,
	    "GET %s%s HTTP/1.1\r\n"
	    "Host: %s:%d\r\n"
	    "Upgrade: websocket\r\n"
	    "Connection: Upgrade\r\n"
	    "Sec-WebSocket-Key: %s\r\n"
	    "Sec-WebSocket-Version: 13\r\n"
	    "\r\n",
	    path[0] == '/' ? "" : "/", path, host, port, key);
	if (n < 0 || (size_t)n >= cap)
		return 0;
	return (size_t)n;
}

/*
 * Finds header name (case-insensitive, at the start of a line) among
 * lines [start, end) and returns its value with leading blanks skipped,
 * or NULL.  The value runs to the next "\r\n".
 */
static const char *
ws_header(const char *start, const char *end, const char *name)
{
	size_t nlen = strlen(name);
	const char *line, *next, *v;

	for (line = start; line < end; line = next + 2) {
		next = line;
		while (next + 1 < end && !(next[0] == '\r' && next[1] == '\n'))
			next++;
		if (next + 1 >= end)
			break;
		if ((size_t)(next - line) > nlen && line[nlen] == ':' &&
		    strncasecmp(line, name, nlen) == 0) {
			v = line + nlen + 1;
			while (v < next && (*v == ' ' || *v == '\t'))
				v++;
			return v;
		}
	}
	return NULL;
}

ssize_t
ws_handshake_done(const char *in, size_t len)
{
	const char *end = NULL, *eol, *v;
	size_t i;

	for (i = 0; i + 3 < len; i++) {
		if (memcmp(in + i, "\r\n\r\n", 4) == 0) {
			end = in + i + 4;
			break;
		}
	}
	if (end == NULL)
		return len >= WS_HANDSHAKE_MAX ? -1 : 0;

	/* "HTTP/1.1 101 Switching Protocols" */
	if (end - in < 16 || memcmp(in, "HTTP/1.", 7) != 0 || in[8] != ' ' ||
	    memcmp(in + 9, "101", 3) != 0 || isdigit((unsigned char)in[12]))
		return -1;
	eol = memchr(in, '\n', (size_t)(end - in));
	v = ws_header(eol + 1, end, "Upgrade");
	if (v == NULL || strncasecmp(v, "websocket", 9) != 0)
		return -1;
	if (ws_header(eol + 1, end, "Sec-WebSocket-Accept") == NULL)
		return -1;
	/* RFC 6455 4.1: an extension we did not ask for fails the opening. */
	if (ws_header(eol + 1, end, "Sec-WebSocket-Extensions") != NULL)
		return -1;
	return end - in;
}

static size_t
ws_frame_op(char *out, size_t cap, int opcode, const void *p, size_t n)
{
	const unsigned char *src = p;
	unsigned char *o = (unsigned char *)out;
	unsigned char mask[4];
	uint32_t r;
	size_t h, i;

	h = n < 126 ? 2 : n <= 0xffff ? 4 : 10;
	if (cap < h + 4 || cap - h - 4 < n)
		return 0;
	o[0] = 0x80 | (unsigned char)opcode;
	if (n < 126)
		o[1] = 0x80 | (unsigned char)n;
	else if (n <= 0xffff) {
		o[1] = 0x80 | 126;
		o[2] = (unsigned char)(n >> 8);
		o[3] = (unsigned char)n;
	} else {
		o[1] = 0x80 | 127;
		for (i = 0; i < 8; i++)
			o[2 + i] = (unsigned char)((uint64_t)n >> (56 - 8 * i));
	}
	r = ws_rng();
	memcpy(mask, &r, 4);
	memcpy(o + h, mask, 4);
	o += h + 4;
	for (i = 0; i < n; i++)
		o[i] = src[i] ^ mask[i & 3];
	return h + 4 + n;
}

size_t
ws_frame(char *out, size_t cap, const void *p, size_t n)
{
	return ws_frame_op(out, cap, WS_OP_BINARY, p, n);
}

size_t
ws_pong(char *out, size_t cap, const void *p, size_t n)
{
	if (n > 125)
		return 0;
	return ws_frame_op(out, cap, WS_OP_PONG, p, n);
}

size_t
ws_close(char *out, size_t cap, unsigned code)
{
	unsigned char status[2];

	status[0] = (unsigned char)(code >> 8);
	status[1] = (unsigned char)code;
	return ws_frame_op(out, cap, WS_OP_CLOSE, status, 2);
}

ssize_t
ws_parse(const char *in, size_t len, const char **payload, size_t *plen,
    int *opcode)
{
	const unsigned char *b = (const unsigned char *)in;
	uint64_t n;
	size_t h, i;
	int op;

	if (len < 2)
		return 0;
	op = b[0] & 0x0f;
	if ((b[0] & 0x70) != 0 || (b[1] & 0x80) != 0)
		return -1;	/* no extension, and servers never mask */
	if ((op > WS_OP_BINARY && op < WS_OP_CLOSE) || op > WS_OP_PONG)
		return -1;
	n = b[1] & 0x7f;
	h = 2;
	if (n == 126) {
		if (len < 4)
			return 0;
		n = (uint64_t)b[2] << 8 | b[3];
		h = 4;
	} else if (n == 127) {
		if (len < 10)
			return 0;
		for (n = 0, i = 0; i < 8; i++)
			n = n << 8 | b[2 + i];
		if (n >> 63)
			return -1;
		h = 10;
	}
	if (op >= WS_OP_CLOSE && (n > 125 || (b[0] & 0x80) == 0))
		return -1;
	if (n > (uint64_t)(SSIZE_MAX - h) || n > (uint64_t)(SIZE_MAX - h))
		return -1;
	if (len - h < n)
		return 0;
	*payload = in + h;
	*plen = (size_t)n;
	*opcode = op;
	return (ssize_t)(h + n);
}
