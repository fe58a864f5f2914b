// SPDX-License-Identifier: Apache-2.0
/*
 * overlapcopy: resetloop_a's image check (resetloop.h) once, no reset, for a
 * pre-loaded image that overlaps where it is copied to (a blob in its own
 * VM's fixed memory, a little below or above its load address): a copy in
 * the wrong direction repeats the image's first bytes over the rest.
 */
#define RESETS 1
#include "resetloop.h"

RESETLOOP_BLOB(0x5a5a0f0f5a5a0f0fUL);

int main(uint64_t dtb)
{
	return resetloop("overlapcopy", 0x5a5a0f0f5a5a0f0fUL, blob);
}
