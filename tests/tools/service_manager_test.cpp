// nyxmon run under a service manager, as systemd starts a unit of
// Type=notify with WatchdogSec=: on the socket NOTIFY_SOCKET names it says
// READY=1 with a STATUS of its checks once it serves, WATCHDOG=1 while its
// core turns, and STOPPING=1 when told to stop; with JOURNAL_STREAM set,
// every log line carries its syslog priority for the journal.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <fstream>

#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;

// A datagram socket bound where the engine will send its notifications.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0)
      throw std::runtime_error("cannot bind " + path.string());
  }
  ~NotifySocket() { ::close(fd_); }

  // The next datagram, or empty after `timeout`.
  std::string next(std::chrono::milliseconds timeout) {
    pollfd wanted{fd_, POLLIN, 0};
    if (::poll(&wanted, 1, static_cast<int>(timeout.count())) <= 0) return {};
    char buffer[4096];
    const auto got = ::recv(fd_, buffer, sizeof(buffer), 0);
    return got > 0 ? std::string(buffer, static_cast<std::size_t>(got)) : std::string();
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

TEST(ServiceManager, ReadyStatusWatchdogAndStoppingOnTheNotifySocket) {
  testing::TempDir dir;
  NotifySocket notify(dir / "notify");
  std::ofstream(dir / "nyxmon.yaml")
      << "engine: { durability: async }\n"
         "services:\n  - id: backend\n    checks:\n"
         "      - { id: closed-port, interval: 200ms, failure_threshold: 1, "
         "tcp: { host: 127.0.0.1, port: 1 } }\n";
  testing::BackgroundProcess engine(
      {testing::nyxmon_binary(), "run", "--config", (dir / "nyxmon.yaml").string(), "--data",
       (dir / "data").string(), "--listen", "127.0.0.1:0"},
      {{"NOTIFY_SOCKET", (dir / "notify").string()},
       {"WATCHDOG_USEC", "400000"},
       {"JOURNAL_STREAM", "8:12345"}});

  const std::string ready = notify.next(30s);
  EXPECT_TRUE(ready.starts_with("READY=1\nSTATUS=1 checks: ")) << ready;
  // WatchdogSec=0.4s: a ping at least every 0.2 s while the core turns.
  int pings = 0;
  const auto until = std::chrono::steady_clock::now() + 1500ms;
  while (std::chrono::steady_clock::now() < until) {
    const std::string message = notify.next(500ms);
    ASSERT_FALSE(message.empty()) << "the watchdog went silent";
    pings += message.find("WATCHDOG=1") != std::string::npos;
  }
  EXPECT_GE(pings, 5);

  engine.signal(SIGTERM);
  std::string last;
  for (std::string message = notify.next(10s); !message.empty(); message = notify.next(2s))
    last = message;
  EXPECT_TRUE(last.starts_with("STOPPING=1")) << last;
  const auto output = engine.stop(SIGTERM);
  EXPECT_EQ(output.exit_code, 0);
  EXPECT_NE(output.err.find("<6>nyxmon: started"), std::string::npos)
      << "the journal gets the level: " << output.err;
  EXPECT_NE(output.err.find("<6>nyxmon: stopped"), std::string::npos) << output.err;
}

}  // namespace
}  // namespace nyxmon::tools
