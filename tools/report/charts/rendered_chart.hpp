// A chart after drawing: what the writers (SVG file, Markdown, HTML) need to place it.
#pragma once

#include <cstddef>
#include <string>

namespace tvp::report {

struct RenderedChart {
  std::string id;          // file stem: <id>.svg
  std::string title;       // alt text and figure caption
  std::string caption;     // one sentence under the chart: how to read it
  std::string svg;         // standalone SVG document (with XML declaration)
  std::string inline_svg;  // the same without the declaration, for index.html
  std::size_t series_count = 0;
};

}  // namespace tvp::report
