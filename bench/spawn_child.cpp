#include "spawn_child.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <string>
#include <utility>

#include "tvp/error.hpp"

namespace tvp::bench {

ReapedChild::~ReapedChild() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
}

int ReapedChild::wait() {
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0) {
    const int err = errno;
    if (err == EINTR) continue;
    const pid_t lost = std::exchange(pid_, 0);  // not waitable (ECHILD): never kill a reused pid
    throw SystemError("waitpid " + std::to_string(lost), err);
  }
  pid_ = 0;
  return status;
}

void expect_exit_code(int status, int expected, std::string_view who) {
  if (WIFEXITED(status) && WEXITSTATUS(status) == expected) return;
  const std::string how = WIFEXITED(status)
                              ? "exited with code " + std::to_string(WEXITSTATUS(status))
                              : "ended with wait status " + std::to_string(status);
  throw VerifyError(std::string(who) + ": " + how + ", expected exit code " +
                    std::to_string(expected));
}

}  // namespace tvp::bench
