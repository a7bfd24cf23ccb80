// The plain binary record layout (see record.hpp). Encoding writes straight into the caller's
// buffer with memcpy; decoding checks every length against the bytes left before allocating, so a
// corrupt length is an error, not a multi-gigabyte allocation.
#include <bit>
#include <cstring>
#include <string>

#include "tvp/record.hpp"

namespace tvp {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the binary record layout is little-endian: add byte swaps for this host");

constexpr char kMagic[4] = {'T', 'V', 'R', '1'};
constexpr std::uint8_t kTagInt = 0, kTagString = 1;

class Writer {
 public:
  explicit Writer(std::span<std::byte> out) noexcept : p_(out.data()) {}
  void raw(const void* data, std::size_t n) noexcept {
    if (n != 0) std::memcpy(p_, data, n);  // memcpy(dst, nullptr, 0) of an empty vector is UB
    p_ += n;
  }
  template <class T>
  void scalar(T v) noexcept {
    raw(&v, sizeof v);
  }
  void length(std::size_t n) noexcept { scalar(static_cast<std::uint32_t>(n)); }
  void text(const std::string& s) noexcept {
    length(s.size());
    raw(s.data(), s.size());
  }

 private:
  std::byte* p_;
};

class Reader {
 public:
  explicit Reader(std::span<const std::byte> in) noexcept : in_(in) {}

  void raw(void* dst, std::size_t n, const char* what) {
    need(n, what);
    if (n != 0) std::memcpy(dst, in_.data() + at_, n);
    at_ += n;
  }
  template <class T>
  T scalar(const char* what) {
    T v;
    raw(&v, sizeof v, what);
    return v;
  }
  // A u32 element count, checked against the bytes left (each element takes at least
  // `min_element_bytes`) before anyone allocates for it.
  std::size_t count(const char* what, std::size_t min_element_bytes) {
    const std::size_t n = scalar<std::uint32_t>(what);
    if (n * min_element_bytes > left())
      fail(std::string(what) + " claims " + std::to_string(n) + " elements, only " +
           std::to_string(left()) + " bytes left");
    return n;
  }
  std::string text(const char* what) {
    std::string s(count(what, 1), '\0');
    raw(s.data(), s.size(), what);
    return s;
  }
  void expect_end() {
    if (left() != 0) fail(std::to_string(left()) + " trailing bytes after the record");
  }
  [[noreturn]] void fail(const std::string& cause) const {
    throw CodecError("binary record: " + cause + " (at byte " + std::to_string(at_) + " of " +
                     std::to_string(in_.size()) + ")");
  }

 private:
  std::size_t left() const noexcept { return in_.size() - at_; }
  void need(std::size_t n, const char* what) const {
    if (n > left())
      fail(std::string("truncated reading ") + what + " (need " + std::to_string(n) + " bytes, " +
           std::to_string(left()) + " left)");
  }

  std::span<const std::byte> in_;
  std::size_t at_ = 0;
};

template <class T>
void read_vector(Reader& r, std::vector<T>& v, const char* what) {
  v.resize(r.count(what, sizeof(T)));
  r.raw(v.data(), v.size() * sizeof(T), what);
}

}  // namespace

std::size_t binary_size(const Record& r) noexcept {
  std::size_t n = sizeof kMagic + 8 + 8 + (4 + r.name.size()) + (4 + r.source.size()) +
                  (4 + r.samples.size() * 8) + (4 + r.counts.size() * 8) + 4;
  for (const auto& [key, value] : r.attributes) {
    n += 4 + key.size() + 1;
    if (const auto* s = std::get_if<std::string>(&value))
      n += 4 + s->size();
    else
      n += 8;
  }
  return n;
}

void encode_binary(const Record& r, std::span<std::byte> out) noexcept {
  Writer w(out);
  w.raw(kMagic, sizeof kMagic);
  w.scalar(r.id);
  w.scalar(r.timestamp_ns);
  w.text(r.name);
  w.text(r.source);
  w.length(r.samples.size());
  w.raw(r.samples.data(), r.samples.size() * sizeof(double));
  w.length(r.counts.size());
  w.raw(r.counts.data(), r.counts.size() * sizeof(std::int64_t));
  w.length(r.attributes.size());
  for (const auto& [key, value] : r.attributes) {
    w.text(key);
    if (const auto* s = std::get_if<std::string>(&value)) {
      w.scalar(kTagString);
      w.text(*s);
    } else {
      w.scalar(kTagInt);
      w.scalar(std::get<std::int64_t>(value));
    }
  }
}

Record decode_binary(std::span<const std::byte> in) {
  Reader rd(in);
  char magic[sizeof kMagic];
  rd.raw(magic, sizeof magic, "magic");
  if (std::memcmp(magic, kMagic, sizeof kMagic) != 0) rd.fail("bad magic (not \"TVR1\")");
  Record r;
  r.id = rd.scalar<std::uint64_t>("id");
  r.timestamp_ns = rd.scalar<std::int64_t>("timestamp_ns");
  r.name = rd.text("name");
  r.source = rd.text("source");
  read_vector(rd, r.samples, "samples");
  read_vector(rd, r.counts, "counts");
  // Smallest attribute: empty key (4) + tag (1) + empty string (4).
  for (std::size_t n = rd.count("attributes", 9); n > 0; --n) {
    std::string key = rd.text("attribute key");
    AttributeValue value;
    switch (const auto tag = rd.scalar<std::uint8_t>("attribute tag")) {
      case kTagInt:
        value = rd.scalar<std::int64_t>("attribute value");
        break;
      case kTagString:
        value = rd.text("attribute value");
        break;
      default:
        rd.fail("unknown attribute tag " + std::to_string(tag) + " for \"" + key + "\"");
    }
    // The encoder writes the map in key order, so each key goes at the end: a constant-time
    // hinted insert instead of a tree search, and a key out of order is corrupt input.
    if (!r.attributes.empty() && !(r.attributes.rbegin()->first < key))
      rd.fail("attribute key \"" + key + "\" is out of order or repeated");
    r.attributes.emplace_hint(r.attributes.end(), std::move(key), std::move(value));
  }
  rd.expect_end();
  return r;
}

}  // namespace tvp
