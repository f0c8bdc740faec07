// run_on_io.hpp — runs one asynchronous probe operation to completion on a
// private io_context and returns what it reported.
#pragma once

#include <boost/asio/io_context.hpp>

#include <optional>
#include <stdexcept>

namespace nyxmon::testing {

// `start(executor, done)` must call done(result) exactly once.
template <class Result, class Start>
Result run_on_io(Start start) {
  boost::asio::io_context io;
  std::optional<Result> result;
  start(io.get_executor(), [&result](Result value) { result = std::move(value); });
  io.run();
  if (!result) throw std::logic_error("the operation never reported");
  return std::move(*result);
}

}  // namespace nyxmon::testing
