// Fuzz target: the HTTP API behind the listener — routing, query
// parameters, bearer tokens and request bodies (definitions, pause reasons,
// heartbeat paths) — over a real store and a real view of a small engine.
//
// Input: the first line is "METHOD TARGET", the last byte also picks
// the authorization (none, the token, a wrong one); the rest is the body.
// Every request must get exactly one response with a status and, for JSON,
// a body that parses.
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/api/api_router.hpp"
#include "infrastructure/api/view_builder.hpp"
#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/config/reconcile.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"

namespace {

using namespace nyxmon;

constexpr std::string_view kToken = "fuzzing-token-0123456789";
constexpr std::string_view kConfig = R"(services:
  - id: shop
    checks:
      - { id: web, interval: 1s, http: { url: "http://127.0.0.1:9/" } }
      - { id: nightly, heartbeat: { period: 1d, grace: 1h, token: nightly-secret-0123 } }
)";

// One small engine's state and the router over it, made once.
struct Harness {
  Harness() {
    directory =
        std::filesystem::temp_directory_path() / ("nyxmon-http-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory);
    store = std::move(*infra::eventstore::EventStore::open(
        directory, {.durability = infra::eventstore::Durability::kAsync}));
    infra::eventstore::StoreEventLog log(*store);
    domain::MessageBus bus(log, state);
    const auto now = domain::from_unix_nanos(1'800'000'000'000'000'000);
    auto config = infra::config::parse_config(kConfig, "fuzz.yaml");
    auto batch = bus.dispatch(infra::config::reconcile(*config, state), now);
    builder.observe(batch.appended);
    views.publish(builder.build(state, {"fuzz", now}, now), true);
    router = std::make_unique<infra::api::ApiRouter>(
        io.get_executor(), views, *store,
        [this](infra::runtime::ControlWork work,
               std::function<void(const domain::CommandOutcome&)> reply) {
          domain::CommandOutcome outcome;
          outcome.event_count = work.expand(state).size();
          reply(outcome);
        },
        infra::api::ApiSettings{std::string(kToken), false});
  }
  ~Harness() {
    router.reset();
    store.reset();
    std::filesystem::remove_all(directory);
  }

  std::filesystem::path directory;
  boost::asio::io_context io;
  std::unique_ptr<infra::eventstore::EventStore> store;
  projections::Projections state;
  infra::api::ViewBuilder builder;
  infra::api::ViewPublisher views;
  std::unique_ptr<infra::api::ApiRouter> router;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Harness harness;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto line_end = input.find('\n');
  const std::string_view line = input.substr(0, line_end);
  const auto space = line.find(' ');
  if (space == std::string_view::npos) return 0;
  infra::api::HttpRequest request;
  request.method = std::string(line.substr(0, space));
  const std::string_view target = line.substr(space + 1);
  const auto question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
  // Long polls wait for events that never come here.
  if (request.query.find("wait") != std::string::npos) return 0;
  switch (size > 0 ? data[size - 1] % 3 : 0) {
    case 1:
      request.authorization = "Bearer " + std::string(kToken);
      break;
    case 2:
      request.authorization = "Bearer not-the-token";
      break;
  }
  if (line_end != std::string_view::npos) request.body = std::string(input.substr(line_end + 1));
  request.remote = "127.0.0.1";

  int responses = 0;
  harness.router->handle(std::move(request), [&responses](infra::api::HttpResponse response) {
    ++responses;
    if (response.status < 100 || response.status > 599) __builtin_trap();
    if (response.content_type == "application/json") {
      boost::system::error_code error;
      (void)boost::json::parse(response.body, error);
      if (error) __builtin_trap();
    }
  });
  harness.io.poll();
  harness.io.restart();
  if (responses != 1) __builtin_trap();
  return 0;
}
