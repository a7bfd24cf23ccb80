#include "peer/release_latch.hpp"

#include <unistd.h>

#include <cerrno>

#include "peer/fault_injection.hpp"

namespace tvp::peer {

ReleaseLatch::ReleaseLatch()
    : pipe_((inject(Step::release_pipe, "pipe2 (peer release)"), make_pipe())) {}

void ReleaseLatch::release() noexcept {
  if (!pipe_.write) return;
  while (::write(pipe_.write.get(), "r", 1) < 0 && errno == EINTR) {
  }
  pipe_.write.reset();
}

}  // namespace tvp::peer
