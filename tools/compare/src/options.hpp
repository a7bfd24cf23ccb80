// Command line of tvp-compare.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "compare.hpp"

namespace tvp::compare {

struct Options {
  std::string baseline;
  std::string current;
  std::vector<std::string> metrics;  // default {"real_time"}
  bool markdown = false;
  CompareOptions compare;
};

// The longest --filter or --normalize-by pattern accepted (see options.cpp).
inline constexpr std::size_t kMaxFilterChars = 4096;

enum class ParseOutcome { run, help_printed, bad_usage };

// Parses argv. On bad usage writes ONE line "tvp-compare: <reason>" to `err`; on --help writes
// the help text to `out`.
ParseOutcome parse_options(int argc, const char* const* argv, Options& options, std::ostream& out,
                           std::ostream& err);

}  // namespace tvp::compare
