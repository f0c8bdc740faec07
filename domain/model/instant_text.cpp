#include "domain/model/instant_text.hpp"

#include "domain/model/duration_text.hpp"
#include "domain/model/time_text.hpp"

namespace nyxmon::domain {

std::optional<Timestamp> parse_instant(std::string_view text, Timestamp now) {
  if (text == "now") return now;
  if (!text.empty() && text.front() == '-') {
    auto ago = parse_duration(text.substr(1));
    if (!ago) return std::nullopt;
    return now - *ago;
  }
  return parse_timestamp(text);
}

}  // namespace nyxmon::domain
