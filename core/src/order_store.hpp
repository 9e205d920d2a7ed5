// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The storage of the orders aggregator (orders_aggregator.hpp): per customer the latest purchase
// day, a day log of the earlier ones, and the orders and revenue per period.
//
// Memory grows with customers and their distinct purchase days, never with rows. Per customer the
// latest purchase day is kept inline (same-day orders summed into it); when a later day comes the
// earlier one goes to an append-only day log shared by all customers. So a row in date order, the
// usual export, touches its hash slot and its customer and writes at the log's end: no per-customer
// list to find and grow. Rows out of date order go to the log as they come and the customer is
// marked unsorted; the log is regrouped by customer (sorted and merged where needed) when it has
// doubled since the last time, so a file whose rows repeat keeps its memory bounded, and once at
// the end. Everything per period or per cohort is derived from the grouped days at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "aggregator.hpp"

namespace retention::analyze_detail {

// 12 bytes: the value's alignment is given up (unaligned loads cost nothing on x86 or wasm).
#pragma pack(push, 4)
struct DayEntry {
  Day day;
  double value;
};
static_assert(sizeof(DayEntry) == 12, "DayEntry is packed");

/// Per customer (20 bytes): the latest purchase day with its summed value; earlier days are in the
/// day log.
struct Customer {
  Day last_day = 0;
  double last_value = 0;
  std::uint32_t logged = 0;  // entries in the day log; kUnsorted set when one is not in order
  std::uint32_t orders = 0;  // 0 until the customer's first row is applied
};
#pragma pack(pop)
static_assert(sizeof(Customer) == 20, "Customer is packed");
constexpr std::uint32_t kUnsorted = 0x80000000u;

/// An earlier purchase day of a customer.
struct LogEntry {
  std::uint32_t customer;
  Day day;
  double value;
};

/// Items in fixed blocks (no reallocation of everything as it grows, and blocks can be freed as
/// they are consumed).
template <typename T, unsigned kBits>
class BlockVector {
 public:
  static constexpr std::size_t kBlock = std::size_t{1} << kBits;
  T& operator[](std::size_t i) noexcept { return blocks_[i >> kBits][i & (kBlock - 1)]; }
  /// Items [begin, end) as one array when they lie in one block, else null.
  const T* run(std::size_t begin, std::size_t end) const noexcept {
    if (begin == end) return nullptr;
    if ((begin >> kBits) != ((end - 1) >> kBits)) return nullptr;
    return blocks_[begin >> kBits].get() + (begin & (kBlock - 1));
  }
  std::size_t size() const noexcept { return size_; }
  /// False when the count would pass 2^31 (memory runs out first in practice).
  bool push_back(const T& item) {
    if ((size_ >> kBits) == blocks_.size()) {
      if (size_ >= (std::size_t{1} << 31)) return false;
      blocks_.emplace_back(new T[kBlock]);
    }
    (*this)[size_++] = item;
    return true;
  }
  /// Keeps the first `size` items (at most size()), freeing the blocks past them.
  void shrink(std::size_t size) {
    size_ = size;
    blocks_.resize((size + kBlock - 1) >> kBits);
  }
  /// Holds `size` items (at least size()), with room for them allocated.
  void resize(std::size_t size) {
    while (blocks_.size() < ((size + kBlock - 1) >> kBits)) blocks_.emplace_back(new T[kBlock]);
    size_ = size;
  }
  void clear() {
    std::vector<std::unique_ptr<T[]>>().swap(blocks_);
    size_ = 0;
  }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  std::size_t size_ = 0;
};

/// Orders and revenue per period, filled as rows come (the period of a day is known at once).
struct PeriodTotals {
  std::int32_t base = 0;
  std::vector<std::int64_t> orders;
  std::vector<double> revenue;
  /// False when the periods would span more than kMaxPeriods (reported at the end).
  bool add(std::int32_t p, std::uint32_t n, double value) {
    // Almost every row falls in a period already seen.
    const std::size_t at = static_cast<std::size_t>(static_cast<std::int64_t>(p) - base);
    if (p >= base && at < orders.size()) {
      orders[at] += n;
      revenue[at] += value;
      return true;
    }
    if (orders.empty()) base = p;
    if (p < base) {
      const std::size_t shift = static_cast<std::size_t>(base - p);
      if (orders.size() + shift > static_cast<std::size_t>(kMaxPeriods)) return false;
      orders.insert(orders.begin(), shift, 0);
      revenue.insert(revenue.begin(), shift, 0.0);
      base = p;
    }
    const std::size_t i = static_cast<std::size_t>(p - base);
    if (i >= orders.size()) {
      if (i >= static_cast<std::size_t>(kMaxPeriods)) return false;
      orders.resize(i + 1, 0);
      revenue.resize(i + 1, 0.0);
    }
    orders[i] += n;
    revenue[i] += value;
    return true;
  }
};

}  // namespace retention::analyze_detail
