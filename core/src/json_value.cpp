// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "json_value.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <nlohmann/detail/conversions/to_chars.hpp>
#include <utility>

namespace retention {

Json::Json(const Json& other)
    : type_(other.type_),
      heavy_(other.heavy_ ? new Heavy(*other.heavy_) : nullptr),
      scalar_(other.scalar_) {}
Json::Json(Json&& other) noexcept
    : type_(other.type_), heavy_(other.heavy_), scalar_(other.scalar_) {
  other.type_ = Type::null;
  other.heavy_ = nullptr;
}
Json& Json::operator=(const Json& other) {
  if (this != &other) *this = Json(other);
  return *this;
}
Json& Json::operator=(Json&& other) noexcept {
  if (this != &other) {
    delete heavy_;
    type_ = other.type_;
    heavy_ = other.heavy_;
    scalar_ = other.scalar_;
    other.type_ = Type::null;
    other.heavy_ = nullptr;
  }
  return *this;
}
Json::~Json() {
  delete heavy_;
}

Json::Heavy& Json::heavy() {
  if (!heavy_) heavy_ = new Heavy();
  return *heavy_;
}

const std::vector<Json>& Json::items() const {
  static const std::vector<Json> kNone;
  return heavy_ ? heavy_->items : kNone;
}

Json::Json(bool b) : type_(Type::boolean) {
  scalar_.boolean = b;
}
Json::Json(int v) : Json(static_cast<long long>(v)) {}
Json::Json(long v) : Json(static_cast<long long>(v)) {}
Json::Json(long long v) : type_(Type::integer) {
  scalar_.integer = static_cast<std::uint64_t>(v);
}
Json::Json(unsigned v) : Json(static_cast<unsigned long long>(v)) {}
Json::Json(unsigned long v) : Json(static_cast<unsigned long long>(v)) {}
Json::Json(unsigned long long v) : type_(Type::unsigned_integer) {
  scalar_.integer = v;
}
Json::Json(double v) : type_(Type::number) {
  scalar_.number = v;
}
Json::Json(const char* s) : Json(std::string(s)) {}
Json::Json(std::string s) : type_(Type::string), heavy_(new Heavy()) {
  heavy_->text = std::move(s);
}
Json::Json(std::string_view s) : Json(std::string(s)) {}

namespace {
template <typename T>
Json array_of(const std::vector<T>& values) {
  Json out = Json::array();
  out.reserve(values.size());
  for (const T& v : values) out.push_back(Json(v));
  return out;
}
}  // namespace

Json::Json(const std::vector<double>& v) : Json(array_of(v)) {}
Json::Json(const std::vector<std::string>& v) : Json(array_of(v)) {}
Json::Json(const std::vector<int>& v) : Json(array_of(v)) {}
Json::Json(const std::vector<std::size_t>& v) : Json(array_of(v)) {}

Json::Json(std::initializer_list<Json> items) {
  bool pairs = true;
  for (const Json& item : items) {
    pairs = pairs && item.is_array() && item.size() == 2 && item[0].is_string();
  }
  if (pairs) {
    type_ = Type::object;
    for (const Json& item : items) (*this)[item[0].heavy_->text] = item[1];
  } else {
    type_ = Type::array;
    heavy().items.assign(items.begin(), items.end());
  }
}

Json Json::array() {
  Json j;
  j.type_ = Type::array;
  return j;
}

Json Json::object() {
  Json j;
  j.type_ = Type::object;
  return j;
}

template <>
bool Json::get<bool>() const {
  return type_ == Type::boolean && scalar_.boolean;
}

template <>
double Json::get<double>() const {
  if (type_ == Type::integer)
    return static_cast<double>(static_cast<std::int64_t>(scalar_.integer));
  if (type_ == Type::unsigned_integer) return static_cast<double>(scalar_.integer);
  return type_ == Type::number ? scalar_.number : 0.0;
}

template <>
std::string Json::get<std::string>() const {
  return type_ == Type::string ? heavy_->text : std::string();
}

void Json::push_back(Json v) {
  if (type_ == Type::null) type_ = Type::array;
  heavy().items.push_back(std::move(v));
}

Json& Json::operator[](std::string_view key) {
  if (type_ == Type::null) type_ = Type::object;
  Heavy& h = heavy();
  const auto at = std::lower_bound(h.keys.begin(), h.keys.end(), key);
  const std::size_t i = static_cast<std::size_t>(at - h.keys.begin());
  if (at == h.keys.end() || *at != key) {
    h.keys.insert(at, std::string(key));
    h.items.insert(h.items.begin() + static_cast<std::ptrdiff_t>(i), Json());
  }
  return h.items[i];
}

const Json* Json::find(std::string_view key) const {
  if (type_ != Type::object || !heavy_) return nullptr;
  const std::vector<std::string>& keys = heavy_->keys;
  const auto at = std::lower_bound(keys.begin(), keys.end(), key);
  if (at == keys.end() || *at != key) return nullptr;
  return &heavy_->items[static_cast<std::size_t>(at - keys.begin())];
}

// --- Writing

std::string shortest_number_text(double value) {
  char buffer[64];
  char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

namespace {

/// The length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one; then
/// `*invalid` is the length of their longest prefix that starts a valid sequence (at least 1): the
/// "maximal subpart" that Unicode (and nlohmann_json) replace with one U+FFFD.
std::size_t utf8_length(std::string_view s, std::size_t i, std::size_t* invalid = nullptr) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;  // no UTF-16 surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  }
  std::size_t k = 1;
  while (k < n && i + k < s.size()) {
    const unsigned char c = byte(i + k);
    if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) break;
    ++k;
  }
  if (n != 0 && k == n) return n;
  if (invalid) *invalid = k;
  return 0;
}

void write_string(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t skip = 1;
      const std::size_t n = utf8_length(s, i, &skip);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
        i += skip;
      } else {
        out.append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

/// `bits` as an unsigned integer, or as a signed one when `is_signed`.
void write_integer(std::uint64_t bits, bool is_signed, std::string& out) {
  char buffer[24];
  char* p = buffer + sizeof buffer;
  const bool negative = is_signed && static_cast<std::int64_t>(bits) < 0;
  std::uint64_t u = negative ? 0 - bits : bits;
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative) *--p = '-';
  out.append(p, static_cast<std::size_t>(buffer + sizeof buffer - p));
}

}  // namespace

