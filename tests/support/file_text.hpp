// A whole file as a string, for tests that compare what a tool wrote ("" when it cannot be read:
// the test's own expectations then fail with the content in view).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tvp::testing {

inline std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace tvp::testing
