// Named shared-memory objects (shm/name.hpp, shm/named_queue.hpp): unguessable names with the
// "tvp-<kind>-<pid>-" prefix, created 0600 and exclusively; a name that is taken belongs to
// someone else and is skipped, its object neither opened nor removed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <vector>

#include "resource_snapshot.hpp"
#include "shm/name.hpp"
#include "shm/named_queue.hpp"
#include "tvp/error.hpp"

namespace tvp {
namespace {

std::string dev_shm(const std::string& name) { return "/dev/shm/" + name; }

bool exists(const std::string& name) { return ::access(dev_shm(name).c_str(), F_OK) == 0; }

unsigned mode_of(const std::string& name) {
  struct stat st {};
  if (::stat(dev_shm(name).c_str(), &st) != 0) return 0;
  return st.st_mode & 07777u;
}

// Someone else's object under a name we might pick: some bytes, mode 0644. Removed by the test.
class ForeignObject {
 public:
  ForeignObject(std::string name, const std::string& content) : name_(std::move(name)) {
    const int fd = ::shm_open(("/" + name_).c_str(), O_CREAT | O_EXCL | O_RDWR, 0644);
    if (fd < 0) throw_errno("shm_open " + name_);
    const bool ok = ::fchmod(fd, 0644) == 0 && ::write(fd, content.data(), content.size()) ==
                                                   static_cast<ssize_t>(content.size());
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write " + name_);
  }
  ~ForeignObject() { ::shm_unlink(("/" + name_).c_str()); }
  ForeignObject(const ForeignObject&) = delete;
  ForeignObject& operator=(const ForeignObject&) = delete;

  std::string content() const {
    const int fd = ::shm_open(("/" + name_).c_str(), O_RDONLY, 0);
    if (fd < 0) return "(gone)";
    char buf[256];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    ::close(fd);
    return n < 0 ? "(unreadable)" : std::string(buf, static_cast<std::size_t>(n));
  }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

// A suffix source that hands out a fixed list, then fails the test.
shm::SuffixSource suffixes(std::vector<std::uint64_t> list) {
  return [list = std::move(list), i = std::size_t{0}]() mutable {
    if (i == list.size()) throw std::runtime_error("suffix list exhausted");
    return list[i++];
  };
}

using ShmNameTest = testing::LeakCheckedTest;

TEST_F(ShmNameTest, NamesCarryThePidPrefixAndSixteenHexDigits) {
  const std::string prefix = "tvp-mq-" + std::to_string(::getpid()) + "-";
  EXPECT_EQ(shm::shm_name("mq", 0xabcULL), prefix + "0000000000000abc");
  EXPECT_EQ(shm::shm_name("mq", ~0ULL), prefix + "ffffffffffffffff");
  EXPECT_NE(shm::random_suffix(), shm::random_suffix());  // 2^-64 to fail by chance
}

TEST_F(ShmNameTest, QueueIsCreated0600AndItsNameRemovedAfterwards) {
  std::string name;
  {
    shm::NamedQueue q(4, 64, "test", suffixes({0x1234}));
    name = q.name();
    EXPECT_EQ(name, shm::shm_name("mq", 0x1234));
    ASSERT_TRUE(exists(name));
    EXPECT_EQ(mode_of(name), 0600u);
    EXPECT_TRUE(q.queue().try_send("x", 1, 0));
  }
  EXPECT_FALSE(exists(name));
}

TEST_F(ShmNameTest, ATakenNameIsSkippedAndTheForeignObjectLeftAlone) {
  const ForeignObject foreign(shm::shm_name("mq", 1), "not yours");
  {
    shm::NamedQueue q(4, 64, "test", suffixes({1, 2}));
    EXPECT_EQ(std::string(q.name()), shm::shm_name("mq", 2));
    EXPECT_EQ(mode_of(q.name()), 0600u);
  }
  EXPECT_FALSE(exists(shm::shm_name("mq", 2)));
  ASSERT_TRUE(exists(foreign.name()));
  EXPECT_EQ(foreign.content(), "not yours");
  EXPECT_EQ(mode_of(foreign.name()), 0644u);
}

TEST_F(ShmNameTest, EveryNameTakenIsAClearErrorAndRemovesNothing) {
  const ForeignObject foreign(shm::shm_name("mq", 7), "not yours");
  try {
    shm::NamedQueue q(4, 64, "test", [] { return std::uint64_t{7}; });
    ADD_FAILURE() << "created " << q.name() << " over a foreign object";
  } catch (const SystemError& e) {
    EXPECT_EQ(e.error_code(), EEXIST);
    EXPECT_NE(std::string(e.what()).find("fresh names were all in use"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(foreign.content(), "not yours");
  EXPECT_EQ(mode_of(foreign.name()), 0644u);
}

}  // namespace
}  // namespace tvp