void Json::dump_to(std::string& out) const {
  switch (type_) {
    case Type::null:
      out += "null";
      break;
    case Type::boolean:
      out += scalar_.boolean ? "true" : "false";
      break;
    case Type::integer:
    case Type::unsigned_integer:
      write_integer(scalar_.integer, type_ == Type::integer, out);
      break;
    case Type::number:
      if (std::isfinite(scalar_.number)) {
        char buffer[64];
        out.append(buffer,
                   nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, scalar_.number));
      } else {
        out += "null";
      }
      break;
    case Type::string:
      write_string(heavy_->text, out);
      break;
    case Type::array:
    case Type::object:
      out += type_ == Type::array ? '[' : '{';
      for (std::size_t i = 0; i < size(); ++i) {
        if (i) out += ',';
        if (type_ == Type::object) {
          write_string(heavy_->keys[i], out);
          out += ':';
        }
        heavy_->items[i].dump_to(out);
      }
      out += type_ == Type::array ? ']' : '}';
      break;
  }
}

std::string Json::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

// --- Reading

namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  bool document(Json& out) { return value(out, 0) && (blanks(), p_ == s_.size()); }

 private:
  void blanks() {
    while (p_ < s_.size() &&
           (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\n' || s_[p_] == '\r')) {
      ++p_;
    }
  }
  bool take(char c) {
    blanks();
    if (p_ < s_.size() && s_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool word(std::string_view w) {
    if (s_.substr(p_, w.size()) != w) return false;
    p_ += w.size();
    return true;
  }

  bool value(Json& out, int depth) {
    blanks();
    if (p_ >= s_.size()) return false;
    switch (s_[p_]) {
      case '{':
        return object(out, depth + 1);
      case '[':
        return array(out, depth + 1);
      case '"': {
        std::string text;
        if (!string(text)) return false;
        out = Json(std::move(text));
        return true;
      }
      case 't':
        out = Json(true);
        return word("true");
      case 'f':
        out = Json(false);
        return word("false");
      case 'n':
        out = Json();
        return word("null");
      default:
        return number(out);
    }
  }

  bool object(Json& out, int depth) {
    if (depth > Json::kMaxDepth) return false;
    ++p_;
    out = Json::object();
    if (take('}')) return true;
    do {
      blanks();
      std::string key;
      if (p_ >= s_.size() || s_[p_] != '"' || !string(key) || !take(':')) return false;
      if (!value(out[key], depth)) return false;
    } while (take(','));
    return take('}');
  }

  bool array(Json& out, int depth) {
    if (depth > Json::kMaxDepth) return false;
    ++p_;
    out = Json::array();
    if (take(']')) return true;
    do {
      Json item;
      if (!value(item, depth)) return false;
      out.push_back(std::move(item));
    } while (take(','));
    return take(']');
  }

  bool hex4(unsigned& u) {
    if (p_ + 4 > s_.size()) return false;
    u = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[p_++];
      u <<= 4;
      if (c >= '0' && c <= '9') {
        u |= static_cast<unsigned>(c - '0');
      } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
        u |= static_cast<unsigned>((c | 0x20) - 'a' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  static void append_utf8(unsigned u, std::string& out) {
    if (u < 0x80) {
      out += static_cast<char>(u);
    } else if (u < 0x800) {
      out += static_cast<char>(0xC0 | (u >> 6));
      out += static_cast<char>(0x80 | (u & 0x3F));
    } else if (u < 0x10000) {
      out += static_cast<char>(0xE0 | (u >> 12));
      out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (u & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (u >> 18));
      out += static_cast<char>(0x80 | ((u >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (u & 0x3F));
    }
  }

  bool string(std::string& out) {
    ++p_;  // the opening quote
    while (p_ < s_.size()) {
      const unsigned char c = static_cast<unsigned char>(s_[p_]);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        const std::size_t n = utf8_length(s_, p_);
        if (n == 0) return false;
        out.append(s_.data() + p_, n);
        p_ += n;
        continue;
      }
      ++p_;
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      if (p_ >= s_.size()) return false;
      const char e = s_[p_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned u = 0;
          if (!hex4(u)) return false;
          if (u >= 0xDC00 && u <= 0xDFFF) return false;  // a low surrogate first
          if (u >= 0xD800 && u <= 0xDBFF) {
            unsigned low = 0;
            if (!word("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(u, out);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  bool digits() {
    const std::size_t start = p_;
    while (p_ < s_.size() && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
    return p_ > start;
  }

  bool number(Json& out) {
    const std::size_t start = p_;
    if (s_[p_] == '-') ++p_;
    if (p_ < s_.size() && s_[p_] == '0') {
      ++p_;
    } else if (!digits()) {
      return false;
    }
    bool whole = true;
    if (p_ < s_.size() && s_[p_] == '.') {
      ++p_;
      whole = false;
      if (!digits()) return false;
    }
    if (p_ < s_.size() && (s_[p_] == 'e' || s_[p_] == 'E')) {
      ++p_;
      whole = false;
      if (p_ < s_.size() && (s_[p_] == '+' || s_[p_] == '-')) ++p_;
      if (!digits()) return false;
    }
    const std::string token(s_.substr(start, p_ - start));
    if (whole) {  // an integer, as nlohmann_json keeps it, when it fits 64 bits
      errno = 0;
      if (token[0] == '-') {
        const long long v = std::strtoll(token.c_str(), nullptr, 10);
        if (errno == 0) {
          out = Json(v);
          return true;
        }
      } else {
        const unsigned long long v = std::strtoull(token.c_str(), nullptr, 10);
        if (errno == 0) {
          out = v <= static_cast<unsigned long long>(std::numeric_limits<long long>::max())
                    ? Json(static_cast<long long>(v))
                    : Json(v);
          return true;
        }
      }
    }
    const double d = std::strtod(token.c_str(), nullptr);
    if (!std::isfinite(d)) return false;  // 1e400: out of range, as nlohmann_json says
    out = Json(d);
    return true;
  }

  std::string_view s_;
  std::size_t p_ = 0;
};

}  // namespace

std::optional<Json> Json::parse(std::string_view text) {
  Json out;
  Parser parser(text);
  if (!parser.document(out)) return std::nullopt;
  return out;
}

}  // namespace retention
