// subprocess.hpp — runs a program as a user would and captures what it says.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace nyxmon::testing {

struct ProcessOutput {
  int exit_code = -1;  // -1 when killed by a signal or the timeout
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is a path) with extra environment variables, waits
// at most `timeout`, and returns its exit code and output. stdin is /dev/null.
ProcessOutput run_process(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& environment = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

// A program left running while the test goes on; stop() signals it and
// collects what it said. The destructor kills it if still running.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv,
                    const std::vector<std::pair<std::string, std::string>>& environment = {});
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // Sends `signal`, waits up to `timeout` for the exit (then kills it).
  ProcessOutput stop(int signal, std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Sends `signal` and goes on.
  void signal(int signal);
  // What it has written to stderr so far (it keeps all of it for stop()).
  const std::string& stderr_so_far();
  int pid() const { return pid_; }

 private:
  int pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string out_text_, err_text_;
  void drain();
};

// Runs the built `nyxmon` executable with `arguments`.
ProcessOutput run_nyxmon(const std::vector<std::string>& arguments,
                         const std::vector<std::pair<std::string, std::string>>& environment = {});

// The path of the built `nyxmon` executable.
std::string nyxmon_binary();

}  // namespace nyxmon::testing
