// history_generator — writes a long, realistic history into a new store for
// scripts/bench-status-at.sh: CHECKS HTTP checks every minute, scheduled and
// answered through the real message bus and event store (async), with a
// projections snapshot every 100,000 events as the engine takes them, until
// the log holds EVENTS events. Some checks fail now and then, so statuses
// and incidents change along the way. Prints the first and last recorded-at
// times (Unix seconds).
//
// usage: history_generator STORE_DIR EVENTS [CHECKS]
#include <cstdio>
#include <cstdlib>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/projection_loader.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"
#include "projections/projections.hpp"

int main(int argc, char** argv) {
  using namespace nyxmon;
  using namespace nyxmon::domain;
  using namespace std::chrono_literals;
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: history_generator STORE_DIR EVENTS [CHECKS]\n");
    return 1;
  }
  const std::uint64_t target = std::strtoull(argv[2], nullptr, 10);
  const int checks = argc == 4 ? std::atoi(argv[3]) : 1000;
  auto store = infra::eventstore::EventStore::open(
      argv[1], {.durability = infra::eventstore::Durability::kAsync});
  if (!store) {
    std::fprintf(stderr, "history_generator: %s\n", store.error().message.c_str());
    return 2;
  }
  infra::eventstore::StoreEventLog log(**store);
  projections::Projections state;
  MessageBus bus(log, state);

  Timestamp now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) -
                  std::chrono::hours(24 * 30);
  const Timestamp first = now;
  std::vector<Command> definitions{DefineService{ServiceSpec{ServiceId{"bench"}, "", ""}}};
  for (int i = 0; i < checks; ++i) {
    CheckSpec spec;
    spec.id = CheckId{"check-" + std::to_string(i)};
    spec.service = ServiceId{"bench"};
    spec.probe = HttpSpec{.url = "http://127.0.0.1:8080/" + std::to_string(i)};
    spec.interval = 60s;
    spec.retry_interval = 20s;
    definitions.push_back(DefineCheck{spec});
  }
  bus.dispatch(definitions, now);

  std::uint64_t snapshot_at = 0;
  std::vector<Command> runs, results;
  while (state.checkpoint() < target) {
    now += 1s;
    runs.clear();
    for (const auto& due : state.schedule().pop_due(now, 100'000))
      runs.push_back(RunCheck{due.check, due.due_at});
    if (runs.empty()) continue;
    const BatchResult scheduled = bus.dispatch(runs, now);
    results.clear();
    for (const Envelope& envelope : scheduled.appended) {
      const auto* run = std::get_if<CheckScheduled>(&envelope.event);
      if (!run) continue;
      const auto minute =
          std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count();
      const std::size_t index = std::hash<std::string>{}(run->check.value);
      // Each check is down for about 5 minutes of every ~8 hours.
      const bool failing = (static_cast<std::size_t>(minute) + index) % 500 < 5;
      ProbeResult result;
      result.outcome = failing ? Outcome::kFail : Outcome::kOk;
      result.reason = failing ? "connection refused by 127.0.0.1:8080" : "";
      result.started_at = now;
      result.duration = 3ms + std::chrono::microseconds(index % 5000);
      result.phases.connect = 200us;
      result.status_code = failing ? std::nullopt : std::optional<int>(200);
      results.push_back(RecordResult{run->check, run->run, result});
    }
    bus.dispatch(results, now + 10ms);
    if (state.checkpoint() - snapshot_at >= 100'000) {
      if (auto saved = infra::eventstore::save_snapshot(**store, state); !saved) {
        std::fprintf(stderr, "history_generator: %s\n", saved.error().message.c_str());
        return 2;
      }
      snapshot_at = state.checkpoint();
      std::fprintf(stderr, "\r%llu events", static_cast<unsigned long long>(snapshot_at));
    }
  }
  (void)(*store)->flush();
  // For the script: the span of recorded-at times, Unix seconds.
  std::printf("%lld %lld\n",
              static_cast<long long>(
                  std::chrono::floor<std::chrono::seconds>(first).time_since_epoch().count()),
              static_cast<long long>(
                  std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count()));
  return 0;
}
