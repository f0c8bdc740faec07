#include "infrastructure/eventstore/crc32c.hpp"

#include <gtest/gtest.h>

namespace nyxmon::infra::eventstore {
namespace {

TEST(Crc32c, MatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32c("123456789"), 0xE3069283u);  // RFC 3720, appendix B.4
  EXPECT_EQ(crc32c(""), 0u);
}

TEST(Crc32c, ExtendsAcrossPieces) {
  const std::string whole = "a record split somewhere in its middle, longer than eight bytes";
  for (std::size_t cut = 0; cut <= whole.size(); ++cut) {
    const std::string_view view(whole);
    EXPECT_EQ(crc32c(view.substr(cut), crc32c(view.substr(0, cut))), crc32c(whole)) << cut;
  }
}

}  // namespace
}  // namespace nyxmon::infra::eventstore
