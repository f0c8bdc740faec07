// nyxmon replay --explain — one check's history decision by decision, with
// the event that caused each and the rule that fired.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "domain/model/number_text.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/projection_loader.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "projections/explain.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/store_access.hpp"
#include "tools/cli/time_argument.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;

namespace {

struct ReplayOptions {
  std::string check;
  std::string until;
  bool explain = false;
  bool decisions_only = false;
};

}  // namespace

void add_replay_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto replay = std::make_shared<ReplayOptions>();
  CLI::App* command = app.add_subcommand(
      "replay",
      "Replay one check's events; --explain shows the rule behind every decision.\n"
      "Example: nyxmon replay --check api-health --until -1h --explain --decisions");
  command->add_option("--check", replay->check, "The check")->required();
  command->add_option("--until", replay->until, "Up to this instant (RFC 3339, -2h) or sequence")
      ->type_name("T|SEQ");
  command->add_flag("--explain", replay->explain, "Show the rule that fired for each step");
  command->add_flag("--decisions", replay->decisions_only,
                    "Only status changes, flapping and notifications");
  command->callback([&options, &exit_code, replay] {
    auto reader = StoreForReading::open(resolve_data_directory(options.data));
    if (!reader) {
      fmt::print(stderr, "nyxmon replay: {}\n", reader.error().message);
      exit_code = kExitStore;
      return;
    }
    const auto view = reader->store().read_view();
    std::uint64_t until_sequence = view.head();
    if (!replay->until.empty()) {
      if (auto sequence = domain::parse_number<std::uint64_t>(replay->until)) {
        until_sequence = *sequence;
      } else if (auto instant =
                     parse_time_argument(replay->until, infra::runtime::SystemClock().now())) {
        auto sequence = infra::eventstore::sequence_at(view, *instant);
        if (!sequence) {
          fmt::print(stderr, "nyxmon replay: {}\n", sequence.error().message);
          exit_code = kExitStore;
          return;
        }
        until_sequence = *sequence;
      } else {
        fmt::print(stderr, "nyxmon replay: --until '{}' is neither a time nor a sequence\n",
                   replay->until);
        exit_code = kExitUsage;
        return;
      }
    }
    const std::string stream = stream_of(CheckId{replay->check});
    if (view.stream_version(stream) == 0) {
      fmt::print(stderr, "nyxmon replay: no check '{}' in this store\n", replay->check);
      exit_code = kExitUsage;
      return;
    }
    std::vector<Envelope> events;
    std::uint64_t from = 1;
    bool done = false;
    while (!done) {
      auto batch = view.read_stream(stream, from, 4096);
      if (!batch || batch->empty()) break;
      for (const auto& record : *batch) {
        from = record.stream_version + 1;
        if (record.sequence > until_sequence) {
          done = true;
          break;
        }
        auto envelope = infra::eventstore::DomainCodec::instance().decode(record);
        if (envelope) events.push_back(std::move(*envelope));
      }
    }
    for (const auto& step : projections::explain(events)) {
      if (replay->decisions_only && !step.decision) continue;
      if (options.json) {
        boost::json::object line{{"sequence", step.sequence},
                                 {"at", format_time(step.at)},
                                 {"event", step.event},
                                 {"what", step.what},
                                 {"decision", step.decision}};
        if (replay->explain) line["rule"] = step.rule;
        fmt::print("{}\n", boost::json::serialize(line));
      } else {
        fmt::print("{:>8}  {}  {:<20} {}{}\n", step.sequence, format_time(step.at), step.event,
                   step.what, replay->explain && !step.rule.empty() ? "  [" + step.rule + "]" : "");
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
