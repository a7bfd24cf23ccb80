// Google Benchmark 1.7.1's JSON writer prints non-finite doubles as bare NaN / -NaN / Infinity /
// -Infinity (a counter that is 0 in every repetition yields NaN in its _cv aggregate). nlohmann
// rejects those tokens, so they become `null` before parsing. Only tokens outside string literals
// are touched: a benchmark label or error message may legitimately contain the word "NaN".
#include <array>
#include <cctype>

#include "tvp/gbjson.hpp"

namespace tvp::gbjson {
namespace {

bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_' || c == '.';
}

}  // namespace

std::string replace_non_finite(std::string_view text, std::vector<std::size_t>* grown_at) {
  // Longest first so "-Infinity" wins over nothing and "-NaN" over "NaN" at the same position.
  static constexpr std::array<std::string_view, 4> kTokens = {"-Infinity", "Infinity", "-NaN",
                                                              "NaN"};
  std::string out;
  out.reserve(text.size() + 16);
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out.push_back(c);
      ++i;
      continue;
    }
    bool replaced = false;
    if ((c == 'N' || c == 'I' || c == '-') && (i == 0 || !is_word_char(text[i - 1]))) {
      for (const std::string_view token : kTokens) {
        const std::size_t end = i + token.size();
        if (text.substr(i, token.size()) != token) continue;
        if (end < text.size() && is_word_char(text[end])) continue;
        if (token.size() < 4 && grown_at != nullptr) grown_at->push_back(out.size());
        out += "null";
        out.append(token.size() > 4 ? token.size() - 4 : 0, ' ');
        i = end;
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

}  // namespace tvp::gbjson
