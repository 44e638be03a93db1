#!/usr/bin/env bash
# Builds relcheck from the action's checkout into the runner's temp dir.
set -euo pipefail
: "${ACTION_PATH:?}" "${RUNNER_TEMP:=${TMPDIR:-/tmp}}"
if ! command -v go >/dev/null 2>&1; then
  echo "::error title=relcheck::Go is not installed; add actions/setup-go before relcheck/relcheck"
  exit 2
fi
mkdir -p "$RUNNER_TEMP/relcheck-bin"
(cd "$ACTION_PATH" && go build -trimpath -o "$RUNNER_TEMP/relcheck-bin/relcheck" ./cmd/relcheck)
