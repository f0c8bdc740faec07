#include "domain/rules/dependency_cycle.hpp"

#include <set>

namespace nyxmon::domain {

std::optional<std::vector<Dependency>> cycle_through(const Dependency& start,
                                                     const DependencyEdges& edges) {
  // Depth first, keeping the path from `start`; a node seen once needs no
  // second visit (any cycle through it back to start was found the first
  // time).
  std::set<Dependency> seen;
  std::vector<Dependency> path{start};
  std::vector<std::vector<Dependency>> pending{edges(start)};
  while (!pending.empty()) {
    if (pending.back().empty()) {
      pending.pop_back();
      path.pop_back();
      continue;
    }
    const Dependency next = pending.back().back();
    pending.back().pop_back();
    if (next == start) return path;
    if (!seen.insert(next).second) continue;
    path.push_back(next);
    pending.push_back(edges(next));
  }
  return std::nullopt;
}

std::string describe_cycle(const std::vector<Dependency>& cycle) {
  std::string text;
  for (const Dependency& node : cycle)
    text += describe(node) + " → ";
  return text + (cycle.empty() ? std::string() : describe(cycle.front()));
}

}  // namespace nyxmon::domain
