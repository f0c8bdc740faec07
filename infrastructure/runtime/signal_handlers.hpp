// signal_handlers.hpp — what the engine does on a signal: SIGINT and SIGTERM
// ask it to stop (with the signal's name as the reason), SIGHUP asks it to
// re-read its configuration. The handlers are Asio signal sets, so the
// work runs on an I/O thread, never in a signal handler.
//
// Owns the signal sets; they live on `io` and must go only once no thread
// runs `io` any more (after IoRuntime::stop()).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <functional>
#include <string>

namespace nyxmon::infra::runtime {

class SignalHandlers {
 public:
  using Stop = std::function<void(std::string reason)>;
  using Reload = std::function<void()>;

  // Calls `stop` once, on the first SIGINT or SIGTERM; `reload` on every
  // SIGHUP. Both run on `io`'s thread.
  SignalHandlers(boost::asio::io_context& io, Stop stop, Reload reload);

 private:
  void await_reload();

  boost::asio::signal_set stop_signals_;
  boost::asio::signal_set reload_signals_;
  Stop stop_;
  Reload reload_;
};

}  // namespace nyxmon::infra::runtime
