// SPDX-License-Identifier: Apache-2.0
/* ticker: prints a numbered tick forever; shows a VM keeps running while others fail. */
#include "guest.h"

int main(uint64_t dtb)
{
	for (uint64_t n = 1;; n++) {
		gprintf("tick %lu\n", n);
		delay(2000000);
	}
	return 0;
}
