#!/bin/sh
# deps.sh - install the Debian packages the build, run and tests need.
# Idempotent and silent when everything is already there.
#   deps.sh [EXTRA-PACKAGE...]   also those (tools/bench asks for wrk)
set -e
PKGS="gcc libc6-dev make binutils qemu-system-x86 grub-pc-bin grub-common xorriso mtools musl-tools gdb dpkg-dev python3 curl netcat-openbsd iproute2 $*"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
	command -v sudo >/dev/null || {
		echo "deps: not root and no sudo; install as root: apt-get install$missing" >&2
		exit 1
	}
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
