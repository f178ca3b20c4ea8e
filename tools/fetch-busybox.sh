#!/bin/sh
# fetch-busybox.sh - Debian's busybox-static (glibc, statically linked)
# into build/busybox/busybox, unmodified: an oracle of real software the
# kernel must run as Linux does (make test runs its shell, ls and httpd
# through tools/run-prog).
#
#   sh tools/fetch-busybox.sh [BUILD_DIR]     (default: build)
#
# The binary package comes from Debian's archive with "apt-get download"
# (which installs nothing; the package lists are refreshed once if the
# package is not found) and is unpacked with dpkg-deb.  Never committed.
# Idempotent: silent and immediate when the binary is already there.
set -e
build=${1:-build}
dest=$build/busybox
[ -x "$dest/busybox" ] && exit 0

mkdir -p "$dest/deb"
cd "$dest/deb"
rm -f busybox-static_*.deb
if ! apt-get download busybox-static > ../download.log 2>&1; then
	echo "fetch-busybox: refreshing the package lists" >&2
	apt-get update -qq >> ../download.log 2>&1 || true
	apt-get download busybox-static >> ../download.log 2>&1 || {
		cat ../download.log >&2
		echo "fetch-busybox: apt-get download busybox-static failed" >&2
		exit 1
	}
fi
rm -rf root
dpkg-deb -x busybox-static_*.deb root
cp root/bin/busybox ../busybox.tmp
chmod 755 ../busybox.tmp
mv ../busybox.tmp ../busybox
echo "fetch-busybox: $(ls busybox-static_*.deb) -> $dest/busybox"
