// One console and one report file for the whole run, fed by two runners: Google Benchmark's (the
// unpaired families) and tvp's paired runner. Google Benchmark opens and closes its reporters on
// every RunSpecifiedBenchmarks call and truncates --benchmark_out; tvp-bench therefore takes
// --benchmark_out itself, writes the context once at the start and closes the report once at the
// end, and hands Google Benchmark's runner a reporter that only passes the runs on.
#pragma once

#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <string>

namespace tvp::bench {

class ReportSink {
 public:
  // `display`: the console (not owned). `path` empty: no report file. Throws std::runtime_error
  // when the file cannot be opened.
  ReportSink(benchmark::BenchmarkReporter& display, const std::string& path,
             const std::string& format);

  // The context goes out once, before the first run (so a run where nothing matched prints none);
  // `end` closes the report if it was begun.
  void set_name_field_width(std::size_t w) { name_field_width_ = w; }
  void begin();
  void end();

  benchmark::BenchmarkReporter& display() { return display_; }
  benchmark::BenchmarkReporter* file() { return file_.get(); }
  // For benchmark::RunSpecifiedBenchmarks: context and finalize calls are swallowed, runs go to
  // the console and the file. Its error stream is the console's.
  benchmark::BenchmarkReporter& runs_only() { return *runs_only_; }

 private:
  benchmark::BenchmarkReporter& display_;
  std::ofstream out_;
  std::unique_ptr<benchmark::BenchmarkReporter> file_;
  std::unique_ptr<benchmark::BenchmarkReporter> runs_only_;
  std::size_t name_field_width_ = 60;
  bool begun_ = false;
};

}  // namespace tvp::bench
