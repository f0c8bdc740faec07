#include "tools/cli/event_jsonl.hpp"

#include <boost/json.hpp>

#include "domain/events/event.hpp"
#include "infrastructure/system/base64.hpp"

namespace nyxmon::tools {

using domain::Error;
using domain::fail;

using infra::system::base64_decode;
using infra::system::base64_encode;

std::string to_jsonl(const infra::eventstore::RecordView& record) {
  const auto name = domain::name_of_tag(record.type_tag);
  return boost::json::serialize(
      boost::json::object{{"sequence", record.sequence},
                          {"stream", record.stream},
                          {"version", record.stream_version},
                          {"type", name ? *name : std::string_view("unknown")},
                          {"tag", record.type_tag},
                          {"schema", record.schema_version},
                          {"recorded_at_ns", record.recorded_at_ns},
                          {"payload", base64_encode(record.payload)}});
}

domain::Result<infra::eventstore::RecordedEvent> from_jsonl(std::string_view line) {
  boost::system::error_code error;
  const auto value = boost::json::parse(line, error);
  if (error || !value.is_object()) return fail(Error::invalid_argument("not a JSON object"));
  const auto& object = value.as_object();
  auto number = [&](const char* key) -> std::optional<std::int64_t> {
    const auto* field = object.if_contains(key);
    if (!field || !(field->is_int64() || field->is_uint64())) return std::nullopt;
    return field->to_number<std::int64_t>();
  };
  auto text = [&](const char* key) -> std::optional<std::string> {
    const auto* field = object.if_contains(key);
    if (!field || !field->is_string()) return std::nullopt;
    return std::string(field->as_string());
  };
  const auto sequence = number("sequence");
  const auto version = number("version");
  const auto tag = number("tag");
  const auto schema = number("schema");
  const auto recorded_at = number("recorded_at_ns");
  const auto stream = text("stream");
  const auto payload = text("payload");
  for (const auto& [present, name] :
       {std::pair{sequence.has_value(), "sequence"}, std::pair{version.has_value(), "version"},
        std::pair{tag.has_value(), "tag"}, std::pair{schema.has_value(), "schema"},
        std::pair{recorded_at.has_value(), "recorded_at_ns"},
        std::pair{stream.has_value(), "stream"}, std::pair{payload.has_value(), "payload"}}) {
    if (!present)
      return fail(Error::invalid_argument(std::string("missing or mistyped '") + name + "'"));
  }
  auto bytes = base64_decode(*payload);
  if (!bytes) return fail(Error::invalid_argument("'payload' is not base64"));
  infra::eventstore::RecordedEvent record;
  record.sequence = static_cast<std::uint64_t>(*sequence);
  record.stream = *stream;
  record.stream_version = static_cast<std::uint64_t>(*version);
  record.type_tag = static_cast<std::uint32_t>(*tag);
  record.schema_version = static_cast<std::uint16_t>(*schema);
  record.recorded_at_ns = *recorded_at;
  record.payload = std::move(*bytes);
  return record;
}

}  // namespace nyxmon::tools
