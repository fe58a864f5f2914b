# SPDX-License-Identifier: Apache-2.0
# Real Linux guest assets (Debian's arm64 cloud kernel + a busybox-static initramfs),
# fetched from Debian packages and cached in build/linux/ by scripts/linux-guest.sh;
# with ARCH=riscv64 Debian 13's riscv64 kernel and busybox in build/linux-riscv64/ by
# scripts/linux-guest-riscv64.sh (a private apt configuration: the host's is unchanged).
# The scripts keep their own stamp (package versions, hash of tests/linux/), so the
# targets are phony and a cached run costs milliseconds.
ifeq ($(ARCH),riscv64)
LINUX_OUT ?= $(or $(BUILD),build)/linux-riscv64
LINUX_GUEST_SCRIPT := scripts/linux-guest-riscv64.sh
else
LINUX_OUT ?= $(or $(BUILD),build)/linux
LINUX_GUEST_SCRIPT := scripts/linux-guest.sh
endif

.PHONY: linux-guest linux-native-check

linux-guest:
	@$(LINUX_GUEST_SCRIPT) --out $(LINUX_OUT)

# Development aid: boot the assets natively under QEMU (no hypervisor), test and
# interactive mode; ends with "N passed, N failed".
linux-native-check: linux-guest
	@tests/linux/native-check.sh --arch $(ARCH) --out $(LINUX_OUT)
