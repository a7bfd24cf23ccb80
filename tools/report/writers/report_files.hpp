// Writing the output folder: one SVG per chart, summary.md and index.html.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/dataset.hpp"
#include "figures/section.hpp"

namespace tvp::report {

// The output folder cannot be created or a file in it cannot be written: one line naming the path
// and the system's reason. The tool exits 2.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WrittenReport {
  std::filesystem::path index_html;
  std::size_t charts = 0;
  std::size_t tables = 0;
};

// Creates `dir` (and parents) if needed and writes <chart id>.svg, summary.md and index.html.
// Files from an earlier run that this run does not produce are left alone.
WrittenReport write_report_files(const std::filesystem::path& dir, const Dataset& data,
                                 const std::vector<Section>& sections,
                                 const std::string& generated);

}  // namespace tvp::report
