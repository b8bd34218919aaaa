/*
 * sshkey.c - the room's SSH host key: its identity on the network.
 *
 * Made once, on the first start, as an Ed25519 key in OpenSSH's private key
 * format, beside the record (STATE.hostkey, mode 0600), and read again on
 * every start, so participants who pinned it recognise the room whatever
 * address it has today.  Its fingerprint is written as OpenSSH writes it
 * ("SHA256:" and unpadded base64), so what the projector shows is what
 * `ssh` prints.  All cryptography is libssh's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libssh/libssh.h>

#include "roundtable/file.h"
#include "roundtable/i18n.h"
#include "roundtable/net.h"
#include "roundtable/text.h"

char *
net_key_fingerprint(ssh_key key)
{
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp, *out;

	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) != 0)
		return NULL;
	fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	ssh_clean_pubkey_hash(&hash);
	if (fp == NULL)
		return NULL;
	out = xstrdup(fp);
	ssh_string_free_char(fp);
	return out;
}

char *
net_key_id(ssh_key key)
{
	unsigned char *hash = NULL;
	size_t hlen = 0, i;
	char *hex;

	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) != 0)
		return NULL;
	hex = xmalloc(2 * hlen + 1);
	for (i = 0; i < hlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", hash[i]);
	ssh_clean_pubkey_hash(&hash);
	return hex;
}

/* Writes a new key to path, whole or not at all (file_replace), so a
 * crash leaves either no key or the whole key. */
static int
make_key(const char *path, char *err, size_t errlen)
{
	ssh_key key = NULL;
	char *pem = NULL;
	int r = -1;

	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK ||
	    ssh_pki_export_privkey_base64(key, NULL, NULL, NULL,
	    &pem) != SSH_OK) {
		snprintf(err, errlen, "%s", _("cannot make the room's SSH "
		    "key"));
		goto out;
	}
	if (file_replace(path, pem, strlen(pem)) != 0) {
		snprintf(err, errlen, _("cannot write the room's SSH key %s: "
		    "%s"), path, strerror(errno));
		goto out;
	}
	r = 0;
out:
	if (pem != NULL)
		ssh_string_free_char(pem);
	ssh_key_free(key);
	return r;
}

int
net_hostkey_open(const char *path, char **fingerprint, char *warn,
    size_t warnlen, char *err, size_t errlen)
{
	ssh_key key = NULL;
	struct stat st;

	warn[0] = '\0';
	if (stat(path, &st) != 0) {
		if (errno != ENOENT) {
			snprintf(err, errlen, _("cannot read the room's SSH "
			    "key %s: %s"), path, strerror(errno));
			return -1;
		}
		if (make_key(path, err, errlen) != 0)
			return -1;
	} else if ((st.st_mode & 077) != 0) {
		/* Anyone who can read it can pretend to be the room. */
		if (chmod(path, 0600) != 0) {
			snprintf(err, errlen, _("the room's SSH key %s can be "
			    "read by others and cannot be made private: %s"),
			    path, strerror(errno));
			return -1;
		}
		snprintf(warn, warnlen, _("the room's SSH key %s could be "
		    "read by others; it is private now"), path);
	}
	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL,
	    &key) != SSH_OK) {
		snprintf(err, errlen, _("%s is not an SSH private key (move it "
		    "away and a new one is made; participants will be told "
		    "the room's key changed)"), path);
		return -1;
	}
	if (ssh_key_type(key) != SSH_KEYTYPE_ED25519) {
		ssh_key_free(key);
		snprintf(err, errlen, _("%s is not an Ed25519 key"), path);
		return -1;
	}
	*fingerprint = net_key_fingerprint(key);
	ssh_key_free(key);
	if (*fingerprint == NULL) {
		snprintf(err, errlen, _("cannot read the fingerprint of %s"),
		    path);
		return -1;
	}
	return 0;
}
