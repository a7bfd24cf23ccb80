#include "figures/section.hpp"

namespace tvp::report {

Table make_table(std::string title, std::vector<std::string> columns, std::size_t text_columns) {
  Table t;
  t.title = std::move(title);
  t.numeric.assign(columns.size(), true);
  for (std::size_t i = 0; i < text_columns && i < columns.size(); ++i) t.numeric[i] = false;
  t.columns = std::move(columns);
  return t;
}

std::string Table::column_with_group(std::size_t i) const {
  std::size_t first = 0;
  for (const auto& [label, span] : column_groups) {
    if (i < first + span) return label.empty() ? columns.at(i) : label + " " + columns.at(i);
    first += span;
  }
  return columns.at(i);
}

}  // namespace tvp::report
