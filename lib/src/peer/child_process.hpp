// Owner of a fork()ed child's pid: whoever holds it kills and reaps the child on every path.
#pragma once

#include <sys/types.h>

namespace tvp::peer {

class ChildProcess {
 public:
  ChildProcess() noexcept = default;
  explicit ChildProcess(pid_t pid) noexcept : pid_(pid) {}
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Kills (SIGKILL) and reaps a child not reaped yet: a child that was merely signalled could
  // outlive us blocked in its channel, and an unreaped one stays a zombie.
  ~ChildProcess();

  // Adopts a child just forked. REQUIRES: no child adopted yet.
  void adopt(pid_t pid) noexcept { pid_ = pid; }
  pid_t pid() const noexcept { return pid_; }
  // SIGKILL unless reaped. Safe from another thread while reap() has not started: the pid cannot be
  // recycled before we reap it.
  void kill() noexcept;
  // Waits for the child and returns its wait status; later calls return the same status.
  int reap() noexcept;

 private:
  pid_t pid_ = 0;
  bool reaped_ = false;
  int status_ = 0;
};

}  // namespace tvp::peer
