#include "domain/decisions/deciding.hpp"

#include "domain/model/time_text.hpp"
#include "domain/rules/dependency_cycle.hpp"

namespace nyxmon::domain::deciding {

std::vector<Dependency> Deciding::parents_of(const CheckSpec& spec) const {
  std::vector<Dependency> parents = spec.depends_on;
  if (const ServiceRecord* service = state_.find_service(spec.service);
      service && !service->removed) {
    parents.insert(parents.end(), service->spec.depends_on.begin(), service->spec.depends_on.end());
  }
  return parents;
}

std::optional<std::string> Deciding::failing_parent(const CheckSpec& spec) const {
  for (const Dependency& parent : parents_of(spec)) {
    if (parent.kind == Dependency::Kind::kCheck) {
      const CheckRecord* record = state_.find_check(CheckId{parent.id});
      if (record == nullptr || record->removed) continue;
      const Status status = record->state.status;
      if (is_failing(status)) {
        return "parent " + parent.id + " " + std::string(to_string(status)) + " since " +
               format_timestamp(record->status_since);
      }
      if (record->state.consecutive_failures > 0 && status != Status::kPaused) {
        return "parent " + parent.id + " failing (soft failure " +
               std::to_string(record->state.consecutive_failures) + "/" +
               std::to_string(record->spec->failure_threshold) + ")";
      }
    } else {
      const ServiceRecord* record = state_.find_service(ServiceId{parent.id});
      if (record == nullptr || record->removed || !is_failing(record->status)) continue;
      return "parent service " + parent.id + " " + std::string(to_string(record->status)) +
             " since " + format_timestamp(record->status_since);
    }
  }
  return std::nullopt;
}

std::optional<std::string> Deciding::hold_for_dependency(const CheckSpec& spec, Step& stepped) {
  if (!stepped.change || !is_problem(stepped.change->to)) return std::nullopt;
  const auto parent = failing_parent(spec);
  if (!parent) return std::nullopt;
  const std::string suppressed = "suppressed: " + *parent;
  hold(stepped, Status::kUnreachable, suppressed);
  if (!stepped.change) return std::nullopt;
  return suppressed;
}

std::vector<Dependency> Deciding::dependency_edges(const Dependency& node, const CheckSpec* check,
                                                   const ServiceSpec* service) const {
  std::vector<Dependency> edges;
  auto service_spec = [&](const ServiceId& id) -> const ServiceSpec* {
    if (service && service->id == id) return service;
    const ServiceRecord* record = state_.find_service(id);
    return record && !record->removed ? &record->spec : nullptr;
  };
  if (node.kind == Dependency::Kind::kCheck) {
    const CheckSpec* spec = check && check->id.value == node.id ? check : nullptr;
    if (spec == nullptr) {
      const CheckRecord* record = state_.find_check(CheckId{node.id});
      if (record == nullptr || record->removed) return edges;
      spec = &*record->spec;
    }
    edges = spec->depends_on;
    if (const ServiceSpec* in = service_spec(spec->service))
      edges.insert(edges.end(), in->depends_on.begin(), in->depends_on.end());
    return edges;
  }
  const ServiceSpec* spec = service_spec(ServiceId{node.id});
  if (spec == nullptr) return edges;
  edges = spec->depends_on;
  if (const ServiceRecord* record = state_.find_service(spec->id)) {
    for (const CheckId& member : record->checks)
      edges.push_back({Dependency::Kind::kCheck, member.value});
  }
  if (check && check->service == spec->id)
    edges.push_back({Dependency::Kind::kCheck, check->id.value});
  return edges;
}

bool Deciding::dependencies_hold(const Dependency& self, const CheckSpec* check,
                                 const ServiceSpec* service) {
  std::vector<Dependency> starts{self};
  if (service && (!service->depends_on.empty())) {
    if (const ServiceRecord* record = state_.find_service(service->id)) {
      for (const CheckId& member : record->checks)
        starts.push_back({Dependency::Kind::kCheck, member.value});
    }
  }
  for (const Dependency& start : starts) {
    const auto cycle = cycle_through(
        start, [&](const Dependency& node) { return dependency_edges(node, check, service); });
    if (cycle) {
      reject(Error::invalid_argument("depends_on makes a cycle: " + describe_cycle(*cycle),
                                     "depends_on"));
      return false;
    }
  }
  return true;
}

}  // namespace nyxmon::domain::deciding
