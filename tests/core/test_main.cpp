// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
