# roundtable - a plain Makefile.  `make` builds ./roundtable; `make run`
# starts a workshop here; `make check` runs every test.  See README.md.

VERSION	 = 0.1.0
PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
TEMPLATEDIR ?= $(PREFIX)/share/roundtable/templates
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR	?=

CC	?= cc
PKG_CONFIG ?= pkg-config
# msgpack-c is "msgpack" on Debian 12 and "msgpack-c" from Debian 13 on.
MSGPACK_PC := $(shell $(PKG_CONFIG) --exists msgpack-c 2>/dev/null && echo msgpack-c || echo msgpack)
PKGS	 = ncursesw libuv $(MSGPACK_PC) libssh
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
SSH_LIBS   := $(shell $(PKG_CONFIG) --libs libssh 2>/dev/null)

ALL_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED \
	-D_DEFAULT_SOURCE -DROUNDTABLE_VERSION='"$(VERSION)"' \
	-DROUNDTABLE_LOCALEDIR_DEFAULT='"$(LOCALEDIR)"' \
	-Iinclude $(PKG_CFLAGS) $(WARN) $(CFLAGS) -MMD -MP
LIBS	 = $(PKG_LIBS) -lpthread

LIB_SRC	 = $(sort $(wildcard src/*/*.c))
LIB_OBJ	 = $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/templates.o
# The process templates, built into the program (roundtable serve
# --template list) and installed for facilitators to copy.
TEMPLATES = $(sort $(wildcard src/templates/*.rtt))
# Translated man pages (issue 17), one directory per locale under man/;
# installed where man(1) looks for them: $(MANDIR)/<lang>/man1.
MANLANGS = $(notdir $(patsubst %/,%,$(dir $(wildcard man/*/roundtable.1))))
LIB	 = $(BUILD)/libroundtable.a
MAIN_OBJ = $(BUILD)/main.o
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))
TESTS	 = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run check unit e2e deps install uninstall clean sanitize valgrind

all: roundtable locale

# Replaced by rename, so a running workshop does not stop the build.
roundtable: $(BUILD)/roundtable
	cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/roundtable: $(MAIN_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB) $(LIBS)

$(BUILD)/templates.c: $(TEMPLATES) scripts/embed-templates
	@mkdir -p $(dir $@)
	scripts/embed-templates $(TEMPLATES) > $@.tmp && mv -f $@.tmp $@

$(BUILD)/templates.o: $(BUILD)/templates.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LIBS) $(CMOCKA_LIBS)

# test_i18n reads a catalogue of its own (language "xx"), beside it.
$(BUILD)/tests/test_i18n: $(BUILD)/tests/locale/xx/LC_MESSAGES/roundtable.mo

$(BUILD)/tests/locale/xx/LC_MESSAGES/roundtable.mo: tests/unit/i18n-xx.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@.tmp $< && mv -f $@.tmp $@

deps:
	@scripts/install-deps

# Builds, then starts a workshop on this terminal with the record in
# ./roundtable.rtj (reopened if it is there), in the terminal's language.
run: deps
	@$(MAKE) --no-print-directory all
	ROUNDTABLE_LOCALEDIR=$(abspath $(BUILD)/locale) ./roundtable serve

