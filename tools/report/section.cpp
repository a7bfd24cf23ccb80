#include "section.hpp"

namespace tvp::report {

Table make_table(std::string title, std::vector<std::string> columns, std::size_t text_columns) {
  Table t;
  t.title = std::move(title);
  t.numeric.assign(columns.size(), true);
  for (std::size_t i = 0; i < text_columns && i < columns.size(); ++i) t.numeric[i] = false;
  t.columns = std::move(columns);
  return t;
}

}  // namespace tvp::report
