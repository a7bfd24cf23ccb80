#include "json_fields.hpp"

#include <cstdint>
#include <limits>

namespace tvp::gbjson::detail {

std::string shorten(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  return std::string(text.substr(0, max)) + "...";
}

std::optional<double> as_number(const nlohmann::json& value) {
  if (value.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (value.is_number()) return value.get<double>();
  return std::nullopt;
}

void Fields::fail(ErrorKind kind, const std::string& problem) const {
  throw Error(kind, path_, where_ + ": " + problem);
}

void Fields::wrong_type(const char* key, const char* expected) const {
  fail(ErrorKind::bad_field, std::string("field \"") + key + "\" must be " + expected + ", found " +
                                 object_.at(key).type_name());
}

const nlohmann::json& Fields::require(const char* key) const {
  const auto it = object_.find(key);
  if (it == object_.end()) fail(ErrorKind::bad_field, std::string("missing field \"") + key + '"');
  return *it;
}

std::string Fields::string(const char* key) const {
  const nlohmann::json& value = require(key);
  if (!value.is_string()) wrong_type(key, "a string");
  return value.get<std::string>();
}

std::string Fields::optional_string(const char* key) const {
  return object_.contains(key) ? string(key) : std::string();
}

std::int64_t Fields::integer(const char* key) const {
  const nlohmann::json& value = require(key);
  if (!value.is_number_integer()) wrong_type(key, "an integer");
  if (value.is_number_unsigned() &&
      value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    fail(ErrorKind::bad_field, std::string("field \"") + key + "\" is out of range");
  }
  return value.get<std::int64_t>();
}

std::int64_t Fields::optional_integer(const char* key, std::int64_t absent) const {
  return object_.contains(key) ? integer(key) : absent;
}

bool Fields::optional_boolean(const char* key) const {
  if (!object_.contains(key)) return false;
  const nlohmann::json& value = object_.at(key);
  if (!value.is_boolean()) wrong_type(key, "true or false");
  return value.get<bool>();
}

double Fields::number_or_nan(const char* key) const {
  const std::optional<double> number = as_number(require(key));
  if (!number) wrong_type(key, "a number");
  return *number;
}

}  // namespace tvp::gbjson::detail
