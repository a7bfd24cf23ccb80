// --benchmark_filter applied to the paired families, with Google Benchmark's own semantics
// (benchmark_register.cc, re.h): "" and "all" match everything, a leading '-' negates, the rest is
// a POSIX extended regular expression searched anywhere in the full name.
#pragma once

#include <regex>
#include <string>

namespace tvp::bench {

class NameFilter {
 public:
  // Throws UsageError when `spec` is not a regular expression.
  explicit NameFilter(std::string spec);
  bool matches(const std::string& name) const;

 private:
  std::regex re_;
  bool negative_ = false;
};

}  // namespace tvp::bench
