// dependency_cycle.hpp — whether depends_on goes round in a circle. Nodes
// are checks and services; a check leads to its parents and its service's
// parents, a service to its parents and to its member checks (its status
// is theirs). A cycle would let an outage hold itself back, so definitions
// that make one are refused, with the path.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/model/dependency.hpp"

namespace nyxmon::domain {

// Where a node leads; the caller knows the checks and services.
using DependencyEdges = std::function<std::vector<Dependency>(const Dependency& node)>;

// A cycle through `start`: the nodes along it, `start` first (and not
// repeated at the end); nullopt when there is none.
std::optional<std::vector<Dependency>> cycle_through(const Dependency& start,
                                                     const DependencyEdges& edges);

// "check api → service shop → check api".
std::string describe_cycle(const std::vector<Dependency>& cycle);

}  // namespace nyxmon::domain
