#!/bin/sh
# build-go.sh - the Go oracle: user/go/httpserver.go built with Debian's
# golang-go into build/go/httpserver, a static binary (CGO_ENABLED=0)
# that makes its own system calls, run unmodified in the kernel by make
# test (tools/tests/go.sh).  golang-go is installed here, through
# tools/deps.sh, only for this step.  Never committed; idempotent.
#
#   sh tools/build-go.sh [BUILD_DIR]     (default: build)
set -e
build=${1:-build}
src=user/go/httpserver.go
out=$build/go/httpserver
[ -x "$out" ] && [ "$out" -nt "$src" ] && exit 0

here=$(cd "$(dirname "$0")" && pwd)
sh "$here/deps.sh" golang-go
mkdir -p "$build/go"
abs=$(cd "$build/go" && pwd)
# Caches inside build/, so nothing lands in $HOME; no network (GOPROXY
# off: the program uses the standard library only).
env CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOFLAGS=-mod=mod \
	GOCACHE="$abs/cache" GOPATH="$abs/path" GOPROXY=off GO111MODULE=off \
	go build -trimpath -o "$out.tmp" "$src"
mv "$out.tmp" "$out"
echo "build-go: $(go version | cut -d' ' -f3) -> $out"
