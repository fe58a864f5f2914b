#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Real Linux guest assets, from Debian packages only: Debian's arm64 cloud kernel
# (a plain arm64 `Image`) and a busybox-static initramfs whose /init is
# tests/linux/init. Cached in build/linux/:
#   Image               the kernel (from linux-image-<abi>-cloud-arm64:arm64)
#   initramfs.cpio.gz   busybox + /init + tests/linux/tests/*.sh as /tests/ +
#                       /lib/modules/tessera-chan.ko, /bin/tessera-chan and
#                       /bin/tessera-chan-bench (tests/linux/dbbench.c) +
#                       /bin/vclock (tests/linux/vclock.S, the cross binutils)
#   config-<release>    the kernel's .config, for reference
#   busybox             the static arm64 busybox, kept so the initramfs can be
#                       rebuilt offline when tests/linux/ changes
#   headers/            the kernel's headers and kbuild (linux-headers-<abi>-cloud-arm64,
#                       -common, linux-kbuild-6.1 of the same version, dpkg -x'd): the
#                       out-of-tree build of guests/linux/tessera-chan/ (the initramfs's
#                       /lib/modules/tessera-chan.ko and /bin/tessera-chan)
#   stamp               package versions and the hash of the initramfs inputs
# Usage: scripts/linux-guest.sh [--out DIR] [--refresh]
#   --refresh  look up the newest packages again and re-download them
# Idempotent: with everything cached it only hashes a few small files (no apt, no
# network). As root it installs what it needs (arm64 as a dpkg foreign architecture,
# the arm64 package lists, cpio, gzip); otherwise it prints the exact commands.
set -e

cd "$(dirname "$0")/.."
. scripts/initramfs.sh
out=build/linux refresh="" refresh_lists=""
while [ $# -gt 0 ]; do
	case "$1" in
	--out) out=$2; shift ;;
	--refresh) refresh=1 ;;
	*) echo "linux-guest.sh: unknown option $1 (--out DIR, --refresh)" >&2; exit 2 ;;
	esac
	shift
done

kernel_meta=linux-image-cloud-arm64:arm64
busybox_pkg=busybox-static:arm64
stamp=$out/stamp

# Everything that goes into the initramfs besides busybox, and this script itself
# (it decides the tree's layout).
inputs_hash() {
	cat scripts/linux-guest.sh scripts/initramfs.sh tests/linux/init tests/linux/vclock.S tests/linux/tests/*.sh \
		guests/linux/tessera-chan/Kbuild guests/linux/tessera-chan/*.[ch] \
		guests/linux/tessera-chan/tool/*.c tests/linux/dbbench.c hyp/include/tessera/hypercall.h | sha256sum | cut -d' ' -f1
}

fetched() {
	[ -z "$refresh" ] && [ -f "$out/Image" ] && [ -x "$out/busybox" ] && [ -d "$out/headers" ] &&
		grep -q '^kernel ' "$stamp" 2>/dev/null && grep -q '^busybox ' "$stamp" &&
		grep -q '^headers ' "$stamp"
}

# --- host prerequisites (only reached when something must be built) ---------------

need_root() {
	echo "linux-guest.sh: $1" >&2
	echo "Run:  $2" >&2
	exit 1
}

host_tools() {
	missing=""
	for p in cpio gzip; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	cmd="apt-get install -y --no-install-recommends$missing"
	[ "$(id -u)" -eq 0 ] || need_root "needs these Debian packages:$missing" "sudo apt-get update && sudo $cmd"
	echo "linux-guest: installing$missing"
	apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# arm64 must be a dpkg foreign architecture and its package lists present.
arm64_lists() {
	if ! { dpkg --print-architecture; dpkg --print-foreign-architectures; } | grep -qx arm64; then
		[ "$(id -u)" -eq 0 ] || need_root "arm64 is not a dpkg architecture here" \
			"sudo dpkg --add-architecture arm64 && sudo apt-get update"
		echo "linux-guest: dpkg --add-architecture arm64"
		dpkg --add-architecture arm64
		refresh_lists=1
	fi
	# The lists are stale (or absent) when apt cannot name a candidate.
	if [ -n "$refresh" ] || [ -n "$refresh_lists" ] || ! has_candidate "$kernel_meta" ||
		! has_candidate "$busybox_pkg"; then
		[ "$(id -u)" -eq 0 ] || need_root "the arm64 package lists are missing or stale" "sudo apt-get update"
		echo "linux-guest: apt-get update"
		apt-get update -qq
	fi
	if ! has_candidate "$kernel_meta" || ! has_candidate "$busybox_pkg"; then
		echo "linux-guest.sh: apt knows no $kernel_meta / $busybox_pkg candidate" >&2
		exit 1
	fi
}

has_candidate() {
	v=$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
	[ -n "$v" ] && [ "$v" != "(none)" ]
}

# linux-image-cloud-arm64 depends on linux-image-6.1.0-<abi>-cloud-arm64; the ABI
# number changes with kernel updates, so ask apt each time we fetch.
kernel_pkg() {
	apt-cache depends "$kernel_meta" 2>/dev/null |
		sed -n 's/^ *Depends: *\(linux-image-[0-9][^ :]*-cloud-arm64\).*/\1/p' | head -1
}

