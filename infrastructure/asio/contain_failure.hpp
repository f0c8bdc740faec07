// contain_failure.hpp — the completion handler every spawned coroutine ends
// in. An exception that escapes a coroutine is logged to stderr with what the
// coroutine was doing, and goes no further: with asio::detached it would
// vanish without a trace, and thrown out of io_context::run() it would end
// the I/O thread.
//
//   asio::co_spawn(executor, serve(std::move(socket)), contain_failure("HTTP connection"));
#pragma once

#include <fmt/format.h>

#include <exception>
#include <string>

namespace nyxmon::infra {

inline auto contain_failure(std::string what) {
  return [what = std::move(what)](std::exception_ptr escaped) {
    if (!escaped) return;
    try {
      std::rethrow_exception(escaped);
    } catch (const std::exception& error) {
      fmt::print(stderr, "nyxmon: {} failed: {}\n", what, error.what());
    } catch (...) {
      fmt::print(stderr, "nyxmon: {} failed with an unknown exception\n", what);
    }
  };
}

}  // namespace nyxmon::infra
