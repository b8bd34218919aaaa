/*
 * sshstall.c - an SSH participant whose ssh stops taking what the room
 * sends (a frozen client, a laptop asleep), for tests/e2e/ssh-stall.sh.
 *
 * usage: sshstall PORT CODE SECONDS [rekey]
 *
 * Connects to 127.0.0.1:PORT with libssh on a socket whose receive
 * buffer is as small as the kernel allows, as anyone, asks for a
 * terminal and a shell, and joins the room with CODE as "Stalled" in the
 * first group ("Rekeying" with rekey, below).  Then it prints "stalled"
 * and stops reading: its kernel soon takes nothing more, and what the
 * room's screen draws for it next (the test makes it draw) fills what
 * TCP holds.  After SECONDS it exits.  (It cannot tell when the room gives up on it: the end of the
 * connection waits, in TCP, behind what it does not read.)  Loopback
 * only.
 *
 * With "rekey" it stalls another way: it starts a new key exchange and
 * never finishes it, while its kernel takes in everything that comes (it
 * reads the socket itself, past libssh), so neither the window nor TCP
 * ever holds the room's writes up: only the key exchange does.
 */
#define _POSIX_C_SOURCE 200809L	/* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <libssh/libssh.h>

#include "toolssh.h"

/* A connection to 127.0.0.1:port that holds little of what comes. */
static int
small_socket(unsigned port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0), small = 1;

	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small,
	    sizeof small) != 0 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0)
		return -1;
	return fd;
}

/* Takes in what comes for a while (the join flow's screens). */
static int
pump(ssh_event ev, double seconds)
{
	double t = tool_now();

	while (tool_now() - t < seconds)
		if (ssh_event_dopoll(ev, 50) == SSH_ERROR)
			return -1;
	return 0;
}

/* Starts a key exchange, then reads and drops whatever comes. */
static void
rekey_and_drain(ssh_session s, int fd, int limit)
{
	uint32_t one_second = 1;
	char buf[16384];
	double t;

	/* libssh starts a key exchange before a packet it sends once the
	 * keys are older than this; the ignore message is that packet. */
	ssh_options_set(s, SSH_OPTIONS_REKEY_TIME, &one_second);
	sleep(2);
	ssh_send_ignore(s, "rekey");
	printf("stalled\n");
	fflush(stdout);
	t = tool_now();
	while (tool_now() - t < limit)
		if (read(fd, buf, sizeof buf) <= 0)
			break;
	/* The room closed the connection: what it would have done. */
	printf("closed after %.0f s\n", tool_now() - t);
	fflush(stdout);
	sleep(1);
}

int
main(int argc, char **argv)
{
	const char *keys[] = { argv[2], argc == 5 ? "\025Rekeying" :
	    "\025Stalled", "" };
	ssh_session s;
	ssh_channel ch;
	ssh_event ev;
	unsigned port;
	int i, fd, limit, rc, no = 0;

	if ((argc != 4 && (argc != 5 || strcmp(argv[4], "rekey") != 0)) ||
	    (port = (unsigned)atoi(argv[1])) == 0 ||
	    (limit = atoi(argv[3])) <= 0) {
		fprintf(stderr, "usage: sshstall PORT CODE SECONDS [rekey]\n");
		return 2;
	}
	if ((s = ssh_new()) == NULL || (fd = small_socket(port)) < 0) {
		perror("sshstall: connect");
		return 2;
	}
	ssh_options_set(s, SSH_OPTIONS_FD, &fd);
	ssh_options_set(s, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(s, SSH_OPTIONS_USER, "stall");
	ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
	if (ssh_connect(s) != SSH_OK) {
		fprintf(stderr, "sshstall: %s\n", ssh_get_error(s));
		return 2;
	}
	rc = ssh_userauth_kbdint(s, NULL, NULL);
	while (rc == SSH_AUTH_INFO)
		rc = ssh_userauth_kbdint(s, NULL, NULL);
	if (rc != SSH_AUTH_SUCCESS ||
	    (ch = ssh_channel_new(s)) == NULL ||
	    ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_pty_size(ch, "xterm", 200, 60) != SSH_OK ||
	    ssh_channel_request_shell(ch) != SSH_OK ||
	    (ev = ssh_event_new()) == NULL ||
	    ssh_event_add_session(ev, s) != SSH_OK) {
		fprintf(stderr, "sshstall: %s\n", ssh_get_error(s));
		return 2;
	}
	/* The join code, a name, the first group: libssh keeps the
	 * screens for a read that never comes. */
	for (i = 0; i < 3; i++) {
		if (pump(ev, 1) != 0) {
			fprintf(stderr, "sshstall: %s\n", ssh_get_error(s));
			return 2;
		}
		ssh_channel_write(ch, keys[i], (uint32_t)strlen(keys[i]));
		ssh_channel_write(ch, "\r", 1);
	}
	if (pump(ev, 1) != 0)
		return 2;
	if (argc == 5) {
		rekey_and_drain(s, fd, limit);
		return 0;
	}
	/* From now on libssh is not called: nothing is read. */
	printf("stalled\n");
	fflush(stdout);
	sleep((unsigned)limit);
	return 0;
}
