#include <gtest/gtest.h>

#include "infrastructure/eventstore/event_store.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::eventstore {
namespace {

using testing::append_request;
using testing::read_all;
using testing::sample_payload;
using testing::TempDir;

std::unique_ptr<EventStore> open_store(const std::filesystem::path& dir,
                                       Durability durability = Durability::kAsync) {
  auto store = EventStore::open(dir, {.durability = durability});
  EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
  return std::move(*store);
}

TEST(EventStore, AppendAssignsGaplessSequencesAndStreamVersionsFromOne) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto first = store->append(append_request("check-a", 3));
  auto second = store->append(append_request("check-b", 2));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->first_sequence, 1u);
  EXPECT_EQ(first->last_sequence, 3u);
  EXPECT_EQ(first->stream_version, 3u);
  EXPECT_EQ(second->first_sequence, 4u);
  EXPECT_EQ(second->stream_version, 2u);
  EXPECT_EQ(store->head(), 5u);

  const auto events = read_all(*store);
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[3].stream, "check-b");
  EXPECT_EQ(events[3].stream_version, 1u);
  EXPECT_EQ(events[0].payload, sample_payload(0));
}

TEST(EventStore, AppendWithStaleExpectedVersionIsRejectedAndWritesNothing) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store->append(append_request("check-a", 2)));

  auto stale = store->append(append_request("check-a", 1, 0, ExpectedVersion::exactly(1)));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, domain::ErrorCode::kConflict);
  EXPECT_NE(stale.error().message.find("check-a"), std::string::npos);
  EXPECT_NE(stale.error().message.find("expected version 1"), std::string::npos);
  EXPECT_NE(stale.error().message.find("at version 2"), std::string::npos);
  EXPECT_EQ(store->head(), 2u);
  EXPECT_EQ(read_all(*store).size(), 2u);
}

TEST(EventStore, NoStreamExpectationFailsOnceTheStreamExists) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store->append(append_request("service-x", 1, 0, ExpectedVersion::no_stream())));
  auto again = store->append(append_request("service-x", 1, 0, ExpectedVersion::no_stream()));
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("expected no stream"), std::string::npos);
}

TEST(EventStore, ExactExpectedVersionIsAccepted) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store->append(append_request("check-a", 2)));
  auto next = store->append(append_request("check-a", 1, 9, ExpectedVersion::exactly(2)));
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(next->stream_version, 3u);
}

TEST(EventStore, GroupAppendIsAtomicWhenOneRequestConflicts) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store->append(append_request("check-a", 1)));
  const std::vector<AppendRequest> group = {
      append_request("check-b", 5), append_request("check-c", 5),
      append_request("check-a", 1, 0, ExpectedVersion::no_stream()),  // conflicts
  };
  auto result = store->append_all(group);
  ASSERT_FALSE(result);
  EXPECT_EQ(store->head(), 1u);
  EXPECT_EQ(read_all(*store).size(), 1u);
  EXPECT_EQ(store->read_view().stream_version("check-b"), 0u);
  // A later append still gets the next sequence: nothing was consumed.
  auto after = store->append(append_request("check-b", 1));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->first_sequence, 2u);
  EXPECT_EQ(after->stream_version, 1u);
}

TEST(EventStore, GroupAppendChainsVersionsOfTheSameStream) {
  TempDir dir;
  auto store = open_store(dir.path());
  const std::vector<AppendRequest> group = {
      append_request("check-a", 2, 0, ExpectedVersion::no_stream()),
      append_request("check-b", 1, 0, ExpectedVersion::no_stream()),
      append_request("check-a", 3, 10, ExpectedVersion::exactly(2)),
  };
  auto results = store->append_all(group);
  ASSERT_TRUE(results) << results.error().message;
  ASSERT_EQ(results->size(), 3u);
  EXPECT_EQ((*results)[2].first_sequence, 4u);
  EXPECT_EQ((*results)[2].stream_version, 5u);
  auto stream = store->read_view().read_stream("check-a", 1, 100);
  ASSERT_TRUE(stream);
  ASSERT_EQ(stream->size(), 5u);
  for (std::size_t i = 0; i < stream->size(); ++i)
    EXPECT_EQ((*stream)[i].stream_version, i + 1);
}

