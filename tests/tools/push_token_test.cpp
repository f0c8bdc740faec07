// `nyxmon token` and what `nyxmon check show` says of a heartbeat check's
// token, run as a user would.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>

#include "domain/model/heartbeat_spec.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using testing::run_nyxmon;

std::string printed_token() {
  const auto output = run_nyxmon({"token"});
  EXPECT_EQ(output.exit_code, 0) << output.err;
  std::string token = output.out;
  if (!token.empty() && token.back() == '\n') token.pop_back();
  return token;
}

TEST(NyxmonToken, PrintsAFreshTokenThatTheHeartbeatValidatorAccepts) {
  const std::string first = printed_token();
  const std::string second = printed_token();
  EXPECT_EQ(first.size(), 32u) << first;
  domain::ValidationProblems problems;
  domain::validate(domain::HeartbeatSpec{.token = first}, "heartbeat", problems);
  EXPECT_TRUE(problems.empty()) << problems.front().message;
  EXPECT_NE(first, second) << "each run draws new random bytes";
}

TEST(NyxmonToken, CheckShowGivesTheTokenOfAHeartbeatCheckConfiguredWithIt) {
  testing::TempDir dir;
  const std::string token = printed_token();
  std::ofstream(dir / "nyxmon.yaml") << "services:\n"
                                        "  - id: jobs\n"
                                        "    checks:\n"
                                        "      - id: nightly\n"
                                        "        heartbeat: { period: 1d, token: " +
                                            token + " }\n";
  const std::string data = (dir / "data").string();
  testing::RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  const auto shown = run_nyxmon({"check", "show", "nightly", "--json", "--data", data});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto json = boost::json::parse(shown.out).as_object();
  EXPECT_EQ(json.at("token").as_string(), token);
  EXPECT_EQ(json.at("ping_path").as_string(), "/ping/" + token);
  const auto text = run_nyxmon({"check", "show", "nightly", "--data", data});
  EXPECT_NE(text.out.find(token), std::string::npos) << text.out;
  EXPECT_EQ(engine.stop(SIGTERM).exit_code, 0);
}

}  // namespace
}  // namespace nyxmon::tools
