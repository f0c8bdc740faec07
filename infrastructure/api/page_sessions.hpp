// page_sessions.hpp — the status page's logins. A visitor who gives the API
// token gets a session: a random id the browser keeps in an HttpOnly,
// SameSite=Strict cookie, good for `lifetime`, with a CSRF token of its own
// that the page's forms carry (logout). Kept in memory only: a restart logs
// everyone out, and logging out ends a session at once.
//
// Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace nyxmon::infra::api {

class PageSessions {
 public:
  using Clock = std::chrono::steady_clock;

  struct Session {
    std::string id;
    std::string csrf;
    Clock::time_point expires{};
  };

  // At most `most` sessions at once; opening one more ends the one that
  // expires first.
  explicit PageSessions(std::chrono::nanoseconds lifetime, std::size_t most = 10'000);

  // A new session, or nullopt when OpenSSL has no randomness to give.
  std::optional<Session> open(Clock::time_point now);
  // The open, unexpired session `id` names.
  std::optional<Session> find(std::string_view id, Clock::time_point now) const;
  void close(std::string_view id);

  std::chrono::nanoseconds lifetime() const { return lifetime_; }

 private:
  std::chrono::nanoseconds lifetime_;
  std::size_t most_;
  mutable std::mutex mutex_;
  std::map<std::string, Session, std::less<>> sessions_;
};

}  // namespace nyxmon::infra::api
