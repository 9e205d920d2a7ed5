// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Retention analytics of a dropped file (see analyze.hpp).
#pragma once
