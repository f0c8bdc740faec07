// acknowledgement_text.hpp — an acknowledgement told in one line, the same
// in `nyxmon events`, `replay --explain` and `status`:
//   "acknowledged down by alice (sticky, expires 2026-12-02T18:00:00Z): on it"
#pragma once

#include <string>

#include "domain/events/decision_events.hpp"
#include "domain/model/time_text.hpp"

namespace nyxmon::domain {

inline std::string describe_acknowledgement(Status status, const std::string& by,
                                            const std::string& comment, bool sticky,
                                            const std::optional<Timestamp>& expires_at) {
  std::string details;
  if (sticky) details = "sticky";
  if (expires_at)
    details += (details.empty() ? "" : ", ") + ("expires " + format_timestamp(*expires_at));
  return "acknowledged " + std::string(to_string(status)) + (by.empty() ? "" : " by " + by) +
         (details.empty() ? "" : " (" + details + ")") + (comment.empty() ? "" : ": " + comment);
}

inline std::string describe_acknowledgement(const CheckAcknowledged& e) {
  return describe_acknowledgement(e.status, e.by, e.comment, e.sticky, e.expires_at);
}

}  // namespace nyxmon::domain
