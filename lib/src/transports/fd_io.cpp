#include "fd_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "tvp/error.hpp"

namespace tvp::fdio {

void write_all(int fd, const void* buf, std::size_t n, const char* what) {
  auto* p = static_cast<const char*>(buf);
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE || errno == ECONNRESET || errno == EBADF)
        throw ChannelClosed(std::string(what) + ": peer closed the channel");
      throw_errno(std::string(what) + ": write");
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

std::size_t read_some(int fd, void* buf, std::size_t n, const char* what) {
  for (;;) {
    ssize_t r = ::read(fd, buf, n);
    if (r > 0) return static_cast<std::size_t>(r);
    if (r == 0) throw ChannelClosed(std::string(what) + ": peer closed the channel (end of file)");
    if (errno == EINTR) continue;
    if (errno == ECONNRESET || errno == EBADF)
      throw ChannelClosed(std::string(what) + ": peer closed the channel");
    throw_errno(std::string(what) + ": read");
  }
}

void neuter(int fd) noexcept {
  if (fd < 0) return;
  int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull < 0) return;
  ::dup3(devnull, fd, O_CLOEXEC);
  ::close(devnull);
}

void throw_if_aborted(const std::atomic<bool>& flag, const char* what) {
  if (flag.load(std::memory_order_acquire))
    throw ChannelClosed(std::string(what) + ": channel aborted");
}

}  // namespace tvp::fdio
