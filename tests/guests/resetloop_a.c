// SPDX-License-Identifier: Apache-2.0
/* resetloop_a: one of the two images of the concurrent-reset test (resetloop.h). */
#include "resetloop.h"

RESETLOOP_BLOB(0xaaaa5555aaaa5555UL);

int main(uint64_t dtb)
{
	return resetloop("resetloop_a", 0xaaaa5555aaaa5555UL, blob);
}
