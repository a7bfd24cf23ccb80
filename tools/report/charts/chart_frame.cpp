#include "charts/chart_frame.hpp"

#include <algorithm>
#include <cmath>

namespace tvp::report {
namespace {

constexpr double kPlotWidth = 560;
constexpr double kPlotHeight = 340;
constexpr double kLeft = 84;  // room for "100 µs" tick labels and the rotated y title
constexpr double kTop = 62;   // title + subtitle
constexpr double kMinLegendWidth = 120;
constexpr double kLegendRow = 18;
constexpr const char* kGrid = "#e3e3e3";
constexpr const char* kInk = "#222222";
constexpr const char* kRuleDash = "2 4";

}  // namespace

double text_width(const std::string& text) {
  // Average advance of Helvetica/Arial at 12 px is about 6.2 px; count UTF-8 code points, not
  // bytes.
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80 ? 1 : 0;
  return 6.4 * static_cast<double>(chars);
}

Layout layout_for(const std::vector<LegendEntry>& legend, double x_label_height) {
  // The legend sits right of the plot; a long legend makes the chart taller rather than overflow.
  double legend_width = kMinLegendWidth;
  for (const LegendEntry& e : legend)
    legend_width = std::max(legend_width, 56 + text_width(e.label));
  const double legend_height = static_cast<double>(legend.size()) * kLegendRow + 24;
  const double plot_height = std::max(kPlotHeight, legend_height);
  const double bottom = x_label_height + 30;  // tick labels + x title
  return Layout{kLeft + kPlotWidth + legend_width, kTop + plot_height + bottom,
                PlotArea{kLeft, kTop, kPlotWidth, plot_height}};
}

SvgDocument start_chart(const Layout& layout, const ChartText& text, std::size_t series_count) {
  return SvgDocument(layout.width, layout.height, text.title,
                     {{"class", "tvp-chart"},
                      {"data-chart", text.id},
                      {"data-series-count", std::to_string(series_count)}});
}

void draw_titles(SvgDocument& svg, const Layout& layout, const ChartText& text) {
  svg.element(
      "text",
      {{"x", px(kLeft)}, {"y", "24"}, {"font-size", "16"}, {"font-weight", "bold"}, {"fill", kInk}},
      text.title);
  if (!text.subtitle.empty()) {
    svg.element("text", {{"x", px(kLeft)}, {"y", "44"}, {"fill", "#555555"}}, text.subtitle);
  }
  const PlotArea& p = layout.plot;
  svg.element("text",
              {{"x", px(p.left + p.width / 2)},
               {"y", px(layout.height - 10)},
               {"text-anchor", "middle"},
               {"fill", kInk}},
              text.x_title);
  const std::string cx = "18";
  const std::string cy = px(p.top + p.height / 2);
  svg.element("text",
              {{"x", cx},
               {"y", cy},
               {"text-anchor", "middle"},
               {"fill", kInk},
               {"transform", "rotate(-90 " + cx + " " + cy + ")"}},
              text.y_title);
}

void draw_y_axis(SvgDocument& svg, const PlotArea& plot, const LogAxis& axis) {
  svg.open("g", {{"class", "y-axis"}});
  for (const Tick& t : axis.ticks()) {
    const std::string y = px(axis.to_pixel(t.value));
    const bool major = !t.label.empty();
    svg.element("line", {{"x1", px(plot.left)},
                         {"x2", px(plot.right())},
                         {"y1", y},
                         {"y2", y},
                         {"stroke", kGrid},
                         {"stroke-width", major ? "1" : "0.5"}});
    svg.element("line", {{"x1", px(plot.left - (major ? 6 : 3))},
                         {"x2", px(plot.left)},
                         {"y1", y},
                         {"y2", y},
                         {"stroke", kInk}});
    if (major) {
      svg.element("text",
                  {{"x", px(plot.left - 9)},
                   {"y", px(axis.to_pixel(t.value) + 4)},
                   {"text-anchor", "end"},
                   {"fill", kInk}},
                  t.label);
    }
  }
  svg.close();
}

void draw_x_axis(SvgDocument& svg, const PlotArea& plot, const LogAxis& axis) {
  svg.open("g", {{"class", "x-axis"}});
  for (const Tick& t : axis.ticks()) {
    const std::string x = px(axis.to_pixel(t.value));
    const bool major = !t.label.empty();
    svg.element("line", {{"x1", x},
                         {"x2", x},
                         {"y1", px(plot.top)},
                         {"y2", px(plot.bottom())},
                         {"stroke", kGrid},
                         {"stroke-width", major ? "1" : "0.5"}});
    svg.element("line", {{"x1", x},
                         {"x2", x},
                         {"y1", px(plot.bottom())},
                         {"y2", px(plot.bottom() + (major ? 6 : 3))},
                         {"stroke", kInk}});
    if (major) {
      svg.element(
          "text",
          {{"x", x}, {"y", px(plot.bottom() + 20)}, {"text-anchor", "middle"}, {"fill", kInk}},
          t.label);
    }
  }
  svg.close();
}

void draw_plot_border(SvgDocument& svg, const PlotArea& plot) {
  svg.element("rect", {{"x", px(plot.left)},
                       {"y", px(plot.top)},
                       {"width", px(plot.width)},
                       {"height", px(plot.height)},
                       {"fill", "none"},
                       {"stroke", kInk}});
}

void draw_rules(SvgDocument& svg, const PlotArea& plot, const LogAxis& y_axis,
                const std::vector<Rule>& rules) {
  for (const Rule& r : rules) {
    const double y = y_axis.to_pixel(r.y);
    svg.open("g", {{"class", "reference"}, {"data-reference", r.label}});
    svg.open("line", {{"x1", px(plot.left)},
                      {"x2", px(plot.right())},
                      {"y1", px(y)},
                      {"y2", px(y)},
                      {"stroke", kReferenceColour},
                      {"stroke-width", "1.5"},
                      {"stroke-dasharray", kRuleDash}});
    svg.element("title", {}, r.label);
    svg.close();
    svg.close();
  }
}

void draw_marker(SvgDocument& svg, Marker marker, double x, double y, const std::string& colour,
                 const std::string& tooltip) {
  constexpr double r = 3.5;
  const std::string sx = px(x), sy = px(y);
  std::vector<Attr> attrs{{"fill", colour}, {"stroke", colour}, {"data-point", "1"}};
  std::string tag;
  switch (marker) {
    case Marker::circle:
      tag = "circle";
      attrs.insert(attrs.end(), {{"cx", sx}, {"cy", sy}, {"r", px(r)}});
      break;
    case Marker::square:
      tag = "rect";
      attrs.insert(
          attrs.end(),
          {{"x", px(x - r)}, {"y", px(y - r)}, {"width", px(2 * r)}, {"height", px(2 * r)}});
      break;
    case Marker::triangle:
      tag = "polygon";
      attrs.push_back({"points", px(x) + "," + px(y - r - 1) + " " + px(x - r - 0.5) + "," +
                                     px(y + r) + " " + px(x + r + 0.5) + "," + px(y + r)});
      break;
    case Marker::diamond:
      tag = "polygon";
      attrs.push_back({"points", px(x) + "," + px(y - r - 1) + " " + px(x + r + 1) + "," + sy +
                                     " " + px(x) + "," + px(y + r + 1) + " " + px(x - r - 1) + "," +
                                     sy});
      break;
    case Marker::cross:
      tag = "path";
      attrs.push_back({"d", "M" + px(x - r) + "," + px(y - r) + "L" + px(x + r) + "," + px(y + r) +
                                "M" + px(x - r) + "," + px(y + r) + "L" + px(x + r) + "," +
                                px(y - r)});
      attrs.push_back({"stroke-width", "2"});
      break;
  }
  svg.open(tag, attrs);
  svg.element("title", {}, tooltip);
  svg.close();
}

void add_rule_entries(std::vector<LegendEntry>& legend, const std::vector<Rule>& rules) {
  for (const Rule& r : rules) {
    legend.push_back(
        {r.label, kReferenceColour, kRuleDash, Marker::circle, LegendEntry::Sample::rule});
  }
}

void draw_legend(SvgDocument& svg, const Layout& layout, const std::vector<LegendEntry>& entries) {
  const double x = layout.plot.right() + 20;
  double y = layout.plot.top + 6;
  svg.open("g", {{"class", "legend"}});
  for (const LegendEntry& e : entries) {
    if (e.sample == LegendEntry::Sample::box) {
      svg.element("rect", {{"x", px(x + 6)},
                           {"y", px(y - 6)},
                           {"width", "14"},
                           {"height", "12"},
                           {"fill", e.colour}});
    } else {
      std::vector<Attr> line{{"x1", px(x)}, {"x2", px(x + 28)},   {"y1", px(y)},
                             {"y2", px(y)}, {"stroke", e.colour}, {"stroke-width", "2"}};
      if (!e.dash.empty()) line.push_back({"stroke-dasharray", e.dash});
      svg.element("line", line);
      if (e.sample == LegendEntry::Sample::line)
        draw_marker(svg, e.marker, x + 14, y, e.colour, e.label);
    }
    svg.element("text", {{"x", px(x + 36)}, {"y", px(y + 4)}, {"fill", kInk}}, e.label);
    y += kLegendRow;
  }
  svg.close();
}

}  // namespace tvp::report
