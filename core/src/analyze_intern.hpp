// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Interning of customer ids and segments: each distinct string gets a dense index. The strings
// live end to end in one arena and the table is open addressing over 32-bit slots, so a row costs
// one hash and usually one comparison, and no allocation per row (a std::unordered_map of
// std::string would allocate for every new key and chase pointers on every lookup).
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace retention::analyze_detail {

/// 64-bit hash of a byte string, 8 bytes at a time (a multiply-xorshift mix, not cryptographic).
inline std::uint64_t hash_bytes(std::string_view s) noexcept {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x6A09E667F3BCC909ull ^ (s.size() * kMul);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  // fmix64 of MurmurHash3: every input bit reaches the low bits used to pick the slot.
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

/// Distinct strings, each with a dense index in order of first insertion.
class StringTable {
 public:
  static constexpr std::uint32_t kFull = std::numeric_limits<std::uint32_t>::max();

  StringTable() : slots_(16, 0), mask_(15) { offsets_.push_back(0); }

  /// The index of `s`, inserting it when new (`inserted` says which). kFull when the arena would
  /// pass 4 GiB or the count 2^32 - 2 (never in practice: memory runs out first).
  std::uint32_t intern(std::string_view s, bool& inserted) {
    inserted = false;
    const std::uint64_t h = hash_bytes(s);
    const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t slot = static_cast<std::size_t>(h) & mask_;
    while (true) {
      const std::uint32_t entry = slots_[slot];
      if (entry == 0) break;
      const std::uint32_t index = entry - 1;
      if (tags_[index] == tag && at(index) == s) return index;
      slot = (slot + 1) & mask_;
    }
    if (arena_.size() + s.size() > kFull - 1 || size() >= kFull - 2) return kFull;
    const std::uint32_t index = static_cast<std::uint32_t>(size());
    arena_.append(s.data(), s.size());
    offsets_.push_back(static_cast<std::uint32_t>(arena_.size()));
    tags_.push_back(tag);
    slots_[slot] = index + 1;
    inserted = true;
    // Load factor at most 1/2: probes stay short.
    if (size() * 2 > slots_.size()) grow();
    return index;
  }

  /// The index of `s`, or kFull when absent.
  std::uint32_t find(std::string_view s) const noexcept {
    const std::uint64_t h = hash_bytes(s);
    const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t slot = static_cast<std::size_t>(h) & mask_;
    while (true) {
      const std::uint32_t entry = slots_[slot];
      if (entry == 0) return kFull;
      if (tags_[entry - 1] == tag && at(entry - 1) == s) return entry - 1;
      slot = (slot + 1) & mask_;
    }
  }

  std::string_view at(std::uint32_t index) const noexcept {
    return std::string_view(arena_).substr(offsets_[index], offsets_[index + 1] - offsets_[index]);
  }
  std::size_t size() const noexcept { return tags_.size(); }

 private:
  void grow() {
    std::vector<std::uint32_t> slots(slots_.size() * 2, 0);
    const std::size_t mask = slots.size() - 1;
    for (std::uint32_t i = 0; i < size(); ++i) {
      std::size_t slot = static_cast<std::size_t>(hash_bytes(at(i))) & mask;
      while (slots[slot] != 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    slots_.swap(slots);
    mask_ = mask;
  }

  std::string arena_;
  std::vector<std::uint32_t> offsets_;  // size() + 1 entries
  std::vector<std::uint32_t> tags_;     // high hash bits per entry: most mismatches skip memcmp
  std::vector<std::uint32_t> slots_;    // entry index + 1, 0 = empty
  std::size_t mask_;
};

}  // namespace retention::analyze_detail
