// event_store_bench — append and read throughput of the RocksDB event store.
//
// Appends use ~150-byte payloads spread over 1,000 streams, in groups of 1,
// 100 and 1,000 events per WriteBatch (the engine's group commit). Reads scan
// forward in batches and decode every payload through the event registry.
// scripts/bench-event-store.sh runs this beside RocksDB's own db_bench.
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <random>

#include "domain/events/event.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/event_store.hpp"

namespace {

using namespace nyxmon;
using namespace nyxmon::infra::eventstore;
namespace fs = std::filesystem;

constexpr int kStreams = 1000;

fs::path fresh_directory(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("nyxmon-bench-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  return dir;
}

// A result event of realistic size (~150 bytes encoded).
domain::Event sample_result(std::uint64_t n) {
  domain::CheckResultRecorded event;
  event.check = domain::CheckId{"check-" + std::to_string(n % kStreams)};
  event.run = n;
  event.next_due_at =
      domain::from_unix_nanos(1'700'000'060'000'000'000 + static_cast<std::int64_t>(n) * 1'000'000);
  auto& result = event.result;
  result.outcome = n % 17 == 0 ? domain::Outcome::kFail : domain::Outcome::kOk;
  result.reason = n % 17 == 0 ? "expected status 200, got 503 Service Unavailable" : "";
  result.started_at =
      domain::from_unix_nanos(1'700'000'000'000'000'000 + static_cast<std::int64_t>(n) * 1'000'000);
  result.duration = std::chrono::microseconds(1200 + n % 500);
  result.scheduling_lag = std::chrono::microseconds(n % 90);
  result.phases.resolve = std::chrono::microseconds(40);
  result.phases.connect = std::chrono::microseconds(180);
  result.phases.tls = std::chrono::microseconds(600);
  result.phases.first_byte = std::chrono::microseconds(1100);
  result.status_code = n % 17 == 0 ? 503 : 200;
  result.certificate_days_left = 61;
  return event;
}

void BM_Append(benchmark::State& state, Durability durability) {
  const auto batch_size = static_cast<std::size_t>(state.range(0));
  const fs::path dir = fresh_directory("append");
  auto store = EventStore::open(dir, {.durability = durability});
  if (!store) {
    state.SkipWithError(store.error().message.c_str());
    return;
  }
  const DomainCodec& codec = DomainCodec::instance();
  std::vector<NewEvent> payloads;
  for (int i = 0; i < 1000; ++i)
    payloads.push_back(codec.encode(sample_result(i)));
  // The groups are built before timing starts, so that what is measured is
  // the store's append, not the harness making strings.
  constexpr std::size_t kPrebuiltEvents = 64 * 1024;
  std::mt19937_64 random(1);
  std::vector<std::vector<AppendRequest>> groups(
      std::max<std::size_t>(1, kPrebuiltEvents / batch_size));
  std::size_t payload_bytes = 0;
  std::uint64_t built = 0;
  for (auto& group : groups) {
    group.resize(batch_size);
    for (auto& request : group) {
      request.stream = "check-" + std::to_string(random() % kStreams);
      request.events.push_back(payloads[built++ % payloads.size()]);
      payload_bytes += request.events.back().payload.size();
    }
  }
  std::uint64_t appended = 0;
  for (auto _ : state) {
    auto result = (*store)->append_all(groups[(appended / batch_size) % groups.size()]);
    if (!result) state.SkipWithError(result.error().message.c_str());
    appended += batch_size;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(appended));
  state.counters["payload_bytes"] = static_cast<double>(payload_bytes) / static_cast<double>(built);
  store->reset();
  fs::remove_all(dir);
}

void BM_AppendAsync(benchmark::State& state) {
  BM_Append(state, Durability::kAsync);
}
void BM_AppendSync(benchmark::State& state) {
  BM_Append(state, Durability::kSync);
}

// Rates are per wall-clock second, as db_bench reports them: RocksDB's
// background flushes and compactions count against the store.
BENCHMARK(BM_AppendAsync)
    ->Arg(1)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(2)
    ->UseRealTime();
BENCHMARK(BM_AppendSync)->Arg(100)->Unit(benchmark::kMicrosecond)->MinTime(2)->UseRealTime();

void BM_ReadForwardAndDecode(benchmark::State& state) {
  constexpr std::uint64_t kEvents = 1'000'000;
  const fs::path dir = fresh_directory("read");
  auto store = EventStore::open(dir, {.durability = Durability::kAsync});
  if (!store) {
    state.SkipWithError(store.error().message.c_str());
    return;
  }
  const DomainCodec& codec = DomainCodec::instance();
  for (std::uint64_t n = 0; n < kEvents; n += 1000) {
    std::vector<AppendRequest> group(1000);
    for (std::uint64_t i = 0; i < 1000; ++i) {
      group[i].stream = "check-" + std::to_string((n + i) % kStreams);
      group[i].events.push_back(codec.encode(sample_result(n + i)));
    }
    if (!(*store)->append_all(group)) state.SkipWithError("append failed");
  }
  (void)(*store)->flush();
  std::uint64_t decoded = 0;
  for (auto _ : state) {
    const ReadView view = (*store)->read_view();
    // One scan over the whole log, as the projection loader reads it.
    domain::Envelope envelope;
    auto visited = view.scan(1, kEvents, [&](const RecordView& record) {
      if (auto decoded = codec.decode(record, envelope); !decoded)
        state.SkipWithError(decoded.error().message.c_str());
      benchmark::DoNotOptimize(envelope);
      ++decoded;
      return true;
    });
    if (!visited) state.SkipWithError(visited.error().message.c_str());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(decoded));
  store->reset();
  fs::remove_all(dir);
}

BENCHMARK(BM_ReadForwardAndDecode)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
