#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <fstream>

#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/store_format.hpp"
#include "tests/support/raw_store.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::eventstore {
namespace {

using testing::append_request;
using testing::TempDir;

void create_store_with_events(const std::filesystem::path& dir, std::size_t count) {
  auto store = EventStore::open(dir, {.durability = Durability::kAsync});
  ASSERT_TRUE(store);
  for (std::size_t i = 0; i < count; ++i) {
    ASSERT_TRUE((*store)->append(append_request("check-" + std::to_string(i % 3), 1, i)));
  }
}

TEST(EventStoreVerify, PassesOnAnIntactStore) {
  TempDir dir;
  create_store_with_events(dir.path(), 50);
  auto store = EventStore::open(dir.path());
  ASSERT_TRUE(store);
  auto report = (*store)->verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->problems.front().what;
  EXPECT_EQ(report->events_checked, 50u);
  EXPECT_EQ(report->index_entries_checked, 50u);
}

TEST(EventStoreVerify, FindsAFlippedByteInARecordAndNamesItsSequence) {
  TempDir dir;
  create_store_with_events(dir.path(), 20);
  testing::edit_raw_store(dir.path(), [](rocksdb::DB& db, auto* events, auto*, auto*) {
    std::string value;
    ASSERT_TRUE(db.Get({}, events, sequence_key(13), &value).ok());
    value[value.size() - 3] ^= 0x20;
    ASSERT_TRUE(db.Put({}, events, sequence_key(13), value).ok());
  });
  auto store = EventStore::open(dir.path());
  ASSERT_TRUE(store);
  auto report = (*store)->verify();
  ASSERT_TRUE(report);
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->problems.front().sequence, 13u);
  EXPECT_NE(report->problems.front().what.find("checksum"), std::string::npos);

  auto read = (*store)->read_view().read_forward(1, 100);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("event 13"), std::string::npos);
}

TEST(EventStoreVerify, FindsAMissingRecordAndAMissingIndexEntry) {
  TempDir dir;
  create_store_with_events(dir.path(), 20);
  testing::edit_raw_store(dir.path(), [](rocksdb::DB& db, auto* events, auto* streams, auto*) {
    ASSERT_TRUE(db.Delete({}, events, sequence_key(5)).ok());
    // Event 10 is the 4th of check-0 (0, 3, 6, 9 → sequences 1, 4, 7, 10).
    ASSERT_TRUE(db.Delete({}, streams, stream_key("check-0", 4)).ok());
  });
  auto store = EventStore::open(dir.path());
  ASSERT_TRUE(store);
  auto report = (*store)->verify();
  ASSERT_TRUE(report);
  ASSERT_GE(report->problems.size(), 3u);
  EXPECT_EQ(report->problems[0].sequence, 5u);
  EXPECT_NE(report->problems[0].what.find("missing"), std::string::npos);
  bool found_index_problem = false;
  for (const auto& problem : report->problems) {
    if (problem.sequence == 10 && problem.stream == "check-0" &&
        problem.what.find("index entry for version 4 is missing") != std::string::npos) {
      found_index_problem = true;
    }
  }
  EXPECT_TRUE(found_index_problem);
}

TEST(EventStoreVerify, ReportsDamageInsideAStorageFile) {
  TempDir dir;
  {
    auto store = EventStore::open(dir.path(), {.durability = Durability::kAsync});
    ASSERT_TRUE(store);
    for (int i = 0; i < 2000; ++i)
      ASSERT_TRUE((*store)->append(append_request("check-a", 1, i)));
    ASSERT_TRUE((*store)->flush());
  }
  // Flip bytes in the middle of the largest table file: the events.
  std::filesystem::path largest;
  std::uintmax_t largest_size = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    if (entry.path().extension() == ".sst" && entry.file_size() > largest_size) {
      largest = entry.path();
      largest_size = entry.file_size();
    }
  }
  ASSERT_FALSE(largest.empty());
  {
    std::fstream file(largest, std::ios::in | std::ios::out | std::ios::binary);
    for (std::uintmax_t offset = 1000; offset < largest_size / 2; offset += 4096) {
      file.seekp(static_cast<std::streamoff>(offset));
      file.put('\x5a');
      file.put('\xa5');
    }
  }
  auto store = EventStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().message;
  auto report = (*store)->verify();
  ASSERT_TRUE(report);
  ASSERT_FALSE(report->ok());
  EXPECT_GE(report->problems.front().sequence, 1u);
}

TEST(EventStoreOpen, RefusesAStoreOfANewerFormat) {
  TempDir dir;
  create_store_with_events(dir.path(), 1);
  testing::edit_raw_store(dir.path(), [](rocksdb::DB& db, auto*, auto*, auto* meta) {
    std::string format;
    append_big_endian(format, kStoreFormatVersion + 1);
    ASSERT_TRUE(db.Put({}, meta, kFormatKey, format).ok());
  });
  auto store = EventStore::open(dir.path());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, domain::ErrorCode::kUnsupported);
  EXPECT_NE(store.error().message.find("newer than this nyxmon reads"), std::string::npos);
}

TEST(EventStoreOpen, RefusesARocksDbThatIsNotAStore) {
  TempDir dir;
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir.path().string(), &db).ok());
  delete db;
  auto store = EventStore::open(dir.path());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("not a nyxmon store"), std::string::npos);
}

}  // namespace
}  // namespace nyxmon::infra::eventstore

namespace nyxmon::infra::eventstore {
namespace {

TEST(EventStoreOpen, CompletesACreationCutShortBeforeItsFormatMarker) {
  testing::TempDir dir;
  { ASSERT_TRUE(EventStore::open(dir.path())); }
  testing::edit_raw_store(dir.path(), [](rocksdb::DB& db, auto*, auto*, auto* meta) {
    ASSERT_TRUE(db.Delete({}, meta, kFormatKey).ok());
  });
  auto store = EventStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE((*store)->append(testing::append_request("check-a", 1)));
}

TEST(EventStoreOpen, RefusesAStoreWithEventsButNoFormatMarker) {
  testing::TempDir dir;
  create_store_with_events(dir.path(), 3);
  testing::edit_raw_store(dir.path(), [](rocksdb::DB& db, auto*, auto*, auto* meta) {
    ASSERT_TRUE(db.Delete({}, meta, kFormatKey).ok());
  });
  auto store = EventStore::open(dir.path());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("no valid store format marker"), std::string::npos);
}

}  // namespace
}  // namespace nyxmon::infra::eventstore
