// SPDX-License-Identifier: Apache-2.0
/* resetloop_b: one of the two images of the concurrent-reset test (resetloop.h). */
#include "resetloop.h"

RESETLOOP_BLOB(0x0123456789abcdefUL);

int main(uint64_t dtb)
{
	return resetloop("resetloop_b", 0x0123456789abcdefUL, blob);
}
