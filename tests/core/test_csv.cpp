// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "embedded/csv_corpus.hpp"
#include "retention/csv.hpp"
#include "retention/parse.hpp"

using retention::csv::Dialect;
using retention::csv::Reader;
using retention::csv::ReaderOptions;
using retention::csv::RecordIssue;

namespace {

/// A record copied out of the callback.
struct Rec {
  std::uint64_t line = 0;
  std::uint64_t line_end = 0;
  std::vector<std::string> fields;
  std::string raw;
  RecordIssue issue = RecordIssue::none;
  bool operator==(const Rec& o) const {
    return line == o.line && line_end == o.line_end && fields == o.fields && raw == o.raw &&
           issue == o.issue;
  }
};

struct Collect : retention::csv::RecordSink {
  std::vector<Rec> records;
  void on_record(const retention::csv::Record& r) override {
    Rec rec{r.line, r.line_end, {}, std::string(r.raw), r.issue};
    for (std::size_t i = 0; i < r.size; ++i) rec.fields.emplace_back(r.fields[i]);
    records.push_back(std::move(rec));
  }
};

struct Read {
  std::vector<Rec> records;
  std::uint64_t blank_lines = 0;
  std::uint64_t bytes = 0;
  std::uint64_t count = 0;  ///< Reader::records()
};

constexpr std::size_t kWhole = static_cast<std::size_t>(-1);

/// Reads `data` fed in chunks of `chunk` bytes. Each chunk lives in its own buffer that is
/// scribbled over after feed(), so a reader keeping views into old chunks would be caught.
Read read(std::string_view data, char delimiter, std::size_t chunk = kWhole,
          std::size_t max_record_bytes = std::size_t{16} << 20) {
  ReaderOptions options;
  options.dialect.delimiter = delimiter;
  options.max_record_bytes = max_record_bytes;
  Reader reader(options);
  Collect sink;
  std::string buffer;
  for (std::size_t at = 0; at < data.size(); at += std::min(chunk, data.size() - at)) {
    buffer.assign(data.substr(at, std::min(chunk, data.size() - at)));
    reader.feed(buffer, sink);
    std::fill(buffer.begin(), buffer.end(), '#');
  }
  reader.finish(sink);
  return Read{sink.records, reader.blank_lines(), reader.bytes(), reader.records()};
}

std::string_view corpus(std::string_view name) {
  for (const auto& f : retention::test::kCsvCorpus) {
    if (f.name == name) return f.bytes;
  }
  FAIL("no corpus file " << name);
  return {};
}

using Fields = std::vector<std::string>;

}  // namespace

// ---------------------------------------------------------------------------------------------
// sniff

TEST_CASE("sniff: the delimiter of every corpus file") {
  const std::pair<const char*, char> expected[] = {
      {"quoted.csv", ','},
      {"crlf.csv", ','},
      {"cr_only.csv", ','},
      {"mixed_line_ends.csv", ','},
      {"bom.csv", ','},
      {"semicolon_decimal_comma.csv", ';'},
      {"tab.tsv", '\t'},
      {"pipe.txt", '|'},
      {"whitespace.txt", ' '},
      {"currency_thousands.csv", ','},
      {"blank_lines.csv", ','},
      {"trailing_delimiters.csv", ','},
      {"unclosed_quote.csv", ','},
      {"gb18030.csv", ','},
      {"excel_zh.csv", ','},
      {"no_final_line_end.csv", ','},
  };
  for (const auto& entry : expected) {
    const char* name = entry.first;  // not a structured binding: CAPTURE's lambda needs a variable
    const char delimiter = entry.second;
    CAPTURE(name);
    const Dialect d = retention::csv::sniff(corpus(name));
    CHECK(d.delimiter == delimiter);
    CHECK_FALSE(d.binary);
    CHECK(d.bom == (std::string_view(name) == "bom.csv"));
  }
}

