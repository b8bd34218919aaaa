/*
 * sshtyper.c - an SSH participant who types faster than their screen
 * reads, for tests/e2e/ssh-words.sh.
 *
 * usage: sshtyper PORT
 *
 * Connects to 127.0.0.1:PORT with libssh as anyone, asks for a terminal
 * and a shell, waits for the join code prompt, prints "typing" and then
 * presses Backspace every 100 microseconds, reading all that comes, until
 * the room ends the channel.  Then prints the last line the room wrote
 * that begins with "roundtable: " (the screen's last words), or "no last
 * words", and the exit status.  Loopback only.
 */
#define _GNU_SOURCE	/* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include "toolssh.h"

#define OUT_MAX	(16u << 20)

static char	*out;
static size_t	 nout;
static int	 status = -1;

/* Kept as it comes: asked for later, libssh says -1 once a write of
 * ours has met the closed connection. */
static void
on_exit_status(ssh_session s, ssh_channel ch, int st, void *userdata)
{
	(void)s;
	(void)ch;
	(void)userdata;
	status = st;
}

/* What came, its last OUT_MAX / 2 bytes at least: the screen redraws
 * as long as keys come, and only the end is looked at. */
static void
keep(const char *p, int n)
{
	if (n <= 0)
		return;
	if ((size_t)n > OUT_MAX / 2) {
		p += (size_t)n - OUT_MAX / 2;
		n = OUT_MAX / 2;
	}
	if (nout + (size_t)n > OUT_MAX) {
		memmove(out, out + nout - OUT_MAX / 2, OUT_MAX / 2);
		nout = OUT_MAX / 2;
	}
	memcpy(out + nout, p, (size_t)n);
	nout += (size_t)n;
}

int
main(int argc, char **argv)
{
	struct ssh_channel_callbacks_struct cb = { 0 };
	char buf[65536], *w, *end;
	unsigned port;
	ssh_channel ch;
	int r;

	if (argc != 2 || (port = (unsigned)atoi(argv[1])) == 0) {
		fprintf(stderr, "usage: sshtyper PORT\n");
		return 2;
	}
	if ((out = malloc(OUT_MAX)) == NULL)
		return 2;
	if ((ch = tool_shell(port, "sshtyper", NULL)) == NULL)
		return 2;
	cb.channel_exit_status_function = on_exit_status;
	ssh_callbacks_init(&cb);
	ssh_set_channel_callbacks(ch, &cb);
	while (memmem(out, nout, "Join code", 9) == NULL) {
		r = ssh_channel_read_timeout(ch, buf, sizeof buf, 0, 100);
		if (r < 0 || ssh_channel_is_eof(ch))
			return 2;
		keep(buf, r);
	}
	printf("typing\n");
	fflush(stdout);
	for (;;) {
		/* Until the screen's last words: a key sent after the room
		 * has closed the connection would put libssh in error before
		 * it has read what came before it. */
		if (nout < 64 || memmem(out + nout - 64, 64,
		    "roundtable: ", 12) == NULL)
			ssh_channel_write(ch, "\177", 1);
		while ((r = ssh_channel_read_nonblocking(ch, buf, sizeof buf,
		    0)) > 0)
			keep(buf, r);
		if (r < 0 || ssh_channel_is_eof(ch) || ssh_channel_is_closed(ch))
			break;
		usleep(100);
	}
	while ((r = ssh_channel_read_timeout(ch, buf, sizeof buf, 0, 200)) > 0)
		keep(buf, r);
	w = NULL;
	for (end = out; (end = memmem(end, nout - (size_t)(end - out),
	    "roundtable: ", 12)) != NULL; end++)
		w = end;
	if (w == NULL)
		printf("no last words\n");
	else {
		/* Printable, so what came cannot move this terminal. */
		for (end = w; end < out + nout && *end != '\r' &&
		    end - w < 120; end++)
			putchar(*end >= ' ' && *end <= '~' ? *end : '?');
		putchar('\n');
	}
	printf("exit status %d\n", status);
	return 0;
}
