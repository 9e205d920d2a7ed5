// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#pragma once

#include <string>
#include <utility>

#include "retention/messages.hpp"

namespace retention {

/// Error codes shared by every function of the core and by the JS API (`RetentionError.code`).
enum class ErrorCode {
  invalid_input,  ///< missing, non-numeric, non-finite or non-integer where a whole number is
                  ///< needed
  out_of_range,   ///< a number outside its documented range (negative count, rate above 1...)
  inconsistent,   ///< each value is fine alone but together they contradict (N > E, E - N > S)
  unbounded,      ///< the result has no finite value (CLV with zero churn)
};

/// The stable string of an error code, as it crosses to JS: "invalid_input", "out_of_range"...
const char* to_string(ErrorCode code) noexcept;

/// What went wrong, and with which input. `field` is the camelCase name used by the JS API
/// (`"acquired"`, `"scores[3]"`), empty when no single field is to blame. The sentence is the
/// catalogue's message `message_id` with `params` (messages.hpp), which always include `field`;
/// `message` is that sentence in English.
struct Error {
  ErrorCode code = ErrorCode::invalid_input;
  std::string field;
  std::string message;
  MessageId message_id = MessageId::required;
  MessageParams params;

  // Out of line: an Error is built and dropped on many paths, and its parameters' vector would
  // otherwise be copied and destroyed inline at every one of them (code size of the widget).
  Error();
  ~Error();
  Error(const Error&);
  Error(Error&&) noexcept;
  Error& operator=(const Error&);
  Error& operator=(Error&&) noexcept;

  /// The same error naming another field (the caller's name for it): field, its parameter and
  /// the English sentence change together.
  Error renamed(std::string new_field) const;
};

/// Either a value or an Error; the core never throws.
template <typename T>
class Result {
 public:
  Result(T value) : ok_(true), value_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Error error) : ok_(false), error_(std::move(error)) {}  // NOLINT: implicit by design

  /// True when a value is held.
  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  /// The value; only when ok().
  const T& value() const& noexcept { return value_; }
  T& value() & noexcept { return value_; }
  const T* operator->() const noexcept { return &value_; }
  /// The error; only when !ok().
  const Error& error() const noexcept { return error_; }

 private:
  bool ok_;
  T value_{};
  Error error_{};
};

/// Builds an Error: message `id` of the catalogue with `params`; `field` is added to them.
Error make_error(ErrorCode code, std::string field, MessageId id, MessageParams params = {});

}  // namespace retention
