# SPDX-License-Identifier: Apache-2.0
# Tessera U-Boot boot script (source of boot.scr: mkimage -T script -d boot.cmd boot.scr).
# U-Boot's distro boot finds boot.scr on the boot partition and runs it; it then loads
#   hyp.bin          the hypervisor (an arm64 Image: booti starts it at EL2)
#   ${layout}.dtb    the partition DTB, handed over as the initrd
#   ${layout}.scr    if present: loads the guest images this layout names by phys-addr
# and boots with the board's own DTB. Choose the layout at the U-Boot prompt with
#   setenv layout NAME; boot
# or put "layout=NAME" in layout.txt on the boot partition (default when unset).
# Addresses (override with setenv): tessera_hyp_addr (default ${kernel_addr_r}),
# tessera_part_addr (${ramdisk_addr_r}), tessera_scr_addr (${pxefile_addr_r}),
# tessera_fdt_src: the board DTB (${fdtcontroladdr}), copied to tessera_fdt_addr
# (${fdt_addr_r}, else ${fdt_addr}) to be handed to the hypervisor.

if test -z "${devtype}"; then setenv devtype mmc; fi
if test -z "${devnum}"; then setenv devnum 0; fi
if test -z "${distro_bootpart}"; then setenv distro_bootpart 1; fi
setenv tessera_dev "${devtype} ${devnum}:${distro_bootpart}"
if test -z "${tessera_hyp_addr}"; then setenv tessera_hyp_addr ${kernel_addr_r}; fi
if test -z "${tessera_part_addr}"; then setenv tessera_part_addr ${ramdisk_addr_r}; fi
if test -z "${tessera_scr_addr}"; then setenv tessera_scr_addr ${pxefile_addr_r}; fi
if test -z "${tessera_fdt_src}"; then setenv tessera_fdt_src ${fdtcontroladdr}; fi
if test -z "${tessera_fdt_addr}"; then setenv tessera_fdt_addr ${fdt_addr_r}; fi
if test -z "${tessera_fdt_addr}"; then setenv tessera_fdt_addr ${fdt_addr}; fi

if test -z "${layout}"; then
	if load ${tessera_dev} ${tessera_scr_addr} layout.txt; then
		env import -t ${tessera_scr_addr} ${filesize} layout
	fi
fi
if test -z "${layout}"; then setenv layout demo; fi
echo "tessera: layout ${layout} from ${tessera_dev}"

setenv tessera_ok 1
if test -e ${tessera_dev} ${layout}.dtb; then
	load ${tessera_dev} ${tessera_hyp_addr} hyp.bin || setenv tessera_ok 0
	crc32 ${tessera_hyp_addr} ${filesize}
	load ${tessera_dev} ${tessera_part_addr} ${layout}.dtb || setenv tessera_ok 0
	setenv tessera_part_size ${filesize}
else
	echo "tessera: no ${layout}.dtb on ${tessera_dev}; the layouts there:"
	ls ${tessera_dev} /
	setenv tessera_ok 0
fi
if test "${tessera_ok}" = 1 && test -e ${tessera_dev} ${layout}.scr; then
	load ${tessera_dev} ${tessera_scr_addr} ${layout}.scr && source ${tessera_scr_addr} || setenv tessera_ok 0
fi

# The partition DTB goes to the hypervisor as the initrd, but not through booti's initrd
# argument: U-Boot takes any DTB there for a FIT image. So: a copy of the board DTB with
# /chosen/linux,initrd-start/-end set to the partition DTB, and "booti hyp - fdt".
if test "${tessera_ok}" = 1; then
	fdt addr ${tessera_fdt_src} && fdt move ${tessera_fdt_src} ${tessera_fdt_addr} || setenv tessera_ok 0
fi
if test "${tessera_ok}" = 1; then
	fdt resize 0x1000
	setexpr tessera_end ${tessera_part_addr} + ${tessera_part_size}
	setexpr tessera_hi ${tessera_part_addr} / 100000000
	setexpr tessera_lo ${tessera_part_addr} \& ffffffff
	fdt set /chosen linux,initrd-start <0x${tessera_hi} 0x${tessera_lo}>
	setexpr tessera_hi ${tessera_end} / 100000000
	setexpr tessera_lo ${tessera_end} \& ffffffff
	fdt set /chosen linux,initrd-end <0x${tessera_hi} 0x${tessera_lo}>
	echo "tessera: partition DTB ${layout}.dtb at ${tessera_part_addr}, 0x${tessera_part_size} bytes"
	echo "tessera: booti ${tessera_hyp_addr} - ${tessera_fdt_addr}"
	booti ${tessera_hyp_addr} - ${tessera_fdt_addr}
fi
echo "tessera: boot failed; setenv layout NAME; boot to try again"
