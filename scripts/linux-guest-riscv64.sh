#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The riscv64 Linux guest assets, from Debian packages only: Debian 13 ("trixie")
# has the riscv64 port, Debian 12 (the host) does not. Fetched with a private apt
# configuration under $out/apt/ (its own apt.conf, sources list naming trixie and
# [arch=riscv64], state, lists and cache) so the host's apt setup is not touched:
# no dpkg foreign architecture, no host sources or lists changed, no root needed.
# Cached in build/linux-riscv64/:
#   Image               the kernel (/boot/vmlinux-<release> of linux-image-<abi>-riscv64,
#                       a RISC-V `Image`: "RSC\x05" at offset 0x38)
#   initramfs.cpio.gz   busybox + /init (tests/linux/init) + tests/linux/tests/*.sh as /tests/
#                       + /lib/modules/tessera-chan.ko and /bin/tessera-chan
#   headers/            the kernel's headers (linux-headers-<abi>-riscv64, -common) and
#                       Debian 12's kbuild tools of the same upstream version, dpkg -x'd:
#                       the out-of-tree build of guests/linux/tessera-chan/
#   config-<release>    the kernel's .config, for reference
#   busybox             the static riscv64 busybox (busybox-static:riscv64)
#   verify.log          the verification chain (see verify below)
#   stamp               package versions, sizes and the hash of the initramfs inputs
# Verification, as apt does it and once more by hand: `apt-get update` accepts trixie's
# InRelease only when it is signed by a key of the host's debian-archive-keyring
# (Debian 12's package carries the trixie keys: debian-archive-trixie-*.gpg), and
# `apt-get download` checks each .deb against the SHA256 of the signed Packages index.
# Then this script checks the same chain itself: gpgv on InRelease, the Packages
# index's SHA256 as InRelease lists it, each .deb's SHA256 and size as Packages lists it.
# Usage: scripts/linux-guest-riscv64.sh [--out DIR] [--refresh]
#   --refresh  update the package lists and re-download the newest packages
set -e

cd "$(dirname "$0")/.."
. scripts/initramfs.sh
out=build/linux-riscv64 refresh=""
while [ $# -gt 0 ]; do
	case "$1" in
	--out) out=$2; shift ;;
	--refresh) refresh=1 ;;
	*) echo "linux-guest-riscv64.sh: unknown option $1 (--out DIR, --refresh)" >&2; exit 2 ;;
	esac
	shift
done

mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=trixie
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
kernel_meta=linux-image-riscv64
busybox_pkg=busybox-static
stamp=$out/stamp

die() {
	echo "linux-guest-riscv64.sh: $*" >&2
	exit 1
}

