// A full disk: the first failed append stops writes without another call
// into RocksDB (whose assertions some paths after such an error trip), reads
// go on, and once space is back a reopen takes writes again with nothing
// recorded lost and no sequence skipped.
#include <gtest/gtest.h>

#include "infrastructure/eventstore/event_store.hpp"
#include "tests/support/disk_full_file_system.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::eventstore {
namespace {

using testing::append_request;

class FullDisk : public ::testing::TestWithParam<Durability> {
 protected:
  void SetUp() override {
    auto store = EventStore::open(dir_.path(), {.durability = GetParam(), .file_system = disk_});
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    for (int i = 0; i < 50; ++i)
      ASSERT_TRUE(store_->append(append_request("check-a", 1, i)));
  }
  testing::TempDir dir_;
  std::shared_ptr<testing::DiskFullFileSystem> disk_ =
      std::make_shared<testing::DiskFullFileSystem>();
  std::unique_ptr<EventStore> store_;
};

TEST_P(FullDisk, WritesStopAtTheFirstFailureAndReadsGoOn) {
  disk_->set_full(true);
  auto failed = store_->append(append_request("check-a", 1, 100));
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message.find("No space left"), std::string::npos)
      << failed.error().message;
  ASSERT_TRUE(store_->write_failure());
  const std::size_t attempts = disk_->writes_while_full();
  for (int i = 0; i < 5; ++i)
    EXPECT_FALSE(store_->append(append_request("check-a", 1, 200 + i)));
  EXPECT_FALSE(store_->put_snapshot("checks", 50, "bytes"));
  EXPECT_EQ(disk_->writes_while_full(), attempts) << "no write reaches RocksDB after a failure";
  EXPECT_EQ(store_->head(), 50u);
  EXPECT_EQ(testing::read_all(*store_).size(), 50u);
}

TEST_P(FullDisk, AReopenOnceSpaceIsBackTakesWritesAgainWithNothingLost) {
  disk_->set_full(true);
  ASSERT_FALSE(store_->append(append_request("check-a", 1, 100)));
  EXPECT_FALSE(store_->reopen()) << "still full";
  EXPECT_TRUE(store_->read_view().read_forward(1, 10).error().code ==
              domain::ErrorCode::kUnavailable)
      << "while closed, reads say so";

  disk_->set_full(false);
  ASSERT_TRUE(store_->reopen());
  EXPECT_FALSE(store_->write_failure());
  auto appended = store_->append(append_request("check-a", 2, 300));
  ASSERT_TRUE(appended) << appended.error().message;
  EXPECT_EQ(appended->first_sequence, 51u) << "no sequence skipped or reused";
  EXPECT_EQ(appended->stream_version, 52u);
  const auto all = testing::read_all(*store_);
  ASSERT_EQ(all.size(), 52u);
  for (std::size_t i = 0; i < all.size(); ++i)
    EXPECT_EQ(all[i].sequence, i + 1);
  auto verified = store_->verify();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok()) << verified->problems.front().what;
}

INSTANTIATE_TEST_SUITE_P(BothDurabilities, FullDisk,
                         ::testing::Values(Durability::kSync, Durability::kAsync),
                         [](const ::testing::TestParamInfo<Durability>& info) {
                           return info.param == Durability::kSync ? "Sync" : "Async";
                         });

}  // namespace
}  // namespace nyxmon::infra::eventstore
