// nyxmon notify test NOTIFIER — sends a sample notification through a
// notifier, as the engine would send a problem, and prints the receiver's
// answer: the way to see that a token, a chat id or a URL is right before
// an outage needs them. The notifier comes from --config FILE, or else from
// the store's definitions.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "domain/model/bounded_text.hpp"
#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/notify/notification_sending.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "tools/cli/current_state.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;

namespace {

struct NotifyTestOptions {
  std::string notifier;
  std::string config;
  std::string check = "nyxmon-test";
};

Result<NotifierSpec> find_notifier(const GlobalOptions& options, const NotifyTestOptions& test) {
  if (!test.config.empty()) {
    auto config = infra::config::load_config_file(test.config);
    if (!config) return fail(std::move(config.error()));
    for (const auto& notifier : config->notifiers) {
      if (notifier.id.value == test.notifier) return notifier;
    }
    return fail(Error::not_found("no notifier named '" + test.notifier + "' in " + test.config));
  }
  auto state = load_current_state(resolve_data_directory(options.data));
  if (!state) return fail(std::move(state.error()));
  if (const NotifierSpec* notifier = state->find_notifier(NotifierId{test.notifier}))
    return *notifier;
  return fail(Error::not_found("no notifier named '" + test.notifier +
                               "' in the store (give --config FILE to use one from a file)"));
}

void send_test(const GlobalOptions& options, const NotifyTestOptions& test, int& exit_code) {
  auto notifier = find_notifier(options, test);
  if (!notifier) {
    fmt::print(stderr, "nyxmon notify test: {}\n", notifier.error().message);
    exit_code = exit_code_for(notifier.error());
    return;
  }
  NotificationRequested sample;
  sample.notifier = notifier->id;
  sample.check = CheckId{test.check};
  sample.service = ServiceId{"nyxmon"};
  sample.kind = NotificationKind::kProblem;
  sample.status = Status::kDown;
  sample.status_since = infra::runtime::SystemClock{}.now();
  sample.problem_began = sample.status_since;
  sample.reason = "a test notification sent by nyxmon notify test; nothing is down";
  boost::asio::io_context io;
  infra::probes::TlsContexts tls;
  infra::notify::NotifierAnswer answer;
  infra::notify::send_notification(io.get_executor(), tls, sample, *notifier,
                                   std::chrono::seconds(10),
                                   [&answer](infra::notify::NotifierAnswer got) { answer = got; });
  io.run();
  const std::string body = bounded_text(answer.body, 2000);
  if (options.json) {
    fmt::print("{}\n",
               boost::json::serialize(boost::json::object{{"notifier", notifier->id.value},
                                                          {"kind", to_string(notifier->kind)},
                                                          {"delivered", answer.delivered},
                                                          {"http_status", answer.http_status},
                                                          {"failure", answer.failure},
                                                          {"answer", body}}));
  } else {
    fmt::print("{} ({}): {}\n", notifier->id.value, to_string(notifier->kind),
               answer.delivered ? "delivered" : "not delivered: " + answer.failure);
    if (notifier->kind == NotifierKind::kEmail && !body.empty())
      fmt::print("SMTP {}\n", body);
    else if (answer.http_status != 0)
      fmt::print("HTTP {}  {}\n", answer.http_status, body);
  }
  exit_code = answer.delivered ? kExitOk : kExitNotDelivered;
}

}  // namespace

void add_notify_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  CLI::App* command = app.add_subcommand("notify", "Notifiers: send a test notification");
  command->require_subcommand(1);
  auto test = std::make_shared<NotifyTestOptions>();
  CLI::App* send = command->add_subcommand(
      "test",
      "Send a sample problem notification through NOTIFIER and print the receiver's answer.\n"
      "Exit code 0 when the receiver took it (an HTTP 2xx, or an SMTP server's 250), 4 when "
      "not.\n"
      "Example: nyxmon notify test pager --config /etc/nyxmon/nyxmon.yaml");
  send->add_option("notifier", test->notifier, "The notifier's id")->required();
  send->add_option("--config", test->config,
                   "Take the notifier from this configuration file instead of the store")
      ->type_name("FILE");
  send->add_option("--check", test->check, "The check id the sample names (default nyxmon-test)");
  send->callback([&options, &exit_code, test] { send_test(options, *test, exit_code); });
}

}  // namespace nyxmon::tools
