// engine_report — what a store says about an engine run, for
// scripts/bench-engine.sh: check runs per second, scheduling lag p50/p99,
// outcomes, and bytes on disk per check run after a full compaction.
//
// usage: engine_report STORE_DIR [FROM TO]
//   FROM TO (Unix seconds): only runs started in that span, and no compaction
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/event_store.hpp"

int main(int argc, char** argv) {
  using namespace nyxmon;
  if (argc != 2 && argc != 4) {
    std::fprintf(stderr, "usage: engine_report STORE_DIR [FROM TO]\n");
    return 1;
  }
  const bool windowed = argc == 4;
  const std::int64_t from_ns = windowed ? std::atoll(argv[2]) * 1'000'000'000 : INT64_MIN;
  const std::int64_t to_ns = windowed ? std::atoll(argv[3]) * 1'000'000'000 : INT64_MAX;
  auto store = infra::eventstore::EventStore::open(argv[1], {.create_if_missing = false});
  if (!store) {
    std::fprintf(stderr, "engine_report: %s\n", store.error().message.c_str());
    return 2;
  }
  std::vector<std::int64_t> lags_us;
  std::int64_t first = INT64_MAX, last = INT64_MIN;
  std::uint64_t ok = 0, other = 0, events = 0;
  const auto view = (*store)->read_view();
  std::uint64_t next = 1;
  while (true) {
    auto visited = view.scan(next, 65536, [&](const infra::eventstore::RecordView& record) {
      next = record.sequence + 1;
      ++events;
      auto envelope = infra::eventstore::DomainCodec::instance().decode(record);
      if (!envelope) return true;
      if (const auto* result = std::get_if<domain::CheckResultRecorded>(&envelope->event)) {
        const auto started = domain::to_unix_nanos(result->result.started_at);
        if (started < from_ns || started > to_ns) return true;
        first = std::min(first, started);
        last = std::max(last, started);
        lags_us.push_back(
            std::chrono::duration_cast<std::chrono::microseconds>(result->result.scheduling_lag)
                .count());
        (result->result.outcome == domain::Outcome::kOk ? ok : other)++;
      }
      return true;
    });
    if (!visited || *visited == 0) break;
  }
  const std::size_t runs = lags_us.size();
  if (runs == 0) {
    std::printf("no check runs recorded\n");
    return 0;
  }
  std::sort(lags_us.begin(), lags_us.end());
  const double seconds = static_cast<double>(last - first) / 1e9;
  std::printf("check runs: %zu (ok %llu, other %llu), events: %llu\n", runs,
              static_cast<unsigned long long>(ok), static_cast<unsigned long long>(other),
              static_cast<unsigned long long>(events));
  std::printf("sustained: %.0f checks/s over %.1f s\n", static_cast<double>(runs) / seconds,
              seconds);
  std::printf("scheduling lag: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", lags_us[runs / 2] / 1000.0,
              lags_us[runs * 99 / 100] / 1000.0, lags_us.back() / 1000.0);
  if (windowed) return 0;
  if (auto compacted = (*store)->compact(); !compacted) {
    std::fprintf(stderr, "engine_report: %s\n", compacted.error().message.c_str());
    return 2;
  }
  std::uintmax_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.path().extension() == ".sst") bytes += entry.file_size();
  }
  std::printf("on disk after compaction: %ju bytes of tables, %.1f bytes per check run\n", bytes,
              static_cast<double>(bytes) / static_cast<double>(runs));
  return 0;
}
