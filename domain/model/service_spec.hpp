// service_spec.hpp — a service: a named group of checks whose worst status
// is the service's status (see rules/service_rollup.hpp), and the parents
// its checks depend on.
#pragma once

#include <cstdint>
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
  static constexpr std::uint16_t kSchema = 2;
  template <class Archive>
  void serialize(Archive& archive) {
    serialize_schema<kSchema>(archive);
  }
  // The fields definitions of schema `Schema` carried: 2 added depends_on.
  template <std::uint16_t Schema, class Archive>
  void serialize_schema(Archive& archive) {
    archive(id, name, description);
    if constexpr (Schema >= 2) archive(depends_on);
  }
};

ValidationProblems validate(const ServiceSpec& spec, const std::string& path);

}  // namespace nyxmon::domain
