/*
 * fuzz_frame.c - libFuzzer harness for what arrives from the network and
 * the disk: frame headers, frame bodies and journal records.
 *
 * Build with `make fuzz`; run, for instance:
 *   build/fuzz/fuzz_frame -dict=tests/fuzz/wire.dict -malloc_limit_mb=64 \
 *       -max_total_time=600 tests/fuzz/corpus/frame
 * (scripts/fuzz runs all four and merges what they find).
 *
 * Besides crashes, leaks and undefined behaviour, it aborts when:
 *   - wire_check() accepts a body that msgpack-c does not parse whole;
 *   - a decoded message or record does not encode again, or encoding it
 *     again and decoding that does not give the same bytes a second time.
 * -malloc_limit_mb catches any path where a declared length reaches an
 * allocation before wire_check() bounds it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <msgpack.h>

#include "roundtable/model.h"
#include "roundtable/wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The walker and msgpack-c must agree on what a whole object is. */
static void
check_agrees(const uint8_t *data, size_t size)
{
	msgpack_unpacked	u;
	msgpack_unpack_return	ret;
	size_t			off = 0;

	if (wire_check(data, size) != 0)
		return;
	msgpack_unpacked_init(&u);
	ret = msgpack_unpack_next(&u, (const char *)data, size, &off);
	if ((ret != MSGPACK_UNPACK_SUCCESS &&
	    ret != MSGPACK_UNPACK_EXTRA_BYTES) || off != size)
		abort();
	msgpack_unpacked_destroy(&u);
}

/* encode(decode(x)) is a fixed point after one round. */
static void
check_message(const uint8_t *data, size_t size)
{
	struct msg	m, m2;
	struct wire_buf	a, b;
	char		err[128];

	if (wire_decode(data, size, &m, err, sizeof err) != 0)
		return;
	wire_buf_init(&a);
	wire_buf_init(&b);
	m.welcome.snapshot_src = m.welcome.room;
	if (wire_encode(&m, &a) == 0) {
		if (wire_decode(a.data + WIRE_HEADER_SIZE,
		    a.len - WIRE_HEADER_SIZE, &m2, err, sizeof err) != 0)
			abort();
		m2.welcome.snapshot_src = m2.welcome.room;
		if (wire_encode(&m2, &b) != 0 || a.len != b.len ||
		    memcmp(a.data, b.data, a.len) != 0)
			abort();
		wire_msg_free(&m2);
	} else if (m.type >= MSG_HELLO && m.type <= MSG_PONG)
		abort();	/* every known message encodes */
	wire_buf_destroy(&a);
	wire_buf_destroy(&b);
	wire_msg_free(&m);
}

static void
check_record(const uint8_t *data, size_t size)
{
	struct event	ev, ev2;
	struct wire_buf	a, b;
	char		err[128];

	if (wire_decode_record(data, size, &ev, err, sizeof err) != 0)
		return;
	wire_buf_init(&a);
	wire_buf_init(&b);
	if (wire_encode_record(&ev, &a) != 0 ||
	    wire_decode_record(a.data, a.len, &ev2, err, sizeof err) != 0 ||
	    wire_encode_record(&ev2, &b) != 0 || a.len != b.len ||
	    memcmp(a.data, b.data, a.len) != 0)
		abort();
	wire_event_free(&ev2);
	wire_event_free(&ev);
	wire_buf_destroy(&a);
	wire_buf_destroy(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t	len;
	size_t		off;

	/* The whole input as one body, and as one record. */
	check_agrees(data, size);
	check_message(data, size);
	check_record(data, size);

	/* The input as a stream of client frames, as the server reads it. */
	for (off = 0; size - off >= WIRE_HEADER_SIZE; off += len) {
		if (wire_frame_length(data + off, WIRE_CLIENT_FRAME_MAX,
		    &len) != 0)
			break;
		off += WIRE_HEADER_SIZE;
		if (len > size - off)
			break;
		check_message(data + off, len);
	}
	return 0;
}
