// A boxed spec is shared by its copies and never changes under a holder:
// what lets events, records and probes share one spec safely.
#include <gtest/gtest.h>

#include "domain/events/boxed.hpp"
#include "domain/events/definition_events.hpp"
#include "domain/serialization/byte_reader.hpp"
#include "domain/serialization/byte_writer.hpp"
#include "tests/support/domain_builders.hpp"

namespace nyxmon::domain {
namespace {

TEST(Boxed, CopiesShareOneValueAndEditingOneLeavesTheOthersAsTheyWere) {
  const Boxed<CheckSpec> original = testing::http_check("api");
  Boxed<CheckSpec> copy = original;
  EXPECT_EQ(&*copy, &*original) << "a copy shares the value, it does not copy it";
  const auto held = original.shared();

  copy.edit().interval = std::chrono::seconds(5);
  EXPECT_NE(&*copy, &*original);
  EXPECT_EQ(copy->interval, std::chrono::seconds(5));
  EXPECT_EQ(original->interval, testing::http_check("api").interval);
  EXPECT_EQ(held->interval, original->interval) << "a holder's value never changes";
  EXPECT_NE(copy, original);
}

TEST(Boxed, WritesTheBytesOfItsValueAndReadsThemIntoAValueOfItsOwn) {
  const CheckSpec spec = testing::http_check("api", "web", "https://example.com/health");
  std::string boxed_bytes, plain_bytes;
  ByteWriter boxed(boxed_bytes);
  boxed(CheckDefined{spec});
  ByteWriter plain(plain_bytes);
  plain(spec);
  EXPECT_EQ(boxed_bytes, plain_bytes) << "the box adds nothing to the bytes";

  CheckDefined read;
  const Boxed<CheckSpec> before = read.spec;
  ByteReader reader(boxed_bytes);
  reader(read);
  ASSERT_TRUE(reader.ok() && reader.at_end());
  EXPECT_EQ(*read.spec, spec);
  EXPECT_EQ(*before, CheckSpec{}) << "a copy taken before reading is left as it was";
}

}  // namespace
}  // namespace nyxmon::domain
