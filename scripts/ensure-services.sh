#!/usr/bin/env bash
# Starts PostgreSQL, Redis and NATS (JetStream) on loopback if one of them does not answer.
# The start commands are the machine's own (see shared/design/services.md); nothing is started twice.
set -uo pipefail

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  for _ in $(seq 1 50); do answers "$2" && return 0; sleep 0.2; done
  echo "services: $1 did not come up on port $2" >&2
  return 1
}

if ! answers 5432; then
  echo "services: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  wait_for PostgreSQL 5432
fi
if ! answers 6379; then
  echo "services: starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for Redis 6379
fi
if ! answers 4222; then
  echo "services: starting NATS with JetStream"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  wait_for NATS 4222
fi
echo "services: PostgreSQL, Redis and NATS answer on loopback"
