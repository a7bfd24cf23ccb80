// Typed access to the fields of one JSON object, throwing gbjson::Error(bad_field) with a message
// that says where ("context", "benchmarks[3] \"name\"") and what is wrong. Internal to tvp_gbjson.
#pragma once

#include <string>
#include <string_view>

#include "tvp/gbjson.hpp"

namespace tvp::gbjson::detail {

// Echoed input (names, strings) is cut short so a hostile or broken file cannot produce a huge
// error line.
std::string shorten(std::string_view text, std::size_t max = 80);

class Fields {
 public:
  // REQUIRES: object.is_object(); `object`, `path` and `where` outlive this.
  Fields(const nlohmann::json& object, const std::string& path, const std::string& where)
      : object_(object), path_(path), where_(where) {}

  std::string string(const char* key) const;
  std::string optional_string(const char* key) const;  // "" when absent
  std::int64_t integer(const char* key) const;
  std::int64_t optional_integer(const char* key, std::int64_t absent) const;
  bool optional_boolean(const char* key) const;  // false when absent
  double number_or_nan(const char* key) const;   // null (a NaN in the file) → NaN

  [[noreturn]] void fail(ErrorKind kind, const std::string& problem) const;

 private:
  const nlohmann::json& require(const char* key) const;
  [[noreturn]] void wrong_type(const char* key, const char* expected) const;

  const nlohmann::json& object_;
  const std::string& path_;
  const std::string& where_;
};

// NaN for JSON null (how a NaN/Infinity token arrives after replace_non_finite), the value for any
// JSON number; nullopt for anything else.
std::optional<double> as_number(const nlohmann::json& value);

}  // namespace tvp::gbjson::detail