TEST(EventStore, SequencesStayGaplessAcrossReopen) {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    ASSERT_TRUE(store->append(append_request("check-a", 4)));
  }
  auto store = open_store(dir.path());
  EXPECT_EQ(store->head(), 4u);
  auto next = store->append(append_request("check-a", 2, 0, ExpectedVersion::exactly(4)));
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(next->first_sequence, 5u);
  EXPECT_EQ(next->stream_version, 6u);
  const auto events = read_all(*store);
  ASSERT_EQ(events.size(), 6u);
  for (std::size_t i = 0; i < events.size(); ++i)
    EXPECT_EQ(events[i].sequence, i + 1);
}

TEST(EventStore, ReadsAStreamFromAVersionAndItsNewestEvents) {
  TempDir dir;
  auto store = open_store(dir.path());
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(store->append(append_request("check-a", 1, i)));
    ASSERT_TRUE(store->append(append_request("check-b", 1, 100 + i)));
  }
  const auto view = store->read_view();
  auto from_seven = view.read_stream("check-a", 7, 100);
  ASSERT_TRUE(from_seven);
  ASSERT_EQ(from_seven->size(), 4u);
  EXPECT_EQ(from_seven->front().stream_version, 7u);
  EXPECT_EQ(from_seven->front().payload, sample_payload(6));

  auto newest = view.read_stream_newest("check-b", 3);
  ASSERT_TRUE(newest);
  ASSERT_EQ(newest->size(), 3u);
  EXPECT_EQ(newest->front().stream_version, 8u);
  EXPECT_EQ(newest->back().stream_version, 10u);
  EXPECT_EQ(newest->back().payload, sample_payload(109));

  auto none = view.read_stream("check-zzz", 1, 10);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(view.stream_version("check-a"), 10u);
  // A stream whose name is a prefix of another is kept apart.
  ASSERT_TRUE(store->append(append_request("check", 1)));
  EXPECT_EQ(store->read_view().stream_version("check"), 1u);
}

TEST(EventStore, ReadForwardReturnsBoundedBatches) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store->append(append_request("check-a", 25)));
  const auto view = store->read_view();
  auto batch = view.read_forward(11, 10);
  ASSERT_TRUE(batch);
  ASSERT_EQ(batch->size(), 10u);
  EXPECT_EQ(batch->front().sequence, 11u);
  EXPECT_EQ(batch->back().sequence, 20u);
  auto tail = view.read_forward(21, 10);
  ASSERT_TRUE(tail);
  EXPECT_EQ(tail->size(), 5u);
  auto past = view.read_forward(26, 10);
  ASSERT_TRUE(past);
  EXPECT_TRUE(past->empty());
}

TEST(EventStore, RejectsAnInvalidStreamName) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto result = store->append(append_request(std::string("bad\0name", 8), 1));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, domain::ErrorCode::kInvalidArgument);
  EXPECT_EQ(store->head(), 0u);
}

TEST(EventStore, SyncDurabilityAppendsAndReadsBack) {
  TempDir dir;
  auto store = open_store(dir.path(), Durability::kSync);
  ASSERT_TRUE(store->append(append_request("check-a", 3)));
  EXPECT_EQ(read_all(*store).size(), 3u);
}

TEST(EventStore, KeepsProjectionSnapshotsBySequence) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store->put_snapshot("check_states", 10, "ten"));
  ASSERT_TRUE(store->put_snapshot("check_states", 20, "twenty"));
  ASSERT_TRUE(store->put_snapshot("check_states_other", 12, "other"));

  auto at_15 = store->snapshot_at_or_before("check_states", 15);
  ASSERT_TRUE(at_15 && *at_15);
  EXPECT_EQ((*at_15)->sequence, 10u);
  EXPECT_EQ((*at_15)->bytes, "ten");
  auto at_20 = store->snapshot_at_or_before("check_states", 20);
  ASSERT_TRUE(at_20 && *at_20);
  EXPECT_EQ((*at_20)->bytes, "twenty");
  auto at_9 = store->snapshot_at_or_before("check_states", 9);
  ASSERT_TRUE(at_9);
  EXPECT_FALSE(at_9->has_value());
  auto other = store->snapshot_at_or_before("check_states_other", 1000);
  ASSERT_TRUE(other && *other);
  EXPECT_EQ((*other)->bytes, "other");
}

}  // namespace
}  // namespace nyxmon::infra::eventstore
