// libFuzzer target for tvp_gbjson (issue #6): any byte string must either parse into a Report or
// raise tvp::gbjson::Error with a one-line message — never crash, hang, leak or trip a sanitizer.
// Built by scripts/fuzz.sh with clang++ -fsanitize=fuzzer,address,undefined (not part of CMake).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tvp/gbjson.hpp"

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

void read_everything(const tvp::gbjson::Report& r) {
  std::size_t sink = r.context.custom.size();
  for (const tvp::gbjson::Entry& e : r.benchmarks) {
    sink += e.counters.size() + e.name.size();
    if (e.parsed_name) sink += e.parsed_name->key().size();
  }
  check(sink != static_cast<std::size_t>(-1));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // The rewrite only ever turns a 3-byte NaN into 4 bytes; everything else keeps its length.
  std::vector<std::size_t> grown;
  const std::string rewritten = tvp::gbjson::replace_non_finite(text, &grown);
  check(rewritten.size() == text.size() + grown.size());

  for (const auto naming : {tvp::gbjson::Naming::lenient, tvp::gbjson::Naming::strict}) {
    try {
      read_everything(tvp::gbjson::parse_report(text, "fuzz.json", naming));
    } catch (const tvp::gbjson::Error& e) {
      const std::string what = e.what();
      check(what.find('\n') == std::string::npos && what.rfind("fuzz.json: ", 0) == 0);
      if (e.kind() == tvp::gbjson::ErrorKind::malformed_json) {
        check(!e.byte_offset() || *e.byte_offset() <= size);
      }
    }
  }
  if (const auto name = tvp::gbjson::parse_benchmark_name(text)) check(name->family.size() < size);
  return 0;
}
