// The core's inbox: a consumer that paces itself takes what arrived in one
// turn; an interrupt still ends the wait at once.
#include "infrastructure/runtime/inbox.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace nyxmon::infra::runtime {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(Inbox, AnArrivalEndsAnUnpacedWait) {
  Inbox<int> inbox;
  std::jthread producer([&] {
    std::this_thread::sleep_for(20ms);
    inbox.push(7);
  });
  std::vector<int> out;
  EXPECT_EQ(inbox.drain_until(out, 10, Clock::now() + 30s), 1u);
  EXPECT_EQ(out, std::vector<int>{7});
}

TEST(Inbox, ArrivalsWhileTheConsumerPacesItselfAreTakenTogetherAfterThePace) {
  Inbox<int> inbox;
  const auto began = Clock::now();
  std::jthread producer([&] {
    for (int i = 1; i <= 3; ++i) {
      std::this_thread::sleep_for(10ms);
      inbox.push(i);
    }
  });
  std::vector<int> out;
  EXPECT_EQ(inbox.drain_until(out, 10, began + 30s, began + 200ms), 3u);
  EXPECT_GE(Clock::now() - began, 200ms);
  EXPECT_EQ(out, (std::vector<int>{1, 2, 3}));
}

TEST(Inbox, AnInterruptEndsThePaceAtOnce) {
  Inbox<int> inbox;
  const auto began = Clock::now();
  std::jthread stopper([&] {
    std::this_thread::sleep_for(20ms);
    inbox.interrupt();
  });
  std::vector<int> out;
  EXPECT_EQ(inbox.drain_until(out, 10, began + 60s, began + 60s), 0u);
  EXPECT_LT(Clock::now() - began, 30s);
}

TEST(Inbox, TakesAtMostWhatItIsAskedAndLeavesTheRestInOrder) {
  Inbox<int> inbox;
  for (int i = 0; i < 5; ++i)
    inbox.push(i);
  std::vector<int> out;
  EXPECT_EQ(inbox.drain_until(out, 3, Clock::now()), 3u);
  EXPECT_EQ(inbox.size(), 2u);
  EXPECT_EQ(inbox.drain_until(out, 3, Clock::now()), 2u);
  EXPECT_EQ(out, (std::vector<int>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace nyxmon::infra::runtime
