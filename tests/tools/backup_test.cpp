// nyxmon backup and restore, against `nyxmon run` under load: hot backups
// through the engine (incremental, the newest --keep kept), restored into
// a new directory that verifies and whose status is the original's at the
// backup's sequence; a restore never overwrites a store; engine.backup
// takes one at start.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>
#include <regex>
#include <thread>

#include "tests/support/eventually.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::run_nyxmon;
using testing::RunningEngine;

void write_config(const std::filesystem::path& path, const std::string& engine_extra = "") {
  std::ofstream config(path);
  config << "engine: { durability: async" << engine_extra << " }\n"
         << "services:\n  - id: backend\n    checks:\n";
  for (int i = 1; i <= 20; ++i) {
    config << "      - { id: port-" << i << ", interval: 100ms, failure_threshold: 2, "
           << "tcp: { host: 127.0.0.1, port: " << i << " } }\n";
  }
}

boost::json::value services_of(const std::string& status_json) {
  return boost::json::parse(status_json).as_object().at("services");
}

TEST(Backup, AHotBackupRestoresToTheStateAtItsSequence) {
  testing::TempDir dir;
  write_config(dir / "nyxmon.yaml");
  const std::string data = (dir / "data").string();
  const std::string backups = (dir / "backups").string();
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  std::this_thread::sleep_for(1s);  // 200 runs a second going on

  const auto first = run_nyxmon({"backup", backups, "--data", data, "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto made = boost::json::parse(first.out).as_object();
  EXPECT_EQ(made.at("id").as_int64(), 1);
  const auto sequence = made.at("sequence").to_number<std::uint64_t>();
  EXPECT_GT(sequence, 100u);
  std::this_thread::sleep_for(300ms);
  const auto second = run_nyxmon({"backup", backups, "--data", data});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(second.out.starts_with("backup 2 in ")) << second.out;
  EXPECT_NE(second.out.find("; 2 kept"), std::string::npos) << second.out;

  // The first backup, restored, is the store as it stood: it verifies, and
  // its status is the running store's status at the backup's sequence.
  const std::string restored = (dir / "restored").string();
  const auto restore = run_nyxmon({"restore", backups, "--backup", "1", "--data", restored});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_NE(restore.out.find("restored backup 1"), std::string::npos) << restore.out;
  const auto verify = run_nyxmon({"verify", "--data", restored});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  const auto copy = run_nyxmon({"status", "--json", "--data", restored});
  ASSERT_NE(copy.out, "") << copy.err;
  const auto copy_sequence =
      boost::json::parse(copy.out).as_object().at("sequence").to_number<std::uint64_t>();
  EXPECT_GE(copy_sequence, sequence) << "every event up to the reported sequence is in it";
  const auto original =
      run_nyxmon({"status", "--json", "--seq", std::to_string(copy_sequence), "--data", data});
  ASSERT_NE(original.out, "") << original.err;
  EXPECT_EQ(services_of(copy.out), services_of(original.out));

  // A restore does not overwrite a store.
  const auto again = run_nyxmon({"restore", backups, "--data", restored});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("holds a store already"), std::string::npos) << again.err;
  // --keep 1 leaves the newest only.
  const auto third = run_nyxmon({"backup", backups, "--keep", "1", "--data", data});
  EXPECT_NE(third.out.find("backup 3 in "), std::string::npos) << third.out << third.err;
  const auto listed = run_nyxmon({"backup", backups, "--list"});
  EXPECT_EQ(std::count(listed.out.begin(), listed.out.end(), '\n'), 1) << listed.out;
  EXPECT_EQ(engine.stop(SIGTERM).exit_code, 0);
  // Without an engine, the store is backed up directly.
  const auto offline = run_nyxmon({"backup", backups, "--data", data});
  EXPECT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_NE(offline.out.find("backup 4 in "), std::string::npos) << offline.out;
}

TEST(Backup, EngineBackupTakesOneAtStart) {
  testing::TempDir dir;
  const std::string backups = (dir / "scheduled").string();
  write_config(dir / "nyxmon.yaml", ", backup: { to: \"" + backups + "\", every: 1h, keep: 3 }");
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  ASSERT_TRUE(testing::eventually(
      [&] {
        return run_nyxmon({"backup", backups, "--list"}).exit_code == 0;
      },
      15s));
  EXPECT_EQ(engine.stop(SIGTERM).exit_code, 0);
  const auto log = run_nyxmon({"backup", backups, "--list", "--json"});
  EXPECT_EQ(boost::json::parse(log.out).as_array().size(), 1u);

  std::ofstream(dir / "bad.yaml") << "engine: { backup: { every: 10s } }\n";
  const auto refused = run_nyxmon({"run", "--config", (dir / "bad.yaml").string(), "--data",
                                   (dir / "data2").string(), "--listen", "off"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("engine.backup.to"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("engine.backup.every"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace nyxmon::tools
