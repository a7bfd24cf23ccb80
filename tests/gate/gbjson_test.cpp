// tvp_gbjson: every documented error, the NaN/Infinity handling and the fields of a real report.
#include "tvp/gbjson.hpp"
#include "file_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace gb = tvp::gbjson;

namespace {

const std::string kDir = TVP_GBJSON_FIXTURES;

std::string fixture(const std::string& name) { return kDir + "/" + name; }

// Loads `name` expecting an Error; checks the one-line "<path>: ..." shape and returns it.
gb::Error load_error(const std::string& path, gb::Naming naming = gb::Naming::lenient) {
  try {
    gb::load_report(path, naming);
  } catch (const gb::Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    EXPECT_EQ(what.rfind(path + ": ", 0), 0U) << what;
    return e;
  }
  ADD_FAILURE() << path << " loaded without error";
  return gb::Error(gb::ErrorKind::bad_field, path, "no error");
}

gb::Error parse_error(const std::string& text) {
  try {
    gb::parse_report(text, "mem.json");
  } catch (const gb::Error& e) {
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
    return e;
  }
  ADD_FAILURE() << "parsed without error: " << text;
  return gb::Error(gb::ErrorKind::bad_field, "mem.json", "no error");
}

const std::string kContext =
    R"("context": {"date": "d", "host_name": "h", "num_cpus": 2, "mhz_per_cpu": 2100})";

// A one-entry report whose entry has the standard fields plus `extra` (leading comma included).
std::string one_entry(const std::string& extra,
                      const std::string& name = "floor/memcpy/thread/unpinned/64") {
  return "{" + kContext + R"(, "benchmarks": [{"name": ")" + name + R"(", "run_name": ")" + name +
         R"(", "run_type": "iteration", "repetitions": 1, "repetition_index": 0, "iterations": 5)" +
         extra + "}]}";
}

const std::string kTimes = R"(, "real_time": 2, "cpu_time": 1, "time_unit": "ns")";

}  // namespace

TEST(GbJsonReal, ContextFieldsAndCustomKeys) {
  const gb::Report r = gb::load_report(fixture("real_reps3.json"));
  EXPECT_EQ(r.path, fixture("real_reps3.json"));
  EXPECT_EQ(r.context.host_name, "vm");
  EXPECT_EQ(r.context.num_cpus, 2);
  EXPECT_DOUBLE_EQ(r.context.mhz_per_cpu, 2100);
  EXPECT_EQ(r.context.date, "2026-11-28T13:41:23+00:00");
  EXPECT_EQ(r.context.executable, "./gbjson_fixture_writer");
  ASSERT_EQ(r.context.custom.size(), 2U);
  EXPECT_EQ(r.context.custom.at("machine"), "fixture-vm");
  EXPECT_EQ(r.context.custom.at("tvp_version"), "0.1.0");
  EXPECT_EQ(r.context.raw.at("library_build_type"), "debug");
}

