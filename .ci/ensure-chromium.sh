#!/usr/bin/env bash
# Makes sure Debian's chromium is there (the report test opens the HTML report in it, headless).
# Installs it with apt-get where that is possible; otherwise prints the exact command to run.
command -v chromium >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing chromium (apt-get)…" >&2
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 && exit 0
fi
echo "chromium is missing; install it with: sudo apt-get install -y chromium" >&2
exit 1
