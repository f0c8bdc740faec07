#include "infrastructure/probes/process_run.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "tests/support/run_on_io.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::probes {
namespace {

using namespace std::chrono_literals;

ProcessOutcome run(ProcessRequest request) {
  return testing::run_on_io<ProcessOutcome>([&](auto executor, auto done) {
    start_process(executor, std::move(request), std::move(done));
  });
}

ProcessRequest shell(const std::string& line) {
  ProcessRequest request;
  request.argv = {"/bin/sh", "-c", line};
  request.environment = {"PATH=/usr/bin:/bin"};
  request.timeout = 5s;
  return request;
}

TEST(ProcessRun, ReportsTheExitCodeAndBothStreams) {
  const auto outcome = run(shell("echo 'TCP OK|time=1s'; echo oops >&2; exit 2"));
  EXPECT_EQ(outcome.failure, "");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.signal, 0);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_EQ(outcome.output, "TCP OK|time=1s\n");
  EXPECT_EQ(outcome.errors, "oops\n");
}

TEST(ProcessRun, GetsOnlyTheEnvironmentAndDirectoryItIsGiven) {
  testing::TempDir dir;
  ::setenv("NYXMON_SECRET_OF_THE_ENGINE", "leak", 1);
  auto request = shell("pwd; echo \"[$NYXMON_SECRET_OF_THE_ENGINE][$GREETING]\"; ls /proc/self/fd");
  request.environment.push_back("GREETING=hello");
  request.working_directory = dir.path().string();
  const auto outcome = run(request);
  ::unsetenv("NYXMON_SECRET_OF_THE_ENGINE");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.errors;
  EXPECT_NE(outcome.output.find(dir.path().string() + "\n[][hello]\n"), std::string::npos)
      << outcome.output;
  // stdin, stdout, stderr, and the descriptor ls itself opened: nothing of the engine's.
  EXPECT_EQ(outcome.output.substr(outcome.output.find("]\n") + 2), "0\n1\n2\n3\n");
}

TEST(ProcessRun, ATimeoutKillsTheWholeProcessGroup) {
  testing::TempDir dir;
  const auto marker = dir.path() / "child-survived";
  // The child sleeps in the background and would write the marker later.
  auto request = shell("(sleep 1; touch " + marker.string() + ") & echo started; sleep 30");
  request.timeout = 300ms;
  const auto began = std::chrono::steady_clock::now();
  const auto outcome = run(request);
  EXPECT_LT(std::chrono::steady_clock::now() - began, 5s);
  EXPECT_TRUE(outcome.timed_out);
  EXPECT_EQ(outcome.signal, SIGKILL);
  EXPECT_EQ(outcome.output, "started\n");
  std::this_thread::sleep_for(1500ms);
  EXPECT_FALSE(std::filesystem::exists(marker)) << "a child outlived the timeout";
}

TEST(ProcessRun, ChildrenLeftBehindAfterAnExitAreKilledToo) {
  testing::TempDir dir;
  const auto marker = dir.path() / "child-survived";
  const auto outcome =
      run(shell("(sleep 1; touch " + marker.string() + ") >/dev/null 2>&1 & echo done"));
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_FALSE(outcome.timed_out);
  std::this_thread::sleep_for(1500ms);
  EXPECT_FALSE(std::filesystem::exists(marker)) << "a child outlived its plugin";
}

TEST(ProcessRun, OutputIsCappedAndTheRestDrained) {
  auto request = shell("head -c 1000000 /dev/zero | tr '\\0' x; exit 1");
  request.max_output_bytes = 1000;
  const auto outcome = run(request);
  EXPECT_EQ(outcome.exit_code, 1);  // not blocked on a full pipe
  EXPECT_EQ(outcome.output.size(), 1000u);
  EXPECT_TRUE(outcome.output_cut);
}

TEST(ProcessRun, ACommandThatCannotStartSaysWhy) {
  ProcessRequest request;
  request.argv = {"/nonexistent/check_nothing"};
  const auto outcome = run(request);
  EXPECT_NE(outcome.failure.find("cannot run /nonexistent/check_nothing"), std::string::npos)
      << outcome.failure;
  EXPECT_FALSE(outcome.exit_code);
}

TEST(ProcessRun, ADeathBySignalIsReported) {
  const auto outcome = run(shell("kill -SEGV $$"));
  EXPECT_EQ(outcome.signal, SIGSEGV);
  EXPECT_FALSE(outcome.exit_code);
}

}  // namespace
}  // namespace nyxmon::infra::probes

namespace nyxmon::infra::probes {
namespace {

// Runs overlapping in time on one io_context, as an engine's exec checks
// do: each ends as its own command did, whatever the others do meanwhile.
TEST(ProcessRun, ManyOverlappingRunsEachEndAsTheirCommandDid) {
  boost::asio::io_context io;
  constexpr int kRuns = 400;
  constexpr int kAtOnce = 16;
  int started = 0, finished = 0;
  std::vector<std::string> wrong;
  std::function<void()> start_one = [&] {
    const int code = started++ % 4;
    auto request =
        shell("sleep 0.0" + std::to_string(started % 5) + "; exit " + std::to_string(code));
    start_process(io.get_executor(), request, [&, code](ProcessOutcome outcome) {
      ++finished;
      if (outcome.exit_code != code || outcome.signal != 0 || outcome.timed_out) {
        wrong.push_back("expected exit " + std::to_string(code) + ", got " +
                        (outcome.exit_code ? "exit " + std::to_string(*outcome.exit_code)
                                           : "signal " + std::to_string(outcome.signal)) +
                        (outcome.timed_out ? " (timed out)" : ""));
      }
      if (started < kRuns) start_one();
    });
  };
  for (int i = 0; i < kAtOnce; ++i)
    start_one();
  io.run();
  EXPECT_EQ(finished, kRuns);
  EXPECT_TRUE(wrong.empty()) << wrong.size() << " runs ended otherwise, e.g. " << wrong.front();
}

}  // namespace
}  // namespace nyxmon::infra::probes
