#!/bin/sh
# fetch-deb-src.sh - a Debian source package, unpacked with its Debian
# patches applied, into DEST/PKG-VERSION/ (printed on stdout).
#
#   sh tools/fetch-deb-src.sh PKG DEST
#
# "apt-get source" needs a deb-src entry; if the machine has none, one
# for the distribution the deb entries name is added
# (/etc/apt/sources.list.d/epollos-deb-src.sources) and the lists are
# refreshed once.  The source is downloaded as its .dsc and tarballs and
# unpacked by dpkg-source (dpkg-dev, in tools/deps.sh).  Silent and
# immediate when DEST already holds an unpacked PKG.  Never committed.
set -e
pkg=$1 dest=$2
done_dir=$(ls -d "$dest/$pkg"-*/ 2>/dev/null | head -n 1)
if [ -n "$done_dir" ] && [ -f "$dest/.unpacked" ]; then
	echo "${done_dir%/}"
	exit 0
fi
[ "$(id -u)" = 0 ] && SUDO="" || SUDO=sudo
mkdir -p "$dest"
has_src() {
	grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/
}
if ! has_src; then
	suites=$(sed -nE 's/^Suites: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
	[ -n "$suites" ] || suites="$(. /etc/os-release && echo "$VERSION_CODENAME")"
	echo "fetch-deb-src: adding a deb-src entry for: $suites" >&2
	printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$suites" | $SUDO tee /etc/apt/sources.list.d/epollos-deb-src.sources > /dev/null
	$SUDO apt-get update -qq >&2
fi
cd "$dest"
rm -rf "./$pkg"-*/
if ! apt-get source -qq "$pkg" > source.log 2>&1; then
	$SUDO apt-get update -qq >&2 || true
	apt-get source -qq "$pkg" > source.log 2>&1 || {
		cat source.log >&2
		echo "fetch-deb-src: apt-get source $pkg failed" >&2
		exit 1
	}
fi
: > .unpacked
d=$(ls -d "$pkg"-*/ | head -n 1)
echo "$(pwd)/${d%/}"