# --- languages (issue 17) ------------------------------------------------
# One catalogue per language, src/po/LL.po (under src/ because the top of
# the tree is fixed); adding a language is adding its file.  `all` builds
# each into $(BUILD)/locale/LL/LC_MESSAGES/roundtable.mo, where the
# program finds them when run from the tree (ROUNDTABLE_LOCALEDIR, or
# beside the program); `make install` puts them in $(LOCALEDIR).
# `make pot` extracts the marked strings into $(POT) (not kept in git: it
# is made from the sources, and tests/e2e/i18n-po.sh compares each .po with
# a fresh one); `make po` merges it into every src/po/*.po for the
# translators (new and changed strings come out untranslated or fuzzy).
PO	 = $(sort $(wildcard src/po/*.po))
LANGS	 = $(PO:src/po/%.po=%)
MO	 = $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/roundtable.mo)
# test_ordinal reads the real catalogues.
$(BUILD)/tests/test_ordinal: $(MO)
POT	?= $(BUILD)/po/roundtable.pot
POT_SRC	 = $(sort $(wildcard src/*.c src/*/*.c src/*/*.h include/roundtable/*.h))
XGETTEXT = xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ \
	--keyword=C_:1c,2 --keyword=NC_:1c,2 \
	--keyword=ngettext:1,2 --add-comments=TRANSLATORS: \
	--add-location=file --package-name=roundtable \
	--package-version=$(VERSION) --msgid-bugs-address="roundtable's issue tracker" \
	--sort-by-file

.PHONY: locale pot pot-templates po FORCE
locale: $(MO)

# test_export writes the charter in French and Spanish from the real
# catalogues, in $(BUILD)/locale.
$(BUILD)/tests/test_export: $(MO)

# The installed catalogues' directory is compiled in: i18n.o is made again
# when it changes, so `make install PREFIX=/usr` after a plain `make`
# installs a program that looks where its catalogues go.
$(BUILD)/util/i18n.o: $(BUILD)/localedir
$(BUILD)/localedir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@

$(BUILD)/locale/%/LC_MESSAGES/roundtable.mo: src/po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@.tmp $< && mv -f $@.tmp $@

# The process templates' words (scripts/template-pot) are msgcat'ed into
# the same catalogue, so fr.po and es.po hold them and tests/e2e/i18n-po.sh
# holds them to it: a template line changed without its translations
# fails there.  A string both the sources and a template use is one entry.
pot:
	@mkdir -p $(dir $(POT))
	$(XGETTEXT) -o $(POT).src $(POT_SRC)
	scripts/template-pot $(TEMPLATES) > $(POT).tpl
	msgcat --use-first --add-location=file -o $(POT) $(POT).src \
	    $(POT).tpl
	@rm -f $(POT).src $(POT).tpl

# The templates' words alone, to read or to hand to a translator.
TEMPLATE_POT ?= $(BUILD)/po/templates.pot
pot-templates:
	@mkdir -p $(dir $(TEMPLATE_POT))
	scripts/template-pot $(sort $(wildcard src/templates/*.rtt)) > $(TEMPLATE_POT)

# A sentence gone from the sources leaves the catalogues too (msgmerge
# would keep it as an obsolete "#~" entry for ever).
po: pot
	@for po in $(PO); do \
	    echo "msgmerge $$po"; \
	    msgmerge --quiet --update --backup=none $$po $(POT) || exit 1; \
	    msgattrib --no-obsolete -o $$po $$po || exit 1; \
	done

unit: $(TESTS)

# The whole suite: warnings are errors; unit tests, end-to-end tests, a
# short crash test, then the unit tests and a crash test again under
# AddressSanitizer and UBSan in build-asan/.  (mkjournal makes the big
# records of bigdialogue.sh and biglist.sh.)
check: deps
	@$(MAKE) --no-print-directory WERROR=1 all unit faults tools \
	    $(BUILD)/bench/mkjournal
	@$(MAKE) --no-print-directory WERROR=1 SAN=1 BUILD=build-asan \
	    build-asan/roundtable unit
	@scripts/run-tests build build-asan

sanitize:
	@$(MAKE) --no-print-directory SAN=1 BUILD=build-asan all unit

valgrind: all
	@tests/e2e/valgrind.sh

# Fault injection for the end-to-end tests: LD_PRELOAD shims that make the
# record's disk fail on demand (tests/e2e/diskfull.sh).
FAULTS	 = $(BUILD)/faults/enospc.so

.PHONY: faults
faults: $(FAULTS)

$(BUILD)/faults/%.so: tests/faults/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -shared -fPIC $(WARN) -O2 -g -o $@ $< -ldl

# The process templates (issue 16) go where a facilitator can read and
# copy them.
TEMPLATES = $(sort $(wildcard src/templates/*.rtt))
# Translated man pages (issue 17), one directory per locale under man/;
# installed where man(1) looks for them: $(MANDIR)/<lang>/man1.
MANLANGS = $(notdir $(patsubst %/,%,$(dir $(wildcard man/*/roundtable.1))))

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(TEMPLATEDIR)
	install -m 755 roundtable $(DESTDIR)$(BINDIR)/roundtable
	install -m 644 man/roundtable.1 $(DESTDIR)$(MANDIR)/man1/roundtable.1
	@for l in $(MANLANGS); do \
	    echo "install $(DESTDIR)$(MANDIR)/$$l/man1/roundtable.1"; \
	    install -d $(DESTDIR)$(MANDIR)/$$l/man1 && install -m 644 \
	        man/$$l/roundtable.1 $(DESTDIR)$(MANDIR)/$$l/man1/roundtable.1 \
	        || exit 1; \
	done
	install -m 644 $(TEMPLATES) $(DESTDIR)$(TEMPLATEDIR)
	@for l in $(LANGS); do \
	    d=$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	    echo "install $$d/roundtable.mo"; \
	    install -d $$d && install -m 644 \
	        $(BUILD)/locale/$$l/LC_MESSAGES/roundtable.mo \
	        $$d/roundtable.mo || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/roundtable $(DESTDIR)$(MANDIR)/man1/roundtable.1
	rm -f $(MANLANGS:%=$(DESTDIR)$(MANDIR)/%/man1/roundtable.1)
	rm -f $(TEMPLATES:src/templates/%=$(DESTDIR)$(TEMPLATEDIR)/%)
	rm -f $(LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/roundtable.mo)

