#include "shm_region.hpp"

#include <boost/interprocess/anonymous_shared_memory.hpp>
#include <boost/interprocess/exceptions.hpp>
#include <cstring>
#include <string>

#include "tvp/error.hpp"

namespace tvp::shm {

ShmRegion::ShmRegion(std::size_t bytes) {
  try {
    region_ = boost::interprocess::anonymous_shared_memory(bytes);
  } catch (const boost::interprocess::interprocess_exception& e) {
    throw SystemError("anonymous shared mapping of " + std::to_string(bytes) + " bytes",
                      e.get_native_error());
  }
  // Writing (not just reading) every page makes the kernel allocate it now; the mapping is
  // already zero, so this changes no content.
  std::memset(region_.get_address(), 0, region_.get_size());
}

}  // namespace tvp::shm
