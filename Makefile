# Makefile - build the kernel and its bootable ISO; run it; test it.
#
#   make run      boot the kernel in QEMU, serial console on this terminal
#   make test     build and run every test; ends with "N passed, N failed"
#   make gdb      boot paused and attach gdb with the kernel's symbols
#   make          just build build/kernel.elf and build/os.iso
#
# ACCEL=tcg|kvm picks QEMU's accelerator (default: tcg, see tools/qemu.sh).
# CMDLINE="..." sets the kernel command line for run and gdb.

BUILD   := build
CC      := gcc
LD      := ld
CMDLINE ?=

# Freestanding x86-64 kernel code: no libc, no red zone (interrupts would
# clobber it), no SSE registers (we do not save them on interrupts), the
# kernel code model for the top 2 GiB, frame pointers for backtraces.
CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone \
	-mgeneral-regs-only -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-omit-frame-pointer -fno-strict-aliasing -fno-common \
	-nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-D_LIBC_LIMITS_H_ -I. -MMD -MP
ASFLAGS := -D__ASSEMBLER__ -I. -MMD -MP
LDFLAGS := -n -nostdlib -z max-page-size=0x1000 --no-warn-rwx-segments \
	-T arch/x86_64/kernel.ld

KERNEL_DIRS := arch/x86_64 kernel drivers fs net
SRCS := $(foreach d,$(KERNEL_DIRS),$(wildcard $(d)/*.c $(d)/*.S))
OBJS := $(patsubst %,$(BUILD)/obj/%.o,$(basename $(SRCS)))

.PHONY: all run test gdb deps clean iso
all: iso

iso: $(BUILD)/os.iso

# Quiet by default, as Linux's kbuild: "make V=1" shows whole commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @echo "  $(1)	$(2)"
endif

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(call say,AS,$<)
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

# Two links, as Linux does for kallsyms: the first with an empty symbol
# table, whose text symbols then become the table of the second.  The
# table lies after .text, so no function moves between the two; the
# cmp below proves it.  It compares the text symbols' addresses, not the
# bytes of .text: code that uses _end (the image's end, which moves with
# the table's size) legitimately differs between the links.
$(BUILD)/kallsyms0.c: tools/gen-kallsyms.sh
	@mkdir -p $(BUILD)
	$(Q)sh tools/gen-kallsyms.sh > $@

$(BUILD)/kernel.pass1.elf: $(OBJS) $(BUILD)/kallsyms0.o arch/x86_64/kernel.ld
	$(call say,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/kallsyms0.o

$(BUILD)/kallsyms.c: $(BUILD)/kernel.pass1.elf tools/gen-kallsyms.sh
	$(call say,GEN,$@)
	$(Q)sh tools/gen-kallsyms.sh $< > $@

$(BUILD)/%.o: $(BUILD)/%.c
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/kernel.elf: $(BUILD)/kernel.pass1.elf $(BUILD)/kallsyms.o
	$(call say,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/kallsyms.o
	$(Q)nm -n $(BUILD)/kernel.pass1.elf | grep -i ' t ' > $(BUILD)/text1.syms
	$(Q)nm -n $@ | grep -i ' t ' > $(BUILD)/text2.syms
	$(Q)cmp -s $(BUILD)/text1.syms $(BUILD)/text2.syms || \
		{ echo "kallsyms: .text moved between links" >&2; rm -f $@; exit 1; }
	$(Q)grub-file --is-x86-multiboot2 $@

$(BUILD)/os.iso: $(BUILD)/kernel.elf iso/grub.cfg tools/mkiso.sh
	$(call say,ISO,$@)
	$(Q)sh tools/mkiso.sh $@ $(BUILD)/kernel.elf "$(CMDLINE)"

deps:
	@sh tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory iso
	@sh tools/qemu.sh run $(BUILD)/os.iso

test: deps
	@$(MAKE) --no-print-directory iso
	@bash tools/test.sh

gdb: deps
	@$(MAKE) --no-print-directory iso
	@sh tools/qemu.sh gdb $(BUILD)/os.iso

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d)