TEST_CASE("sniff: binary files and empty input") {
  CHECK(retention::csv::sniff(corpus("nul_bytes.csv")).binary);
  CHECK(retention::csv::sniff(std::string_view("\xFF\xFEi\0d\0", 6)).binary);  // UTF-16LE
  CHECK(retention::csv::sniff("\x01\x02\x03\x04\x05,\x06\x07\x08\x0E\x0F\n").binary);
  CHECK_FALSE(
      retention::csv::sniff("a,b\n\x01,c\nd,e\ne,f\nf,g\ng,h\nh,i\ni,j\nj,k\nk,l\n").binary);
  const Dialect empty = retention::csv::sniff("");
  CHECK(empty.delimiter == ',');
  CHECK_FALSE(empty.binary);
  CHECK_FALSE(empty.bom);
  CHECK(retention::csv::sniff("\xEF\xBB\xBF").bom);
}

TEST_CASE("sniff: consistency, quotes, ties and partial lines") {
  // One column: nothing splits, the default stays.
  CHECK(retention::csv::sniff("id\n1\n2\n").delimiter == ',');
  // Delimiters inside quotes do not count.
  CHECK(retention::csv::sniff("a;b\n\"x,y,z\";1\n\"p,q\";2\n").delimiter == ';');
  // Decimal commas in a semicolon file: ';' splits every line the same way, ',' does not.
  CHECK(retention::csv::sniff("id;amount\n1;2,5\n2;3\n3;4,25\n").delimiter == ';');
  // A tie between equally consistent candidates goes to the earlier of , ; \t |.
  CHECK(retention::csv::sniff("a,b;c\n1,2;3\n").delimiter == ',');
  CHECK(retention::csv::sniff("a;b|c\n1;2|3\n").delimiter == ';');
  // More fields win between equally consistent candidates.
  CHECK(retention::csv::sniff("a|b|c|d;e\n1|2|3|4;5\n").delimiter == '|');
  // The cut-off last line of a head is ignored.
  CHECK(retention::csv::sniff("a\tb\n1\t2\n3\t4\n5;6;7;8;9;0;1;2").delimiter == '\t');
  // A file of one line without a line end is still sniffed.
  CHECK(retention::csv::sniff("a|b|c").delimiter == '|');
  // Whitespace-separated only when nothing else splits the lines.
  CHECK(retention::csv::sniff("  1  2  3\n  4  5  6\n").delimiter == ' ');
  CHECK(retention::csv::sniff("a b,c\nd e,f\n").delimiter == ',');
  CHECK(retention::csv::sniff(corpus("whitespace.txt")).delimiter == ' ');
  // A line where the candidate does not split does not make it win.
  CHECK(retention::csv::sniff("hello world\nfoo bar\nx,y\n").delimiter == ' ');
}

// ---------------------------------------------------------------------------------------------
// valid_utf8 and quote_field

