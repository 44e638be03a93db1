#!/usr/bin/env bash
# errcheck-recall.sh measures relcheck's uncheckederr family against errcheck
# on real modules, so the recall claim in docs/measurements/uncheckederr.md
# can be re-checked by anyone.
#
# usage: analyzers/uncheckederr/errcheck-recall.sh [scratch-dir] [module@version ...]
#
# Everything (errcheck binary, driver, module copies, outputs) goes under the
# scratch dir, never into the repository. Needs go, jq and the Go module proxy.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
scratch=${1:-$(mktemp -d /tmp/errcheck-recall.XXXXXX)}
shift || true
modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
	modules=(
		github.com/prometheus/alertmanager@v0.35.0
		github.com/go-resty/resty/v2@v2.17.2
		github.com/spf13/cobra@v1.10.2
	)
fi
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
export GOFLAGS=-mod=mod
gobin=$scratch/gobin
mkdir -p "$gobin"

if [ ! -x "$gobin/errcheck" ]; then
	GOBIN=$gobin go install github.com/kisielk/errcheck@v1.30.0
fi

# A throwaway driver: the analyzer as a standalone singlechecker binary,
# built from this checkout through a replace directive.
drv=$scratch/driver
mkdir -p "$drv"
cat >"$drv/go.mod" <<EOF
module recalldriver

go 1.26.0

require github.com/relcheck/relcheck v0.0.0

replace github.com/relcheck/relcheck => $repo
EOF
cat >"$drv/main.go" <<'EOF'
package main

import (
	"github.com/relcheck/relcheck/analyzers/uncheckederr"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(uncheckederr.Analyzer) }
EOF
cp "$repo/go.sum" "$drv/go.sum"
(cd "$drv" && go mod tidy >/dev/null 2>&1 && go build -o "$gobin/relcheck-uncheckederr" .)

printf '| module | errcheck | relcheck (unchecked-error + close-on-write) | both | errcheck only | relcheck only | recall |\n'
printf '|---|---|---|---|---|---|---|\n'
for mv in "${modules[@]}"; do
	mod=${mv%@*}
	name=$(echo "$mod" | tr '/' '_')
	out=$scratch/out/$name
	src=$scratch/src/$name
	mkdir -p "$out"
	if [ ! -d "$src" ]; then
		dir=$(go mod download -json "$mv" | jq -r .Dir)
		mkdir -p "$(dirname "$src")"
		cp -r "$dir" "$src"
		chmod -R u+w "$src"
		# alertmanager's ui package embeds the built web app.
		if [ "$mod" = github.com/prometheus/alertmanager ]; then
			mkdir -p "$src/ui/app/dist"
			echo '<!doctype html>' >"$src/ui/app/dist/index.html"
		fi
		(cd "$src" && go mod download >/dev/null 2>&1 || true)
	fi
	(cd "$src" && "$gobin/errcheck" ./... >"$out/errcheck.txt" 2>"$out/errcheck.err" || true)
	(cd "$src" && "$gobin/relcheck-uncheckederr" -json ./... >"$out/relcheck.json" 2>"$out/relcheck.err" || true)

	# file:line keys, paths relative to the module root.
	sed -E "s|^$src/||; s|^([^:]+):([0-9]+):.*|\1:\2|" "$out/errcheck.txt" | sort -u >"$out/errcheck.keys"
	jq -r --arg src "$src/" '
		.[] | .[] | select(type == "array") | .[]
		| "\(.category)\t\(.posn | sub("^" + $src; "") | sub(":[0-9]+$"; ""))\t\(.message)"' \
		"$out/relcheck.json" | sort -u >"$out/relcheck.all"
	awk -F'\t' '$1 == "go/unchecked-error" || $1 == "go/unchecked-close-on-write" {print $2}' \
		"$out/relcheck.all" | sort -u >"$out/relcheck.keys"
	comm -12 "$out/errcheck.keys" "$out/relcheck.keys" >"$out/both.keys"
	comm -23 "$out/errcheck.keys" "$out/relcheck.keys" >"$out/errcheck-only.keys"
	comm -13 "$out/errcheck.keys" "$out/relcheck.keys" >"$out/relcheck-only.keys"
	e=$(wc -l <"$out/errcheck.keys")
	r=$(wc -l <"$out/relcheck.keys")
	b=$(wc -l <"$out/both.keys")
	eo=$(wc -l <"$out/errcheck-only.keys")
	ro=$(wc -l <"$out/relcheck-only.keys")
	recall=$(awk -v b="$b" -v e="$e" 'BEGIN { if (e == 0) print "n/a"; else printf "%.1f%%", 100 * b / e }')
	printf '| %s | %d | %d | %d | %d | %d | %s |\n' "$mv" "$e" "$r" "$b" "$eo" "$ro" "$recall"
done

echo
for mv in "${modules[@]}"; do
	name=$(echo "${mv%@*}" | tr '/' '_')
	out=$scratch/out/$name
	echo "## $mv: errcheck only (file:line and errcheck's text)"
	while read -r key; do
		grep -m1 -E "(^|/)${key//./\\.}:" "$out/errcheck.txt" | sed -E "s|^$scratch/src/$name/||"
	done <"$out/errcheck-only.keys"
	echo
	echo "## $mv: relcheck only, by rule"
	awk -F'\t' '{print $1}' "$out/relcheck.all" | sort | uniq -c
	sed 's/.*/\t&\t/' "$out/relcheck-only.keys" >"$out/relcheck-only.pat"
	grep -F -f "$out/relcheck-only.pat" "$out/relcheck.all" |
		awk -F'\t' '$1 == "go/unchecked-error" || $1 == "go/unchecked-close-on-write"' | head -50
	echo
done
echo "outputs: $scratch/out"
