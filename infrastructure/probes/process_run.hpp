// process_run.hpp — one run of a command, as a plugin check needs it: its
// standard output and error read (each capped), its exit code or signal,
// and a deadline after which its whole process group is killed.
//
// The command runs in a process group of its own, with the environment
// and working directory given, standard input from /dev/null, signals at
// their defaults, and no file descriptor of the engine but the two pipes.
// Children it leaves behind are killed with the group when it exits.
// Its exit is watched through a pidfd, so nothing else in the engine needs
// SIGCHLD. Linux only (pidfd_open, 5.3).
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace nyxmon::infra::probes {

struct ProcessRequest {
  std::vector<std::string> argv;         // argv[0] a path to an executable
  std::vector<std::string> environment;  // "NAME=value"; nothing else is passed on
  std::string working_directory = "/";
  std::chrono::nanoseconds timeout = std::chrono::seconds(10);
  std::size_t max_output_bytes = 64 * 1024;  // per stream; the rest is read and dropped
};

struct ProcessOutcome {
  std::string failure;  // the command could not be started, and why; then nothing else is set
  std::optional<int> exit_code;
  int signal = 0;  // the signal that ended it, when one did
  bool timed_out = false;
  std::string output;  // standard output, at most max_output_bytes
  std::string errors;  // standard error, at most max_output_bytes
  bool output_cut = false;
  std::chrono::nanoseconds duration{0};
};

// Starts the command on `executor` (one thread); calls `done` there once.
void start_process(boost::asio::any_io_executor executor, ProcessRequest request,
                   std::function<void(ProcessOutcome)> done);

}  // namespace nyxmon::infra::probes
