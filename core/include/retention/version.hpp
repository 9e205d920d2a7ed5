// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#pragma once

namespace retention {

/// The library version, "major.minor.patch", as in CMakeLists.txt's project().
const char* version() noexcept;

}  // namespace retention
