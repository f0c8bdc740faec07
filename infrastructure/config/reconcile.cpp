#include "infrastructure/config/reconcile.hpp"

#include <set>

namespace nyxmon::infra::config {

using namespace nyxmon::domain;

std::vector<Command> reconcile(const EngineConfig& config, const projections::Projections& state) {
  std::vector<Command> commands;
  std::set<ServiceId> services;
  std::set<CheckId> checks;
  std::set<NotifierId> notifiers;
  for (const auto& service : config.services) {
    services.insert(service.id);
    commands.push_back(DefineService{service});
  }
  for (const auto& notifier : config.notifiers) {
    notifiers.insert(notifier.id);
    commands.push_back(DefineNotifier{notifier});
  }
  for (const auto& check : config.checks) {
    checks.insert(check.id);
    commands.push_back(DefineCheck{check});
  }
  std::set<MaintenanceId> windows;
  for (const auto& window : config.maintenance) {
    windows.insert(window.id);
    commands.push_back(DefineMaintenance{window, "configuration"});
  }
  for (const MaintenanceRecord* record : state.maintenance().all()) {
    if (!record->removed && record->spec.from_configuration && !windows.count(record->spec.id))
      commands.push_back(RemoveMaintenance{record->spec.id, "configuration"});
  }
  for (const CheckRecord* record : state.checks().all()) {
    if (!record->removed && !checks.count(record->spec->id))
      commands.push_back(RemoveCheck{record->spec->id});
  }
  for (const ServiceRecord* record : state.services().all()) {
    if (!record->removed && !services.count(record->spec.id))
      commands.push_back(RemoveService{record->spec.id});
  }
  for (const NotifierSpec* notifier : state.outbox().notifiers()) {
    if (!notifiers.count(notifier->id)) commands.push_back(RemoveNotifier{notifier->id});
  }
  return commands;
}

std::vector<Command> merge(const EngineConfig& document, const projections::Projections& state) {
  std::vector<Command> commands;
  for (ServiceSpec service : document.services) {
    if (const ServiceRecord* known = state.services().find(service.id)) {
      if (service.name.empty()) service.name = known->spec.name;
      if (service.description.empty()) service.description = known->spec.description;
    }
    commands.push_back(DefineService{std::move(service)});
  }
  for (const auto& notifier : document.notifiers)
    commands.push_back(DefineNotifier{notifier});
  for (CheckSpec check : document.checks) {
    if (const CheckRecord* known = state.find_check(check.id); known && check.name.empty())
      check.name = known->spec->name;
    commands.push_back(DefineCheck{std::move(check)});
  }
  for (const auto& window : document.maintenance)
    commands.push_back(DefineMaintenance{window, "configuration"});
  return commands;
}

}  // namespace nyxmon::infra::config
