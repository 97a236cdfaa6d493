#!/bin/sh
# gen_selftest.sh: the generator's reference model against the hand-worked
# figures of tests/fixtures/samples (the independent route the metrics tests trust).
. "$BH_TOP/tests/e2e/lib.sh"
case $BH_BIN in
*bin-san) echo "ok - # SKIP the reference model is Python: checked once, on the plain run"; exit 0 ;;
esac
python3 "$BH_TOP/tests/gen/bhgen.py" --selftest
