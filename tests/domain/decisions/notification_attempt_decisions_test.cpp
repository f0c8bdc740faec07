// What the engine decides when a notifier reports a delivery attempt: a
// delivery, a failure to retry, or a failure after which nobody will be told.
#include <gtest/gtest.h>

#include "domain/decisions/decider.hpp"
#include "domain/model/bounded_text.hpp"
#include "projections/projections.hpp"
#include "tests/support/domain_builders.hpp"

namespace nyxmon::domain {
namespace {

using namespace std::chrono_literals;
using testing::at;

class NotificationAttemptDecisions : public ::testing::Test {
 protected:
  projections::Projections engine_state;

  std::vector<Event> decide_attempt(RecordNotificationAttempt attempt) {
    WorkingState state(engine_state);
    Decision decision = decide(Command(std::move(attempt)), state, at());
    EXPECT_TRUE(decision.accepted()) << decision.why();
    return std::move(decision.events);
  }

  static RecordNotificationAttempt failed_attempt(std::uint32_t attempt,
                                                  std::optional<Timestamp> retry_at) {
    return RecordNotificationAttempt{.notification = 7,
                                     .notifier = NotifierId{"hook"},
                                     .attempt = attempt,
                                     .http_status = 500,
                                     .reason = "the receiver answered 500",
                                     .retry_at = retry_at,
                                     .check = CheckId{"api"},
                                     .kind = NotificationKind::kProblem};
  }
};

TEST_F(NotificationAttemptDecisions, AFailureWithAnotherAttemptToComeIsOnlyAFailure) {
  const auto events = decide_attempt(failed_attempt(1, at(1s)));
  ASSERT_EQ(events.size(), 1u);
  const auto& failed = std::get<NotificationFailed>(events[0]);
  EXPECT_TRUE(failed.will_retry);
  EXPECT_EQ(failed.retry_at, at(1s));
}

TEST_F(NotificationAttemptDecisions, TheLastFailedAttemptAbandonsTheDeliveryWithItsReason) {
  const auto events = decide_attempt(failed_attempt(2, std::nullopt));
  ASSERT_EQ(events.size(), 2u);
  const auto& failed = std::get<NotificationFailed>(events[0]);
  EXPECT_FALSE(failed.will_retry);
  EXPECT_EQ(failed.attempt, 2u);
  EXPECT_EQ(std::get<NotificationAbandoned>(events[1]),
            (NotificationAbandoned{7, NotifierId{"hook"}, CheckId{"api"},
                                   NotificationKind::kProblem, 2, "the receiver answered 500"}));
  EXPECT_EQ(stream_for(events[1]), "notify-hook");
}

TEST_F(NotificationAttemptDecisions, WhatAReceiverAnsweredIsRecordedBounded) {
  RecordNotificationAttempt attempt = failed_attempt(2, std::nullopt);
  attempt.reason = "the receiver answered 500: " + std::string(100'000, 'x');
  const auto events = decide_attempt(attempt);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_LE(std::get<NotificationFailed>(events[0]).reason.size(), kMaxReasonBytes);
  EXPECT_LE(std::get<NotificationAbandoned>(events[1]).last_reason.size(), kMaxReasonBytes);
}

TEST_F(NotificationAttemptDecisions, ADeliveryAbandonsNothing) {
  RecordNotificationAttempt delivered = failed_attempt(2, std::nullopt);
  delivered.delivered = true;
  delivered.http_status = 200;
  const auto events = decide_attempt(delivered);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<NotificationDelivered>(events[0]));
}

}  // namespace
}  // namespace nyxmon::domain
