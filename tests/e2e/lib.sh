# lib.sh: helpers for the end-to-end tests (sourced). Each check prints
# "ok - name" or "not ok - name" with what differed.
set -eu
LC_ALL=C
export LC_ALL
: "${BH_BIN:?set BH_BIN to the folder of the built programs}"
: "${BH_TOP:?set BH_TOP to the repository root}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
SAMPLES=$BH_TOP/tests/fixtures/samples

ok() { echo "ok - $1"; }
notok() { echo "not ok - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# check NAME GOT WANT
check() {
	if [ "$2" = "$3" ]; then ok "$1"; else notok "$1" "got:  $2" "want: $3"; fi
}
# check_grep NAME FILE PATTERN: the file holds a line matching the pattern
check_grep() {
	if grep -q -- "$3" "$2"; then ok "$1"; else notok "$1" "no line matching '$3' in:" "$(head -c 600 "$2")"; fi
}
check_nogrep() {
	if grep -q -- "$3" "$2"; then notok "$1" "unexpected '$3' in:" "$(grep -- "$3" "$2" | head -3)"; else ok "$1"; fi
}
# q DB SQL: one value
q() { sqlite3 -batch -noheader "$1" "$2"; }

# ingest DB [unpack options and inputs...]: unpack | extract, stderr to $T/err,
# sets rc to the worse of the two exit codes.
ingest() {
	db=$1; shift
	set +e
	{ "$BH_BIN/binhyen-unpack" --db "$db" "$@" 2>"$T/err.unpack"; echo $? >"$T/rc.unpack"; } |
		"$BH_BIN/binhyen-extract" --db "$db" 2>"$T/err.extract"
	rc=$?
	set -e
	ru=$(cat "$T/rc.unpack")
	[ "$ru" -gt "$rc" ] && rc=$ru
	cat "$T/err.unpack" "$T/err.extract" >"$T/err"
	return 0
}

# wait_for FILE: until another process has made FILE (at most 60 s), instead
# of sleeping for a guessed time.
wait_for() {
	_n=0
	while [ ! -e "$1" ] && [ $_n -lt 1200 ]; do sleep 0.05; _n=$((_n + 1)); done
	[ -e "$1" ] || notok "waiting for $1" "it never came"
}

# holds EXPR: "yes" when the shell expression EXPR holds, else "no", for the
# one check: check NAME "$(holds 'EXPR')" yes.
holds() { if eval "$1"; then echo yes; else echo no; fi; }
