// The domain codec reads every schema a released nyxmon wrote: results of
// schema 2 (before measurements), check definitions of schema 2 (before
// metrics) and notifier definitions of schema 2 (before secrets) decode as
// today's events with those fields empty.
#include "infrastructure/eventstore/domain_codec.hpp"

#include <gtest/gtest.h>

#include "domain/events/definition_events.hpp"
#include "domain/events/run_events.hpp"
#include "infrastructure/eventstore/event_registry.hpp"

namespace nyxmon::infra::eventstore {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;

using OldEvents =
    std::variant<CheckResultRecordedV2, DefinitionSchema<CheckDefined, 2>,
                 DefinitionSchema<CheckDefined, 3>, DefinitionSchema<NotifierDefined, 2>>;

domain::Event decoded(const NewEvent& old) {
  const RecordView record{1, "check-a", 1, old.type_tag, old.schema_version, 0, old.payload};
  auto envelope = DomainCodec::instance().decode(record);
  if (!envelope) throw std::runtime_error(envelope.error().message);
  return envelope->event;
}

TEST(DomainCodec, AResultOfSchema2ReadsWithoutMeasurements) {
  CheckResultRecorded result;
  result.check = CheckId{"a"};
  result.run = 7;
  result.result.outcome = Outcome::kWarn;
  result.result.reason = "slow";
  result.result.duration = 12ms;
  result.result.answers = {"1/1 received"};
  result.next_due_at = Timestamp{} + 10s;
  result.after = ResultFacts{Status::kDegraded, 0, 1, false};
  EventRegistry<OldEvents> old_writer;
  const NewEvent old = old_writer.encode(CheckResultRecordedV2{result});
  ASSERT_EQ(old.schema_version, 2u);
  EXPECT_EQ(std::get<CheckResultRecorded>(decoded(old)), result);

  result.result.measurements = {{"time", 0.012, "s", ""}};
  const NewEvent now = DomainCodec::instance().encode(Event(result), Timestamp{});
  EXPECT_EQ(now.schema_version, 3u);
  EXPECT_EQ(std::get<CheckResultRecorded>(decoded(now)), result);
}

TEST(DomainCodec, ACheckDefinitionOfSchema2ReadsWithoutMetrics) {
  CheckSpec spec;
  spec.id = CheckId{"a"};
  spec.service = ServiceId{"s"};
  spec.probe = HttpSpec{"http://127.0.0.1/", "GET"};
  spec.depends_on = {Dependency{Dependency::Kind::kService, "gateway"}};
  EventRegistry<OldEvents> old_writer;
  const NewEvent old = old_writer.encode(DefinitionSchema<CheckDefined, 2>{spec});
  ASSERT_EQ(old.schema_version, 2u);
  EXPECT_EQ(std::get<CheckDefined>(decoded(old)).spec, spec);
}

TEST(DomainCodec, ACheckDefinitionOfSchema3ReadsWithoutCredentials) {
  CheckSpec spec;
  spec.id = CheckId{"queue"};
  spec.service = ServiceId{"s"};
  spec.probe = HttpSpec{"http://127.0.0.1/stats", "GET"};
  spec.metrics = {MetricRule{"/depth", "", parse_threshold("> 1"), std::nullopt}};
  EventRegistry<OldEvents> old_writer;
  const NewEvent old = old_writer.encode(DefinitionSchema<CheckDefined, 3>{spec});
  ASSERT_EQ(old.schema_version, 3u);
  const CheckSpec read = *std::get<CheckDefined>(decoded(old)).spec;
  EXPECT_EQ(read, spec);
  EXPECT_TRUE(read.credentials.empty());
}

TEST(DomainCodec, ANotifierDefinitionOfSchema2ReadsWithoutASecret) {
  NotifierSpec spec{NotifierId{"ops"}, NotifierKind::kSlack, "https://hooks.example.com/x"};
  spec.notify_after = 2min;
  EventRegistry<OldEvents> old_writer;
  const NewEvent old = old_writer.encode(DefinitionSchema<NotifierDefined, 2>{spec});
  ASSERT_EQ(old.schema_version, 2u);
  const NotifierSpec read = *std::get<NotifierDefined>(decoded(old)).spec;
  EXPECT_EQ(read, spec);
  EXPECT_FALSE(read.secret);
}

}  // namespace
}  // namespace nyxmon::infra::eventstore
