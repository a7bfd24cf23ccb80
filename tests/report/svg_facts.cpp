#include "svg_facts.hpp"

#include <expat.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>

namespace tvp::report::test {
namespace {

struct ParseState {
  SvgFacts facts;
  int depth = 0;
  int series_depth = -1;  // depth of the open <g class="series">, -1 when outside one
};

// A browser silently skips a shape whose coordinate is NaN, so "NaN" in geometry must fail a test.
bool finite_numbers(const char* value) {
  const std::string s = value;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == ',') {
      ++i;
      continue;
    }
    char* end = nullptr;
    const double v = std::strtod(s.c_str() + i, &end);
    if (end == s.c_str() + i || !std::isfinite(v)) return false;
    i = static_cast<std::size_t>(end - s.c_str());
  }
  return true;
}

int count_vertices(const char* points) {
  int n = 0;
  for (const char* p = points; *p; ++p) n += *p == ',' ? 1 : 0;
  return n;
}

void on_start(void* user, const XML_Char* name, const XML_Char** attrs) {
  auto* st = static_cast<ParseState*>(user);
  const std::string tag = name;
  std::map<std::string, std::string> a;
  for (int i = 0; attrs[i]; i += 2) a[attrs[i]] = attrs[i + 1];
  static const std::set<std::string> kGeometry{"x",  "y",  "x1",    "x2",     "y1", "y2",
                                               "cx", "cy", "width", "height", "r",  "points"};
  for (const auto& [key, value] : a) {
    if (kGeometry.count(key) && !(tag == "svg" && key != "width" && key != "height") &&
        value.find('%') == std::string::npos && !finite_numbers(value.c_str())) {
      st->facts.bad_numbers.push_back(tag + " " + key + "=\"" + value + "\"");
    }
  }
  if (st->depth == 0) {
    st->facts.root = tag;
    st->facts.root_attrs = a;
  }
  ++st->depth;
  const std::string cls = a.count("class") ? a["class"] : "";
  if (tag == "g" && cls.find("series") != std::string::npos && st->series_depth < 0) {
    SeriesFacts s;
    s.name = a.count("data-series") ? a["data-series"] : "";
    s.reference = cls.find("reference") != std::string::npos;
    s.declared_points = a.count("data-points") ? std::atoi(a["data-points"].c_str()) : -1;
    st->facts.series.push_back(s);
    st->series_depth = st->depth;
    return;
  }
  if (tag == "g" && a.count("data-reference")) st->facts.references.push_back(a["data-reference"]);
  if (st->series_depth > 0) {
    SeriesFacts& s = st->facts.series.back();
    if (a.count("data-point")) ++s.markers;
    if (tag == "polyline" && a.count("points")) {
      s.polyline_vertices = count_vertices(a["points"].c_str());
      s.stroke = a.count("stroke") ? a["stroke"] : "";
    }
    if (a.count("data-whisker")) {
      WhiskerFacts w;
      w.interval = a.count("data-interval") ? a["data-interval"] : "";
      double x = NAN;
      if (std::sscanf(a["d"].c_str(), "M%lf,%lfV%lf", &x, &w.from_y, &w.to_y) != 3 ||
          !std::isfinite(x) || !std::isfinite(w.from_y) || !std::isfinite(w.to_y)) {
        st->facts.bad_numbers.push_back("path d=\"" + a["d"] + "\"");
      }
      s.whiskers.push_back(w);
    }
  }
}

void on_end(void* user, const XML_Char*) {
  auto* st = static_cast<ParseState*>(user);
  if (st->depth == st->series_depth) st->series_depth = -1;
  --st->depth;
}

}  // namespace

SvgFacts read_svg(const std::string& text) {
  ParseState st;
  const std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(
      XML_ParserCreate("UTF-8"), &XML_ParserFree);
  XML_SetUserData(parser.get(), &st);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  if (XML_Parse(parser.get(), text.data(), static_cast<int>(text.size()), 1) == XML_STATUS_ERROR) {
    st.facts.error = std::string(XML_ErrorString(XML_GetErrorCode(parser.get()))) + " at line " +
                     std::to_string(XML_GetCurrentLineNumber(parser.get()));
    return st.facts;
  }
  st.facts.well_formed = true;
  return st.facts;
}

}  // namespace tvp::report::test