TEST_CASE("valid_utf8: well-formed text, and what is not") {
  CHECK(retention::csv::valid_utf8(""));
  CHECK(retention::csv::valid_utf8("plain ASCII, long enough to take the eight-byte path"));
  CHECK(retention::csv::valid_utf8("客户ID,订单日期,金额 ¥ € \xF0\x9F\x98\x80"));
  CHECK(retention::csv::valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  CHECK(retention::csv::valid_utf8("abc\xE5\xAE"));       // cut at a chunk edge
  CHECK(retention::csv::valid_utf8("abc\xF0"));
  CHECK_FALSE(
      retention::csv::valid_utf8("\xE5\xAE"
                                 "abc"));                   // cut in the middle
  CHECK_FALSE(retention::csv::valid_utf8("\x80"));          // lone continuation byte
  CHECK_FALSE(retention::csv::valid_utf8("\xC0\x80"));      // overlong NUL
  CHECK_FALSE(retention::csv::valid_utf8("\xE0\x80\xAF"));  // overlong '/'
  CHECK_FALSE(retention::csv::valid_utf8("\xF0\x80\x80\xAF"));
  CHECK_FALSE(retention::csv::valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(retention::csv::valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(retention::csv::valid_utf8("\xF8\x88\x80\x80\x80"));
  CHECK_FALSE(retention::csv::valid_utf8("abcdefgh\xFF"));
  CHECK_FALSE(retention::csv::valid_utf8(corpus("gb18030.csv")));
  CHECK_FALSE(retention::csv::valid_utf8(corpus("excel_zh.csv")));
  CHECK(retention::csv::valid_utf8(corpus("currency_thousands.csv")));
}

TEST_CASE("is_ascii: every byte below 0x80, at any position and length") {
  CHECK(retention::csv::is_ascii(""));
  const std::string plain(200, 'a');
  CHECK(retention::csv::is_ascii(plain));
  for (std::size_t length :
       {std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{65}, std::size_t{200}}) {
    for (std::size_t at = 0; at < length; ++at) {
      std::string s = plain.substr(0, length);
      s[at] = static_cast<char>(0x80);
      CAPTURE(length);
      CAPTURE(at);
      CHECK_FALSE(retention::csv::is_ascii(s));
    }
  }
  CHECK(retention::csv::is_ascii(std::string("\x7F\x00\n", 3)));  // NUL and DEL are ASCII
  CHECK_FALSE(retention::csv::is_ascii("\xE5\xAE\xA2"));
}

TEST_CASE("quote_field: only when needed, doubling quotes") {
  using retention::csv::quote_field;
  CHECK(quote_field("plain") == "plain");
  CHECK(quote_field("") == "");
  CHECK(quote_field("a,b") == "\"a,b\"");
  CHECK(quote_field("a;b") == "a;b");
  CHECK(quote_field("a;b", ';') == "\"a;b\"");
  CHECK(quote_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(quote_field("two\nlines") == "\"two\nlines\"");
  CHECK(quote_field("cr\r") == "\"cr\r\"");
  CHECK(quote_field("a b", ' ') == "\"a b\"");
  CHECK(quote_field("a\tb", ' ') == "\"a\tb\"");
  CHECK(quote_field("a\tb", ',') == "a\tb");
  // What quote_field writes, the reader reads back.
  const std::string value = "x, \"y\"\r\nz";
  const auto back = read(quote_field(value) + ",end\n", ',');
  REQUIRE(back.records.size() == 1);
  CHECK(back.records[0].fields == Fields{value, "end"});
}

// ---------------------------------------------------------------------------------------------
// The corpus, file by file

TEST_CASE("corpus quoted.csv: delimiters, doubled quotes and line breaks inside quotes") {
  const auto r = read(corpus("quoted.csv"), ',');
  REQUIRE(r.records.size() == 6);
  CHECK(r.count == 6);
  CHECK(r.records[0].fields == Fields{"id", "name", "note", "amount"});
  CHECK(r.records[1].fields == Fields{"1", "Smith, John", "He said \"hi\"", "12.50"});
  CHECK(r.records[1].raw == "1,\"Smith, John\",\"He said \"\"hi\"\"\",12.50");
  CHECK(r.records[2].fields == Fields{"2", "Multi\nline", "two\r\nbreaks", "3"});
  CHECK(r.records[2].line == 3);
  CHECK(r.records[2].line_end == 5);
  CHECK(r.records[3].fields == Fields{"3", "plain", "", "0"});
  CHECK(r.records[3].line == 6);
  CHECK(r.records[4].fields == Fields{"4", "\"", "x\"y", "1"});
  // Text after a closing quote and a quote inside an unquoted field are kept as written.
  CHECK(r.records[5].fields == Fields{"5", "a\"bc", "5'11\"", "2"});
  CHECK(r.records[5].line == 8);
  for (const auto& rec : r.records) CHECK(rec.issue == RecordIssue::none);
  CHECK(r.blank_lines == 0);
  CHECK(r.bytes == corpus("quoted.csv").size());
}

TEST_CASE("corpus: CRLF, CR-only and mixed line ends give the same records") {
  const auto crlf = read(corpus("crlf.csv"), ',');
  const auto cr = read(corpus("cr_only.csv"), ',');
  const auto mixed = read(corpus("mixed_line_ends.csv"), ',');
  REQUIRE(crlf.records.size() == 3);
  CHECK(crlf.records == cr.records);
  REQUIRE(mixed.records.size() == 4);
  for (std::size_t i = 0; i < 3; ++i) CHECK(mixed.records[i] == crlf.records[i]);
  CHECK(crlf.records[1].fields == Fields{"A", "2024-01-05", "10"});
  CHECK(crlf.records[1].raw == "A,2024-01-05,10");  // no CR left in the last field
  CHECK(crlf.records[2].line == 3);
  CHECK(mixed.records[3].fields == Fields{"C", "2024-01-07", "30"});
  CHECK(mixed.records[3].line == 4);
  CHECK(crlf.blank_lines + cr.blank_lines + mixed.blank_lines == 0);
}

TEST_CASE("corpus bom.csv: the BOM is skipped, also when split over chunks") {
  for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, kWhole}) {
    const auto r = read(corpus("bom.csv"), ',', chunk);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].fields == Fields{"customer", "date", "amount"});
    CHECK(r.records[0].raw == "customer,date,amount");
    CHECK(r.bytes == 40);  // the BOM counts as bytes read
  }
  // Only a BOM prefix: the bytes are data after all.
  const auto partial = read("\xEF\xBB,x\n", ',', 1);
  REQUIRE(partial.records.size() == 1);
  CHECK(partial.records[0].fields == Fields{"\xEF\xBB", "x"});
  const auto only = read("\xEF\xBB", ',');
  REQUIRE(only.records.size() == 1);
  CHECK(only.records[0].fields == Fields{"\xEF\xBB"});
  CHECK(read("\xEF\xBB\xBF", ',').records.empty());
  // A BOM after the start is data.
  const auto late = read(
      "a\n\xEF\xBB\xBF"
      "b\n",
      ',');
  REQUIRE(late.records.size() == 2);
  CHECK(late.records[1].fields == Fields{"\xEF\xBB\xBF"
                                         "b"});
}

