// ShmRegion's promise to a forked child: every page of a live region is already in the child's
// page table, so its first touch of each page is not a page fault (as for a thread, which shares
// the creator's page tables), and what the parent wrote before the fork is still there.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "resource_snapshot.hpp"
#include "shm/region.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::shm {
namespace {

class ShmRegionTest : public testing::LeakCheckedTest {};

// Pages of [p, p + bytes) with no page-table entry in the calling process, read from
// /proc/self/pagemap (bit 63: present) without touching them -- so neither the count nor the
// pages change by looking, and a sanitizer's own faults on its shadow memory do not count. -1 if
// pagemap cannot be read.
long unmapped_pages(const std::byte* p, std::size_t bytes) {
  const UniqueFd pagemap(::open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC));
  if (!pagemap.valid()) return -1;
  long unmapped = 0;
  const auto first = reinterpret_cast<std::uintptr_t>(p) / kPageBytes;
  for (std::uintptr_t page = first; page < first + bytes / kPageBytes; ++page) {
    std::uint64_t entry = 0;
    const auto at = static_cast<off_t>(page * sizeof entry);
    if (::pread(pagemap.get(), &entry, sizeof entry, at) != sizeof entry) return -1;
    if (!(entry >> 63)) ++unmapped;
  }
  return unmapped;
}

TEST_F(ShmRegionTest, ForkedChildHasEveryPageMappedAndTheParentsContent) {
  constexpr std::size_t kPages = 64;
  ShmRegion region(kPages * kPageBytes);
  region.data()[kPageBytes + 8] = std::byte{42};
  const long in_parent = unmapped_pages(region.data(), region.size());
  if (in_parent < 0) GTEST_SKIP() << "/proc/self/pagemap cannot be read here";
  ASSERT_EQ(in_parent, 0) << "the creator's pages are not all touched";

  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const long unmapped = unmapped_pages(region.data(), region.size());
    if (region.data()[kPageBytes + 8] != std::byte{42}) ::_exit(100);
    ::_exit(static_cast<int>(std::clamp(unmapped, 0L, 99L)));
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_NE(WEXITSTATUS(status), 100) << "the parent's write was lost in the child";
  // Without the fork handler, none of the 64 pages is mapped in the child.
  EXPECT_EQ(WEXITSTATUS(status), 0) << "pages of " << kPages << " not mapped in the child";
}

}  // namespace
}  // namespace tvp::shm
