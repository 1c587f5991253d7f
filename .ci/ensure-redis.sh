#!/usr/bin/env bash
# Makes sure Debian's redis-server is there (the queue tests and `npm run demo` start a private one).
# Installs it with apt-get where that is possible; otherwise prints the exact command to run.
command -v redis-server >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing redis-server (apt-get)…" >&2
  (apt-get update -qq && apt-get install -y -qq redis-server) >/dev/null 2>&1 && exit 0
fi
echo "redis-server is missing; install it with: sudo apt-get install -y redis-server" >&2
exit 1
