// spawn_probe.hpp — runs a probe's coroutine on an executor and reports its
// result exactly once, even when the coroutine throws: an exception becomes
// a result whose `failure` says so (a probe never throws into the core).
#pragma once

#include <boost/asio/co_spawn.hpp>

#include <exception>
#include <functional>
#include <memory>
#include <string>

namespace nyxmon::infra::probes {

// `prober` is a shared object whose run() returns awaitable<Result>; it is
// kept alive until `done` has been called.
template <class Prober, class Result>
void spawn_probe(boost::asio::any_io_executor executor, std::shared_ptr<Prober> prober,
                 std::function<void(Result)> done) {
  boost::asio::co_spawn(
      executor, [prober]() { return prober->run(); },
      [prober, done = std::move(done)](std::exception_ptr crashed, Result result) {
        if (crashed) {
          result = Result{};
          try {
            std::rethrow_exception(crashed);
          } catch (const std::exception& error) {
            result.failure = std::string("probe failed unexpectedly: ") + error.what();
          } catch (...) {
            result.failure = "probe failed unexpectedly";
          }
        }
        done(std::move(result));
      });
}

}  // namespace nyxmon::infra::probes
