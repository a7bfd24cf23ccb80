// cma where cross memory attach is not allowed: a seccomp filter (installed in a forked child, so
// the test process keeps its system calls) fails process_vm_readv/writev the way a kernel without
// CONFIG_CROSS_MEMORY_ATTACH does (ENOSYS) or a refused ptrace access check does (EPERM: Yama
// ptrace_scope 2 or 3, or a copier that is not the owner's ancestor under 1). Either must end in
// one line naming the transport and the cause, not in a crash or a hang.
#include <gtest/gtest.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>

#include "resource_snapshot.hpp"
#include "tvp/echo.hpp"
#include "tvp/error.hpp"
#include "tvp/transport.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp {
namespace {

struct FilterUnavailable {};

// From now on this thread's (and its children's) process_vm_readv/writev fail with `err`.
// Throws FilterUnavailable where seccomp filters cannot be installed.
void refuse_cross_memory_attach(int err) {
  auto stmt = [](unsigned code, std::uint32_t k) {
    return sock_filter{static_cast<std::uint16_t>(code), 0, 0, k};
  };
  auto jump_if_equal = [](long nr, std::uint8_t skip) {
    return sock_filter{static_cast<std::uint16_t>(BPF_JMP | BPF_JEQ | BPF_K), skip, 0,
                       static_cast<std::uint32_t>(nr)};
  };
  sock_filter filter[] = {
      stmt(BPF_LD | BPF_W | BPF_ABS, static_cast<std::uint32_t>(offsetof(seccomp_data, nr))),
      jump_if_equal(__NR_process_vm_readv, 2),
      jump_if_equal(__NR_process_vm_writev, 1),
      stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      stmt(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | static_cast<std::uint32_t>(err)),
  };
  sock_fprog prog{static_cast<unsigned short>(std::size(filter)), filter};
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
    throw FilterUnavailable{};
}

struct ChildReport {
  int code;             // 0: SystemError, 1: another exception, 2: none, 5: no seccomp; 128+signal
  std::string message;  // the exception's what()
};

// Runs `body` in a forked child and reports how it ended.
ChildReport run_in_child(const std::function<void()>& body) {
  PipeFds out = make_pipe();
  const pid_t pid = ::fork();
  if (pid < 0) throw_errno("fork");
  if (pid == 0) {
    int code = 2;
    std::string message;
    try {
      body();
    } catch (const FilterUnavailable&) {
      code = 5;
    } catch (const SystemError& e) {
      code = 0;
      message = e.what();
    } catch (const std::exception& e) {
      code = 1;
      message = e.what();
    }
    if (::write(out.write.get(), message.data(), message.size()) < 0) code = 6;
    ::_exit(code);
  }
  out.write.reset();
  std::string message;
  char buf[512];
  for (ssize_t n; (n = ::read(out.read.get(), buf, sizeof buf)) > 0;)
    message.append(buf, static_cast<std::size_t>(n));
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) throw_errno("waitpid");
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), message};
}

const TransportInfo& cma() {
  const TransportInfo* t = find_transport("cma");
  if (!t) throw std::logic_error("no cma row in the registry");
  return *t;
}

class CmaRefusedTest : public testing::LeakCheckedTest {};

TEST_F(CmaRefusedTest, WithoutTheSystemCallsCreationFailsInOneLine) {
  const ChildReport r = run_in_child([] {
    refuse_cross_memory_attach(ENOSYS);
    cma().make(ChannelOptions{});
  });
  if (r.code == 5) GTEST_SKIP() << "seccomp filters cannot be installed here";
  EXPECT_EQ(r.code, 0) << r.message;
  EXPECT_EQ(r.message.rfind("cma: cross memory attach unavailable", 0), 0u) << r.message;
  EXPECT_NE(r.message.find("Function not implemented"), std::string::npos) << r.message;
  EXPECT_EQ(r.message.find('\n'), std::string::npos) << r.message;
}

// The channel is made (its probe of its own memory passes), the owner runs in a forked process, and
// only then are the copies refused, as Yama refuses them: the first send fails in one line, and the
// owner, blocked for that message, sees the channel close.
TEST_F(CmaRefusedTest, RefusedAccessToThePeerFailsTheFirstSendInOneLine) {
  const ChildReport r = run_in_child([] {
    ChannelOptions o;
    o.max_message_bytes = 64;
    o.model = Model::process;
    auto ch = cma().make(o);
    const pid_t owner = ::fork();
    if (owner < 0) throw_errno("fork");
    if (owner == 0) {
      ch->a().detach();
      try {
        ch->b().receive();
      } catch (const ChannelClosed&) {
        ::_exit(0);
      } catch (...) {
        ::_exit(1);
      }
      ::_exit(2);
    }
    ch->b().detach();
    std::exception_ptr failure;
    try {
      refuse_cross_memory_attach(EPERM);
      send_message(ch->a(), 64, 0);
    } catch (...) {
      failure = std::current_exception();
    }
    ch.reset();  // the owner reads end-of-file
    int status = 0;
    if (::waitpid(owner, &status, 0) != owner) throw_errno("waitpid");
    if (failure) std::rethrow_exception(failure);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      throw std::runtime_error("the owner did not see the channel close");
  });
  if (r.code == 5) GTEST_SKIP() << "seccomp filters cannot be installed here";
  EXPECT_EQ(r.code, 0) << r.message;
  EXPECT_EQ(r.message.rfind("cma: process_vm_writev with pid ", 0), 0u) << r.message;
  EXPECT_NE(r.message.find("needs ptrace access to the peer (Yama ptrace_scope "),
            std::string::npos)
      << r.message;
  EXPECT_EQ(r.message.find('\n'), std::string::npos) << r.message;
}

}  // namespace
}  // namespace tvp
