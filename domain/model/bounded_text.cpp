#include "domain/model/bounded_text.hpp"

#include "domain/model/utf8_text.hpp"

namespace nyxmon::domain {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool is_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// Valid UTF-8 on one line: breaks and tabs become spaces, other controls U+FFFD.
std::string one_line(std::string_view text) {
  const std::string valid = valid_utf8(text);
  std::string out;
  out.reserve(valid.size());
  for (const char c : valid) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r' || c == '\t')
      out += ' ';
    else if (byte < 0x20 || byte == 0x7F)
      out += kReplacement;
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string bounded_text(std::string_view text, std::size_t max_bytes) {
  std::string out = one_line(text);
  if (out.size() <= max_bytes) return out;
  // The marker's count is at most out.size(), so room for that many digits
  // keeps the whole within max_bytes wherever the cut falls.
  const std::size_t marker_room =
      std::string_view("… (+ bytes)").size() + std::to_string(out.size()).size();
  std::size_t cut = max_bytes > marker_room ? max_bytes - marker_room : 0;
  while (cut > 0 && is_continuation(out[cut]))
    --cut;
  const std::size_t dropped = out.size() - cut;
  out.resize(cut);
  out += "… (+" + std::to_string(dropped) + " bytes)";
  return out;
}

ProbeResult with_bounded_text(ProbeResult result) {
  result.reason = bounded_text(result.reason, kMaxReasonBytes);
  if (result.answers.size() > kMaxAnswers) {
    const std::size_t more = result.answers.size() - (kMaxAnswers - 1);
    result.answers.resize(kMaxAnswers - 1);
    result.answers.push_back("… (+" + std::to_string(more) + " answers)");
  }
  for (auto& answer : result.answers)
    answer = bounded_text(answer, kMaxAnswerBytes);
  if (result.measurements.size() > kMaxMeasurements) result.measurements.resize(kMaxMeasurements);
  for (auto& measurement : result.measurements) {
    measurement.label = bounded_text(measurement.label, kMaxLabelBytes);
    measurement.unit = bounded_text(measurement.unit, kMaxLabelBytes);
    measurement.text = bounded_text(measurement.text, kMaxQuotedBytes);
  }
  return result;
}

}  // namespace nyxmon::domain
