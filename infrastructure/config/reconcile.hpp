// reconcile.hpp — the commands that make the engine's definitions match a
// configuration: define (or redefine) what the file has, remove what it no
// longer has. The decider turns an unchanged definition into nothing, so
// applying the same file twice appends nothing the second time.
#pragma once

#include <vector>

#include "domain/commands/command.hpp"
#include "infrastructure/config/engine_config.hpp"
#include "projections/projections.hpp"

namespace nyxmon::infra::config {

// Services and notifiers first (checks refer to them), then checks, then
// maintenance windows (they name checks and services), then removals of
// windows the file no longer has (ad hoc ones stay), checks, services and
// notifiers, in that order.
std::vector<domain::Command> reconcile(const EngineConfig& config,
                                       const projections::Projections& state);

// The commands that add and update what `document` names and leave all else
// alone (POST /api/v1/definitions without prune=true): nothing is removed,
// and a service's or check's `name` and a service's `description` that the
// document leaves out (or empty) keep the values they have. Otherwise what
// the document names is defined as written, as a configuration file would
// define it (fields left out of a check or notifier take their defaults).
std::vector<domain::Command> merge(const EngineConfig& document,
                                   const projections::Projections& state);

}  // namespace nyxmon::infra::config
