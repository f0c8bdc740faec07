// The core loop on its own, as the engine's composition root wires it but
// without HTTP, signals or notifications: a real store, the real probe
// runner on a real I/O thread, a real HTTP target on loopback.
#include "infrastructure/runtime/core_loop.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/runtime/asio_probe_runner.hpp"
#include "infrastructure/runtime/io_runtime.hpp"
#include "tests/support/domain_builders.hpp"
#include "tests/support/recorded_events.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::runtime {
namespace {

using namespace nyxmon::domain;
using namespace std::chrono_literals;
using testing::HttpBehaviour;
using testing::HttpTestServer;
using testing::TempDir;

// A part that stops the loop once `wanted` results were recorded, and
// remembers the order in which the loop called it.
class StopAfterResults : public CorePart {
 public:
  StopAfterResults(CoreLoop& core, std::size_t wanted) : core_(core), wanted_(wanted) {}

  void on_batch(std::span<const Command>, const BatchResult& batch) override {
    for (const Envelope& envelope : batch.appended) {
      if (std::holds_alternative<CheckResultRecorded>(envelope.event) && ++results_ == wanted_)
        core_.request_stop("enough results");
    }
  }
  std::optional<Timestamp> on_turn(Timestamp) override {
    ++turns_;
    return std::nullopt;
  }
  void before_replies(bool replies_waiting) override { replies_seen_ |= replies_waiting; }

  std::size_t results() const { return results_; }
  std::size_t turns() const { return turns_; }
  bool replies_seen() const { return replies_seen_; }

 private:
  CoreLoop& core_;
  std::size_t wanted_;
  std::size_t results_ = 0;
  std::size_t turns_ = 0;
  bool replies_seen_ = false;
};

class CoreLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = eventstore::EventStore::open(dir_ / "data");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    target_.route("/health", HttpBehaviour::respond(200, "ok"));
  }

  std::vector<Envelope> recorded() {
    store_.reset();
    return testing::recorded_events(dir_ / "data");
  }

  TempDir dir_;
  std::unique_ptr<eventstore::EventStore> store_;
  HttpTestServer target_;
};

TEST_F(CoreLoopTest, ProbesDueChecksAndRecordsTheirResultsUntilAStopIsRequested) {
  CoreLoop core(*store_, projections::Projections{}, 8);
  IoRuntime io(1);
  AsioProbeRunner probes(io,
                         [&core](RecordResult result) { core.report_result(std::move(result)); });
  core.set_probe_runner(probes);
  StopAfterResults stopper(core, 2);
  core.add_part(stopper);

  CheckSpec check = testing::http_check("api", "web", target_.url("/health"));
  check.interval = 100ms;
  std::vector<InboxItem> definitions;
  definitions.push_back(InboxItem{DefineService{testing::service_spec("web")}, {}, false});
  definitions.push_back(InboxItem{DefineCheck{check}, {}, false});
  const BatchResult defined = core.dispatch(definitions);
  ASSERT_FALSE(defined.storage_error);
  ASSERT_TRUE(defined.outcomes[1].accepted()) << defined.outcomes[1].why();

  // A reply travels through the loop too: it comes after the turn's parts.
  std::atomic<bool> redefinition_accepted = false;
  std::jthread watchdog([&core](std::stop_token stop) {
    for (int i = 0; i < 100 && !stop.stop_requested(); ++i)
      std::this_thread::sleep_for(100ms);
    core.request_stop("watchdog: the loop did not stop by itself");
  });
  core.submit(Command(DefineService{testing::service_spec("web")}),
              [&redefinition_accepted](const CommandOutcome& outcome) {
                redefinition_accepted = outcome.accepted();
              });
  const std::string reason = core.run();
  watchdog.request_stop();
  probes.cancel_all();
  io.stop();
  ASSERT_TRUE(core.record_stop(reason));

  EXPECT_EQ(reason, "enough results");
  EXPECT_EQ(stopper.results(), 2u);
  EXPECT_GT(stopper.turns(), 0u);
  EXPECT_TRUE(stopper.replies_seen());
  EXPECT_TRUE(redefinition_accepted);
  EXPECT_GE(target_.request_count("/health"), 2u);

  std::size_t results = 0;
  for (const Envelope& envelope : recorded()) {
    if (const auto* result = std::get_if<CheckResultRecorded>(&envelope.event)) {
      ++results;
      EXPECT_EQ(result->result.outcome, Outcome::kOk) << result->result.reason;
    }
  }
  EXPECT_GE(results, 2u);
}

TEST_F(CoreLoopTest, TheFirstStopReasonIsTheOneRecorded) {
  CoreLoop core(*store_, projections::Projections{}, 8);
  core.request_stop("SIGTERM");
  core.request_stop("SIGINT");
  const std::string reason = core.run();
  ASSERT_TRUE(core.record_stop(reason));

  EXPECT_EQ(reason, "SIGTERM");
  const auto events = recorded();
  ASSERT_FALSE(events.empty());
  const auto* stopped = std::get_if<EngineStopped>(&events.back().event);
  ASSERT_NE(stopped, nullptr) << name_of(events.back().event);
  EXPECT_EQ(stopped->reason, "SIGTERM");
}

}  // namespace
}  // namespace nyxmon::infra::runtime
