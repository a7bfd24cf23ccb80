#include "run_context.hpp"

#include <benchmark/benchmark.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tvp/placement.hpp"
#include "tvp/sample_clock.hpp"

#ifndef TVP_BUILD_TYPE
#error "bench/CMakeLists.txt defines TVP_BUILD_TYPE"
#endif
#ifndef TVP_BUILD_FLAGS
#error "bench/CMakeLists.txt defines TVP_BUILD_FLAGS"
#endif
#ifndef TVP_VERSION
#error "bench/CMakeLists.txt defines TVP_VERSION"
#endif

namespace tvp::bench {

extern const char* const kGitRevision;  // generated at build time (git_revision.cmake)

namespace {

constexpr const char* kUnknown = "unknown";

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// First line of a (proc/sys) file, trimmed; "unknown" if it cannot be read.
std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return kUnknown;
  return trim(line);
}

// Value of the first "key : value" line of /proc/cpuinfo whose key is `key`.
std::string cpuinfo_field(const std::string& key) {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    const auto colon = line.find(':');
    if (colon != std::string::npos && trim(line.substr(0, colon)) == key)
      return trim(line.substr(colon + 1));
  }
  return "";
}

// stdout of a command (first line), or "" if it cannot run. Only at start-up, single-threaded.
std::string command_output(const char* cmd) {
  FILE* p = ::popen(cmd, "r");
  if (!p) return "";
  char buf[256] = {};
  const bool got = std::fgets(buf, sizeof(buf), p) != nullptr;
  ::pclose(p);
  return got ? trim(buf) : "";
}

std::string kernel() {
  utsname u{};
  if (::uname(&u) != 0) return kUnknown;
  return std::string(u.sysname) + " " + u.release + " " + u.version + " " + u.machine;
}

// "vm=kvm container=docker" from systemd-detect-virt; without it, only the CPU's hypervisor flag.
std::string virtualization() {
  const std::string vm = command_output("systemd-detect-virt --vm 2>/dev/null");
  const std::string ct = command_output("systemd-detect-virt --container 2>/dev/null");
  if (!vm.empty() || !ct.empty())
    return "vm=" + (vm.empty() ? std::string(kUnknown) : vm) +
           " container=" + (ct.empty() ? std::string(kUnknown) : ct);
  const std::string flags = " " + cpuinfo_field("flags") + " ";
  return flags.find(" hypervisor ") != std::string::npos
             ? "hypervisor flag set (type unknown: no systemd-detect-virt)"
             : "no hypervisor flag (no systemd-detect-virt)";
}

// The bracketed choice of "always [madvise] never".
std::string transparent_huge_pages() {
  const std::string s = first_line("/sys/kernel/mm/transparent_hugepage/enabled");
  const auto open = s.find('['), close = s.find(']');
  return open != std::string::npos && close > open ? s.substr(open + 1, close - open - 1) : s;
}

// One line over /sys/devices/system/cpu/vulnerabilities/*: which are mitigated (partly, when the
// status also says "Vulnerable"), which are vulnerable, and how many are not affected.
std::string mitigations() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::directory_iterator it("/sys/devices/system/cpu/vulnerabilities", ec);
  if (ec) return kUnknown;
  std::vector<std::string> names;
  for (const auto& e : it) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  std::string mitigated, vulnerable, other;
  int not_affected = 0;
  auto add = [](std::string& list, const std::string& item) {
    list += (list.empty() ? "" : ",") + item;
  };
  for (const auto& n : names) {
    const std::string s = first_line("/sys/devices/system/cpu/vulnerabilities/" + n);
    if (s.rfind("Not affected", 0) == 0)
      ++not_affected;
    else if (s.rfind("Vulnerable", 0) == 0)
      add(vulnerable, n);
    else if (s.rfind("Mitigation", 0) == 0)
      add(mitigated, s.find("Vulnerable") != std::string::npos ? n + "(partly)" : n);
    else
      add(other, n + "(" + s + ")");
  }
  std::string out = "mitigated: " + (mitigated.empty() ? "none" : mitigated) +
                    "; vulnerable: " + (vulnerable.empty() ? "none" : vulnerable) +
                    "; not affected: " + std::to_string(not_affected);
  if (!other.empty()) out += "; other: " + other;
  return out;
}

std::string socket_buffers() {
  std::string out;
  for (const char* k : {"rmem_default", "rmem_max", "wmem_default", "wmem_max"})
    out += (out.empty() ? "" : " ") + std::string(k) + "=" +
           first_line(std::string("/proc/sys/net/core/") + k);
  return out;
}

std::string compiler() {
#if defined(__clang__)
  return std::string("clang ") + __VERSION__;
#elif defined(__GNUC__)
  return std::string("gcc ") + __VERSION__;
#else
  return __VERSION__;
#endif
}

template <class T, class Fn>
std::string joined(const std::vector<T>& v, Fn&& to_str) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ",") + std::string(to_str(x));
  return out;
}

}  // namespace

void add_run_context(const BenchConfig& c, const BenchOptions& o) {
  using benchmark::AddCustomContext;
  AddCustomContext("kernel", kernel());
  AddCustomContext("cpu_model", cpuinfo_field("model name").empty() ? std::string(kUnknown)
                                                                    : cpuinfo_field("model name"));
  AddCustomContext("cpu_count", "online=" + std::to_string(std::thread::hardware_concurrency()) +
                                    " allowed=" + std::to_string(allowed_cpu_count()));
  AddCustomContext("virtualization", virtualization());
  AddCustomContext("clock_source",
                   first_line("/sys/devices/system/clocksource/clocksource0/current_clocksource"));
  AddCustomContext("transparent_hugepages", transparent_huge_pages());
  AddCustomContext("cpu_mitigations", mitigations());
  AddCustomContext("pipe_max_size", first_line("/proc/sys/fs/pipe-max-size"));
  AddCustomContext("socket_buffers", socket_buffers());
  AddCustomContext("compiler", compiler());
  AddCustomContext("build_type", TVP_BUILD_TYPE);
  AddCustomContext("build_flags", TVP_BUILD_FLAGS);
  AddCustomContext("git_revision", kGitRevision);
  AddCustomContext("tvp_version", TVP_VERSION);
  AddCustomContext("tvp_sample_clock", SampleClock::get().description());
  AddCustomContext("tvp_quick", c.quick ? "true" : "false");
  AddCustomContext("tvp_sizes", joined(c.sizes, [](std::size_t b) { return std::to_string(b); }));
  AddCustomContext("tvp_placements",
                   joined(c.placements, [](Placement p) { return to_string(p); }));
  AddCustomContext("tvp_transports",
                   joined(c.transports, [](const TransportInfo* t) { return t->name; }));
  // The report draws each transport in its row's colour: "name=#rrggbb,..." in row order.
  AddCustomContext("tvp_transport_colours", joined(c.transports, [](const TransportInfo* t) {
                     return std::string(t->name) + "=" + std::string(t->colour);
                   }));
  AddCustomContext("tvp_watchdog_ms", std::to_string(o.watchdog.count()));
  // What one "message" is in each family's per-message counters.
  AddCustomContext("tvp_msg_unit",
                   "latency and bare: one round trip (request + reply); throughput: one message");
}

}  // namespace tvp::bench