TEST_CASE("corpus semicolon_decimal_comma.csv: ';' with decimal commas") {
  const auto r = read(corpus("semicolon_decimal_comma.csv"), ';');
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[0].fields == Fields{"Kunde", "Datum", "Betrag"});
  CHECK(r.records[1].fields == Fields{"K1", "05.03.2024", "1.234,50"});
  retention::DecimalEvidence evidence;
  for (std::size_t i = 1; i < 4; ++i) evidence.add(r.records[i].fields[2]);
  REQUIRE(evidence.decide(';') == ',');
  CHECK(retention::parse_amount(r.records[1].fields[2], ',') == 1234.5);
  CHECK(retention::parse_amount(r.records[2].fields[2], ',') == 12.5);
  CHECK(retention::parse_amount(r.records[3].fields[2], ',') == -7.0);
  CHECK(retention::parse_date(r.records[1].fields[1], retention::DateOrder::dmy, false) ==
        retention::days_from_civil(2024, 3, 5));
}

TEST_CASE("corpus tab.tsv and pipe.txt") {
  const auto tab = read(corpus("tab.tsv"), '\t');
  REQUIRE(tab.records.size() == 3);
  CHECK(tab.records[1].fields == Fields{"A", "2024-01-05", "10.5"});
  CHECK(tab.records[2].fields == Fields{"B", "2024-01-06", ""});
  const auto pipe = read(corpus("pipe.txt"), '|');
  REQUIRE(pipe.records.size() == 3);
  CHECK(pipe.records[1].fields == Fields{"A", "2024-01-05", "10"});
  CHECK(pipe.records[2].fields == Fields{"B|C", "2024-01-06", "20"});
}

TEST_CASE("corpus whitespace.txt: runs of spaces and tabs, leading and trailing ones ignored") {
  const auto r = read(corpus("whitespace.txt"), ' ');
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[0].fields == Fields{"00004", "0001", "19970101", "2", "29.33"});
  CHECK(r.records[0].raw == " 00004 0001 19970101  2   29.33");
  CHECK(r.records[2].fields == Fields{"00021", "0002", "19970101", "3", "63.34"});
  CHECK(r.records[3].fields == Fields{"00050", "0003", "19970101", "1", "6.79"});
  CHECK(r.records[3].line == 6);
  CHECK(r.blank_lines == 2);  // an empty line and a line of spaces
}