inputs_hash() {
	cat scripts/linux-guest-riscv64.sh scripts/initramfs.sh tests/linux/init tests/linux/tests/*.sh \
		tests/linux/vclock-riscv64.c \
		guests/linux/tessera-chan/Kbuild guests/linux/tessera-chan/*.[ch] \
		guests/linux/tessera-chan/tool/*.c hyp/include/tessera/hypercall.h \
		arch/riscv64/include/tessera/hypercall_abi.h | sha256sum | cut -d' ' -f1
}

headers_fetched() {
	[ -d "$out/headers" ] && grep -q '^headers ' "$stamp" 2>/dev/null
}

fetched() {
	[ -z "$refresh" ] && [ -f "$out/Image" ] && [ -x "$out/busybox" ] &&
		grep -q '^kernel ' "$stamp" 2>/dev/null && grep -q '^busybox ' "$stamp"
}

host_tools() {
	missing=""
	for p in cpio gzip gpgv debian-archive-keyring; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	[ "$(id -u)" -eq 0 ] ||
		die "needs these Debian packages:$missing. Run: sudo apt-get install$missing"
	echo "linux-guest-riscv64: installing$missing"
	apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# --- the private apt configuration ---------------------------------------------------

# APT_CONFIG is read before anything else (apt-pkg/init.cc, pkgInitConfig): it points
# the configuration parts and main file at empty private ones, so nothing of the
# host's /etc/apt applies, and every directory apt writes into at $apt/. No binary
# caches (80 MB): apt builds them in memory from the lists each time.
apt_setup() {
	apt=$(cd "$out" && pwd)/apt
	rm -rf "${apt:?}/etc"
	mkdir -p "$apt/etc/apt.conf.d" "$apt/etc/sources.list.d" "$apt/etc/preferences.d" \
		"$apt/etc/trusted.gpg.d" "$apt/state/lists/partial" "$apt/cache/archives/partial" \
		"$apt/log"
	: >"$apt/state/status"
	echo "deb [arch=riscv64 signed-by=$keyring] $mirror $suite main" >"$apt/etc/sources.list"
	# As root apt drops to _apt for the downloads; the private tree belongs to us, so
	# stay the user we are (root or not) instead.
	cat >"$apt/etc/apt.conf" <<-EOF
		Dir::Etc "$apt/etc/";
		Dir::Etc::Main "apt.conf.main";
		Dir::Etc::Parts "apt.conf.d/";
		Dir::Etc::SourceList "sources.list";
		Dir::Etc::SourceParts "sources.list.d/";
		Dir::Etc::Preferences "preferences";
		Dir::Etc::PreferencesParts "preferences.d/";
		Dir::Etc::Trusted "trusted.gpg";
		Dir::Etc::TrustedParts "trusted.gpg.d/";
		Dir::State "$apt/state/";
		Dir::State::Lists "lists/";
		Dir::State::status "$apt/state/status";
		Dir::Cache "$apt/cache/";
		Dir::Cache::pkgcache "";
		Dir::Cache::srcpkgcache "";
		Dir::Log "$apt/log/";
		APT::Architecture "riscv64";
		APT::Architectures { "riscv64"; };
		APT::Sandbox::User "$(id -un)";
		Acquire::Languages "none";
		Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled "false";
	EOF
	export APT_CONFIG="$apt/etc/apt.conf"
}

has_candidate() {
	v=$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
	[ -n "$v" ] && [ "$v" != "(none)" ]
}

# linux-image-riscv64 depends on linux-image-<abi>-riscv64 (the ABI changes with
# kernel updates): ask apt each time we fetch.
kernel_pkg() {
	apt-cache depends "$kernel_meta" 2>/dev/null |
		sed -n 's/^ *Depends: *\(linux-image-[0-9][^ :]*-riscv64\).*/\1/p' | head -1
}

# --- verification, by hand, of what apt verified -------------------------------------

# One field of one package's stanza in a Packages file.
pkg_field() {
	awk -v p="$2" -v v="$3" -v f="$4" '
		/^$/ { if (pk == p && ve == v && val != "") exit; pk = ve = val = "" }
		/^Package: / { pk = $2 } /^Version: / { ve = $2 }
		index($0, f ": ") == 1 { val = $2 }
		END { if (pk == p && ve == v && val != "") print val }' "$1"
}

