#include "test_marker.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace tvp::bench {
namespace {
std::string g_dir;  // empty: off
}  // namespace

void arm_test_marker() {
  const char* dir = std::getenv("TVP_TEST_MARKER_DIR");
  if (dir == nullptr || *dir == '\0') return;
#ifdef TVP_TEST_KNOBS
  g_dir = dir;
  std::fprintf(stderr,
               "tvp-bench: TEST KNOB ON: TVP_TEST_MARKER_DIR=%s: process peers create "
               "in-timed-loop.<pid> there.\n",
               dir);
#else
  std::fprintf(stderr, "tvp-bench: TVP_TEST_MARKER_DIR ignored: built without TVP_TEST_KNOBS\n");
#endif
}

void mark_timed_phase(Model model) noexcept {
  if (g_dir.empty() || model != Model::process) return;
  char path[4096];
  std::snprintf(path, sizeof path, "%s/in-timed-loop.%ld", g_dir.c_str(),
                static_cast<long>(::getpid()));
  const int fd = ::open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
  if (fd >= 0) ::close(fd);
}

}  // namespace tvp::bench