clean:
	rm -rf build build-asan roundtable

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

# Helpers for the end-to-end tests: a relay that records what crosses the
# network (tests/e2e/wire.sh), an ssh that stops reading
# (tests/e2e/ssh-stall.sh), one that sends past its window
# (tests/e2e/ssh-abuse.sh), one that types without pause
# (tests/e2e/ssh-words.sh), one that asks and never reads the answers
# (tests/e2e/ssh-abuse.sh).
TOOLS	 = $(BUILD)/tools/taprelay $(BUILD)/tools/sshstall \
	   $(BUILD)/tools/sshflood $(BUILD)/tools/sshtyper \
	   $(BUILD)/tools/sshasker

.PHONY: tools
tools: $(TOOLS)

$(BUILD)/tools/%: tests/tools/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -O2 -g -o $@ $<

$(BUILD)/tools/sshstall: tests/tools/sshstall.c tests/tools/toolssh.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -O2 -g -o $@ $< $(SSH_LIBS)

$(BUILD)/tools/sshflood: tests/tools/sshflood.c tests/tools/toolssh.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -O2 -g -o $@ $< $(SSH_LIBS)

$(BUILD)/tools/sshtyper: tests/tools/sshtyper.c tests/tools/toolssh.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -O2 -g -o $@ $< $(SSH_LIBS)

$(BUILD)/tools/sshasker: tests/tools/sshasker.c tests/tools/toolssh.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -O2 -g -pthread -o $@ $< $(SSH_LIBS)

# The crash test's driver and judge (scripts/crash-test builds it; its
# short run in scripts/run-tests is how `check` uses it).
CRASH	 = $(BUILD)/crash/crashdrive

.PHONY: crash
crash: $(CRASH)

$(CRASH): tests/crash/crashdrive.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LIBS)

-include $(CRASH).d

