// The structured record and its two codecs: exact sizes, lossless round trips, a digest that sees
// every field, and bad input (truncated, corrupted, mistyped) that ends in a one-line CodecError —
// never a crash, a hang or a huge allocation.
#include "tvp/record.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "tvp/error.hpp"

namespace tvp {
namespace {

std::vector<std::byte> binary_of(const Record& r) {
  std::vector<std::byte> out(binary_size(r));
  encode_binary(r, out);
  return out;
}

std::vector<std::byte> msgpack_of(const Record& r) {
  std::vector<std::uint8_t> out;
  encode_msgpack(r, out);
  const auto* p = reinterpret_cast<const std::byte*>(out.data());
  return {p, p + out.size()};
}

std::vector<std::byte> bytes_of(std::initializer_list<unsigned> values) {
  std::vector<std::byte> out;
  for (unsigned v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}

// Runs a decoder on bad input and returns the CodecError's message ("" if it did not throw one).
template <class Decode>
std::string codec_error_of(Decode decode, std::span<const std::byte> in) {
  try {
    (void)decode(in);
  } catch (const CodecError& e) {
    return e.what();
  }
  return "";
}

class RecordSizeTest : public ::testing::TestWithParam<std::size_t> {};

TEST_P(RecordSizeTest, BinaryEncodingHasExactlyTheRequestedSize) {
  const Record r = make_record(GetParam());
  EXPECT_EQ(binary_size(r), GetParam());
  EXPECT_EQ(binary_of(r).size(), GetParam());
}

TEST_P(RecordSizeTest, BinaryRoundTripIsLossless) {
  Record r = make_record(GetParam());
  r.id = 123456789012345ull;
  EXPECT_EQ(decode_binary(binary_of(r)), r);
}

TEST_P(RecordSizeTest, MsgpackRoundTripIsLossless) {
  Record r = make_record(GetParam());
  r.id = 42;
  EXPECT_EQ(decode_msgpack(msgpack_of(r)), r);
}

TEST_P(RecordSizeTest, LargeRecordsCarryEveryKindOfField) {
  const Record r = make_record(GetParam());
  EXPECT_FALSE(r.name.empty());
  EXPECT_FALSE(r.source.empty());
  EXPECT_FALSE(r.samples.empty());
  EXPECT_FALSE(r.counts.empty());
  EXPECT_GE(r.attributes.size(), 3u);
  if (GetParam() >= 4096) {
    EXPECT_GT(r.attributes.size(), 20u) << "large records grow the map too";
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, RecordSizeTest,
                         ::testing::Values(min_record_bytes(), 200, 201, 207, 4096, 65536,
                                           1 << 20));

TEST(Record, BelowTheSmallestRecordIsRejected) {
  EXPECT_THROW(make_record(min_record_bytes() - 1), std::invalid_argument);
}

TEST(Record, EmptyRecordRoundTripsThroughBothCodecs) {
  const Record empty;
  EXPECT_EQ(decode_binary(binary_of(empty)), empty);
  EXPECT_EQ(decode_msgpack(msgpack_of(empty)), empty);
}

TEST(RecordDigest, IgnoresTheIdButSeesEveryOtherField) {
  const Record r = make_record(4096);
  const std::uint64_t d = content_digest(r);
  Record same = r;
  same.id = 99;
  EXPECT_EQ(content_digest(same), d);

  std::vector<Record> changed(7, r);
  changed[0].timestamp_ns += 1;
  changed[1].name.back() = 'X';
  changed[2].source.push_back('!');
  std::swap(changed[3].samples[0], changed[3].samples[1]);  // order matters
  changed[4].counts.pop_back();
  changed[5].attributes.begin()->second = std::int64_t{-1};
  std::swap(changed[6].name, changed[6].source);  // same bytes, different fields
  for (std::size_t i = 0; i < changed.size(); ++i)
    EXPECT_NE(content_digest(changed[i]), d) << "change " << i;
}

TEST(RecordDigest, VerifyRejectsWrongIdAndWrongContent) {
  Record r = make_record(200);
  r.id = 7;
  const std::uint64_t d = content_digest(r);
  EXPECT_NO_THROW(verify_record(r, 7, d));
  EXPECT_THROW(verify_record(r, 8, d), VerifyError);
  r.samples[0] = -1;
  try {
    verify_record(r, 7, d);
    FAIL() << "a changed sample passed verification";
  } catch (const VerifyError& e) {
    EXPECT_NE(std::string(e.what()).find("content digest"), std::string::npos) << e.what();
  }
}

// Every proper prefix of a valid encoding is a CodecError whose message starts with `prefix`.
template <class Decode>
void every_truncation_is_a_codec_error(const std::vector<std::byte>& full, Decode decode,
                                       const std::string& prefix) {
  for (std::size_t n = 0; n < full.size(); ++n) {
    const std::string msg = codec_error_of(decode, std::span(full).first(n));
    EXPECT_EQ(msg.rfind(prefix, 0), 0u) << "prefix " << n << ": '" << msg << "'";
  }
}

TEST(BinaryCodec, EveryTruncationIsACodecError) {
  every_truncation_is_a_codec_error(binary_of(make_record(300)), decode_binary, "binary record: ");
}

TEST(BinaryCodec, CorruptInputNamesTheCause) {
  const auto good = binary_of(make_record(300));
  auto bad_magic = good;
  bad_magic[0] = std::byte{'X'};
  EXPECT_NE(codec_error_of(decode_binary, bad_magic).find("bad magic"), std::string::npos);

  auto trailing = good;
  trailing.push_back(std::byte{0});
  EXPECT_NE(codec_error_of(decode_binary, trailing).find("1 trailing bytes"), std::string::npos);

  // The name's length field (after magic, id, timestamp) claims 4 billion bytes: refused before
  // any allocation.
  auto huge = good;
  std::memset(huge.data() + 20, 0xff, 4);
  EXPECT_NE(codec_error_of(decode_binary, huge).find("name claims 4294967295 elements"),
            std::string::npos)
      << codec_error_of(decode_binary, huge);

  // Attribute keys must come in order (the encoder writes the map in order): swap two keys.
  Record two;
  two.attributes = {{"a", std::int64_t{1}}, {"b", std::int64_t{2}}};
  auto swapped = binary_of(two);
  const std::size_t first_key = swapped.size() - 2 * (4 + 1 + 1 + 8) + 4;
  std::swap(swapped[first_key], swapped[first_key + 14]);
  EXPECT_NE(codec_error_of(decode_binary, swapped).find("\"a\" is out of order or repeated"),
            std::string::npos)
      << codec_error_of(decode_binary, swapped);

  // Unknown attribute tag: encode a record with one attribute and break its tag byte.
  Record one;
  one.attributes = {{"k", std::int64_t{1}}};
  auto bad_tag = binary_of(one);
  bad_tag[bad_tag.size() - 9] = std::byte{7};  // tag precedes the 8-byte value
  EXPECT_NE(codec_error_of(decode_binary, bad_tag).find("unknown attribute tag 7 for \"k\""),
            std::string::npos)
      << codec_error_of(decode_binary, bad_tag);
}

// Flipping any single byte either still decodes (e.g. a changed sample) or is a CodecError: no
// other exception, no crash.
template <class Decode>
void every_byte_flip_is_handled(const std::vector<std::byte>& good, Decode decode) {
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (unsigned x : {0x01u, 0x80u, 0xffu}) {
      auto bad = good;
      bad[i] ^= static_cast<std::byte>(x);
      try {
        (void)decode(bad);
      } catch (const CodecError&) {
      } catch (const std::exception& e) {
        ADD_FAILURE() << "byte " << i << " ^ " << x << ": not a CodecError: " << e.what();
      }
    }
  }
}

TEST(BinaryCodec, EveryByteFlipIsHandled) {
  every_byte_flip_is_handled(binary_of(make_record(300)), decode_binary);
}

TEST(MsgpackCodec, EveryByteFlipIsHandled) {
  every_byte_flip_is_handled(msgpack_of(make_record(300)), decode_msgpack);
}

TEST(MsgpackCodec, EveryTruncationIsACodecError) {
  every_truncation_is_a_codec_error(msgpack_of(make_record(300)), decode_msgpack,
                                    "msgpack record: ");
}

TEST(MsgpackCodec, WrongShapesNameTheField) {
  // 0x01: a positive fixint, not a map.
  EXPECT_NE(codec_error_of(decode_msgpack, bytes_of({0x01})).find("top level is number, not a map"),
            std::string::npos);
  // {"id": "x"}: fixmap(1), fixstr "id", fixstr "x".
  const auto id_is_text = bytes_of({0x81, 0xa2, 'i', 'd', 0xa1, 'x'});
  EXPECT_NE(codec_error_of(decode_msgpack, id_is_text).find("field \"id\" is not an unsigned"),
            std::string::npos)
      << codec_error_of(decode_msgpack, id_is_text);
  // {"id": 1}: every other field is missing.
  const auto only_id = bytes_of({0x81, 0xa2, 'i', 'd', 0x01});
  EXPECT_NE(codec_error_of(decode_msgpack, only_id).find("field \"ts\" is missing"),
            std::string::npos)
      << codec_error_of(decode_msgpack, only_id);
  // Trailing byte after a whole encoding.
  auto trailing = msgpack_of(make_record(200));
  trailing.push_back(std::byte{0xc0});
  EXPECT_EQ(codec_error_of(decode_msgpack, trailing).rfind("msgpack record: ", 0), 0u);
}

}  // namespace
}  // namespace tvp