TEST(GbJsonReal, EntriesInFileOrderWithRepetitionsAndAggregates) {
  const gb::Report r = gb::load_report(fixture("real_reps3.json"), gb::Naming::strict);
  ASSERT_EQ(r.benchmarks.size(),
            24U);  // 4 benchmarks x (3 reps + 4 aggregates) - 4 for the failing one
  const gb::Entry& first = r.benchmarks[0];
  EXPECT_EQ(first.name, "latency/pipe/process/cross_core/64/manual_time");
  EXPECT_EQ(first.run_type, gb::RunType::iteration);
  EXPECT_EQ(first.repetition_index, 0);
  EXPECT_EQ(first.repetitions, 3);
  EXPECT_EQ(first.iterations, 441526);
  EXPECT_EQ(first.time_unit, "us");
  EXPECT_DOUBLE_EQ(first.real_time, 3.0512864474515313e-02);
  EXPECT_DOUBLE_EQ(first.real_time_ns, 3.0512864474515313e-02 * 1000);
  EXPECT_DOUBLE_EQ(first.cpu_time_ns, 6.7142528412822811e-02 * 1000);
  EXPECT_DOUBLE_EQ(first.counters.at("p99_ns"), 250);
  EXPECT_EQ(first.counters.size(), 4U);
  ASSERT_TRUE(first.parsed_name);
  EXPECT_EQ(first.parsed_name->family, "latency");
  EXPECT_EQ(first.parsed_name->transport, "pipe");
  EXPECT_EQ(first.parsed_name->model, "process");
  EXPECT_EQ(first.parsed_name->placement, "cross_core");
  EXPECT_EQ(first.parsed_name->bytes, 64U);
  EXPECT_EQ(first.parsed_name->suffixes, std::vector<std::string>{"manual_time"});
  EXPECT_EQ(r.benchmarks[1].repetition_index, 1);
  EXPECT_EQ(r.benchmarks[2].repetition_index, 2);

  const gb::Entry& cv = r.benchmarks[6];
  EXPECT_EQ(cv.name, "latency/pipe/process/cross_core/64/manual_time_cv");
  EXPECT_EQ(cv.run_name, first.run_name);
  EXPECT_EQ(cv.run_type, gb::RunType::aggregate);
  EXPECT_EQ(cv.aggregate_name, "cv");
  EXPECT_EQ(cv.aggregate_unit, "percentage");
  EXPECT_EQ(cv.repetition_index, -1);
  EXPECT_TRUE(std::isnan(cv.counters.at("vcsw_per_msg")));  // the file says bare NaN

  const gb::Entry& tp = r.benchmarks[7];
  EXPECT_EQ(tp.parsed_name->suffixes, std::vector<std::string>{"real_time"});
  EXPECT_GT(tp.counters.at("bytes_per_second"), 0);

  const gb::Entry& failed = r.benchmarks.back();
  EXPECT_TRUE(failed.error_occurred);
  EXPECT_EQ(failed.error_message, "peer checksum mismatch");
  EXPECT_FALSE(first.error_occurred);
}

TEST(GbJsonReal, SingleRepetitionHasNoAggregates) {
  const gb::Report r = gb::load_report(fixture("real_single.json"));
  ASSERT_EQ(r.benchmarks.size(), 2U);
  for (const gb::Entry& e : r.benchmarks) EXPECT_EQ(e.run_type, gb::RunType::iteration);
}

TEST(GbJsonErrors, MissingFile) {
  const gb::Error e = load_error(fixture("does_not_exist.json"));
  EXPECT_EQ(e.kind(), gb::ErrorKind::file_missing);
  EXPECT_STREQ(e.what(), (fixture("does_not_exist.json") + ": no such file").c_str());
}

TEST(GbJsonErrors, DirectoryIsUnreadable) {
  const gb::Error e = load_error(kDir);
  EXPECT_EQ(e.kind(), gb::ErrorKind::file_unreadable);
  EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos);
}

TEST(GbJsonErrors, MalformedJsonGivesByteOffsetInOriginalFile) {
  const std::string path = fixture("malformed_missing_brace.json");
  const gb::Error e = load_error(path);
  EXPECT_EQ(e.kind(), gb::ErrorKind::malformed_json);
  // The entry object is never closed: the parser stops at the ']' that should have been a '}'.
  const std::size_t bracket = tvp::testing::file_text(path).rfind(']');
  ASSERT_TRUE(e.byte_offset());
  EXPECT_EQ(*e.byte_offset(), bracket);
  EXPECT_NE(std::string(e.what()).find("malformed JSON at byte " + std::to_string(bracket)),
            std::string::npos)
      << e.what();
}

TEST(GbJsonErrors, MalformedOffsetAccountsForNaNRewrites) {
  // Each NaN becomes the longer "null": the offset must still point into the original text.
  const std::string text = R"({"a": NaN, "b": [NaN, -NaN, Infinity], "c": x})";
  const gb::Error e = parse_error(text);
  EXPECT_EQ(e.kind(), gb::ErrorKind::malformed_json);
  ASSERT_TRUE(e.byte_offset());
  EXPECT_EQ(*e.byte_offset(), text.find('x'));
}

TEST(GbJsonErrors, NumberOutOfRangeIsMalformed) {
  // Found by the fuzzer: nlohmann reports this as out_of_range, not parse_error.
  const std::string text = one_entry(R"(, "real_time": 2e999, "cpu_time": 1, "time_unit": "ns")");
  const gb::Error e = parse_error(text);
  EXPECT_EQ(e.kind(), gb::ErrorKind::malformed_json);
  EXPECT_EQ(e.byte_offset(), text.find("2e999"));
  EXPECT_NE(e.problem().find("number overflow parsing '2e999'"), std::string::npos) << e.problem();
}

