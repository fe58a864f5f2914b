// SPDX-License-Identifier: Apache-2.0
/*
 * reloadloop_b: resetloop_b (resetloop.h) for a pre-loaded image the layout
 * says is 64 MiB: its reset counter lies beyond those 64 MiB, which every
 * reset copies back in from where the loader put them.
 */
#define COUNTER_IPA 0x47f00000UL
#include "resetloop.h"

RESETLOOP_BLOB(0x0123456789abcdefUL);

int main(uint64_t dtb)
{
	return resetloop("reloadloop_b", 0x0123456789abcdefUL, blob);
}
