// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// libFuzzer target for the CSV reader and the field parsers (scripts/fuzz.sh builds and runs it).
// The first input byte picks the options (delimiter, record limit, chunking); the rest is the
// file. Checked beyond "no crash, no out-of-bounds read" (ASan/UBSan): records are identical
// whatever the chunking, line numbers grow, too_long records are empty, every field's bytes are
// readable, parsed dates and amounts are finite and round-trip, quote_field reads back.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "retention/csv.hpp"
#include "retention/parse.hpp"

namespace {

using namespace retention;

struct Rec {
  std::uint64_t line;
  std::uint64_t line_end;
  std::vector<std::string> fields;
  std::string raw;
  csv::RecordIssue issue;
  bool operator==(const Rec& o) const {
    return line == o.line && line_end == o.line_end && fields == o.fields && raw == o.raw &&
           issue == o.issue;
  }
};

struct Sink : csv::RecordSink {
  std::size_t max_record_bytes = 0;
  bool parse = false;
  std::vector<Rec> records;
  std::uint64_t last_line_end = 0;
  unsigned checksum = 0;

  void on_record(const csv::Record& r) override {
    FUZZ_CHECK(r.line >= 1 && r.line_end >= r.line);
    FUZZ_CHECK(r.line > last_line_end);
    last_line_end = r.line_end;
    FUZZ_CHECK(r.raw.size() <= max_record_bytes);
    if (r.issue == csv::RecordIssue::too_long) FUZZ_CHECK(r.size == 0 && r.raw.empty());
    if (r.issue != csv::RecordIssue::too_long) FUZZ_CHECK(r.size >= 1);
    FUZZ_CHECK(r.size <= max_record_bytes / 32);
    Rec rec{r.line, r.line_end, {}, std::string(r.raw), r.issue};
    for (std::size_t i = 0; i < r.size; ++i) {
      const std::string_view f = r.fields[i];
      // A field is never longer than its record; touching every byte lets ASan check the view.
      FUZZ_CHECK(f.size() <= r.raw.size());
      for (const char c : f) checksum += static_cast<unsigned char>(c);
      rec.fields.emplace_back(f);
      if (parse) check_parsers(f);
    }
    records.push_back(std::move(rec));
  }

  static void check_parsers(std::string_view f) {
    for (const DateOrder order : {DateOrder::automatic, DateOrder::dmy, DateOrder::mdy}) {
      for (const bool serial : {false, true}) {
        const auto d = parse_date(f, order, serial);
        if (!d) continue;
        const CivilDate c = civil_from_days(*d);
        FUZZ_CHECK(c.year >= 1000 && c.year <= 9999);
        FUZZ_CHECK(parse_date(iso_date(*d), DateOrder::automatic, false) == d);
        for (const Bucket b :
             {Bucket::day, Bucket::week, Bucket::month, Bucket::quarter, Bucket::year}) {
          const auto i = bucket_index(*d, b);
          FUZZ_CHECK(bucket_start(i, b) <= *d && *d < bucket_start(i + 1, b));
          FUZZ_CHECK(!bucket_label(i, b).empty());
        }
      }
    }
    DateEvidence dates;
    dates.add(f);
    FUZZ_CHECK(dates.total() == 1);
    (void)dates.decide();
    for (const char decimal : {'.', ','}) {
      if (const auto a = parse_amount(f, decimal)) FUZZ_CHECK(std::isfinite(*a));
    }
    if (const auto n = parse_number(f)) {
      FUZZ_CHECK(std::isfinite(*n));
      // A plain number is also an amount, with the same value.
      const auto a = parse_amount(f, '.');
      if (a) FUZZ_CHECK(*a == *n);
    }
    DecimalEvidence decimals;
    decimals.add(f);
    FUZZ_CHECK(decimals.dot + decimals.comma + decimals.plain <= 1);
  }
};

std::vector<Rec> read(std::string_view data, const csv::ReaderOptions& options, std::uint32_t seed,
                      bool chunked, bool parse) {
  csv::Reader reader(options);
  Sink sink;
  sink.max_record_bytes = options.max_record_bytes < 64 ? 64 : options.max_record_bytes;
  sink.parse = parse;
  std::string buffer;
  std::size_t at = 0;
  while (at < data.size()) {
    std::size_t n = data.size() - at;
    if (chunked) {
      seed = seed * 1103515245u + 12345u;
      // Mostly tiny chunks (edges everywhere), sometimes bigger ones, sometimes empty.
      const std::uint32_t r = (seed >> 16) & 0x7FFF;
      const std::size_t want = (r & 3) == 0 ? (r >> 2) % 512 : (r >> 2) % 5;
      n = want < n ? want : n;
    }
    buffer.assign(data.substr(at, n));
    reader.feed(buffer, sink);
    buffer.assign(buffer.size(), '#');  // a reader keeping views into old chunks would show
    at += n;
  }
  reader.finish(sink);
  FUZZ_CHECK(reader.bytes() == data.size());
  FUZZ_CHECK(reader.records() == sink.records.size());
  return sink.records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t control = bytes[0];
  const std::string_view data(reinterpret_cast<const char*>(bytes) + 1, size - 1);

  const csv::Dialect sniffed = csv::sniff(data);
  FUZZ_CHECK(sniffed.delimiter == ',' || sniffed.delimiter == ';' || sniffed.delimiter == '\t' ||
             sniffed.delimiter == '|' || sniffed.delimiter == ' ');
  (void)csv::valid_utf8(data);

  static constexpr char kDelimiters[] = {0, ',', ';', '\t', '|', ' ', '"', '\n'};
  csv::ReaderOptions options;
  options.dialect.delimiter = (control & 7) ? kDelimiters[control & 7] : sniffed.delimiter;
  // Small limits make too_long and the quote cap reachable with short inputs.
  if (control & 8) options.max_record_bytes = 16 + (control >> 4) * 8;

  const auto whole = read(data, options, control, false, true);
  const auto chunked = read(data, options, control * 2654435761u, true, false);
  FUZZ_CHECK(whole == chunked);

  // What quote_field writes reads back as the same field (for the first fields only).
  if (options.dialect.delimiter == ',' && !whole.empty()) {
    const auto& fields = whole.front().fields;
    for (std::size_t i = 0; i < fields.size() && i < 4; ++i) {
      const std::string& f = fields[i];
      if (f.empty() || f.rfind("\xEF\xBB\xBF", 0) == 0) continue;  // blank line; BOM at start
      csv::ReaderOptions plain;
      const auto back = read(csv::quote_field(f) + "\n", plain, 0, false, false);
      FUZZ_CHECK(back.size() == 1 && back[0].fields.size() == 1 && back[0].fields[0] == f);
    }
  }
  return 0;
}
