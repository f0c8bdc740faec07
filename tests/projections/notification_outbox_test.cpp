// The notification outbox: what is still to deliver, and how deliveries to
// each notifier have failed and been abandoned, folded from the log, old
// logs (written before NotificationAbandoned existed) included.
#include "projections/notification_outbox.hpp"

#include <gtest/gtest.h>

#include "projections/snapshot_format.hpp"
#include "tests/support/domain_builders.hpp"

namespace nyxmon::projections {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;

class NotificationOutboxTest : public ::testing::Test {
 protected:
  NotificationOutbox outbox;
  std::uint64_t sequence = 0;

  void fold(Event event, Timestamp recorded_at = at()) {
    ++sequence;
    outbox.apply(Envelope{sequence, stream_for(event), sequence, recorded_at, std::move(event)});
  }

  void define_and_request(const std::string& notifier, NotificationId id) {
    fold(NotifierDefined{
        NotifierSpec{NotifierId{notifier}, NotifierKind::kWebhook, "http://127.0.0.1:9/hook"}});
    fold(NotificationRequested{id, NotifierId{notifier}, CheckId{"api"}, ServiceId{"web"},
                               NotificationKind::kProblem, Status::kDown, at(), "refused"});
  }

  static NotificationFailed failed(NotificationId id, std::uint32_t attempt, bool will_retry) {
    return NotificationFailed{id,
                              NotifierId{"hook"},
                              attempt,
                              "the receiver answered 500",
                              will_retry ? at(std::chrono::seconds(attempt)) : Timestamp{},
                              will_retry};
  }
};

TEST_F(NotificationOutboxTest, CountsFailedAttemptsAndAbandonedDeliveriesPerNotifier) {
  define_and_request("hook", 1);
  fold(NotifierDefined{
      NotifierSpec{NotifierId{"chat"}, NotifierKind::kSlack, "http://127.0.0.1:9/slack"}});
  fold(failed(1, 1, true));
  EXPECT_EQ(outbox.pending().at(1).attempts, 1u);
  fold(failed(1, 2, false));
  fold(NotificationAbandoned{1, NotifierId{"hook"}, CheckId{"api"}, NotificationKind::kProblem, 2,
                             "the receiver answered 500"});

  EXPECT_TRUE(outbox.pending().empty());
  EXPECT_EQ(outbox.delivery_failures(),
            (std::map<NotifierId, DeliveryFailures>{{NotifierId{"chat"}, {0, 0}},
                                                    {NotifierId{"hook"}, {2, 1}}}));
}

TEST_F(NotificationOutboxTest, ALogFromBeforeAbandonmentsWereRecordedStillEndsTheDelivery) {
  define_and_request("hook", 1);
  fold(failed(1, 1, false));  // the last attempt, with no NotificationAbandoned after it
  EXPECT_TRUE(outbox.pending().empty());
  EXPECT_EQ(outbox.delivery_failures().at(NotifierId{"hook"}), (DeliveryFailures{1, 0}));
}

TEST_F(NotificationOutboxTest, ASnapshotKeepsTheCountsAndOneWithoutThemIsRefused) {
  define_and_request("hook", 1);
  fold(failed(1, 1, false));
  fold(NotificationAbandoned{1, NotifierId{"hook"}, CheckId{"api"}, NotificationKind::kProblem, 1,
                             "the receiver answered 500"});
  std::string bytes;
  outbox.snapshot(bytes);
  NotificationOutbox restored;
  ASSERT_TRUE(restored.restore(bytes));
  EXPECT_EQ(restored.delivery_failures(), outbox.delivery_failures());

  // Version 1 had no counts: refusing it makes the engine fold the log from
  // its start, which counts every failure ever recorded.
  std::string version_1;
  ByteWriter writer(version_1);
  write_snapshot_header(writer, "OUTB", 1, sequence);
  writer(std::map<NotifierId, NotifierSpec>{}, std::map<NotificationId, PendingNotification>{},
         NotificationId{1});
  EXPECT_FALSE(NotificationOutbox().restore(version_1));
}

}  // namespace
}  // namespace nyxmon::projections