# --- fetch: apt-get download + dpkg -x --------------------------------------------

fetch() {
	host_tools
	arm64_lists
	# apt-get download writes into the current directory, which must be writable
	# (and, as root, readable by apt's _apt sandbox user): use a fresh temp dir.
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/tessera-linux.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	[ "$(id -u)" -ne 0 ] || ! id _apt >/dev/null 2>&1 || chown _apt "$tmp"
	if ! download "$tmp"; then
		# The lists may name a version the archive has already replaced.
		[ "$(id -u)" -eq 0 ] || need_root "apt-get download failed" "sudo apt-get update"
		echo "linux-guest: apt-get update (download failed)"
		apt-get update -qq
		download "$tmp"
	fi
	kdeb=$(ls "$tmp"/linux-image-*_arm64.deb) bdeb=$(ls "$tmp"/busybox-static_*_arm64.deb)
	dpkg -x "$kdeb" "$tmp/k"
	dpkg -x "$bdeb" "$tmp/b"
	fetch_headers "$tmp" "$(dpkg-deb -f "$kdeb" Package)" "$(dpkg-deb -f "$kdeb" Version)"
	vmlinuz=$(ls "$tmp"/k/boot/vmlinuz-*)
	release=${vmlinuz##*/vmlinuz-}
	mkdir -p "$out"
	install_image "$vmlinuz" "$out/Image"
	rm -f "$out"/config-*
	cp "$tmp/k/boot/config-$release" "$out/config-$release"
	cp "$tmp/b/bin/busybox" "$out/busybox.tmp" && mv "$out/busybox.tmp" "$out/busybox"
	{
		echo "kernel $(dpkg-deb -f "$kdeb" Package) $(dpkg-deb -f "$kdeb" Version)"
		echo "busybox $(dpkg-deb -f "$bdeb" Package) $(dpkg-deb -f "$bdeb" Version)"
		echo "headers $(cd "$tmp/h" && ls *.deb | tr '\n' ' ')"
		echo "release $release"
	} >"$stamp.tmp"
	mv "$stamp.tmp" "$stamp"
	rm -rf "$tmp"
	trap - EXIT
}

download() {
	kpkg=$(kernel_pkg)
	[ -n "$kpkg" ] || { echo "linux-guest.sh: cannot resolve the kernel package of $kernel_meta" >&2; exit 1; }
	echo "linux-guest: apt-get download $kpkg:arm64 $busybox_pkg"
	(cd "$1" && apt-get download -qq "$kpkg:arm64" "$busybox_pkg")
}

# The kernel's headers for out-of-tree modules: the arch and common halves and the kbuild
# tools, all of the kernel's exact version (linux-kbuild-6.1 is Multi-Arch: foreign, so
# the host's architecture runs the arm64 build), extracted into $out/headers. Extracted,
# not installed: nothing of the host changes, and the tools always match the headers.
fetch_headers() {
	abi=${2#linux-image-}
	abi=${abi%-cloud-arm64}
	mkdir -p "$1/h"
	[ "$(id -u)" -ne 0 ] || ! id _apt >/dev/null 2>&1 || chown _apt "$1/h"
	echo "linux-guest: apt-get download linux-headers-$abi-cloud-arm64:arm64 linux-headers-$abi-common linux-kbuild-6.1 ($3)"
	(cd "$1/h" && apt-get download -qq "linux-headers-$abi-cloud-arm64:arm64=$3" \
		"linux-headers-$abi-common=$3" "linux-kbuild-6.1=$3")
	rm -rf "$out/headers"
	mkdir -p "$out"
	for d in "$1"/h/*.deb; do dpkg -x "$d" "$out/headers"; done
}

# Debian's arm64 vmlinuz is a plain Image; accept a gzipped one too. Either way the
# result must carry the arm64 Image magic "ARM\x64" at offset 0x38.
install_image() {
	if [ "$(od -An -tx1 -N2 "$1" | tr -d ' ')" = 1f8b ]; then
		gzip -dc "$1" >"$2.tmp"
	else
		cp "$1" "$2.tmp"
	fi
	magic=$(od -An -tx1 -j56 -N4 "$2.tmp" | tr -d ' ')
	[ "$magic" = 41524d64 ] || { echo "linux-guest.sh: $1 is not an arm64 Image" >&2; exit 1; }
	mv "$2.tmp" "$2"
}

# --- the tessera-chan driver and tool ---------------------------------------------------

# The module, out of tree against the kernel's own headers; its vermagic must be the
# kernel's release (or insmod refuses it). Built in a copy: kbuild writes next to the sources.
build_module() {
	src=guests/linux/tessera-chan
	abs=$(cd "$out" && pwd)
	hdr=$(ls -d "$abs"/headers/usr/src/linux-headers-*-cloud-arm64)
	common=$(ls -d "$abs"/headers/usr/src/linux-headers-*-common)
	# The arch half's Makefile is one line naming the common half by its installed path,
	# /usr/src/...: point it at the extracted copy (rewritten each time: the tree may move).
	echo "include $common/Makefile" >"$hdr/Makefile"
	rm -rf "$out/tessera-chan" && mkdir -p "$out/tessera-chan"
	cp "$src"/Kbuild "$src"/*.[ch] "$out/tessera-chan/"
	make -s -C "$hdr" M="$abs/tessera-chan" ARCH=arm64 CROSS_COMPILE="$cross" modules >"$out/tessera-chan/build.log" 2>&1 ||
		{ cat "$out/tessera-chan/build.log" >&2; echo "linux-guest.sh: the tessera-chan module does not build" >&2; exit 1; }
	release=$(sed -n 's/^release //p' "$stamp")
	vermagic=$(tr '\0' '\n' <"$out/tessera-chan/tessera-chan.ko" | sed -n 's/^vermagic=//p')
	case "$vermagic" in
	"$release "*) ;;
	*) echo "linux-guest.sh: tessera-chan.ko vermagic '$vermagic' is not the kernel's $release" >&2; exit 1 ;;
	esac
}

# The command-line tool: static, glibc's (libc6-dev-arm64-cross).
build_tool() {
	[ -f /usr/aarch64-linux-gnu/lib/libc.a ] ||
		need_root "needs the arm64 static C library" "sudo apt-get install libc6-dev-arm64-cross"
	"${cross}gcc" -static -O2 -s -Wall -Wextra -Werror -o "$1" guests/linux/tessera-chan/tool/tessera-chan.c
	# the doorbell benchmark's Linux side (tests/bench/run.py, run linux-doorbell)
	"${cross}gcc" -static -O2 -s -Wall -Wextra -Werror -o "$2" tests/linux/dbbench.c
}

# --- initramfs ------------------------------------------------------------------------

# The common tree (scripts/initramfs.sh), then arm64's programs and the driver.
build_initramfs() {
	host_tools
	initramfs_tree "$out" linux-guest
	# /bin/vclock: the virtual counter in ns (bench figures; no libc, two syscalls)
	cross=${CROSS_COMPILE:-aarch64-linux-gnu-}
	command -v "${cross}as" >/dev/null && command -v "${cross}ld" >/dev/null ||
		need_root "needs ${cross}as and ${cross}ld (binutils-aarch64-linux-gnu)" \
			"sudo apt-get install binutils-aarch64-linux-gnu"
	"${cross}as" -o "$root.o" tests/linux/vclock.S
	"${cross}ld" -static -s -o "$root/bin/vclock" "$root.o"
	rm -f "$root.o"
	initramfs_check_abi aarch64 TCHAN_HC_DOORBELL_ARM64
	build_module
	mkdir -p "$root/lib/modules"
	cp "$out/tessera-chan/tessera-chan.ko" "$root/lib/modules/"
	build_tool "$root/bin/tessera-chan" "$root/bin/tessera-chan-bench"
	chmod 0755 "$root/bin/vclock" "$root/bin/tessera-chan" "$root/bin/tessera-chan-bench"
	initramfs_pack "$out" linux-guest
}

# --- main -------------------------------------------------------------------------------

hash=$(inputs_hash)
if fetched && [ -f "$out/initramfs.cpio.gz" ] && grep -qx "inputs $hash" "$stamp"; then
	exit 0
fi
fetched || fetch
build_initramfs
grep -v '^inputs ' "$stamp" >"$stamp.tmp" || true
echo "inputs $hash" >>"$stamp.tmp"
mv "$stamp.tmp" "$stamp"
sed 's/^/linux-guest: /' "$stamp"
echo "linux-guest: $out/Image ($(stat -c %s "$out/Image") bytes)"
