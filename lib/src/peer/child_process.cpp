#include "peer/child_process.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>

namespace tvp::peer {

ChildProcess::~ChildProcess() {
  if (pid_ <= 0 || reaped_) return;
  kill();
  reap();
}

void ChildProcess::kill() noexcept {
  if (pid_ > 0 && !reaped_) ::kill(pid_, SIGKILL);
}

int ChildProcess::reap() noexcept {
  if (pid_ <= 0 || reaped_) return status_;
  while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  return status_;
}

}  // namespace tvp::peer
