// What a test may leave behind: open file descriptors, /dev/shm entries named tvp*, POSIX message
// queues named tvp* (when /dev/mqueue is mounted), child processes (including zombies) and threads.
// LeakCheckedTest snapshots before each test and fails it if any of these grew.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>

namespace tvp::testing {

struct ResourceSnapshot {
  std::set<int> fds;
  std::set<std::string> shm;     // /dev/shm entries "tvp*-<our pid>-*"
  std::set<std::string> mqueue;  // /dev/mqueue entries "tvp*-<our pid>-*" (none if not mounted)
  std::set<int> children;        // pids whose parent is this process
  std::set<int> threads;         // tids of this process (/proc/self/task)

  static ResourceSnapshot take();
  // Human-readable list of what `after` has and `*this` had not; empty if nothing leaked.
  std::string leaks_in(const ResourceSnapshot& after) const;
};

class LeakCheckedTest : public ::testing::Test {
 protected:
  void SetUp() override { before_ = ResourceSnapshot::take(); }
  void TearDown() override {
    std::string leaks = before_.leaks_in(ResourceSnapshot::take());
    // A thread is still listed in /proc/self/task for a moment after pthread_join returns (the
    // kernel wakes the joiner when it clears the tid, before it unlists the task): look again
    // briefly before calling it a leak. Short, so a thread that ends on its own later still counts.
    for (int i = 0; i < 20 && !leaks.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      leaks = before_.leaks_in(ResourceSnapshot::take());
    }
    EXPECT_TRUE(leaks.empty()) << "leaked: " << leaks;
  }

 private:
  ResourceSnapshot before_;
};

}  // namespace tvp::testing
