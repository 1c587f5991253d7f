#!/usr/bin/env bash
# Makes sure Debian's chromium and a Chinese font are there (the report tests open the HTML report
# in it, headless, and check that Chinese group names render as glyphs, not boxes).
# Installs them with apt-get where that is possible; otherwise prints the exact command to run.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  missing+=(fonts-wqy-microhei)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing ${missing[*]} (apt-get)…" >&2
  (apt-get update -qq && apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 && exit 0
fi
echo "${missing[*]} missing; install with: sudo apt-get install -y ${missing[*]}" >&2
exit 1