# verify LOG DEB...: the chain for these packages into LOG.
verify() {
	log=$1
	shift
	lists=$apt/state/lists
	inrel=$(ls "$lists"/*_dists_${suite}_InRelease)
	packages=$(ls "$lists"/*_dists_${suite}_main_binary-riscv64_Packages)
	{
		echo "InRelease: $(basename "$inrel")"
		gpgv --keyring "$keyring" "$inrel" 2>&1 || die "gpgv rejects $inrel"
		sed -n 's/^\(Suite\|Codename\|Date\|Valid-Until\): /  \1: /p' "$inrel"
		# The index as InRelease names it (stored uncompressed by apt).
		want=$(awk '/^SHA256:/ { on = 1; next } /^[^ ]/ { on = 0 }
			on && $3 == "main/binary-riscv64/Packages" { print $1 }' "$inrel")
		got=$(sha256sum "$packages" | cut -d' ' -f1)
		[ -n "$want" ] && [ "$want" = "$got" ] ||
			die "Packages index hash $got is not InRelease's '$want'"
		echo "Packages (main/binary-riscv64): sha256 $got as InRelease lists it"
		for deb in "$@"; do
			p=$(dpkg-deb -f "$deb" Package) v=$(dpkg-deb -f "$deb" Version)
			want=$(pkg_field "$packages" "$p" "$v" SHA256)
			size=$(pkg_field "$packages" "$p" "$v" Size)
			got=$(sha256sum "$deb" | cut -d' ' -f1)
			[ -n "$want" ] && [ "$want" = "$got" ] && [ "$size" = "$(stat -c %s "$deb")" ] ||
				die "$deb: sha256 $got / size $(stat -c %s "$deb") not Packages' '$want' / '$size'"
			echo "$p $v: $size bytes, sha256 $got as Packages lists it"
		done
	} >"$log.tmp"
	mv "$log.tmp" "$log"
	sed 's/^/linux-guest-riscv64: verified: /' "$log"
}

# --- fetch -------------------------------------------------------------------------

fetch() {
	host_tools
	mkdir -p "$out"
	apt_setup
	if [ -n "$refresh" ] || ! has_candidate "$kernel_meta" || ! has_candidate "$busybox_pkg"; then
		echo "linux-guest-riscv64: apt-get update ($suite, riscv64, private lists in $apt)"
		apt-get update -qq || die "apt-get update of $mirror $suite failed"
	fi
	kpkg=$(kernel_pkg)
	[ -n "$kpkg" ] || die "cannot resolve the kernel package of $kernel_meta"
	tmp=$(mktemp -d "$out/fetch.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	echo "linux-guest-riscv64: apt-get download $kpkg $busybox_pkg"
	(cd "$tmp" && apt-get download -qq "$kpkg" "$busybox_pkg") || die "apt-get download failed"
	kdeb=$(ls "$tmp"/linux-image-*_riscv64.deb) bdeb=$(ls "$tmp"/busybox-static_*_riscv64.deb)
	verify "$out/verify.log" "$kdeb" "$bdeb"
	dpkg -x "$kdeb" "$tmp/k"
	dpkg -x "$bdeb" "$tmp/b"
	vmlinux=$(ls "$tmp"/k/boot/vmlinux-* "$tmp"/k/boot/vmlinuz-* 2>/dev/null | head -1)
	[ -n "$vmlinux" ] || die "$kdeb has no /boot/vmlinu[xz]-*"
	release=${vmlinux##*/vmlinu?-}
	install_image "$vmlinux" "$out/Image"
	rm -f "$out"/config-*
	cp "$tmp/k/boot/config-$release" "$out/config-$release"
	# trixie's busybox-static is in /usr/bin (merged /usr), bookworm's in /bin
	bb=$(ls "$tmp"/b/usr/bin/busybox "$tmp"/b/bin/busybox 2>/dev/null | head -1)
	[ -n "$bb" ] || die "$bdeb has no busybox binary"
	cp "$bb" "$out/busybox.tmp" && mv "$out/busybox.tmp" "$out/busybox"
	{
		echo "kernel $(dpkg-deb -f "$kdeb" Package) $(dpkg-deb -f "$kdeb" Version) $(stat -c %s "$kdeb")"
		echo "busybox $(dpkg-deb -f "$bdeb" Package) $(dpkg-deb -f "$bdeb" Version) $(stat -c %s "$bdeb")"
		echo "release $release"
	} >"$stamp.tmp"
	mv "$stamp.tmp" "$stamp"
	rm -rf "$tmp"
	trap - EXIT
}

