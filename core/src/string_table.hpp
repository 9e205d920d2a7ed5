// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Interning of customer ids and segments: each distinct string gets a dense index. The strings
// live end to end in one arena (each followed by a NUL, as IdColumn keeps them) and the table is
// open addressing over 16-byte slots, so a row costs one hash and usually one comparison, and no
// allocation per row (a std::unordered_map of std::string would allocate for every new key and
// chase pointers on every lookup).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "retention/customers.hpp"

namespace retention::analyze_detail {

/// The first `n` (< 8) bytes at `p` as a little-endian word, as memcpy into a zeroed word would
/// give on a little-endian machine: a variable-length memcpy is a call in WebAssembly, and ids are
/// mostly shorter than 8 bytes.
inline std::uint64_t load_tail(const char* p, std::size_t n) noexcept {
  std::uint64_t w = 0;
  for (std::size_t i = 0; i < n; ++i) {
    w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return w;
}

/// True on little-endian machines (x86, ARM as used, WebAssembly), where the first bytes of a
/// string loaded as a word are its low bytes.
inline constexpr bool kLittleEndian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

/// The first bytes of a string of `n` >= 1 bytes at `p` as the hash and the table read them: its
/// first 8 bytes as they lie in memory when n >= 8, else load_tail(p, n). `end`: where the
/// readable bytes around `p` end; with 8 of them at hand (on little-endian machines) one 8-byte
/// load and a mask replace load_tail's byte loop.
inline std::uint64_t load_short(const char* p, std::size_t n, const char* end) noexcept {
  std::uint64_t w;
  if (n >= 8) {
    std::memcpy(&w, p, 8);
    return w;
  }
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  const auto stop = reinterpret_cast<std::uintptr_t>(end);
  if (kLittleEndian && stop >= at && stop - at >= 8) {
    std::memcpy(&w, p, 8);
    return w & ((std::uint64_t{1} << (8 * n)) - 1);
  }
  return load_tail(p, n);
}

/// fmix64 of MurmurHash3: every input bit reaches the low bits used to pick the slot.
inline std::uint64_t hash_final(std::uint64_t h) noexcept {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

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
    h = (h ^ load_tail(p, n)) * kMul;
    h ^= h >> 29;
  }
  return hash_final(h);
}

/// hash_bytes of a string of `n` (1..8) bytes whose bytes are `word` (load_short).
inline std::uint64_t hash_word(std::uint64_t word, std::size_t n) noexcept {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x6A09E667F3BCC909ull ^ (n * kMul);
  h = (h ^ word) * kMul;
  h ^= h >> 29;
  return hash_final(h);
}

/// A growable byte buffer written through raw pointers: std::string's append costs a capacity and
/// short-string check and a memcpy call per id in wasm, for a few bytes each.
class ByteArena {
 public:
  /// Room for `n` more bytes plus 8 of slack (so an 8-byte store at the end stays inside), at
  /// data() + size(); size() is unchanged.
  char* reserve_more(std::size_t n) {
    if (size_ + n + 8 > capacity_) {
      const std::size_t capacity = std::max(size_ + n + 8, 2 * capacity_ + 64);
      std::unique_ptr<char[]> data(new char[capacity]);
      if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
      data_ = std::move(data);
      capacity_ = capacity;
    }
    return data_.get() + size_;
  }
  void commit(std::size_t n) noexcept { size_ += n; }
  const char* data() const noexcept { return data_.get(); }
  std::size_t size() const noexcept { return size_; }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

/// Distinct strings, each with a dense index in order of first insertion.
class StringTable {
 public:
  static constexpr std::uint32_t kFull = std::numeric_limits<std::uint32_t>::max();

  StringTable() : slots_(16), mask_(15) { offsets_.push_back(0); }

  /// The index of `s`, inserting it when new (`inserted` says which). kFull when the arena would
  /// pass 4 GiB or the count 2^32 - 2 (never in practice: memory runs out first).
  std::uint32_t intern(std::string_view s, bool& inserted) {
    return intern_hashed(s, hash(s), inserted);
  }

  /// The hash of `s` as intern_hashed wants it.
  static std::uint64_t hash(std::string_view s) noexcept { return hash_bytes(s); }
  /// Asks the CPU to load the slot a key of this hash starts probing at.
  void prefetch(std::uint64_t h) const noexcept {
    __builtin_prefetch(&slots_[static_cast<std::uint32_t>(h) & mask_]);
  }
  /// Loads that slot and returns a word of it: WebAssembly has no prefetch (the builtin compiles
  /// to nothing), but independent loads issued back to back overlap their cache misses just the
  /// same; the caller keeps the word so the load is not optimised away.
  std::uint32_t touch(std::uint64_t h) const noexcept {
    return slots_[static_cast<std::uint32_t>(h) & mask_].tag;
  }

