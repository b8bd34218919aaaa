/*
 * sshclient.c - the native client's tunnel: the room's protocol inside an
 * SSH channel, so nothing readable crosses the network.
 *
 * A thread of its own connects with libssh, checks the room's host key
 * against the one pinned on first use, asks for the "roundtable"
 * subsystem, and then relays the channel to one end of a socketpair; the
 * client's loop reads and writes the other end as it would a TCP
 * connection.  The loop hears that the tunnel is up (or why not) through a
 * uv_async handle.  Closing the loop's end ends the relay and the thread.
 *
 * Ownership: the tunnel is shared by the thread and the loop (two
 * references under a mutex); tunnel_release() gives up the loop's, and
 * tunnel_join() waits for the thread before the process leaves.
 */
#define _GNU_SOURCE	/* pthread_tryjoin_np */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <libssh/libssh.h>

#include "roundtable/i18n.h"
#include "roundtable/net.h"
#include "roundtable/text.h"
#include "net-internal.h"

#define TUNNEL_TIMEOUT_S	10	/* to connect and agree keys */

struct tunnel {
	pthread_mutex_t	 mu;
	int		 refs;
	bool		 released;	/* the loop gave up its reference */
	pthread_t	 thread;
	uv_async_t	 async;
	void		(*done)(struct tunnel *, void *ctx);
	void		*ctx;

	char		*host;
	int		 port;
	char		*pinned;	/* fingerprint expected, or NULL */
	/* Results, set by the thread before it signals. */
	int		 loop_fd;	/* the loop's end, or -1 */
	int		 thread_fd;
	int		 status;	/* TUNNEL_* */
	char		*fingerprint;	/* what the room showed */
	char		 error[240];
};

/* Tunnel threads not joined yet: the ones that ended are joined when the
 * next starts, the rest before the process leaves. */
static pthread_mutex_t threads_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_t *threads;
static size_t nthreads;

static void
remember_thread(pthread_t th)
{
	size_t i = 0;

	pthread_mutex_lock(&threads_mu);
	while (i < nthreads)
		if (pthread_tryjoin_np(threads[i], NULL) == 0)
			threads[i] = threads[--nthreads];
		else
			i++;
	threads = xrealloc(threads, (nthreads + 1) * sizeof *threads);
	threads[nthreads++] = th;
	pthread_mutex_unlock(&threads_mu);
}

static void
unref(struct tunnel *t)
{
	bool last;

	pthread_mutex_lock(&t->mu);
	last = --t->refs == 0;
	pthread_mutex_unlock(&t->mu);
	if (!last)
		return;
	pthread_mutex_destroy(&t->mu);
	free(t->host);
	free(t->pinned);
	free(t->fingerprint);
	free(t);
}

static void
signal_loop(struct tunnel *t)
{
	pthread_mutex_lock(&t->mu);
	if (!t->released)
		uv_async_send(&t->async);
	pthread_mutex_unlock(&t->mu);
}

/* Any method will do: the room asks for none in particular. */
int
tunnel_authenticate(ssh_session s)
{
	int rc = ssh_userauth_none(s, NULL);

	if (rc == SSH_AUTH_SUCCESS)
		return 0;
	rc = ssh_userauth_kbdint(s, NULL, NULL);
	while (rc == SSH_AUTH_INFO) {
		int i, n = ssh_userauth_kbdint_getnprompts(s);

		for (i = 0; i < n; i++)
			ssh_userauth_kbdint_setanswer(s, (unsigned)i, "");
		rc = ssh_userauth_kbdint(s, NULL, NULL);
	}
	if (rc == SSH_AUTH_SUCCESS)
		return 0;
	return ssh_userauth_password(s, NULL, "") == SSH_AUTH_SUCCESS ? 0 : -1;
}

