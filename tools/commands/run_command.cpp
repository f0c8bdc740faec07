// nyxmon run — the engine: probes on schedule, records every decision.
#include <fmt/format.h>
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <csignal>

#include "infrastructure/api/api_token.hpp"
#include "infrastructure/api/http_server.hpp"
#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/eventstore/store_directory.hpp"
#include "infrastructure/runtime/control_socket.hpp"
#include "infrastructure/system/log.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/number_argument.hpp"
#include "tools/commands/commands.hpp"
#include "tools/engine/engine.hpp"

namespace nyxmon::tools {

namespace {

struct RunOptions {
  std::string config;
  std::size_t max_in_flight = 0;
  std::string listen;
  std::string log_level;
  std::string log_format = "text";
};

}  // namespace

void add_run_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto run_options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Run the engine: apply the configuration, probe every check on its schedule and record\n"
      "every run, result and status change in the store. Serves the status page, the JSON API,\n"
      "/metrics and the heartbeat push endpoint over HTTP (engine.listen, 127.0.0.1:8787 by\n"
      "default); writes through the API need the bearer token in <data>/api-token.\n"
      "Stops on SIGINT or SIGTERM. SIGHUP re-reads the configuration file and applies it as\n"
      "nyxmon apply does; a file with problems is reported (file:line:column) and changes\n"
      "nothing. Engine settings (engine:) take effect at the next start.\n"
      "Example: nyxmon run --config examples/nyxmon.yaml --data ./nyxmon-data --listen "
      "127.0.0.1:8787");
  command
      ->add_option("-c,--config", run_options->config,
                   "YAML configuration (default: $NYXMON_CONFIG, else ./nyxmon.yaml)")
      ->type_name("FILE");
  command
      ->add_option("--max-in-flight", run_options->max_in_flight,
                   "Probes running at once, at most (overrides engine.max_in_flight)")
      ->type_name("N")
      ->check(whole_number("a number of probes", infra::config::kMaxInFlightRange.low,
                           infra::config::kMaxInFlightRange.high));
  command
      ->add_option(
          "--listen", run_options->listen,
          "HTTP address HOST:PORT (port 0 picks a free one, written to <data>/nyxmon.http),\n"
          "or 'off' (overrides engine.listen)")
      ->type_name("ADDR");
  command
      ->add_option("--log-level", run_options->log_level,
                   "What the engine logs on stderr: debug, info, warn, error or off\n"
                   "(overrides engine.log_level; default info)")
      ->type_name("LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}));
  command
      ->add_option("--log-format", run_options->log_format,
                   "text (lines for a person, the default) or json (one object per line,\n"
                   "with time, level, message and the event's fields, for log shippers)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json"}));
  command->callback([&options, &exit_code, run_options] {
    // Set before any thread allocates: two malloc arenas hold a long-running
    // engine's heap with less waste than glibc's one per busy thread.
    mallopt(M_ARENA_MAX, 2);
    // A file size limit (ulimit -f) must be an error the store reports and
    // recovers from, not a signal that kills the engine.
    std::signal(SIGXFSZ, SIG_IGN);
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
    infra::system::configure_log(run_options->log_level.empty()
                                     ? config->settings.log_level
                                     : *infra::system::log_level_named(run_options->log_level),
                                 *infra::system::log_format_named(run_options->log_format));
    const auto data = resolve_data_directory(options.data);
    std::string listen =
        run_options->listen.empty() ? config->settings.listen : run_options->listen;
    if (listen == "off") listen.clear();

    // Sockets before the store: a port already taken, or another engine on
    // this data directory, stops this one before it has written anything.
    EngineSockets sockets;
    if (!listen.empty()) {
      auto bound = infra::api::ListeningSocket::bind(listen);
      if (!bound) {
        fmt::print(stderr, "nyxmon run: {}\n", bound.error().message);
        exit_code = kExitUsage;
        return;
      }
      sockets.http = std::move(*bound);
      if (config->settings.tls) {
        auto tls = infra::api::ServerTls::load(*config->settings.tls);
        if (!tls) {
          fmt::print(stderr, "nyxmon run: {}\n", tls.error().message);
          exit_code = kExitUsage;
          return;
        }
        sockets.http_tls = std::move(*tls);
      }
    }
    if (auto made = infra::eventstore::prepare_store_directory(data); !made) {
      fmt::print(stderr, "nyxmon run: {}\n", made.error().message);
      exit_code = kExitStore;
      return;
    }
    if (auto open = infra::eventstore::store_privacy_problem(data))
      fmt::print(stderr, "nyxmon run: warning: {}\n", *open);
    auto control = infra::runtime::ControlListener::bind(data / "nyxmon.sock");
    if (!control) {
      fmt::print(stderr, "nyxmon run: {}\n", control.error().message);
      exit_code = exit_code_for(control.error());
      return;
    }
    sockets.control = std::move(*control);

    auto store =
        infra::eventstore::EventStore::open(data, {.durability = config->settings.durability});
    if (!store) {
      fmt::print(stderr, "nyxmon run: {}\n", store.error().message);
      exit_code = kExitStore;
      return;
    }
    EngineOptions engine_options;
    engine_options.max_in_flight =
        run_options->max_in_flight ? run_options->max_in_flight : config->settings.max_in_flight;
    engine_options.max_exec_in_flight = config->settings.max_exec_in_flight;
    engine_options.io_threads = config->settings.io_threads;
    engine_options.snapshot_every = config->settings.snapshot_every;
    engine_options.control_directory = data;
    engine_options.keep_results = config->settings.keep_results;
    engine_options.config_path = config_path;
    engine_options.settings = config->settings;
    if (sockets.http) {
      auto token = infra::api::load_or_create_api_token(data, config->settings.api_token);
      if (!token) {
        fmt::print(stderr, "nyxmon run: {}\n", token.error().message);
        exit_code = kExitStore;
        return;
      }
      engine_options.api = {*token, config->settings.public_reads, config->settings.status_page};
    }
    auto engine = Engine::open(**store, engine_options);
    if (!engine) {
      fmt::print(stderr, "nyxmon run: {}\n", engine.error().message);
      exit_code = exit_code_for(engine.error());
      return;
    }
    if (auto started = (*engine)->start(*config, std::move(sockets)); !started) {
      fmt::print(stderr, "nyxmon run: {}\n", started.error().message);
      exit_code = exit_code_for(started.error());
      return;
    }
    // The engine has made the definitions its own; a large configuration's
    // parsed form is not needed any more.
    *config = infra::config::EngineConfig{};
    malloc_trim(0);
    if (auto ran = (*engine)->run(); !ran) {
      fmt::print(stderr, "nyxmon run: {}\n", ran.error().message);
      exit_code = kExitStore;
      return;
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
