# SPDX-License-Identifier: Apache-2.0
# The assembly's view of C structures, generated from C (Bao's asm_defs.c is the model):
# arch/$(ARCH)/asm_offsets.c is compiled to assembly with the hypervisor's own flags (but
# link-time optimisation, which would emit no assembly), and its "->NAME value" lines become
# $(ASM_OFFSETS_H), which the .S files include: offsets, sizes and flag masks are never
# written by hand. Included by the Makefile (arch.mk's ARCH_RULES) once HYP_SRCS, CFLAGS and
# ASFLAGS are set; arch.mk keeps asm_offsets.c out of ARCH_SRCS (compiled, never linked).
ASM_OFFSETS_H := $(OUT)/gen/asm_offsets.h
ASFLAGS += -I$(OUT)/gen

$(OUT)/gen/asm_offsets.s: arch/$(ARCH)/asm_offsets.c $(LIBFDT_DIR)/.stamp $(OUT)/cflags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fno-lto -S $< -o $@

$(ASM_OFFSETS_H): $(OUT)/gen/asm_offsets.s
	@{ echo '/* Generated from arch/$(ARCH)/asm_offsets.c by asm_offsets.mk: do not edit. */'; \
	  echo '#ifndef ASM_OFFSETS_H'; echo '#define ASM_OFFSETS_H'; \
	  sed -n 's/^[[:space:]]*\.ascii[[:space:]]*"->\([A-Z0-9_]*\) \(-\{0,1\}[0-9]*\)"$$/#define \1 \2/p' $<; \
	  echo '#endif'; } > $@.tmp
	@test $$(grep -c '^#define' $@.tmp) -gt 2 || { echo "$@: no definitions in $<"; exit 1; }
	@mv $@.tmp $@

# Every assembly object includes it (before the first build there are no dependency files).
$(patsubst %,$(OUT)/obj/%.o,$(filter %.S,$(HYP_SRCS))): $(ASM_OFFSETS_H)

-include $(OUT)/gen/asm_offsets.d
