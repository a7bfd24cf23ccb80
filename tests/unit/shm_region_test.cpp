// ShmRegion's promise to a forked child: every page of a live region is already mapped in it, so
// the child's first write to each page is not a page fault (as for a thread, which shares the
// creator's page tables), and what the parent wrote before the fork is still there.
#include "transports/shm_region.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>

#include "resource_snapshot.hpp"

namespace tvp::shm {
namespace {

class ShmRegionTest : public testing::LeakCheckedTest {};

long minor_faults() {
  rusage r{};
  ::getrusage(RUSAGE_SELF, &r);
  return r.ru_minflt;
}

// Stores a zero at the start of every page, where the region holds zero already. A store, not a
// read-modify-write: a read fault maps up to 16 neighbouring pages at once and would hide the
// count.
void zero_every_page(std::byte* p, std::size_t bytes) {
  for (std::size_t off = 0; off < bytes; off += kPageBytes)
    *static_cast<volatile std::byte*>(p + off) = std::byte{0};
}

TEST_F(ShmRegionTest, ForkedChildWritesEveryPageWithoutFaultingIt) {
  constexpr std::size_t kPages = 64;
  ShmRegion region(kPages * kPageBytes);
  region.data()[kPageBytes + 8] = std::byte{42};
  std::byte dry_run[8]{};

  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // The child's code pages are not mapped yet after fork either: run the measuring code once
    // on private memory so that only the region's pages are counted.
    zero_every_page(dry_run, sizeof dry_run);
    (void)minor_faults();
    const long before = minor_faults();
    zero_every_page(region.data(), region.size());
    const long faults = minor_faults() - before;
    if (region.data()[kPageBytes + 8] != std::byte{42}) ::_exit(100);
    ::_exit(static_cast<int>(std::min(faults, 99L)));
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_NE(WEXITSTATUS(status), 100) << "the parent's write was lost in the child";
  // Without the fork handler this is one fault per page (64).
  EXPECT_LE(WEXITSTATUS(status), 2) << "minor faults in the child writing " << kPages << " pages";
}

}  // namespace
}  // namespace tvp::shm
