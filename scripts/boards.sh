#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# The real boards' hardware DTBs, compiled from the Linux 6.1 sources of
# Debian's linux-source-6.1 (never committed): build/boards/<board>.dtb.
# Extracts only the DT sources and headers needed into build/boards/linux/,
# preprocesses each board's .dts with cpp as Linux's dtbs build does, runs dtc,
# then does what the board's firmware does before it starts the hypervisor
# (fills in the size of /memory where the .dts leaves it 0).
# Usage: scripts/boards.sh [out-dir]   (prints one line per board)
set -e
out=${1:-build/boards}
tarball=/usr/src/linux-source-6.1.tar.xz
src=$out/linux
cd "$(dirname "$0")/.."

# board:path under arch/arm64/boot/dts
boards="zcu102:xilinx/zynqmp-zcu102-rev1.0
zcu104:xilinx/zynqmp-zcu104-revC
ultra96:xilinx/avnet-ultra96-rev1
imx8qm-mek:freescale/imx8qm-mek
tx2:nvidia/tegra186-p2771-0000
hikey960:hisilicon/hi3660-hikey960
rpi4:broadcom/bcm2711-rpi-4-b"

if [ ! -f "$src/.stamp" ]; then
	test -f "$tarball" || { echo "boards.sh: $tarball missing (scripts/deps.sh build)" >&2; exit 1; }
	mkdir -p "$src"
	tar -xJf "$tarball" -C "$src" --strip-components=1 --wildcards \
		'linux-source-6.1/arch/arm64/boot/dts/*' 'linux-source-6.1/arch/arm/boot/dts/*' \
		'linux-source-6.1/include/dt-bindings/*' 'linux-source-6.1/include/uapi/*' \
		'linux-source-6.1/scripts/dtc/include-prefixes/*'
	touch "$src/.stamp"
fi

# What the firmware writes into /memory (the .dts has size 0 there).
fixup() {
	case "$1" in
	hikey960) # UEFI on the 3 GiB HiKey 960
		fdtput -t x "$2" /memory@0 reg 0 0 0 0xc0000000 ;;
	rpi4) # start4.elf on the 4 GiB Raspberry Pi 4 B (#address-cells 2, #size-cells 1)
		fdtput -t x "$2" /memory@0 reg 0 0 0x3b400000 0 0x40000000 0xbc000000 ;;
	esac
}

for b in $boards; do
	name=${b%%:*}
	dts=$src/arch/arm64/boot/dts/${b#*:}.dts
	cpp -nostdinc -I "$src/include" -I "$src/scripts/dtc/include-prefixes" \
		-I "$src/arch/arm64/boot/dts" -undef -D__DTS__ -x assembler-with-cpp \
		"$dts" -o "$out/$name.pp.dts"
	dtc -q -I dts -O dtb -o "$out/$name.dtb" "$out/$name.pp.dts"
	fixup "$name" "$out/$name.dtb"
	echo "  board $name: $out/$name.dtb ($(stat -c %s "$out/$name.dtb") bytes, ${b#*:}.dts)"
done
