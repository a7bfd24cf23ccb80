// spawn/...: what it costs to start and end a second party at all, the price a design pays per
// worker before any data moves.
//   spawn/thread/thread/unpinned/0             std::thread create + join
//   spawn/fork/process/unpinned/0              fork, the child _exits at once, waitpid
//   spawn/vfork_exec/process/unpinned/0        vfork + execve /bin/true + waitpid
//   spawn/posix_spawn/process/unpinned/0       posix_spawn /bin/true + waitpid
//   spawn/fork_touched/process/unpinned/<bytes> fork as above with <bytes> of touched memory in the
//                                              parent (fork copies its page tables)
// Each spawned party proves it ran: a thread counts, a child's exit code is checked. Real time: the
// cost is mostly in the kernel and in the child.
#include <benchmark/benchmark.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "families.hpp"
#include "matrix.hpp"
#include "session.hpp"
#include "spawn_child.hpp"
#include "spawn_memory.hpp"
#include "tvp/error.hpp"

extern char** environ;

namespace tvp::bench {
namespace {

// The trivial program: in every Debian/Ubuntu base system, and it does nothing but exit 0.
constexpr const char* kTrivialProgram = "/bin/true";
// Distinct from a trivial program's 0, an exec failure's 127 and a shell's signal codes.
constexpr int kForkChildExitCode = 42;
constexpr int kExecFailedExitCode = 127;

const std::vector<std::size_t> kQuickTouchedSizes = {1u << 20, 4u << 20, 16u << 20, 64u << 20};
const std::vector<std::size_t> kDefaultTouchedSizes = {1u << 20,  4u << 20,   16u << 20,
                                                       64u << 20, 256u << 20, 1u << 30};

pid_t fork_exiting_child() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(kForkChildExitCode);  // nothing else: no destructors, no stdio flush
  if (pid < 0) throw_errno("fork");
  return pid;
}

// The child may only call execve or _exit: it borrows the parent's memory until then.
pid_t vfork_exec(const char* path, char* const argv[]) {
  const pid_t pid = ::vfork();
  if (pid == 0) {
    ::execve(path, argv, environ);
    ::_exit(kExecFailedExitCode);
  }
  if (pid < 0) throw_errno("vfork");
  return pid;
}

pid_t posix_spawn_program(const char* path, char* const argv[]) {
  pid_t pid = 0;
  if (int rc = ::posix_spawn(&pid, path, nullptr, nullptr, argv, environ); rc != 0)
    throw SystemError(std::string("posix_spawn ") + path, rc);
  return pid;
}

// Spawns, reaps and checks one child per iteration, after one untimed warm-up spawn.
template <class Spawn>
void time_children(benchmark::State& state, Spawn spawn, int expected_exit, const char* who) {
  auto once = [&] {
    ReapedChild child(spawn());
    expect_exit_code(child.wait(), expected_exit, who);
  };
  once();
  for (auto _ : state) once();
}

void spawn_thread(benchmark::State& state) {
  run_trial(state, [&] {
    std::int64_t ran = 0;  // written by each thread in turn; join() orders the writes
    auto once = [&ran] { std::thread([&ran] { ++ran; }).join(); };
    once();
    for (auto _ : state) once();
    if (ran != state.iterations() + 1)
      throw VerifyError("spawn/thread: " + std::to_string(ran) + " threads ran, expected " +
                        std::to_string(state.iterations() + 1));
  });
}

// bytes == 0: the plain fork; otherwise the parent first writes every page of `bytes` bytes.
void spawn_fork(benchmark::State& state, std::size_t bytes) {
  run_trial(state, [&] {
    std::vector<std::byte> touched(bytes, std::byte{1});
    benchmark::DoNotOptimize(touched.data());
    time_children(state, fork_exiting_child, kForkChildExitCode, "fork child");
  });
}

void spawn_vfork_exec(benchmark::State& state) {
  run_trial(state, [&] {
    char arg0[] = "true";
    char* const argv[] = {arg0, nullptr};
    time_children(
        state, [&] { return vfork_exec(kTrivialProgram, argv); }, 0, "vfork+execve /bin/true");
  });
}

void spawn_posix_spawn(benchmark::State& state) {
  run_trial(state, [&] {
    char arg0[] = "true";
    char* const argv[] = {arg0, nullptr};
    time_children(
        state, [&] { return posix_spawn_program(kTrivialProgram, argv); }, 0,
        "posix_spawn /bin/true");
  });
}

bool has(const std::vector<Model>& models, Model m) {
  return std::find(models.begin(), models.end(), m) != models.end();
}

// fork's cost with touched memory depends on whether it is backed by huge pages.
void record_transparent_hugepage_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode;
  if (std::getline(in, mode)) benchmark::AddCustomContext("tvp_transparent_hugepage", mode);
}

}  // namespace

void register_spawn(const BenchConfig& c) {
  // Placement does not apply (all unpinned), so c.placements does not narrow this family.
  const auto name = [](const char* what, Model m, std::size_t bytes) {
    return bench_name("spawn", what, m, Placement::unpinned, bytes);
  };
  if (has(c.models, Model::thread))
    benchmark::RegisterBenchmark(name("thread", Model::thread, 0).c_str(), spawn_thread)
        ->UseRealTime();
  if (!has(c.models, Model::process)) return;
  benchmark::RegisterBenchmark(name("fork", Model::process, 0).c_str(), spawn_fork, std::size_t{0})
      ->UseRealTime();
  if (::access(kTrivialProgram, X_OK) == 0) {
    benchmark::RegisterBenchmark(name("vfork_exec", Model::process, 0).c_str(), spawn_vfork_exec)
        ->UseRealTime();
    benchmark::RegisterBenchmark(name("posix_spawn", Model::process, 0).c_str(), spawn_posix_spawn)
        ->UseRealTime();
  } else {
    std::fprintf(stderr,
                 "tvp-bench: spawn/vfork_exec and spawn/posix_spawn not registered: %s is not "
                 "executable\n",
                 kTrivialProgram);
  }
  record_transparent_hugepage_mode();
  for (std::size_t bytes : c.quick ? kQuickTouchedSizes : kDefaultTouchedSizes) {
    const std::string n = name("fork_touched", Model::process, bytes);
    if (!fits_in_memory(n, bytes)) continue;
    benchmark::RegisterBenchmark(n.c_str(), spawn_fork, bytes)->UseRealTime();
  }
}

}  // namespace tvp::bench
