// Shared by the command-line fuzz targets (issue 15): a fuzz input as a program's argv. The input is
// split on NUL bytes, as the kernel hands arguments to main, so an argument may hold anything else
// (newlines, '=', spaces, non-UTF-8). argv[0] is the program's name; argv[argc] is a null pointer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tvp::fuzz {

inline void check(bool ok) {
  if (!ok) __builtin_trap();
}

// A one-line message: no line break anywhere (the project's error rule), not empty.
inline bool one_line(std::string_view s) {
  return !s.empty() && s.find('\n') == std::string_view::npos &&
         s.find('\r') == std::string_view::npos;
}

class Argv {
 public:
  // At most kMaxArgs arguments after argv[0]: more only repeats what the parsers already saw.
  static constexpr std::size_t kMaxArgs = 64;

  Argv(const std::uint8_t* data, std::size_t size, const char* program) {
    args_.emplace_back(program);
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    if (!rest.empty()) {
      if (rest.back() == '\0') rest.remove_suffix(1);  // a final NUL ends the last argument
      for (;;) {
        const std::size_t nul = rest.find('\0');
        args_.emplace_back(rest.substr(0, nul));
        if (nul == std::string_view::npos || args_.size() > kMaxArgs) break;
        rest.remove_prefix(nul + 1);
      }
    }
    for (std::string& a : args_) ptrs_.push_back(a.data());
    ptrs_.push_back(nullptr);
  }

  int argc() const { return static_cast<int>(args_.size()); }
  char** argv() { return ptrs_.data(); }
  // The arguments as given (a parser may reorder argv's pointers; these stay).
  const std::vector<std::string>& args() const { return args_; }

  // Whether an argument before any "--" asks for help: a necessary condition for a parser to
  // print help instead of running or failing.
  bool asks_for_help() const {
    for (std::size_t i = 1; i < args_.size(); ++i) {
      const std::string_view a = args_[i];
      if (a == "--") return false;
      if (a.substr(0, 2) == "-h" || a.substr(0, 6) == "--help") return true;
    }
    return false;
  }

 private:
  std::vector<std::string> args_;
  std::vector<char*> ptrs_;
};

}  // namespace tvp::fuzz
