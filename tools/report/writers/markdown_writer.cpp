#include "writers/markdown_writer.hpp"

#include "writers/run_headline.hpp"

namespace tvp::report {
namespace {

// A '|' inside a cell would end it; a newline would end the row.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

void write_markdown_table(std::string& md, const Table& t) {
  md += "**" + cell(t.title) + "**\n\n|";
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    md += " " + cell(t.column_with_group(i)) + " |";
  md += "\n|";
  for (std::size_t i = 0; i < t.columns.size(); ++i) md += t.numeric[i] ? " ---: |" : " --- |";
  md += "\n";
  for (const auto& row : t.rows) {
    md += "|";
    for (const std::string& c : row) md += " " + cell(c) + " |";
    md += "\n";
  }
  md += "\n";
  if (!t.note.empty()) md += "_" + t.note + "_\n\n";
}

}  // namespace

std::string markdown_summary(const Dataset& data, const std::vector<Section>& sections,
                             const std::string& generated) {
  std::string md = "# tvp benchmark report\n\n";
  for (const Run& r : data.runs) {
    md += "- **" + r.label + "** (`" + r.path + "`): " + run_headline(r) + "\n";
  }
  md += "\nGenerated " + generated + " by tvp-report. Charts are SVG files beside this summary; " +
        "`index.html` has everything on one page.\n\n";
  for (const Section& s : sections) {
    md += "## " + s.title + "\n\n";
    if (!s.intro.empty()) md += s.intro + "\n\n";
    for (const std::string& note : s.notes) md += "> **Note:** " + note + "\n\n";
    for (const RenderedChart& c : s.charts) {
      md += "![" + c.title + "](" + c.id + ".svg)\n\n";
      if (!c.caption.empty()) md += "_" + c.caption + "_\n\n";
    }
    for (const Table& t : s.tables) write_markdown_table(md, t);
  }
  return md;
}

}  // namespace tvp::report
