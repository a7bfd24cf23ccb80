// Test-only seam: makes one start-up step of a Peer fail the way its system call would, so a unit
// test can check that a failure at every step leaves no thread, child or fd behind. Compiled in
// only with TVP_TEST_KNOBS (like tvp-bench's --tvp_test_fault); without it inject() is an empty
// inline.
#pragma once

namespace tvp::peer {

// In the order the Peer constructor takes them.
enum class Step {
  shared_block,     // mapping the report area
  release_pipe,     // pipe2 for the release byte
  status_pipe,      // pipe2 for the handshake / ended byte
  peer_thread,      // std::thread for a thread peer
  fork,             // fork() for a process peer
  peer_handshake,   // in the peer: stall before the handshake until told to stop
  handshake_poll,   // poll() for the handshake byte
  watchdog_pipe,    // pipe2 for the watchdog's wake-up
  watchdog_thread,  // std::thread for the watchdog
};

#ifdef TVP_TEST_KNOBS
// True if a test armed `step`. A forked child inherits the armed step (it is a plain global).
bool injected(Step step) noexcept;
// Throws SystemError("<what>", EAGAIN) if a test armed `step`: the error the real call gives when
// the system is out of processes, threads or memory.
void inject(Step step, const char* what);

// Arms one step for its lifetime. Not nestable; tests only.
class InjectedFailure {
 public:
  explicit InjectedFailure(Step step) noexcept;
  ~InjectedFailure();
  InjectedFailure(const InjectedFailure&) = delete;
  InjectedFailure& operator=(const InjectedFailure&) = delete;
};
#else
inline bool injected(Step) noexcept { return false; }
inline void inject(Step, const char*) {}
#endif

}  // namespace tvp::peer