TEST_CASE("corpus currency_thousands.csv: amounts as shops write them") {
  const auto r = read(corpus("currency_thousands.csv"), ',');
  REQUIRE(r.records.size() == 7);
  const double expected[] = {1234.5, -5.0, 12.0, 12.0, 12.5, 1234.5};
  for (std::size_t i = 0; i < 6; ++i) {
    const auto& field = r.records[i + 1].fields.at(2);
    CAPTURE(field);
    CHECK(retention::parse_amount(field, '.') == expected[i]);
  }
  CHECK(r.records[1].fields[2] == "$1,234.50");
}

TEST_CASE("corpus blank_lines.csv: blank lines skipped, counted, line numbers kept") {
  const auto r = read(corpus("blank_lines.csv"), ',');
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].line == 3);
  CHECK(r.records[1].line == 5);
  CHECK(r.records[2].line == 8);
  CHECK(r.records[2].fields == Fields{"B", "2024-01-06", "20"});
  CHECK(r.blank_lines == 6);
}

TEST_CASE("corpus trailing_delimiters.csv: the empty trailing fields are kept") {
  const auto r = read(corpus("trailing_delimiters.csv"), ',');
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].fields == Fields{"customer", "date", "amount", ""});
  CHECK(r.records[1].fields == Fields{"A", "2024-01-05", "10", ""});
  CHECK(r.records[2].fields == Fields{"B", "2024-01-06", "20", "", ""});
  const auto eof = read("a,b,", ',');
  REQUIRE(eof.records.size() == 1);
  CHECK(eof.records[0].fields == Fields{"a", "b", ""});
}

TEST_CASE("corpus unclosed_quote.csv: reported at the end of the file") {
  const auto r = read(corpus("unclosed_quote.csv"), ',');
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[1].fields == Fields{"A", "2024-01-05", "fine"});
  CHECK(r.records[1].issue == RecordIssue::none);
  CHECK(r.records[2].issue == RecordIssue::unclosed_quote);
  CHECK(r.records[2].fields == Fields{"B", "2024-01-06", "cut off here\nand more"});
  CHECK(r.records[2].line == 3);
  CHECK(r.records[2].line_end == 4);
  // A quote closed by the very last byte is fine.
  const auto closed = read("a,\"b\"", ',');
  REQUIRE(closed.records.size() == 1);
  CHECK(closed.records[0].issue == RecordIssue::none);
  CHECK(closed.records[0].fields == Fields{"a", "b"});
  const auto opened = read("a,\"", ',');
  REQUIRE(opened.records.size() == 1);
  CHECK(opened.records[0].issue == RecordIssue::unclosed_quote);
  CHECK(opened.records[0].fields == Fields{"a", ""});
}

TEST_CASE("corpus nul_bytes.csv: NUL bytes are data to the reader (sniff calls it binary)") {
  const auto r = read(corpus("nul_bytes.csv"), ',');
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[1].fields == Fields{"A", "2024-01-05",
                                      std::string("1\0"
                                                  "0",
                                                  3)});
  CHECK(r.records[2].fields == Fields{std::string(3, '\0')});
  CHECK(r.records[3].fields == Fields{"B", "2024-01-06", "20"});
  CHECK(retention::parse_amount(r.records[1].fields[2], '.') == std::nullopt);
}

TEST_CASE("corpus gb18030.csv and excel_zh.csv: GB18030 bytes pass through unchanged") {
  const auto gb = read(corpus("gb18030.csv"), ',');
  REQUIRE(gb.records.size() == 3);
  CHECK(gb.records[0].fields[0] == "\xBF\xCD\xBB\xA7ID");  // 客户ID in GB18030
  CHECK(gb.records[1].fields[0] == "\xD5\xC5\xC8\xFD");    // 张三
  CHECK(gb.records[2].fields == Fields{"\xC0\xEE\xCB\xC4", "2024-03-06", "7"});
  const auto zh = read(corpus("excel_zh.csv"), ',');
  REQUIRE(zh.records.size() == 4);
  for (const auto& rec : zh.records) CHECK(rec.fields.size() == 3);
  CHECK(zh.records[1].fields[1] == "2024/3/5");
  CHECK(zh.records[1].fields[2] ==
        "\x81\x30\x84\x36"
        "1,234.50");  // ¥1,234.50
  CHECK(zh.records[3].fields[1] ==
        "2024\xC4\xEA"
        "4\xD4\xC2"
        "1\xC8\xD5");  // 2024年4月1日
  CHECK(zh.records[3].line == 4);
}

