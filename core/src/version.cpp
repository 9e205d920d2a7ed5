// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/version.hpp"

#ifndef RETENTION_VERSION
#error "RETENTION_VERSION is set by CMakeLists.txt from project(VERSION)"
#endif

namespace retention {

const char* version() noexcept {
  return RETENTION_VERSION;
}

}  // namespace retention
