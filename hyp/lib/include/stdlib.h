/* SPDX-License-Identifier: Apache-2.0 */
/* Nothing of stdlib is used; present so libfdt's includes resolve. */
#ifndef TESSERA_STDLIB_H
#define TESSERA_STDLIB_H
#include <stddef.h>
#endif
