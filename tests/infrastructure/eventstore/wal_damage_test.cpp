// A damaged, cut short or deleted write-ahead log: the store refuses to open
// rather than drop events and give their sequences to new ones; repair keeps
// every intact event and records the loss, after which no lost sequence is
// ever used again.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "domain/events/event.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/repair.hpp"
#include "infrastructure/eventstore/store_format.hpp"
#include "tests/support/raw_store.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::eventstore {
namespace {

namespace fs = std::filesystem;
using testing::append_request;
using testing::TempDir;

constexpr std::uint64_t kEvents = 3000;

// kEvents events in batches of ten, left in the write-ahead log.
void fill_store(const fs::path& dir) {
  auto store = EventStore::open(dir, {.durability = Durability::kAsync});
  ASSERT_TRUE(store) << store.error().message;
  for (std::uint64_t i = 0; i < kEvents / 10; ++i)
    ASSERT_TRUE((*store)->append(append_request("check-" + std::to_string(i % 7), 10, i * 10)));
}

fs::path newest_wal(const fs::path& dir) {
  fs::path newest;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".log" && entry.path() > newest) newest = entry.path();
  }
  return newest;
}

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

void flip_middle_of_wal(const fs::path& dir) {
  const fs::path wal = newest_wal(dir);
  std::string bytes = file_bytes(wal);
  ASSERT_GT(bytes.size(), 10'000u);
  for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 16; ++i)
    bytes[i] = static_cast<char>(bytes[i] ^ 0xff);
  write_bytes(wal, bytes);
}

std::vector<std::uint64_t> sequences(const EventStore& store) {
  std::vector<std::uint64_t> found;
  for (const auto& event : testing::read_all(store))
    found.push_back(event.sequence);
  return found;
}

RepairReport repair(const fs::path& dir) {
  auto report = repair_store(dir, domain::from_unix_nanos(1'800'000'000'000'000'000));
  EXPECT_TRUE(report) << report.error().message;
  return report ? *report : RepairReport{};
}

TEST(WalDamage, FlippedBytesInTheMiddleOfTheLogRefuseTheOpenAndChangeNothing) {
  TempDir dir;
  fill_store(dir.path());
  flip_middle_of_wal(dir.path());
  const std::string damaged = file_bytes(newest_wal(dir.path()));

  for (int attempt = 0; attempt < 2; ++attempt) {
    auto store = EventStore::open(dir.path());
    ASSERT_FALSE(store) << "a damaged log must not be opened for writing";
    EXPECT_EQ(store.error().code, domain::ErrorCode::kCorruption);
    EXPECT_NE(store.error().message.find("write-ahead log is damaged"), std::string::npos)
        << store.error().message;
    EXPECT_NE(store.error().message.find("nyxmon repair"), std::string::npos);
  }
  EXPECT_EQ(file_bytes(newest_wal(dir.path())), damaged) << "the damaged log is left as it was";
}

TEST(WalDamage, RepairKeepsEveryIntactEventAndNeverReusesALostSequence) {
  TempDir dir;
  fill_store(dir.path());
  flip_middle_of_wal(dir.path());

  const RepairReport report = repair(dir.path());
  ASSERT_FALSE(report.lost.empty());
  EXPECT_FALSE(report.wal_copy.empty());
  EXPECT_TRUE(fs::exists(report.wal_copy / newest_wal(dir.path()).filename()) ||
              !fs::is_empty(report.wal_copy));
  std::uint64_t lost = 0;
  for (const auto& range : report.lost) {
    EXPECT_GE(range.first_sequence, 1u);
    EXPECT_LE(range.last_sequence, kEvents) << "only recorded events can be lost";
    EXPECT_EQ(range.reason, "the write-ahead log was damaged");
    lost += range.count();
  }
  EXPECT_EQ(report.intact + lost, kEvents) << "every event is either kept or accounted for";
  // RocksDB skips the rest of a damaged 32 KiB block of the log (about 300
  // of these events), not everything after it.
  EXPECT_LT(lost, kEvents / 5) << "only the damaged part is lost, not everything after it";

  auto store = EventStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().message;
  const auto kept = sequences(**store);
  EXPECT_TRUE(std::find(kept.begin(), kept.end(), kEvents) != kept.end())
      << "events after the damage survive";
  // The losses are events of their own, after every sequence ever used.
  const auto all = testing::read_all(**store);
  ASSERT_GE(all.size(), report.lost.size());
  const auto& first_loss = all[all.size() - report.lost.size()];
  EXPECT_EQ(first_loss.sequence, kEvents + 1);
  auto decoded = DomainCodec::instance().decode(first_loss);
  ASSERT_TRUE(decoded);
  ASSERT_TRUE(std::holds_alternative<domain::EventsLost>(decoded->event));
  EXPECT_EQ(std::get<domain::EventsLost>(decoded->event).first_sequence,
            report.lost.front().first_sequence);

  auto appended = (*store)->append(append_request("check-new", 1));
  ASSERT_TRUE(appended);
  EXPECT_EQ(appended->first_sequence, kEvents + report.lost.size() + 1);
  auto verified = (*store)->verify();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok()) << verified->problems.front().what;
  EXPECT_EQ(verified->recorded_losses.size(), report.lost.size());
}