# The kernel's headers for out-of-tree modules: its arch and common halves (Debian 13's, of
# the kernel's exact version, verified as the kernel is: verify-headers.log) and the kbuild
# tools (fixdep, modpost: programs of the build host). Debian 13's amd64 linux-kbuild needs
# its glibc 2.38 (Debian 12 has 2.36), so they are Debian 12's linux-kbuild of the same
# upstream version, from bookworm-security (the host's own apt, which verifies it; the
# newest 6.12 one if that version is not there). Extracted into $out/headers, not
# installed; the halves' scripts and tools links point at the extracted kbuild.
fetch_headers() {
	host_tools
	apt_setup
	kpkg=$(sed -n 's/^kernel \([^ ]*\) .*/\1/p' "$stamp") kver=$(sed -n 's/^kernel [^ ]* \([^ ]*\) .*/\1/p' "$stamp")
	abi=${kpkg#linux-image-}
	abi=${abi%-riscv64}
	upstream=${kver%%-*}
	kbuild=linux-kbuild-$upstream+deb12
	if ! env -u APT_CONFIG apt-cache show "$kbuild" >/dev/null 2>&1; then
		kbuild=$(env -u APT_CONFIG apt-cache search --names-only "^linux-kbuild-${upstream%.*}\.[0-9]*\+deb12\$" |
			cut -d' ' -f1 | sort -V | tail -1)
		[ -n "$kbuild" ] || die "the host's apt has no linux-kbuild-${upstream%.*}.*+deb12 (bookworm-security): run apt-get update"
		echo "linux-guest-riscv64: no linux-kbuild-$upstream+deb12 on the host's apt: $kbuild"
	fi
	tmp=$(mktemp -d "$out/headers.XXXXXX")
	# the host's apt, as root, downloads as its sandbox user: into a directory it can reach
	kbtmp=$(mktemp -d "${TMPDIR:-/tmp}/tessera-kbuild.XXXXXX")
	trap 'rm -rf "$tmp" "$kbtmp"' EXIT
	[ "$(id -u)" -ne 0 ] || ! id _apt >/dev/null 2>&1 || chown _apt "$kbtmp"
	echo "linux-guest-riscv64: apt-get download linux-headers-$abi-riscv64 linux-headers-$abi-common ($kver), $kbuild"
	(cd "$tmp" && apt-get download -qq "linux-headers-$abi-riscv64=$kver" "linux-headers-$abi-common=$kver") ||
		die "apt-get download of the headers failed"
	verify "$out/verify-headers.log" "$tmp"/*.deb
	(cd "$kbtmp" && env -u APT_CONFIG apt-get download -qq "$kbuild") || die "apt-get download $kbuild failed"
	mv "$kbtmp"/*.deb "$tmp/"
	rm -rf "$out/headers"
	for d in "$tmp"/*.deb; do dpkg -x "$d" "$out/headers"; done
	kb=$(basename "$(ls -d "$out"/headers/usr/lib/linux-kbuild-*)")
	for d in "$out"/headers/usr/src/linux-headers-*; do
		ln -sfn "../../lib/$kb/scripts" "$d/scripts"
		ln -sfn "../../lib/$kb/tools" "$d/tools"
	done
	grep -v '^headers ' "$stamp" >"$stamp.tmp" || true
	echo "headers $(cd "$tmp" && find . -name '*.deb' | sed 's|.*/||' | sort | tr '\n' ' ')" >>"$stamp.tmp"
	mv "$stamp.tmp" "$stamp"
	rm -rf "$tmp" "$kbtmp"
	trap - EXIT
}

# A RISC-V Image carries "RSC\x05" at offset 0x38 (Documentation/riscv/boot-image-header.rst);
# accept a gzipped one too.
install_image() {
	if [ "$(od -An -tx1 -N2 "$1" | tr -d ' ')" = 1f8b ]; then
		gzip -dc "$1" >"$2.tmp"
	else
		cp "$1" "$2.tmp"
	fi
	magic=$(od -An -tx1 -j56 -N4 "$2.tmp" | tr -d ' ')
	[ "$magic" = 52534305 ] || die "$1 is not a RISC-V Image (magic $magic at 0x38)"
	mv "$2.tmp" "$2"
}

# --- initramfs ------------------------------------------------------------------------

# --- the tessera-chan driver and tool ---------------------------------------------------

# The module, out of tree against the kernel's headers; its vermagic must be the kernel's
# release (or insmod refuses it). Built in a copy: kbuild writes next to the sources. With
# the host's cross compiler (Debian 12's gcc 12: the headers name trixie's gcc-14, and
# Debian's kbuild skips its compiler check, DEBIAN_KERNEL_NO_CC_VERSION_CHECK); without BTF
# (CONFIG_DEBUG_INFO_BTF_MODULES: it needs pahole, and nothing here reads it).
build_module() {
	src=guests/linux/tessera-chan
	abs=$(cd "$out" && pwd)
	hdr=$(ls -d "$abs"/headers/usr/src/linux-headers-*-riscv64)
	common=$(ls -d "$abs"/headers/usr/src/linux-headers-*-common)
	echo "include $common/Makefile" >"$hdr/Makefile"
	rm -rf "$out/tessera-chan" && mkdir -p "$out/tessera-chan"
	cp "$src"/Kbuild "$src"/*.[ch] "$out/tessera-chan/"
	make -s -C "$hdr" M="$abs/tessera-chan" ARCH=riscv CROSS_COMPILE="$cross" CC="${cross}gcc" \
		CONFIG_DEBUG_INFO_BTF_MODULES= modules >"$out/tessera-chan/build.log" 2>&1 ||
		{ cat "$out/tessera-chan/build.log" >&2; die "the tessera-chan module does not build"; }
	"${cross}strip" --strip-debug "$out/tessera-chan/tessera-chan.ko"
	release=$(sed -n 's/^release //p' "$stamp")
	vermagic=$(tr '\0' '\n' <"$out/tessera-chan/tessera-chan.ko" | sed -n 's/^vermagic=//p')
	case "$vermagic" in
	"$release "*) ;;
	*) die "tessera-chan.ko vermagic '$vermagic' is not the kernel's $release" ;;
	esac
}

# A user-space program (the channel tool, /bin/vclock): static, glibc's (libc6-dev-riscv64-cross).
build_tool() {
	[ -f /usr/riscv64-linux-gnu/lib/libc.a ] ||
		die "needs the riscv64 static C library: apt-get install libc6-dev-riscv64-cross"
	"${cross}gcc" -static -O2 -s -Wall -Wextra -Werror -o "$1" "$2"
}

# The common tree (scripts/initramfs.sh), as the arm64 one's, with the driver, its tool and
# /bin/vclock (the bench figures' clock: tests/linux/vclock-riscv64.c). Not yet for riscv64:
# the doorbell benchmark (tessera-chan-bench reads AArch64's counter).
build_initramfs() {
	host_tools
	cross=${CROSS_COMPILE:-riscv64-linux-gnu-}
	initramfs_tree "$out" linux-guest-riscv64
	initramfs_check_abi riscv64 TCHAN_HC_DOORBELL_RISCV \
		'_Static_assert(TCHAN_SBI_EXT == TESSERA_SBI_EXT, "extension");'
	build_module
	mkdir -p "$root/lib/modules"
	cp "$out/tessera-chan/tessera-chan.ko" "$root/lib/modules/"
	build_tool "$root/bin/tessera-chan" guests/linux/tessera-chan/tool/tessera-chan.c
	build_tool "$root/bin/vclock" tests/linux/vclock-riscv64.c
	chmod 0755 "$root/bin/tessera-chan" "$root/bin/vclock"
	initramfs_pack "$out" linux-guest-riscv64
}

# --- main -------------------------------------------------------------------------------

hash=$(inputs_hash)
if fetched && [ -f "$out/initramfs.cpio.gz" ] && grep -qx "inputs $hash" "$stamp"; then
	exit 0
fi
fetched || fetch
headers_fetched || fetch_headers
build_initramfs
grep -v '^inputs ' "$stamp" >"$stamp.tmp" || true
echo "inputs $hash" >>"$stamp.tmp"
mv "$stamp.tmp" "$stamp"
sed 's/^/linux-guest-riscv64: /' "$stamp"
echo "linux-guest-riscv64: $out/Image ($(stat -c %s "$out/Image") bytes)"
