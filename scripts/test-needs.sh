#!/usr/bin/env bash
# Run first by `npm test`: stop before anything runs when a tool the tests need is missing,
# with one line naming the command that installs it. The argument (a path) is for this script's own test.
chromium=${1:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "npm test needs Debian's Chromium (${chromium}) for the browser tests; install it first: apt-get install -y chromium (or run bash .ci/run, which installs what is missing and runs the tests)" >&2
  exit 1
fi
