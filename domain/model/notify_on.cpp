#include "domain/model/notify_on.hpp"

namespace nyxmon::domain {

std::string_view to_string(NotifyOn on) {
  switch (on) {
    case NotifyOn::kDown:
      return "down";
    case NotifyOn::kDegraded:
      return "degraded";
    case NotifyOn::kRecovered:
      return "recovered";
    case NotifyOn::kFlappingStarted:
      return "flapping_started";
    case NotifyOn::kFlappingStopped:
      return "flapping_stopped";
    case NotifyOn::kMaintenance:
      return "maintenance";
  }
  return "down";
}

std::optional<NotifyOn> parse_notify_on(std::string_view text) {
  for (NotifyOn on : kEveryNotifyOn) {
    if (text == to_string(on)) return on;
  }
  return std::nullopt;
}

std::string NotifyOnSet::describe() const {
  std::string text;
  for (NotifyOn on : kEveryNotifyOn) {
    if (has(on)) text += (text.empty() ? "" : ", ") + std::string(to_string(on));
  }
  return text.empty() ? "nothing" : text;
}

}  // namespace nyxmon::domain
