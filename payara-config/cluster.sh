#!/usr/bin/env bash
# A LungScan cluster on this machine: two Payara Micro instances forming one data grid, one MySQL or
# MariaDB database, one data directory, and HAProxy in front (README, "Running a cluster").
#
#   payara-config/cluster.sh start     builds the WAR if missing, starts everything, prints the URL
#   payara-config/cluster.sh stop      stops what start started
#
# Settings (environment):
#   LUNGSCAN_DB_URL       required: jdbc:mysql://host:3306/lungscan (the embedded H2 database cannot be
#                         shared by two processes); LUNGSCAN_DB_USER, LUNGSCAN_DB_PASSWORD as usual
#   CLUSTER_PORT          the balancer's port (default 8080); instances at +1 and +2, Hazelcast at
#                         CLUSTER_GRID_PORT (default 5900) and the next
#   CLUSTER_DIR           logs, process ids and the shared data directory (default ./cluster)
# Every other LUNGSCAN_* variable is passed to both instances.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${CLUSTER_PORT:-8080}
GRID=${CLUSTER_GRID_PORT:-5900}
DIR=$(mkdir -p "${CLUSTER_DIR:-cluster}" && cd "${CLUSTER_DIR:-cluster}" && pwd)
WAR=target/lungscan.war
MICRO=target/payara-micro.jar

stop() {
  for pidfile in "$DIR"/*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null && echo "stopped $(basename "$pidfile" .pid) ($pid)"
    rm -f "$pidfile"
  done
}

ready() { curl -fs -o /dev/null "http://127.0.0.1:$1/health/ready"; }

start() {
  : "${LUNGSCAN_DB_URL:?set LUNGSCAN_DB_URL to a MySQL/MariaDB database (jdbc:mysql://127.0.0.1:3306/lungscan): the embedded database cannot be shared by two instances}"
  command -v haproxy >/dev/null || { echo "haproxy is missing: apt-get install haproxy" >&2; exit 1; }
  [ -f "$WAR" ] && [ -f "$MICRO" ] || mvn -q package -DskipTests
  export LUNGSCAN_DATA_DIR=${LUNGSCAN_DATA_DIR:-$DIR/data}
  export LUNGSCAN_HTTP_TRUSTED_PROXIES=${LUNGSCAN_HTTP_TRUSTED_PROXIES:-127.0.0.1}
  members="127.0.0.1:$GRID,127.0.0.1:$((GRID + 1))"
  for n in 1 2; do
    # --nohostaware: both instances are on one machine; without it neither keeps a backup of the
    # other's sessions, and a killed instance takes its doctors' sessions with it
    java -XX:TieredStopAtLevel=1 -jar "$MICRO" --deploy "$WAR" --port $((PORT + n)) \
      --clustermode "tcpip:$members" --clustername lungscan --name "instance-$n" \
      --startport $((GRID + n - 1)) --nohostaware --rootdir "$DIR/root-$n" \
      --prebootcommandfile payara-config/pre-boot-commands.asadmin \
      >"$DIR/instance-$n.log" 2>&1 &
    echo $! >"$DIR/instance-$n.pid"
    echo "instance-$n starting on port $((PORT + n)), log $DIR/instance-$n.log"
    # the first instance migrates the database alone before the second starts
    until ready $((PORT + n)); do
      kill -0 "$(cat "$DIR/instance-$n.pid")" 2>/dev/null || { echo "instance-$n stopped; see its log" >&2; exit 1; }
      sleep 2
    done
  done
  LUNGSCAN_LB_BIND=":$PORT" LUNGSCAN_INSTANCE_1="127.0.0.1:$((PORT + 1))" \
    LUNGSCAN_INSTANCE_2="127.0.0.1:$((PORT + 2))" \
    haproxy -db -f payara-config/haproxy.cfg >"$DIR/haproxy.log" 2>&1 &
  echo $! >"$DIR/haproxy.pid"
  until ready "$PORT"; do sleep 1; done
  echo "LungScan cluster ready: http://localhost:$PORT/"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
