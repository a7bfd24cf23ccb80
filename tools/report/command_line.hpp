// tvp-report [--out DIR] [--size BYTES] [--label NAME]... REPORT.json...
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tvp::report {

// A bad flag or value: one line without the program name; the tool exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CommandLine {
  std::filesystem::path out;  // never empty after parsing: the default is filled in
  std::optional<std::uint64_t> size;
  std::vector<std::string> labels;  // empty, or one per report
  std::vector<std::string> reports;
};

// Returns nullopt after printing help for --help. Throws UsageError otherwise.
std::optional<CommandLine> parse_command_line(int argc, const char* const* argv);

// Where the output goes without --out: beside the first report, in a folder named after it
// (results/a.json → results/a/), or after all of them joined by "-vs-" when comparing.
std::filesystem::path default_output_dir(const std::vector<std::string>& reports);

}  // namespace tvp::report