TEST_CASE("corpus empty.csv and no_final_line_end.csv") {
  const auto empty = read(corpus("empty.csv"), ',');
  CHECK(empty.records.empty());
  CHECK(empty.blank_lines == 0);
  CHECK(empty.bytes == 0);
  const auto last = read(corpus("no_final_line_end.csv"), ',');
  REQUIRE(last.records.size() == 2);
  CHECK(last.records[1].fields == Fields{"A", "2024-01-05", "10"});
  CHECK(last.records[1].raw == "A,2024-01-05,10");
}

// ---------------------------------------------------------------------------------------------
// Chunks of any size

TEST_CASE("every corpus file gives the same records in chunks of 1, 2, 3, 7, 64, 4096 bytes") {
  for (const auto& file : retention::test::kCsvCorpus) {
    CAPTURE(file.name);
    const Dialect d = retention::csv::sniff(file.bytes);
    for (char delimiter : {d.delimiter, ',', ' '}) {
      const auto whole = read(file.bytes, delimiter);
      for (std::size_t chunk : {1, 2, 3, 7, 64, 4096}) {
        CAPTURE(chunk);
        const auto parts = read(file.bytes, delimiter, chunk);
        CHECK(parts.records == whole.records);
        CHECK(parts.blank_lines == whole.blank_lines);
        CHECK(parts.bytes == file.bytes.size());
      }
    }
  }
}

TEST_CASE("records spanning chunks: quotes, doubled quotes and CRLF cut at every byte") {
  const std::string data =
      "id,text\r\n1,\"a \"\"b\"\"\r\nc, d\"\r\n\r\n2,\"\"\"\"\r\n3,x\"y\r4,\"z\"w\n5,";
  const auto whole = read(data, ',');
  REQUIRE(whole.records.size() == 6);
  CHECK(whole.records[1].fields == Fields{"1", "a \"b\"\r\nc, d"});
  CHECK(whole.records[1].line_end == 3);
  CHECK(whole.records[2].fields == Fields{"2", "\""});
  CHECK(whole.records[2].line == 5);
  CHECK(whole.records[3].fields == Fields{"3", "x\"y"});
  CHECK(whole.records[4].fields == Fields{"4", "zw"});
  CHECK(whole.records[5].fields == Fields{"5", ""});
  CHECK(whole.blank_lines == 1);
  // Two chunks, cut at every position.
  for (std::size_t cut = 0; cut <= data.size(); ++cut) {
    CAPTURE(cut);
    Reader reader(ReaderOptions{});
    Collect sink;
    std::string a = data.substr(0, cut);
    std::string b = data.substr(cut);
    reader.feed(a, sink);
    std::fill(a.begin(), a.end(), '#');
    reader.feed(b, sink);
    reader.finish(sink);
    CHECK(sink.records == whole.records);
  }
}

