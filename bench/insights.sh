#!/usr/bin/env bash
# Issue 7's insights benchmark (see bench/README.md); not part of ./mvnw verify.
# One account-year of ad-level daily insights for 200 ads against the sandbox, with a 256 MB heap.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=InsightsBenchmark -Dbench=insights -DargLine=-Xmx256m -Dsurefire.failIfNoSpecifiedTests=false
cat target/bench/insights.md
