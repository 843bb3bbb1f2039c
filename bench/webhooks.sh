#!/usr/bin/env bash
# Webhook intake benchmark (BENCHMARKS.md, "Webhooks"): the app with its Graph sandbox on loopback,
# one workspace connected to the sandbox's Pages, and WebhookLoad sending signed leadgen deliveries at a
# constant rate. Prints sustained deliveries/s and ack latency, then lead-in-DB latency from the database.
# The Graph client's rate-limit governor is switched off here (threshold 100, no hold at 100%): the
# sandbox meters a small app's hourly budget (5,000 calls), which a benchmark of tens of thousands of
# lead fetches would exhaust in seconds; the pipeline, not the simulated quota, is what is measured.
# Scheduled reconciliation is off too: it would backfill the very leads the deliveries name.
# usage: bench/webhooks.sh [rate=5000] [seconds=30] [warmup-seconds=10]
# APP_OPTS adds JVM options to the app (e.g. APP_OPTS=-XX:StartFlightRecording=filename=target/app.jfr to profile it)
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-5000}
SECONDS_=${2:-30}
WARMUP=${3:-10}
PORT=${PORT:-8089}
BASE=http://127.0.0.1:$PORT
NEED=$((RATE * (SECONDS_ + WARMUP)))

# a jar built with the dev profile, so that it carries the Graph sandbox (dev and test builds only)
[ -f target/bench-app/quarkus-run.jar ] || ./mvnw -q package -DskipTests -Dquarkus.profile=dev \
    -Dquarkus.package.output-directory=bench-app
[ -f target/bench-cp.txt ] || ./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=runtime

# a PostgreSQL of its own (the embedded binaries the tests unpack), durable settings (fsync on)
DB_DIR=$PWD/target/bench-pg
PGBIN=$PWD/target/embedded-pg/dist/bin
PGPORT=${PGPORT:-55439}
[ -x $PGBIN/pg_ctl ] || { echo "run the tests once first (they unpack the embedded PostgreSQL)"; exit 1; }
AS=""; [ "$(id -u)" = 0 ] && AS="setpriv --reuid=65534 --regid=65534 --clear-groups --"
rm -rf "$DB_DIR"; mkdir -p "$DB_DIR"; [ -n "$AS" ] && chown 65534:65534 "$DB_DIR"
$AS $PGBIN/initdb -A trust -U postgres -D "$DB_DIR/data" -E UTF-8 --locale=C >/dev/null
$AS $PGBIN/pg_ctl -D "$DB_DIR/data" -l "$DB_DIR/postgres.log" -w \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200" start >/dev/null
java -Xmx2g ${APP_OPTS:-} -Dquarkus.profile=dev -Dquarkus.http.port=$PORT \
     -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:$PGPORT/postgres \
     -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:$PGPORT/postgres \
     -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=postgres \
     -Dmetasync.graph.base-url=$BASE/sandbox/graph -Dmetasync.sandbox.latency-ms=0 -Dquarkus.log.level=WARN \
     -Dmetasync.graph.governor.threshold=100 -Dmetasync.graph.governor.throttle-block=PT0S -Dmetasync.reconciliation.enabled=false \
     -jar target/bench-app/quarkus-run.jar > target/bench-app.log 2>&1 &
APP=$!
cleanup() {
  kill $APP 2>/dev/null || true
  wait $APP 2>/dev/null || true
  $AS $PGBIN/pg_ctl -D "$DB_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
for i in $(seq 1 120); do curl -sf $BASE/q/health/ready >/dev/null && break; sleep 1; done

# a world with enough leads (one per delivery), one workspace connected to every Page
PER_FORM=$(( NEED / 8 + 1000 ))
curl -sf -XPOST $BASE/sandbox/admin/reset -H 'content-type: application/json' \
     -d "{\"pages\":4,\"formsPerPage\":2,\"leadsPerForm\":$PER_FORM}" >/dev/null
curl -sf -XPOST $BASE/api/v1/auth/register -H 'content-type: application/json' \
     -d '{"email":"bench@example.com","password":"password-123"}' >/dev/null
BEARER=$(curl -sf -XPOST $BASE/api/v1/auth/login -H 'content-type: application/json' \
     -d '{"email":"bench@example.com","password":"password-123"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
USER_TOKEN=$(curl -sf $BASE/sandbox/admin/world | sed 's/.*"users":\[{[^}]*"accessToken":"\([^"]*\)".*/\1/')
curl -sf -XPOST $BASE/api/v1/meta/connections/system-user -H "authorization: Bearer $BEARER" \
     -H 'content-type: application/json' -d "{\"accessToken\":\"$USER_TOKEN\"}" >/dev/null
for page in $(curl -sf $BASE/api/v1/meta/pages -H "authorization: Bearer $BEARER" | grep -o '"id":"[0-9]*"' | cut -d'"' -f4); do
  curl -sf $BASE/api/v1/meta/pages/$page/forms -H "authorization: Bearer $BEARER" >/dev/null
done

java -cp "$(cat target/bench-cp.txt)" bench/WebhookLoad.java $BASE sandbox-app-secret-dev-only $RATE $SECONDS_ $WARMUP

# lead in the database after arrival: lead.received_at - delivery's received_at, once all are stored
java -cp "$(cat target/bench-cp.txt)" bench/LeadLatency.java "$PGPORT" "$NEED" $((RATE * WARMUP))
