# Makefile - build the kernel and its bootable ISO; run it; test it.
#
#   make run      boot the kernel in QEMU, serial console on this terminal
#   make test     build and run every test; ends with "N passed, N failed"
#   make test T=name-or-pattern   just those checks; LIST=1 lists them
#   make gdb      boot paused and attach gdb with the kernel's symbols
#   make grade LAB=name        grade a course lab (docs/labs/)
#   make lab-start LAB=name    take that lab's solution out of this tree
#   make          just build build/kernel.elf and build/os.iso
#
# ACCEL=tcg|kvm picks QEMU's accelerator (default: tcg, see tools/qemu.sh).
# SMP=N gives the machine N CPUs: make run and gdb default to 2, make test
# to 1 (the suite passes at 1, 2 and 4).
# CMDLINE="..." sets the kernel command line for run and gdb.
# LOCKDEP=1 boots every test run with the lock validator (kernel/lockdep.h).
# make run forwards 127.0.0.1:HTTP_PORT (8080) to the guest's httpd (80)
# and ECHO_PORT (8007) to echod (7); QEMU_NET="..." replaces that ("on":
# the NIC alone; "" for none; slirp's options otherwise, tools/qemu.sh).

BUILD   := build
SMP_RUN  := $(or $(SMP),2)
SMP_TEST := $(or $(SMP),1)
CC      := gcc
LD      := ld
CMDLINE ?=

# Freestanding x86-64 kernel code: no libc, no red zone (interrupts would
# clobber it), no SSE registers (we do not save them on interrupts), the
# kernel code model for the top 2 GiB, and a frame pointer in every
# function, leaves included, with no tail calls (a tail call leaves no
# frame), so that backtraces name every caller.
CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone \
	-mgeneral-regs-only -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-optimize-sibling-calls -fno-strict-aliasing -fno-common \
	-nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-D_LIBC_LIMITS_H_ -I. -I$(BUILD)/generated -MMD -MP
ASFLAGS := -D__ASSEMBLER__ -I. -I$(BUILD)/generated -MMD -MP
LDFLAGS := -n -nostdlib -z max-page-size=0x1000 --no-warn-rwx-segments \
	-T arch/x86_64/kernel.ld

# lwIP 2.1.3, from Debian's "lwip" source package: fetched into
# build/lwip by tools/fetch-lwip.sh on the first build, never committed,
# never modified.  Our side of it, its port, is one folder, net/lwip/
# (lwipopts.h, arch/, libc/, sys_arch.c and the netif driver
# ethernetif.c), as lwIP's own ports are laid out; the socket layer over
# it is the rest of net/.  Only the parts we use are compiled: the core, IPv4
# (ARP, ICMP, IP), IPv6 (ND, MLD, ICMPv6), UDP, TCP and
# Ethernet.
LWIP_DIR   := $(BUILD)/lwip
LWIP_STAMP := $(LWIP_DIR)/.fetched
LWIP_CSRCS := core/def.c core/inet_chksum.c core/init.c core/ip.c core/mem.c \
	core/memp.c core/netif.c core/pbuf.c core/stats.c core/sys.c \
	core/tcp.c core/tcp_in.c core/tcp_out.c core/timeouts.c core/udp.c \
	core/ipv4/etharp.c core/ipv4/icmp.c core/ipv4/ip4.c \
	core/ipv4/ip4_addr.c core/ipv4/ip4_frag.c netif/ethernet.c \
	core/ipv6/ethip6.c core/ipv6/icmp6.c core/ipv6/inet6.c core/ipv6/ip6.c \
	core/ipv6/ip6_addr.c core/ipv6/ip6_frag.c core/ipv6/mld6.c core/ipv6/nd6.c
