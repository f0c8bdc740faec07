// eventually.hpp — waiting for something another process or thread will do.
#pragma once

#include <chrono>
#include <thread>

namespace nyxmon::testing {

// Polls `probe` every 50 ms until it holds or `limit` passes; returns
// whether it held.
template <class Probe>
bool eventually(Probe probe, std::chrono::milliseconds limit = std::chrono::seconds(15)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (probe()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return probe();
}

}  // namespace nyxmon::testing
