// crash_appender — a child process for the crash test: opens the store in
// `sync` mode and appends forever, printing "acked <sequence>" to stdout after
// every append that returned success, after one "opened 0" line once the store
// is open. Each event's payload is derived from its
// own sequence, so the parent can check every record it finds.
//
// usage: crash_appender STORE_DIR SEED
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "infrastructure/eventstore/event_store.hpp"
#include "tests/support/store_fixtures.hpp"

int main(int argc, char** argv) {
  using namespace nyxmon::infra::eventstore;
  if (argc != 3) {
    std::fprintf(stderr, "usage: crash_appender STORE_DIR SEED\n");
    return 2;
  }
  auto store = EventStore::open(argv[1], {.durability = Durability::kSync});
  if (!store) {
    std::fprintf(stderr, "crash_appender: %s\n", store.error().message.c_str());
    return 1;
  }
  std::mt19937_64 random(std::strtoull(argv[2], nullptr, 10));
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  std::printf("opened 0\n");
  while (true) {
    std::uint64_t next = (*store)->head() + 1;
    std::vector<AppendRequest> group(1 + random() % 4);
    for (auto& request : group) {
      request.stream = "check-" + std::to_string(random() % 50);
      const std::size_t count = 1 + random() % 8;
      for (std::size_t i = 0; i < count; ++i) {
        request.events.push_back(nyxmon::testing::sample_event(next++, 150));
      }
    }
    auto result = (*store)->append_all(group);
    if (!result) {
      std::fprintf(stderr, "crash_appender: %s\n", result.error().message.c_str());
      return 1;
    }
    std::printf("acked %llu\n", static_cast<unsigned long long>(result->back().last_sequence));
  }
}
