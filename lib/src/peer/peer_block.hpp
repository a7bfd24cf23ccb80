// The report area a peer shares with its parent, and the owner of the mapping that holds it.
#pragma once

#include <atomic>
#include <boost/interprocess/mapped_region.hpp>
#include <cstdint>

#include "tvp/usage.hpp"

namespace tvp::peer {

enum Outcome : int { kRunning = 0, kOk = 1, kException = 2, kVerifyFailed = 3 };

// Lives in an anonymous MAP_SHARED mapping for both models, so a thread and a child report through
// exactly the same memory and code.
struct PeerBlock {
  std::atomic<std::uint64_t> progress{0};
  std::atomic<int> stop{0};
  std::atomic<int> outcome{kRunning};
  Usage usage{};
  char message[512] = {};
};
static_assert(std::atomic<std::uint64_t>::is_always_lock_free,
              "the progress counter is shared across processes: it must be lock-free");
static_assert(std::atomic<int>::is_always_lock_free,
              "stop and outcome are shared across processes: they must be lock-free");

// Owns the mapping; unmapped when the owner goes (after the peer has been reaped or joined, since
// the owner is the first member built and the last destroyed). Anonymous: nothing in /dev/shm.
class SharedPeerBlock {
 public:
  SharedPeerBlock();  // throws boost::interprocess::interprocess_exception or SystemError
  SharedPeerBlock(const SharedPeerBlock&) = delete;
  SharedPeerBlock& operator=(const SharedPeerBlock&) = delete;

  PeerBlock& get() const noexcept { return *block_; }

 private:
  boost::interprocess::mapped_region region_;
  PeerBlock* block_;
};

}  // namespace tvp::peer
