// Test helper for the shared-memory transport tests: runs a callable on a thread and hands what it
// threw to join(), so an expected ChannelClosed can be checked with EXPECT_THROW in the test body.
// If the test body leaves early (a failed ASSERT, an exception), the destructor calls `on_abandon`
// (typically the channel's abort()) before joining, so a blocked thread cannot hang the test.
#pragma once

#include <exception>
#include <functional>
#include <thread>
#include <utility>

namespace tvp::testing {

class BackgroundThread {
 public:
  template <class F>
  BackgroundThread(F f, std::function<void()> on_abandon)
      : on_abandon_(std::move(on_abandon)), t_([this, f]() mutable {
          try {
            f();
          } catch (...) {
            error_ = std::current_exception();
          }
        }) {}
  ~BackgroundThread() {
    if (!t_.joinable()) return;
    on_abandon_();
    t_.join();
  }
  BackgroundThread(const BackgroundThread&) = delete;
  BackgroundThread& operator=(const BackgroundThread&) = delete;

  // Waits for the callable and rethrows its exception, if any.
  void join() {
    t_.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::function<void()> on_abandon_;
  std::exception_ptr error_;
  std::thread t_;  // last: starts after error_ exists
};

}  // namespace tvp::testing
