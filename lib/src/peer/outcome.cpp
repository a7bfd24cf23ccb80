#include "peer/outcome.hpp"

#include <sys/wait.h>

#include <cstring>

namespace tvp::peer {

std::string describe_peer(const std::string& name, pid_t pid) {
  return "peer '" + name + "'" +
         (pid ? " (process " + std::to_string(pid) + ")" : std::string(" (thread)"));
}

std::string describe_wait_status(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = sigdescr_np(sig);
    return "killed by signal " + std::to_string(sig) + " (" + (name ? name : "?") + ")";
  }
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "ended with wait status " + std::to_string(status);
}

std::optional<std::string> describe_failure(const std::string& name, pid_t pid,
                                            std::chrono::milliseconds stall_timeout,
                                            const PeerBlock& block, const Ending& ending) {
  const std::string who = describe_peer(name, pid);
  const int outcome = block.outcome.load(std::memory_order_acquire);
  const std::string ms = std::to_string(stall_timeout.count());
  const int status = ending.wait_status;
  // The order matters: a stalled child is also killed by signal 9, and a failed body also makes a
  // child exit with status 1; the first cause is the one worth reading.
  if (ending.stalled)
    return who + " made no progress for " + ms + " ms" + (pid ? ": killed" : ": stopped");
  if (ending.ended_early)
    return who + " ended early: the caller still waited for it after " + ms + " ms";
  if (outcome == kVerifyFailed) return who + " verification failed: " + block.message;
  if (outcome == kException) return who + " failed: " + block.message;
  if (pid > 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
    return who + " " + describe_wait_status(status);
  if (outcome != kOk) return who + " ended without reporting an outcome";
  return std::nullopt;
}

}  // namespace tvp::peer
