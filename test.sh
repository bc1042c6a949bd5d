#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (Chromium from apt, Azurite
# from npm into .local/azurite), builds, runs all test projects and prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium (Debian package) for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

AZURITE_VERSION=$(sed -n 's/.*public const string Version = "\(.*\)";/\1/p' functions/MentoringFunctions/Hosting/Azurite.cs)
if [ ! -f .local/azurite/node_modules/azurite/dist/src/azurite.js ]; then
  echo "Installing Azurite ${AZURITE_VERSION} into .local/azurite..."
  npm install --no-audit --no-fund --loglevel=error --prefix .local/azurite "azurite@${AZURITE_VERSION}" >/dev/null
fi

rm -rf TestResults/trx
# Everything in the solution must build, bench commands included (warnings are errors).
dotnet build MentoringFunctions.sln --nologo -v quiet
status=0
dotnet test MentoringFunctions.sln --nologo --no-build --logger "trx" --results-directory TestResults/trx "$@" || status=$?

passed=0; failed=0; skipped=0; files=0
for f in TestResults/trx/*.trx; do
  [ -f "$f" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$f")
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$files" -eq 0 ]; then echo "no test results were written"; exit 1; fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ] && exit "$status" || exit 1
