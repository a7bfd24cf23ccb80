// The run's context: what machine, kernel, compiler and revision produced the figures. Every
// field of every report is shown, custom ones (AddCustomContext) included, one column per report
// so two machines can be compared line by line.
#include <algorithm>
#include <set>

#include "sections/sections.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

std::string plain(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// Context is free-form JSON: nothing here may assume a field's type.
std::string cache_text(const nlohmann::json& cache) {
  const auto field = [&](const char* key) {
    const auto it = cache.find(key);
    return it == cache.end() ? std::string("?") : plain(*it);
  };
  std::string out = "L" + field("level") + " " + field("type");
  if (const auto size = cache.find("size"); size != cache.end() && size->is_number()) {
    out += " " + format_bytes(size->get<double>());
  }
  if (cache.contains("num_sharing")) out += " (shared by " + field("num_sharing") + ")";
  return out;
}

// One line of text for any JSON value: caches and load averages as a person would write them.
std::string value_text(const std::string& key, const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (key == "caches" && v.is_array()) {
    std::string out;
    for (const auto& c : v)
      out += (out.empty() ? "" : "; ") + (c.is_object() ? cache_text(c) : c.dump());
    return out;
  }
  if (v.is_array() &&
      std::all_of(v.begin(), v.end(), [](const auto& e) { return e.is_number(); })) {
    std::string out;
    for (const auto& e : v) out += (out.empty() ? "" : ", ") + format_significant(e.get<double>());
    return out;
  }
  return v.dump();
}

// Google Benchmark's own fields first (those gbjson does not count as custom), then the custom
// ones the bench adds; each group alphabetically, so two reports line up row by row.
std::vector<std::string> field_order(const Dataset& data) {
  std::set<std::string> standard, custom;
  for (const Run& r : data.runs) {
    for (const auto& [k, v] : r.context.raw.items()) {
      (r.context.custom.count(k) ? custom : standard).insert(k);
    }
  }
  std::vector<std::string> keys(standard.begin(), standard.end());
  keys.insert(keys.end(), custom.begin(), custom.end());
  return keys;
}

}  // namespace

Section context_section(const Dataset& data) {
  Section section("context", "Run context",
                  "Where and how the figures were measured, as recorded in each report.");
  std::vector<std::string> columns{"field"};
  for (const Run& r : data.runs) columns.push_back(r.label);
  Table t = make_table("Context", columns, columns.size());
  std::vector<std::string> files{"report file"};
  for (const Run& r : data.runs) files.push_back(r.path);
  t.rows.push_back(std::move(files));
  for (const std::string& key : field_order(data)) {
    std::vector<std::string> row{key};
    for (const Run& r : data.runs) {
      const auto it = r.context.raw.find(key);
      row.push_back(it == r.context.raw.end() ? "—" : value_text(key, *it));
    }
    t.rows.push_back(std::move(row));
  }
  section.tables.push_back(std::move(t));
  return section;
}

}  // namespace tvp::report