LWIP_OBJS  := $(patsubst %.c,$(BUILD)/obj/lwip/%.o,$(LWIP_CSRCS))
CFLAGS += -I$(LWIP_DIR)/src/include -Inet/lwip
# lwIP is not written for our warning set: compile it with -Wall only,
# and never -Werror (our own code keeps it).  net/lwip/libc gives its
# <string.h> and <stdlib.h> includes our functions; its mem_init() would
# clash with the kernel's page allocator's, so it is renamed.  (lwIP's
# tcp_* names are left alone: ours are inet_tcp_*, net/tcp.c.)
LWIP_CFLAGS := $(filter-out -Werror -Wextra,$(CFLAGS)) -isystem net/lwip/libc \
	-Dmem_init=lwip_mem_init

KERNEL_DIRS := arch/x86_64 kernel drivers fs fs/proc fs/notify fs/notify/inotify net net/lwip net/unix net/netlink
SRCS := $(foreach d,$(KERNEL_DIRS),$(wildcard $(d)/*.c $(d)/*.S))
OBJS := $(patsubst %,$(BUILD)/obj/%.o,$(basename $(SRCS))) \
	$(BUILD)/generated/syscall_names.o $(LWIP_OBJS)
HOST_TOOLS := $(BUILD)/tools/mkcpio

# User programs: ordinary C, linked statically against musl, so the same
# binary runs on Linux (the oracle) and in this kernel.
USER_CC := musl-gcc
USER_CFLAGS := -static -O2 -Wall -Wextra -Werror
USER_SRCS := $(wildcard user/*.c user/tests/*.c)
USER_BINS := $(patsubst %,$(BUILD)/user/%,$(notdir $(basename $(USER_SRCS))))
# The labs' grading tests (docs/labs/), run only by tools/lab.sh grade.
LAB_BINS := $(patsubst user/labs/%.c,$(BUILD)/user/labs/%,$(wildcard user/labs/*.c))
# The pthread test built with glibc too (gcc -static -pthread), so the
# other C library's threads meet the kernel (make test compares it), and
# the interfaces test, whose getifaddrs speaks netlink its own way.
GLIBC_BINS := $(BUILD)/user/pthreads.glibc $(BUILD)/user/ifaddrs.glibc

.PHONY: all run test gdb deps clean iso grade lab-start
all: iso

iso: $(BUILD)/os.iso $(HOST_TOOLS) $(USER_BINS) $(LAB_BINS) $(GLIBC_BINS)

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

$(LWIP_STAMP):
	$(Q)sh tools/fetch-lwip.sh $(BUILD)
$(addprefix $(LWIP_DIR)/src/,$(LWIP_CSRCS)): | $(LWIP_STAMP)
	@test -f $@
$(BUILD)/obj/lwip/%.o: $(LWIP_DIR)/src/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(LWIP_CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(call say,AS,$<)
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

# Three links, as Linux does for kallsyms.  The first has an empty symbol
# table; its text symbols make a table of the right size but with
# addresses that are off (the table itself moves _end and what follows);
# the second link, with that table, puts everything where it will stay,
# and its symbols make the final table, which has the same size, so the
# third link lays out exactly as the second.  The cmp below proves it.
$(BUILD)/kallsyms0.c: tools/gen-kallsyms.sh
	@mkdir -p $(BUILD)
	$(Q)sh tools/gen-kallsyms.sh > $@

$(BUILD)/kernel.pass1.elf: $(OBJS) $(BUILD)/kallsyms0.o arch/x86_64/kernel.ld
	$(call say,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/kallsyms0.o

$(BUILD)/kallsyms1.c: $(BUILD)/kernel.pass1.elf tools/gen-kallsyms.sh
	$(Q)sh tools/gen-kallsyms.sh $< > $@

$(BUILD)/kernel.pass2.elf: $(BUILD)/kallsyms1.o
	$(call say,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/kallsyms1.o

$(BUILD)/kallsyms2.c: $(BUILD)/kernel.pass2.elf tools/gen-kallsyms.sh
	$(call say,GEN,$@)
	$(Q)sh tools/gen-kallsyms.sh $< > $@

$(BUILD)/%.o: $(BUILD)/%.c
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/kernel.elf: $(BUILD)/kernel.pass2.elf $(BUILD)/kallsyms2.o
	$(call say,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/kallsyms2.o
	$(Q)objcopy -O binary -j .text $(BUILD)/kernel.pass2.elf $(BUILD)/text1.bin
	$(Q)objcopy -O binary -j .text $@ $(BUILD)/text2.bin
	$(Q)cmp -s $(BUILD)/text1.bin $(BUILD)/text2.bin || \
		{ echo "kallsyms: the layout changed between links" >&2; rm -f $@; exit 1; }
	$(Q)grub-file --is-x86-multiboot2 $@

# Linux's system call numbers and names (tools/gen-syscall-names.sh).
GENERATED := $(BUILD)/generated/asm/unistd_64.h
$(GENERATED): tools/gen-syscall-names.sh
	$(call say,GEN,$@)
	$(Q)sh tools/gen-syscall-names.sh $(BUILD)/generated
$(BUILD)/generated/syscall_names.c: $(GENERATED)
$(OBJS): $(GENERATED) | $(LWIP_STAMP)

# Host tools, built with the host's compiler and C library.
$(BUILD)/tools/%: tools/%.c
	@mkdir -p $(dir $@)
	$(call say,HOSTCC,$<)
	$(Q)$(CC) -O2 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/user/%: user/%.c
	@mkdir -p $(dir $@)
	$(call say,MUSLCC,$<)
	$(Q)$(USER_CC) $(USER_CFLAGS) -o $@ $<
# The fuzzer's list of system calls is the kernel's table
# (tools/gen-fuzz-table.sh), so it grows with the kernel.
FUZZ_TABLE := $(BUILD)/generated/fuzz_syscalls.h
$(FUZZ_TABLE): arch/x86_64/syscall_table.c tools/gen-fuzz-table.sh $(GENERATED)
	$(call say,GEN,$@)
	$(Q)sh tools/gen-fuzz-table.sh $< $(GENERATED) > $@.tmp && mv $@.tmp $@
$(BUILD)/user/fuzz: user/fuzz.c $(wildcard user/fuzz/*.h) $(FUZZ_TABLE)
	@mkdir -p $(dir $@)
	$(call say,MUSLCC,$<)
	$(Q)$(USER_CC) $(USER_CFLAGS) -I$(BUILD)/generated -o $@ $<
$(BUILD)/user/%: user/tests/%.c
	@mkdir -p $(dir $@)
	$(call say,MUSLCC,$<)
	$(Q)$(USER_CC) $(USER_CFLAGS) -o $@ $<
$(BUILD)/user/labs/%: user/labs/%.c
	@mkdir -p $(dir $@)
	$(call say,MUSLCC,$<)
	$(Q)$(USER_CC) $(USER_CFLAGS) -o $@ $<

$(BUILD)/user/%.glibc: user/tests/%.c user/tests/check.h
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) -static -pthread -O2 -Wall -Wextra -Werror -o $@ $<

# A shared header changes every program that may include it.
$(USER_BINS) $(LAB_BINS): $(wildcard user/tests/*.h user/lib/*.h)
$(LAB_BINS): $(wildcard user/labs/*.h)

# The initramfs of "make run": init, the shell and every user program.
WWW_FILES := $(wildcard user/www/*)
ETC_FILES := $(wildcard user/etc/*)
# /boot/System.map: the kernel's symbols, for readprofile (as on Linux).
$(BUILD)/System.map: $(BUILD)/kernel.elf
	$(call say,NM,$@)
	$(Q)nm -n $< > $@
$(BUILD)/initrd: $(USER_BINS) $(BUILD)/tools/mkcpio $(WWW_FILES) $(ETC_FILES) \
		$(BUILD)/System.map
	$(call say,CPIO,$@)
	$(Q)$(BUILD)/tools/mkcpio $@ sbin/init=$(BUILD)/user/init \
		boot/System.map=$(BUILD)/System.map \
		$(foreach b,$(filter-out init,$(notdir $(USER_BINS))),bin/$(b)=$(BUILD)/user/$(b)) \
		$(foreach f,$(WWW_FILES),www/$(notdir $(f))=$(f)) \
		$(foreach f,$(ETC_FILES),etc/$(notdir $(f))=$(f))

# The ISO depends on the accelerator's boot options (tools/qemu.sh).
ISO_CMDLINE = $(strip $(CMDLINE) $(shell . tools/qemu.sh; kernel_cmdline_extra))
$(BUILD)/os.iso: $(BUILD)/kernel.elf $(BUILD)/initrd iso/grub.cfg tools/mkiso.sh FORCE
	$(call say,ISO,$@)
	$(Q)sh tools/mkiso.sh $@ $(BUILD)/kernel.elf "$(ISO_CMDLINE)" $(BUILD)/initrd
FORCE:

deps:
	@sh tools/deps.sh

# make run NET=tap puts the e1000 on the tap network instead (tools/tap-net:
# namespace epollos-net, the guest at 10.77.0.2), made for the run if it
# is not there and removed after; init's banner says how to reach it.
# make run gives the guest an e1000 with two forwards: httpd's port 80 at
# 127.0.0.1:$(HTTP_PORT) here, echod's port 7 at $(ECHO_PORT); init hears
# of them through HOSTFWD= (for its banner).  QEMU_NET=... replaces them.
HTTP_PORT ?= 8080
ECHO_PORT ?= 8007
TAP_NS ?= epollos-net
export TAP_NS
ifeq ($(NET),tap)
RUN_NET := tap
RUN_FWD := $(shell . tools/qemu.sh; tap_cmdline) TAPNET=$(TAP_NS)
else ifeq ($(origin QEMU_NET),undefined)
RUN_NET := hostfwd=tcp:127.0.0.1:$(HTTP_PORT)-:80,hostfwd=tcp:127.0.0.1:$(ECHO_PORT)-:7
RUN_FWD := HOSTFWD=$(HTTP_PORT):80,$(ECHO_PORT):7
else
RUN_NET := $(QEMU_NET)
RUN_FWD :=
endif

run: deps
	@$(MAKE) --no-print-directory iso CMDLINE="$(strip $(CMDLINE) $(RUN_FWD))"
ifeq ($(NET),tap)
	@made=""; tools/tap-net status > /dev/null 2>&1 || \
		{ tools/tap-net up || exit 1; made=1; }; \
	SMP=$(SMP_RUN) QEMU_NET=tap sh tools/qemu.sh run $(BUILD)/os.iso; rc=$$?; \
	[ -z "$$made" ] || tools/tap-net down; exit $$rc
else
	@SMP=$(SMP_RUN) QEMU_NET="$(RUN_NET)" sh tools/qemu.sh run $(BUILD)/os.iso
endif

# make test T="epoll shell" runs only the checks those patterns select
# (tools/test.sh says how they match); make test LIST=1 lists the checks
# (with T, the selected ones) and builds nothing.
ifeq ($(LIST),)
test: deps
	@$(MAKE) --no-print-directory iso
	@SMP=$(SMP_TEST) bash tools/test.sh '$(T)'
else
test:
	@bash tools/test.sh --list '$(T)'
endif

# tools/lab.sh builds what the grading test needs, then runs it.
grade: deps
	@bash tools/lab.sh grade "$(LAB)"

lab-start:
	@bash tools/lab.sh start "$(LAB)"

gdb: deps
	@$(MAKE) --no-print-directory iso
	@SMP=$(SMP_RUN) sh tools/qemu.sh gdb $(BUILD)/os.iso

clean:
	rm -rf $(BUILD)

# Changing flags here must rebuild everything.
$(OBJS): Makefile

-include $(OBJS:.o=.d)
