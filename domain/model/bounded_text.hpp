// bounded_text.hpp — text that a target controls, made fit to record: valid
// UTF-8, on one line, and no longer than a documented size.
//
// A target writes what it likes into a response body, a header, a DNS
// answer or a certificate. What of it enters a result's reason or answers
// goes into an event, a log line and every notification, so it is cut
// here: at a character boundary, with a marker that says how much went.
//
//   bounded_text(900 KB of JSON, 200) == "{\"items\":[1,2,… (+921399 bytes)"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/model/probe_result.hpp"

namespace nyxmon::domain {

// The limits, in bytes of UTF-8 (docs/api.md states them).
inline constexpr std::size_t kMaxReasonBytes = 512;  // a result's or a delivery's reason
inline constexpr std::size_t kMaxQuotedBytes = 200;  // one value quoted inside a reason
inline constexpr std::size_t kMaxAnswerBytes = 256;  // one DNS answer
inline constexpr std::size_t kMaxAnswers = 16;       // answers kept per result
inline constexpr std::size_t kMaxMeasurements = 32;  // measurements kept per result
inline constexpr std::size_t kMaxLabelBytes = 64;    // a measurement's label or unit

// `text` with invalid UTF-8 replaced by U+FFFD, line breaks and tabs by
// spaces, other control characters by U+FFFD, and, when still longer than
// `max_bytes`, cut on a character boundary and ended with "… (+N bytes)"
// so that the whole is at most `max_bytes`. `max_bytes` must be at least 32.
std::string bounded_text(std::string_view text, std::size_t max_bytes);

// `result` with its reason and answers bounded as above, and at most
// kMaxAnswers answers (the last kept one says how many more there were);
// at most kMaxMeasurements measurements, their labels and units bounded to
// kMaxLabelBytes and their text to kMaxQuotedBytes.
ProbeResult with_bounded_text(ProbeResult result);

}  // namespace nyxmon::domain
