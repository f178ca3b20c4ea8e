#!/bin/sh
# build-libuv.sh - libuv's own test runner (uv_run_tests_a, the library
# linked in) from Debian's libuv1 source package, its Debian patches
# applied, built static with musl by the package's CMake files into
# build/libuv/: an event library's whole test suite as an oracle of the
# kernel's ABI (tools/tests/libuv.sh).  The runner reads its fixtures
# from test/fixtures under its working directory; they are copied to
# build/libuv/test/fixtures.  Never committed; silent and immediate when
# the runner is there.
#
#   sh tools/build-libuv.sh [BUILD_DIR]     (default: build)
#
# The suite refuses to run as root unless UV_RUN_AS_ROOT is set; a
# single test is "uv_run_tests_a NAME", all of them (TAP) no argument.
set -e
build=${1:-build}
out=$build/libuv/uv_run_tests_a
[ -x "$out" ] && exit 0

here=$(cd "$(dirname "$0")" && pwd)
sh "$here/deps.sh" cmake
src=$(sh "$here/fetch-deb-src.sh" libuv1 "$build/libuv/src")
obj=$build/libuv/obj
mkdir -p "$obj"
log=$(cd "$build/libuv" && pwd)/build.log
if ! { cmake -S "$src" -B "$obj" -DCMAKE_C_COMPILER=musl-gcc \
		-DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON -DLIBUV_BUILD_TESTS=ON \
		-DCMAKE_EXE_LINKER_FLAGS=-static &&
	make -C "$obj" -j2 uv_run_tests_a; } > "$log" 2>&1; then
	tail -n 30 "$log" >&2
	echo "build-libuv: the build failed (whole log: $log)" >&2
	exit 1
fi
rm -rf "$build/libuv/test"
mkdir -p "$build/libuv/test"
cp -r "$src/test/fixtures" "$build/libuv/test/"
cp "$obj/uv_run_tests_a" "$out.tmp"
mv "$out.tmp" "$out"
echo "build-libuv: $(basename "$src") -> $out"
