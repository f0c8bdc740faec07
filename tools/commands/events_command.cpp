// nyxmon events — the log decoded, one line per event; --follow streams a
// running engine's new events as they are recorded.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <csignal>
#include <thread>

#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/event_summary.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/number_argument.hpp"
#include "tools/cli/store_access.hpp"
#include "tools/cli/time_argument.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;
using infra::eventstore::summarize;

namespace {

struct EventsOptions {
  std::uint64_t after = 0;
  std::string stream;
  std::string type;
  std::uint64_t limit = 0;
  bool follow = false;
};

volatile std::sig_atomic_t interrupted = 0;

}  // namespace

void add_events_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto events = std::make_shared<EventsOptions>();
  CLI::App* command = app.add_subcommand(
      "events",
      "The event log decoded, one line per event (--json: one JSON object per line).\n"
      "Example: nyxmon events --stream check-api --type CheckStatusChanged --follow");
  command->add_option("--after", events->after, "Only events after this sequence")
      ->type_name("SEQ")
      ->check(whole_number("a sequence number", 0));
  command
      ->add_option("--stream", events->stream, "Only this stream (check-<id>, service-<id>, ...)")
      ->type_name("S");
  command->add_option("--type", events->type, "Only this event type (CheckStatusChanged, ...)")
      ->type_name("T");
  command->add_option("--limit", events->limit, "At most this many events")
      ->type_name("N")
      ->check(whole_number("a count", 1));
  command->add_flag("--follow", events->follow, "Keep printing new events until interrupted");
  command->callback([&options, &exit_code, events] {
    std::optional<std::uint32_t> tag;
    if (!events->type.empty()) {
      tag = tag_named(events->type);
      if (!tag) {
        fmt::print(stderr, "nyxmon events: '{}' is not an event type\n", events->type);
        exit_code = kExitUsage;
        return;
      }
    }
    auto reader = StoreForReading::open(resolve_data_directory(options.data));
    if (!reader) {
      fmt::print(stderr, "nyxmon events: {}\n", reader.error().message);
      exit_code = kExitStore;
      return;
    }
    std::signal(SIGINT, [](int) { interrupted = 1; });
    std::signal(SIGTERM, [](int) { interrupted = 1; });
    const auto& codec = infra::eventstore::DomainCodec::instance();
    std::uint64_t next = events->after + 1, printed = 0;
    bool failed = false;
    while (!interrupted) {
      const auto view = reader->store().read_view();
      auto visited = view.scan(next, 4096, [&](const infra::eventstore::RecordView& record) {
        next = record.sequence + 1;
        if (tag && record.type_tag != *tag) return true;
        if (!events->stream.empty() && record.stream != events->stream) return true;
        auto envelope = codec.decode(record);
        if (!envelope) {
          fmt::print(stderr, "nyxmon events: {}\n", envelope.error().message);
          failed = true;
          return true;
        }
        if (options.json) {
          fmt::print("{}\n", boost::json::serialize(boost::json::object{
                                 {"sequence", envelope->sequence},
                                 {"stream", envelope->stream},
                                 {"version", envelope->stream_version},
                                 {"type", name_of(envelope->event)},
                                 {"recorded_at", format_time(envelope->recorded_at)},
                                 {"summary", summarize(envelope->event)}}));
        } else {
          fmt::print("{:>8}  {}  {:<22} {:<21} {}\n", envelope->sequence,
                     format_time(envelope->recorded_at), envelope->stream, name_of(envelope->event),
                     summarize(envelope->event));
        }
        ++printed;
        return events->limit == 0 || printed < events->limit;
      });
      if (!visited) {
        fmt::print(stderr, "nyxmon events: {}\n", visited.error().message);
        exit_code = kExitStore;
        return;
      }
      std::fflush(stdout);
      if (events->limit && printed >= events->limit) break;
      if (*visited > 0) continue;
      if (!events->follow) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      if (auto caught = reader->store().catch_up(); !caught) {
        fmt::print(stderr, "nyxmon events: {}\n", caught.error().message);
        exit_code = kExitStore;
        return;
      }
    }
    exit_code = failed ? kExitStore : kExitOk;
  });
}

}  // namespace nyxmon::tools
