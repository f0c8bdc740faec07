#include "infrastructure/api/page_sessions.hpp"

#include <algorithm>

#include "infrastructure/api/api_token.hpp"

namespace nyxmon::infra::api {

PageSessions::PageSessions(std::chrono::nanoseconds lifetime, std::size_t most)
    : lifetime_(lifetime), most_(std::max<std::size_t>(most, 1)) {}

std::optional<PageSessions::Session> PageSessions::open(Clock::time_point now) {
  auto id = random_hex(32);
  auto csrf = random_hex(32);
  if (!id || !csrf) return std::nullopt;
  Session session{std::move(*id), std::move(*csrf),
                  now + std::chrono::duration_cast<Clock::duration>(lifetime_)};
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [now](const auto& entry) { return entry.second.expires <= now; });
  while (sessions_.size() >= most_) {
    auto first_to_expire = std::ranges::min_element(
        sessions_, {}, [](const auto& entry) { return entry.second.expires; });
    sessions_.erase(first_to_expire);
  }
  sessions_.emplace(session.id, session);
  return session;
}

std::optional<PageSessions::Session> PageSessions::find(std::string_view id,
                                                        Clock::time_point now) const {
  if (id.empty()) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(id);
  if (found == sessions_.end() || found->second.expires <= now) return std::nullopt;
  return found->second;
}

void PageSessions::close(std::string_view id) {
  std::lock_guard lock(mutex_);
  if (auto found = sessions_.find(id); found != sessions_.end()) sessions_.erase(found);
}

}  // namespace nyxmon::infra::api
