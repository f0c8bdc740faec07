#include "infrastructure/runtime/signal_handlers.hpp"

#include <csignal>

namespace nyxmon::infra::runtime {

SignalHandlers::SignalHandlers(boost::asio::io_context& io, Stop stop, Reload reload)
    : stop_signals_(io, SIGINT, SIGTERM),
      reload_signals_(io, SIGHUP),
      stop_(std::move(stop)),
      reload_(std::move(reload)) {
  stop_signals_.async_wait([this](boost::system::error_code error, int signal) {
    if (!error) stop_(signal == SIGINT ? "SIGINT" : "SIGTERM");
  });
  await_reload();
}

void SignalHandlers::await_reload() {
  reload_signals_.async_wait([this](boost::system::error_code error, int) {
    if (error) return;  // the engine is stopping
    reload_();
    await_reload();
  });
}

}  // namespace nyxmon::infra::runtime
