// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The fuzz targets' check: a failed property aborts, which libFuzzer reports as a crash.
#pragma once

#include <cstdlib>

#define FUZZ_CHECK(cond)                                                          \
  do {                                                                            \
    if (!(cond)) {                                                                \
      __builtin_fprintf(stderr, "check failed: %s (line %d)\n", #cond, __LINE__); \
      std::abort();                                                               \
    }                                                                             \
  } while (0)
