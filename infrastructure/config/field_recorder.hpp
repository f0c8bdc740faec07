// field_recorder.hpp — what the configuration loader reads, noted as it
// reads it: every section (by path, list indexes dropped:
// "services[].checks[].http") and every field it asks a section for, with
// how it reads it. This is the loader's own field table, from which the
// JSON Schema is made (config_schema.hpp), so that the two never differ.
//
// Thread-confined: a RecordingFields notes what the loader reads on its
// thread while it lives.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace nyxmon::infra::config {

enum class FieldType { kAny, kString, kBoolean, kInteger, kNumber, kDuration, kList, kMap };

struct FieldRead {
  FieldType type = FieldType::kAny;
  std::optional<double> minimum;
  std::optional<double> maximum;
};

struct FieldTable {
  // Section path → field → how it is read.
  std::map<std::string, std::map<std::string, FieldRead>> sections;

  void section(const std::string& path);
  // A typed read replaces an untyped one (a field asked for with has()
  // before it is read); the first typed read stands.
  void field(const std::string& path, const std::string& key, FieldRead read);
};

// While alive, the loader on this thread notes into `table`.
class RecordingFields {
 public:
  explicit RecordingFields(FieldTable& table);
  ~RecordingFields();
  RecordingFields(const RecordingFields&) = delete;
  RecordingFields& operator=(const RecordingFields&) = delete;

 private:
  FieldTable* previous_;
};

// The table being recorded into on this thread, or null.
FieldTable* recording_fields();

// "services[3].checks[0].http" → "services[].checks[].http".
std::string section_pattern(const std::string& path);

}  // namespace nyxmon::infra::config
