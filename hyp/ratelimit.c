// SPDX-License-Identifier: Apache-2.0
/* Rate limiting of guest-caused messages (see ratelimit.h). */
#include "ratelimit.h"

bool ratelimit_allow(struct ratelimit *rl, u64 now, u32 *suppressed)
{
	if (!rl->printed || now - rl->window_start >= RATELIMIT_WINDOW_NS) {
		rl->window_start = now;
		rl->printed = 0;
	}
	if (rl->printed == RATELIMIT_BURST) {
		if (rl->suppressed != UINT32_MAX) {
			rl->suppressed++;
		}
		return false;
	}
	rl->printed++;
	*suppressed = rl->suppressed;
	rl->suppressed = 0;
	return true;
}
