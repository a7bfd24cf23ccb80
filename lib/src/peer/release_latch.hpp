// The pipe a finished peer waits on before it ends (see peer_main.cpp for why it waits).
#pragma once

#include "tvp/unique_fd.hpp"

namespace tvp::peer {

class ReleaseLatch {
 public:
  ReleaseLatch();  // throws SystemError
  ReleaseLatch(const ReleaseLatch&) = delete;
  ReleaseLatch& operator=(const ReleaseLatch&) = delete;
  ~ReleaseLatch() { release(); }

  // The end the peer reads. Valid for the latch's lifetime.
  int read_fd() const noexcept { return pipe_.read.get(); }
  // A child drops the parent's end, so a parent that dies without releasing still releases it.
  void close_write_end_in_child() noexcept { pipe_.write.reset(); }

  // Lets the peer end. A byte, not only closing our end: children forked later for other peers
  // (scaling/ runs 2n) inherit this write end, so its end-of-file would wait for all of them.
  // Idempotent. Not thread-safe: the watchdog calls it only while the parent waits to join it.
  void release() noexcept;

 private:
  PipeFds pipe_;
};

}  // namespace tvp::peer
