// tvp-transport-names-check ROOT DIR... [--allow=PATH]...
//
// Keeps the registry the single source of a transport's identity (issue 14): fails when the name of
// a registry row appears as a string literal in the given folders (bench/, tools/, scripts/) — in a
// C++ string literal, or anywhere outside a comment in a shell or CMake file (a shell regex names
// transports without quotes). Code must take names from tvp::all_transports(), the report's context
// or tvp-bench --tvp_list_transports instead. The names are read from the registry itself, so a
// new row is checked without touching this file.
//
// Exit: 0 clean, 1 names found (one line each: path:line: name), 2 bad input.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tvp/transport.hpp"

namespace {

namespace fs = std::filesystem;

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// The registry names found in `text` as whole tokens: not part of a longer identifier
// ("pipe_max_size", "pipe-max-size" and "pipe2" are not the pipe transport).
std::vector<std::string_view> names_in(std::string_view text) {
  std::vector<std::string_view> found;
  for (const tvp::TransportInfo& t : tvp::all_transports()) {
    for (std::size_t at = text.find(t.name); at != std::string_view::npos;
         at = text.find(t.name, at + 1)) {
      const std::size_t end = at + t.name.size();
      if ((at == 0 || !is_word_char(text[at - 1])) &&
          (end == text.size() || !is_word_char(text[end]))) {
        found.push_back(t.name);
        break;
      }
    }
  }
  return found;
}

struct Literal {
  std::size_t line;
  std::string text;
};

// The string literals of a C++ source, comments and character literals skipped.
std::vector<Literal> cpp_literals(const std::string& src) {
  std::vector<Literal> out;
  std::size_t line = 1;
  for (std::size_t i = 0; i < src.size(); ++i) {
    const char c = src[i];
    if (c == '\n') {
      ++line;
    } else if (c == '/' && i + 1 < src.size() && src[i + 1] == '/') {
      while (i < src.size() && src[i] != '\n') ++i;
      --i;  // let the loop see the newline
    } else if (c == '/' && i + 1 < src.size() && src[i + 1] == '*') {
      for (i += 2; i + 1 < src.size() && !(src[i] == '*' && src[i + 1] == '/'); ++i)
        if (src[i] == '\n') ++line;
      ++i;
    } else if (c == 'R' && i + 1 < src.size() && src[i + 1] == '"' &&
               (i == 0 || !is_word_char(src[i - 1]))) {
      // Raw string R"delim( ... )delim"
      const std::size_t open = src.find('(', i + 2);
      if (open == std::string::npos) break;
      const std::string close = ")" + src.substr(i + 2, open - i - 2) + "\"";
      const std::size_t end = src.find(close, open);
      const std::size_t stop = end == std::string::npos ? src.size() : end;
      out.push_back({line, src.substr(open + 1, stop - open - 1)});
      line += static_cast<std::size_t>(std::count(src.begin() + static_cast<long>(i),
                                                  src.begin() + static_cast<long>(stop), '\n'));
      i = end == std::string::npos ? src.size() : end + close.size() - 1;
    } else if (c == '\'' && i > 0 && std::isalnum(static_cast<unsigned char>(src[i - 1]))) {
      // a digit separator (10'000), not a character literal
    } else if (c == '"' || c == '\'') {
      std::string text;
      const std::size_t start_line = line;
      for (++i; i < src.size() && src[i] != c; ++i) {
        if (src[i] == '\\' && i + 1 < src.size()) {
          text += src[i];
          ++i;
        }
        if (src[i] == '\n') ++line;
        text += src[i];
      }
      if (c == '"') out.push_back({start_line, text});
    }
  }
  return out;
}

// Every line of a shell or CMake file without its comment (a '#' outside quotes, at the start or
// after whitespace).
std::vector<Literal> script_lines(const std::string& src) {
  std::vector<Literal> out;
  std::istringstream in(src);
  std::size_t n = 0;
  for (std::string l; std::getline(in, l);) {
    ++n;
    char quote = 0;
    for (std::size_t i = 0; i < l.size(); ++i) {
      const char c = l[i];
      if (quote != 0) {
        if (c == '\\' && quote == '"')
          ++i;
        else if (c == quote)
          quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#' && (i == 0 || l[i - 1] == ' ' || l[i - 1] == '\t')) {
        l.resize(i);
        break;
      }
    }
    out.push_back({n, l});
  }
  return out;
}

bool is_cpp(const fs::path& p) {
  const auto e = p.extension();
  return e == ".cpp" || e == ".hpp" || e == ".cc" || e == ".h";
}
bool is_script(const fs::path& p) {
  const auto e = p.extension();
  return e == ".sh" || e == ".cmake" || p.filename() == "CMakeLists.txt";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: tvp-transport-names-check ROOT DIR... [--allow=PATH]...\n");
    return 2;
  }
  const fs::path root = argv[1];
  std::vector<fs::path> dirs;
  std::vector<std::string> allowed;
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a.rfind("--allow=", 0) == 0)
      allowed.emplace_back(a.substr(8));
    else
      dirs.push_back(root / a);
  }
  std::vector<fs::path> files;
  for (const fs::path& d : dirs) {
    if (!fs::is_directory(d)) {
      std::fprintf(stderr, "tvp-transport-names-check: %s: not a folder\n", d.c_str());
      return 2;
    }
    for (const auto& e : fs::recursive_directory_iterator(d))
      if (e.is_regular_file() && (is_cpp(e.path()) || is_script(e.path())))
        files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  int hits = 0;
  for (const fs::path& f : files) {
    const std::string rel = fs::relative(f, root).generic_string();
    if (std::find(allowed.begin(), allowed.end(), rel) != allowed.end()) continue;
    std::ifstream in(f, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string src = buf.str();
    for (const Literal& l : is_cpp(f) ? cpp_literals(src) : script_lines(src))
      for (std::string_view name : names_in(l.text)) {
        std::printf("%s:%zu: transport name '%.*s' outside the registry\n", rel.c_str(), l.line,
                    static_cast<int>(name.size()), name.data());
        ++hits;
      }
  }
  if (hits > 0) {
    std::printf(
        "tvp-transport-names-check: %d transport name(s) outside lib/src/transport_registry.cpp: "
        "take "
        "them from tvp::all_transports(), the report context (tvp_transports, "
        "tvp_transport_colours) or tvp-bench --tvp_list_transports\n",
        hits);
    return 1;
  }
  std::printf("tvp-transport-names-check: %zu files, no transport name outside the registry\n",
              files.size());
  return 0;
}
