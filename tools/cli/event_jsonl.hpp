// event_jsonl.hpp — the export format: one JSON object per line per event,
// in sequence order, carrying the stored record as it is (payload bytes in
// base64), so that importing an export reproduces sequences, streams,
// versions, times and payloads exactly. The type's name is there for
// people and tools; the tag and schema version are what import uses.
//
//   {"sequence":1,"stream":"engine","version":1,"type":"EngineStarted","tag":90,
//    "schema":1,"recorded_at_ns":1764000000000000000,"payload":"AQIDBA=="}
#pragma once

#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "infrastructure/eventstore/recorded_event.hpp"

namespace nyxmon::tools {

std::string to_jsonl(const infra::eventstore::RecordView& record);

// Fails with a message saying what is wrong with the line.
domain::Result<infra::eventstore::RecordedEvent> from_jsonl(std::string_view line);

}  // namespace nyxmon::tools
