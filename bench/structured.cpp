// structured/<transport>/<model>/cross_core/<record_bytes>/codec:<none|binary|msgpack>: what "no
// serialization" is worth. One round trip per iteration of a realistic record (tvp::Record:
// strings, two numeric vectors, a map of mixed values; <record_bytes> is the size of its binary
// encoding, 200 or 65536), checked on both sides (id and a digest of every field):
//   sharedptr/thread/.../codec:none   a std::shared_ptr<const Record> goes to the other thread and
//                                     comes back; nothing is copied or rebuilt
//   <transport>/<model>/.../codec:X   the record is encoded, sent, decoded into a new Record and
//                                     checked, then the rebuilt record is encoded and sent back,
//                                     decoded and checked again: all of it inside the round trip
// The sender does not build a new record per message in either case (it sets the id of its one
// record), so the difference is exactly the encoding, the transport and the rebuilding.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <string>

#include "families.hpp"
#include "handoff_trial.hpp"
#include "matrix.hpp"
#include "matrix_subset.hpp"
#include "round_trips.hpp"
#include "session.hpp"
#include "structured_wire.hpp"
#include "tail_latency.hpp"
#include "tvp/record.hpp"

namespace tvp::bench {
namespace {

constexpr std::array<std::size_t, 2> kRecordBytes = {200, 65536};

void shared_record(benchmark::State& state, const std::string& name, std::size_t record_bytes) {
  run_trial(state, [&] {
    auto mine = std::make_shared<Record>(make_record(record_bytes));
    const std::uint64_t digest = content_digest(*mine);
    using Ptr = std::shared_ptr<const Record>;
    HandoffTrial<Ptr, Ptr> trial(name, Placement::cross_core, warmup_round_trips(record_bytes),
                                 static_cast<std::uint64_t>(state.max_iterations),
                                 [&trial, digest](std::uint64_t seq) {
                                   Ptr r = trial.forward.pop();
                                   verify_record(*r, seq, digest);
                                   trial.backward.push(std::move(r));
                                 });
    RoundTripTimes times;
    const Usage both = trial.run(state, times, [&](std::uint64_t seq) {
      mine->id = seq;  // sole owner again: the previous round trip's copy came back and died
      trial.forward.push(Ptr(mine));
      verify_record(*trial.backward.pop(), seq, digest);
    });
    report_tail_round_trips(state.counters, times, both);
  });
}

void serialized_record(benchmark::State& state, const Cell& cell, Codec codec) {
  run_trial(state, [&] {
    Record mine = make_record(cell.bytes);
    const std::uint64_t digest = content_digest(mine);
    RecordWire wire(codec);
    mine.id = std::numeric_limits<std::uint64_t>::max();  // the largest encoding of any id
    const std::size_t max_bytes = wire.wire_bytes(mine);
    const std::uint64_t warmup = warmup_round_trips(cell.bytes);
    const auto total = warmup + static_cast<std::uint64_t>(state.max_iterations);
    ChannelTrial trial(cell, {.max_message_bytes = max_bytes, .window = 1, .model = cell.model},
                       "record echo", [=](Endpoint& ep, PeerContext& ctx) {
                         RecordWire peer_wire(codec);
                         for (std::uint64_t seq = 0; seq < total; ++seq) {
                           if (seq == warmup) ctx.mark_measure_start();
                           const Record r = peer_wire.receive(ep);
                           verify_record(r, seq, digest);
                           peer_wire.send(ep, r);
                           ctx.progress();
                         }
                       });
    Endpoint& ep = trial.initiator();
    auto round_trip = [&](std::uint64_t seq) {
      mine.id = seq;
      wire.send(ep, mine);
      verify_record(wire.receive(ep), seq, digest);
    };
    ping_pong(state, cell, trial, warmup, round_trip);
    mine.id = 0;
    state.counters["wire_bytes"] = static_cast<double>(wire.wire_bytes(mine));
  });
}

}  // namespace

void register_structured(const BenchConfig& c) {
  // Named cross_core: one CPU each, so the cost is the work, not two sides sharing a CPU.
  if (!has_placement(c, Placement::cross_core)) return;
  for (std::size_t bytes : kRecordBytes) {
    const std::string name =
        bench_name("structured", "sharedptr", Model::thread, Placement::cross_core, bytes) +
        "/codec:none";
    benchmark::RegisterBenchmark(name.c_str(), [name, bytes](benchmark::State& s) {
      shared_record(s, name, bytes);
    })->UseManualTime();
  }
  // --quick keeps the comparison the family exists for: processes against the shared_ptr.
  for (const Cell& cell : cells_at(representatives_if_quick(c), Placement::cross_core,
                                   {kRecordBytes.begin(), kRecordBytes.end()})) {
    // The rows marked `serialized`: one byte transport of each kind (pipe, Unix socket, ring).
    if (!cell.transport->serialized || (c.quick && cell.model != Model::process)) continue;
    for (Codec codec : {Codec::binary, Codec::msgpack}) {
      const std::string name = cell.name("structured") + "/codec:" + std::string(to_string(codec));
      benchmark::RegisterBenchmark(name.c_str(), serialized_record, cell, codec)->UseManualTime();
    }
  }
}

}  // namespace tvp::bench