  /// intern() with the hash already computed; `word`: the first bytes of `s` (load_short) when
  /// the caller has them, else null.
  std::uint32_t intern_hashed(std::string_view s, std::uint64_t h, bool& inserted,
                              const std::uint64_t* word = nullptr) {
    inserted = false;
    const Key k = word ? key_of_word(s.size(), h, *word) : key(s, h);
    std::size_t slot = k.hash & mask_;
    while (true) {
      const Slot& e = slots_[slot];
      if (e.index == 0) break;
      if (matches(e, k, s)) return e.index - 1;
      slot = (slot + 1) & mask_;
    }
    if (arena_.size() + s.size() + 1 > kFull - 1 || size() >= kFull - 2) return kFull;
    const std::uint32_t index = static_cast<std::uint32_t>(size());
    char* out = arena_.reserve_more(s.size() + 1);
    if (word && kLittleEndian && s.size() <= 8) {
      std::memcpy(out, word, 8);  // one store; the bytes past the id are overwritten later
    } else if (!s.empty()) {
      std::memcpy(out, s.data(), s.size());
    }
    out[s.size()] = '\0';
    arena_.commit(s.size() + 1);
    offsets_.push_back(static_cast<std::uint32_t>(arena_.size()));
    slots_[slot] = Slot{index + 1, k.tag, k.inline_bytes};
    inserted = true;
    // Load factor at most 0.7: linear probes stay short.
    if (size() * 10 > slots_.size() * 7) grow();
    return index;
  }

  /// The index of `s`, or kFull when absent.
  std::uint32_t find(std::string_view s) const noexcept {
    const Key k = key(s);
    std::size_t slot = k.hash & mask_;
    while (true) {
      const Slot& e = slots_[slot];
      if (e.index == 0) return kFull;
      if (matches(e, k, s)) return e.index - 1;
      slot = (slot + 1) & mask_;
    }
  }

  std::string_view at(std::uint32_t index) const noexcept {
    return std::string_view(arena_.data() + offsets_[index],
                            offsets_[index + 1] - offsets_[index] - 1);
  }
  /// The strings in index order as an IdColumn (the text copied once, the bounds moved); the
  /// table is empty afterwards.
  IdColumn take() {
    IdColumn out(arena_.size() > 0 ? std::string(arena_.data(), arena_.size()) : std::string(),
                 std::move(offsets_));
    *this = StringTable();
    return out;
  }
  std::size_t size() const noexcept { return offsets_.size() - 1; }
  /// Frees the hash index; at() still works, intern() and find() must not be called again.
  void drop_index() {
    std::vector<Slot>().swap(slots_);
    mask_ = 0;
  }

 private:
  // A slot holds the hash's low 32 bits (the slot position comes from them, so growing never
  // rehashes a string) and keys of up to 7 bytes themselves with their length: a lookup of a
  // short id touches one cache line and never the arena.
  struct Slot {
    std::uint32_t index = 0;  // entry index + 1, 0 = empty
    std::uint32_t tag = 0;    // low 32 bits of the hash
    std::uint64_t inline_bytes = 0;
  };
  struct Key {
    std::size_t hash;
    std::uint32_t tag;
    std::uint64_t inline_bytes;
  };

  static Key key(std::string_view s) noexcept { return key(s, hash_bytes(s)); }
  static Key key(std::string_view s, std::uint64_t h) noexcept {
    Key k;
    k.tag = static_cast<std::uint32_t>(h);
    k.hash = k.tag;
    k.inline_bytes = 0;
    if (s.size() <= 7) {
      k.inline_bytes = load_tail(s.data(), s.size());
      k.inline_bytes |= static_cast<std::uint64_t>(s.size() + 1) << 56;
    }
    return k;
  }

  static Key key_of_word(std::size_t n, std::uint64_t h, std::uint64_t word) noexcept {
    Key k;
    k.tag = static_cast<std::uint32_t>(h);
    k.hash = k.tag;
    k.inline_bytes = n <= 7 ? word | (static_cast<std::uint64_t>(n + 1) << 56) : 0;
    return k;
  }

  bool matches(const Slot& e, const Key& k, std::string_view s) const noexcept {
    if (e.tag != k.tag || e.inline_bytes != k.inline_bytes) return false;
    return k.inline_bytes != 0 || at(e.index - 1) == s;
  }

  void grow() {
    std::vector<Slot> slots(slots_.size() * 2);
    const std::size_t mask = slots.size() - 1;
    for (const Slot& e : slots_) {
      if (e.index == 0) continue;
      std::size_t slot = e.tag & mask;
      while (slots[slot].index != 0) slot = (slot + 1) & mask;
      slots[slot] = e;
    }
    slots_.swap(slots);
    mask_ = mask;
  }

  ByteArena arena_;
  std::vector<std::uint32_t> offsets_;  // size() + 1 entries
  std::vector<Slot> slots_;
  std::size_t mask_;
};

}  // namespace retention::analyze_detail
