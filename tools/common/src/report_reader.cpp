// load_report / parse_report: file → text → JSON → validated Report, every failure a gbjson::Error.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "json_fields.hpp"
#include "readers.hpp"

namespace tvp::gbjson {
namespace {

std::string read_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) {
    throw Error(ErrorKind::file_missing, name, "no such file");
  }
  if (ec) throw Error(ErrorKind::file_unreadable, name, "cannot stat: " + ec.message());
  if (std::filesystem::is_directory(status)) {
    throw Error(ErrorKind::file_unreadable, name, "is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ErrorKind::file_unreadable, name,
                std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error(ErrorKind::file_unreadable, name, "read error");
  return std::move(text).str();
}

// nlohmann's message names line/column of the rewritten text and may quote raw input; keep its
// reason, cut it short and drop anything unprintable.
std::string parse_reason(const std::string& what) {
  const std::size_t colon = what.find(": ");
  std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
  for (char& c : reason) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) c = '?';
  }
  return detail::shorten(reason, 160);
}

nlohmann::json parse_json(std::string_view text, const std::string& source) {
  std::vector<std::size_t> grown_at;
  const std::string json_text = replace_non_finite(text, &grown_at);
  try {
    return nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based in the rewritten text; every NaN before it added one byte.
    const std::size_t at = std::min(e.byte > 0 ? e.byte - 1 : 0, json_text.size());
    const auto grown = static_cast<std::size_t>(
        std::lower_bound(grown_at.begin(), grown_at.end(), at) - grown_at.begin());
    const std::size_t offset = std::min(at - grown, text.size());
    throw Error(ErrorKind::malformed_json, source,
                "malformed JSON at byte " + std::to_string(offset) + ": " + parse_reason(e.what()),
                offset);
  } catch (const nlohmann::json::out_of_range& e) {
    // Grammatically valid but unrepresentable, e.g. 1e999 (found by the fuzzer). nlohmann gives no
    // position, only the token: the first place it occurs is where to look.
    const std::string what = e.what();
    const std::size_t quote = what.find('\'');
    const std::string token = quote == std::string::npos
                                  ? std::string()
                                  : what.substr(quote + 1, what.size() - quote - 2);
    const std::size_t at = token.empty() ? std::string_view::npos : text.find(token);
    std::optional<std::size_t> offset;
    if (at != std::string_view::npos) offset = at;
    throw Error(ErrorKind::malformed_json, source,
                "malformed JSON" +
                    (offset ? " at byte " + std::to_string(*offset) : std::string()) + ": " +
                    parse_reason(what),
                offset);
  }
}

}  // namespace

Report parse_report(std::string_view text, const std::string& source, Naming naming) {
  const nlohmann::json root = parse_json(text, source);
  const auto not_a_report = [&](const std::string& why) {
    return Error(ErrorKind::not_a_report, source, "not a Google Benchmark report (" + why + ")");
  };
  if (!root.is_object()) {
    throw not_a_report(std::string("top level is ") + root.type_name() + ", not an object");
  }
  const auto benchmarks = root.find("benchmarks");
  if (benchmarks == root.end()) throw not_a_report("no \"benchmarks\" array");
  if (!benchmarks->is_array()) throw not_a_report("\"benchmarks\" is not an array");
  const auto context = root.find("context");
  if (context == root.end()) throw not_a_report("no \"context\" object");
  if (!context->is_object()) throw not_a_report("\"context\" is not an object");

  Report report;
  report.path = source;
  report.context = detail::read_context(*context, source);
  if (benchmarks->empty()) {
    throw Error(ErrorKind::empty_report, source, "empty benchmark list (\"benchmarks\": [])");
  }
  report.benchmarks.reserve(benchmarks->size());
  for (std::size_t i = 0; i < benchmarks->size(); ++i) {
    report.benchmarks.push_back(detail::read_entry((*benchmarks)[i], source, i, naming));
  }
  return report;
}

Report load_report(const std::filesystem::path& path, Naming naming) {
  return parse_report(read_file(path), path.string(), naming);
}

}  // namespace tvp::gbjson
