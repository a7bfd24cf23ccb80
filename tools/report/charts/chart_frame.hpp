// The parts every chart shares: page size, title block, log-scale axes with gridlines, horizontal
// reference rules, markers and the legend. Line and bar charts differ only in what they draw
// inside the plot area.
#pragma once

#include <string>
#include <vector>

#include "charts/chart_style.hpp"
#include "charts/log_axis.hpp"
#include "charts/svg_document.hpp"

namespace tvp::report {

// What a chart says about itself in words; the SVG <title>, the heading and the axis titles.
struct ChartText {
  std::string id;        // file stem and HTML anchor, e.g. "latency-cross_core"
  std::string title;     // "Round-trip latency, cross_core"
  std::string subtitle;  // one line of context: what is measured, which statistic
  std::string x_title;   // with unit, e.g. "message size (bytes)"
  std::string y_title;
};

// A horizontal line across the plot at `y`, e.g. the floor or ratio = 1.
struct Rule {
  std::string label;
  double y;
};

struct LegendEntry {
  enum class Sample { line, box, rule };  // a series line with marker, a bar colour, a reference
  std::string label;
  std::string colour;
  std::string dash;  // stroke-dasharray; empty = solid
  Marker marker = Marker::circle;
  Sample sample = Sample::line;
};

// Rules are labelled in the legend, not on the plot, where the label would cover data.
void add_rule_entries(std::vector<LegendEntry>& legend, const std::vector<Rule>& rules);

struct PlotArea {
  double left, top, width, height;
  double right() const { return left + width; }
  double bottom() const { return top + height; }
};

// Layout for a chart with `legend` on the right (as wide as its longest label needs) and room for
// `x_label_height` pixels of x tick labels (bars have long, slanted category names).
struct Layout {
  double width;
  double height;
  PlotArea plot;
};
Layout layout_for(const std::vector<LegendEntry>& legend, double x_label_height = 36);

// Approximate rendered width of `text` at font size 12 (no font metrics in a hand-written SVG).
double text_width(const std::string& text);

// An SVG with the root attributes the HTML render check reads: data-chart (id) and
// data-series-count (how many <g class="series"> must have drawn geometry).
SvgDocument start_chart(const Layout& layout, const ChartText& text, std::size_t series_count);

void draw_titles(SvgDocument& svg, const Layout& layout, const ChartText& text);
void draw_y_axis(SvgDocument& svg, const PlotArea& plot, const LogAxis& axis);
void draw_x_axis(SvgDocument& svg, const PlotArea& plot, const LogAxis& axis);
void draw_plot_border(SvgDocument& svg, const PlotArea& plot);
void draw_rules(SvgDocument& svg, const PlotArea& plot, const LogAxis& y_axis,
                const std::vector<Rule>& rules);
void draw_legend(SvgDocument& svg, const Layout& layout, const std::vector<LegendEntry>& entries);

// One marker with a tooltip (<title>) naming the point, so hovering in a browser reads the value.
void draw_marker(SvgDocument& svg, Marker marker, double x, double y, const std::string& colour,
                 const std::string& tooltip);

}  // namespace tvp::report
