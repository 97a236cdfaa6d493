# binhyen build settings (included by Makefile)
VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
LOCALEDIR = $(PREFIX)/share/locale

CC ?= cc
PKGS = libarchive yajl sqlite3 libutf8proc xlsxwriter libcrypto expat
# Asked of pkg-config when a compile or link first needs them (not when make
# reads this file: make demo installs the packages first, in the parent make),
# then kept. A missing package stops the build with its name.
pkg = $(if $(shell pkg-config --exists $(PKGS) && echo yes),$(shell pkg-config $(1) $(PKGS)),$(error \
  $(shell pkg-config --print-errors --exists $(PKGS) 2>&1 | grep -v '^$$' | head -3 | tr '\n' ' ')-- \
  the build dependencies are missing: run 'sudo make deps'))
csvcheck = $(if $(wildcard /usr/include/csv.h),,$(error libcsv is missing (no /usr/include/csv.h): run 'sudo make deps'))
PKG_CFLAGS = $(eval PKG_CFLAGS := $(csvcheck)$(call pkg,--cflags))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $(call pkg,--libs) -lcsv -lm)$(PKG_LIBS)

CSTD = -std=c17 -pthread -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN = -Wall -Wextra -Werror -Wno-unused-parameter
OPT ?= -O2 -g
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# make fuzz: clang with libFuzzer; the library gets coverage only, the harnesses its main.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_LDFLAGS = -fsanitize=fuzzer,address,undefined

# LOCALEDIR is given to pipeline/i18n.c alone (Makefile); a change of PREFIX or
# of any flag rebuilds what it touches (the stamps in $(BUILD)).
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -DVERSION='"$(VERSION)"' -Iinclude -I$(BUILD) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS_ALL = -pthread $(EXTRA_LDFLAGS)
