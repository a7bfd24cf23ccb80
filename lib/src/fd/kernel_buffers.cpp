// The pipe half of tvp/kernel_buffers.hpp (the socket half sits with the socketpair code it shares
// its getsockopt helpers with, fd/socketpair.cpp). Not in a transport's file: bench's bare/ loop
// calls it too, and a copied transport file must not define it twice.
#include "tvp/kernel_buffers.hpp"

#include <fcntl.h>

void tvp::size_pipe_buffer(int pipe_fd) noexcept {
  ::fcntl(pipe_fd, F_SETPIPE_SZ, kPipeBufferBytes);
}
