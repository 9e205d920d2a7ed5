// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/customers.hpp"

#include <algorithm>

namespace retention {

bool IdColumn::push_back(std::string_view id) {
  if (text_.size() + id.size() + 1 > std::size_t{0xFFFFFFFFu}) return false;
  text_.append(id.data(), id.size());
  text_.push_back('\0');
  ends_.push_back(static_cast<std::uint32_t>(text_.size()));
  return true;
}

bool IdColumn::has_nul() const noexcept {
  return static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\0')) != size();
}

std::vector<std::string> IdColumn::strings() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
  return out;
}

}  // namespace retention
