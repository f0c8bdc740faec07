// maintenance_fields.hpp — a maintenance window as people write it, in the
// configuration (`maintenance:`), on the command line (`nyxmon maintenance
// add`) and in the API (POST /api/v1/maintenance), and the one reading of
// those fields into a MaintenanceSpec.
//
//   one-off:  start (RFC 3339; "now" or absent where `now` is given) and
//             end or duration
//   weekly:   every: [mon … sun], at: "HH:MM", time_zone (IANA), duration
//   scope:    checks, services, or all: true
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model/maintenance_spec.hpp"
#include "domain/model/validation_problem.hpp"

namespace nyxmon::infra::config {

struct MaintenanceFields {
  std::string id;
  bool all = false;
  std::vector<std::string> checks;
  std::vector<std::string> services;
  std::optional<std::string> start, end, duration;
  std::vector<std::string> every;
  std::optional<std::string> at, time_zone;
  std::string comment;
};

struct MaintenanceReading {
  domain::MaintenanceSpec spec;
  domain::ValidationProblems problems;  // each at `path` + its field
};

// The spec `fields` describe, with every problem found (the domain's
// validation and the tz database's verdict on the zone included). `now`,
// when given, is the start of a one-off window that names none.
MaintenanceReading read_maintenance(const MaintenanceFields& fields, const std::string& path,
                                    std::optional<domain::Timestamp> now);

}  // namespace nyxmon::infra::config
