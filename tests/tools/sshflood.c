/*
 * sshflood.c - an SSH client that sends past the window the room gave
 * it, for tests/e2e/ssh-abuse.sh.
 *
 * usage: sshflood PORT MEGABYTES [FROM]
 *
 * Connects to 127.0.0.1:PORT (from the address FROM, 127.0.0.1 by
 * default) with libssh as anyone, asks for a terminal
 * and a shell, and then sends keys without end while reading and
 * dropping all that comes back, so neither its window nor TCP ever holds
 * the room's writes up.  libssh respects the window the room gave it, and
 * offers no way not to: this client finds the window in its channel (the
 * 32-bit field that a write of ten bytes takes ten from) and keeps it
 * full before every write.  libssh on the room's side keeps what comes
 * past the window; the room must drop such a client, not hold it all.
 * Prints "dropped after N bytes" and exits 0 if the room ended the
 * connection before MEGABYTES were sent, "not dropped" and 1 if not, 2
 * if it could not start (the field not found: another libssh).
 * Loopback only.
 */
#define _POSIX_C_SOURCE 200809L	/* clock_gettime */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libssh/libssh.h>

#include "toolssh.h"

#define PROBE_WORDS	64

int
main(int argc, char **argv)
{
	static char buf[32000], drop[65536];
	uint32_t before[PROBE_WORDS], *field = NULL, *words, w0;
	unsigned port;
	long long limit, sent = 0;
	ssh_channel ch;
	double t0;
	int i, n;

	if ((argc != 3 && argc != 4) || (port = (unsigned)atoi(argv[1])) ==
	    0 || (limit = atoll(argv[2]) << 20) <= 0) {
		fprintf(stderr, "usage: sshflood PORT MEGABYTES [FROM]\n");
		return 2;
	}
	if ((ch = tool_shell(port, "sshflood", argc == 4 ? argv[3] : NULL)) ==
	    NULL)
		return 2;
	/* The screen's first frames. */
	t0 = tool_now();
	while (tool_now() - t0 < 1)
		ssh_channel_read_timeout(ch, drop, sizeof drop, 0, 100);
	w0 = ssh_channel_window_size(ch);
	words = (uint32_t *)(void *)ch;
	memcpy(before, words, sizeof before);
	if (ssh_channel_write(ch, "0123456789", 10) != 10)
		return 2;
	for (i = 0; i < PROBE_WORDS; i++)
		if (before[i] == w0 && words[i] == w0 - 10) {
			field = &words[i];
			break;
		}
	if (field == NULL) {
		fprintf(stderr, "sshflood: the channel's window is not where "
		    "this libssh was thought to keep it\n");
		return 2;
	}
	memset(buf, 'x', sizeof buf);
	while (sent < limit) {
		*field = 0x7fffffff;
		n = ssh_channel_write(ch, buf, sizeof buf);
		if (n < 0 || !ssh_channel_is_open(ch))
			break;
		sent += n;
		while (ssh_channel_read_nonblocking(ch, drop, sizeof drop,
		    0) > 0)
			;
	}
	if (sent < limit) {
		printf("dropped after %lld bytes\n", sent);
		return 0;
	}
	printf("not dropped after %lld bytes\n", sent);
	return 1;
}
