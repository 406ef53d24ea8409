#!/usr/bin/env bash
# Regenerates docs/html-report.png: the HTML report of fixtures/images/tree (findings, class names, damaged
# images), as headless chromium draws it at 1280 x 2400. Needs chromium (apt-get install chromium).
#
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null 2>&1 || { echo "html-screenshot.sh needs chromium: apt-get install chromium" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
page="$work/report.html"

./scripts/build.sh
# Exit 1 means findings, which this fixture has.
publish/datascrub scan fixtures/images/tree --html "$page" --quiet || [ $? -eq 1 ]
[ -s "$page" ] || { echo "html-screenshot.sh: no page was written to $page" >&2; exit 2; }

timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size=1280,2400 --screenshot="$work/shot.png" "file://$page" >/dev/null 2>&1
mv "$work/shot.png" docs/html-report.png
size=$(stat -c %s docs/html-report.png)
echo "docs/html-report.png: $size bytes"
if [ "$size" -ge 512000 ]; then echo "html-screenshot.sh: the screenshot is over 500 KB" >&2; exit 1; fi
