#!/usr/bin/env bash
# Everything `npm test` runs, in order, inside the private keyring session set up by with-keyring.sh:
# type check, fresh build (E2E and CLI tests drive the built app), then unit, integration and E2E suites.
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "== typecheck"
npx tsc -p tsconfig.json --noEmit
echo "== build"
npm run build --silent
echo "== tests"
npx vitest run --reporter=default --reporter=./test/support/summary-reporter.ts "$@"
