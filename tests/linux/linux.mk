# SPDX-License-Identifier: Apache-2.0
# Real Linux guest assets (Debian's arm64 cloud kernel + a busybox-static initramfs),
# fetched from Debian packages and cached in build/linux/ by scripts/linux-guest.sh.
# The script keeps its own stamp (package versions, hash of tests/linux/), so the
# targets are phony and a cached run costs milliseconds.
LINUX_OUT ?= $(or $(BUILD),build)/linux

.PHONY: linux-guest linux-native-check

linux-guest:
	@scripts/linux-guest.sh --out $(LINUX_OUT)

# Development aid: boot the assets natively under QEMU (no hypervisor), test and
# interactive mode; ends with "N passed, N failed".
linux-native-check: linux-guest
	@tests/linux/native-check.sh --out $(LINUX_OUT)
