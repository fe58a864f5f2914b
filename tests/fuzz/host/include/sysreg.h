/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host build (tests/fuzz/host): AArch64's register bits, but system register
 * accesses go to the simulated registers of host.c (by name), barriers do
 * nothing (the host runs one simulated CPU at a time) and a set/way cache
 * operation is only recorded.
 */
#ifndef HOST_SYSREG_H
#define HOST_SYSREG_H

#include "../../../../arch/aarch64/include/sysreg.h"

u64 host_sysreg_read(const char *name);
void host_sysreg_write(const char *name, u64 v);
void host_dc_cisw(u64 setway);

#undef sysreg_read
#undef sysreg_write
#undef isb
#undef dsb
#undef sev
#undef wfi
#undef wfe
#undef dc_cisw
#define sysreg_read(r)	   host_sysreg_read(#r)
#define sysreg_write(r, v) host_sysreg_write(#r, (u64)(v))
#define isb()		   ((void)0)
#define dsb(opt)	   ((void)0)
#define sev()		   ((void)0)
#define wfi()		   ((void)0)
#define wfe()		   ((void)0)
#define dc_cisw(setway)	   host_dc_cisw(setway)

#endif