TEST_CASE("plain lines (the fast lane) and the byte-by-byte path give the same records") {
  // Lines of every sort, in a deterministic random order: plain ones (taken by the fast lane when
  // whole in a chunk) and ones only the state machine reads (quotes, lone CR, too many fields).
  const std::vector<std::string> kinds = {"1001,2024-03-05,19.90,2\n",
                                          "1002,2024-03-05,5,1\r\n",
                                          "\n",
                                          "\r\n",
                                          "\"q,1\",2024-03-06,1,1\n",
                                          "a\"b,c,d,e\n",
                                          "x,y\rz,w\n",
                                          "\xE5\xAE\xA2,2024-03-07,3,1\n",
                                          ",,,\n",
                                          std::string(40, ',') + "\n",
                                          "1003,,,\r\n",
                                          "tail,no,line,end"};
  std::uint32_t state = 12345;
  std::string data;
  for (int i = 0; i < 3000; ++i) {
    state = state * 1664525u + 1013904223u;
    const std::string& k = kinds[(state >> 16) % (kinds.size() - 1)];  // "tail" only at the end
    data += k;
  }
  data += kinds.back();
  const auto slow = read(data, ',', 1, 32 * 32);  // 1-byte chunks: never a whole line in a chunk
  for (std::size_t chunk : {std::size_t{5}, std::size_t{64}, std::size_t{1000}, kWhole}) {
    CAPTURE(chunk);
    const auto fast = read(data, ',', chunk, 32 * 32);
    CHECK(fast.records == slow.records);
    CHECK(fast.blank_lines == slow.blank_lines);
    CHECK(fast.count == slow.count);
  }
  CHECK(slow.records.back().fields == Fields{"tail", "no", "line", "end"});
  // 41 fields are more than 32 * 32 / 32: too long, whichever way the line was read.
  std::size_t too_long = 0;
  for (const Rec& r : slow.records) too_long += r.issue == RecordIssue::too_long;
  CHECK(too_long > 0);
}

TEST_CASE("Record::ascii is only claimed for text without bytes above 0x7F") {
  struct Ascii : retention::csv::RecordSink {
    std::vector<std::pair<std::string, bool>> seen;
    void on_record(const retention::csv::Record& r) override {
      seen.emplace_back(std::string(r.raw), r.ascii);
    }
  };
  Reader reader(ReaderOptions{});
  Ascii sink;
  reader.feed("a,b\n\xC3\xA9,c\n\"q\",d\ne,\xFF\n", sink);
  reader.finish(sink);
  REQUIRE(sink.seen.size() == 4);
  CHECK(sink.seen[0].second);        // plain ASCII
  CHECK_FALSE(sink.seen[1].second);  // UTF-8 é
  CHECK_FALSE(sink.seen[2].second);  // quoted: read byte by byte, not claimed
  CHECK_FALSE(sink.seen[3].second);  // an invalid byte
}

// ---------------------------------------------------------------------------------------------
// Big records and bounded memory

TEST_CASE("a row of 10,000 columns") {
  std::string row;
  for (int i = 0; i < 10000; ++i) row += (i ? "," : "") + std::to_string(i);
  const std::string data = "h\n" + row + "\r\nlast\n";
  for (std::size_t chunk : {std::size_t{7}, std::size_t{4096}, kWhole}) {
    const auto r = read(data, ',', chunk);
    REQUIRE(r.records.size() == 3);
    REQUIRE(r.records[1].fields.size() == 10000);
    CHECK(r.records[1].fields[0] == "0");
    CHECK(r.records[1].fields[9999] == "9999");
    CHECK(r.records[2].fields == Fields{"last"});
  }
  CHECK(retention::csv::sniff(data).delimiter == ',');
}

TEST_CASE("a field of 1 MB, quoted with doubled quotes and line breaks") {
  std::string value;
  for (int i = 0; value.size() < (1u << 20); ++i) {
    value += (i % 100 == 99) ? "\"\n" : "abcdefghij";
  }
  const std::string data = "id,blob\n1," + retention::csv::quote_field(value) + ",x\n";
  for (std::size_t chunk : {std::size_t{1000}, std::size_t{65536}, kWhole}) {
    const auto r = read(data, ',', chunk);
    REQUIRE(r.records.size() == 2);
    REQUIRE(r.records[1].fields.size() == 3);
    CHECK(r.records[1].fields[1] == value);
    CHECK(r.records[1].issue == RecordIssue::none);
    CHECK(r.records[1].line_end - r.records[1].line ==
          static_cast<std::uint64_t>(std::count(value.begin(), value.end(), '\n')));
  }
}

