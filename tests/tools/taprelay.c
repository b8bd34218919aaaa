/*
 * taprelay.c - a TCP relay that records every byte it carries, for
 * tests/e2e/wire.sh: what would someone on the hotel Wi-Fi see?
 *
 * usage: taprelay LISTEN_PORT TARGET_PORT FILE
 *
 * Listens on 127.0.0.1:LISTEN_PORT (0: any free port, printed on standard
 * output as "port N"), connects each client to 127.0.0.1:TARGET_PORT and
 * appends both directions' bytes to FILE.  Loopback only.  Stops by itself
 * after 300 seconds, or on SIGTERM.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define PAIRS_MAX	64
#define LIFETIME_S	300

static int
listen_on(int port, int *actual)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof one) != 0 || bind(fd, (struct sockaddr *)&sa,
	    sizeof sa) != 0 || listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0)
		return -1;
	*actual = ntohs(sa.sin_port);
	return fd;
}

static int
connect_to(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int
main(int argc, char **argv)
{
	struct pollfd p[1 + 2 * PAIRS_MAX];
	int peer[1 + 2 * PAIRS_MAX];
	size_t n = 1, i;
	time_t end = time(NULL) + LIFETIME_S;
	char buf[65536];
	FILE *log;
	int port;

	if (argc != 4) {
		fprintf(stderr, "usage: taprelay LISTEN_PORT TARGET_PORT "
		    "FILE\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if ((log = fopen(argv[3], "ab")) == NULL ||
	    (p[0].fd = listen_on(atoi(argv[1]), &port)) < 0) {
		perror("taprelay");
		return 1;
	}
	p[0].events = POLLIN;
	printf("port %d\n", port);
	fflush(stdout);
	while (time(NULL) < end) {
		if (poll(p, n, 1000) < 0 && errno != EINTR)
			break;
		if ((p[0].revents & POLLIN) && n + 2 <= 1 + 2 * PAIRS_MAX) {
			int a = accept4(p[0].fd, NULL, NULL, SOCK_CLOEXEC);
			int b = a >= 0 ? connect_to(atoi(argv[2])) : -1;

			if (a >= 0 && b < 0)
				close(a);
			if (a >= 0 && b >= 0) {
				p[n] = (struct pollfd){ .fd = a, .events = POLLIN };
				peer[n++] = b;
				p[n] = (struct pollfd){ .fd = b, .events = POLLIN };
				peer[n++] = a;
			}
		}
		for (i = 1; i < n; i++) {
			ssize_t r;

			if (p[i].fd < 0 || p[i].revents == 0)
				continue;
			r = read(p[i].fd, buf, sizeof buf);
			if (r <= 0) {
				/* One side ended: end the pair. */
				size_t j = (i % 2 == 1) ? i + 1 : i - 1;

				close(p[i].fd);
				close(p[j].fd);
				p[i].fd = p[j].fd = -1;
				continue;
			}
			fwrite(buf, 1, (size_t)r, log);
			fflush(log);
			if (write(peer[i], buf, (size_t)r) != r) {
				size_t j = (i % 2 == 1) ? i + 1 : i - 1;

				close(p[i].fd);
				close(p[j].fd);
				p[i].fd = p[j].fd = -1;
			}
		}
	}
	fclose(log);
	return 0;
}
