#include "options.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "tvp/transport.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::bench {

std::string TestSlowdown::text() const {
  if (fraction <= 0) return transport + ":" + std::to_string(delay.count());
  char pct[32];
  std::snprintf(pct, sizeof pct, "%g%%", fraction * 100);
  return transport + ":" + pct;
}

namespace {

std::vector<std::string_view> split_commas(std::string_view s) {
  std::vector<std::string_view> out;
  for (;;) {
    const auto comma = s.find(',');
    out.push_back(s.substr(0, comma));
    if (comma == std::string_view::npos) return out;
    s.remove_prefix(comma + 1);
  }
}

// A decimal integer in [1, max]: digits only (no sign, exponent or spaces).
std::optional<std::uint64_t> parse_positive(std::string_view s, std::uint64_t max) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v == 0 || v > max) return std::nullopt;
  return v;
}

std::vector<std::size_t> parse_sizes(std::string_view flag, std::string_view value) {
  std::vector<std::size_t> sizes;
  for (std::string_view field : split_commas(value)) {
    const auto v = parse_positive(field, kMaxMessageBytes);
    if (!v)
      throw UsageError(std::string(flag) + ": '" + std::string(field) +
                       "' is not a message size (a whole number of bytes from 1 to " +
                       std::to_string(kMaxMessageBytes) + ")");
    if (std::find(sizes.begin(), sizes.end(), *v) != sizes.end())
      throw UsageError(std::string(flag) + ": size " + std::string(field) + " is listed twice");
    sizes.push_back(static_cast<std::size_t>(*v));
  }
  return sizes;
}

std::string known_transports() {
  std::string names;
  for (const auto& t : all_transports()) names += (names.empty() ? "" : ",") + std::string(t.name);
  return names;
}

void check_transport(std::string_view flag, std::string_view name) {
  if (!find_transport(name))
    throw UsageError(std::string(flag) + ": unknown transport '" + std::string(name) +
                     "' (known: " + known_transports() + ")");
}

std::vector<std::string> parse_transports(std::string_view flag, std::string_view value) {
  std::vector<std::string> names;
  for (std::string_view field : split_commas(value)) {
    check_transport(flag, field);
    if (std::find(names.begin(), names.end(), field) != names.end())
      throw UsageError(std::string(flag) + ": transport '" + std::string(field) +
                       "' is listed twice");
    names.emplace_back(field);
  }
  return names;
}

std::chrono::milliseconds parse_watchdog(std::string_view flag, std::string_view value) {
  constexpr std::uint64_t kMaxMs = 3'600'000;  // an hour: longer is a typo, not a watchdog
  const auto v = parse_positive(value, kMaxMs);
  if (!v)
    throw UsageError(std::string(flag) + ": '" + std::string(value) +
                     "' is not a timeout (a whole number of milliseconds from 1 to " +
                     std::to_string(kMaxMs) + ")");
  return std::chrono::milliseconds(static_cast<std::int64_t>(*v));
}

std::uint64_t parse_count(std::string_view flag, std::string_view value, std::uint64_t max,
                          const char* what) {
  const auto v = parse_positive(value, max);
  if (!v)
    throw UsageError(std::string(flag) + ": '" + std::string(value) + "' is not " + what +
                     " (a whole number from 1 to " + std::to_string(max) + ")");
  return *v;
}

// A relative width in (0, 1), e.g. 0.03 for ±3%.
double parse_width(std::string_view flag, std::string_view value) {
  double v = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || !(v > 0) ||
      !(v < 1))
    throw UsageError(std::string(flag) + ": '" + std::string(value) +
                     "' is not a relative width (a number between 0 and 1, e.g. 0.03 for ±3%)");
  return v;
}

// Google Benchmark's boolean flag syntax: bare, =true/=1/=yes or =false/=0/=no.
bool flag_is_on(std::string_view arg, std::string_view name) {
  if (arg.substr(0, 2) != "--" || arg.substr(2, name.size()) != name) return false;
  const std::string_view rest = arg.substr(2 + name.size());
  return rest.empty() || (rest[0] == '=' && rest != "=false" && rest != "=0" && rest != "=no" &&
                          rest != "=f" && rest != "=n");
}

