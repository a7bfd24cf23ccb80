#include "writers/html_writer.hpp"

#include "writers/run_headline.hpp"
#include "charts/svg_document.hpp"

namespace tvp::report {
namespace {

constexpr const char* kStyle = R"(
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1120px;
       padding: 0 16px 48px; line-height: 1.4; }
h1 { margin-bottom: 4px; }
nav ul { columns: 3; padding-left: 18px; }
figure.chart { margin: 16px 0 28px; }
figure.chart svg { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; margin: 8px 0 4px; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th[colspan] { text-align: center; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
p.table-note { color: #555; font-size: 0.85em; margin-top: 0; }
.note { background: #fff6d6; border-left: 4px solid #e0b100; padding: 6px 10px; }
#errors .intro { color: #a40000; font-weight: bold; }
footer { color: #777; font-size: 0.85em; margin-top: 32px; }
)";

// Runs after layout. A chart passes when its <svg> is laid out with a real size and every series
// it declares is visible on screen (a non-empty client rectangle inside the chart, not hidden by
// style) with as many markers as data-points says. getBBox alone is not enough: it measures
// geometry even for an element that display:none keeps off the screen.
constexpr const char* kRenderCheck = R"(
function shown(el) {
  for (; el && el.nodeType === 1; el = el.parentNode) {
    var cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0) return false;
  }
  return true;
}
window.addEventListener('load', function () {
  var problems = [], series = 0;
  var figures = document.querySelectorAll('figure.chart');
  figures.forEach(function (f) {
    var svg = f.querySelector('svg.tvp-chart');
    if (!svg) { problems.push(f.id + ': no svg'); return; }
    var box = svg.getBoundingClientRect();
    if (box.width < 200 || box.height < 150 || !shown(svg)) problems.push(f.id + ': svg not laid out');
    var expected = parseInt(svg.getAttribute('data-series-count'), 10);
    var drawn = 0;
    svg.querySelectorAll('g.series').forEach(function (g) {
      var r = g.getBoundingClientRect();
      var inside = r.width > 0 && r.height > 0 && r.left >= box.left - 1 && r.right <= box.right + 1 &&
                   r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      var points = Array.prototype.filter.call(g.querySelectorAll('[data-point]'), function (p) {
        var pr = p.getBoundingClientRect();
        return pr.width > 0 && pr.height > 0 && shown(p);
      }).length;
      if (inside && shown(g) && points > 0 && points === parseInt(g.getAttribute('data-points'), 10)) drawn++;
      else problems.push(f.id + ': series ' + g.getAttribute('data-series') + ' not drawn');
    });
    if (!(expected > 0) || drawn !== expected)
      problems.push(f.id + ': ' + drawn + ' of ' + expected + ' series drawn');
    series += drawn;
  });
  var want = parseInt(document.body.getAttribute('data-chart-count'), 10);
  if (figures.length !== want) problems.push(figures.length + ' of ' + want + ' charts on the page');
  document.body.setAttribute('data-rendered', problems.length ? 'FAIL ' + problems.join('; ')
      : 'ok charts=' + figures.length + ' series=' + series);
});
)";

std::string esc(const std::string& s) { return xml_escape(s); }

void write_html_table(std::string& html, const Table& t) {
  html += "<table>\n<caption>" + esc(t.title) + "</caption>\n<thead>";
  if (!t.column_groups.empty()) {
    html += "<tr>";
    for (const auto& [label, span] : t.column_groups) {
      html += "<th colspan=\"" + std::to_string(span) + "\">" + esc(label) + "</th>";
    }
    html += "</tr>\n";
  }
  html += "<tr>";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    html += t.numeric[i] ? "<th class=\"num\">" : "<th>";
    html += esc(t.columns[i]) + "</th>";
  }
  html += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    html += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      html += i < t.numeric.size() && t.numeric[i] ? "<td class=\"num\">" : "<td>";
      html += esc(row[i]) + "</td>";
    }
    html += "</tr>\n";
  }
  html += "</tbody>\n</table>\n";
  if (!t.note.empty()) html += "<p class=\"table-note\">" + esc(t.note) + "</p>\n";
}

void write_section(std::string& html, const Section& s) {
  html += "<section id=\"" + esc(s.id) + "\">\n<h2>" + esc(s.title) + "</h2>\n";
  if (!s.intro.empty()) html += "<p class=\"intro\">" + esc(s.intro) + "</p>\n";
  for (const std::string& note : s.notes) html += "<p class=\"note\">" + esc(note) + "</p>\n";
  for (const RenderedChart& c : s.charts) {
    html += "<figure class=\"chart\" id=\"chart-" + esc(c.id) + "\">\n" + c.inline_svg;
    html += "<figcaption>" + esc(c.caption) + " <a href=\"" + esc(c.id) + ".svg\">" + esc(c.id) +
            ".svg</a></figcaption>\n</figure>\n";
  }
  for (const Table& t : s.tables) write_html_table(html, t);
  html += "</section>\n";
}

}  // namespace

std::string html_page(const Dataset& data, const std::vector<Section>& sections,
                      const std::string& generated) {
  std::size_t charts = 0;
  for (const Section& s : sections) charts += s.charts.size();
  std::string title = "tvp report: " + data.runs.front().label;
  for (std::size_t i = 1; i < data.runs.size(); ++i) title += " vs " + data.runs[i].label;

  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<title>" + esc(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n";
  html += "<body data-chart-count=\"" + std::to_string(charts) + "\" data-rendered=\"pending\">\n";
  html += "<h1>" + esc(title) + "</h1>\n<ul class=\"runs\">\n";
  for (const Run& r : data.runs) {
    html += "<li><b>" + esc(r.label) + "</b> (<code>" + esc(r.path) +
            "</code>): " + esc(run_headline(r)) + "</li>\n";
  }
  html += "</ul>\n<nav><ul>\n";
  for (const Section& s : sections) {
    html += "<li><a href=\"#" + esc(s.id) + "\">" + esc(s.title) + "</a></li>\n";
  }
  html += "</ul></nav>\n";
  for (const Section& s : sections) write_section(html, s);
  html += "<footer>Generated " + esc(generated) + " by tvp-report.</footer>\n";
  html += "<script>" + std::string(kRenderCheck) + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace tvp::report
