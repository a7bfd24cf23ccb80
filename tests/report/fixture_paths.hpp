// Where the committed fixtures are; the paths come from CMake so the tests run from any folder.
#pragma once

#include <string>

namespace tvp::report::test {

inline std::string report_fixture(const std::string& name) {
  return std::string(TVP_REPORT_FIXTURES) + "/" + name;
}

inline std::string gbjson_fixture(const std::string& name) {
  return std::string(TVP_GBJSON_FIXTURES) + "/" + name;
}

}  // namespace tvp::report::test
