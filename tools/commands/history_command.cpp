// nyxmon history — one check's results, newest last, with outcome, reason
// and phase timings.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "domain/model/duration_text.hpp"
#include "domain/model/metric_rule.hpp"
#include "infrastructure/api/api_json.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/number_argument.hpp"
#include "tools/cli/store_access.hpp"
#include "tools/cli/time_argument.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;

namespace {

struct HistoryOptions {
  std::string check;
  std::string since;
  std::string until;
  std::size_t limit = 20;
};

std::string ms(Duration d) {
  if (d == Duration::zero()) return "-";
  return fmt::format("{:.1f}", std::chrono::duration<double, std::milli>(d).count());
}

}  // namespace

void add_history_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto history = std::make_shared<HistoryOptions>();
  CLI::App* command = app.add_subcommand(
      "history",
      "A check's results: outcome, reason, lag and phase timings in milliseconds.\n"
      "Example: nyxmon history api-health --since -1h --limit 50");
  command->add_option("check", history->check, "The check")->required();
  command->add_option("--since", history->since, "From this instant (RFC 3339 or -2h)")
      ->type_name("T");
  command->add_option("--until", history->until, "Up to this instant")->type_name("T");
  command
      ->add_option("--limit", history->limit, "At most this many results, the newest (default 20)")
      ->type_name("N")
      ->check(whole_number("a count", 1));
  command->callback([&options, &exit_code, history] {
    const Timestamp now = infra::runtime::SystemClock().now();
    std::optional<Timestamp> since, until;
    for (auto [text, into, flag] : {std::tuple{&history->since, &since, "--since"},
                                    std::tuple{&history->until, &until, "--until"}}) {
      if (text->empty()) continue;
      *into = parse_time_argument(*text, now);
      if (!*into) {
        fmt::print(stderr,
                   "nyxmon history: {} '{}' is not a time (use 2026-11-24T03:12:00Z or -2h)\n",
                   flag, *text);
        exit_code = kExitUsage;
        return;
      }
    }
    auto reader = StoreForReading::open(resolve_data_directory(options.data));
    if (!reader) {
      fmt::print(stderr, "nyxmon history: {}\n", reader.error().message);
      exit_code = kExitStore;
      return;
    }
    const auto view = reader->store().read_view();
    const std::string stream = stream_of(CheckId{history->check});
    if (view.stream_version(stream) == 0) {
      fmt::print(stderr, "nyxmon history: no check '{}' in this store\n", history->check);
      exit_code = kExitUsage;
      return;
    }
    std::vector<CheckResultRecorded> results;
    std::uint64_t from = 1;
    while (true) {
      auto batch = view.read_stream(stream, from, 4096);
      if (!batch) {
        fmt::print(stderr, "nyxmon history: {}\n", batch.error().message);
        exit_code = kExitStore;
        return;
      }
      if (batch->empty()) break;
      for (const auto& record : *batch) {
        from = record.stream_version + 1;
        if (record.type_tag != CheckResultRecorded::kTag) continue;
        auto envelope = infra::eventstore::DomainCodec::instance().decode(record);
        if (!envelope) continue;
        const auto& result = std::get<CheckResultRecorded>(envelope->event);
        if (since && result.result.started_at < *since) continue;
        if (until && result.result.started_at > *until) continue;
        results.push_back(result);
      }
    }
    if (results.size() > history->limit)
      results.erase(results.begin(), results.end() - static_cast<long>(history->limit));
    if (auto truncation = reader->store().truncation();
        truncation && truncation->before_sequence > 0 && (!since || *since < truncation->horizon)) {
      fmt::print(stderr, "nyxmon history: results recorded before {} were removed by retention\n",
                 format_time(truncation->horizon));
    }
    if (options.json) {
      for (const auto& r : results) {
        const auto& p = r.result.phases;
        fmt::print(
            "{}\n",
            boost::json::serialize(boost::json::object{
                {"run", r.run},
                {"started_at", format_time(r.result.started_at)},
                {"outcome", to_string(r.result.outcome)},
                {"reason", r.result.reason},
                {"duration_ms",
                 std::chrono::duration<double, std::milli>(r.result.duration).count()},
                {"lag_ms",
                 std::chrono::duration<double, std::milli>(r.result.scheduling_lag).count()},
                {"resolve_ms", std::chrono::duration<double, std::milli>(p.resolve).count()},
                {"connect_ms", std::chrono::duration<double, std::milli>(p.connect).count()},
                {"tls_ms", std::chrono::duration<double, std::milli>(p.tls).count()},
                {"first_byte_ms", std::chrono::duration<double, std::milli>(p.first_byte).count()},
                {"measurements", infra::api::measurements_json(r.result.measurements)}}));
      }
    } else {
      fmt::print("{:>6}  {:<24}  {:<5} {:>8} {:>7} {:>8} {:>8} {:>7} {:>8}  {}\n", "RUN", "STARTED",
                 "OUT", "TOTAL", "LAG", "RESOLVE", "CONNECT", "TLS", "1ST BYTE", "REASON");
      for (const auto& r : results) {
        const auto& p = r.result.phases;
        fmt::print("{:>6}  {:<24}  {:<5} {:>8} {:>7} {:>8} {:>8} {:>7} {:>8}  {}\n", r.run,
                   format_time(r.result.started_at), to_string(r.result.outcome),
                   ms(r.result.duration), ms(r.result.scheduling_lag), ms(p.resolve), ms(p.connect),
                   ms(p.tls), ms(p.first_byte),
                   r.result.measurements.empty()
                       ? r.result.reason
                       : r.result.reason + " | " + describe_measurements(r.result.measurements));
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
