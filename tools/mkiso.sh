#!/bin/sh
# mkiso.sh OUT.iso KERNEL.elf "CMDLINE" [FILE...]
# Build a BIOS-bootable GRUB ISO that boots KERNEL with CMDLINE; each FILE
# is added as a multiboot2 module (named after its file name).
set -e
out=$1 kernel=$2 cmdline=$3
shift 3
here=$(dirname "$0")
stage=$(mktemp -d)
# The log lives outside the staged tree: xorriso fails ("file has
# changed") when it images a file that grub-mkrescue is still writing.
log=$(mktemp)
trap 'rm -rf "$stage" "$log"' EXIT
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/kernel.elf"
modules=""
for f in "$@"; do
	name=$(basename "$f")
	cp "$f" "$stage/boot/$name"
	modules="$modules
module2 /boot/$name $name"
done
# Escape what sed's replacement would interpret.
esc_cmdline=$(printf '%s' "$cmdline" | sed 's/[\\&|]/\\&/g')
awk -v mods="$modules" '{ if ($0 == "@MODULES@") print mods; else print }' \
	"$here/../iso/grub.cfg" | sed "s|@CMDLINE@|$esc_cmdline|" \
	> "$stage/boot/grub/grub.cfg"
grub-mkrescue -o "$out" "$stage" >/dev/null 2>"$log" || {
	cat "$log" >&2
	exit 1
}
