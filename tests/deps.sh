#!/bin/sh
# deps.sh: install the Debian packages binhyen needs to build and run (and, with
# the argument "test", to test), when any is missing. Run as root on Debian 12.
set -eu
PKGS="build-essential pkg-config libarchive-dev libyajl-dev libsqlite3-dev libcsv-dev \
libutf8proc-dev libxlsxwriter-dev libssl-dev libexpat1-dev gettext locales gnuplot-nox fonts-dejavu-core \
python3 libarchive-tools zstd xz-utils sqlite3 openssl procps time"
# make check also needs Chromium, to render the report as a person would see it;
# make fuzz needs clang and its libFuzzer runtime; tests/e2e/protection.sh strace;
# LibreOffice and poppler render report.docx and tables.xlsx to PDF and read
# them back (Liberation Serif has the widths of Times New Roman, so the pages
# break as in Word).
[ "${1:-}" = test ] && PKGS="$PKGS chromium clang libclang-rt-dev strace libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation2"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "make deps: installing:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
	echo "make deps: run as root (sudo make deps) to install:$missing" >&2
	exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends $missing