TEST(WalDamage, ALogCutShortIsFoundByTheHighWaterMark) {
  TempDir dir;
  fill_store(dir.path());
  const fs::path wal = newest_wal(dir.path());
  fs::resize_file(wal, fs::file_size(wal) / 2);

  auto refused = EventStore::open(dir.path());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, domain::ErrorCode::kCorruption);
  EXPECT_NE(refused.error().message.find("events up to 3000 were recorded"), std::string::npos)
      << refused.error().message;

  const RepairReport report = repair(dir.path());
  ASSERT_EQ(report.lost.size(), 1u);
  EXPECT_EQ(report.lost[0].last_sequence, kEvents);
  EXPECT_EQ(report.lost[0].reason, "the write-ahead log was deleted or cut short");
  EXPECT_EQ(report.intact, report.lost[0].first_sequence - 1);

  auto store = EventStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().message;
  auto appended = (*store)->append(append_request("check-new", 1));
  ASSERT_TRUE(appended);
  EXPECT_EQ(appended->first_sequence, kEvents + 2) << "after the loss and its EventsLost";
}

TEST(WalDamage, ADeletedLogIsFoundAndVerifyReportsItBeforeRepair) {
  TempDir dir;
  fill_store(dir.path());
  fs::remove(newest_wal(dir.path()));
  {
    TempDir scratch;
    auto reader = EventStore::open_secondary(dir.path(), scratch.path());
    ASSERT_TRUE(reader) << reader.error().message;
    auto verified = (*reader)->verify();
    ASSERT_TRUE(verified);
    ASSERT_FALSE(verified->ok()) << "verify must not say 'no problems' about a lost log";
    EXPECT_NE(verified->problems.back().what.find("events up to 3000 were recorded"),
              std::string::npos)
        << verified->problems.back().what;
  }
  ASSERT_FALSE(EventStore::open(dir.path()));
  const RepairReport report = repair(dir.path());
  ASSERT_EQ(report.lost.size(), 1u);
  EXPECT_EQ(report.lost[0].first_sequence, 1u);
  EXPECT_EQ(report.lost[0].last_sequence, kEvents);
  auto store = EventStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().message;
  auto verified = (*store)->verify();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok()) << verified->problems.front().what;
}

TEST(WalDamage, RepairRemovesARecordThatFailsItsChecksumAndRecordsIt) {
  TempDir dir;
  fill_store(dir.path());
  testing::edit_raw_store(dir.path(), [](rocksdb::DB& db, auto* events, auto*, auto*) {
    std::string value;
    ASSERT_TRUE(db.Get({}, events, sequence_key(13), &value).ok());
    value[value.size() - 3] ^= 0x20;
    ASSERT_TRUE(db.Put({}, events, sequence_key(13), value).ok());
  });
  const RepairReport report = repair(dir.path());
  ASSERT_EQ(report.lost.size(), 1u);
  EXPECT_EQ(report.lost[0].first_sequence, 13u);
  EXPECT_EQ(report.lost[0].reason, "the stored record failed its checksum");
  auto store = EventStore::open(dir.path());
  ASSERT_TRUE(store);
  EXPECT_TRUE((*store)->read_view().read_forward(1, 100'000)) << "every event reads again";
  auto verified = (*store)->verify();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok()) << verified->problems.front().what;
}

TEST(WalDamage, RepairOfAnIntactStoreChangesNothing) {
  TempDir dir;
  fill_store(dir.path());
  const RepairReport report = repair(dir.path());
  EXPECT_TRUE(report.damage.empty());
  EXPECT_TRUE(report.lost.empty());
  EXPECT_EQ(report.intact, kEvents);
  auto store = EventStore::open(dir.path());
  ASSERT_TRUE(store);
  EXPECT_EQ((*store)->head(), kEvents);
}

}  // namespace
}  // namespace nyxmon::infra::eventstore