static void *
tunnel_main(void *arg)
{
	struct tunnel *t = arg;
	ssh_session s = ssh_new();
	ssh_channel ch = NULL;
	ssh_key key = NULL;
	long timeout = TUNNEL_TIMEOUT_S;
	unsigned port = (unsigned)t->port;
	int no = 0, yes = 1;

	t->status = TUNNEL_FAILED;
	if (s == NULL) {
		snprintf(t->error, sizeof t->error, "%s", _("cannot start "
		    "SSH"));
		goto out;
	}
	ssh_options_set(s, SSH_OPTIONS_HOST, t->host);
	ssh_options_set(s, SSH_OPTIONS_PORT, &port);
	ssh_options_set(s, SSH_OPTIONS_USER, "roundtable");
	ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
	/* The person's ~/.ssh/config is for their shells, not this room. */
	ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
	/* Small frames, sent at once, as on the plain connection. */
	ssh_options_set(s, SSH_OPTIONS_NODELAY, &yes);
	if (ssh_connect(s) != SSH_OK) {
		snprintf(t->error, sizeof t->error, _("cannot reach %s:%d "
		    "(%s)"), t->host, t->port, ssh_get_error(s));
		goto out;
	}
	if (ssh_get_server_publickey(s, &key) != SSH_OK ||
	    (t->fingerprint = net_key_fingerprint(key)) == NULL) {
		snprintf(t->error, sizeof t->error, _("%s:%d showed no usable "
		    "key"), t->host, t->port);
		goto out;
	}
	if (t->pinned != NULL && strcmp(t->pinned, t->fingerprint) != 0) {
		t->status = TUNNEL_KEY_CHANGED;
		goto out;
	}
	if (tunnel_authenticate(s) != 0) {
		snprintf(t->error, sizeof t->error, _("%s:%d did not let us "
		    "in (%s); is it a roundtable room?"), t->host, t->port,
		    ssh_get_error(s));
		goto out;
	}
	if ((ch = ssh_channel_new(s)) == NULL ||
	    ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_subsystem(ch, NET_SSH_SUBSYSTEM) != SSH_OK) {
		snprintf(t->error, sizeof t->error, _("%s:%d is not a "
		    "roundtable room (%s)"), t->host, t->port,
		    ssh_get_error(s));
		goto out;
	}
	t->status = TUNNEL_UP;
	signal_loop(t);
	net_relay(s, ch, t->thread_fd);
	ssh_channel_send_eof(ch);
	ssh_channel_close(ch);
out:
	close(t->thread_fd);
	t->thread_fd = -1;
	if (t->status != TUNNEL_UP)
		signal_loop(t);
	ssh_key_free(key);
	if (ch != NULL)
		ssh_channel_free(ch);
	if (s != NULL) {
		ssh_disconnect(s);
		ssh_free(s);
	}
	unref(t);
	return NULL;
}

static void
on_async(uv_async_t *h)
{
	struct tunnel *t = h->data;

	if (t->done != NULL) {
		void (*done)(struct tunnel *, void *) = t->done;

		t->done = NULL;		/* once */
		done(t, t->ctx);
	}
}

struct tunnel *
tunnel_start(uv_loop_t *loop, const char *host, int port, const char *pinned,
    void (*done)(struct tunnel *, void *ctx), void *ctx)
{
	struct tunnel *t = xcalloc(1, sizeof *t);
	int pair[2];

	pthread_mutex_init(&t->mu, NULL);
	t->refs = 2;
	t->host = xstrdup(host);
	t->port = port;
	t->pinned = pinned != NULL ? xstrdup(pinned) : NULL;
	t->done = done;
	t->ctx = ctx;
	t->loop_fd = t->thread_fd = -1;
	uv_async_init(loop, &t->async, on_async);
	t->async.data = t;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
		snprintf(t->error, sizeof t->error, "%s", _("cannot make a "
		    "socketpair"));
		t->status = TUNNEL_FAILED;
		t->refs = 1;
		uv_async_send(&t->async);
		return t;
	}
	t->loop_fd = pair[0];
	t->thread_fd = pair[1];
	if (pthread_create(&t->thread, NULL, tunnel_main, t) != 0) {
		close(pair[0]);
		close(pair[1]);
		t->loop_fd = t->thread_fd = -1;
		snprintf(t->error, sizeof t->error, "%s", _("cannot start a "
		    "thread"));
		t->status = TUNNEL_FAILED;
		t->refs = 1;
		uv_async_send(&t->async);
		return t;
	}
	remember_thread(t->thread);
	return t;
}

int
tunnel_status(const struct tunnel *t)
{
	return t->status;
}

int
tunnel_take_fd(struct tunnel *t)
{
	int fd = t->loop_fd;

	t->loop_fd = -1;
	return fd;
}

const char *
tunnel_fingerprint(const struct tunnel *t)
{
	return t->fingerprint;
}

const char *
tunnel_error(const struct tunnel *t)
{
	return t->error;
}

static void
on_async_closed(uv_handle_t *h)
{
	unref(h->data);
}

void
tunnel_release(struct tunnel *t)
{
	if (t->loop_fd >= 0) {
		close(t->loop_fd);	/* ends the relay */
		t->loop_fd = -1;
	}
	pthread_mutex_lock(&t->mu);
	t->released = true;
	pthread_mutex_unlock(&t->mu);
	t->done = NULL;
	uv_close((uv_handle_t *)&t->async, on_async_closed);
}

void
tunnel_join_all(void)
{
	size_t i;

	pthread_mutex_lock(&threads_mu);
	for (i = 0; i < nthreads; i++) {
		struct timespec until;

		/* A thread still in a connect to an address that does not
		 * answer would hold the person up to TUNNEL_TIMEOUT_S after
		 * they quit: let it go with the process instead. */
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		if (pthread_timedjoin_np(threads[i], NULL, &until) != 0)
			pthread_detach(threads[i]);
	}
	nthreads = 0;
	free(threads);
	threads = NULL;
	pthread_mutex_unlock(&threads_mu);
}
