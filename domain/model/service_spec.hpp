// service_spec.hpp — a service: a named group of checks whose worst status
// is the service's status (see rules/service_rollup.hpp), and the parents
// its checks depend on.
#pragma once

#include <string>
#include <vector>

#include "domain/model/dependency.hpp"
#include "domain/model/ids.hpp"
#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

struct ServiceSpec {
  ServiceId id;
  std::string name;  // for people; the id when empty
  std::string description;
  // Parents of every check of the service (added to each check's own).
  std::vector<Dependency> depends_on;

  bool operator==(const ServiceSpec&) const = default;
  const std::string& display_name() const { return name.empty() ? id.value : name; }
  template <class Archive>
  void serialize(Archive& archive) {
    serialize_schema1(archive);
    archive(depends_on);
  }
  // The fields as definitions of schema 1 carried them (before depends_on).
  template <class Archive>
  void serialize_schema1(Archive& archive) {
    archive(id, name, description);
  }
};

ValidationProblems validate(const ServiceSpec& spec, const std::string& path);

}  // namespace nyxmon::domain
