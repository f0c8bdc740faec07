// The probe runner over several I/O runtimes: a light load stays on one
// thread, a heavy one spreads, and every run is reported exactly once —
// exec commands held by the gate included, whichever thread lets them go.
#include "infrastructure/runtime/asio_probe_runner.hpp"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "tests/support/domain_builders.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/servers/http_test_server.hpp"

namespace nyxmon::infra::runtime {
namespace {

using namespace nyxmon::domain;
using namespace std::chrono_literals;
using testing::at;
using testing::HttpBehaviour;
using testing::HttpTestServer;

// What the runner reported: per run, how often and on which thread.
class Reports {
 public:
  AsioProbeRunner::Report sink() {
    return [this](RecordResult result) {
      std::lock_guard lock(mutex_);
      ++times_[result.run];
      outcomes_[result.run] = result.result.outcome;
      threads_.insert(std::this_thread::get_id());
    };
  }
  std::size_t runs() const {
    std::lock_guard lock(mutex_);
    return times_.size();
  }
  bool each_once() const {
    std::lock_guard lock(mutex_);
    for (const auto& [run, times] : times_)
      if (times != 1) return false;
    return true;
  }
  std::size_t ok() const {
    std::lock_guard lock(mutex_);
    std::size_t count = 0;
    for (const auto& [run, outcome] : outcomes_)
      count += outcome == Outcome::kOk;
    return count;
  }
  std::size_t threads() const {
    std::lock_guard lock(mutex_);
    return threads_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::map<RunId, int> times_;
  std::map<RunId, Outcome> outcomes_;
  std::set<std::thread::id> threads_;
};

TEST(AsioProbeRunner, ALightLoadStaysOnOneThreadAHeavyOneSpreads) {
  HttpTestServer target;
  target.route("/fast", HttpBehaviour::respond(200, "ok"));
  target.route("/slow", HttpBehaviour::respond(200, "ok").after(300ms));
  IoRuntime first(1), second(1);

  Reports light;
  {
    AsioProbeRunner probes({&first, &second}, light.sink());
    auto check =
        std::make_shared<const CheckSpec>(testing::http_check("fast", "web", target.url("/fast")));
    for (RunId run = 1; run <= 10; ++run) {
      probes.start(check, run, at());
      ASSERT_TRUE(testing::eventually([&] { return light.runs() == run; }, 10s));
    }
  }
  EXPECT_EQ(light.threads(), 1u) << "one run at a time needs one thread";

  Reports heavy;
  AsioProbeRunner probes({&first, &second}, heavy.sink());
  auto slow =
      std::make_shared<const CheckSpec>(testing::http_check("slow", "web", target.url("/slow")));
  const RunId runs = 3 * AsioProbeRunner::kBusyRuns;
  for (RunId run = 1; run <= runs; ++run)
    probes.start(slow, run, at());
  ASSERT_TRUE(testing::eventually([&] { return heavy.runs() == runs; }, 30s));
  EXPECT_TRUE(heavy.each_once());
  EXPECT_EQ(heavy.ok(), runs);
  EXPECT_EQ(heavy.threads(), 2u) << "more runs under way than one thread takes";
}

TEST(AsioProbeRunner, ExecCommandsHeldByTheGateAreEachReportedOnceAcrossThreads) {
  IoRuntime first(1), second(1), third(1);
  Reports reports;
  AsioProbeRunner probes({&first, &second, &third}, reports.sink(), 2);
  CheckSpec spec = testing::http_check("sleepy", "jobs", "http://127.0.0.1:1/");
  ExecSpec exec;
  exec.command = {"sleep 0.05; echo OK"};
  exec.shell = true;
  spec.probe = exec;
  auto check = std::make_shared<const CheckSpec>(spec);
  const RunId runs = 2 * AsioProbeRunner::kBusyRuns + 8;
  for (RunId run = 1; run <= runs; ++run)
    probes.start(check, run, at());
  ASSERT_TRUE(testing::eventually([&] { return reports.runs() == runs; }, 60s));
  std::this_thread::sleep_for(100ms);  // a second report would come now
  EXPECT_TRUE(reports.each_once());
  EXPECT_EQ(reports.ok(), runs);
  EXPECT_GE(reports.threads(), 2u);
}

}  // namespace
}  // namespace nyxmon::infra::runtime
