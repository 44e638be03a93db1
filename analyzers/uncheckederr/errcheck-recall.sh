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
		github.com/hashicorp/consul/api@v1.34.5
		oras.land/oras-go/v2@v2.7.0
		gopkg.in/natefinch/lumberjack.v2@v2.2.1
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

# Fetch each module once into the scratch dir and run both tools in it.
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
	(cd "$src" && "$gobin/errcheck" -blank ./... >"$out/errcheck-blank.txt" 2>"$out/errcheck-blank.err" || true)
	(cd "$src" && "$gobin/relcheck-uncheckederr" -json ./... >"$out/relcheck.json" 2>"$out/relcheck.err" || true)
	# category, file:line (relative to the module root), message
	jq -r --arg src "$src/" '
		.[] | .[] | select(type == "array") | .[]
		| "\(.category)\t\(.posn | sub("^" + $src; "") | sub(":[0-9]+$"; ""))\t\(.message)"' \
		"$out/relcheck.json" | sort -u >"$out/relcheck.all"
	awk -F'\t' '$1 == "go/unchecked-error" || $1 == "go/unchecked-close-on-write" {print $2}' \
		"$out/relcheck.all" | sort -u >"$out/relcheck.keys"
done

# compare VARIANT: errcheck VARIANT output against relcheck's two rules.
compare() {
	local variant=$1
	printf '\n### errcheck %s vs relcheck defaults (go/unchecked-error + go/unchecked-close-on-write)\n\n' "$variant"
	printf '| module | errcheck | relcheck | both | errcheck only | relcheck only | recall |\n'
	printf '|---|---|---|---|---|---|---|\n'
	for mv in "${modules[@]}"; do
		name=$(echo "${mv%@*}" | tr '/' '_')
		out=$scratch/out/$name
		src=$scratch/src/$name
		sed -E "s|^$src/||; s|^([^:]+):([0-9]+):.*|\1:\2|" "$out/$variant.txt" | sort -u >"$out/$variant.keys"
		comm -12 "$out/$variant.keys" "$out/relcheck.keys" >"$out/$variant.both"
		comm -23 "$out/$variant.keys" "$out/relcheck.keys" >"$out/$variant.only"
		comm -13 "$out/$variant.keys" "$out/relcheck.keys" >"$out/$variant.relcheck-only"
		local e r b eo ro recall
		e=$(wc -l <"$out/$variant.keys")
		r=$(wc -l <"$out/relcheck.keys")
		b=$(wc -l <"$out/$variant.both")
		eo=$(wc -l <"$out/$variant.only")
		ro=$(wc -l <"$out/$variant.relcheck-only")
		recall=$(awk -v b="$b" -v e="$e" 'BEGIN { if (e == 0) print "n/a"; else printf "%.1f%%", 100 * b / e }')
		printf '| %s | %d | %d | %d | %d | %d | %s |\n' "$mv" "$e" "$r" "$b" "$eo" "$ro" "$recall"
	done
	# Sort each errcheck-only line into the intended differences by its
	# source text; "other" lines need a look.
	printf '\n| module | errcheck only | generated file | Close | partial blank `v, _ := f()` | other |\n'
	printf '|---|---|---|---|---|---|\n'
	for mv in "${modules[@]}"; do
		name=$(echo "${mv%@*}" | tr '/' '_')
		out=$scratch/out/$name
		src=$scratch/src/$name
		local gen=0 cls=0 part=0 other=0 f l line
		while read -r key; do
			f=${key%:*}
			l=${key#*:}
			line=$(sed -n "${l}p" "$src/$f")
			if grep -qE '^// Code generated .* DO NOT EDIT\.$' "$src/$f"; then
				gen=$((gen + 1))
			elif [[ $line == *"Close()"* ]]; then
				cls=$((cls + 1))
			elif [[ $line =~ ,[[:space:]]*_[[:space:]]*(,|=|:=) || $line =~ _,[[:space:]]*[A-Za-z] ]]; then
				part=$((part + 1))
			else
				other=$((other + 1))
			fi
		done <"$out/$variant.only"
		printf '| %s | %d | %d | %d | %d | %d |\n' "$mv" "$(wc -l <"$out/$variant.only")" "$gen" "$cls" "$part" "$other"
	done
	for mv in "${modules[@]}"; do
		name=$(echo "${mv%@*}" | tr '/' '_')
		out=$scratch/out/$name
		printf '\n#### %s: errcheck %s only (errcheck text)\n\n' "$mv" "$variant"
		while read -r key; do
			grep -m1 -E "(^|/)${key//./\\.}:" "$out/$variant.txt" | sed -E "s|^$scratch/src/$name/||"
		done <"$out/$variant.only"
		printf '\n#### %s: relcheck only, vs errcheck %s\n\n' "$mv" "$variant"
		sed 's/.*/\t&\t/' "$out/$variant.relcheck-only" >"$out/$variant.pat"
		grep -F -f "$out/$variant.pat" "$out/relcheck.all" |
			awk -F'\t' '$1 == "go/unchecked-error" || $1 == "go/unchecked-close-on-write"' || true
	done
}
compare errcheck
compare errcheck-blank

printf '\n### relcheck findings by rule\n\n'
for mv in "${modules[@]}"; do
	name=$(echo "${mv%@*}" | tr '/' '_')
	printf '%s\n' "$mv"
	awk -F'\t' '{print $1}' "$scratch/out/$name/relcheck.all" | sort | uniq -c
done
echo
echo "outputs: $scratch/out"
