// config_schema.hpp — the configuration's JSON Schema (draft-07), for
// editors that speak yaml-language-server (`# yaml-language-server:
// $schema=/usr/share/nyxmon/nyxmon.schema.json`): made by letting the loader
// read a document that holds every section and every kind of check and
// notifier, noting each field it asks for and how it reads it
// (field_recorder.hpp). The loader's reads are the one source: a field it
// learns is in the schema, a field it forgets is gone from it. Unknown
// fields are refused, as the loader refuses them.
#pragma once

#include <string>

namespace nyxmon::infra::config {

// The schema as JSON text, pretty enough to read.
std::string config_schema_json();

}  // namespace nyxmon::infra::config
