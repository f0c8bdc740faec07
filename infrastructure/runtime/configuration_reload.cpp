#include "infrastructure/runtime/configuration_reload.hpp"

#include <fmt/format.h>

#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/config/reconcile.hpp"
#include "infrastructure/system/log.hpp"

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;

void ConfigurationReload::reload() {
  if (path_.empty()) {
    system::log_warn("SIGHUP: no configuration file to re-read", {{"event", "reload"}});
    return;
  }
  const std::string source = path_.string();
  auto config = config::load_config_file(source);
  if (!config) {
    system::log_warn("SIGHUP: " + config.error().message,
                     {{"event", "reload"}, {"source", source}, {"error", config.error().message}});
    system::log_warn("SIGHUP: nothing changed", {{"event", "reload"}, {"source", source}});
    return;
  }
  const auto& now = config->settings;
  const auto& then = started_with_;
  if (now != then) {
    system::log_warn(
        "SIGHUP: " + source + " changes engine settings; they take effect at the next start",
        {{"event", "reload"}, {"source", source}});
  }
  core_.submit(
      ControlWork{
          CommandExpander([config = std::move(*config)](const projections::Projections& state) {
            return config::reconcile(config, state);
          })},
      [source](const CommandOutcome& outcome) {
        if (!outcome.accepted()) {
          system::log_warn("SIGHUP: " + source + " was not applied: " + outcome.why(),
                           {{"event", "reload"}, {"source", source}, {"error", outcome.why()}});
        } else {
          system::log_info(fmt::format("SIGHUP: applied {}: {} event{} recorded", source,
                                       outcome.event_count, outcome.event_count == 1 ? "" : "s"),
                           {{"event", "reload"},
                            {"source", source},
                            {"events", std::to_string(outcome.event_count)}});
        }
      });
}

}  // namespace nyxmon::infra::runtime
