// view_builder.hpp — takes an EngineView of the core's state: services,
// checks with their status, newest results, uptime bars and incidents, and
// the engine's figures. Called on the core thread; the view it returns is
// immutable and safe to hand to any thread.
#pragma once

#include <memory>
#include <string>

#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/live_figures.hpp"
#include "projections/projections.hpp"

namespace nyxmon::infra::api {

struct EngineContext {
  std::string version;
  domain::Timestamp started_at{};
  std::size_t probes_in_flight = 0;
  std::size_t max_in_flight = 0;
};

std::shared_ptr<const EngineView> build_view(const projections::Projections& state,
                                             const LiveFigures& figures,
                                             const EngineContext& context, domain::Timestamp now);

}  // namespace nyxmon::infra::api
