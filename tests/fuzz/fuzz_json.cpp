// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// libFuzzer target for the adaptors' JSON document (core/src/json_value.hpp), differential against
// nlohmann_json: the same inputs refused (nesting beyond Json::kMaxDepth aside), the same text
// written for every input both read, and a written text reads back to itself.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "json_value.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<retention::Json> ours = retention::Json::parse(text);
  // nlohmann_json ends its input at a NUL byte ("{}\0x" is "{}"); here it is a character RFC 8259
  // refuses outside a string. JSON.stringify never writes one.
  if (text.find('\0') != std::string_view::npos) return 0;
  const nlohmann::json ref = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (!ours) {
    if (ref.is_discarded()) return 0;
    // Refused only for its depth: count the brackets open at once.
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
      if (in_string) {
        escaped = !escaped && c == '\\';
        if (c == '"' && !escaped) in_string = false;
        continue;
      }
      if (c == '"') in_string = true;
      if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
      if (c == ']' || c == '}') --depth;
    }
    FUZZ_CHECK(deepest > retention::Json::kMaxDepth);
    return 0;
  }
  FUZZ_CHECK(!ref.is_discarded());
  const std::string written = ours->dump();
  FUZZ_CHECK(written == ref.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  const std::optional<retention::Json> again = retention::Json::parse(written);
  FUZZ_CHECK(again && again->dump() == written);
  return 0;
}
