// Process-wide signal settings tvp needs, set in ONE place: at start-up, by every main() that runs
// transports (tvp-bench's, the test binaries' in tests/support/test_main.cpp), before any thread or
// child exists. Transports never change them as a side effect of being constructed.
#pragma once

namespace tvp {

// Ignores SIGPIPE for the whole process (and the children it forks later): a write to a pipe or
// stream socket whose reader died must fail with EPIPE, which the transports turn into
// ChannelClosed, instead of killing the benchmark. Idempotent. Never throws.
void ignore_sigpipe() noexcept;

}  // namespace tvp
