// The registry for the command-line fuzz target, without the transports: bench/options.cpp needs
// the rows (names and subsets) but never makes a channel, and linking every transport with clang's
// sanitizers would cost the fuzz build a minute. The registry source itself is compiled here, so
// its rows cannot drift from tvp-bench's; every factory it declares is defined as a stub that
// returns nothing. TVP_TRANSPORT_ROWS is the registry's row macro (lib/src/transport_registry.cpp).
#include "../../lib/src/transport_registry.cpp"

namespace tvp::transports {
#define TVP_FUZZ_STUB_FACTORY(name, ...) \
  std::unique_ptr<Channel> make_##name(const ChannelOptions&, const char*) { return nullptr; }
TVP_TRANSPORT_ROWS(TVP_FUZZ_STUB_FACTORY)
#undef TVP_FUZZ_STUB_FACTORY
}  // namespace tvp::transports
