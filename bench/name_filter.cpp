#include "name_filter.hpp"

#include "options.hpp"

namespace tvp::bench {

NameFilter::NameFilter(std::string spec) {
  std::string_view pattern = spec;
  if (pattern.empty() || pattern == "all") pattern = ".";
  if (pattern.front() == '-') {
    negative_ = true;
    pattern.remove_prefix(1);
  }
  try {
    re_ = std::regex(pattern.begin(), pattern.end(), std::regex::extended | std::regex::nosubs);
  } catch (const std::regex_error& e) {
    std::string msg = "--benchmark_filter: '";
    msg += spec;
    msg += "' is not a regular expression (";
    msg += e.what();
    msg += ")";
    throw UsageError(msg);
  }
}

bool NameFilter::matches(const std::string& name) const {
  return std::regex_search(name, re_) != negative_;
}

}  // namespace tvp::bench
