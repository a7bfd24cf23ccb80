#include "writers/report_files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "writers/html_writer.hpp"
#include "writers/markdown_writer.hpp"

namespace tvp::report {
namespace {

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw OutputError(path.string() + ": cannot write: " + std::strerror(errno));
  out << content;
  out.close();
  if (!out) throw OutputError(path.string() + ": write failed: " + std::strerror(errno));
}

}  // namespace

WrittenReport write_report_files(const std::filesystem::path& dir, const Dataset& data,
                                 const std::vector<Section>& sections,
                                 const std::string& generated) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError(dir.string() + ": cannot create output folder: " + ec.message());
  if (!std::filesystem::is_directory(dir)) {
    throw OutputError(dir.string() + ": output path exists and is not a folder");
  }
  WrittenReport written;
  for (const Section& s : sections) {
    for (const RenderedChart& c : s.charts) {
      write_file(dir / (c.id + ".svg"), c.svg);
      ++written.charts;
    }
    written.tables += s.tables.size();
  }
  write_file(dir / "summary.md", markdown_summary(data, sections, generated));
  written.index_html = dir / "index.html";
  write_file(written.index_html, html_page(data, sections, generated));
  return written;
}

}  // namespace tvp::report
