// The report's content independent of its format: sections of charts, tables and notes that the
// Markdown and HTML writers both render, so the two cannot disagree.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "charts/rendered_chart.hpp"

namespace tvp::report {

struct Table {
  std::string title;
  std::vector<std::string> columns;
  std::vector<bool> numeric;  // per column: right-aligned
  std::vector<std::vector<std::string>> rows;
  std::string note;  // one line under the table (what the figures are), may be empty
  // Optional header over the columns, left to right: (label, columns it spans), e.g. {"", 1},
  // {"cross_core", 3}. HTML draws it as a header row; Markdown, which has one header row, writes
  // "cross_core 8 B" in each column it spans.
  std::vector<std::pair<std::string, std::size_t>> column_groups;

  // The header of column `i` with its group, as one line of text: "cross_core 8 B".
  std::string column_with_group(std::size_t i) const;
};

struct Section {
  Section() = default;
  // The heading every builder opens with; a section that gets no chart, table or note stays
  // empty() and is dropped, so a builder returns it as is when the reports have nothing for it.
  Section(std::string anchor, std::string heading, std::string text = "")
      : id(std::move(anchor)), title(std::move(heading)), intro(std::move(text)) {}

  std::string id;  // HTML anchor
  std::string title;
  std::string intro;  // one or two sentences: what was measured and how to read it
  std::vector<RenderedChart> charts;
  std::vector<Table> tables;
  // Things the reader must know that are not in a chart: data that could not be drawn and why.
  std::vector<std::string> notes;

  bool empty() const { return charts.empty() && tables.empty() && notes.empty(); }
};

// Shorthand for a table whose first `text_columns` columns are names and the rest figures.
Table make_table(std::string title, std::vector<std::string> columns, std::size_t text_columns);

}  // namespace tvp::report
