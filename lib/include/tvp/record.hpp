// A realistic structured message — strings, numeric vectors and a map of mixed values — and the two
// ways tvp turns it into bytes: MessagePack (through nlohmann/json, the convenient choice) and a
// plain length-prefixed binary layout (the hand-written choice). The `structured` benchmark family
// hands it between threads as a std::shared_ptr<const Record> against serialize → transport →
// deserialize between processes, so the cost of "no serialization" is measured, not assumed.
//
//   Record r = make_record(200);           // binary encoding is exactly 200 bytes
//   r.id = seq;
//   std::vector<std::byte> wire(binary_size(r));
//   encode_binary(r, wire);
//   Record back = decode_binary(wire);     // throws CodecError on truncated or corrupt input
//   verify_record(back, seq, content_digest(r));
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tvp {

using AttributeValue = std::variant<std::int64_t, std::string>;

struct Record {
  std::uint64_t id = 0;  // the message's sequence number: the only field that changes per message
  std::int64_t timestamp_ns = 0;
  std::string name;
  std::string source;
  std::vector<double> samples;
  std::vector<std::int64_t> counts;
  std::map<std::string, AttributeValue> attributes;

  friend bool operator==(const Record&, const Record&) = default;
};

// Bytes that are not a valid encoding of a Record. what() is one line naming the codec and the
// cause, e.g. "binary record: truncated at byte 40 reading samples (need 80 bytes, 12 left)".
class CodecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The canonical record whose binary encoding is exactly `binary_bytes` long: a fixed header of
// strings and a few attributes, then samples, counts and attributes in the proportions of a
// telemetry frame. Deterministic (same size → same record), id = 0.
// REQUIRES: binary_bytes >= min_record_bytes() (throws std::invalid_argument otherwise).
Record make_record(std::size_t binary_bytes);
std::size_t min_record_bytes();

// A position-sensitive digest of every field except `id`, reading every byte of every string and
// vector: walking the record is part of what a receiver pays.
std::uint64_t content_digest(const Record& r) noexcept;

// Checks a received record: its id is `expected_id` and its content digest is `expected_digest`
// (the sender's content_digest). Throws VerifyError naming the difference.
void verify_record(const Record& r, std::uint64_t expected_id, std::uint64_t expected_digest);

// Plain binary layout (little-endian, every variable-length field prefixed by its u32 length):
//   "TVR1" id:u64 timestamp_ns:i64 name:str source:str
//   samples:u32 n, n × f64   counts:u32 n, n × i64
//   attributes:u32 n, n × (key:str, tag:u8 (0 = i64, 1 = str), value), keys strictly increasing
// The size is known before encoding, so a sender can encode straight into a transport's buffer.
std::size_t binary_size(const Record& r) noexcept;
// REQUIRES: out.size() == binary_size(r).
void encode_binary(const Record& r, std::span<std::byte> out) noexcept;
// Throws CodecError on bad magic, truncation, an impossible length, an unknown tag or trailing
// bytes.
Record decode_binary(std::span<const std::byte> in);

// MessagePack of the JSON object {"id","ts","name","source","samples","counts","attrs"} via
// nlohmann::json (a DOM is built on both sides: that is the convenience being measured).
// `out` is replaced by the encoding (its capacity is reused).
void encode_msgpack(const Record& r, std::vector<std::uint8_t>& out);
// Throws CodecError on malformed MessagePack, trailing bytes, or a missing or mistyped field.
Record decode_msgpack(std::span<const std::byte> in);

}  // namespace tvp
