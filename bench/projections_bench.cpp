// projections_bench — folding recorded events through all projections in
// memory (target ≥ 5 million events/s on one core), and the resident memory
// of one check with all projections (target ≤ 4 KiB).
#include <benchmark/benchmark.h>
#include <malloc.h>

#include "projections/projections.hpp"

namespace {

using namespace nyxmon;
using namespace nyxmon::domain;
using namespace std::chrono_literals;

constexpr int kChecks = 1000;
const Timestamp kStart = from_unix_nanos(1'795'478'400'000'000'000);

CheckSpec spec_of(int i) {
  CheckSpec spec;
  spec.id = CheckId{"check-" + std::to_string(i)};
  spec.service = ServiceId{"service-" + std::to_string(i % 10)};
  HttpSpec http;
  http.url = "https://service-" + std::to_string(i % 10) + ".example.com/health";
  spec.probe = http;
  spec.interval = 10s;
  return spec;
}

// Definitions, then scheduled/result pairs round-robin over the checks,
// with a failing stretch now and then (status changes, incidents).
std::vector<Envelope> history(std::size_t events, int checks) {
  std::vector<Envelope> out;
  out.reserve(events + static_cast<std::size_t>(checks) * 2);
  std::uint64_t sequence = 0;
  auto push = [&](Event event, Timestamp at) {
    out.push_back(Envelope{++sequence, stream_for(event), 0, at, std::move(event)});
  };
  for (int s = 0; s < 10; ++s)
    push(ServiceDefined{ServiceSpec{ServiceId{"service-" + std::to_string(s)}}}, kStart);
  for (int i = 0; i < checks; ++i)
    push(CheckDefined{spec_of(i)}, kStart);
  std::vector<RunId> runs(static_cast<std::size_t>(checks), 0);
  std::vector<Status> statuses(static_cast<std::size_t>(checks), Status::kPending);
  std::vector<std::pair<std::uint16_t, std::uint16_t>> counters(static_cast<std::size_t>(checks));
  for (std::size_t n = 0; out.size() < events; ++n) {
    const auto i = static_cast<std::size_t>(n % static_cast<std::size_t>(checks));
    const Timestamp at = kStart + std::chrono::milliseconds(10 * n);
    const RunId run = ++runs[i];
    const CheckId id{"check-" + std::to_string(i)};
    push(CheckScheduled{id, run, at, 1, RunReason::kSchedule}, at);
    ProbeResult result;
    result.outcome = (run / 50) % 20 == 7 ? Outcome::kFail : Outcome::kOk;
    result.started_at = at;
    result.duration = std::chrono::microseconds(800 + n % 4000);
    const Status want = result.outcome == Outcome::kOk ? Status::kUp : Status::kDown;
    // The facts the decider would record with the result.
    auto& [failures, successes] = counters[i];
    failures = result.outcome == Outcome::kOk ? 0 : failures + 1;
    successes = result.outcome == Outcome::kOk ? successes + 1 : 0;
    // Member by member: GCC 12 warns falsely (free-nonheap-object) about
    // the aggregate initialisation of a result with measurements.
    CheckResultRecorded recorded;
    recorded.check = id;
    recorded.run = run;
    recorded.result = result;
    recorded.next_due_at = at + 10s;
    recorded.after = ResultFacts{want, failures, successes, false};
    push(std::move(recorded), at);
    if (want != statuses[i]) {
      push(CheckStatusChanged{id, statuses[i], want, run, "bench", result.reason}, at);
      statuses[i] = want;
    }
  }
  return out;
}

void BM_FoldAllProjections(benchmark::State& state) {
  const auto events = history(static_cast<std::size_t>(state.range(0)), kChecks);
  for (auto _ : state) {
    projections::Projections projections;
    for (const Envelope& envelope : events)
      projections.apply(envelope);
    benchmark::DoNotOptimize(projections.checkpoint());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(events.size()));
}
BENCHMARK(BM_FoldAllProjections)->Arg(10'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_ResidentBytesPerCheck(benchmark::State& state) {
  const int checks = static_cast<int>(state.range(0));
  const auto events = history(static_cast<std::size_t>(checks) * 40, checks);
  double per_check = 0;
  for (auto _ : state) {
    malloc_trim(0);
    const std::size_t before = mallinfo2().uordblks;
    auto* projections = new projections::Projections;
    for (const Envelope& envelope : events)
      projections->apply(envelope);
    const std::size_t after = mallinfo2().uordblks;
    per_check = static_cast<double>(after - before) / checks;
    delete projections;
  }
  state.counters["bytes_per_check"] = per_check;
}
BENCHMARK(BM_ResidentBytesPerCheck)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
