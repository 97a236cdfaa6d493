# binhyen: plain make; settings in config.mk.
# make            build every program into bin/
# make check      unit + end-to-end tests, then again under ASan/UBSan
# make demo       generate a sample commune and run the whole pipeline
# make fuzz       libFuzzer harnesses (clang) for FUZZ_SECONDS each, into build-fuzz/
# make install    PREFIX=/usr/local

BUILD ?= build
BIN ?= bin
include config.mk

STAGES = unpack extract roster metrics plot report purge compare
PROGS = $(BIN)/binhyen $(STAGES:%=$(BIN)/binhyen-%)

LIB_SRC = $(wildcard pipeline/*.c)
LIB_OBJ = $(LIB_SRC:pipeline/%.c=$(BUILD)/lib/%.o) $(BUILD)/lib/resources.o
LIB = $(BUILD)/libbinhyen.a
HDR = $(wildcard include/*.h)
RES = $(wildcard sql/*.sql plots/*.gp data/*.tsv)

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Fuzz harnesses, tests/fuzz/fuzz_NAME.c: replayed on their corpora as unit
# tests (test_fuzz_NAME), run under libFuzzer by make fuzz.
FUZZ = record roster walk period lexicon
FUZZ_REPLAY = $(FUZZ:%=$(BUILD)/tests/test_fuzz_%)
FUZZ_HDR = tests/fuzz/fuzz.h

# Messages in Vietnamese: po/vi.po compiled beside the programs ($(BIN)/locale),
# where they find it; make install puts it under LOCALEDIR. po/vi.po merges by
# union, so two branches may add one message twice: the build keeps the first
# (tests/e2e/i18n.sh says so, to clean it). make pot extracts
# every _("…") and N_("…") of the sources into po/binhyen.pot.
MO = $(BIN)/locale/vi/LC_MESSAGES/binhyen.mo
I18N_SRC = $(sort $(wildcard driver/*.c pipeline/*.c stages/*.c stages/*/*.c include/*.h))

all: $(PROGS) $(UNIT) $(FUZZ_REPLAY) $(MO)

$(MO): po/vi.po
	@mkdir -p $(@D)
	msguniq --use-first -o $@.po$$$$ po/vi.po && msgfmt --check -o $@.tmp$$$$ $@.po$$$$ && \
	  rm -f $@.po$$$$ && mv $@.tmp$$$$ $@

POT ?= po/binhyen.pot
pot:
	xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
	  --package-name=binhyen --package-version=$(VERSION) -o $(POT) $(I18N_SRC)

# Stamps: a file holding the flags, rewritten only when they change, so that
# 'make OPT=-O0' or 'make install PREFIX=/usr' after a plain 'make' rebuilds
# what the change touches (the objects depend on the flags, not only on
# config.mk). LOCALEDIR is compiled into pipeline/i18n.c only.
STAMP = $(BUILD)/flags.stamp
$(BUILD)/flags.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(subst ','\'',$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) $(PKG_LIBS))' >$@.tmp$$$$ && \
	  { cmp -s $@.tmp$$$$ $@ && rm -f $@.tmp$$$$ || mv $@.tmp$$$$ $@; }
$(BUILD)/localedir.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(subst ','\'',$(LOCALEDIR))' >$@.tmp$$$$ && \
	  { cmp -s $@.tmp$$$$ $@ && rm -f $@.tmp$$$$ || mv $@.tmp$$$$ $@; }
$(BUILD)/lib/i18n.o: $(BUILD)/localedir.stamp
$(BUILD)/lib/i18n.o: CFLAGS_ALL += -DLOCALEDIR='"$(LOCALEDIR)"'

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) -O1 -o $@ $<

$(BUILD)/resources.c: $(BUILD)/embed $(RES)
	$(BUILD)/embed $(RES) > $@.tmp$$$$ && mv $@.tmp$$$$ $@

$(BUILD)/lib/resources.o: $(BUILD)/resources.c $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/lib/%.o: pipeline/%.c $(HDR) config.mk $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

# A stage is stages/NAME.c plus, optionally, stages/NAME/*.c.
define stage_rule
$(BIN)/binhyen-$(1): $(wildcard stages/$(1).c stages/$(1)/*.c stages/$(1)/*.h) $(LIB) $(HDR) config.mk $(STAMP)
	@mkdir -p $(BIN)
	$$(CC) $$(CFLAGS_ALL) -o $$@ $(wildcard stages/$(1).c stages/$(1)/*.c) $$(LIB) $$(LDFLAGS_ALL) $$(PKG_LIBS)
endef
$(foreach s,$(STAGES),$(eval $(call stage_rule,$(s))))

$(BIN)/binhyen: driver/binhyen.c $(LIB) $(HDR) config.mk $(STAMP)
	@mkdir -p $(BIN)
	$(CC) $(CFLAGS_ALL) -o $@ driver/binhyen.c $(LIB) $(LDFLAGS_ALL) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/t.h $(LIB) $(HDR) config.mk $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(LIB) $(LDFLAGS_ALL) $(PKG_LIBS)

# Unit tests that include a stage's source file.
$(BUILD)/tests/test_names: stages/extract/names.c stages/extract/names.h
$(BUILD)/tests/test_dedup: stages/extract/dedup.c stages/extract/dedup.h

$(BUILD)/tests/test_fuzz_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c $(FUZZ_HDR) $(LIB) $(HDR) config.mk $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests/fuzz -DFUZZ_TARGET='"$*"' -o $@ tests/fuzz/replay.c \
	  tests/fuzz/fuzz_$*.c $(LIB) $(LDFLAGS_ALL) $(PKG_LIBS)

# A harness linked with libFuzzer's main (make fuzz builds these in build-fuzz/).
$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HDR) $(LIB) $(HDR) config.mk $(STAMP)
	$(CC) $(CFLAGS_ALL) -Itests/fuzz -o $@ $< $(LIB) $(LDFLAGS_ALL) $(PKG_LIBS)

# Sanitizer build: the same sources into build-san/ and bin-san/.
san:
	$(MAKE) BUILD=build-san BIN=bin-san OPT="-O1 -g" \
	  EXTRA_CFLAGS="$(SANFLAGS)" EXTRA_LDFLAGS="$(SANFLAGS)" all

deps:
	@sh tests/deps.sh

# The tests need a few more packages (Chromium renders the report).
deps-test:
	@sh tests/deps.sh test

check: deps-test
	$(MAKE) all
	$(MAKE) san
	@sh tests/run.sh

# libFuzzer: the core library again with clang and coverage into build-fuzz/,
# then each harness for FUZZ_SECONDS; crashes go to tests/fuzz/regress/NAME/.
fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz: needs clang and libFuzzer:" \
	  "sudo make deps-test (or apt-get install clang libclang-rt-dev)" >&2; exit 2; }
	$(MAKE) CC=$(FUZZ_CC) BUILD=build-fuzz OPT="-O1 -g" EXTRA_CFLAGS="$(FUZZ_CFLAGS)" \
	  EXTRA_LDFLAGS="$(FUZZ_LDFLAGS)" $(FUZZ:%=build-fuzz/fuzz_%)

fuzz: deps-test
	$(MAKE) fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ)

# The build runs in a sub-make, after deps: a fresh machine installs the
# libraries first, and only then are they asked of pkg-config.
demo: deps
	$(MAKE) all
	@sh tests/demo.sh

bench: deps
	$(MAKE) all
	@sh tests/bench/run.sh
	@sh tests/bench/compare.sh

# The programs look for the catalog beside them (BIN/locale), then at
# ../share/locale from their folder (PREFIX/bin -> PREFIX/share/locale, also
# under DESTDIR), then in LOCALEDIR.
install: $(PROGS) $(MO)
	mkdir -p $(DESTDIR)$(BINDIR)
	cp -f $(PROGS) $(DESTDIR)$(BINDIR)/
	mkdir -p $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES
	cp -f $(MO) $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES/binhyen.mo

clean:
	rm -rf build build-san build-fuzz bin bin-san

FORCE:

.PHONY: FORCE all pot san deps deps-test check fuzz fuzz-build demo bench install clean
