#include "resource_snapshot.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tvp::testing {
namespace fs = std::filesystem;

ResourceSnapshot ResourceSnapshot::take() {
  ResourceSnapshot s;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc/self/fd", ec)) {
    const std::string name = e.path().filename();
    s.fds.insert(std::stoi(name));
  }
  // Only objects named by this process (tvp names embed the creator's pid, e.g. tvp-mq-<pid>-<n>):
  // another test binary running at the same time (ctest -j) has short-lived objects of its own.
  const std::string own = "-" + std::to_string(::getpid()) + "-";
  const auto own_names = [&](const char* dir, std::set<std::string>& into) {
    std::error_code dir_ec;
    for (const auto& e : fs::directory_iterator(dir, dir_ec)) {
      const std::string name = e.path().filename();
      if (name.rfind("tvp", 0) == 0 && name.find(own) != std::string::npos) into.insert(name);
    }
  };
  own_names("/dev/shm", s.shm);
  // POSIX message queues show there only where the mqueue filesystem is mounted (not everywhere:
  // fault_lib.sh's check mounts it privately when it can); otherwise this check sees nothing.
  own_names("/dev/mqueue", s.mqueue);
  // Children of every thread of this process (a child belongs to the thread that forked it).
  for (const auto& t : fs::directory_iterator("/proc/self/task", ec)) {
    s.threads.insert(std::stoi(t.path().filename().string()));
    std::ifstream in(t.path() / "children");
    int pid;
    while (in >> pid) s.children.insert(pid);
  }
  return s;
}

std::string ResourceSnapshot::leaks_in(const ResourceSnapshot& after) const {
  std::ostringstream out;
  for (int fd : after.fds) {
    if (fds.count(fd)) continue;
    std::error_code ec;
    auto target = fs::read_symlink("/proc/self/fd/" + std::to_string(fd), ec);
    // The directory_iterator's own fd shows up while listing; it is closed again by now.
    if (ec) continue;
    out << "fd " << fd << " (" << target.string() << ") ";
  }
  for (const auto& n : after.shm)
    if (!shm.count(n)) out << "/dev/shm/" << n << " ";
  for (const auto& n : after.mqueue)
    if (!mqueue.count(n)) out << "/dev/mqueue/" << n << " ";
  for (int pid : after.children)
    if (!children.count(pid)) out << "child " << pid << " ";
  // Under ThreadSanitizer its runtime starts a background thread of its own during a test (seen:
  // every test that forks or waits reported "leaked: thread N"): threads are not counted there;
  // the default and ASan builds count them.
#if !defined(__SANITIZE_THREAD__)
  for (int tid : after.threads)
    if (!threads.count(tid)) out << "thread " << tid << " ";
#endif
  return out.str();
}

}  // namespace tvp::testing