TEST_CASE("max_record_bytes: a long record is reported and the reader resynchronises") {
  const std::string big(500, 'x');
  const std::string data = "a,b\n1," + big + "\n2,short\n3,\"" + big + "\nstill quoted\"\n4,ok\n";
  for (std::size_t chunk : {std::size_t{1}, std::size_t{16}, std::size_t{100}, kWhole}) {
    CAPTURE(chunk);
    const auto r = read(data, ',', chunk, 300);
    REQUIRE(r.records.size() == 5);
    CHECK(r.records[1].issue == RecordIssue::too_long);
    CHECK(r.records[1].fields.empty());
    CHECK(r.records[1].raw.empty());
    CHECK(r.records[1].line == 2);
    CHECK(r.records[2].fields == Fields{"2", "short"});
    // The quoted line break does not end the skipped record.
    CHECK(r.records[3].issue == RecordIssue::too_long);
    CHECK(r.records[3].line == 4);
    CHECK(r.records[3].line_end == 5);
    CHECK(r.records[4].fields == Fields{"4", "ok"});
    CHECK(r.records[4].line == 6);
  }
}

TEST_CASE("max_record_bytes: a quote that never closes does not swallow the file") {
  std::string data = "a,b\n1,\"never closed\n";
  for (int i = 0; i < 100; ++i) data += "row" + std::to_string(i) + ",x\n";
  // Reported as too long, then lines are read again from the first line end 2 x 256 bytes after
  // the record's start, whatever the chunks.
  const auto r = read(data, ',', 64, 256);
  // The cap (byte 516) falls inside row63 (line 66): rows 64..99 are read again.
  REQUIRE(r.records.size() == 38);
  CHECK(r.records[1].line == 2);
  CHECK(r.records[1].line_end == 66);
  CHECK(r.records[2].fields == Fields{"row64", "x"});
  CHECK(r.records[2].line == 67);
  CHECK(r.records == read(data, ',', 1, 256).records);
  CHECK(r.records == read(data, ',', kWhole, 256).records);
  CHECK(r.records[1].issue == RecordIssue::too_long);
  CHECK(r.records.back().fields == Fields{"row99", "x"});
  CHECK(r.records.back().line == 102);
  for (std::size_t i = 2; i < r.records.size(); ++i) CHECK(r.records[i].fields.size() == 2);
  // The whole file is accounted for: records plus blank lines cover every line.
  const auto& resumed = r.records[2];
  CHECK(resumed.line == r.records[1].line_end + 1);
}

TEST_CASE("max_record_bytes: too many fields count as too long") {
  const std::string data = "a\n" + std::string(100, ',') + "\nb\n";
  const auto r = read(data, ',', kWhole, 64 * 32);  // at most 64 fields
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[1].issue == RecordIssue::too_long);
  CHECK(r.records[2].fields == Fields{"b"});
  const auto fits = read(data, ',', kWhole, 102 * 32);
  REQUIRE(fits.records.size() == 3);
  CHECK(fits.records[1].fields.size() == 101);
}

TEST_CASE("Reader: counters, finish twice, odd delimiters") {
  Reader reader(ReaderOptions{});
  Collect sink;
  reader.feed("a,b\n\nc,d", sink);
  CHECK(reader.records() == 1);
  CHECK(reader.blank_lines() == 1);
  CHECK(reader.bytes() == 8);
  reader.finish(sink);
  reader.finish(sink);
  CHECK(reader.records() == 2);
  CHECK(sink.records.size() == 2);
  // A quote or line end cannot be a delimiter: the reader falls back to ','.
  const auto r = read("a,b\"c\n", '"');
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].fields == Fields{"a", "b\"c"});
  // Quotes start a quoted field in the ' ' dialect too.
  const auto s = read("  \"a b\"  c\t\"\"  \n", ' ');
  REQUIRE(s.records.size() == 1);
  CHECK(s.records[0].fields == Fields{"a b", "c", ""});
  // A lone CR at the end of a chunk followed by LF in the next is one line end.
  const auto cr = read("a\r\nb\r\n", ',', 2);
  REQUIRE(cr.records.size() == 2);
  CHECK(cr.records[1].line == 2);
  CHECK(cr.blank_lines == 0);
}
