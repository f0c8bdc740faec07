// nyxmon run — the engine: probes on schedule, records every decision.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/runtime/engine.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

namespace {

struct RunOptions {
  std::string config;
  std::size_t max_in_flight = 0;
};

}  // namespace

void add_run_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto run_options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Run the engine: apply the configuration, probe every check on its schedule and record\n"
      "every run, result and status change in the store. Stops on SIGINT or SIGTERM.\n"
      "Example: nyxmon run --config examples/nyxmon.yaml --data ./nyxmon-data");
  command
      ->add_option("-c,--config", run_options->config,
                   "YAML configuration (default: $NYXMON_CONFIG, else ./nyxmon.yaml)")
      ->type_name("FILE");
  command->add_option("--max-in-flight", run_options->max_in_flight,
                      "Probes running at once, at most (overrides engine.max_in_flight)");
  command->callback([&options, &exit_code, run_options] {
    std::string config_path = run_options->config;
    if (config_path.empty()) {
      const char* from_environment = std::getenv("NYXMON_CONFIG");
      config_path = from_environment && *from_environment ? from_environment : "nyxmon.yaml";
    }
    auto config = infra::config::load_config_file(config_path);
    if (!config) {
      fmt::print(stderr, "{}\n", config.error().message);
      exit_code = kExitUsage;
      return;
    }
    const auto data = resolve_data_directory(options.data);
    auto store =
        infra::eventstore::EventStore::open(data, {.durability = config->settings.durability});
    if (!store) {
      fmt::print(stderr, "nyxmon run: {}\n", store.error().message);
      exit_code = kExitStore;
      return;
    }
    infra::runtime::EngineOptions engine_options;
    engine_options.max_in_flight =
        run_options->max_in_flight ? run_options->max_in_flight : config->settings.max_in_flight;
    engine_options.snapshot_every = config->settings.snapshot_every;
    engine_options.control_directory = data;
    infra::runtime::Engine engine(**store, engine_options);
    if (auto started = engine.start(*config); !started) {
      fmt::print(stderr, "nyxmon run: {}\n", started.error().message);
      exit_code = exit_code_for(started.error());
      return;
    }
    if (auto ran = engine.run(); !ran) {
      fmt::print(stderr, "nyxmon run: {}\n", ran.error().message);
      exit_code = kExitStore;
      return;
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