TEST(GbJsonErrors, EmptyInputIsMalformed) {
  EXPECT_EQ(parse_error("").kind(), gb::ErrorKind::malformed_json);
  EXPECT_EQ(parse_error("   ").kind(), gb::ErrorKind::malformed_json);
}

TEST(GbJsonErrors, NotAReport) {
  gb::Error e = load_error(fixture("not_report_no_benchmarks.json"));
  EXPECT_EQ(e.kind(), gb::ErrorKind::not_a_report);
  EXPECT_EQ(e.problem(), "not a Google Benchmark report (no \"benchmarks\" array)");
  e = load_error(fixture("not_report_no_context.json"));
  EXPECT_EQ(e.kind(), gb::ErrorKind::not_a_report);
  EXPECT_EQ(e.problem(), "not a Google Benchmark report (no \"context\" object)");
  EXPECT_EQ(parse_error("[1, 2]").kind(), gb::ErrorKind::not_a_report);
  EXPECT_EQ(parse_error("{" + kContext + R"(, "benchmarks": {}})").kind(),
            gb::ErrorKind::not_a_report);
  EXPECT_EQ(parse_error(R"({"context": 3, "benchmarks": []})").kind(), gb::ErrorKind::not_a_report);
}

TEST(GbJsonErrors, EmptyBenchmarkList) {
  const gb::Error e = load_error(fixture("empty_benchmarks.json"));
  EXPECT_EQ(e.kind(), gb::ErrorKind::empty_report);
  EXPECT_EQ(e.problem(), "empty benchmark list (\"benchmarks\": [])");
}

TEST(GbJsonErrors, MissingFieldNamesEntryAndField) {
  const gb::Error e = load_error(fixture("missing_real_time.json"));
  EXPECT_EQ(e.kind(), gb::ErrorKind::bad_field);
  EXPECT_EQ(e.problem(),
            "benchmarks[0] \"latency/pipe/process/cross_core/64/manual_time\": missing field "
            "\"real_time\"");
}

TEST(GbJsonErrors, WrongTypeNamesFoundType) {
  const gb::Error e = load_error(fixture("wrong_type_real_time.json"));
  EXPECT_EQ(e.kind(), gb::ErrorKind::bad_field);
  EXPECT_NE(e.problem().find("field \"real_time\" must be a number, found string"),
            std::string::npos)
      << e.problem();
}

TEST(GbJsonErrors, MoreFieldShapes) {
  EXPECT_EQ(
      parse_error(one_entry(R"(, "real_time": 2, "cpu_time": 1, "time_unit": "ns", "x": "s")"))
          .problem(),
      "benchmarks[0] \"floor/memcpy/thread/unpinned/64\": counter \"x\" must be a number, "
      "found string");
  // iterations written as a float is not what Google Benchmark writes: reject, do not truncate.
  const std::string float_iterations =
      "{" + kContext +
      R"(, "benchmarks": [{"name": "n", "run_name": "n", "run_type": "iteration", "repetitions": 1,
      "repetition_index": 0, "iterations": 5.5, "real_time": 1, "cpu_time": 1, "time_unit": "ns"}]})";
  EXPECT_EQ(parse_error(float_iterations).kind(), gb::ErrorKind::bad_field);
  EXPECT_EQ(parse_error("{" + kContext + R"(, "benchmarks": [7]})").problem(),
            "benchmarks[0]: must be an object, found number");
  EXPECT_EQ(parse_error(one_entry(kTimes + R"(, "run_type": "x")")).kind(),
            gb::ErrorKind::bad_field);  // duplicate key: the last one wins and is invalid
  EXPECT_EQ(parse_error(R"({"context": {"date": "d", "host_name": "h", "num_cpus": "2",
      "mhz_per_cpu": 1}, "benchmarks": [1]})")
                .problem(),
            "context: field \"num_cpus\" must be an integer, found string");
  EXPECT_EQ(parse_error(one_entry(kTimes + R"(, "repetitions": 18446744073709551615)")).problem(),
            "benchmarks[0] \"floor/memcpy/thread/unpinned/64\": field \"repetitions\" is out of "
            "range");
}

TEST(GbJsonErrors, EchoedNewlinesStayOnOneLine) {
  const gb::Error e = parse_error(one_entry(kTimes + R"(, "error_occurred": 1)", R"(a\nb)"));
  EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  EXPECT_NE(std::string(e.what()).find("a?b"), std::string::npos) << e.what();
}

