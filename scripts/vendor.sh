#!/usr/bin/env bash
# Puts the browser libraries the site serves from its own origin into the built site, from the
# npm packages end2end/package.json pins (installed by `make tools`): Leaflet, for the map of the
# points of sale (/nhung/diem-ban). Nothing is fetched from another site at run time but the
# map's tiles.
#   scripts/vendor.sh [SITE_ROOT]   (default: $LEPTOS_SITE_ROOT or target/site)
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-${LEPTOS_SITE_ROOT:-target/site}}
src=end2end/node_modules/leaflet/dist
[ -f "$src/leaflet.js" ] || { echo "missing $src: run make tools" >&2; exit 1; }
dest="$site/vendor/leaflet"
rm -rf "$dest"
mkdir -p "$dest/images"
cp "$src/leaflet.js" "$src/leaflet.js.map" "$src/leaflet.css" "$dest/"
cp "$src"/images/*.png "$dest/images/"
echo "vendored Leaflet $(node -p "require('./end2end/node_modules/leaflet/package.json').version" 2>/dev/null || echo '') into $dest"
