#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Boots hyp.bin on QEMU virt with a partition layout.
#   scripts/run-qemu.sh --layout partitions/demo.dts [--gic 3] [--cpus 4] [--mem 2G]
#                       [--timeout SECONDS] [--icount] [--arch aarch64] [--uboot]
#                       [--board zcu102]
# The layout (.dts) is compiled with dtc (guest images found in build/<arch>/guests)
# and handed over as the initrd, so it appears at /chosen/linux,initrd-start.
# --uboot: boots like a board instead: Debian's U-Boot as firmware, a boot disk from
# scripts/mkbootdisk.sh with every layout of partitions/ (and this one) as its default;
# at U-Boot's prompt "setenv layout NAME; boot" picks another.
# --board zcu102: QEMU's xlnx-zcu102 instead of virt (GIC-400, 4 Cortex-A53s, -m 2G) with
# Linux's zynqmp-zcu102-rev1.0 DTB (build/boards/zcu102.dtb, scripts/boards.sh) given with
# -dtb; the layout's guest images are looked up in build/<arch>/guests/zcu102 first (the
# test guests built for that board's GIC addresses). --gic, --cpus and --uboot do not apply.
# --arch riscv64: QEMU's RISC-V virt machine (PLIC, 16550) under Debian's OpenSBI (fw_jump),
# the hypervisor its payload (or, with --uboot, Debian's S-mode U-Boot); layouts from
# partitions/riscv64/. --gic and --board do not apply.
# --aia aplic | aplic-imsic (RISC-V, not with --uboot): QEMU virt with AIA instead of the PLIC
# (-M virt,aia=...; aplic-imsic with 3 guest interrupt files a hart, aia-guests=3), the Linux
# guest's DTBs build/riscv64/<aia>/ (linux.dtb: the virtual APLIC; linux-files.dtb: with its
# own IMSIC, partitions/riscv64/aia/linux-demo-files.dts) and the test guests built for an APLIC
# (build/riscv64/guests/aplic) first.
# QEMU exits when every VM is off (PSCI SYSTEM_OFF, SBI SRST) or after the timeout (0 = none).
set -e

layout=partitions/demo.dts gic=3 cpus=4 mem=2G timeout=0 icount="" arch=aarch64 uboot="" board=""
aia=""
while [ $# -gt 0 ]; do
	case "$1" in
	--layout) layout=$2; shift ;;
	--gic) gic=$2; shift ;;
	--cpus) cpus=$2; shift ;;
	--mem) mem=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--icount) icount="-icount shift=0,sleep=off" ;;
	--arch) arch=$2; shift ;;
	--uboot) uboot=1 ;;
	--board) board=$2; shift ;;
	--aia) aia=$2; shift ;;
	*) echo "run-qemu.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

out=build/$arch
# With --uboot a layout may be named like on the boot disk: --layout linux-demo
if [ -n "$uboot" ] && [ ! -f "$layout" ] && [ -f "partitions/$layout.dts" ]; then
	layout=partitions/$layout.dts
fi
[ -f "$layout" ] || { echo "run-qemu.sh: layout '$layout' not found" >&2; exit 2; }
case "$gic" in 2|3) ;; *) echo "run-qemu.sh: --gic must be 2 or 3" >&2; exit 2 ;; esac
case "$board" in
"") ;;
zcu102) [ -z "$uboot" ] || { echo "run-qemu.sh: --uboot is for QEMU virt only" >&2; exit 2; }
	gic=2 ;;
*) echo "run-qemu.sh: --board: zcu102 is the only board model (or none: QEMU virt)" >&2; exit 2 ;;
esac
case "$aia" in
"") ;;
aplic | aplic-imsic)
	[ "$arch" = riscv64 ] && [ -z "$uboot" ] ||
		{ echo "run-qemu.sh: --aia is for --arch riscv64 without --uboot" >&2; exit 2; } ;;
*) echo "run-qemu.sh: --aia must be aplic or aplic-imsic" >&2; exit 2 ;;
esac
scripts/deps.sh run
if [ -n "$uboot" ]; then
	name=$(basename "$layout" .dts)
	layouts=""
	for l in $(dirname "$layout")/*.dts; do
		[ "$(basename "$l" .dts)" = "$name" ] || layouts="$layouts $l"
	done
	# shellcheck disable=SC2086 # one word per layout
	scripts/mkbootdisk.sh -o "$out/bootdisk.img" --gic "$gic" --arch "$arch" --default "$name" \
		"$layout" $layouts
	if [ "$arch" = riscv64 ]; then
		set -- -bios /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin \
			-kernel /usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin
	else
		set -- -bios /usr/lib/u-boot/qemu_arm64/u-boot.bin
	fi
	set -- "$@" \
		-drive "if=none,file=$out/bootdisk.img,format=raw,id=boot" \
		-device virtio-blk-device,drive=boot
else
	mkdir -p "$out/layouts"
	dtb="$out/layouts/$(basename "$layout" .dts).dtb"
	# Guest images: test guests, the Linux assets, the guest DTB for this GIC version (on
	# RISC-V: build/riscv64/plic/linux.dtb or, with --aia, <aia>/linux.dtb; the riscv64
	# assets in build/linux-riscv64).
	if [ "$arch" = riscv64 ]; then
		dtbdir=$out/${aia:-plic} linux=build/linux-riscv64
	else
		dtbdir=$out/gic$gic linux=build/linux
	fi
	dtc -q -I dts -O dtb ${board:+-i "$out/guests/$board"} ${aia:+-i "$out/guests/aplic"} \
		-i "$out/guests" -i "$dtbdir" \
		-i "$linux" -i "$(dirname "$layout")" -o "$dtb" "$layout"
	set -- -kernel "$out/hyp.bin" -initrd "$dtb"
fi

# -nic none: no run needs a network card (and the default one wants an option ROM
# from ipxe-qemu, a package we do not install).
# RISC-V harts without Sstc (sstc=false): QEMU 7.2 can lose a guest's Sstc timer interrupt
# when Linux keeps the other harts busy, which stops the demo's control loop (README, "Known
# issue (RISC-V, QEMU 7.2)"); without Sstc the hypervisor emulates the guests' timers.
if [ "$arch" = riscv64 ]; then
	[ -n "$uboot" ] || set -- -bios /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin "$@"
	machine="virt${aia:+,aia=$aia}"
	[ "$aia" = aplic-imsic ] && machine="$machine,aia-guests=3"
	set -- qemu-system-riscv64 -M "$machine" -cpu rv64,sstc=false -smp "$cpus" \
		-m "$mem" -nographic -no-reboot -nic none $icount "$@"
elif [ "$board" = zcu102 ]; then
	set -- qemu-system-aarch64 -M xlnx-zcu102,virtualization=on -m 2G -audiodev none,id=n \
		-dtb build/boards/zcu102.dtb -nographic -no-reboot -nic none $icount "$@"
else
	set -- qemu-system-aarch64 -M "virt,virtualization=on,gic-version=$gic" -cpu cortex-a53 \
		-smp "$cpus" -m "$mem" -nographic -no-reboot -nic none $icount "$@"
fi
echo "run-qemu.sh: $*" >&2
if [ "$timeout" != 0 ]; then
	# SIGKILL: with -icount sleep=off QEMU ignores SIGTERM once its CPUs idle.
	exec timeout -s KILL "$timeout" "$@"
fi
exec "$@"
