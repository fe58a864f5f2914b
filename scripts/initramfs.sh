# SPDX-License-Identifier: Apache-2.0
# The Linux test initramfs's common part, sourced by scripts/linux-guest.sh (arm64) and
# scripts/linux-guest-riscv64.sh (riscv64) from the repository's root:
#   initramfs_applets BUSYBOX      the applet names of a busybox binary of any architecture
#   initramfs_tree OUT TAG         a new tree (its path in $root): busybox (OUT/busybox) with
#                                  a link per applet (their names in $list), /init
#                                  (tests/linux/init), /tests/ (tests/linux/tests/*.sh)
#   initramfs_pack OUT TAG         $root as OUT/initramfs.cpio.gz, reproducibly
#   initramfs_check_abi ARCH MACRO [ASSERT...]
#                                  the tessera-chan driver's copy of the hypercall ABI
#                                  (tessera_abi.h: MACRO, its doorbell call) is the
#                                  hypervisor's for arch/ARCH
# Between the two the caller adds what is its architecture's (programs, modules). TAG
# prefixes the messages. Needs cpio and gzip (the callers' host_tools).

# Busybox keeps its applet names as one sorted, NUL-separated string starting "[", "[["
# (the binary is for the guest's architecture: read the list out of it, do not run it).
# The "[" may follow other bytes with no NUL before it: match its line's end.
initramfs_applets() {
	tr '\0' '\n' <"$1" | LC_ALL=C awk '
		done { next }
		!on && prev ~ /\[$/ && $0 == "[[" { on = 1; print "["; print; last = $0; next }
		{ prev = $0 }
		on && ($0 !~ /^[a-z0-9][a-z0-9._-]*$/ || $0 <= last) { done = 1; next }
		on { print; last = $0 }'
}

initramfs_tree() {
	list=$(initramfs_applets "$1/busybox")
	for a in sh mount grep awk poweroff setsid cttyhack; do
		echo "$list" | grep -qx "$a" ||
			{ echo "$2: busybox applet list lacks '$a' (parse failed?)" >&2; exit 1; }
	done
	root=$(mktemp -d "$1/initramfs.XXXXXX")
	trap 'rm -rf "$root" "$root.cpio.gz" "$root.o"' EXIT
	mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/tmp" "$root/root" \
		"$root/etc" "$root/tests" "$root/usr"
	ln -s bin "$root/sbin"
	ln -s ../bin "$root/usr/bin"
	ln -s ../bin "$root/usr/sbin"
	cp "$1/busybox" "$root/bin/busybox"
	for a in $list; do
		[ "$a" = busybox ] || ln -s busybox "$root/bin/$a"
	done
	cp tests/linux/init "$root/init"
	cp tests/linux/tests/*.sh "$root/tests/"
	chmod 0755 "$root/init" "$root"/tests/*.sh "$root/bin/busybox"
	chmod 1777 "$root/tmp"
}

# The kernel's built-in initramfs already holds /dev/console, so no device node (and no
# root) is needed here. Fixed mtimes and order: a reproducible archive.
initramfs_pack() {
	find "$root" -exec touch -h -d @0 {} +
	(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -9 -n >"$root.cpio.gz"
	mv "$root.cpio.gz" "$1/initramfs.cpio.gz"
	rm -rf "$root"
	trap - EXIT
	echo "$2: $1/initramfs.cpio.gz ($(echo "$list" | wc -l) applets," \
		"$(stat -c %s "$1/initramfs.cpio.gz") bytes)"
}

# The driver's copy of the hypercall ABI (guests/linux/tessera-chan/tessera_abi.h) must be
# the hypervisor's (hyp/include/tessera/hypercall.h with arch/$1's calling convention).
initramfs_check_abi() {
	arch=$1 doorbell=$2
	shift 2
	printf '%s\n' '#include "tessera/hypercall.h"' '#include "tessera_abi.h"' \
		"_Static_assert($doorbell == TESSERA_HC_DOORBELL, \"doorbell call\");" \
		'_Static_assert(TCHAN_DB_ALL == TESSERA_DB_ALL, "all");' \
		'_Static_assert(TCHAN_OK == TESSERA_OK, "ok");' \
		'_Static_assert(TCHAN_E_NOT_SUPPORTED == TESSERA_E_NOT_SUPPORTED, "not supported");' \
		'_Static_assert(TCHAN_E_INVALID == TESSERA_E_INVALID, "invalid");' \
		'_Static_assert(TCHAN_E_DENIED == TESSERA_E_DENIED, "denied");' \
		'_Static_assert(TCHAN_E_OFF == TESSERA_E_OFF, "off");' "$@" |
		${HOSTCC:-gcc} -fsyntax-only -Werror -I hyp/include -I "arch/$arch/include" \
			-I guests/linux/tessera-chan -x c - ||
		{ echo "guests/linux/tessera-chan/tessera_abi.h differs from hyp/include/tessera/hypercall.h ($arch)" >&2; exit 1; }
}
