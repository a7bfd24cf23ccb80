// Exception types shared by the library. Each carries a one-line message naming the thing and the
// cause, so a benchmark can pass it straight to state.SkipWithError.
#pragma once

#include <stdexcept>
#include <string>

namespace tvp {

// A system call failed. what() = "<context>: <strerror(errno)>".
class SystemError : public std::runtime_error {
 public:
  SystemError(const std::string& context, int err);
  int error_code() const noexcept { return err_; }

 private:
  int err_;
};

// Received data did not match what was sent: loss, reordering, truncation or corruption.
class VerifyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The channel was aborted (peer died, hung, or the run is being torn down) while an operation waited,
// or the peer closed its end.
class ChannelClosed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A peer (thread or child process) failed: crash, non-zero exit, exception or missed deadline.
class PeerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws SystemError(context, errno) — for the `if (rc < 0) throw_errno(...)` idiom.
[[noreturn]] void throw_errno(const std::string& context);

}  // namespace tvp
