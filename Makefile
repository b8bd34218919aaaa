# roundtable - a plain Makefile.  `make` builds ./roundtable; `make run`
# starts a workshop here; `make check` runs every test.  See README.md.

VERSION	 = 0.1.0
PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DESTDIR	?=

CC	?= cc
PKG_CONFIG ?= pkg-config
# msgpack-c is "msgpack" on Debian 12 and "msgpack-c" from Debian 13 on.
MSGPACK_PC := $(shell $(PKG_CONFIG) --exists msgpack-c 2>/dev/null && echo msgpack-c || echo msgpack)
PKGS	 = ncursesw libuv $(MSGPACK_PC)
BUILD	?= build

CFLAGS	?= -O2 -g
WARN	 = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(WERROR),1)
WARN	+= -Werror
endif
ifeq ($(SAN),1)
CFLAGS	+= -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS	+= -fsanitize=address,undefined
endif

# ncursesw's flags carry feature macros of their own; ours below win.
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED \
	-D_DEFAULT_SOURCE -DROUNDTABLE_VERSION='"$(VERSION)"' \
	-Iinclude $(PKG_CFLAGS) $(WARN) $(CFLAGS) -MMD -MP
LIBS	 = $(PKG_LIBS) -lpthread

LIB_SRC	 = $(sort $(wildcard src/*/*.c))
LIB_OBJ	 = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
LIB	 = $(BUILD)/libroundtable.a
MAIN_OBJ = $(BUILD)/main.o
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))
TESTS	 = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run check unit e2e deps install uninstall clean sanitize valgrind

all: roundtable

# Replaced by rename, so a running workshop does not stop the build.
roundtable: $(BUILD)/roundtable
	cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/roundtable: $(MAIN_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB) $(LIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LIBS) $(CMOCKA_LIBS)

deps:
	@scripts/install-deps

# Builds, then starts a workshop on this terminal with the record in
# ./roundtable.rtj (reopened if it is there).
run: deps
	@$(MAKE) --no-print-directory all
	./roundtable serve

unit: $(TESTS)

# The whole suite: warnings are errors; unit tests, end-to-end tests, then
# the unit tests again under AddressSanitizer and UBSan in build-asan/.
check: deps
	@$(MAKE) --no-print-directory WERROR=1 all unit
	@$(MAKE) --no-print-directory WERROR=1 SAN=1 BUILD=build-asan unit
	@scripts/run-tests build build-asan

sanitize:
	@$(MAKE) --no-print-directory SAN=1 BUILD=build-asan all unit

valgrind: all
	@tests/e2e/valgrind.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 roundtable $(DESTDIR)$(BINDIR)/roundtable
	install -m 644 man/roundtable.1 $(DESTDIR)$(MANDIR)/man1/roundtable.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/roundtable $(DESTDIR)$(MANDIR)/man1/roundtable.1

clean:
	rm -rf build build-asan roundtable

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

# The libFuzzer harness for frames and records (clang only; not part of
# `check`).  Run it as tests/fuzz/fuzz_frame.c says.
FUZZ_CC	 ?= clang
FUZZ_SRC  = $(sort $(wildcard src/wire/*.c src/model/*.c src/util/*.c))
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer

.PHONY: fuzz
fuzz: $(BUILD)/fuzz/fuzz_frame

$(BUILD)/fuzz/fuzz_frame: tests/fuzz/fuzz_frame.c $(FUZZ_SRC)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Iinclude \
	    $(shell $(PKG_CONFIG) --cflags msgpack) $(WARN) $(FUZZ_FLAGS) \
	    -o $@ tests/fuzz/fuzz_frame.c $(FUZZ_SRC) \
	    $(shell $(PKG_CONFIG) --libs msgpack)
