/*
 * util.c - small things the server and the client share: addresses, join
 * codes, resume tokens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>

#include "roundtable/i18n.h"
#include "roundtable/net.h"
#include "roundtable/text.h"

/* No look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B): read aloud and typed from a
 * projector at the back of a room. */
static const char code_alphabet[] = "ACDEFGHJKMNPQRTUVWXY34679";

static void
random_bytes(unsigned char *buf, size_t len)
{
	/* Synchronous when no callback is given (getrandom underneath). */
	if (uv_random(NULL, NULL, buf, len, 0, NULL) != 0) {
		fprintf(stderr, _("roundtable: no source of randomness\n"));
		abort();
	}
}

void
net_make_code(char *out, size_t outlen)
{
	const size_t n = sizeof code_alphabet - 1;
	unsigned char b;
	size_t i = 0;

	if (outlen < 8)
		abort();
	while (i < 7) {
		if (i == 3) {
			out[i++] = '-';
			continue;
		}
		random_bytes(&b, 1);
		if (b >= 256 - 256 % n)		/* no modulo bias */
			continue;
		out[i++] = code_alphabet[b % n];
	}
	out[i] = '\0';
}

void
net_make_token(char *out, size_t outlen)
{
	unsigned char b[16];
	size_t i;

	if (outlen < 33)
		abort();
	random_bytes(b, sizeof b);
	for (i = 0; i < sizeof b; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

int
net_parse_hostport(const char *s, char *host, size_t hostlen, int *port)
{
	const char *end, *colon;
	size_t len;
	char *stop;
	long p;

	*port = 0;	/* none given: the caller's default */
	if (s == NULL || *s == '\0')
		return -1;
	if (*s == '[') {
		end = strchr(s, ']');
		if (end == NULL)
			return -1;
		len = (size_t)(end - s - 1);
		s++;
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] != '\0' && colon == NULL)
			return -1;
	} else {
		colon = strchr(s, ':');
		if (colon != NULL && strchr(colon + 1, ':') != NULL) {
			/* A bare IPv6 address, no port. */
			colon = NULL;
			len = strlen(s);
		} else
			len = colon != NULL ? (size_t)(colon - s) : strlen(s);
	}
	if (len == 0 || len >= hostlen)
		return -1;
	memcpy(host, s, len);
	host[len] = '\0';
	if (colon != NULL) {
		p = strtol(colon + 1, &stop, 10);
		if (colon[1] == '\0' || *stop != '\0' || p < 1 || p > 65535)
			return -1;
		*port = (int)p;
	}
	return 0;
}

static void
push_line(char ***lines, size_t *n, char *line)
{
	*lines = xrealloc(*lines, (*n + 2) * sizeof **lines);
	(*lines)[(*n)++] = line;
	(*lines)[*n] = NULL;
}

/* The commands are commands in every language; only the "or" between
 * them is a word. */
static char *
join_line(const char *addr, bool v6, int port, const char *code, bool ssh)
{
	char *cmd, *ssh_cmd, *line;

	cmd = xasprintf("roundtable join %s%s%s%s:%d --code %s", ssh ? "" :
	    "--plain ", v6 ? "[" : "", addr, v6 ? "]" : "", port, code);
	if (!ssh)
		return cmd;
	/* ssh wants a bare address, and its own -p. */
	ssh_cmd = xasprintf("ssh -p %d %s", port, addr);
	/* TRANSLATORS: two ways to join: "ssh -p 7422 ADDRESS   or:
	 * roundtable join ..."; the three spaces set them apart. */
	line = xasprintf(_("%s   or: %s"), ssh_cmd, cmd);
	free(ssh_cmd);
	free(cmd);
	return line;
}

char **
net_join_lines(const char *bind, int port, const char *code, bool ssh)
{
	uv_interface_address_t *ifs;
	char **lines = NULL, addr[INET6_ADDRSTRLEN];
	size_t n = 0;
	int count, i, pass;
	bool any4 = strcmp(bind, "0.0.0.0") == 0;
	bool any6 = strcmp(bind, "::") == 0;

	if (!any4 && !any6) {
		push_line(&lines, &n, join_line(bind, strchr(bind, ':') != NULL,
		    port, code, ssh));
		return lines;
	}
	if (uv_interface_addresses(&ifs, &count) != 0)
		count = 0, ifs = NULL;
	/* LAN addresses first; loopback only when there is nothing else. */
	for (pass = 0; pass < 2 && n == 0; pass++) {
		for (i = 0; i < count; i++) {
			bool v6 = ifs[i].address.address4.sin_family == AF_INET6;

			if ((pass == 0) != !ifs[i].is_internal)
				continue;
			if (v6 && !any6)
				continue;
			if (v6) {
				/* Link-local addresses need a scope. */
				const unsigned char *a =
				    ifs[i].address.address6.sin6_addr.s6_addr;
				if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
					continue;
				uv_ip6_name(&ifs[i].address.address6, addr,
				    sizeof addr);
			} else
				uv_ip4_name(&ifs[i].address.address4, addr,
				    sizeof addr);
			push_line(&lines, &n, join_line(addr, v6, port, code,
			    ssh));
		}
	}
	uv_free_interface_addresses(ifs, count);
	if (n == 0)
		push_line(&lines, &n, join_line(any6 ? "::1" : "127.0.0.1",
		    any6, port, code, ssh));
	return lines;
}

int64_t
net_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
