#include "infrastructure/config/config_schema.hpp"

#include <boost/json.hpp>

#include <string_view>

#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/config/field_recorder.hpp"

namespace nyxmon::infra::config {

namespace json = boost::json;

namespace {

// Every section the loader has, each kind of check once, one notifier with
// every optional part: what the loader must read for the table to be whole.
constexpr std::string_view kEverySection = R"(
engine:
  listen: 127.0.0.1:0
  tls: { cert: c.pem, key: k.pem }
  backup: { to: /tmp/b, every: 1h, keep: 2 }
defaults: { interval: 1m, notify: [all] }
notifiers:
  - id: all
    kind: email
    url: https://example.com/
    secret: { env: SECRET }
    smtp: { host: mail.example.com, password: { env: SMTP_PASSWORD } }
    from: a@example.com
    to: [b@example.com]
    headers: { X-A: b }
    notify_on: [down]
    escalate_to: other
  - { id: other, url: "https://example.com/other" }
services:
  - id: s
    depends_on: [t]
    checks:
      - id: http
        http:
          url: https://example.com/
          expect: { status: 200, headers: { a: b } }
          metrics: [{ path: /a, label: a, warn: "> 1" }]
          auth: { scheme: basic, username: u, secret: { env: PASSWORD } }
      - { id: tcp, tcp: { host: h, port: 1 } }
      - { id: tls, tls: { host: h } }
      - { id: dns, dns: { name: example.com } }
      - { id: icmp, icmp: { host: h } }
      - { id: heartbeat, heartbeat: { period: 1h, token: heartbeat-token-0123456789 } }
      - { id: exec, exec: { command: [/bin/true] } }
      - id: mail
        mail:
          smtp: { host: h, password: { env: P } }
          imap: { host: h, password: { env: P } }
          from: a@example.com
          to: b@example.com
  - { id: t, checks: [{ id: t1, tcp: { host: h, port: 2 } }] }
status_page: { public: true, services: [s] }
maintenance:
  - { id: m, services: [s], start: "2030-01-01T00:00:00Z", duration: 1h }
)";

json::object field_schema(const FieldRead& read) {
  switch (read.type) {
    case FieldType::kString:
      return {{"type", "string"}};
    case FieldType::kBoolean:
      return {{"type", "boolean"}};
    case FieldType::kInteger:
    case FieldType::kNumber: {
      json::object out{{"type", read.type == FieldType::kInteger ? "integer" : "number"}};
      if (read.minimum) out["minimum"] = *read.minimum;
      if (read.maximum) out["maximum"] = *read.maximum;
      return out;
    }
    case FieldType::kDuration:
      return {{"type", "string"},
              {"pattern", "^[0-9]"},
              {"description", "a duration: 500ms, 30s, 5m, 1h, 1d"}};
    case FieldType::kList:
      return {{"anyOf", json::array{json::object{{"type", "string"}},
                                    json::object{{"type", "array"},
                                                 {"items", json::object{{"type", "string"}}}}}}};
    case FieldType::kMap:
      return {{"type", "object"}, {"additionalProperties", json::object{{"type", "string"}}}};
    case FieldType::kAny:
      break;
  }
  return {};
}

json::object object_schema(const FieldTable& table, const std::string& path) {
  json::object properties;
  const auto found = table.sections.find(path);
  if (found != table.sections.end()) {
    for (const auto& [key, read] : found->second) {
      const std::string child = path.empty() ? key : path + "." + key;
      json::object schema = field_schema(read);
      if (table.sections.contains(child)) {
        json::object object = object_schema(table, child);
        // Read as a whole first (a secret's text, say), or only a mapping.
        schema = read.type == FieldType::kAny
                     ? object
                     : json::object{{"anyOf", json::array{std::move(schema), std::move(object)}}};
      } else if (table.sections.contains(child + "[]")) {
        schema = {{"type", "array"}, {"items", object_schema(table, child + "[]")}};
      }
      properties[key] = std::move(schema);
    }
  }
  return {
      {"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
}

}  // namespace

std::string config_schema_json() {
  FieldTable table;
  {
    RecordingFields recording(table);
    (void)parse_config(std::string(kEverySection), "the schema's own document");
  }
  json::object schema = object_schema(table, "");
  schema["$schema"] = "http://json-schema.org/draft-07/schema#";
  schema["title"] = "nyxmon configuration";
  return json::serialize(schema) + "\n";
}

}  // namespace nyxmon::infra::config