// "10%", "2.5%": a percentage above 0 and at most 1000.
[[maybe_unused]] std::optional<double> parse_percent(std::string_view s) {
  if (s.size() < 2 || s.back() != '%') return std::nullopt;
  const std::string digits(s.substr(0, s.size() - 1));
  if (digits.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(digits.c_str(), &end);
  if (end != digits.c_str() + digits.size() || !(v > 0) || v > 1000) return std::nullopt;
  return v / 100;
}

[[maybe_unused]] TestSlowdown parse_slowdown(std::string_view flag, std::string_view value) {
  const auto colon = value.find(':');
  if (colon == std::string_view::npos)
    throw UsageError(std::string(flag) + ": '" + std::string(value) +
                     "' is not <transport>:<nanoseconds> or <transport>:<percent>%");
  const std::string_view name = value.substr(0, colon);
  check_transport(flag, name);
  const std::string_view amount = value.substr(colon + 1);
  if (!amount.empty() && amount.back() == '%') {
    const auto f = parse_percent(amount);
    if (!f)
      throw UsageError(std::string(flag) + ": '" + std::string(amount) +
                       "' is not a percentage (above 0 and at most 1000, e.g. 10%)");
    return {std::string(name), std::chrono::nanoseconds(0), *f};
  }
  constexpr std::uint64_t kMaxNs = 1'000'000'000;
  const auto ns = parse_positive(amount, kMaxNs);
  if (!ns)
    throw UsageError(std::string(flag) + ": '" + std::string(amount) +
                     "' is not a delay (a whole number of nanoseconds from 1 to " +
                     std::to_string(kMaxNs) + ", or a percentage such as 10%)");
  return {std::string(name), std::chrono::nanoseconds(static_cast<std::int64_t>(*ns)), 0};
}

[[maybe_unused]] TestFault parse_fault(std::string_view flag, std::string_view value) {
  const auto c1 = value.find(':');
  const auto c2 = c1 == std::string_view::npos ? c1 : value.find(':', c1 + 1);
  if (c2 == std::string_view::npos)
    throw UsageError(std::string(flag) + ": '" + std::string(value) +
                     "' is not <transport>:<kill|exit|hang>:<messages>");
  TestFault f;
  f.transport = std::string(value.substr(0, c1));
  check_transport(flag, f.transport);
  const std::string_view kind = value.substr(c1 + 1, c2 - c1 - 1);
  if (kind == "kill")
    f.kind = FaultKind::kill;
  else if (kind == "exit")
    f.kind = FaultKind::exit;
  else if (kind == "hang")
    f.kind = FaultKind::hang;
  else
    throw UsageError(std::string(flag) + ": unknown fault '" + std::string(kind) +
                     "' (known: kill,exit,hang)");
  constexpr std::uint64_t kMaxMessages = 1'000'000'000;
  const auto n = parse_positive(value.substr(c2 + 1), kMaxMessages);
  if (!n)
    throw UsageError(std::string(flag) + ": '" + std::string(value.substr(c2 + 1)) +
                     "' is not a message count (a whole number from 1 to " +
                     std::to_string(kMaxMessages) + ")");
  f.after_messages = *n;
  return f;
}

// "--name=value" → value if `arg` is that flag; "--name" alone (no value) is reported as an error
// for flags that need one.
std::optional<std::string_view> flag_value(std::string_view arg, std::string_view name) {
  if (arg.substr(0, 2) != "--" || arg.substr(2, name.size()) != name) return std::nullopt;
  const std::string_view rest = arg.substr(2 + name.size());
  if (rest.empty())
    throw UsageError("--" + std::string(name) + ": needs a value (--" + std::string(name) +
                     "=...)");
  if (rest[0] != '=') return std::nullopt;  // a longer flag that merely starts with `name`
  return rest.substr(1);
}

}  // namespace

