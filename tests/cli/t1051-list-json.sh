#!/usr/bin/env bash
# t1051-list-json.sh - `tbench list --json` prints the registry: the same
# families and variants as `tbench list`, each tensor op with its
# kernels/ops/ops.def row (group, kind, reference function, flops, stated
# bound, modes), support and reasons; unknown families are refused.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
if ! [ -x "$PY" ]; then
	echo "SKIP: no $PY"
	exit 77
fi
expect_status "list --json" 0 "$TBENCH" list --json
cp "$T/out" all.json
check "one JSON document, schema tbench-list-1" \
	'"$PY" -c "import json,sys; d=json.load(open(\"all.json\")); sys.exit(d[\"schema\"] != \"tbench-list-1\")"'
expect_status "list" 0 "$TBENCH" list
grep -Eo '^[a-z_0-9]+:' "$T/out" | tr -d : >text.names
check "the same families, in the same order, as the text list" \
	'"$PY" -c "import json; print(\"\\n\".join(f[\"name\"] for f in json.load(open(\"all.json\"))[\"families\"]))" | diff - text.names'
rows=$(grep -c '^TB_OP_[A-Z]*(' "$TB_SRC/kernels/ops/ops.def")
check "one op family per ops.def row ($rows)" \
	'[ "$("$PY" -c "import json; print(sum(1 for f in json.load(open(\"all.json\"))[\"families\"] if \"op\" in f))")" -eq "$rows" ]'
cat >check.py <<'PYEOF'
import json, sys
d = json.load(open("all.json"))
bad = []
for f in d["families"]:
    for k in ("name", "summary", "default_sizes", "suite_sizes", "size_unit", "reference", "variants"):
        if k not in f:
            bad.append("%s lacks %s" % (f.get("name"), k))
    if f["reference"] not in [v["name"] for v in f["variants"]]:
        bad.append("%s: reference %s is not a variant" % (f["name"], f["reference"]))
    for v in f["variants"]:
        if not v["supported"] and not v["reason"]:
            bad.append("%s/%s unsupported without a reason" % (f["name"], v["name"]))
        if v["name"] == f["reference"] and not v["supported"]:
            bad.append("%s: its reference does not run here" % f["name"])
    op = f.get("op")
    if op:
        if op["group"] not in ("bin", "red", "act", "create") or not op["reference_fn"]:
            bad.append("%s: bad op row %r" % (f["name"], op))
        if not (op["bound"] >= 0 and op["flops_per_element"] >= 0 and op["bound_unit"]):
            bad.append("%s: bad bound or flops %r" % (f["name"], op))
        for v in f["variants"]:
            if set(v["modes"]) != set(op["modes"]):
                bad.append("%s/%s modes %r, row says %r" % (f["name"], v["name"], v["modes"], op["modes"]))
ops = {f["name"]: f["op"] for f in d["families"] if "op" in f}
want = {"gelu_erf": ("act", "map", 8.0), "div": ("bin", "tensor", 0.5), "divs": ("bin", "scalar", 0.5),
        "sum_cols": ("red", "cols", 128.0), "softmax": ("act", "rows", 4.0), "rand": ("create", "rand", 0.0)}
for name, (g, k, b) in want.items():
    o = ops.get(name)
    if not o or (o["group"], o["kind"], o["bound"]) != (g, k, b):
        bad.append("%s: %r, wanted %r" % (name, o, (g, k, b)))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PYEOF
expect_status "every family complete, every op row consistent with its variants" 0 "$PY" check.py
expect_status "list --json add rand" 0 "$TBENCH" list --json add rand
check "only the families asked for" \
	'[ "$("$PY" -c "import json,sys; print(\" \".join(f[\"name\"] for f in json.load(sys.stdin)[\"families\"]))" <"$T/out")" = "add rand" ]'
expect_usage "unknown family" "nosuch" "$TBENCH" list --json nosuch
expect_usage "unknown option" "--jsn" "$TBENCH" list --jsn
finish
