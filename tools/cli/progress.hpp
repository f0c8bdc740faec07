// progress.hpp — a one-line progress display for long work, on a terminal
// only: when stderr is not a terminal (a pipe, a file, CI), it prints nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace nyxmon::tools {

class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();  // clears the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Redraws at most ten times a second.
  void update(std::uint64_t done, std::uint64_t total);

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace nyxmon::tools