TEST(GbJsonErrors, UnknownTimeUnit) {
  const gb::Error e = load_error(fixture("unknown_time_unit.json"));
  EXPECT_EQ(e.kind(), gb::ErrorKind::unknown_time_unit);
  EXPECT_NE(e.problem().find("unknown time_unit \"fortnights\" (expected ns, us, ms or s)"),
            std::string::npos);
}

TEST(GbJsonNames, OffSchemeNameIsAnErrorOnlyWhenStrict) {
  const gb::Report r = gb::load_report(fixture("off_scheme_name.json"));
  EXPECT_FALSE(r.benchmarks.at(0).parsed_name);
  const gb::Error e = load_error(fixture("off_scheme_name.json"), gb::Naming::strict);
  EXPECT_EQ(e.kind(), gb::ErrorKind::bad_name);
  EXPECT_NE(e.problem().find("run_name \"BM_memcpy/64\" does not fit"), std::string::npos);
}

TEST(GbJsonNames, Parse) {
  const auto n =
      gb::parse_benchmark_name("spawn/fork/process/unpinned/1048576/repeats:3/threads:1");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->bytes, 1048576U);
  EXPECT_EQ(n->suffixes, (std::vector<std::string>{"repeats:3", "threads:1"}));
  EXPECT_EQ(n->key(), "spawn/fork/process/unpinned/1048576");
  EXPECT_TRUE(gb::parse_benchmark_name("sync/mutex_contended/thread/cross_core/0"));
  EXPECT_TRUE(gb::parse_benchmark_name("a/b/c/d/18446744073709551615"));
  for (const char* bad :
       {"", "a/b/c/d", "a/b/c/d/", "a//c/d/1", "a/b/c/d/64k", "a/b/c/d/-1", "a/b/c/d/1e3",
        "a/b/c/d/+1", "a/b/c/d/18446744073709551616", "a/b/c/d/1/", "/a/b/c/d/1"}) {
    EXPECT_FALSE(gb::parse_benchmark_name(bad)) << bad;
  }
}

TEST(GbJsonUnits, NanosecondsPerUnit) {
  EXPECT_EQ(gb::ns_per_unit("ns"), 1.0);
  EXPECT_EQ(gb::ns_per_unit("us"), 1e3);
  EXPECT_EQ(gb::ns_per_unit("ms"), 1e6);
  EXPECT_EQ(gb::ns_per_unit("s"), 1e9);
  EXPECT_FALSE(gb::ns_per_unit("NS"));
  EXPECT_FALSE(gb::ns_per_unit(""));
}

TEST(GbJsonNonFinite, TokensOutsideStringsReadAsNaN) {
  const gb::Entry e = gb::load_report(fixture("non_finite.json")).benchmarks.at(0);
  EXPECT_TRUE(std::isnan(e.real_time));
  EXPECT_TRUE(std::isnan(e.real_time_ns));
  EXPECT_TRUE(std::isnan(e.cpu_time));  // -Infinity reads as NaN too: "not a usable number"
  EXPECT_TRUE(std::isnan(e.counters.at("p50_ns")));
  EXPECT_TRUE(std::isnan(e.counters.at("p99_ns")));
  EXPECT_TRUE(std::isnan(e.counters.at("max_ns")));
  EXPECT_TRUE(std::isnan(e.counters.at("msgs_per_s")));  // an explicit null as well
  EXPECT_EQ(e.counters.at("nan_count"), 3);
  EXPECT_EQ(e.label, "NaN Infinity");  // inside strings: untouched
  EXPECT_EQ(e.error_message, "got -NaN");
}

TEST(GbJsonNonFinite, Rewrite) {
  std::vector<std::size_t> grown;
  EXPECT_EQ(gb::replace_non_finite(R"([NaN,-NaN,Infinity,-Infinity])", &grown),
            "[null,null,null    ,null     ]");
  EXPECT_EQ(grown, std::vector<std::size_t>{1});
  // Escaped quotes do not end a string; words merely containing the tokens are left alone.
  EXPECT_EQ(gb::replace_non_finite(R"(["a\"NaN\\", NaN, NaNx, xNaN, 1.NaN])"),
            R"(["a\"NaN\\", null, NaNx, xNaN, 1.NaN])");
  EXPECT_EQ(gb::replace_non_finite("NaN"), "null");
  EXPECT_EQ(gb::replace_non_finite("\"unterminated NaN"), "\"unterminated NaN");
}
