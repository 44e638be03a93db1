#!/usr/bin/env bash
# make bench: the built-in policy library on generated Deployments, beside
# conftest with its own examples/kubernetes/policy on the same files, in one
# run. Prints wall time, peak memory (max RSS) and the ratios, and relcheck's
# cost at several sizes to show it grows linearly.
#
#   scripts/bench-manifests.sh [N]     (default 20000)
set -euo pipefail
n=${1:-20000}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/relcheck-bench}
conftest_version=${CONFTEST_VERSION:-v0.71.1}
mkdir -p "$work/bin"
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

# conftest is a peer we compare with, never a dependency: it is installed
# into a scratch GOBIN outside the repository.
if [ ! -x "$work/bin/conftest" ]; then
  (cd "$work" && GOBIN="$work/bin" GOFLAGS=-mod=mod go install "github.com/open-policy-agent/conftest@$conftest_version")
fi
policy_src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/open-policy-agent/conftest@$conftest_version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
policy="$policy_src/examples/kubernetes/policy"

go build -o "$work/bin/relcheck" "$repo/cmd/relcheck"

measure() { # label, command...: prints "label wall-seconds cpu-seconds rss-MB"
  local label=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
  # time prints "Command exited with non-zero status N" first when the
  # command fails (conftest does when it finds violations): read the last line.
  read -r secs kb user sys < <(tail -n 1 "$work/time.txt")
  printf '%-40s wall %7.2f s   cpu %7.2f s   max RSS %7.1f MB\n' "$label" "$secs" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" "$(awk -v k="$kb" 'BEGIN{print k/1024}')"
  echo "$secs $kb" >"$work/last.txt"
}

echo "relcheck $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo dev), conftest $conftest_version, $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg 2>/dev/null)"
for size in $((n / 4)) $((n / 2)) "$n"; do
  dir="$work/deployments-$size"
  [ -d "$dir" ] || go run "$repo/scripts/gendeploy" -n "$size" -out "$dir"
  measure "relcheck, $size Deployments" "$work/bin/relcheck" check --only manifests -q --fail-on critical "$dir"
  read -r r_secs r_kb <"$work/last.txt"
done
measure "conftest, $n Deployments" "$work/bin/conftest" test --no-color -p "$policy" "$dir"
read -r c_secs c_kb <"$work/last.txt"

# The same comparison with the same policies: relcheck evaluating conftest's
# examples (conftest-style package main) with its own library switched off,
# which separates the engines' cost from the libraries' size.
same="$work/same-policies"
rm -rf "$same" && mkdir -p "$same/policy"
cp "$policy"/*.rego "$same/policy/" && rm -f "$same/policy/"*_test.rego
{
  echo "policies: [policy]"
  echo "rules:"
  "$work/bin/relcheck" rules | awk 'NR > 1 && $1 ~ /^(k8s|tf|compose)\// { print "  " $1 ":\n    enabled: false" }'
} >"$same/.relcheck.yaml"
measure "relcheck with conftest's policies, $n" "$work/bin/relcheck" check --config "$same/.relcheck.yaml" --only manifests -q --fail-on critical "$dir"
read -r s_secs s_kb <"$work/last.txt"
awk -v rs="$r_secs" -v cs="$c_secs" -v rk="$r_kb" -v ck="$c_kb" -v ss="$s_secs" -v sk="$s_kb" 'BEGIN{
  printf "whole library vs conftest examples: relcheck is %.1fx faster and uses %.2f of conftest peak memory\n", cs/rs, rk/ck
  printf "same policies:                      relcheck is %.1fx faster and uses %.2f of conftest peak memory\n", cs/ss, sk/ck}'
