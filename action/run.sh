#!/usr/bin/env bash
# Runs relcheck for the GitHub Action. Inputs arrive only as environment
# variables and are used as data: never evaluated, never globbed, never
# interpolated into a command line, so a hostile input cannot run code or
# forge workflow commands.
set -uo pipefail
set -f # no globbing of paths or args

: "${RUNNER_TEMP:=${TMPDIR:-/tmp}}"
bin="$RUNNER_TEMP/relcheck-bin/relcheck"

# Paths and extra args are split on spaces, tabs and newlines (set -f above
# keeps the words from being globbed); a path therefore never holds a
# newline, which keeps every message that quotes it on one line.
paths=()
for p in ${INPUT_PATHS:-.}; do paths+=("$p"); done
[ "${#paths[@]}" -gt 0 ] || paths=(.)
extra=()
for a in ${INPUT_ARGS:-}; do extra+=("$a"); done

# Without a fail-on input the configuration decides (its fail-on, else
# high): a team's .relcheck.yaml, or a shared one that locks fail-on, is
# not overridden by the action's default.
args=(check)
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")

only_new=${INPUT_ONLY_NEW:-}
if [ -z "$only_new" ]; then
  if [ "${EVENT_NAME:-}" = pull_request ] || [ "${EVENT_NAME:-}" = pull_request_target ]; then only_new=true; else only_new=false; fi
fi
if [ "$only_new" = true ]; then
  if [ -n "${BASE_REF:-}" ]; then
    # An explicit refspec: a single-branch checkout has no refspec that
    # would create origin/BASE_REF.
    refspec="+refs/heads/$BASE_REF:refs/remotes/origin/$BASE_REF"
    if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
      # actions/checkout fetches one commit by default, which shares no
      # history with the base branch; only-new needs their merge base.
      echo "relcheck: the checkout is shallow; fetching history to find the merge base with $BASE_REF (check out with fetch-depth: 0 to skip this)"
      git fetch --no-tags --quiet --unshallow origin "$refspec" 2>/dev/null || git fetch --no-tags --quiet origin "$refspec" 2>/dev/null || true
    else
      git fetch --no-tags --quiet origin "$refspec" 2>/dev/null || true
    fi
    args+=(--new-from-rev "origin/$BASE_REF")
  else
    echo "relcheck: only-new is set but the event has no base branch; reporting every finding"
  fi
fi

sarif=${INPUT_SARIF_FILE:-relcheck.sarif}
json="$RUNNER_TEMP/relcheck-report.json"
args+=(--format github --format "sarif=$sarif" --format "json=$json")
case "${INPUT_FORMAT:-text}" in
  "" | github) ;;
  text | json | markdown | junit | gitlab) args+=(--format "${INPUT_FORMAT}=$RUNNER_TEMP/relcheck-report.${INPUT_FORMAT}") ;;
  *) echo "relcheck: unknown format input; using annotations and SARIF only" ;;
esac

# Lines relcheck prints to stderr may quote user input; indenting any line
# that starts with "::" keeps it from being read as a workflow command.
"$bin" "${args[@]}" "${extra[@]}" "${paths[@]}" 2> >(sed 's/^::/ ::/' >&2)
code=$?
wait

findings=0
if [ -f "$json" ]; then
  findings=$(sed -n 's/^    "total": \([0-9][0-9]*\),*$/\1/p' "$json" | head -n 1)
  findings=${findings:-0}
fi
if [ -n "${INPUT_FORMAT:-}" ] && [ -f "$RUNNER_TEMP/relcheck-report.${INPUT_FORMAT}" ] && [ "${INPUT_FORMAT}" = text ]; then
  cat "$RUNNER_TEMP/relcheck-report.text"
fi

# A delimiter that cannot occur in the value keeps a hostile sarif-file
# input from writing outputs of its own.
delim="relcheck_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
{
  echo "exit-code=$code"
  echo "findings=$findings"
  echo "sarif-file<<$delim"
  printf '%s\n' "$sarif"
  echo "$delim"
} >>"${GITHUB_OUTPUT:-/dev/null}"
exit "$code"
