// An API error that echoes what a client sent (an unknown path, a bad
// parameter) stays valid UTF-8 JSON whatever bytes the client put there.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>

#include "domain/model/utf8_text.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

TEST(ApiErrors, BytesThatAreNotUtf8InTheRequestComeBackReplacedNotRaw) {
  testing::TempDir dir;
  std::ofstream(dir / "nyxmon.yaml") << "engine: { public_reads: true }\nservices: []\n";
  testing::RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  const std::string answer = testing::raw_exchange(
      engine.port(), "GET /api/v1/\xff\xfe\xc3(x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto body_at = answer.find("\r\n\r\n");
  ASSERT_NE(body_at, std::string::npos) << answer;
  const std::string body = answer.substr(body_at + 4);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 404")) << answer;
  EXPECT_EQ(domain::valid_utf8(body), body) << "raw bytes echoed";
  const auto error = boost::json::parse(body).at("error").as_string();
  EXPECT_NE(std::string_view(error).find("/api/v1/\xEF\xBF\xBD"), std::string_view::npos) << error;
  EXPECT_EQ(engine.stop(SIGTERM).exit_code, 0);
}

}  // namespace
}  // namespace nyxmon::tools
