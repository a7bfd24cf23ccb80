#include "peer/peer_block.hpp"

#include <boost/interprocess/anonymous_shared_memory.hpp>
#include <new>
#include <type_traits>

#include "peer/fault_injection.hpp"

namespace tvp::peer {

// The block is only atomics and plain data: the mapping can go without running a destructor.
static_assert(std::is_trivially_destructible_v<PeerBlock>);

SharedPeerBlock::SharedPeerBlock()
    : region_((inject(Step::shared_block, "map the peer block"),
               boost::interprocess::anonymous_shared_memory(sizeof(PeerBlock)))),
      block_(new (region_.get_address()) PeerBlock()) {}

}  // namespace tvp::peer
