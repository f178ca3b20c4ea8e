#!/bin/sh
# fetch-lwip.sh - get lwIP 2.1.3 from Debian's "lwip" source package into
# build/lwip, without touching the system's apt configuration.
#
#   sh tools/fetch-lwip.sh [BUILD_DIR]     (default: build)
#
# lwIP is a dependency, not our code (docs/design.md): it is fetched by the
# build, never committed and never modified.  A fresh Debian 12 machine
# has no deb-src entry, so apt is pointed at a private configuration
# under BUILD_DIR/apt: its own sources list (deb-src for bookworm main,
# checked with Debian's archive key), its own lists and cache.  Nothing
# in /etc/apt or /var/lib/apt changes.
#
# Debian's patches are applied with dpkg-source when dpkg-dev is present
# (they only touch packaging and build files, not the stack's sources we
# compile); without dpkg-dev the orig tarball alone is unpacked, which
# holds the very same src/ tree.
#
# Idempotent: silent and immediate when build/lwip is already there.
set -e
build=${1:-build}
dest=$build/lwip
stamp=$dest/.fetched
[ -f "$stamp" ] && exit 0

VERSION=2.1.3
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
mkdir -p "$build"
apt=$(cd "$build" && pwd)/apt
mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/src"
signed=""
[ -f "$keyring" ] && signed="[signed-by=$keyring] "
echo "deb-src ${signed}http://deb.debian.org/debian bookworm main" > "$apt/sources.list"

aptopts="-o Dir::Etc::SourceList=$apt/sources.list
	-o Dir::Etc::SourceParts=$apt/sources.list.d
	-o Dir::State::Lists=$apt/lists
	-o Dir::Cache=$apt/cache
	-o Debug::NoLocking=1
	-o APT::Sandbox::User=root"

echo "  FETCH	lwip $VERSION (Debian source package, private apt config in $apt)"
# shellcheck disable=SC2086
apt-get -qq $aptopts update
# shellcheck disable=SC2086
(cd "$apt/src" && apt-get -qq $aptopts source --download-only lwip >/dev/null)

orig=$(ls "$apt/src"/lwip_"$VERSION"*.orig.tar.* 2>/dev/null | head -n 1)
dsc=$(ls "$apt/src"/lwip_"$VERSION"*.dsc 2>/dev/null | head -n 1)
[ -n "$orig" ] || { echo "fetch-lwip: no orig tarball downloaded" >&2; exit 1; }

rm -rf "$dest" "$dest.tmp"
if command -v dpkg-source >/dev/null 2>&1 && [ -n "$dsc" ]; then
	dpkg-source --no-check -q -x "$dsc" "$dest.tmp" >/dev/null
else
	mkdir -p "$dest.tmp"
	tar -xf "$orig" -C "$dest.tmp" --strip-components=1
fi
[ -f "$dest.tmp/src/core/tcp.c" ] || { echo "fetch-lwip: unexpected layout" >&2; exit 1; }
mv "$dest.tmp" "$dest"
echo "$orig" > "$stamp"
