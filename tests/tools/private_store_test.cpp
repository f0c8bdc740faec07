// A store holds heartbeat tokens, notifier URLs and the API token, so what
// `nyxmon run` creates is for its own user only, and a store that others can
// read is pointed out when the engine starts on it.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "tests/support/running_engine.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

namespace fs = std::filesystem;
using testing::RunningEngine;

constexpr auto kGroupAndOthers = fs::perms::group_all | fs::perms::others_all;

void write_config(const testing::TempDir& dir) {
  std::ofstream(dir / "nyxmon.yaml")
      << "services:\n  - id: shop\n    checks:\n      - id: beat\n"
         "        heartbeat: { token: private-store-token-0001, period: 1h }\n";
}

TEST(PrivateStore, TheDataDirectoryAndEveryFileTheEngineCreatesAreItsUsersOnly) {
  testing::TempDir dir;
  write_config(dir);
  const mode_t previous = ::umask(0022);  // an everyday shell's umask
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  const auto output = engine.stop(SIGTERM);
  ::umask(previous);
  ASSERT_EQ(output.exit_code, 0) << output.err;
  EXPECT_EQ(output.err.find("open to other users"), std::string::npos) << output.err;

  EXPECT_EQ(fs::status(dir / "data").permissions() & kGroupAndOthers, fs::perms::none);
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "data")) {
    if (!entry.is_regular_file()) continue;
    ++files;
    EXPECT_EQ(entry.status().permissions() & kGroupAndOthers, fs::perms::none)
        << entry.path().filename() << " is open to others";
  }
  EXPECT_GT(files, 5) << "the WAL, MANIFEST, OPTIONS, api-token ... were looked at";
}

TEST(PrivateStore, AStoreOthersCanReadIsPointedOutAtStart) {
  testing::TempDir dir;
  write_config(dir);
  {
    RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
    ASSERT_EQ(engine.stop(SIGTERM).exit_code, 0);
  }
  fs::permissions(dir / "data",
                  fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                      fs::perms::others_exec,
                  fs::perm_options::add);
  fs::permissions(dir / "data" / "api-token", fs::perms::others_read, fs::perm_options::add);

  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  const auto output = engine.stop(SIGTERM);
  ASSERT_EQ(output.exit_code, 0) << output.err;
  EXPECT_NE(output.err.find("nyxmon run: warning: " + (dir / "data").string() +
                            " (mode 0755) and 1 file in it are open to other users"),
            std::string::npos)
      << output.err;
  EXPECT_NE(output.err.find("chmod -R go= " + (dir / "data").string()), std::string::npos);
}

}  // namespace
}  // namespace nyxmon::tools
