#include <gtest/gtest.h>

#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/store_format.hpp"
#include "tests/support/raw_store.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using testing::run_nyxmon;
using testing::TempDir;

void write_events(const std::filesystem::path& dir, std::size_t count) {
  auto store = infra::eventstore::EventStore::open(dir);
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->append(testing::append_request("check-a", count)));
}

TEST(VerifyCommand, ReportsAnIntactStoreAndExitsZero) {
  TempDir dir;
  write_events(dir.path(), 40);
  const auto result = run_nyxmon({"verify", "--data", dir.path().string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("40 events and 40 index entries checked: no problems"),
            std::string::npos)
      << result.out;
  EXPECT_TRUE(result.err.empty()) << "no progress on a pipe: " << result.err;
}

TEST(VerifyCommand, NamesTheDamagedEventAndExitsTwo) {
  TempDir dir;
  write_events(dir.path(), 40);
  testing::edit_raw_store(dir.path(), [](rocksdb::DB& db, auto* events, auto*, auto*) {
    std::string value;
    ASSERT_TRUE(db.Get({}, events, infra::eventstore::sequence_key(17), &value).ok());
    value.back() ^= 1;
    ASSERT_TRUE(db.Put({}, events, infra::eventstore::sequence_key(17), value).ok());
  });
  const auto result = run_nyxmon({"verify", "--json"}, {{"NYXMON_DATA", dir.path().string()}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("\"ok\":false"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\"sequence\":17"), std::string::npos) << result.out;
}

TEST(VerifyCommand, MissingDataDirectoryIsOneLineAndExitTwo) {
  TempDir dir;
  const auto result = run_nyxmon({"verify", "--data", (dir.path() / "nothing-here").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no nyxmon store at"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "nothing-here"));
}

TEST(VerifyCommand, ForeignDirectoryIsRefusedAndLeftAlone) {
  TempDir dir;
  std::FILE* file = std::fopen((dir.path() / "photo.jpg").c_str(), "w");
  std::fputs("not a store", file);
  std::fclose(file);
  const auto result = run_nyxmon({"verify", "--data", dir.path().string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("is not a nyxmon store"), std::string::npos) << result.err;
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(Cli, UnknownSubcommandIsAUsageError) {
  const auto result = run_nyxmon({"frobnicate"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("nyxmon --help"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace nyxmon::tools
