// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/csv.hpp"

#include <algorithm>
#include <cstring>

namespace retention::csv {

namespace {

// Bound::kind values.
constexpr std::uint8_t kPlain = 0;  // the bytes as they are
constexpr std::uint8_t kSimpleQuoted =
    1;                                // "..." with nothing to undo: the bytes inside the quotes
constexpr std::uint8_t kEscaped = 2;  // doubled quotes, text after the closing quote, or unclosed

// stop_ bits.
constexpr unsigned char kStopUnquoted = 1;
constexpr unsigned char kStopQuoted = 2;

/// Buffers above this are released after use, so one huge record does not pin its memory.
constexpr std::size_t kKeepCapacity = std::size_t{1} << 20;

/// Appends the value of a field that starts with a quote: "" inside quotes is one quote; after
/// the closing quote the bytes are taken as they are (lenient, like the scanner); an unclosed
/// field runs to its end.
void unescape(std::string_view field, std::string& out) {
  bool in_quotes = true;
  for (std::size_t i = 1; i < field.size(); ++i) {
    const char c = field[i];
    if (in_quotes && c == '"') {
      if (i + 1 < field.size() && field[i + 1] == '"') {
        out.push_back('"');
        ++i;
      } else {
        in_quotes = false;
      }
    } else {
      out.push_back(c);
    }
  }
}

template <typename T>
void release_if_big(T& buffer) {
  if (buffer.capacity() > kKeepCapacity) T().swap(buffer);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Reader

Reader::Reader(ReaderOptions options) : options_(options) {
  char d = options_.dialect.delimiter;
  if (d == '"' || d == '\n' || d == '\r') d = ',';
  delimiter_ = d;
  space_ = d == ' ';
  options_.max_record_bytes = std::max<std::size_t>(options_.max_record_bytes, 64);
  max_fields_ = options_.max_record_bytes / 32;
  quote_cap_ = 2 * static_cast<std::uint64_t>(options_.max_record_bytes);
  stop_[static_cast<unsigned char>('\n')] = kStopUnquoted | kStopQuoted;
  stop_[static_cast<unsigned char>('\r')] = kStopUnquoted | kStopQuoted;
  stop_[static_cast<unsigned char>('"')] |= kStopQuoted;
  if (space_) {
    stop_[static_cast<unsigned char>(' ')] |= kStopUnquoted;
    stop_[static_cast<unsigned char>('\t')] |= kStopUnquoted;
  } else {
    stop_[static_cast<unsigned char>(d)] |= kStopUnquoted;
  }
  for (const char c : {d, '\n', '\r', '"'}) plain_stop_[static_cast<unsigned char>(c)] = 1;
}

void Reader::feed(std::string_view chunk, RecordSink& sink) {
  bytes_ += chunk.size();
  if (at_start_ && !chunk.empty()) {
    // A UTF-8 BOM may arrive split over chunks: hold back a matching prefix until it is decided.
    static constexpr unsigned char kBom[3] = {0xEF, 0xBB, 0xBF};
    while (head_size_ < 3 && !chunk.empty() &&
           static_cast<unsigned char>(chunk[0]) == kBom[head_size_]) {
      head_[head_size_++] = static_cast<unsigned char>(chunk[0]);
      chunk.remove_prefix(1);
    }
    if (head_size_ < 3 && chunk.empty()) return;  // still undecided
    at_start_ = false;
    if (head_size_ < 3 && head_size_ > 0) {
      scan(reinterpret_cast<const char*>(head_), head_size_, sink);  // not a BOM after all
    }
  }
  if (!chunk.empty()) scan(chunk.data(), chunk.size(), sink);
}

// push_field, emit and end_record run once per field or record of scan() below, their only hot
// caller: inlined there, the reader runs about 20% faster in wasm (75 -> 60 ms on 26 MB).
[[gnu::always_inline]] inline void Reader::push_field(std::uint64_t end_abs) {
  if (skipping_) return;
  if (bounds_.size() >= max_fields_) {
    start_skipping();
    return;
  }
  std::uint8_t kind = kPlain;
  if (quoted_) {
    const bool closed_at_end = state_ == State::unquoted && close_abs_ == end_abs;
    kind = (!escaped_ && closed_at_end) ? kSimpleQuoted : kEscaped;
  }
  bounds_.push_back(Bound{static_cast<std::size_t>(field_abs_ - record_abs_),
                          static_cast<std::size_t>(end_abs - record_abs_), kind});
}

void Reader::abandon_quote(std::uint64_t at_abs) {
  start_skipping();
  close_abs_ = at_abs;
  state_ = State::unquoted;
}

void Reader::start_skipping() {
  skipping_ = true;
  bounds_.clear();
  pending_.clear();
  release_if_big(pending_);
  release_if_big(bounds_);
}

[[gnu::always_inline]] inline void Reader::emit(std::string_view raw, std::uint64_t end_abs,
                                                RecordIssue issue, RecordSink& sink) {
  Record record;
  record.line = record_line_;
  record.line_end = line_;
  if (skipping_ || end_abs - record_abs_ > options_.max_record_bytes) {
    record.issue = RecordIssue::too_long;
  } else if (bounds_.empty()) {
    // Only possible in the ' ' dialect: a line of spaces is as blank as an empty one.
    ++blank_lines_;
    return;
  } else {
    record.issue = issue;
    record.raw = raw;
    fields_.resize(bounds_.size());
    bool reserved = false;
    for (std::size_t i = 0; i < bounds_.size(); ++i) {
      const Bound& b = bounds_[i];
      switch (b.kind) {
        case kPlain:
          fields_[i] = raw.substr(b.begin, b.end - b.begin);
          break;
        case kSimpleQuoted:
          fields_[i] = raw.substr(b.begin + 1, b.end - b.begin - 2);
          break;
        default: {
          // Reserve once for the whole record, so earlier views into unquoted_ stay valid.
          if (!reserved) {
            unquoted_.clear();
            unquoted_.reserve(raw.size());
            reserved = true;
          }
          const std::size_t start = unquoted_.size();
          unescape(raw.substr(b.begin, b.end - b.begin), unquoted_);
          fields_[i] = std::string_view(unquoted_).substr(start);
          break;
        }
      }
    }
    record.fields = fields_.data();
    record.size = fields_.size();
  }
  ++records_;
  sink.on_record(record);
  release_if_big(unquoted_);
}

[[gnu::always_inline]] inline void Reader::end_record(const char* data, std::size_t pos,
                                                      std::uint64_t base, RecordSink& sink) {
  const std::uint64_t end_abs = base + pos;
  if (record_abs_ < base) {
    // The record began in an earlier chunk: complete its copy.
    if (!skipping_) pending_.append(data, pos);
    emit(pending_, end_abs, RecordIssue::none, sink);
    pending_.clear();
    release_if_big(pending_);
  } else {
    const auto start = static_cast<std::size_t>(record_abs_ - base);
    emit(std::string_view(data + start, pos - start), end_abs, RecordIssue::none, sink);
  }
  bounds_.clear();
  release_if_big(bounds_);
  skipping_ = false;
  state_ = State::record_start;
}

// Most records of real exports are plain lines: no quote anywhere and no CR but the one of a CRLF.
// For them the fields are simply the bytes between delimiters, so a tight loop splits them with
// none of the state machine's per-byte and per-field bookkeeping (about 3x faster in wasm). It
// stops before the first line that is not plain, is not complete in the chunk or is too long, and
// scan() reads that one byte by byte: both give the same records.
std::size_t Reader::plain_lines(const char* data, std::size_t p, std::size_t size,
                                RecordSink& sink) {
  // More fields than this go the slow way (a wide export is still correct, just not faster).
  constexpr std::size_t kFields = 256;
  const std::size_t max_fields = std::min(max_fields_, kFields);
  if (fields_.size() < max_fields) fields_.resize(max_fields);
  std::string_view* const fields = fields_.data();
  const unsigned char* const u = reinterpret_cast<const unsigned char*>(data);
  const unsigned char* const stop = plain_stop_;
  const unsigned char delimiter = static_cast<unsigned char>(delimiter_);
  const std::size_t max_bytes = options_.max_record_bytes;
  while (p < size) {
    const std::size_t start = p;
    if (u[p] == '\n' || u[p] == '\r') {
      // A blank line (the previous line's end was taken whole, CRLF included).
      if (u[p] == '\n') {
        ++p;
      } else if (p + 1 < size && u[p + 1] == '\n') {
        p += 2;
      } else {
        return start;  // a lone CR, or a CR whose LF may be in the next chunk
      }
      ++line_;
      ++blank_lines_;
      continue;
    }
    std::size_t n = 0;
    std::size_t field = p;
    unsigned high = 0;
    std::size_t end;
    for (;;) {
      while (p < size && !stop[u[p]]) high |= u[p++];
      if (p == size) return start;
      const unsigned char c = u[p];
      if (c == delimiter) {
        if (n + 1 >= max_fields) return start;
        fields[n++] = std::string_view(data + field, p - field);
        field = ++p;
        continue;
      }
      if (c == '\n') {
        end = p + 1;
        break;
      }
      if (c == '\r' && p + 1 < size && u[p + 1] == '\n') {
        end = p + 2;
        break;
      }
      return start;  // a quote, or a CR that is not part of a CRLF
    }
    if (p - start > max_bytes) return start;
    fields[n++] = std::string_view(data + field, p - field);
    Record record;
    record.line = line_;
    record.line_end = line_;
    record.fields = fields;
    record.size = n;
    record.raw = std::string_view(data + start, p - start);
    record.ascii = high < 0x80;
    ++records_;
    ++line_;
    p = end;
    sink.on_record(record);
  }
  return p;
}

void Reader::scan(const char* data, std::size_t size, RecordSink& sink) {
  const std::uint64_t base = scanned_;
  const unsigned char* const u = reinterpret_cast<const unsigned char*>(data);
  const unsigned char* const stop = stop_;
  // Whether the byte before data[p] is CR (it may be the last byte of the previous chunk).
  const auto cr_before = [&](std::size_t p) { return p > 0 ? data[p - 1] == '\r' : cr_before_; };
  std::size_t p = 0;
  while (p < size) {
    switch (state_) {
      case State::record_start: {
        const char c = data[p];
        if (c == '\n' || c == '\r') {
          // A blank line, or the LF of a CRLF whose CR ended the previous line.
          if (!(c == '\n' && cr_before(p))) {
            ++line_;
            ++blank_lines_;
          }
          ++p;
          continue;
        }
        if (!space_ && records_ >= plain_retry_at_) {
          const std::size_t q = plain_lines(data, p, size, sink);
          if (q != p) {
            plain_misses_ = 0;
            p = q;
            continue;
          }
          // Not a plain line: try again after a few records, later and later while it keeps
          // failing (a file quoting every field), so the attempts cost nothing measurable.
          plain_retry_at_ = records_ + (std::uint64_t{8} << std::min(plain_misses_++, 10u));
        }
        record_abs_ = base + p;
        record_line_ = line_;
        state_ = State::field_start;
        [[fallthrough]];
      }
      case State::field_start: {
        if (space_) {
          while (p < size && (data[p] == ' ' || data[p] == '\t')) ++p;
          if (p == size) continue;
        }
        const char c = data[p];
        field_abs_ = base + p;
        quoted_ = false;
        if (c == '"') {
          quoted_ = true;
          escaped_ = false;
          state_ = State::quoted;
          ++p;
          continue;
        }
        if (c == '\n' || c == '\r') {
          // After a delimiter: the empty last field is kept (a trailing delimiter). In the ' '
          // dialect trailing spaces are not a field.
          if (!space_) push_field(base + p);
          end_record(data, p, base, sink);
          ++line_;
          ++p;
          continue;
        }
        if (c == delimiter_) {
          push_field(base + p);
          ++p;
          continue;
        }
        state_ = State::unquoted;
        [[fallthrough]];
      }
      case State::unquoted: {
        while (p < size && !(stop[u[p]] & kStopUnquoted)) ++p;
        if (p == size) continue;
        push_field(base + p);
        const char c = data[p];
        if (c == '\n' || c == '\r') {
          end_record(data, p, base, sink);
          ++line_;
        } else {
          state_ = State::field_start;
        }
        ++p;
        continue;
      }
      case State::quoted: {
        // A quote still open 2 x max_record_bytes after the record's start probably never
        // closes: the record is cut there and skipped to the next line end. The cut is at a fixed
        // stream position, so every chunking gives the same records.
        const std::uint64_t cap = record_abs_ + quote_cap_;
        if (base + p >= cap) {
          abandon_quote(base + p);
          continue;
        }
        const std::size_t limit = cap - base < size ? static_cast<std::size_t>(cap - base) : size;
        while (p < limit) {
          const unsigned char c = u[p];
          if (!(stop[c] & kStopQuoted)) {
            ++p;
            continue;
          }
          if (c == '"') break;
          // A line break inside quotes: count physical lines, CRLF once.
          if (c == '\r' || !cr_before(p)) ++line_;
          ++p;
        }
        if (p == limit) continue;  // the chunk's end, or the cap (handled above next time round)
        ++p;
        state_ = State::quote_in_quoted;
        continue;
      }
      case State::quote_in_quoted: {
        if (data[p] == '"') {
          escaped_ = true;
          state_ = State::quoted;
          ++p;
          continue;
        }
        close_abs_ = base + p;
        state_ = State::unquoted;
        continue;
      }
    }
  }
  scanned_ = base + size;
  if (size > 0) cr_before_ = data[size - 1] == '\r';
  if (state_ == State::record_start) return;
  const std::uint64_t held = scanned_ - record_abs_;
  if (skipping_) return;
  if (held > options_.max_record_bytes) {
    start_skipping();
  } else if (record_abs_ >= base) {
    const auto start = static_cast<std::size_t>(record_abs_ - base);
    pending_.assign(data + start, size - start);
  } else {
    pending_.append(data, size);
  }
}

void Reader::finish(RecordSink& sink) {
  if (at_start_) {
    at_start_ = false;
    if (head_size_ > 0 && head_size_ < 3)
      scan(reinterpret_cast<const char*>(head_), head_size_, sink);
  }
  if (state_ == State::record_start) return;
  RecordIssue issue = RecordIssue::none;
  switch (state_) {
    case State::field_start:
      field_abs_ = scanned_;
      quoted_ = false;
      if (!space_) push_field(scanned_);
      break;
    case State::quoted:
      issue = RecordIssue::unclosed_quote;
      push_field(scanned_);
      break;
    case State::quote_in_quoted:
      close_abs_ = scanned_;
      state_ = State::unquoted;
      push_field(scanned_);
      break;
    default:
      push_field(scanned_);
      break;
  }
  // Everything scanned of this record is in pending_ (or skipped).
  emit(pending_, scanned_, issue, sink);
  pending_.clear();
  release_if_big(pending_);
  bounds_.clear();
  skipping_ = false;
  state_ = State::record_start;
}

// ---------------------------------------------------------------------------------------------
// Dialect detection

namespace {

/// Fields per line for one candidate delimiter, over the first complete lines of `head`.
std::vector<int> field_counts(std::string_view head, char delimiter, std::size_t max_lines) {
  const bool space = delimiter == ' ';
  std::vector<int> counts;
  int fields = 0;           // fields seen on this line (space: tokens)
  bool content = false;     // the line has something besides its line end (space: a token)
  bool field_start = true;  // at the start of a field (space: in a separator run)
  bool in_quotes = false;
  std::size_t i = 0;
  for (; i < head.size() && counts.size() < max_lines; ++i) {
    const char c = head[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < head.size() && head[i + 1] == '"') {
          ++i;
        } else {
          in_quotes = false;
        }
      }
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (content) counts.push_back(space ? fields : fields + 1);
      fields = 0;
      content = false;
      field_start = true;
      continue;
    }
    if (space) {
      if (c == ' ' || c == '\t') {
        field_start = true;
        continue;
      }
      content = true;
      if (field_start) {
        ++fields;
        field_start = false;
        if (c == '"') in_quotes = true;
      }
      continue;
    }
    content = true;
    if (c == delimiter) {
      ++fields;
      field_start = true;
      continue;
    }
    if (field_start && c == '"') in_quotes = true;
    field_start = false;
  }
  // A file too short to hold one line end: its only line is all there is.
  if (counts.empty() && content && !in_quotes) counts.push_back(space ? fields : fields + 1);
  return counts;
}

/// How well a delimiter splits the lines: the most frequent field count and its share of lines.
struct Split {
  int mode = 0;
  double share = 0;
};

Split score(std::vector<int> counts) {
  Split best;
  if (counts.empty()) return best;
  std::sort(counts.begin(), counts.end());
  std::size_t run = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    run = (i > 0 && counts[i] == counts[i - 1]) ? run + 1 : 1;
    const double share = static_cast<double>(run) / static_cast<double>(counts.size());
    if (share > best.share || (share == best.share && counts[i] > best.mode)) {
      best = {counts[i], share};
    }
  }
  return best;
}

}  // namespace

