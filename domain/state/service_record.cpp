#include "domain/state/service_record.hpp"

#include <algorithm>

namespace nyxmon::domain {
namespace {

void join(std::set<CheckId>& checks, const CheckId& check) {
  checks.insert(check);
}

void leave(std::set<CheckId>& checks, const CheckId& check) {
  checks.erase(check);
}

}  // namespace

void fold(ServiceRecord& record, const Event& event, Timestamp recorded_at) {
  if (const auto* defined = std::get_if<ServiceDefined>(&event)) {
    if (record.removed || record.spec.id.empty()) {
      record = ServiceRecord{};
      record.status_since = recorded_at;
    }
    record.spec = defined->spec;
  } else if (std::holds_alternative<ServiceRemoved>(event)) {
    record.removed = true;
  } else if (const auto* changed = std::get_if<ServiceStatusChanged>(&event)) {
    record.status = changed->to;
    record.status_since = recorded_at;
  } else if (const auto* check = std::get_if<CheckDefined>(&event)) {
    if (check->spec->service == record.spec.id) join(record.checks, check->spec->id);
  } else if (const auto* redefined = std::get_if<CheckRedefined>(&event)) {
    if (redefined->spec->service == record.spec.id)
      join(record.checks, redefined->spec->id);
    else
      leave(record.checks, redefined->spec->id);
  } else if (const auto* removed = std::get_if<CheckRemoved>(&event)) {
    leave(record.checks, removed->check);
  }
}

}  // namespace nyxmon::domain
