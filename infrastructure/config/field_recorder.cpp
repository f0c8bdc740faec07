#include "infrastructure/config/field_recorder.hpp"

namespace nyxmon::infra::config {

namespace {

thread_local FieldTable* current = nullptr;

}  // namespace

void FieldTable::section(const std::string& path) {
  sections[section_pattern(path)];
}

void FieldTable::field(const std::string& path, const std::string& key, FieldRead read) {
  auto& fields = sections[section_pattern(path)];
  auto [it, added] = fields.emplace(key, read);
  if (!added && it->second.type == FieldType::kAny) it->second = read;
}

RecordingFields::RecordingFields(FieldTable& table) : previous_(current) {
  current = &table;
}

RecordingFields::~RecordingFields() {
  current = previous_;
}

FieldTable* recording_fields() {
  return current;
}

std::string section_pattern(const std::string& path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    out += path[i];
    if (path[i] != '[') continue;
    while (i + 1 < path.size() && path[i + 1] != ']')
      ++i;
  }
  return out;
}

}  // namespace nyxmon::infra::config
