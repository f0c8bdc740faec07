#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "infrastructure/eventstore/event_store.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::eventstore {
namespace {

using namespace std::chrono_literals;
using testing::append_request;
using testing::read_all;
using testing::TempDir;

std::unique_ptr<EventStore> open_store(const std::filesystem::path& dir) {
  auto store = EventStore::open(dir, {.durability = Durability::kAsync});
  EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
  return std::move(*store);
}

TEST(EventStore, ReadViewIsUnchangedByLaterAppends) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store->append(append_request("check-a", 5)));
  const auto view = store->read_view();
  ASSERT_TRUE(store->append(append_request("check-a", 5)));

  EXPECT_EQ(view.head(), 5u);
  EXPECT_EQ(view.stream_version("check-a"), 5u);
  auto events = view.read_forward(1, 100);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->size(), 5u);
  EXPECT_EQ(store->read_view().head(), 10u);
}

TEST(EventStore, BatchedReadsOfOneViewAreConsistentWhileAnotherThreadAppends) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store->append(append_request("check-a", 100)));
  std::atomic<bool> stop = false;
  std::thread writer([&] {
    for (int i = 0; i < 200 && !stop; ++i) {
      // Each append writes one event to each of two streams atomically.
      const std::vector<AppendRequest> pair = {append_request("pair-x", 1, i),
                                               append_request("pair-y", 1, i)};
      ASSERT_TRUE(store->append_all(pair));
    }
  });
  for (int round = 0; round < 20; ++round) {
    const auto view = store->read_view();
    std::uint64_t next = 1, seen = 0, x = 0, y = 0;
    while (true) {
      auto batch = view.read_forward(next, 7);
      ASSERT_TRUE(batch);
      if (batch->empty()) break;
      for (const auto& event : *batch) {
        EXPECT_EQ(event.sequence, next);
        ++next;
        ++seen;
        x += event.stream == "pair-x";
        y += event.stream == "pair-y";
      }
    }
    EXPECT_EQ(seen, view.head());
    EXPECT_EQ(x, y) << "a view split an atomic append";
    EXPECT_EQ(x, view.stream_version("pair-x"));
  }
  stop = true;
  writer.join();
}

TEST(EventStore, WaitForWakesWhenAnotherThreadAppends) {
  TempDir dir;
  auto store = open_store(dir.path());
  EXPECT_FALSE(store->wait_for(0, 20ms));
  std::thread writer([&] {
    std::this_thread::sleep_for(30ms);
    ASSERT_TRUE(store->append(append_request("check-a", 1)));
  });
  EXPECT_TRUE(store->wait_for(0, 10s));
  EXPECT_EQ(store->head(), 1u);
  writer.join();
}

TEST(EventStore, SecondaryInstanceSeesNewEventsAfterCatchingUp) {
  TempDir dir;
  auto primary = open_store(dir.path() / "store");
  ASSERT_TRUE(primary->append(append_request("check-a", 3)));

  auto secondary = EventStore::open_secondary(dir.path() / "store", dir.path() / "reader");
  ASSERT_TRUE(secondary) << secondary.error().message;
  EXPECT_TRUE((*secondary)->is_secondary());
  EXPECT_EQ((*secondary)->head(), 3u);

  ASSERT_TRUE(primary->append(append_request("check-b", 4)));
  auto head = (*secondary)->catch_up();
  ASSERT_TRUE(head) << head.error().message;
  EXPECT_EQ(*head, 7u);
  const auto events = read_all(**secondary);
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(events.back().stream, "check-b");

  auto write = (*secondary)->append(append_request("check-c", 1));
  ASSERT_FALSE(write);
  EXPECT_NE(write.error().message.find("read-only"), std::string::npos);
}

TEST(EventStoreOpen, RefusesADirectoryThatIsNotAStore) {
  TempDir dir;
  std::FILE* file = std::fopen((dir.path() / "notes.txt").c_str(), "w");
  std::fputs("hello", file);
  std::fclose(file);
  auto store = EventStore::open(dir.path());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("is not a nyxmon store"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "CURRENT")) << "nothing may be created there";
}

TEST(EventStoreOpen, SecondaryOfAMissingStoreSaysThereIsNone) {
  TempDir dir;
  auto store = EventStore::open_secondary(dir.path() / "absent", dir.path() / "scratch");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, domain::ErrorCode::kNotFound);
  EXPECT_NE(store.error().message.find("no nyxmon store at"), std::string::npos);
}

TEST(EventStoreOpen, ReportsAStoreLockedByAnotherProcess) {
  TempDir dir;
  { open_store(dir.path()); }  // create it
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = EventStore::open(dir.path());
    char ok = store ? '1' : '0';
    (void)!write(ready[1], &ok, 1);
    pause();  // hold the lock until killed
    _exit(0);
  }
  char ok = 0;
  ASSERT_EQ(read(ready[0], &ok, 1), 1);
  ASSERT_EQ(ok, '1');
  auto second = EventStore::open(dir.path());
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  close(ready[0]);
  close(ready[1]);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, domain::ErrorCode::kUnavailable);
  EXPECT_NE(second.error().message.find("locked by another process; stop it or open read-only"),
            std::string::npos);
}

}  // namespace
}  // namespace nyxmon::infra::eventstore
