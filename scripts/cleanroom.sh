#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# make cleanroom: the README's two commands on a brand-new Debian 12, as a new user
# meets them. A machine that already has packages installed can hide a missing install
# step; this cannot:
#   1. a Debian 12 root with only apt, make, git, ca-certificates and python3 (mmdebstrap,
#      from the host's own apt sources; cached as a tarball, Debian only, nothing of ours);
#   2. a fresh copy of that root per run, the current commit cloned into it (uncommitted
#      changes are not part of the test: commit first);
#   3. inside it (chroot, own mount and PID namespaces): `make test`, which must end
#      "N passed, 0 failed", then `make run TIMEOUT=...`, which must reach the Linux shell
#      prompt and the control loop's output. Everything the project needs is installed by
#      the project, inside the root, on every run.
# Logs: build/cleanroom/{setup,test,run}.log. Exits non-zero if anything fails, including
# when the clean room cannot be made (not root, no mount rights): it never falls back to
# running outside it. The root's /proc, /dev and /sys live in a private mount namespace
# whose processes all die with it, so no mount and no process outlives a run, whatever
# way it ends.
# Environment: CLEANROOM_CACHE (default /var/cache/tessera-cleanroom), CLEANROOM_RUN_TIMEOUT
# (seconds of `make run`, default 60), CLEANROOM_KEEP=1 (keep the root, for a look inside).
set -eu
cd "$(dirname "$0")/.."

cache=${CLEANROOM_CACHE:-/var/cache/tessera-cleanroom}
run_timeout=${CLEANROOM_RUN_TIMEOUT:-60}
base_pkgs=make,git,ca-certificates,python3
base=$cache/bookworm-base.tar
base_max_days=14 # then rebuilt, so the installs inside do not upgrade half the base
logs=build/cleanroom
started=$(date +%s)

die() {
	echo "cleanroom: $*" >&2
	exit 1
}
step() { echo "cleanroom: [$(($(date +%s) - started)) s] $*"; }

# --- can a clean room be made here? ----------------------------------------------------
[ "$(id -u)" -eq 0 ] || die "needs root: it builds a Debian root with mmdebstrap and mounts" \
	"/proc, /dev and /sys into it (run it as root, e.g. sudo make cleanroom)"
command -v mmdebstrap >/dev/null || die "mmdebstrap missing (scripts/deps.sh cleanroom installs it)"
command -v git >/dev/null || die "git missing (scripts/deps.sh cleanroom installs it)"
err=$(unshare --mount --pid --fork sh -c 'mount -t tmpfs none /mnt' 2>&1) ||
	die "this machine does not let us make mounts in a new mount namespace, so no clean" \
		"root can be made (unshare --mount --pid: $err); not running outside it"
rev=$(git rev-parse HEAD) || die "not a git checkout"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	echo "cleanroom: note: uncommitted changes are not tested; the clean room runs commit $rev"

mkdir -p "$cache" "$logs"
rm -f "$logs"/*.log

# --- the base root: Debian only, cached ------------------------------------------------
# The host's apt sources (no mirror is named in the repository); mmdebstrap's default
# (deb.debian.org) when the host has none in a file.
sources=""
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] && grep -q '^[^#]' "$f" && sources="$sources $f"
done
if [ ! -f "$base" ] || [ "$(cat "$base.pkgs" 2>/dev/null)" != "$base_pkgs" ] ||
	[ -n "$(find "$base" -mtime +$base_max_days)" ]; then
	step "making the base root (mmdebstrap bookworm, $base_pkgs)"
	# shellcheck disable=SC2086 # one word per sources file
	mmdebstrap --variant=apt --format=tar --include="$base_pkgs" bookworm "$base.new" $sources \
		>"$logs/setup.log" 2>&1 || die "mmdebstrap failed: $(tail -3 "$logs/setup.log")"
	mv "$base.new" "$base"
	echo "$base_pkgs" >"$base.pkgs"
fi

# --- a fresh root for this run -----------------------------------------------------------
work=$(mktemp -d /var/tmp/tessera-cleanroom.XXXXXX)
root=$work/root
cleanup() {
	status=$?
	# The mounts were made in a namespace that is gone; refuse to delete through one anyway.
	if grep -q " $work/" /proc/self/mounts; then
		echo "cleanroom: something is still mounted under $work; not deleting it" >&2
		exit 1
	fi
	if [ "${CLEANROOM_KEEP:-}" = 1 ]; then
		echo "cleanroom: root kept in $root"
	else
		rm -rf --one-file-system "$work"
	fi
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

step "fresh root in $root"
mkdir "$root"
tar -xf "$base" -C "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
git clone -q --no-hardlinks . "$root/root/tessera"
git -C "$root/root/tessera" checkout -q --detach "$rev"
# Downloaded .debs are kept between runs (apt checks them against the signed lists);
# installing them is done again in every run.
mkdir -p "$cache/archives/partial" "$root/var/cache/apt/archives"

# The inside: own mount namespace (the mounts vanish with it) and own PID namespace (its
# first process is the chroot's shell; when it ends, the kernel kills every other one).
inside() { # command: runs in the root as a new user's login shell would
	unshare --mount --pid --fork --kill-child sh -eu -c '
		root=$1 cache=$2
		shift 2
		mount --make-rprivate /
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		mount --rbind /sys "$root/sys"
		mount --bind "$cache/archives" "$root/var/cache/apt/archives"
		status=0
		env -i HOME=/root LANG=C.UTF-8 TERM=dumb PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			chroot "$root" sh -c "cd /root/tessera && $*" </dev/null || status=$?
		umount -R "$root/var/cache/apt/archives" "$root/sys" "$root/dev" "$root/proc"
		exit $status' sh "$root" "$cache" "$@"
}

step "make test (commit $(git rev-parse --short "$rev"), log $logs/test.log)"
set +e
inside "make test" >"$logs/test.log" 2>&1
test_rc=$?
set -e
result=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/test.log" | tail -1)
step "make test: ${result:-no result line} (exit $test_rc)"

step "make run TIMEOUT=$run_timeout (log $logs/run.log)"
inside "make run TIMEOUT=$run_timeout" >"$logs/run.log" 2>&1 || true
run_ok=1
for want in '[linux] tessera-linux# ' '[control] timer irq latency over'; do
	if grep -qaF -- "$want" "$logs/run.log"; then
		echo "cleanroom: make run printed '$want'"
	else
		echo "cleanroom: make run did not print '$want' within $run_timeout s"
		run_ok=0
	fi
done

step "done"
case "$result" in *" 0 failed") ;; *) [ "$test_rc" -ne 0 ] || test_rc=1 ;; esac
if [ "$test_rc" -ne 0 ] || [ "$run_ok" -ne 1 ]; then
	echo "cleanroom: FAILED (make test exit $test_rc, make run $([ $run_ok = 1 ] && echo ok || echo failed))"
	echo "cleanroom: last lines of $logs/test.log:"
	tail -25 "$logs/test.log"
	exit 1
fi
echo "cleanroom: PASSED: the two commands work on a fresh Debian 12 ($result)"
