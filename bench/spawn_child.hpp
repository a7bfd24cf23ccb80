// A child the spawn family creates itself (it measures fork, so it cannot use tvp::Peer). Every
// child is reaped on every path: wait() reaps it; if an exception comes between the fork and the
// wait, the destructor kills and reaps it, so the timed loop never leaves a zombie behind.
#pragma once

#include <sys/types.h>

#include <string_view>

namespace tvp::bench {

class ReapedChild {
 public:
  // Takes a pid returned by fork/vfork/posix_spawn. REQUIRES: pid > 0.
  explicit ReapedChild(pid_t pid) noexcept : pid_(pid) {}
  ~ReapedChild();
  ReapedChild(const ReapedChild&) = delete;
  ReapedChild& operator=(const ReapedChild&) = delete;

  // Waits for the child to end and returns its wait status. Throws SystemError.
  int wait();

 private:
  pid_t pid_;  // 0 once reaped
};

// Throws VerifyError("<who>: <how it ended>, expected exit code <expected>") unless `status` is a
// normal exit with code `expected`.
void expect_exit_code(int status, int expected, std::string_view who);

}  // namespace tvp::bench
