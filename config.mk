# binhyen build settings (included by Makefile)
VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin

CC ?= cc
PKGS = libarchive yajl sqlite3 libutf8proc xlsxwriter libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm

CSTD = -std=c17 -pthread -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN = -Wall -Wextra -Werror -Wno-unused-parameter
OPT ?= -O2 -g
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# make fuzz: clang with libFuzzer; the library gets coverage only, the harnesses its main.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_LDFLAGS = -fsanitize=fuzzer,address,undefined

CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -Iinclude -I$(BUILD) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS_ALL = -pthread $(EXTRA_LDFLAGS)
