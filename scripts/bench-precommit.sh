#!/usr/bin/env bash
# Wall time of the relcheck pre-commit hook on one changed Go file in a real
# module, cold (empty Go build and analysis caches) and warm, beside
# golangci-lint's hook command (golangci-lint run --new-from-rev HEAD) on the
# same change. golangci-lint is installed outside the repository.
#
#   scripts/bench-precommit.sh [MODULE@VERSION] [FILE]
set -euo pipefail
mod=${1:-github.com/prometheus/alertmanager@v0.35.0}
file=${2:-notify/webhook/webhook.go}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/relcheck-bench}
mkdir -p "$work/bin"
command -v pre-commit >/dev/null || { echo "needs pre-commit (apt-get install pre-commit)" >&2; exit 2; }
if [ ! -x "$work/bin/golangci-lint" ]; then
  (cd "$work" && GOBIN="$work/bin" GOFLAGS=-mod=mod go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0)
fi

dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
src="$work/precommit-$(basename "${mod%@*}")"
rm -rf "$src" && cp -r "$dir" "$src" && chmod -R u+w "$src"
[ -d "$src/ui/app" ] && mkdir -p "$src/ui/app/dist" && echo ok > "$src/ui/app/dist/index.html"
cd "$src"
go mod download
git init -q -b main . && git add -A && git -c user.name=b -c user.email=b@example.com commit -q -m base --no-verify
cat > .pre-commit-config.yaml <<CFG
repos:
  - repo: $repo
    rev: $(git -C "$repo" rev-parse HEAD)
    hooks:
      - id: relcheck
CFG
export PRE_COMMIT_HOME="$work/pre-commit-home"
pre-commit install-hooks >/dev/null   # builds the hook's relcheck once; not timed

# The change: one edited line in one file, staged.
printf '\n// edited for the benchmark\n' >> "$file"
git add "$file" .pre-commit-config.yaml

t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN{printf "%.2f s", e-s}'; }

echo "module $mod, changed file $file, $(nproc) cores"
go clean -cache
echo "relcheck hook, cold:        $(t pre-commit run relcheck --files "$file")"
echo "relcheck hook, warm:        $(t pre-commit run relcheck --files "$file")"
go clean -cache; "$work/bin/golangci-lint" cache clean
echo "golangci-lint hook, cold:   $(t "$work/bin/golangci-lint" run --new-from-rev HEAD)"
echo "golangci-lint hook, warm:   $(t "$work/bin/golangci-lint" run --new-from-rev HEAD)"
