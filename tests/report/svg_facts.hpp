// Reads an SVG with a real XML parser (expat) and collects what the tests assert on: whether it is
// well-formed, the root's attributes, and each drawn series with its marker and vertex counts.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace tvp::report::test {

// A whisker (<path data-whisker>) inside a series: the interval it says it draws and the pixel
// rows its vertical stroke spans ("M x,from V to").
struct WhiskerFacts {
  std::string interval;  // data-interval, e.g. "1.31×–1.45×"
  double from_y = 0;     // pixel y of the low end (larger: SVG y grows downwards)
  double to_y = 0;       // pixel y of the high end
};

struct SeriesFacts {
  std::string name;            // data-series
  bool reference = false;      // class contains "reference"
  int declared_points = -1;    // data-points
  int markers = 0;             // descendants with data-point
  int polyline_vertices = -1;  // -1 when the series has no polyline (bars)
  std::string stroke;          // the polyline's stroke colour; "" when it has none (bars)
  std::vector<WhiskerFacts> whiskers;
};

struct SvgFacts {
  bool well_formed = false;
  std::string error;  // expat's message and line when not well-formed
  std::string root;   // name of the root element
  std::map<std::string, std::string> root_attrs;
  std::vector<SeriesFacts> series;
  std::vector<std::string> references;   // data-reference of the horizontal rules
  std::vector<std::string> bad_numbers;  // geometry attributes that are not finite numbers
};

SvgFacts read_svg(const std::string& text);

}  // namespace tvp::report::test
