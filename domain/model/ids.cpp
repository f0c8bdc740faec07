#include "domain/model/ids.hpp"

namespace nyxmon::domain {

std::optional<std::string> id_problem(std::string_view text) {
  if (text.empty()) return "is empty";
  if (text.size() > 64) return "is longer than 64 characters";
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  };
  const char first = text.front();
  if (!((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9'))) {
    return "must start with a lower-case letter or a digit";
  }
  for (char c : text) {
    if (!allowed(c)) {
      return std::string("contains '") + c + "'; use a-z, 0-9, '_', '.' and '-'";
    }
  }
  return std::nullopt;
}

std::string stream_of(const ServiceId& id) {
  return "service-" + id.value;
}
std::string stream_of(const CheckId& id) {
  return "check-" + id.value;
}
std::string stream_of(const NotifierId& id) {
  return "notify-" + id.value;
}
std::string stream_of(const MaintenanceId& id) {
  return "maintenance-" + id.value;
}
std::string stream_of(const SilenceId& id) {
  return "silence-" + id.value;
}

}  // namespace nyxmon::domain
