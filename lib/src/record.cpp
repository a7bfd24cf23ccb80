#include "tvp/record.hpp"

#include <cstdio>
#include <cstring>
#include <string>

#include "tvp/error.hpp"

namespace tvp {
namespace {

// The part every record has whatever its size: the strings and attributes a telemetry frame
// carries.
Record base_record() {
  Record r;
  r.timestamp_ns = 1'700'000'000'123'456'789;
  r.name = "telemetry.frame";
  r.source = "plant-3/line-7/sensor-";
  r.samples = {20.5, 20.75, 21.0, 21.125};
  r.counts = {17, 4};
  r.attributes = {{"unit", "kPa"}, {"status", "nominal"}, {"retries", std::int64_t{3}}};
  return r;
}

double sample_value(std::size_t i) {
  return static_cast<double>(i) * 0.25 + 1.0 / static_cast<double>(i + 1);
}

// Fletcher-style sums over 64-bit words: the second sum weights each word by its position, so a
// swapped pair of fields or elements changes the digest, at about one cycle per word.
class Digest {
 public:
  void word(std::uint64_t w) noexcept {
    s1_ += w;
    s2_ += s1_;
  }
  void bytes(const void* data, std::size_t n) noexcept {
    word(n);
    const auto* p = static_cast<const unsigned char*>(data);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      word(w);
    }
    if (i < n) {
      std::uint64_t w = 0;
      std::memcpy(&w, p + i, n - i);
      word(w);
    }
  }
  void text(const std::string& s) noexcept { bytes(s.data(), s.size()); }
  std::uint64_t value() const noexcept {
    return (s1_ ^ (s2_ << 32 | s2_ >> 32)) * 0x9E3779B97F4A7C15ull;
  }

 private:
  std::uint64_t s1_ = 0x243F6A8885A308D3ull;  // non-zero: an all-zero record must not digest to 0
  std::uint64_t s2_ = 0;
};

std::string hex(std::uint64_t v) {
  char buf[19];
  std::snprintf(buf, sizeof(buf), "0x%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

std::size_t min_record_bytes() { return binary_size(base_record()); }

Record make_record(std::size_t binary_bytes) {
  Record r = base_record();
  const std::size_t base = binary_size(r);
  if (binary_bytes < base)
    throw std::invalid_argument("make_record: " + std::to_string(binary_bytes) +
                                " bytes is below the smallest record (" + std::to_string(base) +
                                " bytes)");
  // Spend the rest like a telemetry frame: mostly samples, some counts and attributes.
  const std::size_t extra = binary_bytes - base;
  std::size_t attr_budget = extra / 5;
  for (std::size_t i = 0;; ++i) {
    std::string key = "attr." + std::to_string(100000 + i);
    AttributeValue v = i % 2 == 0 ? AttributeValue{"value-" + std::to_string(i * 7919)}
                                  : AttributeValue{static_cast<std::int64_t>(i * 7919)};
    const std::size_t cost =
        4 + key.size() + 1 + (i % 2 == 0 ? 4 + std::get<std::string>(v).size() : std::size_t{8});
    if (cost > attr_budget) break;
    attr_budget -= cost;
    r.attributes.emplace(std::move(key), std::move(v));
  }
  std::size_t rest = binary_bytes - binary_size(r);
  for (std::size_t n = rest / 10 / 8; n > 0; --n, rest -= 8)
    r.counts.push_back(static_cast<std::int64_t>(r.counts.size() * 131));
  for (; rest >= 8; rest -= 8) r.samples.push_back(sample_value(r.samples.size()));
  // The last few bytes go into a string so the size is exact.
  for (std::size_t i = 0; i < rest; ++i) r.source.push_back(static_cast<char>('a' + i % 26));
  return r;
}

std::uint64_t content_digest(const Record& r) noexcept {
  Digest d;
  d.word(static_cast<std::uint64_t>(r.timestamp_ns));
  d.text(r.name);
  d.text(r.source);
  d.bytes(r.samples.data(), r.samples.size() * sizeof(double));
  d.bytes(r.counts.data(), r.counts.size() * sizeof(std::int64_t));
  d.word(r.attributes.size());
  for (const auto& [key, value] : r.attributes) {
    d.text(key);
    d.word(value.index());
    if (const auto* i = std::get_if<std::int64_t>(&value))
      d.word(static_cast<std::uint64_t>(*i));
    else
      d.text(std::get<std::string>(value));
  }
  return d.value();
}

void verify_record(const Record& r, std::uint64_t expected_id, std::uint64_t expected_digest) {
  if (r.id != expected_id)
    throw VerifyError("record: id " + std::to_string(r.id) + ", expected " +
                      std::to_string(expected_id) + " (lost, reordered or stale message)");
  if (const std::uint64_t got = content_digest(r); got != expected_digest)
    throw VerifyError("record " + std::to_string(r.id) + ": content digest " + hex(got) +
                      " differs from the sender's " + hex(expected_digest));
}

}  // namespace tvp
