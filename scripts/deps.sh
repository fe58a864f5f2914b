#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages Tessera needs (apt-get when root, otherwise
# prints the exact command). Usage: scripts/deps.sh [build|test|run|bench|cleanroom]...
# Each set is complete for its make target on a fresh Debian 12 (what `make cleanroom`
# proves for build, test and run): every program, firmware file and ROM a script or test
# reads from outside the repository comes from one of these packages. QEMU runs with
# `-nic none`, so the NIC option ROMs of ipxe-qemu (a Recommends) are not needed.
set -e

# Both architectures' cross compilers: make ARCH=riscv64 (and the RISC-V suite of make test) too.
# libc6-dev-arm64-cross, libc6-dev-riscv64-cross: the static C libraries of the Linux guests' tessera-chan tools.
pkgs_build="make gcc libc6-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu gcc-riscv64-linux-gnu libc6-dev-riscv64-cross binutils-riscv64-linux-gnu device-tree-compiler linux-source-6.1 xz-utils python3"
# RISC-V under QEMU: qemu-system-riscv64 (in qemu-system-misc) and the SBI firmware it starts.
pkgs_riscv="qemu-system-misc opensbi"
# U-Boot boots (make run BOOT=uboot, tests/e2e/uboot.py): firmware, mkimage, the FAT disk.
pkgs_uboot="u-boot-qemu u-boot-tools dosfstools mtools"
pkgs_run="qemu-system-arm $pkgs_riscv $pkgs_uboot"
# make test: clang-format (layout), clang + libFuzzer (fuzz), QEMU (e2e, checker's virt DTB),
# cloc (the bench smoke run's line counts), the U-Boot tools, cppcheck (make misra: its misra addon).
pkgs_test="clang-14 libclang-rt-14-dev clang-format qemu-system-arm $pkgs_riscv cloc cppcheck $pkgs_uboot"
# make bench: the plot and the line count.
pkgs_bench="qemu-system-arm gnuplot-nox cloc"
# make cleanroom: the fresh Debian root and the clone of the current commit in it.
pkgs_cleanroom="mmdebstrap git"

want=""
for set in "${@:-build}"; do
	case "$set" in
	build) want="$want $pkgs_build" ;;
	run) want="$want $pkgs_build $pkgs_run" ;;
	test) want="$want $pkgs_build $pkgs_test" ;;
	bench) want="$want $pkgs_build $pkgs_bench" ;;
	cleanroom) want="$want $pkgs_cleanroom" ;;
	*) echo "deps.sh: unknown set '$set' (build, run, test, bench, cleanroom)" >&2; exit 2 ;;
	esac
done

missing=""
for p in $want; do
	case " $missing " in *" $p "*) continue ;; esac
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "Tessera needs these Debian packages:$missing" >&2
	echo "Run:  sudo apt-get update && sudo $cmd" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
