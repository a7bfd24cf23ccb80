// The raw descriptors of a kernel transport, without its framing or endpoints: what a registry
// row's `bare` field names, and what bench's bare/ family runs its system-call loop over. Made
// here, by the calls the transports make theirs with (pipe2 + F_SETPIPE_SZ, socketpair or a
// loopback TCP connection + raised buffers, CLOEXEC), so bare/X and latency/X differ only in the
// harness.
#pragma once

#include "tvp/transport.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::fd {

// One side: a read and a write descriptor (a socket is both, so its `wr` stays empty).
struct RawSide {
  UniqueFd rd, wr;
  int write_fd() const noexcept { return wr.valid() ? wr.get() : rd.get(); }
};

struct RawPair {
  RawSide a, b;  // a writes what b reads and the other way round
};

// REQUIRES: kind != BareFds::none. Throws SystemError.
RawPair open_raw_pair(BareFds kind);

// From a watchdog: wakes every call blocked on the pair's descriptors in this process (interrupt()
// of tvp/fd/io.hpp on each). Never throws.
void interrupt(RawPair& p) noexcept;

}  // namespace tvp::fd
