// A log written by an earlier nyxmon, kept as an export in tests/fixtures:
// folding it today must give the projections that its own code gave, byte
// for byte. Logs are forever; a change of rule code must not change the
// history they tell.
//
// log-v1.jsonl was written by `nyxmon run` (scripts/make-fixture-log.sh:
// a flapping HTTP target, a refused TCP port, a heartbeat pinged then
// silent, a webhook notifier, a pause and a resume) and exported with
// `nyxmon export`; log-v1.projections is Projections::snapshot() of it as
// folded by the same build. NYXMON_WRITE_FIXTURE=1 rewrites the latter.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "infrastructure/eventstore/domain_codec.hpp"
#include "projections/projections.hpp"
#include "tools/cli/event_jsonl.hpp"

namespace nyxmon::tools {
namespace {

const std::filesystem::path kFixtures = NYXMON_FIXTURE_DIR;

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(FixtureLog, AnEarlierLogFoldsIntoTheProjectionsItsOwnCodeFolded) {
  std::ifstream log(kFixtures / "log-v1.jsonl");
  ASSERT_TRUE(log) << "missing " << (kFixtures / "log-v1.jsonl");
  projections::Projections folded;
  std::map<std::string, int> types;
  const auto& codec = infra::eventstore::DomainCodec::instance();
  int line_number = 0;
  for (std::string line; std::getline(log, line);) {
    ++line_number;
    auto record = from_jsonl(line);
    ASSERT_TRUE(record) << "line " << line_number << ": " << record.error().message;
    auto envelope = codec.decode(*record);
    ASSERT_TRUE(envelope) << envelope.error().message;
    ++types[std::string(domain::name_of(envelope->event))];
    folded.apply(*envelope);
  }
  // What makes the fixture worth keeping: results that moved a check
  // through its states, flapping, notifications, heartbeats.
  for (const char* type : {"CheckResultRecorded", "CheckStatusChanged", "CheckFlappingStarted",
                           "NotificationRequested", "HeartbeatReceived", "CheckPaused"}) {
    EXPECT_GT(types[type], 0) << type << " is not in the fixture";
  }

  const std::string bytes = folded.snapshot();
  const auto golden = kFixtures / "log-v1.projections";
  if (const char* write = std::getenv("NYXMON_WRITE_FIXTURE"); write && *write == '1') {
    std::ofstream(golden, std::ios::binary) << bytes;
  }
  const std::string expected = read_bytes(golden);
  ASSERT_FALSE(expected.empty()) << "missing " << golden;
  EXPECT_EQ(bytes.size(), expected.size());
  EXPECT_TRUE(bytes == expected) << "folding the fixture log gives other projections than "
                                    "the code that wrote it";
}

}  // namespace
}  // namespace nyxmon::tools
