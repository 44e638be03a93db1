#!/usr/bin/env bash
# Measures the two Go analysis drivers on a real module, beside `go vet` on
# the same tree in the same run: wall time and peak memory (max RSS of the
# process tree, from /usr/bin/time -v). Prints one line per run.
#
#   scripts/bench-go-driver.sh [MODULE@VERSION]   (default: alertmanager)
set -euo pipefail
mod=${1:-github.com/prometheus/alertmanager@v0.35.0}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/relcheck-bench}
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }

dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
src="$work/$(basename "${mod%@*}")"
rm -rf "$src" && cp -r "$dir" "$src" && chmod -R u+w "$src"
# alertmanager's ui package embeds app/dist, which only its JS build creates.
[ -d "$src/ui/app" ] && mkdir -p "$src/ui/app/dist" && echo ok > "$src/ui/app/dist/index.html"
(cd "$src" && go mod download && go build ./... )

go build -o "$work/relcheck" "$repo/cmd/relcheck"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
  printf '%-36s wall %8s  max RSS %6d MB\n' "$label" "$wall" $((rss / 1024))
}

cd "$src"
echo "module: $mod  ($(go list ./... | wc -l) packages, $(find . -name '*.go' | wc -l) Go files)"
# cold: an empty build cache before each command (a fresh CI machine with
# no cache); warm: the same command again right after (a developer's
# machine, or CI with a restored build cache).
run() { # label, command...
  local label=$1; shift
  go clean -cache
  measure "$label (cold)" "$@"
  measure "$label (warm)" "$@"
}
run "go vet ./..." go vet ./...
run "relcheck, checker driver" env RELCHECK_GO_DRIVER=checker "$work/relcheck" check --only go -q --fail-on critical ./...
run "relcheck, vet driver" env RELCHECK_GO_DRIVER=vet "$work/relcheck" check --only go -q --fail-on critical ./...