# The libFuzzer harnesses of tests/fuzz/ (clang only; not part of `check`):
# frames, messages, the reducer fed decoded intents, journal replay.
# `make fuzz` builds them and runs each for FUZZ_SECONDS on the kept corpus
# (0: only replays it), printing runs, coverage and crashes; scripts/fuzz
# SECONDS runs them longer and merges what they find into the corpus.
FUZZ_CC	 ?= clang
FUZZ_SECONDS ?= 30
FUZZERS	  = frame msg reducer journal
FUZZ_SRC  = $(sort $(wildcard src/wire/*.c src/model/*.c src/util/*.c \
	src/journal/*.c src/export/*.c))
FUZZ_OBJ  = $(FUZZ_SRC:src/%.c=$(BUILD)/fuzz/obj/%.o) \
	$(BUILD)/fuzz/obj/templates.o
FUZZ_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Iinclude \
	$(shell $(PKG_CONFIG) --cflags $(MSGPACK_PC)) $(WARN) -g -O1 \
	-fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_LIBS = $(shell $(PKG_CONFIG) --libs $(MSGPACK_PC)) -lpthread

.PHONY: fuzz fuzz-build
fuzz: fuzz-build
	@BUILD=$(BUILD) scripts/fuzz --no-build --no-merge $(FUZZ_SECONDS)

fuzz-build: $(FUZZERS:%=$(BUILD)/fuzz/fuzz_%) $(BUILD)/fuzz/mkseeds

# The library once, with coverage for the fuzzer but not its main().
$(BUILD)/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
	    -c -o $@ $<

# The built-in templates (model_seed reads the default room from them).
$(BUILD)/fuzz/obj/templates.o: $(BUILD)/templates.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz-room.h \
    $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) \
	    $(FUZZ_LIBS)

$(BUILD)/fuzz/mkseeds: tests/fuzz/mkseeds.c tests/fuzz/fuzz-room.h \
    $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_OBJ) $(FUZZ_LIBS)

-include $(FUZZ_OBJ:.o=.d)

# The benchmarks of issue 7 (never part of `check`): `make bench` builds
# the load generator, the floor server and the journal maker into
# $(BUILD)/bench/ and runs scripts/bench/run (N = 10 ... 5,000, replay,
# idle CPU), then scripts/bench/screen (issue 15: the screens' CPU per key
# and per event as the record grows); scripts/bench/compare puts roundtable beside Yjs, Redis and
# the floor.  The generator links the library for the wire codec.
BENCH_DIR    = $(BUILD)/bench
BENCH_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -D_GNU_SOURCE \
	-Iinclude -Iscripts/bench $(PKG_CFLAGS) $(WARN) $(CFLAGS)
BENCH_BIN    = $(BENCH_DIR)/rtbench $(BENCH_DIR)/floor $(BENCH_DIR)/mkjournal \
	$(BENCH_DIR)/sshload

.PHONY: bench bench-build bench-ssh bench-screen
bench: bench-build all
	@BUILD=$(BUILD) scripts/bench/run
	@BUILD=$(BUILD) BENCH_NO_BUILD=1 scripts/bench/screen

# Issue 14: SSH participants against plain ones (scripts/bench/ssh).
bench-ssh: bench-build all
	@BUILD=$(BUILD) scripts/bench/ssh

# Issue 15: what a key and an incoming event cost the serving screen and
# a participant's as the record grows, and the first screen of a big
# record (scripts/bench/screen; tmux).
bench-screen: bench-build all
	@BUILD=$(BUILD) BENCH_NO_BUILD=1 scripts/bench/screen

bench-build: bench-deps
	@$(MAKE) --no-print-directory $(BENCH_BIN)

.PHONY: bench-deps
bench-deps:
	@scripts/install-deps --bench

$(BENCH_DIR)/rtbench: scripts/bench/rtbench.c scripts/bench/ws.c \
    scripts/bench/yjs.c scripts/bench/sshmux.c scripts/bench/ws.h \
    scripts/bench/yjs.h scripts/bench/sshmux.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $(LDFLAGS) -o $@ scripts/bench/rtbench.c \
	    scripts/bench/ws.c scripts/bench/yjs.c scripts/bench/sshmux.c \
	    $(LIB) $(LIBS)

$(BENCH_DIR)/floor: scripts/bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)

$(BENCH_DIR)/mkjournal: scripts/bench/mkjournal.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LIBS)

# libvterm: the load client keeps each terminal's screen (install-deps
# --bench).
$(BENCH_DIR)/sshload: scripts/bench/sshload.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $$($(PKG_CONFIG) --cflags vterm) $(LDFLAGS) \
	    -o $@ $< $(LIB) $(LIBS) $$($(PKG_CONFIG) --libs vterm)
