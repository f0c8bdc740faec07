// service_spec.hpp — a service: a named group of checks whose worst status
// is the service's status (see rules/service_rollup.hpp).
#pragma once

#include <string>

#include "domain/model/ids.hpp"
#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

struct ServiceSpec {
  ServiceId id;
  std::string name;  // for people; the id when empty
  std::string description;

  bool operator==(const ServiceSpec&) const = default;
  const std::string& display_name() const { return name.empty() ? id.value : name; }
  template <class Archive>
  void serialize(Archive& archive) {
    archive(id, name, description);
  }
};

ValidationProblems validate(const ServiceSpec& spec, const std::string& path);

}  // namespace nyxmon::domain
