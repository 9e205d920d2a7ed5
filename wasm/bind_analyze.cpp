// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The data drop (core/include/retention/analyze.hpp): a streamed AnalyzeSession and inspectJson.
// JSON text in and out; the file's bytes go in through a buffer the session owns, and the
// per-customer summary comes out as JS-owned typed arrays. retention.mjs drives both.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "retention/csv.hpp"
#include "retention/json_api.hpp"

namespace {

using emscripten::typed_memory_view;
using emscripten::val;

/// A JS-owned copy of a column: the view alone would dangle once the session is deleted and would
/// read as empty after memory growth.
template <typename T>
val copy_to_js(const T* data, std::size_t size) {
  return val(typed_memory_view(size, data)).template call<val>("slice");
}

/// AnalyzeSession as JS sees it. JS copies each chunk into buffer(size) with HEAPU8.set and then
/// calls feed(size): one copy per chunk, no malloc/free pair crossing the boundary, and a pointer
/// that JS cannot get wrong (feed never reads past the buffer).
class Session {
 public:
  Session(std::string options_json, std::string encoding) : session_(options_json, encoding) {}

  /// Address of a buffer of at least `size` bytes, valid until the next call on this session.
  /// May grow the wasm memory: JS must take HEAPU8 again after calling it.
  std::uintptr_t buffer(std::size_t size) {
    if (buffer_.size() < size) buffer_.resize(size);
    return reinterpret_cast<std::uintptr_t>(buffer_.data());
  }

  /// True when the first `size` bytes of the buffer are plain ASCII (JS then skips its own
  /// UTF-8 check of them: a wasm loop is several times faster than a JS one).
  bool ascii(std::size_t size) const {
    return retention::csv::is_ascii(
        std::string_view(buffer_.data(), std::min(size, buffer_.size())));
  }

  /// Feeds the first `size` bytes of the buffer.
  void feed(std::size_t size) {
    session_.feed(std::string_view(buffer_.data(), std::min(size, buffer_.size())));
  }

  /// `{"ok": Analysis}` or `{"error": {...}}`; frees the input buffer, which is no longer needed.
  std::string finish() {
    std::vector<char>().swap(buffer_);
    return session_.finish();
  }

  // uint64 does not cross embind in 3.1.6 without BigInt; counts stay far below 2^53.
  double bytes() const { return static_cast<double>(session_.bytes()); }
  double rows() const { return static_cast<double>(session_.rows()); }

  /// The per-customer summary after finish(): {count, idBytes, frequency, recency, T,
  /// monetaryValue, orders, revenue, idsHaveNul}. idBytes holds the ids in UTF-8, each followed by
  /// a NUL, so JS decodes them with one TextDecoder call and splits them when asked (far faster
  /// than 100k JS strings made here); when an id itself holds a NUL (idsHaveNul), JS asks ids().
  val customers() const {
    const retention::CustomerTable& c = session_.customers();
    const std::string& text = c.id.text();  // each id followed by a NUL already
    val out = val::object();
    out.set("count", val(static_cast<double>(c.id.size())));
    out.set("idsHaveNul", val(c.id.has_nul()));
    out.set("idBytes", copy_to_js(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
    for (const retention::json::NamedColumn& column : retention::json::customer_columns(c)) {
      if (column.values)
        out.set(column.name, copy_to_js(column.values->data(), column.values->size()));
      if (column.days) out.set(column.name, copy_to_js(column.days->data(), column.days->size()));
      if (column.offsets) {
        out.set(column.name, copy_to_js(column.offsets->data(), column.offsets->size()));
      }
    }
    return out;
  }

  /// The ids as a JS array of strings, one embind conversion each (the slow, exact path).
  val ids() const {
    val out = val::array();
    const retention::IdColumn& ids = session_.customers().id;
    for (std::size_t i = 0; i < ids.size(); ++i) out.call<void>("push", val(std::string(ids[i])));
    return out;
  }

 private:
  retention::json::AnalyzeSessionJson session_;
  std::vector<char> buffer_;
};

std::string inspect_json(std::string head, std::string options_json, std::string encoding) {
  return retention::json::inspect(head, options_json, encoding);
}

std::string check_analyze_options(std::string options_json) {
  return retention::json::check_analyze_options(options_json);
}

}  // namespace

EMSCRIPTEN_BINDINGS(retention_analyze) {
  emscripten::class_<Session>("AnalyzeSession")
      .constructor<std::string, std::string>()
      .function("buffer", &Session::buffer)
      .function("feed", &Session::feed)
      .function("finish", &Session::finish)
      .function("bytes", &Session::bytes)
      .function("rows", &Session::rows)
      .function("customers", &Session::customers)
      .function("ascii", &Session::ascii)
      .function("ids", &Session::ids);
  // std::string parameters accept a Uint8Array from JS: the head's bytes arrive unchanged.
  emscripten::function("inspectJson", &inspect_json);
  emscripten::function("checkAnalyzeOptions", &check_analyze_options);
}
