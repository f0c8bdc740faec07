#include "tools/cli/event_jsonl.hpp"

#include <openssl/evp.h>

#include <boost/json.hpp>

#include "domain/events/event.hpp"

namespace nyxmon::tools {

using domain::Error;
using domain::fail;

namespace {

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (written < 0) return std::nullopt;
  std::size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=')
    ++padding;
  out.resize(static_cast<std::size_t>(written) - padding);
  return out;
}

}  // namespace

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
