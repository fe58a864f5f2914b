#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Real Linux guest assets, from Debian packages only: Debian's arm64 cloud kernel
# (a plain arm64 `Image`) and a busybox-static initramfs whose /init is
# tests/linux/init. Cached in build/linux/:
#   Image               the kernel (from linux-image-<abi>-cloud-arm64:arm64)
#   initramfs.cpio.gz   busybox + /init + tests/linux/tests/*.sh as /tests/ +
#                       /bin/vclock (tests/linux/vclock.S, the cross binutils)
#   config-<release>    the kernel's .config, for reference
#   busybox             the static arm64 busybox, kept so the initramfs can be
#                       rebuilt offline when tests/linux/ changes
#   stamp               package versions and the hash of the initramfs inputs
# Usage: scripts/linux-guest.sh [--out DIR] [--refresh]
#   --refresh  look up the newest packages again and re-download them
# Idempotent: with everything cached it only hashes a few small files (no apt, no
# network). As root it installs what it needs (arm64 as a dpkg foreign architecture,
# the arm64 package lists, cpio, gzip); otherwise it prints the exact commands.
set -e

cd "$(dirname "$0")/.."
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
	cat scripts/linux-guest.sh tests/linux/init tests/linux/vclock.S tests/linux/tests/*.sh | sha256sum | cut -d' ' -f1
}

fetched() {
	[ -z "$refresh" ] && [ -f "$out/Image" ] && [ -x "$out/busybox" ] &&
		grep -q '^kernel ' "$stamp" 2>/dev/null && grep -q '^busybox ' "$stamp"
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

# --- initramfs ------------------------------------------------------------------------

# Busybox keeps its applet names as one sorted, NUL-separated string starting
# "[", "[[". The binary is arm64 (cannot run here), so read the list out of it.
applets() {
	tr '\0' '\n' <"$1" | LC_ALL=C awk '
		done { next }
		!on && prev == "[" && $0 == "[[" { on = 1; print "["; print; last = $0; next }
		{ prev = $0 }
		on && ($0 !~ /^[a-z0-9][a-z0-9._-]*$/ || $0 <= last) { done = 1; next }
		on { print; last = $0 }'
}

build_initramfs() {
	host_tools
	list=$(applets "$out/busybox")
	for a in sh mount grep awk poweroff setsid cttyhack; do
		echo "$list" | grep -qx "$a" ||
			{ echo "linux-guest.sh: busybox applet list lacks '$a' (parse failed?)" >&2; exit 1; }
	done
	root=$(mktemp -d "$out/initramfs.XXXXXX")
	trap 'rm -rf "$root" "$root.cpio.gz" "$root.o"' EXIT
	mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/tmp" "$root/root" \
		"$root/etc" "$root/tests" "$root/usr"
	ln -s bin "$root/sbin"
	ln -s ../bin "$root/usr/bin"
	ln -s ../bin "$root/usr/sbin"
	cp "$out/busybox" "$root/bin/busybox"
	for a in $list; do
		[ "$a" = busybox ] || ln -s busybox "$root/bin/$a"
	done
	cp tests/linux/init "$root/init"
	# /bin/vclock: the virtual counter in ns (bench figures; no libc, two syscalls)
	cross=${CROSS_COMPILE:-aarch64-linux-gnu-}
	command -v "${cross}as" >/dev/null && command -v "${cross}ld" >/dev/null ||
		need_root "needs ${cross}as and ${cross}ld (binutils-aarch64-linux-gnu)" \
			"sudo apt-get install binutils-aarch64-linux-gnu"
	"${cross}as" -o "$root.o" tests/linux/vclock.S
	"${cross}ld" -static -s -o "$root/bin/vclock" "$root.o"
	rm -f "$root.o"
	cp tests/linux/tests/*.sh "$root/tests/"
	chmod 0755 "$root/init" "$root"/tests/*.sh "$root/bin/busybox" "$root/bin/vclock"
	chmod 1777 "$root/tmp"
	# The kernel's built-in initramfs already holds /dev/console, so no device node
	# (and no root) is needed here. Fixed mtimes and order: a reproducible archive.
	find "$root" -exec touch -h -d @0 {} +
	(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -9 -n >"$root.cpio.gz"
	mv "$root.cpio.gz" "$out/initramfs.cpio.gz"
	rm -rf "$root"
	trap - EXIT
	echo "linux-guest: $out/initramfs.cpio.gz ($(echo "$list" | wc -l) applets," \
		"$(stat -c %s "$out/initramfs.cpio.gz") bytes)"
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
