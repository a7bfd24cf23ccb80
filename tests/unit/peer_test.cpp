#include "tvp/peer.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "resource_snapshot.hpp"
#include "tvp/error.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp {
namespace {

using namespace std::chrono_literals;
using testing::LeakCheckedTest;

class PeerTest : public LeakCheckedTest, public ::testing::WithParamInterface<Model> {
 protected:
  PeerOptions options(std::string name) {
    PeerOptions o;
    o.name = std::move(name);
    o.model = GetParam();
    o.stall_timeout = 1500ms;
    return o;
  }
};

std::string join_error(Peer& p) {
  try {
    p.join();
  } catch (const PeerError& e) {
    return e.what();
  }
  return {};
}

TEST_P(PeerTest, SuccessReportsUsage) {
  Peer p(options("ok"), [](PeerContext& ctx) {
    volatile std::uint64_t x = 0;
    for (int i = 0; i < 2'000'000; ++i) x = x + 1;
    ctx.progress();
  });
  EXPECT_EQ(join_error(p), "");
  EXPECT_GT(p.usage().cpu_ns, 0);
}

TEST_P(PeerTest, ExceptionMessageReachesTheParent) {
  Peer p(options("thrower"), [](PeerContext&) { throw std::runtime_error("boom 17"); });
  const std::string err = join_error(p);
  EXPECT_NE(err.find("peer 'thrower'"), std::string::npos) << err;
  EXPECT_NE(err.find("boom 17"), std::string::npos) << err;
}

TEST_P(PeerTest, VerificationFailureIsNamed) {
  Peer p(options("checker"), [](PeerContext&) { throw VerifyError("message 3: checksum mismatch"); });
  const std::string err = join_error(p);
  EXPECT_NE(err.find("verification failed"), std::string::npos) << err;
}

TEST_P(PeerTest, StallIsDetectedAndTheFailureHookRuns) {
  std::atomic<bool> hook{false};
  auto o = options("sleeper");
  o.stall_timeout = 300ms;
  o.on_failure = [&] { hook = true; };
  const auto t0 = std::chrono::steady_clock::now();
  Peer p(o, [](PeerContext& ctx) {
    while (!ctx.stop_requested()) std::this_thread::sleep_for(5ms);
    throw ChannelClosed("stopped");
  });
  const std::string err = join_error(p);
  EXPECT_NE(err.find("made no progress for 300 ms"), std::string::npos) << err;
  EXPECT_TRUE(hook.load());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);  // bounded, not a timing target
}

TEST_P(PeerTest, DestructorStopsARunningPeer) {
  std::atomic<bool> hook{false};
  auto o = options("abandoned");
  o.on_failure = [&] { hook = true; };
  {
    Peer p(o, [](PeerContext& ctx) {
      while (!ctx.stop_requested()) std::this_thread::sleep_for(1ms);
    });
  }
  EXPECT_TRUE(hook.load());
}

INSTANTIATE_TEST_SUITE_P(Models, PeerTest, ::testing::Values(Model::thread, Model::process),
                         [](const auto& p) { return std::string(to_string(p.param)); });

class ChildPeerTest : public LeakCheckedTest {};

TEST_F(ChildPeerTest, CrashIsReportedWithTheSignal) {
  PeerOptions o;
  o.name = "crasher";
  o.model = Model::process;
  // SIGABRT, not SIGSEGV: sanitizers intercept SEGV and turn it into an exit status.
  Peer p(o, [](PeerContext&) { ::raise(SIGABRT); });
  const std::string err = join_error(p);
  EXPECT_NE(err.find("killed by signal 6"), std::string::npos) << err;
}

TEST_F(ChildPeerTest, NonZeroExitIsReported) {
  PeerOptions o;
  o.name = "quitter";
  o.model = Model::process;
  Peer p(o, [](PeerContext&) { ::_exit(7); });
  const std::string err = join_error(p);
  EXPECT_NE(err.find("exited with status 7"), std::string::npos) << err;
}

TEST_F(ChildPeerTest, KilledChildIsReportedAndHookRuns) {
  std::atomic<bool> hook{false};
  PeerOptions o;
  o.name = "victim";
  o.model = Model::process;
  o.on_failure = [&] { hook = true; };
  Peer p(o, [](PeerContext&) { ::pause(); });
  ::kill(p.pid(), SIGKILL);
  const std::string err = join_error(p);
  EXPECT_NE(err.find("killed by signal 9"), std::string::npos) << err;
  EXPECT_TRUE(hook.load());
}

// The process state letter of /proc/<pid>/stat: 'S' sleeping, 'Z' exited but not reaped, ...
char process_state(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto paren = line.rfind(')');
  return paren == std::string::npos || paren + 2 >= line.size() ? '?' : line[paren + 2];
}

// A child whose body has returned must not exit (and tear down its address space, on the CPU the
// initiator may still be timing on) before the parent joins it.
TEST_F(ChildPeerTest, FinishedChildWaitsForTheJoin) {
  PipeFds body_done = make_pipe();
  PeerOptions o;
  o.name = "patient";
  o.model = Model::process;
  Peer p(o, [&](PeerContext&) { ASSERT_EQ(::write(body_done.write.get(), "b", 1), 1); });
  char c = 0;
  ASSERT_EQ(::read(body_done.read.get(), &c, 1), 1);
  std::this_thread::sleep_for(50ms);  // time for a child that did not wait to exit
  const char state = process_state(p.pid());
  EXPECT_TRUE(state == 'S' || state == 'R') << "child state '" << state << "'";
  EXPECT_EQ(join_error(p), "");
  EXPECT_NE(::kill(p.pid(), 0), 0) << "the child is reaped after join";
}

TEST_F(ChildPeerTest, ChildRunsOnTheRequestedCpu) {
  PeerOptions o;
  o.name = "pinned";
  o.model = Model::process;
  o.cpu = 0;
  Peer p(o, [](PeerContext&) {
    if (sched_getcpu() != 0) throw std::runtime_error("not on CPU 0");
  });
  EXPECT_EQ(join_error(p), "");
}

}  // namespace
}  // namespace tvp
