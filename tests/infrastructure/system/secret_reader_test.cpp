#include "infrastructure/system/secret_reader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::system {
namespace {

using domain::SecretSource;

TEST(SecretReader, ReadsAVariableOrTheFirstLineOfAFile) {
  ::setenv("NYXMON_TEST_SECRET", "s3cret", 1);
  EXPECT_EQ(read_secret({SecretSource::From::kEnvironment, "NYXMON_TEST_SECRET"}), "s3cret");
  testing::TempDir dir;
  std::ofstream(dir / "token") << "abc:def\r\nsecond line\n";
  EXPECT_EQ(read_secret({SecretSource::From::kFile, (dir / "token").string()}), "abc:def");
}

TEST(SecretReader, SaysWhyASecretCannotBeHad) {
  ::unsetenv("NYXMON_TEST_NO_SECRET");
  EXPECT_EQ(read_secret({SecretSource::From::kEnvironment, "NYXMON_TEST_NO_SECRET"}).error(),
            "environment variable NYXMON_TEST_NO_SECRET is not set");
  EXPECT_EQ(read_secret({SecretSource::From::kFile, "/nonexistent/token"}).error(),
            "file /nonexistent/token: No such file or directory");
  testing::TempDir dir;
  std::ofstream(dir / "empty") << "\n";
  EXPECT_EQ(read_secret({SecretSource::From::kFile, (dir / "empty").string()}).error(),
            "file " + (dir / "empty").string() + " is empty");
}

TEST(SecretReader, ASecretIsFilledInAndNeverQuotedBack) {
  EXPECT_EQ(with_secret("https://x/{secret}/a?k={secret}", "t0k"), "https://x/t0k/a?k=t0k");
  EXPECT_EQ(without_secret("GET /bott0k/sendMessage failed: t0k", "t0k"),
            "GET /bot<secret>/sendMessage failed: <secret>");
  EXPECT_EQ(without_secret("nothing here", ""), "nothing here");
}

}  // namespace
}  // namespace nyxmon::infra::system
