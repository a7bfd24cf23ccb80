// The two-party harness of the sync and floor families: this thread measures, a tvp::Peer (thread
// or fork()ed child, chosen by the model alone) plays the other party, both pinned per placement,
// and both see one block of anonymous shared memory. Only the model changes between the two runs.
// (session.hpp's TrialPeer does the same for a transport Cell; these families have no transport.)
#pragma once

#include <boost/interprocess/anonymous_shared_memory.hpp>
#include <boost/interprocess/mapped_region.hpp>
#include <functional>
#include <new>
#include <string>
#include <utility>

#include "tvp/peer.hpp"
#include "tvp/placement.hpp"
#include "tvp/transport.hpp"

namespace tvp::bench {

// One T in anonymous MAP_SHARED memory, used for BOTH models: threads and a fork()ed child then
// touch the same kind of memory, and nothing is ever left in /dev/shm. Only the creating process
// runs ~T (a child _exits).
template <class T>
class SharedObject {
 public:
  static_assert(alignof(T) <= 4096, "the mapping is only page-aligned");

  template <class... Args>
  explicit SharedObject(Args&&... args)
      : region_(boost::interprocess::anonymous_shared_memory(sizeof(T))),
        obj_(new (region_.get_address()) T(std::forward<Args>(args)...)) {}
  ~SharedObject() { obj_->~T(); }
  SharedObject(const SharedObject&) = delete;
  SharedObject& operator=(const SharedObject&) = delete;

  T& operator*() const noexcept { return *obj_; }
  T* operator->() const noexcept { return obj_; }

 private:
  boost::interprocess::mapped_region region_;
  T* obj_;
};

struct TwoParties {
  std::string peer_name;
  Model model = Model::thread;
  Placement placement = Placement::unpinned;
  // Called by the watchdog when the peer dies or stalls, and when this thread fails: must make
  // every wait of both parties end (typically sets an `aborted` flag and wakes waiters). Noexcept.
  std::function<void()> abort;
  Peer::Body peer;                // the other party; returns when `measure` tells it to stop
  std::function<void()> measure;  // warm-up, the timed loop, then tells the peer to stop
  std::function<void()> check;    // after a clean join: verify the final state (throw VerifyError)
};

// Runs `parties` and throws the first failure's cause: the peer's PeerError when this side only
// saw its consequence (a ChannelClosed), else this side's own error. Wrap the call in run_trial.
void run_two_parties(const TwoParties& parties);

}  // namespace tvp::bench
