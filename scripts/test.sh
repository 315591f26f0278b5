#!/usr/bin/env bash
# `npm test`: every tier, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-needs.sh

step() { printf '\n== %s\n' "$*"; }

step "type-check"; npm run --silent typecheck
step "lint"; npm run --silent lint
step "build the staff app"; npm run --silent build:web
step "unit and integration tests (embedded PostgreSQL)"
npx vitest run --project unit --project integration
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "integration tests (PostgreSQL server at TEST_DATABASE_URL)"
  BEACON_TEST_TARGET=server npx vitest run --project integration
else
  step "integration tests on a PostgreSQL server: skipped (set TEST_DATABASE_URL to run them)"
fi
step "browser and process tests (Chromium, real server)"
npx vitest run --project e2e
