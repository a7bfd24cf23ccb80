// What a test may leave behind: open file descriptors, /dev/shm entries named tvp*, and child
// processes (including zombies). LeakCheckedTest snapshots before each test and fails it if any of
// these grew.
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tvp::testing {

struct ResourceSnapshot {
  std::set<int> fds;
  std::set<std::string> shm;  // /dev/shm entries "tvp*-<our pid>-*"
  std::set<int> children;     // pids whose parent is this process

  static ResourceSnapshot take();
  // Human-readable list of what `after` has and `*this` had not; empty if nothing leaked.
  std::string leaks_in(const ResourceSnapshot& after) const;
};

class LeakCheckedTest : public ::testing::Test {
 protected:
  void SetUp() override { before_ = ResourceSnapshot::take(); }
  void TearDown() override {
    const std::string leaks = before_.leaks_in(ResourceSnapshot::take());
    EXPECT_TRUE(leaks.empty()) << "leaked: " << leaks;
  }

 private:
  ResourceSnapshot before_;
};

}  // namespace tvp::testing
