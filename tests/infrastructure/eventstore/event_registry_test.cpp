#include "infrastructure/eventstore/event_registry.hpp"

#include <gtest/gtest.h>

#include "tests/support/sample_events.hpp"

namespace nyxmon::infra::eventstore {
namespace {

using testing::SampleCreated;
using testing::SampleEvent;
using testing::SampleEventV1;
using testing::SampleMeasured;
using testing::SampleMeasuredV1;

TEST(EventRegistry, EncodesWithTagAndSchemaAndDecodesBack) {
  EventRegistry<SampleEvent> registry;
  const SampleEvent event = SampleMeasured{42, "s"};
  const NewEvent encoded = registry.encode(event);
  EXPECT_EQ(encoded.type_tag, SampleMeasured::kTag);
  EXPECT_EQ(encoded.schema_version, 2u);

  auto decoded = registry.decode(encoded.type_tag, encoded.schema_version, encoded.payload);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(std::get<SampleMeasured>(*decoded), (SampleMeasured{42, "s"}));
}

TEST(EventRegistry, DecodesAnOldSchemaVersionThroughItsUpcaster) {
  EventRegistry<SampleEventV1> old_writer;
  const NewEvent old = old_writer.encode(SampleMeasuredV1{7});
  ASSERT_EQ(old.schema_version, 1u);

  EventRegistry<SampleEvent> registry;
  registry.add_upcaster<SampleMeasuredV1, SampleMeasured>([](SampleMeasuredV1 v1) {
    return SampleMeasured{v1.value, "ms"};
  });
  auto decoded = registry.decode(old.type_tag, old.schema_version, old.payload);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(std::get<SampleMeasured>(*decoded), (SampleMeasured{7, "ms"}));
}

TEST(EventRegistry, ReportsAnOldSchemaVersionWithoutUpcaster) {
  EventRegistry<SampleEventV1> old_writer;
  const NewEvent old = old_writer.encode(SampleMeasuredV1{7});
  EventRegistry<SampleEvent> registry;
  auto decoded = registry.decode(old.type_tag, old.schema_version, old.payload);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, domain::ErrorCode::kUnsupported);
  EXPECT_NE(decoded.error().message.find("SampleMeasured (tag 2) has schema version 1"),
            std::string::npos);
}

TEST(EventRegistry, ReportsAnUnknownTagInsteadOfCrashing) {
  EventRegistry<SampleEvent> registry;
  auto decoded = registry.decode(977, 1, "whatever");
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, domain::ErrorCode::kUnsupported);
  EXPECT_NE(decoded.error().message.find("unknown event type tag 977"), std::string::npos);
}

TEST(EventRegistry, ReportsATruncatedPayload) {
  EventRegistry<SampleEvent> registry;
  NewEvent encoded = registry.encode(SampleCreated{"a fairly long service name"});
  encoded.payload.resize(encoded.payload.size() / 2);
  auto decoded = registry.decode(encoded.type_tag, encoded.schema_version, encoded.payload);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, domain::ErrorCode::kCorruption);
  EXPECT_NE(decoded.error().message.find("SampleCreated payload does not parse"),
            std::string::npos);
}

// A damaged length prefix (found by fuzz/event_decoder_fuzz.cpp) used to
// make cereal resize a string to hundreds of gigabytes before reading a byte.
TEST(EventRegistry, AHugeLengthInADamagedPayloadIsAnErrorNotAnAllocation) {
  EventRegistry<SampleEvent> registry;
  NewEvent encoded = registry.encode(SampleMeasured{42, "s"});
  // The string's length prefix follows the 8-byte value.
  ASSERT_GE(encoded.payload.size(), 16u);
  encoded.payload[8 + 4] = '\x77';
  auto decoded = registry.decode(encoded.type_tag, encoded.schema_version, encoded.payload);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, domain::ErrorCode::kCorruption);
  EXPECT_NE(decoded.error().message.find("does not parse"), std::string::npos)
      << decoded.error().message;
}

}  // namespace
}  // namespace nyxmon::infra::eventstore
