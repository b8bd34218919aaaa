/*
 * frame.c - byte buffers, frame headers and the msgpack walker.
 *
 * Everything here runs before msgpack-c sees a byte from the network.
 * msgpack-c reserves memory for the lengths and counts a message declares
 * (issues #1013, #1181), so wire_check() walks the body once and accepts it
 * only when:
 *   - every str, bin and ext length fits in the bytes left;
 *   - every array and map count, added to the objects still owed by the
 *     containers around it, fits in the bytes left (each object needs at
 *     least one byte), so the objects msgpack-c will allocate never number
 *     more than the body's bytes;
 *   - containers nest at most WIRE_DEPTH_MAX deep (empty ones included);
 *   - the body is exactly one object: nothing missing, nothing after it.
 * The walk is iterative, with a stack of WIRE_DEPTH_MAX counters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/text.h"
#include "roundtable/wire.h"

void
wire_buf_init(struct wire_buf *b)
{
	memset(b, 0, sizeof *b);
}

void
wire_buf_destroy(struct wire_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

void
wire_buf_reset(struct wire_buf *b)
{
	b->len = 0;
}

void
wire_buf_reserve(struct wire_buf *b, size_t n)
{
	if (n > SIZE_MAX - b->len)
		abort();
	if (b->cap - b->len < n) {
		b->data = xrealloc(b->data, b->len + n);
		b->cap = b->len + n;
	}
}

int
wire_frame_length(const uint8_t hdr[WIRE_HEADER_SIZE], size_t max,
    uint32_t *len)
{
	uint32_t	n;

	n = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 |
	    (uint32_t)hdr[2] << 8 | (uint32_t)hdr[3];
	/* An empty body cannot hold a message: refuse it here too. */
	if (n == 0 || n > max)
		return -1;
	*len = n;
	return 0;
}

/* Big-endian unsigned of n (1, 2 or 4) bytes at p. */
static uint64_t
be(const uint8_t *p, size_t n)
{
	uint64_t	v = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

int
wire_check(const uint8_t *body, size_t len)
{
	uint64_t	 left[WIRE_DEPTH_MAX + 1];	/* owed per level */
	uint64_t	 owed;		/* sum of left[0..depth] */
	size_t		 pos = 0, depth = 0, avail;
	uint64_t	 skip, count;
	uint8_t		 b;
	int		 container;

	if (body == NULL || len == 0)
		return -1;
	left[0] = 1;
	owed = 1;
	for (;;) {
		while (left[depth] == 0) {
			if (depth == 0)
				return pos == len ? 0 : -1;	/* trailing? */
			depth--;
		}
		if (pos >= len)
			return -1;
		left[depth]--;
		owed--;
		b = body[pos++];
		avail = len - pos;
		skip = 0;	/* payload bytes after the type byte */
		count = 0;	/* objects inside a container */
		container = 0;

		if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 ||
		    b == 0xc3)
			;	/* fixint, nil, bool: the byte is the object */
		else if (b >= 0x80 && b <= 0x8f) {
			count = 2 * (uint64_t)(b & 0x0f);
			container = 1;
		} else if (b >= 0x90 && b <= 0x9f) {
			count = b & 0x0f;
			container = 1;
		} else if (b >= 0xa0 && b <= 0xbf)
			skip = b & 0x1f;
		else {
			size_t	lenbytes = 0;	/* length field size */
			size_t	extra = 0;	/* ext's type byte */
			int	pairs = 0;	/* a map counts pairs */

			switch (b) {
			case 0xc1:
				return -1;	/* never used */
			case 0xc4: case 0xd9:	/* bin8, str8 */
				lenbytes = 1;
				break;
			case 0xc5: case 0xda:	/* bin16, str16 */
				lenbytes = 2;
				break;
			case 0xc6: case 0xdb:	/* bin32, str32 */
				lenbytes = 4;
				break;
			case 0xc7:		/* ext8 */
				lenbytes = 1;
				extra = 1;
				break;
			case 0xc8:		/* ext16 */
				lenbytes = 2;
				extra = 1;
				break;
			case 0xc9:		/* ext32 */
				lenbytes = 4;
				extra = 1;
				break;
			case 0xca: case 0xce: case 0xd2:	/* 32-bit */
				skip = 4;
				break;
			case 0xcb: case 0xcf: case 0xd3:	/* 64-bit */
				skip = 8;
				break;
			case 0xcc: case 0xd0:
				skip = 1;
				break;
			case 0xcd: case 0xd1:
				skip = 2;
				break;
			case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8:
				/* fixext 1, 2, 4, 8, 16 and their type byte */
				skip = 1 + ((uint64_t)1 << (b - 0xd4));
				break;
			case 0xdc:		/* array16 */
				lenbytes = 2;
				container = 1;
				break;
			case 0xdd:		/* array32 */
				lenbytes = 4;
				container = 1;
				break;
			case 0xde:		/* map16 */
				lenbytes = 2;
				container = pairs = 1;
				break;
			case 0xdf:		/* map32 */
				lenbytes = 4;
				container = pairs = 1;
				break;
			default:
				abort();	/* every byte is listed above */
			}
			if (lenbytes != 0) {
				if (avail < lenbytes)
					return -1;
				count = be(body + pos, lenbytes);
				pos += lenbytes;
				avail -= lenbytes;
				if (!container) {
					skip = count + extra;
					count = 0;
				} else if (pairs)
					count *= 2;
			}
		}
		if (skip > avail)
			return -1;
		pos += skip;
		avail -= skip;

		if (!container)
			continue;
		if (depth == WIRE_DEPTH_MAX)
			return -1;
		if (owed + count > avail)
			return -1;
		depth++;
		left[depth] = count;
		owed += count;
	}
}