// The flag stays in argv for Google Benchmark to use.
void check_writable_report(std::string_view path) {
  const std::string p(path);
  // O_EXCL: a file that was not there is created and removed again; one that was there is opened
  // without O_TRUNC, so the check never damages an existing file.
  UniqueFd created(::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (created) {
    ::unlink(p.c_str());
    return;
  }
  if (errno == EEXIST && UniqueFd(::open(p.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC))) return;
  throw UsageError("--benchmark_out: '" + p + "': cannot write the report there (" +
                   (p.empty() ? std::string("empty path") : std::strerror(errno)) + ")");
}

BenchOptions take_bench_options(int& argc, char** argv, ReportPathCheck check_report) {
  BenchOptions o;
  std::vector<std::string> seen;
  auto once = [&](const char* name) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
      throw UsageError(std::string("--") + name + ": given more than once");
    seen.emplace_back(name);
  };
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--quick") {
      once("quick");
      o.quick = true;
    } else if (auto v = flag_value(arg, "tvp_sizes")) {
      once("tvp_sizes");
      o.sizes = parse_sizes("--tvp_sizes", *v);
    } else if (auto t = flag_value(arg, "tvp_transports")) {
      once("tvp_transports");
      o.transports = parse_transports("--tvp_transports", *t);
    } else if (auto l = flag_value(arg, "tvp_list_transports")) {
      once("tvp_list_transports");
      (void)transports_in(*l);  // a bad set is a usage error before anything runs
      o.list_transports = std::string(*l);
    } else if (auto c = flag_value(arg, "tvp_console")) {
      once("tvp_console");
      if (*c != "progress" && *c != "full")
        throw UsageError("--tvp_console: '" + std::string(*c) +
                         "' is not a console (progress or full)");
      o.console = *c == "progress" ? ConsoleKind::progress : ConsoleKind::full;
    } else if (auto w = flag_value(arg, "tvp_watchdog_ms")) {
      once("tvp_watchdog_ms");
      o.watchdog = parse_watchdog("--tvp_watchdog_ms", *w);
#ifdef TVP_TEST_KNOBS
    } else if (auto s = flag_value(arg, "tvp_test_slowdown")) {
      once("tvp_test_slowdown");
      o.slowdown = parse_slowdown("--tvp_test_slowdown", *s);
    } else if (auto f = flag_value(arg, "tvp_test_fault")) {
      once("tvp_test_fault");
      o.fault = parse_fault("--tvp_test_fault", *f);
#endif
    } else if (auto cw = flag_value(arg, "tvp_ci_width")) {
      once("tvp_ci_width");
      o.pairing.ci_width = parse_width("--tvp_ci_width", *cw);
    } else if (auto bm = flag_value(arg, "tvp_batch_ms")) {
      once("tvp_batch_ms");
      o.pairing.batch = std::chrono::milliseconds(
          static_cast<std::int64_t>(parse_count("--tvp_batch_ms", *bm, 10'000, "a batch length")));
    } else if (auto mr = flag_value(arg, "tvp_min_rounds")) {
      once("tvp_min_rounds");
      o.pairing.min_rounds = parse_count("--tvp_min_rounds", *mr, 100'000, "a round count");
    } else if (auto xr = flag_value(arg, "tvp_max_rounds")) {
      once("tvp_max_rounds");
      o.pairing.max_rounds = parse_count("--tvp_max_rounds", *xr, 100'000, "a round count");
    } else if (auto cb = flag_value(arg, "tvp_cell_budget_ms")) {
      once("tvp_cell_budget_ms");
      o.pairing.cell_budget = std::chrono::milliseconds(static_cast<std::int64_t>(
          parse_count("--tvp_cell_budget_ms", *cb, 3'600'000, "a time budget")));
    } else if (auto sd = flag_value(arg, "tvp_seed")) {
      once("tvp_seed");
      o.pairing.seed = parse_count("--tvp_seed", *sd, UINT64_MAX, "a seed");
    } else if (auto fmt = flag_value(arg, "benchmark_out_format")) {
      once("benchmark_out_format");
      // Google Benchmark 1.7.1 deprecates its CSV reporter; tvp's tools read JSON.
      if (*fmt != "json" && *fmt != "console")
        throw UsageError("--benchmark_out_format: '" + std::string(*fmt) +
                         "' is not a format (json or console)");
      o.report_format = std::string(*fmt);
    } else if (auto out = flag_value(arg, "benchmark_out")) {
      once("benchmark_out");
      check_report(*out);
      o.report_path = std::string(*out);
    } else {
      if (flag_is_on(arg, "benchmark_list_tests")) o.list_tests = true;
      if (arg.substr(0, 19) == "--benchmark_format=" && arg != "--benchmark_format=console")
        o.machine_console = true;
      // Left for Google Benchmark and NameFilter, which compile it with std::regex: recursively,
      // about one level per character, so 100,000 characters would overflow the stack.
      constexpr std::string_view kFilter = "--benchmark_filter=";
      if (arg.substr(0, kFilter.size()) == kFilter && arg.size() - kFilter.size() > kMaxFilterChars)
        throw UsageError("--benchmark_filter: " + std::to_string(arg.size() - kFilter.size()) +
                         " characters; at most " + std::to_string(kMaxFilterChars));
      argv[kept++] = argv[i];  // not ours: Google Benchmark's, or unknown (reported by it)
    }
  }
  argc = kept;
  argv[argc] = nullptr;
  if (o.pairing.min_rounds && *o.pairing.min_rounds < 2)
    throw UsageError("--tvp_min_rounds: an interval needs at least 2 rounds");
  if (o.pairing.min_rounds && o.pairing.max_rounds && *o.pairing.max_rounds < *o.pairing.min_rounds)
    throw UsageError("--tvp_max_rounds: smaller than --tvp_min_rounds");
  return o;
}

std::vector<std::string_view> transports_in(std::string_view set) {
  bool (*in)(const TransportInfo&) = nullptr;
  if (set == "all")
    in = [](const TransportInfo&) { return true; };
  else if (set == "quick")
    in = [](const TransportInfo& t) { return t.quick; };
  else if (set == "serialized")
    in = [](const TransportInfo& t) { return t.serialized; };
  else if (set == "perf_gate")
    in = [](const TransportInfo& t) { return t.perf_gate; };
  else if (set == "bare")
    in = [](const TransportInfo& t) { return t.bare != BareFds::none; };
  else
    throw UsageError("--tvp_list_transports: '" + std::string(set) +
                     "' is not a set (all, quick, serialized, perf_gate, bare)");
  std::vector<std::string_view> names;
  for (const TransportInfo& t : all_transports())
    if (in(t)) names.push_back(t.name);
  return names;
}

const char* bench_options_help() {
  // One line per flag: the README's flag table is checked against these lines (docs.help_* tests).
  return "tvp-bench flags:\n"
         "  --quick                      the reduced matrix: sizes 8,65536,1048576; cross_core, same_core\n"
         "  --tvp_sizes=N[,N...]         message sizes in bytes, 1..67108864 (default 8 ... 1048576)\n"
         "  --tvp_transports=NAME[,...]  only these transports (default: every registered one)\n"
         "  --tvp_list_transports=SET    print SET's transports (all|quick|serialized|perf_gate|bare)\n"
         "  --tvp_console=KIND           progress: a line per benchmark (default); full: every counter\n"
         "  --tvp_watchdog_ms=N          a peer without progress for N ms fails (default 10000)\n"
         "  --tvp_ci_width=W             rounds until every ratio is within ±W (default 0.03)\n"
         "  --tvp_batch_ms=N             one arm's timed batch per round (default 10; --quick 5)\n"
         "  --tvp_min_rounds=N           rounds before the interval may stop them (default 6)\n"
         "  --tvp_max_rounds=N           rounds at most (default 200)\n"
         "  --tvp_cell_budget_ms=N       time per comparison before inconclusive (1000; --quick 600)\n"
         "  --tvp_seed=N                 seed of the round order (default: random, in the report)\n"
#ifdef TVP_TEST_KNOBS
         "  --tvp_test_slowdown=T:NS|P%  TEST ONLY: slow T by NS ns or P% of its own time per message\n"
         "  --tvp_test_fault=T:K:N       TEST ONLY: T's peers kill themselves|exit|hang after N msgs\n"
#endif
      ;
}

}  // namespace tvp::bench
