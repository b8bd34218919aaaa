/*
 * toolssh.h - what the SSH test tools share: a session as anyone, with a
 * terminal and a shell, on the room at 127.0.0.1; the time.
 */
#ifndef TOOLSSH_H
#define TOOLSSH_H

#include <stdio.h>
#include <time.h>

#include <libssh/libssh.h>

/* Seconds on the monotonic clock. */
static inline double
tool_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Connects to 127.0.0.1:port (from the address from, or NULL) as user,
 * with any password, and opens a channel with an 80 x 24 xterm and a
 * shell.  NULL, said on standard error, if any step fails. */
static inline ssh_channel
tool_shell(unsigned port, const char *user, const char *from)
{
	ssh_session s = ssh_new();
	ssh_channel ch = NULL;

	if (s == NULL)
		return NULL;
	ssh_options_set(s, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(s, SSH_OPTIONS_PORT, &port);
	ssh_options_set(s, SSH_OPTIONS_USER, user);
	ssh_options_set(s, SSH_OPTIONS_STRICTHOSTKEYCHECK, &(int){ 0 });
	ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &(int){ 0 });
	if (from != NULL)
		ssh_options_set(s, SSH_OPTIONS_BINDADDR, from);
	if (ssh_connect(s) != SSH_OK ||
	    ssh_userauth_password(s, NULL, "x") != SSH_AUTH_SUCCESS ||
	    (ch = ssh_channel_new(s)) == NULL ||
	    ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_pty_size(ch, "xterm", 80, 24) != SSH_OK ||
	    ssh_channel_request_shell(ch) != SSH_OK) {
		fprintf(stderr, "%s: %s\n", user, ssh_get_error(s));
		return NULL;
	}
	return ch;
}

#endif
