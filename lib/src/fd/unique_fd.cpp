#include "tvp/unique_fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "tvp/error.hpp"

namespace tvp {

void UniqueFd::reset(int fd) noexcept {
  if (fd_ >= 0 && fd_ != fd) ::close(fd_);  // EINTR still frees the fd on Linux: never retry
  fd_ = fd;
}

PipeFds make_pipe(int extra_flags) {
  int fds[2];
  // O_CLOEXEC: a posix_spawn'ed program (spawn family) must not inherit transport fds.
  if (::pipe2(fds, O_CLOEXEC | extra_flags) != 0) throw_errno("pipe2");
  return PipeFds{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

}  // namespace tvp
