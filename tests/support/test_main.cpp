// main() of the test binaries that run transports: the process-wide settings tvp-bench makes at
// start-up (tvp/process_signals.hpp), then GoogleTest. Without it a test whose peer died mid-write
// would be killed by SIGPIPE instead of seeing ChannelClosed, as no transport sets it any more.
#include <gtest/gtest.h>

#include "tvp/process_signals.hpp"

int main(int argc, char** argv) {
  tvp::ignore_sigpipe();
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