Dialect sniff(std::string_view head) noexcept {
  Dialect dialect;
  if (head.size() >= 3 && head.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    dialect.bom = true;
    head.remove_prefix(3);
  }
  // Binary: any NUL (text never has one; UTF-16 has many), or mostly control bytes.
  const std::string_view sample = head.substr(0, 65536);
  std::size_t control = 0;
  for (const char ch : sample) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) {
      dialect.binary = true;
      return dialect;
    }
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == 0x7F) ++control;
  }
  if (control * 10 > sample.size()) {
    dialect.binary = true;
    return dialect;
  }
  constexpr std::size_t kLines = 200;
  // Ties keep the earlier candidate: , ; \t |.
  constexpr char kCandidates[] = {',', ';', '\t', '|'};
  Split best;
  char chosen = 0;
  for (const char d : kCandidates) {
    const Split s = score(field_counts(head, d, kLines));
    if (s.mode < 2 || s.share < 0.5) continue;
    if (s.share > best.share || (s.share == best.share && s.mode > best.mode)) {
      best = s;
      chosen = d;
    }
  }
  if (chosen == 0) {
    const Split s = score(field_counts(head, ' ', kLines));
    if (s.mode >= 2 && s.share >= 0.5) chosen = ' ';
  }
  dialect.delimiter = chosen ? chosen : ',';
  return dialect;
}

bool is_ascii(std::string_view bytes) noexcept {
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  // Eight words at a time with one test: a fixed-size memcpy is a plain load, also in wasm.
  std::uint64_t any = 0;
  while (n >= 64) {
    for (int k = 0; k < 8; ++k) {
      std::uint64_t word;
      std::memcpy(&word, p + 8 * k, 8);
      any |= word;
    }
    if (any & 0x8080808080808080ULL) return false;
    p += 64;
    n -= 64;
  }
  for (; n > 0; ++p, --n) any |= static_cast<unsigned char>(*p);
  return (any & 0x8080808080808080ULL) == 0;
}

bool valid_utf8(std::string_view bytes) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlong forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // no overlong forms
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= n) return true;  // cut at the end: the next chunk completes it
      const unsigned char b = s[i + k];
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return false;
    }
    i += len;
  }
  return true;
}

std::string quote_field(std::string_view value, char delimiter) {
  bool needs = false;
  for (const char c : value) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r' || (delimiter == ' ' && c == '\t')) {
      needs = true;
      break;
    }
  }
  if (!needs) return std::string(value);
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  for (const char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace retention::csv
