#!/bin/sh
# build-redis.sh - redis-server from Debian's redis source package (its
# Debian patches applied), built static with musl (musl-gcc, MALLOC=libc,
# no TLS, no systemd) into build/redis/redis-server: an unmodified
# server that make test runs in the kernel (tools/tests/redis.sh) with
# redis-benchmark and redis-cli (Debian's redis-tools) on the host.
# Never committed; silent and immediate when the binary is there.
#
#   sh tools/build-redis.sh [BUILD_DIR]     (default: build)
set -e
build=${1:-build}
out=$build/redis/redis-server
[ -x "$out" ] && exit 0

here=$(cd "$(dirname "$0")" && pwd)
sh "$here/deps.sh"
src=$(sh "$here/fetch-deb-src.sh" redis "$build/redis/src")
mkdir -p "$build/redis"
log=$(cd "$build/redis" && pwd)/build.log
# deps/ (hiredis, lua, linenoise, hdr_histogram) are built from the
# package's own copies; jemalloc is left out (MALLOC=libc: musl's malloc).
if ! make -C "$src" -j2 CC=musl-gcc MALLOC=libc BUILD_TLS=no USE_SYSTEMD=no \
	LDFLAGS=-static OPTIMIZATION=-O2 redis-server > "$log" 2>&1; then
	tail -n 30 "$log" >&2
	echo "build-redis: make failed (whole log: $log)" >&2
	exit 1
fi
cp "$src/src/redis-server" "$out.tmp"
mv "$out.tmp" "$out"
echo "build-redis: $(basename "$src") -> $out"
