// tvp::gbjson::Error: the message is forced onto one line because paths and echoed JSON strings
// can contain newlines or control characters, and callers print what() as a single log line.
#include "tvp/gbjson.hpp"

namespace tvp::gbjson {
namespace {

std::string one_line(std::string text) {
  for (char& c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = '?';
  }
  return text;
}

}  // namespace

Error::Error(ErrorKind kind, const std::string& path, const std::string& problem,
             std::optional<std::size_t> byte_offset)
    : std::runtime_error(one_line(path + ": " + problem)),
      kind_(kind),
      path_(path),
      problem_(problem),
      byte_offset_(byte_offset) {}

}  // namespace tvp::gbjson
