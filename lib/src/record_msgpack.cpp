// MessagePack through nlohmann::json: the record becomes a JSON DOM, the DOM becomes bytes, and
// the receiver goes back the same way. The DOM is the price of the convenience and stays in the
// measurement on purpose. nlohmann stays inside this file: no header of tvp exposes it.
#include <nlohmann/json.hpp>
#include <string>

#include "tvp/record.hpp"

namespace tvp {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& cause) { throw CodecError("msgpack record: " + cause); }

const json& field(const json& j, const char* key, bool (json::*is_type)() const noexcept,
                  const char* type) {
  const auto it = j.find(key);
  if (it == j.end()) fail(std::string("field \"") + key + "\" is missing");
  if (!((*it).*is_type)()) fail(std::string("field \"") + key + "\" is not " + type);
  return *it;
}

}  // namespace

void encode_msgpack(const Record& r, std::vector<std::uint8_t>& out) {
  json attrs = json::object();
  for (const auto& [key, value] : r.attributes) {
    if (const auto* s = std::get_if<std::string>(&value))
      attrs[key] = *s;
    else
      attrs[key] = std::get<std::int64_t>(value);
  }
  const json j = {{"id", r.id},
                  {"ts", r.timestamp_ns},
                  {"name", r.name},
                  {"source", r.source},
                  {"samples", r.samples},
                  {"counts", r.counts},
                  {"attrs", std::move(attrs)}};
  out.clear();
  json::to_msgpack(j, out);
}

Record decode_msgpack(std::span<const std::byte> in) {
  json j;
  try {
    const auto* p = reinterpret_cast<const std::uint8_t*>(in.data());
    j = json::from_msgpack(p, p + in.size(), /*strict=*/true);  // strict: trailing bytes fail
  } catch (const json::exception& e) {
    fail(e.what());
  }
  if (!j.is_object()) fail("top level is " + std::string(j.type_name()) + ", not a map");
  Record r;
  try {
    r.id = field(j, "id", &json::is_number_unsigned, "an unsigned integer").get<std::uint64_t>();
    r.timestamp_ns = field(j, "ts", &json::is_number_integer, "an integer").get<std::int64_t>();
    r.name = field(j, "name", &json::is_string, "a string").get<std::string>();
    r.source = field(j, "source", &json::is_string, "a string").get<std::string>();
    // get<vector<T>> rejects a non-numeric element with a type_error, reported below.
    r.samples = field(j, "samples", &json::is_array, "an array").get<std::vector<double>>();
    r.counts = field(j, "counts", &json::is_array, "an array").get<std::vector<std::int64_t>>();
    for (const auto& [key, value] : field(j, "attrs", &json::is_object, "a map").items()) {
      if (value.is_number_integer())
        r.attributes.emplace(key, value.get<std::int64_t>());
      else if (value.is_string())
        r.attributes.emplace(key, value.get<std::string>());
      else
        fail("attribute \"" + key + "\" is " + value.type_name() + ", not an integer or a string");
    }
  } catch (const json::exception& e) {
    fail(e.what());
  }
  return r;
}

}  // namespace tvp
