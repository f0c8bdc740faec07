// The check states projection hands out records that stay as they were:
// a reader on another thread holds one while the core folds new events.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "projections/check_states.hpp"
#include "tests/support/domain_builders.hpp"

namespace nyxmon::projections {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;

TEST(CheckStates, ASharedRecordKeepsWhatItSawWhileTheCheckMovesOn) {
  CheckStates states;
  const CheckSpec spec = testing::http_check("api");
  states.apply(Envelope{1, "check-api", 1, at(), CheckDefined{spec}});
  const auto held = states.shared(spec.id);
  ASSERT_TRUE(held);
  EXPECT_FALSE(held->last_result);

  CheckResultRecorded recorded;
  recorded.check = spec.id;
  recorded.run = 1;
  recorded.result = testing::result(Outcome::kFail, at(1s));
  const CheckRecord* changed = states.apply(Envelope{2, "check-api", 2, at(2s), recorded});

  ASSERT_NE(changed, nullptr);
  ASSERT_TRUE(changed->last_result);
  EXPECT_EQ(changed->last_result->outcome, Outcome::kFail);
  EXPECT_EQ(states.find(spec.id), changed);
  EXPECT_FALSE(held->last_result) << "the holder's record must not change under it";
  EXPECT_NE(held.get(), changed);

  // Nobody holds the new record: the next event changes it in place.
  recorded.run = 2;
  recorded.result = testing::result(Outcome::kOk, at(61s));
  EXPECT_EQ(states.apply(Envelope{3, "check-api", 3, at(62s), recorded}), changed);
  EXPECT_EQ(states.shared(spec.id)->last_result->outcome, Outcome::kOk);
}

// The log is the truth: a result's recorded facts are what the fold
// applies, whatever today's rules would decide from its outcome.
TEST(CheckStates, AResultsRecordedFactsAreAppliedNotDecidedAgain) {
  CheckStates states;
  const CheckSpec spec = testing::http_check("api");  // failure_threshold 3
  states.apply(Envelope{1, "check-api", 1, at(), CheckDefined{spec}});
  CheckResultRecorded recorded;
  recorded.check = spec.id;
  recorded.run = 1;
  recorded.result = testing::result(Outcome::kFail, at(1s));
  recorded.after = ResultFacts{Status::kDown, 7, 0, true};
  const CheckRecord* record = states.apply(Envelope{2, "check-api", 2, at(2s), recorded});
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(record->state.status, Status::kDown) << "one failure of three, but down was decided";
  EXPECT_EQ(record->state.consecutive_failures, 7);
  EXPECT_TRUE(record->flapping.flapping());
  EXPECT_EQ(record->flapping.results(), 1);
}

CheckResultRecorded result_of_run(const CheckSpec& spec, RunId run, Outcome outcome) {
  CheckResultRecorded recorded;
  recorded.check = spec.id;
  recorded.run = run;
  recorded.result = testing::result(outcome, at(std::chrono::seconds(run)));
  return recorded;
}

// Whether a reader still holds a record cannot be known from the core thread
// without racing with the reader's release, so the rule does not ask: a
// record once handed out is never written again, held or not.
TEST(CheckStates, ARecordHandedOutIsNeverChangedInPlaceEvenAfterItsReaderLetGo) {
  CheckStates states;
  const CheckSpec spec = testing::http_check("api");
  states.apply(Envelope{1, "check-api", 1, at(), CheckDefined{spec}});
  const CheckRecord* before = states.shared(spec.id).get();  // handed out, dropped at once
  const CheckRecord* after =
      states.apply(Envelope{2, "check-api", 2, at(2s), result_of_run(spec, 1, Outcome::kOk)});
  EXPECT_NE(after, before);
}

// The record keeps the spec its definition event carried, not a copy; a
// holder of the old record still sees the old spec after a redefinition.
TEST(CheckStates, ARecordSharesItsDefinitionsSpecAndAHolderKeepsTheOldOne) {
  CheckStates states;
  const CheckDefined defined{testing::http_check("api", "web", "http://127.0.0.1:8080/a")};
  states.apply(Envelope{1, "check-api", 1, at(), defined});
  EXPECT_EQ(&*states.find(CheckId{"api"})->spec, &*defined.spec);
  const auto held = states.shared(CheckId{"api"});

  const CheckRedefined redefined{testing::http_check("api", "web", "http://127.0.0.1:8080/b")};
  states.apply(Envelope{2, "check-api", 2, at(1s), redefined});
  EXPECT_EQ(&*states.find(CheckId{"api"})->spec, &*redefined.spec);
  EXPECT_EQ(std::get<HttpSpec>(held->spec->probe).url, "http://127.0.0.1:8080/a");
}

// Under TSan (scripts/tsan.sh) this is the proof. A reader takes the only
// outside reference to a record, reads it, and lets go on its own thread,
// while the core folds results: deciding by use_count() whether the record
// may be changed in place raced with that let-go (TSan reports it); the
// explicit hand-over never writes a record once handed out.
TEST(CheckStates, ReadersOnOtherThreadsNeverSeeARecordChange) {
  CheckStates states;
  const CheckSpec spec = testing::http_check("api");
  states.apply(Envelope{1, "check-api", 1, at(), CheckDefined{spec}});

  std::mutex handover;  // stands for the engine's view publication
  std::shared_ptr<const CheckRecord> published = states.shared(spec.id);
  std::atomic<bool> done = false;
  std::atomic<int> changed_under_reader = 0;
  std::thread reader([&] {
    while (!done) {
      std::shared_ptr<const CheckRecord> held;
      {
        std::lock_guard lock(handover);
        held = std::move(published);  // now the only reference outside the projection
      }
      if (!held) continue;
      const RunId seen = held->last_result ? held->last_result->run : 0;
      for (int i = 0; i < 20; ++i) {
        const RunId again = held->last_result ? held->last_result->run : 0;
        if (again != seen) ++changed_under_reader;
      }
    }  // let go here, on the reader's thread
  });
  for (RunId run = 1; run <= 20'000; ++run) {
    states.apply(Envelope{run + 1, "check-api", run + 1, at(std::chrono::seconds(run)),
                          result_of_run(spec, run, run % 3 ? Outcome::kOk : Outcome::kFail)});
    std::lock_guard lock(handover);
    if (!published) published = states.shared(spec.id);
  }
  done = true;
  reader.join();
  EXPECT_EQ(changed_under_reader.load(), 0);
  EXPECT_EQ(states.find(spec.id)->last_result->run, 20'000u);
}

}  // namespace
}  // namespace nyxmon::projections
