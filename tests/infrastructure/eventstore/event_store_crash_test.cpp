// The crash test: a child appends in `sync` mode and is killed with SIGKILL
// at random moments; every append it saw acknowledged must survive, and the
// store must verify clean, again and again on the same store.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <sstream>
#include <thread>

#include "infrastructure/eventstore/event_store.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::eventstore {
namespace {

using namespace std::chrono_literals;

struct ChildRun {
  std::uint64_t last_acked = 0;
  std::size_t acks = 0;
};

// Starts the appender, lets it run for `run_for`, kills it, and returns what
// it acknowledged. With `from_open` the time counts from the moment the store
// is open (so a slow start, as under sanitizers, still leaves time to append);
// without it, from the start, so some kills land while the store opens.
ChildRun run_and_kill(const std::filesystem::path& store, std::uint64_t seed,
                      std::chrono::milliseconds run_for, bool from_open) {
  int out[2];
  EXPECT_EQ(pipe(out), 0);
  const pid_t child = fork();
  if (child == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    const std::string seed_text = std::to_string(seed);
    execl(NYXMON_CRASH_APPENDER, NYXMON_CRASH_APPENDER, store.c_str(), seed_text.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string output;
  char buffer[4096];
  const auto started = std::chrono::steady_clock::now();
  auto deadline = from_open ? started + 30s : started + run_for;
  bool opened = false;
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  while (std::chrono::steady_clock::now() < deadline) {
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n > 0)
      output.append(buffer, static_cast<std::size_t>(n));
    else
      std::this_thread::sleep_for(1ms);
    if (from_open && !opened && output.find("opened") != std::string::npos) {
      opened = true;
      deadline = std::chrono::steady_clock::now() + run_for;
    }
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  fcntl(out[0], F_SETFL, 0);
  ssize_t n;
  while ((n = read(out[0], buffer, sizeof buffer)) > 0)
    output.append(buffer, static_cast<std::size_t>(n));
  close(out[0]);
  EXPECT_TRUE(WIFSIGNALED(status)) << "the appender exited by itself: " << output.substr(0, 200);

  ChildRun run;
  std::istringstream lines(output);
  std::string word;
  std::uint64_t sequence;
  while (lines >> word >> sequence) {
    if (word == "acked") {
      run.last_acked = sequence;
      ++run.acks;
    }
  }
  return run;
}

TEST(EventStoreCrash, EveryAcknowledgedAppendSurvivesSigkillAndTheStoreVerifies) {
  testing::TempDir dir;
  std::mt19937_64 random(20261124);
  const auto test_deadline = std::chrono::steady_clock::now() + 40s;
  std::uint64_t previous_head = 0;
  int crashes = 0;
  std::size_t total_acks = 0;
  while (crashes < 30 && std::chrono::steady_clock::now() < test_deadline) {
    const auto run_for = std::chrono::milliseconds(20 + random() % 200);
    const bool from_open = crashes % 4 != 0;
    const ChildRun run = run_and_kill(dir.path(), random(), run_for, from_open);
    ++crashes;
    total_acks += run.acks;

    auto store = EventStore::open(dir.path());
    ASSERT_TRUE(store) << "after crash " << crashes << ": " << store.error().message;
    const std::uint64_t head = (*store)->head();
    ASSERT_GE(head, run.last_acked) << "acknowledged events were lost in crash " << crashes;
    ASSERT_GE(head, previous_head);
    previous_head = head;

    const auto events = testing::read_all(**store);
    ASSERT_EQ(events.size(), head);
    for (const auto& event : events) {
      ASSERT_EQ(event.payload, testing::sample_payload(event.sequence, 150))
          << "event " << event.sequence << " has another event's payload";
    }
    auto report = (*store)->verify();
    ASSERT_TRUE(report);
    ASSERT_TRUE(report->ok()) << "crash " << crashes << ": " << report->problems.front().what;
  }
  std::printf("crash test: %d crashes, %zu acknowledged appends, %llu events\n", crashes,
              total_acks, static_cast<unsigned long long>(previous_head));
  EXPECT_GE(crashes, 5);
  EXPECT_GT(total_acks, 0u) << "the appender never got an append through";
}

}  // namespace
}  // namespace nyxmon::infra::eventstore
