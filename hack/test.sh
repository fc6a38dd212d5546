#!/usr/bin/env bash
# Runs every test: installs what the tests need, then `dotnet test` on the solution.
# Ends with the totals on a line of their own: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash hack/deps.sh || { echo "deps: install failed"; echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
dotnet test HaystackOperator.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summary lines: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
read -r passed failed skipped < <(grep -E '^\s*(Passed|Failed)!\s+-' "$log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
rm -f "$log"
if ((status != 0 && failed == 0)); then failed=1; fi  # a build error or crashed test host counts as a failure
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
