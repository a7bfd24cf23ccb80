#include "peer/peer_main.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <thread>

#include "peer/fault_injection.hpp"
#include "tvp/error.hpp"
#include "tvp/placement.hpp"

namespace tvp::peer {
namespace {

void store_message(PeerBlock& b, const char* what) noexcept {
  std::snprintf(b.message, sizeof(b.message), "%s", what);
}

// Writes one byte, retrying on EINTR. Returns false on error.
bool write_byte(int fd, char c) noexcept {
  for (;;) {
    ssize_t n = ::write(fd, &c, 1);
    if (n == 1) return true;
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

// Blocks until the parent releases the peer: a byte or end-of-file on the release pipe (the parent
// writes it when it joins or gives up; a parent that dies takes a child along by PDEATHSIG). Not a
// busy wait: the peer is off its CPU.
void wait_for_release(int fd) noexcept {
  char c;
  while (::read(fd, &c, 1) < 0 && errno == EINTR) {
  }
}

// Test seam (Step::peer_handshake): a peer stuck before its handshake, until the parent gives up.
void stall_if_injected(const PeerContext& ctx) {
  if (!injected(Step::peer_handshake)) return;
  while (!ctx.stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  throw std::runtime_error("stalled before the handshake (injected)");
}

}  // namespace

// Why the peer waits before it ends: a child that exits tears down its address space, which takes
// milliseconds when the parent is large (its page tables were copied at fork). On the same CPU that
// teardown ran inside the initiator's timed loop, between the peer's last reply and the initiator
// reading it: measured, a same_core process stream of 8-byte messages read 20 us per message
// instead of 0.15 us in a tvp-bench holding 400 MB, and its ratio to threads moved 10x between two
// full runs as the calibrated batch length moved. Both models wait alike, so nothing else changes.
void peer_main(PeerBlock& block, const std::function<void()>& setup, const Peer::Body& body,
               int cpu, UniqueFd status_wr, int release_rd) noexcept {
  int outcome = kOk;
  try {
    if (setup) setup();
    pin_this_thread(cpu);
    PeerContext ctx(&block);
    ctx.mark_measure_start();
    stall_if_injected(ctx);
    if (!write_byte(status_wr.get(), kReadyByte)) throw_errno("peer handshake");
    body(ctx);
    block.usage = thread_usage_now() - ctx.measure_start();
  } catch (const VerifyError& e) {
    store_message(block, e.what());
    outcome = kVerifyFailed;
  } catch (const std::exception& e) {
    store_message(block, e.what());
    outcome = kException;
  } catch (...) {
    store_message(block, "unknown exception");
    outcome = kException;
  }
  // release: the parent reads usage/message after seeing the outcome.
  block.outcome.store(outcome, std::memory_order_release);
  (void)write_byte(status_wr.get(), kEndedByte);
  wait_for_release(release_rd);
}

}  // namespace tvp::peer
