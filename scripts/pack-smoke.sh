#!/usr/bin/env bash
# The package as users get it: `npm pack` this checkout, install the tarball into a fresh project
# (nothing of this checkout's node_modules), then run `npx athanor --version` and one autogenerate
# of the devices example on SQLite. Fails if the tarball lacks dist/ or a runtime dependency.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)"
mkdir -p "$work/app"
cp -r "$repo/fixtures/devices/." "$work/app/"
rm -rf "$work/app/node_modules" "$work/app/migrations" "$work/app"/*.sqlite
cd "$work/app"
cat > package.json <<'JSON'
{ "name": "athanor-pack-smoke", "version": "1.0.0", "private": true }
JSON
npm install --no-fund --no-audit --prefer-offline --loglevel=error "$work/$tarball" typeorm@1.1.1 reflect-metadata >/dev/null
echo "pack-smoke: installed $tarball into a fresh project"
npx --no-install athanor --version
npx --no-install athanor revision --autogenerate -m "create devices" --no-interactive
ls migrations/versions/*_create_devices.ts >/dev/null
npx --no-install athanor upgrade head
npx --no-install athanor check
echo "pack-smoke: ok"
