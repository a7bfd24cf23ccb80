// tvp-agreement A.json B.json [--aggregate=NAME] [--worst=N]
// Prints, as Markdown, how well two runs agree on their paired ratios (default ratio_to_thread):
// cells in both, the share whose 95% intervals overlap, the median absolute change of the
// estimate, and the N cells that changed most (default 8). Exit 0, or 2 with one line for bad input.
#include <cstdio>
#include <string>
#include <string_view>

#include "agreement.hpp"

int main(int argc, char** argv) {
  std::string aggregate = "ratio_to_thread";
  std::size_t worst = 8;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::puts(
          "usage: tvp-agreement A.json B.json [options]\n"
          "  --aggregate=NAME   the ratio rows to compare (default ratio_to_thread)\n"
          "  --worst=N          list the N largest changes (default 8)");
      return 0;
    }
    if (arg.substr(0, 12) == "--aggregate=") {
      aggregate = std::string(arg.substr(12));
    } else if (arg.substr(0, 8) == "--worst=") {
      const std::string v(arg.substr(8));
      if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 6) {
        std::fprintf(stderr, "tvp-agreement: --worst: '%s' is not a count\n", v.c_str());
        return 2;
      }
      worst = std::stoul(v);
    } else if (arg.substr(0, 2) == "--") {
      std::fprintf(stderr, "tvp-agreement: unknown flag '%s'\n", argv[i]);
      return 2;
    } else {
      files.emplace_back(arg);
    }
  }
  if (files.size() != 2) {
    std::fputs("tvp-agreement: needs exactly two reports (usage: tvp-agreement A.json B.json)\n",
               stderr);
    return 2;
  }
  try {
    const auto a = tvp::gbjson::load_report(files[0]);
    const auto b = tvp::gbjson::load_report(files[1]);
    std::fputs(tvp::agreement::render(tvp::agreement::agree(a, b, aggregate), aggregate, worst).c_str(),
               stdout);
  } catch (const tvp::gbjson::Error& e) {
    std::fprintf(stderr, "tvp-agreement: %s\n", e.what());
    return 2;
  }
  return 0;
}
